package extract

import (
	"testing"
	"unicode/utf8"
)

func TestSamePages(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		// DedeCMS, EmpireCMS, 动易: NNN_2.html
		{"http://x.cn/a/2024/0318/123.html", "http://x.cn/a/2024/0318/123_2.html", true},
		{"http://x.cn/a/2024/0318/123_2.html", "http://x.cn/a/2024/0318/123_3.html", true},
		{"http://x.cn/a/list_5_2.html", "http://x.cn/a/list_5_3.html", true},
		{"http://x.cn/a/123.html", "http://x.cn/a/124.html", false}, // the next article
		{"http://x.cn/a/123_2.html", "http://x.cn/b/123_3.html", false},
		// TRS WCM: page 2 is _1; t20240115_1235 is another document
		{"http://x.gov.cn/202401/t20240115_1234.html", "http://x.gov.cn/202401/t20240115_1234_1.html", true},
		{"http://x.gov.cn/202401/t20240115_1234_1.html", "http://x.gov.cn/202401/t20240115_1234_2.html", true},
		{"http://x.gov.cn/202401/t20240115_1234.html", "http://x.gov.cn/202401/t20240115_1235.html", false},
		{"http://x.gov.cn/202401/t20240115_1234_1.html", "http://x.gov.cn/202401/t20240115_1235_1.html", false},
		// PHPCMS v9, Discuz
		{"http://x.cn/show-12-345-1.html", "http://x.cn/show-12-345-2.html", true},
		{"http://x.cn/show-12-345-1.html", "http://x.cn/show-12-346-1.html", false},
		{"http://bbs.x.cn/thread-8848-1-1.html", "http://bbs.x.cn/thread-8848-12-1.html", true},
		{"http://bbs.x.cn/thread-8848-1-1.html", "http://bbs.x.cn/thread-8849-1-1.html", false},
		// 人民网: -N after a long id
		{"http://x.people.com.cn/n2/2024/0305/c356885-40765432.html", "http://x.people.com.cn/n2/2024/0305/c356885-40765432-2.html", true},
		{"http://x.people.com.cn/n2/2024/0305/c356885-40765432.html", "http://x.people.com.cn/n2/2024/0305/c356885-40765433.html", false},
		// query parameters
		{"http://x.cn/content.jsp?id=789", "http://x.cn/content.jsp?id=789&page=2", true},
		{"http://x.cn/ShowArticle.asp?ArticleID=2371&ArticlePage=2", "http://x.cn/ShowArticle.asp?ArticleID=2371&ArticlePage=3", true},
		{"http://x.cn/news.php?id=55&p=2", "http://x.cn/news.php?id=55", true},
		{"http://x.cn/content.jsp?id=789&page=2", "http://x.cn/content.jsp?id=790&page=3", false},
		{"http://blog.x.me/?p=123", "http://blog.x.me/?p=124", false}, // WordPress post ids
		{"http://blog.x.me/?p=123", "http://blog.x.me/?p=123&page=2", true},
		// WordPress <!--nextpage--> and paged archives
		{"http://blog.x.me/2023/11/05/mifen/", "http://blog.x.me/2023/11/05/mifen/2/", true},
		{"http://blog.x.me/2023/11/05/mifen/2/", "http://blog.x.me/2023/11/05/mifen/3/", true},
		{"http://blog.x.me/2023/11/05/mifen/", "http://blog.x.me/2023/11/06/other/", false},
		{"http://blog.x.me/category/food/", "http://blog.x.me/category/food/page/2/", true},
		{"http://blog.x.me/2023/11/", "http://blog.x.me/2023/12/", false}, // months, not pages
		{"http://blog.x.me/archives/123/", "http://blog.x.me/archives/124/", false},
		// tracking parameters and fragments do not make another article
		{"http://x.cn/a/123.html?from=index", "http://x.cn/a/123_2.html#top", true},
		{"http://x.cn/a/123.html?utm_source=wx", "http://x.cn/a/123.html", true},
	}
	for _, tt := range tests {
		if got := SamePages(tt.a, tt.b); got != tt.want {
			t.Errorf("SamePages(%s, %s) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
		if got := SamePages(tt.b, tt.a); got != tt.want {
			t.Errorf("SamePages(%s, %s) = %v, want %v (reversed)", tt.b, tt.a, got, tt.want)
		}
	}
}

func TestFirstPageOfAndPageURL(t *testing.T) {
	tests := []struct {
		u     string
		first string // page 1 by the URL's scheme; "" when u is page 1
		n     int
		next  string // page n+1
	}{
		{"http://x.cn/a/123_3.html", "http://x.cn/a/123.html", 3, "http://x.cn/a/123_4.html"},
		{"http://x.gov.cn/t20240115_1234_2.html", "http://x.gov.cn/t20240115_1234.html", 3, "http://x.gov.cn/t20240115_1234_3.html"},
		{"http://x.cn/show-12-345-3.html", "http://x.cn/show-12-345-1.html", 3, "http://x.cn/show-12-345-4.html"},
		{"http://bbs.x.cn/thread-8848-3-1.html", "http://bbs.x.cn/thread-8848-1-1.html", 3, "http://bbs.x.cn/thread-8848-4-1.html"},
		{"http://x.cn/c.jsp?id=7&page=3&s=1", "http://x.cn/c.jsp?id=7&s=1", 3, "http://x.cn/c.jsp?id=7&page=4&s=1"},
		{"http://blog.x.me/slug/3/", "http://blog.x.me/slug/", 3, "http://blog.x.me/slug/4/"},
		{"http://x.people.com.cn/n2/c1-40765432-3.html", "http://x.people.com.cn/n2/c1-40765432.html", 3, "http://x.people.com.cn/n2/c1-40765432-4.html"},
		{"http://x.cn/a/123.html", "", 0, ""},
		{"http://x.gov.cn/t20240115_1234.html", "", 0, ""},
		{"http://x.cn/photo/tuji_551.html", "", 0, ""}, // a photo set's name and id
		{"http://x.cn/photo/tuji_551_2.html", "http://x.cn/photo/tuji_551.html", 2, "http://x.cn/photo/tuji_551_3.html"}, // and its page 2
		{"http://x.cn/news/list_150.html", "http://x.cn/news/list.html", 150, "http://x.cn/news/list_151.html"},          // a column's page 150
		{"http://x.cn/news/news_12.html", "http://x.cn/news/news.html", 12, "http://x.cn/news/news_13.html"},
	}
	for _, tt := range tests {
		first, n := firstPageOf(tt.u)
		if first != tt.first || n != tt.n {
			t.Errorf("firstPageOf(%s) = %s, %d; want %s, %d", tt.u, first, n, tt.first, tt.n)
		}
		if got := PageURL(tt.u, tt.n, tt.n+1); tt.n > 0 && got != tt.next {
			t.Errorf("PageURL(%s, %d, %d) = %s, want %s", tt.u, tt.n, tt.n+1, got, tt.next)
		}
	}
}

func TestPageOneURL(t *testing.T) {
	for in, want := range map[string]string{
		"http://x.cn/c.jsp?id=789&page=1": "http://x.cn/c.jsp?id=789",
		"http://x.cn/news.php?id=55&p=1":  "http://x.cn/news.php?id=55",
		"http://x.cn/c.jsp?id=789&page=2": "http://x.cn/c.jsp?id=789&page=2",
		"http://x.cn/show-12-345-1.html":  "http://x.cn/show-12-345-1.html", // PHPCMS has no other page 1
		"http://x.cn/a/123.html":          "http://x.cn/a/123.html",
	} {
		if got := PageOneURL(in); got != want {
			t.Errorf("PageOneURL(%s) = %s, want %s", in, got, want)
		}
	}
}

// FuzzPageURLs: the URL schemes never panic, SamePages is symmetric, and a
// URL read as page n of a family is what the family gives for page n.
func FuzzPageURLs(f *testing.F) {
	for _, s := range []string{
		"http://x.cn/a/123_2.html", "http://x.gov.cn/t20240115_1234_1.html", "http://x.cn/show-12-345-2.html",
		"http://bbs.x.cn/thread-8848-3-1.html", "http://x.cn/c.jsp?id=7&page=3", "http://blog.x.me/slug/2/",
		"http://blog.x.me/c/page/4/", "http://x.people.com.cn/n2/c1-40765432-2.html", "http://x.cn/?p=12&p=3",
	} {
		f.Add(s, "http://x.cn/a/123.html")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		if SamePages(a, b) != SamePages(b, a) {
			t.Errorf("SamePages(%q, %q) is not symmetric", a, b)
		}
		if !utf8.ValidString(a) {
			return // links come from decoded text: always UTF-8
		}
		for _, r := range pageRefs(a) {
			if got, want := r.url(r.page()), CanonicalURL(a); r.page() >= 2 && got != want {
				t.Errorf("%q read as page %d gives back %q", a, r.page(), got)
			}
		}
	})
}

// A zero-padded number is not a page number: "_02" read as page 2 would
// be written back as "_2", another URL.
func TestZeroPaddedIsNotAPage(t *testing.T) {
	for _, u := range []string{
		"http://x.cn/a/123_02.html", "http://x.cn/n/20240315-02.htm",
		"http://x.cn/c.jsp?id=7&page=02", "http://x.cn/c.jsp?id=7&page=+2",
	} {
		if refs := pageRefs(u); len(refs) != 0 {
			t.Errorf("pageRefs(%s) = %+v, want none", u, refs)
		}
	}
	if refs := pageRefs("http://x.cn/a/123_2.html"); len(refs) != 1 || refs[0].page() != 2 {
		t.Errorf("pageRefs(123_2.html) = %+v, want page 2", refs)
	}
}
