package extract

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// fileLine says whether a line names an attachment: 附件：…, a block's
// label (相关附件), or a file's name (2023年报.pdf, 附表2.xlsx).
func fileLine(s string) bool {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "附件") || strings.HasPrefix(s, "附表") || strings.Contains(s, "附件") && runeCount(s) <= 8 {
		return true
	}
	dot := strings.LastIndexByte(s, '.')
	return dot > 0 && attachmentExt[strings.ToLower(s[dot:])]
}

// editorCredit is a line that credits an editor or a reviewer.
var editorCredit = regexp.MustCompile(`(?:[责責]任[编編][辑輯]|[编編][辑輯]|[审審][核覈]|校[对對]|撰稿|供稿|[终終][审審])\s*[:：]`)

// siteFooterLine is a line of a site's footer: who runs it, its licence
// and its own links.
var siteFooterLine = regexp.MustCompile(`主办|承办|ICP|版权|Copyright|©|网站地图|联系我们|技术支持|网站编辑|本站编辑|网站标识码`)

// toolBar says whether a short line is a page's buttons: 【打印本页】【关闭窗口】.
func toolBar(s string) bool {
	return runeCount(s) <= 40 && (strings.Contains(s, "打印") || strings.Contains(s, "关闭") || strings.Contains(s, "關閉"))
}

// bylineZones are where a byline stands: head, the lines after the title
// (and the two before it, where some templates put the date) down to the
// first lines of the content; tail, the last lines of the content and the
// few after it (责任编辑, "发表于 …" under a post).
func bylineZones(lines []metaLine, titleAt int) (head, tail []metaLine) {
	start, end := -1, -1
	for i, l := range lines {
		if l.where == 0 && !l.skipped {
			if start < 0 {
				start = i
			}
			end = i
		}
	}
	if start < 0 { // no content lines: the lines after the title
		if titleAt < 0 {
			return nil, nil
		}
		start, end = titleAt+1, titleAt
	}
	// Two windows: around the title, and before the content's start
	// (ads and boxes may stand between the two).
	in := func(i int) bool {
		return (i >= start-6 && i < start+3) || (titleAt >= 0 && i >= titleAt-2 && i <= titleAt+6)
	}
	lo, to := start-6, start+3
	if titleAt >= 0 {
		lo, to = min(lo, titleAt-2), max(to, titleAt+7)
	}
	var before []metaLine // lines above the title, where some templates put the date
	for i := max(0, lo); i < len(lines) && i < to; i++ {
		if i == titleAt || !in(i) {
			continue
		}
		if i > titleAt && i > start && runeCount(lines[i].text) > 150 {
			break // the article has begun
		}
		if i < titleAt {
			before = append(before, lines[i])
			continue
		}
		head = append(head, lines[i])
	}
	// The byline under the title is read first.
	head = append(head, before...)
	if end >= start {
		// Under a reposted story's credits, a platform's short lines
		// (往期推荐, a linked title, 分享 ▪ 点赞 ▪ 在看) may close the
		// content: the window reaches back over them to the story's end.
		from := end - 3
		for i, n := end, 0; i > start && n < 8; i-- {
			if l := lines[i]; !l.skipped {
				// The story's last line is a sentence (or longer than a
				// recommended story's title): the credits stand under
				// it, and the lines above it are the story's (a book's
				// 作者： over its blurb is no credit).
				if !l.linked && (endsSentence(l.text) || runeCount(l.text) > 40) {
					from = min(from, i+1)
					break
				}
				n++
			}
		}
		// Three lines under the content; under a 附件 block that starts
		// among them, the line after the block (and after a bar of
		// 打印/关闭 buttons under it), where the credits stand: not the
		// comments or the related box further down.
		to := end + 3
		next := end + 1
		for next < len(lines) && next <= end+3 && !fileLine(lines[next].text) {
			next++
		}
		if next <= end+3 && next < len(lines) {
			for next < len(lines) && next <= end+15 && fileLine(lines[next].text) {
				next++
			}
			if next+1 < len(lines) && toolBar(lines[next].text) && editorCredit.MatchString(lines[next+1].text) {
				next++ // (not a comment under the bar)
			}
			to = max(to, next)
		}
		// Further down, over short lines of the page's own (a page bar,
		// 相关热词, 上一篇/下一篇), an editor's credit that closes the
		// article (PHPCMS's 【责任编辑：王芳】): the credits' line.
		// (Not past a box's heading, the 编辑 of 相关视频 being the box's,
		// nor into the site's footer, whose 网站编辑 is the site's.)
		for i := end + 1; i < len(lines) && i <= end+8; i++ {
			if l := lines[i]; l.heading || endsSentence(l.text) || runeCount(l.text) > 40 || siteFooterLine.MatchString(l.text) {
				break
			} else if editorCredit.MatchString(l.text) {
				to = max(to, i)
				break
			}
		}
		// (Lines that blocks leave out of the text are no credits, but
		// for an editor's: it may stand under such a bar.)
		for i := max(from, start, 0); i < len(lines) && i <= to; i++ {
			if !lines[i].skipped || editorCredit.MatchString(lines[i].text) {
				tail = append(tail, lines[i])
			}
		}
	}
	return head, tail
}

