package extract

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
)

// maxDepth is how deep folio keeps elements nested when a page is too deep
// for the HTML parser (x/net/html refuses more than 512 open elements).
// Real pages get there through thousands of unclosed <font> or <div> tags;
// hostile ones on purpose. Nothing a reader sees needs more depth.
const maxDepth = 128

// maxElements bounds the elements of a page that are read, and with them
// the memory reading takes (about 1 KiB an element, text and blocks
// included). The heaviest real pages (a long report with its tables, a
// column of 100,000 links) stay under it; a 20 MiB page of nothing but
// <p>s does not, and only its beginning is read.
const maxElements = 250_000

// parseHTML parses a decoded page. A page nested too deep is flattened —
// start tags beyond maxDepth are dropped with their end tags — and parsed
// again, so its text is still read. A page of more than maxElems elements
// (Parse: maxElements) is read up to there; cut says so.
func parseHTML(text []byte, maxElems int) (root *html.Node, cut bool, err error) {
	// Three bytes make the smallest element (<a>): a shorter page cannot
	// hold too many, and is not tokenized twice.
	if len(text) > 3*maxElems {
		text, cut = cutAfter(text, maxElems)
	}
	root, err = html.Parse(bytes.NewReader(text))
	if err == nil || !strings.Contains(err.Error(), "open stack of elements") {
		return root, cut, err
	}
	root, err = html.Parse(bytes.NewReader(flatten(text, maxDepth)))
	return root, cut, err
}

// cutAfter returns text up to its limit-th start tag, and whether it cut.
func cutAfter(text []byte, limit int) ([]byte, bool) {
	z := html.NewTokenizer(bytes.NewReader(text))
	n, offset := 0, 0
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return text, false
		case html.StartTagToken, html.SelfClosingTagToken:
			if n++; n > limit {
				return text[:offset], true
			}
		}
		offset += len(z.Raw())
	}
}

// voidElements have no end tag and never nest.
var voidElements = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true,
	"input": true, "link": true, "meta": true, "param": true, "source": true, "track": true, "wbr": true,
}

// flatten rewrites a page so that no more than limit elements are open at
// once: deeper start tags and the end tags that would close them are left
// out; text and everything else are kept.
func flatten(text []byte, limit int) []byte {
	z := html.NewTokenizer(bytes.NewReader(text))
	var out bytes.Buffer
	out.Grow(len(text))
	var open []string // names of the kept, still open elements
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return out.Bytes()
		case html.StartTagToken:
			name, _ := z.TagName()
			if voidElements[string(name)] {
				out.Write(z.Raw())
				continue
			}
			if len(open) >= limit {
				continue
			}
			open = append(open, string(name))
			out.Write(z.Raw())
		case html.EndTagToken:
			name, _ := z.TagName()
			// Close the nearest kept element of that name, if any near the
			// top; otherwise the end tag belonged to a dropped start tag.
			for i := len(open) - 1; i >= 0 && i >= len(open)-8; i-- {
				if open[i] == string(name) {
					open = open[:i]
					out.Write(z.Raw())
					break
				}
			}
		default:
			out.Write(z.Raw())
		}
	}
}
