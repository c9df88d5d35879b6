package warc

import (
	"net/url"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzCDXJLine: any http(s) URL and media type a capture may carry (they
// come from the web) make one index line that never panics, holds no line
// break, starts with the URL's SURT, and parses back to the same entry.
func FuzzCDXJLine(f *testing.F) {
	for _, u := range []string{
		"http://a.test/1.html?b=1&a=2", "https://WWW.Example.GOV.cn:443/a/../b/%7e?x#frag", "http://[::1]:8080/",
		"http://user:pw@x.test/", "http://政府.cn/新闻/1.html", "http://x.test/a b\nc", "javascript:alert(1)", "",
	} {
		f.Add(u, "text/html; charset=gbk")
	}
	f.Fuzz(func(t *testing.T, u, mime string) {
		if pu, err := url.Parse(u); err != nil || (pu.Scheme != "http" && pu.Scheme != "https") || pu.Host == "" {
			return // captures are of such URLs only
		}
		e := CDXJEntry{URL: u, Time: time.Date(2024, 3, 15, 1, 2, 3, 0, time.UTC), Mime: mime, Status: 200,
			Digest: Digest([]byte(u)), Offset: 1, Length: 2, Filename: "data.warc.gz"}
		line, err := e.Line()
		if err != nil {
			return
		}
		if strings.ContainsAny(line, "\r\n") || !strings.HasPrefix(line, SURT(u)+" ") {
			t.Fatalf("line %q", line)
		}
		back, err := ParseCDXJLine(line)
		if !utf8.ValidString(u) || !utf8.ValidString(mime) {
			return // JSON cannot carry invalid UTF-8 back as it was
		}
		if err != nil || *back != e {
			t.Fatalf("line %q parsed back as %+v (%v)", line, back, err)
		}
	})
}
