package crawler

import "testing"

// TestDispositionName: the ways portals' download scripts name a file.
func TestDispositionName(t *testing.T) {
	for _, tc := range []struct{ header, want string }{
		{`attachment; filename*=UTF-8''%E5%AE%8C%E6%88%90%E6%83%85%E5%86%B5.doc`, "完成情况.doc"},
		{`attachment; filename="fallback.doc"; filename*=utf-8''%E5%AE%8C%E6%88%90.doc`, "完成.doc"},
		{`attachment; filename*=GBK''%CD%EA%B3%C9.doc`, "完成.doc"},
		// Raw GBK bytes, quoted and bare (Java's getBytes("GBK") into ISO-8859-1).
		{"attachment; filename=\"2023\xc4\xea\xcd\xea\xb3\xc9\xc7\xe9\xbf\xf6.doc\"", "2023年完成情况.doc"},
		{"attachment; filename=2023\xc4\xea\xcd\xea\xb3\xc9\xc7\xe9\xbf\xf6.doc", "2023年完成情况.doc"},
		// Raw Big5 bytes (a Taiwanese portal): 附件.pdf
		{"attachment; filename=\"\xaa\xfe\xa5\xf3.pdf\"", "附件.pdf"},
		{`attachment; filename="2023年完成情况.doc"`, "2023年完成情况.doc"},
		{`attachment;filename=%E5%AE%8C%E6%88%90.xls`, "完成.xls"},
		{`attachment; filename="=?UTF-8?B?5a6M5oiQLmRvYw==?="`, "完成.doc"},
		{`attachment; filename="C:\\upload\\report.pdf"`, "report.pdf"},
		{`inline`, ""},
		{``, ""},
	} {
		if got := dispositionName(tc.header); got != tc.want {
			t.Errorf("%q: %q, want %q", tc.header, got, tc.want)
		}
	}
}

// TestAttachmentMediaType: a header that says only "a download" yields to
// the file's name and bytes; a specific one stands.
func TestAttachmentMediaType(t *testing.T) {
	const docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	for _, tc := range []struct{ header, name, want string }{
		{"application/octet-stream", "政策解读.docx", docx},
		{"application/x-download", "政策解读.docx", docx},
		{"application/force-download; charset=GBK", "年报.pdf", "application/pdf"},
		{"application/pdf", "年报.docx", "application/pdf"},
		{"", "data.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
	} {
		if got := mediaType(tc.header, []byte("not sniffable"), tc.name); got != tc.want {
			t.Errorf("mediaType(%q, %q) = %q, want %q", tc.header, tc.name, got, tc.want)
		}
	}
}
