package crawler

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"folio/crawler/crawltest"
	"folio/extract"
	"folio/internal/panics"
	"folio/store"
)

// faultFetcher fetches from a Faults server with one attempt per request,
// a 1s deadline and a 64 KiB body.
func faultFetcher(t *testing.T, opts FetcherOptions) *Fetcher {
	t.Helper()
	tr := fastTransport(0, func(o *TransportOptions) { o.Timeout, o.MaxBody = defaultFaultTimeout, 64<<10 })
	f, err := NewFetcher(t.Context(), tr, opts)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

const defaultFaultTimeout = 1e9 // 1s

// TestTransportRecordsWhatCameBeforeAFault: a body cut by a reset or by the
// deadline is kept, marked truncated with the reason, and the fetch fails.
func TestTransportRecordsWhatCameBeforeAFault(t *testing.T) {
	srv := crawltest.ServeFaults(t)
	f := faultFetcher(t, FetcherOptions{Revisit: true})
	for path, want := range map[string]string{"/reset-body": "disconnect", "/trickle": "time"} {
		got, err := f.Fetch(srv.URL+path, nil)
		if err == nil || got.Final == nil {
			t.Fatalf("%s: err %v, final %v", path, err, got.Final)
		}
		c := got.Final.Capture
		if c.Status != 200 || c.Truncated != want || len(got.Final.Payload) == 0 || c.Error == "" {
			t.Errorf("%s: status %d, truncated %q, %d bytes, error %q; want 200, %q, the bytes received",
				path, c.Status, c.Truncated, len(got.Final.Payload), c.Error, want)
		}
	}
}

// TestRedirectLimits: ten hops are followed, the eleventh is refused; a
// refused hop's target is not left marked visited; no non-HTTP target is
// ever requested.
func TestRedirectLimits(t *testing.T) {
	srv := crawltest.ServeFaults(t)
	visited := newVisitedStore(nil)
	f := faultFetcher(t, FetcherOptions{Storage: visited})

	got, err := f.Fetch(srv.URL+crawltest.HopPath(10), nil)
	if err != nil || !strings.HasSuffix(got.FinalURL(), "/article/15.html") {
		t.Fatalf("10 hops: %v, final %s", err, got.FinalURL())
	}
	// A fresh chain (the first one's hops are visited now) of 11 hops.
	visited = newVisitedStore(nil)
	f = faultFetcher(t, FetcherOptions{Storage: visited})
	_, err = f.Fetch(srv.URL+crawltest.HopPath(11), nil)
	if !errors.Is(err, ErrRedirect) {
		t.Fatalf("11 hops: %v", err)
	}
	if ok, _ := visited.IsVisited(collyHash(srv.URL + "/article/15.html")); ok {
		t.Error("the refused hop's target is marked visited: a link to it would be skipped")
	}
	if _, err := f.Fetch(srv.URL+"/loop", nil); !errors.Is(err, ErrRedirect) || !strings.Contains(err.Error(), "loop") {
		t.Errorf("redirect loop: %v", err)
	}
	for name := range crawltest.NonHTTP {
		got, err := f.Fetch(srv.URL+"/to/"+name, nil)
		if !errors.Is(err, ErrScheme) {
			t.Errorf("redirect to %s: %v", name, err)
		}
		for _, ex := range got.Exchanges {
			if !strings.HasPrefix(ex.Capture.URL, "http") {
				t.Errorf("redirect to %s: a request to %s", name, ex.Capture.URL)
			}
		}
	}
}

// TestDecodeBodyBoundsABomb: a gzip body that inflates to 1 GiB is read to
// the limit and no further.
func TestDecodeBodyBoundsABomb(t *testing.T) {
	var member bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&member, gzip.BestCompression)
	zw.Write(make([]byte, 1<<20))
	zw.Close()
	bomb := bytes.Repeat(member.Bytes(), 1024) // 1 GiB inflated
	for _, limit := range []int64{64 << 10, 5 << 20} {
		if got := decodeBody(bomb, "gzip", limit); int64(len(got)) != limit {
			t.Errorf("limit %d: %d bytes decoded", limit, len(got))
		}
	}
}