// The labels in simplified and traditional characters (來源, 資料來源,
// 責任編輯: Taiwan and Hong Kong portals).
var (
	// 来源于 財新网 takes a space for its colon, and only as a field of
	// its own (数据来源于国家统计局 is a sentence's); 【来源】 brackets
	// its label (南方+); 撰稿單位 names the office that wrote a release
	// (Taiwanese county sites).
	sourceLabel = regexp.MustCompile(`(?:信息|資訊|资讯|文章|新[闻聞]|稿件|[资資]料)?[来來]源\s*[:：]\s*|(?:稿源|出[处處]|[Ss]ource|(?:撰稿|供稿)[单單]位)\s*[:：]\s*|(?:^|\s)[来來]源[于於]\s+|^以下文章[来來]源[于於]\s*|【\s*[来來]源\s*】\s*`)
	authorLabel = regexp.MustCompile(`(?:作者|撰稿人?|[执執][笔筆]人?|撰文|通[讯訊][员員]|[Aa]uthor|[Ww]riter|[Ww]ritten\s+[Bb]y|[Rr]eporter)\s*[:：]\s*|^作者,\s*|(?:^[（(]?|\s)(?:文\s*/\s*[图圖]|[图圖]\s*/\s*文)(?:\s*/\s*(?:[摄攝]影?|视频|視頻))?\s*[:：]?\s*|(?:^[（(]?|\s)文\s*/\s*(?:[摄攝]影?|视频|視頻)\s*[:：]?\s*|(?:^[（(]?|\s)文\s*[/:：|｜]\s*`)
	// issuerLabel names the body that issued a government document, in
	// the 索引号 / 文号 table of disclosure pages.
	issuerLabel = regexp.MustCompile(`(?:发布|發佈|發布|发文|發文|公开|公開)(?:机构|機構|机关|機關|单位|單位)\s*[:：]\s*`)
	editorLabel = regexp.MustCompile(`(?:[责責]任[编編][辑輯]|[责責][编編]|[编編][辑輯]|[Ee]ditor)\s*[:：]\s*`)
	// valueEnd ends a labelled value: two spaces, another label (two
	// characters or more), a bracket, a colon (作者: 赵 培：北京物资学院),
	// a credit without a colon (来源：某某日报 记者 张三), the byline's
	// buttons (来源：县统计局 打印本页), an English byline run on
	// (Source: chinadaily.com.cn By Zhang Zhouxiang).
	valueEnd = regexp.MustCompile(`\s{2,}|\s*[|｜【】\[\]［］()（）〓:：]|\s+\S{2,6}\s*[:：]|\s+(?:本报|本報|本台|本网|本網)?(?:见习记者|实习生|[记記]者|通[讯訊][员員]|摄影)|\s+[文图圖摄攝]\s*[/／:：]|\s*[，,]\s*作者|\s+(?:打印|列印|关闭|關閉|收藏|分享|字号|字體|字体|返回|阅读|閱讀|浏览|瀏覽|点击|點擊|(?:网友|網友|我要|发表|發表)(?:评论|評論)|(?:评论|評論)(?:\s|[(（\[【\d]|$))|\s*(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]|\s+[Bb][Yy]\s+\p{Lu}` +
		// Another credit's label, even run into the value (作者：王静摄影：李强,
		// two spans a line break apart).
		`|(?:摄影|攝影|摄像|攝像|图片|圖片|视频|視頻|校对|校對|字数|字數)\s*[:：]` +
		// An English field's label, after a space of either width
		// (Author: Yu Hua　Publisher: Anchor Books).
		"|[\\s\u3000]+\\p{Lu}\\p{Ll}{2,14}\\s*[:：]")
	// personNames are the names of one or more people: 2 to 4 Han
	// characters each (· in a transliterated name).
	personNames = regexp.MustCompile(`^(?:\p{Han}|·){2,4}(?:[ 、，,](?:\p{Han}|·){2,4})*$`)
	// otherCredit is where a reporter's names end: another role's credit,
	// or the byline's tools after them (打印, 列印).
	otherCredit = regexp.MustCompile(`[ 、，,]*(?:通讯员|通訊員|摄影|攝影|实习生|见习记者)|\s+(?:打印|列印|分享|字号|字體|字体)`)
	// reporter matches a reporter's credit, in the byline or the text:
	// "记者 王建宏 张文攀", "本报记者罗科苏盈发自北京", "（记者 格桑边觉）".
	// Taiwanese papers write it 〔記者王峻祺／花蓮報導〕; Big5's slash
	// decodes as ∕ (記者陳宏明∕嘉義報導).
	// 界面 writes 记者 | 马悦然; financial papers name the city the
	// story was filed from, run on or spaced (记者 林典驰 广州报道), which
	// is no second name: the names are the fewest that reach an end.
	reporter = regexp.MustCompile(`(?:记者|記者|实习生)\s*[:：|｜]?\s*((?:\p{Han}|·){2,5}?(?:[ 、，,]+(?:\p{Han}|·){2,5}?)*?)\s*(?:[)）〕]|发自|(?:` + datelinePlaces + `|综合|綜合)?(?:报道|報導|報道|报导)|文/图|图/文|[摄攝]影\s*[:：]|摄|通讯员|$|\s{2,}|\s+` + creditRole + `\s*[:：]|\s+(?:阅读|閱讀|浏览|瀏覽|点击|點擊|访问|訪問)|(?:阅读|閱讀|浏览|瀏覽|点击|點擊|访问|訪問)(?:次数|次數|量|数|數)?\s*[:：]|(\s+(?:(?:` + datelinePlaces + `)\s*)?` + reporterDate + `)|[|｜/／∕])`)
	// creditRole is the next credit's label a reporter's name runs into
	// (记者：姜雨晴　剪辑：彭志远, 记者 张三 实习记者：李四): a role, not
	// what the reporter did (记者 张三 介绍：) nor a name run on with
	// 报道 (记者 张三 李四报道：).
	creditRole = `\p{Han}{0,2}(?:编辑|編輯|剪辑|剪輯|摄像|攝像|摄影|攝影|制作|製作|校对|校對|审核|審核|审校|審校|审签|審簽|责编|責編|监制|監製|主编|主編|编审|編審|统筹|統籌|策划|策劃|设计|設計|配音|出品|记者|記者|实习生|實習生|美编|美編|海报|海報|图片|圖片|文字|文案|航拍|后期|後期|包装|包裝|终审|終審|初审|初審|复审|複審|主持|播音|配图|配圖|视频|視頻|翻译|翻譯|排版|指导|指導)`
	// reporterDate is the date a reporter's name runs into (记者 张三 3日,
	// 记者：覃妮　2024-08-01): a day, not any number (记者参观 3所).
	reporterDate = `(?:(?:19|20)\d{2}\s*[-/.年]|\d{1,2}\s*月\s*\d{1,2}\s*日|\d{1,2}\s*日)`
	// cnaDateline is the credit that opens a 中央社 story: （中央社記者吳家豪台北24日電）,
	// the reporter's name (three characters, as most are) run on into the
	// place the story was filed from.
	cnaDateline = regexp.MustCompile(`記者((?:\p{Han}{2,3})(?:、\p{Han}{2,3})*)\p{Han}{2,4}?\d{1,2}日[電电]`)
	// creditAtEnd matches the reporter in parentheses that closes a news
	// story: （常书香 马丹阳）, （姚峰 上海报道）, （袁源）.
	creditAtEnd = regexp.MustCompile(`[(（]\s*((?:\p{Han}|·){2,4}(?:[ 、]+(?:\p{Han}|·){2,4})*?)\s*(?:\p{Han}{2,3}报道)?\s*[)）]\s*$`)
	// posted matches the poster of a forum or blog post: "由海姑娘张贴",
	// "ggjjzhzz 发表于 2005-9-15", "发布时间 … by duscha", "By Jane Doe".
	posted = regexp.MustCompile(`由\s*(\S{1,20}?)\s*张贴|^([\p{L}\p{N}_.-]{1,20})\s+发表于|\d\s+by\s+(\p{Lu}[\p{L}.'’-]+(?:\s+\p{Lu}[\p{L}.'’-]+){1,3}|\S{1,30})|^(?:[Ww]ritten\s+)?[Bb][Yy]\s+(\p{Lu}[\p{L}.'’-]+(?:(?:\s+(?:and|&)\s+|,\s*|\s+)\p{Lu}[\p{L}.'’-]+){0,5})`)
)

