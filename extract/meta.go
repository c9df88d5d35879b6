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

// pageMeta is the metadata of a page.
type pageMeta struct {
	title     string
	published string
	source    string
	author    string
	// bylineDate: the date came from a labelled field of a byline near
	// the title, a sign of an article.
	bylineDate bool
}

// metaLine is one line of the page's text as the metadata reader sees it.
type metaLine struct {
	text    string
	skipped bool // inside the content, but in a part blocks leaves out (a bar, a box)
	heading bool // inside an h1–h3
	titled  bool // inside an element whose class or id says title
	bold    bool // inside <b> or <strong> (old templates' titles)
	linked  bool // all of its text is link text
	links   bool // some of its text is link text
	where   int  // -1 before the main content, 0 inside it, 1 after it
	// cuts are the offsets in text where an inline element begins or
	// ends between two letters: <a>中国宁波网</a>浙江, <span>编辑：郑雅文</span><span>播放：…
	// run together in text, and a labelled value ends there.
	cuts []int
}

// spaced is the line's text with two spaces at its cuts, where valueEnd
// and reporter end a value or a name (来源: 中国宁波网  浙江  举报).
func (l metaLine) spaced() string {
	if l.cuts == nil {
		return l.text
	}
	var b strings.Builder
	from := 0
	for _, c := range l.cuts {
		b.WriteString(l.text[from:c])
		b.WriteString("  ")
		from = c
	}
	b.WriteString(l.text[from:])
	return b.String()
}

// metadata reads the title, publish time, source and author. Dates and
// names come from the byline — the lines between the title and the start
// of the main content, and the last lines of the content — before <meta>
// tags, and never from the page's header clock or its footer's "2019-2021".
func (r *reader) metadata(content *html.Node, loc *time.Location) pageMeta {
	var m pageMeta
	lines := r.metaLines(content)
	r.bodyLines = make([]string, len(lines)) // lines(), at no cost
	for i, l := range lines {
		r.bodyLines[i] = l.text
	}
	title, titleAt := r.title(lines)
	m.title = title
	// A title never ends in a separator ("谁来为无序拆房“埋单”？- -").
	m.title = strings.TrimRight(m.title, " -–—_|｜·")
	head, tail := bylineZones(lines, titleAt)
	// Taiwanese pages write years of the ROC calendar (110-03-05 is 2021).
	roc := r.charset == "big5" || strings.HasPrefix(r.head.htmlLang, "zh-tw") || strings.HasPrefix(r.head.htmlLang, "zh-hant") ||
		r.base != nil && strings.HasSuffix(strings.ToLower(r.base.Hostname()), ".tw")

	d, rank := r.publishDate(head, tail, loc, roc)
	m.source = r.source(head, tail, lines, titleAt)
	m.author = r.author(head, tail, lines, titleAt)
	if !d.t.IsZero() {
		m.published = d.format()
		// A labelled date, or a bare one in a byline that names a source
		// or an author (2024-03-09 来源：某某头条).
		// (Not 更新时间 alone: column pages show when they were updated.)
		m.bylineDate = rank == rankLabelled || rank == rankByline && (m.source != "" || m.author != "")
	}
	return m
}

// metaLines are the text lines of the body in document order, as blocks
// would cut them but with nothing skipped, each marked with where it stands
// against the main content.
func (r *reader) metaLines(content *html.Node) []metaLine {
	w := &lineWriter{content: content, where: -1, skip: newBlockWriter(r, content)}
	if content == r.body() {
		w.where = 0
	}
	w.walk(r.body(), false, false, false)
	w.flush()
	return w.out
}

// lines are the text lines of the body in document order, nothing
// skipped: metaLines' text alone.
func (r *reader) lines() []string {
	if r.bodyLines != nil {
		return r.bodyLines // computed once; Stitch's chrome reads them too
	}
	ml := r.metaLines(nil)
	r.bodyLines = make([]string, len(ml))
	for i, l := range ml {
		r.bodyLines[i] = l.text
	}
	return r.bodyLines
}

type lineWriter struct {
	plain   bool // the current line has text outside links
	links   bool // ... and text inside them
	inLink  int
	content *html.Node
	skip    *blockWriter // its skip says which parts of the content are not text
	where   int
	skipped int // depth of skipped elements around the current line
	out     []metaLine
	line    strings.Builder
	marks   []int // where inline elements begin and end in line
	heading bool
	titled  bool
	bold    bool
}

func (w *lineWriter) flush() {
	if w.line.Len() > 0 {
		raw := w.line.String()
		if t, cuts := cutLine(raw, w.marks); t != "" {
			w.out = append(w.out, metaLine{text: t, skipped: w.skipped > 0, heading: w.heading, titled: w.titled, bold: w.bold, linked: !w.plain, links: w.links, where: w.where, cuts: cuts})
		}
		w.line.Reset()
	}
	w.marks = w.marks[:0]
	w.heading, w.titled, w.bold, w.plain, w.links = false, false, false, false, false
}

// holdsLabel says whether an inline element's text holds a label and its
// value (编辑：郑雅文, 记者 周敏).
func holdsLabel(text string) bool {
	return strings.ContainsAny(text, ":：") || strings.Contains(text, "记者") || strings.Contains(text, "記者")
}

// opensWithLabel says whether an element's text begins with a label
// (<span>播放：…</span>, <span>Published: …</span>).
func opensWithLabel(n *html.Node) bool {
	for n != nil && n.Type == html.ElementNode {
		n = n.FirstChild
	}
	return n != nil && n.Type == html.TextNode && labelOpening.MatchString(n.Data)
}

var labelOpening = regexp.MustCompile(`^\s*(?:\p{Han}{1,6}|[A-Za-z][A-Za-z ]{1,20})\s*[:：]`)

// elementCut marks the cuts in a line while they are worked out. U+FDD0
// is a noncharacter: no page's text holds it.
const elementCut = '\uFDD0'

