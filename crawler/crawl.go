package crawler

import (
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"log/slog"
	"net/url"
	"reflect"
	"regexp"
	"slices"
	"sync"
	"time"

	"folio/extract"
	"folio/internal/errtext"
	"folio/internal/panics"
	"folio/store"
)

// CrawlStore is what a crawl needs of the store: the Archiver's Store
// and the crawl state.
type CrawlStore interface {
	Store
	PutCapturesBatch(cs []*store.Capture, payloads [][]byte) ([]store.PutResult, error)
	BeginCrawl(now time.Time) (store.CrawlRun, bool, error)
	FinishCrawl(id uint64, stats, pace any, now time.Time) error
	SaveCrawlStats(id uint64, stats, pace any) error
	PaceStore
	Frontier(fn func(store.FrontierEntry) error) error
	VisitedIn(run uint64, fn func(url string, kind store.VisitKind)) error
	CollyVisited(run uint64) ([]uint64, error)
	URLStatuses(urls []string) ([]store.URLStatus, error)
	KnownDocuments(onHost func(host string) bool, fn func(url string, st store.URLStatus)) error
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
	// Attachments fetches each article's attached files with it (PDF,
	// office documents, in-content images); Requisites its CSS, scripts
	// and layout images.
	Attachments bool
	Requisites  bool
	// Progress is how often a progress line is logged (Info); 0 means never.
	Progress time.Duration
	Logger   *slog.Logger

	// statsEvery is how often the run's summary so far is stored; 0 means
	// every second. Tests shorten it.
	statsEvery time.Duration
}

// Summary is what a crawl did.
type Summary struct {
	Run            uint64 `json:"run"`
	Resumed        bool   `json:"resumed"`
	store.Outcomes        // new, changed, unchanged, republished
	Failed         int    `json:"failed"` // URLs that brought nothing usable
	// Gone counts links that answered 404 or 410 on an earlier run: not
	// fetched again until re-checked (weekly), nor failures when still gone.
	Gone int `json:"gone"`
	// Incomplete counts the documents above (new, changed or unchanged)
	// whose fetch missed a page or an attachment; Cut those that
	// --max-pages or --max-body cut short (the operator's limits: no
	// failure).
	Incomplete int `json:"incomplete"`
	Cut        int `json:"cut"`
	Robots     int `json:"skipped_robots"`
	NotDue     int `json:"skipped_not_due"`
	Traps      int `json:"skipped_traps"`
	// OutOfScope counts links left unfetched because they are articles
	// of the family --scope selects from, but outside it.
	OutOfScope  int           `json:"skipped_out_of_scope"`
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
	db    CrawlStore
	tr    *Transport
	opts  CrawlOptions
	log   *slog.Logger
	sites []*siteState
	// seeds are the canonical URLs that may redirect anywhere, under mu:
	// the seeds, the sitemaps, and the pages a seed's stub sends on to
	// (push).
	seeds   map[string]bool
	fetcher *Fetcher
	// requisites already fetched in this run, shared by the tasks'
	// Archivers.
	requisites  *requisiteSet
	noPdftotext sync.Once
	colly       *visitedStore
	run         store.CrawlRun
	now         func() time.Time
	parser      parseFunc // the Archivers' parser; nil means extract.Parse

	mu   sync.Mutex
	wake chan struct{}
	seen map[uint64]struct{} // canonical URLs queued or visited this run
	// chain holds, for a list's next page queued this run, the chain of
	// list pages it continues (listChain).
	chain map[uint64]*listChain
	// notDue holds the links met this run that were not due for a
	// re-check: a sitemap's lastmod met later may make them due.
	notDue map[uint64]struct{}
	// copyOf maps a stored article re-checked because a copy of it was
	// met (recheckOriginal) to that copy's URL: where the document moves
	// if the original is gone.
	copyOf   map[string]string
	hosts    map[string]*hostQueue
	order    []*hostQueue // round-robin order
	next     int
	active   int // tasks running
	busy     int // hosts with a task running
	docs     int
	summary  Summary
	before   Summary // what the interrupted part of a resumed run did
	fatal    error
	pageSeen int // pages read, for progress
}

type siteState struct {
	Site
	mu    sync.RWMutex
	hosts map[string]bool // the seeds' hosts, and those the seeds moved to
	// movedFrom names, for a host the seeds moved to, the hosts they
	// moved from: an article there may be stored under its old address.
	movedFrom map[string][]string
	docs      int
	// scopeShapes are the URL shapes (urlShape) of links seen matching
	// Scope: a link of one of these shapes outside Scope is an article of
	// the same family that the operator left out, not a list to read.
	scopeShapes map[string]bool
}

