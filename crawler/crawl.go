package crawler

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"log/slog"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/gocolly/colly/v2"

	"folio/extract"
	"folio/store"
)

// CrawlStore is what a crawl needs of the store: the Archiver's writes,
// captures read back for conditional requests, and the crawl state.
type CrawlStore interface {
	Store
	captureReader
	PutCapturesBatch(cs []*store.Capture, payloads [][]byte) ([]store.PutResult, error)
	BeginCrawl(now time.Time) (store.CrawlRun, bool, error)
	FinishCrawl(id uint64, stats any, now time.Time) error
	Frontier(fn func(store.FrontierEntry) error) error
	VisitedIn(run uint64, fn func(url string, kind store.VisitKind)) error
	CollyVisited(run uint64) ([]uint64, error)
	URLStatuses(urls []string) ([]store.URLStatus, error)
	KnownDocuments(host string, fn func(url string, st store.URLStatus)) error
	Commit(c *store.CrawlCommit) (store.SaveResult, error)
}

// Site is one site of a crawl: its seeds and its own limits.
type Site struct {
	Name     string
	Seeds    []string // list and column pages; always re-read
	Sitemaps []string // sitemaps read as extra seeds (robots.txt's are read too)
	// Scope is what article URLs must match; nil means the seeds' hosts.
	// List pages are followed on the seeds' hosts and in Scope.
	Scope *regexp.Regexp
	// Delay between request starts on the seeds' hosts; 0 keeps the
	// Transport's. robots.txt's Crawl-delay wins when longer.
	Delay      time.Duration
	Depth      int            // link depth from the seeds; 0 means 3
	MaxDocs    int            // documents archived per run; 0 means no limit
	MaxPages   int            // pages followed per article; 0 means 50
	HostBudget int            // pages fetched per host per run; 0 means 10,000
	Location   *time.Location // time zone for dates without one; nil lets extract decide
}

// CrawlOptions configure a Crawler; zero fields take the defaults.
type CrawlOptions struct {
	Sites    []Site
	Parallel int // hosts crawled at once; 0 means 4
	PerHost  int // pages in flight per host; 0 means 1 (the Transport enforces its own limit too)
	MaxDocs  int // documents archived in the whole run; 0 means no limit
	Revisit  RevisitPolicy
	// MaxCalendar bounds the calendar and date-archive pages read per host
	// per run; 0 means 100.
	MaxCalendar int
	// Progress is how often a progress line is logged (Info); 0 means never.
	Progress time.Duration
	Logger   *slog.Logger
}

// Summary is what a crawl did.
type Summary struct {
	Run         uint64        `json:"run"`
	Resumed     bool          `json:"resumed"`
	New         int           `json:"new"`
	Changed     int           `json:"changed"`
	Unchanged   int           `json:"unchanged"`
	Failed      int           `json:"failed"`
	Robots      int           `json:"skipped_robots"`
	NotDue      int           `json:"skipped_not_due"`
	Traps       int           `json:"skipped_traps"`
	Deferred    int           `json:"deferred"`
	Lists       int           `json:"list_pages"`
	NotModified int           `json:"not_modified"`
	Fetches     int           `json:"fetches"`
	Queued      int           `json:"left_in_frontier"`
	Duration    time.Duration `json:"-"`
	Seconds     float64       `json:"seconds"`
}

// Crawler discovers articles from seed pages and archives them, keeping
// its frontier and visited state in the store so that a killed run is
// resumed by the next one.
type Crawler struct {
	db      CrawlStore
	tr      *Transport
	opts    CrawlOptions
	log     *slog.Logger
	sites   []*siteState
	fetcher *Fetcher
	colly   *visitedStore
	run     store.CrawlRun
	now     func() time.Time

	mu       sync.Mutex
	wake     chan struct{}
	seen     map[uint64]struct{} // canonical URLs queued or visited this run
	hosts    map[string]*hostQueue
	order    []*hostQueue // round-robin order
	next     int
	active   int // tasks running
	busy     int // hosts with a task running
	docs     int
	summary  Summary
	fatal    error
	pageSeen int // pages read, for progress
}

type siteState struct {
	Site
	hosts map[string]bool // the seeds' hosts
	docs  int
}

// task is a frontier entry being worked on.
type task struct {
	store.FrontierEntry
	site *siteState
	host string
}

// hostQueue is one host's share of the frontier.
type hostQueue struct {
	name      string
	tasks     []*task
	later     []*task // re-checks of stored articles: after everything else
	active    int
	fetched   int // requests this run, for the budget
	calendars int
	notBefore time.Time // robots.txt unreachable: asked again then
	deferrals int
	closed    string // why the host is done for this run; "" while open
	sitemaps  bool   // robots.txt's sitemaps were queued
}