// datelinePlaces are the cities stories are most often filed from, as a
// reporter's credit names them before 报道 (记者 林典驰 广州报道); a place
// ends in 省, 市, 县 or 区 otherwise.
const datelinePlaces = `北京|上海|天津|重庆|广州|深圳|杭州|南京|武汉|成都|西安|长沙|郑州|济南|青岛|沈阳|大连|合肥|福州|厦门|南宁|昆明|贵阳|海口|兰州|太原|` +
	`石家庄|哈尔滨|长春|呼和浩特|乌鲁木齐|拉萨|银川|西宁|南昌|苏州|宁波|无锡|东莞|佛山|珠海|香港|澳门|台北|雄安|纽约|华盛顿|伦敦|东京|巴黎|柏林|莫斯科|布鲁塞尔|新加坡|` +
	`\p{Han}{1,4}[省市县縣区區]`

// staffCode is the code a portal's CMS appends to an editor's name.
var staffCode = regexp.MustCompile(`(\p{Han})(?:_[A-Za-z]{1,4}\d{2,}|\s+[A-Za-z]{2,4}\d{3,})$`)

// mediumReporter is a medium's name and its reporter's role before names:
// 农民日报记者 刘知宜, 人民日报记者 张三 李四, 齐鲁晚报·齐鲁壹点记者 孔梦雪 (a paper and
// its app).
var mediumReporter = regexp.MustCompile(`^\p{Han}{2,10}?` + mediumEnding + `(?:[·・]\p{Han}{2,8}?)?(?:全媒体|全媒體|融媒)?(?:记者|記者)\s*(.+)$`)

