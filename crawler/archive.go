package crawler

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"runtime/debug"
	"slices"
	"time"

	"folio/extract"
	"folio/store"
)

// Store is what the crawler needs of the store.
type Store interface {
	PutCaptures(cs []*store.Capture, payloads [][]byte) ([]store.PutResult, error)
	SaveDocument(doc *store.Document, urls []string) (store.SaveResult, error)
}

// ArchiveOptions configure an Archiver; zero fields take the defaults.
type ArchiveOptions struct {
	MaxPages int            // pages followed per article; 0 means 50
	Location *time.Location // time zone for dates without one; nil lets extract decide
	Logger   *slog.Logger
	// Conditional revalidates pages stored before (If-None-Match,
	// If-Modified-Since) when the Store can read captures back; a 304 page
	// is read from the stored payload it confirms.
	Conditional bool
}

// Archiver fetches an article with all its pages, stitches it and stores it.
type Archiver struct {
	f    *Fetcher
	st   Store
	opts ArchiveOptions
	log  *slog.Logger
}

// NewArchiver returns an Archiver that fetches with f and stores into st.
func NewArchiver(f *Fetcher, st Store, opts ArchiveOptions) *Archiver {
	if opts.MaxPages <= 0 {
		opts.MaxPages = 50
	}
	a := &Archiver{f: f, st: st, opts: opts, log: opts.Logger}
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
}

func (p *page) ok() bool { return p.err == nil && p.parsed != nil }

// Archive fetches the article at u — from page 1 whichever page u is —
// follows its pagination, stitches the pages and stores the document.
func (a *Archiver) Archive(ctx context.Context, u string) *Result {
	return a.archive(ctx, u, a.fetchPage(u))
}

// archive archives the article whose page start (fetched from u) is.
func (a *Archiver) archive(ctx context.Context, u string, start *page) *Result {
	res := &Result{URL: u}
	cache := map[string]*page{start.requested: start, start.url: start}
	get := func(u string) *page {
		if p := cache[u]; p != nil {
			return p
		}
		p := a.fetchPage(u)
		cache[u] = p
		cache[p.url] = p
		return p
	}

	if !start.ok() {
		res.Err = start.err
		return res
	}
	// Begin at page 1: the bar's 1 or 首页, or the URL family's base.
	if first := start.parsed.Pagination.First; first != "" && first != start.url {
		if p1 := get(first); p1.ok() && p1.parsed.Kind == extract.KindArticle && sameArticle(p1.parsed, start.parsed) {
			start = p1
		}
	}

	pages, failed := a.follow(ctx, start, get)
	doc := a.document(pages)
	urls := []string{u}
	for _, p := range cache {
		if slices.Contains(pages, p) {
			urls = append(urls, p.requested, p.url)
		}
	}
	if u != doc.URL && !slices.ContainsFunc(doc.Pages, func(pg store.Page) bool { return pg.URL == u }) {
		doc.Aliases = append(doc.Aliases, u)
	}
	save, err := a.st.SaveDocument(doc, dedupe(urls))
	if err != nil {
		res.Err = err
		return res
	}
	res.Doc, res.Save = doc, save
	if failed != nil {
		res.Err = failed
	}
	return res
}

// follow walks from page 1 through the article's pages, in order. It uses
// the numbered bar of every page read so far (a bar often links pages
// further on, which gets past a page that fails) and the next links, and
// stops at the last page, a cycle, a page repeating the one before, or
// --max-pages.
func (a *Archiver) follow(ctx context.Context, first *page, get func(string) *page) ([]*page, error) {
	pages := []*page{first}
	seen := map[string]bool{first.url: true, first.requested: true}
	known := map[int]string{}
	learn := func(p *page) {
		for _, pl := range p.parsed.Pagination.Pages {
			if _, ok := known[pl.N]; !ok {
				known[pl.N] = pl.URL
			}
		}
	}
	learn(first)
	n := max(first.parsed.Pagination.Current, 1)
	last := first // the last page read successfully
	var failed error
	for len(pages) < a.opts.MaxPages && ctx.Err() == nil {
		next := known[n+1]
		if next == "" && last == pages[len(pages)-1] {
			next = last.parsed.Pagination.Next
		}
		if next == "" || seen[next] {
			break
		}
		seen[next] = true
		p := get(next)
		seen[p.url] = true
		n++
		if !p.ok() {
			failed = errors.Join(failed, p.err)
			pages = append(pages, p)
			continue // the bar may name the page after it
		}
		if text := p.parsed.Text(); text != "" && text == last.parsed.Text() {
			break // the server ignores the page number: same content again
		}
		learn(p)
		pages = append(pages, p)
		last = p
	}
	// A failure at the end with nothing readable after it is still a
	// failed page of the article.
	return pages, failed
}