// cutLine is cleanLine of a raw line, and the offsets in it of the
// places where an inline element began or ended (marks, offsets in raw)
// between two letters or digits; where white space or punctuation
// separates the elements already, a cut says nothing more.
func cutLine(raw string, marks []int) (string, []int) {
	text := cleanLine(raw)
	var at []int // the marks between letters
	for _, m := range marks {
		prev, _ := utf8.DecodeLastRuneInString(raw[:m])
		next, _ := utf8.DecodeRuneInString(raw[m:])
		if isWordRune(prev) && isWordRune(next) && (len(at) == 0 || at[len(at)-1] != m) {
			at = append(at, m)
		}
	}
	if len(at) == 0 {
		return text, nil // most lines: no allocation beyond cleanLine's
	}
	const mark = string(elementCut)
	var b strings.Builder
	b.Grow(len(raw) + len(at)*len(mark))
	from := 0
	for _, m := range at {
		b.WriteString(raw[from:m])
		b.WriteString(mark)
		from = m
	}
	b.WriteString(raw[from:])
	// The cuts stand between letters, where cleanLine changes nothing;
	// should the text between them differ all the same, they are not
	// trusted.
	marked := cleanLine(b.String())
	cuts := make([]int, 0, len(at))
	plain := 0 // bytes of text matched so far
	for {
		i := strings.Index(marked, mark)
		if i < 0 {
			break
		}
		if !strings.HasPrefix(text[plain:], marked[:i]) {
			return text, nil
		}
		plain += i
		cuts = append(cuts, plain)
		marked = marked[i+len(mark):]
	}
	if text[plain:] != marked {
		return text, nil
	}
	return text, cuts
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func (w *lineWriter) walk(n *html.Node, heading, titled, bold bool) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			w.line.WriteString(c.Data)
			if strings.TrimSpace(c.Data) != "" {
				if w.inLink == 0 {
					w.plain = true
				} else {
					w.links = true
				}
			}
			w.heading = w.heading || heading
			w.titled = w.titled || titled
			w.bold = w.bold || bold
			continue
		case html.ElementNode:
		default:
			continue
		}
		switch c.DataAtom {
		case atom.Title, atom.Meta, atom.Link, atom.Head, atom.Base:
			continue
		case atom.Br:
			w.flush()
			continue
		}
		skipped := w.where == 0 && w.skip.skip(c)
		if skipped {
			w.flush()
			w.skipped++
		}
		h := heading || c.DataAtom == atom.H1 || c.DataAtom == atom.H2 || c.DataAtom == atom.H3
		t := titled || isTitleName(c)
		b := bold || c.DataAtom == atom.B || c.DataAtom == atom.Strong
		if c == w.content {
			w.flush()
			w.where = 0
			w.walk(c, h, t, b)
			w.flush()
			w.where = 1
			continue
		}
		link := isLink(c)
		if link {
			w.inLink++
		}
		if isBlock(c) {
			w.flush()
			w.walk(c, h, t, b)
			w.flush()
		} else {
			// Where a field may end within the line: around a link, at
			// the end of an element that holds a label (<span>编辑：郑雅文
			// </span>, <span>记者 周敏</span>), at the start of one that
			// opens with a label. Not at every element's edge: one value
			// is often several (<span>衢州</span><span>日报</span>).
			start := w.line.Len()
			if link || opensWithLabel(c) {
				w.marks = append(w.marks, start)
			}
			w.walk(c, h, t, b)
			if end := w.line.Len(); link || end > start && holdsLabel(w.line.String()[start:end]) {
				w.marks = append(w.marks, end)
			}
		}
		if link {
			w.inLink--
		}
		if skipped {
			w.flush()
			w.skipped--
		}
	}
}

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
// headline, biaoti 标题).
func isTitleName(n *html.Node) bool {
	name := attr(n, "class") + " " + attr(n, "id")
	if len(name) < 4 {
		return false
	}
	name = strings.ToLower(name)
	return strings.Contains(name, "title") || strings.Contains(name, "headline") ||
		strings.Contains(name, "biaoti") || strings.Contains(name, "tit ") || strings.HasSuffix(strings.TrimSpace(name), "tit")
}

// govSiteSuffix is a government site's name after a bare hyphen.
var govSiteSuffix = regexp.MustCompile(`^(.+?)\s*[-－–]\s*(\p{Han}{2,16}(?:人民政府|人民政府网|人民政府門戶網站|人民政府门户网站|政府门户网站|政府門戶網站|政府网|政府網))$`)