// reporterRole is a reporter's role before names: 记者, 本报记者, 见习记者,
// 全媒体记者 and 融媒记者 (as 市级日报 and 融媒体 sites credit since 2020),
// 实习生.
var reporterRole = regexp.MustCompile(`^(?:(?:本报|本報)?(?:全媒体|全媒體|融媒体|融媒體|融媒)?(?:见习|見習)?(?:记者|記者)|实习生|實習生|通讯员|通訊員)`)

// mediumThenName is a medium's name, a space and what follows: 汽车之家 陈璐,
// 本网 张三.
var mediumThenName = regexp.MustCompile(`^(?:\p{Han}{1,10}?(?:之家|` + mediumEnding + `)|本网|本報|本报|本台|本刊)\s+(.+)$`)

// nameLikeMedium says whether the word before the space in v reads as a
// person's name as much as a medium's: three characters, a common surname
// first, one of 社, 台, 报, 网 last (刘建社 王芳, 李金台 周敏 are two
// people; 中央社 张三 is a reporter of an agency).
func nameLikeMedium(v string) bool {
	first, _, ok := strings.Cut(v, " ")
	if !ok || runeCount(first) != 3 {
		return false
	}
	r := []rune(first)
	return strings.ContainsRune("社台臺报報网網", r[2]) && strings.ContainsRune(commonSurnames, r[0])
}

