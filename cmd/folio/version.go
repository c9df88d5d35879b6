package main

import (
	"context"
	"fmt"

	"folio/crawler"
)

func runVersion(ctx context.Context, e *env, args []string) error {
	_, err := fmt.Fprintf(e.stdout, "folio %s\n", crawler.Version)
	return err
}
