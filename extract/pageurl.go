package extract

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
)

// How the CMSs in the field number the pages of one article (or list) in
// its URLs. A URL is read as prefix + n + suffix; two URLs are pages of one
// article when one of their readings names the same family, i.e. they
// differ only in the page number. The schemes, in the order they are tried:
//
//	t20200222_123_1.html        TRS WCM: page k is _{k-1}; page 1 has no suffix
//	show-12-345-2.html          PHPCMS v9: page 1 is -1
//	thread-123-2-1.html         Discuz: page 1 is -1-1
//	123_2.html, list_5_2.html   DedeCMS, EmpireCMS, 动易 and most ASP portals
//	c1001-40189234-2.html       人民网 and other portals: -N after a long id
//	?page=2, &ArticlePage=2     query parameters (&p=2 too, but not WordPress's ?p=123)
//	/slug/2/, /page/2/          WordPress <!--nextpage--> and paged archives
type pageScheme uint8

const (
	schemeTRS pageScheme = iota + 1
	schemePHPCMS
	schemeDiscuz
	schemeSuffix
	schemeHyphen
	schemeQuery
	schemePath
)

// pageRef is one reading of a URL as page n of a family.
type pageRef struct {
	scheme         pageScheme
	prefix, suffix string // the URL is prefix + n + suffix
	n              int    // the number the URL writes
	offset         int    // the page number is n + offset (TRS: _1 is page 2)
	first          string // page 1 of the family
}

// family names the article (or list) whatever the page.
func (r pageRef) family() string {
	return strconv.Itoa(int(r.scheme)) + "\x00" + r.prefix + "\x00" + r.suffix
}

// page is the 1-based page number the URL stands for.
func (r pageRef) page() int { return r.n + r.offset }

// url returns page k of the family.
func (r pageRef) url(k int) string {
	if k <= 1 {
		return r.first
	}
	return r.prefix + strconv.Itoa(k-r.offset) + r.suffix
}

// The schemes read a URL's file name (the path's last segment); the
// regular expressions never see a whole URL, which keeps them cheap on
// pages with thousands of links.
var (
	trsPage    = regexp.MustCompile(`^(t\d{8}_\d+)_(\d{1,3})(\.s?html?)$`)
	trsDoc     = regexp.MustCompile(`^t\d{8}$`)
	phpcmsPage = regexp.MustCompile(`^(show-\d+-\d+-)(\d{1,3})(\.html?)$`)
	discuzPage = regexp.MustCompile(`^(thread-\d+-)(\d{1,4})(-\d+\.html?)$`)
	suffixPage = regexp.MustCompile(`^(.*[^_])_(\d{1,4})(\.[a-zA-Z]{2,5})$`)
	hyphenPage = regexp.MustCompile(`^(.*\d{5})-(\d{1,2})(\.s?html?)$`)
	allDigits  = regexp.MustCompile(`^\d+$`)
)

// idSuffix says whether name_num is an article's name and id (tuji_551,
// photo_2381) rather than page num of name: a word without digits before
// a number of three digits or more — no article runs to a hundred pages,
// and a column's pages are index_N, list_N.
func idSuffix(name, num string) bool {
	return len(num) >= 3 && !strings.ContainsAny(name, "0123456789") && !columnStem.MatchString(name)
}

// columnStem is the name of a column's pages: index_2, list_150.
var columnStem = regexp.MustCompile(`(?i)^(index|list|default|more|page|node|lists?[_-]?\w*)$`)

// pageParams are query parameters that carry a page number, lower case.
// (Not pageid: CMSs name a page's record with it, not its number.)
var pageParams = map[string]bool{
	"page": true, "p": true, "pn": true, "pg": true, "paged": true, "pageno": true,
	"pageindex": true, "articlepage": true, "curpage": true, "cp": true, "pagenum": true,
	"page_no": true, "pagenumber": true, "currentpage": true, "nowpage": true, "ipage": true,
	"startpage": true, "pages": true, "npage": true,
}

