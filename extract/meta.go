package extract

import (
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
)

// pageMeta is the metadata of a page.
type pageMeta struct {
	title     string
	published string
	source    string
	author    string
	// bylineDate: the date came from a labelled field of a byline near
	// the title, a sign of an article.
	bylineDate bool
}

// metadata reads the title, publish time, source and author. Dates and
// names come from the byline near the article's title first — not from the
// page's header clock or its footer's "2019-2021" — then from <meta> tags.
func (r *reader) metadata(loc *time.Location) pageMeta {
	var m pageMeta
	lines := r.lines()
	m.title = r.title(lines)
	zone := bylineZone(lines, m.title)
	roc := r.charset == "big5" || strings.HasPrefix(strings.ToLower(r.doc.Find("html").AttrOr("lang", "")), "zh-tw")

	if d, ok := labelledDate(zone, loc, roc); ok {
		m.published = d.format()
		m.bylineDate = true
	} else if d, ok := r.metaDate(loc); ok {
		m.published = d.format()
	} else if d, ok := anyDate(zone, loc, roc); ok {
		m.published = d.format()
	} else if d, ok := urlDate(r.base, loc); ok {
		m.published = d.format()
	}
	m.source = labelledValue(zone, sourceLabel)
	m.author = labelledValue(zone, authorLabel)
	if m.author == "" {
		m.author = labelledValue(zone, editorLabel)
	}
	if m.author == "" && len(lines) > 0 {
		// 责任编辑 often closes the article instead.
		m.author = labelledValue(tail(lines, m.title), editorLabel)
	}
	if m.author == "" {
		m.author = cleanLine(r.doc.Find(`meta[name="author"]`).AttrOr("content", ""))
	}
	if m.source == "" {
		m.source = cleanLine(r.doc.Find(`meta[name="source"], meta[name="ContentSource"]`).AttrOr("content", ""))
	}
	return m
}

// lines are the text lines of the body in document order, as blocks would
// cut them but with nothing skipped.
func (r *reader) lines() []string {
	if r.bodyLines != nil {
		return r.bodyLines // computed once; Stitch's chrome reads them too
	}
	w := &blockWriter{r: r, keepAll: true}
	w.walk(r.body())
	w.flush()
	out := make([]string, len(w.out))
	for i, b := range w.out {
		out[i] = b.Text
	}
	r.bodyLines = out
	return out
}

// titleSeparators split a <title> into the article's title and the site's
// name: "标题_我爱株洲", "标题 - 某某市人民政府", "标题|栏目|网站".
var titleSeparators = regexp.MustCompile(`\s+[-–—|｜·:：]+\s+|\s*(?:_+|--+|——+|\|+|｜+)\s*`)

// title picks the article's title: the heading that the <title> starts
// with, else og:title, else the <title> without its site suffix.
func (r *reader) title(lines []string) string {
	full := cleanLine(r.doc.Find("title").First().Text())
	og := cleanLine(r.doc.Find(`meta[property="og:title"]`).AttrOr("content", ""))
	parts := titleSeparators.Split(full, -1)
	// A heading that is a leading part of the <title> is the title.
	for _, sel := range []string{"h1", "h2", ".title, .tit, #title, .article-title, .news_title, .biaoti", "h3, strong, b, font"} {
		found := ""
		r.doc.Find(sel).EachWithBreak(func(_ int, s *goquery.Selection) bool {
			h := textOf(s.Nodes[0])
			if runeCount(h) >= 4 && runeCount(h) <= 120 && (strings.HasPrefix(hashForm(full), hashForm(h)) || hashForm(h) == hashForm(og)) {
				found = h
				return false
			}
			return true
		})
		if found != "" {
			return found
		}
	}
	if og != "" {
		return titleSeparators.Split(og, -1)[0]
	}
	if len(parts) > 0 && runeCount(parts[0]) >= 4 {
		return parts[0]
	}
	longest := ""
	for _, p := range parts {
		if runeCount(p) > runeCount(longest) {
			longest = p
		}
	}
	if longest == "" && len(lines) > 0 {
		return ""
	}
	return longest
}

// bylineZone is where the byline is: the few lines after the title's
// heading (and the two before it, where some templates put the date).
func bylineZone(lines []string, title string) []string {
	at := -1
	if title != "" {
		for i, l := range lines {
			if sameTitle(l, title) {
				at = i
				break
			}
		}
	}
	if at < 0 {
		return nil
	}
	var zone []string
	for i := at + 1; i < len(lines) && i <= at+6; i++ {
		if runeCount(lines[i]) > 150 && len(zone) > 0 {
			break // the article has begun
		}
		zone = append(zone, lines[i])
	}
	for i := max(0, at-2); i < at; i++ {
		zone = append(zone, lines[i])
	}
	return zone
}