const (
	defaultDepth       = 3
	defaultParallel    = 4
	defaultHostBudget  = 10_000
	defaultMaxCalendar = 100
	// maxDeferrals: how often a host whose robots.txt is unreachable is
	// asked again in one run before its URLs are left for the next run.
	maxDeferrals = 3
)

// NewCrawler returns a Crawler that fetches through tr and stores into db.
func NewCrawler(db CrawlStore, tr *Transport, opts CrawlOptions) *Crawler {
	if opts.Parallel <= 0 {
		opts.Parallel = defaultParallel
	}
	if opts.PerHost <= 0 {
		opts.PerHost = 1
	}
	if opts.MaxCalendar <= 0 {
		opts.MaxCalendar = defaultMaxCalendar
	}
	c := &Crawler{db: db, tr: tr, opts: opts, log: opts.Logger, now: time.Now,
		wake: make(chan struct{}, 1), seen: map[uint64]struct{}{}, hosts: map[string]*hostQueue{}}
	if c.log == nil {
		c.log = slog.New(slog.DiscardHandler)
	}
	for _, s := range opts.Sites {
		if s.Depth <= 0 {
			s.Depth = defaultDepth
		}
		if s.HostBudget <= 0 {
			s.HostBudget = defaultHostBudget
		}
		ss := &siteState{Site: s, hosts: map[string]bool{}}
		for _, seed := range s.Seeds {
			if u, err := url.Parse(seed); err == nil {
				ss.hosts[strings.ToLower(u.Host)] = true
			}
		}
		c.sites = append(c.sites, ss)
	}
	return c
}

// Run crawls until the frontier is empty, a limit is reached or ctx ends.
// A run that ends with ctx (a signal) is resumed by the next Run on the
// same store; one that ends otherwise is finished, and the next starts a
// new run (URLs left by a limit stay in the frontier for it).
func (c *Crawler) Run(ctx context.Context) (*Summary, error) {
	start := time.Now()
	run, resumed, err := c.db.BeginCrawl(c.now())
	if err != nil {
		return nil, err
	}
	c.run = run
	c.summary.Run, c.summary.Resumed = run.ID, resumed
	if resumed {
		c.log.Info("resuming an interrupted crawl", "run", run.ID, "started", run.Started.Format(time.RFC3339))
	}
	marks, err := c.db.CollyVisited(run.ID)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	c.colly = newVisitedStore(marks)
	if c.fetcher, err = NewFetcher(ctx, c.tr, FetcherOptions{Storage: c.colly}); err != nil {
		return nil, err
	}
	if err := c.load(); err != nil {
		return nil, err
	}
	stopProgress := c.progress(ctx, start)

	var wg sync.WaitGroup
	for {
		t, wait, done := c.pick()
		if done || ctx.Err() != nil {
			break
		}
		if t == nil {
			timer := time.NewTimer(wait)
			select {
			case <-c.wake:
			case <-timer.C:
			case <-ctx.Done():
			}
			timer.Stop()
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.work(ctx, t)
			c.finish(t)
			if err := c.fatalErr(); err != nil {
				cancel()
			}
		}()
	}
	wg.Wait()
	stopProgress()

	c.mu.Lock()
	for _, h := range c.hosts {
		c.summary.Queued += h.queued()
	}
	c.summary.Fetches = int(c.tr.Requests())
	c.summary.Duration = time.Since(start)
	c.summary.Seconds = c.summary.Duration.Seconds()
	sum := c.summary
	fatal := c.fatal
	c.mu.Unlock()
	if fatal != nil {
		return &sum, fatal
	}
	if err := ctx.Err(); err != nil {
		return &sum, err
	}
	if err := c.db.FinishCrawl(run.ID, sum, c.now()); err != nil {
		return &sum, err
	}
	return &sum, nil
}

