package extract

import (
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/PuerkitoBio/goquery"
)

// Pagination is what a page says about the other pages of its article (or
// list): the page bar's links, the next page, page 1.
type Pagination struct {
	Current int        // this page's number, 1-based; 0 when unknown
	Total   int        // the number of pages when the bar states it; 0 otherwise
	Next    string     // the next page of the same article; "" on the last page
	First   string     // page 1; equal to the page's own URL on page 1
	Pages   []PageLink // every page the bar names, by number
}

// PageLink is one numbered page of a bar.
type PageLink struct {
	N   int
	URL string
}

// Families of page URLs: how the CMSs in the field number the pages of one
// article. A URL's family key is the URL with its page number taken out;
// two URLs are pages of one article only if their keys are equal.
var (
	// NNN_2.html (DedeCMS, EmpireCMS, 动易 and most ASP portals; TRS WCM's
	// t20200222_123_1.html for page 2 too).
	suffixPage = regexp.MustCompile(`^(.*/[^/]*?)_(\d{1,3})(\.[a-zA-Z]{2,5})$`)
	// show-12-345-2.html (PHPCMS v9).
	phpcmsPage = regexp.MustCompile(`^(.*/show-\d+-\d+)-(\d{1,3})(\.html?)$`)
	// thread-123-2-1.html (Discuz).
	discuzPage = regexp.MustCompile(`^(.*/thread-\d+)-(\d{1,3})(-\d+\.html?)$`)
	// /slug/2/ (WordPress <!--nextpage-->).
	pathPage = regexp.MustCompile(`^(.*/[^/]*[^/\d][^/]*)/(\d{1,3})/?$`)
)

// pageParams are query parameters that carry a page number.
var pageParams = []string{"page", "p", "pn", "pg", "paged", "pageno", "pageindex", "articlepage", "curpage", "cp", "pagenum", "page_no"}

// urlFamily returns the family key of u and the page number its URL states
// (0 when the URL states none, which for most CMSs means page 1).
func urlFamily(u string) (key string, n int) {
	pu, err := url.Parse(u)
	if err != nil {
		return u, 0
	}
	pu.Fragment = ""
	if pu.RawQuery != "" {
		q := pu.Query()
		for name, vals := range q {
			for _, p := range pageParams {
				if strings.EqualFold(name, p) && len(vals) == 1 {
					if v, err := strconv.Atoi(vals[0]); err == nil && v >= 0 && v < 1000 {
						q.Del(name)
						pu.RawQuery = q.Encode()
						return pu.String(), v
					}
				}
			}
		}
	}
	path := pu.Scheme + "://" + pu.Host + pu.EscapedPath()
	query := ""
	if pu.RawQuery != "" {
		query = "?" + pu.RawQuery
	}
	for _, re := range []*regexp.Regexp{phpcmsPage, discuzPage, suffixPage} {
		if m := re.FindStringSubmatch(path); m != nil {
			v, _ := strconv.Atoi(m[2])
			return m[1] + m[3] + query, v
		}
	}
	if m := pathPage.FindStringSubmatch(path); m != nil && pu.RawQuery == "" {
		v, _ := strconv.Atoi(m[2])
		return m[1] + "/", v
	}
	return path + query, 0
}

// nextLabels are the anchor texts of a "next page" link. 下一篇 (next
// article) is deliberately absent.
var nextLabels = regexp.MustCompile(`(?i)^(下一页|下页|后页|后一页|下一頁|下頁|next|next\s*page|next\s*›|next\s*»|›|»|>|>>|＞|》)$`)

var firstLabels = regexp.MustCompile(`^(首页|第一页|首頁|第一頁|first|«\s*first)$`)

// numberText matches the text of a numbered bar entry: 2, [2], 【2】, 第2页.
var numberText = regexp.MustCompile(`^[\[［【(（]?\s*(?:第\s*)?(\d{1,3})\s*(?:页|頁)?\s*[\]］】)）]?$`)

// scriptBar matches TRS WCM's page bar, written by script only:
// createPageHTML(total, current, "t20200222_123", "html") — current counts
// from 0; page 1 is t20200222_123.html, page k is t20200222_123_{k-1}.html.
var scriptBar = regexp.MustCompile(`createPageHTML\(\s*['"]?(\d+)['"]?\s*,\s*['"]?(\d+)['"]?\s*,\s*['"]([^'"]+)['"]\s*,\s*['"]([^'"]+)['"]`)

