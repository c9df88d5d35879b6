package extract

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// founderTitle is the text of a 方正 (Founder) e-paper's <founder-title>,
// the article's title where the <title> holds only the paper's name
// (澳門日報電子版) and a sidebar lists the page's other titles.
func (r *reader) founderTitle() string {
	b := r.body()
	if b == nil {
		return ""
	}
	for n := range b.Descendants() {
		if n.Type == html.ElementNode && n.Data == "founder-title" {
			if t := cleanLine(textOf(n)); t != "" {
				return t
			}
		}
	}
	return ""
}

// isTitleName: an element whose class or id names a title (title, tit,
// headline, biaoti 标题, or a name ending in _t as Taiwanese county sites'
// news_t and many CMS templates' con_t abbreviate it).
func isTitleName(n *html.Node) bool {
	name := attr(n, "class") + " " + attr(n, "id")
	if len(name) < 4 {
		return false
	}
	name = strings.ToLower(name)
	if strings.Contains(name, "title") || strings.Contains(name, "headline") ||
		strings.Contains(name, "biaoti") || strings.Contains(name, "tit ") || strings.HasSuffix(strings.TrimSpace(name), "tit") {
		return true
	}
	// A box's heading is named so too (lm_t, left_t, list_t): a _t
	// element counts when it holds a headline's length of text, not a
	// link, under no box's name.
	for _, token := range strings.Fields(name) {
		if len(token) > 3 && strings.HasSuffix(token, "_t") && !boxPrefix.MatchString(token) {
			if t := textOf(n); runeCount(t) >= 8 && !allLinked(n) {
				return true
			}
		}
	}
	return false
}

// boxPrefix names a sidebar's, a list's or a menu's part.
var boxPrefix = regexp.MustCompile(`^(?:left|right|list|lm|box|tab|nav|foot|side|menu|top|head|more|hot|links?)[_-]`)

// allLinked says whether all of n's text is link text.
func allLinked(n *html.Node) bool {
	linked, plain := false, false
	var walk func(*html.Node, bool)
	walk = func(n *html.Node, in bool) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode && strings.TrimSpace(c.Data) != "":
				if in {
					linked = true
				} else {
					plain = true
				}
			case c.Type == html.ElementNode:
				walk(c, in || isLink(c))
			}
		}
	}
	walk(n, isLink(n))
	return linked && !plain
}

// govSiteSuffix is a government site's name after a bare hyphen.
var govSiteSuffix = regexp.MustCompile(`^(.+?)\s*[-－–]\s*(\p{Han}{2,16}(?:人民政府|人民政府网|人民政府門戶網站|人民政府门户网站|政府门户网站|政府門戶網站|政府网|政府網|政府全球資訊網|政府全球资讯网))$`)

// titleSeparators split a <title> into the article's title and the site's
// name: "标题_我爱株洲", "标题 - 某某市人民政府", "标题|栏目|网站".
var titleSeparators = regexp.MustCompile(`\s+[-–—|｜·:：]+\s+|\s*(?:_+|--+|——+|\|+|｜+)\s*`)

// subtitled says whether heading is a headline and its ——subtitle, all
// of the <title> full but its last part (the site's name).
func subtitled(heading, full string) bool {
	if !strings.Contains(heading, "——") {
		return false
	}
	seps := titleSeparators.FindAllStringIndex(full, -1)
	return len(seps) >= 2 && hashForm(heading) == hashForm(full[:seps[len(seps)-1][0]])
}

