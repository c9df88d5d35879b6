package crawler

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"folio/store"
)

// fetchHeader carries a fetch's id from colly's OnRequest to the Transport,
// which strips it before sending. Go's client copies it onto redirect hops,
// so every exchange of one fetch is filed under its id.
const fetchHeader = "X-Folio-Fetch"

// Exchange is one HTTP request and its response (or failure), as it went
// over the wire.
type Exchange struct {
	Capture store.Capture
	Payload []byte // the body exactly as received, content-encoding kept
	Err     error  // transport failure; Capture.Error says the same
	robots  bool   // a request for robots.txt (or one of its redirects)
	// stale: failed, without an answer, on a kept-alive connection (one the
	// server or a firewall may have dropped while it was idle).
	stale bool
}

// TransportOptions configure a Transport; zero fields take the defaults.
type TransportOptions struct {
	UserAgent    string        // "" means DefaultUserAgent
	Delay        time.Duration // between request starts per host; 0 is allowed (no delay)
	PerHost      int           // requests in flight per host; 0 means 1
	Timeout      time.Duration // per attempt, body included; 0 means 30s
	MaxBody      int64         // bytes kept of a body; 0 means 20 MiB
	Retries      int           // extra attempts after a failure; <0 means none, 0 means 3
	MaxPause     time.Duration // longest Retry-After honoured before giving up; 0 means 10m
	Backoff      time.Duration // wait before the first retry, doubling after; 0 means 1s
	IgnoreRobots bool
	// RobotsRetry is how long a host whose robots.txt could not be read
	// (5xx, timeout) stays closed before folio asks again; 0 means 1m.
	RobotsRetry time.Duration
	Logger      *slog.Logger
	// Base is the transport that does the network I/O; nil means a fresh
	// *http.Transport with folio's timeouts whose connections record each
	// response head as received. Tests put fault injectors here (their
	// captures list the headers as Go parsed them).
	Base http.RoundTripper

	// roots replaces the system's roots in verifying certificates (tests:
	// httptest's own). nil: the system's.
	roots *x509.CertPool
}

const (
	defaultTimeout  = 30 * time.Second
	defaultMaxBody  = 20 << 20
	defaultRetries  = 3
	defaultMaxPause = 10 * time.Minute
	baseBackoff     = time.Second
)

// Transport is the RoundTripper every folio request goes through.
type Transport struct {
	opts   TransportOptions
	base   http.RoundTripper
	gate   *gate
	robots *robotsCache
	log    *slog.Logger

	requests atomic.Int64 // exchanges sent, robots.txt and redirect hops included

	mu        sync.Mutex
	exchanges map[string][]*Exchange // by fetch id
	// orphans are exchanges made without a fetch id — colly's own
	// robots.txt request, made before the fetch's first request — by host;
	// the next fetch from that host takes them.
	orphans map[string][]*Exchange

	// stop ends the waits of requests that carry no context of their own
	// (colly's robots.txt request): the run's, set by NewFetcher.
	stop atomic.Pointer[context.Context]
}

// bind makes ctx end the waits of requests that carry no context.
func (t *Transport) bind(ctx context.Context) {
	if ctx != nil {
		t.stop.Store(&ctx)
	}
}

// Requests is the number of HTTP requests sent so far.
func (t *Transport) Requests() int64 { return t.requests.Load() }

// HostStates reports the politeness state of every host seen so far.
func (t *Transport) HostStates() []HostState { return t.gate.states() }

// Pace returns the hosts' pacing now, for the next run to keep to
// (final: no request will start after it).
func (t *Transport) Pace(final bool) Pace { return t.gate.pace(final) }

// Resume paces the hosts as an earlier run left them. With
// --ignore-robots the Crawl-delay it kept to is not this run's.
func (t *Transport) Resume(p Pace) { t.gate.resume(p, t.opts.IgnoreRobots) }

// SetHostDelay gives host its own delay between request starts in place of
// TransportOptions.Delay (robots.txt's Crawl-delay still wins when longer).
func (t *Transport) SetHostDelay(host string, d time.Duration) { t.gate.setHostDelay(host, d) }

