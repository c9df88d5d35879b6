package extract

import (
	"reflect"
	"testing"
)

func TestRequisites(t *testing.T) {
	html := `<html><head><meta charset="utf-8"><title>t</title>
<link rel="stylesheet" href="/css/site.css"><link rel="shortcut icon" href="/favicon.ico">
<link rel="alternate" href="/rss.xml"><script src="js/app.js"></script>
<style>body{background:url("/img/bg.png")} @import 'print.css';</style></head>
<body background="/img/body.gif"><div style="background-image:url(data:image/png;base64,AAA)"></div>
<div style="background:url( 'banner.jpg' )"><img src="/upload/照片.jpg" srcset="a.jpg 1x, b.jpg 2x"></div>
<a href="/next.html">next</a></body></html>`
	p, err := Parse([]byte(html), "text/html", "http://t.test/news/1.html", &Options{Requisites: true})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"http://t.test/css/site.css", "http://t.test/favicon.ico", "http://t.test/news/js/app.js",
		"http://t.test/upload/%E7%85%A7%E7%89%87.jpg", "http://t.test/news/a.jpg", "http://t.test/news/b.jpg",
		"http://t.test/img/body.gif", "http://t.test/img/bg.png", "http://t.test/news/print.css",
		"http://t.test/news/banner.jpg",
	}
	if !reflect.DeepEqual(p.Requisites, want) {
		t.Fatalf("requisites:\n got %q\nwant %q", p.Requisites, want)
	}
}

func TestCSSLinks(t *testing.T) {
	css := []byte(`@import url("base.css"); @import "fonts.css";
.logo{background:url(../images/logo.gif) no-repeat} .x{background:url('data:image/gif;base64,R0l')}`)
	got := CSSLinks(css, "http://t.test/templets/style/site.css")
	want := []string{"http://t.test/templets/style/base.css", "http://t.test/templets/style/fonts.css", "http://t.test/templets/images/logo.gif"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("CSSLinks = %q, want %q", got, want)
	}
}
