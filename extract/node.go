package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Helpers over the parsed tree. They work on *html.Node directly: goquery is
// convenient for selectors, but the scoring walks every node and is faster
// without the selection wrappers.

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// blockAtoms are the elements that start a new line of text.
var blockAtoms = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Center: true, atom.Dd: true, atom.Details: true, atom.Dialog: true, atom.Dir: true,
	atom.Div: true, atom.Dl: true, atom.Dt: true, atom.Fieldset: true, atom.Figcaption: true,
	atom.Figure: true, atom.Footer: true, atom.Form: true, atom.H1: true, atom.H2: true,
	atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true, atom.Header: true,
	atom.Hr: true, atom.Li: true, atom.Main: true, atom.Menu: true, atom.Nav: true,
	atom.Ol: true, atom.P: true, atom.Pre: true, atom.Section: true, atom.Table: true,
	atom.Tbody: true, atom.Td: true, atom.Tfoot: true, atom.Th: true, atom.Thead: true,
	atom.Tr: true, atom.Ul: true, atom.Caption: true, atom.Body: true, atom.Html: true,
	atom.Summary: true, atom.Legend: true,
}

func isBlock(n *html.Node) bool {
	return n.Type == html.ElementNode && blockAtoms[n.DataAtom]
}

func isHeading(n *html.Node) bool {
	switch n.DataAtom {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return true
	}
	return false
}

// textOf returns the text of n with white space folded, block boundaries
// and <br> as single spaces. For the text of content blocks see blocks.go,
// which keeps line structure.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			return
		case html.ElementNode:
			if n.DataAtom == atom.Br || isBlock(n) {
				b.WriteByte(' ')
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if isBlock(n) {
			b.WriteByte(' ')
		}
	}
	walk(n)
	return cleanLine(b.String())
}

// isCJK reports whether r is a Han, Hiragana, Katakana or Hangul letter.
func isCJK(r rune) bool {
	if r >= 0x4E00 && r <= 0x9FFF { // CJK Unified Ideographs: most of any Chinese text
		return true
	}
	return r >= 0x2E80 && (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
		unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r))
}

// isCJKPunct says whether r is a punctuation mark of running Chinese prose;
// their density is what tells an article paragraph from a menu or a list of titles.
func isCJKPunct(r rune) bool {
	switch r {
	case '，', '。', '；', '：', '！', '？', '、', '“', '”', '（', '）', '《', '》':
		return true
	}
	return false
}

// textWeight measures an amount of text in a unit that treats scripts
// alike: one CJK character carries about as much as three Latin letters.
func textWeight(s string) (units float64, punct int) {
	cjk, other := 0, 0
	prev := ' '
	for _, r := range s {
		switch {
		case isCJK(r):
			cjk++
		case isCJKPunct(r):
			punct++
		case r == ',' || (r == '.' && unicode.IsLetter(prev)):
			punct++
			other++
		case !unicode.IsSpace(r):
			other++
		}
		prev = r
	}
	return float64(cjk)*3 + float64(other), punct
}

func runeCount(s string) int { return utf8.RuneCountInString(s) }
