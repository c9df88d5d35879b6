//go:build ignore

// gen writes the fixtures of package charset: real bytes in real encodings,
// made from the UTF-8 pages in src/ with x/text. Each fixture is a
// directory under fixtures/ holding input.html (the bytes as a server would
// send them) and want.txt (what Decode must return, in UTF-8).
//
// Run it from the package directory after changing src/ or the table below:
//
//	go run testdata/gen.go
//
// The fixtures are committed; tests never run this.
package main

import (
	"bytes"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
)

// gb18030Para holds characters outside GBK: four-byte GB18030 sequences
// (𫖯 U+2B5AF, 㐀 U+3400) and 䶮 U+4DAE, which the 2022 mapping moved to the
// two-byte code FE9F.
const gb18030Para = "<p>附：历史人物刘䶮、学者王𫖯的生平资料，以及“㐀”字的读音说明，见附件。</p>"

// fixture is one input page: which source, how it is encoded, what its
// <meta> says and where, and how it is damaged.
type fixture struct {
	name      string
	src       string // file in src/
	enc       string // utf-8, gbk, gb18030, big5, utf-16le, utf-16be
	bom       bool
	metaEarly string // a whole <meta> element, put before the <title>
	metaLate  string // a whole <meta> element, put after 1 KiB of <style>
	gb18030   bool   // add gb18030Para
	broken    int    // characters whose last byte is damaged, spread over the body
}

func metaCharset(label string) string { return `<meta charset="` + label + `">` }

func metaPragma(label string) string {
	return `<meta http-equiv="Content-Type" content="text/html; charset=` + label + `">`
}

var fixtures = []fixture{
	{name: "utf8", src: "hans.html", enc: "utf-8"},
	{name: "utf8-meta-early", src: "hans.html", enc: "utf-8", metaEarly: metaCharset("utf-8")},
	{name: "utf8-meta-late", src: "hans.html", enc: "utf-8", metaLate: metaPragma("UTF-8")},
	{name: "utf8-bom", src: "hans.html", enc: "utf-8", bom: true},
	{name: "utf8-bom-meta-gb2312", src: "hans.html", enc: "utf-8", bom: true, metaEarly: metaPragma("gb2312")},
	{name: "utf8-meta-gbk-late", src: "hans.html", enc: "utf-8", metaLate: metaPragma("gbk")},
	{name: "utf8-meta-big5", src: "hant.html", enc: "utf-8", metaEarly: metaCharset("big5")},
	{name: "utf8-broken", src: "hans.html", enc: "utf-8", metaEarly: metaCharset("utf-8"), broken: 3},
	{name: "gbk", src: "hans.html", enc: "gbk"},
	{name: "gbk-meta-gb2312", src: "hans.html", enc: "gbk", metaEarly: metaPragma("gb2312")},
	{name: "gbk-meta-late", src: "hans.html", enc: "gbk", metaLate: metaPragma("GBK")},
	{name: "gbk-meta-utf8", src: "hans.html", enc: "gbk", metaEarly: metaCharset("utf-8")},
	{name: "gbk-meta-big5", src: "hans.html", enc: "gbk", metaEarly: metaCharset("big5")},
	{name: "gbk-broken", src: "hans.html", enc: "gbk", metaEarly: metaPragma("gb2312"), broken: 3},
	{name: "gbk-broken-many", src: "hans.html", enc: "gbk", metaEarly: metaPragma("gb2312"), broken: 20},
	{name: "gb18030", src: "hans.html", enc: "gb18030", gb18030: true},
	{name: "gb18030-meta-gb2312", src: "hans.html", enc: "gb18030", gb18030: true, metaEarly: metaCharset("gb2312")},
	{name: "gb18030-meta-gb18030", src: "hans.html", enc: "gb18030", gb18030: true, metaLate: metaPragma("gb18030")},
	{name: "big5", src: "hant.html", enc: "big5"},
	{name: "big5-meta-early", src: "hant.html", enc: "big5", metaEarly: metaCharset("big5")},
	{name: "big5-meta-late", src: "hant.html", enc: "big5", metaLate: metaPragma("big5")},
	{name: "big5-meta-gb2312", src: "hant.html", enc: "big5", metaEarly: metaPragma("gb2312")},
	{name: "utf16le-bom", src: "hans.html", enc: "utf-16le", bom: true},
	{name: "utf16be-bom", src: "hans.html", enc: "utf-16be", bom: true},
	{name: "utf16le", src: "hans.html", enc: "utf-16le"},
	{name: "ascii", src: "ascii.html", enc: "utf-8"},
}

