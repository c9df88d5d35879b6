package crawler

import (
	"context"
	"errors"
	"log/slog"
	"net/url"
	"path"
	"regexp"
	"strings"
	"sync"
	"time"

	"folio/extract"
)

// CrawlOptions configure a Crawl; zero fields take the defaults.
type CrawlOptions struct {
	Seeds    []string
	Scope    *regexp.Regexp // article URLs must match; nil means the seeds' hosts
	Depth    int            // link depth from the seeds; 0 means 3
	MaxDocs  int            // stop after this many documents archived; 0 means no limit
	Parallel int            // hosts crawled at once; 0 means 4
	// HostBudget bounds the pages fetched per host in one run, so that a
	// trap nothing else caught still ends; 0 means 10,000.
	HostBudget int
	Logger     *slog.Logger
}

// Summary is what a crawl did.
type Summary struct {
	New       int           `json:"new"`
	Changed   int           `json:"changed"`
	Unchanged int           `json:"unchanged"`
	Failed    int           `json:"failed"`
	Robots    int           `json:"skipped_robots"`
	Lists     int           `json:"list_pages"`
	Fetches   int           `json:"fetches"`
	Duration  time.Duration `json:"-"`
	Seconds   float64       `json:"seconds"`
}

// Crawler discovers articles from seed pages and archives them.
type Crawler struct {
	arch *Archiver
	opts CrawlOptions
	log  *slog.Logger

	mu      sync.Mutex
	seen    map[string]bool
	queues  map[string][]task // per host
	active  map[string]bool   // hosts with a worker
	budget  map[string]int
	summary Summary
	docs    int
	wake    chan struct{}
}

type task struct {
	url   string
	depth int
}

// NewCrawler returns a Crawler that archives with arch.
func NewCrawler(arch *Archiver, opts CrawlOptions) *Crawler {
	if opts.Depth <= 0 {
		opts.Depth = 3
	}
	if opts.Parallel <= 0 {
		opts.Parallel = 4
	}
	if opts.HostBudget <= 0 {
		opts.HostBudget = 10_000
	}
	c := &Crawler{arch: arch, opts: opts, log: opts.Logger, seen: map[string]bool{},
		queues: map[string][]task{}, active: map[string]bool{}, budget: map[string]int{}, wake: make(chan struct{}, 1)}
	if c.log == nil {
		c.log = slog.New(slog.DiscardHandler)
	}
	return c
}

// Run crawls until the frontier is empty, a limit is reached or ctx ends.
func (c *Crawler) Run(ctx context.Context) (*Summary, error) {
	start := time.Now()
	scopeHosts := map[string]bool{}
	for _, s := range c.opts.Seeds {
		if u, err := url.Parse(s); err == nil {
			scopeHosts[u.Host] = true
		}
		c.enqueue(s, 0)
	}
	inScope := func(u string) bool {
		if c.opts.Scope != nil {
			return c.opts.Scope.MatchString(u)
		}
		pu, err := url.Parse(u)
		return err == nil && scopeHosts[pu.Host]
	}

	sem := make(chan struct{}, c.opts.Parallel)
	var wg sync.WaitGroup
	for ctx.Err() == nil {
		host, ok := c.idleHost()
		if !ok {
			if c.running() == 0 {
				break
			}
			select { // wait for a worker to finish or enqueue
			case <-c.wake:
			case <-ctx.Done():
			}
			continue
		}
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			c.work(ctx, host, inScope)
		}()
	}
	wg.Wait()
	c.summary.Duration = time.Since(start)
	c.summary.Seconds = c.summary.Duration.Seconds()
	s := c.summary
	return &s, ctx.Err()
}

// idleHost picks a host with queued work and no worker, and marks it active.
func (c *Crawler) idleHost() (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for h, q := range c.queues {
		if len(q) > 0 && !c.active[h] {
			c.active[h] = true
			return h, true
		}
	}
	return "", false
}

func (c *Crawler) running() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.active)
}

func (c *Crawler) signal() {
	select {
	case c.wake <- struct{}{}:
	default:
	}
}

// work drains one host's queue, one page at a time; the Transport keeps
// the host's pace.
func (c *Crawler) work(ctx context.Context, host string, inScope func(string) bool) {
	defer func() {
		c.mu.Lock()
		delete(c.active, host)
		c.mu.Unlock()
		c.signal()
	}()
	for ctx.Err() == nil {
		c.mu.Lock()
		q := c.queues[host]
		if len(q) == 0 || (c.opts.MaxDocs > 0 && c.docs >= c.opts.MaxDocs) {
			c.mu.Unlock()
			return
		}
		t := q[0]
		c.queues[host] = q[1:]
		c.budget[host]++
		over := c.budget[host] > c.opts.HostBudget
		c.mu.Unlock()
		if over {
			c.log.Warn("page budget reached; host skipped for the rest of the run", "host", host)
			c.mu.Lock()
			c.queues[host] = nil
			c.mu.Unlock()
			return
		}
		c.visit(ctx, t, inScope)
	}
}

