package extract

import (
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"
)

// trackingParams are query parameters that say where a reader came from,
// not what they read: URLs that differ only in them are one article.
var trackingParams = map[string]bool{
	"from": true, "spm": true, "fbclid": true, "gclid": true, "yclid": true, "msclkid": true,
	"mc_cid": true, "mc_eid": true, "isappinstalled": true, "wfr": true, "share_token": true,
	"sharefrom": true, "share_from": true, "scene": true, "clicktime": true, "enterid": true,
	"_ga": true, "ref": true, "referer": true, "source": true, "timestamp": true, "tt_from": true,
}

// discuzThread is a Discuz thread page's rewritten address,
// thread-TID-PAGE-LISTPAGE.html; its submatch is the list page.
var discuzThread = regexp.MustCompile(`/thread-\d+-\d+-(\d+)\.html$`)

// CanonicalURL is the form of a URL folio uses as a key: scheme and host in
// lower case, no default port, no fragment, and no tracking parameters
// (utm_*, from=index, spm, ...). The rest of the query is kept in its order:
// on many portals it names the article (show.asp?id=123).
func CanonicalURL(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return raw
	}
	u.Scheme = strings.ToLower(u.Scheme)
	u.Host = strings.ToLower(u.Host)
	dropDefaultPort(u)
	u.Fragment, u.RawFragment = "", ""
	if u.Path == "" {
		u.Path = "/"
	}
	// A Discuz thread's address names the forum list page it was linked
	// from (thread-7-1-2.html, &extra=page%3D2), which changes as replies
	// move the thread down the list: one page whatever the list said.
	if m := discuzThread.FindStringSubmatchIndex(u.Path); m != nil {
		u.Path = u.Path[:m[2]] + "1" + u.Path[m[3]:]
		u.RawPath = ""
	}
	thread := strings.HasSuffix(u.Path, "/forum.php") && strings.Contains(u.RawQuery, "mod=viewthread")
	if u.RawQuery != "" {
		var kept []string
		for _, part := range strings.Split(u.RawQuery, "&") {
			name, _, _ := strings.Cut(part, "=")
			lname := strings.ToLower(name)
			if part == "" || trackingParams[lname] || strings.HasPrefix(lname, "utm_") || thread && lname == "extra" {
				continue
			}
			kept = append(kept, part)
		}
		u.RawQuery = strings.Join(kept, "&")
	}
	// %d0%c2 and %D0%C2 are one URL (RFC 3986 6.2.2.1): escapes in
	// upper case, as browsers and servers write them.
	if p := u.EscapedPath(); strings.Contains(p, "%") {
		u.RawPath = upperEscapes(p)
	}
	u.RawQuery = upperEscapes(u.RawQuery)
	u.ForceQuery = false
	return u.String()
}

// upperEscapes writes the hex digits of s's percent-escapes in upper case.
func upperEscapes(s string) string {
	i := strings.IndexByte(s, '%')
	if i < 0 {
		return s
	}
	b := []byte(s)
	for ; i+2 < len(b); i++ {
		if b[i] == '%' && isHex(b[i+1]) && isHex(b[i+2]) {
			b[i+1], b[i+2] = upperHex(b[i+1]), upperHex(b[i+2])
			i += 2
		}
	}
	return string(b)
}

func isHex(c byte) bool { return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }

func upperHex(c byte) byte {
	if 'a' <= c && c <= 'f' {
		return c - 'a' + 'A'
	}
	return c
}

// WithoutDefaultPort is raw without an explicit :80 (http) or :443
// (https): the same URL, nothing else changed.
func WithoutDefaultPort(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || !dropDefaultPort(u) {
		return raw
	}
	return u.String()
}

// dropDefaultPort takes the scheme's default port off u's host, and says
// whether there was one.
func dropDefaultPort(u *url.URL) bool {
	if port := u.Port(); !(u.Scheme == "http" && port == "80" || u.Scheme == "https" && port == "443") {
		return false
	}
	u.Host = u.Hostname()
	if strings.Contains(u.Host, ":") {
		u.Host = "[" + u.Host + "]" // an IPv6 address
	}
	return true
}

