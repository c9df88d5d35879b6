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

// TestTitle: the article's title without the site's name, whichever side
// of the <title> the name stands.
func TestTitle(t *testing.T) {
	tests := []struct{ head, body, want string }{
		{`<title>标题在这里啊_芦淞新闻_我爱株洲</title>`, `<h1>标题在这里啊</h1>`, "标题在这里啊"},
		{`<title>标题在这里啊 - 某某市人民政府</title>`, ``, "标题在这里啊"},
		{`<title>某某市人民政府 - 标题在这里啊</title>`, `<h1>某某市人民政府</h1><h2>标题在这里啊</h2>`, "标题在这里啊"},
		{`<title>标题在这里啊|栏目|网站名称</title>`, `<div class="title">标题在这里啊</div>`, "标题在这里啊"},
		{`<title>很长很长的标题会被截断…_网站</title>`, `<h1>很长很长的标题会被截断的情况下也能找到</h1>`, "很长很长的标题会被截断的情况下也能找到"},
		{`<title>网站</title><meta property="og:title" content="社交标题也可以 | 网站">`, ``, "社交标题也可以"},
		{`<title>深读｜一座老城的更新样本 - 青川新闻网</title>`, `<h1>深读｜一座老城的更新样本</h1>`, "深读｜一座老城的更新样本"}, // a column's mark both print
		{`<title>【攻略】株洲周边自驾游路线推荐 - 自驾游 - 株洲论坛</title>`, `<h1><a href="/t">[攻略]</a> <span>【攻略】株洲周边自驾游路线推荐</span></h1>`, "【攻略】株洲周边自驾游路线推荐"},
		// A <title> of the site alone: a body's first section heading is
		// no title; the heading above it, or TRS's ArticleTitle, is.
		{`<title>XX县人民政府</title>`, `<h1>XX县关于做好2024年防汛工作的实施方案</h1><div class="TRS_Editor"><h3>一、总体要求</h3>`, "XX县关于做好2024年防汛工作的实施方案"},
		{`<title>XX县人民政府</title><meta name="ArticleTitle" content="XX县关于做好2024年防汛工作的实施方案">`, `<div class="TRS_Editor"><h3>一、总体要求</h3>`, "XX县关于做好2024年防汛工作的实施方案"},
		// The logo's heading is the site's name the <title> holds; the
		// title element under it is the article's.
		{`<title>江山市人民政府</title>`, `<h1 class="logo"><a href="/"><img src="/logo.png" alt="江山市人民政府">江山市人民政府</a></h1><div class="nav"><a href="/">首页</a><a href="/zwdt/">政务动态</a></div>` +
			`<div class="art-tit">江山市召开2024年一季度经济形势分析会</div><div class="art-sub"><span>发布时间：2024-04-12 17:45</span><span>来源：市发改局</span></div>`, "江山市召开2024年一季度经济形势分析会"},
		{`<title>江山市人民政府</title>`, `<h1><a href="/">江山市人民政府</a></h1><div class="art-tit">江山市召开2024年一季度经济形势分析会</div>`, "江山市召开2024年一季度经济形势分析会"},
		// A heading that is the whole <title> and no link is the title, whatever follows it.
		{`<title>江山市召开2024年一季度经济形势分析会</title>`, `<h1>江山市召开2024年一季度经济形势分析会</h1><h2 class="sub-title">总结一季度经济运行情况</h2>`, "江山市召开2024年一季度经济形势分析会"},
		// An old ASP page: the title in bold in the row above the byline.
		{`<title>::常山县农业信息网::</title>`, `<table><tr><td><a href="index.asp">首 页</a> | <a href="news.asp">农业新闻</a></td></tr>` +
			`<tr><td><font color="#FF0000" size="4"><b>常山县开展早稻集中育秧技术培训</b></font></td></tr>` +
			`<tr><td><font color="#666666">【作者：县农技站　来源：农业信息网　发布时间：2024-3-28 9:15:07　点击：326】</font></td></tr></table>`, "常山县开展早稻集中育秧技术培训"},
		{`<title>::常山县农业信息网::</title>`, ``, "常山县农业信息网"},
		{`<title>:: 招聘公告 ::</title>`, ``, "招聘公告"},
		// A mark on one side is the title's own: a stock under special
		// treatment.
		{`<title>*ST康美：重整计划获法院批准</title>`, ``, "*ST康美：重整计划获法院批准"},
		// A government site's name after a bare hyphen; a title's own hyphens.
		{`<title>戴南镇：“不锈钢之乡”跑出一季度开门红-兴化市人民政府</title>`, ``, "戴南镇：“不锈钢之乡”跑出一季度开门红"},
		{`<title>中美关系-新的起点</title>`, ``, "中美关系-新的起点"},
		// Any site's name so, when the page's top says the part before it.
		{`<title>关于系统升级暂停部分业务服务的公告-哈尔滨银行</title>`, `<div class="news-t">关于系统升级暂停部分业务服务的公告</div><div class="news-d">发布日期：2024-05-27</div>`, "关于系统升级暂停部分业务服务的公告"},
		{`<title>中美关系-新的起点</title>`, `<div class="col">中美关系</div>`, "中美关系-新的起点"},
		{`<title>关于系统升级暂停部分业务服务的公告-哈尔滨银行</title>`, `<div><a href="/gg/1.html">关于系统升级暂停部分业务服务的公告</a></div>`, "关于系统升级暂停部分业务服务的公告-哈尔滨银行"},
		// A Founder e-paper: the sidebar lists the page's titles; <founder-title> is the article's.
		{`<title>澳門日報電子版</title>`, `<div class="titlelist"><a href="/1">輕軌石排灣線年底通車</a><br><a href="/2">旅遊局推廣五一黃金周</a></div>` +
			`<table><tr><td class="font01"><founder-title>輕軌石排灣線年底通車</founder-title></td></tr></table><div id="ozoom"><founder-content><p>【本報消息】運輸工務司司長羅立文表示，輕軌石排灣線工程進展順利，預計今年底通車，設一個車站連接海洋站。</p></founder-content></div>`, "輕軌石排灣線年底通車"},
		{`<title>省政府与市政府-区政府三级联动机制启动</title>`, ``, "省政府与市政府-区政府三级联动机制启动"},
		// A detail table's 标题 row.
		{`<title>宜蘭縣政府衛生局</title>`, `<table><tr><th>標題</th><td>宜蘭縣65歲以上長者免費接種肺炎鏈球菌疫苗</td></tr><tr><th>日期</th><td>113/03/05</td></tr></table>`, "宜蘭縣65歲以上長者免費接種肺炎鏈球菌疫苗"},
		{`<title>某某县人民政府</title>`, `<table><tr><td>标题：关于2024年春季植树造林工作的通知</td></tr><tr><td>发布日期：2024-03-05</td></tr></table>`, "关于2024年春季植树造林工作的通知"},
		// A generic <title>: the headline is the plain <div> over the
		// dated byline; not a column's name, a sentence or a link.
		{`<title>停水通知 - 郑州自来水投资控股有限公司</title>`, `<div class="nav"><a href="/">首页</a><a href="/t/">停水公告</a></div><div class="sw_tt">关于㙟庄路等区域临时停水的通知</div><div class="sw_info">发布时间：2024/5/9 17:30:00　　发布人：客服中心</div>`, "关于㙟庄路等区域临时停水的通知"},
		{`<title>停水通知 - 郑州自来水投资控股有限公司</title>`, `<div class="col">停水公告</div><div class="sw_info">发布时间：2024/5/9 17:30:00</div>`, "停水通知"},
		{`<title>停水通知 - 郑州自来水投资控股有限公司</title>`, `<div>请用户提前做好储水准备，敬请谅解</div><div class="sw_info">发布时间：2024/5/9 17:30:00</div>`, "停水通知"},
		{`<title>停水通知 - 郑州自来水投资控股有限公司</title>`, `<div><a href="/t/1.html">关于㙟庄路等区域临时停水的通知</a></div><div class="sw_info">发布时间：2024/5/9 17:30:00</div>`, "停水通知"},
		{`<title>停水通知 - 郑州自来水投资控股有限公司</title>`, `<div>关于㙟庄路等区域临时停水的通知</div><div>停水通知</div><div class="sw_info">发布时间：2024/5/9 17:30:00</div>`, "停水通知"},
	}
	for _, tt := range tests {
		page := `<html><head><meta charset="utf-8">` + tt.head + `</head><body>` + tt.body + `<div>` + prose + `</div></body></html>`
		p, err := Parse([]byte(page), "", "http://t.test/a/1.html", nil)
		if err != nil {
			t.Fatal(err)
		}
		if p.Title != tt.want {
			t.Errorf("%s %s: title %q, want %q", tt.head, tt.body, p.Title, tt.want)
		}
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

// TestSourceAuthor: labelled fields of the byline, reporters credited in
// the text, an editor only when nobody else is named.
func TestSourceAuthor(t *testing.T) {
	tests := []struct{ byline, first, last, source, author string }{
		{"来源：株洲日报 作者：李明", "", "", "株洲日报", "李明"},
		{"<span>来源：株洲日报</span><span>作者：李明</span>", "", "", "株洲日报", "李明"}, // fields without a space between
		// A value ends where its element does, when the next runs on
		// without a space: 163's IP 属地 and 举报, a video's 播放 count.
		{`2024-03-07 15:36:08　来源: <a href="/dy/media/T1.html">中国宁波网</a><img src="/ip.svg">浙江<a href="#" class="post_jubao">举报</a>`, "", "", "中国宁波网", ""},
		{`<span>来源：衢州新闻联播</span><span>编辑：郑雅文</span><span>播放：<b>3421</b></span>`, "", "", "衢州新闻联播", "郑雅文"},
		{`<span class="src">来源：株洲日报</span><span class="author">记者 周敏</span><time>2026-12-26 09:00</time>`, "", "", "株洲日报", "周敏"},
		{`来源：<a href="/">人民网</a>-<a href="/">人民日报</a>`, "", "", "人民网-人民日报", ""}, // elements a mark joins are one value
		// One value in several elements, as editors paste it, is one.
		{`来源：<span>衢州</span><span>日报</span> 作者：<span>王</span>小明`, "", "", "衢州日报", "王小明"},
		{`来源：<font>县人力</font><font>社保局</font>　发布时间：2024-03-05</p><p>记者<b>王</b>小明 通讯员 李四`, "", "", "县人力社保局", "王小明"},
		{`<span>作者：</span><span>县</span><span>人社局</span>`, "", "", "", "县人社局"},
		{"来源：县人力社保局　记者王小明", "", "", "县人力社保局", "王小明"},
		{"作者：体育组&nbsp;&nbsp;&nbsp;&nbsp;文章来源：本站原创&nbsp;&nbsp;点击数：12", "", "", "本站原创", "体育组"},
		{"信息来源：芦淞区政府办 &nbsp; 编辑：张三", "", "", "芦淞区政府办", "张三"},
		{"稿源：新华社 | 2020-02-20", "", "", "新华社", ""},
		{"2020-02-20 来源：光明日报", "光明日报记者 王建宏 张文攀", "", "光明日报", "王建宏 张文攀"},
		{"2020-02-20", "本报讯（记者 李明）昨日，", "（责任编辑：王五）", "", "李明"},
		{"2020-02-20", "", "文章的最后一段到此结束。（常书香 马丹阳）", "", "常书香 马丹阳"},
		{"2020-02-20", "", "文章的最后一段到此结束。（新华社）", "", ""},
		// The date and the paper's name, unlabelled; a place or a column is no paper.
		{`<span class="time">2024-03-04 07:55</span> <span class="src">浙江日报</span>`, "", "", "浙江日报", ""},
		{"2024年3月4日 衢州新闻网", "", "", "衢州新闻网", ""},
		// The paper's name among the byline's fields, between bars, in an
		// element named for it, before its reporter.
		{"2024-05-10 08:30 | 信阳日报 | 文/图 本报记者 汪伟 通讯员 刘洋", "", "", "信阳日报", "汪伟"},
		{`<span class="news-src">分宜县融媒体中心</span><span class="news-time">2024-02-26 10:35</span><span class="news-read">阅读 1.2万</span>`, "", "", "分宜县融媒体中心", ""},
		{"汝州市融媒体中心 记者 郭晓东 通讯员 靳艳平 ｜ 2024-04-26 08:12:33", "", "", "汝州市融媒体中心", "郭晓东"},
		{`<div class="source">信阳日报</div><div>2024-05-10</div>`, "", "", "信阳日报", ""},
		{"2024-05-10 | 首页 | 新闻中心", "", "", "", ""},
		{"2024-05-10 | 信阳日报 | 大河报", "", "", "", ""}, // two papers: which?
		{"2024-05-10", "", `<p class="source">数据来源于国家统计局</p>`, "", ""},
		{"2024-05-10", "", `<div class="source">信阳日报</div>`, "", ""}, // under the text, no byline
		{"2024-05-10", "", `<table><tr><td>1</td></tr></table><p class="src">国家统计局</p>`, "", ""},
		{"齐鲁晚报2024-04-16 08:41:03", "", "", "齐鲁晚报", ""},
		{"2024-03-04 07:55 龙游县溪口镇", "", "", "", ""},
		{"2024-03-04 记者观察", "", "", "", ""},
		{"2020-02-20", "", "责任编辑：王五", "", "王五"},
		{"2020-02-20", "", "责任编辑：陈浩_NBJ11279", "", "陈浩"}, // the CMS's staff code
		{"2020-02-20", "", "[责任编辑：刘婷 PN123]", "", "刘婷"},
		{"2004年7月16日08:19 [ 黄宇 ] 来源：[ 人民网 ]", "", "", "人民网", "黄宇"},
		{"胡平", "", "", "", "胡平"}, // an essay's author under its title
		{"<a href=\"/bbs/\">摄影真我</a>", "", "", "", ""},
		{"由海姑娘张贴 @ 2005-03-21 01:20:44", "", "", "", "海姑娘"},
		{"ggjjzhzz 发表于 2005-9-15 11:46:00", "", "", "", "ggjjzhzz"},
		{"2020-02-20", "", "〓 网易娱乐 发布时间 2005/05/17 22:11:42 by 眉间尺 〓", "", "眉间尺"},
		{"By Jane Doe and John Roe", "", "", "", "Jane Doe and John Roe"},
		{"来源：某某日报　记者 张三 通讯员 李四", "", "", "某某日报", "张三"},
		{"作者：记者 李明 通讯员 王芳", "", "", "", "李明"},
		// A sign-off crediting 记者 before a labelled 通讯员: the reporters.
		{"2024-02-26", "", "记者：黄丽娟 钟磊　通讯员：严文斌", "", "黄丽娟 钟磊"},
		{"2024-02-26", "", "本报记者 黄丽娟　通讯员：严文斌", "", "黄丽娟"},
		{"2024-02-26", "", "通讯员：严文斌", "", "严文斌"}, // a correspondent alone is the author
		{"2024-02-26", "", "作者：李明　通讯员：王芳", "", "李明"},
		{"2021-03-05 记者 张三、通讯员 李四", "", "", "", "张三"},
		{"来源：市记者协会", "", "", "市记者协会", ""},
		{"文/图 记者 罗雅 通讯员 陈光", "", "", "", "罗雅"},
		{"作者：佚名 来源：本站原创", "", "", "本站原创", ""},
		{"来源：楚天都市报 记者 张文", "", "乘客在5号线车站候车。记者 张文 摄", "楚天都市报", "张文"},
		// Traditional characters (Taiwan, Hong Kong).
		{"發布時間：2021-03-05 10:20　來源：中央社　責任編輯：陳大文", "", "", "中央社", "陳大文"},
		{"發佈日期：2021-03-05　資料來源：社會處", "", "", "社會處", ""},
		// Taiwanese papers' credits open the lead.
		{"2024/03/05 10:21", "〔記者王峻祺／花蓮報導〕太魯閣國家公園管理處今天宣布，燕子口步道將重新開放。", "", "", "王峻祺"},
		{"2024/03/05 10:21", "〔記者王峻祺、陳大文／綜合報導〕交通部今天宣布，連假期間國道將實施高乘載管制。", "", "", "王峻祺、陳大文"},
		{"2024/03/05 10:21", "（中央社記者吳家豪台北24日電）台積電日本熊本廠今天舉行開幕典禮。", "", "", "吳家豪"},
		{"2024/03/05 10:21", "（中央社記者江今葉華盛頓4日電）美國國務院今天表示，將持續關注區域情勢。", "", "", "江今葉"},
		{"2024/03/05 10:21", "（中央社台北5日電）行政院會今天通過修正草案。", "", "", ""},
		// A paper's commentator signs its editorials; 评论员 in a sentence
		// or a column's name signs nothing.
		{"本报评论员", "", "", "", "本报评论员"},
		{"2024年04月15日 第03版", "本报评论员指出，优化营商环境没有终点。", "", "", ""},
		{"评论员文章", "", "", "", ""},
		{"2024-04-15", "", "本报评论员", "", ""}, // the last line of the text is no byline
		// The photographer of a picture story, when the byline names no one else.
		{"来源：永州日报　　时间：2024-03-21 09:12　　摄影：蒋克青", "", "", "永州日报", "蒋克青"},
		{"来源：永州日报　作者：李明　摄影：蒋克青", "", "", "永州日报", "李明"},
		{"来源：永州日报　摄影：党委宣传部", "", "", "永州日报", ""},
		{"2024-03-21", "", "摄影：蒋克青", "", ""}, // a photo's credit in the text
		{"2024-03-21", "本次摄影：比赛共收到作品300余幅。", "", "", ""},
		// A photographer's credit under a picture is not the story's author.
		{"2020-02-20", "活动现场。（记者 张三 摄）", "", "", ""},
		{"2020-02-20 记者 李明", "图为活动现场。记者 张三 摄", "", "", "李明"},
		// The byline's buttons are neither names nor part of a value.
		{"发布时间：2024-03-05 【打印】【关闭】", "", "", "", ""},
		{"2024-03-05 [ 打印 ] [ 关闭 ] [ 张三 ]", "", "", "", "张三"},
		{"来源：县统计局　打印本页", "", "", "县统计局", ""},
		{"［ 来源：县医保局 ］［ 2024-03-05 ］", "", "", "县医保局", ""},
		// Fields in table cells, the value in the cell after its label.
		{"<table><tr><td>来源：</td><td>县政府办</td><td>作者：</td><td>李明</td></tr></table>", "", "", "县政府办", "李明"},
		{"<table><tr><td>来源：</td><td>发布时间：2020-02-20</td></tr></table>", "", "", "", ""},
		{"<table><tr><td>来源：</td><td>2024-03-05</td></tr></table>", "", "", "", ""},
		{"<table><tr><td>来源：</td><td>【打印本页】</td></tr></table>", "", "", "", ""},
		// A <th> label carries no colon.
		{"<table><tr><th>資料來源</th><td>疾病管制科</td></tr><tr><th>作者</th><td>陳大文</td></tr></table>", "", "", "疾病管制科", "陳大文"},
		{"<table><tr><th>来源</th><td>2024-03-05</td></tr></table>", "", "", "", ""},
		{"2024-03-05", "", "已经本社授权使用作品的，应在授权范围内使用，并注明“来源：衢州日报”。", "", ""}, // a label in a sentence
		// A disclosure page names no 来源: its issuing body is the source.
		{"<table><tr><td>索 引 号：</td><td>11330127002570123X/2024-00031</td><td>发布机构：</td><td>县住房和城乡建设局</td></tr>" +
			"<tr><td>文　　号：</td><td>某建发〔2024〕3号</td><td>发布日期：</td><td>2024-03-09</td></tr></table>", "", "", "县住房和城乡建设局", ""},
		{"发文机关：某某县人民政府办公室　成文日期：2024-03-08", "", "", "某某县人民政府办公室", ""},
		{"发布机构：县教育局　来源：县教育局办公室", "", "", "县教育局办公室", ""},
		// A CMS's placeholders name nobody (DedeCMS's default byline).
		{"<small>时间:</small>2024-04-05 09:32<small>来源:</small>未知<small>作者:</small>佚名", "", "", "", ""},
		// 来源于 with a space for its colon, as a field; 【来源】 in brackets.
		{`2024年04月11日 09:45 <span class="source">来源于 财新网</span>`, "", "", "财新网", ""},
		{"2024-04-10", "", "数据来源于国家统计局", "", ""},
		{"2024-04-10", "", "本次调查的样本来源于 全省11个地市", "", ""},
		{"2024-04-10", "", "【来源】 南方报业传媒集团南方+客户端", "南方报业传媒集团南方+客户端", ""},
		// Taiwanese detail tables: 發布日期 is a label, not a name; 撰稿單位 a source.
		{"<table><tr><th>發布日期</th><td>中華民國113年4月9日</td></tr><tr><th>撰稿單位</th><td>青年局</td></tr></table>", "", "", "青年局", ""},
		{"<dl><dt>發布時間</dt><dd>113/04/11 16:20</dd></dl>", "", "", "", ""},
		// The unit that supplied the story, when no 来源 says otherwise.
		{"2024-04-12", "", "（市人大常委会办公室　供稿　撰稿：何珺）", "市人大常委会办公室", "何珺"},
		{"2024-04-12", "", "供稿：耳鼻咽喉科", "耳鼻咽喉科", ""},
		{"来源：院办", "", "供稿：耳鼻咽喉科", "院办", ""},
		{"2024-04-12", "", "今年以来，各单位积极供稿，全年刊发信息300余条。", "", ""},
		{"2024-04-12", "", "欢迎广大师生积极供稿", "", ""},
		{"2024-04-12", "", "文章的最后一段到此结束。（洪蓝街道 供稿）", "", ""}, // a supplier, no writer
		{"2024-04-12", "", "文章的最后一段到此结束。（洪蓝 吴军）", "", "洪蓝 吴军"},
		// A sign-off in brackets, the medium before the writer's name.
		{"2024-04-12", "", "（文/图：刘洋　审核：蒋新华）", "", "刘洋"},
		{"2024-04-12", "", "（文：张小明）", "", "张小明"},
		{"2024-04-12", "", "（图/文/摄：汽车之家 陈璐）", "", "陈璐"},
		{"2024-04-12", "", "图/文：本网 王芳", "", "王芳"},
		{"2024-04-12", "", "《关于进一步加强管理的通知》（文：某某局）印发后，各单位认真落实。", "", ""},
		{"发布日期：2024-04-16 【我要打印】", "", "", "", ""}, // a button, no name
		// A value ends before the date its element runs into.
		{`来源：<span>人民日报</span><span>2024-04-10 10:00</span>`, "", "", "人民日报", ""},
		{"来源：2024年4月16日《人民日报》", "", "", "2024年4月16日《人民日报》", ""},
		// A reporter's name ends where the view counter after it begins.
		{`<time>2024-05-13 10:30</time> <span class="source">来源：青川日报</span> <span class="author">记者 陈晨</span> <span class="pv">阅读 12345</span>`, "", "", "青川日报", "陈晨"},
		// A reporter's name ends where the date after it begins.
		{"记者：覃妮\u30002024-08-01 09:00", "", "", "", "覃妮"},
		// Reporters: a bar for the colon, the city filed from, several names.
		{`<span class="author"><a href="/user/123.html">记者 | 马悦然</a></span><span class="date">2024/04/10 14:55</span>`, "", "", "", "马悦然"},
		{"21世纪经济报道 记者 林典驰 广州报道", "", "", "", "林典驰"},
		{"本报记者 林典驰北京报道", "", "", "", "林典驰"},
		{"记者 张三 李四 报道", "", "", "", "张三 李四"},
		{"记者 张三 衢州市报道", "", "", "", "张三"},
		// An English byline on one line: the date, Source: and By run on.
		{"Updated: 2024-04-16 &nbsp; Source: chinadaily.com.cn &nbsp; By Zhang Zhouxiang", "", "", "chinadaily.com.cn", "Zhang Zhouxiang"},
		{"Updated: 2024-04-16 | By Zhang Zhouxiang", "", "", "", "Zhang Zhouxiang"},
		{"Updated: 2024-04-16", "By the end of the year, the city will open 20 new parks.", "", "", ""},
		{"Updated: 2024-04-16", "", "The wall was restored in 2023 by Xi'an City Wall Management Committee.", "", ""},
		{"2024-04-16 Source: chinadaily.com.cn", "", "", "chinadaily.com.cn", ""},
		// English bylines: spans run together; a name in an element named for it.
		{`<span class="byline">By Chi Jingyi</span><span class="pub_time">Published: Apr 10, 2024 09:12 PM</span>`, "", "", "", "Chi Jingyi"},
		{`<span class="news-author-name">Gao Yun</span> <span>Updated 16:30, 10-Apr-2024</span>`, "", "", "", "Gao Yun"},
		{`<span class="news-author-name">Follow</span> <span>Updated 16:30, 10-Apr-2024</span>`, "", "", "", ""},
		// Not a commenter, not a desk, not the name's title.
		{`<span>2024-04-10</span>`, "", `<div class="comments"><span class="comment-author-name">王小明</span><p>说得好！</p></div>`, "", ""},
		{`<span itemprop="author" itemscope itemtype="https://schema.org/Organization">Shanghai Daily News Desk</span>`, "", "", "", ""},
		{`<div itemscope itemtype="https://schema.org/NewsMediaOrganization"><span itemprop="name">某某日报</span></div><span itemprop="author">张晓明</span>`, "", "", "", "张晓明"},
		{`<span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Chen Jia</span> Senior Reporter</span>`, "", "", "", "Chen Jia"},
	}
	for _, tt := range tests {
		body := `<h1>这是文章的标题</h1><div class="info">` + tt.byline + `</div><div>`
		if tt.first != "" {
			body += `<p>` + tt.first + `</p>`
		}
		body += prose
		if tt.last != "" {
			body += `<p>` + tt.last + `</p>`
		}
		body += `</div>`
		page := `<html><head><meta charset="utf-8"><title>这是文章的标题_网站</title></head><body>` + body + `</body></html>`
		p, err := Parse([]byte(page), "", "http://t.test/a/1.html", nil)
		if err != nil {
			t.Fatal(err)
		}
		if p.Source != tt.source || p.Author != tt.author {
			t.Errorf("%q %q %q: source %q author %q, want %q %q", tt.byline, tt.first, tt.last, p.Source, p.Author, tt.source, tt.author)
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

// TestBareBylineLines: a byline without labels at the top of the content
// (a date alone, a reporter's credit) is read, and is not text.
func TestBareBylineLines(t *testing.T) {
	tests := []struct{ line, author, published string }{
		{"2024-03-05 14:08", "", "2024-03-05T14:08:00+08:00"},
		{"2024年3月5日 星期二", "", "2024-03-05T00:00:00+08:00"},
		{"2024/03/05 10:20（11:00 更新）", "", "2024-03-05T10:20:00+08:00"},
		{"澎湃新闻记者 卢雁", "卢雁", ""},
		{"□ 本报记者 张三", "张三", ""},
		{"记者 张三 李四", "张三 李四", ""},
		{"XX日报记者 孙悟 文/图", "孙悟", ""},
		{"文/张三", "张三", ""},
		{"XX日报记者 孙悟 文/图", "孙悟", ""},
		{"湘潭日报社全媒体记者 陈旭 通讯员 刘芳", "陈旭", ""},
		{"2024-03-04 07:55 浙江日报", "", "2024-03-04T07:55:00+08:00"},
		{"2024-04-12 16:40长江日报·湖北", "", "2024-04-12T16:40:00+08:00"}, // 头条: jammed spans, the IP province
		{"界面新闻记者 | 马悦然", "马悦然", ""},
		{"2024/4/16 14:32（4/16 15:10 更新）", "", "2024-04-16T14:32:00+08:00"},       // 中央社
		{"齐鲁晚报2024-04-16 08:41:03", "", "2024-04-16T08:41:03+08:00"},              // the paper first
		{"2024-04-16 14:05聯合報／ 記者林佳彣／台北即時報導", "林佳彣", "2024-04-16T14:05:00+08:00"}, // udn
	}
	// A column's name is no byline, nor an honour list: they stay, and
	// name nobody.
	for _, column := range []string{"记者观察", "记者手记", "新华社记者直击现场", "优秀通讯员 张三丰 李明轩", "人民日报2024年3月5日发表评论员文章",
		"联合报／记者节特刊今日出版"} {
		page := `<html><head><meta charset="utf-8"><title>这是文章的标题_网站</title></head><body><div class="content">` +
			`<h1>这是文章的标题</h1><p>` + column + `</p>` + prose + `</div></body></html>`
		p, err := Parse([]byte(page), "", "http://t.test/a/1.html", nil)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(p.Text(), column) || p.Author != "" {
			t.Errorf("%q: in the text %v, author %q; want it kept, no author", column, strings.Contains(p.Text(), column), p.Author)
		}
	}
	// A chronicle's dated entries (大事记) are its text, whether or not a
	// byline stands above them, and their events name no source.
	entries := `<p>2019年3月12日 成立县融媒体中心</p><p>2019年10月1日 正式上线新闻客户端</p><p>2020年1月8日 开通网络电视台</p>` +
		`<p>2021年5月20日 创办县报，全县发行两万份，覆盖所有乡镇和村社区。</p>`
	for _, byline := range []string{"", `<div class="info">发布时间：2022-01-05 来源：县档案馆</div>`} {
		page := `<html><head><meta charset="utf-8"><title>县融媒体中心大事记</title></head><body><h1>县融媒体中心大事记</h1>` + byline +
			`<div class="TRS_Editor">` + entries + `</div></body></html>`
		p, err := Parse([]byte(page), "", "http://t.test/a/2.html", nil)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Count(p.Text(), "\n") != 3 || !strings.HasPrefix(p.Text(), "2019年3月12日 成立县融媒体中心") || strings.Contains(p.Source, "成立") {
			t.Errorf("a chronicle under %q: source %q, text:\n%s", byline, p.Source, p.Text())
		}
	}
	for _, tt := range tests {
		page := `<html><head><meta charset="utf-8"><title>这是文章的标题_网站</title></head><body><div class="content">` +
			`<p>引题一行</p><h1>这是文章的标题</h1><p>` + tt.line + `</p><figure><img src="/1.jpg"><figcaption>修缮后的古城墙。</figcaption></figure>` +
			prose + `</div></body></html>`
		p, err := Parse([]byte(page), "", "http://t.test/a/1.html", nil)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(p.Text(), tt.line) || p.Author != tt.author || p.Published != tt.published {
			t.Errorf("%q: author %q, published %q, in the text %v; want %q, %q, not in the text",
				tt.line, p.Author, p.Published, strings.Contains(p.Text(), tt.line), tt.author, tt.published)
		}
	}
}

func TestIsBylineLine(t *testing.T) {
	for line, want := range map[string]bool{
		"发布时间：2024-03-05 10:20 来源：县政府办":                     true,
		"2024.03.05 14:08 来源：新华社":                           true, // a date's year numbers no list
		"11/04/2024 17:46消息來源：旅遊局":                          true, // Macau: day first, spans run together
		"Gao Yun Updated 16:30, 10-Apr-2024":                true, // CGTN: the name without "By"
		"The Ministry Published new rules on 10 April 2024": false,
		"一、放假时间：5月1日至5日放假调休，共5天。":                           false,
		"2. 报名时间：3月1日至3月10日":                                false,
		"浙江之声记者：改造资金从哪里来？":                                  false,
		"门诊时间：上午8:00—12:00，下午13:30—17:00":                   false,
		// A date-first byline made long by its counter and buttons.
		"2024-03-18 09:12:33 来源：衢江报 作者：记者 方华 通讯员 叶晓 浏览次数：1234 【字体：大 中 小】 【打印】【关闭】": true,
		"2024年03月18日 来源：县融媒体中心 作者：本报记者 王小明 通讯员 李大伟 阅读：56 [打印本页] [关闭窗口]":            true,
		// Without them it is still too long for a byline.
		"2024-03-18 09:12 来源：县融媒体中心 活动由县文化和旅游局联合各乡镇共同举办吸引了大批市民和外地游客前来参观游览 【打印】": false,
	} {
		if got := isBylineLine(line); got != want {
			t.Errorf("isBylineLine(%q) = %v, want %v", line, got, want)
		}
	}
}

// TestCreditLines: the credits under a story (a line each, or one line of
// several) are not text; the same labels before a sentence are.
func TestCreditLines(t *testing.T) {
	page := func(tail ...string) string {
		b := `<html><head><meta charset="utf-8"><title>这是文章的标题_网站</title></head><body><h1>这是文章的标题</h1>` +
			`<div class="info">2024-03-05</div><div class="content">` + prose
		for _, l := range tail {
			b += "<p>" + l + "</p>"
		}
		return b + `</div></body></html>`
	}
	for _, tc := range []struct {
		tail []string
		kept bool
	}{
		{[]string{"校对：施鋆", "一审：张三 二审：李四 三审：王五", "终审：陈东", "监制：赵六"}, false},
		{[]string{"(责编：王丹、伍华)"}, false},
		{[]string{"一审：判处有期徒刑三年。", "二审：驳回上诉，维持原判。"}, true},
		{[]string{"主编：本刊编辑部将于下月推出专刊，敬请关注。"}, true},
		{[]string{"一审：判处有期徒刑三年。", "二审：维持原判"}, true},
		{[]string{"本书编纂委员会名单：", "主编：王建华", "编审：李明远", "校对：徐婷婷"}, true},
		{[]string{"编辑 | 方敏", "审核 | 郑伟"}, false},
		// Lines of the text that read like fields.
		{[]string{"一、放假时间：5月1日至5日放假调休，共5天。", "二、注意事项：请合理安排出行。"}, true},
		{[]string{"门诊时间：上午8:00—12:00，下午13:30—17:00"}, true},
		{[]string{"浙江之声记者：改造资金从哪里来？", "区住建局负责人：资金由市区两级财政共同承担。"}, true},
		{[]string{"时间：2024年3月13日上午9:00", "地点：衢州市殡仪馆百福厅"}, true},
		{[]string{"【基本案情】", "2023年5月，被告人张某在某小区盗窃电动车一辆。"}, true},
		// A slash for the colon; a unit before the name; 供稿 naming a unit.
		{[]string{"文/本报记者 刘婷婷", "编辑/王菲"}, false},
		{[]string{"（文/刘思远 图/张帆 编辑/罗雅 审核/何清）"}, false},
		{[]string{"供稿：耳鼻咽喉科", "摄影：党委宣传部 徐斌", "编辑：钱颖", "审核：孙健"}, false},
		{[]string{"（市人大常委会办公室　供稿　撰稿：何珺）"}, false},
		{[]string{"（某某镇 供稿）"}, false},
		{[]string{"（某某社区 供稿）"}, false},
		{[]string{"（某某集团有限公司 供稿）"}, false},
		{[]string{"界面新闻编辑 | 张海"}, false},
		{[]string{"编辑/出版单位：浙江人民出版社"}, true},
		{[]string{"文/史/哲三个专业今年扩招。"}, true},
		{[]string{"供稿：请各单位于3月20日前报送"}, true},
		{[]string{"摄影：市民在公园内拍摄，留住春色"}, true},
		// The press's credits with spaces for colons, and the reporter's
		// byline over them; the same words in the text's lines stay.
		{[]string{"新京报记者 陈琳", "编辑 杨海 校对 卢茜"}, false},
		{[]string{"校对\u3000陶善工"}, false},
		{[]string{"责任编辑 王丹"}, false},
		{[]string{"审核 通过"}, true},
		{[]string{"二审 维持原判"}, true},
		{[]string{"初审 同意", "复审 同意", "终审 同意"}, true},
		{[]string{"编辑 出版", "校对 印刷"}, true},
		{[]string{"一审 张三 二审 李四 三审 王五"}, false},
		{[]string{"编辑部 全体同仁"}, true},
		{[]string{"校对 工作结束后，稿件送审。"}, true},
		{[]string{"记者 张三 在现场采访了多名游客，大家纷纷表示满意。"}, true},
		{[]string{"新京报记者 陈琳", "该项目将于年底前完工，届时市民出行将更加便捷。"}, true},
	} {
		p, err := Parse([]byte(page(tc.tail...)), "", "http://t.test/a/1.html", nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range tc.tail {
			if strings.Contains(p.Text(), l) != tc.kept {
				t.Errorf("%q: in the text %v, want %v", l, !tc.kept, tc.kept)
			}
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

func TestCleanAuthor(t *testing.T) {
	for in, want := range map[string]string{
		"陈浩_NBJ11279": "陈浩", "刘婷 PN123": "刘婷", "记者 李明": "李明", "佚名": "",
		"王小明 G20": "王小明 G20", "李四 C919": "李四 C919", // no staff codes
		"农民日报记者 刘知宜": "刘知宜", "人民日报记者 张三 李四": "张三 李四",
		"新华社记者站": "新华社记者站", "日报记者协会": "日报记者协会", // a desk, a body: no names follow
		"全媒体记者 李婷": "李婷", "本报全媒体记者 李婷": "李婷", "融媒记者 王芳": "王芳",
	} {
		if got := cleanAuthor(in); got != want {
			t.Errorf("cleanAuthor(%q) = %q, want %q", in, got, want)
		}
	}
	// Every medium, however its name ends, is taken off the names its
	// reporters are credited with, and signs a commentary.
	for _, medium := range []string{"浙江日报", "钱江晚报", "衢州新闻网", "中央社", "中央电视台", "浙江在线", "潮新闻客户端", "龙游县融媒体中心"} {
		for in, want := range map[string]string{medium + "记者 张三": "张三", medium + " 张三": "张三", medium + "全媒体记者 张三 李四": "张三 李四"} {
			if got := cleanAuthor(in); got != want {
				t.Errorf("cleanAuthor(%q) = %q, want %q", in, got, want)
			}
		}
		if !commentator.MatchString(medium + "评论员") {
			t.Errorf("%s评论员 is no commentator", medium)
		}
	}
}

// TestAuthorFromHead: a <meta> author that names a person is the author
// when the page credits nobody; a portal or a government body is not one.
func TestAuthorFromHead(t *testing.T) {
	for head, want := range map[string]string{
		`<meta name="author" content="李明">`:                                                                      "李明",
		`<meta name="author" content="网易">`:                                                                      "",
		`<meta name="author" content="中国新闻网">`:                                                                   "",
		`<meta name="author" content="XX市人民政府">`:                                                                 "",
		`<meta name="author" content="市发展改革委">`:                                                                  "",
		`<meta name="author" content="张三、李四、王五">`:                                                                "张三、李四、王五",
		`<meta name="author" content="王宏图">`:                                                                     "王宏图",
		`<meta name="author" content="张会">`:                                                                      "张会",
		`<meta name="author" content="努尔兰·阿不都满金">`:                                                               "努尔兰·阿不都满金",
		`<meta name="author" content="某某市科学技术协会">`:                                                               "",
		`<script type="application/ld+json">{"author":{"name":"張三"}}</script><meta name="author" content="中央社">`: "張三",
		`<meta name="author" content="自由時報">`:                                                                    "",
		`<meta name="author" content="聯合新聞網">`:                                                                   "",
		`<meta name="author" content="王峻祺">`:                                                                     "王峻祺",
	} {
		page := `<html><head><meta charset="utf-8">` + head + `<title>这是文章的标题_网站</title></head><body><h1>这是文章的标题</h1><div class="info">2020-02-20</div><div>` + prose + `</div></body></html>`
		p, err := Parse([]byte(page), "", "http://t.test/a/1.html", nil)
		if err != nil {
			t.Fatal(err)
		}
		if p.Author != want {
			t.Errorf("%s: author %q, want %q", head, p.Author, want)
		}
	}
}

// TestSourceFromHead: a page's <meta> may name the article's source
// (TRS's ContentSource); og:site_name names the site that publishes the
// page, which is not a source.
func TestSourceFromHead(t *testing.T) {
	for meta, want := range map[string]string{
		`<meta name="ContentSource" content="县政府办">`:                                                           "县政府办",
		`<meta name="source" content="株洲日报">`:                                                                  "株洲日报",
		`<meta property="og:site_name" content="某某市人民政府">`:                                                     "",
		`<meta name="mediaid" content="楚天都市报">`:                                                                "楚天都市报", // 新浪
		`<meta name="_sourcename" content="长江日报">`:                                                             "长江日报",  // 腾讯
		`<script>window.DATA = {"media":"浙江日报","media_id":"5123456","pubtime":"2024-03-08 07:30:12"}</script>`: "浙江日报",  // qq.com
		`<script>var player = {"source":"衢州新闻联播","autoplay":true}</script>`:                                    "",      // a player's, not the article's
	} {
		page := `<html><head><meta charset="utf-8">` + meta + `<title>这是文章的标题_网站</title></head><body><h1>这是文章的标题</h1><div class="info">2020-02-20</div><div>` + prose + `</div></body></html>`
		p, err := Parse([]byte(page), "", "http://t.test/a/1.html", nil)
		if err != nil {
			t.Fatal(err)
		}
		if p.Source != want {
			t.Errorf("%s: source %q, want %q", meta, p.Source, want)
		}
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

// TestBoilerplateLines: lines that are never article text wherever they
// stand, and lines like them that are.
// TestTailPrompts: the prompts under a story (follow, scan, download,
// keywords) go; instructions of the text itself, a heading, a list item,
// stay.
func TestTailPrompts(t *testing.T) {
	for line, want := range map[string]bool{
		"新浪新闻公众号 更多猛料！欢迎扫描左方二维码关注（sinanewsapp）": true,
		"文章关键词：新能源汽车消费":                         true,
		"更多精彩请下载XX新闻客户端":                        true,
		"关注微信公众号：XX发布":                          true,
		"欢迎关注株洲发布公众号":                           true,
		"患者扫描二维码即可查询检验报告。":                      false,
		"请扫描下方二维码进行预约挂号":                        false,
		"市民可关注该公众号了解详情。":                        false,
		"请关注衢州教育公众号，及时了解录取结果！":                  false,
		"警方提醒：切勿下载来历不明的客户端。":                    false,
		"三、请下载“国家反诈中心”客户端，开启来电预警功能！":            false,
		"家长请下载“浙里办”客户端，在线提交报名材料。":               false,
		"标签：以上价格均为含税价。":                         false,
		"关键词：减税降费，为市场主体纾困解难":                    false,
		"按我看活動辦法":                               true,
		"想了解更多精彩内容，快来关注齐鲁壹点":                    true,
		"想了解更多政策内容，请关注市政府官网通知公告。":               false,
		"想了解更多精彩内容的市民，可以关注本周的文化活动。":             false,
	} {
		if got := !listNumber.MatchString(line) && tailPrompt.MatchString(line); got != want {
			t.Errorf("%q: a prompt %v, want %v", line, got, want)
		}
	}
}

// TestAppPromos: a portal's invitation to its app goes wherever it stands;
// the text's own mention of an app or a code to scan stays.
func TestAppPromos(t *testing.T) {
	for line, want := range map[string]bool{
		"新浪新闻客户端 扫码下载":              true,
		"☆自由時報APP 搶先看☆":             true,
		"點我下載APP":                   true,
		"不用抽 不用搶 現在用APP看新聞 保證天天中獎":  true,
		"立即下载客户端":                   true,
		"报名方式：扫码下载报名表":              false,
		"市民可下载APP预约，也可到窗口办理。":       false,
		"家长请下载“浙里办”客户端，在线提交报名材料。":   false,
		"目前，该APP抢先看功能已覆盖全市90%的用户。":  false,
		"下载羊城派客户端，阅读更多精彩内容":         true,
		"下载“浙里办”客户端，在线提交报名材料":       false,
		"下载浙里办APP，查看更多办事指南并在线办理业务。": false,
	} {
		if got := appPromo.MatchString(line) || edgePromo.MatchString(line); got != want {
			t.Errorf("%q: a promo %v, want %v", line, got, want)
		}
	}
	// Mid-text, a service guide's steps are its text; only promos no
	// sentence reads like go there.
	for line, anywhere := range map[string]bool{
		"點我下載APP":       true,
		"点击蓝字 关注我们":     true,
		"点击蓝字可以查看词条解释":  false,
		"☆自由時報APP 搶先看☆": true,
		"第一步 扫码下载":      false,
		"下载APP并完成实名注册":  false,
		"下载客户端后登录":      false,
		"扫码下载申请表":       false,
		"点击下载APP":       false,
	} {
		if got := appPromo.MatchString(line); got != anywhere {
			t.Errorf("%q: a promo anywhere in the text %v, want %v", line, got, anywhere)
		}
	}
	guide := `<html><head><meta charset="utf-8"><title>医保电子凭证激活指南</title></head><body><h1>医保电子凭证激活指南</h1><div class="TRS_Editor">` +
		`<p>为方便群众就医购药，现将医保电子凭证激活步骤说明如下。</p><p>第一步 扫码下载</p><p>下载APP并完成实名注册</p><p>下载客户端后登录</p>` +
		`<p>扫码下载申请表</p><p>点击下载APP</p><p>激活后即可在定点医药机构使用，如有疑问请拨打咨询电话。</p><p>咨询电话：0570-8881234。</p><p>县医疗保障局</p><p>2024年4月1日</p></div></body></html>`
	g, err := Parse([]byte(guide), "", "http://www.x.gov.cn/art/2024/4/1/art_1.html", nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, step := range []string{"第一步 扫码下载", "下载APP并完成实名注册", "下载客户端后登录", "扫码下载申请表", "点击下载APP"} {
		if !strings.Contains(g.Text(), step+"\n") {
			t.Errorf("the guide's step %q is not in its text:\n%s", step, g.Text())
		}
	}
	// In a page: the promo inside the article container goes, with the
	// prompt under it.
	page := `<html><head><meta charset="utf-8"><title>花蓮太魯閣步道分階段重新開放 - 自由時報電子報</title></head><body><h1>花蓮太魯閣步道分階段重新開放</h1>` +
		`<div class="function"><span class="time">2024/03/05 10:21</span></div><div class="text boxText">` +
		`<p>太魯閣國家公園管理處今天宣布，燕子口、九曲洞步道將分階段重新開放。</p><p class="appE1121"><a href="/app">☆自由時報APP 搶先看☆</a></p>` +
		`<p>管理處表示，開放初期每日限額2000人次，遊客須事先上網申請。</p><p>太管處提醒，遊客進入步道應配戴安全帽。</p>` +
		`<p class="before_ir">不用抽 不用搶 現在用APP看新聞 保證天天中獎</p><p><a>點我下載APP</a></p><p>按我看活動辦法</p></div></body></html>`
	p, err := Parse([]byte(page), "", "https://news.ltn.com.tw/news/life/breakingnews/4601234", nil)
	if err != nil {
		t.Fatal(err)
	}
	want := "太魯閣國家公園管理處今天宣布，燕子口、九曲洞步道將分階段重新開放。\n管理處表示，開放初期每日限額2000人次，遊客須事先上網申請。\n太管處提醒，遊客進入步道應配戴安全帽。"
	if p.Text() != want {
		t.Errorf("text %q, want %q", p.Text(), want)
	}
}

func TestBoilerplateLines(t *testing.T) {
	for line, want := range map[string]bool{
		"[1] [2] 下一页": true,
		"浏览:854":      true,
		"【我来说两句】【推荐】【打印】【关闭】":    true,
		"扫一扫在手机打开当前页":            true,
		"长按识别二维码关注“株洲发布”":        true,
		"报名方式：扫码填写报名表（截止3月20日）。": false,
		"1. 扫码预约挂号，按时段到院就诊。":     false,
		"（三）扫码登记：进入场所须扫码登记。":     false,
		"市民可扫码关注“株洲发布”微信公众号，及时了解最新的停水停电信息和公交线路调整情况。": false,
		"一、举办时间：2021年3月20日9:00—12:00。":               false,
		"转载请注明出处。":  true,
		"返回搜狐，查看更多": true,
		"本文为红网原创文章，转载请附上原文出处链接和本声明。":                                true,
		"本文链接：https://hn.rednet.cn/content/646744/96/13789012.html": true,
		"关注":    true,
		"举报/反馈": true,
		"在线办理 收藏 咨询 投诉 评价：★★★★★ 浏览量：3,412":                                 true,
		"该公司坚持原创，转载他人作品均取得授权。":                                             false,
		"本文链接到市政府门户网站的通知公告栏目。":                                             false,
		"原文链接：https://www.gov.cn/zhengce/content/2024-04/10/content_1.htm": false, // the policy a 解读 explains
		"截至目前，累计浏览量：3,412次。":                                               false,
		"关注民生 服务群众 浏览量：3,412 次 的背后是一次次回访":                                  false,
	} {
		if got := mayBeBoilerplate(line) && boilerplateLine.MatchString(line); got != want {
			t.Errorf("%q: boilerplate %v, want %v", line, got, want)
		}
	}
}

// TestSectionLabelOverTheTitle: a short heading naming the page's kind
// above the title (a press office's 新聞稿) is no text; a longer kicker,
// or a short heading not over the title, stays.
func TestSectionLabelOverTheTitle(t *testing.T) {
	const story = `<p>食物環境衞生署今日表示，該署人員於本周一至周三在深水埗北河街街市進行突擊巡查，共提出三宗檢控。</p>` +
		`<p>發言人說：「食環署人員發現有檔戶在通道擺放貨物，阻塞街市通道，違反《公眾街市規例》。」</p>`
	for _, tt := range []struct{ top, first string }{
		{`<h2>新聞稿</h2><h3>食環署突擊巡查深水埗街市</h3>`, "食物環境衞生署今日表示"},
		{`<h2>通知公告</h2><h1>食環署突擊巡查深水埗街市</h1>`, "食物環境衞生署今日表示"},
		{`<h2>坚持人民至上推动高质量发展</h2><h1>食環署突擊巡查深水埗街市</h1>`, "坚持人民至上推动高质量发展"},
		{`<h1>食環署突擊巡查深水埗街市</h1><h2>新聞稿</h2>`, "新聞稿"},
	} {
		page := `<html><head><meta charset="utf-8"><title>食環署突擊巡查深水埗街市</title></head><body><div id="content">` +
			tt.top + story + `</div></body></html>`
		p, err := Parse([]byte(page), "", "https://www.info.gov.hk/gia/general/202406/12/P1.htm", nil)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(p.Text(), tt.first) {
			t.Errorf("%s: text begins %.60q, want %q", tt.top, p.Text(), tt.first)
		}
	}
}

// TestTailOfTheText: what closes a story but is not its text — a press
// release's lines after its end mark, a related box the walk kept, a
// platform's or a paper's notice — goes; the same words as text stay.
func TestTailOfTheText(t *testing.T) {
	const last = "他說：「隨着訪港旅客人數持續回升，零售、住宿及膳食服務業的就業人數有所增加。」"
	for _, tt := range []struct {
		name, tail string
		want       string // the text's last line
	}{
		{"info.gov.hk zh", `<p>完</p><p>2024年4月10日（星期三）<br>香港時間16時30分</p>`, last},
		{"info.gov.hk en", `<p>Ends/Friday, April 12, 2024<br>Issued at HKT 16:45</p><p>NNNN</p>`, last},
		{"info.gov.hk zh, its links back", `<p>完</p><p>2024年4月10日（星期三）<br>香港時間16時30分</p><p><a href="/gia/general/today.htm">今日新聞</a></p>`, last},
		{"（完）", `<p>（完）</p><p>责任编辑：王五</p>`, last},
		{"text after 完", `<p>完</p><p>第二天，记者再次来到现场，看到工人们正在加紧施工。</p>`, "第二天，记者再次来到现场，看到工人们正在加紧施工。"},
		{"related box without links", `<div class="_1nXWB"><h3>相关推荐</h3><ul><li>杭州地铁三期规划获批</li><li>亚运村开放参观</li></ul></div>`, last},
		{"related stories", `<div><h3>Related stories</h3><ul><li>Chang'e-6 arrives at launch site</li></ul></div>`, last},
		{"a section the text heads so", `<h3>相关新闻</h3><p>此前，市政府已出台相关政策，支持旅游业恢复发展。</p>`, "此前，市政府已出台相关政策，支持旅游业恢复发展。"},
		{"澎湃号", `<p>本文为澎湃号作者或机构在澎湃新闻上传并发布，仅代表该作者或机构观点，不代表澎湃新闻的观点或立场，澎湃新闻仅提供信息发布平台。</p>`, last},
		{"百家号", `<p>举报/反馈</p><p>本文来源于百家号，内容由作者上传并发布，不代表平台立场</p>`, last},
		{"头条", `<p>原创声明：本文系作者授权头条号发表，未经许可，不得转载。</p>`, last},
		{"财新", `<p>财新网所刊载内容之知识产权为财新传媒及/或相关权利人专属所有或持有。未经许可，禁止进行转载、摘编、复制及建立镜像等任何使用。</p>`, last},
		{"21世纪", `<p>21世纪经济报道及其客户端所刊载内容的知识产权均属广东二十一世纪环球经济报社所有。</p>`, last},
		{"红网", `<p>本文为红网原创文章，转载请附上原文出处链接和本声明。</p><p>本文链接：https://hn.rednet.cn/content/646744/96/13789012.html</p>`, last},
		{"a court's ruling", `<p>法院认定，该平台所刊载作品的著作权归原告所有。</p>`, "法院认定，该平台所刊载作品的著作权归原告所有。"},
		{"a ruling without a comma", `<p>法院认定该平台所刊载作品的著作权归原告所有。</p>`, "法院认定该平台所刊载作品的著作权归原告所有。"},
		// A local site's stock copyright notice; a story about copyright.
		{"凡本网注明", `<p>凡本网注明“来源：四川在线”的所有作品，版权均属于四川在线，未经本网授权不得转载。</p>`, last},
		{"a copyright dispute", `<p>法院认为，凡注明来源的作品，版权均属于原作者，被告未经许可转载构成侵权。</p>`, "法院认为，凡注明来源的作品，版权均属于原作者，被告未经许可转载构成侵权。"},
		{"a rule on crediting", `<p>凡注明出处的稿件版权均属于投稿人所有。</p>`, "凡注明出处的稿件版权均属于投稿人所有。"},
		{"36氪", `<p>本文由「36氪」原创出品，未经许可禁止转载。</p>`, last},
		{"a contest's original works", `<p>作品须由作者原创，未经许可禁止转载他人作品参赛。</p>`, "作品须由作者原创，未经许可禁止转载他人作品参赛。"},
		// A channel to join, a listing's widget under the story; the same
		// words in text.
		{"LINE channel", `<p>►立即加入ETtoday社會新聞LINE官方帳號</p>`, last},
		{"LINE in prose", `<p>民眾可加入警察局LINE官方帳號查詢最新防詐資訊，或撥打165專線。</p>`, "民眾可加入警察局LINE官方帳號查詢最新防詐資訊，或撥打165專線。"},
		{"a car widget", `<p>比亚迪秦L 指导价：9.98-12.98万 询底价 查看参数</p>`, last},
		{"a listing widget", `<p>【楼盘推荐】中铁·阅山湖 均价9800元/㎡ 预约看房</p>`, last},
		{"a price in prose", `<p>新车指导价为9.98万元至12.98万元，消费者可到店询底价。</p>`, "新车指导价为9.98万元至12.98万元，消费者可到店询底价。"},
		// Promos and a tip line under the story; the same words as text.
		{"an app promo", `<p>下载羊城派客户端，阅读更多精彩内容</p>`, last},
		{"a tip line", `<p>想了解更多精彩内容，快来关注齐鲁壹点</p><p>找记者、求报道、求帮助，各大应用市场下载“齐鲁壹点”APP，或搜索微信小程序“齐鲁壹点”，全省600名记者在线等你来报料！</p>`, last},
		{"an app in the story", `<p>目前，市民可在各大应用市场下载“齐鲁壹点”APP，参与报料互动。</p>`, "目前，市民可在各大应用市场下载“齐鲁壹点”APP，参与报料互动。"},
		{"关注 in prose", `<p>想了解更多政策内容，请关注市政府官网通知公告。</p>`, "想了解更多政策内容，请关注市政府官网通知公告。"},
		// A player's fallback, hashtags; a browser's support as text.
		{"no player", `<p>您的浏览器不支持video标签。</p>`, last},
		{"a browser in an FAQ", `<p>您的浏览器不支持该功能，请使用最新版本浏览器访问。</p>`, "您的浏览器不支持该功能，请使用最新版本浏览器访问。"},
		{"hashtags", `<p>#捷運 #環狀線</p>`, last},
		{"a hashtag in a sentence", `<p>#MeToo 运动在全球引发讨论。</p>`, "#MeToo 运动在全球引发讨论。"},
		{"a code listing's last line", `<p>#endif</p>`, "#endif"},
		{"one tag in Han", `<p>#防汛</p>`, last},
		// WeChat's old articles and its 阅读原文 prompt; a how-to's step
		// and a list under a 往期 heading that is text.
		{"往期推荐", `<p><strong>往期推荐</strong></p><p><a href="/s/1">云南高速公路春运期间车流量创新高</a></p><p><a href="/s/2">昆明绕城高速东南段正式通车</a></p><p>点击“阅读原文”了解更多</p>`, last},
		{"阅读原文 alone", `<p>点击“阅读原文”了解更多</p>`, last},
		{"a how-to's step", `<p>第三步：点击阅读原文查看详情</p>`, "第三步：点击阅读原文查看详情"},
		{"阅读原文件", `<p>请阅读原文件了解更多</p>`, "请阅读原文件了解更多"},
		{"往期 as a section", `<p>往期回顾</p><p>去年同期，全市接待游客人数同比增长百分之十二。</p>`, "去年同期，全市接待游客人数同比增长百分之十二。"},
		// An inline list of other stories; a 更多 label before text.
		{"更多要聞港聞", `<div class="morenews">更多要聞港聞：<a>港珠澳大橋車流創新高</a> <a>天文台料周末有驟雨</a></div>`, last},
		{"更多消息", `<p>更多消息：目前尚无人员伤亡报告</p>`, "更多消息：目前尚无人员伤亡报告"},
		{"更多内容 with a sentence", `<p>更多内容：请关注后续报道，我们将持续跟进。</p>`, "更多内容：请关注后续报道，我们将持续跟进。"},
		{"a speech", `<p>本文为作者在第五届论坛上的讲话，有删节。</p>`, "本文为作者在第五届论坛上的讲话，有删节。"},
		// A contest's rules on originality, a reading list, an event's
		// dates after "Ends", a release's attachments after its end mark:
		// text.
		{"a contest's rule", `<p>1. 参赛作品须为原创，不得抄袭他人作品。</p>`, "1. 参赛作品须为原创，不得抄袭他人作品。"},
		{"a reading list", `<h3>推荐阅读：</h3><ul><li>《活着》余华</li><li>《三体》刘慈欣</li></ul>`, "《三体》刘慈欣"},
		{"an event's dates", `<p>Starts</p><p>26 April 2024</p><p>Ends</p><p>28 April 2024</p><p>Venue</p><p>Central Lawn</p>`, "Central Lawn"},
		// A paragraph naming the policy a page explains is text; a box
		// of related links under its heading is not.
		{"相关文件 paragraph", `<p>相关文件：<a href="/zcwj/7760.html">《关于做好2024年度城乡居民基本医疗保险参保缴费工作的通知》</a></p>`, "相关文件：《关于做好2024年度城乡居民基本医疗保险参保缴费工作的通知》"},
		{"相关文件 in a sentence", `<p>请各单位认真学习相关文件：《通知》全文见附件。</p>`, "请各单位认真学习相关文件：《通知》全文见附件。"},
		{"相关文件 box", `<div class="xgwj">相关文件：<a href="/1.html">关于印发某某办法的通知</a> <a href="/2.html">关于调整某某标准的通知</a></div>`, last},
		{"a tag line", `<p><strong>相关热词搜索：</strong><a href="/tag/1.html">安置</a></p>`, last},
		{"相关链接 box", `<div><p><b>相关链接</b></p><ul><li><a href="/1.html">市医保局召开工作会议</a></li><li><a href="/2.html">医保缴费指南</a></li></ul></div>`, last},
		// An English editor's credit under the story goes; an editor in
		// prose stays.
		{"Editor:", `<p class="editor">Editor: Wang Yuxin</p>`, last},
		{"Editor in prose", `<p>Editor of the local paper Li Ming said the event drew record crowds.</p>`, "Editor of the local paper Li Ming said the event drew record crowds."},
		{"Editor: a sentence", `<p>Editor: the magazine closed in 2019 after forty years, and its archive moved to the city library.</p>`, "Editor: the magazine closed in 2019 after forty years, and its archive moved to the city library."},
		{"attachments after the end mark", `<p>（完）</p><p>附件：</p><p><a href="/f/1.pdf">1.申报指南.pdf</a></p>`, "1.申报指南.pdf"},
	} {
		page := `<html><head><meta charset="utf-8"><title>政府公布失業率_網站</title></head><body><h1>政府公布失業率</h1>` +
			`<div class="info">2024-04-10</div><div class="content">` + prose + `<p>` + last + `</p>` + tt.tail + `</div></body></html>`
		p, err := Parse([]byte(page), "", "https://t.test/a/1.html", nil)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(p.Text(), "\n")
		if got := lines[len(lines)-1]; got != tt.want {
			t.Errorf("%s: last line %q, want %q", tt.name, got, tt.want)
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

// TestWeChatAuthor: a WeChat article's author is the field of its meta
// line that has no id and is not the account; without one, the 编辑
// credited under the text stands in.
func TestWeChatAuthor(t *testing.T) {
	for _, tt := range []struct{ meta, want string }{
		{`<span id="copyright_logo" class="rich_media_meta icon_appmsg_tag">原创</span><span class="rich_media_meta rich_media_meta_text">孙晓婷</span>` +
			`<span class="rich_media_meta rich_media_meta_nickname" id="profileBt"><a id="js_name">杭州发布</a></span>`, "孙晓婷"},
		{`<span class="rich_media_meta rich_media_meta_nickname" id="profileBt"><a id="js_name">杭州发布</a></span>` +
			`<em id="publish_time" class="rich_media_meta rich_media_meta_text">2024-04-15</em>`, "周颖"},
		{`<span class="rich_media_meta rich_media_meta_text">杭州市住保房管局</span>`, "周颖"}, // a unit, no person
	} {
		page := `<html><head><meta charset="utf-8"><title>杭州这12个老旧小区今年改造</title></head><body><div id="js_article" class="rich_media">` +
			`<h1 class="rich_media_title">杭州这12个老旧小区今年改造</h1><div id="meta_content" class="rich_media_meta_list">` + tt.meta + `</div>` +
			`<div class="rich_media_content" id="js_content">` + prose + `<p>编辑：周颖　审核：陈晨</p></div></div></body></html>`
		p, err := Parse([]byte(page), "", "https://mp.weixin.qq.com/s/abc", nil)
		if err != nil {
			t.Fatal(err)
		}
		if p.Author != tt.want {
			t.Errorf("%s: author %q, want %q", tt.meta, p.Author, tt.want)
		}
	}
	// Reposted on a portal, the account's credits are followed by its
	// platform's short lines: the credits are still read.
	page := `<html><head><meta charset="utf-8"><title>砚山：三七花开正当时</title></head><body><div class="zwdt-detail"><h1>砚山：三七花开正当时</h1>` +
		`<div class="zwdt-info">发布时间：2024-08-08 10:17:45　来源：砚山县融媒体中心微信公众号</div><div class="zwdt-con">` +
		`<section><p><span>点击蓝字 关注我们</span></p></section>` +
		`<p><span>8月的砚山，三七种植基地里一片翠绿，红色的三七花点缀其间。</span></p>` +
		`<p><span>砚山县三七种植面积稳定在3.5万亩，三七花茶、三七花蜜等产品深受市场欢迎。</span></p>` +
		`<p><span>“三七花采摘期只有一个月左右，我们要抓紧时间采。”种植户李兰说。</span></p>` +
		`<section><p>来源：砚山县融媒体中心</p><p>编辑：杨欢</p><p>审核：熊平</p></section><p><span>往期推荐</span></p>` +
		`<p><a>砚山县召开乡村振兴工作推进会</a></p><p><span>分享 ▪ 点赞 ▪ 在看</span></p></div></div></body></html>`
	p, err := Parse([]byte(page), "", "http://www.yanshan.gov.cn/zwdt/bmdt/202408/t20240808_1552011.html", nil)
	if err != nil {
		t.Fatal(err)
	}
	if p.Author != "杨欢" {
		t.Errorf("credits over a platform's lines: author %q, want 杨欢", p.Author)
	}
}
