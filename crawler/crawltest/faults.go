package crawltest

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"log"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Faults serves what goes wrong on the wire and in payloads, one fault per
// path, for the fault tests and bench/faults:
//
//	/article/N.html    a good one-page article (UTF-8), so a test can see the run go on
//	/reset             the connection is reset (RST) before any response
//	/reset-body        headers and part of the body, then a reset
//	/silent            the request is read and never answered
//	/trickle           headers, then one byte of body a second, forever
//	/loop              a redirect to itself
//	/hop/X.html        a chain of redirects that ends at an article (HopPath)
//	/to/NAME           a redirect to a non-HTTP URL: file, ftp, javascript, data, mailto
//	/gzip-bomb         Content-Encoding: gzip, 1 MiB on the wire, 1 GiB decoded
//	/huge              a 100 MB body (Content-Length stated)
//	/random            1 MiB of random bytes as text/html
//	/deep              an article nested 20,000 elements deep
//	/links             a page of 100,000 links
//	/bad-utf8          an article under charset=utf-8 with invalid UTF-8 in it
//	/nul               an article with NUL bytes in its markup and text
//
// TLS is a second server speaking HTTPS with a certificate no client
// trusts; Refused is a URL on a loopback port where nothing listens.
type Faults struct {
	*httptest.Server
	TLS     *httptest.Server
	Refused string

	quit     chan struct{}
	stopOnce sync.Once
	mu       sync.Mutex
	hits     map[string]int
}

// hopNames name the hops of the redirect chain: letters, so that no
// pagination rule reads a page number into them.
const hopNames = "abcdefghijklmnop"

// HopPath is the path of a redirect chain that reaches an article after
// hops redirects (1 to 16).
func HopPath(hops int) string {
	return "/hop/" + hopNames[len(hopNames)-hops:len(hopNames)-hops+1] + ".html"
}

// NonHTTP are the redirect targets of /to/NAME.
var NonHTTP = map[string]string{
	"file":       "file:///etc/passwd",
	"ftp":        "ftp://127.0.0.1/pub/secret.txt",
	"javascript": "javascript:alert(1)",
	"data":       "data:text/html,<p>hi</p>",
	"mailto":     "mailto:root@example.gov.cn",
}

// ServeFaults starts a Faults server, closed when the test ends.
func ServeFaults(t testing.TB) *Faults {
	t.Helper()
	f := NewFaults()
	t.Cleanup(f.Close)
	return f
}

// NewFaults starts a Faults server; Close stops it.
func NewFaults() *Faults {
	f := &Faults{quit: make(chan struct{}), hits: map[string]int{}}
	quiet := log.New(io.Discard, "", 0) // handshakes failing is the point
	f.Server = httptest.NewUnstartedServer(http.HandlerFunc(f.serve))
	f.Server.Config.ErrorLog = quiet
	f.Server.Start()
	f.TLS = httptest.NewUnstartedServer(http.HandlerFunc(f.serve))
	f.TLS.Config.ErrorLog = quiet
	f.TLS.StartTLS()
	// A port that was just free: connecting to it is refused.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(fmt.Sprintf("crawltest: %v", err))
	}
	f.Refused = "http://" + l.Addr().String() + "/article/1.html"
	l.Close()
	return f
}

// Close stops both servers and every fault still running.
func (f *Faults) Close() {
	f.stopOnce.Do(func() { close(f.quit) })
	f.Server.Close()
	f.TLS.Close()
}

// Hits is how many requests path got.
func (f *Faults) Hits(path string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.hits[path]
}

