package extract

import (
	"fmt"
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

// TestThreadWithoutItsFirstPage: a thread whose page 1 could not be read
// has no known author: a replier who opens page 2 is not taken for one,
// and no reply becomes the text.
func TestThreadWithoutItsFirstPage(t *testing.T) {
	const dir = "testdata/pagination/discuz-replies/site/"
	var pages []*Page
	for i, file := range []string{"", "viewthread-124-2.html", "viewthread-124-3.html"} {
		if file == "" {
			pages = append(pages, nil) // page 1 failed
			continue
		}
		raw, err := os.ReadFile(dir + file)
		if err != nil {
			t.Fatal(err)
		}
		p, err := Parse(raw, "text/html; charset=gbk", fmt.Sprintf("http://bbs.zz.example/forum.php?mod=viewthread&tid=124&page=%d", i+1), nil)
		if err != nil {
			t.Fatal(err)
		}
		pages = append(pages, p)
	}
	if doc := Stitch(pages); doc.Text != "" {
		t.Errorf("text %q; want none (every post read is a reply)", doc.Text)
	}
}

// TestUnsignedThread: posts without a poster's link: the thread is its
// opening post alone, page 2's replies are not text.
func TestUnsignedThread(t *testing.T) {
	page := func(n int, posts ...string) *Page {
		b := `<html><head><meta charset="utf-8"><title>小区改造名单 - 株洲论坛</title></head><body><h1>小区改造名单</h1><div id="postlist">`
		for i, m := range posts {
			b += fmt.Sprintf(`<div id="post_%d%d"><div class="authi">发表于 2021-3-%d 10:20</div><table><tr><td class="t_f" id="postmessage_%d%d">%s</td></tr></table></div>`, n, i, n+4, n, i, m)
		}
		p, err := Parse([]byte(b+`</div></body></html>`), "", fmt.Sprintf("http://bbs.test/thread-1-%d-1.html", n), nil)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	const opening = "今天路过建设路，发现那边的老旧小区都在搭脚手架了，问了一下工人说是在做外墙改造。"
	doc := Stitch([]*Page{
		page(1, opening, "我们小区去年改完了，效果还不错，就是施工期间噪音有点大。"),
		page(2, "楼上运气好，我们小区还没排上，希望今年能轮到。", "谢谢大家，查到了，我们小区在第二批名单里。"),
	})
	if doc.Text != opening {
		t.Errorf("text %q; want the opening post alone", doc.Text)
	}
}
