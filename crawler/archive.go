package crawler

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"folio/extract"
	"folio/internal/panics"
	"folio/store"

	"github.com/gocolly/colly/v2"
)

// Store is what an Archiver needs of the store: it writes captures,
// documents and attachments' text, and reads back what it stored — to
// revalidate a page with a conditional request, to read a stored version
// again with today's extractor, to find the document a URL belongs to.
// *store.DB is one.
type Store interface {
	PutCaptures(cs []*store.Capture, payloads [][]byte) ([]store.PutResult, error)
	SaveDocument(doc *store.Document, urls []string) (store.SaveResult, error)
	// PutText keeps the text read from an attachment's payload.
	PutText(digest, text string) error
	storeReader
}

// storeReader is what an Archiver reads back of the store.
type storeReader interface {
	History(url string) (*store.History, error)
	Document(url string, n int) (*store.Document, error)
	// DocumentURLs lists every URL of the document url leads to, the
	// document's own first.
	DocumentURLs(url string) ([]string, error)
	captureReader
}

// ArchiveOptions configure an Archiver; zero fields take the defaults.
type ArchiveOptions struct {
	MaxPages int            // pages followed per article; 0 means 50
	Location *time.Location // time zone for dates without one; nil lets extract decide
	Logger   *slog.Logger
	// Conditional revalidates pages stored before (If-None-Match,
	// If-Modified-Since); a 304 page is read from the stored payload it
	// confirms.
	Conditional bool
	// Attachments fetches the files the content links to or embeds (PDF,
	// office documents, archives, in-content images) with the article.
	Attachments bool
	// Requisites fetches what the pages need to be shown (stylesheets,
	// scripts, layout images) from the article's site.
	Requisites bool
	// InScope widens where attachments and requisites may come from;
	// nil means the article's own host (requisites: its site).
	InScope func(url string) bool
}

// Archiver fetches an article with all its pages, stitches it and stores it.
type Archiver struct {
	f    PageFetcher
	st   Store
	opts ArchiveOptions
	log  *slog.Logger

	// requisites fetched so far; a crawl shares one set between the
	// Archivers of its tasks.
	requisites  *requisiteSet
	noPdftotext *sync.Once // say once that PDF text is skipped
	// parser reads a page; nil means extract.Parse. Tests put a faulty
	// one here.
	parser parseFunc
	// beforeSave, when set, is shown the article's pages before its
	// document is saved: a crawl finds links on its later pages (the
	// 相关阅读 at the end of the last) and saves them with it.
	beforeSave func(pages []*page)
}

// parseFunc is extract.Parse's signature.
type parseFunc func(raw []byte, contentType, pageURL string, opts *extract.Options) (*extract.Page, error)

// NewArchiver returns an Archiver that fetches with f (a *Fetcher, or a
// StoredFetcher to read pages from captures already stored) and stores
// into st.
func NewArchiver(f PageFetcher, st Store, opts ArchiveOptions) *Archiver {
	if opts.MaxPages <= 0 {
		opts.MaxPages = 50
	}
	a := &Archiver{f: f, st: st, opts: opts, log: opts.Logger, requisites: &requisiteSet{}, noPdftotext: &sync.Once{}}
	if a.log == nil {
		a.log = slog.New(slog.DiscardHandler)
	}
	return a
}

// Result is the outcome of archiving one URL.
type Result struct {
	URL  string          // as given
	Doc  *store.Document // nil when nothing could be archived
	Save store.SaveResult
	// Err is set when a page failed (Doc is then incomplete) or when
	// nothing could be archived (Doc is nil).
	Err error
	// Tried is the page that failed when nothing could be archived: its
	// URL, and its status when the server answered.
	Tried *store.Page
	// read are the captures of the pages the walk read, whatever document
	// they were saved as (a republished copy's are not its document's).
	read []uint64
	// cut: what was read was cut by the limits (Doc.Cut before saving,
	// which a copy's save replaces with its original's stored reading).
	cut bool
	// List: the page given reads as a list or column page, stored (by
	// archive) as the page it is.
	List bool
}

// page is one fetched page of an article.
type page struct {
	requested string    // the URL asked for
	url       string    // final URL, after redirects
	status    int       // HTTP status; 0 without a response
	at        time.Time // when it was fetched
	parsed    *extract.Page
	capture   uint64 // capture id of the page's response
	digest    string
	err       error
	// notModified: a conditional request got 304; the page was read from
	// the stored capture it confirmed (capture, digest).
	notModified bool
	// reread: fetched earlier in this run and read now from that capture.
	reread bool
	// truncated is why the body was cut (WARC-Truncated: length for
	// --max-body), so that its text is only the start of the page's; ""
	// when it was not.
	truncated string
	// stored is the page's response while its id is not known (capture
	// is 0): a crawl stores it with the task's commit, which links the
	// document to it.
	stored *store.Capture
	// hop is the redirect the URL asked for answered, when it led to
	// another URL.
	hop *store.Capture
	// contentType is what the server said the page is.
	contentType string
}

func (p *page) ok() bool { return p.err == nil && p.parsed != nil }

// Archive fetches the article at u — from page 1 whichever page u is —
// follows its pagination, stitches the pages and stores the document.
func (a *Archiver) Archive(ctx context.Context, u string) (res *Result) {
	defer func() {
		// A bug met on this article fails the article, not the run.
		if r := recover(); r != nil {
			res = &Result{URL: u, Err: panics.Error(u, r)}
		}
	}()
	u = givenURL(u)
	return a.archive(ctx, u, a.fetchPage(u))
}

// givenURL is a URL as a user gave it, without what never names a page:
// a fragment names a part of the page, not another URL of it; a session
// id is the visitor's, not the page's (the crawl strips both).
func givenURL(u string) string {
	u, _, _ = strings.Cut(u, "#")
	return WithoutSessionIDs(u)
}

// maxStubHops bounds the stub pages followed to an article, as
// http.Client bounds redirects (stubs that point at each other end there).
const maxStubHops = 5

// walk is the fetching state of one article: every page fetched once,
// whichever way it was reached.
type walk struct {
	a     *Archiver
	ctx   context.Context
	cache map[string]*page // by canonical URL, requested and final
}

