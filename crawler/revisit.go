package crawler

import (
	"fmt"
	"net/http"
	"slices"
	"time"

	"folio/extract"
	"folio/store"
)

// captureReader is what conditional requests need of the store: the last
// capture of a URL (its validators) and the payload a 304 confirms. The
// Archiver uses it when its Store has it and ArchiveOptions.Conditional is
// set.
type captureReader interface {
	LatestCapture(url string) (*store.Capture, error)
	Capture(id uint64) (*store.Capture, error)
	Payload(digest string) ([]byte, error)
}

// prior is the stored capture a conditional request revalidates. Its
// payload is read only when a 304 confirms it: an attachment's may be
// megabytes, and most re-checks of a changed page answer 200.
type prior struct {
	capture *store.Capture // a complete 200 response
	st      captureReader
}

// body is the confirmed payload with its content-encoding undone, at most
// limit bytes.
func (p *prior) body(limit int64) ([]byte, error) {
	payload, err := p.st.Payload(p.capture.PayloadDigest)
	if err != nil {
		return nil, fmt.Errorf("%s: the payload a 304 confirmed: %w", p.capture.URL, err)
	}
	return decodeBody(payload, p.capture.Header("Content-Encoding"), limit), nil
}

// priorCapture finds the newest complete 200 capture of u with a validator
// (ETag or Last-Modified); nil when there is none. A 304 stored by an
// earlier re-check stands for the capture it confirmed.
func priorCapture(st storeReader, u string) *prior {
	c, err := st.LatestCapture(u)
	if err != nil {
		if c = variantCapture(st, u); c == nil {
			return nil
		}
	}
	if c.Status == http.StatusNotModified && c.RefersTo != 0 {
		if c, err = st.Capture(c.RefersTo); err != nil {
			return nil
		}
	}
	if c.Status != http.StatusOK || c.Truncated != "" || c.PayloadDigest == "" {
		return nil
	}
	if c.Header("ETag") == "" && c.Header("Last-Modified") == "" {
		return nil
	}
	return &prior{capture: c, st: st}
}

// variantCapture is the latest capture of a variant of u that the
// document at u was fetched from: a list linked the article as
// 501.html?from=index, its re-check asks for 501.html, and the stored
// copy it revalidates is the variant's. nil when there is none.
func variantCapture(st storeReader, u string) *store.Capture {
	d, err := st.Document(u, 0)
	if err != nil {
		return nil
	}
	key := extract.CanonicalURL(u)
	variants := slices.Clone(d.Aliases)
	for _, p := range d.Pages {
		variants = append(variants, p.URL)
	}
	for _, v := range variants {
		if v == u || extract.CanonicalURL(v) != key {
			continue
		}
		if c, err := st.LatestCapture(v); err == nil {
			return c
		}
	}
	return nil
}

// validators are the conditional request headers for p.
func (p *prior) validators() http.Header {
	if p == nil {
		return nil
	}
	h := http.Header{}
	if etag := p.capture.Header("ETag"); etag != "" {
		h.Set("If-None-Match", etag)
	}
	if lm := p.capture.Header("Last-Modified"); lm != "" {
		h.Set("If-Modified-Since", lm)
	}
	return h
}

// RevisitPolicy decides when a stored article is fetched again. An article
// is re-checked once half the time its content has been stable has passed
// since it was last fetched, but never sooner than Min nor later than Max
// after that: one that changed yesterday is re-checked daily, one unchanged
// for two months monthly. Articles whose last fetch missed a page, and
// those whose sitemap lastmod is newer than the last fetch, are due at once.
type RevisitPolicy struct {
	Min time.Duration // shortest interval; 0 means none (due on every run); `folio crawl` uses 20h, so a nightly run re-checks new articles
	Max time.Duration // longest interval; 0 means 30 days
}

const defaultRevisitMax = 30 * 24 * time.Hour

// Due says whether an article with this status should be fetched at now.
// Incomplete is what the stored document says of its last fetch, whether a
// crawl or `folio archive` made it.
func (p RevisitPolicy) Due(st store.URLStatus, lastmod, now time.Time) bool {
	if !st.Doc || st.Incomplete {
		return true
	}
	if !lastmod.IsZero() && lastmod.After(st.LastSeen) {
		return true
	}
	if store.InFuture(lastFetched(st), now) {
		return true
	}
	return !now.Before(lastFetched(st).Add(p.Interval(st)))
}

// goneRecheck is how long a link that answered 404 or 410 is left alone.
// A dead link in a portal's menu would otherwise fail every night, and a
// cron job's mail would never be empty; a week still notices a page that
// comes back. The revisit bounds apply: --revisit-max 1h re-checks hourly.
const goneRecheck = 7 * 24 * time.Hour

// GoneDue says whether a link known to be gone (404 or 410 at st.At, no
// document stored) should be fetched again at now.
func (p RevisitPolicy) GoneDue(st store.URLStatus, now time.Time) bool {
	hi := p.Max
	if hi <= 0 {
		hi = defaultRevisitMax
	}
	return store.InFuture(st.At, now) || !now.Before(st.At.Add(min(max(goneRecheck, p.Min), hi)))
}

// lastFetched is when the article was last fetched: a fetch that missed an
// attachment leaves LastSeen where it was, but it was a fetch, and an
// attachment gone for good must not make the article due every night.
func lastFetched(st store.URLStatus) time.Time {
	// LastSeen also moves when a republished copy is fetched, which does
	// not re-check the original; it stands in only for stores older than
	// LastFetched.
	if !st.LastFetched.IsZero() {
		return st.LastFetched
	}
	return st.LastSeen
}

// Interval is how long after its last fetch an article is re-checked.
func (p RevisitPolicy) Interval(st store.URLStatus) time.Duration {
	lo, hi := p.Min, p.Max
	if lo < 0 {
		lo = 0
	}
	if hi <= 0 {
		hi = defaultRevisitMax
	}
	stable := lastFetched(st).Sub(st.LastChanged) / 2
	return min(max(stable, lo), max(hi, lo))
}