// title picks the article's title and the index of its line (-1 if it is
// not a line of the body): the heading that the <title> (or og:title)
// starts with, else og:title, else a heading just before the content,
// else the <title> without its site's name.
func (r *reader) title(lines []metaLine) (string, int) {
	full := r.head.title
	// TRS WCM's ArticleTitle is the article's own title, as og:title is.
	og := cleanLine(r.head.metaValue("og:title", "twitter:title", "articletitle"))
	if og == "" {
		og = r.founderTitle()
	}
	fullForm, ogForm := hashForm(full), hashForm(og)
	// The <title>'s headline part (its site's name cut) and its parts.
	headPart, parts := siteless(full), titleParts(full)
	headForm := hashForm(headPart)
	// A <title> cut short with an ellipsis: its first part, without it.
	first := strings.TrimSpace(titleSeparators.Split(full, 2)[0])
	cutForm := ""
	if strings.HasSuffix(first, "…") || strings.HasSuffix(first, "...") {
		if cutForm = hashForm(strings.TrimRight(first, "….")); runeCount(cutForm) < 8 {
			cutForm = ""
		}
	}
	best, bestAt, shortAt := "", -1, -1
	// The <title>'s first part, which a short headline (a 百科 entry's
	// 通天岩, a notice's 公告) may be all of.
	firstForm := hashForm(first)
	start := len(lines) // the first line of the content
	for i, l := range lines {
		if l.where >= 0 {
			start = min(start, i)
		}
		if l.where > 0 || i > start+3 {
			break // the title stands before the content or at its top
		}
		if !l.heading && !l.titled && !l.bold {
			continue
		}
		if logoHeading(l) && hashForm(l.text) != headForm {
			continue
		}
		n := runeCount(l.text)
		if n >= 2 && n < 4 && l.heading && !l.linked && hashForm(l.text) == firstForm && firstForm != fullForm {
			best, bestAt, shortAt = l.text, i, i
			continue
		}
		if n < 4 || n > 120 {
			continue
		}
		// The <title> holds the heading and the site's name, in either
		// order ("标题_网站", "网站 - 标题"); or it is the heading cut short
		// ("很长的标题…_网站").
		f := hashForm(l.text)
		// A heading that holds the <title>'s first part and more (a
		// forum's [攻略] tag before it): the title is that part. Not
		// when the <title> holds the whole heading and the more is a
		// mark before the part: a column's mark that both print (深读｜…,
		// 图文直播回顾｜渡江节圆满结束: the part is the mark when what follows
		// it is longer) is the headline's; the site's or column's name after
		// it (标题_某某县人民政府, a template printing the <title> as the
		// headline) is not.
		// (Nor a headline with its ——subtitle, which the <title> holds
		// whole before the site's name: 人口普查公报（第二号）——乡镇人口情况.)
		// (Nor words of the headline's own before the part, which the
		// <title> left out: 第十四届 of 第十四届庆元香菇文化节开幕.)
		// (Nor a headline that starts with the site's name the <title>
		// names alone with a column: 油尖旺區議會 of 油尖旺區議會 - 新聞稿.)
		if lead := headForm; runeCount(lead) >= 6 && f != lead && strings.Contains(f, lead) && runeCount(f) < runeCount(lead)+12 && !subtitled(l.text, full) && !isTitlePart(parts, l.text) &&
			!siteName.MatchString(headPart) &&
			(strings.HasPrefix(f, lead) || taggedBefore(l, headPart)) &&
			(!strings.Contains(fullForm, f) || strings.HasPrefix(f, lead) && (runeCount(f)-runeCount(lead) <= runeCount(lead) || !markJoined(l.text, headPart))) {
			best, bestAt = headPart, i
			continue
		}
		// Of several, the one nearest the content: a site's name in the
		// <title> is also the logo's heading at the top of the page. But
		// not a part of it after the whole: a table's bold header cell
		// (镇（街道）) under a heading that is the <title> itself.
		if f == ogForm || strings.Contains(fullForm, f) || (ogForm != "" && strings.Contains(ogForm, f)) ||
			(cutForm != "" && strings.HasPrefix(f, cutForm)) {
			// (A bilingual notice's English heading under its Chinese
			// one translates it: the Chinese stays.)
			// (A translation: right under the Chinese heading, in no
			// Chinese, and the <title>'s headline part holds both.)
			underBest := best != "" && bestAt == i-1 && !lines[bestAt].linked
			english := strings.ContainsFunc(best, isCJK) && !strings.ContainsFunc(l.text, isCJK)
			headline := headForm
			// A headline in two headings (…公告 over （第十五号）), or two
			// lines of a title element, the <title> holding the two run
			// together: both.
			if underBest && (lines[bestAt].heading || lines[bestAt].titled) && (l.heading || l.titled) && isTitlePart(parts, best+l.text) &&
				!(siteName.MatchString(best+l.text) && len(parts) == 1) { // (not a logo's two lines: 磐安县人民政府 / 门户网站)
				best = best + l.text
				continue
			}
			translation := underBest && english && strings.Contains(headline, hashForm(best)) && strings.Contains(headline, f)
			// (Nor a part of the <title>'s headline, a table's bold caption
			// (…团队名单) under the heading that is the whole of it (…团队名单公示).)
			if best == "" || f == fullForm || f == ogForm || hashForm(best) != fullForm && hashForm(best) != ogForm && !translation &&
				!(hashForm(best) == headline && lines[bestAt].heading && strings.Contains(headline, f)) {
				best, bestAt = l.text, i
			}
		}
	}
	// The <title> that is the site's name alone names the logo's heading,
	// a link home (<h1 class="logo"><a href="/">某某市人民政府</a></h1>); a
	// heading or title element after it, before the content, is the
	// article's.
	if best != "" && lines[bestAt].linked && hashForm(best) == fullForm {
		for i := bestAt + 1; i < len(lines) && i <= start; i++ {
			if l := lines[i]; (l.heading || l.titled) && !l.linked && isTitleShaped(l.text) && !sectionHeading(l.text) && !isBylineLine(l.text) {
				return l.text, i
			}
		}
	}
	// The short heading is a column's or site's name (<h1>要闻</h1>, a
	// logo's <h1>大河网</h1> over a <title> 要闻 - 某某网) when og:title
	// names another headline or a headline follows it before the content.
	if best != "" && bestAt == shortAt {
		if og != "" && hashForm(siteless(og)) != firstForm {
			best, bestAt = "", -1
		}
		for i := shortAt + 1; best != "" && i < len(lines) && i <= start; i++ {
			if l := lines[i]; (l.heading || l.titled) && !l.linked && l.where <= 0 && runeCount(l.text) >= 6 && isTitleShaped(l.text) && !sectionHeading(l.text) && !isBylineLine(l.text) {
				return l.text, i
			}
		}
	}
	// A box's heading (校園公告, a column's name the <title> carries as
	// one of its parts) over a longer headline that the <title> leaves
	// out: the headline.
	// (Not the <title>'s first part, the headline's own place: 停水通知 over
	// its summary, 政府工作报告 over its ——subtitle.)
	// (A column's name that the <title> names first, before the site's,
	// is the column's all the same: 部门动态_松阳县人民政府.)
	columnFirst := len(parts) == 2 && columnName.MatchString(best) && siteName.MatchString(strings.TrimSpace(parts[1]))
	if best != "" && runeCount(best) <= 6 && hashForm(best) != fullForm && hashForm(best) != ogForm && (hashForm(best) != firstForm || columnFirst) {
		// Above the text: a heading in it is its section's. (But the
		// text's first heading may be the headline under a column's
		// heading, not an h1, that the <title> names after the site's:
		// <h2>最新消息</h2> of 民政事務總署 - 最新消息 over <h3>深水埗區「關愛隊」…;
		// not the <title>'s own first part, 招聘启事 of 招聘启事-某县融媒体中心,
		// nor an <h1> headline over the text's section, 开学通知 over 报到安排.)
		// (A column-first <title>'s: in the text only the heading its
		// byline follows.)
		column := hashForm(parts[0]) != hashForm(best)
		for i := bestAt + 1; i < len(lines) && i <= start; i++ {
			if l := lines[i]; (l.heading || l.titled) && !l.linked && (l.where < 0 || (column || columnFirst && i+1 < len(lines) && isBylineLine(lines[i+1].text)) && i <= start+1 && !lines[bestAt].h1 && l.heading && (i == bestAt+1 || columnName.MatchString(best))) && runeCount(l.text) >= 8 && isTitleShaped(l.text) && !sectionHeading(l.text) && !isBylineLine(l.text) &&
				!strings.HasPrefix(l.text, "—") && !strings.HasPrefix(l.text, "--") {
				return l.text, i
			}
		}
	}
	// An English module's name heading the page (News Flash of CivicPlus's
	// News Flash • Annapolis, MD • CivicEngage), the <title>'s first part
	// and a link of the trail or the menu above, over the item's headline
	// that its dated byline follows, written as headlines are (Title Case):
	// the headline. (Not a short headline over its dek, which is written
	// as a sentence: Pool Opens Saturday over Splash into summer at….)
	if best != "" && moduleNames[strings.ToLower(best)] && hashForm(best) == moduleForm(full) && moduleForm(full) != fullForm &&
		slices.ContainsFunc(lines[:bestAt], func(l metaLine) bool { return l.linked && hashForm(l.text) == hashForm(best) }) {
		for i := bestAt + 1; i+1 < len(lines) && i <= start+1; i++ {
			if l, next := lines[i], lines[i+1]; l.heading && !l.linked && len(strings.Fields(l.text)) >= 4 && titleCase(l.text) && isTitleShaped(l.text) && hasYear(next.text) && isBylineLine(next.text) {
				return l.text, i
			}
		}
	}
	if best != "" {
		// A column's heading that the <title> names after the site's
		// (最新消息 of 苗栗縣三義鄉公所-最新消息) over a detail table: its
		// 標題 row holds the headline.
		if runeCount(best) <= 6 && hashForm(parts[0]) != hashForm(best) {
			if t, i := titleRow(lines, start); i >= 0 {
				return t, i
			}
		}
		return best, bestAt
	}
	if og != "" {
		t := siteless(og)
		return t, r.lineOf(lines, t)
	}
	if t, i := titleRow(lines, start); i >= 0 {
		return t, i
	}
	// A <title> that names no heading is often the site's alone
	// ("blog.example.com", "显示"): a heading right before the content,
	// or opening it, is the better witness.
	// First a heading opening the content, then one just before it, then
	// a line set apart in bold among the content's first (old templates).
	// (Not a section heading: 一、总体要求 opens a body, it titles no
	// article.)
	// (Under the trail, when the content's box holds it too: 目前位置：首頁
	// > 最新消息 over the headline.)
	if at := start; at < len(lines) {
		// (Or under a badge of a character or two: 问 over a letter's
		// question.)
		if (isBreadcrumb(lines[at].text) || !lines[at].heading && runeCount(lines[at].text) <= 2) && at+1 < len(lines) && lines[at+1].where == 0 {
			at++
		}
		// (And under the column's name, the trail's last step, over the
		// headline: 通知公告 over 关于2024年端午节放假安排的通知; not a short
		// headline over its subtitle.)
		if at > start && at+1 < len(lines) && lines[at].heading && runeCount(lines[at].text) <= 6 && strings.Contains(lines[at-1].text, lines[at].text) &&
			lines[at+1].heading && runeCount(lines[at+1].text) >= 8 && !strings.HasPrefix(lines[at+1].text, "—") {
			at++
		}
		// (Not a lede set as a heading there, a sentence closed by 。:
		// the headline may stand above the box.)
		if l := lines[at]; (l.heading || l.titled) && isTitleShaped(l.text) && !sectionHeading(l.text) && (at == start || !strings.HasSuffix(l.text, "。")) {
			return l.text, at
		}
	}
	for i := min(start, len(lines)) - 1; i >= 0 && i >= start-8; i-- {
		if l := lines[i]; (l.heading || l.titled) && isTitleShaped(l.text) && !logoHeading(l) && !headsList(lines, i) {
			return l.text, i
		}
	}
	// (Not a numbered section's bold heading: 五、政府信息公开行政复议… is
	// a report's part.)
	for i := start; i < len(lines) && i < start+3; i++ {
		if l := lines[i]; l.bold && isTitleShaped(l.text) && !endsSentence(l.text) && !sectionHeading(l.text) {
			return l.text, i
		}
	}
	// Or just above it: an old ASP page's <font size=4><b>…</b></font> in
	// the row over its byline.
	for i := min(start, len(lines)) - 1; i >= 0 && i >= start-4; i-- {
		if l := lines[i]; l.bold && !l.linked && isTitleShaped(l.text) && !endsSentence(l.text) && !isBylineLine(l.text) && !sectionHeading(l.text) {
			return l.text, i
		}
	}
	t := headPart
	at := r.lineOf(lines, t)
	// A company's site joins its name with a bare hyphen too (公告标题-哈尔滨银行):
	// cut there when a line at the top of the page says the part before it.
	if at < 0 {
		for cut := strings.LastIndexByte(full, '-'); cut > 0; cut = strings.LastIndexByte(full[:cut], '-') {
			// A headline's length: a column's name (中美关系) is no title.
			if lead := strings.TrimSpace(full[:cut]); runeCount(lead) >= 8 {
				// The headline over its dated byline: not the logo's
				// text (公司名-新闻中心) nor a column's box (栏目名-学校).
				if i := r.lineOf(lines, lead); i >= 0 && i <= start+3 && !lines[i].linked && i+1 < len(lines) && hasYear(lines[i+1].text) && isBylineLine(lines[i+1].text) {
					return lines[i].text, i
				}
			}
		}
	}
	if at < 0 {
		if text, i := titlePartLine(full, t, lines, start); i >= 0 {
			return text, i
		}
	}
	// A generic <title> (停水通知 - 郑州自来水…) that no line repeats: the
	// headline may be a plain <div> right above the dated byline, longer
	// than the <title>'s name for it.
	if at < 0 {
		for i := max(0, start-4); i+1 < len(lines) && i <= start; i++ {
			l, next := lines[i], lines[i+1]
			if l.linked || l.where > 0 || !hasYear(next.text) && !rocDate.MatchString(next.text) || !isBylineLine(next.text) {
				continue
			}
			if n := runeCount(l.text); n >= 8 && n > runeCount(t) && isTitleShaped(l.text) && !strings.ContainsAny(l.text, "，。；！？:：,;!?") && !isBylineLine(l.text) && !sectionHeading(l.text) {
				return l.text, i
			}
		}
	}
	return t, at
}

