package crawler

import (
	"maps"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"folio/extract"
	"folio/store"
)

// Which links of a page are worth visiting: scope, the seen-set, traps,
// the revisit policy, and a list's own page bar.

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
		// So are its other addresses (print views, a thread's script
		// address): the Archiver names them as its URLs.
		for _, u := range ownAddresses(p) {
			own[u] = true
		}
		var keys []uint64 // made outside the lock: a panic must not leave it held
		for u := range own {
			if u != "" {
				keys = append(keys, urlKey(canon(u)))
			}
		}
		c.mu.Lock()
		for _, k := range keys {
			c.seen[k] = struct{}{}
		}
		c.mu.Unlock()
	}
	var cands []candidate
	var links map[uint64]bool // a list's links but its bar's
	if list {
		links = listLinks(p)
		// A list's own further pages are as deep as the list. Its page bar
		// is what extract recognised, and the links that read like one
		// (numbers, 下一页, 末页): a column's first page is often
		// /news/ or index.html and the next list_2.html, which extract
		// does not count as one family.
		bar := append([]string{pg.Next}, pageURLs(pg.Pages)...)
		named1 := map[string]bool{} // what the bar names page 1
		for _, pl := range pg.Pages {
			if pl.N == 1 {
				named1[pl.URL] = true
			}
		}
		// The addresses the list links by a headline: a number linking one
		// of them is an item's count (a forum thread's replies, 1 →
		// thread-92-1-1.html), not a page of the list.
		headlined := map[string]bool{}
		for _, l := range p.parsed.Links {
			if utf8.RuneCountInString(l.Text) >= 4 && !listPager.MatchString(l.Text) {
				headlined[l.URL] = true
			}
		}
		for _, l := range p.parsed.Links {
			if listPager.MatchString(l.Text) && (!numberLink.MatchString(l.Text) || listPageOf(p.url, l.URL) || numbersPage(l) && !headlined[l.URL]) {
				bar = append(bar, l.URL)
				if pageOneText.MatchString(l.Text) {
					named1[l.URL] = true
				}
			}
		}
		for _, raw := range bar {
			if raw == "" || raw == p.url || own[raw] {
				continue
			}
			own[raw] = true
			if u := c.pageOneLink(raw, p, named1[raw]); u != "" {
				cands = append(cands, candidate{url: u, depth: t.Depth, next: true})
			}
		}
	}
	if t.Depth < t.site.Depth {
		for _, l := range p.parsed.Links {
			if own[l.URL] {
				continue
			}
			if extract.PageOneURL(l.URL) != l.URL {
				if u := c.pageOneLink(l.URL, p, pageOneText.MatchString(l.Text)); u != "" {
					cands = append(cands, candidate{url: u, depth: t.Depth + 1})
				}
				continue
			}
			u := cleanLink(l)
			if u == "" {
				if l.URL != "" && (isCalendarStep(l.Text) || trap(l.URL)) {
					c.count(func(s *Summary) { s.Traps++ })
				}
				continue
			}
			cands = append(cands, candidate{url: u, depth: t.Depth + 1})
		}
	}
	// A list's next page that brings nothing new ends its chain: when it
	// holds nothing but what the page before it held (a calendar's empty
	// month, a server that ignores the page number), or when it and the
	// pages before it in the chain held no link the chain's pages before
	// them had not (a message board's 下一页 past its last page, whose
	// sidebar rotates among the same few stories). Items met elsewhere in
	// the run (a sitemap listing the newest articles, a 全部 column that
	// mirrors this one) do not end it: the pages after them may hold
	// items met nowhere else, and a chain cut short is not read again on
	// later runs (admit: the older pages of a column are not re-read).
	stale := 0
	var cs *listChain
	if list {
		if t.Next {
			cs = c.takeChain(t.URL)
		}
		ended, within := false, false
		if cs != nil {
			ended, within = cs.see(&c.mu, links)
		} else {
			cs = &listChain{union: maps.Clone(links)} // the chain's first page, or one whose chain a resumed run does not know
		}
		if t.Next && within && !c.bringsNew(t.site, cands) {
			stale = t.Stale + 1
		}
		if t.Next && (ended || stale >= maxStaleListPages) {
			if n := len(cands); slices.ContainsFunc(cands, func(cd candidate) bool { return cd.next }) {
				cands = slices.DeleteFunc(cands, func(cd candidate) bool { return cd.next })
				c.count(func(s *Summary) { s.Traps += n - len(cands) })
				c.log.Debug("list page brought nothing new; its bar is not followed", "url", t.URL)
			}
		}
	}
	out := c.admit(t, cands)
	for _, e := range out {
		if e.Next {
			e.Stale = stale
			c.chainAfter(e.URL, &listChain{prev: links, union: cs.union})
		}
	}
	return out
}

