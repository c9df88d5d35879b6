package crawler

import (
	"net/http"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"folio/crawler/crawltest"
	"folio/store"
)

// TestRetriedAttemptsAreCaptures: every attempt a retry replaces is a
// capture of its own, in order, so that the archive shows the 503 the
// server sent; the page is read from the last one, and the crawl's fetch
// count and its captures agree.
func TestRetriedAttemptsAreCaptures(t *testing.T) {
	srv := crawltest.Serve(t, crawltest.Site{Articles: 2})
	page := crawltest.ArticlePath(2, 1)
	var busy atomic.Int32
	srv.Hook = func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path == page && busy.Add(1) <= 2 {
			w.Header().Set("Retry-After", "0")
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return true
		}
		return false
	}
	db := openTestStore(t)
	tr := fastTransport(0, func(o *TransportOptions) { o.Retries = 3; o.Backoff = 5 * time.Millisecond })
	sum := crawlSites(t, db, tr, CrawlOptions{}, siteOf(srv))
	if sum.New != 2 || sum.Failed != 0 {
		t.Fatalf("crawl %+v, want 2 new", sum)
	}

	var statuses []int
	var last *store.Capture
	err := db.CapturesOf(srv.URLOf(page), func(c *store.Capture) error {
		statuses = append(statuses, c.Status)
		last = c
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(statuses, []int{503, 503, 200}) {
		t.Fatalf("captures of the page: statuses %v, want [503 503 200]", statuses)
	}
	doc, err := db.Document(srv.URLOf(page), 0)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Pages[0].CaptureID != last.ID || doc.Pages[0].Status != 200 {
		t.Errorf("page read from capture %d (status %d), want the 200, %d", doc.Pages[0].CaptureID, doc.Pages[0].Status, last.ID)
	}
	n := 0
	if err := db.Captures(0, func(*store.Capture) error { n++; return nil }); err != nil {
		t.Fatal(err)
	}
	if n != sum.Fetches {
		t.Errorf("%d captures stored for %d fetches", n, sum.Fetches)
	}

	// Read back from the store (folio import), the page is the 200 even
	// when a 503 is closer in time.
	var first *store.Capture
	db.CapturesOf(srv.URLOf(page), func(c *store.Capture) error {
		if first == nil {
			first = c
		}
		return nil
	})
	f, err := (&StoredFetcher{Source: db, At: first.Time.Add(-time.Hour)}).Fetch(srv.URLOf(page), nil)
	if err != nil || f.Status() != 200 {
		t.Errorf("stored fetch: status %d, %v; want the 200", f.Status(), err)
	}
}
