package extract

import (
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The metadata reader: the page's text lines as it sees them (metaLine,
// lineWriter), and metadata(), which reads the title (title.go), the
// byline's date (published.go), source (source.go) and author (author.go)
// from them.

// pageMeta is the metadata of a page.
type pageMeta struct {
	title string
	// site is the page's <title> and og:site_name: where a trail's
	// first step names the site (长江网 > 直播).
	site      string
	published string
	source    string
	author    string
	// bylineDate: the date came from a labelled field of a byline near
	// the title, a sign of an article.
	bylineDate bool
	// stated: the page states its date (a byline, <meta>, JSON-LD), not
	// only its URL.
	stated bool
}

// metaLine is one line of the page's text as the metadata reader sees it.
type metaLine struct {
	text    string
	skipped bool       // inside the content, but in a part blocks leaves out (a bar, a box)
	heading bool       // inside an h1–h3
	titled  bool       // inside an element whose class or id says title
	bold    bool       // inside <b> or <strong> (old templates' titles)
	linked  bool       // all of its text is link text
	links   bool       // some of its text is link text
	targets linkTarget // where some of its text's links go (a logo's link home)
	h1      bool       // inside an h1
	where   int        // -1 before the main content, 0 inside it, 1 after it
	// cuts are the offsets in text where an inline element begins or
	// ends between two letters: <a>中国宁波网</a>浙江, <span>编辑：郑雅文</span><span>播放：…
	// run together in text, and a labelled value ends there.
	cuts []int
	// linkWords and plainWords weigh the letters of its text inside
	// links and outside them (letterWeight): a list's item is mostly a
	// headline's link, a byline a date and a linked source's name.
	linkWords, plainWords int
}

// titleLink says whether l reads as an item of a list of other articles:
// its words mostly a link as long as a headline (武安市召开“三夏”生产推进会
// 2024-6-17), not a byline linking its source or its date (2024年06月13日
// 10:20 新京报).
func (l metaLine) titleLink() bool {
	return l.linkWords >= 16 && l.linkWords*5 >= (l.linkWords+l.plainWords)*3
}

// letterWeight weighs the letters of s as titleLink compares them: a Han
// character two, another letter one, digits and marks nothing.
func letterWeight(s string) int {
	n := 0
	for _, r := range s {
		switch {
		case isCJK(r):
			n += 2
		case unicode.IsLetter(r):
			n++
		}
	}
	return n
}

// linkTarget is where a link goes, as far as telling a logo from a
// headline needs: a set of these bits.
type linkTarget uint8

const (
	toHome      linkTarget = 1 << iota // a site's root: /, /index.html, http://host/
	toFront                            // a folder's front page: /news/, /col/col1228866/index.html
	toSelf                             // the page itself, by any of its addresses
	toNowhere                          // # or javascript: (also toSelf)
	targetKinds = 4
)

// targetOf is where href goes; the page's own address (toSelf,
// toNowhere) is asked only when self is set, of a heading's links: it
// parses the URL, the others are string checks asked of every link.
func (w *lineWriter) targetOf(href string, self bool) linkTarget {
	var t linkTarget
	switch {
	case homeLink(href):
		t |= toHome
	case frontLink(href):
		t |= toFront
	}
	if self && nowhereLink(href) {
		t |= toSelf | toNowhere
	} else if self && w.selfLink(href) {
		t |= toSelf
	}
	return t
}

// colonized is spaced with a colon after each label that stands between
// two cuts, an element of its own (<span>来源</span><span>…</span>):
// 来源：  庐江县融媒体中心  作者：  孙晓梅. "" when the line has no such label.
func (l metaLine) colonized() string {
	if l.cuts == nil {
		return spacedLabels(l.text)
	}
	var b strings.Builder
	from, found := 0, false
	for _, c := range append(l.cuts, len(l.text)) {
		seg := l.text[from:c]
		// (The label's element may run on from the value before it,
		// white space between Chinese dropped: 庐江县融媒体中心作者.)
		if m := bareLabelEnd.FindStringIndex(seg); m != nil && c < len(l.text) {
			b.WriteString(seg[:m[0]])
			if m[0] > 0 {
				b.WriteString("  ")
			}
			b.WriteString(seg[m[0]:])
			b.WriteString("：")
			found = true
		} else {
			b.WriteString(seg)
		}
		if c < len(l.text) {
			b.WriteString("  ")
		}
		from = c
	}
	if !found {
		return ""
	}
	return b.String()
}

// spacedLabels is colonized for a line whose labels stand apart by white
// space, each a word of its own (发布时间 2024-06-13 10:24 来源 临海市融媒体中心
// 作者 王一帆): a line that opens with a label or a date, whose labels are
// each followed by a value of a word or two (a date and its time), at
// least two of them. Not a line with colons of its own (标签： 记者 编辑 …,
// a tag bar), a list's header row (标题 作者 发布时间: labels only), nor
// words of a sentence or a credit the labels do not cover (记者 王芳 摄影
// 李明: 摄影 is none of them, and 王芳's value would run on).
func spacedLabels(text string) string {
	if !strings.Contains(text, " ") || utf8.RuneCountInString(text) > 120 {
		return ""
	}
	// A byline's: it dates the story or names its source (not a list's
	// entry, 作者 王芳 李明 编辑 赵六 in an award's list).
	if !hasNumericDate(text) && !strings.Contains(text, "来源") && !strings.Contains(text, "來源") {
		return ""
	}
	// (A counter closing the line keeps its colon: 浏览次数：1024.)
	if core := bylineTools.ReplaceAllString(text, ""); strings.ContainsAny(core, "，。；！？：") || strings.Contains(core, ": ") {
		return ""
	}
	words := strings.Fields(text)
	if !bareLabel.MatchString(words[0]) && !hasNumericDate(words[0]) {
		return ""
	}
	valued, run := 0, -1 // run: words of the current value, -1 before the first label
	for i, w := range words {
		switch {
		case bareLabel.MatchString(w):
			if run == 0 || i+1 == len(words) {
				return "" // a label after a label, or last: words, not fields
			}
			run = 0
		case run >= 0:
			if run++; run > 2 {
				return ""
			}
			if run == 1 {
				valued++
			}
		}
	}
	if valued < 2 {
		return ""
	}
	var b strings.Builder
	for i, w := range words {
		switch {
		case i == 0:
		case bareLabel.MatchString(w):
			b.WriteString("  ")
		default:
			b.WriteString(" ")
		}
		b.WriteString(w)
		if bareLabel.MatchString(w) {
			b.WriteString("：")
		}
	}
	return b.String()
}

// bareLabel is a byline field's label with no colon.
var (
	bareLabel    = regexp.MustCompile(`^(?:` + bareLabels + `)$`)
	bareLabelEnd = regexp.MustCompile(`(?:` + bareLabels + `)$`)
)

// (A counter's label too, 浏览次数: a value before it ends there.)
const bareLabels = `(?:信息|文章|新[闻聞])?[来來]源|作者|[责責]任[编編][辑輯]|[编編][辑輯]|[记記]者|(?:发布|發布|發佈|更新)(?:时间|時間|日期)|` +
	`(?:浏览|瀏覽)(?:次数|次數|数|數|量)?|(?:点击|點擊|阅读|閱讀|访问|訪問)(?:次数|次數|数|數|量)`

// counterTail is the counters a topic's line ends in: 回复：2 浏览：356.
var counterTail = regexp.MustCompile(`(?:\s+(?:回复|回覆|浏览|瀏覽|点击|點擊|阅读|閱讀|查看)(?:数|數|次数|次數|量)?\s*[:：]\s*\d+\s*次?)+\s*$`)

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
	// A title never ends in a separator ("谁来为无序拆房“埋单”？- -"), nor
	// in a thread's counters (请问…？　回复：2　浏览：356).
	m.title = strings.TrimRight(m.title, " -–—_|｜·")
	if loc := counterTail.FindStringIndex(m.title); loc != nil && runeCount(m.title[:loc[0]]) >= 4 {
		m.title = m.title[:loc[0]]
	}
	head, tail := bylineZones(lines, titleAt)
	// Taiwanese pages write years of the ROC calendar (110-03-05 is 2021).
	roc := r.charset == "big5" || strings.HasPrefix(r.head.htmlLang, "zh-tw") || strings.HasPrefix(r.head.htmlLang, "zh-hant") ||
		r.base != nil && strings.HasSuffix(strings.ToLower(r.base.Hostname()), ".tw")

	d, rank := r.publishDate(head, gridAbove(lines, head, titleAt), tail, loc, roc)
	m.source = r.source(head, tail, lines, titleAt)
	m.author = r.author(head, tail, lines, titleAt)
	if !d.t.IsZero() {
		m.published = d.format()
		// A labelled date, or a bare one in a byline that names a source
		// or an author (2024-03-09 来源：某某头条).
		// (Not 更新时间 alone: column pages show when they were updated;
		// beside the article's 来源 or 作者 it is the article's date, as
		// 动易's 作者：… 文章来源：… 更新时间：2024-06-06.)
		m.bylineDate = rank == rankLabelled || (rank == rankByline || rank == rankOtherLabel) && (m.source != "" || m.author != "")
		m.stated = rank < rankURL
	}
	return m
}

