package extract

import (
	"strings"

	"golang.org/x/net/html"
)

// What the class and id of an element say about it. Templates name their
// boxes, and the names are the cheapest evidence there is: a box called
// "comment-list" or "xgwz" (相关文章) is not the article, one called
// "TRS_Editor" or "article-content" is.

// nameClass is a set of findings about an element's class and id.
type nameClass uint8

const (
	nameNegative nameClass = 1 << iota // Readability's negative words: lowers a candidate's score
	namePositive                       // ... positive words: raises it
	nameUnlikely                       // a comment box, sidebar, footer...: not scored at all
	nameMaybe                          // words that overrule nameUnlikely ("main-sidebar-content")
	nameHint                           // a container Chinese CMSs put the article text in
	nameBar                            // a page bar, share bar or tool bar inside the content
	nameFooter                         // the site's footer: copyright, ICP number, who runs the site
	nameMessage                        // a forum post's message cell (forum.go)
)

func (c nameClass) weight() float64 {
	w := 0.0
	if c&nameNegative != 0 {
		w -= 25
	}
	if c&namePositive != 0 {
		w += 25
	}
	return w
}

// Words matched anywhere in the lower-cased class and id. The Latin lists
// are Readability's; the pinyin ones are what Chinese templates call the
// same boxes: pinglun 评论, fenxiang 分享, xgwz/xiangguan 相关(文章),
// tuijian 推荐, remen 热门, paihang 排行, youqing 友情(链接), banquan 版权,
// daohang 导航, weizhi 位置 (the breadcrumb).
var (
	negativeWords = []string{"-ad-", "hidden", "banner", "combx", "comment", "com-", "contact",
		"foot", "masthead", "media", "meta", "outbrain", "promo", "related", "scroll", "share",
		"shoutbox", "sidebar", "skyscraper", "sponsor", "shopping", "tags", "tool", "widget",
		"breadcrumb", "crumb", "copyright", "recommend", "newsletter", "social",
		"pinglun", "fenxiang", "xgwz", "xiangguan", "tuijian", "remen", "paihang", "youqing",
		"friendlink", "banquan", "daohang", "weizhi"}
	positiveWords = []string{"article", "body", "content", "entry", "hentry", "h-entry", "main",
		"page", "post", "text", "blog", "story", "zhengwen", "neirong", "wenzhang", "detail"}
	unlikelyWords = []string{"-ad-", "ai2html", "banner", "breadcrumb", "combx", "comment",
		"community", "cover-wrap", "disqus", "extra", "footer", "gdpr", "header", "legends",
		"menu", "related", "remark", "replies", "rss", "shoutbox", "sidebar", "skyscraper",
		"social", "sponsor", "supplemental", "ad-break", "agegate", "pagination", "pager",
		"popup", "yom-remote", "share", "newsletter", "subscribe", "recommend", "most-read",
		"mostread", "trending", "outbrain", "taboola", "signature",
		"pinglun", "fenxiang", "xgwz", "xiangguan", "tuijian", "remen", "paihang", "youqing",
		"friendlink", "copyright", "banquan", "crumb", "daohang"}
	maybeWords = []string{"and", "article", "body", "column", "content", "main", "mathjax",
		"shadow", "zhengwen", "neirong", "wenzhang"}
	// Whole tokens (class or id words split at - and _) too short to be
	// matched anywhere in a name.
	negativeTokens = map[string]bool{"ad": true, "ads": true, "advert": true, "nav": true,
		"navbar": true, "hot": true, "rank": true, "side": true, "tag": true, "foot": true}
	unlikelyTokens = map[string]bool{"ad": true, "ads": true, "advert": true, "nav": true,
		"navbar": true, "hot": true, "rank": true, "tags": true, "foot": true,
		"sign": true} // a forum poster's signature under each post (Discuz)
)

// contentHints are the containers that Chinese CMSs (TRS WCM, 动易, DedeCMS,
// PHPCMS, EmpireCMS, ...) and common news templates put the article text
// in. Matched as whole class or id tokens, lower-cased.
var contentHints = map[string]bool{
	"trs_editor": true, "trs_ueditor": true, "custom_unionstyle": true, "zoom": true,
	"fontzoom": true, "ozoom": true, "article-content": true, "article_content": true,
	"articlecontent": true, "article-body": true, "article_body": true, "articlebody": true,
	"art_content": true, "artibody": true, "news_content": true, "newscontent": true,
	"news-content": true, "newstext": true, "news_txt": true, "content_text": true,
	"contenttext": true, "con_text": true, "text_content": true, "textcontent": true,
	"detail-content": true, "detail_content": true, "detailcontent": true, "post-content": true,
	"post_content": true, "entry-content": true, "endtext": true, "bodylabel": true,
	"zhengwen": true, "view_content": true, "infocontent": true, "info_content": true,
	"arc_content": true, "content_body": true, "cnt_bd": true, "article-text": true,
	"main-text": true, "txtcontent": true, "art_con": true, "pages_content": true,
	"v_news_content": true, "wp_articlecontent": true, // 博达 VSB, WebPlus: university news
}