func (w *walk) get(u string) *page {
	key := extract.CanonicalURL(u)
	if p := w.cache[key]; p != nil {
		return p
	}
	p := w.a.fetchPage(u)
	w.cache[key] = p
	w.cache[extract.CanonicalURL(p.url)] = p
	return p
}

func (w *walk) add(p *page) {
	w.cache[extract.CanonicalURL(p.requested)] = p
	w.cache[extract.CanonicalURL(p.url)] = p
}

// archive archives the article whose page start (fetched from u) is.
func (a *Archiver) archive(ctx context.Context, u string, start *page) (res *Result) {
	defer func() {
		if r := recover(); r != nil {
			res = &Result{URL: u, Err: panics.Error(u, r)}
		}
	}()
	res = &Result{URL: u}
	w := &walk{a: a, ctx: ctx, cache: map[string]*page{}}
	w.add(start)
	// A stub that sends the browser on (a meta refresh, a script setting
	// location) leads to the page as an HTTP redirect would.
	for hops := 0; start.ok() && start.parsed.Redirect != "" && hops < maxStubHops; hops++ {
		start = w.get(start.parsed.Redirect)
	}
	if start.ok() && start.parsed.Redirect != "" {
		start = &page{requested: start.requested, url: start.url, status: start.status, at: start.at,
			capture: start.capture, digest: start.digest,
			err: fmt.Errorf("%s: more than %d pages that send on by meta refresh or script", u, maxStubHops)}
	}
	softNotFound(start)
	if !start.ok() {
		res.Err = start.err
		res.Tried = &store.Page{URL: start.url, Status: start.status, Fetched: start.at.Truncate(time.Second),
			PayloadDigest: start.digest, CaptureID: start.capture}
		return res
	}

	// A print view stands for its article.
	if orig := w.original(start); orig != nil {
		start = orig
	}
	first := w.pageOne(start)
	var (
		walked walked
		failed error
	)
	if w.listOnly(first, start) {
		// A column or list page asked for by name is kept as it is; its
		// page bar leads to more lists, not to more of one article (a
		// crawl reads lists for their articles).
		// The page asked for is the one kept: a list's page 3 is not its
		// page 1.
		a.log.Info("a list page, not an article: stored as one page, its other pages not followed", "url", start.url)
		walked.pages = []*page{start}
	} else {
		walked, failed = w.follow(first, start)
	}
	pages, cut, gap := walked.pages, walked.cut, walked.gap
	// The page asked for, read and of the article, but not reached from
	// page 1 (a bar the walk misread; not a walk cut at --max-pages): its
	// text would be lost without a word, and its URL taken for another of
	// page 1's. A failed page, as a gap in the bar is.
	missed := !cut && start.ok() && first != start && start.parsed.Kind != extract.KindList && !slices.Contains(pages, start)
	if missed {
		h := pageHash(start)
		missed = !slices.ContainsFunc(pages, func(p *page) bool { return p.ok() && pageHash(p) == h })
	}
	if missed {
		failed = errors.Join(failed, fmt.Errorf("%s: the page asked for was not reached from page 1 (%s)", start.url, first.url))
		gap = true
	}
	doc := a.document(pages)
	if gap {
		doc.Complete = false // a page known to exist was never found
	}
	attachmentsCut, aerr := a.fetchAttachments(ctx, pages, doc)
	failed = errors.Join(failed, aerr)
	a.fetchRequisites(ctx, pages)
	interrupted := ctx.Err() != nil
	truncated := slices.ContainsFunc(pages, func(p *page) bool { return p.truncated != "" })
	onlyLimits := !slices.ContainsFunc(pages, func(p *page) bool { return p.truncated != "" && p.truncated != "length" })
	if cut && !interrupted {
		a.log.Warn("--max-pages reached; the document is incomplete", "url", doc.URL, "pages", len(pages))
	}
	// The pages after the last one read are posted by the page's form
	// (ASP.NET's javascript:__doPostBack), which folio does not send: the
	// article is known to go on, and is cut where its links end.
	if last := pages[len(pages)-1]; !cut && last.ok() && last.parsed.Kind != extract.KindList && last.parsed.Pagination.FormPosted &&
		last.parsed.Pagination.Total > last.parsed.Pagination.Current && last.parsed.Pagination.Current > 0 {
		a.log.Warn("the article's further pages are posted by a form (__doPostBack), not linked; the document is incomplete",
			"url", doc.URL, "pages", len(pages), "of", last.parsed.Pagination.Total)
		cut = true
	}
	if cut || truncated {
		// Cut short by --max-pages or --max-body only (not by a
		// connection lost mid-body, as an imported record may say): a
		// fetch sooner than due would be cut the same way.
		doc.Cut = doc.Complete && !interrupted && onlyLimits
		doc.Complete = false
	}
	var urls []string
	if !missed {
		urls = append(urls, u)
	}
	for _, p := range pages {
		urls = append(urls, p.requested, p.url)
		for _, v := range ownAddresses(p) {
			// A print view robots.txt keeps folio from is not fetched, and
			// no URL that led folio to the article.
			if f, ok := a.f.(robotsAware); !ok || !f.Disallows(v) {
				urls = append(urls, v)
			}
		}
		res.read = append(res.read, p.capture)
	}
	if u != doc.URL && !missed && !slices.ContainsFunc(doc.Pages, func(pg store.Page) bool { return pg.URL == u }) {
		doc.Aliases = append(doc.Aliases, u)
	}
	for i, v := range urls {
		urls[i] = extract.WithoutDefaultPort(v) // http://host:80/… is http://host/…, no alias of itself
	}
	if doc.Complete {
		if latest := a.storedReading(doc, urls); latest != nil {
			keepStoredReading(doc, latest)
		}
	}
	if a.beforeSave != nil {
		a.beforeSave(pages)
	}
	res.cut = doc.Cut || attachmentsCut > 0
	save, err := a.st.SaveDocument(doc, dedupe(urls))
	if err != nil {
		res.Err = err
		return res
	}
	res.Doc, res.Save = doc, save
	res.List = start.ok() && start.parsed.Kind == extract.KindList
	if failed != nil {
		res.Err = failed
	}
	return res
}