// TestBackslashLocation: a redirect to \ok\1.html goes where a browser
// goes, /ok/1.html.
func TestBackslashLocation(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/old.html":
			w.Header().Set("Location", `\ok\1.html`)
			w.WriteHeader(http.StatusFound)
		case "/ok/1.html":
			io.WriteString(w, "<html><body><p>ok</p></body></html>")
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	f, err := NewFetcher(t.Context(), fastTransport(0, nil), FetcherOptions{Revisit: true})
	if err != nil {
		t.Fatal(err)
	}
	got, err := f.Fetch(srv.URL+"/old.html", nil)
	if err != nil || got.FinalURL() != srv.URL+"/ok/1.html" || got.Status() != http.StatusOK {
		t.Errorf("fetch: %v; final %s, want %s/ok/1.html", err, got.FinalURL(), srv.URL)
	}
}

// TestBrokenGzipBodyFails: a gzip body corrupt or cut short halfway is a
// failed fetch, as a browser shows no page for it, not a document of the
// fraction that decoded; its capture is kept as it came. Plain bytes under
// a wrong Content-Encoding are read as they are, a body cut by --max-body
// breaks off by itself, and a whole member with stray bytes after it or
// only its checksum trailer missing is read, as browsers read it.
func TestBrokenGzipBodyFails(t *testing.T) {
	page := []byte(`<html><head><meta charset="utf-8"><title>县政府召开常务会议</title></head><body><h1>县政府召开常务会议</h1><div class="content">` +
		strings.Repeat(`<p>会议研究部署了本月重点工作，要求各部门抓好落实，确保各项任务按期完成。</p>`, 200) + `</div></body></html>`)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(page)
	zw.Close()
	whole := gz.Bytes()
	corrupt := bytes.Clone(whole)
	for i := len(corrupt) / 2; i < len(corrupt)/2+16; i++ {
		corrupt[i] ^= 0x5a
	}
	var named bytes.Buffer // a member with a file name in its header
	zn := gzip.NewWriter(&named)
	zn.Name = "page.html"
	zn.Write(page)
	zn.Close()
	bodies := map[string][]byte{"/ok.html": whole, "/corrupt.html": corrupt, "/cut.html": whole[:len(whole)/2], "/plain.html": page,
		"/newline.html": append(bytes.Clone(whole), '\n'), "/padded.html": append(bytes.Clone(whole), make([]byte, 16)...),
		"/no-trailer.html": whole[:len(whole)-8], "/named-no-trailer.html": named.Bytes()[:named.Len()-8]}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(bodies[r.URL.Path])
	}))
	t.Cleanup(srv.Close)
	for _, tc := range []struct {
		path    string
		maxBody int64
		fails   bool
	}{
		{"/ok.html", 0, false},
		{"/plain.html", 0, false},
		{"/newline.html", 0, false},    // a stray byte after the member
		{"/padded.html", 0, false},     // zero padding after it
		{"/no-trailer.html", 0, false}, // the data whole, its checksum trailer missing
		{"/named-no-trailer.html", 0, false},
		{"/corrupt.html", 0, true},
		{"/cut.html", 0, true},
		{"/ok.html", int64(len(whole) / 4), false}, // cut by the limit: the capture says so
	} {
		f, err := NewFetcher(t.Context(), fastTransport(0, func(o *TransportOptions) {
			if tc.maxBody > 0 {
				o.MaxBody = tc.maxBody
			}
		}), FetcherOptions{Revisit: true})
		if err != nil {
			t.Fatal(err)
		}
		got, err := f.Fetch(srv.URL+tc.path, nil)
		if (err != nil) != tc.fails {
			t.Errorf("%s (max-body %d): %v; want failed %v", tc.path, tc.maxBody, err, tc.fails)
		}
		if err != nil && !strings.Contains(err.Error(), srv.URL+tc.path) {
			t.Errorf("%s: the error %q does not name the URL", tc.path, err)
		}
		if got.Final == nil || !bytes.Equal(got.Final.Payload, bodies[tc.path][:len(got.Final.Payload)]) {
			t.Errorf("%s: the capture is not the body as it came", tc.path)
		}
	}
}

