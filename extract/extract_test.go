package extract

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func parseFile(t *testing.T, name, pageURL string) *Page {
	t.Helper()
	raw, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	p, err := Parse(raw, "", pageURL, nil)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestPortalArticle: a county portal's article page with everything
// around the article that is not the article.
func TestPortalArticle(t *testing.T) {
	p := parseFile(t, "testdata/portal-article.html", "http://t.test/news/2020/0318/123.html")
	for _, c := range []struct{ field, got, want string }{
		{"title", p.Title, "芦淞区召开2020年政务公开工作推进会"},
		{"published", p.Published, "2020-03-18T15:44:00+08:00"},
		{"source", p.Source, "芦淞区政府办"},
		{"author", p.Author, "王晓丽"},
	} {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.field, c.got, c.want)
		}
	}
	if p.Kind != KindArticle {
		t.Errorf("kind = %v", p.Kind)
	}
	text := p.Text()
	for _, keep := range []string{
		"来源时间为:2020-02-20",                        // an in-body line, not a byline
		"3月18日上午，芦淞区召开2020年政务公开工作推进会",             // U+3000 indentation gone
		"一、2019年工作回顾",                             // headings
		"“互联网+政务服务”，网上可办率达到100%",                  // + and % verbatim
		"主动公开政府信息5189条；\n办理区长信箱来信56件；",            // list items, one per line
		"图为推进会现场。",                                // the image's caption
		"项目\t2018年\t2019年\n主动公开信息（条）\t4210\t5189", // the table in place
		"A & B 两类事项分别办理，办结时限<5个工作日。",              // entities decoded
	} {
		if !strings.Contains(text, keep) {
			t.Errorf("text lacks %q", keep)
		}
	}
	for _, drop := range []string{
		"网站首页", "当前位置", "发布时间", "浏览次数", "分享到", "下一页", "上一篇", "下一篇",
		"打印本页", "关闭窗口", "返回顶部", "返回首页", "相关文章", "政务公开培训会", "网友评论",
		"希望以后", "最新新闻", "便民早餐", "热门推荐", "版权所有", "湘ICP备", "责任编辑",
		"今天是", "芦淞新闻_我爱株洲",
	} {
		if strings.Contains(text, drop) {
			t.Errorf("text holds %q:\n%s", drop, text)
		}
	}
	var tables int
	for _, b := range p.Blocks {
		if b.Kind == Table {
			tables++
			if len(b.Rows) != 3 || len(b.Rows[0]) != 3 {
				t.Errorf("table rows = %q", b.Rows)
			}
		}
	}
	if tables != 1 {
		t.Errorf("%d tables, want 1", tables)
	}
	if len(p.Attachments) != 1 || p.Attachments[0].URL != "http://t.test/uploads/2020/0318/meeting.jpg" {
		t.Errorf("attachments = %v, want the image in the content", p.Attachments)
	}
}

// TestPublished: the byline's date in the formats portals write, the time
// kept, the offset per the contract; not the footer's years, not the
// header's clock.
func TestPublished(t *testing.T) {
	tests := []struct{ lang, head, byline, want string }{
		{"zh-CN", "", "发布日期：2020/2/22 13:22:11 浏览：854", "2020-02-22T13:22:11+08:00"},
		{"zh-CN", "", "时间：2020-02-20 来源：株洲日报", "2020-02-20T00:00:00+08:00"},
		{"zh-CN", "", "2020年2月20日 来源：株洲日报", "2020-02-20T00:00:00+08:00"},
		{"zh-CN", "", "2020年02月20日 10:30 来源：新华网", "2020-02-20T10:30:00+08:00"},
		{"zh-CN", "", "2024年03月05日 星期二 08:30　XX晚报　记者 钱多多", "2024-03-05T08:30:00+08:00"},
		{"zh-CN", "", "2024年3月5日（星期二）17:30", "2024-03-05T17:30:00+08:00"},
		{"zh-HK", "", "2024年3月5日（星期二）<br>香港時間17時30分", "2024-03-05T17:30:00+08:00"},  // the time on its own line
		{"zh-CN", "", "2024年3月5日<br>来源：株洲日报<br>07:30", "2024-03-05T00:00:00+08:00"}, // a time not under its date
		{"zh-CN", `<meta name="publishdate" content="2020-02-20">`, "来源：新华网<br>03:45", "2020-02-20T00:00:00+08:00"},
		{"zh-CN", "", "成文日期：二〇二〇年二月二十日", "2020-02-20T00:00:00+08:00"},
		{"zh-CN", "", "2024-03-18 09:12:33 来源：衢江报 作者：记者 方华 通讯员 叶晓 浏览次数：1234 【字体：大 中 小】 【打印】【关闭】", "2024-03-18T09:12:33+08:00"},
		// The publication's date, not when the page was written or changed.
		{"zh-CN", "", "更新时间：2024-03-07 09:00 发布时间：2024-03-05 10:20", "2024-03-05T10:20:00+08:00"},
		{"zh-CN", "", "修改时间：2024-03-07 发布日期：2024-03-05", "2024-03-05T00:00:00+08:00"},
		{"zh-CN", "", "<ul><li>成文日期：2024-02-26</li><li>文号：某政办发〔2024〕3号</li><li>发布日期：2024-03-05</li></ul>", "2024-03-05T00:00:00+08:00"},
		{"zh-CN", "", "<table><tr><td>成文日期</td><td>2024-02-26</td><td>发布日期</td><td>2024-03-05</td></tr></table>", "2024-03-05T00:00:00+08:00"},
		{"zh-CN", `<meta name="PubDate" content="2024-03-05 10:20">`, "更新时间：2024-03-07 09:00", "2024-03-05T10:20:00+08:00"},
		{"zh-CN", `<meta name="PubDate" content="2024-03-05">`, "发布时间：　更新时间：2024-03-07", "2024-03-05T00:00:00+08:00"}, // 发布时间 left empty
		{"zh-TW", "", "發布日期：109-02-20", "2020-02-20T00:00:00+08:00"},
		// Discuz X's relative date, the whole one in its title; a title
		// that is no date leaves nothing to read.
		{"zh-CN", "", `发表于 <span title="2024-4-16 10:22:33">3&nbsp;天前</span>`, "2024-04-16T10:22:33+08:00"},
		{"zh-CN", "", `发表于 <span title="2024-4-16 10:22">昨天&nbsp;10:22</span>`, "2024-04-16T10:22:00+08:00"},
		{"zh-CN", "", `发表于 <span title="楼主">3&nbsp;天前</span>`, ""},
		{"zh-TW", "", "民國109年2月20日", "2020-02-20T00:00:00+08:00"},
		{"zh-CN", `<meta property="article:published_time" content="2020-02-20T10:30:00+09:00">`, "来源：新华网", "2020-02-20T10:30:00+09:00"},
		{"zh-CN", `<meta name="PubDate" content="2020-02-20 10:30">`, "来源：新华网", "2020-02-20T10:30:00+08:00"},
		// A <meta> day without time takes the byline's minute.
		{"zh-CN", `<meta name="publishdate" content="2020-02-20">`, "2020年02月20日07:48 | 来源：新华日报", "2020-02-20T07:48:00+08:00"},
		{"zh-CN", "", "作者：王晓丽", ""}, // the footer's 2019-2021 and the header's clock are no dates
		// A two-digit year after its label (百家号); not without one.
		{"zh-CN", "", "发布时间: 24-04-10 10:23", "2024-04-10T10:23:00+08:00"},
		{"zh-CN", "", "编号 24-04-10", ""},
		// English dates keep their time; a time line under the date
		// (info.gov.hk). (The page's text is Chinese: +08:00.)
		{"en", "", "Published: Apr 10, 2024 09:12 PM", "2024-04-10T21:12:00+08:00"},
		{"en", "", "Updated 16:30, 10-Apr-2024", "2024-04-10T00:00:00+08:00"},
		{"en", "", "Friday, April 12, 2024<br>Issued at HKT 16:45", "2024-04-12T16:45:00+08:00"},
		{"en", "", "Published March 5, 2019 10 people attended", "2019-03-05T00:00:00+08:00"},
		// Day or month first: the <meta> instant decides which, and gives
		// the wall clock shown its offset.
		{"zh-CN", `<meta property="article:published_time" content="2022-02-06T12:48:06+00:00">`, "发表时间： 06/02/2022 - 13:48", "2022-02-06T13:48:00+01:00"},
		{"en", `<meta property="article:published_time" content="2019-11-19T02:24:00Z">`, "Published 11/18/2019 9:24 PM", "2019-11-18T21:24:00-05:00"},
		{"en", "", "Published 18/11/2019", "2019-11-18T00:00:00+08:00"}, // 18 is no month (the page is Chinese: +08:00)
		{"en", "", "Published 06/02/2022", ""}, // ambiguous, and nothing to decide
		// A month without its day, when nothing else dates the page.
		{"zh-CN", "", "二〇〇三年五月", "2003-05-01T00:00:00+08:00"},
		{"zh-CN", "", "——《北京之春》1996年6月号", "1996-06-01T00:00:00+08:00"},
		// What only a script states (WeChat), or 新华网's <meta name=pubtime>.
		{"zh-CN", `<script>var ct = "1617171717"; var nickname = "株洲发布";</script>`, "株洲发布", "2021-03-31T14:21:57+08:00"},
		{"zh-CN", `<script>var createTime = '2021-03-31 14:21';</script>`, "株洲发布", "2021-03-31T14:21:00+08:00"},
		{"zh-CN", `<meta name="pubtime" content="2021-03-05 09:32:10">`, "来源：新华网", "2021-03-05T09:32:10+08:00"},
		{"zh-CN", `<script>window.DATA = {"title":"标题","media":"浙江日报","pubtime":"2024-03-08 07:30:12","comment_id":"0"}</script>`, "浙江日报", "2024-03-08T07:30:12+08:00"},
	}
	for _, tt := range tests {
		page := `<html lang="` + tt.lang + `"><head><meta charset="utf-8"><title>这是文章的标题_网站</title>` + tt.head + `</head><body>` +
			`<div class="top">今天是 2026年11月26日 星期四</div><h1>这是文章的标题</h1><div class="info">` + tt.byline + `</div>` +
			`<div>` + prose + `</div><div class="footer">版权所有 © 2019-2021 我爱株洲</div></body></html>`
		p, err := Parse([]byte(page), "", "http://t.test/a/1.html", nil)
		if err != nil {
			t.Fatal(err)
		}
		if p.Published != tt.want {
			t.Errorf("%q: published %q, want %q", tt.byline, p.Published, tt.want)
		}
		if strings.Contains(p.Text(), tt.byline) {
			t.Errorf("%q: the byline is in the text", tt.byline)
		}
	}
}

