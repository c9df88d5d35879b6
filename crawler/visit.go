package crawler

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/gocolly/colly/v2"

	"folio/extract"
	"folio/internal/errtext"
	"folio/store"
)

// What one task does: fetch a URL, read it as a list, an article or a
// sitemap, and store the outcome with the crawl state in one commit.

// work visits one URL: a list page is read for links, an article is
// archived with its pages, a sitemap is read for URLs.
func (c *Crawler) work(ctx context.Context, t *task) {
	ts := &taskStore{ctx: ctx, db: c.db, commit: &store.CrawlCommit{Run: c.run.ID, Done: []uint64{t.Seq}}, oldHosts: t.site.oldHosts}
	defer func() {
		c.mu.Lock()
		c.hosts[t.queue].fetched += ts.requests
		c.mu.Unlock()
	}()
	if t.Kind == kindSitemap {
		if c.visitSitemap(t, ts) {
			return
		}
		// A seed named like a feed (/rss/) that is a page, an RSS 订阅
		// column: read as the page it is.
		t.Kind = ""
	}
	arch := NewArchiver(c.fetcher, ts, ArchiveOptions{
		MaxPages: t.site.MaxPages, Location: t.site.Location, Logger: c.log, Conditional: true,
		Attachments: c.opts.Attachments, Requisites: c.opts.Requisites,
		InScope: func(u string) bool { return c.articleInScope(t.site, u) },
	})
	arch.requisites, arch.noPdftotext, arch.parser = c.requisites, &c.noPdftotext, c.parser
	p := arch.fetchPage(t.URL)
	c.afterFirstContact(t)
	if p.err != nil && c.storeFailed(p.err) {
		return
	}
	now := time.Now()
	if p.reread {
		// Fetched already in this run (the target of a redirect queued
		// too, say) and handled then: reading it again from its capture
		// would archive the article twice and count a re-fetch that
		// never happened. Only an article's own pages and attachments
		// are re-read from the store. A link that redirected there is
		// an alias of the article, though: the next run need not fetch it.
		aliasOf(ts, t.URL, p.url)
		c.skipVisited(t, ts, now)
		return
	}
	softNotFound(p)
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
	if t.Depth == 0 {
		c.seedMoved(t, p.url)
	}
	if to := p.parsed.Redirect; to != "" {
		c.followStub(t, ts, to, now)
		return
	}
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
		if p.parsed.Pagination.FormPosted {
			// Said, not guessed at: the operator can seed the later
			// pages or the site's sitemap.
			c.log.Warn("the list's page bar posts a form (__doPostBack): its later pages have no address to fetch", "url", p.url)
		}
		c.count(func(s *Summary) { s.Lists++ })
		c.log.Debug("list", "url", p.url, "links", len(p.parsed.Links), "queued", len(links))
		ts.commit.Visits = append(ts.commit.Visits, store.Visit{URL: canon(t.URL), Kind: store.VisitList, At: now})
		if c.commitVisit(ts) {
			c.queue(t.site, links)
		}
		return
	}
	if !c.takeDocSlot(t) {
		c.log.Debug("max-docs reached; article left in the frontier for the next run", "url", t.URL)
		return
	}
	// The links of the article's other pages are followed as page 1's
	// are, and saved with the document: an article linked only from the
	// 相关阅读 under a multi-page report's last page is found too.
	// (Only the links page 1 did not have: the template's menus and
	// sidebars repeat on every page.)
	arch.beforeSave = func(pages []*page) {
		met := make(map[string]bool, len(p.parsed.Links))
		for _, l := range p.parsed.Links {
			met[l.URL] = true
		}
		for _, other := range pages {
			if other == p || !other.ok() {
				continue
			}
			var fresh []extract.Link
			for _, l := range other.parsed.Links {
				if !met[l.URL] {
					met[l.URL] = true
					fresh = append(fresh, l)
				}
			}
			parsed := *other.parsed
			parsed.Links = fresh
			only := *other
			only.parsed = &parsed
			links = append(links, c.discover(t, &only, false)...)
		}
		ts.commit.Enqueue = links
	}
	res := arch.archive(ctx, t.URL, p)
	if res.Doc == nil {
		c.releaseDocSlot(t)
	}
	if res.Err != nil && c.storeFailed(res.Err) {
		return
	}
	if !ts.saved && ctx.Err() != nil {
		return // cut short: left in the frontier for the resumed run
	}
	if !ts.saved {
		// Nothing could be archived: the visit is a failure.
		ts.commit.Visits = append(ts.commit.Visits, store.Visit{URL: canon(t.URL), Kind: store.VisitFailed, At: now})
		if !c.commitVisit(ts) {
			return
		}
	}
	c.queue(t.site, links)
	c.countArchived(res)
	c.recheckOriginal(t, res)
}

