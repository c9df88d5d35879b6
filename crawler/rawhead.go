package crawler

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"net"
	"strconv"
	"strings"
	"sync"
	"time"

	"folio/store"
)

// The raw response head. Go's client parses a response's head into a map:
// header names canonicalized (ETag becomes Etag), their order lost,
// Transfer-Encoding taken out. An archive keeps the status line and the
// header lines as received, so the Transport's connections are wrapped in a
// headConn, which keeps the bytes of each response head read on it; a
// fetch takes its own by the number of its request on the connection.
//
// TLS connections are made by folio (dialTLS) so that the wrapper sits on
// the decrypted side. HTTP/2 is not offered (ALPN http/1.1 only), so every
// response has a head on the wire. Where no head was recorded (a transport
// of a test, TLS through an HTTP proxy, a head over maxHead) the capture
// falls back to Go's parsed map.

// maxHead is the most bytes of a response head kept.
const maxHead = 1 << 20

// keptHeads is how many heads a connection remembers: enough for the
// requests that may reuse it before a fetch takes its own (--per-host).
const keptHeads = 8

// headConn records the response heads read on a connection.
type headConn struct {
	net.Conn

	mu      sync.Mutex
	written uint64 // requests written on the connection so far
	open    bool   // a request was written whose response head is not complete
	buf     []byte // the head being read
	skip    bool   // what is being read is no HTTP/1 head (TLS through a proxy)
	heads   [keptHeads]recordedHead
}

type recordedHead struct {
	n    uint64 // the number of the request it answers
	head []byte
}

func newHeadConn(c net.Conn) *headConn { return &headConn{Conn: c} }

// Write notes the start of a request: the first write after the last
// response head was read (or given up).
func (c *headConn) Write(p []byte) (int, error) {
	c.mu.Lock()
	if !c.open || c.skip {
		c.open = true
		c.written++
		c.buf, c.skip = c.buf[:0], false
	}
	c.mu.Unlock()
	return c.Conn.Write(p)
}

func (c *headConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	if n > 0 {
		c.record(p[:n])
	}
	return n, err
}

// record adds what was read to the head being read, until its empty line.
func (c *headConn) record(b []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for len(b) > 0 && c.open && !c.skip {
		from := max(len(c.buf)-2, 0)
		c.buf = append(c.buf, b...)
		b = nil
		// A head starts with HTTP/, as far as it has come: "\n\n" in two
		// reads is no head.
		if !bytes.HasPrefix(c.buf, []byte("HTTP/")[:min(len(c.buf), 5)]) || len(c.buf) > maxHead {
			c.skip = true
			return
		}
		end := headEnd(c.buf, from)
		if end < 0 {
			return
		}
		head := c.buf[:end:end]
		if rest := c.buf[end:]; len(rest) > 0 {
			b = bytes.Clone(rest) // the body, or the head after a 1xx
		}
		if informational(head) {
			// 100 Continue, 103 Early Hints: the final head follows.
			c.buf = nil
			continue
		}
		c.heads[c.written%keptHeads] = recordedHead{n: c.written, head: bytes.Clone(head)}
		c.buf, c.open = c.buf[:0], false
	}
}

// next is the number the next request written on the connection gets.
// Called when a request has the connection to itself (httptrace's
// GotConn), before it is written.
func (c *headConn) next() uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.written + 1
}

// head returns the response head of request n, nil if it was not recorded.
func (c *headConn) head(n uint64) []byte {
	c.mu.Lock()
	defer c.mu.Unlock()
	if h := c.heads[n%keptHeads]; h.n == n {
		return h.head
	}
	return nil
}

// headEnd returns the offset just past the empty line that ends the head
// in b, or -1; the search starts at from. Lines end in CRLF or, as
// lenient readers (Go's among them) accept, LF.
func headEnd(b []byte, from int) int {
	for i := from; i < len(b); i++ {
		if b[i] != '\n' {
			continue
		}
		switch {
		case i+1 < len(b) && b[i+1] == '\n':
			return i + 2
		case i+2 < len(b) && b[i+1] == '\r' && b[i+2] == '\n':
			return i + 3
		}
	}
	return -1
}

