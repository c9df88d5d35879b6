package extract

import (
	"net/url"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// TestPageBarSnippets reads small bars as sites print them: each label of
// a next page, rel=next on <link> and <a>, bars named and unnamed, and the
// links that are not next pages.
func TestPageBarSnippets(t *testing.T) {
	const self = "http://x.cn/a/2024/123.html"
	tests := []struct {
		name  string
		url   string // the page's URL; self if ""
		head  string
		body  string
		next  string
		first string
		cur   int
		total int
	}{
		{name: "下一页", body: `<div class="pages"><a href="123_2.html">下一页</a></div>`, next: "123_2.html"},
		{name: "下页", body: `<p>[<a href="123_2.html">下页</a>]</p>`, next: "123_2.html"},
		{name: "后页", body: `<td><a href="123_2.html">后页&gt;&gt;</a></td>`, next: "123_2.html"},
		{name: "下一頁", body: `<div class="pagenav"><a href="123_2.html">下一頁</a></div>`, next: "123_2.html"},
		{name: "a photo set's 下一张", url: "http://x.cn/photo/2024/0501/tuji_551.html",
			body: `<div class="big-pic"><a href="javascript:;" class="prev">上一张</a><img src="/uploads/551/1.jpg"><a href="tuji_551_2.html" class="next">下一张</a></div>`,
			next: "tuji_551_2.html"},
		{name: "a photo set's last 下一张 leads to another set", url: "http://x.cn/photo/2024/0501/tuji_551_4.html",
			body:  `<div class="big-pic"><a href="tuji_551_3.html" class="prev">上一张</a><img src="/uploads/551/4.jpg"><a href="/photo/2024/0430/tuji_548.html" class="next">下一张</a></div>`,
			first: "tuji_551.html", cur: 4},
		{name: "next", body: `<nav><a href="123_2.html">Next</a></nav>`, next: "123_2.html"},
		{name: "next page", body: `<a href="123_2.html">next page »</a>`, next: "123_2.html"},
		{name: "›", body: `<div class="pagination"><a href="123_2.html">›</a></div>`, next: "123_2.html"},
		{name: "»", body: `<a href="123_2.html">&raquo;</a>`, next: "123_2.html"},
		{name: ">", body: `<span class="pg"><a href="123_2.html">&gt;</a></span>`, next: "123_2.html"},
		{name: "image with alt", body: `<a href="123_2.html"><img src="/img/next.gif" alt="下一页"></a>`, next: "123_2.html"},
		{name: "› before »", body: `<ul class="pagination"><li><a href="123_3.html">»</a></li><li><a href="123_2.html">›</a></li></ul>`, next: "123_2.html"},
		{name: "link rel=next", head: `<link rel="next" href="123_2.html">`, next: "123_2.html"},
		{
			name: "Xinhua's arrow pictures, no alt",
			body: `<div id="div_currpage"><a href="123_2.html"><img src="/images/xl-next.gif" border="0" width="46" height="30"></a></div>`,
			next: "123_2.html",
		},
		{
			name: "a bar of buttons",
			body: `<div class="pagebar"><button class="cur">1</button> <button onclick="location.href='123_2.html'">2</button> <button onclick="window.location.href='123_2.html'">下一页</button></div>`,
			next: "123_2.html", cur: 1,
		},
		{
			name: "the last page's bar is text alone", url: "http://x.cn/a/2024/123_3.html",
			body:  `<div class="pagebar">第3页 共3页 </div>`,
			first: "123.html", cur: 3, total: 3,
		},
		{
			// Text that is no bar of this page's: the URL says page 2.
			name: "a text bar that disagrees with the URL", url: "http://x.cn/a/2024/123_2.html",
			body: `<div class="pagebar">第3页 共3页 </div>`,
			cur:  0,
		},
		{
			name: "javascript:goPage(2), the page's script saying where it goes",
			head: `<script>function goPage(n) { var url = (n <= 1) ? "123.html" : "123_" + n + ".html"; window.location.href = url; }</script>`,
			body: `<div class="pagelist"><span>1</span> <a href="javascript:goPage(2)">2</a> <a href="javascript:goPage(3)">3</a> <a href="javascript:goPage(2)">下一页</a></div>`,
			next: "123_2.html", cur: 1,
		},
		{
			name: "javascript:fenye(2), defined as a variable over lines",
			head: "<script>var fenye =function\n (n) { location.href = n == 1 ? \"123.html\" : \"123_\" + n + \".html\"; };</script>",
			body: `<div class="pagelist"><span>1</span> <a href="javascript:fenye(2)">2</a> <a href="javascript:fenye(2)">下一页</a></div>`,
			next: "123_2.html", cur: 1,
		},
		{
			// A menu's showMenu(2) is no page, however it is labelled.
			name: "a menu's onclick with a number",
			head: `<script>function showMenu(n) { location.href = "123_" + n + ".html"; }</script>`,
			body: `<div class="pagelist"><span>1</span> <a href="#" onclick="showMenu(2);return false;">2</a></div>`,
		},
		{
			// A comment box's goPage goes to its own list: no page of the article.
			name: "javascript:goPage(2) of a comment box",
			head: `<script>function goPage(n) { location.href = "/comment/list.jsp?aid=123&page=" + n; }</script>`,
			body: `<div class="pagelist"><span>1</span> <a href="javascript:goPage(2)">2</a> <a href="javascript:goPage(2)">下一页</a></div>`,
		},
		{
			// url = "123_" + n + ".html"; if (n == 1) url = "123.html": not
			// read apart, so not read (page 1 is not 123_1.html).
			name: "javascript:goPage(n) whose address is set twice", url: "http://x.cn/a/2024/123_2.html",
			head: `<script>function goPage(n) { var url = "123_" + n + ".html"; if (n == 1) url = "123.html"; location.href = url; }</script>`,
			body: `<div class="pagelist"><a href="javascript:goPage(1)">1</a> <span>2</span> <a href="javascript:goPage(3)">3</a></div>`,
			cur:  0,
		},
		{
			name: "javascript:goPage(1) on page 2 leads to page 1", url: "http://x.cn/a/2024/123_2.html",
			head:  `<script>function goPage(n) { location.href = n == 1 ? "123.html" : "123_" + n + ".html"; }</script>`,
			body:  `<div class="pagelist"><a href="javascript:goPage(1)">1</a> <span>2</span> <a href="javascript:goPage(1)">上一页</a></div>`,
			first: "123.html", cur: 2,
		},
		{name: "a rel=next", body: `<a rel="next nofollow" href="123_2.html">继续阅读</a>`, next: "123_2.html"},
		{
			name: "page 1 at its bare URL, its bar linking ?page=1", url: "http://x.cn/news/8803.html",
			body: `<div class="pages"><a href="8803.html?page=1">1</a> <a href="8803.html?page=2">2</a> <a href="8803.html?page=2">下一页</a></div>`,
			next: "8803.html?page=2", cur: 1,
		},
		{
			name: "page 2 of it", url: "http://x.cn/news/8803.html?page=2",
			body:  `<div class="pages"><a href="8803.html">1</a> <span>2</span> <a href="8803.html">上一页</a></div>`,
			first: "8803.html", cur: 2,
		},
		{
			name: "numbers only, current as text",
			body: `<div>1 <a href="123_2.html">2</a> <a href="123_3.html">3</a></div>`,
			next: "123_2.html", cur: 1,
		},
		{
			name: "current in a span, page 2", url: "http://x.cn/a/2024/123_2.html",
			body: `<div class="page"><a href="123.html">1</a><span class="current">2</span><a href="123_3.html">3</a></div>`,
			next: "123_3.html", first: "123.html", cur: 2,
		},
		{
			name: "共N页 第N页", url: "http://x.cn/a/2024/123_2.html",
			body: `<div class="fy">共3页 第2页 <a href="123.html">首页</a> <a href="123.html">上一页</a> <a href="123_3.html">下一页</a></div>`,
			next: "123_3.html", first: "123.html", cur: 2, total: 3,
		},
		{
			name: "1/3 without links to numbers",
			body: `<div class="pagebox">页次：1/3 <a href="123_2.html">下一页</a> <a href="123_3.html">尾页</a></div>`,
			next: "123_2.html", cur: 1, total: 3,
		},
		{
			name: "last page: 下一页 back to page 1", url: "http://x.cn/a/2024/123_3.html",
			body:  `<div class="pages"><a href="123.html">1</a> <a href="123_2.html">2</a> <b>3</b> <a href="123.html">下一页</a></div>`,
			first: "123.html", cur: 3,
		},
		{
			name: "last page: 下一页 to itself", url: "http://x.cn/a/2024/123_2.html",
			body:  `<div class="pages"><a href="123.html">1</a> <b>2</b> <a href="123_2.html">下一页</a></div>`,
			first: "123.html", cur: 2,
		},
		{
			name: "page 2 without a link to page 1", url: "http://x.cn/a/2024/123_2.html",
			body: `<div class="pages"><a href="123_3.html">下一页</a></div>`,
			next: "123_3.html", first: "123.html", cur: 2,
		},
		{
			name: "下一篇 is another article",
			body: `<div class="context"><li>上一篇：<a href="122.html">甲</a></li><li>下一篇：<a href="124.html">乙</a></li></div><a href="124.html">下一篇</a>`,
		},
		{
			name: "next article with a next label, outside any bar",
			body: `<p><a href="124.html">下一页</a></p>`,
		},
		{
			name: "rel=next to the next post", head: `<link rel='next' title='乙' href='124.html' />`,
			body: `<nav class="navigation post-navigation"><div class="nav-links"><div class="nav-next"><a href="124.html" rel="next">乙 &rarr;</a></div></div></nav>`,
		},
		{
			name: "another host", body: `<div class="pages"><a href="http://y.cn/a/2024/123_2.html">下一页</a></div>`,
		},
		{
			name: "a page bar of comments is not the article's",
			body: `<div class="pages"><span>1</span><a href="123_2.html">2</a><a href="123_2.html">下一页</a></div>` +
				`<div class="comment-pages"><a href="/comment.php?aid=123&amp;page=2">下一页</a></div>`,
			next: "123_2.html", cur: 1,
		},
		{
			name: "a <div class=page> that wraps the whole page is no bar",
			body: `<div class="page"><p>` + strings.Repeat("正文正文正文正文正文。", 40) + `</p><a href="/other/2.html">2</a><a href="/other/3.html">3</a><a href="/other/2.html">下一页</a></div>`,
		},
		{
			name: "TRS script bar, page 2", url: "http://x.gov.cn/202401/t20240115_1234_1.html",
			body: `<div id="page_div"><script>createPageHTML(4, 1, "t20240115_1234", "html");</script></div>`,
			next: "t20240115_1234_2.html", first: "t20240115_1234.html", cur: 2, total: 4,
		},
		{
			name: "TRS script bar with variables and a div id", url: "http://x.gov.cn/202401/t20240115_1234.html",
			body: `<script>var _nPageCount = 2; var _nCurrIndex = 0; var _sPageName = "t20240115_1234"; var _sPageExt = "html";
createPageHTML('page_div', _nPageCount, _nCurrIndex, _sPageName, _sPageExt, 31);</script>`,
			next: "t20240115_1234_1.html", cur: 1, total: 2,
		},
		{
			name: "TRS one-page article: no bar", url: "http://x.gov.cn/202401/t20240115_1234.html",
			body: `<script>createPageHTML(1, 0, "t20240115_1234", "html");</script>`,
		},
		{
			name: "pageNav.js bar, page 3 of 4", url: "http://x.cn/news/2021/0601/88_3.html",
			body: `<div id="pageNav"></div><script>pageNav.pre = "上一页"; pageNav.next = "下一页";
pageNav.fn = function(p, pn) { if (p == 1) { location.href = "88.html"; } else { location.href = "88_" + p + ".html"; } };
pageNav.go(3, 4);</script>`,
			next: "88_4.html", first: "88.html", cur: 3, total: 4,
		},
		{
			name: "pageNav.js bar, page 1, one URL scheme", url: "http://x.cn/news/show.php?id=88",
			body: `<div id="pageNav"></div><script>pageNav.fn=function(p,pn){location.href='show.php?id=88&page='+p;};pageNav.go(1,3);</script>`,
			next: "show.php?id=88&page=2", cur: 1, total: 3,
		},
		{
			name: "a bar written whole by document.write", url: "http://x.cn/a/2024/123_2.html",
			body: `<div id="fy"><script type="text/javascript">document.write("<a href='123.html'>[1]</a> <b>[2]</b> <a href='123_3.html'>[3]</a> <a href='123_3.html'>下一页</a>");</script></div>` +
				`<script>document.write("<a href='124.html'>下一页</a>");</script>`,
			next: "123_3.html", first: "123.html", cur: 2,
		},
		{
			name: "Discuz: 1 ... and ... 50", url: "http://bbs.x.cn/thread-8848-25-1.html",
			body: `<div class="pg"><a href="thread-8848-1-1.html" class="first">1 ...</a><a href="thread-8848-24-1.html">24</a><strong>25</strong><a href="thread-8848-26-1.html">26</a><a href="thread-8848-50-1.html" class="last">... 50</a><label><input type="text" value="25"/><span title="共 50 页"> / 50 页</span></label><a href="thread-8848-26-1.html" class="nxt">下一页</a></div>`,
			next: "thread-8848-26-1.html", first: "thread-8848-1-1.html", cur: 25, total: 50,
		},
		{
			name: "the default port written out", body: `<div class="pages"><a href="http://x.cn:80/a/2024/123_2.html">下一页</a></div>`,
			next: "http://x.cn:80/a/2024/123_2.html",
		},
		{
			name: "the portal's www name", body: `<div class="pages"><a href="http://www.x.cn/a/2024/123_2.html">下一页</a></div>`,
			next: "http://www.x.cn/a/2024/123_2.html",
		},
		{
			name: "JSP page-jump menu", url: "http://x.gov.cn/info.jsp?id=5&pageNo=2",
			body: `<div>共3页 跳转到：<select onchange="window.location.href=this.options[this.selectedIndex].value">` +
				`<option value="info.jsp?id=5">第1页</option><option value="info.jsp?id=5&amp;pageNo=2" selected>第2页</option>` +
				`<option value="info.jsp?id=5&amp;pageNo=3">第3页</option></select></div>`,
			next: "info.jsp?id=5&pageNo=3", first: "info.jsp?id=5", cur: 2, total: 3,
		},
		{
			name: "a jump menu of bare numbers for a script names no page",
			body: `<div>共3页 <select onchange="goPage(this.value)"><option value="1">1</option><option value="2">2</option></select></div>`,
		},
		{
			name: "onclick bar",
			body: `<div class="pagebar"><span class="current">1</span> <a href="javascript:void(0)" onclick="location.href='123_2.html'">2</a> ` +
				`<a href="javascript:void(0)" onclick="location.href='123_2.html'">下一页</a></div>`,
			next: "123_2.html", cur: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := tt.url
			if u == "" {
				u = self
			}
			html := "<html><head><title>甲</title>" + tt.head + "</head><body><h1>甲</h1>" + tt.body + "</body></html>"
			p, err := Parse([]byte(html), "text/html; charset=utf-8", u, nil)
			if err != nil {
				t.Fatal(err)
			}
			checkBar(t, p.Pagination, u, tt.next, tt.first, tt.cur, tt.total)
		})
	}
}