// pageOne finds page 1 of start's article: the bar's 1 or 首页, or what
// the URL scheme makes of start's URL. A page 1 that fails is still page 1
// (it goes into the document as a failed page); one that turns out to be
// another article or a list is not, and start is then the first page known.
func (w *walk) pageOne(start *page) *page {
	first := start.parsed.Pagination.First
	if first != "" {
		first = WithoutSessionIDs(first)
	}
	if first == "" || extract.CanonicalURL(first) == extract.CanonicalURL(start.url) ||
		extract.CanonicalURL(first) == extract.CanonicalURL(start.requested) {
		return start
	}
	p1 := w.get(first)
	guessed := start.parsed.Pagination.Guessed || start.parsed.Pagination.Tentative
	switch {
	case !p1.ok() && guessed:
		// Only the URL's shape made start a page N: info_5.shtml is an
		// article of its own, not page 5 of a missing info.shtml.
		return start
	case !p1.ok():
		return p1
	case sameArticle(p1, start, !guessed):
		return p1
	}
	w.a.log.Debug("page 1 named by the bar is another page; starting at the page given", "page1", p1.url, "url", start.url)
	return start
}

// walked is what follow read: the pages in reading order (failed ones
// included); cut when --max-pages or an interruption stopped the walk; gap
// when a page between two pages read was named by no bar, so it is missing
// from pages.
type walked struct {
	pages    []*page
	cut, gap bool
}

// follow walks the article's pages in order from first (page 1, or the
// earliest page known). It uses the numbered bar of every page read so far
// (a bar often links pages further on, which gets past a page that fails)
// and the next links, and stops at the last page, a cycle, a page that is
// not of this article, a page repeating one before, or --max-pages (cut).
// start, the page the walk was asked for, lends its bar when first failed.
// The error joins the failures of the pages that failed.
func (w *walk) follow(first, start *page) (walked, error) {
	var (
		pages    []*page
		failed   error
		cut, gap bool
	)
	known := map[int]string{}
	// tentative: pages known only from a bar guessed from a script call
	// (extract's Pagination.Tentative): one that is not there, or is
	// another page, ends the article, and no failure.
	tentative := map[int]bool{}
	total := 0
	learn := func(p *page) {
		if !p.ok() {
			return
		}
		pg := p.parsed.Pagination
		if !pg.Tentative {
			total = max(total, pg.Total)
		}
		for _, pl := range pg.Pages {
			u := WithoutSessionIDs(pl.URL) // (a bar's ;jsessionid=… is no part of the page's address)
			if _, ok := known[pl.N]; !ok {
				known[pl.N] = u
				tentative[pl.N] = pg.Tentative
			} else if !pg.Tentative && tentative[pl.N] {
				known[pl.N], tentative[pl.N] = u, false
			}
		}
	}
	learn(first)
	learn(start)
	seen := map[string]bool{}
	mark := func(p *page, u string) {
		seen[extract.CanonicalURL(u)] = true
		seen[extract.CanonicalURL(p.requested)] = true
		seen[extract.CanonicalURL(p.url)] = true
	}
	hashes := map[string]bool{}
	// The hashes of page 1 and of the last page kept.
	firstHash, lastHash := "", ""
	ref := first // the page the others are compared with: page 1, else start
	if !first.ok() {
		ref = start
		failed = first.err
	} else {
		firstHash = pageHash(first)
		hashes[firstHash] = true
		lastHash = firstHash
	}
	mark(first, first.requested)
	pages = []*page{first}
	n := 1 // the number of the last page appended
	if first.ok() && first.parsed.Pagination.Current > 0 {
		n = first.parsed.Pagination.Current
	}
	last := first
	for w.ctx.Err() == nil {
		next, fromBar := known[n+1], true
		guess := next != "" && tentative[n+1]
		if guess {
			fromBar = false
		}
		if next == "" && last.ok() && last.parsed.Pagination.Next != "" {
			next, fromBar = WithoutSessionIDs(last.parsed.Pagination.Next), false
		}
		if next == "" && !last.ok() && n < total {
			// After a failed page: its URL's scheme names the one after it.
			next = extract.PageURL(last.url, n, n+1)
		}
		if next == "" {
			// A gap: a page further on is known, the one in between not.
			after := 0
			for k := range known {
				if k > n+1 && (after == 0 || k < after) {
					after = k
				}
			}
			if after == 0 {
				break
			}
			failed = errors.Join(failed, fmt.Errorf("%s: page %d of the article is named by no page bar", ref.url, n+1))
			next, n, gap = known[after], after-1, true
		}
		if seen[extract.CanonicalURL(next)] {
			// A cycle: the bar leads back to a page read already. When it
			// leads back to where the walk began, and nothing named page 1,
			// the walk may have begun in the middle: the last page's 下一页
			// leads to page 1.
			if first == start && n > 1 && known[1] == "" && extract.CanonicalURL(next) == extract.CanonicalURL(first.url) {
				pages = rotateToFirst(pages)
			}
			break
		}
		if len(pages) >= w.a.opts.MaxPages {
			cut = true
			break
		}
		p := w.get(next)
		mark(p, next)
		n++
		if !p.ok() && guess && (p.status == http.StatusNotFound || p.status == http.StatusGone) {
			// (Not a 503 or a timeout: a page that may well be there
			// failed, and the article is not whole.)
			w.a.log.Debug("a page guessed from the page bar's script is not there", "url", next, "status", p.status)
			break
		}
		if !p.ok() {
			failed = errors.Join(failed, p.err)
			pages = append(pages, p)
			last = p
			continue // the bar may name the page after it
		}
		if !sameArticle(p, ref, fromBar) && !sharesBar(p, known) {
			if fromBar && (knownAfter(known, n) || n <= total || softError(p) || p.hop != nil) {
				// The bar names this page (and pages after it, or says
				// how many there are, or its URL sends elsewhere), but it
				// answers with something else: an error page served with
				// 200 (信息不存在), a login wall, the column. It is a
				// failed page, and the walk goes on to the pages after it.
				if p.hop != nil {
					// Its URL redirects elsewhere (page 2 gone, sent to
					// the home page): the page is the redirect, not the
					// page it led to, which is no URL of the article.
					p.url, p.status, p.capture, p.digest, p.stored, p.at = p.requested, p.hop.Status, p.hop.ID, p.hop.PayloadDigest, nil, p.hop.Time
					if p.capture == 0 {
						p.stored = p.hop
					}
				}
				p.err = fmt.Errorf("%s: page %d of the article answers with another page (%q)", p.url, n, p.parsed.Title)
				failed = errors.Join(failed, p.err)
				pages = append(pages, p)
				last = p
				continue
			}
			w.a.log.Debug("next link leads to another article; not stitched", "url", p.url, "after", last.url)
			break
		}
		h := pageHash(p)
		// (Nor the page before it again when no bar read so far names a
		// page after it: a server that answers every number past the
		// last with the last page, its 下一页 leading one further.)
		if p.parsed.Text() != "" && hashes[h] && (h == firstHash || !numbered(p, n, known) || h == lastHash && !knownAfter(known, n)) {
			break // the server ignores the page number: the same content again
		}
		lastHash = h
		// A page that repeats another but page 1, named as page n by its
		// own bar or followed by pages the bars name, is a page of the
		// article all the same (a gallery's repeated caption): kept, its
		// text stitched once, and the walk goes on.
		hashes[h] = true
		learn(p)
		pages = append(pages, p)
		last = p
		if c := p.parsed.Pagination.Current; c > n {
			n = c
		}
	}
	if err := w.ctx.Err(); err != nil {
		// Cancelled mid-article: what was read is kept, and said to be short.
		return walked{pages, true, gap}, errors.Join(failed, fmt.Errorf("%s: %w", ref.url, err))
	}
	return walked{pages, cut, gap}, failed
}

