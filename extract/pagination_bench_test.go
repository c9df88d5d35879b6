package extract

import (
	"bytes"
	"fmt"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// largePage is a DedeCMS article page grown to about 1 MiB the way big
// portal pages grow: a long "related" list, a comment section with its own
// pager, and the article's page bar at the end.
func largePage(b *testing.B) []byte {
	raw, err := os.ReadFile("testdata/pagination/dede-article/site/a/tjgb/2024/0318/123_2.html")
	if err != nil {
		b.Fatal(err)
	}
	utf8, err := simplifiedchinese.GBK.NewDecoder().Bytes(raw)
	if err != nil {
		b.Fatal(err)
	}
	text := strings.Replace(string(utf8), "charset=gb2312", "charset=utf-8", 1)
	var extra strings.Builder
	extra.WriteString(`<div class="xgwz"><ul>`)
	for i := 0; extra.Len() < 600<<10; i++ {
		fmt.Fprintf(&extra, `<li><a href="/a/tjgb/2023/%04d/%d.html">芦淞区第%d期统计信息简报</a><span>2023-%02d-%02d</span></li>`, i%1231, 1000+i, i, i%12+1, i%28+1)
	}
	extra.WriteString(`</ul></div><div class="comments">`)
	for i := 0; extra.Len() < 1000<<10; i++ {
		fmt.Fprintf(&extra, `<div class="comment"><p>网友%d：数据很详实，感谢统计局的工作。第%d条评论。</p></div>`, i, i)
	}
	extra.WriteString(`<div class="comment-pages"><a href="/plus/feedback.php?aid=123&page=2">2</a><a href="/plus/feedback.php?aid=123&page=3">3</a><a href="/plus/feedback.php?aid=123&page=2">下一页</a></div></div>`)
	return []byte(strings.Replace(text, `<div class="pright">`, extra.String()+`<div class="pright">`, 1))
}

// BenchmarkNextPageLargePage: reading the pagination of a 1 MiB page,
// the parsed tree given (Parse parses once and reads everything from the
// tree). pages/s is the figure to watch.
func BenchmarkNextPageLargePage(b *testing.B) {
	raw := largePage(b)
	base, _ := url.Parse("http://www.lsxww.cn/a/tjgb/2024/0318/123_2.html")
	root, err := html.Parse(bytes.NewReader(raw))
	if err != nil {
		b.Fatal(err)
	}
	doc := goquery.NewDocumentFromNode(root)
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		r := newReader(doc, base, "utf-8")
		if p := r.pagination(base); p.Next == "" || p.Current != 2 {
			b.Fatalf("pagination %+v", p)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}

// BenchmarkParseLargePage: the whole of Parse on the same page, for
// comparison.
func BenchmarkParseLargePage(b *testing.B) {
	raw := largePage(b)
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		p, err := Parse(raw, "text/html; charset=utf-8", "http://www.lsxww.cn/a/tjgb/2024/0318/123_2.html", nil)
		if err != nil || p.Pagination.Next == "" {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}

// BenchmarkStitchTenPages: stitching a report of ten pages (parsed
// beforehand), each with its template's repeats, one a table.
func BenchmarkStitchTenPages(b *testing.B) {
	var pages []*Page
	for n := 1; n <= 10; n++ {
		var body strings.Builder
		for i := 0; i < 25; i++ {
			fmt.Fprintf(&body, "<p>第%d页第%d段：全年规模以上工业增加值比上年增长%d.%d%%，其中国有控股企业增长%d.%d%%，股份制企业增长%d.%d%%。</p>\n", n, i, n, i, i, n, n+i, i)
		}
		if n == 5 {
			body.WriteString(`<table border="1"><tr><td>产品</td><td>产量</td></tr><tr><td>服装</td><td>18652</td></tr><tr><td>鞋</td><td>1287</td></tr></table>`)
		}
		page := fmt.Sprintf(`<html><head><title>某区统计公报_某某网</title></head><body><div class="nav"><a href="/">首页</a><a href="/a/">统计</a></div>
<h1>某区统计公报</h1><div class="info">时间：2024-03-18 来源：统计局</div><div class="content">%s<p>(责编：王丹)</p></div>
<div class="dede_pages"><ul class="pagelist"><li><a href="r_%d.html">下一页</a></li></ul></div></body></html>`, body.String(), n+1)
		p, err := Parse([]byte(page), "text/html; charset=utf-8", fmt.Sprintf("http://x.cn/a/r_%d.html", n), nil)
		if err != nil {
			b.Fatal(err)
		}
		pages = append(pages, p)
	}
	b.ReportAllocs()
	for b.Loop() {
		if d := Stitch(pages); len(d.Tables) != 1 || strings.Contains(d.Text, "责编") {
			b.Fatalf("stitched %d tables", len(d.Tables))
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
}