// titleSeparators split a <title> into the article's title and the site's
// name: "标题_我爱株洲", "标题 - 某某市人民政府", "标题|栏目|网站".
var titleSeparators = regexp.MustCompile(`\s+[-–—|｜·:：]+\s+|\s*(?:_+|--+|——+|\|+|｜+)\s*`)

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
	// A <title> cut short with an ellipsis: its first part, without it.
	cutForm := ""
	if first := titleSeparators.Split(full, 2)[0]; strings.HasSuffix(first, "…") || strings.HasSuffix(first, "...") {
		if cutForm = hashForm(strings.TrimRight(first, "….")); runeCount(cutForm) < 8 {
			cutForm = ""
		}
	}
	best, bestAt := "", -1
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
		n := runeCount(l.text)
		if n < 4 || n > 120 {
			continue
		}
		// The <title> holds the heading and the site's name, in either
		// order ("标题_网站", "网站 - 标题"); or it is the heading cut short
		// ("很长的标题…_网站").
		f := hashForm(l.text)
		// A heading that holds the <title>'s first part and more (a
		// forum's [攻略] tag before it): the title is that part. Not
		// when the <title> holds the whole heading: a column's mark
		// that both print (深读｜…) is the headline's.
		if lead := hashForm(siteless(full)); runeCount(lead) >= 6 && f != lead && strings.Contains(f, lead) && runeCount(f) < runeCount(lead)+12 && !strings.Contains(fullForm, f) {
			best, bestAt = siteless(full), i
			continue
		}
		// Of several, the one nearest the content: a site's name in the
		// <title> is also the logo's heading at the top of the page.
		if f == ogForm || strings.Contains(fullForm, f) || (ogForm != "" && strings.Contains(ogForm, f)) ||
			(cutForm != "" && strings.HasPrefix(f, cutForm)) {
			best, bestAt = l.text, i
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
	if best != "" {
		return best, bestAt
	}
	if og != "" {
		t := siteless(og)
		return t, r.lineOf(lines, t)
	}
	// A detail table's 标题 row: <th>標題</th><td>…</td>, or 标题：… in one
	// cell (Taiwanese county sites, disclosure pages).
	for i := 0; i < len(lines) && i < start+8; i++ {
		m := titleLabel.FindStringSubmatch(lines[i].text)
		if m == nil {
			continue
		}
		if m[1] != "" && isTitleShaped(m[1]) {
			return m[1], i
		}
		if m[1] == "" && i+1 < len(lines) && !lines[i+1].linked && isTitleShaped(lines[i+1].text) {
			return lines[i+1].text, i + 1
		}
	}
	// A <title> that names no heading is often the site's alone
	// ("blog.example.com", "显示"): a heading right before the content,
	// or opening it, is the better witness.
	// First a heading opening the content, then one just before it, then
	// a line set apart in bold among the content's first (old templates).
	// (Not a section heading: 一、总体要求 opens a body, it titles no
	// article.)
	if start < len(lines) {
		if l := lines[start]; (l.heading || l.titled) && isTitleShaped(l.text) && !sectionHeading(l.text) {
			return l.text, start
		}
	}
	for i := min(start, len(lines)) - 1; i >= 0 && i >= start-8; i-- {
		if l := lines[i]; (l.heading || l.titled) && isTitleShaped(l.text) {
			return l.text, i
		}
	}
	for i := start; i < len(lines) && i < start+3; i++ {
		if l := lines[i]; l.bold && isTitleShaped(l.text) && !endsSentence(l.text) {
			return l.text, i
		}
	}
	// Or just above it: an old ASP page's <font size=4><b>…</b></font> in
	// the row over its byline.
	for i := min(start, len(lines)) - 1; i >= 0 && i >= start-4; i-- {
		if l := lines[i]; l.bold && !l.linked && isTitleShaped(l.text) && !endsSentence(l.text) && !isBylineLine(l.text) {
			return l.text, i
		}
	}
	t := siteless(full)
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
	// A generic <title> (停水通知 - 郑州自来水…) that no line repeats: the
	// headline may be a plain <div> right above the dated byline, longer
	// than the <title>'s name for it.
	if at < 0 {
		for i := max(0, start-4); i+1 < len(lines) && i <= start; i++ {
			l, next := lines[i], lines[i+1]
			if l.linked || l.where > 0 || !hasYear(next.text) || !isBylineLine(next.text) {
				continue
			}
			if n := runeCount(l.text); n >= 8 && n > runeCount(t) && isTitleShaped(l.text) && !strings.ContainsAny(l.text, "，。；！？:：,;!?") && !isBylineLine(l.text) && !sectionHeading(l.text) {
				return l.text, i
			}
		}
	}
	return t, at
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
	return n >= 4 && n <= 80 && !numericDate.MatchString(s) && !isBreadcrumb(s)
}

// isBreadcrumb: "当前位置：首页 > 新闻", "首页>>人物聚焦", "Home > News".
func isBreadcrumb(s string) bool {
	return strings.Contains(s, "位置") || strings.Contains(s, "->") || strings.Contains(s, ">>") ||
		strings.Contains(s, " > ") || strings.Contains(s, "»") || strings.Contains(s, "＞")
}

// decoratedName is a name between runs of decoration marks.
var decoratedName = regexp.MustCompile(`^[:：=~*·]+\s*(.+?)\s*[:：=~*·]+$`)

