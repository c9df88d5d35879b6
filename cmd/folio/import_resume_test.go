package main

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"folio/crawler"
	"folio/crawler/crawltest"
	"folio/internal/bundle"
	"folio/store"
	"folio/warc"
)

// TestImportResumesAfterKill: an import stores a file's captures first and
// reads them for articles after. One killed in between (or interrupted)
// left captures that importing the file again skips as stored: their
// articles were never made. The next import reads them; and one killed
// after it had read them, before it could say so, counts no re-fetch and
// adds no version when they are read again.
func TestImportResumesAfterKill(t *testing.T) {
	const articles = 5
	site := crawltest.Site{Articles: articles, PagesPer: 2}
	srv := crawltest.Serve(t, site)
	src := tempDB(t)
	crawl := func() {
		t.Helper()
		if code, _, stderr := folio(t, "crawl", "--db", src, "--delay", "0", "--revisit-min", "1ns", "--revisit-max", "1ns", srv.URL+"/news/"); code != 0 {
			t.Fatalf("crawl: exit %d: %s", code, stderr)
		}
	}
	// Two crawls, a second apart, article 1 edited between them: the
	// WARC holds two versions of it (the rest answer 304).
	crawl()
	time.Sleep(time.Second)
	site.Edited = map[int]int{1: 1}
	srv.Update(site)
	crawl()
	warcFile := filepath.Join(t.TempDir(), "crawl.warc.gz")
	if code, _, stderr := folio(t, "export", "--db", src, "-o", warcFile); code != 0 {
		t.Fatalf("export: exit %d: %s", code, stderr)
	}
	histories := func(db string) map[string]string {
		t.Helper()
		out := map[string]string{}
		for u := range storeContents(t, db) {
			_, h, _ := folio(t, "history", "--json", "--db", db, u)
			out[u] = h
		}
		return out
	}
	// The 304s of the second crawl are its re-checks of the 4 articles
	// not edited: unchanged re-fetches, as in the crawled store.
	clean := tempDB(t)
	if code, stdout, stderr := folio(t, "import", "--db", clean, warcFile); code != 0 || !strings.Contains(stdout, "articles: 5 new, 1 changed, 4 unchanged") {
		t.Fatalf("import: exit %d:\n%s%s", code, stdout, stderr)
	}
	want := histories(clean)
	refetches := func(history string) []int {
		var h store.History
		if err := json.Unmarshal([]byte(history), &h); err != nil {
			t.Fatalf("history %q: %v", history, err)
		}
		var n []int
		for _, v := range h.Versions {
			n = append(n, v.UnchangedRefetches)
		}
		return n
	}
	for u, h := range histories(src) {
		if got, crawled := refetches(want[u]), refetches(h); !slices.Equal(got, crawled) {
			t.Errorf("%s: unchanged re-fetches per version %v after import, %v as crawled", u, got, crawled)
		}
	}

	// killed stores the file's captures as an import does and stops
	// there; read also reads them for articles, as the import would
	// have before it was killed.
	killed := func(read bool) string {
		path := tempDB(t)
		db, err := store.Open(path, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		from, err := db.BeginImport()
		if err != nil {
			t.Fatal(err)
		}
		log := slog.New(slog.DiscardHandler)
		if _, err := bundle.ImportCaptures(context.Background(), db, warcFile, bundle.ImportOptions{Logger: log}); err != nil {
			t.Fatal(err)
		}
		if read {
			rp := crawler.NewReplayer(db, db, crawler.ArchiveOptions{MaxPages: 50, Attachments: true, Logger: log})
			if err := db.Captures(from, func(c *store.Capture) error {
				rp.Replay(context.Background(), c)
				return nil
			}); err != nil {
				t.Fatal(err)
			}
		}
		return path
	}
	check := func(db, summary string) {
		t.Helper()
		code, stdout, stderr := folio(t, "import", "--db", db, warcFile)
		if code != 0 || !strings.Contains(stdout, "0 captures stored") || !strings.Contains(stdout, summary) {
			t.Fatalf("import after the kill: exit %d, want %q:\n%s%s", code, summary, stdout, stderr)
		}
		got := histories(db)
		if len(got) != articles {
			t.Fatalf("%d documents after the import, want %d", len(got), articles)
		}
		for u, h := range want {
			if got[u] != h {
				t.Errorf("history of %s:\n%s\nwant (a clean import):\n%s", u, got[u], h)
			}
		}
		// Done now: importing the file again reads nothing.
		if _, stdout, _ := folio(t, "import", "--db", db, warcFile); !strings.Contains(stdout, "articles: 0 new, 0 changed, 0 unchanged") {
			t.Errorf("import once more:\n%s", stdout)
		}
	}
	check(killed(false), "articles: 5 new, 1 changed, 4 unchanged")
	check(killed(true), "articles: 0 new, 0 changed, 10 unchanged") // each fetch read again, none counted twice
}

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

// TestImportSameSecondCaptures: fetches of one URL within one second of
// WARC-Date are distinct records, stored as distinct captures; the same
// file imported again adds none.
func TestImportSameSecondCaptures(t *testing.T) {
	srv, db := exportFixture(t)
	st, err := store.Open(db, nil)
	if err != nil {
		t.Fatal(err)
	}
	first, err := st.LatestCapture(srv.URL + gbkPage)
	if err != nil {
		t.Fatal(err)
	}
	payload, err := st.Payload(first.PayloadDigest)
	if err != nil {
		t.Fatal(err)
	}
	for range 2 { // the same answer twice more, in the same second
		again := *first
		again.ID = 0
		if _, err := st.PutCapture(&again, payload); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()
	warcFile := filepath.Join(t.TempDir(), "same.warc.gz")
	if code, _, stderr := folio(t, "export", "--db", db, "-o", warcFile); code != 0 {
		t.Fatalf("export: exit %d: %s", code, stderr)
	}
	want := 0
	for _, r := range readWARC(t, warcFile) {
		if r.Type() == warc.TypeResponse || r.Type() == warc.TypeRevisit {
			want++
		}
	}
	clean := tempDB(t)
	for round, wantNew := range []int{want, 0} {
		code, stdout, stderr := folio(t, "import", "--db", clean, "--json", warcFile)
		var imp bundle.ImportSummary
		if code > 1 || json.Unmarshal([]byte(stdout), &imp) != nil {
			t.Fatalf("import %d: exit %d: %s%s", round+1, code, stdout, stderr)
		}
		if imp.Captures != wantNew || imp.Captures+imp.Duplicates != want {
			t.Errorf("import %d: %d captures stored, %d already stored; want %d stored of %d", round+1, imp.Captures, imp.Duplicates, wantNew, want)
		}
	}
}
