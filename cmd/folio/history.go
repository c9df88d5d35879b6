package main

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"folio/store"
)

func runHistory(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet("history", e)
	var common commonFlags
	common.register(fs.FlagSet, e)
	asJSON := fs.Bool("json", false, "print the history as one JSON object")
	urls, err := parse(fs, args)
	if err != nil {
		return helpIsOK(err)
	}
	if len(urls) != 1 {
		return shapef("history: give exactly one URL")
	}
	db, err := common.openReader(e)
	if err != nil {
		return err
	}
	defer db.Close()
	var h *store.History
	err = store.ErrNotFound
	for _, k := range lookupURLs(urls[0]) {
		if h, err = db.History(k); !errors.Is(err, store.ErrNotFound) {
			break
		}
	}
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("%s: not in the store", urls[0])
	}
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(e.stdout, h.InSeconds())
	}
	fmt.Fprintln(e.stdout, h.URL)
	var tb table
	tb.row("VERSION", "FIRST SEEN", "LAST SEEN", "UNCHANGED RE-FETCHES", "CONTENT HASH")
	for _, v := range h.Versions {
		tb.row(strconv.Itoa(v.Version), v.FirstSeen.Format("2006-01-02 15:04:05Z"),
			v.LastSeen.Format("2006-01-02 15:04:05Z"), strconv.Itoa(v.UnchangedRefetches), clip(v.ContentHash, 23))
	}
	return tb.write(e.stdout)
}