// TestPublishedAroundTheStory: the time printed under the story joins the
// date above it (news.gov.hk); a notice's event dates in its text do not
// beat the date under its headline.
func TestPublishedAroundTheStory(t *testing.T) {
	tests := []struct{ byline, body, after, want string }{
		{"2024年4月17日（星期三）", "", `<div class="newsdetailtime">香港時間18時30分</div><div class="tags">標籤：人才</div>`, "2024-04-17T18:30:00+08:00"},
		{"April 17, 2024 (Wednesday)", "", `<div class="newsdetailtime">HK Time 18:30</div>`, "2024-04-17T18:30:00+08:00"},
		{"2024年4月17日", "", `<div class="tags">標籤：人才</div><div>18:30</div>`, "2024-04-17T00:00:00+08:00"}, // not the first line after
		{"2024年4月17日 09:15", "", `<div>香港時間18時30分</div>`, "2024-04-17T09:15:00+08:00"},                   // the byline's own time
		{"2024.04.28　来源：开封交警", "<p>一、管制时间：2024年5月1日至5月5日，每日8时至22时。</p>", "", "2024-04-28T00:00:00+08:00"},
		{"2024-04-28　来源：县水务局", "<p>停水时间：2024年5月2日8时至18时</p>", "", "2024-04-28T00:00:00+08:00"},
		{"来源：县政府办", "<p>发布时间：2024年4月28日</p>", "", "2024-04-28T00:00:00+08:00"}, // a publication's label still dates it
	}
	for _, tt := range tests {
		page := `<html><head><meta charset="utf-8"><title>这是文章的标题_网站</title></head><body><h1>这是文章的标题</h1><div class="info">` + tt.byline + `</div>` +
			`<div class="content">` + tt.body + prose + `</div>` + tt.after + `<div class="footer">版权所有 © 2019-2021 我爱株洲</div></body></html>`
		p, err := Parse([]byte(page), "", "http://t.test/a/1.html", nil)
		if err != nil {
			t.Fatal(err)
		}
		if p.Published != tt.want {
			t.Errorf("%q %q %q: published %q, want %q", tt.byline, tt.body, tt.after, p.Published, tt.want)
		}
	}
}

// TestPublishedInTheGridAboveTheTitle: a disclosure page's 索引号 grid
// stands over the title, rows beyond the byline's window; its 发布日期 (or
// its 生成日期, when it names no other) dates the page, not the document's
// own signing date under its short text.
func TestPublishedInTheGridAboveTheTitle(t *testing.T) {
	for label, want := range map[string]string{"生成日期": "2024-04-09T00:00:00+08:00", "发布日期": "2024-04-09T00:00:00+08:00", "成文日期": "2024-04-08T00:00:00+08:00"} {
		page := `<html><head><meta charset="utf-8"><title>关于印发城市更新工作要点的通知</title></head><body><table>` +
			`<tr><td>索 引 号：</td><td>11510107MB1A23456X/2024-00123</td><td>信息分类：</td><td>城乡建设</td></tr>` +
			`<tr><td>发布机构：</td><td>区政府办</td><td>` + label + `：</td><td>2024-04-09</td></tr>` +
			`<tr><td>文　　号：</td><td>武府办〔2024〕12号</td><td>有 效 性：</td><td>有效</td></tr>` +
			`<tr><td>名　　称：</td><td>关于印发城市更新工作要点的通知</td></tr></table>` +
			`<h1>关于印发城市更新工作要点的通知</h1><div class="text"><p>各街道办事处，区政府各部门：</p>` +
			`<p>《城市更新工作要点》已经区政府同意，现印发给你们，请认真抓好贯彻落实。</p><p>区政府办公室</p><p>2024年4月8日</p></div></body></html>`
		p, err := Parse([]byte(page), "", "http://www.wuhou.gov.cn/wuhou/c119337/content_1.shtml", nil)
		if err != nil {
			t.Fatal(err)
		}
		if p.Published != want {
			t.Errorf("%s in the grid: published %q, want %q", label, p.Published, want)
		}
	}
}