// load fills the in-memory queues: the frontier left by an earlier run
// (or by this run before it was killed), then the seeds and the
// configured sitemaps.
func (c *Crawler) load() error {
	err := c.db.VisitedIn(c.run.ID, func(u string, _ store.VisitKind) {
		c.seen[urlKey(u)] = struct{}{}
	})
	if err != nil {
		return err
	}
	err = c.db.Frontier(func(e store.FrontierEntry) error {
		site := c.siteFor(e.Site, e.URL)
		if site == nil {
			return nil // a site no longer configured: left alone
		}
		key := urlKey(extract.CanonicalURL(e.URL))
		if _, dup := c.seen[key]; dup {
			// Visited in this run already, or queued twice: drop it.
			_, err := c.db.Commit(&store.CrawlCommit{Run: c.run.ID, Done: []uint64{e.Seq}})
			return err
		}
		c.seen[key] = struct{}{}
		c.push(&task{FrontierEntry: e, site: site})
		return nil
	})
	if err != nil {
		return err
	}
	var seeds []*store.FrontierEntry
	var sites []*siteState
	for _, s := range c.sites {
		if s.Delay > 0 {
			for h := range s.hosts {
				c.tr.SetHostDelay(h, s.Delay)
			}
		}
		for _, u := range s.Seeds {
			seeds = append(seeds, &store.FrontierEntry{URL: u, Site: s.Name})
			sites = append(sites, s)
		}
		for _, u := range s.Sitemaps {
			seeds = append(seeds, &store.FrontierEntry{URL: u, Site: s.Name, Kind: kindSitemap})
			sites = append(sites, s)
		}
	}
	// Stored articles due for a re-check, whether or not a list page
	// still links them.
	now := c.now()
	for _, s := range c.sites {
		for h := range s.hosts {
			err := c.db.KnownDocuments(h, func(u string, st store.URLStatus) {
				if c.opts.Revisit.Due(st, time.Time{}, now) {
					seeds = append(seeds, &store.FrontierEntry{URL: u, Site: s.Name, Depth: 1, Kind: kindRevisit})
					sites = append(sites, s)
				}
			})
			if err != nil {
				return err
			}
		}
	}
	var fresh []*store.FrontierEntry
	var freshSites []*siteState
	for i, e := range seeds {
		key := urlKey(extract.CanonicalURL(e.URL))
		if _, dup := c.seen[key]; dup {
			continue
		}
		c.seen[key] = struct{}{}
		fresh = append(fresh, e)
		freshSites = append(freshSites, sites[i])
	}
	if len(fresh) == 0 {
		return nil
	}
	if _, err := c.db.Commit(&store.CrawlCommit{Run: c.run.ID, Enqueue: fresh}); err != nil {
		return err
	}
	for i, e := range fresh {
		c.push(&task{FrontierEntry: *e, site: freshSites[i]})
	}
	return nil
}

// Frontier entry kinds besides pages.
const (
	kindSitemap = "sitemap"
	kindRevisit = "revisit" // a stored article due for a re-check
)

// siteFor finds the site a frontier entry belongs to: by name, else by host.
func (c *Crawler) siteFor(name, u string) *siteState {
	for _, s := range c.sites {
		if s.Name == name {
			return s
		}
	}
	host := hostKey(u)
	for _, s := range c.sites {
		if s.hosts[host] {
			return s
		}
	}
	return nil
}

// push appends a task to its host's queue; c.mu is held or not needed.
func (c *Crawler) push(t *task) {
	t.host = hostKey(t.URL)
	h := c.hosts[t.host]
	if h == nil {
		h = &hostQueue{name: t.host}
		c.hosts[t.host] = h
		c.order = append(c.order, h)
	}
	if t.Kind == kindRevisit {
		h.later = append(h.later, t)
		return
	}
	h.tasks = append(h.tasks, t)
}

func (c *Crawler) signal() {
	select {
	case c.wake <- struct{}{}:
	default:
	}
}

// pick returns the next task to run, or how long to wait for one, or done
// when nothing is left to do.
func (c *Crawler) pick() (t *task, wait time.Duration, done bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.fatal != nil || (c.opts.MaxDocs > 0 && c.docs >= c.opts.MaxDocs) {
		return nil, 0, c.active == 0
	}
	now := time.Now()
	wait = time.Hour
	pending := false
	for i := range c.order {
		h := c.order[(c.next+i)%len(c.order)]
		if h.closed != "" || h.queued() == 0 {
			continue
		}
		pending = true
		if h.notBefore.After(now) {
			wait = min(wait, h.notBefore.Sub(now))
			continue
		}
		if h.active >= c.opts.PerHost || (h.active == 0 && c.busy >= c.opts.Parallel) {
			continue
		}
		t := c.take(h)
		if t == nil {
			continue
		}
		if h.active == 0 {
			c.busy++
		}
		h.active++
		c.active++
		c.next = (c.next + i + 1) % len(c.order)
		return t, 0, false
	}
	if c.active > 0 {
		return nil, wait, false
	}
	if pending {
		// take may have closed hosts on the way (budget, max-docs).
		pending = false
		for _, h := range c.order {
			if h.closed == "" && h.queued() > 0 {
				pending = true
			}
		}
	}
	return nil, wait, !pending
}

func (h *hostQueue) queued() int { return len(h.tasks) + len(h.later) }