// Print views: most CMSs give an article a printer-friendly twin —
// 动易's Print.asp?ArticleID=1 beside ShowArticle.asp?ArticleID=1,
// print.asp?id=1 beside show.asp?id=1, /print/2020/1.html, ?print=1,
// 1_print.html. It is the same article, an alias of it, never a second
// document.
var (
	printSegment = regexp.MustCompile(`(?i)^(print|printer|printable|printview|print_?page)$`)
	printFile    = regexp.MustCompile(`(?i:(^|[_.-])print(er|able|view|page)?([_.-]|$))|^[Pp]rint[A-Z_]|[a-z]Print$`)
	printParam   = map[string]bool{"print": true, "printable": true, "printer": true, "isprint": true, "printview": true}
	printValued  = map[string]bool{"view": true, "mode": true, "format": true, "action": true, "type": true, "tpl": true, "style": true, "template": true, "act": true, "do": true, "output": true}
	printWord    = regexp.MustCompile(`(?i)print`)
	printAffix   = regexp.MustCompile(`(?i)[_-]print(er|able)?(\.[a-z]+)$`)
)

// IsPrintView reports whether u is the address of a print view.
func IsPrintView(u string) bool {
	pu, err := url.Parse(u)
	if err != nil {
		return false
	}
	segs := strings.Split(strings.Trim(pu.Path, "/"), "/")
	for i, s := range segs {
		if printSegment.MatchString(s) {
			return true
		}
		if i == len(segs)-1 && printFile.MatchString(strings.TrimSuffix(s, path.Ext(s))) {
			return true
		}
	}
	for name, vals := range pu.Query() {
		lname := strings.ToLower(name)
		for _, v := range vals {
			lv := strings.ToLower(v)
			if printParam[lname] && lv != "0" && lv != "false" && lv != "no" {
				return true
			}
			if printValued[lname] && (lv == "print" || lv == "printable") {
				return true
			}
		}
	}
	return false
}

// UnprintURLs lists the addresses the article of print view u may have,
// the likeliest first: the print segment or parameter taken out, then the
// file's "print" made "show" (Print.asp → Show.asp, Article_Print.asp →
// Article_Show.asp), then "view". Nil when u is no print view.
func UnprintURLs(u string) []string {
	if !IsPrintView(u) {
		return nil
	}
	pu, err := url.Parse(u)
	if err != nil {
		return nil
	}
	var out []string
	add := func(v *url.URL) {
		s := v.String()
		if s != u && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	// The query without its print parameters.
	q := pu.RawQuery
	if q != "" {
		var kept []string
		for _, part := range strings.Split(q, "&") {
			name, val, _ := strings.Cut(part, "=")
			lname, lval := strings.ToLower(name), strings.ToLower(val)
			if printParam[lname] || (printValued[lname] && (lval == "print" || lval == "printable")) {
				continue
			}
			kept = append(kept, part)
		}
		q = strings.Join(kept, "&")
	}
	dir, file := path.Split(pu.Path)
	var segs []string
	for _, s := range strings.Split(dir, "/") {
		if !printSegment.MatchString(s) {
			segs = append(segs, s)
		}
	}
	dir = strings.Join(segs, "/")
	if !strings.HasSuffix(dir, "/") {
		dir += "/"
	}
	variant := func(f string) *url.URL {
		v := *pu
		v.Path, v.RawPath, v.RawQuery = dir+f, "", q
		return &v
	}
	replace := func(word string) *url.URL {
		return variant(printWord.ReplaceAllStringFunc(file, func(s string) string {
			if s[0] == 'P' {
				return strings.ToUpper(word[:1]) + word[1:]
			}
			return word
		}))
	}
	add(variant(file)) // /print/ or ?print=1 taken out
	// 123_print.html is 123.html; Article_Print.asp is Article_Show.asp.
	if m := printAffix.FindStringSubmatchIndex(file); m != nil {
		stripped := variant(file[:m[0]] + file[m[4]:m[5]])
		if allDigits.MatchString(file[:m[0]]) {
			add(stripped)
			add(replace("show"))
		} else {
			add(replace("show"))
			add(stripped)
		}
	}
	add(replace("show"))
	add(replace("view"))
	return out
}
