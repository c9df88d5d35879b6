package extract

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// blocks turns the main content element into blocks in reading order,
// leaving out what sits inside the content but is not the article: page
// bars, share bars, link lists, counters, the title and byline repeated.
func (r *reader) blocks(content *html.Node, meta pageMeta) []Block {
	w := &blockWriter{r: r}
	w.walk(content)
	w.flush()
	return cleanBlocks(w.out, meta)
}

type blockWriter struct {
	r       *reader
	keepAll bool // skip nothing: the metadata reader wants every line
	out     []Block
	line    strings.Builder
	kind    BlockKind
}

// flush ends the current paragraph.
func (w *blockWriter) flush() {
	text := cleanLine(w.line.String())
	w.line.Reset()
	if text != "" {
		w.out = append(w.out, Block{Kind: w.kind, Text: text})
	}
	w.kind = Paragraph
}

func (w *blockWriter) walk(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			w.line.WriteString(c.Data)
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
			w.flush()
		case c.DataAtom == atom.Table && !w.keepAll && w.r.isDataTable(c):
			w.flush()
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
			w.walk(c)
			w.flush()
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

// pageBarNames are class and id tokens of pagination and tool bars.
var pageBarNames = regexp.MustCompile(`^(pages?|pagination|pagebar|pager|page-?nav|paging|fenye|dede_pages|pagelist|page_?box|turn_?page|share|bdshare.*|jiathis.*|bshare.*|fenxiang|toolbar|tools?|print|relate.*|related.*|xgwz|comment.*|pinglun.*|footer|foot|copyright|prev-?next|pre_?next|shangxia|updown|context)$`)

// skip says whether an element inside the content is not article text.
func (w *blockWriter) skip(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Nav, atom.Footer, atom.Aside, atom.Form:
		if n.DataAtom == atom.Form && w.r.stats[n] != nil && w.r.stats[n].linkDensity() < 0.3 {
			return false // ASP.NET pages wrap everything in one form
		}
		return true
	case atom.A, atom.Img, atom.Span, atom.Font, atom.B, atom.Strong, atom.Em, atom.I, atom.U:
		return false // inline: judged as part of their line
	}
	for _, tok := range strings.Fields(nameOf(n)) {
		if pageBarNames.MatchString(tok) {
			return true
		}
	}
	st := w.r.stats[n]
	if st == nil || !isBlock(n) {
		return false
	}
	// A block that is mostly links and holds no prose: a menu, a list of
	// related titles, a page bar.
	nonLink := st.text - st.link
	if st.links >= 3 && st.linkDensity() > 0.5 && nonLink < 150 && st.punct < 3 {
		return true
	}
	return false
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
	`)$`)

// bylineLabel matches the labelled fields of a byline: a line made of them
// is metadata, read by meta.go, and not text.
var bylineLabel = regexp.MustCompile(`(发布|发表|更新|上传|录入|撰稿|成文)?(日期|时间)\s*[:：]|` +
	`(信息)?来源\s*[:：]|稿源\s*[:：]|出处\s*[:：]|作者\s*[:：]|(责任)?编辑\s*[:：]|记者\s*[:：]|审核\s*[:：]|` +
	`(浏览|点击|阅读|访问)(次数|量|数)?\s*[:：]|字号\s*[:：]|发布机构\s*[:：]|发文机关\s*[:：]`)

// cleanBlocks drops boilerplate lines and the title and byline repeated in
// the content.
func cleanBlocks(blocks []Block, meta pageMeta) []Block {
	out := blocks[:0]
	for i, b := range blocks {
		if b.Kind == Table {
			out = append(out, b)
			continue
		}
		// Boilerplate lines are short; the regexp is not run on prose.
		if runeCount(b.Text) <= 80 && boilerplateLine.MatchString(b.Text) {
			continue
		}
		// The title and the byline usually open the content container;
		// a 责任编辑 line often closes it.
		nearStart := i < 4
		if nearStart && meta.title != "" && sameTitle(b.Text, meta.title) {
			continue
		}
		if isBylineLine(b.Text) && (nearStart || i >= len(blocks)-3) {
			continue
		}
		out = append(out, b)
	}
	return out
}

// isBylineLine says whether a line consists of byline fields (a date, the
// source, the author, a view counter) rather than sentences.
func isBylineLine(s string) bool {
	if runeCount(s) > 120 {
		return false
	}
	locs := bylineLabel.FindAllStringIndex(s, 1)
	if len(locs) == 0 {
		return false
	}
	// Prose that mentions a 来源 in passing has sentence punctuation
	// before the first label or is long; a byline starts with its fields.
	prefix := s[:locs[0][0]]
	return runeCount(prefix) <= 12 && !strings.ContainsAny(prefix, "，。；！？")
}

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
