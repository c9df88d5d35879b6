package extract

import (
	"os"
	"testing"
)

// TestForumPosters: each post of a Discuz! page is signed by its poster;
// on a page of one post, the forum's login box (立即注册) is no poster.
func TestForumPosters(t *testing.T) {
	const dir = "testdata/pagination/discuz-replies/site/"
	for file, want := range map[string][]string{
		"viewthread-124-1.html": {"老街坊", "株洲小马哥", "天元区居民"},
		"viewthread-124-2.html": {"芦淞小王", "老街坊", "石峰网友"},
		"viewthread-124-3.html": {"管理员小株"},
	} {
		raw, err := os.ReadFile(dir + file)
		if err != nil {
			t.Fatal(err)
		}
		p, err := Parse(raw, "text/html; charset=gbk", "http://bbs.zz.example/forum.php?mod=viewthread&tid=124", nil)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, po := range p.posts {
			got = append(got, po.poster)
		}
		if len(got) != len(want) || p.Author != want[0] {
			t.Errorf("%s: posters %q, author %q; want %q", file, got, p.Author, want)
			continue
		}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("%s: posters %q, want %q", file, got, want)
				break
			}
		}
	}
}
