package extract

import "testing"

func TestCanonicalURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"http://Example.COM:80/a/1.html#top", "http://example.com/a/1.html"},
		{"http://x.cn/a/1.html?from=index", "http://x.cn/a/1.html"},
		{"http://x.cn/a/1.html?utm_source=wx&utm_medium=s&id=3", "http://x.cn/a/1.html?id=3"},
		{"http://x.cn/show.asp?id=12&spm=a.b", "http://x.cn/show.asp?id=12"},
		{"http://x.cn/show.asp?b=2&a=1", "http://x.cn/show.asp?b=2&a=1"}, // order kept
		// A Discuz thread whatever list page linked it.
		{"http://bbs.x.cn/thread-7-2-3.html", "http://bbs.x.cn/thread-7-2-1.html"},
		{"http://bbs.x.cn/forum.php?mod=viewthread&tid=7&extra=page%3D2", "http://bbs.x.cn/forum.php?mod=viewthread&tid=7"},
		{"http://x.cn/show.asp?id=7&extra=1", "http://x.cn/show.asp?id=7&extra=1"},
		{"https://x.cn:443", "https://x.cn/"},
		{"http://x.cn/s?q=%CA%C0%BD%E7", "http://x.cn/s?q=%CA%C0%BD%E7"}, // GBK escapes kept as written
		{"http://x.cn/s?q=%ca%c0%bd%e7", "http://x.cn/s?q=%CA%C0%BD%E7"}, // in upper case
		{"http://x.cn/g/%d0%c2%ce%c5.html", "http://x.cn/g/%D0%C2%CE%C5.html"},
		{"http://x.cn/u/%e6%96%b0.html", "http://x.cn/u/%E6%96%B0.html"},
		{"http://x.cn/a%2fb/1.html", "http://x.cn/a%2Fb/1.html"}, // an escaped slash stays escaped
	}
	for _, tt := range tests {
		if got := CanonicalURL(tt.in); got != tt.want {
			t.Errorf("CanonicalURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPrintViews(t *testing.T) {
	tests := []struct {
		in    string
		print bool
		first string // UnprintURLs' first guess
	}{
		{"http://x.cn/print.asp?id=123", true, "http://x.cn/show.asp?id=123"},
		{"http://x.cn/Article/Article_Print.asp?ArticleID=9", true, "http://x.cn/Article/Article_Show.asp?ArticleID=9"},
		{"http://x.cn/print/2024/0318/123.html", true, "http://x.cn/2024/0318/123.html"},
		{"http://x.cn/a/123_print.html", true, "http://x.cn/a/123.html"},
		{"http://x.cn/a/123.html?print=1", true, "http://x.cn/a/123.html"},
		{"http://x.cn/content.jsp?id=7&view=print", true, "http://x.cn/content.jsp?id=7"},
		{"http://x.cn/a/123.html?print=0", false, ""},
		{"http://x.cn/a/blueprint.html", false, ""},
		{"http://x.cn/news/printing-industry.html", false, ""},
		{"http://x.cn/show.asp?id=123", false, ""},
	}
	for _, tt := range tests {
		if got := IsPrintView(tt.in); got != tt.print {
			t.Errorf("IsPrintView(%s) = %v, want %v", tt.in, got, tt.print)
		}
		got := UnprintURLs(tt.in)
		if (tt.first == "") != (len(got) == 0) || (len(got) > 0 && got[0] != tt.first) {
			t.Errorf("UnprintURLs(%s) = %q, want %q first", tt.in, got, tt.first)
		}
	}
}

func TestWithoutDefaultPort(t *testing.T) {
	for in, want := range map[string]string{
		"http://x.cn:80/a/1.html?from=index": "http://x.cn/a/1.html?from=index",
		"https://x.cn:443/a/1.html":          "https://x.cn/a/1.html",
		"http://x.cn:8080/a/1.html":          "http://x.cn:8080/a/1.html",
		"https://x.cn:80/a/1.html":           "https://x.cn:80/a/1.html",
		"http://[::1]:80/a.html":             "http://[::1]/a.html",
	} {
		if got := WithoutDefaultPort(in); got != want {
			t.Errorf("WithoutDefaultPort(%q) = %q, want %q", in, got, want)
		}
	}
}
