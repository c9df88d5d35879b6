package extract

import (
	"os"
	"strings"
	"testing"
)

// Portals that are not Chinese CMSs: a Drupal city site, a CivicPlus
// News Flash item, a WordPress newspaper, a Japanese city notice in
// Shift_JIS and a Korean board in EUC-KR (both declaring their charset
// only in <meta>), served as text/html without a charset.
func TestNonChinesePortals(t *testing.T) {
	tests := []struct {
		file, url           string
		kind                Kind
		lang, charset       string
		title, published    string
		author              string
		attachments         []string
		textHas, textHasNot []string
	}{
		{
			// A News Flash item two sentences long under a site menu of
			// one- to three-word links is still an article; Document
			// Center links carry no extension but are files.
			file: "civicplus-alert.html", url: "http://anytown.test/CivicAlerts.aspx?AID=124",
			kind: KindArticle, lang: "en", charset: "utf-8",
			title: "City Offices Closed for Good Friday", published: "2024-03-20T00:00:00Z",
			attachments: []string{"http://anytown.test/DocumentCenter/View/456/Annual-Report-PDF"},
			textHas:     []string{"closed Friday, March 29"}, textHasNot: []string{"Other News in Home", "CivicPlus"},
		},
		{
			// The agenda PDF stands in Drupal's file field, a sibling of
			// the body field.
			file: "drupal-news.html", url: "http://springfield.test/news/city-council-approves-2024-budget",
			kind: KindArticle, lang: "en", charset: "utf-8",
			title: "City Council Approves 2024 Budget", published: "2024-03-12T18:45:00-05:00",
			attachments: []string{"http://springfield.test/sites/default/files/2024-03/council-agenda-2024-03-12.pdf"},
			textHas:     []string{"3% cost-of-living adjustment for city employees & funds", "Police\t$98.2M\t$103.5M\t+5.4%"},
			textHasNot:  []string{"Related News", "Spring Leaf Collection", "300 S. Seventh Street"},
		},
		{
			// "By Jane Doe March 15, 2024" on one line; Yoast's UTC
			// article:published_time is the instant the theme's <time>
			// states at -05:00.
			file: "wordpress-post.html", url: "http://ledger.test/2024/03/15/river-festival-returns-after-four-year-hiatus/",
			kind: KindArticle, lang: "en-us", charset: "utf-8",
			title: "River Festival returns after four-year hiatus", published: "2024-03-15T08:00:00-05:00", author: "Jane Doe",
			attachments: []string{"http://ledger.test/wp-content/uploads/2024/03/river-festival-2019.jpg"},
			textHas:     []string{"Conservancy + local youth rowing", "a 25% increase", "“We heard from so many people who missed it,”"},
			textHasNot:  []string{"cookies", "Share this", "Leave a Reply", "Get the Ledger in your inbox", "duck derby was the best part"},
		},
		{
			// Japanese, not Chinese: its dates are not at +08:00. 令和6年
			// is 2024.
			file: "shift_jis-notice.html", url: "http://midori.test/oshirase/page000120.html",
			kind: KindArticle, lang: "ja", charset: "shift_jis",
			title: "～桜まつり～開催のお知らせ", published: "2024-03-01T00:00:00Z",
			textHas: []string{"夜桜ライトアップ"}, textHasNot: []string{"みどり市役所"},
		},
		{
			// A Korean board: 등록일 in one cell, the date in the next.
			file: "euc-kr-board.html", url: "http://noksaek.test/kr/news_view.html",
			kind: KindArticle, lang: "ko", charset: "euc-kr",
			title: "외국인 주민을 위한 생활 안내", published: "2024-02-20T00:00:00Z",
			textHas: []string{"생활 안내 책자를 발간하였습니다."}, textHasNot: []string{"대표전화"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			raw, err := os.ReadFile("testdata/western/" + tt.file)
			if err != nil {
				t.Fatal(err)
			}
			p, err := Parse(raw, "text/html", tt.url, nil)
			if err != nil {
				t.Fatal(err)
			}
			if p.Kind != tt.kind || p.Lang != tt.lang || p.Charset != tt.charset {
				t.Errorf("kind %v, lang %q, charset %q; want %v, %q, %q", p.Kind, p.Lang, p.Charset, tt.kind, tt.lang, tt.charset)
			}
			if p.Title != tt.title || p.Published != tt.published || p.Author != tt.author {
				t.Errorf("title %q, published %q, author %q; want %q, %q, %q", p.Title, p.Published, p.Author, tt.title, tt.published, tt.author)
			}
			var atts []string
			for _, a := range p.Attachments {
				atts = append(atts, a.URL)
			}
			if strings.Join(atts, " ") != strings.Join(tt.attachments, " ") {
				t.Errorf("attachments %q, want %q", atts, tt.attachments)
			}
			text := p.Text()
			for _, s := range tt.textHas {
				if !strings.Contains(text, s) {
					t.Errorf("text lacks %q:\n%s", s, text)
				}
			}
			for _, s := range tt.textHasNot {
				if strings.Contains(text, s) {
					t.Errorf("text has %q:\n%s", s, text)
				}
			}
		})
	}
}

func TestBylineName(t *testing.T) {
	for _, tt := range []struct{ line, want string }{
		{"By Jane Doe March 15, 2024March 15, 2024", "Jane Doe"},
		{"By Jane Doe Friday, March 15, 2024", "Jane Doe"},
		{"By Jane Doe and John Smith Updated 5:02 PM", "Jane Doe and John Smith"},
		{"By Theresa May", "Theresa May"},
		{"Posted on March 15, 2024 by Jane Doe", "Jane Doe"},
		{"2005-9-15 by duscha", "duscha"},
	} {
		m := findPoster(tt.line)
		got := ""
		for i := 1; m != nil && i < len(m)/2; i++ {
			if m[2*i] >= 0 {
				got = bylineName(tt.line[m[2*i]:m[2*i+1]], tt.line[m[2*i+1]:])
				break
			}
		}
		if got != tt.want {
			t.Errorf("%q: %q, want %q", tt.line, got, tt.want)
		}
	}
}