var encoders = map[string]encoding.Encoding{
	"utf-8":    encoding.Nop,
	"gbk":      simplifiedchinese.GBK,
	"gb18030":  simplifiedchinese.GB18030,
	"big5":     traditionalchinese.Big5,
	"utf-16le": unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM),
	"utf-16be": unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM),
}

var boms = map[string]string{
	"utf-8":    "\xef\xbb\xbf",
	"utf-16le": "\xff\xfe",
	"utf-16be": "\xfe\xff",
}

// damageable are the characters that may be damaged: frequent, and
// multi-byte in every encoding. A damaged character keeps all its bytes but
// the last, which becomes '?': a truncated character, as a careless
// substring in a CMS makes. A decoder must turn it into one U+FFFD and a
// '?'.
const damageable = "的，"

func main() {
	for _, f := range fixtures {
		if err := write(f); err != nil {
			log.Fatalf("%s: %v", f.name, err)
		}
	}
}

func write(f fixture) error {
	srcBytes, err := os.ReadFile(filepath.Join("testdata", "src", f.src))
	if err != nil {
		return err
	}
	page := string(srcBytes)
	page = strings.Replace(page, "<!--META-EARLY-->", f.metaEarly, 1)
	page = strings.Replace(page, "<!--META-LATE-->", f.metaLate, 1)
	para := ""
	if f.gb18030 {
		para = gb18030Para
	}
	page = strings.Replace(page, "<!--GB18030-->", para, 1)
	if f.metaLate != "" && strings.Index(page, f.metaLate) < 1024 {
		return fmt.Errorf("late meta at byte %d, not after 1024", strings.Index(page, f.metaLate))
	}

	// Split the page around the characters to damage.
	pieces, cut, err := splitForDamage(page, f.broken)
	if err != nil {
		return err
	}
	enc := encoders[f.enc].NewEncoder()
	var raw bytes.Buffer
	if f.bom {
		raw.WriteString(boms[f.enc])
	}
	for i, p := range pieces {
		if i > 0 {
			b, err := enc.String(cut[i-1])
			if err != nil {
				return err
			}
			raw.WriteString(b[:len(b)-1] + "?")
		}
		b, err := enc.String(p)
		if err != nil {
			return fmt.Errorf("encoding to %s: %v", f.enc, err)
		}
		raw.WriteString(b)
	}
	want := strings.Join(pieces, "\uFFFD?")

	dir := filepath.Join("testdata", "fixtures", f.name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "input.html"), raw.Bytes(), 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "want.txt"), []byte(want), 0o644)
}

// splitForDamage cuts page at n of the damageable characters of its body,
// evenly spread, and returns the pieces between them and the characters
// cut out.
func splitForDamage(page string, n int) (pieces, cut []string, err error) {
	if n == 0 {
		return []string{page}, nil, nil
	}
	body := strings.Index(page, "<body>")
	var at []int
	for i, r := range page[body:] {
		if strings.ContainsRune(damageable, r) {
			at = append(at, body+i)
		}
	}
	if len(at) < n {
		return nil, nil, fmt.Errorf("only %d characters to damage, want %d", len(at), n)
	}
	prev := 0
	for k := 0; k < n; k++ {
		pos := at[k*len(at)/n]
		c := page[pos:]
		c = c[:len(string([]rune(c)[0]))]
		pieces = append(pieces, page[prev:pos])
		cut = append(cut, c)
		prev = pos + len(c)
	}
	return append(pieces, page[prev:]), cut, nil
}
