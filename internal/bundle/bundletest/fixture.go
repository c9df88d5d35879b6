package bundletest

import (
	"bytes"
	"compress/gzip"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"folio/store"
)

// Two pages of the sample portal (testdata/portal) that the export tests
// archive: a GBK page, and one ByteServer sends gzip-encoded and chunked.
const (
	GBKPage  = "/bxsh/2020/0305/20200305101530.html" // GBK, with the GBK-only 喆 堃
	GzipPage = "/bxsh/2024/0507/20240507101244.html"
)

// ByteServer serves pages of the sample portal and remembers the exact
// bytes it sent for each path: a GBK page as it is on disk, and GzipPage
// gzip-encoded and chunked.
type ByteServer struct {
	*httptest.Server
	mu   sync.Mutex
	sent map[string][]byte
}

// NewByteServer serves the portal in dir: GzipPage itself, the rest
// through portal. The server closes when the test ends.
func NewByteServer(t testing.TB, dir string, portal http.Handler) *ByteServer {
	t.Helper()
	s := &ByteServer{sent: map[string][]byte{}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != GzipPage {
			rec := httptest.NewRecorder()
			portal.ServeHTTP(rec, r)
			body := rec.Body.Bytes()
			for k, v := range rec.Header() {
				w.Header()[k] = v
			}
			w.WriteHeader(rec.Code)
			w.Write(body)
			s.note(r.URL.Path, body)
			return
		}
		raw, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(GzipPage)))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		var zb bytes.Buffer
		zw := gzip.NewWriter(&zb)
		zw.Write(raw)
		zw.Close()
		body := zb.Bytes()
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Encoding", "gzip")
		w.WriteHeader(http.StatusOK)
		// Two writes with a flush between: no Content-Length, chunked.
		w.Write(body[:len(body)/2])
		w.(http.Flusher).Flush()
		w.Write(body[len(body)/2:])
		s.note(r.URL.Path, body)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *ByteServer) note(path string, body []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if prev, ok := s.sent[path]; ok && !bytes.Equal(prev, body) {
		panic("the test server sent different bytes for " + path)
	}
	s.sent[path] = bytes.Clone(body)
}

// Sent is the body the server sent for path (nil: none yet).
func (s *ByteServer) Sent(path string) []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sent[path]
}

// AddOddCaptures adds to a store that holds base+GBKPage three captures
// an export must handle: a 304 answer to a re-check of that page, a
// capture cut short (truncated), and a fetch that failed.
func AddOddCaptures(t testing.TB, st *store.DB, base string) {
	t.Helper()
	first, err := st.LatestCapture(base + GBKPage)
	if err != nil {
		t.Fatal(err)
	}
	ref, _ := st.PayloadRef(first.PayloadDigest)
	now := time.Now().UTC()
	extra := []struct {
		c       *store.Capture
		payload []byte
	}{
		{&store.Capture{URL: base + GBKPage, Method: "GET", Time: now, Proto: "HTTP/1.1", Status: 304,
			StatusText: "304 Not Modified", ResponseHeaders: []store.Field{{Name: "Etag", Value: `"x1"`}},
			RequestHeaders: []store.Field{{Name: "Host", Value: "h"}, {Name: "If-None-Match", Value: `"x1"`}},
			RefersTo:       ref.FirstCapture}, nil},
		{&store.Capture{URL: base + "/uploads/big.bin", Method: "GET", Time: now.Add(time.Second), Proto: "HTTP/1.1",
			Status: 200, StatusText: "200 OK", Truncated: "length",
			ResponseHeaders: []store.Field{{Name: "Content-Type", Value: "application/octet-stream"}, {Name: "Content-Length", Value: "5000"}}},
			bytes.Repeat([]byte{0xAB}, 1000)},
		{&store.Capture{URL: base + "/down.html", Method: "GET", Time: now.Add(2 * time.Second), Error: "connection refused"}, nil},
	}
	for _, x := range extra {
		if _, err := st.PutCapture(x.c, x.payload); err != nil {
			t.Fatal(err)
		}
	}
}
