package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"folio/crawler"
	"folio/internal/bundle"
)

func runImport(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet("import", e)
	var common commonFlags
	common.register(fs.FlagSet, e)
	var lockTimeout time.Duration
	durationVar(fs.FlagSet, &lockTimeout, "lock-timeout", 10*time.Second, "how long to wait for another folio writing the store (0: do not wait)")
	maxPages := fs.Int("max-pages", 50, "pages followed per article")
	tz := fs.String("tz", "", "time zone of dates a page states without one (default: the site's — .cn, .hk, .mo, .tw hosts and Chinese pages +08:00 — else UTC)")
	maxBody := byteSize(20 << 20)
	fs.Var(&maxBody, "max-body", "the `size` of the largest body kept; longer ones are cut and marked truncated (5MiB, 512KiB, bytes)")
	asJSON := fs.Bool("json", false, "print the summary as JSON")
	files, err := parse(fs, args)
	if err != nil {
		return helpIsOK(err)
	}
	if len(files) == 0 {
		return shapef("import: no WARC file given")
	}
	if *maxPages < 1 {
		return shapef("--max-pages must be at least 1")
	}
	if maxBody <= 0 {
		return shapef("--max-body must be positive")
	}
	loc, err := (&fetchFlags{tz: *tz}).location()
	if err != nil {
		return err
	}
	if err := checkFiles("import", files); err != nil {
		return err
	}
	log, err := common.logger(e)
	if err != nil {
		return err
	}
	if lockTimeout < 0 {
		return shapef("--lock-timeout must not be negative (0: do not wait)")
	}
	db, err := openStore(ctx, common.db, false, lockTimeout, log)
	if err != nil {
		return err
	}
	defer db.Close()

	sum, err := bundle.Import(ctx, db, files, bundle.ImportOptions{
		Archive: crawler.ArchiveOptions{MaxPages: *maxPages, Location: loc, Attachments: true},
		MaxBody: int64(maxBody), Logger: log})
	if sum != nil {
		if *asJSON {
			if werr := writeJSON(e.stdout, sum); werr != nil {
				return werr
			}
		} else {
			printImport(e.stdout, sum)
		}
	}
	if err != nil {
		return storeErr(err)
	}
	if sum.Failed > 0 || sum.Incomplete > 0 || sum.BadFiles > 0 {
		return errPartial
	}
	return nil
}

// printImport prints what an import did, as two lines.
func printImport(w io.Writer, s *bundle.ImportSummary) {
	fmt.Fprintf(w, "import: %d records from %d file(s): %d captures stored, %d already stored, %d other records skipped",
		s.Records, s.Files, s.Captures, s.Duplicates, s.Skipped)
	if s.Unresolved > 0 {
		fmt.Fprintf(w, ", %d revisits without their payload", s.Unresolved)
	}
	fmt.Fprintf(w, "\narticles: %d new, %d changed, %d unchanged, %d failed", s.New, s.Changed, s.Unchanged, s.Failed)
	if s.Incomplete > 0 {
		fmt.Fprintf(w, ", %d incomplete (a page or an attachment missing)", s.Incomplete)
	}
	if s.Republished > 0 {
		fmt.Fprintf(w, ", %d republished under another URL (stored as aliases)", s.Republished)
	}
	fmt.Fprintln(w)
}