// pageRefs reads u under every scheme that fits it. A URL that writes no
// page number has no readings: it is page 1 of its family, which is
// itself.
func pageRefs(u string) []pageRef {
	if !strings.ContainsAny(u, "0123456789") {
		return nil // every scheme numbers with digits
	}
	pu, err := url.Parse(CanonicalURL(u))
	if err != nil || pu.Host == "" || (pu.Scheme != "http" && pu.Scheme != "https") {
		return nil
	}
	escaped := pu.EscapedPath()
	cut := strings.LastIndexByte(escaped, '/') + 1
	// scheme://[user info@]host: the user info kept, as CanonicalURL keeps it.
	origin := (&url.URL{Scheme: pu.Scheme, User: pu.User, Host: pu.Host}).String()
	dir := origin + escaped[:cut]
	file := escaped[cut:]
	query := ""
	if pu.RawQuery != "" {
		query = "?" + pu.RawQuery
	}
	var refs []pageRef
	add := func(s pageScheme, prefix, num, suffix string, offset int, first string) {
		n, ok := pageNumber(num)
		if !ok {
			return
		}
		refs = append(refs, pageRef{scheme: s, prefix: prefix, suffix: suffix, n: n, offset: offset, first: first})
	}
	if file != "" && strings.ContainsAny(file, "0123456789") {
		if m := trsPage.FindStringSubmatch(file); m != nil {
			add(schemeTRS, dir+m[1]+"_", m[2], m[3]+query, 1, dir+m[1]+m[3]+query)
		} else if m := phpcmsPage.FindStringSubmatch(file); m != nil {
			add(schemePHPCMS, dir+m[1], m[2], m[3]+query, 0, dir+m[1]+"1"+m[3]+query)
		} else if m := discuzPage.FindStringSubmatch(file); m != nil {
			add(schemeDiscuz, dir+m[1], m[2], m[3]+query, 0, dir+m[1]+"1"+m[3]+query)
		} else if m := suffixPage.FindStringSubmatch(file); m != nil && !trsDoc.MatchString(m[1]) && !idSuffix(m[1], m[2]) {
			add(schemeSuffix, dir+m[1]+"_", m[2], m[3]+query, 0, dir+m[1]+m[3]+query)
		} else if m := hyphenPage.FindStringSubmatch(file); m != nil {
			add(schemeHyphen, dir+m[1]+"-", m[2], m[3]+query, 0, dir+m[1]+m[3]+query)
		}
	}
	if pu.RawQuery != "" {
		return append(refs, queryRefs(dir+file, pu)...)
	}
	// /slug/2/ and /category/x/page/2/: the number is a segment of its own.
	segs := strings.Split(strings.TrimSuffix(escaped, "/"), "/")
	if len(segs) < 3 {
		return refs
	}
	num, parent := segs[len(segs)-1], segs[len(segs)-2]
	if !allDigits.MatchString(num) {
		return refs
	}
	slash := ""
	if strings.HasSuffix(escaped, "/") {
		slash = "/"
	}
	above := origin + strings.Join(segs[:len(segs)-1], "/") + "/"
	switch {
	case parent == "page" && len(num) <= 4:
		first := origin + strings.Join(segs[:len(segs)-2], "/") + "/"
		add(schemePath, above, num, slash, 0, first)
	case len(num) <= 2 && !allDigits.MatchString(parent):
		// not /2020/02/ (a month) nor /archives/123/ (a post)
		add(schemePath, above, num, slash, 0, above)
	}
	return refs
}