// metaLines are the text lines of the body in document order, as blocks
// would cut them but with nothing skipped, each marked with where it stands
// against the main content.
func (r *reader) metaLines(content *html.Node) []metaLine {
	w := &lineWriter{content: content, where: -1, skip: newBlockWriter(r, content), page: r.page}
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
	// inTarget counts, per linkTarget bit, the links of that kind around
	// the text; targets are the bits of the current line.
	inTarget [targetKinds]int
	targets  linkTarget
	inH1     int // depth of h1 elements around the text
	h1       bool
	page     *url.URL // the page's own URL, for links to itself
	// linkWords, plainWords: the current line's (metaLine's).
	linkWords, plainWords int
}

func (w *lineWriter) flush() {
	if w.line.Len() > 0 {
		raw := w.line.String()
		if t, cuts := cutLine(raw, w.marks); t != "" {
			w.out = append(w.out, metaLine{text: t, skipped: w.skipped > 0, heading: w.heading, titled: w.titled, bold: w.bold, linked: !w.plain, links: w.links,
				targets: w.targets, h1: w.h1, where: w.where, cuts: cuts, linkWords: w.linkWords, plainWords: w.plainWords})
		}
		w.line.Reset()
	}
	w.marks = w.marks[:0]
	w.heading, w.titled, w.bold, w.plain, w.links, w.h1 = false, false, false, false, false, false
	w.targets = 0
	w.linkWords, w.plainWords = 0, 0
}

