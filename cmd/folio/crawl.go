package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"regexp"

	"folio/crawler"
	"folio/store"
)

func runCrawl(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet("crawl", "[SEED...]", e)
	var common commonFlags
	common.register(fs, e)
	var fetch fetchFlags
	fetch.register(fs, false)
	asJSON := fs.Bool("json", false, "print the summary as JSON")
	seeds, err := parse(fs, args)
	if err != nil {
		return helpIsOK(err)
	}
	if len(seeds) == 0 {
		fs.Usage()
		return usagef("crawl: no seed URL given")
	}
	if err := fetch.check(); err != nil {
		return err
	}
	for _, s := range seeds {
		if err := checkURL(s); err != nil {
			return err
		}
	}
	log, err := common.logger(e)
	if err != nil {
		return err
	}
	db, err := openStore(common.db, false, fetch.lockTimeout, log)
	if err != nil {
		return err
	}
	defer db.Close()
	sum, err := crawl(ctx, db, seeds, &fetch, log)
	if err != nil && sum == nil {
		return err
	}
	if *asJSON {
		if werr := writeJSON(e.stdout, sum); werr != nil {
			return werr
		}
	} else {
		printSummary(e.stdout, sum)
	}
	if err != nil {
		return err
	}
	if sum.Failed > 0 {
		return errPartial
	}
	return nil
}

// crawl runs one crawl of seeds into db with the fetch flags.
func crawl(ctx context.Context, db *store.DB, seeds []string, fetch *fetchFlags, log *slog.Logger) (*crawler.Summary, error) {
	loc, _ := fetch.location()
	tr := crawler.NewTransport(fetch.transport(log))
	fetcher, err := crawler.NewFetcher(ctx, tr, crawler.FetcherOptions{Revisit: true})
	if err != nil {
		return nil, err
	}
	arch := crawler.NewArchiver(fetcher, db, crawler.ArchiveOptions{MaxPages: fetch.maxPages, Location: loc, Logger: log})
	opts := crawler.CrawlOptions{Seeds: seeds, Depth: fetch.depth, MaxDocs: fetch.maxDocs, Parallel: fetch.parallel, Logger: log}
	if fetch.scope != "" {
		opts.Scope = regexp.MustCompile(fetch.scope) // checked by fetch.check
	}
	return crawler.NewCrawler(arch, opts).Run(ctx)
}

func printSummary(w io.Writer, s *crawler.Summary) {
	fmt.Fprintf(w, "crawl: %d new, %d changed, %d unchanged, %d failed, %d skipped by robots.txt, %d list pages, %d fetches in %.1fs\n",
		s.New, s.Changed, s.Unchanged, s.Failed, s.Robots, s.Lists, s.Fetches, s.Seconds)
}