// tail is the few short lines at the end of the article, where 责任编辑
// often stands: lines after the last long paragraph, up to five.
func tail(lines []string, _ string) []string {
	last := -1
	for i, l := range lines {
		if runeCount(l) > 80 {
			last = i
		}
	}
	if last < 0 {
		return nil
	}
	return lines[last+1 : min(len(lines), last+6)]
}

var dateLabel = regexp.MustCompile(`(发布|发表|更新|上传|录入|成文|印发)?(日期|时间)\s*[:：]|发表于|发布于|[Pp]ublished|[Pp]osted|时间\s*[:：]`)

func labelledDate(zone []string, loc *time.Location, roc bool) (parsedDate, bool) {
	for _, l := range zone {
		if m := dateLabel.FindStringIndex(l); m != nil {
			if d, ok := findDate(l[m[0]:], loc, roc); ok {
				return d, true
			}
		}
	}
	return parsedDate{}, false
}

func anyDate(zone []string, loc *time.Location, roc bool) (parsedDate, bool) {
	for _, l := range zone {
		if runeCount(l) > 100 {
			continue
		}
		if d, ok := findDate(l, loc, roc); ok {
			return d, true
		}
	}
	return parsedDate{}, false
}

// metaDateNames are <meta> names and properties that hold a publish date.
var metaDateNames = []string{
	`meta[property="article:published_time"]`, `meta[name="article:published_time"]`,
	`meta[name="PubDate"]`, `meta[name="pubdate"]`, `meta[name="publishdate"]`,
	`meta[name="publish_date"]`, `meta[name="publishtime"]`, `meta[name="firstpublishedtime"]`,
	`meta[itemprop="datePublished"]`, `meta[name="DC.date.issued"]`, `meta[name="dc.date"]`,
	`meta[name="DC.Date"]`, `meta[name="date"]`, `meta[name="sailthru.date"]`,
	`meta[property="og:published_time"]`, `meta[name="parsely-pub-date"]`,
}

func (r *reader) metaDate(loc *time.Location) (parsedDate, bool) {
	for _, sel := range metaDateNames {
		if v, ok := r.doc.Find(sel).First().Attr("content"); ok {
			if d, ok := parseMetaDate(v, loc); ok {
				return d, true
			}
		}
	}
	if v, ok := r.doc.Find("time[datetime]").First().Attr("datetime"); ok {
		if d, ok := parseMetaDate(v, loc); ok {
			return d, true
		}
	}
	return parsedDate{}, false
}

// urlDate reads the date many CMSs put in article paths: /2020/0222/,
// /2020-02/22/, t20200222_123.html, /20200222/.
var urlDatePattern = regexp.MustCompile(`(?:^|[/_t-])((?:19|20)\d{2})[-/_]?(0[1-9]|1[0-2])[-/_]?(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)`)

func urlDate(u *url.URL, loc *time.Location) (parsedDate, bool) {
	m := urlDatePattern.FindStringSubmatch(u.Path)
	if m == nil {
		return parsedDate{}, false
	}
	d := fromParts(m[1], m[2], m[3], "", "", "", "", 0, loc)
	return d, !d.t.IsZero()
}

var (
	sourceLabel = regexp.MustCompile(`(?:信息来源|文章来源|新闻来源|稿件来源|来源|稿源|出处)\s*[:：]\s*`)
	authorLabel = regexp.MustCompile(`(?:作者|记者|撰稿人?)\s*[:：]\s*|(?:^|\s)文\s*/\s*`)
	editorLabel = regexp.MustCompile(`(?:责任编辑|责编|编辑)\s*[:：]\s*`)
	// valueEnd ends a labelled value: two spaces, another label, a bracket.
	valueEnd = regexp.MustCompile(`\s{2,}|\s*[|｜【】\[\]()（）]|\s+\S{1,6}\s*[:：]`)
)

// labelledValue returns the value after the first label in the zone.
func labelledValue(zone []string, label *regexp.Regexp) string {
	for _, l := range zone {
		m := label.FindStringIndex(l)
		if m == nil {
			continue
		}
		rest := l[m[1]:]
		if e := valueEnd.FindStringIndex(rest); e != nil {
			rest = rest[:e[0]]
		}
		if e := bylineLabel.FindStringIndex(rest); e != nil {
			rest = rest[:e[0]]
		}
		rest = strings.Trim(strings.TrimSpace(rest), " ,，;；")
		if rest != "" && runeCount(rest) <= 30 {
			return rest
		}
	}
	return ""
}
