package extract

import (
	"strings"
	"testing"
)

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
		// A reporter's name ends at the next credit's label (a 融媒体
		// sign-off); a weekday in brackets after the date is no name.
		{"2024-05-17", "", "记者：姜雨晴　剪辑：彭志远　编辑：胡静", "", "姜雨晴"},
		{"2024-05-17", "", "2024年5月17日（星期五）", "", ""},
		// English bylines labelled Writer: or Written by:, before an Editor:.
		{"Updated: 2024-06-03 Writer: Li Ming Editor: Wang Yu", "", "", "", "Li Ming"},
		{"2024-06-03", "", "Written by: Chen Jie", "", "Chen Jie"},
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

func TestCleanAuthor(t *testing.T) {
	for in, want := range map[string]string{
		"陈浩_NBJ11279": "陈浩", "刘婷 PN123": "刘婷", "记者 李明": "李明", "佚名": "",
		"王小明 G20": "王小明 G20", "李四 C919": "李四 C919", // no staff codes
		"农民日报记者 刘知宜": "刘知宜", "人民日报记者 张三 李四": "张三 李四",
		"新华社记者站": "新华社记者站", "日报记者协会": "日报记者协会", // a desk, a body: no names follow
		"全媒体记者 李婷": "李婷", "本报全媒体记者 李婷": "李婷", "融媒记者 王芳": "王芳", "齐鲁晚报·齐鲁壹点记者 孔梦雪": "孔梦雪",
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
		"发布时间：2024-03-05 10:20 来源：县政府办":                                       true,
		"2024.03.05 14:08 来源：新华社":                                             true, // a date's year numbers no list
		"11/04/2024 17:46消息來源：旅遊局":                                            true, // Macau: day first, spans run together
		"Gao Yun Updated 16:30, 10-Apr-2024":                                  true, // CGTN: the name without "By"
		"The Ministry Published new rules on 10 April 2024":                   false,
		"Date: 2025-06-10 | Source: Yueyang Museum":                           true, // an English page's fields
		"Date palms planted in 2020 now bear fruit.":                          false,
		"Date: the festival runs from 1 to 5 May 2025.":                       false,
		"Time: 14:00, 10 June 2025. Candidates must arrive 30 minutes early.": false,
		"Date: June 10, 2025":                                                 true,
		"一、放假时间：5月1日至5日放假调休，共5天。":                                             false,
		"2. 报名时间：3月1日至3月10日":                                                  false,
		"浙江之声记者：改造资金从哪里来？":                                                    false,
		"门诊时间：上午8:00—12:00，下午13:30—17:00":                                     false,
		// A 问政 letter's fields, spans run together.
		"留言人：网友1389****留言时间：2024-05-10 08:33留言对象：南宁市良庆区类型：咨询": true,
		"回复单位：南宁市良庆区市政和园林管理局回复时间：2024-05-15 16:20":            true,
		"留言人要求对路灯问题进行回复：希望尽快维修":                               false,
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

// TestSeparatorAfterValue: a separator between a byline's spans (作者：刘洋
// · 阅读量 …) is not the value's.
func TestSeparatorAfterValue(t *testing.T) {
	for _, sep := range []string{" · ", " | ", " • "} {
		page := `<html><head><meta charset="utf-8"><title>这是文章的标题_网站</title></head><body><h1>这是文章的标题</h1>` +
			`<div class="info"><span>2020-02-20 09:30</span>` + sep + `<span>来源：城市晚报</span>` + sep + `<span>作者：刘洋</span>` + sep + `<span>阅读量 1024</span></div><div>` + prose + `</div></body></html>`
		p, err := Parse([]byte(page), "", "http://t.test/a/1.html", nil)
		if err != nil {
			t.Fatal(err)
		}
		if p.Author != "刘洋" || p.Source != "城市晚报" {
			t.Errorf("%q: author %q, source %q; want 刘洋, 城市晚报", sep, p.Author, p.Source)
		}
	}
}
