package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"

	"folio/crawler"
	"folio/extract"
	"folio/internal/errtext"
)

func runExtract(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet("extract", e)
	var common commonFlags
	common.register(fs.FlagSet, e)
	pageURL := fs.String("url", "", "the URL the page was served from (resolves its links); default the file's file:// URL")
	contentType := fs.String("content-type", "", "the Content-Type header the server sent (its charset is taken into account)")
	tz := fs.String("tz", "", "time zone of dates the page states without one (default: the site's — .cn, .hk, .mo, .tw hosts and Chinese pages +08:00 — else UTC)")
	maxBody := byteSize(20 << 20)
	fs.Var(&maxBody, "max-body", "the most bytes (a `size`) read of a file; the rest is left out (5MiB, 512KiB, bytes)")
	// extract prints JSON whatever; --json is taken, as the other
	// commands take it, so that a habit does not end a pipeline.
	fs.Bool("json", true, "print JSON (always: extract has no other output)")
	files, err := parse(fs, args)
	if err != nil {
		return helpIsOK(err)
	}
	if len(files) == 0 {
		files = []string{"-"}
	}
	if err := checkFiles("extract", files); err != nil {
		return err
	}
	if maxBody <= 0 {
		return shapef("--max-body must be positive")
	}
	if *pageURL != "" {
		var err error
		if *pageURL, err = checkURL(*pageURL); err != nil {
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
		raw, cut, err := readInput(e, name, int64(maxBody))
		if err != nil {
			failed = true
			log.Error(errtext.Line(err))
			continue
		}
		if cut {
			log.Warn("file cut at --max-body", "file", name, "max-body", int64(maxBody))
		}
		u := *pageURL
		if u == "" {
			u = fileURL(name)
		}
		doc, list, err := crawler.ExtractDocument(raw, *contentType, u, opts)
		if err != nil {
			failed = true
			log.Error(fmt.Sprintf("%s: %s", name, errtext.Line(err)))
			continue
		}
		if list {
			// Printed all the same (one object per file), but said: its
			// text is the titles of its items.
			log.Warn(fmt.Sprintf("%s: a list or column page, not an article", name))
		}
		// A saved page was not fetched by folio: its page is dated as the
		// document is, when it was extracted (not year 1).
		for i := range doc.Pages {
			if doc.Pages[i].Fetched.IsZero() {
				doc.Pages[i].Fetched = doc.Fetched
			}
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

// checkFiles makes sure the files a command line names are there ("-",
// stdin, always is) before anything is read: one that is missing, or a
// directory, is a mistake in the command line (exit 2), told in one line
// that names it.
func checkFiles(cmd string, files []string) error {
	for _, name := range files {
		if name == "-" {
			continue
		}
		st, err := os.Stat(name)
		var pe *fs.PathError
		switch {
		case errors.As(err, &pe): // os.Stat's every error
			return usagef("%s: %s: %v", cmd, name, pe.Err)
		case st.IsDir():
			return usagef("%s: %s: is a directory, not a file", cmd, name)
		}
	}
	return nil
}

// readInput reads at most limit bytes of a file ("-": stdin), and says
// whether there was more (a page as --max-body would have kept it; not
// all of /dev/zero).
func readInput(e *env, name string, limit int64) ([]byte, bool, error) {
	r := e.stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, false, err
		}
		defer f.Close()
		r = f
	}
	raw, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, false, fmt.Errorf("%s: %w", name, err)
	}
	if int64(len(raw)) > limit {
		return raw[:limit], true, nil
	}
	return raw, false, nil
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
