//go:build ignore

// gen writes the pagination fixtures: one small site per case, each page as
// the CMS it imitates would emit it and in that site's encoding. The
// sources are UTF-8 under src/<case>/: layout.html, the CMS's page template
// (Go text/template), and one content fragment per page; the page bars are
// written by the functions below, each a port of what its CMS's template
// tag prints (DedeCMS's GetPagebreak and GetPageListST, EmpireCMS's
// sys_ShowTextPage, 动易's ShowPage, PHPCMS v9's pages(), Discuz's multi(),
// WordPress's wp_link_pages(), TRS WCM's createPageHTML script call, a WCM
// site's Pager call, layui's laypage).
//
// Each case directory gets site/ (the bytes as served) and case.json: the
// article's pages in reading order and, for every URL served, its file and
// Content-Type. The goldens (want.json) are written by the tests:
//
//	go run testdata/pagination/gen.go       # from extract/, after editing src/ or this file
//	go test ./extract -run TestPaginationCases -update
//
// The fixtures are committed; tests never run this.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"
	"text/template"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

const dir = "testdata/pagination"

// site is one case: a CMS, an article (or list) in pages, and the other
// pages the traps need.
type site struct {
	name  string
	about string
	host  string
	enc   string // gbk, big5, utf-8
	crlf  bool   // IIS-era sites
	ctype string // Content-Type served for every page
	kind  string // article or list
	title string
	pages []string // URL path (and query) of each page, in reading order
	// content names the fragment of each page in src/<name>/; default
	// "1.html", "2.html", ...
	content []string
	bar     func(s *site, n int) string
	// headTitle is the <title> of page n; default title + "_" + siteName.
	headTitle func(s *site, n int) string
	siteName  string
	date      string
	extra     []extra // other URLs served
	// ignored are the pages (0-based) at which the server ignores the
	// page number and answers page 1 again: not pages of the document.
	ignored []int
}

// extra is one more URL of a site: another page rendered with the layout
// (its own title and content), or a second URL for one of the pages.
type extra struct {
	url     string
	title   string
	content string // fragment in src/<name>/
	sameAs  int    // serve the bytes of page sameAs (1-based) at url
	layout  string // a layout other than layout.html
}

type data struct {
	Title, HeadTitle, Content, Bar, Date, URL, Path string
	N, Total                                        int
}

func main() {
	log.SetFlags(0)
	for _, s := range sites {
		if err := s.write(); err != nil {
			log.Fatalf("%s: %v", s.name, err)
		}
		fmt.Printf("%-18s %s, %d page(s)\n", s.name, s.enc, len(s.pages))
	}
}

type manifest struct {
	About string   `json:"about"`
	Kind  string   `json:"kind"`
	Pages []string `json:"pages"`
	// Ignored: the pages (0-based) that are page 1 again, the server
	// ignoring the page number; not pages of the archived document.
	Ignored []int  `json:"ignored,omitempty"`
	Files   []file `json:"files"`
}

type file struct {
	URL         string `json:"url"`
	File        string `json:"file"`
	ContentType string `json:"content_type"`
}

func (s *site) write() error {
	src := filepath.Join(dir, "src", s.name)
	out := filepath.Join(dir, s.name)
	if err := os.RemoveAll(filepath.Join(out, "site")); err != nil {
		return err
	}
	m := manifest{About: s.about, Kind: s.kind, Ignored: s.ignored}
	render := func(layout string, d data) ([]byte, error) {
		raw, err := os.ReadFile(filepath.Join(src, layout))
		if err != nil {
			return nil, err
		}
		t, err := template.New(layout).Parse(string(raw))
		if err != nil {
			return nil, err
		}
		var b bytes.Buffer
		if err := t.Execute(&b, d); err != nil {
			return nil, err
		}
		return s.encode(b.Bytes())
	}
	save := func(u string, body []byte) error {
		name := fileName(u)
		p := filepath.Join(out, "site", name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		m.Files = append(m.Files, file{URL: "http://" + s.host + u, File: "site/" + name, ContentType: s.ctype})
		return os.WriteFile(p, body, 0o644)
	}
	var bodies [][]byte
	for i, u := range s.pages {
		n := i + 1
		content := fmt.Sprintf("%d.html", n)
		if i < len(s.content) {
			content = s.content[i]
		}
		frag, err := os.ReadFile(filepath.Join(src, content))
		if err != nil {
			return err
		}
		d := data{Title: s.title, Content: string(frag), Date: s.date, URL: "http://" + s.host + u, Path: u, N: n, Total: len(s.pages)}
		d.HeadTitle = s.title + "_" + s.siteName
		if s.headTitle != nil {
			d.HeadTitle = s.headTitle(s, n)
		}
		if s.bar != nil {
			d.Bar = s.bar(s, n)
		}
		body, err := render("layout.html", d)
		if err != nil {
			return err
		}
		bodies = append(bodies, body)
		if err := save(u, body); err != nil {
			return err
		}
		m.Pages = append(m.Pages, "http://"+s.host+u)
	}
	for _, e := range s.extra {
		if e.sameAs > 0 {
			m.Files = append(m.Files, file{URL: "http://" + s.host + e.url, File: "site/" + fileName(s.pages[e.sameAs-1]), ContentType: s.ctype})
			continue
		}
		frag, err := os.ReadFile(filepath.Join(src, e.content))
		if err != nil {
			return err
		}
		layout := e.layout
		if layout == "" {
			layout = "layout.html"
		}
		d := data{Title: e.title, HeadTitle: e.title + "_" + s.siteName, Content: string(frag), Date: s.date, URL: "http://" + s.host + e.url, Path: e.url}
		body, err := render(layout, d)
		if err != nil {
			return err
		}
		if err := save(e.url, body); err != nil {
			return err
		}
	}
	if s.kind != "article" {
		m.Pages = nil
	}
	var js bytes.Buffer
	enc := json.NewEncoder(&js)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(m); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(out, "case.json"), js.Bytes(), 0o644)
}