// NewTransport returns a Transport with opts.
func NewTransport(opts TransportOptions) *Transport {
	if opts.Timeout <= 0 {
		opts.Timeout = defaultTimeout
	}
	if opts.MaxBody <= 0 {
		opts.MaxBody = defaultMaxBody
	}
	switch {
	case opts.Retries == 0:
		opts.Retries = defaultRetries
	case opts.Retries < 0:
		opts.Retries = 0
	}
	if opts.MaxPause <= 0 {
		opts.MaxPause = defaultMaxPause
	}
	if opts.Backoff <= 0 {
		opts.Backoff = baseBackoff
	}
	if opts.RobotsRetry <= 0 {
		opts.RobotsRetry = robotsRetry
	}
	if opts.PerHost <= 0 {
		opts.PerHost = 1
	}
	if opts.UserAgent == "" {
		opts.UserAgent = DefaultUserAgent
	}
	t := &Transport{
		opts:      opts,
		base:      opts.Base,
		gate:      newGate(opts.Delay, opts.PerHost),
		log:       opts.Logger,
		exchanges: map[string][]*Exchange{},
		orphans:   map[string][]*Exchange{},
	}
	if t.log == nil {
		t.log = slog.New(slog.DiscardHandler)
	}
	if t.base == nil {
		d := newDialer(opts.roots)
		t.base = &http.Transport{
			Proxy:       http.ProxyFromEnvironment,
			DialContext: d.dial,
			// folio's own TLS, so that response heads are read decrypted;
			// HTTP/2 is not offered. TLSClientConfig serves TLS through a
			// proxy (CONNECT), whose heads are not recorded.
			DialTLSContext:        d.dialTLS,
			TLSClientConfig:       d.tls,
			TLSHandshakeTimeout:   15 * time.Second,
			MaxIdleConnsPerHost:   opts.PerHost,
			MaxConnsPerHost:       opts.PerHost + 1, // +1: robots.txt may overlap a page
			IdleConnTimeout:       90 * time.Second,
			DisableCompression:    true, // keep bodies as sent; folio decodes them itself
			ResponseHeaderTimeout: opts.Timeout,
		}
	}
	t.robots = newRobotsCache(t)
	return t
}

// take returns and forgets the exchanges filed under a fetch id.
func (t *Transport) take(id string) []*Exchange {
	t.mu.Lock()
	defer t.mu.Unlock()
	ex := t.exchanges[id]
	delete(t.exchanges, id)
	return ex
}

// file keeps an exchange for the fetch id made it; one made without a
// fetch id is kept for the next fetch from host.
func (t *Transport) file(id, host string, ex *Exchange) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if id == "" {
		t.orphans[host] = append(t.orphans[host], ex)
		return
	}
	t.exchanges[id] = append(t.exchanges[id], ex)
}

// takeOrphans returns and forgets the exchanges made for host without a
// fetch id.
func (t *Transport) takeOrphans(host string) []*Exchange {
	t.mu.Lock()
	defer t.mu.Unlock()
	ex := t.orphans[host]
	delete(t.orphans, host)
	return ex
}

// RoundTrip implements http.RoundTripper.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	id := req.Header.Get(fetchHeader)
	req = req.Clone(req.Context())
	req.Header.Del(fetchHeader)
	if req.Response != nil {
		// A redirect hop: the stored validators were the first URL's, and
		// the page the redirect leads to is another resource, which may
		// carry the same ETag by chance (a column renamed, its files
		// copied) and answer 304 for a body never stored under its URL.
		req.Header.Del("If-None-Match")
		req.Header.Del("If-Modified-Since")
	}
	if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
		return nil, fmt.Errorf("%w: %s", ErrScheme, req.URL.Scheme)
	}

	if isRobotsURL(req) {
		// colly's own robots check: answer from the cache, fetching once.
		entry := t.robots.get(req.Context(), req.URL, id)
		return entry.response(req), nil
	}
	if !t.opts.IgnoreRobots {
		if err := t.robots.allowed(req.Context(), req.URL, id); err != nil {
			return nil, err
		}
	}
	exs, resp, err := t.do(req)
	for _, ex := range exs {
		t.file(id, hostKey(req.URL.String()), ex)
	}
	return resp, err
}