// visit fetches one URL: a list page is read for links, an article is
// archived with its pages.
func (c *Crawler) visit(ctx context.Context, t task, inScope func(string) bool) {
	p := c.arch.fetchPage(t.url)
	c.count(func(s *Summary) { s.Fetches++ })
	if !p.ok() {
		if errors.Is(p.err, ErrRobotsDisallowed) {
			c.count(func(s *Summary) { s.Robots++ })
			c.log.Debug("disallowed by robots.txt", "url", t.url)
			return
		}
		c.count(func(s *Summary) { s.Failed++ })
		c.log.Error(p.err.Error())
		return
	}
	isSeed := t.depth == 0
	if isSeed || p.parsed.Kind == extract.KindList {
		c.count(func(s *Summary) { s.Lists++ })
		c.log.Info("list", "url", p.url, "links", len(p.parsed.Links))
		if next := p.parsed.Pagination.Next; next != "" {
			c.enqueue(next, t.depth) // a list's own page 2 is as deep as page 1
		}
		if t.depth < c.opts.Depth {
			for _, l := range p.parsed.Links {
				if inScope(l.URL) && followable(l) {
					c.enqueue(l.URL, t.depth+1)
				}
			}
		}
		return
	}
	if !inScope(p.url) {
		return
	}
	res := c.arch.archive(ctx, t.url, p)
	if res.Doc != nil {
		for _, pg := range res.Doc.Pages {
			c.markSeen(pg.URL)
		}
		c.mu.Lock()
		c.docs++
		switch {
		case res.Save.New:
			c.summary.New++
		case res.Save.Changed:
			c.summary.Changed++
		default:
			c.summary.Unchanged++
		}
		c.mu.Unlock()
		c.log.Info("archived", "title", res.Doc.Title, "pages", len(res.Doc.Pages), "version", res.Doc.Version, "url", res.Doc.URL)
	}
	if res.Err != nil {
		c.count(func(s *Summary) { s.Failed++ })
		c.log.Error(res.Err.Error())
	}
	// Articles link on to other articles (related, 上一篇/下一篇).
	if t.depth < c.opts.Depth {
		for _, l := range p.parsed.Links {
			if inScope(l.URL) && followable(l) {
				c.enqueue(l.URL, t.depth+1)
			}
		}
	}
}

func (c *Crawler) count(f func(*Summary)) {
	c.mu.Lock()
	f(&c.summary)
	c.mu.Unlock()
}

func (c *Crawler) markSeen(u string) {
	c.mu.Lock()
	c.seen[extract.CanonicalURL(u)] = true
	c.mu.Unlock()
}

// enqueue adds u unless it was seen before; the check and the mark are one
// step (colly's visited check is not atomic, which fetched pages many times).
func (c *Crawler) enqueue(u string, depth int) {
	if trap(u) {
		return
	}
	key := extract.CanonicalURL(u)
	pu, err := url.Parse(u)
	if err != nil {
		return
	}
	c.mu.Lock()
	if !c.seen[key] {
		c.seen[key] = true
		c.queues[pu.Host] = append(c.queues[pu.Host], task{url: u, depth: depth})
	}
	c.mu.Unlock()
	c.signal()
}

// skippedExt are file types that are never pages to crawl (attachments are
// fetched with their article, not crawled).
var skippedExt = map[string]bool{
	".css": true, ".js": true, ".jpg": true, ".jpeg": true, ".png": true, ".gif": true, ".bmp": true,
	".ico": true, ".svg": true, ".webp": true, ".pdf": true, ".doc": true, ".docx": true, ".xls": true,
	".xlsx": true, ".ppt": true, ".pptx": true, ".zip": true, ".rar": true, ".7z": true, ".gz": true,
	".mp3": true, ".mp4": true, ".avi": true, ".flv": true, ".swf": true, ".exe": true, ".apk": true,
	".wps": true, ".et": true, ".txt": true, ".xml": true,
}

func followable(l extract.Link) bool {
	pu, err := url.Parse(l.URL)
	if err != nil {
		return false
	}
	return !skippedExt[strings.ToLower(path.Ext(pu.Path))]
}

var sessionParam = regexp.MustCompile(`(?i)(;jsessionid=|[?&](phpsessid|sid|sessionid|jsessionid|aspsessionid\w*)=)`)

// trap recognises URLs that lead into crawler traps: very long URLs,
// session ids, and paths that repeat their segments (a/b/a/b/).
func trap(u string) bool {
	if len(u) > 2048 || sessionParam.MatchString(u) {
		return true
	}
	pu, err := url.Parse(u)
	if err != nil {
		return true
	}
	segs := strings.Split(strings.Trim(pu.Path, "/"), "/")
	count := map[string]int{}
	for _, s := range segs {
		if s == "" {
			continue
		}
		count[s]++
		if count[s] > 2 {
			return true
		}
	}
	return len(segs) > 20
}
