package crawler

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"time"

	"folio/extract"
	"folio/internal/panics"
	"folio/store"
)

// PageFetcher fetches one URL for an Archiver: a *Fetcher goes to the
// network, a StoredFetcher reads captures already stored (folio import).
type PageFetcher interface {
	Fetch(u string, extra http.Header) (*Fetched, error)
}

// A PageFetcher that goes to the network also says what robots.txt keeps
// it from, and lets a URL it fetched be fetched again in the same run; the
// Fetcher does both. One that reads the store needs neither.
type (
	robotsAware interface{ Disallows(u string) bool }
	refetcher   interface{ Forget(u string) }
)

// CaptureSource is what a StoredFetcher reads from; *store.DB is one.
type CaptureSource interface {
	CapturesOf(url string, fn func(*store.Capture) error) error
	Capture(id uint64) (*store.Capture, error)
	Payload(digest string) ([]byte, error)
}

// StoredFetcher answers fetches from stored captures instead of the
// network: for a URL, the capture closest in time to At, so that the pages
// of an article crawled at At are the ones fetched with it; redirects are
// followed through their stored captures. A 304 that confirmed an earlier
// capture answers as a live re-check does: with that capture's response,
// at the 304's time.
// An answer that folio retries (429, 500, 502, 503, 504) is taken only when
// the URL has no other: the 503 stored a second before the 200 that
// followed it is not the page.
// Nothing is fetched and nothing new is stored.
type StoredFetcher struct {
	Source CaptureSource
	At     time.Time
	// Prefer is a capture to answer with for its URL whatever its time (the
	// capture being replayed); 0 for none.
	Prefer uint64
	// MaxBody bounds the decoded body handed to extraction; 0 means 20 MiB.
	MaxBody int64

	// ledTo lists, by the id of the capture a fetch ended on, the other
	// captures it went through: redirect hops, and the 304 that stood for
	// it. (A StoredFetcher is for one goroutine.)
	ledTo map[uint64][]uint64
}

// Fetch implements PageFetcher.
func (f *StoredFetcher) Fetch(u string, _ http.Header) (*Fetched, error) {
	res := &Fetched{URL: u}
	cur := u
	var via []uint64 // the captures passed on the way: redirects, a 304
	for hop := 0; ; hop++ {
		if hop > 10 {
			return res, fmt.Errorf("%s: %w", u, ErrRedirect)
		}
		c, err := f.closest(cur)
		if err != nil {
			return res, err
		}
		if c.Status == http.StatusNotModified {
			confirmed, err := f.Source.Capture(c.RefersTo)
			if err != nil {
				return res, fmt.Errorf("%s: the capture a 304 confirmed: %w", cur, err)
			}
			via = append(via, c.ID)
			at := c.Time
			c = confirmed
			c.Time = at
		}
		var payload []byte
		if c.PayloadDigest != "" {
			if payload, err = f.Source.Payload(c.PayloadDigest); err != nil {
				return res, err
			}
		}
		ex := &Exchange{Capture: *c, Payload: payload}
		res.Exchanges = append(res.Exchanges, ex)
		res.Final = ex
		next := c.RedirectTarget()
		if next == "" {
			break
		}
		via = append(via, c.ID)
		cur = next
	}
	if len(via) > 0 {
		if f.ledTo == nil {
			f.ledTo = map[uint64][]uint64{}
		}
		id := res.Final.Capture.ID
		f.ledTo[id] = append(f.ledTo[id], via...)
	}
	limit := f.MaxBody
	if limit <= 0 {
		limit = defaultMaxBody
	}
	var derr error
	res.Body, res.BodyCut, derr = decodeLimited(res.Final.Payload, res.Final.Capture.Header("Content-Encoding"), limit)
	if derr != nil && res.Final.Capture.Truncated == "" {
		return res, fmt.Errorf("%s: %w", u, derr)
	}
	return res, nil
}