// moduleNames are the names site builders give the module a news item
// is shown in (CivicPlus's News Flash, Alert Center…): a program's page
// named like its menu link (Summer Reading) is its own title.
var moduleNames = map[string]bool{"news flash": true, "alert center": true, "press releases": true, "news releases": true,
	"news": true, "latest news": true, "announcements": true, "public notices": true, "media releases": true, "blog": true}

// titleCase says whether an English line is written as headlines are:
// its longer words capitalised but for prepositions (Chicago's into, with).
func titleCase(s string) bool {
	long, upper := 0, 0
	for _, w := range strings.Fields(s) {
		if utf8.RuneCountInString(w) < 4 || titleSmallWords[strings.ToLower(w)] {
			continue
		}
		long++
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
			upper++
		}
	}
	return long > 0 && upper*10 >= long*9
}

var titleSmallWords = map[string]bool{"into": true, "with": true, "from": true, "over": true, "upon": true, "onto": true, "than": true, "that": true, "about": true}

// moduleForm is hashForm of the first part of a <title> whose parts
// English sites join with bullets too (News Flash • Annapolis, MD •
// CivicEngage); not a separator elsewhere: a headline may hold one.
func moduleForm(full string) string {
	first := titleSeparators.Split(full, 2)[0]
	first, _, _ = strings.Cut(first, " • ")
	return hashForm(strings.TrimSpace(first))
}

