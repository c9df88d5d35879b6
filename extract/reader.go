package extract

import (
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"folio/extract/charset"
)

// reader holds one parsed page while Parse reads it.
type reader struct {
	doc  *goquery.Document
	root *html.Node
	// page is the page's own URL; base is what its relative links
	// resolve against, which a <base href> may have moved elsewhere (an
	// article's <base href="http://host/news/"> does not make it a
	// directory).
	page    *url.URL
	base    *url.URL
	charset string
	head    headInfo
	stats   map[*html.Node]*nodeStats // filled by mainContent
	names   map[string]nameClass      // classify's cache
	// The content may be the common ancestor of containers gathered
	// with the best one (gather): excluded are the boxes on the way that
	// are not content, and its own loose text is not content either.
	excluded   map[*html.Node]bool
	mergedRoot *html.Node
	// rejected is a box scoredContent passes over (contentBeside).
	rejected *html.Node
	// bodyLines caches lines(): the tree is not changed after prune.
	bodyLines []string
	// thread lists the posts of a forum thread's page; nil on other
	// pages. messages are the forum message cells measure met.
	thread   []threadPost
	messages []*html.Node
	// scripts caches inlineScripts(); nil until read. scriptVars caches
	// their variables (varsOf).
	scripts    *string
	scriptVars map[string]string
	// pageBars are the elements of the page bars pagination read, short
	// ones only (a bar's text and no more), which prune drops.
	pageBars []*html.Node
	// barLinks are the links of page bars that share their element with
	// text: prune drops them, not the element.
	barLinks []*html.Node
	// pageFuncs caches pageFunc: a function's page template, zero when
	// the function goes to no page the page's scripts say.
	pageFuncs map[string]pageTemplate
}

func newReader(doc *goquery.Document, base *url.URL, cs string) *reader {
	r := &reader{doc: doc, root: doc.Nodes[0], page: base, base: base, charset: cs}
	r.head = readHead(r.root)
	// <base href> changes how relative links resolve.
	if href := strings.TrimSpace(r.head.baseHref); href != "" {
		if b, err := base.Parse(href); err == nil {
			r.base = b
		}
	}
	return r
}

// body returns the <body> element (the parser always makes one).
func (r *reader) body() *html.Node {
	if b := r.doc.Find("body").First(); b.Length() > 0 {
		return b.Nodes[0]
	}
	return r.root
}

// lang says "zh" for a page written mostly in Chinese ("ja", "ko" for
// Japanese and Korean), else the html lang attribute or "".
func (r *reader) lang() string {
	cjk, latin, kana, hangul := 0, 0, 0, 0
	var walk func(*html.Node) bool
	walk = func(n *html.Node) bool {
		if n.Type == html.ElementNode && (n.DataAtom == atom.Script || n.DataAtom == atom.Style) {
			return true
		}
		if n.Type == html.TextNode {
			for _, c := range n.Data {
				if isCJK(c) {
					cjk++
					switch {
					case c >= 0x3040 && c <= 0x30FF: // hiragana, katakana
						kana++
					case c >= 0xAC00 && c <= 0xD7AF || c >= 0x1100 && c <= 0x11FF || c >= 0x3130 && c <= 0x318F:
						hangul++
					}
				} else if c < 0x80 && (c|0x20 >= 'a' && c|0x20 <= 'z') {
					latin++
				}
			}
			return cjk+latin < 20000 // a sample is enough
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if !walk(c) {
				return false
			}
		}
		return true
	}
	walk(r.body())
	// One Chinese character is worth about four Latin letters of text.
	// Japanese is written with kana among the kanji (a third of the text
	// or more; an eighth is taken as the sign, Chinese text has next to
	// none), Korean in hangul (over half): neither is Chinese, whose
	// default time zone they must not get.
	if cjk*4 > latin {
		switch {
		case hangul*2 > cjk:
			return "ko"
		case kana*8 > cjk:
			return "ja"
		}
		return "zh"
	}
	return r.head.htmlLang
}

func (r *reader) canonical() string {
	if r.head.canonical == "" {
		return ""
	}
	return r.resolve(r.head.canonical)
}

