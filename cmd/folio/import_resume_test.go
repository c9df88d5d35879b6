package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"testing"

	"folio/crawler"
	"folio/crawler/crawltest"
	"folio/internal/bundle"
	"folio/store"
)

// TestImportKeepsRedirectAliases: an article archived through a redirect
// (a portal's old address) keeps that address among its aliases when its
// WARC is imported: the redirect is replayed as the fetch it began.
func TestImportKeepsRedirectAliases(t *testing.T) {
	srv := crawltest.Serve(t, crawltest.Site{Articles: 2, PagesPer: 2})
	old := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, srv.URL+r.URL.RequestURI(), http.StatusMovedPermanently)
	}))
	t.Cleanup(old.Close)
	src := tempDB(t)
	oldURL := old.URL + crawltest.ArticlePath(1, 1)
	if code, _, stderr := folio(t, "archive", "--db", src, "--delay", "0", oldURL); code != 0 {
		t.Fatalf("archive: exit %d: %s", code, stderr)
	}
	warcFile := filepath.Join(t.TempDir(), "a.warc.gz")
	if code, _, stderr := folio(t, "export", "--db", src, "-o", warcFile); code != 0 {
		t.Fatalf("export: exit %d: %s", code, stderr)
	}
	clean := tempDB(t)
	if code, _, stderr := folio(t, "import", "--db", clean, warcFile); code != 0 {
		t.Fatalf("import: exit %d: %s", code, stderr)
	}
	code, stdout, stderr := folio(t, "show", "--db", clean, "--format", "json", oldURL)
	var doc store.Document
	if code != 0 || json.Unmarshal([]byte(stdout), &doc) != nil {
		t.Fatalf("show by the old address after import: exit %d: %s", code, stderr)
	}
	if doc.URL != srv.URL+crawltest.ArticlePath(1, 1) || !slices.Contains(doc.Aliases, oldURL) || len(doc.Pages) != 2 {
		t.Errorf("imported %s, aliases %v, %d pages; want the article, %s an alias, 2 pages", doc.URL, doc.Aliases, len(doc.Pages), oldURL)
	}
}

// TestImportAsCrawled: a crawl's WARC imports as the crawl went: the same
// articles, a list's link to an article's old address an alias of it (not
// a fetch of its own), a republished copy an alias too.
func TestImportAsCrawled(t *testing.T) {
	srv := crawltest.Serve(t, crawltest.Site{Articles: 3, PagesPer: 2, Redirected: 1, Republished: 1})
	src := tempDB(t)
	code, stdout, stderr := folio(t, "crawl", "--db", src, "--delay", "0", "--json", srv.URL+"/news/")
	var sum crawler.Summary
	if code != 0 || json.Unmarshal([]byte(stdout), &sum) != nil || sum.New != 3 || sum.Republished != 1 || sum.Unchanged != 0 {
		t.Fatalf("crawl: exit %d: %s%s", code, stdout, stderr)
	}
	warcFile := filepath.Join(t.TempDir(), "crawl.warc.gz")
	if code, _, stderr := folio(t, "export", "--db", src, "-o", warcFile); code != 0 {
		t.Fatalf("export: exit %d: %s", code, stderr)
	}
	clean := tempDB(t)
	code, stdout, stderr = folio(t, "import", "--db", clean, "--json", warcFile)
	var imp bundle.ImportSummary
	if code != 0 || json.Unmarshal([]byte(stdout), &imp) != nil {
		t.Fatalf("import: exit %d: %s%s", code, stdout, stderr)
	}
	if imp.New != 3 || imp.Unchanged != 0 || imp.Republished != 1 {
		t.Errorf("import %+v; want 3 new, 0 unchanged, 1 republished", imp)
	}
	for _, u := range []string{srv.URL + "/r/3.html", srv.URL + crawltest.CopyPath(3, 1)} {
		code, out, _ := folio(t, "show", "--db", clean, "--format", "json", u)
		var d store.Document
		if code != 0 || json.Unmarshal([]byte(out), &d) != nil || d.URL != srv.URL+crawltest.ArticlePath(3, 1) {
			t.Errorf("show %s in the imported store: exit %d, %s", u, code, d.URL)
		}
	}
}