// headsList says whether line i heads a box of links to other articles
// (最新更新 over 武安市召开“三夏”生产推进会 2024-6-17, …): a sidebar's, no
// headline. A box's heading is short and no h1 (a headline may stand over
// a related box of its own); its next two lines are headlines' links.
func headsList(lines []metaLine, i int) bool {
	if i+2 >= len(lines) || lines[i].h1 || runeCount(lines[i].text) > 10 {
		return false
	}
	// (Wholly links, or a headline's link and a date: 上一篇：<a>…</a>
	// is a field of the article, no list's item.)
	for _, l := range lines[i+1 : i+3] {
		if !l.titleLink() || !l.linked && !hasNumericDate(l.text) && !englishDate.MatchString(l.text) {
			return false
		}
	}
	return true
}

// titlePartLine finds, when the <title>'s first part t (the site's name,
// the logo an image: 機電工程署 - 新聞公報 - 機電署提醒…) is no line, another
// part that a plain line right above the content says exactly: the
// headline. The parts are tried from the last (a column's name before it
// may be a line there too), and not one the trail or a menu names. -1
// when none is.
func titlePartLine(full, t string, lines []metaLine, start int) (string, int) {
	parts := titleSeparators.Split(full, -1)
	for k := len(parts) - 1; k >= 0; k-- {
		part := strings.TrimSpace(parts[k])
		if runeCount(part) < 6 || part == t {
			continue
		}
		form := hashForm(part)
		if slices.ContainsFunc(lines[:min(start, len(lines))], func(l metaLine) bool {
			return (l.links || isBreadcrumb(l.text)) && strings.Contains(hashForm(l.text), form)
		}) {
			continue
		}
		for i := max(0, start-3); i <= start && i < len(lines); i++ {
			if l := lines[i]; hashForm(l.text) == form && !l.linked && l.where < 0 && isTitleShaped(l.text) && !isBylineLine(l.text) {
				return l.text, i
			}
		}
	}
	return "", -1
}