// informational says whether head is a 1xx other than 101 (after which
// the connection is no longer HTTP).
func informational(head []byte) bool {
	_, code, _, ok := statusLine(firstLine(head))
	return ok && code >= 100 && code < 200 && code != 101
}

func firstLine(head []byte) string {
	line, _, _ := bytes.Cut(head, []byte("\n"))
	return strings.TrimSuffix(string(line), "\r")
}

// statusLine splits "HTTP/1.1 200 OK" into "HTTP/1.1", 200 and "200 OK"
// (the status as net/http words it: the code and the reason as sent).
func statusLine(line string) (proto string, code int, status string, ok bool) {
	proto, rest, ok := strings.Cut(line, " ")
	if !ok || !strings.HasPrefix(proto, "HTTP/") {
		return "", 0, "", false
	}
	status = strings.TrimLeft(rest, " ")
	codeText, _, _ := strings.Cut(status, " ")
	code, err := strconv.Atoi(codeText)
	if err != nil || len(codeText) != 3 {
		return "", 0, "", false
	}
	return proto, code, status, true
}

// parseHead reads a recorded head: the protocol and status from its status
// line, its header fields in order and as spelt. ok is false when head is
// not the head of a response with that status code.
func parseHead(head []byte, code int) (proto, status string, fields []store.Field, ok bool) {
	lines := strings.Split(string(head), "\n")
	proto, got, status, ok := statusLine(strings.TrimSuffix(lines[0], "\r"))
	if !ok || got != code {
		return "", "", nil, false
	}
	fields = []store.Field{}
	for _, line := range lines[1:] {
		line = strings.TrimSuffix(line, "\r")
		switch {
		case line == "":
			continue
		case line[0] == ' ' || line[0] == '\t':
			// obs-fold: the line continues the field before (RFC 9112
			// §5.2 lets a recipient join it with a space).
			if len(fields) > 0 {
				f := &fields[len(fields)-1]
				f.Value = strings.TrimSpace(f.Value + " " + strings.Trim(line, " \t"))
			}
			continue
		}
		name, value, found := strings.Cut(line, ":")
		if !found || name == "" {
			continue // net/http would have refused it; nothing to keep
		}
		fields = append(fields, store.Field{Name: name, Value: strings.Trim(value, " \t")})
	}
	return proto, status, fields, true
}

// dialer makes the Transport's connections, wrapped to record response
// heads.
type dialer struct {
	net     *net.Dialer
	tls     *tls.Config // nil ServerName: the address's host
	timeout time.Duration
}

func newDialer(roots *x509.CertPool) *dialer {
	return &dialer{
		net: &net.Dialer{Timeout: 15 * time.Second, KeepAlive: 30 * time.Second},
		// Only HTTP/1.1 is offered: its heads are on the wire to record.
		tls:     &tls.Config{RootCAs: roots, NextProtos: []string{"http/1.1"}},
		timeout: 15 * time.Second,
	}
}

func (d *dialer) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	c, err := d.net.DialContext(ctx, network, addr)
	if err != nil {
		return nil, err
	}
	return newHeadConn(c), nil
}

// dialTLS connects and does the TLS handshake itself, so that the head
// recorder reads what TLS decrypted. The certificate is verified against
// the system's roots as net/http would.
func (d *dialer) dialTLS(ctx context.Context, network, addr string) (net.Conn, error) {
	raw, err := d.net.DialContext(ctx, network, addr)
	if err != nil {
		return nil, err
	}
	cfg := d.tls.Clone()
	if host, _, err := net.SplitHostPort(addr); err == nil {
		cfg.ServerName = host
	}
	tc := tls.Client(raw, cfg)
	hctx, cancel := context.WithTimeout(ctx, d.timeout)
	defer cancel()
	if err := tc.HandshakeContext(hctx); err != nil {
		raw.Close()
		return nil, err
	}
	return newHeadConn(tc), nil
}
