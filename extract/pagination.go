package extract

import (
	"net/url"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Pagination is what a page says about the other pages of its article (or
// list): the page bar's links, the next page, page 1.
type Pagination struct {
	Current int        // this page's number, 1-based; 0 when unknown
	Total   int        // the number of pages when the bar states it; 0 otherwise
	Next    string     // the next page of the same article; "" on the last page
	First   string     // page 1; equal to the page's own URL on page 1; "" when unknown
	Pages   []PageLink // every page the bar names, by number (this page included)
	// Guessed: Current and First come from the URL's shape alone (123_2.html
	// is page 2 of 123.html), the bar naming no other page. Page 1 is then
	// to be checked: it must exist and carry the same article.
	Guessed bool
	// Tentative: the pages the bar names are guessed from a script call's
	// arguments by a convention (pagerCallOf); a page that is not there,
	// or is another page, is no page of the article.
	Tentative bool
	// FormPosted: the bar's next or numbered links post the page's form
	// (ASP.NET's javascript:__doPostBack), and no link leads on: the pages
	// after this one have no address to fetch.
	FormPosted bool

	// bars are the texts of the page bars found (in hashForm), so that
	// Stitch can drop a bar the content extractor took for text.
	bars []string
}

// PageLink is one numbered page of a bar.
type PageLink struct {
	N   int
	URL string
}

// How a page bar is recognised. A bar is an element holding the links to
// the pages: one named like a bar (dede_pages, pagelist, #pages, .pg,
// .page-links, ...) whose text is short, or an unnamed one holding two or
// more numbered links and a sign of a bar (下一页, 共3页, the current page
// as plain text). Inside a bar, links are trusted: a column's index.html
// and its list_2.html are pages of one list although their URLs are not of
// one family. Outside a bar, a link is a page of this article only if its
// URL differs from this page's only by the page number (see SamePages).
var (
	barNames = regexp.MustCompile(`^(pages?|page[-_]?(bar|box|div|list|nav|num|nums|link|links|turn|break|numbers|control|wrap)|pagination.*|pagelist|pager|paging|pg|pgs|fenye|fanye|fy|dede_pages|epages|showpage|show_?page|list_?page|turn_?page|pageturn|cut_?page|wp-pagenavi|post-page-numbers|pagenavi|art_?page|article_?page|content_?page|pages_?content|text-pages)$`)
	// currentNames mark the current page's entry in a bar.
	currentNames = regexp.MustCompile(`^(current|active|thisclass|cur|curr|on|selected|now|this|page-cur|current-page|pagecur|sel)$`)

	// A photo set's pages go picture by picture: 下一张.
	nextLabel = regexp.MustCompile(`(?i)^(下一页|下页|后页|后一页|下一頁|下頁|後頁|後一頁|下一张|下一張|next|next\s*page|nextpage)$`)
	arrowNext = regexp.MustCompile(`^(›|>|＞|→|>>|»|》|››|▶|>>>)$`)
	// « and << are "previous" as often as "first": neither is page 1.
	firstLabel = regexp.MustCompile(`(?i)^(首页|第一页|首頁|第一頁|first|first\s*page|\|<)$`)
	prevLabel  = regexp.MustCompile(`(?i)^(上一页|上页|前页|前一页|上一頁|上頁|前頁|上一张|上一張|prev|previous|previous\s*page)$`)
	lastLabel  = regexp.MustCompile(`(?i)^(尾页|末页|最后一页|最后页|尾頁|末頁|最後一頁|last|last\s*page|>\|)$`)

	// numberText matches a numbered bar entry: 2, [2], 【2】, 第2页, and
	// Discuz's "1 ..." and "... 50".
	numberText = regexp.MustCompile(`^(?:\.\.\.|…|‥)?\s*[\[［【(（]?\s*(?:第\s*)?(\d{1,4})\s*(?:页|頁)?\s*[\]］】)）]?\s*(?:\.\.\.|…|‥)?$`)
)

// What the plain text of a bar states.
var (
	totalText   = regexp.MustCompile(`共\s*(\d{1,4})\s*(?:页|頁)|(?:^|[^\d/])/\s*(\d{1,4})\s*(?:页|頁)|(?i)page\s*\d+\s*of\s*(\d{1,4})|(?i)of\s*(\d{1,4})\s*pages`)
	currentText = regexp.MustCompile(`第\s*(\d{1,4})\s*(?:页|頁)|(?i)page\s*(\d{1,4})\s*of`)
	fracText    = regexp.MustCompile(`(?:^|[^\d])(\d{1,4})\s*/\s*(\d{1,4})(?:[^\d]|$)`)
	countText   = regexp.MustCompile(`共?\s*\d+\s*(?:条|篇|项|個|个|记录|條|篇文章|records?)|每页\s*\d+|\d+\s*条/页`)
	bareNumber  = regexp.MustCompile(`(?:^|[\s\[［【(（\x01|,，:：])(\d{1,4})(?:$|[\s\]］】)）\x01|,，])`)
)

// barAnchor is one link of the page as pagination reads it.
type barAnchor struct {
	node    *html.Node
	url     string
	label   string // the link's text, folded; else its title or image alt
	role    linkRole
	n       int // the page number of a roleNumber link
	bar     *html.Node
	trusted bool // inside a page bar
	current bool // marked as the current page
}

// linkRole is what a link's label makes of it in a page bar.
type linkRole uint8

const (
	roleNone   linkRole = iota // a title, a menu entry: not a bar's
	roleNumber                 // 2, [2], 第2页
	roleNext                   // 下一页, next, ›
	roleFirst                  // 首页
	roleLast                   // 尾页
	rolePrev                   // 上一页: a sign of a bar, not followed
)

// roleOf classifies a link by its label. Titles are long; bar entries
// are short, so most links are done with after a length check.
func roleOf(label string) (linkRole, int) {
	if label == "" || len(label) > 40 {
		return roleNone, 0
	}
	// Quick answers for the many links that are titles: a number must
	// open the label (2, [2], 第2页, ... 50), a word must be a bar's.
	if r, _ := utf8.DecodeRuneInString(label); strings.ContainsRune("0123456789.…‥[［【(（第", r) {
		if m := numberText.FindStringSubmatch(label); m != nil {
			n, _ := strconv.Atoi(m[1])
			if n < 1 {
				return roleNone, 0
			}
			return roleNumber, n
		}
	}
	if !barish(label) {
		return roleNone, 0
	}
	switch {
	case isNextLabel(label):
		return roleNext, 0
	case firstLabel.MatchString(label):
		return roleFirst, 0
	case lastLabel.MatchString(label):
		return roleLast, 0
	case prevLabel.MatchString(trimLabel(label)):
		return rolePrev, 0
	}
	return roleNone, 0
}

// paginator reads the pagination of one page.
type paginator struct {
	r      *reader
	page   string // the page's URL
	self   string // the page's URL, canonical form
	host   string
	bars   map[*html.Node]*barInfo
	order  []*barInfo         // the bars in document order
	texts  map[*html.Node]int // rune counts of element texts
	script *scriptBar
	// dataBars are the elements whose data attributes hold a URL
	// template: bars a site script fills (dataBar).
	dataBars []*html.Node
	// postBack: a next or numbered link posts the page's form;
	// postBackBar holds the first such link.
	postBack    bool
	postBackBar *html.Node
	postBackMax int // the highest page number a posting link names
	// links are the anchors read, for pagination to prune the bars'.
	links []barAnchor
}

type barInfo struct {
	node    *html.Node
	named   bool
	numbers int  // numbered links in it
	signs   bool // a next/prev/first/last link, a 共N页, a plain number
	trusted bool
	used    bool // pagination was read from it
}

// pagination reads the page bar of the page at pageURL (links resolve
// against r.base, which a <base href> may have moved). It must run before
// prune: script-written bars are only in the scripts.
func (r *reader) pagination(pageURL *url.URL) Pagination {
	pg := &paginator{r: r, page: pageURL.String(), self: CanonicalURL(pageURL.String()), host: pageURL.Host,
		bars: map[*html.Node]*barInfo{}, texts: map[*html.Node]int{}}
	p := pg.read()
	for _, b := range pg.order {
		switch {
		case !b.used:
		case pg.textLen(b.node) <= maxBarText && b.node.DataAtom != atom.Td && b.node.DataAtom != atom.Tr && barOnly(b.node):
			r.pageBars = append(r.pageBars, b.node)
		default:
			// A bar that shares its element with text (特此通知。 上一页 1
			// 2): its links go, the text stays.
			for _, a := range pg.links {
				if a.bar == b.node && (a.node.DataAtom == atom.A || a.node.DataAtom == atom.Button) {
					r.barLinks = append(r.barLinks, a.node)
				}
			}
		}
	}
	return p
}

// barOnly says whether n holds a page bar and nothing else: its text
// outside its links is the bar's own words (上一页 共3页 第2页, numbers,
// separators), not a caption or a line of the article beside the bar.
func barOnly(n *html.Node) bool {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				b.WriteString(c.Data)
				b.WriteByte(' ')
			case c.Type == html.ElementNode && c.DataAtom != atom.A && c.DataAtom != atom.Select && c.DataAtom != atom.Script:
				walk(c)
			}
		}
	}
	walk(n)
	return letters(barWords.ReplaceAllString(b.String(), "")) <= 2
}