// sectionHeading says whether a heading opens a section of a body: a
// numbered one (listNumber: 一、, （二）, 1.) or a chapter (第三章 总则).
func sectionHeading(s string) bool {
	return listNumber.MatchString(s) || chapterNumber.MatchString(s)
}

var chapterNumber = regexp.MustCompile(`^\s*第[一二三四五六七八九十\d]+[章节節](?:\s|$)`)

// isTitleShaped: 4 to 80 characters, not a date, not a breadcrumb, not
// a link alone.
func isTitleShaped(s string) bool {
	n := runeCount(s)
	return n >= 4 && n <= 80 && !hasNumericDate(s) && !isBreadcrumb(s)
}

// isBreadcrumb: "当前位置：首页 > 新闻", "首页>>人物聚焦", "Home > News".
func isBreadcrumb(s string) bool {
	return strings.Contains(s, "位置") || strings.Contains(s, "->") || strings.Contains(s, ">>") ||
		strings.Contains(s, " > ") || strings.Contains(s, "»") || strings.Contains(s, "＞")
}

// decoratedName is a name between runs of decoration marks.
var decoratedName = regexp.MustCompile(`^[:：=~*·]+\s*(.+?)\s*[:：=~*·]+$`)

// titleLabel is a title's label in a detail table: 标题 alone in its
// cell, or before the title in one (a letter's 信件标题, a 12345 工单's
// 诉求标题 too).
var titleLabel = regexp.MustCompile(`^(?:(?:信件|来信|來信|留言|诉求|訴求|工单|工單)?(?:标题|標題)|题目|題目|(?:信件|来信|來信|留言|诉求|訴求)(?:主题|主題))\s*(?:[:：]\s*(.*))?$`)