// take pops the host's next task that its site still wants; c.mu is held.
func (c *Crawler) take(h *hostQueue) *task {
	if len(h.tasks) == 0 && len(h.later) > 0 {
		h.tasks, h.later = h.later, nil
	}
	for len(h.tasks) > 0 {
		t := h.tasks[0]
		h.tasks[0] = nil
		h.tasks = h.tasks[1:]
		if t.site.MaxDocs > 0 && t.site.docs >= t.site.MaxDocs {
			h.tasks = append(h.tasks, t) // kept in the frontier for the next run
			if allCapped(h) {
				h.closed = "max-docs"
				return nil
			}
			continue
		}
		if h.fetched >= t.site.HostBudget {
			h.closed = "page budget"
			h.tasks = append([]*task{t}, h.tasks...)
			c.log.Warn("page budget reached; host left for the next run", "host", h.name, "budget", t.site.HostBudget)
			return nil
		}
		return t
	}
	return nil
}

func allCapped(h *hostQueue) bool {
	for _, t := range h.tasks {
		if t.site.MaxDocs == 0 || t.site.docs < t.site.MaxDocs {
			return false
		}
	}
	return true
}

// finish releases the task's host.
func (c *Crawler) finish(t *task) {
	c.mu.Lock()
	h := c.hosts[t.host]
	h.active--
	if h.active == 0 {
		c.busy--
	}
	c.active--
	c.mu.Unlock()
	c.signal()
}

func (c *Crawler) fail(err error) {
	c.mu.Lock()
	if c.fatal == nil {
		c.fatal = err
	}
	c.mu.Unlock()
}

func (c *Crawler) fatalErr() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.fatal
}

func (c *Crawler) count(f func(*Summary)) {
	c.mu.Lock()
	f(&c.summary)
	c.mu.Unlock()
}

// work visits one URL: a list page is read for links, an article is
// archived with its pages, a sitemap is read for URLs.
func (c *Crawler) work(ctx context.Context, t *task) {
	ts := &taskStore{db: c.db, commit: &store.CrawlCommit{Run: c.run.ID, Done: []uint64{t.Seq}}}
	defer func() {
		c.mu.Lock()
		c.hosts[t.host].fetched += ts.requests
		c.mu.Unlock()
	}()
	if t.Kind == kindSitemap {
		c.visitSitemap(ctx, t, ts)
		return
	}
	arch := NewArchiver(c.fetcher, ts, ArchiveOptions{MaxPages: t.site.MaxPages, Location: t.site.Location, Logger: c.log, Conditional: true})
	p := arch.fetchPage(t.URL)
	c.afterFirstContact(t)
	if p.err != nil && c.storeFailed(p.err) {
		return
	}
	now := time.Now()
	if !p.ok() {
		c.failedPage(t, ts, p, now)
		return
	}
	c.mu.Lock()
	c.pageSeen++
	if p.notModified {
		c.summary.NotModified++
	}
	c.mu.Unlock()
	list := t.Depth == 0 || p.parsed.Kind == extract.KindList || !c.articleInScope(t.site, p.url)
	if !list {
		if first := p.parsed.Pagination.First; first != "" && first != p.url && c.isSeen(first) {
			// A later page of an article archived from its page 1.
			ts.commit.Visits = append(ts.commit.Visits, store.Visit{URL: canon(t.URL), Kind: store.VisitPage, At: now})
			c.commitVisit(ts)
			return
		}
	}
	links := c.discover(t, p, list)
	ts.commit.Enqueue = links
	if list {
		c.count(func(s *Summary) { s.Lists++ })
		c.log.Debug("list", "url", p.url, "links", len(p.parsed.Links), "queued", len(links))
		ts.commit.Visits = append(ts.commit.Visits, store.Visit{URL: canon(t.URL), Kind: store.VisitList, At: now})
		if c.commitVisit(ts) {
			c.queue(t.site, links)
		}
		return
	}
	res := arch.archive(ctx, t.URL, p)
	if res.Err != nil && c.storeFailed(res.Err) {
		return
	}
	if !ts.saved {
		// Nothing could be archived: the visit is a failure.
		ts.commit.Visits = append(ts.commit.Visits, store.Visit{URL: canon(t.URL), Kind: store.VisitFailed, At: now})
		if !c.commitVisit(ts) {
			return
		}
	}
	c.queue(t.site, links)
	if res.Doc != nil {
		c.mu.Lock()
		for _, pg := range res.Doc.Pages {
			c.seen[urlKey(canon(pg.URL))] = struct{}{}
		}
		c.seen[urlKey(res.Doc.URL)] = struct{}{}
		c.docs++
		t.site.docs++
		c.pageSeen += len(res.Doc.Pages) - 1
		switch {
		case res.Save.New:
			c.summary.New++
		case res.Save.Changed:
			c.summary.Changed++
		default:
			c.summary.Unchanged++
		}
		c.mu.Unlock()
		state := "unchanged"
		if res.Save.New {
			state = "new"
		} else if res.Save.Changed {
			state = "changed"
		}
		c.log.Info("archived", "state", state, "title", res.Doc.Title, "pages", len(res.Doc.Pages), "version", res.Doc.Version, "url", res.Doc.URL)
	}
	if res.Err != nil {
		c.count(func(s *Summary) { s.Failed++ })
		c.log.Error(oneLine(res.Err))
	}
}