func (f *Faults) serve(w http.ResponseWriter, r *http.Request) {
	p := r.URL.Path
	f.mu.Lock()
	f.hits[p]++
	f.mu.Unlock()
	switch {
	case p == "/robots.txt":
		w.Write([]byte("User-agent: *\nAllow: /\n"))
	case p == "/":
		html(w, f.index())
	case strings.HasPrefix(p, "/article/"):
		n, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(p, "/article/"), ".html"))
		html(w, articlePage(n, "", ""))
	case p == "/reset":
		if conn := hijack(w); conn != nil {
			reset(conn)
		}
	case p == "/reset-body":
		if conn := hijack(w); conn != nil {
			body := articlePage(2, "", "")
			fmt.Fprintf(conn, "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n", len(body)*4)
			conn.Write(body)
			time.Sleep(50 * time.Millisecond) // let the client read it
			reset(conn)
		}
	case p == "/silent":
		if conn := hijack(w); conn != nil {
			f.hold(conn, nil)
		}
	case p == "/trickle":
		if conn := hijack(w); conn != nil {
			io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: 100000\r\n\r\n")
			f.hold(conn, []byte("<html><head><title>慢</title></head><body><p>"))
		}
	case p == "/loop":
		http.Redirect(w, r, "/loop", http.StatusFound)
	case strings.HasPrefix(p, "/hop/"):
		name := strings.TrimSuffix(strings.TrimPrefix(p, "/hop/"), ".html")
		n := strings.Index(hopNames, name)
		if len(name) != 1 || n < 0 {
			http.NotFound(w, r)
			return
		}
		if n+1 == len(hopNames) {
			http.Redirect(w, r, "/article/15.html", http.StatusFound)
			return
		}
		http.Redirect(w, r, "/hop/"+hopNames[n+1:n+2]+".html", http.StatusFound)
	case strings.HasPrefix(p, "/to/"):
		target, ok := NonHTTP[strings.TrimPrefix(p, "/to/")]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Location", target)
		w.WriteHeader(http.StatusFound)
	case p == "/gzip-bomb":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Set("Content-Length", strconv.Itoa(len(gzipBomb())))
		w.Write(gzipBomb())
	case p == "/huge":
		const size = 100_000_000
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Length", strconv.Itoa(size))
		chunk := bytes.Repeat([]byte("<p>很长的一页。</p>\n"), 4096)
		for sent := 0; sent < size; {
			n := min(len(chunk), size-sent)
			if _, err := w.Write(chunk[:n]); err != nil {
				return // the client stopped reading
			}
			sent += n
		}
	case p == "/random":
		html(w, RandomBytes(1<<20))
	case p == "/deep":
		html(w, DeepPage(20_000))
	case p == "/links":
		html(w, LinksPage(100_000))
	case p == "/bad-utf8":
		html(w, articlePage(3, "\xff\xfe", "\xe4\xb8"))
	case p == "/nul":
		html(w, articlePage(4, "\x00", "\x00\x00"))
	default:
		http.NotFound(w, r)
	}
}

// FaultPaths are the paths of every fault on the plain server, as the
// index page links them.
var FaultPaths = []string{"/reset", "/reset-body", "/silent", "/trickle", "/loop", HopPath(11), HopPath(10),
	"/to/file", "/to/ftp", "/to/javascript", "/to/data", "/to/mailto", "/gzip-bomb", "/huge", "/random",
	"/deep", "/links", "/bad-utf8", "/nul"}

// index is a list page linking the good articles and every fault; the
// last article is also where the redirect chains end.
func (f *Faults) index() []byte {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>故障栏目</title></head><body><ul>\n")
	for i, p := range append([]string{"/article/1.html"}, append(FaultPaths, "/article/2.html", "/article/15.html")...) {
		fmt.Fprintf(&b, "<li><a href=\"%s\">栏目链接第%d条：关于故障测试的通知</a></li>\n", p, i+1)
	}
	b.WriteString("</ul></body></html>\n")
	return []byte(b.String())
}

// html answers with body as a UTF-8 page, as the fault pages say they are.
func html(w http.ResponseWriter, body []byte) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(body)
}

func hijack(w http.ResponseWriter) net.Conn {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return nil
	}
	return conn
}