// recheckOriginal re-checks in this run the stored article that a fetch
// found republished, when the run had left it alone as not due. The
// "copy" is often the article itself at a new address (a column renamed,
// the old URL now redirecting there); only the original's re-check tells,
// and it moves the document to the new URL rather than leaving it at one
// that redirects. For a real copy it costs one conditional request, once.
func (c *Crawler) recheckOriginal(t *task, res *Result) {
	if res.Doc == nil || !res.Save.Republished || !c.takeNotDue(res.Doc.URL) {
		return
	}
	e := &store.FrontierEntry{URL: res.Doc.URL, Site: t.site.Name, Depth: 1, Kind: kindRevisit}
	if _, err := c.db.Commit(&store.CrawlCommit{Run: c.run.ID, Enqueue: []*store.FrontierEntry{e}}); err != nil {
		c.fail(err)
		return
	}
	c.mu.Lock()
	c.copyOf[canon(res.Doc.URL)] = canon(t.URL)
	c.summary.NotDue--
	c.mu.Unlock()
	c.queue(t.site, []*store.FrontierEntry{e})
}

// hasCopy says whether the stored article at u was re-checked for a copy.
func (c *Crawler) hasCopy(u string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	_, ok := c.copyOf[canon(u)]
	return ok
}

// takeCopyOf returns the copy whose fetch made this run re-check the
// stored article at u (recheckOriginal), and forgets it; "" when none.
func (c *Crawler) takeCopyOf(u string) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	cp := c.copyOf[canon(u)]
	delete(c.copyOf, canon(u))
	return cp
}

// takeDocSlot takes t's article a slot under --max-docs (the run's and its
// site's) before it is archived, not after: the articles of hosts running
// at once would otherwise all be stored past the limit. false: no slot left.
func (c *Crawler) takeDocSlot(t *task) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if (c.opts.MaxDocs > 0 && c.docs >= c.opts.MaxDocs) || t.site.full() {
		return false
	}
	c.docs++
	t.site.docs++
	return true
}

// releaseDocSlot gives back the slot of an article that stored nothing.
func (c *Crawler) releaseDocSlot(t *task) {
	c.mu.Lock()
	c.docs--
	t.site.docs--
	c.mu.Unlock()
}

// countArchived counts and logs what archiving an article gave: its pages
// as seen, the document by its outcome, a failure when nothing came.
func (c *Crawler) countArchived(res *Result) {
	if res.Doc != nil {
		keys := make([]uint64, 0, len(res.Doc.Pages))
		for _, pg := range res.Doc.Pages {
			keys = append(keys, urlKey(canon(pg.URL)))
		}
		c.mu.Lock()
		for _, k := range keys {
			c.seen[k] = struct{}{}
		}
		c.seen[urlKey(res.Doc.URL)] = struct{}{}
		c.pageSeen += len(res.Doc.Pages) - 1
		// Counted by what was stored; a page or attachment that failed
		// makes it incomplete too, not failed: something usable came.
		state := c.summary.Count(res.Save)
		switch {
		case res.Err != nil:
			c.summary.Incomplete++
		case res.cut:
			c.summary.Cut++
		}
		c.mu.Unlock()
		c.log.Info("archived", "state", state, "incomplete", res.Err != nil, "title", res.Doc.Title, "pages", len(res.Doc.Pages), "version", res.Doc.Version, "url", res.Doc.URL)
	}
	if res.Err != nil {
		if res.Doc == nil {
			c.count(func(s *Summary) { s.Failed++ })
		}
		errtext.Log(c.log, res.Err)
	}
}