// fileName maps a URL path and query to a file under site/: the path as it
// is, index.html for a directory, the query after an @.
func fileName(u string) string {
	p, q, _ := strings.Cut(u, "?")
	if strings.HasSuffix(p, "/") {
		p += "index.html"
	}
	p = strings.TrimPrefix(p, "/")
	if q != "" {
		p += "@" + q
	}
	return p
}

func (s *site) encode(utf8 []byte) ([]byte, error) {
	if s.crlf {
		utf8 = bytes.ReplaceAll(utf8, []byte("\n"), []byte("\r\n"))
	}
	var enc encoding.Encoding
	switch s.enc {
	case "utf-8":
		return utf8, nil
	case "gbk":
		enc = simplifiedchinese.GBK
	case "big5":
		enc = traditionalchinese.Big5
	default:
		return nil, fmt.Errorf("unknown encoding %q", s.enc)
	}
	b, err := enc.NewEncoder().Bytes(utf8)
	if err != nil {
		return nil, fmt.Errorf("%s cannot encode the page (write such characters as entities): %w", s.enc, err)
	}
	return b, nil
}

// Page bars, one per CMS.

// base returns the file name of page 1 without its extension (123 for
// /a/123.html) and the extension.
func base(u string) (string, string) {
	f := u[strings.LastIndex(u, "/")+1:]
	i := strings.LastIndex(f, ".")
	return f[:i], f[i:]
}

// dedeArticleBar is DedeCMS 5.7's {dede:pagebreak/} (GetPagebreak), inside
// the template's <div class="dede_pages"><ul class="pagelist">.
func dedeArticleBar(s *site, n int) string {
	name, ext := base(s.pages[0])
	total := len(s.pages)
	page := func(i int) string {
		if i == 1 {
			return name + ext
		}
		return fmt.Sprintf("%s_%d%s", name, i, ext)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "<li><a>共%d页: </a></li>", total)
	if n == 1 {
		b.WriteString("<li><a href='#'>上一页</a></li>")
	} else {
		fmt.Fprintf(&b, "<li><a href='%s'>上一页</a></li>", page(n-1))
	}
	for i := 1; i <= total; i++ {
		if i == n {
			fmt.Fprintf(&b, "<li class=\"thisclass\"><a href='#'>%d</a></li>", i)
		} else {
			fmt.Fprintf(&b, "<li><a href='%s'>%d</a></li>", page(i), i)
		}
	}
	if n < total {
		fmt.Fprintf(&b, "<li><a href='%s'>下一页</a></li>", page(n+1))
	} else {
		b.WriteString("<li><a href='#'>下一页</a></li>")
	}
	return b.String()
}

// dedeListBar is DedeCMS 5.7's {dede:pagelist listsize='4'/} for a column
// (GetPageListST): list_{typeid}_{page}.html, page 1 also the column's
// index.html.
func dedeListBar(s *site, n int) string {
	total := len(s.pages)
	page := func(i int) string { return fmt.Sprintf("list_5_%d.html", i) }
	var b strings.Builder
	fmt.Fprintf(&b, "<li><span class=\"pageinfo\">共 <strong>%d</strong>页<strong>%d</strong>条</span></li>\n", total, total*15-4)
	if n == 1 {
		b.WriteString("<li><a>首页</a></li>\n")
	} else {
		fmt.Fprintf(&b, "<li><a href='%s'>首页</a></li>\n<li><a href='%s'>上一页</a></li>\n", page(1), page(n-1))
	}
	for i := 1; i <= total; i++ {
		if i == n {
			fmt.Fprintf(&b, "<li class=\"thisclass\">%d</li>\n", i)
		} else {
			fmt.Fprintf(&b, "<li><a href='%s'>%d</a></li>\n", page(i), i)
		}
	}
	if n < total {
		fmt.Fprintf(&b, "<li><a href='%s'>下一页</a></li>\n<li><a href='%s'>末页</a></li>\n", page(n+1), page(total))
	} else {
		b.WriteString("<li><a>末页</a></li>\n")
	}
	return b.String()
}

// empireBar is EmpireCMS 7's [!--page.url--] for an article split with
// [!--empirenews.page--]: absolute paths, page k is NNN_k.html, the
// current page bold, 首页/上一页 and 下一页/尾页 around the numbers.
func empireBar(s *site, n int) string {
	dir := s.pages[0][:strings.LastIndex(s.pages[0], "/")+1]
	name, ext := base(s.pages[0])
	total := len(s.pages)
	page := func(i int) string {
		if i == 1 {
			return dir + name + ext
		}
		return fmt.Sprintf("%s%s_%d%s", dir, name, i, ext)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "<a title=\"Page\">&nbsp;<b>%d</b>/<b>%d</b>&nbsp;</a>&nbsp;&nbsp;", n, total)
	if n > 1 {
		fmt.Fprintf(&b, "<a href=\"%s\">首页</a>&nbsp;<a href=\"%s\">上一页</a>&nbsp;", page(1), page(n-1))
	}
	for i := 1; i <= total; i++ {
		if i == n {
			fmt.Fprintf(&b, "<b>%d</b>&nbsp;", i)
		} else {
			fmt.Fprintf(&b, "<a href=\"%s\">%d</a>&nbsp;", page(i), i)
		}
	}
	if n < total {
		fmt.Fprintf(&b, "<a href=\"%s\">下一页</a>&nbsp;<a href=\"%s\">尾页</a>", page(n+1), page(total))
	}
	return b.String()
}

