package crawler

import (
	"bytes"
	"strings"
	"testing"
)

// recordIn feeds data to a fresh recorder, as the reads of one response
// to request 1, cut into reads of the lengths cuts gives (each byte a
// length of 1 to 256; the rest in one read), and returns the head it kept.
func recordIn(data, cuts []byte) []byte {
	c := &headConn{open: true, written: 1}
	for _, n := range cuts {
		if len(data) == 0 {
			break
		}
		n := min(int(n)+1, len(data))
		c.record(data[:n])
		data = data[n:]
	}
	if len(data) > 0 {
		c.record(data)
	}
	return c.head(1)
}

// FuzzHeadRecord: the head a connection records does not depend on how
// the response was cut into reads; it is a response head that ends where
// its empty line does; and nothing panics.
func FuzzHeadRecord(f *testing.F) {
	for _, s := range []string{
		"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5\r\n\r\nhello",
		"HTTP/1.1 200 Fine\r\nServer: nginx/1.18\r\nETag: \"5f2a-1b\"\r\ncontent-type: text/html; charset=utf-8\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
		"HTTP/1.1 103 Early Hints\r\nLink: </s.css>; rel=preload\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n",
		"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 100 Continue\r\n\r\nHTTP/1.0 404 Not Found\r\n\r\n",
		"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n\x81\x05hello",
		"HTTP/1.0 200 OK\nContent-Type: text/plain\n\nbare LF lines",
		"HTTP/1.1 301 Moved\r\nLocation: /\xc4\xea.html\r\nX-Folded: a\r\n b\r\n\r\n",
		"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", // TLS through a proxy
		"HTTP/1.1 200 OK\r\nContent-Length: 3\r\n",     // cut before its end
		"",
	} {
		f.Add([]byte(s), []byte{0, 3, 16, 1})
		f.Add([]byte(s), []byte{})
	}
	f.Fuzz(func(t *testing.T, data, cuts []byte) {
		if len(data) > maxHead {
			return // a read then may hold more than maxHead
		}
		whole := recordIn(data, nil)
		cut := recordIn(data, cuts)
		if !bytes.Equal(cut, whole) {
			t.Fatalf("read in pieces %v, the head is %q; read whole, %q", cuts, cut, whole)
		}
		if whole == nil {
			return
		}
		if !bytes.HasPrefix(whole, []byte("HTTP/")) {
			t.Fatalf("the head %q is no HTTP response's", whole)
		}
		if end := headEnd(whole, 0); end != len(whole) {
			t.Fatalf("the head %q does not end at its first empty line (%d)", whole, end)
		}
		if !bytes.Contains(data, whole) {
			t.Fatalf("the head %q is not in what was read", whole)
		}
		if informational(whole) {
			t.Fatalf("kept the 1xx head %q instead of the final one", whole)
		}
		if _, code, _, ok := statusLine(firstLine(whole)); ok {
			_, _, fields, ok := parseHead(whole, code)
			if !ok {
				t.Fatalf("the head %q with status %d does not parse", whole, code)
			}
			for _, fl := range fields {
				if fl.Name == "" || strings.Contains(fl.Name, ":") || strings.Contains(fl.Name+fl.Value, "\n") {
					t.Fatalf("the head %q gave the field %q: %q", whole, fl.Name, fl.Value)
				}
			}
		}
	})
}