func isRobotsURL(req *http.Request) bool {
	return req.Method == http.MethodGet && req.URL.Path == "/robots.txt" && req.URL.RawQuery == ""
}

// do performs one request with retries and politeness, and returns every
// attempt made, in order (the last is the one that counts), and the response
// handed to the client (headers only: colly never sees the body). Each
// attempt is a capture of its own: the 503 a server sent before the 200 is
// archived as sent, as Heritrix does, and the fetch count and the captures
// agree.
func (t *Transport) do(req *http.Request) ([]*Exchange, *http.Response, error) {
	if req.Header.Get("User-Agent") == "" {
		req.Header.Set("User-Agent", t.opts.UserAgent)
	}
	if req.Header.Get("Accept-Encoding") == "" {
		req.Header.Set("Accept-Encoding", "gzip, deflate")
	}
	host := req.URL.Host
	var exs []*Exchange
	var ex *Exchange
	staleRetried := false
	for attempt := 0; ; attempt++ {
		ex = t.attempt(req)
		exs = append(exs, ex)
		if ex.Err != nil && errors.Is(ex.Err, context.Canceled) {
			return exs, nil, ex.Err
		}
		if ex.stale && !staleRetried {
			// A kept-alive connection dropped while idle: sent again
			// once on a new one, at the delay, as no retry of its own
			// (Go would re-send it at once, past the gate).
			staleRetried = true
			attempt--
			continue
		}
		retry, wait := t.shouldRetry(ex, attempt, host)
		if !retry {
			break
		}
		t.log.Info("retrying", "url", req.URL.String(), "status", ex.Capture.Status, "err", ex.Err, "wait", wait)
		// The wait holds for the whole host: other requests to it wait too.
		t.gate.pause(host, time.Now().Add(wait))
	}
	if ex.Err != nil {
		return exs, nil, ex.Err
	}
	return exs, t.headersOnly(req, ex), nil
}

// HostPaused says whether u's host is left for the night: a Retry-After
// longer than --max-pause paused it.
func (t *Transport) HostPaused(u string) bool {
	pu, err := url.Parse(u)
	return err == nil && t.gate.pausedBeyond(pu.Host, t.opts.MaxPause)
}

// shouldRetry decides whether to try again, and after how long.
func (t *Transport) shouldRetry(ex *Exchange, attempt int, host string) (bool, time.Duration) {
	throttled := ex.Err == nil && (ex.Capture.Status == http.StatusTooManyRequests || ex.Capture.Status == http.StatusServiceUnavailable)
	var ra time.Duration
	hasRA := false
	if throttled {
		if ra, hasRA = retryAfter(ex.Capture.Header("Retry-After"), time.Now()); hasRA && ra > t.opts.MaxPause {
			// Come back another night; meanwhile the whole host is left
			// alone (its requests fail with ErrHostPaused), retries or none.
			t.gate.pause(host, time.Now().Add(ra))
			return false, 0
		}
	}
	if attempt >= t.opts.Retries {
		return false, 0
	}
	backoff := t.opts.Backoff << attempt
	if ex.Err != nil {
		if errors.Is(ex.Err, ErrScheme) || errors.Is(ex.Err, ErrRedirect) || errors.Is(ex.Err, ErrHostPaused) || isPermanent(ex.Err) {
			return false, 0
		}
		return true, backoff
	}
	if throttled && hasRA {
		return true, max(ra, backoff/2) // within --max-pause (above)
	}
	switch ex.Capture.Status {
	case http.StatusTooManyRequests, http.StatusServiceUnavailable:
		return true, backoff
	case http.StatusBadGateway, http.StatusGatewayTimeout, http.StatusInternalServerError:
		return true, backoff
	}
	return false, 0
}