// dongyiBar is 动易 (PowerEasy) SiteWeaver's article pager, printed inside
// the content: [1] [2] 下一页, links by ArticlePage.
func dongyiBar(s *site, n int) string {
	total := len(s.pages)
	page := func(i int) string {
		if i == 1 {
			return "ShowArticle.asp?ArticleID=2371"
		}
		return fmt.Sprintf("ShowArticle.asp?ArticleID=2371&ArticlePage=%d", i)
	}
	var b strings.Builder
	b.WriteString("<p align='center'>")
	if n > 1 {
		fmt.Fprintf(&b, "<a href='%s'>上一页</a>&nbsp;&nbsp;", page(n-1))
	}
	for i := 1; i <= total; i++ {
		if i == n {
			fmt.Fprintf(&b, "<font color='red'>[%d]</font>&nbsp;", i)
		} else {
			fmt.Fprintf(&b, "<a href='%s'>[%d]</a>&nbsp;", page(i), i)
		}
	}
	if n < total {
		fmt.Fprintf(&b, "&nbsp;<a href='%s'>下一页</a>", page(n+1))
	}
	b.WriteString("</p>")
	return b.String()
}

// phpcmsBar is PHPCMS v9's content pages (pages() with the show-{catid}-
// {id}-{page}.html rule): a1 links for 上一页/下一页, the current page in
// a span, absolute URLs.
func phpcmsBar(s *site, n int) string {
	total := len(s.pages)
	page := func(i int) string { return fmt.Sprintf("http://%s/show-12-345-%d.html", s.host, i) }
	var b strings.Builder
	fmt.Fprintf(&b, " <a href=\"%s\" class=\"a1\">上一页</a>", page(max(n-1, 1)))
	for i := 1; i <= total; i++ {
		if i == n {
			fmt.Fprintf(&b, " <span>%d</span>", i)
		} else {
			fmt.Fprintf(&b, " <a href=\"%s\">%d</a>", page(i), i)
		}
	}
	fmt.Fprintf(&b, " <a href=\"%s\" class=\"a1\">下一页</a>", page(min(n+1, total)))
	return b.String()
}

// discuzBar is Discuz! X3's multi() for a thread: <div class="pg">, the
// current page in <strong>, the page jump box, 下一页 as a.nxt.
func discuzBar(s *site, n int) string {
	total := len(s.pages)
	page := func(i int) string { return fmt.Sprintf("thread-8848-%d-1.html", i) }
	var b strings.Builder
	b.WriteString("<div class=\"pg\">")
	if n > 1 {
		fmt.Fprintf(&b, "<a href=\"%s\" class=\"prev\">&nbsp;&nbsp;</a>", page(n-1))
	}
	for i := 1; i <= total; i++ {
		if i == n {
			fmt.Fprintf(&b, "<strong>%d</strong>", i)
		} else {
			fmt.Fprintf(&b, "<a href=\"%s\">%d</a>", page(i), i)
		}
	}
	fmt.Fprintf(&b, "<label><input type=\"text\" name=\"custompage\" class=\"px\" size=\"2\" title=\"输入页码，按回车快速跳转\" value=\"%d\" onkeydown=\"if(event.keyCode==13) {window.location='forum.php?mod=viewthread&amp;tid=8848&amp;extra=page%%3D1&amp;page='+this.value;; doane(event);}\" /><span title=\"共 %d 页\"> / %d 页</span></label>", n, total, total)
	if n < total {
		fmt.Fprintf(&b, "<a href=\"%s\" class=\"nxt\">下一页</a>", page(n+1))
	}
	b.WriteString("</div>")
	return b.String()
}

// wpBar is WordPress 5.1+'s wp_link_pages() in a theme's .page-links.
func wpBar(s *site, n int) string {
	total := len(s.pages)
	var b strings.Builder
	b.WriteString("<div class=\"page-links\">Pages:")
	for i := 1; i <= total; i++ {
		if i == n {
			fmt.Fprintf(&b, " <span class=\"post-page-numbers current\" aria-current=\"page\">%d</span>", i)
		} else {
			fmt.Fprintf(&b, " <a href=\"http://%s%s\" class=\"post-page-numbers\">%d</a>", s.host, s.pages[i-1], i)
		}
	}
	b.WriteString("</div>")
	return b.String()
}

// trsBar is TRS WCM's article pager: nothing but the script call, whose
// function (in a shared .js) writes the links.
func trsBar(s *site, n int) string {
	name, ext := base(s.pages[0])
	return fmt.Sprintf("<script language=\"JavaScript\">\ncreatePageHTML(%d, %d, \"%s\", \"%s\");\n</script>", len(s.pages), n-1, name, ext[1:])
}

