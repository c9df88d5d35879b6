package crawler

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// loggedServer records when each request arrived.
type loggedServer struct {
	*httptest.Server
	mu     sync.Mutex
	starts map[string][]time.Time
}

func newLoggedServer(t *testing.T, h http.HandlerFunc) *loggedServer {
	s := &loggedServer{starts: map[string][]time.Time{}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.starts[r.URL.Path] = append(s.starts[r.URL.Path], time.Now())
		s.mu.Unlock()
		h(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *loggedServer) first(path string) time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.starts[path]) == 0 {
		return time.Time{}
	}
	return s.starts[path][0]
}

func TestRedirectHopsWaitTheirTurn(t *testing.T) {
	const delay = 60 * time.Millisecond
	srv := newLoggedServer(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt":
			w.Write([]byte("User-agent: *\nDisallow: /private/\n"))
		case "/a":
			http.Redirect(w, r, "/b", http.StatusFound)
		case "/b":
			http.Redirect(w, r, "/c", http.StatusMovedPermanently)
		default:
			w.Write([]byte("<html><body>ok</body></html>"))
		}
	})
	tr := fastTransport(delay, nil)
	f, err := NewFetcher(context.Background(), tr, FetcherOptions{Revisit: true})
	if err != nil {
		t.Fatal(err)
	}
	got, err := f.Fetch(srv.URL+"/a", nil)
	if err != nil {
		t.Fatal(err)
	}
	if got.FinalURL() != srv.URL+"/c" || len(got.Exchanges) != 4 {
		t.Fatalf("final %s, %d exchanges (want robots.txt and three hops)", got.FinalURL(), len(got.Exchanges))
	}
	// robots.txt, /a, /b, /c: each waited its turn at the gate (the
	// captures' times are the starts it gave them).
	for i := 1; i < len(got.Exchanges); i++ {
		prev, ex := got.Exchanges[i-1].Capture, got.Exchanges[i].Capture
		if gap := ex.Time.Sub(prev.Time); gap < delay {
			t.Errorf("%s started %s after %s, want at least %s", ex.URL, gap, prev.URL, delay)
		}
	}
	// A disallowed URL is refused without a request.
	if _, err := f.Fetch(srv.URL+"/private/x", nil); err == nil || !strings.Contains(err.Error(), "robots") {
		t.Errorf("disallowed fetch: %v", err)
	}
	if !srv.first("/private/x").IsZero() {
		t.Error("a disallowed URL was requested")
	}
}

// TestValidatorsStayWithTheirURL: the stored copy's ETag is asked of the
// URL it was stored for, not of the page a redirect leads to (a renamed
// column's new file, which may carry the same ETag and would answer 304
// for a body never stored under its URL).
func TestValidatorsStayWithTheirURL(t *testing.T) {
	var asked []string
	srv := newLoggedServer(t, func(w http.ResponseWriter, r *http.Request) {
		asked = append(asked, r.URL.Path+" "+r.Header.Get("If-None-Match"))
		switch {
		case r.URL.Path == "/old/":
			http.Redirect(w, r, "/new/", http.StatusMovedPermanently)
		case r.Header.Get("If-None-Match") == `"v1"`:
			w.WriteHeader(http.StatusNotModified)
		default:
			w.Header().Set("ETag", `"v1"`)
			w.Write([]byte("<html><body>new list</body></html>"))
		}
	})
	tr := fastTransport(0, func(o *TransportOptions) { o.IgnoreRobots = true })
	f, _ := NewFetcher(context.Background(), tr, FetcherOptions{Revisit: true})
	got, err := f.Fetch(srv.URL+"/old/", http.Header{"If-None-Match": {`"v1"`}})
	if err != nil {
		t.Fatal(err)
	}
	if got.Status() != http.StatusOK || !slices.Equal(asked, []string{`/old/ "v1"`, "/new/ "}) {
		t.Errorf("status %d, requests %q; want the redirect target asked without the old URL's ETag", got.Status(), asked)
	}
}

// TestResetIsRetriedAtTheDelay: a kept-alive connection reset under a
// request is sent again at the delay (once, on a new connection, as a
// connection dropped while idle is), then retried as --retries says; not
// re-sent at once by Go's Transport, past the gate.
func TestResetIsRetriedAtTheDelay(t *testing.T) {
	const delay = 150 * time.Millisecond
	srv := newLoggedServer(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/reset" {
			w.Write([]byte("<html><body>ok</body></html>"))
			return
		}
		conn, _, err := http.NewResponseController(w).Hijack()
		if err != nil {
			t.Error(err)
			return
		}
		conn.(*net.TCPConn).SetLinger(0)
		conn.Close()
	})
	tr := fastTransport(delay, func(o *TransportOptions) { o.IgnoreRobots = true; o.Retries = 1 })
	f, _ := NewFetcher(context.Background(), tr, FetcherOptions{Revisit: true})
	if _, err := f.Fetch(srv.URL+"/ok", nil); err != nil { // the connection is kept alive
		t.Fatal(err)
	}
	if _, err := f.Fetch(srv.URL+"/reset", nil); err == nil {
		t.Fatal("a reset answered")
	}
	srv.mu.Lock()
	defer srv.mu.Unlock()
	resets := srv.starts["/reset"]
	if len(resets) != 3 {
		t.Errorf("/reset asked %d times, want 3 (the request, again on a new connection, one retry)", len(resets))
	}
	prev := srv.starts["/ok"][0]
	for _, at := range resets {
		if gap := at.Sub(prev); gap < delay-10*time.Millisecond {
			t.Errorf("a request started %s after the one before, want at least %s", gap, delay)
		}
		prev = at
	}
}