// pageHash is what tells one page's content from another's: its text and
// the files its content links (a gallery's pages differ by their image).
func pageHash(p *page) string {
	files := make([]string, len(p.parsed.Attachments))
	for i, l := range p.parsed.Attachments {
		files[i] = extract.CanonicalURL(l.URL)
	}
	return extract.ContentHash(p.parsed.Text(), files...)
}

// numbered says whether p stands as page n of the article: its own bar
// says so, or, with no current page marked, the bars name pages after it.
func numbered(p *page, n int, known map[int]string) bool {
	if c := p.parsed.Pagination.Current; c > 0 {
		return c == n
	}
	return knownAfter(known, n)
}

// sharesBar says whether p's page bar names, under the same numbers, the
// pages of the article known so far: a page of it whatever its title
// (sites that give every page its own heading).
func sharesBar(p *page, known map[int]string) bool {
	self := extract.CanonicalURL(p.url)
	for _, pl := range p.parsed.Pagination.Pages {
		u := extract.CanonicalURL(pl.URL)
		if k, ok := known[pl.N]; ok && u != self && u == extract.CanonicalURL(k) {
			return true
		}
	}
	return false
}

// softError says whether a page served with 200 is an error page.
func softError(p *page) bool { return softErrorLine(p) != "" }

// softNotFound makes a page asked for by name that says it is not there
// (您访问的页面不存在或已被删除, served with 200) the failure it is: a
// deleted article is not its own new version. Only a page that states no
// date of its own: a short article may well be titled 政府信息不存在告知书
// or 404路公交车线路调整. (A list by its shape, the site's menus around a
// line of text, only when its title says the page itself is missing: a
// column of such headlines is a column.)
func softNotFound(p *page) {
	if !p.ok() || p.parsed.Dated {
		return
	}
	line := softErrorLine(p)
	if line != "" && (p.parsed.Kind != extract.KindList || pageErrorWords.MatchString(p.parsed.Title)) {
		// Named by the URL asked for: the site's one error page that a
		// deleted article redirects to tells the reader nothing.
		if p.requested != "" && extract.CanonicalURL(p.requested) != extract.CanonicalURL(p.url) {
			p.err = fmt.Errorf("%s: %w (redirected to %s, HTTP %d): %q", p.requested, ErrSoftNotFound, p.url, p.status, line)
			return
		}
		p.err = fmt.Errorf("%s: %w (HTTP %d): %q", p.url, ErrSoftNotFound, p.status, line)
	}
}

// softErrorLine is, of a short page, the title or one of the first two
// lines of text that says what is missing; "" when none does. (Not a
// short notice that says so of something else further on: 经核查，该信息
// 不存在违规; nor a line that introduces what follows: 原网页已删除，现将
// 有关内容更正如下：.)
func softErrorLine(p *page) string {
	text := p.parsed.Text()
	if utf8.RuneCountInString(text) > 300 {
		return ""
	}
	if softErrorWords.MatchString(p.parsed.Title) {
		return p.parsed.Title
	}
	lines := strings.SplitN(text, "\n", 3)
	for _, l := range lines[:min(len(lines), 2)] {
		if l = strings.TrimSpace(l); softErrorWords.MatchString(l) && !strings.HasSuffix(l, "：") && !strings.HasSuffix(l, ":") {
			return l
		}
	}
	return ""
}

var softErrorWords = regexp.MustCompile(`(?i)(?:信息|页面|网页|文章|内容|稿件|资源|主题|帖子|新闻|记录)(?:不存在|已被?删除|已被?撤销|已撤稿)|(?:找不到|无法找到)(?:该|您要访问的|指定的)?(?:页面|网页|文章|信息)|出错了|错误页|^\s*404\s*(?:[-–:：|]|not found|错误|error|页面|$)|\b404 not found|page not found|no longer available|could not be found`)

// pageErrorWords are the words of a title that says the page itself is
// missing (页面不存在, 404), not a record (信息不存在告知, a column of
// notices).
var pageErrorWords = regexp.MustCompile(`(?i)(?:页面|网页|頁面|網頁)(?:不存在|已被?删除)|找不到|您(?:要)?访问的|出错了|错误页|\b404\b|not found`)

// knownAfter says whether a page after page n is known.
func knownAfter(known map[int]string, n int) bool {
	for k := range known {
		if k > n {
			return true
		}
	}
	return false
}