// trsListBar is the TRS WCM column template's pager: variables and
// document.write, no function.
func trsListBar(s *site, n int) string {
	return fmt.Sprintf(`<script language="JavaScript">
var currentPage = %d;//所在页从0开始
var prevPage = currentPage-1//上一页
var nextPage = currentPage+1//下一页
var countPage = %d//共多少页
document.write("共"+countPage+"页&nbsp;&nbsp;");
//设置首页、上一页代码
if(countPage>1&&currentPage!=0&&currentPage!=1)
	document.write("<a href=\"index.html\">首页</a>&nbsp;<a href=\"index"+"_" + prevPage + "."+"html\">上一页</a>&nbsp;");
else if(countPage>1&&currentPage!=0&&currentPage==1)
	document.write("<a href=\"index.html\">首页</a>&nbsp;<a href=\"index.html\">上一页</a>&nbsp;");
else
	document.write("首页&nbsp;上一页&nbsp;");
//设置下一页、尾页代码
if(countPage>1&&currentPage!=(countPage-1))
	document.write("<a href=\"index"+"_" + nextPage + "."+"html\">下一页</a>&nbsp;<a href=\"index_" + (countPage-1) + ".html\">尾页</a>&nbsp;");
else
	document.write("下一页&nbsp;尾页&nbsp;");
</script>`, n-1, len(s.pages))
}

// wcmPagerBar is a WCM site's own pager script (pager.js) on an article:
// TRS's convention (page k is name_{k-1}.shtml, the index from 0) under
// another name, its arguments an object.
func wcmPagerBar(s *site, n int) string {
	name, ext := base(s.pages[0])
	return fmt.Sprintf(`<script type="text/javascript">
new Pager({size: %d, current: %d, prefix: "%s", suffix: "%s", el: "pager"}).render();
</script>`, len(s.pages), n-1, name, ext[1:])
}

// laypageListBar is layui's laypage on a column page: the records (3 a
// page) and the current page; the jump goes to index.shtml for page 1 and
// index_{n}.shtml for the others.
func laypageListBar(s *site, n int) string {
	return fmt.Sprintf(`<div id="page" class="layui-box"></div>
<script>
layui.use(['laypage'], function () {
	var laypage = layui.laypage;
	laypage.render({
		elem: 'page',
		count: %d,
		limit: 3,
		curr: %d,
		layout: ['count', 'prev', 'page', 'next'],
		jump: function (obj, first) {
			if (!first) {
				location.href = obj.curr == 1 ? "index.shtml" : "index_" + obj.curr + ".shtml";
			}
		}
	});
});
</script>`, 3*len(s.pages)-1, n)
}

// jspBar is a 2000s JSP portal's pager: numbers in a table cell, the
// current one in red, 下页/后页 with ?page=N.
func jspBar(s *site, n int) string {
	total := len(s.pages)
	page := func(i int) string { return fmt.Sprintf("content.jsp?id=789&amp;page=%d", i) }
	var b strings.Builder
	fmt.Fprintf(&b, "第%d页/共%d页&nbsp;&nbsp;", n, total)
	if n > 1 {
		fmt.Fprintf(&b, "<a href=\"%s\">前页</a>&nbsp;", page(n-1))
	}
	for i := 1; i <= total; i++ {
		if i == n {
			fmt.Fprintf(&b, "<font color=\"#FF0000\">%d</font>&nbsp;", i)
		} else {
			fmt.Fprintf(&b, "<a href=\"%s\">%d</a>&nbsp;", page(i), i)
		}
	}
	if n < total {
		fmt.Fprintf(&b, "<a href=\"%s\">后页</a>", page(n+1))
	}
	return b.String()
}

// big5Bar is a Taiwanese PHP site's pager: &p=N, 上一頁/下一頁, the
// current page in <strong>.
func big5Bar(s *site, n int) string {
	total := len(s.pages)
	page := func(i int) string { return fmt.Sprintf("news.php?id=55&amp;p=%d", i) }
	var b strings.Builder
	b.WriteString("<div class=\"pagenav\">")
	if n > 1 {
		fmt.Fprintf(&b, "<a href=\"%s\">上一頁</a> ", page(n-1))
	}
	for i := 1; i <= total; i++ {
		if i == n {
			fmt.Fprintf(&b, "<strong>%d</strong> ", i)
		} else {
			fmt.Fprintf(&b, "<a href=\"%s\">%d</a> ", page(i), i)
		}
	}
	if n < total {
		fmt.Fprintf(&b, "<a href=\"%s\">下一頁</a>", page(n+1))
	}
	b.WriteString("</div>")
	return b.String()
}

// relNextHead is the only pagination of a modern news site's article:
// <link rel="prev"/"next"> in the head, and a "›" button.
func relNextHead(s *site, n int) string {
	var b strings.Builder
	if n > 1 {
		fmt.Fprintf(&b, "<link rel=\"prev\" href=\"%s\">\n", s.pages[n-2])
	}
	if n < len(s.pages) {
		fmt.Fprintf(&b, "<link rel=\"next\" href=\"%s\">\n", s.pages[n])
	}
	return b.String()
}