// failedPage handles a first page that brought nothing readable.
func (c *Crawler) failedPage(t *task, ts *taskStore, p *page, now time.Time) {
	var visited *colly.AlreadyVisitedError
	switch {
	case errors.Is(p.err, ErrRobotsUnavailable), errors.Is(p.err, ErrHostPaused):
		c.deferTask(t, p.err)
		return
	case errors.Is(p.err, context.Canceled):
		return // left in the frontier: the resumed run fetches it
	case errors.As(p.err, &visited):
		// Fetched already in this run (a redirect target, say).
		ts.commit.Visits = append(ts.commit.Visits, store.Visit{URL: canon(t.URL), Kind: store.VisitSkipped, At: now})
	case errors.Is(p.err, ErrRobotsDisallowed):
		c.count(func(s *Summary) { s.Robots++ })
		c.log.Debug("disallowed by robots.txt", "url", t.URL)
		ts.commit.Visits = append(ts.commit.Visits, store.Visit{URL: canon(t.URL), Kind: store.VisitSkipped, At: now})
	case errors.Is(p.err, ErrNotArticle) && t.Depth > 0:
		// A file behind an article-looking link: stored raw, not read.
		ts.commit.Visits = append(ts.commit.Visits, store.Visit{URL: canon(t.URL), Kind: store.VisitOther, At: now})
	default:
		c.count(func(s *Summary) { s.Failed++ })
		c.log.Error(oneLine(p.err))
		ts.commit.Visits = append(ts.commit.Visits, store.Visit{URL: canon(t.URL), Kind: store.VisitFailed, At: now})
	}
	c.commitVisit(ts)
}

// deferTask puts a task back for later in this run: its host's robots.txt
// could not be read, or the host asked for a long pause. After
// maxDeferrals the host's URLs are left in the frontier for the next run.
func (c *Crawler) deferTask(t *task, cause error) {
	c.colly.forget(t.URL)
	c.mu.Lock()
	defer c.mu.Unlock()
	h := c.hosts[t.host]
	h.tasks = append([]*task{t}, h.tasks...)
	if errors.Is(cause, ErrHostPaused) || h.deferrals >= maxDeferrals {
		if h.closed == "" {
			h.closed = "unavailable"
			c.summary.Deferred += h.queued()
			c.log.Warn("host left for the next run", "host", h.name, "err", oneLine(cause))
		}
		return
	}
	h.deferrals++
	h.notBefore = time.Now().Add(c.tr.opts.RobotsRetry)
	c.log.Warn("robots.txt unavailable; host paused", "host", h.name, "retry", h.notBefore.Format(time.TimeOnly), "err", oneLine(cause))
}

// storeFailed ends the crawl when err says the store cannot be written.
func (c *Crawler) storeFailed(err error) bool {
	if errors.Is(err, store.ErrWrite) || errors.Is(err, store.ErrCorrupt) {
		c.fail(err)
		return true
	}
	return false
}

// commitVisit stores the task's crawl step unless SaveDocument did.
func (c *Crawler) commitVisit(ts *taskStore) bool {
	if ts.saved {
		return true
	}
	ts.commit.Colly = ts.collyMarks()
	if _, err := c.db.Commit(ts.commit); err != nil {
		c.fail(err)
		return false
	}
	ts.saved = true
	return true
}

// queue puts committed frontier entries into the in-memory queues.
func (c *Crawler) queue(site *siteState, entries []*store.FrontierEntry) {
	if len(entries) == 0 {
		return
	}
	c.mu.Lock()
	for _, e := range entries {
		c.push(&task{FrontierEntry: *e, site: site})
	}
	c.mu.Unlock()
	c.signal()
}