// sameArticle guards the jump to page 1: the page the bar calls page 1 must
// carry the same title.
func sameArticle(a, b *extract.Page) bool {
	return a.Title == "" || b.Title == "" || a.Title == b.Title
}

// fetchPage fetches u, stores every exchange and reads the page. With
// ArchiveOptions.Conditional a page stored before is revalidated, and a 304
// is read from the payload it confirms.
func (a *Archiver) fetchPage(u string) *page {
	var old *prior
	if cr, ok := a.st.(captureReader); ok && a.opts.Conditional {
		old = priorCapture(cr, u)
	}
	f, err := a.f.Fetch(u, old.validators())
	p := &page{requested: u, url: f.FinalURL(), status: f.Status()}
	if f.Final != nil {
		p.at = f.Final.Capture.Time
	}
	notModified := err == nil && old != nil && f.Status() == http.StatusNotModified
	if notModified {
		f.Final.Capture.RefersTo = old.capture.ID
	}
	if perr := a.storeExchanges(f, p); perr != nil {
		p.err = perr
		return p
	}
	body, contentType := f.Body, ""
	if f.Final != nil {
		contentType = f.Final.Capture.Header("Content-Type")
	}
	if notModified {
		// The page is what the confirmed capture holds.
		p.status, p.capture, p.digest, p.notModified = old.capture.Status, old.capture.ID, old.capture.PayloadDigest, true
		body = decodeBody(old.payload, old.capture.Header("Content-Encoding"), a.f.t.opts.MaxBody)
		contentType = old.capture.Header("Content-Type")
	}
	switch {
	case err != nil:
		p.err = err
		return p
	case p.status != http.StatusOK:
		p.err = fmt.Errorf("%s: HTTP %d", u, f.Status())
		return p
	}
	parsed, err := parse(body, contentType, p.url, &extract.Options{Location: a.opts.Location})
	if err != nil {
		p.err = err
		return p
	}
	p.parsed = parsed
	a.log.Debug("page", "url", p.url, "charset", parsed.Charset, "kind", parsed.Kind, "blocks", len(parsed.Blocks))
	return p
}

// parse runs the extractor, turning a panic on one page into that page's
// error: a bug in extraction must not end a whole run.
func parse(body []byte, contentType, u string, opts *extract.Options) (p *extract.Page, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%s: extraction failed: %v\n%s", u, r, debug.Stack())
		}
	}()
	p, err = extract.Parse(body, contentType, u, opts)
	if errors.Is(err, extract.ErrNotHTML) {
		err = fmt.Errorf("%w: %w", ErrNotArticle, err)
	}
	return p, err
}

func (a *Archiver) storeExchanges(f *Fetched, p *page) error {
	if len(f.Exchanges) == 0 {
		return nil
	}
	caps := make([]*store.Capture, len(f.Exchanges))
	payloads := make([][]byte, len(f.Exchanges))
	for i, ex := range f.Exchanges {
		caps[i] = &ex.Capture
		payloads[i] = ex.Payload
	}
	if _, err := a.st.PutCaptures(caps, payloads); err != nil {
		return err
	}
	if f.Final != nil {
		p.capture = f.Final.Capture.ID
		p.digest = f.Final.Capture.PayloadDigest
	}
	return nil
}

// document stitches the pages into the stored document.
func (a *Archiver) document(pages []*page) *store.Document {
	return buildDocument(pages)
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
		pg := store.Page{URL: p.url, Status: p.status, Fetched: p.at.Truncate(time.Second), PayloadDigest: p.digest, CaptureID: p.capture}
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
// redirects, in folio's canonical form.
func documentURL(p *page) string {
	if c := p.parsed.Canonical; c != "" {
		cu, err1 := url.Parse(c)
		pu, err2 := url.Parse(p.url)
		// Broken templates point every page's canonical at the home page.
		if err1 == nil && err2 == nil && cu.Host == pu.Host && cu.Path != "/" && cu.Path != "" {
			return extract.CanonicalURL(c)
		}
	}
	return extract.CanonicalURL(p.url)
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
// of the bytes.
func ExtractDocument(raw []byte, contentType, pageURL string, opts *extract.Options) (*store.Document, error) {
	parsed, err := parse(raw, contentType, pageURL, opts)
	if err != nil {
		return nil, err
	}
	p := &page{requested: pageURL, url: pageURL, parsed: parsed, digest: store.Digest(raw)}
	return buildDocument([]*page{p}), nil
}
