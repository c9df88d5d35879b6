package main

import (
	"context"
	"fmt"

	"folio/crawler"
)

func runVersion(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet("version", e)
	rest, err := parse(fs, args)
	if err != nil {
		return helpIsOK(err)
	}
	if len(rest) > 0 {
		return shapef("version: unexpected argument %q", rest[0])
	}
	_, err = fmt.Fprintf(e.stdout, "folio %s\n", crawler.Version)
	return err
}
