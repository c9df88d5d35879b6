package attachment

import (
	"context"
	"testing"
	"unicode/utf8"
)

// FuzzText: no file makes the readers panic or read past MaxText, and the
// text is UTF-8. (PDFs go to pdftotext, a separate process; the fuzzer
// feeds the pure Go readers.)
func FuzzText(f *testing.F) {
	f.Add(zipWith("word/document.xml", `<w:document><w:body><w:p><w:r><w:t>附件一</w:t></w:r></w:p></w:body></w:document>`), "a.docx")
	f.Add(zipWith("xl/sharedStrings.xml", `<sst><si><t>项目</t></si></sst>`), "a.xlsx")
	f.Add(zipWith("xl/worksheets/sheet1.xml", `<worksheet><sheetData><row><c r="ZZZZZZZZZZZZZZ1" t="s"><v>0</v></c></row></sheetData></worksheet>`), "b.xlsx")
	f.Fuzz(func(t *testing.T, data []byte, name string) {
		if Detect(data, "", name) == PDF {
			return
		}
		text, _, err := Text(context.Background(), data, "", name)
		if err != nil {
			return
		}
		if len(text) > MaxText || !utf8.ValidString(text) {
			t.Fatalf("%d bytes of text, valid UTF-8: %v", len(text), utf8.ValidString(text))
		}
	})
}