// seedMoved makes the host a seed was redirected to (by HTTP or a stub
// page) one of its site's own, so that without --scope the articles found
// there are in scope: a portal that moved from www.x.gov.cn to x.gov.cn
// is still crawled from the old address, as politely as the site's delay
// asks.
func (c *Crawler) seedMoved(t *task, to string) {
	t.site.addMove(hostKey(t.URL), hostKey(to))
	if host := hostKey(to); t.site.addHost(host) {
		if t.site.Delay > 0 {
			c.tr.SetHostDelay(host, t.site.Delay)
		}
		c.log.Info("seed redirected to another host; its pages there are in scope", "seed", t.URL, "host", host)
	}
}

// followStub follows a page that sends the browser on by a meta refresh
// or a script (a portal's root that is only a pointer to its home page)
// as it would an HTTP redirect: its target is queued as deep as the stub
// was, and the stub is no page to read.
func (c *Crawler) followStub(t *task, ts *taskStore, to string, now time.Time) {
	var links []*store.FrontierEntry
	if t.Depth == 0 {
		c.seedMoved(t, to)
	}
	if u := cleanLink(extract.Link{URL: to}); u != "" {
		links = c.admit(t, []candidate{{url: u, depth: t.Depth}})
	}
	c.log.Debug("stub page sends on", "url", t.URL, "to", to)
	ts.commit.Enqueue = links
	ts.commit.Visits = append(ts.commit.Visits, store.Visit{URL: canon(t.URL), Kind: store.VisitOther, At: now})
	if c.commitVisit(ts) {
		c.queue(t.site, links)
	}
}

