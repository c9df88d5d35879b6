package crawler

import (
	"context"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"

	"folio/crawler/crawltest"
)

// records is a slog.Handler that keeps the records logged, for tests that
// check what a crawl reported without parsing log lines.
type records struct {
	mu   sync.Mutex
	recs []slog.Record
}

func (r *records) Enabled(context.Context, slog.Level) bool { return true }
func (r *records) WithAttrs([]slog.Attr) slog.Handler       { return r }
func (r *records) WithGroup(string) slog.Handler            { return r }
func (r *records) Handle(_ context.Context, rec slog.Record) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.recs = append(r.recs, rec.Clone())
	return nil
}

// messages returns the messages logged at level.
func (r *records) messages(level slog.Level) []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for _, rec := range r.recs {
		if rec.Level == level {
			out = append(out, rec.Message)
		}
	}
	return out
}

// failPaths makes srv answer the paths with status.
func failPaths(srv *crawltest.Server, status int, paths ...string) {
	srv.Hook = func(w http.ResponseWriter, r *http.Request) bool {
		if slices.Contains(paths, r.URL.Path) {
			http.Error(w, http.StatusText(status), status)
			return true
		}
		return false
	}
}

// TestCrawlLogsEveryFailedPage: an article whose pages 2 and 3 fail is
// reported in one line per failed page, each naming its URL, not only the
// first.
func TestCrawlLogsEveryFailedPage(t *testing.T) {
	srv := crawltest.Serve(t, crawltest.Site{Articles: 1, PagesPer: 4})
	p2, p3 := crawltest.ArticlePath(1, 2), crawltest.ArticlePath(1, 3)
	failPaths(srv, http.StatusNotFound, p2, p3)
	logs := &records{}
	crawlSites(t, openTestStore(t), fastTransport(0, nil), CrawlOptions{Logger: slog.New(logs)}, siteOf(srv))
	errs := logs.messages(slog.LevelError)
	for _, p := range []string{p2, p3} {
		if !slices.ContainsFunc(errs, func(m string) bool { return strings.Contains(m, srv.URLOf(p)) }) {
			t.Errorf("no error line names %s; error lines: %q", p, errs)
		}
	}
	for _, m := range errs {
		if strings.Contains(m, "\n") {
			t.Errorf("error line %q holds a newline", m)
		}
	}
}

// TestPartialArticleIsNotFailed: an article stored without its failed
// page counts as new (what was stored) and incomplete, not as failed,
// which is for URLs that brought nothing usable.
func TestPartialArticleIsNotFailed(t *testing.T) {
	srv := crawltest.Serve(t, crawltest.Site{Articles: 2, PagesPer: 3})
	failPaths(srv, http.StatusNotFound, crawltest.ArticlePath(1, 3), crawltest.ArticlePath(9, 1))
	seeds := siteOf(srv)
	seeds.Seeds = append(seeds.Seeds, srv.URLOf(crawltest.ArticlePath(9, 1))) // a 404: that one failed
	sum := crawlSites(t, openTestStore(t), fastTransport(0, nil), CrawlOptions{}, seeds)
	if sum.New != 2 || sum.Incomplete != 1 || sum.Failed != 1 {
		t.Errorf("summary %+v, want 2 new (1 incomplete), 1 failed (the 404 seed)", sum)
	}
}
