package extract

import (
	"net/url"
	"path"
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// listURL and articleURL match the URL shapes of list pages and of
// articles in the common CMSs.
var (
	listURL = regexp.MustCompile(`(?i)/(list|index|more|column|lanmu|node|category|tag|search)[_-]?[\d_]*\.(s?html?|asp|aspx|php|jsp)$|/(list|lists|search|tag|tags|category|column|date|calendar)/|[?&](classid|catid|typeid|columnid|nodeid|page)=\d+$|/$`)
	// articleDir is the last directory of an address that may name an
	// article (ownDirectory decides): an id (/zh-hant/news/1034567/), or a
	// slug of four words or more (/news/ipim-portugal-food-expo-2024/), as
	// WordPress-like CMSs name posts.
	articleDir = regexp.MustCompile(`(?i)/(\d{5,}|[a-z0-9]+(?:-[a-z0-9]+){3,})/$`)
	// listWords are the words a column's slug is made of.
	listWords = regexp.MustCompile(`(?i)^(?:news|releases?|press|media|events?|topics?|category|categories|archives?|notices?|announcements?|list|index|columns?|tags?|initiatives?|updates?|stories|articles|posts|campus|latest|whats|new)$`)
	// dateArchive is an address of a date alone (/2024/06/, /2024/06/16/,
	// its page 2): a blog's archive of a year, month or day.
	dateArchive = regexp.MustCompile(`^/(?:19|20)\d{2}/(?:(?:0[1-9]|1[0-2])/(?:(?:0[1-9]|[12]\d|3[01])/)?)?(?:page/\d+/?)?$`)
	articleURL  = regexp.MustCompile(`(?i)/[a-z]?\d{3,}(_\d+)?\.(s?html?|asp|aspx|php|jsp)$|[?&](id|aid|articleid|newsid|infoid|docid|artid|contentid)=\d+|/t\d{8}_\d+|/art_\d+_\d+\.s?html?|/show-\d+-\d+|/thread-\d+|/\d{4}/\d{2,4}/`)
)

// ownDirectory says whether u (path and query) ends in a directory that
// names an article of its own: an id that is no month's or day's folder
// (/202405/) nor a column's (/xwzx/10245/, /news/123456/: ids under seven
// digits are an article's only under detail/, content/ and the like), or a
// post's slug, long or dated, that is no column's (news-and-media-releases)
// nor a topic's (/topics/belt-and-road-initiative/).
func ownDirectory(u string) bool {
	m := articleDir.FindStringSubmatchIndex(u)
	if m == nil || listURL.MatchString(strings.TrimSuffix(u, "/")) {
		return false
	}
	name, parent := u[m[2]:m[3]], path.Base(u[:m[2]])
	if name[0] >= '0' && name[0] <= '9' {
		// (Columns have ids of six digits too: /news/123456/, /channel/100234/.)
		return !dateFolder.MatchString(name) && (len(name) >= 7 || itemParent.MatchString(parent))
	}
	words := strings.Split(strings.ToLower(name), "-")
	if topicParent.MatchString(parent) || len(words) < 5 && !strings.ContainsAny(name, "0123456789") {
		return false // a post's slug is longer, or dated: mif-2024-press-conference
	}
	for _, w := range words {
		if !listWords.MatchString(w) && !stopWords[w] {
			return true
		}
	}
	return false // every word a column's: news-and-media-releases
}

// itemParent is the folder an item's id follows: /detail/59631/.
var itemParent = regexp.MustCompile(`(?i)^(?:detail|details|content|article|articles|show|view|post|item)$`)

// topicParent is the folder a topic's or a column's slug follows.
var topicParent = regexp.MustCompile(`(?i)^(?:topics?|category|categories|tags?|columns?|special|zhuanti|series|channel)$`)

// linksPostOf says whether content links a post of the date archive at
// path (/2024/06/16/ to /2024/06/night-market/) by its headline or its
// 继续阅读: the archive's item, where a journal's page of one day links
// only the days around it, or a note in a sentence.
func (r *reader) linksPostOf(content *html.Node, path string) bool {
	month := path[:min(len(path), len("/2024/06/"))]
	for n := range content.Descendants() {
		if n.Type != html.ElementNode || n.DataAtom != atom.A {
			continue
		}
		u, err := url.Parse(r.resolve(attr(n, "href")))
		if err != nil || u.Host != r.page.Host || !strings.HasPrefix(u.Path, month) || len(u.Path) <= len(month) || dateArchive.MatchString(u.Path) {
			continue
		}
		if st := r.stats[n]; st != nil && standsAlone(n, st.text, r.stats) {
			return true
		}
	}
	return false
}

// stopWords are the little words of a slug.
var stopWords = map[string]bool{"and": true, "of": true, "the": true, "for": true, "in": true, "a": true, "to": true}

// dateFolder is a folder named by a month or a day: 202405, 20240508.
var dateFolder = regexp.MustCompile(`^(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:[0-3]\d)?$`)

// kind decides between an article and a list page by weighing signs: an
// article has prose of its own and a byline; a list page is links to
// articles (titles, often with dates and teasers cut short with an
// ellipsis) and little prose. The URL's shape tips close cases.
func (r *reader) kind(content *html.Node, blocks []Block, dated bool) Kind {
	prose, teasers, tables := 0.0, 0, 0
	for _, b := range blocks {
		if isTeaser(b.Text) {
			teasers++
			continue
		}
		if b.Kind == Table {
			tables++
		}
		if b.Kind == Paragraph {
			if units, punct := textWeight(b.Text); punct >= 2 || units >= 150 {
				prose += units
			}
		}
	}
	// Links in the parts of the content that blocks left out (related
	// lists, 上一篇/下一篇) do not count.
	contentTitles := r.titleLinks(content, newBlockWriter(r, content).skip)
	bodyTitles := r.titleLinks(r.body(), nil)
	score := 0
	switch {
	case prose >= 3000: // a thousand CJK characters, or a long English story
		score += 3
	case prose >= 600: // about 200 CJK characters of sentences
		score += 2
	case prose >= 150:
		score++
	}
	// A byline's date, or one the page states in <meta> or JSON-LD for
	// itself; og:type says so outright.
	dated = dated || r.head.metaValue(metaDateKeys...) != "" || r.head.ldDate != ""
	if dated {
		score++
	}
	declared := strings.EqualFold(r.head.metaValue("og:type"), "article")
	if declared {
		score++
	}
	// The shape of page 1's URL: 8803.html?page=2 is an article's page 2
	// as 8803_2.html is, list.jsp?page=2 a list's.
	// (Not a page 1 that is a bare file or script, news.asp?page=3 and
	// NewsList.aspx?page=2: what the number pages is all there is of it,
	// a list.)
	u := r.page.Path + queryPart(r.page.RawQuery)
	if first, n := firstPageOf(r.page.String()); n >= 2 {
		if fu, err := url.Parse(first); err == nil && (fu.RawQuery != "" || articleURL.MatchString(fu.Path)) {
			u = fu.Path + queryPart(fu.RawQuery)
		}
	}
	switch {
	case dateArchive.MatchString(u) && r.linksPostOf(content, u):
		score-- // a blog's archive of a day or month, not a post in it
	case articleURL.MatchString(u):
		score++
	case ownDirectory(u):
		score++ // a directory named like an article, not a column's trailing slash
	case listURL.MatchString(u):
		score--
	}
	if contentTitles >= 5 && contentTitles*3 >= max(len(blocks), 1) {
		score -= 3
	}
	if bodyTitles >= 15 && prose < 300 {
		// Many titles around little prose: a list, or a short story
		// beside a "latest news" box, which its byline tells apart.
		score -= 2
		if dated {
			score++
		}
	}
	if teasers >= 3 {
		score -= 2
	}
	// A page with no prose, no table and no date of its own is no
	// article, whatever its URL, unless it says it is one: a form, a box
	// of links, the page of a session trap. (A 公示 that is only a table,
	// or a 附件 link under a dated byline, is one.)
	if score > 0 && (prose > 0 || tables > 0 || dated || declared) {
		return KindArticle
	}
	return KindList
}

// isTitleLink says whether a link's text is shaped like an article's
// title: 8 to 60 characters; in a language that spaces its words, also
// four words or more, as headlines are ("Water Main Repair on Elm
// Street"): eight letters are one word there, and the one- to three-word
// items of a menu ("Departments", "Agendas & Minutes") are not titles.
func isTitleLink(s string) bool {
	k := runeCount(s)
	if k < 8 || k > 60 {
		return false
	}
	for _, r := range s {
		if isCJK(r) {
			return true
		}
	}
	return len(strings.Fields(s)) >= 4
}

func isTeaser(s string) bool {
	return strings.HasSuffix(s, "……") || strings.HasSuffix(s, "...") || strings.HasSuffix(s, "…")
}

// titleLinks counts the links under n whose text looks like an article
// title: 8 to 60 characters; skip leaves subtrees out.
func (r *reader) titleLinks(n *html.Node, skip func(*html.Node) bool) int {
	count := 0
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || (skip != nil && skip(c)) {
				continue
			}
			if isLink(c) {
				// 8 to 60 characters: 24 to 180 units of CJK, 8 to 60 of
				// Latin; and the line is mostly the link: a link inside a
				// sentence is not an entry of a list. A file is no
				// article: a notice's 附件 list of eight .doc and .xls is
				// still a notice.
				if st := r.stats[c]; st != nil && st.text >= 8 && st.text <= 180 && standsAlone(c, st.text, r.stats) {
					if isTitleLink(textOf(c)) && !linksFile(c) {
						count++
					}
				}
				continue
			}
			walk(c)
		}
	}
	walk(n)
	return count
}