// commonSurnames are the commonest Chinese surnames (in both scripts).
const commonSurnames = "王李张張刘劉陈陳杨楊黄黃赵趙吴吳周徐孙孫马馬朱胡郭何高林罗羅郑鄭梁谢謝宋唐许許韩韓冯馮邓鄧曹彭曾萧蕭田董袁潘于蒋蔣蔡余杜叶葉程苏蘇魏吕呂丁任沈姚卢盧姜崔钟鍾谭譚陆陸汪范廖石金"

// bylineButtons are the words of the buttons a byline line carries in
// brackets, which are no names.
var bylineButtons = map[string]bool{"打印": true, "关闭": true, "收藏": true, "分享": true, "返回": true, "顶部": true,
	"打印本页": true, "打印此页": true, "关闭窗口": true, "关闭本页": true, "返回顶部": true, "返回首页": true, "加入收藏": true,
	"收藏本页": true, "我要纠错": true, "我要打印": true, "我要收藏": true, "我要分享": true, "我要评论": true, "我要留言": true, "纠错": true, "评论": true, "字体": true, "字号": true, "列印": true, "關閉": true,
	"分享到": true, "打 印": true, "关 闭": true, "大": true, "中": true, "小": true, "推荐": true, "复制链接": true,
	// a list item's marks: [置顶] 标题 2020-02-22
	"置顶": true, "置頂": true, "热门": true, "熱門": true, "头条": true, "頭條": true, "最新": true, "图文": true, "圖文": true, "视频": true, "視頻": true, "原创": true, "原創": true, "转载": true, "轉載": true}

var (
	bracketName = regexp.MustCompile(`[\[【]\s*(\p{Han}{2,4})\s*[\]】]`)
	nameLine    = regexp.MustCompile(`^\p{Han}{2,4}$`)
	// notNames are short lines under a title that are not its author.
	notNames = map[string]bool{"摘要": true, "前言": true, "引言": true, "导语": true, "正文": true,
		"附件": true, "目录": true, "编者按": true, "内容提要": true, "通知": true, "公告": true, "简介": true}
)

// findPoster is posted.FindStringSubmatchIndex for lines that hold one of its
// words.
func findPoster(s string) []int {
	if !containsAny(s, posterWords) {
		return nil
	}
	return posted.FindStringSubmatchIndex(s)
}

// bylineName cuts what follows a byline's name on its line (rest is
// the line after the name): themes print "By Jane Doe March 15, 2024",
// "By Jane Doe Friday, March 15" or "By Jane Doe Updated 5:02 PM" as one
// line, and the capitalised words after the name are the date's. A month
// ends the name only where the day follows it ("By Theresa May" is a name).
func bylineName(name, rest string) string {
	words := strings.Fields(name)
	for i, w := range words {
		if i == 0 {
			continue
		}
		w = strings.ToLower(strings.TrimRight(w, ".,"))
		last := i == len(words)-1
		if dateWords[w] || (last && months[w] && startsWithDigit(rest)) {
			return strings.TrimRight(strings.Join(words[:i], " "), ",")
		}
	}
	return name
}

var months = map[string]bool{
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true, "july": true,
	"august": true, "september": true, "october": true, "november": true, "december": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
}

// dateWords never belong to a byline's name.
var dateWords = map[string]bool{
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true,
	"updated": true, "published": true, "posted": true, "today": true, "yesterday": true,
}