// titleLabel is a title's label in a detail table: 标题 alone in its
// cell, or before the title in one.
var titleLabel = regexp.MustCompile(`^(?:标题|標題|题目|題目)\s*(?:[:：]\s*(.*))?$`)

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
		for i := max(from, start, 0); i < len(lines) && i <= end+3; i++ {
			if !lines[i].skipped {
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
	sourceLabel = regexp.MustCompile(`(?:信息|資訊|资讯|文章|新[闻聞]|稿件|[资資]料)?[来來]源\s*[:：]\s*|(?:稿源|出[处處]|[Ss]ource|(?:撰稿|供稿)[单單]位)\s*[:：]\s*|(?:^|\s)[来來]源[于於]\s+|【\s*[来來]源\s*】\s*`)
	authorLabel = regexp.MustCompile(`(?:作者|撰稿人?|[执執][笔筆]人?|撰文|通[讯訊][员員]|[Aa]uthor)\s*[:：]\s*|^作者,\s*|(?:^[（(]?|\s)(?:文\s*/\s*[图圖]|[图圖]\s*/\s*文)(?:\s*/\s*(?:[摄攝]影?|视频|視頻))?\s*[:：]?\s*|(?:^[（(]?|\s)文\s*/\s*(?:[摄攝]影?|视频|視頻)\s*[:：]?\s*|(?:^[（(]?|\s)文\s*[/:：|｜]\s*`)
	// issuerLabel names the body that issued a government document, in
	// the 索引号 / 文号 table of disclosure pages.
	issuerLabel = regexp.MustCompile(`(?:发布|發佈|發布|发文|發文|公开|公開)(?:机构|機構|机关|機關|单位|單位)\s*[:：]\s*`)
	editorLabel = regexp.MustCompile(`(?:[责責]任[编編][辑輯]|[责責][编編]|[编編][辑輯]|[Ee]ditor)\s*[:：]\s*`)
	// valueEnd ends a labelled value: two spaces, another label (two
	// characters or more), a bracket, a colon (作者: 赵 培：北京物资学院),
	// a credit without a colon (来源：某某日报 记者 张三), the byline's
	// buttons (来源：县统计局 打印本页), an English byline run on
	// (Source: chinadaily.com.cn By Zhang Zhouxiang).
	valueEnd = regexp.MustCompile(`\s{2,}|\s*[|｜【】\[\]［］()（）〓:：]|\s+\S{2,6}\s*[:：]|\s+(?:见习记者|实习生|[记記]者|通[讯訊][员員]|摄影)|\s+[图圖摄攝]\s*[/／:：]|\s+(?:打印|列印|关闭|關閉|收藏|分享|字号|字體|字体|返回|阅读|閱讀|浏览|瀏覽|点击|點擊)|\s*(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]|\s+[Bb][Yy]\s+\p{Lu}`)
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
	reporter = regexp.MustCompile(`(?:记者|記者|实习生)\s*[:：|｜]?\s*((?:\p{Han}|·){2,5}?(?:[ 、，,]+(?:\p{Han}|·){2,5}?)*?)\s*(?:[)）〕]|发自|(?:` + datelinePlaces + `)?(?:报道|報導)|文/图|图/文|摄|通讯员|$|\s{2,}|\s+(?:阅读|閱讀|浏览|瀏覽|点击|點擊|访问|訪問)|(\s+(?:(?:` + datelinePlaces + `)\s*)?` + reporterDate + `)|[|｜/／∕])`)
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
	posted = regexp.MustCompile(`由\s*(\S{1,20}?)\s*张贴|^([\p{L}\p{N}_.-]{1,20})\s+发表于|\d\s+by\s+(\p{Lu}[\p{L}.'’-]+(?:\s+\p{Lu}[\p{L}.'’-]+){1,3}|\S{1,30})|^[Bb][Yy]\s+(\p{Lu}[\p{L}.'’-]+(?:(?:\s+(?:and|&)\s+|,\s*|\s+)\p{Lu}[\p{L}.'’-]+){0,5})`)
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
// 农民日报记者 刘知宜, 人民日报记者 张三 李四.
var mediumReporter = regexp.MustCompile(`^\p{Han}{2,10}?` + mediumEnding + `(?:全媒体|全媒體|融媒)?(?:记者|記者)\s*(.+)$`)

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
	"分享到": true, "打 印": true, "关 闭": true, "大": true, "中": true, "小": true, "推荐": true, "复制链接": true}

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

// orgSuffix ends names of organisations, which a credit in parentheses
// may be instead of a person: （新华社）, （人民日报）.
var orgSuffix = regexp.MustCompile(`(社|报|報|网|網|台|臺|部|局|厅|廳|委|会|會|院|站|中心|办|辦|处|處|组|組|署|司|所|馆|館|校|电|電|图|圖|完)$`)

// source is the 来源 of the byline, else the <meta> that names it
// (TRS ContentSource), else the issuing body of a government disclosure
// page (发布机构 in the 索引号 table above the title). Not og:site_name:
// that is the site publishing the page, not where the article came from,
// and the contract wants "" when the page names no source.
func (r *reader) source(head, tail, lines []metaLine, titleAt int) string {
	// A CMS's placeholder for a field left empty (DedeCMS prints
	// 来源:未知 作者:佚名) names no source, as it names no author.
	if v := r.sourceCredit(head, tail, lines, titleAt); !placeholder(v) {
		return v
	}
	return ""
}

// placeholder says whether a field's value is a CMS's word for one left
// empty (来源:未知 作者:佚名), which names no one.
func placeholder(v string) bool {
	switch v {
	case "未知", "佚名", "不详", "不詳", "暂无", "暫無", "無", "无":
		return true
	}
	return false
}

// paperField is a field that is a publication's name alone, or its name
// before its reporter's credit.
var (
	paperField    = regexp.MustCompile(`^` + paperName + `$`)
	paperReporter = regexp.MustCompile(`^` + paperName + `\s*(?:全媒体|全媒體|融媒)?(?:记者|記者)`)
	fieldBreak    = regexp.MustCompile(`\s*[|｜]\s*|\s{2,}`)
)

// fieldSource is the publication named unlabelled in a dated byline's
// fields: the one field that is its name alone, or the field that opens
// with its name before 记者. Several such fields name none.
func fieldSource(zone []metaLine) string {
	for _, l := range zone {
		text := l.spaced()
		if !hasYear(text) || runeCount(text) > 80 || sentence(text) || !fieldBreak.MatchString(text) {
			continue
		}
		var found []string
		for _, f := range fieldBreak.Split(text, -1) {
			if m := paperField.FindStringSubmatch(f); m != nil && !columnNews.MatchString(f) {
				found = append(found, m[1])
			} else if m := paperReporter.FindStringSubmatch(f); m != nil {
				found = append(found, m[1])
			}
		}
		if len(found) == 1 {
			return found[0]
		}
	}
	return ""
}

// sourceElement is the text of an element whose class names the source
// (<span class="source">, class="src", class="media"), when it is a
// publication's name alone and a byline line holds it: not a table's
// data-source note under the text, which is in no byline.
func (r *reader) sourceElement(byline []metaLine) string {
	var found string
	var walk func(*html.Node) bool
	walk = func(n *html.Node) bool {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			// The class first, cheaply (this walks every element); the
			// text only of a small element: a name, not a box.
			if class := attr(c, "class"); class != "" && hasSourceWord(class) && sourceClass.MatchString(strings.ToLower(class)) && shortText(c, 160) {
				if t := cleanLine(textOf(c)); paperField.MatchString(t) && !columnNews.MatchString(t) {
					for _, l := range byline {
						if strings.Contains(l.text, t) {
							found = t
							return false
						}
					}
				}
			}
			if !walk(c) {
				return false
			}
		}
		return true
	}
	walk(r.body())
	return found
}

// columnNews is a column's name, not an outlet's: 本地新闻, 图片新闻, 即時新聞.
var columnNews = regexp.MustCompile(`^(?:本地|国内|國內|国际|國際|社会|社會|图片|圖片|视频|視頻|即时|即時|滚动|滾動|时政|時政|财经|財經|体育|體育|娱乐|娛樂|科技|县区|縣區|乡镇|鄉鎮|部门|部門|综合|綜合|热点|熱點|军事|軍事|文化|教育|法治|健康|民生|政务|政務|要闻|要聞|地方|基层|基層)新[闻聞]$`)

// hasSourceWord is sourceClass's cheap test: one of its words, any case.
func hasSourceWord(class string) bool {
	lower := strings.ToLower(class) // no copy for a class in lower case, as most are
	return strings.Contains(lower, "src") || strings.Contains(lower, "source") || strings.Contains(lower, "media") || strings.Contains(lower, "laiyuan")
}