// links lists the page's anchors, resolved, skipping those that lead nowhere
// fetchable (javascript:, mailto:, fragments of the page itself).
func (r *reader) links() []Link {
	var out []Link
	r.doc.Find("a[href], area[href], a[onclick]").Each(func(_ int, s *goquery.Selection) {
		u := r.resolve(s.AttrOr("href", ""))
		if u == "" {
			u = r.scriptLink(s.AttrOr("href", ""), s.AttrOr("onclick", ""), false)
		}
		if u == "" {
			return
		}
		text := textOf(s.Nodes[0])
		if text == "" {
			text = cleanLine(s.AttrOr("title", ""))
		}
		out = append(out, Link{URL: u, Text: text})
	})
	// The frames of a frameset (old portals' roots and columns) are where
	// their navigation and lists are.
	r.doc.Find("frame[src]").Each(func(_ int, s *goquery.Selection) {
		if u := r.resolve(s.AttrOr("src", "")); u != "" {
			out = append(out, Link{URL: u, Text: cleanLine(s.AttrOr("title", s.AttrOr("name", "")))})
		}
	})
	return append(out, r.recordLinks()...)
}

// scriptLink is the page a script link opens: href="javascript:
// openwin('/xxgk/2024/0315/123.html')" or onclick="window.open('…')",
// as older portals write their lists. Only a quoted literal that reads as
// a page's address counts; "" otherwise.
func (r *reader) scriptLink(href, onclick string, bar bool) string {
	js := onclick
	if h := strings.TrimSpace(href); len(h) > 11 && strings.EqualFold(h[:11], "javascript:") {
		js = h[11:] + " " + onclick
	}
	if js == "" {
		return ""
	}
	if m := scriptPageURL.FindStringSubmatch(js); m != nil {
		return r.resolve(m[1])
	}
	// A bar's javascript:goPage(2) (bar: the link is a page bar's, 2 or
	// 下一页), the page's own script saying where goPage goes.
	// (Only a page of this page's URL family: goPage of a comment box
	// goes to its own list.jsp?aid=…&page=2.)
	if !bar {
		return ""
	}
	if m := jsPageCall.FindStringSubmatch(js); m != nil {
		if t, ok := r.pageFunc(m[1]); ok {
			k, _ := strconv.Atoi(m[2])
			if u := r.resolve(t.url(k)); u != "" && SamePages(r.page.String(), u) {
				return u
			}
		}
	}
	return ""
}

// pagingName is the name of a function that may go to a page: goPage,
// gotoPage, turnPage, jumpTo, fenye, doPaging, nav, skip, list… (not a
// menu's showMenu, doZoom: reading those cost every page a look through
// its scripts).
var pagingName = regexp.MustCompile(`(?i)pag|go|jump|turn|fanye|fenye|fy|^to|nav|skip|list|next|prev`)

// funcDefinition returns where js defines function name — function
// name(…) or name = function(…) —, the index of its "function"; -1 when
// it does not.
func funcDefinition(js, name string) int {
	at := wordAt(js, name, 0)
	for tries := 0; at >= 0 && tries < 50; tries, at = tries+1, wordAt(js, name, at+len(name)) {
		before := strings.TrimRight(js[:at], " \t\r\n")
		after := strings.TrimLeft(js[at+len(name):], " \t\r\n")
		if fn := len(before) - len("function"); fn >= 0 && wordAt(before, "function", fn) == fn && strings.HasPrefix(after, "(") {
			return fn
		}
		if rest, ok := strings.CutPrefix(after, "="); ok && !strings.HasPrefix(rest, "=") {
			if rest = strings.TrimLeft(rest, " \t\r\n"); strings.HasPrefix(rest, "function") {
				return len(js) - len(rest)
			}
		}
	}
	return -1
}

// jsPageCall is a script link that calls a function with a page number.
var jsPageCall = regexp.MustCompile(`^\s*([A-Za-z_$][\w$]*)\s*\(\s*['"]?(\d{1,4})['"]?\s*\)\s*;?\s*(?:return\s+false\s*;?\s*)?$`)

// pageFunc reads a function of the page's inline scripts that goes to the
// page its (first) argument names: function goPage(n) { location.href =
// n <= 1 ? "4417.html" : "4417_" + n + ".html"; }.
func (r *reader) pageFunc(name string) (pageTemplate, bool) {
	if t, ok := r.pageFuncs[name]; ok {
		return t, t.prefix != "" || t.suffix != ""
	}
	if r.pageFuncs == nil {
		r.pageFuncs = map[string]pageTemplate{}
	}
	var t pageTemplate
	js := r.inlineScripts()
	def := -1
	if pagingName.MatchString(name) {
		def = funcDefinition(js, name)
	}
	if def >= 0 {
		fn := js[def:]
		if i := strings.Index(fn, "function"); i >= 0 {
			fn = fn[i:]
		}
		if open := strings.IndexByte(fn, '{'); open >= 0 {
			if end := jsClose(fn[open:min(len(fn), open+maxJSCall)]); end > 0 {
				if got, ok := funcTemplate(fn[:open+end+1], pageFunc{}, r.varsOf(js)); ok {
					t = got
				}
			}
		}
	}
	r.pageFuncs[name] = t
	return t, t.prefix != "" || t.suffix != ""
}