// listChain is what a list's next page is compared with: the links of the
// page that queued it, and those of every page of its chain read before
// it (a map the chain's pages share; read and written under c.mu).
type listChain struct {
	prev  map[uint64]bool
	union map[uint64]bool
}

// see says whether links (a page of the chain) are all on the page before
// it (ended), and all on the chain's pages read before it (within); it
// adds them to the chain's.
func (cs *listChain) see(mu *sync.Mutex, links map[uint64]bool) (ended, within bool) {
	mu.Lock()
	defer mu.Unlock()
	ended, within = cs.prev != nil, true
	for l := range links {
		if !cs.prev[l] {
			ended = false
		}
		if !cs.union[l] {
			within = false
			cs.union[l] = true
		}
	}
	return ended, within
}

// pageOneText is a page bar's name for page 1.
var pageOneText = regexp.MustCompile(`(?i)^\s*[\[【(]?\s*(1|首页|第一页|第1页|first)\s*[\]】)]?\s*$`)

// maxStaleListPages is how many next pages of a list in a row may bring no
// link the run had not met before the chain ends.
const maxStaleListPages = 3

// pageOneLink is the link to page 1 of a list or an article by its
// number (index.html?page=1) as the page's bare URL, to be read once under
// one name: "" when the numbered form was met already (the list was read
// at ?p=1) or the link is not worth queueing. On the bare URL's own page
// p, a ?page=1 that p does not name page 1 (one, by the bar's number or
// 首页) is another page: a zero-based list's second page (Drupal, Spring:
// /news, /news?page=1, /news?page=2), the list proper behind a column's
// cover page (更多 → list.jsp?pageNo=1). It is followed as it is.
func (c *Crawler) pageOneLink(raw string, p *page, one bool) string {
	bare := extract.PageOneURL(raw)
	if bare != raw {
		if b := canon(bare); !one && (b == canon(p.url) || b == canon(p.requested)) {
			return cleanLink(extract.Link{URL: raw})
		}
		if !c.claim(raw) {
			return ""
		}
	}
	return cleanLink(extract.Link{URL: bare})
}

// bringsNew says whether a list page's candidates hold a link, other than
// its bar's, in the site's reach that this run has not met.
func (c *Crawler) bringsNew(s *siteState, cands []candidate) bool {
	for _, cd := range cands {
		if !cd.next && c.follows(s, cd.url) && !c.isSeen(cd.url) {
			return true
		}
	}
	return false
}

// listLinks are the keys of a list page's links but those of its page bar.
func listLinks(p *page) map[uint64]bool {
	keys := map[uint64]bool{}
	for _, l := range p.parsed.Links {
		if l.URL != "" && !listPager.MatchString(l.Text) {
			keys[urlKey(canon(l.URL))] = true
		}
	}
	return keys
}

// chainAfter remembers, for a list's next page, the chain it continues.
func (c *Crawler) chainAfter(next string, cs *listChain) {
	c.mu.Lock()
	c.chain[urlKey(canon(next))] = cs
	c.mu.Unlock()
}

// takeChain returns (and forgets) the chain the list page u, queued as
// the next page of another, continues; nil when unknown (a resumed run).
func (c *Crawler) takeChain(u string) *listChain {
	k := urlKey(canon(u))
	c.mu.Lock()
	defer c.mu.Unlock()
	cs := c.chain[k]
	delete(c.chain, k)
	return cs
}

