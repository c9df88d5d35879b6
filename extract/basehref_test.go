package extract

import (
	"os"
	"testing"
)

// <base href> moves where links resolve, not where the page is: an old ASP
// site's article NewsShow.asp?id=88 with <base href="http://host/news/">
// is still an article (its URL is an article's), not the directory its
// base names.
func TestBaseHrefIsNotThePage(t *testing.T) {
	raw, err := os.ReadFile("testdata/asp-basehref.html") // GB18030 bytes, labelled gb2312
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		url, base string
	}{
		{"http://127.0.0.1:18082/news/NewsShow.asp?id=88", "http://127.0.0.1:18082/news/"},
	} {
		p, err := Parse(raw, "text/html", tc.url, nil)
		if err != nil {
			t.Fatal(err)
		}
		if p.Kind != KindArticle {
			t.Errorf("%s: kind %s, want article", tc.url, p.Kind)
		}
		if p.Title != "县长𫖯朱镕调研春耕备耕工作" || p.Author != "王喆" || p.Source != "县政府办" {
			t.Errorf("%s: title %q author %q source %q", tc.url, p.Title, p.Author, p.Source)
		}
		if got := p.Published; got != "2020-02-20T00:00:00+08:00" {
			t.Errorf("%s: published %s", tc.url, got)
		}
		if want := tc.base + "NewsShow.asp?id=88&page=2"; p.Pagination.Next != want {
			t.Errorf("%s: next %q, want %q (resolved against <base href>)", tc.url, p.Pagination.Next, want)
		}
	}
}