// rotateToFirst puts first the page whose URL is the stem of all the
// others' (news/a.html before news/a-more.html and news/a-end.html): of a
// cycle of pages without numbers, the likeliest page 1. Without such a
// page the order is kept.
func rotateToFirst(pages []*page) []*page {
	stem := func(p *page) string {
		u := extract.CanonicalURL(p.url)
		return strings.TrimSuffix(u, path.Ext(u))
	}
	for i, p := range pages {
		if i == 0 || !p.ok() {
			continue
		}
		s := stem(p)
		all := true
		for _, q := range pages {
			all = all && strings.HasPrefix(stem(q), s)
		}
		if all {
			return append(append([]*page{}, pages[i:]...), pages[:i]...)
		}
	}
	return pages
}

// sameArticle decides whether p is a page of the article ref is a page
// of. The title is the evidence: every page of an article carries it
// (some with a page marker: 标题(2), 标题 第2页). Pages without a title
// are taken by their URL: a page of ref's URL family, or one the bar named
// by number (fromBar).
func sameArticle(p, ref *page, fromBar bool) bool {
	a, b := pageTitle(p.parsed.Title), pageTitle(ref.parsed.Title)
	if a != "" && b != "" {
		return a == b || strings.HasPrefix(a, b) && isPageMarker(a[len(b):]) || strings.HasPrefix(b, a) && isPageMarker(b[len(a):])
	}
	return fromBar || extract.SamePages(p.url, ref.url)
}

// pageMarker matches what a site appends to the title of page 2 and on.
var pageMarker = regexp.MustCompile(`^\s*[-_|(（\[［【]?\s*(第?\s*\d{1,3}\s*[页頁]?|第?\s*[一二三四五六七八九十]{1,3}\s*[页頁部分]{0,2}|之[一二三四五六七八九十]{1,3}|\d{1,3}\s*/\s*\d{1,3}|page\s*\d{1,3}|p\d{1,3})\s*[)）\]］】]?\s*$`)

func isPageMarker(s string) bool { return pageMarker.MatchString(strings.ToLower(s)) }

// pageTitle is a page's title as sameArticle compares it: white space
// folded, and a forum's tag before it dropped ([求助] on one page's
// heading and not on another's).
func pageTitle(t string) string {
	t = strings.Join(strings.Fields(t), " ")
	if m := titleTag.FindStringIndex(t); m != nil && m[1] < len(t) {
		t = t[m[1]:]
	}
	return t
}

// titleTag is a forum thread's tag: [求助], 【转载】, [原创].
var titleTag = regexp.MustCompile(`^[\[【［]\s*\p{Han}{1,6}\s*[\]】］]\s*`)

// original returns the article a print view stands for, or nil when start
// is not a print view or its article cannot be found. The candidates are
// the page's rel=canonical, its 返回原文-style links and the URL forms
// the common CMSs give a print view (print.asp?id=1 for show.asp?id=1,
// /print/ in the path, ?print=1); at most three are fetched, and the one
// that carries the same title is the article.
func (w *walk) original(start *page) *page {
	if !extract.IsPrintView(start.url) {
		return nil
	}
	var cands []string
	// The article that linked to it, when it was archived before: a print
	// view at an address no rule leads back from (/e/DoPrint/?id=88 of
	// /news/2024-03-15/88.html) is one of its URLs.
	if urls, err := w.a.st.DocumentURLs(extract.CanonicalURL(start.url)); err == nil && len(urls) > 0 && !extract.IsPrintView(urls[0]) {
		cands = append(cands, urls[0])
	}
	if c := start.parsed.Canonical; c != "" && !extract.IsPrintView(c) {
		cands = append(cands, c)
	}
	for _, l := range start.parsed.Links {
		if originalLink.MatchString(l.Text) && !extract.IsPrintView(l.URL) {
			cands = append(cands, l.URL)
		}
	}
	cands = append(cands, extract.UnprintURLs(start.url)...)
	tried := 0
	for _, c := range dedupe(cands) {
		if tried == 3 {
			break
		}
		if extract.CanonicalURL(c) == extract.CanonicalURL(start.url) {
			continue
		}
		tried++
		if p := w.get(c); p.ok() && p.parsed.Kind == extract.KindArticle && sameArticle(p, start, false) {
			return p
		}
	}
	return nil
}

// ownAddresses lists the other addresses of page p that it links to: its
// print views (打印本页 to /e/DoPrint/?classid=2&id=88, Print.asp?ArticleID=88),
// and a Discuz thread's address by its script ([复制链接] to
// forum.php?mod=viewthread&tid=92 on thread-92-1-1.html). The same article,
// so they are URLs of its document, never documents of their own, whether
// or not their address leads back to the article.
func ownAddresses(p *page) []string {
	if !p.ok() {
		return nil
	}
	var out []string
	host := hostKey(p.url)
	for _, l := range p.parsed.Links {
		// The link text first: it rules out nearly every link at the
		// cost of one anchored match, where the URL tests parse it.
		if printLinkText.MatchString(l.Text) && extract.IsPrintView(l.URL) && hostKey(l.URL) == host {
			out = append(out, extract.CanonicalURL(l.URL))
		} else if alt := threadPage(l.URL); alt != "" && extract.CanonicalURL(alt) == extract.CanonicalURL(p.url) {
			out = append(out, extract.CanonicalURL(l.URL))
		}
	}
	return out
}

// printLinkText is what a print link says (or nothing: an icon).
var printLinkText = regexp.MustCompile(`(?i)^[【\[]?\s*(打印|列印|print|$)`)

var originalLink = regexp.MustCompile(`^[【\[]?\s*(返回原文|查看原文|原文链接|原文地址|阅读原文|返回正文|原文)\s*[】\]]?$`)

// fetchPage fetches u, stores every exchange and reads the page. With
// ArchiveOptions.Conditional a page stored before is revalidated, and a 304
// is read from the payload it confirms.
func (a *Archiver) fetchPage(u string) *page {
	return a.fetchPageAs(u, a.opts.Conditional)
}

