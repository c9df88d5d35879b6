package extract

import (
	"net/url"
	"os"
	"path/filepath"
	"testing"
)

// FuzzNextPage: next-page detection never panics, and what it finds is
// usable as it stands: every page URL absolute http(s), the next page never
// the page itself, page numbers positive and in order. Seeded with every
// page of the pagination cases (at its own URL) and with bar snippets.
func FuzzNextPage(f *testing.F) {
	dirs, _ := filepath.Glob("testdata/pagination/*")
	for _, dir := range dirs {
		if _, err := os.Stat(filepath.Join(dir, "case.json")); err != nil {
			continue
		}
		cs := loadCase(f, dir)
		for _, file := range cs.Files {
			if raw, err := os.ReadFile(filepath.Join(dir, file.File)); err == nil {
				f.Add(raw, file.URL)
			}
		}
	}
	for _, bar := range []string{
		`<div class="pages"><a href="1.html">1</a> <span>2</span> <a href="1_3.html">3</a> <a href="1_3.html">下一页</a></div>`,
		`<div id="page">共5页 第1页 <a href="?page=2">下一页</a> <a href="?page=5">末页</a></div>`,
		`<script>createPageHTML(7, 0, "t20240115_1234", "html");</script>`,
		`<script>pageNav.fn=function(p,pn){if(p==1){location.href="1.html";}else{location.href="1_"+p+".html";}};pageNav.go(2,5);</script>`,
		`<a href="javascript:goPage(2)">下一页</a><a href="x_2.html" rel="next">next</a>`,
		`<div class="pagebar"><a href="1.html">上一页</a><a href="1.html">1</a><b>2</b><a href="">下一页</a></div>`,
		`<script>laypage.render({elem: 'page', count: 15, limit: 6, curr: 2, jump: function(obj, first){ if(!first){ location.href = obj.curr == 1 ? "1.html" : "1_" + obj.curr + ".html"; } }});</script>`,
		`<script>new Pager({size: 3, current: 1, prefix: "1", suffix: "html"});</script>`,
		`<script>$("#pager").pagination(25, {items_per_page: 10, current_page: 1, link_to: "1___id__.html"}); $('#p').paginate({count: 4, start: 2, onChange: function(p){ location.href = '1_' + (p - 1) + '.html'; }});</script>`,
		`<div class="page" data-count="45" data-size="15" data-current="2" data-url="1_{page}.html"></div>`,
		`<script>var total=3,base="1";for(var i=1;i<=total;i++){var u=(i==1)?base+".html":base+"_"+i+".html";document.write('<a href="'+u+'">'+i+'</a>');}</script>`,
		`<script>function goPage(n){var url=(n<=1)?"1.html":"1_"+n+".html";window.location.href=url;}</script><div class="pagelist"><a href="javascript:goPage(1)">1</a><span>2</span><a href="javascript:goPage(3)">3</a></div>`,
		`<script src="/js/pagebar.js"></script><script>pageBar(3,1,'1','html');</script>`,
		`<div class="pagebar">第2页 共3页</div>`,
	} {
		f.Add([]byte(`<html><head><title>标题</title></head><body><div class="content"><p>正文第一段，内容。</p></div>`+bar+`</body></html>`), "http://x.gov.cn/art/2024/1/15/1_2.html")
	}
	f.Fuzz(func(t *testing.T, raw []byte, pageURL string) {
		base, err := url.Parse(pageURL)
		if err != nil || (base.Scheme != "http" && base.Scheme != "https") || base.Host == "" {
			return // the crawler fetches only such URLs
		}
		p, err := Parse(raw, "text/html", pageURL, nil)
		if err != nil {
			return
		}
		pg := p.Pagination
		usable := func(what, u string) {
			if u == "" {
				return
			}
			pu, err := url.Parse(u)
			if err != nil || (pu.Scheme != "http" && pu.Scheme != "https") || pu.Host == "" {
				t.Fatalf("%s %q is not an absolute http(s) URL", what, u)
			}
		}
		usable("next", pg.Next)
		usable("first", pg.First)
		if pg.Next != "" && CanonicalURL(pg.Next) == CanonicalURL(pageURL) {
			t.Fatalf("the next page of %s is itself", pageURL)
		}
		if pg.Current < 0 || pg.Total < 0 {
			t.Fatalf("current %d, total %d", pg.Current, pg.Total)
		}
		for i, pl := range pg.Pages {
			usable("page", pl.URL)
			if pl.N < 1 || i > 0 && pl.N <= pg.Pages[i-1].N {
				t.Fatalf("pages out of order: %+v", pg.Pages)
			}
		}
	})
}
