package extract

import (
	"errors"
	"testing"
)

// Stylesheets, scripts and data are not pages, whatever their bytes; pages
// served as text/plain or with no type are recognised by their markup.
func TestOnlyHTMLIsAPage(t *testing.T) {
	page := []byte(`<html><head><title>标题</title></head><body><p>本年度报告根据条例的要求编制，全文由六个部分组成。</p></body></html>`)
	fragment := []byte(`<text id="x"><table><tr><td><a href="/1.html">首页</a></td></tr></table><p>正文</p><br><img src="a.gif"></text>`)
	tests := []struct {
		name, contentType string
		body              []byte
		page              bool
	}{
		{"html", "text/html; charset=gbk", page, true},
		{"xhtml", "application/xhtml+xml", page, true},
		{"no type", "", page, true},
		{"plain page", "text/plain", page, true},
		{"saved fragment", "", fragment, true},
		{"css", "text/css", []byte(`body{background:url(bg.gif)} /* <html> */`), false},
		{"css without type", "", []byte(`body{font-family:SimSun} .nav a{color:#333}`), false},
		{"javascript", "application/javascript", []byte(`document.write("<div><p><a href='/'>x</a></div>")`), false},
		{"json", "application/json", []byte(`{"html":"<p>x</p>"}`), false},
		{"plain text", "text/plain", []byte("robots: User-agent: *\nDisallow: /admin/\n"), false},
	}
	for _, tt := range tests {
		_, err := Parse(tt.body, tt.contentType, "http://t.test/a", nil)
		if got := !errors.Is(err, ErrNotHTML); got != tt.page {
			t.Errorf("%s: page = %v (err %v), want %v", tt.name, got, err, tt.page)
		}
	}
}
