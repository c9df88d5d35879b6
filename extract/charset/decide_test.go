package charset

import (
	"bytes"
	"math/rand"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// TestDecideMixed covers pages that are not in one charset, and the
// declarations that only the characters can refute.
func TestDecideMixed(t *testing.T) {
	gbk := func(s string) []byte {
		b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	utf8Page := readFixture(t, "utf8")
	gbkPage := readFixture(t, "gbk")
	big5Page := readFixture(t, "big5")
	random := make([]byte, 2000)
	rand.New(rand.NewSource(3)).Read(random)

	footer := "<div>主办单位：株洲市芦淞区人民政府办公室 版权所有</div>"
	tests := []struct {
		name        string
		raw         []byte
		contentType string
		charset     string
		source      Source
		invalid     int // -1: do not check
	}{
		{"UTF-8 page with a GBK footer", cat(utf8Page, gbk(footer)), "", "utf-8", SourceSniffed, -1},
		{"GBK page with a UTF-8 footer", cat(gbkPage, []byte(footer)), "text/html; charset=gbk", "gbk", SourceHeader, -1},
		{"GBK page with a UTF-8 footer, undeclared", cat(gbkPage, []byte(footer)), "", "gbk", SourceSniffed, -1},
		{"Big5 under ISO-8859-1", big5Page, "text/html; charset=ISO-8859-1", "big5", SourceFallback, 0},
		{"UTF-8 under ISO-8859-1", utf8Page, "text/html; charset=ISO-8859-1", "utf-8", SourceFallback, 0},
		{"UTF-8 under shift_jis", utf8Page, "text/html; charset=shift_jis", "utf-8", SourceFallback, 0},
		{"GBK under euc-kr", gbkPage, "text/html; charset=euc-kr", "gbk", SourceFallback, 0},
		{"random bytes", random, "", "windows-1252", SourceSniffed, 0},
		{"GBK title only under utf-8", cat([]byte("<title>"), gbk("政务公开"), []byte("</title>")), "text/html; charset=utf-8", "gbk", SourceFallback, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, res := Decode(tt.raw, tt.contentType)
			if res.Charset != tt.charset || res.Source != tt.source || tt.invalid >= 0 && res.Invalid != tt.invalid {
				t.Errorf("Result = %+v, want %s (%s), invalid %d", res, tt.charset, tt.source, tt.invalid)
			}
		})
	}
}

func cat(parts ...[]byte) []byte { return bytes.Join(parts, nil) }