var posterWords = []string{"张贴", "发表于", "by ", "By ", "BY "}

// linesBefore are the zone's lines above the content: a byline's, not
// the text's.
func linesBefore(zone []metaLine) []metaLine {
	var out []metaLine
	for _, l := range zone {
		// A byline inside the content's element is skipped, or
		// passes for one: it carries a date or a 来源.
		if l.where < 0 || l.where == 0 && (l.skipped || isBylineLine(l.text)) {
			out = append(out, l)
		}
	}
	return out
}

// inlineBy is an English byline after other fields on its line: By and
// two to four capitalised words (not "by the end of the year").
var inlineBy = regexp.MustCompile(`(?:\s|[|｜])[Bb][Yy]\s+(\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}.'’-]+){1,3})\s*(?:$|[|｜]|\s\d)`)

// bylineField is a field a byline puts before its By: a label, a bar.
var bylineField = regexp.MustCompile(`(?i)(?:source|updated|published|posted|date)\s*:|[|｜]|\d{1,2}:\d{2}(?::\d{2})?\s*$`)

// sentence says whether a line is prose, not a byline: long, and ending
// as sentences do.
func sentence(s string) bool {
	s = strings.TrimSpace(s)
	return runeCount(s) > 60 && (strings.HasSuffix(s, ".") || strings.HasSuffix(s, "。"))
}

// contentEdges are the first two and the last three lines of the content,
// where stories credit their reporters.
func contentEdges(lines []metaLine) []metaLine {
	// The content's lines are not gathered first: on a page of 250,000
	// paragraphs that copy would be the largest allocation of the read.
	var first, last []metaLine
	n := 0
	for _, l := range lines {
		if l.where != 0 {
			continue
		}
		n++
		if len(first) < 2 {
			first = append(first, l)
		}
		if len(last) == 3 {
			last = append(last[:0], last[1:]...)
		}
		last = append(last, l)
	}
	if n <= 5 {
		// The lines, each once: the first two, then those of last that
		// come after them.
		return append(first, last[max(0, len(last)-(n-len(first))):]...)
	}
	return append(first, last...)
}

// cellValue says whether a line can be the value of a label that ended
// the line before it: short, not a link, not a field of its own.
func cellValue(l metaLine) bool {
	return !l.linked && runeCount(l.text) <= 30 && !strings.ContainsAny(l.text, ":：。！？，") &&
		!startsWithDigit(l.text) && // another field's date or number, the label's own left empty
		!bylineButtons[strings.Trim(l.text, "【】[] ")] && !strings.Contains(l.text, "打印") && !strings.Contains(l.text, "关闭") &&
		!fieldLabel(l.text) && !headerCell.MatchString(l.text) // a table's header row: 作者 | 学校, 来源 | 发布时间
}

// headerCell is a data table's column heading, which follows a label's
// cell in a header row (序号 作品 作者 学校), no value of it.
var headerCell = regexp.MustCompile(`^(?:序号|序號|编号|編號|学校|學校|单位|單位|姓名|名称|名稱|作品|作品名称|作品名稱|类别|類別|备注|備註|职务|職務|性别|性別|年龄|年齡|班级|班級|年级|年級|奖项|獎項|获奖等级|獲獎等級|等次|指导教师|指導教師|金额|金額|数量|數量|地址|电话|電話|联系电话|聯繫電話|项目|項目|内容|內容|标题|標題)$`)

// labelCell says whether a line is a label alone, without its colon:
// a detail table's <th>.
func labelCell(s string, label *regexp.Regexp) bool {
	if len(s) > 18 || strings.ContainsAny(s, ":：") {
		return false
	}
	m := label.FindStringIndex(s + "：")
	return m != nil && m[0] == 0 && m[1] == len(s)+len("：")
}

// fieldLabel says whether a line is the label of a byline's field alone
// in its cell (日期, 資料來源, 作者): a label, not a name.
func fieldLabel(s string) bool {
	return len(s) <= 48 && dateLabelCell.MatchString(s) || labelCell(s, sourceLabel) || labelCell(s, authorLabel) || labelCell(s, editorLabel) ||
		gridLabel.MatchString(s)
}