// siteless is a <title> without the site's name: the first part if it is
// long enough to be a title, else the longest; without the marks that
// decorate a site's name (::常山县农业信息网::). Only marks on both sides
// are decoration: *ST康美 is a stock's name.
func siteless(full string) string {
	if m := decoratedName.FindStringSubmatch(full); m != nil && runeCount(m[1]) >= 2 {
		full = m[1]
	}
	// 站群 portals join the site's name with a bare hyphen (标题-兴化市人民政府):
	// cut only a government's name so, as a title's own hyphen (新冠-19,
	// 中美关系-新的起点) joins no such thing.
	if m := govSiteSuffix.FindStringSubmatch(full); m != nil && runeCount(m[1]) >= 4 {
		full = m[1]
	}
	// A site's name first (嘉義縣政府全球資訊網-縣府新聞-標題, 黃大仙區議會 -
	// 新聞稿 - 標題): the headline follows it.
	if t := afterSite(full); t != "" {
		return t
	}
	parts := titleSeparators.Split(full, -1)
	if len(parts) > 0 && runeCount(parts[0]) >= 4 {
		return parts[0]
	}
	longest := ""
	for _, p := range parts {
		if runeCount(p) > runeCount(longest) {
			longest = p
		}
	}
	return longest
}

// siteName is a site's name as a <title> part: a government's portal, a
// council, a news site.
var siteName = regexp.MustCompile(`(?:人民政府|政府[网網]|[门門]户[网網]站|全球[资資][讯訊][网網]|[网網]站|[区區][议議][会會]|[新][闻聞][网網]|融媒体中心|融媒體中心)$`)

// taggedBefore says whether what a heading holds before part is a tag or
// a mark ([攻略], 【原创】, 深读｜), or a badge set apart (<span>原创</span>, 视频 …),
// not words of a headline (原创音乐剧《花木兰》).
func taggedBefore(l metaLine, part string) bool {
	i := strings.Index(l.text, part)
	if i <= 0 {
		return false
	}
	if headTag.MatchString(l.text[:i]) {
		return true
	}
	apart := strings.HasSuffix(l.text[:i], " ") || slices.Contains(l.cuts, i)
	return apart && headBadge.MatchString(l.text[:i])
}

// headTag is a tag or a mark before a headline.
var headTag = regexp.MustCompile(`^\s*(?:[\[【(（「〔［][^\]】)）」〕］]{1,12}[\]】)）」〕］]\s*)+$|^[^｜|丨:：]{1,12}[｜|丨:：]\s*$`)

// headBadge is a badge before a headline: 原创, 视频, 专题.
var headBadge = regexp.MustCompile(`^\s*(?:原创|原創|独家|獨家|视频|視頻|图集|圖集|专题|專題|快讯|快訊|直播|热点|熱點|推荐|推薦|置顶|置頂|头条|頭條|转载|轉載|图文|圖文|深读|深讀)\s*$`)

