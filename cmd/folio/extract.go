package main

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"

	"folio/crawler"
	"folio/extract"
)

func runExtract(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet("extract", "[FILE...|-]", e)
	var common commonFlags
	common.register(fs, e)
	pageURL := fs.String("url", "", "the URL the page was served from (resolves its links); default the file's file:// URL")
	contentType := fs.String("content-type", "", "the Content-Type header the server sent (its charset is taken into account)")
	tz := fs.String("tz", "", "time zone of dates the page states without one (default Asia/Shanghai for Chinese pages, UTC otherwise)")
	files, err := parse(fs, args)
	if err != nil {
		return helpIsOK(err)
	}
	if len(files) == 0 {
		files = []string{"-"}
	}
	if *pageURL != "" {
		if err := checkURL(*pageURL); err != nil {
			return err
		}
	}
	opts := &extract.Options{}
	if *tz != "" {
		f := fetchFlags{tz: *tz}
		if opts.Location, err = f.location(); err != nil {
			return err
		}
	}
	log, err := common.logger(e)
	if err != nil {
		return err
	}
	failed := false
	for _, name := range files {
		raw, err := readInput(e, name)
		if err != nil {
			failed = true
			log.Error(oneLine(err))
			continue
		}
		u := *pageURL
		if u == "" {
			u = fileURL(name)
		}
		doc, err := crawler.ExtractDocument(raw, *contentType, u, opts)
		if err != nil {
			failed = true
			log.Error(fmt.Sprintf("%s: %s", name, oneLine(err)))
			continue
		}
		if err := writeJSON(e.stdout, doc); err != nil {
			return err
		}
	}
	if failed {
		return errPartial
	}
	return nil
}

func readInput(e *env, name string) ([]byte, error) {
	if name == "-" {
		return io.ReadAll(e.stdin)
	}
	return os.ReadFile(name)
}

func fileURL(name string) string {
	if name == "-" {
		return "file:///dev/stdin"
	}
	abs, err := filepath.Abs(name)
	if err != nil {
		abs = name
	}
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
}