// admit filters candidates by scope, the seen-set, traps and the revisit
// policy, and returns the frontier entries for those that pass. A list's
// next page is dropped on a later run when the list brought nothing new:
// the older pages of a column are not re-read every night.
func (c *Crawler) admit(t *task, cands []candidate) []*store.FrontierEntry {
	siblings := t.site.outOfScopeSiblings(cands)
	var keep []candidate
	var keys []string
	for i, cd := range cands {
		if !c.follows(t.site, cd.url) {
			continue
		}
		if siblings[i] {
			if c.claim(cd.url) {
				c.count(func(s *Summary) { s.OutOfScope++ })
			}
			continue
		}
		// A link met before that was not due may be due by a sitemap's
		// lastmod, met after it (the lists are read before the sitemap).
		if !c.claim(cd.url) {
			if cd.lastmod.IsZero() || !c.takeNotDue(cd.url) {
				continue
			}
			c.count(func(s *Summary) { s.NotDue-- }) // counted again below if still not due
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
	if err := c.atOldHosts(t.site, keep, sts); err != nil {
		c.fail(err)
		return nil
	}
	now := time.Now()
	var out []*store.FrontierEntry
	fresh := 0
	var next []candidate
	for i, cd := range keep {
		if cd.url == "" {
			continue // asked for at its old host (atOldHosts)
		}
		st := merge(sts[2*i], sts[2*i+1])
		// Gone at its last visit (404, 410) — a stored article's URL, a
		// list's dead page 2 too: left alone for a week, not re-checked at
		// the article's or the list's pace.
		gone := isGone(st)
		if gone && !c.opts.Revisit.GoneDue(st, now) {
			c.count(func(s *Summary) { s.Gone++ })
			continue
		}
		if cd.next {
			next = append(next, cd)
			continue
		}
		// Counted once per article, whatever URL the link names it by.
		article := cd.url
		if st.DocURL != "" {
			article = st.DocURL
		}
		if !gone && cd.kind == "" && st.Doc && !c.opts.Revisit.Due(st, cd.lastmod, now) {
			if c.markNotDue(article) {
				c.count(func(s *Summary) { s.NotDue++ })
			}
			continue
		}
		if cd.kind == "" && st.Doc && c.takeNotDue(article) {
			// Found not due by the sweep of stored articles, due by the
			// sitemap's lastmod: re-checked, not counted not due.
			c.count(func(s *Summary) { s.NotDue-- })
		}
		if cd.kind == "" && st.Doc && st.DocURL != "" && st.DocURL != canon(cd.url) && c.redirects(cd.url) {
			// A link to a stored article by an address that redirects
			// to it (an old /go/7): the re-check asks for the article's
			// own URL, whose stored copy it revalidates (a 304, not the
			// whole article again through the redirect), and only once.
			// A copy the portal republished under another URL is
			// fetched as itself: it may have come to differ.
			if !c.claim(st.DocURL) {
				continue
			}
			cd.url = st.DocURL
		}
		if !st.Doc && st.Run == 0 {
			fresh++
		}
		out = append(out, &store.FrontierEntry{URL: cd.url, Depth: cd.depth, Site: t.site.Name, Kind: cd.kind, Lastmod: cd.lastmod, Run: t.origin})
	}
	if len(next) > 0 {
		self, _ := c.db.URLStatuses([]string{canon(t.URL)})
		revisited := len(self) == 1 && self[0].Run != 0 && self[0].Run != c.run.ID
		if fresh > 0 || !revisited {
			for _, cd := range next {
				out = append(out, &store.FrontierEntry{URL: cd.url, Depth: cd.depth, Site: t.site.Name, Next: true, Run: t.origin})
			}
		} else {
			c.log.Debug("list brought nothing new; its older pages are not re-read", "url", t.URL)
		}
	}
	return out
}

// redirects says whether the last answer stored for u was a redirect.
func (c *Crawler) redirects(u string) bool {
	for _, k := range []string{canon(u), u} {
		if cp, err := c.db.LatestCapture(k); err == nil {
			return cp.Status >= 300 && cp.Status < 400
		}
	}
	return false
}

// listPager matches the anchor texts of a list's page bar.
// numberLink is a link whose text is a number alone: a list's page, or a
// count (a forum's replies, 5) or a thread's own pages (2 3) in a row of
// the list.
var numberLink = regexp.MustCompile(`^\s*[\[【(]?\s*\d{1,4}\s*[\]】)]?\s*$`)

// listPageOf says whether u, linked by a number from the list page at
// list, is another page of that list: of its URL family (forum-2-1.html,
// forum-2-2.html), or shaped as a list's page (list_2.html, index_2.html,
// /page/2/, ?page=2) in its directory. A thread-89-1-1.html is not.
func listPageOf(list, u string) bool {
	if extract.SamePages(list, u) {
		return true
	}
	lu, err1 := url.Parse(list)
	pu, err2 := url.Parse(u)
	// www.x.gov.cn and x.gov.cn are one portal; their bars name the other
	if err1 != nil || err2 != nil || strings.TrimPrefix(lu.Host, "www.") != strings.TrimPrefix(pu.Host, "www.") {
		return false
	}
	if sameQueryList(lu, pu) {
		return true
	}
	if lu.Path == pu.Path && lu.RawQuery != "" {
		// The list's own script with other parameters than its own: a
		// thread of the forum (forum.php?mod=viewthread&tid=5&page=2 from
		// forum.php?mod=forumdisplay&fid=2), not a page of the list.
		return false
	}
	if pu.RawQuery != "" && listPageShape.MatchString(queryOf(pu)) {
		// ?page=2 names a page wherever the script stands: a static
		// column's /news/ and its ../List.asp?page=2&classid=3
		return true
	}
	dir := func(p string) string { return p[:strings.LastIndexByte(p, '/')+1] }
	return listPageShape.MatchString(pu.Path+queryOf(pu)) && strings.HasPrefix(dir(pu.Path), dir(lu.Path))
}

// numbersPage says whether a link whose text is a number ends its address
// with that number, as a list's page N does (2 → /news/2.html,
// list.asp?page=2); a forum's reply count (12 → thread-5-1-1.html) and a
// thread's page (2 → thread-5-2-1.html) do not.
func numbersPage(l extract.Link) bool {
	n := strings.Trim(strings.TrimSpace(l.Text), "[]【】()")
	m := lastNumber.FindStringSubmatch(l.URL)
	return m != nil && strings.TrimLeft(m[1], "0") == strings.TrimLeft(strings.TrimSpace(n), "0")
}

// lastNumber is the last number of an address, before its extension or
// at its end.
var lastNumber = regexp.MustCompile(`(\d+)(?:\.\w+|/)?$`)

// sameQueryList says whether pu is lu's address with one more parameter
// holding a number, all of lu's kept: a page number whatever its name
// (list.php?id=5 → list.php?cpage=2&id=5, ?pageNumber=2&pageSize=20,
// ?pager.offset=20). A forum's thread (forum.php?mod=viewthread&tid=5)
// changes the list's own parameters, and a record's id (?id=12) names no
// page: neither is.
func sameQueryList(lu, pu *url.URL) bool {
	if lu.Path != pu.Path {
		return false
	}
	lq, pq := lu.Query(), pu.Query()
	for k, v := range lq {
		if !slices.Equal(pq[k], v) {
			return false
		}
	}
	extra := 0
	for k, v := range pq {
		if _, ok := lq[k]; ok {
			continue
		}
		if len(v) != 1 || !allDigits(v[0]) || strings.HasSuffix(strings.ToLower(k), "id") {
			return false // not a number, or a record's (tid=5, aid=12)
		}
		extra++
	}
	return extra >= 1 && extra <= 2
}

func allDigits(s string) bool {
	if s == "" || len(s) > 6 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func queryOf(u *url.URL) string {
	if u.RawQuery == "" {
		return ""
	}
	return "?" + u.RawQuery
}

// listPageShape is the address of a list's page N.
var listPageShape = regexp.MustCompile(`(?i)/(?:list|index|more|default|page|lists?page)[_-]?\d+(?:_\d+)?\.\w+$|/page/\d+/?$|[?&](?:page|p|pn|pg|pageno|pagenum|pageindex|curpage|start|offset|startrecord)=\d+(?:&|$)|/list[_-]\d+[_-]\d+\.\w+$`)

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
		// The document's word on its last fetch wins over the visit's.
		a.Doc, a.LastSeen, a.LastChanged, a.LastFetched = true, b.LastSeen, b.LastChanged, b.LastFetched
		if !b.LastFetched.IsZero() {
			a.Incomplete = b.Incomplete
		}
	}
	if a.Run == 0 {
		a.Run, a.Kind, a.At = b.Run, b.Kind, b.At
		if a.LastFetched.IsZero() {
			a.Incomplete = b.Incomplete
		}
	}
	return a
}

// claim adds u to the run's seen-set; false when it was there already.
// The check and the mark are one step: colly's own visited check is not.
// A Discuz thread is one page under two addresses: claimed by either, it
// is claimed by both.
func (c *Crawler) claim(u string) bool {
	keys := []uint64{urlKey(canon(u))}
	if alt := threadPage(u); alt != "" {
		keys = append(keys, urlKey(canon(alt)))
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, k := range keys {
		if _, ok := c.seen[k]; ok {
			return false
		}
	}
	for _, k := range keys {
		c.seen[k] = struct{}{}
	}
	return true
}

// threadPage is the address Discuz's URL rewriting gives the thread page
// u names by its script (forum.php?mod=viewthread&tid=92 is
// thread-92-1-1.html beside it, &page=2 thread-92-2-1.html); "" for any
// other address. Every thread links itself by its script ([复制链接]),
// and fetching it again would only find the thread a second time.
// (A view of one author's posts, &authorid=, is another page.)
func threadPage(u string) string {
	if !strings.Contains(u, "viewthread") {
		return ""
	}
	pu, err := url.Parse(u)
	if err != nil || !strings.HasSuffix(pu.Path, "/forum.php") {
		return ""
	}
	q := pu.Query()
	tid, page := q.Get("tid"), q.Get("page")
	for k := range q {
		if k != "mod" && k != "tid" && k != "page" && k != "extra" {
			return ""
		}
	}
	number := func(s string) bool { _, err := strconv.ParseUint(s, 10, 64); return err == nil }
	if q.Get("mod") != "viewthread" || !number(tid) || page != "" && !number(page) {
		return ""
	}
	if page == "" {
		page = "1"
	}
	ref := &url.URL{Path: "thread-" + tid + "-" + page + "-1.html"}
	return pu.ResolveReference(ref).String()
}

// addOnce adds u's key to set (one of the crawler's, under c.mu); false
// when it was there already.
func (c *Crawler) addOnce(set map[uint64]struct{}, u string) bool {
	key := urlKey(canon(u))
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := set[key]; ok {
		return false
	}
	set[key] = struct{}{}
	return true
}

// markNotDue remembers that u was not due for a re-check in this run;
// false when it was known so already.
func (c *Crawler) markNotDue(u string) bool {
	return c.addOnce(c.notDue, u)
}

// takeNotDue says whether u was found not due in this run, and forgets it:
// a sitemap's lastmod may make it due after all.
func (c *Crawler) takeNotDue(u string) bool {
	key := urlKey(canon(u))
	c.mu.Lock()
	defer c.mu.Unlock()
	_, ok := c.notDue[key]
	delete(c.notDue, key)
	return ok
}

func (c *Crawler) isSeen(u string) bool {
	key := urlKey(canon(u))
	c.mu.Lock()
	defer c.mu.Unlock()
	_, ok := c.seen[key]
	return ok
}

// hostFor returns u's host queue, creating it; c.mu is held.
func (c *Crawler) hostFor(u string) *hostQueue {
	name := queueKey(u)
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
	if s.hasHost(hostKey(u)) {
		return true
	}
	return s.Scope != nil && s.Scope.MatchString(u)
}

// articleInScope says whether a page at u may be stored as a document.
func (c *Crawler) articleInScope(s *siteState, u string) bool {
	if s.Scope != nil {
		return s.Scope.MatchString(u)
	}
	return s.hasHost(hostKey(u))
}

// outOfScopeSiblings says which candidates are outside the site's Scope
// but shaped like links inside it (/news/2024/0101/1004.html when the
// scope selects 1001 to 1003 of that day), learning the shapes of those
// inside it first. Such a link is an article the operator left out;
// fetching it would only find that out. A link of another shape may be a
// list that leads into the scope, and is read. A list's own next pages
// are neither.
func (s *siteState) outOfScopeSiblings(cands []candidate) []bool {
	if s.Scope == nil {
		return make([]bool, len(cands))
	}
	in := make([]bool, len(cands))
	shapes := make([]string, len(cands))
	for i, cd := range cands {
		if !cd.next {
			in[i], shapes[i] = s.Scope.MatchString(cd.url), urlShape(cd.url)
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, cd := range cands {
		if !cd.next && in[i] {
			if s.scopeShapes == nil {
				s.scopeShapes = map[string]bool{}
			}
			s.scopeShapes[shapes[i]] = true
		}
	}
	out := make([]bool, len(cands))
	for i, cd := range cands {
		out[i] = !cd.next && !in[i] && s.scopeShapes[shapes[i]]
	}
	return out
}

// urlShape is a URL with every run of digits as one "0" and the query's
// values left out: the family a CMS names its articles in
// (/news/0/0/0.html, /art/0/0/0/art_0_0.html, show.asp?id=).
func urlShape(u string) string {
	var b strings.Builder
	path, query, _ := strings.Cut(u, "?")
	digits := false
	for _, r := range path {
		if r >= '0' && r <= '9' {
			if !digits {
				b.WriteByte('0')
			}
			digits = true
			continue
		}
		digits = false
		b.WriteRune(r)
	}
	if query != "" {
		b.WriteByte('?')
		for _, kv := range strings.Split(query, "&") {
			name, _, _ := strings.Cut(kv, "=")
			b.WriteString(name + "=&")
		}
	}
	return b.String()
}

// followsRedirect says whether a fetch of from may follow a redirect to
// to: a redirect into any site's scope, or to a file (an attachment on a
// CDN), or a seed's, a sitemap's or a seed stub's target's anywhere (a
// portal that moved; seedMoved makes the new host the site's). Others
// leave the crawl: an in-site /go.php?url= to another host is not fetched.
func (c *Crawler) followsRedirect(from, to *url.URL) bool {
	c.mu.Lock()
	seed := c.seeds[canon(from.String())]
	c.mu.Unlock()
	if seed {
		return true
	}
	if skippedExt[strings.ToLower(path.Ext(to.Path))] {
		// A file: an attachment, an image or a stylesheet that its link
		// in the site (download.jsp?fileid=) serves from a CDN.
		return true
	}
	target := to.String()
	for _, s := range c.sites {
		if c.follows(s, target) {
			return true
		}
	}
	return false
}

// isGone says whether st's URL answered 404 or 410 at its last visit and
// was not fetched whole since (a `folio archive` of the article restored
// records no visit, only the fetch).
func isGone(st store.URLStatus) bool {
	return st.Kind == store.VisitGone && !st.LastFetched.After(st.At)
}

// atOldHosts: a link met on the host the site moved to, unknown there, to
// an article stored under the same address on the host it moved from (the
// new host's lists read before the old documents' re-checks). The article
// is asked for at its old address, whose redirect brings it here: the
// stored document moves to its new URL, and no second one is made.
func (c *Crawler) atOldHosts(s *siteState, keep []candidate, sts []store.URLStatus) error {
	var at []int
	var keys []string
	for i, cd := range keep {
		if cd.kind != "" || cd.next || sts[2*i].Doc || sts[2*i+1].Doc || sts[2*i].Run != 0 {
			continue
		}
		pu, err := url.Parse(cd.url)
		if err != nil {
			continue
		}
		for _, old := range s.oldHosts(hostKey(cd.url)) {
			o := *pu
			o.Host = old
			at = append(at, i)
			keys = append(keys, canon(o.String()))
		}
	}
	if len(keys) == 0 {
		return nil
	}
	old, err := c.db.URLStatuses(keys)
	if err != nil {
		return err
	}
	for j, i := range at {
		if !old[j].Doc || keep[i].url == "" {
			continue
		}
		if !c.claim(keys[j]) {
			keep[i].url = "" // its re-check is queued already: it moves it
			continue
		}
		keep[i].url = keys[j]
		sts[2*i], sts[2*i+1] = old[j], old[j]
	}
	return nil
}
