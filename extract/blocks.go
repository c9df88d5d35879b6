package extract

import (
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// blocks turns the main content element into blocks in reading order,
// leaving out what sits inside the content but is not the article: page
// bars, share bars, link lists, counters, the title and byline repeated.
func (r *reader) blocks(content *html.Node, meta pageMeta) []Block {
	w := newBlockWriter(r, content)
	w.walk(content)
	w.flush()
	meta.site = r.head.title + " " + r.head.metaValue("og:site_name")
	return cleanBlocks(w.out, meta)
}

func newBlockWriter(r *reader, content *html.Node) *blockWriter {
	w := &blockWriter{r: r, root: content}
	if st := r.stats[content]; st != nil {
		w.rootText = st.nonLink()
	}
	return w
}

type blockWriter struct {
	r        *reader
	root     *html.Node // the content element walked
	rootText float64    // its text outside links
	keepAll  bool       // skip nothing: the metadata reader wants every line
	summary  int        // depth of summary boxes around the current line
	inLink   int        // depth of links around the current text
	unlinked bool       // the current line has text outside links
	out      []Block
	line     strings.Builder
	kind     BlockKind
}

// flush ends the current paragraph.
func (w *blockWriter) flush() {
	text := cleanLine(w.line.String())
	w.line.Reset()
	if text != "" {
		w.out = append(w.out, Block{Kind: w.kind, Text: text, summary: w.summary > 0, linked: !w.unlinked})
	}
	w.kind = Paragraph
	w.unlinked = false
}

// leadsAway says whether an anchor is a link: not a named anchor (<a
// name="c1">第一章　总则</a>, a chapter a table of contents points to).
func leadsAway(a *html.Node) bool {
	_, ok := hasAttr(a, "href")
	return ok
}

// summaryBox says whether an element is a template's summary box: the
// description field DedeCMS (div.intro) and PHPCMS (div.summary) print
// above the text.
func summaryBox(n *html.Node) bool {
	names := attr(n, "class") + " " + attr(n, "id")
	if names == " " {
		return false // most blocks: no names to split
	}
	for _, tok := range strings.Fields(strings.ToLower(names)) {
		switch tok {
		case "intro", "summary", "zhaiyao", "digest", "abstract", "description", "daodu", "article-summary", "article_summary", "article-intro", "lead-in":
			return true
		}
	}
	return false
}

func (w *blockWriter) walk(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			if n != w.r.mergedRoot || w.keepAll {
				w.line.WriteString(c.Data)
				if w.inLink == 0 && strings.TrimSpace(c.Data) != "" {
					w.unlinked = true
				}
			}
			continue
		case html.ElementNode:
		default:
			continue
		}
		if !w.keepAll && w.skip(c) {
			// A skipped element still separates the text around it.
			if isBlock(c) {
				w.flush()
			}
			continue
		}
		switch {
		case c.DataAtom == atom.Br:
			// A heading's second line is the heading's still.
			kind := w.kind
			w.flush()
			if kind == Heading {
				w.kind = Heading
			}
		case c.DataAtom == atom.Table && !w.keepAll && w.r.isDataTable(c):
			w.flush()
			// Its <caption> (单位：万元, the table's title) stands over it:
			// the grid holds the rows only.
			for cc := c.FirstChild; cc != nil; cc = cc.NextSibling {
				if cc.DataAtom == atom.Caption {
					w.kind = Caption
					w.walk(cc)
					w.flush()
				}
			}
			if rows := tableGrid(c); len(rows) > 0 {
				w.out = append(w.out, Block{Kind: Table, Text: tableText(rows), Rows: rows})
			}
		case isHeading(c):
			w.flush()
			w.kind = Heading
			w.walk(c)
			w.flush()
		case c.DataAtom == atom.Li:
			w.flush()
			w.kind = ListItem
			w.walk(c)
			w.flush()
		case c.DataAtom == atom.Figcaption || c.DataAtom == atom.Caption:
			w.flush()
			w.kind = Caption
			w.walk(c)
			w.flush()
		case c.DataAtom == atom.Pre:
			w.flush()
			for _, line := range strings.Split(textWithLines(c), "\n") {
				if line = cleanLine(line); line != "" {
					w.out = append(w.out, Block{Kind: Preformatted, Text: line})
				}
			}
		case isBlock(c):
			w.flush()
			box := summaryBox(c)
			if box {
				w.summary++
			}
			w.walk(c)
			w.flush()
			if box {
				w.summary--
			}
		case c.DataAtom == atom.A && leadsAway(c):
			w.inLink++
			w.walk(c)
			w.inLink--
		default:
			w.walk(c)
		}
	}
}

// textWithLines is the text of a <pre>, line breaks kept.
func textWithLines(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.TextNode {
				b.WriteString(c.Data)
			} else if c.DataAtom == atom.Br {
				b.WriteByte('\n')
			} else {
				walk(c)
			}
		}
	}
	walk(n)
	return b.String()
}

// skip says whether an element inside the content is not article text.
// This is Readability's conditional cleaning, with Chinese templates'
// names and headings: what is left inside the winning container besides
// the article (bars, related lists, comment boxes) goes here.
func (w *blockWriter) skip(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Title, atom.Meta, atom.Link, atom.Head, atom.Base:
		return true // head elements the parser put in the body (a page wrapped in <text>)
	}
	if w.keepAll {
		return false
	}
	if w.r.excluded[n] {
		return true
	}
	st := w.r.stats[n]
	switch n.DataAtom {
	case atom.Nav, atom.Footer, atom.Aside:
		return true
	case atom.Form:
		// ASP.NET pages wrap everything in one form.
		return st != nil && st.linkDensity() >= 0.3
	case atom.A, atom.Img, atom.Span, atom.Font, atom.B, atom.Strong, atom.Em, atom.I, atom.U:
		return false // inline: judged as part of their line
	}
	if st == nil || n == w.root {
		return false
	}
	switch attr(n, "role") {
	case "navigation", "complementary", "menu", "menubar", "contentinfo", "dialog", "alertdialog":
		return true
	}
	// A named bar or box (page bar, share bar, related list, comment box)
	// goes, unless it holds most of the content: then the name misleads.
	minor := st.nonLink() < w.rootText/2
	if minor && (st.name&nameBar != 0 || (st.name&nameUnlikely != 0 && st.name&nameMaybe == 0)) {
		return true
	}
	// The site's footer goes even when it is most of what a page has; a
	// footer is a few lines (an article that closes with 版权所有 is not).
	if st.name&nameFooter != 0 && (minor || !longText(n, 900)) && footerText.MatchString(textOf(n)) {
		return true
	}
	if !isBlock(n) {
		return false
	}
	// A block that is mostly links: a menu, a list of related titles, a
	// page bar. A list of titles with their dates has fewer links by text,
	// but also fewer marks of prose than links.
	ld := st.linkDensity()
	if (st.links >= 2 && ld > 0.5 || st.links >= 3 && ld > 0.3 && st.punct < st.links) && minor && !attachmentList(n, w.root) {
		return true
	}
	// A box under a heading such as 相关新闻, 热门推荐 or "Related stories"
	// is a sidebar box, whatever its links.
	if minor && ld > 0.2 && w.r.boxHeading(n) {
		return true
	}
	return false
}

// attachmentList says whether a block of links is a document's list of
// attachments, which the text keeps: every link leads to a file, and the
// list says it is one (附件：) or follows a line that does (附件下载：).
// An official document's 附件说明 is part of its body (GB/T 9704), and
// the names tell a reader what the document comes with; the files
// themselves are the document's attachments. But when the body names
// them already (附件：1.… above the signature), a download box under it
// says it again: that box is the template's.
func attachmentList(n, root *html.Node) bool {
	files := 0
	ok := true
	first := "" // the first file's name: the body names it too when it names them
	var visit func(*html.Node)
	visit = func(n *html.Node) {
		for c := n.FirstChild; c != nil && ok; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if c.DataAtom == atom.A {
				if !linksFile(c) {
					ok = false
				}
				if files++; files == 1 {
					first = strings.TrimSpace(textOf(c))
					if dot := strings.LastIndexByte(first, '.'); dot > 0 && len(first)-dot <= 5 {
						first = first[:dot] // 1.项目申报书.docx is named 1.项目申报书
					}
				}
				continue
			}
			visit(c)
		}
	}
	visit(n)
	if !ok || files == 0 {
		return false
	}
	if all := textOf(root); first != "" && strings.Count(all, first) >= 2 {
		return false
	}
	if attachmentLabel(textOf(n)) {
		return true
	}
	for prev := n.PrevSibling; prev != nil; prev = prev.PrevSibling {
		if prev.Type == html.ElementNode {
			t := strings.TrimSpace(textOf(prev))
			return runeCount(t) <= 12 && attachmentLabel(t)
		}
		if prev.Type == html.TextNode && strings.TrimSpace(prev.Data) != "" {
			return false
		}
	}
	return false
}

// attachmentLabel says whether s opens with the word that introduces a
// document's attachments: 附件, 相关附件, 附件下载.
func attachmentLabel(s string) bool {
	s = strings.TrimSpace(s)
	return strings.HasPrefix(s, "附件") || strings.HasPrefix(s, "相关附件") || strings.HasPrefix(s, "相關附件")
}

// eventWord ends the words whose 时间：/日期： is a notice's own (举办时间：,
// 报名时间：, 首末班时间：, 开放日期：, a 通告's 管制时间：), not a byline's.
var eventWord = regexp.MustCompile(`(?:举办|举行|报名|活动|开放|办理|受理|截止|考试|营业|服务|首末班|首班|末班|开始|结束|会议|培训|开馆|闭馆|征集|申报|缴费|投票|公示|接待|咨询|就诊|预约|入场|领取|发放|停电|停水|施工|演出|展览|比赛|报到|面试|笔试|体检|上班|值班|运行|营运|管制|限行|禁行|封闭|检修|停气|施行|实施|生效|开标|投标|摇号|放假)$`)