// gridLabel is a label of a disclosure page's 索引号 grid alone in its cell.
var gridLabel = regexp.MustCompile(`^(?:索\s*引\s*号|文\s*号|发文字号|發文字號|主\s*题\s*词|主題詞|文件编号|有\s*效\s*性|发文机关|發文機關|发布机构|發布機構|主题分类|体裁分类|公开方式|公开范围|成文日期|生效日期|废止日期)\s*[:：]?$`)

// leadingDate is a date opening a value.
var leadingDate = regexp.MustCompile(`^\s*` + dateOnly + `\s*`)

// labelledValue returns the value after the first label in the zone.
// repostCard is what follows 以下文章来源于 on WeChat's repost card: an
// account's name, then perhaps its author.
var repostCard = regexp.MustCompile(`^[^，,。；;！!？?\s]{1,30}\s*(?:[，,]\s*作者.*)?$`)

// creditInBrackets is a credit or a note in brackets (（记者张科）,
// （转自市卫健委）), not an office's second name.
var creditInBrackets = regexp.MustCompile(`^[（(]\s*(?:记者|記者|通讯员|通訊員|实习生|實習生|见习|見習|转自|轉自|转载|轉載|摘自|来源|來源|编辑|編輯)`)

// officeAlias is an office's second name in brackets after its first.
var officeAlias = regexp.MustCompile(`^[（(][\p{Han}]{2,12}(?:局|办|委|会|中心|站|所|院|室|部|处|科|厅)[）)]`)

// pictureCredit ends the text before a label that credits a picture or
// a video (图片来源：, 视频作者：), not the article.
// The word opens its field and touches the label (（图片来源：); a value
// before the label that ends so (栏目：视频 来源：, 新京报我们视频　作者：,
// 文/图 来源：) is another field's.
var pictureCredit = regexp.MustCompile(`(?:^|[\s(（【\[])(?:图片|圖片|图|圖|照片|视频|視頻|封面)$`)