// shortText says whether n's text is at most limit bytes, reading no more
// of it than that.
func shortText(n *html.Node, limit int) bool {
	total := 0
	var walk func(*html.Node) bool
	walk = func(n *html.Node) bool {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.TextNode {
				if total += len(strings.TrimSpace(c.Data)); total > limit {
					return false
				}
			} else if !walk(c) {
				return false
			}
		}
		return true
	}
	return walk(n)
}

// sourceClass is a class that names a byline's source field.
var sourceClass = regexp.MustCompile(`(?:^|[\s_-])(?:source|src|media|laiyuan)(?:$|[\s_-])`)

// suppliedBy is a unit's credit for a story it supplied, in the closing
// parentheses of county and 人大 news: （市人大常委会办公室　供稿　撰稿：何珺）.
var suppliedBy = regexp.MustCompile(`(?:^|[(（\s])(\p{Han}{1,15}?` + supplierUnit + `)\s*供稿(?:\s|[)）]|$)`)

func (r *reader) sourceCredit(head, tail, lines []metaLine, titleAt int) string {
	if v := labelledValue(head, sourceLabel); v != "" {
		return v
	}
	if v := labelledValue(tail, sourceLabel); v != "" {
		return v
	}
	// 新浪 and 腾讯 name it unlabelled in the page, and in <meta>.
	if v := cleanLine(r.head.metaValue("source", "contentsource", "mediaid", "_sourcename")); v != "" {
		return v
	}
	if v := cleanLine(r.head.scriptSource); v != "" {
		return v
	}
	// A byline of the date and the paper's name, unlabelled (zjol's
	// <span class="time">…</span> <span class="src">浙江日报</span>): the
	// one dated line there. Several are a chronicle's entries (2019年3月12日
	// 成立县融媒体中心), no byline.
	var dated []string
	for _, l := range head {
		if datedSource.MatchString(l.text) {
			dated = append(dated, l.text)
		}
	}
	if len(dated) == 1 {
		if v := datedSourceName(dated[0]); v != "" {
			return v
		}
	}
	// The paper's name unlabelled among the byline's fields: between bars
	// (2024-05-10 08:30 | 信阳日报 | 文/图 本报记者 汪伟), in an element of
	// its own (<span class="news-src">分宜县融媒体中心</span><span
	// class="news-time">2024-02-26 10:35</span>), or before its reporter
	// (汝州市融媒体中心 记者 郭晓东 ｜ 2024-04-26 08:12:33).
	if v := fieldSource(linesBefore(head)); v != "" {
		return v
	}
	if v := r.sourceElement(linesBefore(head)); v != "" {
		return v
	}
	// The disclosure table stands above the title, or under it, a few
	// rows long; the byline zones hold only its nearest rows.
	if titleAt >= 0 {
		if v := labelledValue(lines[max(0, titleAt-12):min(len(lines), titleAt+12)], issuerLabel); v != "" {
			return v
		}
	}
	// Else the unit that supplied the story, credited under it (供稿：耳鼻咽喉科,
	// 市人大常委会办公室 供稿): where it came from, when nothing else says.
	if v := labelledValue(tail, supplierLabel); v != "" {
		return v
	}
	for i := len(tail) - 1; i >= 0; i-- {
		if l := tail[i]; l.where == 0 && isBylineShaped(l.text) {
			if m := suppliedBy.FindStringSubmatch(l.text); m != nil {
				return m[1]
			}
		}
	}
	return ""
}

// supplied ends a credit that names a story's supplier, not its writer.
var supplied = regexp.MustCompile(`[ 、](?:供稿|来稿|來稿|供图|供圖)$`)

// supplierLabel labels the unit that supplied a story.
var supplierLabel = regexp.MustCompile(`供稿(?:[单單]位)?\s*[:：]\s*`)

// author is the person the article is by: a labelled author or reporter in
// the byline, the poster of a post, the reporter credited in the text,
// a <meta> author that is a name, then an editor (责任编辑).
func (r *reader) author(head, tail, lines []metaLine, titleAt int) string {
	return cleanAuthor(r.authorCredit(head, tail, lines, titleAt))
}

// writerLabel credits the writer of a picture story's words (文字：王丽
// 摄影：蒋克青), in the byline or under the text: in the text's first
// lines 文字： is a rule's (文字：散文、诗歌均可).
var writerLabel = regexp.MustCompile(`文字\s*[:：]\s*`)

// partnerCredit is a credit that stands beside 文字：.
var partnerCredit = regexp.MustCompile(`(?:[摄攝]影|[图圖]片|[图圖]|[编編][辑輯])\s*[:：]`)

// labelledAuthor is the labelled author of a zone. A 通讯员's label after
// a reporter's credit on the same line (记者：黄丽娟 钟磊　通讯员：严文斌,
// the sign-off of county 融媒体 stories) names the correspondent: the
// reporters are the authors. 通讯员 credited alone is the author.
func labelledAuthor(zone, writerZone []metaLine) string {
	v := labelledValue(zone, authorLabel)
	// Inside the content, 文字： credits only beside another credit
	// (文字：韦小兰　图片：黄志强), not as a rule's field.
	var writer []metaLine
	for _, l := range writerZone {
		if l.where < 0 || partnerCredit.MatchString(l.text) {
			writer = append(writer, l)
		}
	}
	if w := labelledValue(writer, writerLabel); v == "" && personNames.MatchString(w) {
		v = w
	}
	if v == "" {
		return ""
	}
	for _, l := range zone {
		if reporterThenCorrespondent.MatchString(l.text) {
			if rep := reporterIn([]metaLine{l}); rep != "" {
				return rep
			}
		}
	}
	return v
}

// reporterThenCorrespondent is a reporter's credit followed by a labelled
// 通讯员 on one line.
var reporterThenCorrespondent = regexp.MustCompile(`(?:记者|記者)\s*[:：]?\s*(?:\p{Han}|·){2,4}(?:[ 、]+(?:\p{Han}|·){2,4})*[\s　、，,]*通[讯訊][员員]\s*[:：]`)