// closest finds the capture of u to answer with.
func (f *StoredFetcher) closest(u string) (*store.Capture, error) {
	tries := []string{u}
	if pu, err := url.Parse(u); err == nil && pu.String() != u {
		tries = append(tries, pu.String())
	}
	for _, t := range tries {
		var best *store.Capture
		err := f.Source.CapturesOf(t, func(c *store.Capture) error {
			if c.Status == 0 || c.Status == http.StatusNotModified && c.RefersTo == 0 {
				return nil
			}
			if f.Prefer != 0 && c.ID == f.Prefer {
				best = c
				return errFound
			}
			switch {
			case best == nil, retried(best.Status) && !retried(c.Status):
				best = c
			case retried(c.Status) && !retried(best.Status):
			case closer(c.Time, best.Time, f.At):
				best = c
			}
			return nil
		})
		if err != nil && !errors.Is(err, errFound) {
			return nil, err
		}
		if best != nil {
			return best, nil
		}
	}
	return nil, fmt.Errorf("%s: %w", u, ErrNotStored)
}

var errFound = errors.New("found")

// closer says whether a capture at t is nearer to at than one at than.
// One made in the minutes after at wins over any before: an article's
// pages and attachments are fetched after its first page, so the PDF
// another article fetched a moment before is not this fetch's, however
// near. Otherwise the nearest wins, a tie going to the later (times kept
// to the second put page 2 of the second fetch as far from page 1 as page
// 2 of the fetch before).
func closer(t, than, at time.Time) bool {
	if a, b := following(t, at), following(than, at); a != b {
		return a
	}
	d, e := absDuration(t.Sub(at)), absDuration(than.Sub(at))
	return d < e || d == e && t.After(than)
}

// following says whether t is within one fetch's time after at: an
// article of 50 pages at a Crawl-delay of 30s takes 25 minutes.
func following(t, at time.Time) bool {
	d := t.Sub(at)
	return d >= 0 && d <= 30*time.Minute
}