// barWordsOnly says whether s is nothing but a bar's words.
func barWordsOnly(s string) bool {
	return letters(barWords.ReplaceAllString(s, "")) == 0
}

func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// barWords are what a bar says beside its links.
var barWords = regexp.MustCompile(`(?i)上一页|下一页|上页|下页|前页|后页|上一頁|下一頁|首页|首頁|尾页|尾頁|末页|末頁|上一张|下一张|第\s*\d+\s*[页頁张]|共\s*\d+\s*[页頁张条]|当前|跳转到?|转到|到第|页|頁|\bgo\b|确定|prev(ious)?|next|first|last|page|\d+`)

// maxBarText is the most text an element may hold to be a page bar and
// nothing else: 首页 上一页 1 2 … 20 下一页 尾页 共20页 跳转到 第 页.
const maxBarText = 120

// disagrees says whether a script bar names some page otherwise than a
// bar of links of this page's URL family does.
func (pg *paginator) disagrees(numbered map[int]numEntry, s *scriptBar) bool {
	for k, e := range numbered {
		if u, ok := s.pages[k]; ok && e.rank == 2 && CanonicalURL(e.url) != pg.self && CanonicalURL(u) != CanonicalURL(e.url) {
			return true
		}
	}
	return false
}

func (pg *paginator) read() Pagination {
	self := pg.self
	anchors := pg.anchors()
	pg.links = anchors
	js := pg.r.inlineScripts()
	pg.script = pg.r.scriptBar(pg.self, js)
	if pg.script == nil {
		pg.script = pg.r.dataBar(pg.self, pg.dataBars)
	}
	// Links a script writes whole stand in no bar: they count only when of
	// this page's URL family.
	for _, l := range pg.r.scriptLinks(js) {
		a := barAnchor{url: l.URL, label: l.Text}
		if a.role, a.n = roleOf(a.label); a.role != roleNone && sameHost(a.url, pg.host) {
			anchors = append(anchors, a)
		}
	}

	numbered := map[int]numEntry{}
	put := func(n int, u string, rank int) {
		if e, ok := numbered[n]; !ok || rank > e.rank {
			numbered[n] = numEntry{u, rank}
		}
	}
	familyKnown := false // some numbered link is of this page's URL family
	var nexts []nextCand
	var firsts, lasts []string
	// Whether the bar links anywhere, and anywhere but this page.
	anyLink, anyOther := false, false
	see := func(u string) {
		anyLink = true
		anyOther = anyOther || CanonicalURL(u) != self
	}
	current := 0
	for _, a := range anchors {
		if a.role == roleNone {
			continue
		}
		related := SamePages(self, a.url)
		if !a.trusted && !related {
			continue
		}
		rank := 1
		if related {
			rank = 2
		}
		see(a.url)
		switch a.role {
		case roleNumber:
			// (A bar that links page 1 by its number, ?page=1, links
			// the page at its bare URL too.)
			if CanonicalURL(a.url) == self || CanonicalURL(PageOneURL(a.url)) == self || a.current {
				current = a.n
			}
			put(a.n, a.url, rank)
			familyKnown = familyKnown || (related && CanonicalURL(a.url) != self)
		case roleNext:
			nexts = append(nexts, nextCand{a.url, nextPriority(a.label), related})
		case roleFirst:
			firsts = append(firsts, a.url)
		case roleLast:
			lasts = append(lasts, a.url)
		default: // rolePrev and the rest: no bar's page of their own
			continue
		}
		pg.use(a.bar)
	}
	if familyKnown {
		// The article's own bar is of its URL family; other bars that
		// looked trusted (a comment section's pager) are not its pages.
		for n, e := range numbered {
			if e.rank == 1 {
				delete(numbered, n)
			}
		}
	}
	relNext, relPrev := pg.r.relLinks()
	for _, u := range relNext {
		if SamePages(self, u) {
			nexts = append(nexts, nextCand{u, 0, true})
		}
	}
	for _, u := range append(relNext, relPrev...) {
		if SamePages(self, u) {
			see(u)
		}
	}

	p := Pagination{}
	// What the bars' plain text says: 共3页, 1/3, 第2页, the current
	// page's number standing without a link.
	var bare []int
	for _, b := range pg.order {
		if !b.used {
			continue
		}
		t := pg.barText(b.node)
		if f := hashForm(textOf(b.node)); f != "" && barOnly(b.node) {
			p.bars = append(p.bars, f)
		}
		total, cur, nums := readBarText(t)
		p.Total = max(p.Total, total)
		if current == 0 && cur > 0 {
			current = cur
		}
		bare = append(bare, nums...)
	}
	sort.Strings(p.bars)

	// A script bar yields to the page's own bar of links when they name
	// a page differently: the links are the article's (8803_2.html), the
	// script another pager's (a comment box's ?page=2).
	if s := pg.script; s != nil && !(familyKnown && pg.disagrees(numbered, s)) {
		for k, u := range s.pages {
			put(k, u, 3)
		}
		p.Total = max(p.Total, s.total)
		if s.current > 0 {
			current = s.current
		}
		p.Tentative = s.tentative && !familyKnown
	}

	// This page's number: marked in a bar, else the one plain number of a
	// bar that is not linked, else the one number missing from the linked
	// run, else what the URL says.
	if current == 0 {
		for _, n := range bare {
			if _, linked := numbered[n]; !linked {
				current = n
				break
			}
		}
	}
	if current == 0 && len(numbered) > 0 {
		maxN := 0
		for n := range numbered {
			maxN = max(maxN, n)
		}
		var missing []int
		for n := 1; n <= maxN+1; n++ {
			if _, ok := numbered[n]; !ok {
				missing = append(missing, n)
			}
		}
		if len(missing) == 1 {
			current = missing[0]
		}
	}
	// The URL's shape (123_2.html is page 2 of 123.html) counts only on a
	// page that has a bar: article URLs such as info_5.shtml,
	// detail_88.html or art_1229_4.html have the shape too, and a page
	// with no bar, no next and no previous link is an article of one page.
	// A bar whose links all lead back to the page itself (a template's
	// 首页 尾页 on an article of one page, or a server that ignores the
	// page number) leaves the shape a guess to check (Guessed).
	for _, e := range numbered {
		see(e.url)
	}
	_, urlN := firstPageOf(self)
	if !anyLink && p.Total == 0 && urlN >= 2 {
		// The last page of some templates links no other: its bar is
		// text alone (第3页 共3页), which says what the URL's shape does.
		if total, cur, bar := pg.textBar(); cur == urlN && total >= cur {
			// (Page 1 is the URL's shape's: to be checked, as Guessed says.)
			p.Total, current, p.Guessed = total, cur, true
			if f := hashForm(textOf(bar)); f != "" {
				p.bars = append(p.bars, f)
			}
			if pg.textLen(bar) <= maxBarText {
				pg.r.pageBars = append(pg.r.pageBars, bar)
			}
		}
	}
	switch {
	case !anyLink && p.Total == 0:
		urlN = 0
	case !anyOther && p.Total <= 1 && urlN > 0:
		p.Guessed = true
	}
	if current == 0 && (len(numbered) > 0 || urlN > 0) {
		current = max(urlN, 1)
	}
	p.Current = current

	if current > 0 {
		numbered[current] = numEntry{pg.page, 4}
	}
	for n, e := range numbered {
		p.Pages = append(p.Pages, PageLink{N: n, URL: e.url})
	}
	sort.Slice(p.Pages, func(i, j int) bool { return p.Pages[i].N < p.Pages[j].N })
	// 尾页 names the last page: its number is the total when the URL tells it.
	if p.Total == 0 {
		for _, u := range lasts {
			if n := pg.numberOf(u, numbered); n > 0 && n >= current {
				p.Total = n
			}
		}
	}

	// The next page: the bar's number after this one, else a 下一页 link
	// or rel=next that leads forward (on the last page such links often
	// point at the page itself or back to page 1).
	switch {
	case current > 0 && numbered[current+1].url != "":
		p.Next = numbered[current+1].url
	case current > 0 && p.Total > 0 && current >= p.Total:
		// the last page
	default:
		sort.SliceStable(nexts, func(i, j int) bool { return nexts[i].priority < nexts[j].priority })
		for _, c := range nexts {
			if CanonicalURL(c.url) == self {
				continue
			}
			if n := pg.numberOf(c.url, numbered); n > 0 && current > 0 && n <= current {
				continue
			}
			if familyKnown && !c.related {
				continue // the bar's pages are of one URL family; this link is not
			}
			p.Next = c.url
			break
		}
	}

	// Page 1: the bar's 1 or 首页, else what the URL's scheme makes of it.
	switch {
	case numbered[1].url != "":
		p.First = numbered[1].url
	case len(firsts) > 0 && (!familyKnown || SamePages(self, firsts[0])):
		p.First = firsts[0]
	case current <= 1 && urlN == 0:
		p.First = pg.page
	default:
		if f, _ := firstPageOf(self); f != "" {
			p.First = f
		}
	}
	if CanonicalURL(p.First) == self || CanonicalURL(PageOneURL(p.First)) == self {
		p.First = pg.page
	}
	p.FormPosted = pg.postBack && p.Next == ""
	if p.FormPosted && p.Total == 0 && pg.postBackBar != nil {
		// What the posted bar says of itself (共3页 当前第1页), else the
		// pages its links number; the page is page 1 unless the bar says
		// otherwise (the pages it posts for share one address).
		total, cur, _ := readBarText(pg.barText(pg.postBackBar))
		p.Total = max(total, pg.postBackMax)
		if p.Current == 0 && p.Total > 0 {
			p.Current = max(cur, 1)
		}
	}
	return p
}