// scriptPageURL is a quoted page address in a script: absolute, rooted or
// relative, ending in a page's extension, with or without a query.
var scriptPageURL = regexp.MustCompile(`['"]((?:https?://[^'"\s/]+)?[\w./~%-]*?[\w~%-]+\.(?:s?html?|jsp|jspx|asp|aspx|php|do|action)(?:\?[^'"\s]*)?)['"]`)

// resolve makes href absolute the way a browser does for this page: the
// path percent-encoded as UTF-8, a non-ASCII query in the page's own
// charset (GBK servers expect GBK bytes there), escapes already present kept
// exactly as written. It returns "" for links that are not http(s).
func (r *reader) resolve(href string) string {
	return resolveURL(r.base, href, r.charset)
}

// resolveURL resolves href against base as a browser on a page in charset
// cs would; "" when href does not lead to an http(s) URL.
func resolveURL(base *url.URL, href, cs string) string {
	href = strings.TrimSpace(strings.ReplaceAll(strings.ReplaceAll(href, "\n", ""), "\t", ""))
	if href == "" || strings.HasPrefix(href, "#") {
		return ""
	}
	u, err := base.Parse(BackslashesAsSlashes(href))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	u.Fragment, u.RawFragment = "", ""
	u.User = nil // credentials in a link are not stored with what it leads to
	if needsEscape(u.RawQuery) {
		u.RawQuery = charset.EncodeQuery(u.RawQuery, cs)
	}
	return u.String()
}