// TestTimeoutIsNoDroppedConnection: a request that times out on a
// kept-alive connection is retried as --retries says, not also sent again
// as one on a connection the server dropped.
func TestTimeoutIsNoDroppedConnection(t *testing.T) {
	srv := newLoggedServer(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/slow" {
			time.Sleep(400 * time.Millisecond)
		}
		w.Write([]byte("<html><body>ok</body></html>"))
	})
	tr := fastTransport(0, func(o *TransportOptions) { o.IgnoreRobots = true; o.Retries = 1; o.Timeout = 150 * time.Millisecond })
	f, _ := NewFetcher(context.Background(), tr, FetcherOptions{Revisit: true})
	if _, err := f.Fetch(srv.URL+"/ok", nil); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Fetch(srv.URL+"/slow", nil); err == nil {
		t.Fatal("a page slower than --timeout answered")
	}
	time.Sleep(500 * time.Millisecond) // the handlers still running log their start already
	srv.mu.Lock()
	defer srv.mu.Unlock()
	if n := len(srv.starts["/slow"]); n != 2 {
		t.Errorf("/slow asked %d times, want 2 (the request and one retry)", n)
	}
}

func TestMaxBodyCutIsRecorded(t *testing.T) {
	srv := newLoggedServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(strings.Repeat("x", 100_000)))
	})
	tr := fastTransport(0, func(o *TransportOptions) { o.MaxBody = 10_000; o.IgnoreRobots = true })
	f, _ := NewFetcher(context.Background(), tr, FetcherOptions{Revisit: true})
	got, err := f.Fetch(srv.URL+"/big", nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Final.Payload) != 10_000 || got.Final.Capture.Truncated != "length" {
		t.Errorf("payload %d bytes, truncated %q", len(got.Final.Payload), got.Final.Capture.Truncated)
	}
	if !srv.first("/robots.txt").IsZero() {
		t.Error("--ignore-robots still asked for robots.txt")
	}
}

func TestLongRetryAfterLeavesTheHost(t *testing.T) {
	srv := newLoggedServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "3600")
		w.WriteHeader(http.StatusServiceUnavailable)
	})
	tr := fastTransport(0, func(o *TransportOptions) { o.IgnoreRobots = true; o.Retries = 3 })
	f, _ := NewFetcher(context.Background(), tr, FetcherOptions{Revisit: true})
	f.Fetch(srv.URL+"/a", nil)
	start := time.Now()
	_, err := f.Fetch(srv.URL+"/b", nil)
	if err == nil || !strings.Contains(err.Error(), "paused") || time.Since(start) > time.Second {
		t.Errorf("fetch from a host that asked for an hour's pause: %v after %s", err, time.Since(start))
	}
	srv.mu.Lock()
	defer srv.mu.Unlock()
	if len(srv.starts["/a"]) != 1 || len(srv.starts["/b"]) != 0 {
		t.Errorf("requests %v: a Retry-After beyond the longest pause is not retried, and the host is left alone", srv.starts)
	}
}

// TestHostSpellingsShareOneGate: requests to one server under two
// spellings of its name wait for each other.
func TestHostSpellingsShareOneGate(t *testing.T) {
	const delay = 80 * time.Millisecond
	srv := newLoggedServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("<html><body>ok</body></html>"))
	})
	tr := fastTransport(delay, nil)
	for _, u := range []string{
		strings.Replace(srv.URL, "127.0.0.1", "localhost", 1) + "/a",
		strings.Replace(srv.URL, "127.0.0.1", "LocalHost", 1) + "/b",
	} {
		req, _ := http.NewRequest("GET", u, nil)
		resp, err := tr.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	srv.mu.Lock()
	defer srv.mu.Unlock()
	var starts []time.Time // robots.txt (once per spelling, or once), /a, /b
	for _, ts := range srv.starts {
		starts = append(starts, ts...)
	}
	slices.SortFunc(starts, time.Time.Compare)
	for i := 1; i < len(starts); i++ {
		if gap := starts[i].Sub(starts[i-1]); gap < delay-10*time.Millisecond {
			t.Errorf("request %d started %s after the one before, want at least %s", i+1, gap, delay)
		}
	}
}

func TestGateKey(t *testing.T) {
	for in, want := range map[string]string{
		"www.X.gov.cn":   "www.x.gov.cn",
		"x.gov.cn:80":    "x.gov.cn",
		"x.gov.cn:443":   "x.gov.cn",
		"x.gov.cn.":      "x.gov.cn",
		"127.0.0.1:8080": "127.0.0.1:8080",
		"[::1]:80":       "[::1]",
		"x.gov.cn.:80":   "x.gov.cn",
		"X.gov.cn.:8080": "x.gov.cn:8080",
		"[::1]:8080":     "[::1]:8080",
	} {
		if got := gateKey(in); got != want {
			t.Errorf("gateKey(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRetryAfterValues(t *testing.T) {
	now := time.Date(2026, 11, 26, 4, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		v    string
		want time.Duration
		ok   bool
	}{
		{"120", 2 * time.Minute, true},
		{"0", 0, true},
		{"9223372037", 365 * 24 * time.Hour, true}, // overflows a Duration in nanoseconds
		{"99999999999999999999", 0, false},         // not an int64
		{"-5", 0, false},
		{"Thu, 26 Nov 2026 04:00:30 GMT", 30 * time.Second, true},
		{"Wed, 25 Nov 2026 04:00:00 GMT", 0, true}, // already past
		{"soon", 0, false},
	} {
		got, ok := retryAfter(tc.v, now)
		if got != tc.want || ok != tc.ok {
			t.Errorf("retryAfter(%q) = %s, %v; want %s, %v", tc.v, got, ok, tc.want, tc.ok)
		}
	}
}