// afterFirstContact queues the sitemaps robots.txt names, once per host.
func (c *Crawler) afterFirstContact(t *task) {
	if !t.site.hosts[t.host] {
		return
	}
	c.mu.Lock()
	h := c.hosts[t.host]
	if h.sitemaps {
		c.mu.Unlock()
		return
	}
	h.sitemaps = true
	c.mu.Unlock()
	var entries []*store.FrontierEntry
	for _, sm := range c.tr.Sitemaps(t.host) {
		if c.claim(sm) {
			entries = append(entries, &store.FrontierEntry{URL: sm, Site: t.site.Name, Kind: kindSitemap})
		}
	}
	if len(entries) == 0 {
		return
	}
	if _, err := c.db.Commit(&store.CrawlCommit{Run: c.run.ID, Enqueue: entries}); err != nil {
		c.fail(err)
		return
	}
	c.queue(t.site, entries)
}

// visitSitemap reads a sitemap (or an index of sitemaps) for URLs.
func (c *Crawler) visitSitemap(ctx context.Context, t *task, ts *taskStore) {
	f, err := c.fetcher.Fetch(t.URL, nil)
	if len(f.Exchanges) > 0 {
		caps := make([]*store.Capture, len(f.Exchanges))
		payloads := make([][]byte, len(f.Exchanges))
		for i, ex := range f.Exchanges {
			caps[i], payloads[i] = &ex.Capture, ex.Payload
		}
		if _, perr := ts.PutCaptures(caps, payloads); perr != nil {
			c.fail(perr)
			return
		}
	}
	now := time.Now()
	if err == nil && f.Status() != 200 {
		err = fmt.Errorf("%s: HTTP %d", t.URL, f.Status())
	}
	if err != nil {
		c.failedPage(t, ts, &page{err: err}, now)
		return
	}
	urls, maps := parseSitemap(f.Body)
	var cands []candidate
	for _, e := range urls {
		// A sitemap's URLs count as links of a seed.
		cands = append(cands, candidate{url: e.Loc, depth: 1, lastmod: e.Lastmod})
	}
	for _, e := range maps {
		if t.Depth < maxSitemapDepth {
			cands = append(cands, candidate{url: e.Loc, depth: t.Depth + 1, kind: kindSitemap})
		}
	}
	links := c.admit(t, cands)
	c.log.Debug("sitemap", "url", t.URL, "urls", len(urls), "sitemaps", len(maps), "queued", len(links))
	ts.commit.Enqueue = links
	ts.commit.Visits = append(ts.commit.Visits, store.Visit{URL: canon(t.URL), Kind: store.VisitOther, At: now})
	if c.commitVisit(ts) {
		c.queue(t.site, links)
	}
}

// candidate is a link considered for the frontier.
type candidate struct {
	url     string
	depth   int
	kind    string
	lastmod time.Time
	next    bool // the list's own next page
}

// discover picks the links of a page worth visiting.
func (c *Crawler) discover(t *task, p *page, list bool) []*store.FrontierEntry {
	pg := p.parsed.Pagination
	own := map[string]bool{}
	if !list {
		// The article's own pages are fetched by the Archiver, not queued.
		for _, l := range pg.Pages {
			own[l.URL] = true
		}
		own[pg.Next] = true
		own[pg.First] = true
		c.mu.Lock()
		for u := range own {
			if u != "" {
				c.seen[urlKey(canon(u))] = struct{}{}
			}
		}
		c.mu.Unlock()
	}
	var cands []candidate
	if list {
		// A list's own further pages are as deep as the list. Its page bar
		// is what extract recognised, and the links that read like one
		// (numbers, 下一页, 末页): a column's first page is often
		// /news/ or index.html and the next list_2.html, which extract
		// does not count as one family.
		bar := append([]string{pg.Next}, pageURLs(pg.Pages)...)
		for _, l := range p.parsed.Links {
			if listPager.MatchString(l.Text) {
				bar = append(bar, l.URL)
			}
		}
		for _, u := range bar {
			if u != "" && u != p.url && !own[u] {
				own[u] = true
				cands = append(cands, candidate{url: u, depth: t.Depth, next: true})
			}
		}
	}
	if t.Depth < t.site.Depth {
		for _, l := range p.parsed.Links {
			if own[l.URL] {
				continue
			}
			u := cleanLink(l)
			if u == "" {
				if l.URL != "" && (calendarStep.MatchString(l.Text) || trap(l.URL)) {
					c.count(func(s *Summary) { s.Traps++ })
				}
				continue
			}
			cands = append(cands, candidate{url: u, depth: t.Depth + 1})
		}
	}
	return c.admit(t, cands)
}