// standsAlone says whether a link of the given text weight is most of
// the text of its nearest block.
func standsAlone(a *html.Node, text float64, stats map[*html.Node]*nodeStats) bool {
	for p := a.Parent; p != nil; p = p.Parent {
		if isBlock(p) {
			st := stats[p]
			return st == nil || st.text < text*2
		}
	}
	return true
}

func queryPart(q string) string {
	if q == "" {
		return ""
	}
	return "?" + q
}

// attachmentExt are the file types an article links to as attachments.
var attachmentExt = map[string]bool{
	".pdf": true, ".doc": true, ".docx": true, ".xls": true, ".xlsx": true, ".wps": true,
	".et": true, ".dps": true, ".ppt": true, ".pptx": true, ".zip": true, ".rar": true,
	".7z": true, ".txt": true, ".csv": true, ".ofd": true, ".tif": true, ".tiff": true,
}

// downloadURL matches script-backed download links that hide the file name.
var downloadURL = regexp.MustCompile(`(?i)(download|down|getfile|attach|fujian)[^/]*\.(jsp|asp|aspx|php|do)\?`)

// fileRoute matches the file routes of CMSs whose document links carry no
// extension: CivicPlus's Document Center (/DocumentCenter/View/456/Annual-Report-PDF),
// Agenda Center (/AgendaCenter/ViewFile/Agenda/_03122024-123) and Archive
// Center (/Archive.aspx?ADID=789), each answering with the file.
var fileRoute = regexp.MustCompile(`(?i)/DocumentCenter/(?:Home/)?View/\d+|/AgendaCenter/ViewFile/|/Archive\.aspx\?ADID=\d+`)

