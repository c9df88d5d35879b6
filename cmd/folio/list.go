package main

import (
	"context"
	"strconv"
	"strings"
	"time"

	"folio/store"
)

func runList(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet("list", e)
	var common commonFlags
	common.register(fs.FlagSet, e)
	asJSON := fs.Bool("json", false, "one JSON document object per line")
	withText := fs.Bool("text", false, "with --json: include the text")
	site := fs.String("site", "", "only documents on this host (any port unless HOST:PORT)")
	since := fs.String("since", "", "only documents new or changed since DATE (2006-01-02, 2006-01-02T15:04[:05] local time, or RFC 3339)")
	rest, err := parse(fs, args)
	if err != nil {
		return helpIsOK(err)
	}
	if len(rest) > 0 {
		return shapef("list: unexpected argument %q", rest[0])
	}
	filter := store.DocumentFilter{Host: *site}
	if *since != "" {
		t, err := parseSince(*since)
		if err != nil {
			return err
		}
		filter.Since = t
	}
	db, err := common.openReader(e)
	if err != nil {
		return err
	}
	defer db.Close()

	if *asJSON {
		return db.Documents(filter, func(d *store.Document) error {
			return writeJSON(e.stdout, docJSON(d, *withText))
		})
	}
	var tb table
	tb.row("PUBLISHED", "PAGES", "CHARSET", "VERSION", "TITLE", "URL")
	err = db.Documents(filter, func(d *store.Document) error {
		charset := ""
		if len(d.Pages) > 0 {
			charset = d.Pages[0].Charset
		}
		published := d.Published
		if len(published) >= 16 {
			published = strings.Replace(published[:16], "T", " ", 1)
		}
		if published == "" {
			published = "-"
		}
		tb.row(published, strconv.Itoa(len(d.Pages)), charset, strconv.Itoa(d.Version), clip(d.Title, 60), d.URL)
		return nil
	})
	if err != nil {
		return err
	}
	return tb.write(e.stdout)
}

func parseSince(s string) (time.Time, error) {
	// Without a zone the time is local, as a user at the terminal means it.
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02T15:04", "2006-01-02 15:04", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, s, time.Local); err == nil {
			return t, nil
		}
	}
	return time.Time{}, shapef("--since: %q is not a date (2006-01-02, 2006-01-02T15:04[:05] local time, or RFC 3339)", s)
}