// titleRow is a detail table's 标题 row near the content's start: <th>標題</th>
// <td>…</td>, or 标题：… in one cell (Taiwanese county sites, disclosure
// pages); -1 when there is none.
func titleRow(lines []metaLine, start int) (string, int) {
	for i := 0; i < len(lines) && i < start+8; i++ {
		m := titleLabel.FindStringSubmatch(lines[i].text)
		if m == nil {
			continue
		}
		if m[1] != "" && isTitleShaped(m[1]) && !labelLike(m[1]) {
			return m[1], i
		}
		if m[1] == "" && i+1 < len(lines) && !lines[i+1].linked && isTitleShaped(lines[i+1].text) && !labelLike(lines[i+1].text) {
			return lines[i+1].text, i + 1
		}
	}
	return "", -1
}

// headerRowCell says whether a 标题 label's neighbour is a table's next
// column heading (留言标题 | 办理单位 | 办理状态), no title: a field's name.
func headerRowCell(s string) bool {
	return runeCount(s) <= 6 && fieldNameEnd.MatchString(s)
}

var fieldNameEnd = regexp.MustCompile(`(?:单位|單位|状态|狀態|时间|時間|日期|部门|部門|人|类别|類別|编号|編號|情况|情況|结果|結果)$`)

// labelLike says whether a 标题 label's neighbour is another label (a
// table's header row: 标题 | 发文字号; a search form's fields), no title.
func labelLike(s string) bool {
	return endsWithColon(s) || fieldLabel(s) || headerCell.MatchString(s) || docField.MatchString(s) || headerRowCell(s)
}

// docField is a column of a table of documents.
var docField = regexp.MustCompile(`^(?:发文字号|發文字號|文号|文號|索引号|索引號|发布机构|發布機構|发文机关|發文機關|发布单位|發布單位|成文日期|公开日期|公開日期|公告日期|发布日期|發布日期|发布时间|發布時間|生效日期|废止日期|廢止日期|有效性|主题分类|主題分類|点阅数|點閱數|点击数|點擊數|日期|時間|时间)$`)

// logoHeading says whether a heading is a logo's: a link home, short or
// naming the site (<h1><a href="/">嘉義縣政府</a></h1>), or a site's name
// linking a front page (磐安县人民政府 to /col/col1228866/index.html). A
// headline may link too, to its own page by any of its addresses, to its
// print or mobile view, to # (安吉织密农村消防安全网), or, on a site of one
// page, home; it is not short and named as sites are.
func logoHeading(l metaLine) bool {
	if !l.linked {
		return false
	}
	if l.targets&toSelf != 0 {
		// (A logo linking nowhere names the site as a portal is named:
		// <a href="javascript:void(0)">松阳县人民政府</a>.)
		return l.targets&toNowhere != 0 && runeCount(l.text) <= 16 && siteName.MatchString(l.text)
	}
	n := runeCount(l.text)
	siteLike := siteName.MatchString(l.text) || logoName.MatchString(l.text) || welcome.MatchString(l.text)
	return l.targets&toHome != 0 && (n <= 12 || n <= 30 && siteLike) || l.targets&toFront != 0 && n <= 16 && siteLike
}

// welcome is a logo's greeting after the site's name: 松阳县人民政府门户网站欢迎您.
var welcome = regexp.MustCompile(`(?:人民政府|门户网站|門戶網站|政府[网網]站|全球[資资][訊讯][網网]|官方网站|官方網站|官网|官網)(?:欢迎您|欢迎你|歡迎您|歡迎你)$`)

// genericPart is a <title>'s part that names the page's kind: 正文, 详情.
var genericPart = regexp.MustCompile(`^(?:正文|详情|詳情|内容|內容|详细信息|詳細信息|信息详情|文章|阅读|閱讀|浏览|瀏覽)$`)

// columnName is a column's name as a <title> part: 南宁要闻, 景区动态,
// 政策文件及解读, 縣府新聞, 通知公告.
var columnName = regexp.MustCompile(`^\p{Han}{0,8}(?:要闻|要聞|动态|動態|新闻|新聞|公告|通知|文件|解读|解讀|信息|資訊|资讯|公开|公開|专题|專題|专栏|專欄|消息|政策|快讯|快訊|工作|首页|首頁|中心)$`)