// peopleBar is 人民网's pager for an article in several pages: absolute
// paths, -N before .html, the current page an <a> without href.
func peopleBar(s *site, n int) string {
	total := len(s.pages)
	var b strings.Builder
	if n > 1 {
		fmt.Fprintf(&b, "<a href=\"%s\">上一页</a>", s.pages[n-2])
	}
	for i := 1; i <= total; i++ {
		if i == n {
			fmt.Fprintf(&b, "<a class=\"common_current_page\">%d</a>", i)
		} else {
			fmt.Fprintf(&b, "<a href=\"%s\">%d</a>", s.pages[i-1], i)
		}
	}
	if n < total {
		fmt.Fprintf(&b, "<a href=\"%s\">下一页</a>", s.pages[n])
	}
	return b.String()
}

// bigListBar is an ASP.NET column's pager for a long list: 首页 上一页,
// a window of ten numbers around the current page with … to the ends,
// 下一页 尾页, and 共N页.
func bigListBar(s *site, n int) string {
	const total = 50
	page := func(i int) string { return fmt.Sprintf("list.aspx?cid=7&amp;page=%d", i) }
	var b strings.Builder
	b.WriteString("<div class=\"pager\">")
	if n > 1 {
		fmt.Fprintf(&b, "<a href=\"%s\">首页</a> <a href=\"%s\">上一页</a> ", page(1), page(n-1))
	}
	lo, hi := max(1, n-4), min(total, n+5)
	if lo > 1 {
		fmt.Fprintf(&b, "<a href=\"%s\">1</a> <span>…</span> ", page(1))
	}
	for i := lo; i <= hi; i++ {
		if i == n {
			fmt.Fprintf(&b, "<span class=\"current\">%d</span> ", i)
		} else {
			fmt.Fprintf(&b, "<a href=\"%s\">%d</a> ", page(i), i)
		}
	}
	if hi < total {
		fmt.Fprintf(&b, "<span>…</span> <a href=\"%s\">%d</a> ", page(total), total)
	}
	if n < total {
		fmt.Fprintf(&b, "<a href=\"%s\">下一页</a> <a href=\"%s\">尾页</a> ", page(n+1), page(total))
	}
	fmt.Fprintf(&b, "<span class=\"info\">共%d页 共987条</span></div>", total)
	return b.String()
}

// cycleBar is a hand-made bar whose 下一页 on the last page leads back to
// page 1; the pages have no numbers in their URLs.
func cycleBar(s *site, n int) string {
	next := s.pages[0]
	if n < len(s.pages) {
		next = s.pages[n]
	}
	return fmt.Sprintf("<div class=\"page\"><a href=\"%s\">下一页</a></div>", next)
}

// repeatBar: rel=next to &page=2 on a server that ignores the page number.
func repeatBar(s *site, n int) string {
	return "<a href=\"detail.aspx?id=9&amp;page=2\" rel=\"next\">下一页</a>"
}