func mustParse(t *testing.T, u string) *url.URL {
	t.Helper()
	pu, err := url.Parse(u)
	if err != nil {
		t.Fatal(err)
	}
	return pu
}

// TestLibraryPageBars reads bars that a library or a site script draws from
// a few numbers and a URL template (pagelib.go), and the scripts whose
// numbers make no bar of the page's. pages lists the bar's pages by number,
// relative to the page's URL.
func TestLibraryPageBars(t *testing.T) {
	const (
		column  = "http://x.gov.cn/xwzx/tzgg/index.shtml"
		article = "http://x.gov.cn/art/2024/5/3/t20240503_203.shtml"
	)
	const jumpIndex = `jump: function(obj, first){ if(!first){ location.href = "index_" + obj.curr + ".shtml"; } }`
	tests := []struct {
		name  string
		url   string
		body  string
		next  string
		first string
		cur   int
		total int
		pages map[int]string
		// tentative: the pages are guessed by a convention
		tentative bool
	}{
		// layui laypage
		{
			name: "laypage, column page 1", url: column,
			body: `<div id="page"></div><script>layui.use('laypage', function(){ var laypage = layui.laypage;
laypage.render({elem: 'page', count: 15, limit: 6, curr: 1, ` + jumpIndex + `});});</script>`,
			next: "index_2.shtml", cur: 1, total: 3,
			pages: map[int]string{1: "index.shtml", 2: "index_2.shtml", 3: "index_3.shtml"},
		},
		{
			name: "laypage, column page 2", url: "http://x.gov.cn/xwzx/tzgg/index_2.shtml",
			body: `<div id="page"></div><script>laypage.render({elem: 'page', count: 15, limit: 6, curr: 2, ` + jumpIndex + `});</script>`,
			next: "index_3.shtml", first: "index.shtml", cur: 2, total: 3,
		},
		{
			name: "laypage, page 1 named in the jump, pages counted from 0", url: column,
			body: `<script>laypage.render({elem: 'page', count: 30, curr: 1, jump(obj, first) {
	if (first) return;
	if (obj.curr === 1) { window.location.href = 'index.shtml'; } else { window.location.href = 'index_' + (obj.curr - 1) + '.shtml'; }
}});</script>`,
			next: "index_1.shtml", cur: 1, total: 3,
			pages: map[int]string{1: "index.shtml", 2: "index_1.shtml", 3: "index_2.shtml"},
		},
		{
			name: "laypage, page 1 by a ternary", url: "http://x.gov.cn/xwzx/tzgg/index_3.shtml",
			body: `<script>laypage.render({elem: 'page', count: 8, limit: 3, curr: 3, jump: function (obj, first) {
	if (!first) { location.href = obj.curr == 1 ? "index.shtml" : "index_" + obj.curr + ".shtml"; }
}});</script>`,
			first: "index.shtml", cur: 3, total: 3,
			pages: map[int]string{1: "index.shtml", 2: "index_2.shtml", 3: "index_3.shtml"},
		},
		{
			name: "laypage, url template on a column's directory", url: "http://x.cn/news/",
			body: `<div id="pages"></div><script>laypage.render({elem: 'pages', count: 30, url: 'list_{page}.html'});</script>`,
			next: "list_2.html", cur: 1, total: 3,
		},
		{
			name: "laypage, ?page= and curr from a variable", url: "http://x.cn/news/list.jsp?page=2",
			body: `<script>var total = 42; var pageNo = 2;
laypage.render({elem: 'page', count: total, limit: 20, curr: pageNo, jump: function(obj, first){ if(!first){ location.href = '?page=' + obj.curr; } }});</script>`,
			next: "list.jsp?page=3", first: "list.jsp", cur: 2, total: 3,
		},
		{
			name: "laypage 1.x, pages", url: "http://x.cn/col/index.html",
			body: `<script>laypage({cont: 'page', pages: 4, curr: 1, jump: function(e, first){ if(!first){ location.href = 'list_' + e.curr + '.html'; } }});</script>`,
			next: "list_2.html", cur: 1, total: 4,
		},
		// an element's data attributes
		{
			name: "data-total and data-url", url: "http://x.cn/tzgg/index.html",
			body: `<div class="page" data-total="2" data-url="index_{page}.html"></div><script src="/js/page.js"></script>`,
			next: "index_2.html", cur: 1, total: 2,
			pages: map[int]string{1: "index.html", 2: "index_2.html"},
		},
		{
			// 235 is a count of records, not of pages: no bar.
			name: "data-total alone, too many to be pages", url: "http://x.cn/tzgg/index.html",
			body: `<div class="page" data-total="235" data-url="index_{page}.html"></div>`,
			cur:  0,
		},
		{
			name: "data-count and data-size, {{page}}, page 2", url: "http://x.cn/tzgg/index_2.html",
			body: `<div id="pager" data-count="45" data-size="15" data-url="index_{{page}}.html"></div>`,
			next: "index_3.html", first: "index.html", cur: 2, total: 3,
		},
		{
			name: "data-pages, {p}", url: "http://x.cn/news/list.php",
			body: `<nav class="pg" data-pages="5" data-current="1" data-url="/news/list.php?p={p}"></nav>`,
			next: "list.php?p=2", cur: 1, total: 5,
		},
		// WCM's convention under other names, on articles
		{
			name: "Pager, article page 1", url: article,
			body: `<div id="pager"></div><script>Pager({size:3, current:0, prefix:"t20240503_203", suffix:"shtml"});</script>`,
			next: "t20240503_203_1.shtml", cur: 1, total: 3,
			pages: map[int]string{1: "t20240503_203.shtml", 2: "t20240503_203_1.shtml", 3: "t20240503_203_2.shtml"},
		},
		{
			name: "new Pager, article page 2", url: "http://x.gov.cn/art/2024/5/3/t20240503_203_1.shtml",
			body: `<script>var pager = new Pager({ pageCount: 3, curr: 1, name: 't20240503_203', ext: '.shtml' });</script>`,
			next: "t20240503_203_2.shtml", first: "t20240503_203.shtml", cur: 2, total: 3,
		},
		{
			name: "createPage, the last page counted from 1", url: "http://x.gov.cn/art/2024/5/3/t20240503_203_2.shtml",
			body:  `<script>createPage(3, 3, "t20240503_203", "shtml");</script>`,
			first: "t20240503_203.shtml", cur: 3, total: 3,
		},
		{
			name: "setPage with variables", url: article,
			body: `<script>var nCount = 2; var nIndex = 0; var sName = "t20240503_203";
setPage(nCount, nIndex, sName, "shtml");</script>`,
			next: "t20240503_203_1.shtml", cur: 1, total: 2,
		},
		// a site's own loop
		{
			name: "a bar written in a loop, page 1 under a ternary", url: "http://x.gov.cn/art/2024/3/12/art_1229_558812.html",
			body: `<div id="pagebar"></div><script>(function(){var total=3,cur=1,base="art_1229_558812";var h=[];
for(var i=1;i<=total;i++){var u=(i==1)?base+".html":base+"_"+i+".html";h.push(i==cur?'<span>'+i+'</span>':'<a href="'+u+'">'+i+'</a>');}
document.getElementById("pagebar").innerHTML=h.join(" ");})();</script>`,
			next: "art_1229_558812_2.html", cur: 1, total: 3,
			pages: map[int]string{1: "art_1229_558812.html", 2: "art_1229_558812_2.html", 3: "art_1229_558812_3.html"},
		},
		{
			name: "a loop from 0 below the count, TRS's addresses, on page 2", url: "http://x.cn/news/2024/0312/8812_1.html",
			body: `<script>var n = 3; for (let k = 0; k < n; k++) { var href = k === 0 ? '8812.html' : '8812_' + k + '.html'; document.write('<a href="' + href + '">' + (k + 1) + '</a> '); }</script>`,
			next: "8812_2.html", first: "8812.html", cur: 2, total: 3,
			pages: map[int]string{1: "8812.html", 2: "8812_1.html", 3: "8812_2.html"},
		},
		{
			// A loop over a list's records writes other articles' links.
			name: "a loop over records is no bar", url: "http://x.cn/news/2024/0312/8812.html",
			body: `<script>var n = 5; for (var i = 1; i <= n; i++) { html += '<li><a href="/news/content_' + i + '.html">' + titles[i] + '</a></li>'; }</script>`,
		},
		// a site's own pager function, defined in a script the page loads
		{
			name: "pageBar with WCM's arguments and the page's name", url: article,
			body: `<script src="/js/pagebar.js"></script><div class="detail-page"><script>pageBar(3,0,'t20240503_203','shtml');</script></div>`,
			next: "t20240503_203_1.shtml", cur: 1, total: 3,
			pages:     map[int]string{1: "t20240503_203.shtml", 2: "t20240503_203_1.shtml", 3: "t20240503_203_2.shtml"},
			tentative: true,
		},
		{
			// Another page's name: no bar of this page's.
			name: "a call naming another page", url: article,
			body: `<script>showRelated(3,0,'t20240401_150','shtml');</script>`,
		},
		// jQuery plugins
		{
			name: "jquery.pagination, link_to with __id__", url: "http://x.cn/news/index.html",
			body: `<div id="pager"></div><script>$(function(){ $("#pager").pagination(25, {items_per_page:10, current_page:0, num_display_entries:5, link_to:"index___id__.html"}); });</script>`,
			next: "index_1.html", cur: 1, total: 3,
			pages: map[int]string{1: "index.html", 2: "index_1.html", 3: "index_2.html"},
		},
		{
			name: "jquery.paginate, onChange", url: "http://x.cn/news/list_1.html",
			body: `<div id="page"></div><script>$('#page').paginate({count: 5, start: 1, display: 5, border: false, onChange: function(p){ location.href='list_'+p+'.html'; }});</script>`,
			next: "list_2.html", cur: 1, total: 5,
			pages: map[int]string{1: "list_1.html", 2: "list_2.html", 3: "list_3.html", 4: "list_4.html", 5: "list_5.html"},
		},
		{
			name: "twbsPagination, href", url: "http://x.cn/news/list.php?page=2",
			body: `<ul id="pagination"></ul><script>$('#pagination').twbsPagination({totalPages: 4, startPage: 2, visiblePages: 5, href: '?page={{number}}'});</script>`,
			next: "list.php?page=3", first: "list.php", cur: 2, total: 4,
		},
		{
			name: "GBK page, laypage", url: column,
			body: `<div id="page"></div><script>laypage.render({elem: 'page', count: 20, limit: 10, ` + jumpIndex + `});</script>`,
			next: "index_2.shtml", cur: 1, total: 2,
		},
		// scripts that make no bar of the page's
		{
			name: "laypage on an article, its template another page family", url: "http://x.cn/news/2024/0601/88.html",
			body: `<div id="page"></div><script>laypage.render({elem: 'page', count: 53, limit: 10, jump: function(obj, first){ if(!first){ location.href = "/comment/list_" + obj.curr + ".html"; } }});</script>`,
		},
		{
			name: "laypage on an article, list_{page} in its directory", url: "http://x.cn/news/2024/0601/88.html",
			body: `<script>laypage.render({elem: 'page', count: 53, url: 'list_{page}.html'});</script>`,
		},
		{
			name: "data-url of an API in the column's directory", url: "http://x.cn/news/index.html",
			body: `<div class="page" data-total="3" data-url="list.json?page={page}"></div>`,
		},
		{
			name: "laypage that loads its pages by ajax", url: column,
			body: `<script>laypage.render({elem: 'page', count: 53, jump: function(obj){ loadList(obj.curr, obj.limit); }});</script>`,
		},
		{
			name: "a script with numbers but no bar", url: column,
			body: `<script>var count = 15, limit = 6, curr = 1; var url = "index_" + curr + ".shtml"; setTimeout(function(){ $('#n').text(count); }, 1000);</script>`,
		},
		{
			name: "data-total without data-url", url: column,
			body: `<div class="page" data-total="3" data-size="10"></div>`,
		},
		{
			name: "data-url that does not vary", url: column,
			body: `<div class="page" data-total="3" data-url="#page-{page}"></div>`,
		},
		{
			name: "Pager of another article", url: article,
			body: `<script>Pager({size:3, current:0, prefix:"t20240503_204", suffix:"shtml"});</script>`,
		},
		{
			name: "a Pager definition, no call", url: article,
			body: `<script>function createPage(total, current, prefix, suffix) { document.write(prefix + "." + suffix); }</script>`,
		},
		// r18: a pager of something else on the page, in its directory
		{
			name: "laypage of the comments on a script's article (index.php?…&id=)", url: "http://x.cn/index.php?m=content&c=index&a=show&catid=12&id=3456",
			body: `<div id="comment-page"></div><script>laypage.render({elem: 'comment-page', count: 45, limit: 10, jump: function(obj, first){ if(!first){ location.href = 'index.php?m=comment&c=index&a=init&commentid=content_12-3456-1&page=' + obj.curr; } }});</script>`,
		},
		{
			name: "jquery.pagination of the comments on /?id=512", url: "http://x.cn/?id=512",
			body: `<div id="comment-page"></div><script>$("#comment-page").pagination(23, {items_per_page: 10, current_page: 0, callback: function(p){ location.href = '?id=512&comment_page=' + (p + 1); return false; }});</script>`,
		},
		{
			name: "laypage of the comments on an article at /news/12345/", url: "http://x.cn/news/12345/",
			body: `<div id="comment-page"></div><script>laypage.render({elem: 'comment-page', count: 64, limit: 20, jump: function(obj, first){ if(!first){ window.location.href = 'comments.html?page=' + obj.curr; } }});</script>`,
		},
		{
			name: "a home page's box of another column, list.jsp?cid=12&page=", url: "http://x.cn/",
			body: `<ul id="tzgg"><li><a href="/content.jsp?id=3401">关于2024年中考考点安排的公告</a></li></ul><div id="tzgg-page"></div><script>laypage.render({elem: 'tzgg-page', count: 86, limit: 6, jump: function(obj, first){ if(!first){ location.href = '/list.jsp?cid=12&page=' + obj.curr; } }});</script>`,
		},
		{
			name: "a column index's side box paged to mtbd_N.html", url: "http://x.cn/xwzx/index.html",
			body: `<div id="mtbd-page"></div><script>laypage.render({elem: 'mtbd-page', count: 40, limit: 2, jump: function(obj, first){ if(!first){ location.href = 'mtbd_' + obj.curr + '.html'; } }});</script>`,
		},
		{
			name: "a column index's side box paged by another query, index.html?type=down&page=", url: "http://x.cn/html/tzgg/index.html",
			body: `<div id="down-page"></div><script>laypage.render({elem: 'down-page', count: 30, limit: 5, jump: function(obj, first){ if(!first){ location.href = 'index.html?type=down&page=' + obj.curr; } }});</script>`,
		},
		{
			name: "an article's own bar of links over its comments' laypage to ?page=", url: "http://x.cn/news/2024/0601/88.html",
			body: `<div class="pages">共3页 <span class="current">1</span> <a href="88_2.html">2</a> <a href="88_3.html">3</a> <a href="88_2.html">下一页</a></div>` +
				`<div id="comment-page"></div><script>laypage.render({elem: 'comment-page', count: 32, limit: 8, jump: function(obj, first){ if(!first){ location.href = '?page=' + obj.curr + '#comment'; } }});</script>`,
			next: "88_2.html", cur: 1, total: 3,
			pages: map[int]string{1: "88.html", 2: "88_2.html", 3: "88_3.html"},
		},
		// x57c: a site script's own pager, its options in an object
		{
			name: "a site's pager object: pageCount and a urlTemplate", url: "http://x.com/news/2001.html",
			body: `<div id="pager"></div><script>var pageConf = {"pageCount":3,"currentPage":1,"urlTemplate":"/news/2001.html?page={page}"};renderPager("pager", pageConf);</script>`,
			next: "2001.html?page=2", cur: 1, total: 3,
			pages: map[int]string{1: "2001.html", 2: "2001.html?page=2", 3: "2001.html?page=3"},
		},
		{
			name: "a site's pager object on page 2, template in single quotes", url: "http://x.com/news/2001.html?page=2",
			body: `<script>initPager({ totalPage: 3, curPage: 2, url: '/news/2001.html?page={page}' });</script>`,
			next: "2001.html?page=3", first: "2001.html", cur: 2, total: 3,
			pages: map[int]string{2: "2001.html?page=2", 3: "2001.html?page=3"},
		},
		{
			name: "a pager object of the comments under an article", url: "http://x.com/news/2001.html",
			body: `<script>var commentPager = {"pageCount":5,"url":"/comment/list.jsp?aid=2001&page={page}"};</script>`,
		},
		{
			name: "an object with a placeholder but no page count", url: "http://x.com/news/2001.html",
			body: `<script>var share = {"url":"/news/2001.html?page={page}","title":"龙舟文化节"};</script>`,
		},
		{
			name: "a page count far past the cap", url: column,
			body: `<script>laypage.render({elem: 'page', count: 99999999, limit: 10, ` + jumpIndex + `});</script>`,
			next: "index_2.shtml", cur: 1, total: 500,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := "<html><head><title>通知公告</title></head><body><h1>通知公告</h1>" + tt.body + "</body></html>"
			raw, ctype := []byte(doc), "text/html; charset=utf-8"
			if strings.HasPrefix(tt.name, "GBK") {
				var err error
				if raw, err = simplifiedchinese.GBK.NewEncoder().Bytes(raw); err != nil {
					t.Fatal(err)
				}
				ctype = "text/html; charset=gbk"
			}
			p, err := Parse(raw, ctype, tt.url, nil)
			if err != nil {
				t.Fatal(err)
			}
			pg := p.Pagination
			abs := checkBar(t, pg, tt.url, tt.next, tt.first, tt.cur, tt.total)
			if pg.Tentative != tt.tentative {
				t.Errorf("tentative %v, want %v", pg.Tentative, tt.tentative)
			}
			if tt.total == 0 && len(pg.Pages) > 1 {
				t.Errorf("pages %v, want none", pg.Pages)
			}
			// Page 1 is named when the script names it or this is it;
			// else First is what the URL's scheme makes of it.
			if tt.total > 0 && len(pg.Pages) < tt.total-1 {
				t.Errorf("%d pages, want %d or %d", len(pg.Pages), tt.total-1, tt.total)
			}
			if tt.pages == nil {
				return
			}
			got := map[int]string{}
			for _, pl := range pg.Pages {
				got[pl.N] = pl.URL
			}
			for n, u := range tt.pages {
				if got[n] != abs(u) {
					t.Errorf("page %d is %q, want %q", n, got[n], abs(u))
				}
			}
			if len(got) != len(tt.pages) {
				t.Errorf("pages %v, want %d", got, len(tt.pages))
			}
		})
	}
}