// TestLongTableDoesNotOutrankArticle: a long table of links or short
// cells beside a short article does not become the content; a table inside
// the article stays with it.
func TestLongTableDoesNotOutrankArticle(t *testing.T) {
	var rows strings.Builder
	for i := range 120 {
		rows.WriteString(`<tr><td>株洲市芦淞区某某街道社区居民委员会第` + string(rune('0'+i%10)) + `网格</td><td>张某某</td><td>0731-2858054` + string(rune('0'+i%10)) + `</td></tr>`)
	}
	list := `<div class="list"><table>` + rows.String() + `</table></div>`
	article := `<div class="news"><h1>这是文章的标题</h1><p>3月18日上午，芦淞区召开政务公开工作推进会，总结全区政务公开工作，部署重点任务。</p><p>会议要求，各单位要围绕中心工作抓好政策解读，做到应公开尽公开。</p></div>`
	for name, body := range map[string]string{"before": list + article, "after": article + list} {
		page := `<html><head><meta charset="utf-8"><title>这是文章的标题_网站</title></head><body>` + body + `</body></html>`
		p, err := Parse([]byte(page), "", "http://t.test/a/1.html", nil)
		if err != nil {
			t.Fatal(err)
		}
		if text := p.Text(); !strings.Contains(text, "会议要求") || strings.Contains(text, "网格") {
			t.Errorf("%s: text = %.300q", name, text)
		}
	}
}

// TestTextNormalization: what #3 asks of the text: entities decoded,
// &nbsp; and U+3000 indentation folded, zero-width characters and soft
// hyphens gone, white space folded inside paragraphs, paragraphs kept,
// + % & < > and full-width letters and digits verbatim.
func TestTextNormalization(t *testing.T) {
	p := parseTest(t, `<h1>测试文章</h1><div class="content">
<p>&#12288;&#12288;第一段：互联网&#43;政务服务，办结率为100&#37;，A&amp;B，&lt;70分钟，&gt;8000人次，ＡＢＣ１２３。</p>
<p>第二段&nbsp;&nbsp;有&nbsp;空格，软&shy;连字符，零&#8203;宽字符，
换行在中文之间，and a line
break in English。</p>
`+prose+`</div>`)
	want := "第一段：互联网+政务服务，办结率为100%，A&B，<70分钟，>8000人次，ＡＢＣ１２３。\n" +
		"第二段 有 空格，软连字符，零宽字符，换行在中文之间，and a line break in English。"
	if !strings.HasPrefix(p.Text(), want) {
		t.Errorf("text:\n%s\nwant prefix:\n%s", p.Text(), want)
	}
}

// TestPortalKinds: every page of the sample portal is read as what it is:
// articles are stored, list, column and calendar pages only followed.
func TestPortalKinds(t *testing.T) {
	files, err := filepath.Glob("../testdata/portal/*/*.html")
	if err != nil {
		t.Fatal(err)
	}
	more, _ := filepath.Glob("../testdata/portal/*/*/*/*/*.html")
	dates, _ := filepath.Glob("../testdata/portal/bxsh/date/*.html")
	files = append(append(append(files, "../testdata/portal/index.html"), more...), dates...)
	if len(files) < 15 {
		t.Fatalf("only %d portal pages", len(files))
	}
	for _, f := range files {
		rel := strings.TrimPrefix(f, "../testdata/portal")
		want := KindArticle
		if strings.HasSuffix(rel, "index.html") || strings.Contains(rel, "/list_") || strings.Contains(rel, "/date/") {
			want = KindList
		}
		if p := parseFile(t, f, "http://t.test"+rel); p.Kind != want {
			t.Errorf("%s: %v, want %v", rel, p.Kind, want)
		}
	}
}

// TestArticleInADirectoryOfItsOwn: a short dated story whose address is a
// directory named by its id or slug (gov.mo's /news/1034567/) is an
// article; the same page at a column's address is not taken for one by
// its address.
func TestArticleInADirectoryOfItsOwn(t *testing.T) {
	for _, tc := range []struct {
		url  string
		want Kind
	}{
		{"https://www.gov.mo/zh-hant/news/1034567/", KindArticle},
		{"https://www.ipim.gov.mo/zh-hant/news/ipim-portugal-food-expo-2024/", KindArticle},
		{"https://www.ipim.gov.mo/zh-hant/tag/ipim-portugal-food-expo/", KindList},
	} {
		if p := parseFile(t, "testdata/kinds/news-detail-own-directory.html", tc.url); p.Kind != tc.want {
			t.Errorf("%s: %v, want %v", tc.url, p.Kind, tc.want)
		}
	}
}

// TestShortNoticeIsAnArticle: 动易's page of a two-sentence notice (GBK),
// dated by its 更新时间 beside its 文章来源, is an article, not a list.
func TestShortNoticeIsAnArticle(t *testing.T) {
	p := parseFile(t, "testdata/kinds/powereasy-short-notice-gbk.html", "http://jyj.qinghe.example.cn/Article/ShowArticle.asp?ArticleID=807")
	if p.Kind != KindArticle || p.Published != "2024-06-06T00:00:00+08:00" || p.Source != "县教育局" || !strings.HasPrefix(p.Text(), "县教育局决定") {
		t.Errorf("%v, published %q, source %q, text %q; want an article of 2024-06-06 by 县教育局", p.Kind, p.Published, p.Source, p.Text())
	}
}

// TestListPageArchivedAsItIs: a column page archived as the page it is
// keeps no item's counter in its text (点击:855, which moves on every
// request) and takes no item's [置顶] mark for its author.
func TestListPageArchivedAsItIs(t *testing.T) {
	p := parseFile(t, "../testdata/portal/bxsh/index.html", "http://127.0.0.1:8111/bxsh/")
	if p.Kind != KindList {
		t.Fatalf("kind %v, want a list", p.Kind)
	}
	if p.Author != "" || strings.Contains(p.Text(), "点击") || !strings.Contains(p.Text(), "政府信息公开") {
		t.Errorf("author %q, text %q; want no author, the items without their counters", p.Author, p.Text())
	}
}