// holdsLabel says whether an inline element's text holds a label and its
// value (编辑：郑雅文, 记者 周敏, 文｜陈思远).
func holdsLabel(text string) bool {
	return strings.ContainsAny(text, ":：｜|") || strings.Contains(text, "记者") || strings.Contains(text, "記者")
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
					w.plainWords += letterWeight(c.Data)
				} else {
					w.links = true
					w.linkWords += letterWeight(c.Data)
				}
			}
			w.heading = w.heading || heading
			w.titled = w.titled || titled
			w.bold = w.bold || bold
			if w.inLink > 0 && strings.TrimSpace(c.Data) != "" {
				for k, n := range w.inTarget {
					if n > 0 {
						w.targets |= 1 << k
					}
				}
			}
			w.h1 = w.h1 || w.inH1 > 0
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
		// Where a link goes: is the heading in or around it a logo's.
		var target linkTarget
		if link {
			w.inLink++
			target = w.targetOf(attr(c, "href"), h || t)
			w.countTargets(target, 1)
		}
		if c.DataAtom == atom.H1 {
			w.inH1++
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
			// (And in a heading, at every element's edge: a badge's
			// <span>原创</span> before the headline.)
			start, before := w.line.Len(), len(w.marks)
			if link || h || opensWithLabel(c) {
				w.marks = append(w.marks, start)
			}
			w.walk(c, h, t, b)
			end := w.line.Len()
			if link || h || end > start && holdsLabel(w.line.String()[start:end]) {
				w.marks = append(w.marks, end)
			} else if end > start && end-start <= 16 && bareLabel.MatchString(strings.TrimSpace(w.line.String()[start:end])) {
				// A label in an element of its own, its value in the
				// next (<span>来源</span><span>庐江县融媒体中心</span>).
				w.marks = slices.Insert(w.marks, before, start)
				w.marks = append(w.marks, end)
			}
		}
		if link {
			w.inLink--
			w.countTargets(target, -1)
		}
		if c.DataAtom == atom.H1 {
			w.inH1--
		}
		if skipped {
			w.flush()
			w.skipped--
		}
	}
}

