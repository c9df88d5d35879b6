package main

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"folio/store"
)

func runList(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet("list", e)
	var common commonFlags
	common.register(fs.FlagSet, e)
	asJSON := fs.Bool("json", false, "one JSON document object per line")
	withText := fs.Bool("text", false, "with --json: include the text")
	site := fs.String("site", "", "only documents on this host")
	since := fs.String("since", "", "only documents new or changed since DATE (2006-01-02 or RFC 3339)")
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
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "PUBLISHED\tPAGES\tCHARSET\tVERSION\tTITLE\tURL")
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
		_, err := fmt.Fprintf(tw, "%s\t%d\t%s\t%d\t%s\t%s\n", published, len(d.Pages), charset, d.Version, clip(d.Title, 40), d.URL)
		return err
	})
	if ferr := tw.Flush(); err == nil {
		err = ferr
	}
	return err
}

func parseSince(s string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, s, time.Local); err == nil {
			return t, nil
		}
	}
	return time.Time{}, usagef("--since: %q is not a date (2006-01-02 or RFC 3339)", s)
}

// clip shortens s to n runes for a table column.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