// TestDateArchiveIsAList: a blog's archive of a day or a month
// (/2024/06/16/) showing one post's teaser, linked, is a list, though its
// address has a date as posts' addresses do (a journal's page of one day,
// linking only the days around it, is not); the post itself is an
// article, its author the rel="author" link of the byline in the entry's
// footer.
func TestDateArchiveIsAList(t *testing.T) {
	for _, u := range []string{"http://127.0.0.164:49164/2024/06/16/", "http://127.0.0.164:49164/2024/06/", "http://127.0.0.164:49164/2024/06/16/page/2/"} {
		if p := parseFile(t, "testdata/kinds/wp-day-archive.html", u); p.Kind != KindList {
			t.Errorf("%s: %v, want %v", u, p.Kind, KindList)
		}
	}
	p := parseFile(t, "testdata/kinds/wp-post-byline-in-footer.html", "http://blog.example.cn/2024/06/market-renovation/")
	if p.Kind != KindArticle || p.Author != "阿杰" {
		t.Errorf("the post: %v, author %q; want an article by 阿杰", p.Kind, p.Author)
	}
}

// TestShortListPageByItsNumber: the last page of a short list of
// summaries at a script paged by its number alone (news.asp?page=3) is a
// list, as it was before ?page=N took the shape of its page 1; an
// article's page 2 (8803.html?page=2) is an article.
func TestShortListPageByItsNumber(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<html><head><meta charset="utf-8"><title>新闻动态-某某机械制造有限公司</title></head><body><div class="nav"><a href="/">网站首页</a><a href="/news.asp">新闻动态</a></div><div class="right">`)
	for i, item := range [][2]string{
		{"公司参加2024中国国际机床展览会", "4月8日至13日，公司携五款新型数控机床亮相第十八届中国国际机床展览会，吸引了众多国内外客商驻足洽谈。"},
		{"公司举办2024年度安全生产培训", "为进一步提高员工安全意识，公司于4月2日组织开展年度安全生产培训，全体一线员工参加。"},
		{"公司荣获“省级专精特新中小企业”称号", "近日，省工业和信息化厅公布2024年度专精特新中小企业名单，公司榜上有名。"},
	} {
		fmt.Fprintf(&b, `<div class="news-item"><h3><a href="/shownews.asp?id=%d">%s</a></h3><p class="summary">%s</p><span class="date">2024-04-%02d</span></div>`, 500-i, item[0], item[1], 20-i)
	}
	b.WriteString(`<div class="pages"><a href="news.asp?page=1">1</a><a href="news.asp?page=2">2</a><span class="cur">3</span></div></div></body></html>`)
	for _, u := range []string{"http://www.xxjx.com/news.asp?page=3", "http://www.xxjx.com/NewsList.aspx?page=3", "http://www.xxjx.com/channel/12.html?page=3"} {
		p, err := Parse([]byte(b.String()), "", u, nil)
		if err != nil {
			t.Fatal(err)
		}
		if p.Kind != KindList {
			t.Errorf("%s: %v, want %v", u, p.Kind, KindList)
		}
	}
}

// TestAttachmentListIsNoArticleList: a notice whose content ends in a
// long 附件 list is an article, however many files it links; the same
// links to pages make a list.
func TestAttachmentListIsNoArticleList(t *testing.T) {
	page := func(ext string) []byte {
		var b strings.Builder
		b.WriteString(`<html><head><meta charset="utf-8"><title>关于组织申报2024年度科技计划项目的通知_某某县科技局</title></head><body>` +
			`<h1>关于组织申报2024年度科技计划项目的通知</h1><div class="info">发布时间：2024-03-05</div><div class="content">` +
			`<p>各有关单位：现将2024年度科技计划项目申报工作通知如下，请按要求组织申报。</p>`)
		for i := 1; i <= 8; i++ {
			fmt.Fprintf(&b, `<p><a href="/uploads/2024/03/fj%d%s">附件%d：2024年度科技计划项目申报表（第%d类）</a></p>`, i, ext, i, i)
		}
		b.WriteString(`</div></body></html>`)
		return []byte(b.String())
	}
	for ext, want := range map[string]Kind{".docx": KindArticle, ".xls": KindArticle, ".html": KindList} {
		p, err := Parse(page(ext), "", "http://a.test/kjj/tzgg/202403/t20240305_1.html", nil)
		if err != nil {
			t.Fatal(err)
		}
		if p.Kind != want {
			t.Errorf("a notice with eight %s links: %v, want %v", ext, p.Kind, want)
		}
	}
}

// TestStatementNotice: a notice that is a statement (郑重声明：…) keeps it;
// a platform's disclaimer under a story is dropped.
func TestStatementNotice(t *testing.T) {
	const statement = "郑重声明：近日有不法分子冒充我公司工作人员，以办理业务为名骗取钱财，请广大市民提高警惕。"
	const disclaimer = "特别声明：以上内容为自媒体平台用户上传并发布，本平台仅提供信息存储服务。"
	page := `<html><head><meta charset="utf-8"><title>郑重声明_某某公司</title></head><body><h1>郑重声明</h1>` +
		`<div class="info">发布时间：2024-03-05</div><div class="content"><p>` + statement + `</p><p>特此声明。</p><p>某某公司</p></div></body></html>`
	p, err := Parse([]byte(page), "", "http://t.test/a/1.html", nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(p.Text(), statement) {
		t.Errorf("the notice's statement is not in the text: %q", p.Text())
	}
	page = `<html><head><meta charset="utf-8"><title>这是文章的标题_网站</title></head><body><h1>这是文章的标题</h1>` +
		`<div class="info">2024-03-05</div><div class="content">` + prose + `<p>` + disclaimer + `</p></div></body></html>`
	if p, err = Parse([]byte(page), "", "http://t.test/a/2.html", nil); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(p.Text(), disclaimer) {
		t.Error("the platform's disclaimer under the story is in the text")
	}
	// A statement page's own disclaimer is its text.
	const own = "免责声明：本网转载的其他媒体作品，不代表本网观点。"
	page = `<html><head><meta charset="utf-8"><title>版权声明_衢州新闻网</title></head><body><h1>版权声明</h1>` +
		`<div class="content">` + prose + `<p>` + own + `</p></div></body></html>`
	if p, err = Parse([]byte(page), "", "http://t.test/a/3.html", nil); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(p.Text(), own) {
		t.Error("a statement page lost its own disclaimer")
	}
}

// TestChronicleDates: the date lines that head a chronicle's entries are
// its text, the first one too.
func TestChronicleDates(t *testing.T) {
	page := `<html><head><meta charset="utf-8"><title>2024年第一季度大事记_某某县人民政府</title></head><body><h1>2024年第一季度大事记</h1>` +
		`<div class="content"><p>2024年1月5日</p><p>县委召开经济工作会议，部署全年重点工作任务。</p>` +
		`<p>2024年2月10日</p><p>县领导走访慰问困难群众，送去新春祝福和慰问金。</p>` +
		`<p>2024年3月8日</p><p>全县妇女工作会议召开，表彰了一批先进集体和个人。</p></div></body></html>`
	p, err := Parse([]byte(page), "", "http://t.test/a/4.html", nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(p.Text(), "2024年1月5日\n") {
		t.Errorf("text %q; want it to open with the first entry's date", p.Text())
	}
}

// TestSigningDateIsText: the date an official notice is signed with, under
// a short text, is the notice's own.
func TestSigningDateIsText(t *testing.T) {
	page := `<html><head><meta charset="utf-8"><title>关于印发2024年区政府工作要点的通知_XX区人民政府</title></head><body>` +
		`<h1>关于印发2024年区政府工作要点的通知</h1><div class="info">发布日期：2024-03-05</div><div class="TRS_Editor">` +
		`<p>各街道办事处、镇人民政府，区政府各部门：</p><p>现将《2024年区政府工作要点》印发给你们，请结合实际，认真贯彻落实。</p>` +
		`<p>XX区人民政府</p><p>2024年2月26日</p></div></body></html>`
	p, err := Parse([]byte(page), "", "http://t.test/a/1.html", nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(p.Text(), "XX区人民政府\n2024年2月26日") {
		t.Errorf("text %q; want it to end with the signature and its date", p.Text())
	}
}

// TestSummaryBoxIsNotText: the 摘要 box DedeCMS and PHPCMS print above the
// text repeats the lead cut short; the lead stays, once.
func TestSummaryBoxIsNotText(t *testing.T) {
	const lead = "本报讯（记者 周敏）3月5日上午，我县2024年“春风行动”专项招聘活动在县人力资源市场启动，活动共吸引62家企业参会。"
	for _, summary := range []string{
		"3月5日上午，我县2024年春风行动专项招聘活动在县人力资源市场启动...",
		"摘要：3月5日上午，我县2024年“春风行动”专项招聘活动在县人力资源市场启动",
		"3月5日上午，我县2024年“春风行动”专项招聘活动在县人力资源市场启动，活动共吸引62家企业参会……",
	} {
		page := `<html><head><meta charset="utf-8"><title>春风行动专项招聘活动启动_某某县新闻网</title></head><body>` +
			`<h1>春风行动专项招聘活动启动</h1><div class="info">发布时间：2024-03-05</div><div class="content">` +
			`<div class="intro">` + summary + `</div><p>` + lead + `</p>` + prose + `</div></body></html>`
		p, err := Parse([]byte(page), "", "http://t.test/a/1.html", nil)
		if err != nil {
			t.Fatal(err)
		}
		if first := p.Blocks[0].Text; first != lead {
			t.Errorf("summary %q: the text opens with %q, want the lead", summary, first)
		}
	}
	// A paragraph the next one repeats, in no box and with no label or
	// ellipsis, is text.
	for _, pair := range [][2]string{
		{"3月4日下午，县长李明主持召开县政府第十二次常务会议。", "会议传达学习了全国两会精神。会议指出，3月4日下午，县长李明主持召开县政府第十二次常务会议，是落实全年目标任务的重要举措。"},
		{"这是第一页的正文内容，主要介绍全年目标任务。", "这是第一页的正文内容，主要介绍全年目标任务。第二段继续说明具体安排。"},
	} {
		page := `<html><head><meta charset="utf-8"><title>县政府召开常务会议</title></head><body><h1>县政府召开常务会议</h1>` +
			`<div class="TRS_Editor"><p>` + pair[0] + `</p><p>` + pair[1] + `</p>` + prose + `</div></body></html>`
		p, err := Parse([]byte(page), "", "http://t.test/a/2.html", nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Blocks) < 2 || p.Blocks[0].Text != pair[0] {
			t.Errorf("%q, then a paragraph repeating it: the text opens with %q", pair[0], p.Blocks[0].Text)
		}
	}
	// A paragraph said twice is no summary of itself: both stay.
	const twice = "会议研究部署了本月重点工作，要求各部门抓好落实。"
	page := `<html><head><meta charset="utf-8"><title>县政府召开常务会议</title></head><body><h1>县政府召开常务会议</h1>` +
		`<div class="content"><p>` + twice + `</p><p>` + twice + `</p>` + prose + `</div></body></html>`
	p, err := Parse([]byte(page), "", "http://t.test/a/1.html", nil)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Count(p.Text(), twice) != 2 {
		t.Errorf("a paragraph said twice is in the text %d times, want 2", strings.Count(p.Text(), twice))
	}
}

// TestShortStoryWithASidebarIsAnArticle: two sentences under a byline
// that dates them and names their source are an article, though a long
// "latest news" box stands beside them and the URL is /local/1.html.
func TestShortStoryWithASidebarIsAnArticle(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<html><head><meta charset="utf-8"><title>城区新增两处口袋公园_某某头条</title></head><body><div class="side"><h3>最新资讯</h3><ul>`)
	for i := 1; i <= 16; i++ {
		fmt.Fprintf(&b, `<li><a href="/local/%d.html">某某县第%d批民生实事项目进展情况通报</a></li>`, 100+i, i)
	}
	b.WriteString(`</ul></div><div class="main"><h1>城区新增两处口袋公园</h1><div class="info">2024-03-09 来源：某某头条</div>` +
		`<div class="text"><p>近日，城区新建的两处口袋公园正式向市民开放，为周边居民提供了休闲健身的好去处。</p>` +
		`<p>据介绍，两处公园共栽植乔木120余株，铺设步道800余米。</p></div></div></body></html>`)
	p, err := Parse([]byte(b.String()), "", "http://t.test/local/1.html", nil)
	if err != nil {
		t.Fatal(err)
	}
	if p.Kind != KindArticle {
		t.Errorf("kind %v, want an article", p.Kind)
	}
}