// admit filters candidates by scope, the seen-set, traps and the revisit
// policy, and returns the frontier entries for those that pass. A list's
// next page is dropped on a later run when the list brought nothing new:
// the older pages of a column are not re-read every night.
func (c *Crawler) admit(t *task, cands []candidate) []*store.FrontierEntry {
	var keep []candidate
	var keys []string
	for _, cd := range cands {
		if !c.follows(t.site, cd.url) {
			continue
		}
		if !c.claim(cd.url) {
			continue
		}
		if cd.kind == "" && isCalendar(cd.url) {
			c.mu.Lock()
			h := c.hostFor(cd.url)
			h.calendars++
			over := h.calendars > c.opts.MaxCalendar
			if over {
				c.summary.Traps++
			}
			c.mu.Unlock()
			if over {
				continue
			}
		}
		keep = append(keep, cd)
		keys = append(keys, canon(cd.url), cd.url)
	}
	if len(keep) == 0 {
		return nil
	}
	sts, err := c.db.URLStatuses(keys)
	if err != nil {
		c.fail(err)
		return nil
	}
	now := time.Now()
	var out []*store.FrontierEntry
	fresh := 0
	var next []candidate
	for i, cd := range keep {
		st := merge(sts[2*i], sts[2*i+1])
		if cd.next {
			next = append(next, cd)
			continue
		}
		if cd.kind == "" && st.Doc && !c.opts.Revisit.Due(st, cd.lastmod, now) {
			c.count(func(s *Summary) { s.NotDue++ })
			continue
		}
		if !st.Doc && st.Run == 0 {
			fresh++
		}
		out = append(out, &store.FrontierEntry{URL: cd.url, Depth: cd.depth, Site: t.site.Name, Kind: cd.kind, Lastmod: cd.lastmod})
	}
	if len(next) > 0 {
		self, _ := c.db.URLStatuses([]string{canon(t.URL)})
		revisited := len(self) == 1 && self[0].Run != 0 && self[0].Run != c.run.ID
		if fresh > 0 || !revisited {
			for _, cd := range next {
				out = append(out, &store.FrontierEntry{URL: cd.url, Depth: cd.depth, Site: t.site.Name})
			}
		} else {
			c.log.Debug("list brought nothing new; its older pages are not re-read", "url", t.URL)
		}
	}
	return out
}

// listPager matches the anchor texts of a list's page bar.
var listPager = regexp.MustCompile(`(?i)^\s*([\[【(]?\s*\d{1,4}\s*[\]】)]?|下一页|上一页|下页|上页|后页|前页|末页|尾页|最后一页|第一页|next|prev(ious)?|next\s*page|»|«|›|‹|>>?|<<?)\s*$`)

func pageURLs(pages []extract.PageLink) []string {
	out := make([]string, 0, len(pages))
	for _, pl := range pages {
		out = append(out, pl.URL)
	}
	return out
}

// merge combines what the store knows under a URL's canonical and raw forms.
func merge(a, b store.URLStatus) store.URLStatus {
	if !a.Doc && b.Doc {
		a.Doc, a.LastSeen, a.LastChanged = true, b.LastSeen, b.LastChanged
	}
	if a.Run == 0 {
		a.Run, a.Kind, a.At, a.Incomplete = b.Run, b.Kind, b.At, b.Incomplete
	}
	return a
}

// claim adds u to the run's seen-set; false when it was there already.
// The check and the mark are one step: colly's own visited check is not.
func (c *Crawler) claim(u string) bool {
	key := urlKey(canon(u))
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.seen[key]; ok {
		return false
	}
	c.seen[key] = struct{}{}
	return true
}

func (c *Crawler) isSeen(u string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	_, ok := c.seen[urlKey(canon(u))]
	return ok
}

// hostFor returns u's host queue, creating it; c.mu is held.
func (c *Crawler) hostFor(u string) *hostQueue {
	name := hostKey(u)
	h := c.hosts[name]
	if h == nil {
		h = &hostQueue{name: name}
		c.hosts[name] = h
		c.order = append(c.order, h)
	}
	return h
}

// follows says whether a link is followed: on the site's seed hosts, or in
// its scope.
func (c *Crawler) follows(s *siteState, u string) bool {
	if s.hosts[hostKey(u)] {
		return true
	}
	return s.Scope != nil && s.Scope.MatchString(u)
}

// articleInScope says whether a page at u may be stored as a document.
func (c *Crawler) articleInScope(s *siteState, u string) bool {
	if s.Scope != nil {
		return s.Scope.MatchString(u)
	}
	return s.hosts[hostKey(u)]
}

// progress logs a line every opts.Progress: pages per second, the queue,
// and the hosts' politeness state.
func (c *Crawler) progress(ctx context.Context, start time.Time) (stop func()) {
	if c.opts.Progress <= 0 {
		return func() {}
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(c.opts.Progress)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-ctx.Done():
				return
			case <-tick.C:
				c.logProgress(start)
			}
		}
	}()
	return func() { close(done); wg.Wait() }
}

