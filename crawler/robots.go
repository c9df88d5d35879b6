package crawler

import (
	"bytes"
	"context"
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
	ready   chan struct{} // closed when fetched
	status  int           // 0 when unreachable
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

func (rc *robotsCache) fetch(ctx context.Context, u *url.URL, e *robotsEntry, fetchID string) {
	ru := &url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/robots.txt"}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, ru.String(), nil)
	if err != nil {
		e.err = err
		return
	}
	req.Header.Set("User-Agent", rc.t.opts.UserAgent)
	exs, _, err := rc.t.do(req)
	for _, x := range exs {
		rc.t.file(fetchID, hostKey(u.String()), x)
	}
	ex := exs[len(exs)-1]
	status := ex.Capture.Status
	e.status = status
	switch {
	case err != nil:
		e.err = fmt.Errorf("%w: %w", ErrRobotsUnavailable, err)
	case status == 0:
		e.err = ErrRobotsUnavailable
	case status >= 500, status == http.StatusTooManyRequests:
		// A 429 is "not now" like a 5xx, not "no robots.txt here".
		e.err = fmt.Errorf("%w: HTTP %d", ErrRobotsUnavailable, status)
	case status >= 400:
		e.data, _ = robotstxt.FromStatusAndBytes(status, nil) // allow all
	case status >= 200 && status < 300:
		e.body = decodeBody(ex.Payload, ex.Capture.Header("Content-Encoding"), 512<<10)
		data, perr := robotstxt.FromBytes(e.body)
		if perr != nil {
			// Unparseable lines are ignored, as Google's parser does; an
			// unreadable file allows all.
			rc.t.log.Warn("robots.txt does not parse; treating as allow-all", "url", ru.String(), "err", perr)
			data, _ = robotstxt.FromStatusAndBytes(404, nil)
		}
		e.data = data
	default: // 3xx not followed by the client: treat as unavailable
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