// TestListDatesUnderTheArticle: the dated titles of a list after the
// article (24小时热榜) date nothing; a bare date under the text that the
// URL's date contradicts gives way to it; one the URL agrees with, or a
// page without a date in its URL, keeps it.
func TestListDatesUnderTheArticle(t *testing.T) {
	const article = `<h1>浙江发布2024年“千万工程”重点任务</h1><div class="content-article"><p>浙江省日前印发2024年“千万工程”重点任务清单，明确全年建设和美乡村2000个以上。</p>` +
		`<p>清单提出，今年将新增省级未来乡村200个，推进城乡风貌样板区建设100个，持续深化强村富民乡村集成改革，力争村级集体经济年经营性收入50万元以上的行政村占比达到65%，` +
		`同时深入推进农村人居环境整治提升，加快补齐农村基础设施和公共服务短板，推动城乡基本公共服务均等化，让乡村既有颜值又有气质，让农民群众的获得感、幸福感、安全感更加充实。</p>` + prose + `</div>`
	var list strings.Builder
	list.WriteString(`<div class="hot-list"><h3>24小时热榜</h3><ul>`)
	for i := 1; i <= 6; i++ {
		fmt.Fprintf(&list, `<li><a href="/rain/a/2024%02d.html">全市第%d次安全生产工作会议召开</a><span class="date">2024-01-%02d</span></li>`, i, i, 9+i)
	}
	list.WriteString(`</ul></div>`)
	for _, tc := range []struct{ name, url, body, want string }{
		{"list after, URL dated", "https://zjnews.zjol.com.cn/system/2024/03/08/030123456.shtml", article + list.String(), "2024-03-08T00:00:00+08:00"},
		{"list after, URL undated", "https://new.qq.com/rain/a/A01ABC00.html", article + list.String(), ""},
		{"signing date the URL contradicts", "http://www.x.gov.cn/art/2024/03/08/art_1.html", article[:len(article)-6] + `<p>2024年1月10日</p></div>`, "2024-03-08T00:00:00+08:00"},
		{"signing date the URL agrees with", "http://www.x.gov.cn/art/2024/03/08/art_1.html", article[:len(article)-6] + `<p>2024年3月6日</p></div>`, "2024-03-06T00:00:00+08:00"},
	} {
		page := `<html><head><meta charset="utf-8"><title>浙江发布2024年“千万工程”重点任务_腾讯新闻</title></head><body>` + tc.body + `</body></html>`
		p, err := Parse([]byte(page), "", tc.url, nil)
		if err != nil {
			t.Fatal(err)
		}
		if p.Published != tc.want {
			t.Errorf("%s: published %q, want %q", tc.name, p.Published, tc.want)
		}
	}
}

