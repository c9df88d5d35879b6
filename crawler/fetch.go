package crawler

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/gocolly/colly/v2"
	"github.com/gocolly/colly/v2/storage"

	"folio/extract"
)

// Version is folio's version, named in the User-Agent and in exports.
const Version = "0.1.0"

// DefaultUserAgent names folio, its version and where to read about it, so
// that a site's operator can find out who is fetching and why.
const DefaultUserAgent = "folio/" + Version + " (+https://github.com/folio-archive/folio; web archiving)"

const ctxFetchKey = "folio-fetch"

// Fetcher fetches single URLs through colly and the Transport, and returns
// every exchange each fetch made.
type Fetcher struct {
	c   *colly.Collector
	t   *Transport
	seq atomic.Uint64
	// forget drops a URL from colly's visited set, when the storage can.
	forget func(u string)
	// visited says whether colly's visited set holds a URL: fetched
	// already in this run.
	visited func(u string) bool
	follow  func(from, to *url.URL) bool // FetcherOptions.FollowRedirect

	// inFlight holds the URLs being fetched, each with a channel closed
	// when every fetch of it going on has returned: another article's
	// fetch of the same file, refused by colly as visited, waits for it
	// (InFlight).
	mu       sync.Mutex
	inFlight map[string]*flight
}

type flight struct {
	n    int // fetches of the URL going on
	done chan struct{}
}

// InFlight returns a channel closed when the fetches of u going on now
// have returned; nil when none is.
func (f *Fetcher) InFlight(u string) <-chan struct{} {
	u, _, _ = strings.Cut(u, "#")
	f.mu.Lock()
	defer f.mu.Unlock()
	if fl := f.inFlight[u]; fl != nil {
		return fl.done
	}
	return nil
}

// flying marks u as being fetched until the returned func is called.
func (f *Fetcher) flying(u string) (landed func()) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.inFlight == nil {
		f.inFlight = map[string]*flight{}
	}
	fl := f.inFlight[u]
	if fl == nil {
		fl = &flight{done: make(chan struct{})}
		f.inFlight[u] = fl
	}
	fl.n++
	return func() {
		f.mu.Lock()
		defer f.mu.Unlock()
		if fl.n--; fl.n == 0 {
			delete(f.inFlight, u)
			close(fl.done)
		}
	}
}

// FetcherOptions configure NewFetcher.
type FetcherOptions struct {
	// Storage is colly's visited-URL and cookie storage; nil means colly's
	// in-memory storage. A crawl passes a store-backed one so that a
	// resumed run does not fetch again what it already has.
	Storage storage.Storage
	// Revisit lets the same URL be fetched more than once per Fetcher.
	Revisit bool
	// FollowRedirect says whether a fetch of from may follow a redirect to
	// to; nil follows any http(s) redirect. A crawl keeps to its scope.
	FollowRedirect func(from, to *url.URL) bool
}

// NewFetcher returns a Fetcher whose requests go through t. ctx bounds every
// request it makes.
func NewFetcher(ctx context.Context, t *Transport, opts FetcherOptions) (*Fetcher, error) {
	// A bare Collector and Init rather than colly.NewCollector: the latter
	// lets COLLY_* environment variables override what folio sets.
	c := &colly.Collector{}
	c.Init()
	c.Context = ctx
	t.bind(ctx)
	c.UserAgent = t.opts.UserAgent
	// colly's check runs too, served from the Transport's cache; with
	// --ignore-robots neither asks for robots.txt.
	c.IgnoreRobotsTxt = t.opts.IgnoreRobots
	c.ParseHTTPErrorResponse = true
	c.MaxBodySize = 0 // the Transport bounds bodies and records the cut
	c.AllowURLRevisit = opts.Revisit
	c.WithTransport(t)
	c.SetRequestTimeout(0) // deadlines are per attempt, in the Transport
	f := &Fetcher{c: c, t: t, forget: func(string) {}, visited: func(string) bool { return false }, follow: opts.FollowRedirect}
	c.SetRedirectHandler(f.checkRedirect)
	if opts.Storage != nil {
		if err := c.SetStorage(opts.Storage); err != nil {
			return nil, fmt.Errorf("crawler: colly storage: %w", err)
		}
		if fs, ok := opts.Storage.(interface{ forget(string) }); ok {
			f.forget = fs.forget
		}
		if vs, ok := opts.Storage.(interface{ has(string) bool }); ok {
			f.visited = vs.has
		}
	}
	c.OnRequest(func(r *colly.Request) {
		r.Headers.Set(fetchHeader, r.Ctx.Get(ctxFetchKey))
	})
	return f, nil
}

// maxRedirects is the most redirect hops one fetch follows.
const maxRedirects = 10