// failedPage handles a first page that brought nothing readable.
func (c *Crawler) failedPage(t *task, ts *taskStore, p *page, now time.Time) {
	var visited *colly.AlreadyVisitedError
	if errors.As(p.err, &visited) && p.status >= 300 && p.status < 400 && visited.Destination != nil && !c.isSeen(visited.Destination.String()) {
		// A redirect to a URL colly fetched already in this run, though
		// no link of the crawl led there: a hop of this very chain, which
		// leads back where it passed (A → B → A). A loop, and a failure.
		// (A redirect to a page the crawl read is an alias of it.)
		p.err = fmt.Errorf("%s: a redirect loop (it leads back to a URL it passed): %w", t.URL, ErrRedirect)
	}
	switch {
	case errors.Is(p.err, ErrRobotsUnavailable), errors.Is(p.err, ErrHostPaused):
		c.keepCaptures(ts)
		c.deferTask(t, p.err)
		return
	case (p.status == http.StatusTooManyRequests || p.status == http.StatusServiceUnavailable) && c.tr.HostPaused(t.URL):
		// The answer that paused the host for the night (Retry-After:
		// 3600): the URL waits for the next run with the host's others.
		c.keepCaptures(ts)
		c.deferTask(t, ErrHostPaused)
		return
	case errors.Is(p.err, context.Canceled):
		return // left in the frontier: the resumed run fetches it
	case errors.As(p.err, &visited):
		// Fetched already in this run: the URL itself (another worker's
		// task has it in flight), or the page it redirects to.
		if visited.Destination != nil {
			aliasOf(ts, t.URL, visited.Destination.String())
		}
		c.skipVisited(t, ts, now)
		return
	case t.Kind == kindRevisit && (notFound(p) || errors.Is(p.err, ErrRobotsDisallowed)) && c.hasCopy(t.URL):
		// The original of a copy met this run is gone or out of bounds
		// now (a column renamed, its old URLs dead or disallowed): the
		// document moves to the copy, whose URL the article lives at
		// now. Gone, not failed.
		cp := c.takeCopyOf(t.URL)
		ts.commit.AliasOf, ts.commit.Aliases = cp, []string{canon(t.URL)}
		c.count(func(s *Summary) { s.Gone++ })
		c.log.Info("gone; the document moves to its copy", "url", t.URL, "copy", cp)
		ts.commit.Visits = append(ts.commit.Visits, store.Visit{URL: canon(t.URL), Kind: store.VisitGone, At: now})
	case errors.Is(p.err, ErrRobotsDisallowed):
		c.count(func(s *Summary) { s.Robots++ })
		c.log.Debug("disallowed by robots.txt", "url", t.URL)
		ts.commit.Visits = append(ts.commit.Visits, store.Visit{URL: canon(t.URL), Kind: store.VisitSkipped, At: now})
	case errors.Is(p.err, ErrRedirectOutOfScope):
		// The link's own host answered (the redirect is stored); where it
		// leads is not the crawl's to fetch.
		c.count(func(s *Summary) { s.OutOfScope++ })
		c.log.Debug("redirect out of scope; not followed", "url", t.URL, "err", errtext.Line(p.err))
		ts.commit.Visits = append(ts.commit.Visits, store.Visit{URL: canon(t.URL), Kind: store.VisitSkipped, At: now})
	case errors.Is(p.err, ErrNotArticle) && t.Depth > 0 && !strings.Contains(strings.ToLower(p.contentType), "html"):
		// A file behind an article-looking link: stored raw, not read.
		// (Not bytes served as an HTML page that are none: a broken
		// page, a failure reported as such.)
		ts.commit.Visits = append(ts.commit.Visits, store.Visit{URL: canon(t.URL), Kind: store.VisitOther, At: now})
	case t.Next && p.status == http.StatusMethodNotAllowed && strings.Contains(t.URL, "dataproxy"):
		// A Hanweb column's next group of records asked for by GET, as
		// most of its servers answer it; this one takes only the
		// script's POST. The column's records are read from its pages
		// (a static fallback list), and no link of the site failed.
		c.log.Info("the column's record groups answer only POST; its pages are read instead", "url", t.URL)
		ts.commit.Visits = append(ts.commit.Visits, store.Visit{URL: canon(t.URL), Kind: store.VisitOther, At: now})
	case (t.Depth > 0 || t.Next) && notFound(p):
		// A dead link: a failure the first time; when it was gone on its
		// last visit too, it is only counted, and re-checked now and then.
		// (A seed that is gone stays a failure: the configuration is wrong;
		// a seed's own page 2 that is gone is a dead link like another.)
		if c.wasGone(t.URL) {
			c.count(func(s *Summary) { s.Gone++ })
			c.log.Info("still gone", "status", p.status, "url", t.URL)
		} else {
			c.count(func(s *Summary) { s.Failed++ })
			errtext.Log(c.log, p.err)
		}
		ts.commit.Visits = append(ts.commit.Visits, store.Visit{URL: canon(t.URL), Kind: store.VisitGone, At: now})
	default:
		c.count(func(s *Summary) { s.Failed++ })
		errtext.Log(c.log, p.err)
		ts.commit.Visits = append(ts.commit.Visits, store.Visit{URL: canon(t.URL), Kind: store.VisitFailed, At: now})
	}
	c.commitVisit(ts)
}

// notFound says whether p answered that it is not there: 404, 410, or
// 200 with the site's "not found" page.
func notFound(p *page) bool {
	return p.status == http.StatusNotFound || p.status == http.StatusGone || errors.Is(p.err, ErrSoftNotFound)
}

// aliasOf records that link, met on a page, redirects to target: when
// target is a stored article, link is an alias of it, and the next run
// need not fetch it to find out.
func aliasOf(ts *taskStore, link, target string) {
	if l, t := canon(link), canon(target); l != t {
		ts.commit.AliasOf, ts.commit.Aliases = t, []string{l}
	}
}

// skipVisited records a task whose URL this run fetched already.
func (c *Crawler) skipVisited(t *task, ts *taskStore, now time.Time) {
	ts.commit.Visits = append(ts.commit.Visits, store.Visit{URL: canon(t.URL), Kind: store.VisitSkipped, At: now})
	c.commitVisit(ts)
}

// wasGone says whether u answered 404 or 410 on its last visit, in an
// earlier run.
func (c *Crawler) wasGone(u string) bool {
	sts, err := c.db.URLStatuses([]string{canon(u)})
	return err == nil && len(sts) == 1 && sts[0].Kind == store.VisitGone && sts[0].Run != c.run.ID
}