// TestDatedListBoxBesideTheArticle: a table layout (EmpireCMS, 动易) puts
// the article and its 热门排行 box, each item a title and its date, in
// boxes of the same class side by side. The list box is no post of a
// thread; the short article is the content.
func TestDatedListBoxBesideTheArticle(t *testing.T) {
	list := func(heading string) string {
		var b strings.Builder
		b.WriteString(`<table class="box"><tr><td class="title_info"><strong>` + heading + `</strong></td></tr><tr><td><ul>`)
		for i := 1; i <= 12; i++ {
			fmt.Fprintf(&b, `<li><a href="/nongye/%d.html">城关镇开展第%d次“学雷锋”志愿服务</a><span class="date">2024-01-%02d</span></li>`, 100+i, i, i)
		}
		return b.String() + `</ul></td></tr></table>`
	}
	article := `<h1>常山胡柚迎来“春梢管理”关键期</h1>` +
		`<div class="info">发布时间：2024-03-07 11:22:10 来源：<a href="/e/search/">常山县农业农村局</a> 作者：佚名</div>` +
		`<div id="text"><p>眼下正是胡柚春梢管理的关键时期，常山县农技人员深入各胡柚基地，指导果农开展疏花疏果、病虫害防治等工作。</p>` +
		`<p>据了解，常山胡柚种植面积达10.5万亩，去年产量约14万吨。</p></div>`
	for name, body := range map[string]string{
		"one list box":   `<table class="main"><tr><td width="300">` + list("热门排行") + `</td><td><table class="box"><tr><td>` + article + `</td></tr></table></td></tr></table>`,
		"two list boxes": `<table class="main"><tr><td width="300">` + list("热门排行") + list("最新发布") + `</td><td><table class="box"><tr><td>` + article + `</td></tr></table></td></tr></table>`,
		"div boxes":      `<div class="left"><div class="box">` + list("热门排行") + `</div></div><div class="right"><div class="box">` + article + `</div></div>`,
	} {
		page := `<html><head><meta charset="utf-8"><title>常山胡柚迎来“春梢管理”关键期</title></head><body>` + body + `</body></html>`
		p, err := Parse([]byte(page), "", "http://www.cshy.cn/nongye/2024-03-07/733.html", nil)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(p.Text(), "眼下正是胡柚春梢管理的关键时期") || p.Published != "2024-03-07T11:22:10+08:00" || p.Title != "常山胡柚迎来“春梢管理”关键期" {
			t.Errorf("%s: title %q, published %q, text %q", name, p.Title, p.Published, p.Text())
		}
	}
}

// TestNoProseNoArticle: a page of a few links and a footer at an
// article-shaped URL (a session trap's page) is not an article; the same
// page with a dated byline and a short notice is.
func TestNoProseNoArticle(t *testing.T) {
	page := func(content string) []byte {
		return []byte(`<html><head><meta charset="utf-8"><title>搜索 - 测试县人民政府</title></head><body>` +
			`<div class="nav"><a href="/">首页</a> | <a href="/news/">新闻动态</a> | <a href="/tzgg/">通知公告</a></div>` + content +
			`<div class="footer">主办：测试县人民政府办公室 版权所有 备案号：湘ICP备00000000号</div></body></html>`)
	}
	for _, tc := range []struct {
		content string
		want    Kind
	}{
		{`<ul><li><a href="/q/list.jsp">刷新列表</a></li><li><a href="/q/item.jsp?id=1">条目一</a></li></ul>`, KindList},
		{`<h1>停水通知</h1><div class="info">发布时间：2024-03-15</div><div class="content"><p>3月16日停水。</p></div>`, KindArticle},
	} {
		p, err := Parse(page(tc.content), "", "http://a.test/q/item.jsp?id=1", nil)
		if err != nil {
			t.Fatal(err)
		}
		if p.Kind != tc.want {
			t.Errorf("%s: %v, want %v", tc.content, p.Kind, tc.want)
		}
	}
}

