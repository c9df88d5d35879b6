package crawler

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/temoto/robotstxt"
)

// robotsRetry is how long a robots.txt that could not be read (a 5xx, a
// timeout) keeps its host closed before folio asks again. RFC 9309 §2.3.1.3:
// an unreachable robots.txt means "assume complete disallow", never "crawl
// freely".
const robotsRetry = time.Minute

// robotsCache holds the robots.txt of each host for the life of a Transport
// (one run).
type robotsCache struct {
	t  *Transport
	mu sync.Mutex
	by map[string]*robotsEntry // by scheme://host
}

type robotsEntry struct {
	ready chan struct{} // closed when fetched
	// status is what colly's own check is answered with: the status of
	// the file read (after redirects), 404 when there is none to read; 0
	// when unreachable.
	status  int
	body    []byte
	data    *robotstxt.RobotsData
	err     error // unreachable or 5xx: the host is closed until retryAt
	retryAt time.Time
}

func newRobotsCache(t *Transport) *robotsCache {
	return &robotsCache{t: t, by: map[string]*robotsEntry{}}
}

// get returns the host's robots.txt, fetching it once (concurrent callers
// wait for the same fetch). fetchID files the capture with the fetch that
// caused it.
func (rc *robotsCache) get(ctx context.Context, u *url.URL, fetchID string) *robotsEntry {
	key := u.Scheme + "://" + u.Host
	rc.mu.Lock()
	e := rc.by[key]
	if e != nil && e.err != nil && isClosed(e.ready) && time.Now().After(e.retryAt) {
		e = nil // an earlier failure has aged: ask again
	}
	if e == nil {
		e = &robotsEntry{ready: make(chan struct{})}
		rc.by[key] = e
		rc.mu.Unlock()
		rc.fetch(ctx, u, e, fetchID)
		close(e.ready)
		return e
	}
	rc.mu.Unlock()
	select {
	case <-e.ready:
	case <-ctx.Done():
		return &robotsEntry{err: ctx.Err()}
	}
	return e
}

func isClosed(ch chan struct{}) bool {
	select {
	case <-ch:
		return true
	default:
		return false
	}
}

// maxRobotsRedirects is how many redirects of a robots.txt are followed:
// RFC 9309 §2.3.1.2 asks for at least five. Beyond them robots.txt is taken
// to be unavailable, which, like a 4xx, allows all.
const maxRobotsRedirects = 5

func (rc *robotsCache) fetch(ctx context.Context, u *url.URL, e *robotsEntry, fetchID string) {
	ru := &url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/robots.txt"}
	origin := hostKey(ru.String())
	target := ru
	var ex *Exchange
	var err error
	for hop := 0; ; hop++ {
		// Every hop goes through the gate of the host it goes to, and is
		// stored with the fetch that caused it, like the first request.
		var req *http.Request
		if req, err = http.NewRequestWithContext(ctx, http.MethodGet, target.String(), nil); err != nil {
			e.err = err
			return
		}
		req.Header.Set("User-Agent", rc.t.opts.UserAgent)
		var exs []*Exchange
		exs, _, err = rc.t.do(req)
		for _, x := range exs {
			x.robots = true
			rc.t.file(fetchID, origin, x)
		}
		ex = exs[len(exs)-1]
		if err != nil || !isRedirect(ex.Capture.Status) {
			break
		}
		next := ex.Capture.RedirectTarget()
		if next == "" || hop == maxRobotsRedirects {
			// A redirect that cannot be followed (no Location, another
			// scheme), or the sixth in a row: robots.txt is unavailable.
			rc.t.log.Warn("robots.txt redirects too often or nowhere; treating it as absent (allow all)",
				"url", ru.String(), "hops", hop, "status", ex.Capture.Status, "location", ex.Capture.Header("Location"))
			e.status = http.StatusNotFound
			e.data, _ = robotstxt.FromStatusAndBytes(http.StatusNotFound, nil) // allow all
			break
		}
		if target, err = url.Parse(next); err != nil {
			e.err = err
			return
		}
	}
	status := ex.Capture.Status
	switch {
	case e.data != nil: // redirected away: decided above
	case errors.Is(err, context.Canceled):
		e.err = err // the run was stopped (Ctrl-C): nothing said of robots.txt
	case err != nil:
		e.err = fmt.Errorf("%w: %w", ErrRobotsUnavailable, err)
	case status == 0:
		e.err = ErrRobotsUnavailable
	case status >= 500, status == http.StatusTooManyRequests:
		// A 429 is "not now" like a 5xx, not "no robots.txt here".
		e.err = fmt.Errorf("%w: HTTP %d", ErrRobotsUnavailable, status)
	case status >= 400:
		e.status = status
		e.data, _ = robotstxt.FromStatusAndBytes(status, nil) // allow all
	case status >= 200 && status < 300:
		e.status = status
		e.body = decodeBody(ex.Payload, ex.Capture.Header("Content-Encoding"), 512<<10)
		data, perr := robotstxt.FromBytes(e.body)
		if perr != nil {
			// Unparseable lines are ignored, as Google's parser does; an
			// unreadable file allows all.
			rc.t.log.Warn("robots.txt does not parse; treating as allow-all", "url", ex.Capture.URL, "err", perr)
			data, _ = robotstxt.FromStatusAndBytes(404, nil)
		}
		e.data = data
	default: // another 3xx (300, 304, 305): nothing to follow, nothing read
		e.err = fmt.Errorf("%w: HTTP %d", ErrRobotsUnavailable, status)
	}
	if e.err != nil {
		e.retryAt = time.Now().Add(rc.t.opts.RobotsRetry)
		return
	}
	if g := e.data.FindGroup(rc.t.opts.UserAgent); g != nil && g.CrawlDelay > 0 {
		rc.t.gate.setCrawlDelay(u.Host, g.CrawlDelay)
		if g.CrawlDelay > time.Minute {
			rc.t.log.Warn("robots.txt asks for a long Crawl-delay", "host", u.Host, "delay", g.CrawlDelay)
		}
	}
}