// deferTask puts a task back for later in this run: its host's robots.txt
// could not be read, or the host asked for a long pause. After
// maxDeferrals the host's URLs are left in the frontier for the next run.
func (c *Crawler) deferTask(t *task, cause error) {
	c.colly.forget(t.URL)
	c.mu.Lock()
	defer c.mu.Unlock()
	h := c.hosts[t.queue]
	h.tasks = append([]*task{t}, h.tasks...)
	// A host that does not resolve or whose certificate fails will do the
	// same in a minute: it waits for the next run at once.
	if errors.Is(cause, ErrHostPaused) || isPermanent(cause) || h.deferrals >= maxDeferrals {
		if h.closed == "" {
			h.closed = "unavailable"
			c.summary.Deferred += h.queued()
			c.log.Warn("host left for the next run", "host", h.name, "err", errtext.Line(cause))
		}
		return
	}
	h.deferrals++
	h.notBefore = time.Now().Add(c.tr.opts.RobotsRetry)
	c.log.Warn("robots.txt unavailable; host paused", "host", h.name, "retry", h.notBefore.Format(time.TimeOnly), "err", errtext.Line(cause))
}

// storeFailed ends the crawl when err says the store cannot be written.
func (c *Crawler) storeFailed(err error) bool {
	if store.Unavailable(err) {
		c.fail(err)
		return true
	}
	return false
}

// keepCaptures stores what a deferred task's fetch was answered (robots.txt
// answering 503, a 429 that paused the host): fetches that got an answer
// are in the archive, though the task stays in the frontier, unvisited.
func (c *Crawler) keepCaptures(ts *taskStore) {
	if ts.saved || len(ts.commit.Captures) == 0 {
		return
	}
	keep := &store.CrawlCommit{Run: ts.commit.Run, Captures: ts.commit.Captures, Payloads: ts.commit.Payloads}
	if _, err := c.db.Commit(keep); err != nil {
		c.fail(err)
		return
	}
	ts.commit.Captures, ts.commit.Payloads = nil, nil
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

// afterFirstContact queues the sitemaps robots.txt names, once per host.
func (c *Crawler) afterFirstContact(t *task) {
	if !t.site.hasHost(t.host) {
		return
	}
	c.mu.Lock()
	h := c.hosts[t.queue]
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

// looksHTML says whether a fetch answered an HTML page: by its
// Content-Type, else by its first bytes.
func looksHTML(f *Fetched) bool {
	if f.Final != nil && strings.Contains(strings.ToLower(f.Final.Capture.Header("Content-Type")), "html") {
		return true
	}
	head := strings.ToLower(string(f.Body[:min(len(f.Body), 512)]))
	return strings.Contains(head, "<html") || strings.Contains(head, "<!doctype html")
}

// visitSitemap reads a sitemap (or an index of sitemaps) for URLs. (A
// cancelled run stops it through the fetcher.) false: t is a seed taken
// for a feed by its address (feedURL) that answered an HTML page with no
// feed in it, to be read as a page; nothing is stored.
func (c *Crawler) visitSitemap(t *task, ts *taskStore) bool {
	f, err := c.fetcher.Fetch(t.URL, nil)
	if err == nil && t.Depth == 0 && !t.Next && feedURL.MatchString(t.URL) && looksHTML(f) {
		if urls, maps := parseSitemap(f.Body); len(urls)+len(maps) == 0 {
			c.fetcher.forget(t.URL) // fetched again as a page
			return false
		}
	}
	if len(f.Exchanges) > 0 {
		caps := make([]*store.Capture, len(f.Exchanges))
		payloads := make([][]byte, len(f.Exchanges))
		for i, ex := range f.Exchanges {
			caps[i], payloads[i] = &ex.Capture, ex.Payload
		}
		if _, perr := ts.PutCaptures(caps, payloads); perr != nil {
			c.fail(perr)
			return true
		}
	}
	now := time.Now()
	if err == nil && f.Status() != 200 {
		err = fmt.Errorf("%s: HTTP %d", t.URL, f.Status())
	}
	if err != nil {
		c.failedPage(t, ts, &page{err: err}, now)
		return true
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
	return true
}