// reset closes conn with a TCP RST rather than a FIN.
func reset(conn net.Conn) {
	if tc, ok := conn.(*net.TCPConn); ok {
		tc.SetLinger(0)
	}
	conn.Close()
}

// hold keeps conn open, writing one byte of drip a second (none when drip
// is empty), until the client goes away or the server closes.
func (f *Faults) hold(conn net.Conn, drip []byte) {
	defer conn.Close()
	gone := make(chan struct{})
	go func() {
		io.Copy(io.Discard, conn) // returns when the client closes
		close(gone)
	}()
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for i := 0; ; i++ {
		if len(drip) > 0 {
			if _, err := conn.Write(drip[i%len(drip) : i%len(drip)+1]); err != nil {
				return
			}
		}
		select {
		case <-f.quit:
			return
		case <-gone:
			return
		case <-tick.C:
		}
	}
}

// articlePage is a one-page article in UTF-8; junk goes between the
// paragraphs and into the text.
func articlePage(n int, junk, inText string) []byte {
	var b strings.Builder
	title := fmt.Sprintf("故障测试文章第%d号：区政府召开常务会议", n)
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>%s</title></head>\n<body>%s<div class=\"nav\"><a href=\"/\">首页</a></div>\n", title, junk)
	fmt.Fprintf(&b, "<h1>%s</h1>\n<div class=\"info\">发布时间：2024-03-15 09:30:00　来源：县融媒体中心</div>\n<div class=\"content\">\n", title)
	for k := 0; k < 6; k++ {
		para := paragraph(n, 1, k, 0)
		if k == 2 && inText != "" {
			i := strings.Index(para, "：") + len("：")
			para = para[:i] + inText + para[i:]
		}
		fmt.Fprintf(&b, "<p>%s</p>%s\n", para, junk)
	}
	b.WriteString("</div>\n<div class=\"footer\">主办：测试县人民政府办公室</div></body></html>\n")
	return []byte(b.String())
}

// ArticleText is a sentence of article n's text, to find in what was stored.
func ArticleText(n int) string { return paragraph(n, 1, 0, 0)[:30] }

// RandomBytes returns n bytes of deterministic noise.
func RandomBytes(n int) []byte {
	r := rand.New(rand.NewPCG(8, 8))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

// DeepPage is an article whose content sits depth elements deep.
func DeepPage(depth int) []byte {
	var b bytes.Buffer
	b.WriteString("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>深层嵌套的文章</title></head><body>")
	for range depth {
		b.WriteString("<div>")
	}
	fmt.Fprintf(&b, "<p>%s</p><p>%s</p>", paragraph(5, 1, 0, 0), paragraph(5, 1, 1, 0))
	for range depth {
		b.WriteString("</div>")
	}
	b.WriteString("</body></html>")
	return b.Bytes()
}

// LinksPage is a page of n links.
func LinksPage(n int) []byte {
	var b bytes.Buffer
	b.WriteString("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>链接</title></head><body><ul>")
	for i := range n {
		fmt.Fprintf(&b, "<li><a href=\"/l/%d.html\">第%d条链接</a></li>\n", i, i)
	}
	b.WriteString("</ul></body></html>")
	return b.Bytes()
}

var (
	bombOnce sync.Once
	bomb     []byte
)

// gzipBomb is 1 GiB of HTML white space in about 1 MiB of gzip: the same
// member, 1 MiB of spaces, repeated (a gzip stream may hold many members).
func gzipBomb() []byte {
	bombOnce.Do(func() {
		var head, member bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&head, gzip.BestCompression)
		zw.Write([]byte("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>炸弹</title></head><body><p>"))
		zw.Close()
		zw, _ = gzip.NewWriterLevel(&member, gzip.BestCompression)
		zw.Write(bytes.Repeat([]byte(" "), 1<<20))
		zw.Close()
		bomb = append(head.Bytes(), bytes.Repeat(member.Bytes(), 1024)...)
	})
	return bomb
}
