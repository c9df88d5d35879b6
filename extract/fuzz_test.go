package extract

import (
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

// FuzzParse: no input makes Parse panic, and what it returns is valid
// UTF-8 without empty blocks. Seeded with the package's and the sample
// portal's pages.
func FuzzParse(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/*.html")
	hanweb, _ := filepath.Glob("testdata/hanweb/*.html")
	seeds = append(seeds, hanweb...)
	portal, _ := filepath.Glob("../testdata/portal/*/*.html")
	for _, s := range append(seeds, portal...) {
		if b, err := os.ReadFile(s); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(`<html><body><p>标题</p><table><tr><td rowspan=9999 colspan=9999>x</td></tr></table></body></html>`))
	f.Add([]byte(`<text id="http://x.test/1.html" title="t"><a name=top>楼层：第 1 楼 时间：2005-08-28<div>一，二。`))
	f.Add([]byte(`<?xml version="1.0" encoding="GBK"?><datastore><totalrecord>9</totalrecord><recordset><record><![CDATA[<li><a href="/art/1.html">一</a></li>]]></record></recordset></datastore>`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		p, err := Parse(raw, "", "http://t.test/a/1.jsp?startrecord=1&endrecord=3", nil)
		if err != nil {
			return
		}
		for _, s := range []string{p.Title, p.Published, p.Source, p.Author} {
			if !utf8.ValidString(s) {
				t.Fatalf("invalid UTF-8: %q", s)
			}
		}
		for _, b := range p.Blocks {
			if b.Text == "" || !utf8.ValidString(b.Text) {
				t.Fatalf("bad block %q", b.Text)
			}
		}
		Stitch([]*Page{p, p})
	})
}
