package crawler

import (
	"bufio"
	"context"
	"crypto/x509"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"

	"folio/store"
)

// rawHead is a response head as a server wrote it: its header lines in no
// order net/http would choose, spelt as no canonicalization would.
func rawHead(path string) []store.Field {
	return []store.Field{
		{Name: "Server", Value: "nginx/1.18"},
		{Name: "ETag", Value: `"5f2a-1b"`},
		{Name: "content-type", Value: "text/html; charset=utf-8"},
		{Name: "X-Path", Value: path},
		{Name: "Set-Cookie", Value: "a=1"},
		{Name: "WWW-Authenticate", Value: "none"},
		{Name: "Set-Cookie", Value: "b=2"},
		{Name: "Transfer-Encoding", Value: "chunked"},
	}
}

// rawHandler answers every request on a connection with rawHead, a
// chunked body, and (for /hints) a 103 Early Hints first. It keeps the
// connection for the next request, so that heads of several requests on
// one connection are told apart.
func rawHandler(t *testing.T) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		conn, brw, err := http.NewResponseController(w).Hijack()
		if err != nil {
			t.Error(err)
			return
		}
		defer conn.Close()
		for req := r; ; {
			if req.URL.Path == "/hints" {
				brw.WriteString("HTTP/1.1 103 Early Hints\r\nLink: </s.css>; rel=preload\r\n\r\n")
			}
			brw.WriteString("HTTP/1.1 200 Fine\r\n")
			for _, f := range rawHead(req.URL.Path) {
				fmt.Fprintf(brw, "%s: %s\r\n", f.Name, f.Value)
			}
			brw.WriteString("\r\n5\r\nhello\r\n0\r\n\r\n")
			if brw.Flush() != nil {
				return
			}
			if req, err = http.ReadRequest(brw.Reader); err != nil {
				return
			}
			io.Copy(io.Discard, req.Body)
		}
	}
}

// TestResponseHeadsAsReceived: a capture keeps the status line and the
// header lines as the server sent them (order, spelling, repeats,
// Transfer-Encoding), over plain HTTP and over TLS, for each of several
// requests on one kept-alive connection.
func TestResponseHeadsAsReceived(t *testing.T) {
	for _, tls := range []bool{false, true} {
		t.Run(map[bool]string{false: "http", true: "https"}[tls], func(t *testing.T) {
			var srv *httptest.Server
			var roots *x509.CertPool
			if tls {
				srv = httptest.NewTLSServer(rawHandler(t))
				roots = x509.NewCertPool()
				roots.AddCert(srv.Certificate())
			} else {
				srv = httptest.NewServer(rawHandler(t))
			}
			t.Cleanup(srv.Close)
			tr := fastTransport(0, func(o *TransportOptions) { o.IgnoreRobots = true; o.roots = roots })
			f, err := NewFetcher(context.Background(), tr, FetcherOptions{Revisit: true})
			if err != nil {
				t.Fatal(err)
			}
			for _, path := range []string{"/a", "/b", "/hints", "/a"} {
				got, err := f.Fetch(srv.URL+path, nil)
				if err != nil {
					t.Fatalf("fetch %s: %v", path, err)
				}
				c := got.Final.Capture
				if c.Proto != "HTTP/1.1" || c.StatusText != "200 Fine" || c.Status != 200 {
					t.Errorf("%s: status line %q %q %d", path, c.Proto, c.StatusText, c.Status)
				}
				if want := rawHead(path); !slices.Equal(c.ResponseHeaders, want) {
					t.Errorf("%s: headers\n%q\nwant as sent\n%q", path, c.ResponseHeaders, want)
				}
				if string(got.Body) != "hello" {
					t.Errorf("%s: body %q", path, got.Body)
				}
			}
		})
	}
}

func TestParseHead(t *testing.T) {
	head := "HTTP/1.0 404 Not  Found\nX-A:  1 \r\nX-Folded: a\r\n  b\r\nbroken line\r\nx-b:2\r\n\r\n"
	proto, status, fields, ok := parseHead([]byte(head), 404)
	want := []store.Field{{Name: "X-A", Value: "1"}, {Name: "X-Folded", Value: "a b"}, {Name: "x-b", Value: "2"}}
	if !ok || proto != "HTTP/1.0" || status != "404 Not  Found" || !slices.Equal(fields, want) {
		t.Errorf("parseHead = %q %q %q %v", proto, status, fields, ok)
	}
	for _, bad := range []string{"", "HTTP/1.1 200 OK\r\n\r\n", "\x16\x03\x01 binary", "HTTP/1.1 2000 OK\r\n\r\n"} {
		if _, _, _, ok := parseHead([]byte(bad), 404); ok {
			t.Errorf("parseHead(%q) accepted for a 404", bad)
		}
	}
}

// TestHeadConnSkipsWhatIsNoHead: bytes that are not an HTTP/1 head (TLS
// spoken through a proxy's tunnel) are not kept, and the next request's
// head is.
func TestHeadConnSkipsWhatIsNoHead(t *testing.T) {
	client, server := net.Pipe()
	defer server.Close()
	c := newHeadConn(client)
	defer c.Close()
	go func() {
		br := bufio.NewReader(server)
		for _, answer := range []string{"\x16\x03\x03\x00\x10binary\n\nmore", "HTTP/1.1 204 No Content\r\nX-B: 1\r\n\r\n"} {
			if _, err := http.ReadRequest(br); err != nil {
				return
			}
			server.Write([]byte(answer))
		}
	}()
	buf := make([]byte, 512)
	for i, want := range []string{"", "HTTP/1.1 204 No Content\r\nX-B: 1\r\n\r\n"} {
		n := c.next()
		if _, err := c.Write([]byte("GET / HTTP/1.1\r\nHost: h\r\n\r\n")); err != nil {
			t.Fatal(err)
		}
		if _, err := c.Read(buf); err != nil {
			t.Fatal(err)
		}
		if got := string(c.head(n)); got != want {
			t.Errorf("request %d: head %q, want %q", i+1, got, want)
		}
	}
}