// textBar finds a bar of text alone, named as bars are: 第3页 共3页 in
// <div class="pagebar">. It returns what it says and its element.
func (pg *paginator) textBar() (total, current int, bar *html.Node) {
	for n := range pg.r.root.Descendants() {
		if n.Type != html.ElementNode || len(n.Attr) == 0 || n.DataAtom == atom.Body || !barNamed(n) || pg.textLen(n) > 60 {
			continue
		}
		if t, c, _ := readBarText(pg.barText(n)); t > 0 && c > 0 {
			return t, c, n
		}
	}
	return 0, 0, nil
}

// numEntry is a numbered page found: its URL and how much it is trusted
// (1: in a bar, 2: of this page's URL family, 3: from a script bar, 4: the
// page itself).
type numEntry struct {
	url  string
	rank int
}

type nextCand struct {
	url      string
	priority int // lower is better: 0 rel=next, 1 words, 2 arrows, 3 »
	related  bool
}

func isNextLabel(s string) bool {
	return nextLabel.MatchString(trimLabel(s)) || arrowNext.MatchString(strings.ReplaceAll(s, " ", ""))
}

func nextPriority(s string) int {
	switch {
	case nextLabel.MatchString(trimLabel(s)):
		return 1
	case strings.Contains(s, "»") || strings.Contains(s, "》"):
		return 3
	}
	return 2
}