// cleanAuthor takes a credit's role words off the names (记者 李明, 本报记者
// 李明) and says nothing for an author unknown (佚名).
func cleanAuthor(v string) string {
	// An editor's staff code after the name: 陈浩_NBJ11279, 刘婷 PN123.
	v = staffCode.ReplaceAllString(strings.TrimSpace(v), "$1")
	// Only a role before names: 记者部 and 记者站 are desks.
	if m := reporterRole.FindStringIndex(v); m != nil {
		if rest := strings.TrimLeft(v[m[1]:], " ：:"); personNames.MatchString(rest) {
			v = rest
		}
	}
	// A medium's reporter, as ministries credit a paper's story (作者：农民日报
	// 记者 刘知宜): the names after the role, when names follow.
	if m := mediumReporter.FindStringSubmatch(v); m != nil && personNames.MatchString(m[1]) && !orgSuffix.MatchString(m[1]) {
		v = m[1]
	}
	// A medium before its writer's name in a sign-off (图/文：汽车之家 陈璐).
	if m := mediumThenName.FindStringSubmatch(v); m != nil && personNames.MatchString(m[1]) && !orgSuffix.MatchString(m[1]) && !nameLikeMedium(v) {
		v = m[1]
	}
	if placeholder(v) {
		return ""
	}
	switch v {
	case "本站", "admin", "管理员": // the site itself, its account
		return ""
	}
	return v
}

func (r *reader) authorCredit(head, tail, lines []metaLine, titleAt int) string {
	if v := labelledAuthor(head, linesBefore(head)); v != "" {
		return v
	}
	if v := reporterIn(head); v != "" {
		return v
	}
	// A name alone in brackets on the byline's line: "2004年7月16日08:19
	// [ 黄宇 ] 来源：[ 人民网 ]" (the source's brackets follow its label).
	// Not the byline's buttons: 【打印】【关闭】 on most county portals.
	for _, l := range head {
		if !hasYear(l.text) {
			continue
		}
		for _, m := range bracketName.FindAllStringSubmatchIndex(l.text, -1) {
			before, name := strings.TrimSpace(l.text[:m[0]]), l.text[m[2]:m[3]]
			if !strings.HasSuffix(before, "：") && !strings.HasSuffix(before, ":") && !orgSuffix.MatchString(name) && !bylineButtons[name] {
				return name
			}
		}
	}
	// A paper's commentator signs its editorials: 本报评论员 alone on its
	// line in the byline (not 评论员文章, the column's name, nor a
	// sentence about one).
	above := linesBefore(head)
	for _, l := range above {
		if commentator.MatchString(l.text) {
			return l.text
		}
	}
	for _, zone := range [][]metaLine{head, tail} {
		for _, l := range zone {
			// Spans run together end the name where they meet (<span>By
			// Chi Jingyi</span><span>Published: …).
			text := l.spaced()
			if sentence(text) {
				continue // …restored in 2023 by Xi'an City Wall Management Committee.
			}
			if m := findPoster(text); m != nil {
				for i := 1; i < len(m)/2; i++ {
					if m[2*i] < 0 {
						continue
					}
					if g := bylineName(text[m[2*i]:m[2*i+1]], text[m[2*i+1]:]); g != "" && !hasDigit(g) {
						return g
					}
				}
			}
		}
	}
	// An English byline run on in one line after its date or source
	// (Updated: 2024-04-16 Source: chinadaily.com.cn By Zhang Zhouxiang).
	for _, l := range linesBefore(head) {
		if text := l.spaced(); len(text) <= 160 && hasYear(text) && !sentence(text) {
			if m := inlineBy.FindStringSubmatchIndex(text); m != nil && bylineField.MatchString(text[:m[0]]) {
				return bylineName(text[m[2]:m[3]], text[m[3]:])
			}
		}
	}
	if v := labelledAuthor(tail, tail); v != "" {
		return v
	}
	if v := barCredit(append(linesBefore(head), tail...), authorLabel); v != "" {
		return v
	}
	if v := reporterIn(contentEdges(lines)); v != "" {
		return v
	}
	for i := len(tail) - 1; i >= 0; i-- {
		if tail[i].where != 0 {
			continue
		}
		// （洪蓝街道 供稿） credits the unit that supplied the story, no author.
		if m := creditAtEnd.FindStringSubmatch(tail[i].text); m != nil && !orgSuffix.MatchString(m[1]) && !supplied.MatchString(m[1]) {
			return m[1]
		}
		break
	}
	// An essay's author on the line under its title: 2 to 4 Han
	// characters alone.
	if titleAt >= 0 && titleAt+1 < len(lines) && lines[titleAt+1].where <= 0 {
		if l := lines[titleAt+1]; !l.linked && nameLine.MatchString(l.text) && !orgSuffix.MatchString(l.text) && !notNames[l.text] && !columnTitle(l.text) && !fieldLabel(l.text) {
			return l.text
		}
	}
	if v := r.authorElement(linesBefore(head)); v != "" {
		return v
	}
	for _, v := range []string{r.head.ldAuthor, r.head.metaValue("author", "article:author", "dc.creator", "byl")} {
		if v = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(v, "By "), "by ")); looksLikeName(v) && !isOrganisation(v) {
			return v
		}
	}
	if v := labelledValue(head, editorLabel); v != "" {
		return v
	}
	if v := labelledValue(tail, editorLabel); v != "" {
		return v
	}
	if v := barCredit(tail, editorLabel); v != "" {
		return v
	}
	// A picture story names only its photographer, in the byline
	// (来源：永州日报　时间：…　摄影：蒋克青): the pictures are the story.
	if v := labelledValue(linesBefore(head), photoLabel); personNames.MatchString(v) && !orgSuffix.MatchString(v) {
		return v
	}
	return ""
}

// barCreditLine is a line of credits written with bars for colons and
// nothing else: 编辑 | 赵璐　审核 | 王刚, 作者 | 张三.
var barCreditLine = regexp.MustCompile(`^(?:\s*(?:` + barLabels + `)\s*[|｜]\s*(?:\p{Han}|·){2,4})+\s*$`)

// barCreditPair is one label and its name in a barCreditLine.
var barCreditPair = regexp.MustCompile(`(` + barLabels + `)\s*[|｜]\s*((?:\p{Han}|·){2,4})`)