// TestGzipDecodingPastMaxBodyIsCut: a gzip page small enough to store
// whole but decoding to more than --max-body is read to the limit only:
// the document says it is not whole, and the next archive with room for
// it reads it whole, a new version.
func TestGzipDecodingPastMaxBodyIsCut(t *testing.T) {
	page := []byte(`<html><head><meta charset="utf-8"><title>县政府召开常务会议</title></head><body><h1>县政府召开常务会议</h1><div class="content">` +
		strings.Repeat(`<p>会议研究部署了本月重点工作，要求各部门抓好落实，确保各项任务按期完成。</p>`, 40) + `<p>会议最后强调，要严格落实安全生产责任。</p></div></body></html>`)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(page)
	zw.Close()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(gz.Bytes())
	}))
	t.Cleanup(srv.Close)
	db := openTestStore(t)
	archive := func(maxBody int64) *Result {
		f, err := NewFetcher(t.Context(), fastTransport(0, func(o *TransportOptions) { o.MaxBody = maxBody }), FetcherOptions{Revisit: true})
		if err != nil {
			t.Fatal(err)
		}
		return NewArchiver(f, db, ArchiveOptions{}).Archive(t.Context(), srv.URL+"/gz.html")
	}
	limit := int64(len(page) / 2) // above the gzip body, below the page
	if int64(gz.Len()) >= limit {
		t.Fatalf("the gzip body (%d bytes) is not under the limit %d", gz.Len(), limit)
	}
	res := archive(limit)
	if res.Doc == nil || res.Doc.Complete || strings.Contains(res.Doc.Text, "安全生产责任") {
		t.Fatalf("cut: %+v; want a document not complete, without the page's end", res.Doc)
	}
	res = archive(int64(len(page)) * 2)
	if res.Doc == nil || !res.Doc.Complete || !strings.Contains(res.Doc.Text, "安全生产责任") || res.Doc.Version != 2 {
		t.Errorf("whole: %+v; want version 2, complete, with the page's end", res.Doc)
	}
}

// TestAttachmentOverMaxBodyIsCutNotFailed: a file longer than --max-body
// is stored as far as the limit, listed, and the document counted cut, as
// a page over the limit is: the operator's limit, not a failure.
func TestAttachmentOverMaxBodyIsCutNotFailed(t *testing.T) {
	big := bytes.Repeat([]byte("%PDF-1.4 0123456789abcdef\n"), 4096) // ~100 KiB
	pages := map[string]string{"/art/1.html": `<html><head><meta charset="utf-8"><title>县统计局2024年统计年报</title></head><body><h1>县统计局2024年统计年报</h1>` +
		`<div class="content"><p>现将我县2024年统计年报予以公开，详见附件，请各单位参照执行。</p><p>附件：<a href="/files/nb.pdf">2024年统计年报.pdf</a></p></div></body></html>`}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/files/nb.pdf" {
			w.Header().Set("Content-Type", "application/pdf")
			w.Write(big)
			return
		}
		body, ok := pages[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, body)
	}))
	t.Cleanup(srv.Close)
	f, err := NewFetcher(t.Context(), fastTransport(0, func(o *TransportOptions) { o.MaxBody = 32 << 10 }), FetcherOptions{Revisit: true})
	if err != nil {
		t.Fatal(err)
	}
	res := NewArchiver(f, openTestStore(t), ArchiveOptions{Attachments: true}).Archive(t.Context(), srv.URL+"/art/1.html")
	if res.Err != nil || res.Doc == nil || !res.cut || !res.Doc.Complete {
		t.Fatalf("err %v, cut %v, doc %+v; want a whole document counted cut, no failure", res.Err, res.cut, res.Doc)
	}
	if a := res.Doc.Attachments; len(a) != 1 || a[0].Status != http.StatusOK || a[0].Bytes != 32<<10 {
		t.Errorf("attachments %+v; want the PDF as far as --max-body", a)
	}
}

