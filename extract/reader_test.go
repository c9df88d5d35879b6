package extract

import (
	"net/url"
	"testing"
)

// TestResolveURLAsABrowser: links resolve as a browser resolves them — a
// backslash before the query is a slash in an http(s) URL (IIS portals'
// \UploadFiles\…), a query outside ASCII is encoded in the page's charset,
// and what leads to no http(s) URL is "".
func TestResolveURLAsABrowser(t *testing.T) {
	base, _ := url.Parse("http://www.x.gov.cn/zwgk/2019/art_1.html")
	for _, tc := range []struct{ href, cs, want string }{
		{`\UploadFiles\2019\report.pdf`, "utf-8", "http://www.x.gov.cn/UploadFiles/2019/report.pdf"},
		{`files\report.pdf`, "utf-8", "http://www.x.gov.cn/zwgk/2019/files/report.pdf"},
		{`http:\\www.y.gov.cn\news\1.html`, "utf-8", "http://www.y.gov.cn/news/1.html"},
		{`/search.jsp?q=a\b`, "utf-8", `http://www.x.gov.cn/search.jsp?q=a\b`}, // the query's stays
		{`javascript:open('\a')`, "utf-8", ""},
		{"/search.jsp?q=世界", "gbk", "http://www.x.gov.cn/search.jsp?q=%CA%C0%BD%E7"},
		{"#top", "utf-8", ""},
		{"http://user:pw@www.y.gov.cn/a.html", "utf-8", "http://www.y.gov.cn/a.html"}, // followed without the credentials
	} {
		if got := resolveURL(base, tc.href, tc.cs); got != tc.want {
			t.Errorf("resolveURL(%q) = %q, want %q", tc.href, got, tc.want)
		}
	}
}
