package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"regexp"
	"runtime/debug"
	"runtime/pprof"
	"strings"
	"time"

	"folio/crawler"
	"folio/store"
)

// crawlFlags are the flags only crawl has.
type crawlFlags struct {
	config     string
	asJSON     bool
	revisitMin time.Duration
	revisitMax time.Duration
	hostBudget int
	progress   time.Duration // 0: every 2s on a terminal or with --log-format json
	cpuprofile string
}

func (c *crawlFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&c.config, "config", "", "YAML file with sites (seeds, scope, delay, tz, limits) and defaults for the flags")
	fs.BoolVar(&c.asJSON, "json", false, "print the summary as JSON")
	durationVar(fs, &c.revisitMin, "revisit-min", 20*time.Hour, "re-check a stored article no sooner than this after its last fetch")
	durationVar(fs, &c.revisitMax, "revisit-max", 30*24*time.Hour, "re-check a stored article at the latest this long after its last fetch")
	fs.IntVar(&c.hostBudget, "host-budget", 10_000, "most requests to one host in one run (ends traps nothing else caught)")
	fs.StringVar(&c.cpuprofile, "cpuprofile", "", "write a Go CPU profile of the run to this file (for the benchmark)")
}

func runCrawl(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet("crawl", e)
	var common commonFlags
	common.register(fs.FlagSet, e)
	var fetch fetchFlags
	fetch.register(fs.FlagSet, false)
	var cf crawlFlags
	cf.register(fs.FlagSet)
	seeds, err := parse(fs, args)
	if err != nil {
		return helpIsOK(err)
	}
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	var cfg *crawlConfig
	if cf.config != "" {
		if cfg, err = loadConfig(cf.config); err != nil {
			return err
		}
		cfg.applyDefaults(&fetch, &cf, &common, given)
	}
	if len(seeds) == 0 && (cfg == nil || len(cfg.Sites) == 0) {
		return shapef("crawl: no seed URL given (and no sites in --config)")
	}
	if err := fetch.check(); err != nil {
		return err
	}
	switch {
	case cf.revisitMin < 0 || cf.revisitMax < 0:
		return shapef("--revisit-min and --revisit-max must not be negative")
	case cf.hostBudget < 1:
		return shapef("--host-budget must be at least 1")
	}
	for i, s := range seeds {
		var err error
		if seeds[i], err = checkURL(s); err != nil {
			return err
		}
	}
	sites, err := crawlSites(seeds, cfg, &fetch, &cf, given)
	if err != nil {
		return err
	}
	log, err := common.logger(e)
	if err != nil {
		return err
	}
	if cf.progress == 0 && !common.quiet && (isTerminal(e.stderr) || common.logFormat == "json") {
		cf.progress = 2 * time.Second
	}
	db, err := openStore(ctx, common.db, false, fetch.lockTimeout, log)
	if err != nil {
		return err
	}
	defer db.Close()
	if e.getenv("GOGC") == "" {
		// A crawl's live heap is small and its garbage plenty: collecting
		// half as often costs some 20 MB and saves a few percent of CPU.
		debug.SetGCPercent(200)
	}
	if cf.cpuprofile != "" {
		f, err := os.Create(cf.cpuprofile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	sum, err := runCrawler(ctx, db, sites, &fetch, &cf, log)
	if sum == nil {
		return storeErr(err)
	}
	if cf.asJSON {
		if werr := writeJSON(e.stdout, sum); werr != nil {
			return werr
		}
	} else {
		printSummary(e.stdout, sum)
	}
	if err != nil {
		return storeErr(err)
	}
	if sum.Failed > 0 || sum.Incomplete > 0 || sum.Deferred > 0 {
		return errPartial
	}
	return nil
}

// storeErr marks store failures so that they exit 3.
func storeErr(err error) error {
	if err != nil && isStoreError(err) {
		return &storeUnavailable{err}
	}
	return err
}

// crawlSites builds the sites of a run: the config file's, and one for the
// seeds on the command line. Flags given on the command line override the
// sites' own values.
func crawlSites(seeds []string, cfg *crawlConfig, fetch *fetchFlags, cf *crawlFlags, given map[string]bool) ([]crawler.Site, error) {
	base := crawler.Site{Seeds: seeds, Depth: fetch.depth, MaxDocs: 0, MaxPages: fetch.maxPages, HostBudget: cf.hostBudget}
	if fetch.scope != "" {
		base.Scope = regexp.MustCompile(fetch.scope) // checked by fetch.check
	}
	base.Location, _ = fetch.location()
	var sites []crawler.Site
	if len(seeds) > 0 {
		s := base
		s.Name = "command line"
		sites = append(sites, s)
	}
	if cfg == nil {
		return sites, nil
	}
	for _, sc := range cfg.Sites {
		s := base
		s.Name, s.Seeds, s.Sitemaps = sc.Name, sc.Seeds, sc.Sitemaps
		if sc.Scope != nil && !given["scope"] {
			s.Scope = regexp.MustCompile(*sc.Scope) // checked by loadConfig
		}
		if sc.Delay != nil && !given["delay"] {
			// The site's own delay replaces the file's default, shorter
			// or longer (a portal that allows more, one that asks for
			// less); robots.txt's Crawl-delay still holds over it.
			s.Delay = sc.Delay.Duration
		}
		if sc.TZ != nil && !given["tz"] {
			s.Location, _ = time.LoadLocation(*sc.TZ) // checked by loadConfig
		}
		if sc.Depth != nil && !given["depth"] {
			s.Depth = *sc.Depth
		}
		if sc.MaxDocs != nil && !given["max-docs"] {
			s.MaxDocs = *sc.MaxDocs
		}
		if sc.MaxPages != nil && !given["max-pages"] {
			s.MaxPages = *sc.MaxPages
		}
		if sc.HostBudget != nil && !given["host-budget"] {
			s.HostBudget = *sc.HostBudget
		}
		switch {
		case s.Depth < 1 || s.MaxPages < 1 || s.HostBudget < 1:
			return nil, usagef("--config: site %q: depth, max-pages and host-budget must be at least 1", s.Name)
		case s.MaxDocs < 0:
			return nil, usagef("--config: site %q: max-docs must not be negative", s.Name)
		case s.Delay < 0:
			return nil, usagef("--config: site %q: delay must not be negative", s.Name)
		}
		sites = append(sites, s)
	}
	return sites, nil
}

// runCrawler runs one crawl of sites into db.
func runCrawler(ctx context.Context, db *store.DB, sites []crawler.Site, fetch *fetchFlags, cf *crawlFlags, log *slog.Logger) (*crawler.Summary, error) {
	tr := crawler.NewTransport(fetch.transport(log))
	c := crawler.NewCrawler(db, tr, crawler.CrawlOptions{
		Sites: sites, Parallel: fetch.parallel, PerHost: fetch.perHost, MaxDocs: fetch.maxDocs,
		Revisit:     crawler.RevisitPolicy{Min: cf.revisitMin, Max: cf.revisitMax},
		Attachments: fetch.attachments, Requisites: fetch.requisites,
		Progress: cf.progress, Logger: log,
	})
	return c.Run(ctx)
}

// crawl runs one crawl of seeds into db with the fetch flags (folio demo).
func crawl(ctx context.Context, db *store.DB, seeds []string, fetch *fetchFlags, log *slog.Logger) (*crawler.Summary, error) {
	cf := &crawlFlags{revisitMin: 20 * time.Hour, revisitMax: 30 * 24 * time.Hour, hostBudget: 10_000}
	sites, err := crawlSites(seeds, nil, fetch, cf, nil)
	if err != nil {
		return nil, err
	}
	return runCrawler(ctx, db, sites, fetch, cf, log)
}

// printSummary prints the one summary line of a run; counts that are zero
// in a quiet run are left out of its second half.
func printSummary(w io.Writer, s *crawler.Summary) {
	fmt.Fprintf(w, "crawl: %d new, %d changed, %d unchanged, %d failed, %d skipped by robots.txt, %d list pages, %d fetches in %.1fs",
		s.New, s.Changed, s.Unchanged, s.Failed, s.Robots, s.Lists, s.Fetches, s.Seconds)
	var more []string
	add := func(n int, what string) {
		if n > 0 {
			more = append(more, fmt.Sprintf("%d %s", n, what))
		}
	}
	add(s.Republished, "republished under another URL (stored as aliases)")
	add(s.Incomplete, "incomplete (a page or attachment failed)")
	add(s.Cut, "cut short by a limit (--max-pages, --max-body, a page bar posted by a form)")
	add(s.NotModified, "not modified (304)")
	add(s.NotDue, "not due for a re-check")
	add(s.Gone, "gone links not re-checked or still gone (404/410)")
	add(s.Traps, "trap links skipped")
	add(s.OutOfScope, "articles outside --scope not fetched")
	add(s.Deferred, "deferred (host unavailable)")
	add(s.Queued, "left in the frontier")
	if len(more) > 0 {
		fmt.Fprintf(w, "; %s", strings.Join(more, ", "))
	}
	if s.Resumed {
		fmt.Fprintf(w, " (resumed run %d)", s.Run)
	}
	fmt.Fprintln(w)
}