// retried says whether folio retries a response with this status: it is
// then one attempt of a fetch, not its outcome.
func retried(status int) bool {
	switch status {
	case http.StatusTooManyRequests, http.StatusInternalServerError, http.StatusBadGateway,
		http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

func absDuration(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

// Replayer archives the articles that stored captures hold, as the crawl
// that made them would have: each article is read from the captures
// closest in time to the one it starts from, stitched and saved, its
// version dated when its pages were fetched.
type Replayer struct {
	src     CaptureSource
	st      Store       // the ReplayStore, saving only what is stored already
	aliases ReplayStore // the ReplayStore itself, to index a redirect's URL
	opts    ArchiveOptions
	covered map[uint64]bool // captures already read as pages of an article
}

// NewReplayer returns a Replayer reading captures from src and saving
// documents into st.
func NewReplayer(src CaptureSource, st ReplayStore, opts ArchiveOptions) *Replayer {
	return &Replayer{src: src, st: storedOnly{st}, aliases: st, opts: opts, covered: map[uint64]bool{}}
}

// Replay archives the article that capture c is a page of. It returns nil
// when c is not a page of an article (a list page, an image, a failed
// fetch) or was already read as a page of an article this Replayer
// archived.
//
// A 304 that re-checked a page is replayed as that re-check (an unchanged
// re-fetch in the document's history), and a redirect as the fetch that
// followed it (its URL an alias of the article it leads to).
func (r *Replayer) Replay(ctx context.Context, c *store.Capture) (res *Result) {
	replayed := c.Status == http.StatusOK || c.Status == http.StatusNotModified && c.RefersTo != 0 ||
		c.RedirectTarget() != ""
	if r.covered[c.ID] || !replayed {
		return nil
	}
	defer func() {
		if rec := recover(); rec != nil { // a bug fails this article only
			res = &Result{URL: c.URL, Err: panics.Error(c.URL, rec)}
		}
	}()
	r.covered[c.ID] = true
	f := &StoredFetcher{Source: r.src, At: c.Time, Prefer: c.ID}
	a := NewArchiver(f, r.st, r.opts)
	p := a.fetchPage(c.URL)
	// (Nor a page that says it is not there: a deleted article's
	// capture, no version of it.)
	softNotFound(p)
	if !p.ok() || p.parsed.Kind != extract.KindArticle {
		return nil
	}
	if c.RedirectTarget() != "" && r.covered[p.capture] {
		// A redirect to a page read already: no fetch of its own, but its
		// URL leads to that page's article, as in the crawl.
		if err := r.aliases.AddAliases(extract.CanonicalURL(p.url), []string{extract.CanonicalURL(c.URL)}); err != nil {
			return &Result{URL: c.URL, Err: err}
		}
		return nil
	}
	res = a.archive(ctx, c.URL, p)
	// The pages read are read, and so are the redirects and 304s that led
	// to them.
	for _, id := range res.read {
		r.covered[id] = true
		for _, via := range f.ledTo[id] {
			r.covered[via] = true
		}
	}
	return res
}

// ReplayStore is what a Replayer saves into: a Store that also records a
// redirect's URL as an alias of the document it led to. *store.DB is one.
type ReplayStore interface {
	Store
	AddAliases(docURL string, urls []string) error
}

// storedOnly is the Store of a replay: the captures it reads are stored
// already, and a document is dated by its pages' fetch times, not by when
// the replay ran.
type storedOnly struct{ Store }

func (s storedOnly) PutCaptures(cs []*store.Capture, payloads [][]byte) ([]store.PutResult, error) {
	res := make([]store.PutResult, len(cs))
	for i, c := range cs {
		if c.ID == 0 {
			return nil, fmt.Errorf("crawler: replay would store a new capture of %s", c.URL)
		}
		res[i] = store.PutResult{CaptureID: c.ID}
	}
	return res, nil
}

func (s storedOnly) SaveDocument(doc *store.Document, urls []string) (store.SaveResult, error) {
	// Dated by its pages' captures, to the fraction of a second their
	// records give: two re-fetches within one second (a WARC's dates are in
	// microseconds) are two fetches seen, where the pages' own times,
	// in whole seconds, would make the second one look recorded already.
	var latest time.Time
	for _, p := range doc.Pages {
		at := p.Fetched
		if p.CaptureID != 0 {
			if c, err := s.Capture(p.CaptureID); err == nil && c.Time.Truncate(time.Second).Equal(at) {
				at = c.Time
			}
		}
		if at.After(latest) {
			latest = at
		}
	}
	if !latest.IsZero() {
		doc.Fetched = latest
	}
	if v, ok := s.seen(doc, urls); ok {
		// This fetch is recorded already: an import resumed after it was
		// killed reads again the captures it had read. Saving it again
		// would count a re-fetch that never happened.
		doc.Version = v
		return store.SaveResult{Version: v}, nil
	}
	return s.Store.SaveDocument(doc, urls)
}

// seen says whether doc, as read from stored captures, is a fetch its
// stored document has recorded: a version of the same content that was
// seen first at or before the fetch and last at or after it, under URLs
// it knows. (Saving it again would count the re-fetch twice, or, when a
// later version has come since, add the old content as a new version.
// A fetch at a URL it does not know is news, whatever the second: a
// republished copy fetched in the second its original was.)
func (s storedOnly) seen(doc *store.Document, urls []string) (int, bool) {
	if doc.Fetched.IsZero() {
		return 0, false
	}
	h, err := s.History(doc.URL)
	if err != nil || h == nil {
		return 0, false
	}
	known, err := s.DocumentURLs(doc.URL)
	if err != nil {
		return 0, false
	}
	for _, u := range urls {
		if !slices.Contains(known, u) {
			return 0, false
		}
	}
	for _, v := range h.Versions {
		if v.ContentHash == doc.ContentHash && !doc.Fetched.Before(v.FirstSeen) && !doc.Fetched.After(v.LastSeen) {
			return v.Version, true
		}
	}
	return 0, false
}