// eventTime says whether the label at s[start:end], a bare 时间：/日期：,
// follows an event word: that event's time, text of the notice.
func eventTime(s string, start, end int) bool {
	label := s[start:end]
	if !strings.HasPrefix(label, "时间") && !strings.HasPrefix(label, "時間") && !strings.HasPrefix(label, "日期") {
		return false
	}
	return eventWord.MatchString(s[:start])
}

// footerText is what a site's footer says: its copyright, its ICP
// registration (备案号), who runs the site.
var footerText = regexp.MustCompile(`(?i)版权所有|版權所有|ICP\s*备|ICP\s*證|备案号|copyright\s*(©|&copy;|\(c\)|\d{4})|©\s*\d{4}|(主办|承办|技术支持)\s*[:：]`)

// boxHeadingText are the headings of sidebar and related boxes: 相关…,
// 最新…, 热门…, 推荐…, 猜你喜欢, 延伸阅读, and their English counterparts.
var boxHeadingText = regexp.MustCompile(`(?i)^\s*(相关|相關|最新|热门|熱門|热点|熱點|推荐|推薦|精彩|猜你喜欢|猜你喜歡|延伸阅读|延伸閱讀|更多|热读|熱讀|排行|图片新闻|圖片新聞|related|recommended|you (may|might) (also )?like|more (from|stories|news|on)|most (read|popular|viewed)|popular|trending|latest|read (more|next)|also read|see also)`)

// boxHeadingNames are class words of the heading of a related box.
var boxHeadingNames = []string{"related", "recommend", "popular", "trending", "xgwz", "xiangguan", "tuijian", "remen", "paihang"}

// boxHeading says whether n opens with the heading of a sidebar or
// related box: a short first line that reads like one, or a first element
// whose class says so (<h3 class="related-title">).
func (r *reader) boxHeading(n *html.Node) bool {
	// A paragraph naming the one document a policy page explains
	// (<p>相关文件：<a>《…通知》</a></p>) is text: a box lists several.
	// (Not a tag line: 相关热词搜索：<a>安置</a>.)
	if n.DataAtom == atom.P && countLinks(n, 2) < 2 && relatedDocument.MatchString(textOf(n)) {
		return false
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			if strings.TrimSpace(c.Data) == "" {
				continue
			}
			return runeCount(c.Data) <= 24 && boxHeadingText.MatchString(c.Data)
		case html.ElementNode:
			st := r.stats[c]
			if st == nil || st.text == 0 {
				continue
			}
			if isHeading(c) && st.text < 100 && containsAny(strings.ToLower(attr(c, "class")+" "+attr(c, "id")), boxHeadingNames) {
				return true
			}
			// 24 runes of CJK weigh 72 units; of Latin, 24.
			if st.text > 72 {
				return false
			}
			t := textOf(c)
			return runeCount(t) <= 24 && boxHeadingText.MatchString(t)
		}
	}
	return false
}

// relatedDocument opens a paragraph naming a policy's document.
var relatedDocument = regexp.MustCompile(`^\s*相[关關](?:文件|政策|法规|法規|附件|解读|解讀|原文)\s*[:：]`)

// countLinks counts the links under n, up to most.
func countLinks(n *html.Node, most int) int {
	count := 0
	for c := n.FirstChild; c != nil && count < most; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if c.DataAtom == atom.A {
			count++
			continue
		}
		count += countLinks(c, most-count)
	}
	return count
}

// Lines that are never article text wherever they appear: page bars, tool
// links, counters, navigation to other articles.
var boilerplateLine = regexp.MustCompile(`^(` +
	`(?:[\[［(（]?\s*(?:\d+|首页|上一页|下一页|尾页|末页|上页|下页)\s*[\]］)）]?\s*)+` + // [1] [2] 下一页
	`|.*(上一篇|下一篇|上一条|下一条|上一頁|下一頁)\s*[:：].*` +
	`|(分享到|打印本页|打印此页|关闭窗口|关闭本页|返回顶部|返回首页|收藏本页|加入收藏|【?字[体號号]\s*[:：]?.*[大中小]】?|【?打印】?|【?关闭】?|【?返回】?|\s)+` +
	`|.*第\s*\d+\s*页\s*[/，,]?\s*共\s*\d+\s*页.*` + // 第1页 共2页
	`|共\s*\d+\s*页.*` +
	`|.{0,20}(浏览|点击|阅读|访问)(次数|量|数)?\s*[:：]\s*\d*\s*次?` + // 浏览:854 on its own line
	`|.{0,20}(浏览|点击|阅读|访问)(次数|量|数)?\s*[(（]?\s*[\d,]+\s*[)）]?\s*次?` + // 阅读 1,234 / 点击(56)
	// A service page's bar of buttons ending with its counter (在线办理 收藏
	// 咨询 投诉 评价：★★★★★ 浏览量：3,412): short words between spaces, no
	// sentence among them.
	`|(?:[^\s，。；！？,]{1,8}\s+){2,12}(浏览|点击|阅读|访问)(次数|量|数)?\s*[:：]\s*[\d,]+\s*次?` +
	`|(\S{0,6}\s*)?([【\[［]\s*[^】\]］]{1,12}\s*[】\]］]\s*){2,}` + // 页面功能 【我来说两句】【推荐】【打印】【关闭】 (one alone may be a heading: 【基本案情】)
	`|(?:微信|手机)?扫一扫(?:在手机(?:上)?打开|分享|关注|阅读).{0,12}` + // 扫一扫在手机打开当前页
	`|长按(?:识别)?(?:图中)?二维码.{0,16}` + // 长按识别二维码关注“株洲发布”
	`|返回搜狐[^。]{0,12}` + // 返回搜狐，查看更多
	`|(?:本文)?(?:如需)?转载请注明.{0,40}` +
	// 本文为红网原创文章，转载请附上原文出处链接和本声明。: a notice of
	// the site's, whatever the story; a clause before 转载 keeps it short.
	`|(?:本文|本稿|此文)?(?:为|系)?[^，。,]{0,16}原创(?:文章|稿件|作品|内容)?[，,]\s*(?:未经[^，。,]{0,16}[，,]\s*)?(?:转载请|如需转载|请勿转载|不得转载|禁止转载|严禁转载)[^。]{0,40}。?` +
	`|本文(?:链接|地址|网址)\s*[:：]\s*https?://\S+` + // 本文链接：https://… (a URL alone after the label)
	`|[+＋]?\s*关注|举报\s*[/／]\s*反馈|反馈\s*[/／]\s*举报` + // a follow button, a report link (百家号's 关注 and 举报/反馈)
	`|(?:点击|點擊)?(?:查看|看)(?:大图|大圖|原图|原圖)` + // a picture's button under its caption
	`|(?:(?:点|點)(?:分享|收藏|在看|赞|讚|点赞|點讚)[\s，,、]*){2,}` + // WeChat's 点分享 点收藏 点在看 点点赞
	`|` + endMarkWord + // the end mark of a press release
	`)$`)

// listNumber opens an item of a numbered list or a section: 一、 三.
// （二） 1. 2、 ①. (Not the year of a date: 2024.03.05 numbers nothing.)
var listNumber = regexp.MustCompile(`^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[(（]\s*[一二三四五六七八九十\d]+\s*[)）]|\d{1,3}\s*[、.．]\D|[①-⑳])`)

// tailPrompt matches the prompts portals and apps print under a story: to
// scan a code and follow an account, to follow it, to download an app,
// the story's keywords. Only under the text, and only a prompt: a line
// with a comma or a list number is an instruction of the text itself
// (三、请下载“国家反诈中心”客户端，开启来电预警功能！), and scanning a code
// to do something else is one too (请扫描下方二维码进行预约挂号).
// wechatEnd is WeChat's END, between dashes or alone.
var wechatEnd = regexp.MustCompile(`^\s*(?:[-—–－_·]+\s*END\s*[-—–－_·]+|END)\s*$`)

var tailPrompt = regexp.MustCompile(`^(?:` +
	`(?:[^，,。]{0,16}[！!\s])?(?:欢迎|请|敬请)?(?:长按|扫描|扫码)(?:识别)?(?:下方|左方|右方|上方|图中)?的?二维码(?:关注|下载)[^，,。]{0,24}` + // 欢迎扫描左方二维码关注（sinanewsapp）
	`|(?:欢迎|敬请)关注[^，,。]{0,12}公众号[^，,。]{0,12}|关注(?:我们的)?(?:官方)?(?:微信)?公众号\s*[:：][^，,。]{0,24}` +
	`|(?:更多[^，,。]{0,8})?(?:请|欢迎)下载[^，,。]{0,12}客户端[^，,。]{0,8}` +
	`|(?:文章)?(?:关键词|关键字|標籤|标签|Tags?)\s*[:：][^，,。]{0,40}` + // 文章关键词：新能源汽车消费
	`|(?:按我|點我|点我)[^，,。]{1,12}` + // 按我看活動辦法 under an app promo
	// WeChat's 点击“阅读原文”了解更多: the link under the article; a how-to's
	// step (点击阅读原文查看详情) offers no more.
	`|(?:点击|點擊)?\s*[“"「]阅读原文[”"」]\s*(?:了解|查看|获取|閱讀|阅读)更多[^，,。]{0,8}` +
	`|(?:点击|點擊)\s*[“"「]阅读原文[”"」]\s*[，,]?\s*(?:购买|購買|下载|下載|报名|報名|领取|領取|预约|預約|进入|進入|参与|參與)[^，,。]{0,16}[!！]?` + // 点击“阅读原文”，购买宁都脐橙
	`|(?:点击|點擊)?(?:阅读原文|閱讀原文|查看原文|原文链接|原文鏈接)\s*[>›»→]*` + // the link alone
	`|想?了解更多精彩(?:内容|內容|资讯|資訊|新闻|新聞)?[，,]\s*(?:快来|快來|请|請|欢迎|歡迎)?关注[^，,。]{1,12}[!！]?` + // 想了解更多精彩内容，快来关注齐鲁壹点
	`|满意度(?:评价|測評|测评|調查|调查)?\s*[:：][^，,。0-9０-９%％]{0,16}` + // a 问政 reply's rating widget: 满意度评价：满意 我要评价
	`)$`)