// attachments lists the files the main content links to or embeds, and
// those of a 附件 block right after it, in reading order.
func (r *reader) attachments(content *html.Node) []Link {
	var out []Link
	seen := map[string]bool{}
	add := func(u, title string) {
		if u != "" && !seen[u] {
			seen[u] = true
			out = append(out, Link{URL: u, Text: title})
		}
	}
	// An image inside a box the text leaves out (a share or tool bar, a
	// related list with thumbnails) is the template's, not the article's:
	// PHPCMS puts its print and share icons inside the article container.
	// Links to files stay wherever they are: a 附件 list is mostly links.
	w := newBlockWriter(r, content)
	var visit func(*html.Node, bool)
	visit = func(c *html.Node, chrome bool) {
		if c.Type != html.ElementNode || r.excluded[c] {
			return
		}
		if c != content && !chrome && contains(content, c) && w.skip(c) {
			chrome = true
		}
		switch c.DataAtom {
		case atom.A:
			u := r.resolve(attr(c, "href"))
			if u != "" && isAttachmentURL(u) {
				add(u, textOf(c))
			}
		case atom.Img:
			src := attr(c, "src")
			if chrome || src == "" || strings.HasPrefix(src, "data:") {
				break
			}
			add(r.resolve(src), cleanLine(attr(c, "alt")))
		case atom.Embed, atom.Object:
			src := attr(c, "src")
			if src == "" {
				src = attr(c, "data")
			}
			if u := r.resolve(src); u != "" && isAttachmentURL(u) {
				add(u, cleanLine(attr(c, "title")))
			}
		}
		for cc := c.FirstChild; cc != nil; cc = cc.NextSibling {
			visit(cc, chrome)
		}
	}
	visit(content, false)
	// The 附件 block: the next few siblings of the content (or of its
	// parent) that mention 附件, or are a CMS's file field (Drupal renders
	// a node's files in a field of their own after the body's:
	// <div class="field field--name-field-attachments field--type-file">).
	for _, start := range []*html.Node{content, content.Parent} {
		if start == nil {
			continue
		}
		i := 0
		for s := start.NextSibling; s != nil && i < 4; s = s.NextSibling {
			if s.Type != html.ElementNode {
				continue
			}
			i++
			if strings.Contains(textOf(s), "附件") || isFileField(s) {
				visit(s, false)
			}
		}
	}
	return out
}

// isFileField says whether n is a Drupal file field (Drupal 8 and later:
// field--type-file; Drupal 7: field-type-file), which holds the node's
// attached documents.
func isFileField(n *html.Node) bool {
	for _, c := range strings.Fields(attr(n, "class")) {
		if c == "field--type-file" || c == "field-type-file" {
			return true
		}
	}
	return false
}

func isAttachmentURL(u string) bool {
	p := u
	if i := strings.IndexAny(p, "?#"); i >= 0 {
		p = p[:i]
	}
	return attachmentExt[strings.ToLower(path.Ext(p))] || (strings.IndexByte(u, '?') >= 0 && downloadURL.MatchString(u)) || fileRoute.MatchString(u)
}

// linksFile says whether a link leads to a file (a PDF, a spreadsheet, a
// download script), not to a page. The href as written tells: its path's
// extension and its query are those of the URL it resolves to.
func linksFile(a *html.Node) bool {
	href := strings.TrimSpace(attr(a, "href"))
	return href != "" && isAttachmentURL(href)
}