// panicky is a Store whose SaveDocument panics for one URL.
type panicky struct {
	*store.DB
	url string
}

func (p panicky) SaveDocument(doc *store.Document, urls []string) (store.SaveResult, error) {
	if doc.URL == p.url {
		var m map[string]int
		//lint:ignore SA5000 a runtime error, as a real bug would raise
		m["boom"]++ // a nil-map write: a bug, as it would look
	}
	return p.DB.SaveDocument(doc, urls)
}

// parserPanickingOn is extract.Parse but for pages whose URL has part in it.
func parserPanickingOn(part string) parseFunc {
	return func(raw []byte, contentType, pageURL string, opts *extract.Options) (*extract.Page, error) {
		if strings.Contains(pageURL, part) {
			panic("extractor bug")
		}
		return extract.Parse(raw, contentType, pageURL, opts)
	}
}

// TestPanicFailsOnlyThatArticle: a bug met while reading one page, or while
// archiving one article, fails that URL with a one-line error naming it
// and the line that panicked; the Archiver goes on with the next.
func TestPanicFailsOnlyThatArticle(t *testing.T) {
	srv := crawltest.ServeFaults(t)
	db := openTestStore(t)
	f := faultFetcher(t, FetcherOptions{Revisit: true})
	a := NewArchiver(f, panicky{db, srv.URL + "/article/3.html"}, ArchiveOptions{})
	a.parser = parserPanickingOn("/article/2.html")
	for i, want := range []string{"", "extractor bug", "assignment to entry in nil map"} {
		u := srv.URL + "/article/" + string(rune('1'+i)) + ".html"
		res := a.Archive(context.Background(), u)
		if want == "" {
			if res.Err != nil || res.Doc == nil {
				t.Errorf("%s: %v", u, res.Err)
			}
			continue
		}
		if !errors.Is(res.Err, panics.ErrInternal) || !strings.HasPrefix(res.Err.Error(), u+": ") ||
			!strings.Contains(res.Err.Error(), want) || !strings.Contains(res.Err.Error(), "crawler/faults_test.go:") ||
			strings.Contains(res.Err.Error(), "\n") {
			t.Errorf("%s: error %q", u, res.Err)
		}
	}
	if n := countDocuments(t, db); n != 1 {
		t.Errorf("%d documents stored, want 1", n)
	}
}

// panickyCrawl is a CrawlStore whose Commit panics for one URL's visit.
type panickyCrawl struct {
	*store.DB
	url string
}

func (p panickyCrawl) Commit(c *store.CrawlCommit) (store.SaveResult, error) {
	if c.Doc != nil && strings.HasSuffix(c.Doc.URL, p.url) {
		panic("commit bug")
	}
	return p.DB.Commit(c)
}

// TestCrawlPanicFailsOnlyThatURL: in a crawl, a panic while reading one
// page (recovered by the parser's guard) and one while storing another
// (recovered by the task's) each fail their URL; the others are archived,
// and the run finishes.
func TestCrawlPanicFailsOnlyThatURL(t *testing.T) {
	srv := crawltest.Serve(t, crawltest.Site{Articles: 6})
	db := openTestStore(t)
	var logs bytes.Buffer
	tr := fastTransport(0, nil)
	c := NewCrawler(panickyCrawl{db, crawltest.ArticlePath(3, 1)}, tr, CrawlOptions{Logger: slog.New(slog.NewTextHandler(&syncWriter{w: &logs}, nil)),
		Sites: []Site{siteOf(srv)}})
	c.parser = parserPanickingOn(crawltest.ArticlePath(5, 1))
	sum, err := c.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if sum.New != 4 || sum.Failed != 2 {
		t.Errorf("summary %+v: want 4 new, 2 failed", sum)
	}
	for _, p := range []string{crawltest.ArticlePath(3, 1), crawltest.ArticlePath(5, 1)} {
		if !strings.Contains(logs.String(), srv.URL+p+": internal error") {
			t.Errorf("no error naming %s in the log:\n%s", p, logs.String())
		}
	}
}

// syncWriter serializes writes from the crawl's goroutines.
type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}