// barTokens are class and id tokens of the bars that sit inside a content
// container without being content: page bars, share and tool bars,
// 上一篇/下一篇 links, related lists, comment boxes, footers.
var barTokens = map[string]bool{
	"page": true, "pages": true, "pagination": true, "pagebar": true, "pager": true,
	"pagenav": true, "page-nav": true, "page_nav": true, "paging": true, "fenye": true,
	"dede_pages": true, "pagelist": true, "pagebox": true, "page_box": true, "turnpage": true,
	"turn_page": true, "share": true, "fenxiang": true, "toolbar": true, "tool": true,
	"tools": true, "print": true, "xgwz": true, "footer": true, "foot": true,
	"copyright": true, "prev-next": true, "prevnext": true, "pre_next": true, "prenext": true,
	"shangxia": true, "updown": true, "context": true,
	// 下一条 / 上一条 boxes, with the next story's summary under its title
	"nextone": true, "next-one": true, "next_one": true, "preone": true, "prevone": true,
	"next-article": true, "nextarticle": true, "prev-article": true, "prevarticle": true,
}

// footerTokens name a site's footer (dibu 底部, banquan 版权), also as a
// part of a name (site-footer); footerWholeTokens only as a whole name
// (border-bottom and art-bottom are no footers).
var (
	footerTokens      = map[string]bool{"foot": true, "footer": true, "copyright": true, "banquan": true, "dibu": true}
	footerWholeTokens = map[string]bool{"bottom": true, "ft": true}
)

// barSuffixes end compound names of bars: PHPCMS v9's Article-Tool,
// art_share, news-print.
var barSuffixes = map[string]bool{"tool": true, "tools": true, "toolbar": true, "share": true, "print": true, "fenxiang": true}

// barPrefixes: tokens starting with these are bars too (bdshare_t,
// jiathis_style, related-posts, comment-list).
var barPrefixes = []string{"bdshare", "jiathis", "bshare", "relate", "comment", "pinglun"}

// classify reads an element's class and id. Pages repeat their class
// names many times, so the findings are cached per name.
func (r *reader) classify(n *html.Node) nameClass {
	if n.Type != html.ElementNode {
		return 0
	}
	var cls, id string
	var c nameClass
	for _, a := range n.Attr {
		switch a.Key {
		case "class":
			cls = a.Val
		case "id":
			id = a.Val
		case "itemprop":
			if a.Val == "articleBody" {
				c |= nameHint | namePositive | nameMaybe
			}
		}
	}
	if cls == "" && id == "" {
		return c
	}
	key := cls + "\x00" + id
	if v, ok := r.names[key]; ok {
		return c | v
	}
	v := classifyName(strings.ToLower(cls + " " + id))
	if r.names == nil {
		r.names = map[string]nameClass{}
	}
	r.names[key] = v
	return c | v
}

// nameWords indexes the four word lists by their first byte, so that a
// name is matched against all of them in one pass.
var nameWords = func() (idx [256][]struct {
	word  string
	class nameClass
}) {
	for _, l := range []struct {
		words []string
		class nameClass
	}{{negativeWords, nameNegative}, {positiveWords, namePositive}, {unlikelyWords, nameUnlikely}, {maybeWords, nameMaybe}} {
		for _, w := range l.words {
			idx[w[0]] = append(idx[w[0]], struct {
				word  string
				class nameClass
			}{w, l.class})
		}
	}
	return idx
}()

func classifyName(name string) nameClass {
	var c nameClass
	for i := 0; i < len(name); i++ {
		for _, e := range nameWords[name[i]] {
			if c&e.class == 0 && strings.HasPrefix(name[i:], e.word) {
				c |= e.class
			}
		}
	}
	for _, tok := range strings.Fields(name) {
		if contentHints[tok] {
			c |= nameHint
		}
		if messageClasses[tok] || messageID.MatchString(tok) {
			c |= nameMessage
		}
		parts := strings.FieldsFunc(tok, func(r rune) bool { return r == '-' || r == '_' })
		if barTokens[tok] || hasAnyPrefix(tok, barPrefixes) || len(parts) > 1 && barSuffixes[parts[len(parts)-1]] {
			c |= nameBar
		}
		if footerWholeTokens[tok] {
			c |= nameFooter
		}
		for _, w := range parts {
			if footerTokens[w] {
				c |= nameFooter
			}
			if negativeTokens[w] {
				c |= nameNegative
			}
			if unlikelyTokens[w] {
				c |= nameUnlikely
			}
		}
	}
	return c
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}