// barish: the label holds a bar's character (页, an arrow) or word (next,
// prev, first, last).
func barish(label string) bool {
	latin := false
	for _, r := range label {
		switch r {
		case '页', '頁', '张', '張', '›', '»', '>', '＞', '→', '<', '«', '‹', '|', '▶', '》':
			return true
		}
		latin = latin || (r < 0x80 && (r|0x20 >= 'a' && r|0x20 <= 'z'))
	}
	if !latin {
		return false
	}
	l := strings.ToLower(label)
	for _, w := range []string{"next", "prev", "first", "last"} {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// trimLabel takes brackets and arrows off a bar label: [下一页], 下一页>>,
// Next ›.
func trimLabel(s string) string {
	return strings.TrimSpace(strings.Trim(strings.TrimSpace(s), "[]［］【】()（）<>〈〉《》«»‹›→←＞ \u00a0"))
}

// numberOf returns the page number u has: by the bar, else by the URL.
func (pg *paginator) numberOf(u string, numbered map[int]numEntry) int {
	for n, e := range numbered {
		if CanonicalURL(e.url) == CanonicalURL(u) {
			return n
		}
	}
	return pageNumberIn(pg.self, u)
}

// anchors lists the page's links with what pagination needs to know of
// each: its label, the bar it stands in.
func (pg *paginator) anchors() []barAnchor {
	var out []barAnchor
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			// (A bar may be made of buttons: <button onclick=
			// "location.href='8813_2.html'">2</button>.)
			if c.DataAtom == atom.A || c.DataAtom == atom.Button && attr(c, "onclick") != "" {
				// Only the links a bar is made of matter: 2, 下一页, 首页.
				// The labels of next *articles* (下一篇, Next post) are none
				// of these.
				if longText(c, 60) {
					continue // a title
				}
				a := barAnchor{node: c, label: anchorLabel(c)}
				if a.role, a.n = roleOf(a.label); a.role == roleNone {
					continue
				}
				// A bar of script links: href="javascript:void(0)"
				// onclick="location.href='46_2.html'".
				if a.url = pg.r.resolve(attr(c, "href")); a.url == "" {
					a.url = pg.r.scriptLink(attr(c, "href"), attr(c, "onclick"), true)
				}
				if a.url == "" && (a.role == roleNext || a.role == roleNumber) && strings.Contains(attr(c, "href")+attr(c, "onclick"), "__doPostBack(") && postedPager(c) {
					pg.postBack = true
					if pg.postBackBar == nil {
						pg.postBackBar = c.Parent
					}
					if a.role == roleNumber {
						pg.postBackMax = max(pg.postBackMax, a.n)
					}
				}
				if a.url == "" || !sameHost(a.url, pg.host) {
					continue
				}
				a.current = a.role == roleNumber && hasCurrentName(c)
				if b := pg.barOf(c, a.role); b != nil {
					a.bar = b.node
					a.trusted = b.trusted
				}
				out = append(out, a)
				continue
			}
			if c.DataAtom == atom.Select {
				out = append(out, pg.jumpMenu(c)...)
				continue
			}
			if c.DataAtom == atom.Script || c.DataAtom == atom.Style {
				continue
			}
			if len(c.Attr) >= 2 && dataTemplate(c) != "" {
				pg.dataBars = append(pg.dataBars, c)
			}
			walk(c)
		}
	}
	walk(pg.r.root)
	// An unnamed region is a bar when it holds two numbered links and a
	// sign of a bar; that is known only once all its links are seen.
	for _, b := range pg.order {
		if !b.trusted && b.numbers >= 2 && (b.signs || pg.barHasSigns(b.node)) && pg.textLen(b.node) <= 200 {
			b.trusted = true
		}
	}
	for i := range out {
		if out[i].bar != nil {
			out[i].trusted = pg.bars[out[i].bar].trusted
		}
	}
	return out
}

