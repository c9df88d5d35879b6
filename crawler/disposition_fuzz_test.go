package crawler

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzDispositionName: whatever a download script sends as its
// Content-Disposition, the name read from it is UTF-8, a bare file name
// (no directory), trimmed, and nothing panics.
func FuzzDispositionName(f *testing.F) {
	for _, h := range []string{
		`attachment; filename*=UTF-8''%E5%AE%8C%E6%88%90%E6%83%85%E5%86%B5.doc`,
		`attachment; filename="fallback.doc"; filename*=utf-8''%E5%AE%8C%E6%88%90.doc`,
		`attachment; filename*=GBK''%CD%EA%B3%C9.doc`,
		`attachment; filename*="UTF-8'zh-CN'%E9%99%84%E4%BB%B6.pdf"`,
		`attachment; filename*=UTF-8''%FF%FE.doc`,
		`attachment; filename*=x-unknown''%41.doc; filename=b.doc`,
		`attachment; filename*=UTF-8''%E5%AE%8`,
		"attachment; filename=\"2023\xc4\xea\xcd\xea\xb3\xc9\xc7\xe9\xbf\xf6.doc\"",
		"attachment; filename=2023\xc4\xea\xcd\xea\xb3\xc9\xc7\xe9\xbf\xf6.doc",
		"attachment; filename=\"\xaa\xfe\xa5\xf3.pdf\"",
		"attachment;filename=\"\xc4\xea\"; size=3",
		`attachment; filename="2023年完成情况.doc"`,
		`attachment;filename=%E5%AE%8C%E6%88%90.xls`,
		`attachment; filename="=?UTF-8?B?5a6M5oiQLmRvYw==?="`,
		`attachment; filename="=?GB2312?B?zeqzyS5kb2M=?="`,
		`attachment; filename="=?UTF-8?Q?=E5=AE=8C=FF.doc?="`,
		`attachment; filename="C:\\upload\\report.pdf"`,
		`attachment; filename="../../etc/passwd"`,
		`attachment; filename="a\"b.doc"`,
		`attachment; filename=" "`,
		`inline`,
		``,
	} {
		f.Add(h)
	}
	f.Fuzz(func(t *testing.T, h string) {
		name := dispositionName(h)
		if !utf8.ValidString(name) {
			t.Fatalf("%q: the name %q is not UTF-8", h, name)
		}
		if strings.ContainsAny(name, `/\`) {
			t.Fatalf("%q: the name %q has a directory", h, name)
		}
		if name != strings.TrimSpace(name) {
			t.Fatalf("%q: the name %q is not trimmed", h, name)
		}
	})
}