// TestBodyWins: paragraphs straight under <body> make the body the
// content; nothing above it is looked at.
func TestBodyWins(t *testing.T) {
	page := `<html><head><meta charset="utf-8"><title>标题_网站</title></head><body>` + prose + `</body></html>`
	p, err := Parse([]byte(page), "", "http://t.test/a/1.html", nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(p.Text(), "本年度报告根据") || !strings.Contains(p.Text(), "认真贯彻落实条例") {
		t.Errorf("text = %q", p.Text())
	}
}

// TestShortArticlesBeatTheFooter: a county portal's article of a line or
// two (a notice, "详见附件", a 公示 that is a table) is the article, not the
// site footer beside it, which is longer; and an article that mentions its
// 主办/承办 units keeps them, whatever its wrapper is called.
func TestShortArticlesBeatTheFooter(t *testing.T) {
	page := func(content string) []byte {
		return []byte(`<html><head><meta charset="utf-8"><title>某某县人民政府</title><meta name="PubDate" content="2024-03-09 09:00"></head><body>` +
			`<div class="header">欢迎访问某某县人民政府门户网站！<a href="/">首页</a> | <a href="/fav">加入收藏</a></div>` +
			`<div class="nav"><a href="/">首页</a> <a href="/xxgk/">信息公开</a> <a href="/zwdt/">政务动态</a></div>` +
			`<div class="article"><h1>某某县通知</h1><div class="art-info">发布时间：2024-03-09 09:00 来源：县政府办</div>` + content + `</div>` +
			`<div class="footer"><p>主办单位：某某县人民政府办公室　承办单位：某某县大数据发展中心</p>` +
			`<p>版权所有：某某县人民政府 地址：某某县人民路1号 电话：0571-12345678</p>` +
			`<p>网站标识码：3301270001 浙ICP备05012345号 浙公网安备 33012702000123号</p></div></body></html>`)
	}
	for _, tc := range []struct {
		name, content, want string
	}{
		{"one sentence", `<div class="TRS_Editor"><p>应征青年请于规定时间内到户籍所在地乡镇武装部报名，联系电话0571-12345678。</p></div>`,
			"应征青年请于规定时间内到户籍所在地乡镇武装部报名，联系电话0571-12345678。"},
		{"详见附件", `<div class="TRS_Editor"><p>现将拟录用公务员名单予以公示，详见附件。</p><p>附件：<a href="/P0202403.xls">拟录用公务员名单.xls</a></p></div>`,
			"现将拟录用公务员名单予以公示，详见附件。\n附件：拟录用公务员名单.xls"},
		{"a table", `<div class="TRS_Editor"><table border="1"><tr><td>姓名</td><td>单位</td></tr><tr><td>张三</td><td>县财政局</td></tr><tr><td>李四</td><td>县教育局</td></tr></table></div>`,
			"姓名\t单位\n张三\t县财政局\n李四\t县教育局"},
		{"主办 in the text, a wrapper named context", `<div class="context"><p>本次活动主办：市文化和旅游局，承办：市群众艺术馆。活动为期三天，欢迎市民参加。</p>` +
			`<p>活动期间，市群众艺术馆将开放全部展厅，并安排讲解员为市民讲解展品背后的故事，版权所有的展品不得拍照。</p></div>`,
			"本次活动主办：市文化和旅游局，承办：市群众艺术馆。活动为期三天，欢迎市民参加。\n活动期间，市群众艺术馆将开放全部展厅，并安排讲解员为市民讲解展品背后的故事，版权所有的展品不得拍照。"},
	} {
		p, err := Parse(page(tc.content), "", "http://www.x.gov.cn/xxgk/tzgg/202403/t20240309_123401.shtml", nil)
		if err != nil {
			t.Fatal(err)
		}
		if p.Text() != tc.want || p.Kind != KindArticle {
			t.Errorf("%s: %v, text %q\nwant an article, %q", tc.name, p.Kind, p.Text(), tc.want)
		}
	}
}

// TestTimeLabelsInTheText: a notice's own 举办时间： and 报名时间： lines,
// first or last in its text, are text, not a byline, and not its date.
func TestTimeLabelsInTheText(t *testing.T) {
	page := `<html><head><meta charset="utf-8"><title>关于举办春季招聘会的通知</title></head><body><h1>关于举办春季招聘会的通知</h1>` +
		`<div class="info">发布时间：2021-03-01 10:00 来源：市人社局</div><div class="content">` +
		`<p>一、举办时间：2021年3月20日9:00—12:00。</p><p>二、举办地点：市人力资源市场一楼大厅。</p>` +
		`<p>参会企业请于3月15日前通过网上报名系统提交招聘信息，逾期不予受理。</p><p>报名时间：2021年3月5日至3月15日</p></div></body></html>`
	p, err := Parse([]byte(page), "", "http://www.x.gov.cn/2021/0301/1.html", nil)
	if err != nil {
		t.Fatal(err)
	}
	if p.Published != "2021-03-01T10:00:00+08:00" {
		t.Errorf("published %q", p.Published)
	}
	for _, line := range []string{"一、举办时间：2021年3月20日9:00—12:00。", "报名时间：2021年3月5日至3月15日"} {
		if !strings.Contains(p.Text(), line) {
			t.Errorf("text lacks %q:\n%s", line, p.Text())
		}
	}
	// A byline's own labels, first in the content, stay bylines.
	for _, byline := range []string{"公开日期：2024-03-05", "添加时间：2024-03-05 10:23 点击：128", "信息时间：2024-03-05 来源：本站", "发稿时间：2024-03-05 来源：市林业局"} {
		page := `<html><head><meta charset="utf-8"><title>全市开展春季植树活动</title></head><body><h1>全市开展春季植树活动</h1>` +
			`<div class="content"><p>` + byline + `</p>` + prose + `</div></body></html>`
		p, err := Parse([]byte(page), "", "http://www.x.gov.cn/2024/0305/1.html", nil)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(p.Text(), byline[:9]) {
			t.Errorf("the byline %q is in the text", byline)
		}
	}
}

// TestFooterWordsInArticleWrappers: wrappers whose names have "bottom" in
// them (Bootstrap's border-bottom, detail-bottom) hold articles that close
// with 版权所有 or name a 主办 unit: all their paragraphs stay.
func TestFooterWordsInArticleWrappers(t *testing.T) {
	head := `<html><head><meta charset="utf-8"><title>市群众艺术馆举办春节民俗展</title></head><body>` +
		`<div class="header">欢迎访问某市人民政府门户网站 <a href="/">首页</a> <a href="/a">政务公开</a> <a href="/b">政务服务</a></div>` +
		`<div class="nav"><a href="/">首页</a> <a href="/xxgk/">信息公开</a> <a href="/zwdt/">政务动态</a> <a href="/hd/">互动交流</a></div>`
	foot := `<div class="footer"><p>主办单位：某市人民政府办公室　承办单位：某市大数据发展中心</p><p>版权所有：某市人民政府 网站标识码：3301270001 浙ICP备05012345号</p></div></body></html>`
	body := `<p>2月10日，由市文化和旅游局主办、市群众艺术馆承办的春节民俗展在市群众艺术馆开幕，展出剪纸、年画、灯彩等民俗作品三百余件，吸引了众多市民前来参观。</p>` +
		`<p>展览将持续至2月25日，市民可凭身份证免费入场参观。</p>` +
		`<p>据介绍，参展作品均由本市民间艺人创作，其中多件作品曾获省级以上奖项，作品作者均已授权展出。</p><p>（本网版权所有，转载请注明出处）</p>`
	info := `<div class="info">发布时间：2024-02-10 15:20　来源：市文旅局</div>`
	for _, tc := range []struct{ name, page string }{
		{"bootstrap border-bottom wrapper", head + `<div class="container"><div class="row"><div class="col-md-9 news-detail"><h1>市群众艺术馆举办春节民俗展</h1>` + info + `<div class="pb-3 border-bottom">` + body + `</div><div class="mt-3">【打印】【关闭】</div></div></div></div>` + foot},
		{"detail-top/detail-bottom", head + `<div class="detail"><div class="detail-top"><h1>市群众艺术馆举办春节民俗展</h1>` + info + `</div><div class="detail-bottom">` + body + `</div></div>` + foot},
		{"main_bottom wrapper", head + `<div class="main_top"><img src="/banner.jpg"></div><div class="main_bottom"><div class="left"><h1>市群众艺术馆举办春节民俗展</h1>` + info + `<div class="con">` + body + `</div></div><div class="right"><a href="/x">通知公告</a></div></div>` + foot},
		{"lead para + bottom part", head + `<div class="article"><h1>市群众艺术馆举办春节民俗展</h1>` + info + `<div class="art-top"><p>2月10日，春节民俗展在市群众艺术馆开幕，吸引了众多市民前来参观，现场气氛热烈，市民纷纷拍照留念。</p></div><div class="art-bottom">` + body + `</div></div>` + foot},
	} {
		p, err := Parse([]byte(tc.page), "", "http://www.x.gov.cn/zwdt/202402/t20240210_1.html", nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"春节民俗展在市群众艺术馆开幕", "展览将持续至2月25日", "作品作者均已授权展出"} {
			if p.Kind != KindArticle || !strings.Contains(p.Text(), want) {
				t.Errorf("%s: %v, text %q lacks %q", tc.name, p.Kind, p.Text(), want)
			}
		}
	}
}

// TestAttachmentNames: a document's list of attachments, when the body
// names them nowhere else, is its 附件说明 and stays in the text; a
// download box repeating what the body says goes.
func TestAttachmentNames(t *testing.T) {
	const sign = `<p>成都市武侯区人民政府办公室</p><p>2024年4月8日</p>`
	for _, tt := range []struct {
		name, body string
		keep, drop []string
	}{
		{"a 附件 box", sign + `<div class="fujian"><p>附件：</p><p><a href="/files/1.pdf">1.城市更新工作要点.pdf</a></p><p><a href="/files/2.xlsx">2.城市更新项目清单.xlsx</a></p></div>`,
			[]string{"1.城市更新工作要点.pdf", "2.城市更新项目清单.xlsx"}, nil},
		{"a list after its label", `<p>附件下载：</p><ul class="attach"><li><a href="/u/a.docx">1.项目申报书.docx</a></li><li><a href="/u/b.xlsx">2.项目汇总表.xlsx</a></li></ul>` + sign,
			[]string{"1.项目申报书.docx", "2.项目汇总表.xlsx"}, nil},
		{"named in the body already", `<p>附件：1.城市更新工作要点</p><p>2.城市更新项目清单</p>` + sign +
			`<div class="fj"><p>附件下载：</p><p><a href="/files/1.pdf">1.城市更新工作要点.pdf</a></p><p><a href="/files/2.xlsx">2.城市更新项目清单.xlsx</a></p></div>`,
			[]string{"附件：1.城市更新工作要点"}, []string{"城市更新工作要点.pdf"}},
		{"links to pages", sign + `<div><p>附件：</p><p><a href="/news/1.html">城市更新工作推进会召开</a></p><p><a href="/news/2.html">城市更新项目签约</a></p></div>`,
			nil, []string{"城市更新工作推进会召开"}},
	} {
		page := `<html><head><meta charset="utf-8"><title>关于印发城市更新工作要点的通知_武侯区</title></head><body><h1>关于印发城市更新工作要点的通知</h1>` +
			`<div class="info">发布日期：2024-04-09</div><div class="text">` + prose + tt.body + `</div></body></html>`
		p, err := Parse([]byte(page), "", "http://www.cdwh.gov.cn/a/1.html", nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range tt.keep {
			if !strings.Contains(p.Text(), k) {
				t.Errorf("%s: text lacks %q: %q", tt.name, k, p.Text())
			}
		}
		for _, d := range tt.drop {
			if strings.Contains(p.Text(), d) {
				t.Errorf("%s: text holds %q: %q", tt.name, d, p.Text())
			}
		}
	}
}

// TestParagraphWrappers: an article whose every paragraph has a wrapper of
// its own (BBC's <div dir="ltr"><p>…</p></div>) is read whole, and its
// byline's comma-ended labels (作者, 李靜) name the author and leave the text.
func TestParagraphWrappers(t *testing.T) {
	page := `<!DOCTYPE html><html lang="zh-Hant"><head><meta charset="utf-8"><title>日本央行維持利率不變 日圓跌至34年新低 - BBC News 中文</title></head><body>` +
		`<header><a>BBC News, 中文</a><a>主頁</a><a>國際</a></header><main role="main"><article><h1 id="content">日本央行維持利率不變 日圓跌至34年新低</h1>` +
		`<div data-testid="byline"><ul><li><span>作者,</span><span>李靜</span></li><li><span>角色,</span><span>BBC中文</span></li></ul></div>` +
		`<time datetime="2024-04-16T08:12:45.000Z">2024年4月16日</time>`
	want := []string{"日圓兌美元匯率週二跌破154，創下1990年以來新低，市場關注日本當局是否會入市干預。", "日本財務大臣鈴木俊一表示，當局正「高度緊張地」關注匯市動向。",
		"分析人士指出，日圓持續走弱反映了日本與美國之間的利差，短期內難以扭轉。"}
	for _, p := range want {
		page += `<div dir="ltr"><p>` + p + `</p></div>`
	}
	page += `</article></main><footer>© 2024 BBC.</footer></body></html>`
	p, err := Parse([]byte(page), "", "https://www.bbc.com/zhongwen/trad/business-68826111", nil)
	if err != nil {
		t.Fatal(err)
	}
	if p.Text() != strings.Join(want, "\n") || p.Author != "李靜" || p.Published != "2024-04-16T08:12:45Z" {
		t.Errorf("author %q, published %q, text:\n%s", p.Author, p.Published, p.Text())
	}
	// Comments under the article, each in a wrapper of its own, are not
	// its paragraphs; nor is a lone wrapped notice under it.
	article := `<div class="article"><p>一、各学校要在4月20日前完成资助对象的认定工作，认定结果在校内公示不少于5个工作日。</p>` +
		`<p>二、各学校要加强资助政策宣传，通过家长会、告家长书等方式确保政策家喻户晓。</p></div>`
	for _, under := range []string{
		`<h3>网友留言</h3><div class="item"><p>这个政策太好了，希望能尽快落实到每一个家庭困难的学生身上，点赞！</p></div>` +
			`<div class="item"><p>请问民办学校的学生也可以申请吗？我家孩子在民办初中读书。</p></div>`,
		`<div class="note"><p>声明：本站转载的文章，版权归原作者所有，如有侵权请联系我们删除。</p></div>`,
	} {
		page := `<html><head><meta charset="utf-8"><title>关于做好2024年春季学期学生资助工作的通知</title></head><body><div class="wrap">` +
			`<h1>关于做好2024年春季学期学生资助工作的通知</h1><div class="info">发布时间：2024-04-16</div>` + article + under + `</div></body></html>`
		p, err := Parse([]byte(page), "", "http://www.xx.gov.cn/art/2024/4/16/art_1.html", nil)
		if err != nil {
			t.Fatal(err)
		}
		if want := "一、各学校要在4月20日前完成资助对象的认定工作，认定结果在校内公示不少于5个工作日。\n二、各学校要加强资助政策宣传，通过家长会、告家长书等方式确保政策家喻户晓。"; p.Text() != want {
			t.Errorf("text:\n%s\nwant the article's two paragraphs", p.Text())
		}
	}
}

// TestBarredOutlet: an English byline names its outlet between bars (By
// ZHANG YU in Yangzhou | China Daily | Updated: …); a section, a role or a
// share button there is none.
func TestBarredOutlet(t *testing.T) {
	for line, want := range map[string]string{
		"By ZHANG YU in Yangzhou | China Daily | Updated: 2024-06-13 09:32": "China Daily",
		"By JANE DOE | Associated Press | Updated: June 13, 2024":           "Associated Press",
		"By Mark Reyes | Opinion | June 13, 2024":                           "",
		"By Kim Park | Twitter | Email | Published June 13, 2024":           "",
		"By Tom Brady Jr. | Staff Writer | Sports | 3 min read":             "",
		"Source: China Daily | Updated: 2024-06-13":                         "",
	} {
		if got := barredOutlet(line); got != want {
			t.Errorf("barredOutlet(%q) = %q, want %q", line, got, want)
		}
	}
}