// postedPager says whether a link that posts the page's form stands in a
// pager of the page's own (ASP.NET's AspNetPager, a DataPager: a name
// with "pag" in it), not in a calendar, a comment grid's pager or a
// related box's.
func postedPager(a *html.Node) bool {
	pager := false
	for n, level := a.Parent, 0; n != nil && n.Type == html.ElementNode && level < 8; n, level = n.Parent, level+1 {
		name := strings.ToLower(attr(n, "id") + " " + attr(n, "class"))
		if postedElsewhere.MatchString(name) {
			return false
		}
		if level < 4 && (strings.Contains(name, "pag") || strings.Contains(name, "fenye") || barNamed(n)) {
			pager = true
		}
	}
	return pager
}

// postedElsewhere names the boxes whose posted links page something other
// than the article.
var postedElsewhere = regexp.MustCompile(`calendar|comment|pinglun|reply|relate|xgxw|xgwz|liuyan|message`)

// jumpMenu reads a page-jump menu, common on JSP and ASP portals:
// 跳转到 <select onchange="location.href=this.value"><option
// value="show.jsp?id=5&pageNo=2">第2页</option>…: each option whose value
// is an address is a numbered link, the selected one the current page.
// Menus whose values are bare numbers for a script (goPage(this.value))
// name no address and are left alone.
func (pg *paginator) jumpMenu(sel *html.Node) []barAnchor {
	js := strings.ToLower(attr(sel, "onchange"))
	if !strings.Contains(js, "location") && !strings.Contains(js, "href") && !strings.Contains(js, "open(") {
		return nil
	}
	var out []barAnchor
	for _, opt := range options(sel, nil) {
		v := strings.TrimSpace(attr(opt, "value"))
		if !strings.ContainsAny(v, "./?=") {
			continue
		}
		a := barAnchor{node: opt, label: textOf(opt)}
		if a.role, a.n = roleOf(a.label); a.role != roleNumber {
			continue
		}
		if a.url = pg.r.resolve(v); a.url == "" || !sameHost(a.url, pg.host) {
			continue
		}
		_, a.current = hasAttr(opt, "selected")
		if b := pg.barOf(sel, a.role); b != nil {
			a.bar = b.node
			a.trusted = b.trusted
		}
		out = append(out, a)
	}
	return out
}