// fetchPageAs is fetchPage, revalidating a stored copy when conditional.
func (a *Archiver) fetchPageAs(u string, conditional bool) *page {
	f, old, notModified, err := a.fetchRevalidating(u, conditional)
	p := &page{requested: u, url: f.FinalURL(), status: f.Status(), reread: f.Stored}
	if f.Final != nil {
		p.at = f.Final.Capture.Time
	}
	// A body cut now (not one read back from the store) is worth a word.
	if f.Final != nil {
		p.truncated = f.Final.Capture.Truncated
	}
	cut := p.truncated == "length" && f.Final.Capture.ID == 0
	if f.BodyCut && p.truncated == "" {
		// The payload is stored whole, but what is read of it stops at
		// --max-body: the page is cut all the same.
		a.log.Warn("body decodes to more than --max-body; its beginning was read", "url", f.FinalURL(), "max-body", a.maxBody())
		p.truncated = "length"
	}
	if perr := a.storeExchanges(f, p); perr != nil {
		p.err = perr
		return p
	}
	if p.url != u {
		for _, ex := range f.Exchanges {
			if !ex.robots && ex != f.Final {
				p.hop = &ex.Capture
				break
			}
		}
	}
	if cut {
		a.log.Warn("body cut at --max-body; stored truncated", "url", f.FinalURL(), "max-body", a.maxBody())
	}
	body, contentType := f.Body, ""
	if f.Final != nil {
		contentType = f.Final.Capture.Header("Content-Type")
	}
	if notModified {
		// The page is what the confirmed capture holds.
		p.status, p.capture, p.digest, p.notModified = old.capture.Status, old.capture.ID, old.capture.PayloadDigest, true
		p.stored = nil
		contentType = old.capture.Header("Content-Type")
		if body, err = old.body(a.maxBody()); err != nil {
			// The store lost what the 304 confirms: fetch it whole, which
			// stores it again.
			a.log.Warn("the stored copy a 304 confirms cannot be read; fetching the page again", "url", u, "err", err)
			a.refetchable(u)
			return a.fetchPageAs(u, false)
		}
	}
	switch {
	case err != nil:
		p.err = err
		return p
	case p.status != http.StatusOK:
		p.err = fmt.Errorf("%s: HTTP %d", u, f.Status())
		return p
	}
	p.contentType = contentType
	parsed, err := parse(a.parser, body, contentType, p.url, &extract.Options{Location: a.opts.Location, Requisites: a.opts.Requisites})
	if err != nil {
		p.err = err
		return p
	}
	p.parsed = parsed
	if parsed.Cut {
		a.log.Warn("page too large to read whole; its beginning was read", "url", p.url)
	}
	a.log.Debug("page", "url", p.url, "charset", parsed.Charset, "kind", parsed.Kind, "blocks", len(parsed.Blocks))
	return p
}

// parse runs the extractor (fn, or extract.Parse when nil), turning a panic
// on one page into that page's error: a bug in extraction must not end a
// whole run.
func parse(fn parseFunc, body []byte, contentType, u string, opts *extract.Options) (p *extract.Page, err error) {
	defer func() {
		if r := recover(); r != nil {
			p, err = nil, panics.Error(u, r)
		}
	}()
	if fn == nil {
		fn = extract.Parse
	}
	p, err = fn(body, contentType, u, opts)
	if errors.Is(err, extract.ErrNotHTML) {
		err = notArticle{err}
	}
	return p, err
}

// notArticle is extract's error (which names the URL first) that is also
// ErrNotArticle.
type notArticle struct{ error }

func (e notArticle) Unwrap() error      { return e.error }
func (notArticle) Is(target error) bool { return target == ErrNotArticle }

func (a *Archiver) storeExchanges(f *Fetched, p *page) error {
	return putExchanges(a.st, f, p)
}

// putExchanges stores f's exchanges in st and gives p the final one's
// capture (or, while its id is not known, the capture itself).
func putExchanges(st Store, f *Fetched, p *page) error {
	if len(f.Exchanges) == 0 && (f.Final == nil || f.Final.Capture.ID == 0) {
		return nil
	}
	if len(f.Exchanges) > 0 { // none when answered from a stored capture
		caps := make([]*store.Capture, len(f.Exchanges))
		payloads := make([][]byte, len(f.Exchanges))
		for i, ex := range f.Exchanges {
			caps[i] = &ex.Capture
			payloads[i] = ex.Payload
		}
		if _, err := st.PutCaptures(caps, payloads); err != nil {
			return err
		}
	}
	if f.Final != nil {
		p.capture = f.Final.Capture.ID
		p.digest = f.Final.Capture.PayloadDigest
		if p.capture == 0 {
			p.stored = &f.Final.Capture
		}
	}
	return nil
}

// storeExchangesNow is storeExchanges for a file other articles may link
// too (an attachment): a crawl task's store, which keeps captures for the
// task's commit, stores these at once, so that another task asking for the
// file in the meantime finds it (Archiver.fetch) rather than a fetch that
// colly refuses as made.
func (a *Archiver) storeExchangesNow(f *Fetched, p *page) error {
	if now, ok := a.st.(interface{ StoreNow() Store }); ok {
		return putExchanges(now.StoreNow(), f, p)
	}
	return putExchanges(a.st, f, p)
}

// document stitches the pages into the stored document. A rel=canonical
// on another host of the site's (the mobile site's page naming the www
// article: a sibling host, or one of the crawl's scope) makes the document
// a copy to look for there: the same content is that article's alias, and
// other content (an abridged copy, a mobile site numbering its own
// articles) a document of its own.
func (a *Archiver) document(pages []*page) *store.Document {
	doc := buildDocument(pages)
	if p := pages[0]; p.parsed != nil && p.parsed.Canonical != "" {
		if host := canonicalElsewhere(p.parsed.Canonical, p.url, a.opts.InScope); host != "" {
			doc.CopyOfHosts = append(doc.CopyOfHosts, host)
		}
	}
	return doc
}

