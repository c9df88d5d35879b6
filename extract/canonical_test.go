package extract

import "testing"

func TestCanonicalURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"http://Example.COM:80/a/1.html#top", "http://example.com/a/1.html"},
		{"http://x.cn/a/1.html?from=index", "http://x.cn/a/1.html"},
		{"http://x.cn/a/1.html?utm_source=wx&utm_medium=s&id=3", "http://x.cn/a/1.html?id=3"},
		{"http://x.cn/show.asp?id=12&spm=a.b", "http://x.cn/show.asp?id=12"},
		{"http://x.cn/show.asp?b=2&a=1", "http://x.cn/show.asp?b=2&a=1"}, // order kept
		{"https://x.cn:443", "https://x.cn/"},
		{"http://x.cn/s?q=%CA%C0%BD%E7", "http://x.cn/s?q=%CA%C0%BD%E7"}, // GBK escapes kept as written
	}
	for _, tt := range tests {
		if got := CanonicalURL(tt.in); got != tt.want {
			t.Errorf("CanonicalURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