// isRedirect: the statuses whose Location is followed.
func isRedirect(status int) bool {
	switch status {
	case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther,
		http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
		return true
	}
	return false
}

// allowed says whether robots.txt lets folio fetch u.
func (rc *robotsCache) allowed(ctx context.Context, u *url.URL, fetchID string) error {
	e := rc.get(ctx, u, fetchID)
	if e.err != nil {
		return e.err
	}
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	if u.RawQuery != "" {
		path += "?" + u.RawQuery
	}
	if !e.data.TestAgent(path, rc.t.opts.UserAgent) {
		return fmt.Errorf("%w: %s", ErrRobotsDisallowed, u)
	}
	return nil
}

// disallows says whether the robots.txt of u's host, read already in this
// run, keeps folio from u. It never fetches: a host not asked yet allows.
func (t *Transport) disallows(u string) bool {
	if t.opts.IgnoreRobots {
		return false
	}
	pu, err := url.Parse(u)
	if err != nil {
		return false
	}
	t.robots.mu.Lock()
	e := t.robots.by[pu.Scheme+"://"+pu.Host]
	t.robots.mu.Unlock()
	if e == nil || !isClosed(e.ready) || e.data == nil {
		return false
	}
	return errors.Is(t.robots.allowed(context.Background(), pu, ""), ErrRobotsDisallowed)
}

// Sitemaps returns the Sitemap: URLs of the hosts' robots.txt files read so far.
func (t *Transport) Sitemaps(host string) []string {
	t.robots.mu.Lock()
	defer t.robots.mu.Unlock()
	var out []string
	for key, e := range t.robots.by {
		if strings.HasSuffix(key, "://"+host) && isClosed(e.ready) && e.data != nil {
			out = append(out, e.data.Sitemaps...)
		}
	}
	return out
}

// response is what colly's own robots check receives: the cached file, or
// a 503 when the host's robots.txt is unreachable, so that colly refuses too.
func (e *robotsEntry) response(req *http.Request) *http.Response {
	status, body := e.status, e.body
	if e.err != nil {
		status, body = http.StatusServiceUnavailable, nil
	}
	if status == 0 {
		status = http.StatusNotFound
	}
	return &http.Response{
		StatusCode: status, Status: fmt.Sprintf("%d %s", status, http.StatusText(status)),
		Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: http.Header{"Content-Type": {"text/plain"}}, Request: req,
		Body: io.NopCloser(bytes.NewReader(body)), ContentLength: int64(len(body)),
	}
}