const barLabels = `作者|撰文|[责責]任[编編][辑輯]|[责責][编編]|[编編][辑輯]|校[对對]|[终終初一二三复複][审審]|[审審][核覈]|[监監]制|主[编編]|[摄攝]影`

// barCredit is the name a label credits in a line of credits written
// with bars (编辑 | 赵璐　审核 | 王刚), the label being one label matches
// with a colon. A bar inside other text (体育 | 张三说) credits no one.
func barCredit(zone []metaLine, label *regexp.Regexp) string {
	for _, l := range zone {
		text := l.spaced()
		if runeCount(text) > 40 || !barCreditLine.MatchString(text) {
			continue
		}
		for _, m := range barCreditPair.FindAllStringSubmatch(text, -1) {
			if label.MatchString(m[1] + "：") {
				return m[2]
			}
		}
	}
	return ""
}

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

// commentator is a paper's commentator as a byline of its own: 本报评论员,
// 人民日报评论员, 本刊特约评论员.
var commentator = regexp.MustCompile(`^(?:本报|本報|本刊|本台|本网|本網|\p{Han}{2,8}?` + mediumEnding + `)(?:特约|特約)?(?:评论员|評論員)$`)

// photoLabel labels a photographer's credit.
var photoLabel = regexp.MustCompile(`(?:摄影|攝影)\s*[:：]\s*`)

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

// photoAfter is the rest of a photo's credit after its date (5月9日 摄).
var photoAfter = regexp.MustCompile(`^[^。；;，,]{0,20}[摄攝][)）]?$`)

// reporterIn returns the reporters credited in the zone; a byline may
// credit them over several lines (本报记者 …, 本报实习生 …).
// A photographer's credit (记者 张三 摄, under a picture) names who took
// it, not who wrote the story.
func reporterIn(zone []metaLine) string {
	var names []string
	for _, l := range zone {
		if !strings.Contains(l.text, "记者") && !strings.Contains(l.text, "記者") && !strings.Contains(l.text, "实习生") {
			if len(names) > 0 {
				break
			}
			continue
		}
		text := l.spaced()
		m := reporter.FindStringSubmatch(text)
		if m != nil && m[2] != "" {
			// A date ends the name only in a credit, the name set off
			// from 记者 (记者 张三 3日从…获悉), not in a sentence
			// (据记者了解 2024年…), nor a photo's (记者 张三 5月9日 摄).
			lead := m[0][:strings.Index(m[0], m[1])]
			rest := text[strings.Index(text, m[0])+len(m[0]):]
			if !strings.ContainsAny(lead, " :：|｜") || photoAfter.MatchString(rest) {
				m = nil
			}
		}
		if m == nil {
			m = cnaDateline.FindStringSubmatch(l.text)
		}
		if m != nil && !strings.HasSuffix(strings.TrimSpace(m[0]), "摄") {
			// The names run until another credit: 记者 张三 通讯员 李四,
			// 记者 张三、通讯员 李四. A reporter credited twice (the
			// byline, a photo's 记者 张三 摄) is one; an organisation
			// (市记者协会) is none.
			name := m[1]
			if loc := otherCredit.FindStringIndex(name); loc != nil {
				name = name[:loc[0]]
			}
			if name = strings.TrimSpace(name); name != "" && !orgSuffix.MatchString(name) && !slices.Contains(names, name) && !columnTitle(m[0]) {
				names = append(names, name)
			}
		}
	}
	return strings.Join(names, " ")
}

// isOrganisation says whether a Chinese <meta> author names a body, not
// a person: 网易, 中国新闻网, 中央社, XX市人民政府, 市发展改革委.
func isOrganisation(s string) bool {
	if !strings.ContainsFunc(s, isCJK) {
		return false
	}
	// Longer than a name, unless it lists several (张三、李四、王五) or
	// is transliterated (爱新觉罗·溥仪).
	return orgName.MatchString(s) || portalNames[s] || portalDesk.MatchString(s) || runeCount(s) > 6 && !strings.ContainsAny(s, " 、，,·")
}

// orgName ends the names of bodies that sign as a <meta> author; unlike
// orgSuffix, not the one-character endings that names share (王宏图, 张会).
// Traditional characters too: 自由時報, 聯合新聞網, 公視新聞網.
var orgName = regexp.MustCompile(`(?:网|網|社|报|報|台|臺|府|委|局|厅|廳|部|院|办|辦|署|中心|集团|集團|公司|协会|協會|学会|學會|委员会|委員會|联合会|聯合會|商会|商會|基金会|基金會|研究所|事务所|事務所)$`)

// portalDesk is a portal's channel signing as an author: 新浪娱乐,
// 网易科技, 腾讯体育频道.
var portalDesk = regexp.MustCompile(`^(?:网易|新浪|搜狐|腾讯|凤凰|網易|騰訊|鳳凰)(?:\p{Han}{0,4}(?:频道|頻道)|娱乐|娛樂|体育|體育|财经|財經|科技|汽车|汽車|时尚|時尚|教育|健康|房产|房產|新闻|新聞|军事|軍事|游戏|遊戲|数码|數碼|女性|旅游|旅遊|文化|读书|讀書)$|(?:频道|頻道)$`)

// portalNames are the portals that sign what they republish.
var portalNames = map[string]bool{"网易": true, "新浪": true, "搜狐": true, "腾讯": true, "凤凰": true, "人民": true, "新华": true, "澎湃": true}