var sites = []*site{
	{
		name: "dede-article", about: "DedeCMS 5.7 article in three pages, GBK, CRLF: dede_pages bar, current page as <a href='#'>, a table on page 2, a paragraph split across pages 1 and 2, 下一篇 to the next article (124.html)",
		host: "www.lsxww.cn", enc: "gbk", crlf: true, ctype: "text/html", kind: "article", siteName: "芦淞新闻网",
		title: "芦淞区2023年国民经济和社会发展统计公报", date: "2024-03-18 09:30",
		pages: []string{"/a/tjgb/2024/0318/123.html", "/a/tjgb/2024/0318/123_2.html", "/a/tjgb/2024/0318/123_3.html"},
		bar:   dedeArticleBar,
		extra: []extra{{url: "/a/tjgb/2024/0320/124.html", title: "芦淞区召开2024年统计工作会议", content: "next.html"}},
	},
	{
		name: "dede-list", about: "DedeCMS 5.7 column in three pages, GBK: index.html is page 1 (also list_5_1.html), pagelist with 共N页, 首页/末页, the current page as <li class=thisclass>",
		host: "www.lsxww.cn", enc: "gbk", crlf: true, ctype: "text/html", kind: "list", siteName: "芦淞新闻网",
		title: "统计公报", pages: []string{"/a/tjgb/index.html", "/a/tjgb/list_5_2.html", "/a/tjgb/list_5_3.html"},
		bar:   dedeListBar,
		extra: []extra{{url: "/a/tjgb/list_5_1.html", sameAs: 1}},
	},
	{
		name: "empire-article", about: "EmpireCMS 7 article in four pages, GBK: absolute links, <b> current page, 1/4 in an anchor without href, 首页/尾页",
		host: "news.zzrb.cn", enc: "gbk", ctype: "text/html; charset=gb2312", kind: "article", siteName: "株洲日报",
		title: "株洲出台十条措施支持农业春耕生产", date: "2024-02-26 08:12:40",
		pages: []string{"/news/2024-02-26/4521.html", "/news/2024-02-26/4521_2.html", "/news/2024-02-26/4521_3.html", "/news/2024-02-26/4521_4.html"},
		bar:   empireBar,
	},
	{
		name: "dongyi-asp", about: "动易 SiteWeaver (ASP) article in three pages, GBK, CRLF: ShowArticle.asp?ArticleID=2371&ArticlePage=N, the pager inside the content, [N] labels, the current page in red",
		host: "www.zzyz.net", enc: "gbk", crlf: true, ctype: "text/html", kind: "article", siteName: "株洲市第一中学",
		title: "我校举行2023年秋季田径运动会", date: "2023-10-27",
		pages: []string{"/Article/ShowArticle.asp?ArticleID=2371", "/Article/ShowArticle.asp?ArticleID=2371&ArticlePage=2", "/Article/ShowArticle.asp?ArticleID=2371&ArticlePage=3"},
		bar:   dongyiBar,
	},
	{
		name: "phpcms-show", about: "PHPCMS v9 article in three pages, GBK: show-12-345-N.html (page 1 is -1), <div id=pages> with a1 links, the current page in a span",
		host: "www.lusong.gov.cn", enc: "gbk", ctype: "text/html", kind: "article", siteName: "芦淞区人民政府",
		title: "芦淞区老旧小区改造工程进展情况通报", date: "2023-09-12 16:05:33",
		pages: []string{"/show-12-345-1.html", "/show-12-345-2.html", "/show-12-345-3.html"},
		bar:   phpcmsBar,
	},
	{
		name: "discuz-thread", about: "Discuz! X3.4 thread in three pages, GBK: thread-8848-N-1.html, div.pg with <strong> current, / 3 页, a.nxt 下一页; <title> gains - 第N页",
		host: "bbs.zz.cn", enc: "gbk", ctype: "text/html; charset=gbk", kind: "article", siteName: "株洲论坛",
		title: "【攻略】株洲周边自驾游路线推荐，三天两晚不走回头路", date: "2023-4-18 21:07",
		pages: []string{"/thread-8848-1-1.html", "/thread-8848-2-1.html", "/thread-8848-3-1.html"},
		bar:   discuzBar,
		headTitle: func(s *site, n int) string {
			if n == 1 {
				return s.title + " - 自驾游 - 株洲论坛 - Powered by Discuz!"
			}
			return fmt.Sprintf("%s - 第%d页 - 自驾游 - 株洲论坛 - Powered by Discuz!", s.title, n)
		},
	},
	{
		name: "trs-article", about: "TRS WCM government article in three pages, GBK: t20240115_1234.html, _1, _2; the bar only a createPageHTML script call; 下一篇 to t20240115_1235.html (the same URL shape)",
		host: "www.zhuzhou.gov.cn", enc: "gbk", ctype: "text/html", kind: "article", siteName: "株洲市人民政府",
		title: "株洲市2023年政府信息公开工作年度报告", date: "2024-01-15 10:20",
		pages: []string{"/zwgk/xxgkml/ndbg/202401/t20240115_1234.html", "/zwgk/xxgkml/ndbg/202401/t20240115_1234_1.html", "/zwgk/xxgkml/ndbg/202401/t20240115_1234_2.html"},
		bar:   trsBar,
		extra: []extra{{url: "/zwgk/xxgkml/ndbg/202401/t20240115_1235.html", title: "株洲市2023年法治政府建设年度报告", content: "next.html"}},
	},
	{
		name: "trs-list", about: "TRS WCM column in three pages, UTF-8: index.html, index_1.html, index_2.html; the pager written by script from countPage/currentPage",
		host: "www.zhuzhou.gov.cn", enc: "utf-8", ctype: "text/html; charset=utf-8", kind: "list", siteName: "株洲市人民政府",
		title: "通知公告", pages: []string{"/zwgk/tzgg/index.html", "/zwgk/tzgg/index_1.html", "/zwgk/tzgg/index_2.html"},
		bar: trsListBar,
		// The notices the list pages link to: a crawl seeded with page 1
		// reaches those of pages 2 and 3 only through the script bar.
		extra: []extra{
			{url: "/zwgk/tzgg/202401/t20240109_1101.html", title: "关于2024年元旦放假安排的通知", content: "art.html", layout: "article.html"},
			{url: "/zwgk/tzgg/202401/t20240108_1102.html", title: "关于开展2024年春节前安全生产大检查的通知", content: "art.html", layout: "article.html"},
			{url: "/zwgk/tzgg/202401/t20240107_1103.html", title: "关于做好2024年春运工作的通知", content: "art.html", layout: "article.html"},
			{url: "/zwgk/tzgg/202401/t20240106_1104.html", title: "关于公布2023年度市级文明单位名单的通知", content: "art.html", layout: "article.html"},
			{url: "/zwgk/tzgg/202401/t20240105_1105.html", title: "关于开展第五次全国经济普查数据质量核查的通知", content: "art.html", layout: "article.html"},
			{url: "/zwgk/tzgg/202401/t20240104_1106.html", title: "关于2024年春节放假安排的通知", content: "art.html", layout: "article.html"},
			{url: "/zwgk/tzgg/202401/t20240103_1107.html", title: "关于做好2024年防汛抗旱准备工作的通知", content: "art.html", layout: "article.html"},
			{url: "/zwgk/tzgg/202401/t20240102_1108.html", title: "关于调整株洲市最低工资标准的通知", content: "art.html", layout: "article.html"},
			{url: "/zwgk/tzgg/202401/t20240101_1109.html", title: "关于开展2024年全民国防教育月活动的通知", content: "art.html", layout: "article.html"},
		},
	},
	{
		name: "wcm-pager-article", about: "WCM government article in three pages, GBK: t20240503_203.shtml, _1, _2; the bar only a new Pager({size, current, prefix, suffix}) call (the index from 0); 下一篇 to t20240503_204.shtml (the same URL shape)",
		host: "www.liling.gov.cn", enc: "gbk", ctype: "text/html", kind: "article", siteName: "醴陵市人民政府",
		title: "醴陵市2024年一季度经济运行情况", date: "2024-05-03 16:20",
		pages: []string{"/xxgk/tjxx/202405/t20240503_203.shtml", "/xxgk/tjxx/202405/t20240503_203_1.shtml", "/xxgk/tjxx/202405/t20240503_203_2.shtml"},
		bar:   wcmPagerBar,
		extra: []extra{{url: "/xxgk/tjxx/202405/t20240503_204.shtml", title: "醴陵市2024年一季度规模工业运行简况", content: "next.html"}},
	},
	{
		name: "laypage-list", about: "column in three pages, GBK: index.shtml, index_2.shtml, index_3.shtml; the bar drawn by layui laypage from count/limit/curr, its jump writing the addresses",
		host: "www.yanling.gov.cn", enc: "gbk", ctype: "text/html", kind: "list", siteName: "炎陵县人民政府",
		title: "通知公告", pages: []string{"/xxgk/tzgg/index.shtml", "/xxgk/tzgg/index_2.shtml", "/xxgk/tzgg/index_3.shtml"},
		bar: laypageListBar,
		// A crawl seeded with page 1 reaches the notices of pages 2 and 3
		// only through the script bar.
		extra: []extra{
			{url: "/xxgk/tzgg/202405/t20240520_1208.shtml", title: "关于做好2024年防汛抗旱工作的通知", content: "art.html", layout: "article.html"},
			{url: "/xxgk/tzgg/202405/t20240516_1207.shtml", title: "关于开展2024年安全生产月活动的通知", content: "art.html", layout: "article.html"},
			{url: "/xxgk/tzgg/202405/t20240510_1206.shtml", title: "关于公布2024年县级重点建设项目名单的通知", content: "art.html", layout: "article.html"},
			{url: "/xxgk/tzgg/202404/t20240428_1205.shtml", title: "关于2024年劳动节放假安排的通知", content: "art.html", layout: "article.html"},
			{url: "/xxgk/tzgg/202404/t20240419_1204.shtml", title: "关于开展2024年春季森林防火检查的通知", content: "art.html", layout: "article.html"},
			{url: "/xxgk/tzgg/202404/t20240408_1203.shtml", title: "关于做好2024年春耕生产工作的通知", content: "art.html", layout: "article.html"},
			{url: "/xxgk/tzgg/202403/t20240325_1202.shtml", title: "关于调整县城区公交线路的通告", content: "art.html", layout: "article.html"},
			{url: "/xxgk/tzgg/202403/t20240312_1201.shtml", title: "关于开展2024年义务植树活动的通知", content: "art.html", layout: "article.html"},
		},
	},
	{
		name: "wordpress-nextpage", about: "WordPress post split with <!--nextpage-->, UTF-8: /slug/2/, .page-links with post-page-numbers; the head's <link rel=next> and the post navigation's rel=next lead to the next post",
		host: "blog.xiangjiang.me", enc: "utf-8", ctype: "text/html; charset=UTF-8", kind: "article", siteName: "湘江边",
		title: "在株洲吃米粉：十家老店探访记", date: "2023-11-05T10:30:00+08:00",
		pages: []string{"/2023/11/05/zhuzhou-mifen/", "/2023/11/05/zhuzhou-mifen/2/", "/2023/11/05/zhuzhou-mifen/3/"},
		bar:   wpBar,
		headTitle: func(s *site, n int) string {
			if n == 1 {
				return s.title + " &#8211; 湘江边"
			}
			return fmt.Sprintf("%s &#8211; 第 %d 页 &#8211; 湘江边", s.title, n)
		},
	},
	{
		name: "jsp-query", about: "JSP portal article in two pages, GBK: content.jsp?id=789&page=N, 第1页/共2页, the current page in <font>, 前页/后页",
		host: "www.zzjs.gov.cn", enc: "gbk", ctype: "text/html;charset=GBK", kind: "article", siteName: "株洲市教育局",
		title: "关于做好2024年义务教育阶段招生入学工作的通知", date: "2024-05-20",
		pages: []string{"/art/content.jsp?id=789", "/art/content.jsp?id=789&page=2"},
		bar:   jspBar,
		// The bar links page 1 as &page=1.
		extra: []extra{{url: "/art/content.jsp?id=789&page=1", sameAs: 1}},
	},
	{
		name: "big5-php", about: "Taiwanese PHP news site, article in two pages, Big5: news.php?id=55&p=N, 上一頁/下一頁, the current page in <strong>",
		host: "www.tpcnews.com.tw", enc: "big5", ctype: "text/html; charset=big5", kind: "article", siteName: "北市新聞網",
		title: "臺北市推動老舊公寓增設電梯補助 申請件數創新高", date: "2023/08/14",
		pages: []string{"/news.php?id=55", "/news.php?id=55&p=2"},
		bar:   big5Bar,
		// The bar links page 1 as &p=1.
		extra: []extra{{url: "/news.php?id=55&p=1", sameAs: 1}},
	},
	{
		name: "relnext", about: "modern news site, article in two pages, UTF-8: no visible numbers, only <link rel=prev/next> in the head and a › button",
		host: "www.zznews.gov.cn", enc: "utf-8", ctype: "text/html; charset=utf-8", kind: "article", siteName: "株洲新闻网",
		title: "长株潭城际铁路开通十周年：日均客流突破三万人次", date: "2026-12-26 09:00",
		pages: []string{"/news/2026/1226/8841.html", "/news/2026/1226/8841_2.html"},
		bar:   relNextHead,
	},
	{
		name: "people-hyphen", about: "人民网 article in three pages, GB2312: c356885-40765432-N.html, the pager (div.zdfy) with the current page as an <a> without href; a 湖南日报 edition line and a 责编 line inside the content on every page",
		host: "hn.people.com.cn", enc: "gbk", ctype: "text/html", kind: "article", siteName: "人民网",
		title: "湘江治理十年：干流水质稳定保持Ⅱ类以上", date: "2024年03月05日08:16",
		pages: []string{"/n2/2024/0305/c356885-40765432.html", "/n2/2024/0305/c356885-40765432-2.html", "/n2/2024/0305/c356885-40765432-3.html"},
		bar:   peopleBar,
		headTitle: func(s *site, n int) string {
			if n == 1 {
				return s.title + "--湖南频道--人民网"
			}
			return fmt.Sprintf("%s(%d)--湖南频道--人民网", s.title, n)
		},
	},
	{
		name: "big-bar", about: "ASP.NET column of 50 pages, GBK: pages 1, 25 and 50 served; a window of numbers with … to the ends, 共50页",
		host: "www.zzgx.gov.cn", enc: "gbk", ctype: "text/html; charset=gb2312", kind: "list", siteName: "株洲高新区",
		title: "工作动态", pages: []string{"/list.aspx?cid=7", "/list.aspx?cid=7&page=25", "/list.aspx?cid=7&page=50"},
		content: []string{"1.html", "25.html", "50.html"},
		bar: func(s *site, n int) string {
			return bigListBar(s, []int{1, 25, 50}[n-1])
		},
	},
	{
		name: "trap-cycle", about: "trap: an article in three pages whose URLs carry no page numbers; the last page's 下一页 leads back to page 1, UTF-8",
		host: "www.hsxw.cn", enc: "utf-8", ctype: "text/html; charset=utf-8", kind: "article", siteName: "荷塘新闻",
		title: "荷塘区开展夏季防汛应急演练", date: "2023-06-02 15:00",
		pages: []string{"/news/fangxun.html", "/news/fangxun-more.html", "/news/fangxun-end.html"},
		bar:   cycleBar,
	},
	{
		name: "trap-repeat", about: "trap: rel=next to &page=2 on a server that ignores the page number (page 2 is page 1 again), GBK",
		host: "www.tyxw.cn", enc: "gbk", ctype: "text/html", kind: "article", siteName: "天元新闻",
		title: "天元区新建三所公办幼儿园秋季开学", date: "2023-08-30 11:00",
		pages:   []string{"/detail.aspx?id=9", "/detail.aspx?id=9&page=2"},
		content: []string{"1.html", "1.html"},
		bar:     repeatBar,
		ignored: []int{1},
	},
	{
		name: "dede-repeat", about: "DedeCMS article in four pages whose page 3 repeats page 2's text (the editor pasted a part twice); page 4 follows, GBK",
		host: "www.lsxww.cn", enc: "gbk", crlf: true, ctype: "text/html", kind: "article", siteName: "芦淞新闻网",
		title: "芦淞区2023年义务教育阶段学校招生工作公告", date: "2023-06-28 16:05",
		pages:   []string{"/a/jyxw/2023/0628/311.html", "/a/jyxw/2023/0628/311_2.html", "/a/jyxw/2023/0628/311_3.html", "/a/jyxw/2023/0628/311_4.html"},
		content: []string{"1.html", "2.html", "2.html", "3.html"},
		bar:     dedeArticleBar,
	},
	{
		name: "dede-gallery", about: "DedeCMS photo set (图集) in four pages: one picture a page under the same caption, GBK",
		host: "www.lsxww.cn", enc: "gbk", crlf: true, ctype: "text/html", kind: "article", siteName: "芦淞新闻网",
		title: "组图：芦淞区第二届“建宁杯”龙舟邀请赛开赛", date: "2023-09-15 09:40",
		pages:   []string{"/a/tpxw/2023/0915/312.html", "/a/tpxw/2023/0915/312_2.html", "/a/tpxw/2023/0915/312_3.html", "/a/tpxw/2023/0915/312_4.html"},
		content: []string{"g1.html", "g2.html", "g3.html", "g4.html"},
		bar:     dedeArticleBar,
	},
	{
		name: "suffix-single", about: "one-page articles whose URLs look like page N of another (info_5.shtml, info_6.shtml), no page bar, 上一篇/下一篇 to the neighbours; info.shtml does not exist, GBK",
		host: "www.chaling.gov.cn", enc: "gbk", ctype: "text/html", kind: "article", siteName: "茶陵县人民政府",
		title: "县委理论学习中心组召开2021年第一次集体学习会", date: "2021-03-05 09:30",
		pages: []string{"/xxgk/info_5.shtml"},
		extra: []extra{{url: "/xxgk/info_6.shtml", title: "县人大常委会召开第三十次会议", content: "other.html"}},
	},
	{
		name: "asp-print", about: "alias: an ASP article (show.asp?id=123) and its print view (print.asp?id=123), GBK",
		host: "www.yldz.gov.cn", enc: "gbk", crlf: true, ctype: "text/html", kind: "article", siteName: "攸县党政网",
		title: "攸县召开2024年安全生产工作会议", date: "2024-02-28 17:40:00",
		pages: []string{"/show.asp?id=123"},
		extra: []extra{{url: "/print.asp?id=123", title: "攸县召开2024年安全生产工作会议", content: "1.html", layout: "print.html"}},
	},
}
