package extract

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

func TestRedirect(t *testing.T) {
	const base = "http://www.x.gov.cn/index.html"
	article := `<p>` + strings.Repeat("本报讯，株洲市区新增一批便民早餐网点，市民出行更方便。", 6) + `</p>`
	for _, tc := range []struct {
		name, page, want string
	}{
		{"meta refresh", `<html><head><meta http-equiv="refresh" content="0; url=/col/col1229/index.html"></head><body></body></html>`,
			"http://www.x.gov.cn/col/col1229/index.html"},
		{"meta refresh, quoted, upper case", `<meta http-equiv="Refresh" content="1;URL='portal/index.jsp'">`,
			"http://www.x.gov.cn/portal/index.jsp"},
		{"meta refresh to another host", `<meta http-equiv="refresh" content="0;url=http://x.gov.cn/">`,
			"http://x.gov.cn/"},
		{"a page reloading itself", `<meta http-equiv="refresh" content="300"><body>` + article + `</body>`, ""},
		{"a refresh to itself", `<meta http-equiv="refresh" content="0;url=index.html"><body>x</body>`, ""},
		{"a slow refresh is not a redirect", `<meta http-equiv="refresh" content="600;url=/other.html"><body>x</body>`, ""},
		{"stub script", `<html><head></head><body><script>window.location.href = "/col/col1229/index.html";</script></body></html>`,
			"http://www.x.gov.cn/col/col1229/index.html"},
		{"stub script in head, replace", `<html><head><script type="text/javascript">location.replace('./portal/');</script></head><body>正在跳转……</body></html>`,
			"http://www.x.gov.cn/portal/"},
		{"top.location", `<body><script>top.location='/web/index.shtml'</script><noscript>请开启JavaScript</noscript></body>`,
			"http://www.x.gov.cn/web/index.shtml"},
		// A whole page that sends phones elsewhere is not a stub.
		{"mobile redirect on a full page", `<body><script>if(/Android|iPhone/i.test(navigator.userAgent)){window.location.href="/m/";}</script>` + article + `</body>`, ""},
		{"menu of links", `<body><script>location.href="/a/"</script><a href="/1">一</a><a href="/2">二</a><a href="/3">三</a><a href="/4">四</a></body>`, ""},
		{"no redirect", `<body>` + article + `</body>`, ""},
		{"a variable that only ends in location", `<body><script>var geolocation = "/map/index.html";</script></body>`, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Parse([]byte(tc.page), "text/html; charset=utf-8", base, nil)
			if err != nil {
				t.Fatal(err)
			}
			if p.Redirect != tc.want {
				t.Errorf("Redirect = %q, want %q", p.Redirect, tc.want)
			}
		})
	}
}

// A GBK stub's query is encoded in GBK, as a browser sends it.
func TestRedirectQueryInPageCharset(t *testing.T) {
	page, err := simplifiedchinese.GBK.NewEncoder().String(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">` +
		`<meta http-equiv="refresh" content="0;url=/search.asp?k=世界"></head><body>正在进入……</body></html>`)
	if err != nil {
		t.Fatal(err)
	}
	p, err := Parse([]byte(page), "text/html", "http://www.x.gov.cn/", nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := "http://www.x.gov.cn/search.asp?k=%CA%C0%BD%E7"; p.Redirect != want {
		t.Errorf("Redirect = %q, want %q", p.Redirect, want)
	}
}
