package main

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"folio/crawler"
	"folio/crawler/crawltest"
)

// TestCrawlSummaryCountsIncomplete: an article stored without a failed
// page is new and incomplete, not failed; the run exits 1 (partial) and
// says so in the summary line and its JSON.
func TestCrawlSummaryCountsIncomplete(t *testing.T) {
	srv := crawltest.Serve(t, crawltest.Site{Articles: 2, PagesPer: 3})
	srv.Hook = func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path == crawltest.ArticlePath(1, 2) {
			http.NotFound(w, r)
			return true
		}
		return false
	}
	db := tempDB(t)
	code, stdout, stderr := folio(t, "crawl", "--db", db, "--delay", "1ms", "--json", srv.URL+"/news/")
	if code != 1 {
		t.Errorf("exit %d, want 1 (a page failed): %s", code, stderr)
	}
	var sum crawler.Summary
	if err := json.Unmarshal([]byte(stdout), &sum); err != nil {
		t.Fatalf("%v: %s", err, stdout)
	}
	if sum.New != 2 || sum.Incomplete != 1 || sum.Failed != 0 || !strings.Contains(stdout, `"incomplete":1`) {
		t.Errorf("summary %s, want 2 new, 1 incomplete, 0 failed", stdout)
	}
	if !strings.Contains(stderr, srv.URLOf(crawltest.ArticlePath(1, 2))) {
		t.Errorf("stderr does not name the failed page: %s", stderr)
	}

	code, stdout, _ = folio(t, "crawl", "--db", db, "--delay", "1ms", srv.URL+"/news/")
	if code != 1 || !strings.Contains(stdout, "0 failed") || !strings.Contains(stdout, "1 incomplete (") {
		t.Errorf("exit %d, summary %q, want 1 incomplete and 0 failed", code, stdout)
	}
}

// TestCrawlMaxPagesCut: articles cut at --max-pages are incomplete in the
// summary, yet the run succeeds (the operator asked for the cut), and the
// next night does not fetch them again before they are due: they would be
// cut the same way.
func TestCrawlMaxPagesCut(t *testing.T) {
	srv := crawltest.Serve(t, crawltest.Site{Articles: 2, PagesPer: 3})
	db := tempDB(t)
	code, stdout, stderr := folio(t, "crawl", "--db", db, "--delay", "1ms", "--max-pages", "2", "--json", srv.URL+"/news/")
	var sum crawler.Summary
	if err := json.Unmarshal([]byte(stdout), &sum); err != nil {
		t.Fatalf("%v: %s", err, stdout)
	}
	if code != 0 || sum.New != 2 || sum.Cut != 2 || sum.Incomplete != 0 {
		t.Errorf("exit %d, summary %s; want exit 0, 2 new, 2 cut: %s", code, stdout, stderr)
	}
	srv.ResetLog()
	if code, stdout, _ = folio(t, "crawl", "--db", db, "--delay", "1ms", "--max-pages", "2", srv.URL+"/news/"); code != 0 {
		t.Errorf("next night: exit %d: %s", code, stdout)
	}
	for _, r := range srv.Requests() {
		if strings.HasPrefix(r.Path, "/news/2024/") {
			t.Errorf("next night fetched %s again before it was due", r.Path)
		}
	}
}