// looksLikeName accepts a <meta> author that names people, not an id
// ("L_104485"), a URL or a list of site names.
func looksLikeName(s string) bool {
	if s == "" || runeCount(s) > 40 || strings.ContainsAny(s, "_/@:.,，|!") {
		return false
	}
	for _, r := range s {
		if unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// cellValue says whether a line can be the value of a label that ended
// the line before it: short, not a link, not a field of its own.
func cellValue(l metaLine) bool {
	return !l.linked && runeCount(l.text) <= 30 && !strings.ContainsAny(l.text, ":：。！？，") &&
		!startsWithDigit(l.text) && // another field's date or number, the label's own left empty
		!bylineButtons[strings.Trim(l.text, "【】[] ")] && !strings.Contains(l.text, "打印") && !strings.Contains(l.text, "关闭")
}

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
	return len(s) <= 48 && dateLabelCell.MatchString(s) || labelCell(s, sourceLabel) || labelCell(s, authorLabel) || labelCell(s, editorLabel)
}

// leadingDate is a date opening a value.
var leadingDate = regexp.MustCompile(`^\s*` + dateOnly + `\s*`)

// labelledValue returns the value after the first label in the zone.
func labelledValue(zone []metaLine, label *regexp.Regexp) string {
	for i, l := range zone {
		// A label alone in its table cell, with no colon (<th>資料來源</th><td>疾病管制科</td>),
		// is read as the label with one.
		if i+1 < len(zone) && labelCell(l.text, label) && cellValue(zone[i+1]) {
			if v := labelledValue([]metaLine{{text: l.text + "："}, zone[i+1]}, label); v != "" {
				return v
			}
		}
		// A cheap test first: a label ends with a colon, a slash or 】
		// (【来源】), or reads 来源于 or BBC's 作者, with a comma.
		if !strings.ContainsAny(l.text, ":：/】") && !strings.Contains(l.text, "源于") && !strings.Contains(l.text, "源於") && !strings.HasPrefix(l.text, "作者,") {
			continue
		}
		// Elements that run together end a value where they meet.
		text := l.spaced()
		m := label.FindStringIndex(text)
		// A label inside a sentence (…并注明“来源：衢州日报”。) is no field.
		if m == nil || strings.ContainsAny(text[:m[0]], "，。；！？") {
			continue
		}
		rest := text[m[1]:]
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
		rest = rest[:end]
		rest = strings.Trim(strings.TrimSpace(rest), " ,，;；")
		if rest != "" && runeCount(rest) <= 30 {
			return rest
		}
	}
	return ""
}

// authorElement is the name in the element a template names the author's
// name (CGTN's <span class="news-author-name">Gao Yun</span>, with no "By"
// before it) or marks with itemprop="author": a name alone, else nothing.
func (r *reader) authorElement(byline []metaLine) string {
	var found string
	var walk func(*html.Node) bool
	walk = func(n *html.Node) bool {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || c.DataAtom == atom.Script || c.DataAtom == atom.Style {
				continue
			}
			if cl := strings.ToLower(attr(c, "class") + " " + attr(c, "id")); strings.Contains(cl, "comment") || strings.Contains(cl, "reply") {
				continue // a commenter's name is not the author's
			}
			if strings.Contains(attr(c, "itemtype"), "Organization") {
				if authorNamed(c) {
					return false // the author is a desk, an organisation: no person's name
				}
				continue // a publisher's logo and name, not the author's
			}
			if authorNamed(c) {
				t := cleanLine(textOf(c))
				if nm := findItemprop(c, "name"); nm != nil {
					t = cleanLine(textOf(nm))
				}
				// (Not the card's buttons and captions: 关注作者, 作者主页.)
				if englishName.MatchString(t) || personNames.MatchString(t) && !orgSuffix.MatchString(t) && !containsAny(t, cardWords) {
					found = t
				}
				return false // the first such element, named or not
			}
			// A byline's field classed for its author (<span
			// class="sh-author">Yang Jian</span>) when it holds a name
			// and nothing else; else what it holds is looked into.
			if authorClassed(c) && c.Parent != nil && hasYear(textOf(c.Parent)) {
				if t := cleanLine(textOf(c)); runeCount(t) <= 40 && cleanAuthor(t) != "" && !paperField.MatchString(t) && (englishName.MatchString(t) && !strings.HasPrefix(t, "By ") ||
					personNames.MatchString(t) && !orgSuffix.MatchString(t) && !containsAny(t, cardWords)) {
					for _, l := range byline {
						// In the article's byline, not a list's
						// items (相关阅读 李四 2024-05-08).
						if strings.Contains(l.text, t) {
							found = t
							return false
						}
					}
				}
			}
			if !walk(c) {
				return false
			}
		}
		return true
	}
	walk(r.body())
	return found
}

// authorClassed says whether one of n's classes is author or ends in
// -author or _author (sh-author, article-author).
func authorClassed(n *html.Node) bool {
	for _, c := range strings.Fields(strings.ToLower(attr(n, "class"))) {
		if c == "author" || strings.HasSuffix(c, "-author") || strings.HasSuffix(c, "_author") {
			return true
		}
	}
	return false
}

var cardWords = []string{"作者", "关注", "主页", "更多", "编辑", "记者", "訂閱", "订阅"}

// englishName is a name in Latin letters: two to four capitalised words.
var englishName = regexp.MustCompile(`^\p{Lu}[\p{L}.'’-]+(?:\s+\p{Lu}[\p{L}.'’-]+){1,3}$`)

// authorNamed says whether an element's class or itemprop names an
// author's name.
func authorNamed(n *html.Node) bool {
	if attr(n, "itemprop") == "author" {
		return true
	}
	class := attr(n, "class")
	if len(class) < 10 {
		return false
	}
	if wechatAuthor(n, class) {
		return true
	}
	class = strings.ToLower(class)
	return strings.Contains(class, "author-name") || strings.Contains(class, "author_name") || strings.Contains(class, "authorname")
}

// wechatAuthor says whether n is the author's field of a WeChat article's
// meta line (<div id="meta_content"><span class="rich_media_meta
// rich_media_meta_text">孙晓婷</span>…): the one of its fields that has no
// id and is not the account's nickname. Without it the 编辑 credited in
// the text would stand for the author.
func wechatAuthor(n *html.Node, class string) bool {
	if n.Parent == nil || attr(n.Parent, "id") != "meta_content" || attr(n, "id") != "" {
		return false
	}
	fields := strings.Fields(class)
	return slices.Contains(fields, "rich_media_meta_text") && !slices.Contains(fields, "rich_media_meta_nickname")
}

func findItemprop(n *html.Node, prop string) *html.Node {
	for d := range n.Descendants() {
		if d.Type == html.ElementNode && attr(d, "itemprop") == prop {
			return d
		}
	}
	return nil
}