// checkBar compares what the pagination of the page at u read with the
// next page, page 1 (u itself when "" and the page is page 1 or unknown),
// the current page and the total a case wants, its URLs relative to u.
// It returns the resolver of such URLs.
func checkBar(t *testing.T, pg Pagination, u, next, first string, cur, total int) (abs func(string) string) {
	t.Helper()
	abs = func(s string) string {
		if s == "" {
			return ""
		}
		return resolveURL(mustParse(t, u), s, "utf-8")
	}
	wantFirst := abs(first)
	if first == "" && cur <= 1 {
		wantFirst = u
	}
	if pg.Next != abs(next) || pg.First != wantFirst || pg.Current != cur || pg.Total != total {
		t.Errorf("got next %q first %q current %d total %d\nwant next %q first %q current %d total %d",
			pg.Next, pg.First, pg.Current, pg.Total, abs(next), wantFirst, cur, total)
	}
	return abs
}

// TestPageBarInsideTheContent: a photo page's bar stands in the content's
// box under a short caption (Xinhua's div_currpage in p-detail); the bar
// goes, the caption stays.
func TestPageBarInsideTheContent(t *testing.T) {
	const page = `<html><head><meta charset="utf-8"><title>（图文互动）茶农采茶忙-新华网</title></head><body>
<div class="topNav"><a href="/">返回首页</a> | <a href="/photo/">图片</a> | <a href="/local/">地方</a></div>
<div class="main"><div class="h-title">（图文互动）茶农采茶忙</div>
<div class="h-info"><span class="h-time">2024-05-20 10:05:11</span> <span>来源：新华网</span></div>
<div id="p-detail">
<p align="center"><img src="2.jpg" alt=""></p>
<p>茶农将采摘的鲜叶运往加工厂。</p>
<div id="div_currpage"><a href="c_1130144567.htm" class="prevpage">上一页</a>&nbsp;<a href="c_1130144567.htm">1</a>&nbsp;<span>2</span>&nbsp;<a href="c_1130144567_3.htm">3</a>&nbsp;<a href="c_1130144567_4.htm">4</a>&nbsp;<a href="c_1130144567_3.htm" class="nextpage">下一页</a></div>
</div>
<div class="p-editor">【纠错】 【责任编辑：吴京泽】</div></div>
<div class="morePic"><h3>更多图片</h3><ul><li><a href="/photo/2024-05/19/c_1130144001.htm">各地群众欢度端午</a></li></ul></div>
<div class="foot">新华网 版权所有</div></body></html>`
	p, err := Parse([]byte(page), "text/html; charset=utf-8", "http://www.news.cn/photo/2024-05/20/c_1130144567_2.htm", nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Text(); got != "茶农将采摘的鲜叶运往加工厂。" {
		t.Errorf("text %q, want the caption alone", got)
	}
	if p.Pagination.Current != 2 || p.Pagination.Next == "" {
		t.Errorf("pagination %+v, want page 2 with a next page", p.Pagination)
	}
}

// TestPostedBar: an ASP.NET pager posts the page's form for pages 2 and
// 3: no address to fetch, but the bar says how many there are.
func TestPostedBar(t *testing.T) {
	body := `<html><head><meta charset="utf-8"><title>政务动态</title></head><body><h1>县政府召开常务会议</h1><div class="content"><p>会议研究部署了近期重点工作。</p></div>` +
		`<div id="ctl00_cph_AspNetPager1">共3页 当前第1页 <a disabled="disabled">首页</a><a disabled="disabled">上一页</a><span>1</span>` +
		`<a href="javascript:__doPostBack('ctl00$cph$AspNetPager1','2')">2</a><a href="javascript:__doPostBack('ctl00$cph$AspNetPager1','3')">3</a>` +
		`<a href="javascript:__doPostBack('ctl00$cph$AspNetPager1','2')">下一页</a></div></body></html>`
	p, err := Parse([]byte(body), "text/html; charset=utf-8", "http://x.gov.cn/Item/Show.aspx?id=5521", nil)
	if err != nil {
		t.Fatal(err)
	}
	if pg := p.Pagination; !pg.FormPosted || pg.Total != 3 || pg.Current != 1 || pg.Next != "" {
		t.Errorf("pagination %+v; want posted, page 1 of 3, no next address", pg)
	}
	// A calendar's posted days (an ASP.NET Calendar in the sidebar) are
	// no pages of the article.
	cal := `<html><head><meta charset="utf-8"><title>政务动态</title></head><body><h1>县政府召开常务会议</h1><div class="content"><p>会议研究部署了近期重点工作。</p></div>` +
		`<div class="side"><table id="ctl00_Calendar1"><tr><td><a href="javascript:__doPostBack('ctl00$Calendar1','9000')">1</a></td><td><a href="javascript:__doPostBack('ctl00$Calendar1','9030')">31</a></td></tr></table></div></body></html>`
	if p, err := Parse([]byte(cal), "text/html; charset=utf-8", "http://x.gov.cn/Item/Show.aspx?id=5521", nil); err != nil || p.Pagination.FormPosted || p.Pagination.Total != 0 {
		t.Errorf("a calendar's posted days: %+v, %v; want no posted bar", p.Pagination, err)
	}
	// Without a count in words: the links number the pages.
	bare := strings.Replace(body, "共3页 当前第1页 ", "", 1)
	if p, err = Parse([]byte(bare), "text/html; charset=utf-8", "http://x.gov.cn/Item/Show.aspx?id=5521", nil); err != nil {
		t.Fatal(err)
	}
	if pg := p.Pagination; !pg.FormPosted || pg.Total != 3 || pg.Current != 1 {
		t.Errorf("without its count: %+v; want posted, page 1 of 3", pg)
	}
}