// isPermanent: errors that the same request will meet again: a host name
// that does not resolve, a certificate that does not verify, a server that
// does not speak TLS or refuses the handshake.
func isPermanent(err error) bool {
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) && dnsErr.IsNotFound {
		return true
	}
	var (
		verify    *tls.CertificateVerificationError
		authority x509.UnknownAuthorityError
		hostname  x509.HostnameError
		invalid   x509.CertificateInvalidError
		header    tls.RecordHeaderError
		alert     tls.AlertError
		opErr     *net.OpError
	)
	switch {
	case errors.As(err, &verify), errors.As(err, &authority), errors.As(err, &hostname),
		errors.As(err, &invalid), errors.As(err, &header), errors.As(err, &alert):
		return true
	case errors.Is(err, http.ErrSchemeMismatch):
		// http.Client's word for a RecordHeaderError that reads "HTTP/".
		return true
	case errors.As(err, &opErr) && opErr.Op == "remote error":
		// An alert the server sent: over TCP crypto/tls reports it as a
		// *net.OpError of this Op around an unexported alert type
		// (tls.AlertError wraps alerts only on QUIC).
		return true
	}
	return false
}

// retryAfter reads a Retry-After header: seconds or an HTTP date.
func retryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if s, err := strconv.ParseInt(v, 10, 64); err == nil && s >= 0 {
		// Seconds beyond what a Duration holds (a year is plenty: such a
		// host is left alone for the night anyway).
		const longest = 365 * 24 * 3600
		return time.Duration(min(s, longest)) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

// attempt sends the request once through the host's gate and reads the
// body within the per-attempt deadline.
func (t *Transport) attempt(req *http.Request) *Exchange {
	ex := &Exchange{Capture: store.Capture{URL: req.URL.String(), Method: req.Method}}
	ctx := req.Context()
	if ctx.Done() == nil { // (Ctrl-C ends a wait for robots.txt too)
		if stop := t.stop.Load(); stop != nil {
			ctx = *stop
		}
	}
	start, release, err := t.gate.acquire(ctx, req.URL.Host, t.opts.MaxPause)
	if err != nil {
		ex.Err = err
		ex.Capture.Error = err.Error()
		return ex
	}
	defer release()

	ctx, cancel := context.WithTimeout(req.Context(), t.opts.Timeout)
	defer cancel()
	// The connection the request went over, and the number of the request
	// on it: its response head is read back from there.
	var conn *headConn
	var nth uint64
	reused := false
	trace := &httptrace.ClientTrace{GotConn: func(info httptrace.GotConnInfo) {
		reused = info.Reused
		if addr, ok := info.Conn.RemoteAddr().(*net.TCPAddr); ok {
			ex.Capture.IP = addr.IP.String()
		}
		conn, _ = info.Conn.(*headConn)
		if conn != nil {
			nth = conn.next()
		}
	}, WroteHeaders: func() {
		// The delay holds between the requests as sent: work between the
		// gate and the wire (a dial, a busy machine) must not shorten it.
		t.gate.sent(req.URL.Host)
	}}
	areq := req.WithContext(httptrace.WithClientTrace(ctx, trace))
	if areq.Body == nil || areq.Body == http.NoBody {
		// Go's Transport sends a request again at once, past the gate,
		// when the kept-alive connection it went over fails; it never
		// does for a request with a body and no GetBody (net/http:
		// Transport). A GET's empty body is not sent, and folio's own
		// retries wait their turn and are captured.
		areq.Body = io.NopCloser(strings.NewReader(""))
	}
	ex.Capture.Time = start.UTC() // the start the gate reserved (the delay counts from the send, if later: WroteHeaders)
	ex.Capture.RequestHeaders = requestFields(areq)
	t.requests.Add(1)

	resp, err := t.base.RoundTrip(areq)
	if err != nil {
		// (A dropped connection fails at once, with an EOF or a reset;
		// not with a timeout, whoever's timer fired first.)
		ex.stale = reused && ctx.Err() == nil && (errors.Is(err, io.EOF) || errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE))
		ex.Err = t.plain(ctx, err)
		if errors.Is(err, io.EOF) {
			// Go's word for a connection closed before any answer.
			ex.Err = &wireError{"connection closed by the server without an answer", err}
		}
		ex.Capture.Error = ex.Err.Error()
		return ex
	}
	defer resp.Body.Close()
	c := &ex.Capture
	c.Proto = resp.Proto
	c.Status = resp.StatusCode
	c.StatusText = resp.Status
	c.ResponseHeaders = responseFields(resp)
	if conn != nil {
		// The head as received, when the connection recorded it.
		if proto, status, fields, ok := parseHead(conn.head(nth), resp.StatusCode); ok {
			c.Proto, c.StatusText, c.ResponseHeaders = proto, status, fields
		}
	}

	// Read one byte past the limit to know whether the body was cut.
	body, err := io.ReadAll(io.LimitReader(resp.Body, t.opts.MaxBody+1))
	if int64(len(body)) > t.opts.MaxBody {
		body = body[:t.opts.MaxBody]
		c.Truncated = "length"
	}
	ex.Payload = body
	if err != nil {
		c.Truncated = "disconnect"
		if ctx.Err() != nil {
			c.Truncated = "time"
			err = fmt.Errorf("no complete response within %s (--timeout)", t.opts.Timeout)
		} else {
			err = t.plain(ctx, err)
		}
		ex.Err = fmt.Errorf("reading body: %w", err)
		c.Error = ex.Err.Error()
	}
	return ex
}

