package extract

import (
	"strings"
	"testing"
)

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
		"阅读原文":                                  true,
		"原文链接 >":                                true,
		"阅读原文后再作答。":                             false,
		"点击“阅读原文”，购买宁都脐橙":                       true,
		"点击阅读原文，购买教材需到书店。":                      false,
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

// TestLinkedNameAboveTheText: a platform's account name, a link alone
// above the story, is no line of it; a link inside the story, or a long
// linked first line, is.
func TestLinkedNameAboveTheText(t *testing.T) {
	const story = `<p>记者从杭州市住保房管局获悉，杭州亚运村运动员村部分房源将转为人才租赁住房，首批3000套房源于4月15日起开放申请。</p>` +
		`<p>申请对象为在杭州工作的新引进大学生和高层次人才，租金为同地段市场租金的80%左右。</p>`
	for _, tt := range []struct{ top, bottom, first, last string }{
		{`<p><a href="https://author.baidu.com/home?app_id=1592845">钱江晚报</a></p>`, ``, "记者从杭州市住保房管局获悉", "申请对象为"},
		{`<p><a href="/zt/2024/rcsq/">杭州亚运村运动员村部分房源将转为人才租赁住房的详细申请办法</a></p>`, ``, "杭州亚运村运动员村部分房源将转为人才租赁住房的详细申请办法", "申请对象为"},
		{``, `<p><a href="/zt/2024/rcsq/">申请入口</a></p>`, "记者从杭州市住保房管局获悉", "申请入口"},
	} {
		page := `<html><head><meta charset="utf-8"><title>杭州亚运村变身人才社区</title></head><body><h1>杭州亚运村变身人才社区</h1>` +
			`<div class="article">` + tt.top + story + tt.bottom + `</div></body></html>`
		p, err := Parse([]byte(page), "", "https://baijiahao.baidu.com/s?id=1795981234567890123", nil)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(p.Text(), "\n")
		if !strings.HasPrefix(lines[0], tt.first) || !strings.HasPrefix(lines[len(lines)-1], tt.last) {
			t.Errorf("%s…%s: text %q, want it from %q to %q", tt.top, tt.bottom, p.Text(), tt.first, tt.last)
		}
	}
}

// TestHealthNotice: a health site's notice under a 科普 text is the
// site's; a text's own sentence about what it cannot replace is text.
func TestHealthNotice(t *testing.T) {
	for line, want := range map[string]bool{
		"温馨提示：本文仅为健康科普，不能代替专业诊疗，如有不适请及时就医。": true,
		"本文内容仅供参考，不能替代医生的诊断和治疗。":            true,
		"专家提醒，体检报告不能代替医生的诊断，有异常要及时复查。":      false,
	} {
		if got := disclaimer.MatchString(line); got != want {
			t.Errorf("%q: a notice %v, want %v", line, got, want)
		}
	}
}