var totalPattern = regexp.MustCompile(`共\s*(\d{1,3})\s*页|[Pp]age\s*\d+\s*of\s*(\d{1,3})|\d+\s*/\s*(\d{1,3})\s*页`)

func bareLabel(s string) string {
	return strings.Trim(strings.TrimSpace(s), "[]［］【】()（）<>〈〉 ")
}

// pagination reads the page bar. It must run before prune: script-written
// bars are only in the scripts.
func (r *reader) pagination(links []Link) Pagination {
	self := r.base.String()
	selfKey, selfN := urlFamily(self)
	numbered := map[int]string{}
	var next, first string

	consider := func(u string) bool {
		k, _ := urlFamily(u)
		return k == selfKey
	}
	for _, l := range links {
		if len(l.Text) > 24 { // bar entries are short; titles are not
			continue
		}
		label := bareLabel(l.Text)
		switch {
		case numberText.MatchString(strings.TrimSpace(l.Text)):
			n, _ := strconv.Atoi(numberText.FindStringSubmatch(strings.TrimSpace(l.Text))[1])
			if n >= 1 && consider(l.URL) {
				if _, seen := numbered[n]; !seen {
					numbered[n] = l.URL
				}
			}
		case nextLabels.MatchString(label) || nextLabels.MatchString(strings.TrimSpace(l.Text)):
			if next == "" && l.URL != self && consider(l.URL) {
				next = l.URL
			}
		case firstLabels.MatchString(strings.ToLower(label)):
			if first == "" && consider(l.URL) {
				first = l.URL
			}
		}
	}
	r.doc.Find(`link[rel="next"], a[rel="next"]`).EachWithBreak(func(_ int, s *goquery.Selection) bool {
		if u := r.resolve(s.AttrOr("href", "")); u != "" && next == "" && u != self && consider(u) {
			next = u
		}
		return next == ""
	})

	total := 0
	r.doc.Find("script").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		text := s.Text()
		if !strings.Contains(text, "createPageHTML") {
			return true
		}
		m := scriptBar.FindStringSubmatch(text)
		if m == nil {
			return true
		}
		total, _ = strconv.Atoi(m[1])
		cur, _ := strconv.Atoi(m[2])
		total = min(total, 500)
		for k := 1; k <= total; k++ {
			name := m[3] + "." + m[4]
			if k > 1 {
				name = m[3] + "_" + strconv.Itoa(k-1) + "." + m[4]
			}
			if u := r.resolve(name); u != "" {
				numbered[k] = u
			}
		}
		selfN = cur + 1
		return false
	})

	p := Pagination{Total: total}
	// This page's number: a bar link to itself names it; else the one
	// number missing from a run of linked numbers (the current page is
	// printed as plain text); else what the URL says.
	for n, u := range numbered {
		if u == self {
			p.Current = n
		}
	}
	if p.Current == 0 && len(numbered) > 0 {
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
		if len(missing) == 1 || (len(missing) > 0 && selfN == 0 && missing[0] == 1) {
			p.Current = missing[0]
		}
	}
	if p.Current == 0 && len(numbered) > 0 {
		p.Current = max(selfN, 1)
	}
	if p.Current > 0 {
		numbered[p.Current] = self
	}
	if total == 0 && len(numbered) > 0 {
		if m := totalPattern.FindStringSubmatch(r.doc.Text()); m != nil {
			for _, g := range m[1:] {
				if g != "" {
					p.Total, _ = strconv.Atoi(g)
				}
			}
		}
	}
	for n, u := range numbered {
		p.Pages = append(p.Pages, PageLink{N: n, URL: u})
	}
	sort.Slice(p.Pages, func(i, j int) bool { return p.Pages[i].N < p.Pages[j].N })

	switch {
	case p.Current > 0 && numbered[p.Current+1] != "":
		p.Next = numbered[p.Current+1]
	case p.Current > 0 && len(numbered) > 1:
		// The bar names no higher page: this is the last one, whatever a
		// stray 下一页 says (on the last page it often links to itself or
		// back to page 1).
		p.Next = ""
	default:
		p.Next = next
	}
	if p.Next == self {
		p.Next = ""
	}
	switch {
	case numbered[1] != "":
		p.First = numbered[1]
	case first != "":
		p.First = first
	case selfN == 0 || p.Current == 1:
		p.First = self
	}
	return p
}