func buildDocument(pages []*page) *store.Document {
	var parsed []*extract.Page
	for _, p := range pages {
		if p.ok() {
			parsed = append(parsed, p.parsed)
		} else {
			parsed = append(parsed, nil)
		}
	}
	st := extract.Stitch(parsed)
	first := pages[0]
	doc := &store.Document{
		URL:       documentURL(first),
		Title:     st.Title,
		Published: st.Published,
		Source:    st.Source,
		Author:    st.Author,
		Text:      st.Text,
		Tables:    st.Tables,
		Complete:  true,
		Aliases:   []string{},
		Fetched:   time.Now().UTC().Truncate(time.Second),
	}
	if doc.Tables == nil {
		doc.Tables = [][][]string{}
	}
	doc.Attachments = []store.Attachment{}
	for _, p := range pages {
		// Pages are named in canonical form: a page fetched through a
		// tracking variant (?from=index) is still that page.
		pg := store.Page{URL: extract.CanonicalURL(p.url), Status: p.status, Fetched: p.at.Truncate(time.Second),
			PayloadDigest: p.digest, CaptureID: p.capture, Capture: p.stored}
		if p.parsed != nil {
			pg.Charset = p.parsed.Charset
		}
		if !p.ok() {
			doc.Complete = false
		}
		doc.Pages = append(doc.Pages, pg)
	}
	doc.ContentHash = extract.ContentHash(doc.Text)
	return doc
}

// documentURL is page 1's canonical URL: its rel=canonical when that is a
// plausible address for it, else the URL it was fetched from after
// redirects, in folio's canonical form (and without a ?page=1 a bar may
// have added). A page 1 that failed has only the URL it was asked at.
func documentURL(p *page) string {
	if p.parsed == nil {
		return extract.CanonicalURL(extract.PageOneURL(p.url))
	}
	if c := p.parsed.Canonical; c != "" && plausibleCanonical(c, p.url) {
		return extract.CanonicalURL(c)
	}
	return extract.CanonicalURL(extract.PageOneURL(p.url))
}

// plausibleCanonical says whether rel=canonical c can be the address of
// the page fetched from u. Broken templates point every page's canonical
// at the home page or the column, which would make all of a site's
// articles one document: a canonical must be on the same host, name the
// same article id when both URLs carry one, and not be a column (a
// directory above the page, an index or list file). (One on another host
// of the site is looked at by canonicalElsewhere.)
func plausibleCanonical(c, u string) bool {
	cu, err1 := url.Parse(c)
	pu, err2 := url.Parse(u)
	if err1 != nil || err2 != nil || !strings.EqualFold(cu.Host, pu.Host) {
		return false
	}
	// A template's canonical that drops the query naming the article
	// (/content.jsp for /content.jsp?id=3001) names every article alike.
	if cu.Path == pu.Path && cu.RawQuery == "" && pu.RawQuery != "" && articleID(pu) != "" && articleID(cu) == "" {
		return false
	}
	if cu.Path == "/" || cu.Path == "" {
		// The home page, unless its query names one item that the page's
		// own query names too (/?p=102 for /?p=102&replytocom=5). A
		// broken template names one post (/?p=1) on every page.
		m := itemQuery.FindStringSubmatch(cu.RawQuery)
		return m != nil && pu.Query().Get(m[1]) == m[2]
	}
	if extract.SamePages(c, u) {
		return true
	}
	if cid, pid := articleID(cu), articleID(pu); cid != "" && pid != "" {
		return cid == pid
	}
	if strings.HasSuffix(cu.Path, "/") && strings.HasPrefix(pu.Path, cu.Path) && cu.Path != pu.Path {
		return false
	}
	return !columnFile.MatchString(path.Base(cu.Path))
}

// canonicalElsewhere is the host of rel=canonical c when it is another host
// of the site of the page fetched from u — a sibling (m.x.gov.cn for
// www.x.gov.cn) or one inScope names — and names the same path or article
// id; "" otherwise.
func canonicalElsewhere(c, u string, inScope func(string) bool) string {
	cu, err1 := url.Parse(c)
	pu, err2 := url.Parse(u)
	if err1 != nil || err2 != nil || strings.EqualFold(cu.Host, pu.Host) {
		return ""
	}
	if !siblingHosts(cu.Hostname(), pu.Hostname()) && (inScope == nil || !inScope(c)) {
		return ""
	}
	if cid, pid := articleID(cu), articleID(pu); cu.Path != pu.Path && (cid == "" || cid != pid) {
		return ""
	}
	return strings.ToLower(cu.Host)
}

// siblingHosts says whether two hosts are one site's: the same name but
// for a leading www., m., wap., 3g., mobile., h5. or touch. (m.x.gov.cn,
// www.x.gov.cn, x.gov.cn).
func siblingHosts(a, b string) bool {
	bare := func(h string) string {
		h = strings.ToLower(h)
		if first, rest, ok := strings.Cut(h, "."); ok && strings.Contains(rest, ".") && siteVariant[first] {
			return rest
		}
		return h
	}
	return net.ParseIP(a) == nil && net.ParseIP(b) == nil && bare(a) == bare(b)
}

var siteVariant = map[string]bool{"www": true, "m": true, "wap": true, "3g": true, "mobile": true, "h5": true, "touch": true}

// itemQuery is a query that names one article or post by its id, and
// nothing else.
var itemQuery = regexp.MustCompile(`^(p|id|aid|articleid|newsid|docid|infoid|contentid)=(\d+)$`)

var columnFile = regexp.MustCompile(`(?i)^(index|default|list|main|home)([_-]\d+)*\.[a-z]+$`)

var digitRun = regexp.MustCompile(`\d{3,}`)

// articleID is the number that names an article in its URL: the last one
// of three digits or more in the file name (123.html, t20200222_4567.html),
// else in the query (show.asp?id=123); "" for a slug.
func articleID(u *url.URL) string {
	for _, s := range []string{path.Base(u.Path), u.RawQuery} {
		if m := digitRun.FindAllString(s, -1); len(m) > 0 {
			return m[len(m)-1]
		}
	}
	return ""
}

func dedupe(urls []string) []string {
	var out []string
	for _, u := range urls {
		if u != "" && !slices.Contains(out, u) {
			out = append(out, u)
		}
	}
	return out
}

