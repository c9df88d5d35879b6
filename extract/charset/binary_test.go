package charset

import (
	"bytes"
	"compress/gzip"
	"math/rand"
	"strings"
	"testing"
)

func TestIsBinary(t *testing.T) {
	random := make([]byte, 4096)
	rand.New(rand.NewSource(1)).Read(random)
	smallRandom := make([]byte, 300)
	rand.New(rand.NewSource(2)).Read(smallRandom)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(readFixture(t, "gbk"))
	zw.Close()
	withNULs := bytes.Replace(readFixture(t, "utf8"), []byte("</p>"), []byte("\x00</p>"), 3)
	mostlyNULs := append([]byte("<html><body>x</body></html>"), make([]byte, 4000)...)

	tests := []struct {
		name        string
		raw         []byte
		contentType string
		want        bool
	}{
		{"PDF", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>"), "application/pdf", true},
		{"PDF served as HTML", []byte("%PDF-1.4\n1 0 obj"), "text/html", true},
		{"PNG", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "image/png", true},
		{"JPEG", []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00"), "", true},
		{"GIF", []byte("GIF89a\x01\x00\x01\x00"), "", true},
		{"zip, docx", []byte("PK\x03\x04\x14\x00\x06\x00\x08\x00"), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", true},
		{"OLE2, doc or xls", []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00"), "application/msword", true},
		{"gzip", gz.Bytes(), "text/html", true},
		{"MP4", []byte("\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00"), "video/mp4", true},
		{"WAVE", []byte("RIFF\x24\x08\x00\x00WAVEfmt "), "", true},
		{"random bytes served as HTML", random, "text/html", true},
		{"300 random bytes", smallRandom, "text/html", true},
		{"GBK page", readFixture(t, "gbk"), "text/html", false},
		{"GBK page, no header", readFixture(t, "gbk-broken"), "", false},
		{"Big5 page", readFixture(t, "big5"), "text/html; charset=big5", false},
		{"UTF-8 page", readFixture(t, "utf8"), "text/html", false},
		{"UTF-16 page with BOM", readFixture(t, "utf16le-bom"), "text/html", false},
		{"UTF-16 page, no BOM", readFixture(t, "utf16le"), "text/html", false},
		{"UTF-16 page, no BOM, no header", readFixture(t, "utf16le"), "", false},
		{"UTF-16BE page", readFixture(t, "utf16be-bom")[2:], "", false},
		{"HTML with a few NULs", withNULs, "text/html", false},
		{"HTML then mostly NULs", mostlyNULs, "text/html", true},
		{"HTML error page served as PNG", []byte("<html><body>404 Not Found</body></html>"), "image/png", false},
		{"plain text starting with BM", []byte("BMW 3 Series sales rose in 2019.\n"), "text/plain", false},
		{"plain text starting with MZ", []byte("MZ: the province code table\n"), "text/plain", false},
		{"JSON", []byte(`{"title": "\u4e2d\u6587"}`), "application/json", false},
		{"empty", nil, "text/html", false},
		{"SVG", []byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"></svg>`), "image/svg+xml", false},
		{"GBK plain text", []byte(strings.Repeat("\xd6\xd0\xce\xc4\xa3\xac", 50)), "text/plain", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := IsBinary(tt.raw, tt.contentType); got != tt.want {
				t.Errorf("IsBinary(%.24q, %q) = %v, want %v", tt.raw, tt.contentType, got, tt.want)
			}
		})
	}
}
