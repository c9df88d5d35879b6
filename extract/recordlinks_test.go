package extract

import (
	"fmt"

	"os"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// A Hanweb JCMS column carries its list as records in a script: the links
// are there for discovery, and the page is a list.
func TestRecordLinks(t *testing.T) {
	raw, err := os.ReadFile("testdata/jcms-column.html")
	if err != nil {
		t.Fatal(err)
	}
	p, err := Parse(raw, "text/html; charset=UTF-8", "http://www.wuxing.gov.cn/col/col1229000/index.html", nil)
	if err != nil {
		t.Fatal(err)
	}
	if p.Kind != KindList {
		t.Errorf("kind %s, want list", p.Kind)
	}
	var got []Link
	for _, l := range p.Links {
		if strings.Contains(l.URL, "/art/") {
			got = append(got, l)
		}
	}
	want := []Link{
		{"http://www.wuxing.gov.cn/art/2024/3/15/art_1229000_59012345.html", "吴兴区召开2024年政务公开工作推进会"},
		{"http://www.wuxing.gov.cn/art/2024/3/14/art_1229000_59012001.html", "区政府常务会议研究部署“放管服”改革+营商环境优化工作"},
		{"http://www.wuxing.gov.cn/art/2024/3/12/art_1229000_59011876.html", "吴兴区2023年度政府信息公开工作年度报告"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("record links\n got %q\nwant %q", got, want)
	}
}

// An old portal's root is a frameset: its frames are its links.
func TestFramesetLinks(t *testing.T) {
	page := `<html><head><title>某县人民政府</title></head>
<frameset rows="120,*" frameborder="0"><frame src="top.htm" name="top" scrolling="no"><frame src="main/index.asp" name="main"></frameset></html>`
	p, err := Parse([]byte(page), "text/html", "http://www.x.gov.cn/", nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []Link{{"http://www.x.gov.cn/top.htm", "top"}, {"http://www.x.gov.cn/main/index.asp", "main"}}
	if !slices.Equal(p.Links, want) {
		t.Errorf("links %q, want %q", p.Links, want)
	}
}

// Older portals' lists open their articles by script.
func TestScriptLinks(t *testing.T) {
	page := `<html><body><ul>
<li><a href="javascript:openwin('/xxgk/2024/0315/123.html')">关于做好2024年春季森林防火工作的通知</a></li>
<li><a href="#" onclick="window.open('detail.jsp?id=456&amp;cid=7','_blank')">区政府召开常务会议</a></li>
<li><a href="javascript:void(0)">更多</a></li>
<li><a href="javascript:history.back()">返回</a></li>
<li><a href="/a/789.html" onclick="track('x.html')">普通链接</a></li>
</ul></body></html>`
	p, err := Parse([]byte(page), "text/html; charset=utf-8", "http://www.x.gov.cn/col/list.html", nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []Link{
		{"http://www.x.gov.cn/xxgk/2024/0315/123.html", "关于做好2024年春季森林防火工作的通知"},
		{"http://www.x.gov.cn/col/detail.jsp?id=456&cid=7", "区政府召开常务会议"},
		{"http://www.x.gov.cn/a/789.html", "普通链接"},
	}
	if !slices.Equal(p.Links, want) {
		t.Errorf("links\n got %q\nwant %q", p.Links, want)
	}
}

// A Hanweb column's next page is its next group of records, asked of
// dataproxy.jsp with the jpage call's parameters; a datastore that group
// answers is a list whose next page is the group after it, until
// <totalrecord> is reached.
func TestRecordGroups(t *testing.T) {
	column := func(records int, call string) string {
		var b strings.Builder
		b.WriteString(`<html><head><meta charset="utf-8"><title>工作动态</title></head><body><div id="4567"><script type="text/xml"><datastore><recordset>`)
		for i := range records {
			fmt.Fprintf(&b, `<record><![CDATA[<li><a href="/art/2024/5/%d/art_1234_%d.html">动态%d</a></li>]]></record>`, i+1, 600-i, i)
		}
		b.WriteString(`</recordset></datastore></script></div><script>` + call + `</script></body></html>`)
		return b.String()
	}
	const self = "http://www.sx.gov.cn/col/col1234/index.html"
	const params = "col=1&appid=1&webid=1&path=%2F&columnid=1234&unitid=4567&webname=%E6%9D%BE%E6%BA%AA&permissiontype=0"
	cases := []struct {
		name, page, want string
	}{
		{"first group full, more records", column(6, `$("#4567").jpage({totalRecord: 14, perPage: 2, groupSize: 3, proxyUrl: "/module/web/jpage/dataproxy.jsp",
			ajaxParam: {col: 1, appid: 1, webid: 1, path: "/", columnid: 1234, unitid: 4567, webname: "松溪", permissiontype: 0}});`),
			"http://www.sx.gov.cn/module/web/jpage/dataproxy.jsp?startrecord=7&endrecord=12&perpage=2&" + params},
		{"parameters in a variable, total in another", column(6, `var total = 9; var param_4567 = {col: 1, appid: 1, webid: 1, path: '/', columnid: 1234, unitid: '4567', webname: '松溪', permissiontype: 0};
			$('#4567').jpage({totalRecord: total, perPage: 2, groupSize: 3, proxyUrl: '/module/web/jpage/dataproxy.jsp', ajaxParam: param_4567});`),
			"http://www.sx.gov.cn/module/web/jpage/dataproxy.jsp?startrecord=7&endrecord=12&perpage=2&" + params},
		{"every record on the page", column(6, `$("#4567").jpage({totalRecord: 6, perPage: 2, proxyUrl: "/module/web/jpage/dataproxy.jsp", ajaxParam: {columnid: 1234}});`), ""},
		{"no total, a group that is not full", column(5, `$("#4567").jpage({perPage: 2, proxyUrl: "/module/web/jpage/dataproxy.jsp", ajaxParam: {columnid: 1234}});`), ""},
		{"another script's jpage", column(6, `$("#box").jpage({totalRecord: 60, perPage: 10, proxyUrl: "query!result.zf", ajaxParam: {q: 1}});`), ""},
	}
	for _, c := range cases {
		p, err := Parse([]byte(c.page), "text/html", self, nil)
		if err != nil {
			t.Fatal(err)
		}
		if p.Pagination.Next != c.want {
			t.Errorf("%s: next\n got %q\nwant %q", c.name, p.Pagination.Next, c.want)
		}
	}
	// A later page of the column's static list carries later records, not
	// the first group: no group is asked for from it.
	later := column(6, `$("#4567").jpage({totalRecord: 14, perPage: 2, groupSize: 3, proxyUrl: "/module/web/jpage/dataproxy.jsp", ajaxParam: {columnid: 1234}});`)
	if p, err := Parse([]byte(later), "text/html", self+"?uid=4567&pageNum=2", nil); err != nil || p.Pagination.Next != "" {
		t.Errorf("static list page 2: %v, next %q; want none", err, p.Pagination.Next)
	}

	// The answer: GBK, declared only in its XML prolog.
	store := func(start, end, total int) []byte {
		var b strings.Builder
		fmt.Fprintf(&b, `<?xml version="1.0" encoding="GBK"?><datastore><totalrecord>%d</totalrecord><recordset>`, total)
		for i := start; i <= min(end, total); i++ {
			fmt.Fprintf(&b, "<record><![CDATA[\n<li><a href=\"/art/2024/5/1/art_1234_%d.html\" title=\"县政府常务会议%d\">县政府常务会议%d</a><span>2024-05-01</span></li>]]></record>", i, i, i)
		}
		b.WriteString(`</recordset></datastore>`)
		raw, err := simplifiedchinese.GBK.NewEncoder().String(b.String())
		if err != nil {
			t.Fatal(err)
		}
		return []byte(raw)
	}
	group := func(start, end int) string {
		return fmt.Sprintf("http://www.sx.gov.cn/module/web/jpage/dataproxy.jsp?startrecord=%d&endrecord=%d&perpage=2&%s", start, end, params)
	}
	p, err := Parse(store(7, 12, 14), "text/xml", group(7, 12), nil)
	if err != nil {
		t.Fatal(err)
	}
	if p.Kind != KindList || p.Charset != "gbk" {
		t.Errorf("datastore: kind %s, charset %s; want a list in gbk", p.Kind, p.Charset)
	}
	if len(p.Links) != 6 || p.Links[0] != (Link{"http://www.sx.gov.cn/art/2024/5/1/art_1234_7.html", "县政府常务会议7"}) {
		t.Errorf("datastore links %q", p.Links)
	}
	if p.Pagination.Next != group(13, 18) {
		t.Errorf("datastore next %q, want %q", p.Pagination.Next, group(13, 18))
	}
	if p, err := Parse(store(13, 18, 14), "text/xml;charset=GBK", group(13, 18), nil); err != nil || len(p.Links) != 2 || p.Pagination.Next != "" {
		t.Errorf("last group: %v, %d links, next %q; want 2 links and no next", err, len(p.Links), p.Pagination.Next)
	}
}

// TestRecordGroupsOnlyOnColumns: an XHTML page opening with <?xml is a page
// even with a datastore in a script; a column's next group is asked for on
// a column, not for an article's sidebar box.
func TestRecordGroupsOnlyOnColumns(t *testing.T) {
	const art = "http://www.mx.gov.cn/art/2024/12/25/art_1228_5699.html"
	for _, tc := range []struct {
		file, url string
		kind      Kind
		next      bool // a dataproxy.jsp group as the next page
	}{
		{"article-xml-prolog.html", art, KindArticle, false},
		{"article-sidebar-jpage.html", art, KindArticle, false},
		{"column-xml-prolog.html", "http://www.mx.gov.cn/col/col1229/index.html", KindList, true},
	} {
		raw, err := os.ReadFile("testdata/hanweb/" + tc.file)
		if err != nil {
			t.Fatal(err)
		}
		p, err := Parse(raw, "text/html", tc.url, nil)
		if err != nil {
			t.Fatal(err)
		}
		if p.Kind != tc.kind || strings.Contains(p.Pagination.Next, "dataproxy") != tc.next {
			t.Errorf("%s: kind %s, next %q; want %s, a group %v", tc.file, p.Kind, p.Pagination.Next, tc.kind, tc.next)
		}
		if tc.kind == KindArticle && (p.Title == "" || len(p.Blocks) == 0) {
			t.Errorf("%s: title %q, %d blocks; want the article", tc.file, p.Title, len(p.Blocks))
		}
	}
}
