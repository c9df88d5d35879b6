package extract

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// nodeStats are the measures of one element's subtree that content scoring
// uses. Text is measured in textWeight units (a CJK character counts three).
type nodeStats struct {
	text  float64 // all text
	link  float64 // text inside links
	punct int     // prose punctuation
	links int     // number of anchors
	own   float64 // text in the element itself, not in block children
	ownP  int     // punctuation in that own text
	ownL  float64 // link text in that own text
	score float64 // paragraph scores propagated from descendants
}

func (s *nodeStats) linkDensity() float64 {
	if s.text == 0 {
		return 0
	}
	return s.link / s.text
}

// measure fills r.stats for every element of the body, bottom-up.
func (r *reader) measure() {
	r.stats = make(map[*html.Node]*nodeStats, 1024)
	var walk func(n *html.Node, inLink bool) *nodeStats
	walk = func(n *html.Node, inLink bool) *nodeStats {
		st := &nodeStats{}
		inLink = inLink || n.DataAtom == atom.A
		if n.DataAtom == atom.A {
			st.links = 1
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				w, p := textWeight(c.Data)
				st.text += w
				st.own += w
				st.punct += p
				st.ownP += p
				if inLink {
					st.link += w
					st.ownL += w
				}
			case html.ElementNode:
				cs := walk(c, inLink)
				st.text += cs.text
				st.link += cs.link
				st.punct += cs.punct
				st.links += cs.links
				if !isBlock(c) { // inline children are part of this element's own text
					st.own += cs.own
					st.ownP += cs.ownP
					st.ownL += cs.ownL
				}
			}
		}
		r.stats[n] = st
		return st
	}
	walk(r.body(), false)
}

// Class and id words that say a container is (not) the article. Matched
// against the class and id attributes, lower-cased.
var (
	negativeNames = regexp.MustCompile(`comment|footer|footnote|foot\b|^foot|\bnav|menu|sidebar|side_|sider|related|relate|recommend|share|social|sponsor|banner|breadcrumb|crumb|position|weizhi|copyright|friendlink|youqing|xgwz|xiangguan|tuijian|remen|paihang|\brank|pinglun|fenxiang|bdshare|jiathis|\bad\b|-ad-|\bads\b|widget|masthead|shoutbox|skyscraper|promo|login|search|\btags?\b|toolbar|\bhot`)
	positiveNames = regexp.MustCompile(`article|\bbody\b|content|entry|\bmain\b|\bpost\b|\btext\b|story|zoom|trs_editor|unionstyle|artibody|newstext|con_text|wenzhang|zhengwen|detail|neirong`)
)

func nameOf(n *html.Node) string {
	return strings.ToLower(attr(n, "class") + " " + attr(n, "id"))
}

func classWeight(n *html.Node) float64 {
	name := nameOf(n)
	if strings.TrimSpace(name) == "" {
		return 0
	}
	w := 0.0
	if negativeNames.MatchString(name) {
		w -= 25
	}
	if positiveNames.MatchString(name) {
		w += 25
	}
	return w
}

// contentHints are the containers that Chinese CMSs (TRS WCM, 动易, DedeCMS,
// PHPCMS, EmpireCMS, ...) and common news templates put the article text in.
// Matched as whole class or id tokens, lower-cased.
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
}

// mainContent returns the element holding the article text: a known CMS
// container when one holds real prose, else the best-scoring container.
func (r *reader) mainContent() *html.Node {
	r.measure()
	body := r.body()
	if hint := r.hintedContent(); hint != nil {
		return hint
	}
	return r.scoredContent(body)
}

func (r *reader) hintedContent() *html.Node {
	var best *html.Node
	var bestText float64
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if isHint(c) {
				st := r.stats[c]
				// A hint must hold prose: at least a few sentences' worth of
				// text (~40 CJK characters), mostly not links.
				if nonLink := st.text - st.link; nonLink >= 120 && st.linkDensity() < 0.35 && nonLink > bestText*1.1 {
					best, bestText = c, nonLink
				}
			}
			walk(c)
		}
	}
	walk(r.body())
	return best
}

func isHint(n *html.Node) bool {
	if attr(n, "itemprop") == "articleBody" {
		return true
	}
	for _, tok := range strings.Fields(nameOf(n)) {
		if contentHints[tok] {
			return true
		}
	}
	return false
}

// scoredContent is the Readability idea made CJK-aware: every element with
// prose of its own scores by its punctuation and length, the score flows to
// its ancestors (halving with each level), and the ancestor with the best
// score after discounting links wins.
func (r *reader) scoredContent(body *html.Node) *html.Node {
	var candidates []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			st := r.stats[c]
			if st.own-st.ownL >= 25 && c.DataAtom != atom.A {
				units := st.own - st.ownL
				s := 1 + float64(st.ownP) + min(units/100, 3)
				level := 0
				for a := c.Parent; a != nil && a != body.Parent && level < 5; a = a.Parent {
					as := r.stats[a]
					if as == nil {
						break
					}
					if as.score == 0 {
						candidates = append(candidates, a)
					}
					switch level {
					case 0:
						as.score += s
					case 1:
						as.score += s / 2
					default:
						as.score += s / float64(level*3)
					}
					level++
				}
			}
			walk(c)
		}
	}
	walk(body)
	if len(candidates) == 0 {
		return body
	}
	finals := map[*html.Node]float64{}
	final := func(n *html.Node) float64 {
		if f, ok := finals[n]; ok {
			return f
		}
		st := r.stats[n]
		f := (st.score + classWeight(n)) * (1 - st.linkDensity())
		finals[n] = f
		return f
	}
	top := candidates[0]
	for _, c := range candidates[1:] {
		if final(c) > final(top) {
			top = c
		}
	}
	// Climb while an ancestor gathers more: paragraphs split over several
	// sibling containers belong together.
	last := final(top)
	for p := top.Parent; p != nil && p != body; p = p.Parent {
		if r.stats[p] == nil || r.stats[p].score == 0 { // nil: above <body>, when body itself won
			continue
		}
		ps := final(p)
		if ps < final(top)/3 {
			break
		}
		if ps > last {
			top = p
			break
		}
		last = ps
	}
	// A lone child holds nothing its parent doesn't; the parent keeps the
	// title and byline close by for the metadata reader.
	for top.Parent != nil && top.Parent != body && onlyElementChild(top) {
		top = top.Parent
	}
	return top
}

func onlyElementChild(n *html.Node) bool {
	for c := n.Parent.FirstChild; c != nil; c = c.NextSibling {
		if c != n && (c.Type == html.ElementNode || (c.Type == html.TextNode && strings.TrimSpace(c.Data) != "")) {
			return false
		}
	}
	return true
}