// hasHost says whether host is one of the site's own.
func (s *siteState) hasHost(host string) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.hosts[host]
}

// addHost makes host one of the site's own: a seed redirected there (the
// portal moved from www.x.gov.cn to x.gov.cn, or to https on another
// name), and its articles are there now. It reports whether host is new.
func (s *siteState) addHost(host string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if host == "" || s.hosts[host] {
		return false
	}
	s.hosts[host] = true
	return true
}

// addMove records that the site moved from one host to another.
func (s *siteState) addMove(from, to string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if from == "" || from == to || slices.Contains(s.movedFrom[to], from) {
		return
	}
	if s.movedFrom == nil {
		s.movedFrom = map[string][]string{}
	}
	s.movedFrom[to] = append(s.movedFrom[to], from)
}

// oldHosts are the hosts the site moved from to host.
func (s *siteState) oldHosts(host string) []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.movedFrom[host]
}

// task is a frontier entry being worked on.
type task struct {
	store.FrontierEntry
	site  *siteState
	host  string // the server: hostKey
	queue string // its host queue: queueKey
	// origin is the earlier run that left the task, when this run took
	// it from there (carried): what it leads to waits with it, behind
	// this run's finds — a trap's next pages go on from there, not ahead.
	origin uint64
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
		wake: make(chan struct{}, 1), seen: map[uint64]struct{}{}, chain: map[uint64]*listChain{}, notDue: map[uint64]struct{}{}, copyOf: map[string]string{}, hosts: map[string]*hostQueue{},
		requisites: &requisiteSet{}}
	if c.log == nil {
		c.log = slog.New(slog.DiscardHandler)
	}
	c.seeds = map[string]bool{}
	for _, s := range opts.Sites {
		for _, seed := range append(append([]string(nil), s.Seeds...), s.Sitemaps...) {
			c.seeds[canon(seed)] = true
		}
		if s.Depth <= 0 {
			s.Depth = defaultDepth
		}
		if s.HostBudget <= 0 {
			s.HostBudget = defaultHostBudget
		}
		ss := &siteState{Site: s, hosts: map[string]bool{}}
		for _, seed := range s.Seeds {
			if h := hostKey(seed); h != "" {
				ss.hosts[h] = true
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
	// The delay holds from the last requests of the run before (or of
	// the killed part of this one).
	if err := ResumePace(c.db, c.tr); err != nil {
		return nil, err
	}
	if resumed {
		c.log.Info("resuming an interrupted crawl", "run", run.ID, "started", run.Started.Format(time.RFC3339))
		// The summary is the run's: what the interrupted part did too.
		if len(run.Stats) > 0 && json.Unmarshal(run.Stats, &c.before) != nil {
			c.before = Summary{}
		}
		if c.before.Failed > 0 {
			// Its lines went to the interrupted part's stderr; the exit
			// code of this part says so too.
			c.log.Warn("the interrupted part of this run had URLs that failed; they were reported then", "failed", c.before.Failed)
		}
	}
	marks, err := c.db.CollyVisited(run.ID)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	c.colly = newVisitedStore(marks)
	if c.fetcher, err = NewFetcher(ctx, c.tr, FetcherOptions{Storage: c.colly, FollowRedirect: c.followsRedirect}); err != nil {
		return nil, err
	}
	if err := c.load(); err != nil {
		return nil, err
	}
	stopProgress := c.progress(ctx, start)
	stopSaving := c.saveStats(start)

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
			c.safeWork(ctx, t)
			c.finish(t)
			if err := c.fatalErr(); err != nil {
				cancel()
			}
		}()
	}
	wg.Wait()
	stopProgress()
	stopSaving()

	sum := c.runSummary(start)
	c.mu.Lock()
	// (URLs, not entries: one an earlier run left and this run met again
	// waits once.)
	waiting := map[uint64]bool{}
	for _, h := range c.hosts {
		for _, q := range [][]*task{h.tasks, h.later, h.carried} {
			for _, t := range q {
				waiting[urlKey(extract.CanonicalURL(t.URL))] = true
			}
		}
	}
	sum.Queued = len(waiting)
	fatal := c.fatal
	c.mu.Unlock()
	if fatal != nil {
		return &sum, fatal
	}
	if err := ctx.Err(); err != nil {
		// Interrupted: the run that resumes it counts from here.
		if serr := c.db.SaveCrawlStats(run.ID, sum, c.tr.Pace(true)); serr != nil {
			c.log.Warn("the interrupted run's summary was not kept", "err", serr)
		}
		return &sum, err
	}
	if err := c.db.FinishCrawl(run.ID, sum, c.tr.Pace(true), c.now()); err != nil {
		return &sum, err
	}
	return &sum, nil
}