// ExtractDocument reads one saved page (raw bytes as served) into a
// one-page document, as `folio extract` prints it: nothing is fetched or
// stored, the page's status is 0 (no fetch happened) and its digest is that
// of the bytes. list says the page reads as a list or column page, whose
// text is its items' titles, not an article.
func ExtractDocument(raw []byte, contentType, pageURL string, opts *extract.Options) (doc *store.Document, list bool, err error) {
	parsed, err := parse(nil, raw, contentType, pageURL, opts)
	if err != nil {
		return nil, false, err
	}
	p := &page{requested: pageURL, url: pageURL, parsed: parsed, digest: store.Digest(raw)}
	doc = buildDocument([]*page{p})
	// The page's URL led to the document its rel=canonical names: an
	// alias, as archiving it would record (a saved file's file:// URL is
	// none).
	if u := extract.WithoutDefaultPort(givenURL(pageURL)); u != doc.URL && (strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "https://")) {
		doc.Aliases = append(doc.Aliases, u)
	}
	return doc, parsed.Kind == extract.KindList, nil
}

// maxBody is the limit bodies are decoded to: the Fetcher's --max-body.
func (a *Archiver) maxBody() int64 {
	if f, ok := a.f.(interface{ MaxBody() int64 }); ok {
		return f.MaxBody()
	}
	return defaultMaxBody
}

// fetchRevalidating fetches u, with the validators of its stored copy
// when conditional and there is one (old). notModified: the server
// answered 304, and the 304's capture refers to old's.
func (a *Archiver) fetchRevalidating(u string, conditional bool) (f *Fetched, old *prior, notModified bool, err error) {
	if conditional {
		old = priorCapture(a.st, u)
	}
	f, err = a.fetch(u, old.validators())
	notModified = err == nil && old != nil && f.Status() == http.StatusNotModified
	if notModified {
		f.Final.Capture.RefersTo = old.capture.ID
	}
	return f, old, notModified, err
}

// fetch is a.f.Fetch, except that a URL colly refuses as fetched already
// in this crawl run is answered from the capture that fetch stored. An
// article reached again through another address (a ?share=facebook link,
// a tracking parameter) re-reads its page 2 and 3 and the PDF another
// article already brought; they are the same run's captures, not failures.
func (a *Archiver) fetch(u string, extra http.Header) (*Fetched, error) {
	// (A Discuz thread page fetched already by its other address, the
	// rewritten thread-T-P-1.html of a forum.php link, is that fetch.)
	if alt := threadPage(u); alt != "" {
		if v, ok := a.f.(interface{ Visited(string) bool }); ok && v.Visited(alt) {
			// (Only a page it answered: a site whose rewriting is broken
			// answers thread-T-P-1.html with a 404 and the script's
			// address with the page.)
			if g := storedAnswer(a.st, alt, a.maxBody()); g != nil && g.Status() == http.StatusOK {
				return g, nil
			}
		}
	}
	f, err := a.f.Fetch(u, extra)
	var visited *colly.AlreadyVisitedError
	if !errors.As(err, &visited) {
		return f, err
	}
	// colly refuses u itself, or, when u answered a redirect just now, the
	// page it leads to: then the answer is that page's (an old column's
	// URL that now redirects to the article fetched earlier in this run
	// by its new one), and the redirect hops are this fetch's own.
	target, hops := u, f.Exchanges
	if len(hops) > 0 && visited.Destination != nil {
		target = visited.Destination.String()
	}
	if g := storedAnswer(a.st, target, a.maxBody()); g != nil {
		g.URL, g.Exchanges = u, hops
		return g, nil
	}
	// Another article's fetch of the same file is going on (the PDF two
	// articles on two hosts link): its answer is this one's, once stored.
	if fl, ok := a.f.(interface{ InFlight(string) <-chan struct{} }); ok {
		if ch := fl.InFlight(target); ch != nil {
			<-ch
			for wait := 0; wait < 20; wait++ { // (its capture is stored as its fetch returns)
				if g := storedAnswer(a.st, target, a.maxBody()); g != nil {
					g.URL, g.Exchanges = u, hops
					return g, nil
				}
				time.Sleep(100 * time.Millisecond)
			}
			return f, fmt.Errorf("%s: fetched for another article at the same time, which got no answer to store", u)
		}
	}
	return f, err
}

// refetchable lets u be fetched again in this run (colly refuses a URL it
// fetched already).
func (a *Archiver) refetchable(u string) {
	if f, ok := a.f.(refetcher); ok {
		f.Forget(u)
	}
}

// storedAnswer is the latest stored answer to a GET of u (storedFinal);
// nil when the store has none. Its Exchanges are empty: they are stored
// already.
func storedAnswer(cr captureReader, u string, maxBody int64) *Fetched {
	c := storedFinal(cr, u)
	if c == nil {
		return nil
	}
	var payload []byte
	if c.PayloadDigest != "" {
		var err error
		if payload, err = cr.Payload(c.PayloadDigest); err != nil {
			return nil
		}
	}
	return &Fetched{URL: u, Stored: true, Final: &Exchange{Capture: *c, Payload: payload},
		Body: decodeBody(payload, c.Header("Content-Encoding"), maxBody)}
}

// storedFinal is the capture of the latest stored answer to a GET of u,
// redirects followed through their captures (a 304 stands for the
// capture it confirmed); nil when the store has none.
func storedFinal(cr captureReader, u string) *store.Capture {
	cur := u
	for hop := 0; hop <= maxRedirects; hop++ {
		c, err := cr.LatestCapture(cur)
		if err != nil || c == nil {
			return nil
		}
		if c.Status == http.StatusNotModified && c.RefersTo != 0 {
			if c, err = cr.Capture(c.RefersTo); err != nil {
				return nil
			}
		}
		if next := c.RedirectTarget(); next != "" {
			cur = next
			continue
		}
		return c
	}
	return nil
}

// listOnly says whether first, page 1 of what was asked for, is a list page
// whose bar leads to more lists: the page asked for is a list too, and the
// page after page 1 is no article page. (Page 1 of a photo story, a picture
// and a caption, reads as a list; its page 2 does not.)
func (w *walk) listOnly(first, start *page) bool {
	if !first.ok() || first.parsed.Kind != extract.KindList || !start.ok() || start.parsed.Kind != extract.KindList {
		return false
	}
	next := first.parsed.Pagination.Next
	if next == "" {
		return true
	}
	p := w.get(next)
	return !p.ok() || p.parsed.Kind == extract.KindList
}