// checkRedirect refuses redirects to anything but http(s), and chains of
// more than maxRedirects hops (loops end there too). via holds the requests
// made so far: the first and one per hop followed.
//
// colly marks a redirect's target visited before it asks this check; a
// target refused here was not fetched, so the mark is taken back (a link to
// it elsewhere must still be fetched), as are those of the hops of a chain
// refused for its length.
func (f *Fetcher) checkRedirect(req *http.Request, via []*http.Request) error {
	// Location: \news\1.html goes where a browser goes, /news/1.html.
	if req.Response != nil && len(via) > 0 {
		if loc := req.Response.Header.Get("Location"); loc != extract.BackslashesAsSlashes(loc) {
			if u, err := via[len(via)-1].URL.Parse(extract.BackslashesAsSlashes(loc)); err == nil {
				f.forget(req.URL.String())
				req.URL, req.Host = u, ""
			}
		}
	}
	err := checkRedirect(req, via)
	if err == nil && f.follow != nil && !f.follow(via[0].URL, req.URL) {
		err = fmt.Errorf("%w: %s redirects to %s", ErrRedirectOutOfScope, via[0].URL.Redacted(), req.URL.Redacted())
	}
	if err != nil {
		f.forget(req.URL.String())
	}
	if errors.Is(err, ErrRedirect) {
		// The chain failed as a whole; its hops are not fetched pages of
		// their own: a link to one elsewhere, fewer hops from the end,
		// must still be fetched.
		for _, r := range via[1:] {
			f.forget(r.URL.String())
		}
	}
	return err
}

func checkRedirect(req *http.Request, via []*http.Request) error {
	if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
		return fmt.Errorf("%w: redirect to %s", ErrScheme, req.URL.Redacted())
	}
	// A URL met again is not a loop yet: a server may set a cookie and
	// send the browser back to the same URL, which then answers. Only
	// past the hop limit is a repeated URL named as the loop it was.
	if len(via) > maxRedirects {
		for _, r := range via {
			if r.URL.String() == req.URL.String() {
				return fmt.Errorf("%w: a redirect loop through %s", ErrRedirect, req.URL.Redacted())
			}
		}
		return fmt.Errorf("%w: more than %d", ErrRedirect, maxRedirects)
	}
	return nil
}

// Fetched is what one fetch brought back.
type Fetched struct {
	URL       string      // as requested
	Exchanges []*Exchange // in order: robots.txt if read now, redirect hops, the page
	// Final is the last exchange: the page's own response (or failure).
	Final *Exchange
	// Body is Final's payload with its content-encoding undone, for reading.
	// BodyCut: it stops at --max-body, the payload decoding to more.
	Body    []byte
	BodyCut bool
	// Stored: answered from a capture stored earlier in this run
	// (Archiver.fetch), not fetched now; Exchanges holds only the
	// redirect hops made now on the way to it, if any.
	Stored bool
}

// FinalURL is the URL the page was finally fetched from, after redirects.
func (f *Fetched) FinalURL() string {
	if f.Final != nil {
		return f.Final.Capture.URL
	}
	return f.URL
}

// Status is the final HTTP status, 0 if there was no response.
func (f *Fetched) Status() int {
	if f.Final != nil {
		return f.Final.Capture.Status
	}
	return 0
}

// Fetch GETs u. extra headers (conditional-request validators) are added to
// folio's usual ones. The error is non-nil when no usable response came
// back; exchanges made on the way are returned with it.
func (f *Fetcher) Fetch(u string, extra http.Header) (*Fetched, error) {
	// A fragment is never sent: the capture is of the URL without it, as
	// the WARC-Target-URI must be.
	u, _, _ = strings.Cut(u, "#")
	defer f.flying(u)()
	id := strconv.FormatUint(f.seq.Add(1), 10)
	cctx := colly.NewContext()
	cctx.Put(ctxFetchKey, id)
	hdr := http.Header{
		"Accept":          {"text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"},
		"Accept-Language": {"zh-CN,zh;q=0.9,en;q=0.8"},
		"User-Agent":      {f.t.opts.UserAgent},
	}
	for k, v := range extra {
		hdr[k] = v
	}
	err := f.c.Request(http.MethodGet, u, nil, cctx, hdr)
	res := &Fetched{URL: u, Exchanges: append(f.t.takeOrphans(hostKey(u)), f.t.take(id)...)}
	for i := len(res.Exchanges) - 1; i >= 0; i-- {
		if !isRobotsCapture(res.Exchanges[i]) {
			res.Final = res.Exchanges[i]
			break
		}
	}
	if err != nil {
		return res, fetchError(u, err)
	}
	if res.Final == nil {
		return res, fmt.Errorf("%s: no response recorded", u)
	}
	var derr error
	res.Body, res.BodyCut, derr = decodeLimited(res.Final.Payload, res.Final.Capture.Header("Content-Encoding"), f.t.opts.MaxBody)
	if derr != nil && res.Final.Capture.Truncated == "" {
		// (A body cut by a limit breaks off there by itself.)
		return res, fmt.Errorf("%s: %w", u, derr)
	}
	return res, nil
}

func isRobotsCapture(ex *Exchange) bool { return ex.robots }

// fetchError words a fetch failure as one line naming the URL.
func fetchError(u string, err error) error {
	if errors.Is(err, colly.ErrRobotsTxtBlocked) {
		err = ErrRobotsDisallowed
	}
	// net/url's error repeats the method and URL; folio names the URL once.
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return fmt.Errorf("%s: %w", u, err)
}

// MaxBody is the most bytes of a body this Fetcher keeps (--max-body).
func (f *Fetcher) MaxBody() int64 { return f.t.opts.MaxBody }

// Disallows says whether robots.txt keeps folio from u.
func (f *Fetcher) Disallows(u string) bool { return f.t.disallows(u) }

// Forget lets u be fetched again in this run (colly refuses a URL it
// fetched already).
func (f *Fetcher) Forget(u string) { f.forget(u) }

// Visited says whether u was fetched already in this crawl run.
func (f *Fetcher) Visited(u string) bool { return f.visited(u) }