// runSummary is the run's summary now: this part's counts, its fetches
// and time, added to those of the part it resumes.
func (c *Crawler) runSummary(start time.Time) Summary {
	c.mu.Lock()
	sum := c.summary
	c.mu.Unlock()
	sum.Fetches = int(c.tr.Requests())
	sum.Duration = time.Since(start) + time.Duration(c.before.Seconds*float64(time.Second))
	sum.Seconds = float64(sum.Duration.Round(time.Millisecond).Milliseconds()) / 1000 // 1.132, not Seconds()'s 1.1320000000000001
	addCounts(&sum, c.before)
	return sum
}

// addCounts adds the counts of b (its int fields but Queued, which each
// part counts at its end) to s.
func addCounts(s *Summary, b Summary) {
	addInts(reflect.ValueOf(s).Elem(), reflect.ValueOf(b))
}

// addInts adds b's int fields to s's, in embedded structs too (Outcomes).
func addInts(s, b reflect.Value) {
	for i := range s.NumField() {
		switch f := s.Field(i); {
		case f.Kind() == reflect.Struct:
			addInts(f, b.Field(i))
		case f.Kind() == reflect.Int && s.Type().Field(i).Name != "Queued":
			f.SetInt(f.Int() + b.Field(i).Int())
		}
	}
}

// statsEvery is how often a run keeps its summary and pacing so far.
func (c *Crawler) statsEvery() time.Duration {
	if c.opts.statsEvery > 0 {
		return c.opts.statsEvery
	}
	return time.Second
}

// saveStats keeps the run's summary in the store every second until
// stopped, so that a run killed outright (kill -9, a reboot) is resumed
// with its counts: the resumed run's summary is the whole run's, but for
// the last seconds before the kill.
func (c *Crawler) saveStats(start time.Time) (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		tick := time.NewTicker(c.statsEvery())
		defer tick.Stop()
		var last Summary // the counts last kept: a second without news writes nothing
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				sum := c.runSummary(start)
				counts := sum
				counts.Duration, counts.Seconds = 0, 0
				if counts == last {
					continue
				}
				pace := c.tr.Pace(false)
				pace.Every = c.statsEvery()
				if err := c.db.SaveCrawlStats(c.run.ID, sum, pace); err != nil {
					c.log.Debug("the run's summary so far was not kept", "err", err)
					continue
				}
				last = counts
			}
		}
	}()
	return func() { close(done); <-finished }
}

// safeWork runs one task. A panic (a bug met on this URL) fails the URL,
// not the run: it is logged with the URL and counted, and the URL stays in
// the frontier, so that a later run (with the bug fixed) fetches it again.
func (c *Crawler) safeWork(ctx context.Context, t *task) {
	defer func() {
		if r := recover(); r != nil {
			c.count(func(s *Summary) { s.Failed++ })
			c.log.Error(errtext.Line(panics.Error(t.URL, r)))
		}
	}()
	c.work(ctx, t)
}