// BackslashesAsSlashes reads a backslash before the query as a slash, as
// browsers do in an http(s) URL (WHATWG URL): IIS portals link their files
// as \UploadFiles\2019\report.pdf and redirect to \news\1.html. A
// reference with another scheme is left as it is.
func BackslashesAsSlashes(ref string) string {
	end := len(ref)
	if i := strings.IndexAny(ref, "?#"); i >= 0 {
		end = i
	}
	if !strings.Contains(ref[:end], `\`) {
		return ref
	}
	if scheme, _, ok := strings.Cut(ref[:end], ":"); ok && !strings.ContainsAny(scheme, `/\`) &&
		!strings.EqualFold(scheme, "http") && !strings.EqualFold(scheme, "https") {
		return ref
	}
	return strings.ReplaceAll(ref[:end], `\`, "/") + ref[end:]
}

func needsEscape(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 || s[i] == ' ' {
			return true
		}
	}
	return false
}

// prune removes what is never content: scripts, styles, form controls,
// hidden elements, comments, Discuz's edit notices, all in the body
// (metadata is read from the head afterwards); and it sets a letter's
// fields listed as a <dl> on one line (fieldList). Links and pagination are
// read before this: script-written page bars live in scripts.
func (r *reader) prune() {
	var drop []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type == html.CommentNode:
				drop = append(drop, c)
				continue
			case c.Type != html.ElementNode:
				continue
			}
			if prunedAtoms[c.DataAtom] || isHidden(c) || editNotice(c) {
				drop = append(drop, c)
				continue
			}
			absoluteDate(c)
			if fieldList(c) {
				inlineFields(c)
				continue
			}
			walk(c)
		}
	}
	walk(r.body())
	// The page bars pagination read are not content either: inside the
	// content's box (a photo page's div_currpage under its caption) their
	// links would outweigh a short caption.
	for _, n := range r.pageBars {
		if n.Parent != nil && !slices.Contains(drop, n) {
			drop = append(drop, n)
		}
	}
	// A bar in an element with text loses its links, and the bar's own
	// words beside them (上一页, the current page's 2).
	for _, a := range r.barLinks {
		parent := a.Parent
		if parent == nil {
			continue
		}
		drop = append(drop, a)
		for c := parent.FirstChild; c != nil; c = c.NextSibling {
			if c == a || slices.Contains(drop, c) {
				continue
			}
			text := c.Data
			if c.Type == html.ElementNode {
				if c.DataAtom == atom.Img || c.DataAtom == atom.Br {
					continue
				}
				text = textOf(c)
			} else if c.Type != html.TextNode {
				continue
			}
			if strings.TrimSpace(text) != "" && barWordsOnly(text) {
				drop = append(drop, c)
			}
		}
	}
	for _, n := range drop {
		if n.Parent != nil {
			n.Parent.RemoveChild(n)
		}
	}
}

// absoluteDate puts the date a relative one stands for in its place:
// Discuz X prints a recent post's date as 发表于 <span title="2024-4-16
// 10:22:33">3&nbsp;天前</span>, which says nothing once archived. Only an
// element of the relative date alone, whose title is a whole date.
func absoluteDate(n *html.Node) {
	c := n.FirstChild
	if c == nil || c.NextSibling != nil || c.Type != html.TextNode || len(c.Data) > 40 || !relativeDate.MatchString(strings.TrimSpace(c.Data)) {
		return
	}
	if t := strings.TrimSpace(attr(n, "title")); len(t) <= 40 && bareDate.MatchString(t) {
		c.Data = t
	}
}

// relativeDate is a date counted back from the time the page was served:
// 3 天前, 5 小时前, 半小时前, 昨天 10:22, 前天 08:15.
var relativeDate = regexp.MustCompile(`^(?:(?:\d+|半)[\s\x{a0}]*(?:秒|分钟|分鐘|小时|小時|天|日|周|週)前|刚刚|剛剛|(?:昨天|前天)(?:[\s\x{a0}]*\d{1,2}:\d{2})?)$`)

var prunedAtoms = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Svg: true, atom.Canvas: true, atom.Button: true, atom.Input: true,
	atom.Select: true, atom.Textarea: true, atom.Option: true, atom.Iframe: true,
	atom.Map: true, atom.Marquee: true, // <marquee>: scrolling tickers of headlines
	// What a <video> or <audio> holds besides its sources is what a browser
	// that plays neither shows (您的浏览器不支持HTML5视频播放).
	atom.Video: true, atom.Audio: true,
}

// fieldList says whether n is a letter's fields set as a definition list
// (<dl><dt>来信人：</dt><dd>刘**</dd><dt>来信时间：</dt><dd>2025-05-27 21:33</dd>…):
// labels with their colons, short values, a writer or answerer among
// them, and a time. It reads as the one line of fields it shows.
func fieldList(n *html.Node) bool {
	if n.DataAtom != atom.Dl {
		return false
	}
	pairs, who, when := 0, false, false
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.TextNode && strings.TrimSpace(c.Data) == "":
		case c.DataAtom == atom.Dt:
			label := strings.TrimSpace(textOf(c))
			if runeCount(label) > 8 || !strings.HasSuffix(label, "：") && !strings.HasSuffix(label, ":") {
				return false
			}
			pairs++
			who = who || letterWho.MatchString(label)
			when = when || dateOrTimeLabel.MatchString(label)
		case c.DataAtom == atom.Dd:
			if runeCount(strings.TrimSpace(textOf(c))) > 30 {
				return false
			}
		default:
			return false
		}
	}
	return pairs >= 2 && who && when
}

// inlineFields makes a field list one line: its terms and values spans,
// apart by spaces.
func inlineFields(n *html.Node) {
	n.DataAtom, n.Data = atom.P, "p"
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		c.DataAtom, c.Data = atom.Span, "span"
		if c.NextSibling != nil {
			n.InsertBefore(&html.Node{Type: html.TextNode, Data: " "}, c.NextSibling)
			c = c.NextSibling
		}
	}
}

// editNotice reports Discuz's note on an edited post, <i class="pstatus">
// 本帖最后由 某人 于 2024-6-12 21:15 编辑</i>: the forum writes it at the
// top of the message, the poster did not. (Only an <i>: a portal's
// <span class="pstatus">已完工</span> is a project's status, text.)
func editNotice(n *html.Node) bool {
	return n.DataAtom == atom.I && slices.Contains(strings.Fields(attr(n, "class")), "pstatus")
}

func isHidden(n *html.Node) bool {
	if _, ok := hasAttr(n, "hidden"); ok {
		return true
	}
	style := strings.ToLower(strings.ReplaceAll(attr(n, "style"), " ", ""))
	if strings.Contains(style, "display:none") {
		return true
	}
	// visibility:hidden also hides what a script shows once the page has
	// loaded: WeChat serves every article (#js_content) that way, short
	// ones too. A box holding that much text is the article, not a hidden
	// widget.
	return strings.Contains(style, "visibility:hidden") && !longText(n, 300) && attr(n, "id") != "js_content"
}

func hasAttr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}