// options appends the <option> elements under n (in <optgroup>s too).
func options(n *html.Node, out []*html.Node) []*html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.DataAtom {
		case atom.Option:
			out = append(out, c)
		case atom.Optgroup:
			out = options(c, out)
		}
	}
	return out
}

// longText reports whether n holds more than limit bytes of text that is
// not white space, without building the text.
func longText(n *html.Node, limit int) bool {
	count := 0
	var walk func(*html.Node) bool
	walk = func(n *html.Node) bool {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.TextNode {
				for i := 0; i < len(c.Data); i++ {
					if b := c.Data[i]; b != ' ' && b != '\n' && b != '\t' && b != '\r' {
						if count++; count > limit {
							return true
						}
					}
				}
			} else if walk(c) {
				return true
			}
		}
		return false
	}
	return walk(n)
}

func anchorLabel(a *html.Node) string {
	if t := textOf(a); t != "" {
		return t
	}
	if t := cleanLine(attr(a, "title")); t != "" {
		return t
	}
	for c := a.FirstChild; c != nil; c = c.NextSibling {
		if c.DataAtom == atom.Img {
			if alt := cleanLine(attr(c, "alt")); alt != "" {
				return alt
			}
			return arrowImage(attr(c, "src"))
		}
	}
	return ""
}