func labelledValue(zone []metaLine, label *regexp.Regexp) string {
	for i, l := range zone {
		// A label alone in its table cell, with no colon (<th>資料來源</th><td>疾病管制科</td>),
		// is read as the label with one.
		if i+1 < len(zone) && labelCell(l.text, label) && cellValue(zone[i+1]) {
			if v := labelledValue([]metaLine{{text: l.text + "："}, zone[i+1]}, label); v != "" {
				return v
			}
		}
		// Elements that run together end a value where they meet.
		text := l.spaced()
		// A cheap test first: a label ends with a colon, a slash or 】
		// (【来源】), or reads 来源于 or BBC's 作者, with a comma; or it
		// stands in an element of its own, the value in the next
		// (<span>来源</span><span>庐江县融媒体中心</span>), or apart by
		// white space (来源 庐江县融媒体中心 作者 孙晓梅).
		if !strings.ContainsAny(l.text, ":：/】") && !strings.Contains(l.text, "源于") && !strings.Contains(l.text, "源於") && !strings.HasPrefix(l.text, "作者,") && l.cuts == nil && spacedLabels(l.text) == "" {
			continue
		}
		m := label.FindStringIndex(text)
		if m == nil {
			if c := l.colonized(); c != "" {
				text, m = c, label.FindStringIndex(c)
			}
		}
		// A label inside a sentence (…并注明“来源：衢州日报”。) is no field,
		// nor a picture's credit (（图片来源：西塘旅游公众号）).
		if m == nil || strings.ContainsAny(text[:m[0]], "，。；！？") || pictureCredit.MatchString(text[:m[0]]) {
			continue
		}
		rest := text[m[1]:]
		// WeChat's card (以下文章来源于临安发布 ，作者鲍倩倩) names an
		// account, its author after a comma; not a notice (以下文章来源于
		// 网络，如有侵权请联系删除).
		if strings.HasPrefix(text[m[0]:], "以下文章") && !repostCard.MatchString(rest) {
			continue
		}
		if rest == "" && strings.ContainsAny(text[m[0]:m[1]], ":：") && i+1 < len(zone) && cellValue(zone[i+1]) {
			// A label in one table cell, its value in the next: <td>发布机构：</td><td>县住建局</td>.
			rest = zone[i+1].spaced()
		}
		// A value in brackets: 来源：[ 人民网 ], 来源：【新华社】.
		if r, size := utf8.DecodeRuneInString(rest); r == '[' || r == '【' || r == '［' {
			rest = strings.TrimLeft(rest[size:], " ")
		}
		// The value ends at the next field (even without a space before
		// it: 株洲日报作者：李明) or at valueEnd, whichever comes first.
		// A value that opens with a date (来源：2024年4月16日《人民日报》)
		// goes on past it: only a date after the value ends it.
		from := 0
		if m := leadingDate.FindStringIndex(rest); m != nil && m[1] < len(rest) {
			from = m[1]
		}
		end := len(rest)
		if e := bylineLabel.FindStringIndex(rest[from:]); e != nil {
			end = from + e[0]
		}
		if e := valueEnd.FindStringIndex(rest[from:]); e != nil && from+e[0] < end {
			end = from + e[0]
		}
		// An office's second name in brackets stays with it:
		// 县农业农村局（乡村振兴局）.
		if m := officeAlias.FindString(rest[end:]); m != "" && orgSuffix.MatchString(strings.TrimSpace(rest[:end])) && !creditInBrackets.MatchString(m) {
			end += len(m)
		}
		rest = rest[:end]
		// (A separator between spans stays with the value: 作者：刘洋 ·.)
		rest = strings.Trim(strings.TrimSpace(rest), " ,，;；·•|｜")
		if rest != "" && runeCount(rest) <= 30 {
			return rest
		}
	}
	return ""
}

// gridAbove are the lines of a disclosure page's 索引号 grid that stand
// above the title beyond the byline's window (索引号, 发布机构, 生成日期,
// 文号 and 名称 in rows over the headline): up to twelve lines, when one of
// them is a grid label's.
func gridAbove(lines, head []metaLine, titleAt int) []metaLine {
	if titleAt < 0 {
		return nil
	}
	from, to := max(0, titleAt-12), titleAt
	for _, l := range head { // the byline's window holds the nearest rows
		for i := from; i < to; i++ {
			if lines[i].text == l.text {
				to = i
				break
			}
		}
	}
	grid := lines[from:to]
	if !slices.ContainsFunc(grid, func(l metaLine) bool { return hasGridField(l.text) }) {
		return nil
	}
	// The grid's 生成日期 is when the disclosure was published, when it
	// names no 发布日期 (四川's portals): read as one.
	if slices.ContainsFunc(grid, func(l metaLine) bool { return gridPublished.MatchString(l.text) }) {
		return grid
	}
	out := make([]metaLine, len(grid))
	for i, l := range grid {
		out[i] = l
		out[i].text = strings.Replace(l.text, "生成日期", "发布日期", 1)
	}
	return out
}

// gridPublished labels a grid's own date of publication, which its
// 生成日期 then is not (发布时间：2024-04-09 beside 生成日期：2024-03-01).
var gridPublished = regexp.MustCompile(`(?:发布|發布|發佈|公开|公開)(?:日期|时间|時間)`)

// gridField is a label of the 索引号 grid opening a line or its cell.
var gridField = regexp.MustCompile(`(?:^|\s)(?:索\s*引\s*号|发布机构|發布機構|发文机关|發文機關|信息分类|主题分类|文\s*号)\s*[:：]`)

// hasGridField is gridField.MatchString, asked only of texts holding one
// of its labels' characters (a container's head is asked, page after page).
func hasGridField(s string) bool {
	return (strings.Contains(s, "号") || strings.Contains(s, "機") || strings.Contains(s, "机") || strings.Contains(s, "分类")) && gridField.MatchString(s)
}
