package extract

import (
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