// tipLinePromo is a paper's call for news tips under its stories (齐鲁壹点's
// 找记者、求报道、求帮助，各大应用市场下载“齐鲁壹点”APP…等你来报料！):
// it opens with the call, which no sentence of a story does.
var tipLinePromo = regexp.MustCompile(`^(?:找记者|找記者)[、，,\s]*(?:求报道|求報導)[^。]{0,120}(?:报料|爆料|報料)`)

// appPromo matches a portal's invitation to its app in forms no article
// sentence takes, wherever it stands in the text (LTN puts them between
// paragraphs): ☆自由時報APP 搶先看☆, 點我下載APP, 現在用APP看新聞.
var appPromo = regexp.MustCompile(`^[☆★◆●■▲▶\s]*(?:` +
	`(?:点击|點擊)(?:上方)?(?:蓝字|藍字)\s*(?:关注|關注)(?:我们|我們)?` + // a WeChat article's 点击蓝字 关注我们
	`|` +
	`(?:点我|點我|按我)\s*(?:下载|下載)\s*(?:APP|App|app|客户端|客戶端)` +
	`|[^\s:：，,。]{0,12}\s*(?:APP|App|app|客户端|客戶端)\s*(?:抢先看|搶先看)` +
	`|(?:[^:：，,。]{0,12}\s)?(?:现在|現在)?用\s*(?:APP|App|app)\s*看新[闻聞](?:\s[^:：，,。]{0,12})?` +
	`)[☆★◆●■\s]*$`)

// stepLabel is a how-to's step heading alone on its line (第一步, 步骤二).
var stepLabel = regexp.MustCompile(`^(?:第[一二三四五六七八九十\d]+步|步[骤驟][一二三四五六七八九十\d]+)\s*[:：]?$`)

// stepAfter says whether a WeChat 点击蓝字 关注 line is a how-to's step:
// under a line that introduces steps (步骤如下：) or a step's heading.
func stepAfter(out []Block, s string) bool {
	if !strings.Contains(s, "蓝字") && !strings.Contains(s, "藍字") || len(out) == 0 {
		return false
	}
	prev := out[len(out)-1].Text
	return strings.HasSuffix(prev, "：") || strings.HasSuffix(prev, ":") || stepLabel.MatchString(prev)
}

// edgePromo matches the plainer invitations (新浪新闻客户端 扫码下载,
// 立即下载客户端), which a service guide's steps may also read like (第一步
// 扫码下载, 点击下载APP): taken for promos only at the text's edges. What
// goes on after them (扫码下载申请表, 下载APP并完成实名注册) is an instruction.
var edgePromo = regexp.MustCompile(`^[☆★◆●■▲▶\s]*(?:` +
	`(?:[^\s:：，,。！!？?]{0,12}(?:新闻|新聞|客户端|客戶端|APP|App|app)\s*)?(?:扫码|掃碼|扫描二维码|掃描二維碼)(?:下载|下載)(?:客户端|客戶端|APP|App|app)?` +
	`|(?:点击|點擊|按此|立即)?\s*(?:下载|下載)\s*(?:APP|App|app|客户端|客戶端)(?:领取|領取|看新闻|看新聞|更精彩)?` +
	// 下载羊城派客户端，阅读更多精彩内容: the app named, and what more it
	// offers (a guide's 下载“浙里办”客户端，在线提交材料 offers a step).
	`|(?:点击|點擊|立即)?(?:下载|下載)[“"「]?[\p{Han}A-Za-z]{2,8}[”"」]?(?:APP|App|app|客户端|客戶端)[，,\s]*(?:阅读|閱讀|查看|获取|獲取|了解|看)更多(?:精彩)?(?:内容|內容|资讯|資訊|新闻|新聞)?[!！]?` +
	// ►立即加入ETtoday社會新聞LINE官方帳號: the site's channel, named
	// by its platform, with its arrow or its call (加入臺南市警察局LINE官方帳號
	// alone is a step of a guide).
	`|(?:[►➤]\s*(?:立即|馬上|马上|快)?|(?:立即|馬上|马上|快))(?:加入|追蹤|追踪|訂閱|订阅)[^\s:：，,。！!？?]{0,16}(?:LINE|Line|Telegram|YouTube|IG)\s*(?:官方帳號|官方账号|頻道|频道|好友)` +
	`)[☆★◆●■\s]*$`)

// backLink is the link back to the column that closes a page whose whole
// article is one table cell (返回列表, [返回], << 返回最新消息).
// Only a place a site links back to: 回到故乡 ends a poem, 返回舱安全着陆
// a caption, 《回到拉萨》 a programme.
var backLink = regexp.MustCompile(`^[\[【［<«《\s]*(?:返回|回到)\s*(?:\p{Han}{0,4}(?:列表|首页|首頁|主页|主頁|顶部|頂部|页首|頁首|上页|上頁|上一页|上一頁|目录|目錄|栏目|欄目|专题|專題|消息|新闻|新聞|公告|动态|動態))?\s*[\]】］>»》]?$`)

// quotedAfterColon says whether the last block kept introduces a quotation.
func quotedAfterColon(out []Block) bool {
	if len(out) == 0 {
		return false
	}
	prev := strings.TrimSpace(out[len(out)-1].Text)
	return strings.HasSuffix(prev, "：") || strings.HasSuffix(prev, ":")
}

// widgetAction is the button that ends a line of a shop's or a listing's
// widget under a story (比亚迪秦L 指导价：9.98-12.98万 询底价 查看参数,
// 【楼盘推荐】中铁·阅山湖 均价9800元/㎡ 预约看房): a price, then the call.
var widgetAction = regexp.MustCompile(`(?:\d\s*(?:万|元|萬)|[【\[][^】\]]{1,6}推荐[】\]]).*\s(?:询底价|詢底價|获取底价|查看参数|预约看房|预约试驾|免费试驾|立即咨询|在线咨询|立即抢购|立即购买)$`)

// moreNewsLabel opens an inline list of a section's other stories:
// 更多要聞港聞：….
var moreNewsLabel = regexp.MustCompile(`^(?:更多|更多的)\p{Han}{0,6}(?:新闻|新聞|要聞|要闻|港聞|港闻|資訊|资讯|報道|报道|報導|文章|內容|内容|消息|動態|动态)\s*[:：]\s*`)

// moreNewsLine says whether s is a label of other stories and their
// titles on one line (東方日報's 更多要聞港聞：港珠澳大橋車流創新高 天文台料周末有驟雨):
// two titles at least, and no sentence among them (更多消息：目前尚无人员伤亡
// is the text's).
func moreNewsLine(s string) bool {
	loc := moreNewsLabel.FindStringIndex(s)
	if loc == nil || strings.ContainsAny(s, "，,。；;！？!?") {
		return false
	}
	return len(strings.Fields(s[loc[1]:])) >= 2
}

// noPlayer is a media element's fallback text: 您的浏览器不支持video标签。
// Only the browser addressed and a player named: an FAQ's 您的浏览器不支持该
// 功能，请升级 speaks of something else.
var noPlayer = regexp.MustCompile(`(?i)^(?:抱歉[，,]\s*)?(?:您的|你的|當前|当前)?(?:浏览器|瀏覽器)(?:暂|暫)?不支持\s*(?:HTML5\s*)?(?:<?video>?|<?audio>?|视频|視頻|音频|音頻)\s*(?:标签|標籤|播放|元素|tag)?[。.！!]?$`)

// hashtagLine is a line of hashtags alone: #捷運 #環狀線, #防汛; a tag in
// Han characters, or two tags (a code listing's last line, #endif, is
// neither).
var hashtagLine = regexp.MustCompile(`^(?:#[^\s#，,。]*\p{Han}[^\s#，,。]*|#[^\s#，,。]{1,20}(?:\s+#[^\s#，,。]{1,20})+)(?:\s+#[^\s#，,。]{1,20})*$`)

// disclaimer matches a platform's notice under a republished story (网易号's
// 特别声明, 搜狐号's 平台声明, 免责声明): long, so not boilerplateLine's;
// it speaks of the platform, not of the text's own author.
// 头条's 原创声明 (本文系作者授权头条号发表，未经许可，不得转载) is one too.
// Unlabelled, the platform's statement names the account that uploaded
// the story (本文为澎湃号作者或机构在澎湃新闻上传并发布，仅代表…; 本文来源于
// 百家号，内容由作者上传并发布，不代表平台立场); a paper's copyright notice
// names what it prints (财新网所刊载内容之知识产权为财新传媒…所有。未经许可…).
var disclaimer = regexp.MustCompile(`^[(（【\[]?\s*(?:` +
	`(?:特别|平台|免责|版权|原创)声明\s*[:：].*(?:平台|自媒体|用户上传|仅代表作者|不代表|信息存储|号系信息发布|授权|转载)` +
	`|(?:本文|本文章|该文章?|此文|以上内容)(?:为|系|由|来自|来源于)[^。]{0,30}(?:号|自媒体|用户|作者)[^。]{0,30}(?:上传|发布|发表)[^。]{0,40}(?:仅代表|不代表|信息发布平台|信息存储)` +
	// 本文由「36氪」原创出品，未经许可禁止转载。
	`|(?:本文|本文章|此文)(?:由|系|为)[^。，,]{0,30}(?:原创|独家)[^。，,]{0,8}[，,]\s*未经(?:许可|授权|允许|同意)[^。]{0,20}(?:禁止|不得|严禁|谢绝)[^。]{0,10}(?:转载|使用|复制|摘编)[^。]*。?$` +
	// 凡本网注明“来源：四川在线”的所有作品，版权均属于四川在线: the
	// stock notice of local news sites, quoting its own 来源 label.
	`|凡(?:本网|本站|本報|本报|本網)?注明\s*[“"「]?\s*(?:来源|來源)\s*[:：][^。]{0,40}(?:版权|版權|著作权|著作權)(?:均|皆)?(?:属于|屬於|归|歸|为|為)[^。]{0,80}。?.{0,60}$` +
	`|(?:本网|本站|本报|本刊|[\p{Han}\w]{1,12}(?:网|網|报道|报|報|客户端|APP|App))(?:及其[^，。,；]{0,12})?所?(?:刊载|刊登|刊发|发布)的?(?:内容|作品|稿件|文章|信息)(?:之|的)?(?:知识产权|版权|著作权)(?:均|皆)?(?:为|属|归)[^。]{0,60}所有[^。]{0,8}。?\s*(?:未经[^。]{0,40}(?:转载|使用|复制|摘编)[^。]*。?)?$` +
	// A health site's notice under every 科普 text: 温馨提示：本文仅为健康
	// 科普，不能代替专业诊疗，如有不适请及时就医。
	`|(?:温馨提示|溫馨提示|特别提示|特別提示)?\s*[:：]?\s*(?:本文|以上内容|文章内容|本文内容)?[^。]{0,10}(?:仅为|僅為|仅供|僅供)[^。]{0,20}(?:科普|参考|參考)[^。]{0,30}(?:不能|不可|无法|無法)(?:代替|替代)[^。]{0,20}(?:诊疗|診療|诊断|診斷|治疗|治療|医生|醫生|就医|就醫)[^。]*。?.{0,40}$` +
	`)`)