// load fills the in-memory queues: the frontier left by an earlier run
// (or by this run before it was killed), then the seeds and the
// configured sitemaps.
func (c *Crawler) load() error {
	// (What this run fetched before it was interrupted counts against
	// its hosts' page budgets: a resumed run is the same run.)
	err := c.db.VisitedIn(c.run.ID, func(u string, kind store.VisitKind) {
		c.seen[urlKey(u)] = struct{}{}
		if kind != store.VisitSkipped { // (robots.txt's, or fetched already: no request)
			c.hostFor(u).fetched++
		}
	})
	if err != nil {
		return err
	}
	var dropped []uint64
	var earlier []*task // an earlier run's entries
	err = c.db.Frontier(func(e store.FrontierEntry) error {
		site := c.siteFor(e.Site, e.URL)
		if site == nil {
			return nil // a site no longer configured: left alone
		}
		if e.Run != 0 && e.Run != c.run.ID {
			earlier = append(earlier, &task{FrontierEntry: e, site: site})
			return nil
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
	// An earlier run's entries are queued after this run's finds, claimed
	// when taken: a backlog larger than a run may fetch (a big column,
	// --max-docs) drains over the next runs. Not one a later run fetched
	// already (met again through its list, say), nor two of one URL; and
	// no more per host than carriedBudgets runs' worth, or a trap that
	// ends every run on its budget would grow the frontier by what each
	// run finds, for good.
	carried := map[uint64]bool{}
	for from := 0; from < len(earlier); from += 1000 {
		batch := earlier[from:min(from+1000, len(earlier))]
		urls := make([]string, len(batch))
		for i, t := range batch {
			urls[i] = canon(t.URL)
		}
		sts, err := c.db.URLStatuses(urls)
		if err != nil {
			return err
		}
		for i, t := range batch {
			key := urlKey(extract.CanonicalURL(t.URL))
			visited := sts[i].Run != 0 && sts[i].Run >= t.Run && sts[i].Kind != store.VisitSkipped
			// (A re-check is not carried: every run works out again
			// which stored articles are due.)
			if h := c.hostFor(t.URL); t.Kind == kindRevisit || visited || carried[key] || len(h.carried) >= carriedBudgets*t.site.HostBudget {
				dropped = append(dropped, t.Seq)
				continue
			}
			carried[key] = true
			c.push(t)
		}
	}
	if len(dropped) > 0 {
		c.log.Info("frontier left by earlier runs trimmed", "dropped", len(dropped), "kept per host", fmt.Sprintf("%d page budgets", carriedBudgets))
		if _, err := c.db.Commit(&store.CrawlCommit{Run: c.run.ID, Done: dropped}); err != nil {
			return err
		}
	}
	// A seed that an earlier run found moved (an HTTP redirect to another
	// host, stored with its captures) has its new host among the site's
	// from the start: the articles stored there are re-checked when due
	// like those of the seeds' hosts, and fetched at the site's delay.
	for _, s := range c.sites {
		for _, u := range s.Seeds {
			if fc := storedFinal(c.db, u); fc != nil {
				s.addHost(hostKey(fc.URL))
				s.addMove(hostKey(u), hostKey(fc.URL))
			}
		}
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
			kind := ""
			if feedURL.MatchString(u) {
				kind = kindSitemap // an RSS or Atom feed lists articles as a sitemap does
			}
			seeds = append(seeds, &store.FrontierEntry{URL: u, Site: s.Name, Kind: kind})
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
	siteOf := func(host string) *siteState {
		for _, s := range c.sites {
			if s.hasHost(gateKey(host)) {
				return s
			}
		}
		return nil
	}
	// Those not due are counted so (once, however many lists link them);
	// one gone at its last visit waits the week a gone link waits.
	// (A resumed run's interrupted part counted them already.)
	err = c.db.KnownDocuments(func(host string) bool { return siteOf(host) != nil }, func(u string, st store.URLStatus) {
		if cu := canon(u); cu != u {
			// Stored under an older canonical form (lower-case escapes):
			// its visits since are recorded under today's.
			if sts, err := c.db.URLStatuses([]string{cu}); err == nil && len(sts) == 1 {
				st = merge(sts[0], st)
			}
		}
		gone := isGone(st)
		due := c.opts.Revisit.Due(st, time.Time{}, now)
		if gone {
			due = c.opts.Revisit.GoneDue(st, now)
		}
		if due {
			s := siteOf(hostKey(u))
			seeds = append(seeds, &store.FrontierEntry{URL: u, Site: s.Name, Depth: 1, Kind: kindRevisit})
			sites = append(sites, s)
		} else if !gone && c.markNotDue(u) && !c.summary.Resumed {
			c.count(func(s *Summary) { s.NotDue++ })
		}
	})
	if err != nil {
		return err
	}
	var fresh []*store.FrontierEntry
	var freshSites []*siteState
	for i, e := range seeds {
		key := urlKey(extract.CanonicalURL(e.URL))
		if _, dup := c.seen[key]; dup {
			continue
		}
		c.seen[key] = struct{}{}
		if alt := threadPage(e.URL); alt != "" {
			// A thread re-checked at its script address is its
			// rewritten one too: the list's link to that is this fetch.
			c.seen[urlKey(canon(alt))] = struct{}{}
		}
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

// carriedBudgets is how many runs' page budgets of an earlier run's
// frontier a host keeps.
const carriedBudgets = 10

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
		if s.hasHost(host) {
			return s
		}
	}
	return nil
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

// canon is the form URLs take in the seen-set and the visited state.
func canon(u string) string { return extract.CanonicalURL(u) }

func urlKey(canonical string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(canonical))
	return h.Sum64()
}

// queueKey names the host queue of u: its server, and its scheme when
// https, so that a host's https side failing (a bad certificate, its
// robots.txt unreachable) leaves its http pages to be crawled. (Both sides
// share one politeness gate: hostKey.)
func queueKey(u string) string {
	pu, err := url.Parse(u)
	if err != nil {
		return ""
	}
	if pu.Scheme == "https" {
		return "https://" + gateKey(pu.Host)
	}
	return gateKey(pu.Host)
}

func hostKey(u string) string {
	pu, err := url.Parse(u)
	if err != nil {
		return ""
	}
	return gateKey(pu.Host) // the host the politeness gate knows it by
}