// arrowImage reads an arrow picture without alt text by its file's name,
// as Xinhua's bar shows xl-next.gif and xl-prev.gif: "next", "prev", or
// "" for any other picture.
func arrowImage(src string) string {
	name := strings.ToLower(path.Base(src))
	name = strings.TrimSuffix(name, path.Ext(name))
	switch {
	case nextPicture.MatchString(name):
		return "next"
	case prevPicture.MatchString(name):
		return "上一页"
	}
	return ""
}

var (
	nextPicture = regexp.MustCompile(`(?:^|[-_])(?:next|nextpage|xyy|xiayiye)(?:$|[-_\d])`)
	prevPicture = regexp.MustCompile(`(?:^|[-_])(?:prev|pre|previous|prevpage|syy|shangyiye)(?:$|[-_\d])`)
)

func hasCurrentName(n *html.Node) bool {
	for _, e := range []*html.Node{n, n.Parent} {
		if e == nil || e.Type != html.ElementNode {
			continue
		}
		for _, tok := range strings.Fields(strings.ToLower(attr(e, "class"))) {
			if currentNames.MatchString(tok) {
				return true
			}
		}
		if attr(e, "aria-current") == "page" {
			return true
		}
	}
	return false
}

// sameHost reports whether u is on the page's site: the same host, with or
// without its default port or a "www." prefix (www.x.gov.cn and x.gov.cn
// are one portal, and their page bars often name the other).
func sameHost(u, host string) bool {
	pu, err := url.Parse(u)
	return err == nil && siteHost(pu.Host) == siteHost(host)
}

func siteHost(h string) string {
	h = strings.ToLower(h)
	h = strings.TrimSuffix(strings.TrimSuffix(h, ":80"), ":443")
	return strings.TrimPrefix(h, "www.")
}

// barOf returns the region a link stands in — the nearest element above it
// that is not inline or a list item — with what is known of it as a bar.
func (pg *paginator) barOf(a *html.Node, role linkRole) *barInfo {
	var region *html.Node
	for n := a.Parent; n != nil && n.Type == html.ElementNode; n = n.Parent {
		if !inlineOrItem[n.DataAtom] || barNamed(n) {
			region = n
			break
		}
	}
	if region == nil || region.DataAtom == atom.Body || region.DataAtom == atom.Html {
		return nil
	}
	b := pg.bars[region]
	if b == nil {
		b = &barInfo{node: region}
		// Named like a bar, itself or one of its two parents, and short.
		level := 0
		for n := region; n != nil && level < 3 && n.DataAtom != atom.Body; n, level = n.Parent, level+1 {
			if barNamed(n) && pg.textLen(n) <= 300 {
				b.named = true
				break
			}
		}
		b.trusted = b.named
		pg.bars[region] = b
		pg.order = append(pg.order, b)
	}
	switch role {
	case roleNumber:
		b.numbers++
	case roleNext, roleFirst, roleLast, rolePrev:
		b.signs = true
	}
	return b
}