func (c *Crawler) logProgress(start time.Time) {
	c.mu.Lock()
	queued, pages, docs := 0, c.pageSeen, c.docs
	perHost := map[string]int{}
	for _, h := range c.hosts {
		queued += h.queued()
		perHost[h.name] = h.queued()
	}
	c.mu.Unlock()
	states := c.tr.HostStates()
	sort.Slice(states, func(i, j int) bool { return states[i].Host < states[j].Host })
	var hosts []string
	now := time.Now()
	for _, st := range states {
		s := fmt.Sprintf("%s:%d", st.Host, perHost[st.Host])
		switch {
		case !st.PausedUntil.IsZero():
			s += fmt.Sprintf("(paused %s)", st.PausedUntil.Sub(now).Round(time.Second))
		case st.InFlight > 0:
			s += "(busy)"
		}
		hosts = append(hosts, s)
	}
	if len(hosts) > 6 {
		hosts = append(hosts[:6], fmt.Sprintf("+%d hosts", len(hosts)-6))
	}
	rate := float64(pages) / max(time.Since(start).Seconds(), 0.001)
	c.log.Info("progress", "pages", pages, "pages/s", fmt.Sprintf("%.1f", rate), "docs", docs, "queue", queued, "hosts", strings.Join(hosts, " "))
}

// taskStore is the Store one task's Archiver writes through: captures go
// to the store at once (in batches shared with other tasks), the document
// is saved in one transaction with the task's crawl step.
type taskStore struct {
	db       CrawlStore
	commit   *store.CrawlCommit
	urls     []string // every URL an exchange went to
	requests int
	buffered int64 // payload bytes waiting for the commit
	saved    bool
}

// maxBuffered: a task holding more payload bytes than this (a long article
// of big pages) stores its captures at once rather than with its commit.
const maxBuffered = 8 << 20

// PutCaptures keeps the captures for the task's commit, so that a page and
// the crawl state that says it was fetched are stored together (and in one
// transaction per task, not per page). Their payload digests are set now;
// their ids when the commit stores them.
func (s *taskStore) PutCaptures(cs []*store.Capture, payloads [][]byte) ([]store.PutResult, error) {
	for _, c := range cs {
		s.urls = append(s.urls, c.URL)
	}
	s.requests += len(cs)
	var size int64
	for _, p := range payloads {
		size += int64(len(p))
	}
	if s.buffered+size > maxBuffered {
		return s.db.PutCapturesBatch(cs, payloads)
	}
	s.buffered += size
	res := make([]store.PutResult, len(cs))
	for i, c := range cs {
		if c.Status != 0 || payloads[i] != nil {
			c.PayloadDigest = store.Digest(payloads[i])
			c.PayloadSize = int64(len(payloads[i]))
		}
		s.commit.Captures = append(s.commit.Captures, c)
		s.commit.Payloads = append(s.commit.Payloads, payloads[i])
	}
	return res, nil
}

// SaveDocument saves the document together with the visit that produced it.
func (s *taskStore) SaveDocument(doc *store.Document, urls []string) (store.SaveResult, error) {
	c := s.commit
	c.Doc, c.DocURLs = doc, urls
	at := time.Now()
	c.Visits = append(c.Visits, store.Visit{URL: doc.URL, Kind: store.VisitArticle, At: at, Incomplete: !doc.Complete})
	for _, u := range urls {
		if cu := canon(u); cu != doc.URL {
			c.Visits = append(c.Visits, store.Visit{URL: cu, Kind: store.VisitPage, At: at, Incomplete: !doc.Complete})
		}
	}
	c.Colly = s.collyMarks()
	res, err := s.db.Commit(c)
	if err == nil {
		s.saved = true
	}
	return res, err
}

func (s *taskStore) collyMarks() []uint64 {
	out := make([]uint64, 0, len(s.urls))
	for _, u := range s.urls {
		if !strings.HasSuffix(u, "/robots.txt") {
			out = append(out, collyHash(u))
		}
	}
	return out
}

func (s *taskStore) LatestCapture(u string) (*store.Capture, error) { return s.db.LatestCapture(u) }
func (s *taskStore) Capture(id uint64) (*store.Capture, error)      { return s.db.Capture(id) }
func (s *taskStore) Payload(digest string) ([]byte, error)          { return s.db.Payload(digest) }

// canon is the form URLs take in the seen-set and the visited state.
func canon(u string) string { return extract.CanonicalURL(u) }

func urlKey(canonical string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(canonical))
	return h.Sum64()
}

func hostKey(u string) string {
	pu, err := url.Parse(u)
	if err != nil {
		return ""
	}
	return strings.ToLower(pu.Host)
}

// oneLine keeps an error to its first line.
func oneLine(err error) string {
	msg := err.Error()
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	return msg
}
