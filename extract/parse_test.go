package extract

import (
	"slices"
	"strconv"
	"strings"
	"testing"
)

// A page nested deeper than the HTML parser allows is flattened, not lost.
func TestDeepNesting(t *testing.T) {
	for _, tag := range []string{"div", "font", "table><tr><td"} {
		open, close := "<"+tag+">", ""
		if tag == "div" || tag == "font" {
			close = "</" + tag + ">"
		}
		page := `<html><head><meta charset="utf-8"><title>深层嵌套</title></head><body>` +
			strings.Repeat(open, 20000) + `<p>本年度报告根据《条例》的要求编制，全文由六个部分组成。</p>` +
			strings.Repeat(close, 20000) + `</body></html>`
		p, err := Parse([]byte(page), "", "http://t.test/1.html", nil)
		if err != nil {
			t.Fatalf("%s: %v", tag, err)
		}
		if !strings.Contains(p.Text(), "全文由六个部分组成") {
			t.Errorf("%s: text lost: %q", tag, p.Text())
		}
	}
}

// A page of more elements than are read is read up to there, and says so;
// one below the limit is read whole.
func TestTooManyElements(t *testing.T) {
	page := func(n int) []byte {
		return []byte(`<html><head><meta charset="utf-8"><title>很长的一页</title></head><body>` +
			strings.Repeat("<p>很长的一页。</p>\n", n) + `<p>最后一段</p></body></html>`)
	}
	for n, wantCut := range map[int]bool{1000: true, 990: false} {
		root, cut, err := parseHTML(page(n), 1000)
		if err != nil || cut != wantCut {
			t.Errorf("%d paragraphs: cut %v, %v", n, cut, err)
			continue
		}
		if last := strings.Contains(textOf(root), "最后一段"); last == cut {
			t.Errorf("%d paragraphs: cut %v, but the last paragraph read: %v", n, cut, last)
		}
	}
}

// TestContentEdges: the first two and the last three lines of the
// content, each once however few there are; lines outside it are not.
func TestContentEdges(t *testing.T) {
	for n := 0; n <= 8; n++ {
		var lines []metaLine
		lines = append(lines, metaLine{text: "before", where: -1})
		var want []string
		for i := 1; i <= n; i++ {
			lines = append(lines, metaLine{text: strconv.Itoa(i)})
			if i <= 2 || i > n-3 {
				want = append(want, strconv.Itoa(i))
			}
		}
		lines = append(lines, metaLine{text: "after", where: 1})
		var got []string
		for _, l := range contentEdges(lines) {
			got = append(got, l.text)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%d lines: %v, want %v", n, got, want)
		}
	}
}
