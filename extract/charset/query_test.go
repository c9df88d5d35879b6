package charset

import "testing"

func TestEncodeQuery(t *testing.T) {
	tests := []struct{ query, charset, want string }{
		{"q=世界", "gbk", "q=%CA%C0%BD%E7"},
		{"q=世界", "GB2312", "q=%CA%C0%BD%E7"},
		{"q=世界", "gb18030", "q=%CA%C0%BD%E7"},
		{"q=下一頁", "big5", "q=%A4%55%A4%40%AD%B6"},
		{"q=世界", "utf-8", "q=%E4%B8%96%E7%95%8C"},
		{"q=世界", "", "q=%E4%B8%96%E7%95%8C"},
		{"q=世界", "utf-16le", "q=%E4%B8%96%E7%95%8C"},
		{"q=世界", "klingon", "q=%E4%B8%96%E7%95%8C"},
		// ASCII and existing escapes are kept as written.
		{"a=1&b=%CA%C0&c=x+y&d=世", "gbk", "a=1&b=%CA%C0&c=x+y&d=%CA%C0"},
		{"q=%E4%B8%96", "gbk", "q=%E4%B8%96"},
		// What the charset cannot encode becomes a numeric reference:
		// 𫖯 is beyond GBK, 中 beyond windows-1252.
		{"q=王𫖯", "gbk", "q=%CD%F5%26%23177583%3B"},
		{"q=王𫖯", "gb18030", "q=%CD%F5%98%38%F5%37"},
		{"q=中", "windows-1252", "q=%26%2320013%3B"},
		{"q=café", "windows-1252", "q=caf%E9"},
		// The euro sign is 0x80 in gbk, A2E3 in gb18030.
		{"p=€", "gbk", "p=%80"},
		{"p=€", "gb18030", "p=%A2%E3"},
		// Bytes that are not UTF-8 are kept, escaped.
		{"q=\xff", "gbk", "q=%FF"},
		{"", "gbk", ""},
	}
	for _, tt := range tests {
		if got := EncodeQuery(tt.query, tt.charset); got != tt.want {
			t.Errorf("EncodeQuery(%q, %q) = %q, want %q", tt.query, tt.charset, got, tt.want)
		}
	}
}
