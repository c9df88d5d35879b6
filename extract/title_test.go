package extract

import (
	"strings"
	"testing"
)

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
		{`<title>深读｜一座老城的更新样本 - 青川新闻网</title>`, `<h1>深读｜一座老城的更新样本</h1>`, "深读｜一座老城的更新样本"},   // a column's mark both print
		{`<title>图文直播回顾｜渡江节圆满结束_长江网</title>`, `<h1>图文直播回顾｜渡江节圆满结束</h1>`, "图文直播回顾｜渡江节圆满结束"}, // a mark as long as a headline
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
		// A short headline that is the <title>'s whole first part.
		{`<title>通天岩 - 赣州百科</title>`, `<div class="top"><a href="/">赣州百科</a></div><h1>通天岩</h1>`, "通天岩"},
		{`<title>公告 - 某某县人民政府</title>`, `<h1>公告</h1>`, "公告"},
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