// countTargets adds by to the counts of t's bits.
func (w *lineWriter) countTargets(t linkTarget, by int) {
	for k := range w.inTarget {
		if t&(1<<k) != 0 {
			w.inTarget[k] += by
		}
	}
}

// selfLink says whether href leads to the page itself, by any of its
// addresses (another query, the host without www.; but a site's front
// script with another query, /index.php?option=…, is another page).
func (w *lineWriter) selfLink(href string) bool {
	if w.page == nil {
		return false
	}
	u, err := w.page.Parse(href)
	if err != nil || strings.TrimPrefix(u.Host, "www.") != strings.TrimPrefix(w.page.Host, "www.") || u.Path != w.page.Path {
		return false
	}
	return u.RawQuery == w.page.RawQuery || !frontFile.MatchString(u.Path)
}

// nowhereLink says whether href leads nowhere: #, javascript:.
func nowhereLink(href string) bool {
	href = strings.TrimSpace(href)
	return href == "" || strings.HasPrefix(href, "#") || strings.HasPrefix(strings.ToLower(href), "javascript:")
}

// linkPath is href's path when it has no query ("" and false with one), by
// string checks alone: this is asked of every link of a page.
func linkPath(href string) (path string, absolute bool, ok bool) {
	href = strings.TrimSpace(href)
	if strings.ContainsAny(href, "?#") || href == "" {
		return "", false, false
	}
	lower := strings.ToLower(href)
	for _, scheme := range []string{"http://", "https://", "//"} {
		if strings.HasPrefix(lower, scheme) {
			rest := href[len(scheme):]
			if i := strings.IndexByte(rest, '/'); i >= 0 {
				return rest[i:], true, true
			}
			return "", true, true
		}
	}
	if strings.Contains(lower, ":") {
		return "", false, false // javascript:, mailto:
	}
	return href, false, true
}

// frontLink says whether href leads to a folder's front page: /news/,
// /col/col1228866/index.html, an absolute host root.
func frontLink(href string) bool {
	p, absolute, ok := linkPath(href)
	return ok && (p == "" && absolute || strings.HasSuffix(p, "/") || frontFile.MatchString(p))
}

// frontFile is a folder's front page by its file name.
var frontFile = regexp.MustCompile(`(?i)(?:^|/)(?:index|default|main|home)\.(?:s?html?|php|jsp|aspx?)$`)

// homeLink says whether href leads to a site's root: /, /index.html,
// /en/, http://host/ (a logo's link home); not a relative link.
func homeLink(href string) bool {
	p, absolute, ok := linkPath(href) // (index.asp?boardid=43 is a board, no home)
	if !ok || !absolute && !strings.HasPrefix(p, "/") {
		return false // relative: a page beside this one, or its folder's front page
	}
	return p == "" && absolute || p == "/" || homeFile.MatchString(p)
}

// homeFile is a site's front page by its file name (or a language's: /en/).
var homeFile = regexp.MustCompile(`(?i)^/(?:[a-z]{2}(?:-[a-z]{2,4})?/)?(?:index|default|main|home)\.(?:s?html?|php|jsp|aspx?)$|^/[a-z]{2}(?:-[a-z]{2,4})?/$`)