// pageNumber reads a page number as the schemes write it: digits only,
// without a leading zero. "02" or "+2" is some other number (a month, a
// code): read as page 2 it would give back a different URL for page 2.
func pageNumber(s string) (int, bool) {
	if s == "" || (len(s) > 1 && s[0] == '0') || !allDigits.MatchString(s) {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

// queryRefs reads the page parameters of a query. The parameter's place
// in the query is kept, so that page k's URL is written as the site
// writes it. A lone ?p=123 on the site's root is WordPress's post id, not
// a page.
func queryRefs(base string, pu *url.URL) []pageRef {
	parts := strings.Split(pu.RawQuery, "&")
	var refs []pageRef
	for i, part := range parts {
		name, val, ok := strings.Cut(part, "=")
		lname := strings.ToLower(name)
		if !ok || !pageParams[lname] {
			continue
		}
		n, ok := pageNumber(val)
		if !ok || n > 9999 {
			continue
		}
		if lname == "p" && len(parts) == 1 && (pu.Path == "/" || pu.Path == "" || strings.HasSuffix(pu.Path, "/index.php")) {
			continue
		}
		before := strings.Join(parts[:i], "&")
		after := strings.Join(parts[i+1:], "&")
		prefix := base + "?" + before
		if before != "" {
			prefix += "&"
		}
		prefix += name + "="
		suffix := ""
		if after != "" {
			suffix = "&" + after
		}
		rest := strings.Join(append(append([]string{}, parts[:i]...), parts[i+1:]...), "&")
		first := base
		if rest != "" {
			first += "?" + rest
		}
		refs = append(refs, pageRef{scheme: schemeQuery, prefix: prefix, suffix: suffix, n: n, first: first})
	}
	return refs
}

// SamePages reports whether the URLs a and b are pages of one article (or
// list) by their form alone: they differ only in the part that numbers the
// page. 123.html and 123_2.html are; 123.html and 124.html, or TRS's
// t20200222_123.html and t20200222_124.html, are not.
func SamePages(a, b string) bool {
	a, b = CanonicalURL(a), CanonicalURL(b)
	if a == b {
		return true
	}
	ra, rb := pageRefs(a), pageRefs(b)
	for _, x := range ra {
		if x.first == b {
			return true
		}
	}
	for _, y := range rb {
		if y.first == a {
			return true
		}
	}
	for _, x := range ra {
		for _, y := range rb {
			if x.family() == y.family() {
				return true
			}
		}
	}
	return false
}

// pageNumberIn returns the page number u has in the family of self (0 when
// u is not a page of it or its number cannot be told from its URL).
func pageNumberIn(self, u string) int {
	self, u = CanonicalURL(self), CanonicalURL(u)
	rs, ru := pageRefs(self), pageRefs(u)
	for _, y := range ru {
		for _, x := range rs {
			if x.family() == y.family() {
				return y.page()
			}
		}
		if y.first == self {
			return y.page()
		}
	}
	for _, x := range rs {
		if x.first == u {
			return 1
		}
	}
	return 0
}

// firstPageOf derives page 1 of the article u is a page of, from its URL
// alone; "" when the URL writes no page number (it is page 1 itself).
func firstPageOf(u string) (first string, n int) {
	for _, r := range pageRefs(u) {
		if r.page() >= 2 {
			return r.first, r.page()
		}
	}
	return "", 0
}

// PageURL returns the URL of page k of the article u is page n of, by the
// numbering scheme of u's URL; "" when u's URL does not tell its scheme
// (page 1's URL seldom does: 123.html may go on as 123_2.html or
// 123.html?page=2).
func PageURL(u string, n, k int) string {
	for _, r := range pageRefs(u) {
		if r.page() == n {
			return r.url(k)
		}
	}
	return ""
}

// PageOneURL returns u without a query parameter that numbers it page 1
// (content.jsp?id=789&page=1 is content.jsp?id=789): bars often link page
// 1 with its number, and a document must have one URL whichever page it
// was reached from.
func PageOneURL(u string) string {
	for _, r := range pageRefs(u) {
		if r.scheme == schemeQuery && r.page() == 1 {
			return r.first
		}
	}
	return u
}