// wireError is a transport failure in plain words, its cause kept for
// errors.Is and errors.As.
type wireError struct {
	msg string
	err error
}

func (e *wireError) Error() string { return e.msg }
func (e *wireError) Unwrap() error { return e.err }

// plain words a failed round trip for the one-line message that names the
// URL: a deadline says how long folio waited, and a network error loses the
// addresses net.OpError puts before its cause ("dial tcp 10.0.0.1:80:
// connect: connection refused" is "connect: connection refused").
func (t *Transport) plain(ctx context.Context, err error) error {
	var ne net.Error
	var op *net.OpError
	switch {
	case errors.Is(err, context.Canceled):
		return err
	case errors.Is(ctx.Err(), context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return &wireError{fmt.Sprintf("no response within %s (--timeout)", t.opts.Timeout), err}
	case errors.As(err, &op) && op.Err != nil:
		return &wireError{op.Err.Error(), err}
	}
	return err
}

// headersOnly is the response colly gets: status and headers, an empty
// body; the payload stays in the Exchange.
func (t *Transport) headersOnly(req *http.Request, ex *Exchange) *http.Response {
	h := http.Header{}
	for _, f := range ex.Capture.ResponseHeaders {
		h.Add(f.Name, f.Value)
	}
	h.Del("Content-Encoding") // colly must not try to gunzip an empty body
	h.Del("Transfer-Encoding")
	return &http.Response{
		Status: ex.Capture.StatusText, StatusCode: ex.Capture.Status,
		Proto: ex.Capture.Proto, ProtoMajor: 1, ProtoMinor: 1,
		Header: h, Body: io.NopCloser(bytes.NewReader(nil)), ContentLength: 0,
		Request: req, Uncompressed: true,
	}
}

// requestFields lists the request headers as sent, Host first.
func requestFields(req *http.Request) []store.Field {
	host := req.Host
	if host == "" {
		host = req.URL.Host
	}
	fields := []store.Field{{Name: "Host", Value: host}}
	for _, name := range sortedKeys(req.Header) {
		for _, v := range req.Header[name] {
			fields = append(fields, store.Field{Name: name, Value: v})
		}
	}
	return fields
}

// responseFields lists the response headers as Go parsed them, for a
// response whose head was not recorded: names canonicalized, in
// alphabetical order. Go parses Transfer-Encoding out of the header map;
// it is put back so the capture says what the server sent (the WARC export
// drops it with the chunking).
func responseFields(resp *http.Response) []store.Field {
	var fields []store.Field
	for _, name := range sortedKeys(resp.Header) {
		for _, v := range resp.Header[name] {
			fields = append(fields, store.Field{Name: name, Value: v})
		}
	}
	if len(resp.TransferEncoding) > 0 {
		fields = append(fields, store.Field{Name: "Transfer-Encoding", Value: strings.Join(resp.TransferEncoding, ", ")})
	}
	return fields
}

func sortedKeys(h http.Header) []string {
	return slices.Sorted(maps.Keys(h))
}
