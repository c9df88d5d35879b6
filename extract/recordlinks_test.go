package extract

import (
	"os"
	"slices"
	"strings"
	"testing"
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