// englishBoilerplate: the short lines of English news templates that are
// never text: ad labels, gallery chrome, share and comment links, photo
// credits ("Photo: …, AP"), newsletter prompts.
var englishBoilerplate = regexp.MustCompile(`(?i)^(advertisement|advert|sponsored( content)?|ad|close|caption|back to gallery|video|comments?|\d+\s+comments?|(leave|add|post) a comment|subscribe( now)?|sign up|read more|more|share|share this( article| story| page)?|share (this )?(on|via) \w+|tweet|email|print|about the author|related( articles| stories| posts| content| coverage)?|see also|skip to( main)? content|next|previous|loading|image \d+ of \d+|\d+\s*(of|/)\s*\d+|(photo|image|picture|credit)s?\s*:.*|image copyright.*|getty( images)?|©.*|you (may|might) also like.*|more (great )?.{0,20} stories|recommended( for you)?)\s*[:.…]*$`)

// mayBeBoilerplate is a cheap test before boilerplateLine: such a line
// opens with a bracket or a digit, or holds one of its words.
func mayBeBoilerplate(s string) bool {
	switch s[0] {
	case '[', '(', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		return true
	}
	for _, w := range boilerplateWords {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

var boilerplateWords = []string{"页", "頁", "篇", "条", "［", "（", "【", "分享", "打印", "关闭", "返回", "收藏", "加入", "字", "浏览", "点击", "阅读", "访问", "扫一扫", "二维码",
	"转载", "完", "链接", "网址", "关注", "举报", "大图", "大圖", "原图", "原圖", "點"}

// contentLabel is a detail table's label of the text's cell.
var contentLabel = regexp.MustCompile(`^(?:內容|内容|正文|詳細內容|详细内容|信息内容|資訊內容)\s*[:：]?$`)

// answerHeader opens the header of a 问政 letter's answer.
var answerHeader = regexp.MustCompile(`^(?:回复|回覆|答复|答覆)(?:单位|單位|部门|部門|机构|機構)\s*[:：]`)

// letterWho are the labels of a 问政 letter's writer and answerer.
var letterWho = regexp.MustCompile(`^(?:(?:留言|来信|來信|提问|咨询|諮詢)人|(?:回复|回覆|答复|办理|辦理)(?:单位|單位|部门|部門))`)

// dateOrTimeLabel is a field's date or time label.
var dateOrTimeLabel = regexp.MustCompile(`(?:日期|时间|時間)\s*[:：]`)

// bylineLabel matches the labelled fields of a byline: a line made of them
// is metadata, read by byline.go, and not text.
var bylineLabel = regexp.MustCompile(`(发布|發布|發佈|发表|發表|更新|上传|上傳|录入|錄入|撰稿|成文|留言|回复|回覆|答复|來信|来信)?(日期|时间|時間)\s*[:：]|` +
	// A letter's fields on a 问政 or 领导信箱 page: who wrote, who answered.
	`(?:留言|来信|來信|提问|咨询|諮詢)人\s*[:：]|(?:回复|回覆|答复|办理|辦理)(?:单位|單位|部门|部門)\s*[:：]|` +
	`(信息|資訊|[资資]料|新聞)?[来來]源\s*[:：]|稿源\s*[:：]|(?:发布|發佈|發布)者\s*[:：]|出[处處]\s*[:：]|作者\s*[:：]|([责責]任)?[编編][辑輯]\s*[:：]|[记記]者\s*[:：]|[审審][核覈]\s*[:：]|` +
	`(浏览|瀏覽|点击|點擊|阅读|閱讀|访问|訪問)(次数|次數|量|数|數|人次)?\s*[:：]|字[号號]\s*[:：]|[发發]布[机機][构構]\s*[:：]|[发發]布[单單]位\s*[:：]|发文机关\s*[:：]|` +
	`[责責][编編]\s*[:：]`)

// creditLine matches a line of the credits county media print under a
// story — 校对：张三, 一审：李四 二审：王五 三审：赵六, 监制：…, (责编：王丹、伍华) —
// each label followed by names only: 一审：判处有期徒刑三年 is court news,
// not a credit.
//
// Besides the colon, a label may take a slash (编辑/王菲, 文/刘思远 图/张帆)
// or a spaced bar after a medium's name (界面新闻编辑 | 张海); a name may
// follow its unit (摄影：党委宣传部 徐斌, 文/本报记者 刘婷婷). A 供稿 credit
// names a unit, not a person (供稿：耳鼻咽喉科, 市人大常委会办公室 供稿).
var creditLine = regexp.MustCompile(`^[(（【\[]?\s*(?:(?:` +
	`(?:` + creditMedium + `)?(?:` + creditLabels + `)\s*[:：|｜/／]\s*` + creditValue +
	`|(?:文|[图圖]|文/[图圖]|[图圖]/文)\s*[/／]\s*` + creditValue +
	`|供稿(?:[单單]位)?\s*[:：]\s*\p{Han}{2,16}|\p{Han}{1,15}` + supplierUnit + `\s*供稿` +
	`)[\s|｜/]*)+[)）】\]]?$`)

// creditValue is the names of a credit, after their unit perhaps: 张三,
// 张三 李四, 党委宣传部 徐斌, 本报记者 刘婷婷. A unit ends as units end.
const creditValue = `(?:(?:本报|本台|本网|本刊)?(?:[记記]者|通[讯訊][员員])\s*|\p{Han}{1,10}(?:部|处|處|科|室|办|辦|中心|局|委|院|站|所|队|隊|社|报|報|台|网|網)\s+)?` +
	`(?:\p{Han}|·){2,4}(?:[ 、,，]+(?:\p{Han}|·){2,4})*`

// supplierUnit is how the name of a unit that supplies a story (供稿)
// ends: an office, a bureau, a town, a community, a company, a school.
const supplierUnit = `(?:部|处|處|科|室|办|辦|中心|局|委|院|站|所|队|隊|社|会|會|组|組|街道|镇|鎮|乡|鄉|社区|社區|村|公司|集团|集團|学校|學校|学院|學院|小学|中学|医院|醫院|馆|館)`

// mediumEnding is how the name of a medium ends: a paper (日报, 晚报, …报),
// a site (…网), an agency (…社), a station (…台), an app (…客户端), a
// county's 融媒体中心. Every rule that tells a medium's name from a
// person's reads it here.
const mediumEnding = `(?:报|報|网|網|社|台|臺|新闻|新聞|在线|在線|客户端|客戶端|融媒体中心|融媒體中心)`

// creditMedium is a medium's name before a credit's label: 界面新闻编辑 | 张海.
const creditMedium = `\p{Han}{2,8}` + mediumEnding

// spacedCredit is a credit line of the press whose labels a space alone
// ends (新京报's 编辑 杨海 校对 卢茜, 扬子晚报's 校对　陶善工): only the
// desk's labels, each before a name, and only in the credits that close
// a story. A word after the label is no name (审核 通过, 校对 完成).
var spacedCredit = regexp.MustCompile(`^[(（]?\s*(?:(?:[责責]任[编編][辑輯]|[责責][编編]|[编編][辑輯]|校[对對]|[审審][核覈]|[终終初一二三复複][审審]|[监監]制|值班[编編][辑輯])` +
	`[\s\x{3000}]+(?:\p{Han}|·){2,4}(?:[、,，](?:\p{Han}|·){2,4})*[\s\x{3000}]*)+[)）]?$`)

// notAName are the words that follow a desk's label in a sentence's
// fragment, where spacedCredit expects a name.
var notAName = regexp.MustCompile(`通过|通過|完成|结果|結果|意见|意見|流程|工作|人员|人員|标准|標準|要求|制度|合格|无误|無誤|中心|部门|部門|` +
	`同意|维持|維持|原判|驳回|駁回|改判|发回|發回|出版|印刷|发行|發行|排版|设计|設計|审批|審批|批准|签发|簽發|退回|修改|定稿|上报|上報|报送|報送`)

// tailCredit says whether a line under the text is a credit: isCredit's,
// or a press credit with spaces for colons.
func tailCredit(s string) bool {
	return isCredit(s) || len(s) <= 120 && spacedCredit.MatchString(s) && !notAName.MatchString(s)
}

const creditLabels = `[责責]任[编編][辑輯]|[责責][编編]|[编編][辑輯]|校[对對]|[终終初一二三复複][审審](?:[一二三]校)?|[审審][核覈](?:[专專]家)?|[监監]制|[编編][审審]|主[编編]|撰稿人?|撰文|` +
	`值班(?:[编編][辑輯]|主任)|[摄攝]影|[图圖]片|[图圖]|文字|[统統][筹籌]|策[划劃]|作者|[记記]者|通[讯訊][员員]|[摄攝]像|剪[辑輯]|配音`

// creditLabelOpening is a line's opening credit label, with its colon.
var creditLabelOpening = regexp.MustCompile(`^[(（【\s]*(` + creditLabels + `)\s*[:：]`)

// recordAuthor is a record's author line: 作者：潘雨.
var recordAuthor = regexp.MustCompile(`^[(（\s]*作者\s*[:：]\s*\S{1,12}[)）]?$`)

// newsletterPrompt matches the invitations to subscribe that English news
// templates put between paragraphs.
var newsletterPrompt = regexp.MustCompile(`(?i)\b(subscribe|sign up|sign-up|signup)\b.{0,80}\bnewsletters?\b|\bnewsletters?\b.{0,60}\b(subscribe|sign up|inbox)\b`)

// englishByline matches the byline lines of English news: "By Jane Doe",
// "By Jane Doe and John Roe, Reuters", "Published 4:00 am CST, Wednesday,
// November 20, 2019", "UPDATED: 11:05, Tue, Nov 19, 2019".
// CGTN prints the name with no "By" before its date: "Gao Yun Updated
// 16:30, 10-Apr-2024".
var englishByline = regexp.MustCompile(`^(?:[Ww]ritten\s+by|[Bb]y|BY)\s+\p{Lu}[\p{L}.'’-]*(?:\s+(?:\p{Lu}[\p{L}.'’-]*|and|&|,|de|van|von|la))*\s*(?:[,|]\s*[\p{L} ]{0,40})?$|^(?i:published|updated|posted|last updated)\b.{0,80}\d|^(?i:date|release date)\s*:\s*(?:\d{4}[^.]{0,80}|(?:\d{1,2}|(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)[^.]{0,60}\d{4}[^.]{0,60})$` +
	`|^\p{Lu}[\p{L}.'’-]+(?:\s+\p{Lu}[\p{L}.'’-]+){1,3}\s+(?:Published|Updated|Posted)\s*:?\s*[\d\p{Lu}][^.!?]{0,40}\d$` +
	// By, the name, the date and a dateline in capitals (By Wu Peiyue May
	// 18, 2024 GUIZHOU, Southwest China).
	`|^(?:[Bb]y|BY)\s+\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3}?\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},\s+\d{4}(?:\s+\p{Lu}{2,}(?:\s+\p{Lu}{2,})*(?:,\s*[\p{L} ]{0,40})?)?$` +
	// An editor's credit under the story: names only (Editor: Wang Yuxin).
	`|^(?:Editors?\s*[:：])\s*\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3}(?:\s*(?:,|and|&)\s*\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3})*$`)

// capsKicker is one word in capitals, as an English site's column name.
var capsKicker = regexp.MustCompile(`^[A-Z]{3,15}$`)

// tableNoteAlone says whether a 数据来源 line above the text is the note
// of the table over it, not the page's byline: it holds no other field
// (数据来源：县统计局　发布时间：…), and the table is not a grid of the
// byline's fields (發布日期 | 發布單位 over 資料來源：…).
func tableNoteAlone(s string, table Block) bool {
	if m := tableNote.FindStringIndex(s); m == nil || bylineLabel.MatchString(s[m[1]:]) {
		return false
	}
	for _, row := range table.Rows {
		for _, c := range row {
			if fieldLabel(strings.TrimSpace(c)) {
				return false
			}
		}
	}
	return true
}

// tableNote is the note under a table that names where its figures come
// from (数据来源：县统计局): the table's, not the story's credit.
var tableNote = regexp.MustCompile(`^[（(]?(?:数据|數據|资料|資料)[来來]源`)

// crumbLine is a breadcrumb trail: a position label and the path
// (当前位置：首页 > 信息公开 > 预售许可, 您的位置：新闻中心 » 本地), or a path
// from the home page (首页 > 政务公开). A label with no separator after it
// is a sentence's.
var crumbLine = regexp.MustCompile(`^(?:(?:当前|當前|您的|你的|您现在的|你现在的|您目前的|目前|所在)?(?:位置|位址)\s*[:：])` +
	`[^。！？!?]{0,60}?(?:>|＞|»|›|→)\s*\S|^(?:网站|網站)?(?:首页|首頁)[^。！？!?→]{0,60}?(?:>|＞|»|›)\s*\S` +
	// 长江网 > 直播 > 正文: 正文 last.
	`|^[^。！？!?，,]{1,40}(?:>|＞|»|›)\s*(?:正文|详情|詳情|正文内容)$`)

// siteTrail is a trail that opens with a site's name (长江网 > 直播): the
// page's own site's, which its <title> names, not a path a guide tells
// its reader to take (浙江政务服务网 > 个人服务 > 社会保障).
var siteTrail = regexp.MustCompile(`^(\p{Han}{1,10}(?:网|網))\s*(?:>|＞|»|›)\s*[^。！？!?，,]{1,40}$`)

func isSiteTrail(s, site string) bool {
	m := siteTrail.FindStringSubmatch(s)
	return m != nil && strings.Contains(site, m[1])
}

// cleanBlocks drops boilerplate lines and the title and byline repeated in
// the content.
func cleanBlocks(blocks []Block, meta pageMeta) []Block {
	blocks = blocks[:endMark(blocks)]
	blocks = blocks[:relatedTail(blocks)]
	blocks = blocks[gridOverTitle(blocks, meta.title):]
	// The credits that close a story (编辑, 校对, 审核, 终审: a line each
	// on county media sites) and the last three lines may be a byline.
	creditsFrom := len(blocks) - 3
	// (A job notice's lines of posts and names, 编辑 周子涵, are its
	// text: only labelled credits close it.)
	closingCredit := tailCredit
	if jobNotice(meta.title) {
		closingCredit = isCredit
	}
	for creditsFrom > 0 && closingCredit(blocks[creditsFrom-1].Text) {
		creditsFrom--
	}
	// Lines a text introduces (本书编纂委员会名单：) are its own, however
	// they read. A colon right above a table introduced the table (积分榜
	// 前五名如下：), not the lines under it.
	if creditsFrom > 0 && creditsFrom < len(blocks) && endsWithColon(blocks[creditsFrom-1].Text) && blocks[creditsFrom].Kind != Table {
		creditsFrom = len(blocks)
	}
	// A label said twice there is a list's (审核专家：王建国、… over
	// 审核专家：刘洋、…, a 名单公示's groups): credits name each once. So
	// is one that opens short lines above them, a record's field each (a
	// page of poems, 作者：潘雨 under the last).
	// (The same credit again, 摄影：王磊 under a picture and in the
	// credits, is no group of a list; nor are pictures' credits in
	// brackets, （摄影：陈浩）.)
	labels := map[string]string{}
	for _, b := range blocks[max(creditsFrom, 0):] {
		if strings.HasPrefix(b.Text, "（") || strings.HasPrefix(b.Text, "(") {
			continue
		}
		if m := creditLabelOpening.FindStringSubmatch(b.Text); m != nil {
			said, ok := labels[m[1]]
			if ok && said != b.Text[len(m[0]):] {
				creditsFrom = len(blocks)
				break
			}
			labels[m[1]] = b.Text[len(m[0]):]
		}
	}
	// A record's 作者 that opens short lines above (a page of poems, each
	// closed by its poet) is the last record's under the last poem, not a
	// credit: the credits begin after it.
	records := 0
	for i, b := range blocks {
		if i < creditsFrom && runeCount(b.Text) <= 20 && recordAuthor.MatchString(b.Text) {
			records++
		}
	}
	if records > 0 {
		for i := len(blocks) - 1; i >= max(creditsFrom, 0); i-- {
			if recordAuthor.MatchString(blocks[i].Text) {
				creditsFrom = i + 1
				break
			}
		}
	}
	// Date lines that recur head a chronicle's entries (大事记), alone or
	// before the entry (2019年3月12日 成立县融媒体中心): the text's. A
	// byline's date stands once.
	datedEntries := false
	if n, m := 0, 0; len(blocks) > 2 {
		for _, b := range blocks {
			if bareDate.MatchString(b.Text) {
				n++
			} else if datedLine.MatchString(b.Text) && !strings.ContainsAny(b.Text, "，,") {
				m++
			}
		}
		datedEntries = n >= 2 || m >= 2
	}
	// Lines that open with a square: one is a signature (□ 苏 楠), more
	// are a list's bullets (◎片　名, □ 满意).
	squares := 0
	for _, b := range blocks {
		if squareFirst(b.Text) {
			squares++
		}
	}
	out := blocks[:0]
	begun := false // a block kept ends a sentence: the text has begun
	title := hashForm(meta.title)
	titleAt := -1 // the block dropped as the title
	answerHeaders := 0
	for _, b := range blocks {
		if answerHeader.MatchString(b.Text) {
			answerHeaders++
		}
	}
	seen := map[string]bool{}
	for i, b := range blocks {
		if b.Kind == Table {
			out = append(out, b)
			continue
		}
		// A long line said twice is the template's: a gallery repeating a
		// caption, a teaser repeating the lead. The first stays. (Short
		// lines do repeat: the specifications of two cars compared.)
		if len(b.Text) >= 100 && runeCount(b.Text) >= 50 {
			if seen[b.Text] {
				continue
			}
			seen[b.Text] = true
		}
		// Boilerplate lines are short; the regexp is not run on prose.
		if len(b.Text) <= 240 && mayBeBoilerplate(b.Text) && runeCount(b.Text) <= 80 && boilerplateLine.MatchString(b.Text) {
			continue
		}
		if len(b.Text) <= 60 && b.Text[0] < utf8.RuneSelf && englishBoilerplate.MatchString(b.Text) {
			continue
		}
		if len(b.Text) <= 150 && (appPromo.MatchString(b.Text) && !stepAfter(out, b.Text) || (i == 0 || i >= len(blocks)-4) && edgePromo.MatchString(b.Text)) {
			continue
		}
		// Under the text: a notice that is itself a statement keeps it.
		// Nor a notice the text quotes after its colon (文章末尾均标注：).
		if i >= len(blocks)-4 && begun && runeCount(b.Text) <= 300 && disclaimer.MatchString(b.Text) &&
			!strings.Contains(meta.title, "声明") && !quotedAfterColon(out) { // a statement's own clauses stay
			continue
		}
		if i >= len(blocks)-4 && runeCount(b.Text) <= 60 && !listNumber.MatchString(b.Text) && !(b.Kind == Heading && i < len(blocks)-1) && tailPrompt.MatchString(b.Text) {
			continue
		}
		// WeChat's end mark: between dashes, or alone over its share bar
		// or as the last line (a program's END among its lines stays).
		// (A bare END after a program's lines is the program's.)
		if i >= len(blocks)-4 && b.Kind != Preformatted && wechatEnd.MatchString(b.Text) &&
			(strings.Trim(b.Text, " ") != "END" || i > 0 && strings.ContainsFunc(blocks[i-1].Text, isCJK) && !slices.ContainsFunc(blocks[i+1:], func(n Block) bool {
				return !tailCredit(n.Text) && !boilerplateLine.MatchString(n.Text) && !tailPrompt.MatchString(n.Text)
			})) {
			continue
		}
		if i >= len(blocks)-4 && runeCount(b.Text) <= 160 && tipLinePromo.MatchString(b.Text) {
			continue
		}
		if i >= len(blocks)-4 && runeCount(b.Text) <= 80 && moreNewsLine(b.Text) {
			continue
		}
		if i >= len(blocks)-4 && runeCount(b.Text) <= 80 && !strings.ContainsAny(b.Text, "，。") && widgetAction.MatchString(b.Text) {
			continue
		}
		if i >= len(blocks)-2 && runeCount(b.Text) <= 14 && backLink.MatchString(b.Text) {
			continue
		}
		// The fallback text of a <video> or <audio> the browser shows
		// when it plays neither: the template's, never the story's.
		if len(b.Text) <= 120 && noPlayer.MatchString(b.Text) {
			continue
		}
		// 头条's 举报 button, the content's last line (a 举报 in the text,
		// a heading or an item of 咨询 投诉 举报, is the text's).
		if i == len(blocks)-1 && b.Text == "举报" && b.Kind != ListItem {
			continue
		}
		// A hashtag line under the text (udn's #捷運 #環狀線).
		if i >= len(blocks)-4 && len(b.Text) <= 160 && hashtagLine.MatchString(b.Text) {
			continue
		}
		// The title and the byline usually open the content container;
		// a 责任编辑 line often closes it.
		nearStart := i < 4
		if nearStart && i+1 < len(blocks) && repeatsLead(b, blocks[i+1:min(len(blocks), i+4)]) {
			continue
		}
		// (Not a sentence that opens with the title: a notice of one line,
		// 某局2024年部门预算公开详见附件。, is the text.)
		if nearStart && meta.title != "" && sameTitle(b.Text, meta.title) && !opensWithTitle(b.Text, title) && !quotesTitle(b.Text, title) {
			titleAt = i
			continue
		}
		// The title in two headings, the second its number (…公告 /
		// （第十五号）).
		if nearStart && title != "" && b.Kind == Heading && i+1 < len(blocks) && blocks[i+1].Kind == Heading &&
			hashForm(b.Text+blocks[i+1].Text) == title {
			titleAt = i + 1
			continue
		}
		if titleAt == i && i > 0 {
			continue // the title's second heading
		}
		// A bilingual notice's heading in English right under its Chinese
		// title (after a <br> in the <h1>, or an <h2>) translates it.
		// (The <title> says it too; a section's NO.1 or Part 1 it does not.)
		if titleAt >= 0 && i == titleAt+1 && !begun && b.Kind == Heading && runeCount(b.Text) <= 200 &&
			strings.ContainsFunc(meta.title, isCJK) && !strings.ContainsFunc(b.Text, isCJK) &&
			strings.Count(b.Text, " ") >= 2 && strings.Contains(hashForm(meta.site), hashForm(b.Text)) {
			continue
		}
		// A column's kicker in capitals above the title (SOCIETY).
		if nearStart && !begun && i+1 < len(blocks) && meta.title != "" && capsKicker.MatchString(b.Text) && sameTitle(blocks[i+1].Text, meta.title) {
			continue
		}
		// A commentary's signature above it (□ 苏 楠): its author, read
		// as the byline.
		if nearStart && !begun && signatureLine.MatchString(b.Text) && squares == 1 && !signatureWord.MatchString(b.Text) {
			continue
		}
		// A short link alone above the text: the account's or the
		// column's name a platform prints there (百家号's 钱江晚报), no
		// line of the story.
		// (Alone: a table of contents, a link a line, is the text's.)
		if nearStart && !begun && b.linked && b.Kind == Paragraph && runeCount(b.Text) <= 10 && !hasDigit(b.Text) &&
			!strings.ContainsAny(b.Text, "。，.:：") && !(i > 0 && blocks[i-1].linked) && !(i+1 < len(blocks) && blocks[i+1].linked) {
			continue
		}
		// A detail table's label cell alone above the text (內容, 正文).
		if nearStart && !begun && contentLabel.MatchString(b.Text) {
			continue
		}
		// The page's kind as a heading over the title (新聞稿, 通知公告):
		// the section's label, not the story's first line.
		if nearStart && !begun && i+1 < len(blocks) && meta.title != "" && b.Kind == Heading && runeCount(b.Text) <= 6 &&
			!strings.ContainsAny(b.Text, "，。！？：:") && sameTitle(blocks[i+1].Text, meta.title) && !sameTitle(b.Text, meta.title) {
			continue
		}
		// The site's trail (当前位置：首页 > 信息公开) when a 站群 CMS puts it
		// inside the article's wrapper, above the text.
		if nearStart && !begun && runeCount(b.Text) <= 80 && (crumbLine.MatchString(b.Text) || isSiteTrail(b.Text, meta.site)) && !endsSentence(b.Text) {
			continue
		}
		// The title again further down (a gallery's or a share box's).
		if title != "" && len(b.Text) < len(meta.title)+16 && hashForm(b.Text) == title {
			continue
		}
		if len(b.Text) <= 200 && b.Text[0] < utf8.RuneSelf && newsletterPrompt.MatchString(b.Text) {
			continue
		}
		// At the top, above the text (a short notice's last lines are
		// within four of its start), or in the credits that close it.
		// An English byline may come under the dek, which ends a sentence.
		// (Not the note under a table naming where its figures come
		// from: 数据来源：… is the table's, even right after the intro.)
		if (nearStart && (!begun || englishBylineLine(b.Text)) && isCredit(b.Text) || i >= creditsFrom && closingCredit(b.Text)) &&
			!(i > 0 && blocks[i-1].Kind == Table && tableNote.MatchString(b.Text) && (begun || tableNoteAlone(b.Text, blocks[i-1]))) && !eventLines(blocks, i) {
			continue
		}
		// A 问政 answer's header between the letter and the answer
		// (回复单位：… 回复时间：…): the answer's byline, wherever it stands.
		// Only a letter's one answer: a compilation's headers say which
		// office answered which letter, and a guide's 办理部门 is its text.
		if answerHeaders == 1 && len(b.Text) <= 240 && answerHeader.MatchString(b.Text) && isBylineLine(b.Text) {
			continue
		}
		// The reporter's byline over the credits that close a story
		// (新京报记者 陈琳 / 编辑 杨海 校对 卢茜), or closing it alone.
		if i >= creditsFrom && begun && reporterLine(blocks, i) {
			continue
		}
		// Above the text only: a date line under it is the document's
		// own (the 落款 date an official notice ends with).
		if nearStart && !begun && (bareByline.MatchString(b.Text) && !columnTitle(b.Text) && !countsPosts(b.Text) && !jobNotice(meta.title) || len(b.Text) <= 60 && nameDotDate.MatchString(b.Text)) && !datedEntries {
			continue
		}
		if undecodable(b.Text) {
			continue
		}
		begun = begun || endsSentence(b.Text)
		out = append(out, b)
	}
	return out
}

// reporterLine says whether blocks[i], under the text, is an unlabelled
// reporter's byline (新京报记者 陈琳) with nothing after it but credits.
func reporterLine(blocks []Block, i int) bool {
	s := blocks[i].Text
	if !strings.Contains(s, "记者") && !strings.Contains(s, "記者") || !bareByline.MatchString(s) || columnTitle(s) || countsPosts(s) || bareDate.MatchString(s) {
		return false
	}
	for _, b := range blocks[i+1:] {
		if b.Kind == Table || !tailCredit(b.Text) {
			return false
		}
	}
	return true
}

// endMarkLine is the mark that ends a press release: 完, （完）, Ends,
// and info.gov.hk's "Ends/Friday, April 12, 2024".
var endMarkLine = regexp.MustCompile(`^(?:` + endMarkWord + `|(?i:ends)(?:\s*/.{0,40})?)$`)

// endMarkWord is the Chinese end mark of a press release: 完, （完）, -完-.
const endMarkWord = `[(（【\[-]?\s*完\s*[)）】\]-]?`

// endMark is where the text ends when a press release's end mark stands
// among its last lines: what follows the mark (the release's date and
// time, 香港時間16時30分, "Issued at HKT 16:45", NNNN) is the template's.
// Only short lines may follow it, none a sentence: a 完 followed by text
// is no end mark.
func endMark(blocks []Block) int {
	for i := len(blocks) - 1; i >= 1 && i >= len(blocks)-5; i-- {
		b := blocks[i]
		if b.Kind == Table || runeCount(b.Text) > 60 {
			return len(blocks)
		}
		if endMarkLine.MatchString(b.Text) {
			return i
		}
		if endsSentence(b.Text) || !afterEndMark(b.Text) {
			return len(blocks)
		}
	}
	return len(blocks)
}

// afterEndMark: what a release's template prints under its end mark —
// its date, its time, NNNN, a credit, the links back to the day's
// releases.
func afterEndMark(s string) bool {
	for _, l := range strings.Split(s, "\n") {
		l = strings.TrimSpace(l)
		if _, ok := findDate(l, time.UTC, false); ok || timeLine.MatchString(l) || l == "NNNN" || isCredit(l) || releaseNav.MatchString(l) {
			continue
		}
		return false
	}
	return true
}

// releaseNav are the links a government's press release ends with.
var releaseNav = regexp.MustCompile(`^(?:今日新聞|今日新闻|新聞公報|新闻公报|返回|返回頁首|回頁首|(?i:today's press releases|back|back to top|top))$`)

// englishBylineLine says whether a line is an English byline whole.
func englishBylineLine(s string) bool {
	return len(s) <= 120 && s[0] < utf8.RuneSelf && englishByline.MatchString(s)
}

// nameDotDate is a writer's name and the time, joined by a dot (36氪's
// 邓咏仪·2024-05-22 08:30): the whole line, a full date. Above the text
// only: further down it heads an entry (立夏·2024-05-05).
var nameDotDate = regexp.MustCompile(`^(?:\p{Han}{2,4}|\p{Han}{1,4}·\p{Han}{1,6})\s*[·•]\s*(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?\s*\d{1,2}:\d{2}(?::\d{2})?$`)

// commaByline is a byline field whose label a comma ends (BBC's
// <span>作者,</span><span>李靜</span>, read aloud by screen readers).
var commaByline = regexp.MustCompile(`^(?:作者|角色|職務|职务),\s*\S.{0,30}$`)

// relatedHeading is the heading of a box of other stories, alone on its
// line: 相关推荐, 推荐阅读, "Related stories".
// A WeChat account's 往期推荐 (往期回顾, 往期精选) heads its old articles.
var relatedHeading = regexp.MustCompile(`^(?:(?:相关|相關)(?:推荐|推薦|阅读|閱讀|新闻|新聞|文章|报道|報導|内容|內容)|推荐阅读|推薦閱讀|热门推荐|熱門推薦|猜你喜欢|猜你喜歡|延伸阅读|延伸閱讀|往期(?:推荐|推薦|回顾|回顧|精选|精選|精彩)|` +
	`(?i:related(?: stories| articles| news| content| posts)?|recommended(?: for you)?|more stories|you (?:may|might) also like))$`)

// relatedTail is where the text ends when a related box closes it that
// the content's walk kept (its items without links): its heading, and
// under it only titles — short lines, none a sentence.
func relatedTail(blocks []Block) int {
	for i := len(blocks) - 2; i >= 1 && i >= len(blocks)-9; i-- {
		b := blocks[i]
		if b.Kind == Table || runeCount(b.Text) > 40 || !relatedHeading.MatchString(b.Text) {
			continue
		}
		for _, after := range blocks[i+1:] {
			if after.Kind == Table || runeCount(after.Text) > 40 || endsSentence(after.Text) {
				return len(blocks)
			}
		}
		return i
	}
	return len(blocks)
}

// bareByline matches the byline lines that carry no label, at the top of
// the content: a date alone (2024-03-05 14:08, 2024年3月5日 星期二), a
// reporter's credit (澎湃新闻记者 卢雁, □ 本报记者 张三, 记者 张三 李四,
// XX日报记者 孙悟 文/图), a writer's (文/张三).
var bareByline = regexp.MustCompile(`^(?:` +
	dateOnly + `(?:\s*[（(][^（）()]{0,16}[）)])?` + // …（11:00 更新）, 中央社's （4/16 15:10 更新）
	`|` + dateOnly + `\s*(?:` + paperName + `|\p{Han}{2,10}?(?:发布|發布))(?:\s*[·•]\s*\p{Han}{2,4})?` + // 2024-03-04 07:55 浙江日报; 头条's 2024-04-12 16:40长江日报·湖北 (its IP province), 2024-05-08 18:20浦江发布·浙江 (an official account)
	`|` + paperName + `\s*` + dateOnly + // 齐鲁壹点's 齐鲁晚报2024-04-16 08:41:03
	// udn's 2024-04-16 14:05聯合報／ 記者林佳彣／台北即時報導
	`|(?:` + dateOnly + `\s*)?` + paperName + `\s*[／/]\s*(?:記者|记者)\s*(?:\p{Han}|·){2,4}(?:[、 ](?:\p{Han}|·){2,4})*\s*(?:[／/]\s*\p{Han}{2,8}(?:報導|报道))?` +
	`|[□■●◎]?\s*(?:[\p{Han}A-Za-z]{0,8}?(?:报|報|社|网|網|台|中心|新闻|新聞|融媒|媒体|媒體|频道)|本报|本台|本网|本刊)?(?:全媒体|融媒)?(?:记者|記者|通讯员|通訊員|实习生)\s*(?:\p{Han}|·){2,4}(?:[ 、]+(?:\p{Han}|·){2,4})*(?:\s*(?:文/图|图/文|摄|攝|报道|報導|報道|报导))?` +
	`|(?:文|图|圖|文/图|图/文)\s*[/／|｜]\s*(?:\p{Han}|·){2,4}(?:[ 、]+(?:\p{Han}|·){2,4})*` +
	`)$`)

// dateOnly is a date, its time and weekday perhaps, as a line shows it
// alone: 2024年1月5日, 2024-03-05 14:08, 2024年3月5日 星期二.
const dateOnly = `(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*[日号]?(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?(?:\s*(?:星期|周)[一二三四五六日天])?`

// paperName is a publication's name as a byline gives it unlabelled
// after the date: a paper, a site, a station, an agency (浙江日报, 衢州新闻网,
// 中央社, 龙游县融媒体中心), ending as their names end.
const paperName = `(\p{Han}{2,12}?` + mediumEnding + `(?:\p{Han}{2,4}?(?:频道|頻道))?)`

// datedSource is a byline of a date and a publication's name alone.
// The paper may come first, the date run on (齐鲁晚报2024-04-16 08:41:03).
var datedSource = regexp.MustCompile(`^(?:` + dateOnly + `\s+` + paperName + `|` + paperName + `\s*` + dateOnly + `)$`)

// datedSourceName is the publication's name in a datedSource line.
func datedSourceName(s string) string {
	if m := datedSource.FindStringSubmatch(s); m != nil {
		return m[1] + m[2]
	}
	return ""
}

// datedLine is a line that opens with a date and goes on after a space: a
// byline (2024-03-04 07:55 浙江日报), or a chronicle's entry when there are
// several.
var datedLine = regexp.MustCompile(`^` + dateOnly + `\s+\S`)

// bareDate is a line that is only a date.
var bareDate = regexp.MustCompile(`^` + dateOnly + `$`)

// columnWords open the names of news columns that read like a credit
// (记者观察, 记者手记, 记者直击现场): a reporter is never called so.
var columnWords = []string{"观察", "觀察", "手记", "手記", "调查", "調查", "探访", "探訪", "走访", "走訪", "直击", "直擊",
	"视点", "視點", "快评", "快評", "时评", "時評", "札记", "札記", "笔记", "筆記", "随笔", "隨筆", "一线", "一線",
	"现场", "現場", "连线", "連線", "专访", "專訪", "追踪", "追蹤", "体验", "體驗", "在线", "在線"}

// columnTitle says whether the words after 记者 in s name a column.
func columnTitle(s string) bool {
	for _, role := range []string{"记者", "記者"} {
		if _, rest, ok := strings.Cut(s, role); ok {
			rest = strings.TrimSpace(rest)
			for _, w := range columnWords {
				if strings.HasPrefix(rest, w) {
					return true
				}
			}
		}
	}
	return false
}

// repeatsLead says whether b is a summary of the paragraphs after it
// (next, up to three): the 摘要 box DedeCMS and PHPCMS templates print
// above the text (their description field), which is the lead's opening
// cut short, with or without an ellipsis or a 摘要： label. The lead may
// be a notice's salutation and its first paragraph, the field running
// them together.
func repeatsLead(b Block, next []Block) bool {
	if b.Kind != Paragraph || len(next) == 0 || next[0].Kind != Paragraph {
		return false
	}
	core := strings.TrimRight(b.Text, " ")
	ellipsis := false
	for _, mark := range []string{"…", "..."} { // (a sentence's full stop is none)
		if rest, ok := strings.CutSuffix(core, mark); ok {
			core, ellipsis = strings.TrimRight(rest, "…. "), true
			break
		}
	}
	labelled := false
	for _, label := range []string{"摘要：", "摘要:", "内容提要：", "内容摘要：", "导读："} {
		if rest, ok := strings.CutPrefix(core, label); ok {
			core, labelled = rest, true
		}
	}
	// A summary says it is one: its box, its label, or its ellipsis. A
	// paragraph the next one repeats is text (会议指出，3月4日下午…).
	if !b.summary && !labelled && !ellipsis {
		return false
	}
	// Letters and digits only: the description field loses the quotes
	// (“春风行动” becomes 春风行动) and may skip the lead's 本报讯.
	// The lead says more: a paragraph said twice is not a summary.
	core = lettersOnly(core)
	if runeCount(core) < 15 {
		return false
	}
	// Over several paragraphs only a box's or a label's summary, which
	// opens them: a 问政 message cut with … is quoted whole in the reply
	// after it, and is the text's.
	var lead strings.Builder
	for k, n := range next {
		if n.Kind != Paragraph || k > 0 && !b.summary && !labelled {
			break
		}
		letters := lettersOnly(n.Text)
		if letters == core {
			return false // said twice: the text's own
		}
		lead.WriteString(letters)
		if l := lead.String(); len(l) > len(core) && (k == 0 && strings.Contains(l, core) || strings.HasPrefix(l, core)) {
			return true
		}
	}
	return false
}

func lettersOnly(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, s)
}

// undecodable says whether a line holds nothing but U+FFFD, what the
// decoder makes of bytes that are not text (stray bytes between the
// paragraphs of a page, say): a line with no words in it.
func undecodable(s string) bool {
	if !strings.HasPrefix(s, "\uFFFD") {
		return false
	}
	for _, r := range s {
		if r != utf8.RuneError && !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

// eventLines says whether blocks[i] is the 时间 line of an event's
// particulars, which a 地点 line follows (an obituary's, a lecture's).
func eventLines(blocks []Block, i int) bool {
	if i+1 >= len(blocks) {
		return false
	}
	next := strings.TrimSpace(blocks[i+1].Text)
	return strings.HasPrefix(next, "地点") || strings.HasPrefix(next, "地址") || strings.HasPrefix(next, "会场") || strings.HasPrefix(next, "地 点")
}

func endsWithColon(s string) bool {
	s = strings.TrimSpace(s)
	return strings.HasSuffix(s, "：") || strings.HasSuffix(s, ":")
}

// isCredit says whether a line is a byline or a credit line.
func isCredit(s string) bool {
	return isBylineLine(s) || len(s) <= 240 && creditLine.MatchString(s) && !verdict.MatchString(s) && !creditProcess.MatchString(s)
}

// creditProcess is a step of a process where a credit has its names: the
// lines of a text on its 三审三校 (一审一校：编辑自查, 三审三校：总编终审)
// or a call for entries (文字：散文、诗歌均可) read as credits, and are not.
var creditProcess = regexp.MustCompile(`[:：|｜]\s*[^\s:：]{0,8}(?:自查|复核|複核|复查|複查|终审|終審|初审|初審|复审|複審|审核|審核|审定|審定|把关|把關|核稿|均可)(?:$|[\s，,。；;、])`)

// verdict holds the words of a court's decision, which a credit line's
// names never do: 二审：维持原判 is a case's history.
var verdict = regexp.MustCompile(`维持|驳回|发回|改判|判处|判决|撤销|罪|刑|审理|裁定|上诉|无效`)

// isBylineLine says whether a line consists of byline fields (a date, the
// source, the author, a view counter) rather than sentences.
func isBylineLine(s string) bool {
	if englishBylineLine(s) {
		return true
	}
	if len(s) <= 60 && commaByline.MatchString(s) {
		return true
	}
	// A sentence (一、放假时间：5月1日至5日放假调休，共5天。) or a question
	// (记者：…？) is text, and so is an item of a list.
	if t := strings.TrimRight(s, " )）】]"); strings.HasSuffix(t, "。") || strings.HasSuffix(t, "？") || strings.HasSuffix(t, "?") || strings.HasSuffix(t, "！") ||
		strings.ContainsAny(s, "，；") || listNumber.MatchString(s) {
		return false
	}
	// Every label ends with a colon: lines without one are not bylines.
	if len(s) > 360 || !strings.ContainsAny(s, ":：") || runeCount(s) > 120 {
		return false
	}
	locs := bylineLabel.FindAllStringIndex(s, 1)
	if len(locs) == 0 {
		return false
	}
	// A letter's who (留言人, 回复单位) is a field among its dates
	// (留言人：…留言时间：…); alone it is a line of a guide (办理部门：县
	// 市场监督管理局) or of a compilation of replies.
	if letterWho.MatchString(s[locs[0][0]:locs[0][1]]) && !dateOrTimeLabel.MatchString(s) {
		return false
	}
	// Prose that mentions a 来源 in passing has sentence punctuation
	// before the first label or is long; a byline starts with its fields,
	// or with its date ("2005-04-05 06:40更新 来源：转载文章").
	prefix := s[:locs[0][0]]
	if strings.ContainsAny(prefix, "，。；！？") {
		return false
	}
	if eventTime(s, locs[0][0], locs[0][1]) {
		return false
	}
	// (Or with a letter's code, before its writer and time: 信件编号：
	// ZC20240603091208 留言人：…留言时间：….)
	if runeCount(prefix) <= 12 || letterCode.MatchString(prefix) && letterWho.MatchString(s[locs[0][0]:locs[0][1]]) {
		return true
	}
	// A byline that opens with its date: measured without its counter and
	// its buttons (浏览次数：1234 【字体：大 中 小】【打印】【关闭】), which
	// county sites add to the same line and which make no sentence longer.
	core := bylineTools.ReplaceAllString(s, "")
	// (Macau's and Hong Kong's dates run day first: 11/04/2024 17:46消息來源：….)
	return isBylineShaped(core) && runeCount(core) <= 60 && hasYear(prefix) && (hasNumericDate(prefix) || slashDate.MatchString(prefix))
}

// letterCode is a letter's code opening its byline: 信件编号：ZC20240603091208.
var letterCode = regexp.MustCompile(`^\s*(?:信件|来信|來信|留言|受理|投诉|投訴|诉求|訴求)(?:编号|編號)\s*[:：]\s*[A-Za-z0-9_-]{1,32}\s*$`)

// bylineTools are the parts of a byline line that are neither its fields
// nor text: the view counter and the bracketed buttons.
var bylineTools = regexp.MustCompile(`[【\[［]\s*(?:字[体體号號]\s*[:：]?[大中小\s]*|打印(?:本页|此页)?|列印|关闭(?:窗口|本页)?|關閉|收藏|分享|返回(?:顶部|首页)?)\s*[】\]］]|` +
	`(?:浏览|瀏覽|点击|點擊|阅读|閱讀|访问|訪問)(?:次数|次數|量|数|數|人次)?\s*[:：]\s*[\d,]*\s*次?`)

func sameTitle(line, title string) bool {
	a, b := hashForm(line), hashForm(title)
	return a == b || (strings.Contains(a, b) && runeCount(a) < runeCount(b)+8)
}

func blocksText(blocks []Block) string {
	parts := make([]string, 0, len(blocks))
	for _, b := range blocks {
		parts = append(parts, b.Text)
	}
	return strings.Join(parts, "\n")
}

// opensWithTitle says whether line is a sentence that opens with the title
// (in hashForm) and goes on with words of its own: a notice of one line,
// 某局2024年部门预算公开详见附件。, not the title again with a full stop.
func opensWithTitle(line, title string) bool {
	if !endsSentence(line) || title == "" {
		return false
	}
	rest, ok := strings.CutPrefix(hashForm(strings.TrimRight(line, "。！？!?. ")), title)
	return ok && runeCount(strings.TrimSpace(rest)) >= 3
}

// quotesTitle says whether a line that holds the title (in hashForm) says
// it in a sentence or names its file — 现将…公示如下。, 附件：….xls — rather
// than being the title again (【图文】…, …（2）, … 第2页).
func quotesTitle(line, title string) bool {
	if title == "" {
		return false
	}
	form := hashForm(line)
	i := strings.Index(form, title)
	if i < 0 {
		return false
	}
	before, after := form[:i], form[i+len(title):]
	before = strings.TrimSpace(leadingBrackets.ReplaceAllString(before, ""))
	if fileExtension.MatchString(after) {
		return true // 附件：….xls names the file
	}
	if strings.HasSuffix(before, ":") || strings.HasSuffix(before, "：") {
		return false // a label over the title again: 视频：…, 原标题：…
	}
	return hanCount(before) >= 2 || hanCount(after) >= 2 && endsSentence(line)
}

var (
	// leadingBrackets are marks before a title: 【图文】, [视频].
	leadingBrackets = regexp.MustCompile(`^\s*(?:[【\[(（][^】\])）]{1,6}[】\])）]\s*)+`)
	// fileExtension ends a file's name: ….xls, ….pdf）.
	fileExtension = regexp.MustCompile(`(?i)^\s*\.(?:pdf|docx?|xlsx?|wps|et|zip|rar|7z|ofd|txt|jpe?g|png)\b`)
)

func hanCount(s string) int {
	n := 0
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			n++
		}
	}
	return n
}

// gridOverTitle is where the text starts when a disclosure page's 索引号
// grid, written as a list or loose lines (索引号：…, 公开方式：…, 有效性：…)
// rather than a table, was taken into the content with the title under
// it: at the title, which is dropped as the title is. 0 otherwise.
func gridOverTitle(blocks []Block, title string) int {
	if title == "" {
		return 0
	}
	form := hashForm(title)
	grid := false
	for i, b := range blocks[:min(len(blocks), 16)] {
		if hashForm(b.Text) == form {
			if grid {
				return i
			}
			return 0
		}
		if runeCount(b.Text) <= 80 && (crumbLine.MatchString(b.Text) || isBreadcrumb(b.Text)) {
			continue // the site's trail above the grid
		}
		if b.Kind == Table || runeCount(b.Text) > 120 || !gridLine.MatchString(unspacedLabel(b.Text)) {
			return 0
		}
		grid = grid || hasGridField(b.Text)
	}
	return 0
}

// unspacedLabel is s with the spaces taken out of a label before its
// colon, as templates space short labels to one width (有 效 性：, 发 布
// 机 构：).
func unspacedLabel(s string) string {
	i := strings.IndexAny(s, ":：")
	if i <= 0 || i > 40 || !strings.Contains(s[:i], " ") {
		return s
	}
	return strings.ReplaceAll(s[:i], " ", "") + s[i:]
}

// gridLine is a line of a disclosure page's 索引号 grid: one of its
// labels (文号（字号）: with what the site adds in brackets) and a colon.
var gridLine = regexp.MustCompile(`^(?:索\s*引\s*号|发布机构|發布機構|发文机关|發文機關|公开方式|公開方式|公开范围|公開範圍|公开时限|公开形式|有效性|成文日期|发文日期|發文日期|发布日期|發布日期|生成日期|印发日期|文\s*号|文號|发文字号|發文字號|主题分类|主題分類|信息分类|資訊分類|体裁分类|组配分类|服务对象|主\s*题\s*词|关\s*键\s*词|名\s*称|标\s*题|信息名称|所属机构|内容分类)\s*(?:[(（][^)）]{1,6}[)）])?\s*[:：]`)
