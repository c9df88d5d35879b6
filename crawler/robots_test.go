package crawler

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

// robotsChain serves a robots.txt that redirects hops times (/robots.txt,
// then /r/1, /r/2, ...) before the file, which disallows /private/.
func robotsChain(t *testing.T, hops int) *loggedServer {
	return newLoggedServer(t, func(w http.ResponseWriter, r *http.Request) {
		n := 0
		switch {
		case r.URL.Path == "/robots.txt":
		case strings.HasPrefix(r.URL.Path, "/r/"):
			fmt.Sscan(r.URL.Path[3:], &n)
		default:
			w.Write([]byte("<html><body>page</body></html>"))
			return
		}
		if n < hops {
			code := []int{http.StatusMovedPermanently, http.StatusFound, http.StatusTemporaryRedirect, http.StatusPermanentRedirect, http.StatusSeeOther}[n%5]
			http.Redirect(w, r, fmt.Sprintf("/r/%d", n+1), code)
			return
		}
		w.Write([]byte("User-agent: *\nDisallow: /private/\n"))
	})
}

// TestRobotsRedirectsAreFollowed: RFC 9309 §2.3.1.2: a robots.txt that
// redirects (http to https, www to the bare host) is followed for five
// hops, each through the host's gate and stored with the fetch; after
// five, robots.txt is unavailable, which allows all (like a 404), and
// never closes the host.
func TestRobotsRedirectsAreFollowed(t *testing.T) {
	const delay = 30 * time.Millisecond
	for _, tc := range []struct {
		hops    int
		private bool // /private/ may be fetched
	}{
		{1, false},
		{5, false},
		{6, true},
	} {
		t.Run(fmt.Sprint(tc.hops), func(t *testing.T) {
			srv := robotsChain(t, tc.hops)
			f, err := NewFetcher(context.Background(), fastTransport(delay, nil), FetcherOptions{Revisit: true})
			if err != nil {
				t.Fatal(err)
			}
			got, err := f.Fetch(srv.URL+"/a", nil)
			if err != nil {
				t.Fatalf("fetch /a: %v", err)
			}
			robots := min(tc.hops, maxRobotsRedirects) + 1
			if len(got.Exchanges) != robots+1 || got.FinalURL() != srv.URL+"/a" {
				t.Errorf("%d exchanges, final %s; want %d robots.txt requests and the page", len(got.Exchanges), got.FinalURL(), robots)
			}
			for i, ex := range got.Exchanges[:min(robots, len(got.Exchanges))] {
				if !isRobotsCapture(ex) || ex.Capture.Status == 0 {
					t.Errorf("exchange %d (%s) is not a robots.txt capture: status %d", i, ex.Capture.URL, ex.Capture.Status)
				}
			}
			// Every hop waited its turn: the gate's starts (the captures'
			// times), which a loaded machine does not skew as it may the
			// times the server sees them.
			for n := 1; n < min(robots, len(got.Exchanges)); n++ {
				if gap := got.Exchanges[n].Capture.Time.Sub(got.Exchanges[n-1].Capture.Time); gap < delay {
					t.Errorf("hop %d started %s after the one before, want at least %s", n, gap, delay)
				}
			}
			_, err = f.Fetch(srv.URL+"/private/x", nil)
			switch {
			case tc.private && err != nil:
				t.Errorf("after %d redirects robots.txt allows all; fetch /private/x: %v", tc.hops, err)
			case !tc.private && !errors.Is(err, ErrRobotsDisallowed):
				t.Errorf("robots.txt read after %d redirects disallows /private/x; got %v", tc.hops, err)
			}
		})
	}
}

// TestRobotsRedirectToAnotherHost: www.host's robots.txt redirecting to
// host's is read from there, and the hop waits for that host's delay.
func TestRobotsRedirectToAnotherHost(t *testing.T) {
	const delay = 80 * time.Millisecond
	bare := robotsChain(t, 0)
	www := newLoggedServer(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.Redirect(w, r, bare.URL+"/robots.txt", http.StatusMovedPermanently)
			return
		}
		w.Write([]byte("<html><body>page</body></html>"))
	})
	f, _ := NewFetcher(context.Background(), fastTransport(delay, nil), FetcherOptions{Revisit: true})
	// The bare host was just asked for a page, after its own robots.txt.
	page, err := f.Fetch(bare.URL+"/page", nil)
	if err != nil {
		t.Fatal(err)
	}
	got, err := f.Fetch(www.URL+"/private/x", nil)
	if !errors.Is(err, ErrRobotsDisallowed) {
		t.Errorf("www's robots.txt, redirected to the bare host's, disallows /private/x; got %v", err)
	}
	bare.mu.Lock()
	defer bare.mu.Unlock()
	www.mu.Lock()
	defer www.mu.Unlock()
	if len(bare.starts["/robots.txt"]) != 2 {
		t.Fatalf("the bare host's robots.txt was asked for %d times, want twice (its own, then the hop)", len(bare.starts["/robots.txt"]))
	}
	// The gate's own request starts (the captures' times), not when the
	// server saw them: a loaded machine delays either in transit.
	var hop time.Time
	for _, ex := range got.Exchanges {
		if strings.HasPrefix(ex.Capture.URL, bare.URL) {
			hop = ex.Capture.Time
		}
	}
	if gap := hop.Sub(page.Final.Capture.Time); hop.IsZero() || gap < delay {
		t.Errorf("the hop to the other host started %s after that host's last request, want at least %s", gap, delay)
	}
	if n := len(www.starts["/private/x"]); n != 0 {
		t.Errorf("/private/x fetched %d times", n)
	}
}