// inlineOrItem are the elements a bar's links are wrapped in, inside the
// bar.
var inlineOrItem = map[atom.Atom]bool{
	atom.Span: true, atom.Font: true, atom.B: true, atom.Strong: true, atom.Em: true,
	atom.I: true, atom.U: true, atom.Li: true, atom.Label: true, atom.Small: true,
	atom.Big: true, atom.Nobr: true, atom.Ul: true, atom.Ol: true,
}

func barNamed(n *html.Node) bool {
	for _, tok := range strings.Fields(strings.ToLower(attr(n, "class") + " " + attr(n, "id"))) {
		if barNames.MatchString(tok) {
			return true
		}
	}
	return false
}

func (pg *paginator) use(bar *html.Node) {
	if b := pg.bars[bar]; b != nil {
		b.used = true
	}
}

func (pg *paginator) textLen(n *html.Node) int {
	if l, ok := pg.texts[n]; ok {
		return l
	}
	l := runeCount(textOf(n))
	pg.texts[n] = l
	return l
}

// barHasSigns: the plain text of an unnamed region says it is a bar.
func (pg *paginator) barHasSigns(n *html.Node) bool {
	total, cur, bare := readBarText(pg.barText(n))
	return total > 0 || cur > 0 || len(bare) > 0
}

// barText is the text of a bar with each followed link replaced by \x01:
// what is left is what the bar states in plain text (the current page, the
// total).
func (pg *paginator) barText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				b.WriteString(c.Data)
			case c.Type != html.ElementNode:
			case c.DataAtom == atom.A && pg.r.resolve(attr(c, "href")) != "":
				b.WriteString(" \x01 ")
			case c.DataAtom == atom.Script || c.DataAtom == atom.Style || c.DataAtom == atom.Select || c.DataAtom == atom.Input:
			default:
				if isBlock(c) || c.DataAtom == atom.Br || c.DataAtom == atom.Li {
					b.WriteByte(' ')
				}
				walk(c)
				if isBlock(c) || c.DataAtom == atom.Li {
					b.WriteByte(' ')
				}
			}
		}
	}
	walk(n)
	return cleanLine(b.String())
}

// readBarText reads what a bar's plain text states: the total (共3页,
// 1/3, / 3 页), the current page (第2页, 2/3) and the numbers standing
// without a link (the current page, printed as plain text or in a span).
func readBarText(t string) (total, current int, bare []int) {
	atoi := func(groups []string) int {
		for _, g := range groups {
			if g != "" {
				n, _ := strconv.Atoi(g)
				return n
			}
		}
		return 0
	}
	if m := fracText.FindStringSubmatch(t); m != nil {
		c, _ := strconv.Atoi(m[1])
		tt, _ := strconv.Atoi(m[2])
		if c >= 1 && c <= tt {
			current, total = c, tt
			t = strings.Replace(t, m[0], " ", 1)
		}
	}
	if m := totalText.FindStringSubmatch(t); m != nil {
		total = max(total, atoi(m[1:]))
	}
	t = totalText.ReplaceAllString(t, " ")
	if m := currentText.FindStringSubmatch(t); m != nil && current == 0 {
		current = atoi(m[1:])
	}
	t = currentText.ReplaceAllString(t, " ")
	t = countText.ReplaceAllString(t, " ")
	for _, m := range bareNumber.FindAllStringSubmatch(t, -1) {
		if n, _ := strconv.Atoi(m[1]); n >= 1 {
			bare = append(bare, n)
		}
	}
	// A window of the bar (1 … 23 24 [25] 26 … 50) has one plain number.
	return total, current, bare
}

// relLinks returns the targets of <link> and <a> with rel="next", and
// those with rel="prev" (or "previous").
func (r *reader) relLinks() (next, prev []string) {
	for c := range r.root.Descendants() {
		if c.Type != html.ElementNode || c.DataAtom != atom.Link && c.DataAtom != atom.A {
			continue
		}
		for _, tok := range strings.Fields(strings.ToLower(attr(c, "rel"))) {
			u := ""
			if tok == "next" || tok == "prev" || tok == "previous" {
				u = r.resolve(attr(c, "href"))
			}
			switch {
			case u == "":
			case tok == "next":
				next = append(next, u)
			default:
				prev = append(prev, u)
			}
		}
	}
	return next, prev
}