// logoName is how a logo's text ends besides a site's name: a government,
// a site (江郎山旅游官网, 某某网).
var logoName = regexp.MustCompile(`(?:政府|官网|官網|官方网站|官方網站|[网網])$`)

// titleParts splits a <title> at its separators: " - ", "_", "|", and a
// bare hyphen after a Chinese character and before another or a digit
// (嘉義縣政府全球資訊網-縣府新聞-…, …公告（第十五号）-海宁人大, 縣府新聞-2024…),
// which mostly joins no words of a Chinese headline.
func titleParts(full string) []string {
	return partsAt(full, titleCuts(full))
}

// partsAt splits full at cuts (titleCuts).
func partsAt(full string, cuts [][2]int) []string {
	var parts []string
	from := 0
	for _, cut := range cuts {
		parts = append(parts, full[from:cut[0]])
		from = cut[1]
	}
	return append(parts, full[from:])
}

// titleCuts are the separators of a <title>'s parts (titleParts): their
// start and end offsets, in order.
func titleCuts(full string) [][2]int {
	var cuts [][2]int
	from := 0
	for _, sep := range append(titleSeparators.FindAllStringIndex(full, -1), []int{len(full), len(full)}) {
		p := full[from:sep[0]]
		for i := 1; i+1 < len(p); i++ {
			if p[i] != '-' {
				continue
			}
			before, _ := utf8.DecodeLastRuneInString(p[:i])
			after, _ := utf8.DecodeRuneInString(p[i+1:])
			if (unicode.Is(unicode.Han, before) || strings.ContainsRune("）」』】》”", before)) && (unicode.Is(unicode.Han, after) || isDigit(p[i+1])) {
				cuts = append(cuts, [2]int{from + i, from + i + 1})
			}
		}
		if sep[0] < len(full) {
			cuts = append(cuts, [2]int{sep[0], sep[1]})
		}
		from = sep[1]
	}
	return cuts
}

// afterSite is the headline of a <title> that names the site first
// (嘉義縣政府全球資訊網-縣府新聞-標題, 南宁市人民政府门户网站-南宁要闻-第21届中国-东盟博览会…):
// all after the site's name and a column's short name, its own hyphens
// kept; "" when the <title> does not start with a site's name.
func afterSite(full string) string {
	cuts := titleCuts(full)
	parts := partsAt(full, cuts)
	// A page's kind after the headline (…-正文, -详情) names nothing.
	for len(parts) > 2 && genericPart.MatchString(strings.TrimSpace(parts[len(parts)-1])) {
		full, parts, cuts = full[:cuts[len(cuts)-1][0]], parts[:len(parts)-1], cuts[:len(cuts)-1]
	}
	if len(parts) < 2 || !siteName.MatchString(parts[0]) {
		return ""
	}
	// Then the columns' names (南宁要闻, 政策文件及解读, 縣府新聞), while a
	// part follows them.
	k := 1
	for k+1 < len(parts) && columnName.MatchString(strings.TrimSpace(parts[k])) {
		k++
	}
	rest := full[cuts[k-1][1]:]
	if rest = strings.TrimSpace(rest); runeCount(rest) < 6 || siteName.MatchString(rest) {
		return ""
	}
	return rest
}

// isTitlePart says whether heading is one of the <title>'s parts (titleParts) whole.
func isTitlePart(parts []string, heading string) bool {
	f := hashForm(heading)
	for _, p := range parts {
		if hashForm(p) == f {
			return true
		}
	}
	return false
}

// markJoined says whether a heading joins what follows lead to it as a
// mark joins its headline (图文直播回顾｜渡江节圆满结束, 深读：…), not as a
// <title> joins a column's or a site's name (标题_政务要闻与领导活动).
func markJoined(heading, lead string) bool {
	i := strings.Index(heading, lead)
	if i < 0 {
		return false
	}
	rest := strings.TrimSpace(heading[i+len(lead):])
	for _, mark := range []string{"｜", "|", "：", ":", "丨"} {
		if strings.HasPrefix(rest, mark) {
			return true
		}
	}
	return false
}

func (r *reader) lineOf(lines []metaLine, title string) int {
	for i, l := range lines {
		if l.where > 0 {
			break
		}
		if sameTitle(l.text, title) {
			return i
		}
	}
	return -1
}
