package bundle

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"folio/crawler"
	"folio/crawler/crawltest"
	"folio/internal/bundle/bundletest"
	"folio/store"
	"folio/warc"
)

// importOptions are `folio import`'s defaults.
var importOptions = ImportOptions{Archive: crawler.ArchiveOptions{MaxPages: 50, Attachments: true}}

// importFiles imports files into db and fails the test on an error.
func importFiles(t *testing.T, db *store.DB, files ...string) *ImportSummary {
	t.Helper()
	sum, err := Import(context.Background(), db, files, importOptions)
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	return sum
}

// articles is an import summary's counts of articles.
func articles(s *ImportSummary) [3]int { return [3]int{s.New, s.Changed, s.Unchanged} }

// histories is the history of each document in db, as JSON.
func histories(t *testing.T, db *store.DB) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := db.Documents(store.DocumentFilter{}, func(d *store.Document) error {
		h, err := db.History(d.URL)
		if err != nil {
			return err
		}
		b, err := json.Marshal(h)
		out[d.URL] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestImportResumesAfterKill: an import stores a file's captures first and
// reads them for articles after. One killed in between (or interrupted)
// left captures that importing the file again skips as stored: their
// articles were never made. The next import reads them; and one killed
// after it had read them, before it could say so, counts no re-fetch and
// adds no version when they are read again.
func TestImportResumesAfterKill(t *testing.T) {
	const articleCount = 5
	site := crawltest.Site{Articles: articleCount, PagesPer: 2}
	srv := crawltest.Serve(t, site)
	src := tempStore(t)
	crawl := func() {
		t.Helper()
		tr := crawler.NewTransport(crawler.TransportOptions{Timeout: 5 * time.Second})
		_, err := crawler.NewCrawler(src, tr, crawler.CrawlOptions{
			Sites:   []crawler.Site{{Name: srv.Host, Seeds: []string{srv.URL + "/news/"}}},
			Revisit: crawler.RevisitPolicy{Min: time.Nanosecond, Max: time.Nanosecond}, Attachments: true,
		}).Run(context.Background())
		if err != nil {
			t.Fatalf("crawl: %v", err)
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
	if _, err := Export(context.Background(), src, warcFile, ExportOptions{Format: WARC}); err != nil {
		t.Fatalf("export: %v", err)
	}
	// The 304s of the second crawl are its re-checks of the 4 articles
	// not edited: unchanged re-fetches, as in the crawled store.
	clean := tempStore(t)
	if sum := importFiles(t, clean, warcFile); articles(sum) != [3]int{5, 1, 4} {
		t.Fatalf("import: %+v; want 5 new, 1 changed, 4 unchanged", sum)
	}
	want := histories(t, clean)
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
	for u, h := range histories(t, src) {
		if got, crawled := refetches(want[u]), refetches(h); !slices.Equal(got, crawled) {
			t.Errorf("%s: unchanged re-fetches per version %v after import, %v as crawled", u, got, crawled)
		}
	}

	// killed stores the file's captures as an import does and stops
	// there; read also reads them for articles, as the import would
	// have before it was killed.
	killed := func(read bool) *store.DB {
		db := tempStore(t)
		from, err := db.BeginImport()
		if err != nil {
			t.Fatal(err)
		}
		log := slog.New(slog.DiscardHandler)
		if _, err := importCaptures(context.Background(), db, warcFile, ImportOptions{Logger: log}); err != nil {
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
		return db
	}
	check := func(db *store.DB, wantArticles [3]int) {
		t.Helper()
		sum := importFiles(t, db, warcFile)
		if sum.Captures != 0 || articles(sum) != wantArticles {
			t.Fatalf("import after the kill: %+v; want 0 captures stored, articles (new, changed, unchanged) %v", sum, wantArticles)
		}
		got := histories(t, db)
		if len(got) != articleCount {
			t.Fatalf("%d documents after the import, want %d", len(got), articleCount)
		}
		for u, h := range want {
			if got[u] != h {
				t.Errorf("history of %s:\n%s\nwant (a clean import):\n%s", u, got[u], h)
			}
		}
		// Done now: importing the file again reads nothing.
		if sum := importFiles(t, db, warcFile); articles(sum) != [3]int{} {
			t.Errorf("import once more: %+v", sum)
		}
	}
	check(killed(false), [3]int{5, 1, 4})
	check(killed(true), [3]int{0, 0, 10}) // each fetch read again, none counted twice
}

// TestImportSameSecondCaptures: fetches of one URL within one second of
// WARC-Date are distinct records, stored as distinct captures; the same
// file imported again adds none.
func TestImportSameSecondCaptures(t *testing.T) {
	srv, st := exportFixture(t)
	first, err := st.LatestCapture(srv.URL + bundletest.GBKPage)
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
	warcFile := filepath.Join(t.TempDir(), "same.warc.gz")
	if _, err := Export(context.Background(), st, warcFile, ExportOptions{Format: WARC}); err != nil {
		t.Fatalf("export: %v", err)
	}
	want := 0
	for _, r := range bundletest.ReadWARC(t, warcFile) {
		if r.Type() == warc.TypeResponse || r.Type() == warc.TypeRevisit {
			want++
		}
	}
	clean := tempStore(t)
	for round, wantNew := range []int{want, 0} {
		imp := importFiles(t, clean, warcFile)
		if imp.Captures != wantNew || imp.Captures+imp.Duplicates != want {
			t.Errorf("import %d: %d captures stored, %d already stored; want %d stored of %d", round+1, imp.Captures, imp.Duplicates, wantNew, want)
		}
	}
}

// TestImportCountsIncompleteArticles: an article whose page 2 failed when
// it was crawled is imported as the crawl counted it — new and incomplete,
// not failed.
func TestImportCountsIncompleteArticles(t *testing.T) {
	srv := crawltest.Serve(t, crawltest.Site{Articles: 3, PagesPer: 2})
	broken := crawltest.ArticlePath(1, 2)
	srv.Hook = func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path != broken {
			return false
		}
		http.NotFound(w, r)
		return true
	}
	src := tempStore(t)
	tr := crawler.NewTransport(crawler.TransportOptions{Timeout: 5 * time.Second})
	crawled, err := crawler.NewCrawler(src, tr, crawler.CrawlOptions{
		Sites: []crawler.Site{{Name: srv.Host, Seeds: []string{srv.URL + "/news/"}}},
	}).Run(context.Background())
	if err != nil {
		t.Fatalf("crawl: %v", err)
	}
	warcFile := filepath.Join(t.TempDir(), "crawl.warc.gz")
	if _, err := Export(context.Background(), src, warcFile, ExportOptions{Format: WARC}); err != nil {
		t.Fatalf("export: %v", err)
	}
	sum := importFiles(t, tempStore(t), warcFile)
	if sum.New != crawled.New || sum.Incomplete != crawled.Incomplete || sum.Failed != 0 || sum.Incomplete != 1 {
		t.Errorf("import: %d new, %d incomplete, %d failed; the crawl: %d new, %d incomplete; want the crawl's counts, 1 incomplete, none failed",
			sum.New, sum.Incomplete, sum.Failed, crawled.New, crawled.Incomplete)
	}
}
