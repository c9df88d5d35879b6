package extract

import (
	"fmt"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/net/html"
)

// Page bars drawn by a library or a site script from a few numbers: the
// number of pages (or of records and how many a page shows), the current
// page, and how page k's address is written. They come in three shapes:
//
//	laypage.render({elem: 'page', count: 15, limit: 6, curr: 1,
//		jump: function(obj, first) { if (!first) location.href = "index_" + obj.curr + ".shtml"; }});
//	$("#pager").pagination(35, {items_per_page: 10, link_to: "index___id__.html"});
//	$('#page').paginate({count: 5, start: 1, onChange: function(p) { location.href = 'list_' + p + '.html'; }});
//
// a library call whose options say it all (its URL a template with a
// placeholder, or a function that goes to page p);
//
//	Pager({size: 3, current: 0, prefix: "t20240503_203", suffix: "shtml"});
//	createPage(3, 0, "t20240503_203", "shtml");
//
// TRS WCM's convention under other names (new Pager, createPage, setPage):
// page 1 is prefix.suffix, page k prefix_{k-1}.suffix; and
//
//	<div class="page" data-total="2" data-url="index_{page}.html"></div>
//
// an element a site script fills from its data attributes.
//
// Any script may hold numbers and a URL, so a template counts only when the
// pages it writes are this page's: the page is one of them, or they differ
// from its URL only in the page number (SamePages), or the page is a
// column's index (/news/, index.html; no query) and they are its further
// pages in its directory (index.html and list_2.html, not another box's
// mtbd_2.html), the template naming no page 1 of its own.
// Where the template names no page 1 (laypage's index_1.shtml is not
// index.shtml), page 1 is the page itself when it is the current page, and
// is left to the URL's scheme otherwise.

// maxScriptPages bounds the pages a script bar may name.
const maxScriptPages = 500

// pageTemplate writes page k's address: prefix + (k+shift) + suffix, page
// 1 as first when the script names it.
type pageTemplate struct {
	prefix, suffix string
	shift          int    // -1 when the address counts pages from 0
	first          string // page 1; "" when the script names none
}

func (t pageTemplate) url(k int) string {
	if k == 1 && t.first != "" {
		return t.first
	}
	return t.prefix + strconv.Itoa(k+t.shift) + t.suffix
}

// templateBar lays out the pages of a script bar: total pages (capped),
// the current page from 1 (0 when the script does not say), page k by the
// template. nil when the bar has one page or is not this page's.
func (r *reader) templateBar(self string, total, current int, t pageTemplate) *scriptBar {
	if total < 2 {
		return nil
	}
	total = min(total, maxScriptPages)
	s := &scriptBar{total: total, pages: map[int]string{}}
	// The template's own page 1 (index_1.shtml) only tells the current
	// page; it is a page of the bar when the script names it.
	one := r.resolve(t.url(1))
	if one != "" && CanonicalURL(one) == self {
		s.current = 1
	}
	if t.first != "" {
		if one == "" {
			return nil
		}
		s.pages[1] = one
	}
	for k := 2; k <= total; k++ {
		u := r.resolve(t.url(k))
		if u == "" {
			return nil
		}
		s.pages[k] = u
		if s.current == 0 && CanonicalURL(u) == self {
			s.current = k
		}
	}
	// A template that does not vary with the page (#page-2 resolved, a
	// constant) names no pages.
	if two := CanonicalURL(s.pages[2]); two == CanonicalURL(one) || total > 2 && two == CanonicalURL(s.pages[3]) {
		return nil
	}
	if s.current == 0 && !ownsTemplate(self, s.pages[2], t.first == "") {
		return nil
	}
	if s.current == 0 && current >= 1 && current <= total {
		s.current = current
	}
	return s
}

// ownsTemplate says whether page 2 as a script writes it is of this page's
// URL family; or, with open set (the template names no page 1), a file of
// the directory this page is the index of.
func ownsTemplate(self, two string, open bool) bool {
	if SamePages(self, two) {
		return true
	}
	if !open {
		return false
	}
	s, err1 := url.Parse(self)
	t, err2 := url.Parse(CanonicalURL(two))
	if err1 != nil || err2 != nil || s.Host != t.Host {
		return false
	}
	// A column's index has no query: index.php?m=content&a=show&id=3456
	// and /?id=512 are a script's articles, whose comments a pager in
	// their directory pages.
	dir, file := path.Split(s.Path)
	if s.RawQuery != "" || file != "" && !columnIndex.MatchString(file) {
		return false
	}
	// The column's further pages are named as such (index_2.html,
	// list_12_2.html, 2.html, list.jsp?page=2), the query numbering the
	// page and nothing else: not another box's (mtbd_2.html,
	// comments.html?page=2, list.jsp?cid=12&page=2, index.html?type=down&page=2).
	tdir, tfile := path.Split(t.Path)
	if tdir != dir || tfile != "" && !columnPage.MatchString(tfile) {
		return false
	}
	for _, kv := range strings.Split(t.RawQuery, "&") {
		if k, _, _ := strings.Cut(kv, "="); kv != "" && !pageParams[strings.ToLower(k)] {
			return false
		}
	}
	return true
}

var (
	// columnIndex is the file name of a column's first page.
	columnIndex = regexp.MustCompile(`(?i)^(index|default)\.[a-z]{2,6}$`)
	// columnPage is the file name of a column's further page: index_2,
	// list_12_2, list-3, page_2, 2, or a list script paged by its query
	// (not an API's list.json).
	columnPage = regexp.MustCompile(`(?i)^(?:(?:index|list|default|more|page)(?:[_-]?\d+)*|\d+)\.(s?html?|jsp|aspx?|php|do|action)$`)
)

// Reading the page bar libraries' calls.

// pagerLib is a page bar library and what its options mean. Option names
// are matched without regard to case.
type pagerLib struct {
	hint    string         // a string the script holds if it calls the library
	call    *regexp.Regexp // the call, up to its "("
	pages   []string       // options giving the number of pages
	records []string       // options giving the number of records...
	perPage []string       // ... and those a page shows
	// defPerPage is the library's records a page when no option says.
	defPerPage int
	// leadRecords: the call's first argument is the number of records.
	leadRecords bool
	current     []string   // options giving the current page, from 1
	current0    []string   // the same, from 0
	links       []string   // options whose string is page k's URL with a placeholder
	funcs       []pageFunc // options whose function goes to a page
}

// pageFunc is an option whose function goes to a page, which of its
// arguments is the page, and how that counts.
type pageFunc struct {
	key   string
	pos   int // the argument's position
	shift int // -1 when it counts pages from 0
}

var pagerLibs = []pagerLib{
	{ // layui laypage (2.x render; 1.x's laypage({pages: n}))
		hint: "laypage", call: regexp.MustCompile(`\blaypage(?:\s*\.\s*render)?\s*\(`),
		pages: []string{"pages"}, records: []string{"count"}, perPage: []string{"limit"}, defPerPage: 10,
		current: []string{"curr"}, links: []string{"url", "href", "link"},
		funcs: []pageFunc{{"jump", 0, 0}},
	},
	{ // jquery.pagination (items, {items_per_page, current_page, link_to}), simplePagination, easyui
		hint: "pagination", call: regexp.MustCompile(`\.\s*pagination\s*\(`),
		pages: []string{"pages", "totalpages", "pagecount"}, records: []string{"items", "num_items", "total"},
		perPage: []string{"items_per_page", "itemsonpage", "pagesize"}, defPerPage: 10, leadRecords: true,
		current: []string{"currentpage", "pagenumber"}, current0: []string{"current_page"},
		links: []string{"link_to", "url", "href"},
		funcs: []pageFunc{{"callback", 0, -1}, {"onpageclick", 0, 0}, {"onselectpage", 0, 0}},
	},
	{ // jquery.paginate: {count: pages, start: current, onChange(page)}
		hint: "paginate", call: regexp.MustCompile(`\.\s*paginate\s*\(`),
		pages: []string{"count", "pages"}, current: []string{"start", "currentpage"},
		links: []string{"url", "href"}, funcs: []pageFunc{{"onchange", 0, 0}},
	},
	{ // twbsPagination, bootstrapPaginator, jqPaginator
		hint: "aginat", call: regexp.MustCompile(`\.\s*(?:twbsPagination|bootstrapPaginator|jqPaginator)\s*\(`),
		pages: []string{"totalpages"}, records: []string{"totalcounts"}, perPage: []string{"pagesize"},
		current: []string{"startpage", "currentpage"}, links: []string{"href"},
		funcs: []pageFunc{{"onpageclick", 1, 0}, {"pageurl", 1, 0}, {"onpagechange", 0, 0}},
	},
}

// siteConfig is a site script's own pager: an object of options, set to a
// variable or passed to the site's function (var pageConf = {"pageCount":
// 3, "currentPage": 1, "urlTemplate": "/news/2001.html?page={page}"};
// renderPager("pager", pageConf)), read when it states a number of pages
// and a URL template with a placeholder.
var siteConfig = pagerLib{
	pages:   []string{"pagecount", "totalpages", "totalpage", "pagetotal", "pages", "pagenum"},
	records: []string{"totalcount", "recordcount", "totalrecords", "total"}, perPage: []string{"pagesize", "perpage", "limit"},
	current: []string{"currentpage", "curpage", "pageindex", "pageno", "current", "curr", "page"},
	links:   []string{"urltemplate", "urltpl", "urlpattern", "pageurl", "url", "href", "link", "tpl", "template"},
}

// jsObjectLiteral is an object literal without objects inside.
var jsObjectLiteral = regexp.MustCompile(`\{[^{}]{8,1000}\}`)

// configBar reads the first siteConfig object that makes a bar of this
// page's.
func (r *reader) configBar(self, js string, env func() map[string]string) *scriptBar {
	if !mayHoldPlaceholder(js) {
		return nil
	}
	// (The placeholder's own braces, {page}, are no object's.)
	mask, unmask := strings.NewReplacer("{", "\x01", "}", "\x02"), strings.NewReplacer("\x01", "{", "\x02", "}")
	masked := pagePlaceholder.ReplaceAllStringFunc(js, mask.Replace)
	for _, lit := range jsObjectLiteral.FindAllString(masked, 50) {
		if lit = unmask.Replace(lit); !pagePlaceholder.MatchString(lit) {
			continue
		}
		if s := r.libCall(self, &siteConfig, []string{lit}, env()); s != nil {
			return s
		}
	}
	return nil
}

// libraryBar reads the first library call or WCM-style call that makes
// a bar of this page's.
func (r *reader) libraryBar(self, js string) *scriptBar {
	var vars map[string]string
	env := func() map[string]string {
		if vars == nil {
			vars = r.varsOf(js)
		}
		return vars
	}
	for i := range pagerLibs {
		lib := &pagerLibs[i]
		if !strings.Contains(js, lib.hint) {
			continue
		}
		for _, args := range jsCalls(js, lib.call) {
			if s := r.libCall(self, lib, args, env()); s != nil {
				return s
			}
		}
	}
	if strings.Contains(js, "Pager") || strings.Contains(js, "setPage") || strings.Contains(js, "createPage") {
		for _, args := range jsCalls(js, wcmPagerCall) {
			if s := r.wcmBar(self, args, env()); s != nil {
				return s
			}
		}
	}
	return r.configBar(self, js, env)
}

// mayHoldPlaceholder is a cheap look for what pagePlaceholder matches
// ({page}, {{p}}, __id__) before the regexp reads a long script: it
// looks only after each "{".
func mayHoldPlaceholder(js string) bool {
	if strings.Contains(js, "__id__") {
		return true
	}
	for i := strings.IndexByte(js, '{'); i >= 0; {
		rest := js[i+1:]
		for _, p := range placeholderNames {
			if len(rest) >= len(p) && strings.EqualFold(rest[:len(p)], p) {
				return true
			}
		}
		j := strings.IndexByte(rest, '{')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

// placeholderNames are what follows the "{" of a placeholder.
var placeholderNames = []string{"{", "page}", "p}", "pn}", "pageno}", "page_no}", "pagenum}", "curr}", "current}", "num}", "number}"}

// libCall reads one call of a library: its object of options (the last
// argument that is one) and, for jquery.pagination, the records first.
func (r *reader) libCall(self string, lib *pagerLib, args []string, vars map[string]string) *scriptBar {
	var opts map[string]string
	for i := len(args) - 1; i >= 0 && opts == nil; i-- {
		opts = jsObject(args[i])
	}
	if opts == nil {
		return nil
	}
	option := func(keys []string) (string, bool) {
		for _, k := range keys {
			if v, ok := opts[k]; ok {
				return v, true
			}
		}
		return "", false
	}
	number := func(keys []string) int {
		if v, ok := option(keys); ok {
			if n, ok := jsInt(v, vars); ok {
				return n
			}
		}
		return 0
	}

	// The number of pages: stated, else the records over a page's share.
	total := number(lib.pages)
	if total == 0 {
		records := number(lib.records)
		if records == 0 && lib.leadRecords && len(args) > 1 {
			records, _ = jsInt(args[0], vars)
		}
		per := number(lib.perPage)
		if per == 0 {
			per = lib.defPerPage
		}
		if records > 0 && per > 0 {
			total = (records + per - 1) / per
		}
	}
	current := number(lib.current)
	if v, ok := option(lib.current0); ok {
		if n, ok := jsInt(v, vars); ok {
			current = n + 1
		}
	}

	// Page k's address: a template with a placeholder, else the
	// function that goes to page p.
	var t pageTemplate
	found := false
	for _, k := range lib.links {
		if v, ok := opts[k]; ok {
			if s, ok := jsStr(v, vars); ok {
				if t, found = placeholderTemplate(s); found {
					break
				}
			}
		}
	}
	if prefix, ok := opts["hreftextprefix"]; !found && ok { // simplePagination
		p, ok1 := jsStr(prefix, vars)
		s, ok2 := "", true
		if v, ok := opts["hreftextsuffix"]; ok {
			s, ok2 = jsStr(v, vars)
		}
		t, found = pageTemplate{prefix: p, suffix: s}, ok1 && ok2
	}
	for _, f := range lib.funcs {
		if found {
			break
		}
		if v, ok := opts[f.key]; ok {
			t, found = funcTemplate(v, f, vars)
		}
	}
	if !found {
		return nil
	}
	return r.templateBar(self, total, current, t)
}

// wcmPagerCall is TRS WCM's pager under other names: Pager(…), new Pager(…),
// createPage(…), setPage(…), with the arguments of createPageHTML
// (total, current, prefix, suffix) or an object of them.
var wcmPagerCall = regexp.MustCompile(`\b(?:Pager|createPage|setPage)\s*\(`)

var (
	wcmTotal   = []string{"pagecount", "total", "size", "count", "pages", "totalpage"}
	wcmCurrent = []string{"current", "curr", "page", "currentpage", "index"}
	wcmPrefix  = []string{"prefix", "name", "pagename"}
	wcmSuffix  = []string{"suffix", "ext", "pageext"}
)

// wcmBar reads one call of a WCM-style pager.
func (r *reader) wcmBar(self string, args []string, vars map[string]string) *scriptBar {
	var total, current int
	var prefix, suffix string
	ok := false
	if len(args) == 1 {
		opts := jsObject(args[0])
		pick := func(keys []string) string {
			for _, k := range keys {
				if v, ok := opts[k]; ok {
					return v
				}
			}
			return ""
		}
		var okT, okC, okP, okS bool
		total, okT = jsInt(pick(wcmTotal), vars)
		current, okC = jsInt(pick(wcmCurrent), vars)
		prefix, okP = jsStr(pick(wcmPrefix), vars)
		suffix, okS = jsStr(pick(wcmSuffix), vars)
		ok = opts != nil && okT && okP && okS
		if !okC {
			current = -1
		}
	} else {
		// ('page_div', total, current, prefix, suffix, records) as
		// createPageHTML takes them too.
		if len(args) >= 5 {
			if _, isNum := jsInt(args[0], vars); !isNum {
				args = args[1:]
			}
		}
		if len(args) >= 4 {
			var okT, okC, okP, okS bool
			total, okT = jsInt(args[0], vars)
			current, okC = jsInt(args[1], vars)
			prefix, okP = jsStr(args[2], vars)
			suffix, okS = jsStr(args[3], vars)
			ok = okT && okC && okP && okS
		}
	}
	suffix = strings.TrimPrefix(suffix, ".")
	if !ok || prefix == "" || suffix == "" || strings.ContainsAny(prefix+suffix, "?#") {
		return nil
	}
	t := pageTemplate{prefix: prefix + "_", suffix: "." + suffix, shift: -1, first: prefix + "." + suffix}
	// The page's own URL tells which page it is; the index counts from 0
	// in WCM's templates, from 1 in some others: an index equal to the
	// total can only count from 1.
	switch {
	case current < 0:
		current = 0
	case current < total:
		current++
	}
	return r.templateBar(self, total, current, t)
}

// Reading a bar from its element's data attributes.

var (
	dataTemplates = []string{"data-url", "data-href", "data-link", "data-tpl", "data-template"}
	dataPages     = []string{"data-pages", "data-page-count", "data-pagecount", "data-total-pages", "data-totalpages", "data-totalpage"}
	dataRecords   = []string{"data-total", "data-count", "data-records"}
	dataPerPage   = []string{"data-size", "data-limit", "data-pagesize", "data-page-size", "data-per-page", "data-perpage"}
	dataCurrent   = []string{"data-current", "data-curr", "data-page", "data-currentpage", "data-current-page"}
)

// maxBareDataTotal is the most pages a data-total with no page size is
// read as.
const maxBareDataTotal = 20

// dataBar reads a bar that a site script fills from its element's data
// attributes: a URL template with a placeholder (data-url="index_{page}.html")
// and the number of pages (data-pages, data-total), or of records and a
// page's share of them (data-count and data-size). A bar so filled is
// empty, or nearly, in the markup. elems are the elements with a template
// (dataTemplate), which the pagination's walk collects.
func (r *reader) dataBar(self string, elems []*html.Node) *scriptBar {
	for _, n := range elems {
		t, ok := placeholderTemplate(dataTemplate(n))
		if !ok || longText(n, 200) {
			continue
		}
		total := dataInt(n, dataPages)
		if total == 0 {
			if per := dataInt(n, dataPerPage); per > 0 {
				total = (dataInt(n, dataRecords) + per - 1) / per
			} else {
				// data-total alone counts pages on some sites and records
				// on others (235 items, 15 a page): read as pages only
				// when it is few, as a column's pages are; a wrong guess
				// would queue hundreds of pages that do not exist.
				if total = dataInt(n, dataRecords[:1]); total > maxBareDataTotal {
					total = 0
				}
			}
		}
		if s := r.templateBar(self, total, dataInt(n, dataCurrent), t); s != nil {
			return s
		}
	}
	return nil
}

// dataTemplate returns the URL template of n's data attributes; "" if
// it has none.
func dataTemplate(n *html.Node) string {
	for _, a := range n.Attr {
		if strings.HasPrefix(a.Key, "data-") && slices.Contains(dataTemplates, a.Key) {
			return strings.TrimSpace(a.Val)
		}
	}
	return ""
}

func firstAttr(n *html.Node, keys []string) string {
	for _, k := range keys {
		if v := strings.TrimSpace(attr(n, k)); v != "" {
			return v
		}
	}
	return ""
}

func dataInt(n *html.Node, keys []string) int {
	v := firstAttr(n, keys)
	if len(v) > 9 || !jsNumber.MatchString(v) {
		return 0
	}
	i, _ := strconv.Atoi(v)
	return i
}

// pagePlaceholder is where a URL template puts the page number: {page},
// {{page}}, {p}, … from 1; jquery.pagination's __id__ from 0.
var pagePlaceholder = regexp.MustCompile(`(?i)\{\{\s*(?:page|p|pn|pageno|page_no|pagenum|curr|current|num|number)\s*\}\}|\{(?:page|p|pn|pageno|page_no|pagenum|curr|current|num|number)\}|__id__`)

func placeholderTemplate(s string) (pageTemplate, bool) {
	s = strings.TrimSpace(s)
	loc := pagePlaceholder.FindAllStringIndex(s, 2)
	if len(loc) != 1 {
		return pageTemplate{}, false
	}
	t := pageTemplate{prefix: s[:loc[0][0]], suffix: s[loc[0][1]:]}
	if s[loc[0][0]:loc[0][1]] == "__id__" {
		t.shift = -1
	}
	return t, true
}

// Reading the functions that go to a page.

var (
	jsFuncHead  = regexp.MustCompile(`^\s*(?:function\b[^(]*)?\(([^()]*)\)\s*(?:=>\s*)?`)
	jsArrowHead = regexp.MustCompile(`^\s*([A-Za-z_$][\w$]*)\s*=>\s*`)
	// jsGoTo is where a function hands over an address: location.href =,
	// location.replace(, window.open(, return.
	jsGoTo = regexp.MustCompile(`location(?:\.href)?\s*=|location\.(?:replace|assign)\s*\(|window\.open\s*\(|\breturn\b`)
	jsName = regexp.MustCompile(`^[A-Za-z_$][\w$]*$`)
)

// funcTemplate reads how a function writes the address of the page its
// argument arg names: the one concatenation of literals (and string
// variables) with the page, as p, obj.curr, (p - 1) or (p + 1); page 1
// the literal address it goes to under a test for page 1, if any.
func funcTemplate(fn string, arg pageFunc, vars map[string]string) (pageTemplate, bool) {
	var params []string
	body := ""
	if m := jsFuncHead.FindStringSubmatch(fn); m != nil {
		for _, p := range strings.Split(m[1], ",") {
			params = append(params, strings.TrimSpace(p))
		}
		body = fn[len(m[0]):]
	} else if m := jsArrowHead.FindStringSubmatch(fn); m != nil {
		params, body = []string{m[1]}, fn[len(m[0]):]
	}
	if arg.pos >= len(params) || !jsName.MatchString(params[arg.pos]) {
		return pageTemplate{}, false
	}
	param := regexp.QuoteMeta(params[arg.pos]) + `(?:\.(?:curr|page|current|pageNo|pageIndex|pageNum|num|number))?`
	pageRef := regexp.MustCompile(`^(?:` + param + `|parseInt\(\s*` + param + `\s*\)|\(\s*` + param + `\s*(?:([-+])\s*(\d))?\s*\))$`)
	var t pageTemplate
	found, first := false, ""
	for _, loc := range jsGoTo.FindAllStringIndex(body, 20) {
		start := loc[1]
		if body[start-1] == '=' && start < len(body) && body[start] == '=' {
			continue // a comparison
		}
		// p == 1 ? "index.shtml" : "index_" + p + ".shtml" is two
		// addresses; var url = …; location.href = url is the same.
		exprs := []string{jsExpr(body[start:])}
		// (Only a variable set once: url = "X_" + n + ".html"; if (n ==
		// 1) url = "X.html" is two addresses this does not read apart.)
		if v := strings.TrimSpace(exprs[0]); jsName.MatchString(v) && v != params[arg.pos] {
			if sets := regexp.MustCompile(`\b`+regexp.QuoteMeta(v)+`\s*=[^=]`).FindAllStringIndex(body[:loc[0]], 2); len(sets) == 1 {
				exprs[0] = jsExpr(body[sets[0][1]-1:])
			}
		}
		if q := jsSplit(exprs[0], '?'); len(q) == 2 {
			if alt := jsSplit(q[1], ':'); len(alt) == 2 {
				exprs = alt
			}
		}
		for _, expr := range exprs {
			prefix, suffix, delta, hasPage, ok := jsPageExpr(expr, pageRef, vars)
			switch {
			case !ok:
			case hasPage && !found:
				t, found = pageTemplate{prefix: prefix, suffix: suffix, shift: arg.shift + delta}, true
			case !hasPage && first == "" && prefix != "" && prefix[0] != '#' && !strings.HasPrefix(strings.ToLower(prefix), "javascript:"):
				first = prefix
			}
		}
	}
	if !found {
		return pageTemplate{}, false
	}
	// The literal is page 1 only under a test for page 1: p == 1 (or
	// p == 0 where the argument counts from 0), p <= 1, p < 2.
	one := 1 + arg.shift
	test := regexp.MustCompile(param + fmt.Sprintf(`\s*(?:===?\s*['"]?%d['"]?(?:[^\d]|$)|<=\s*%d\b|<\s*%d\b)`, one, one, one+1))
	if first != "" && test.MatchString(body) {
		t.first = first
	}
	return t, true
}

// jsPageExpr reads a concatenation: literals and string variables around
// at most one reference to the page. ok is false when a part is anything
// else (a call, a variable not known).
func jsPageExpr(expr string, pageRef *regexp.Regexp, vars map[string]string) (prefix, suffix string, delta int, hasPage, ok bool) {
	var b strings.Builder
	for _, part := range jsSplit(expr, '+') {
		part = strings.TrimSpace(part)
		if m := pageRef.FindStringSubmatch(part); m != nil {
			if hasPage {
				return "", "", 0, false, false
			}
			hasPage = true
			prefix = b.String()
			b.Reset()
			if m[2] != "" {
				delta, _ = strconv.Atoi(m[2])
				if m[1] == "-" {
					delta = -delta
				}
			}
			continue
		}
		s, ok := jsStr(part, vars)
		if !ok {
			return "", "", 0, false, false
		}
		b.WriteString(s)
	}
	if hasPage {
		return prefix, b.String(), delta, true, true
	}
	return b.String(), "", 0, false, true
}

// Reading JavaScript: just enough of it to take a call's arguments, an
// object's options and a concatenation apart. Strings and comments are
// skipped; regular expression literals are not known, and a bracket in
// one may cut an argument short (the templates are then not this page's,
// or not read).

// maxJSCall bounds the text of one call read.
const maxJSCall = 8 << 10

// jsCalls returns the arguments of the calls re finds (re ends at the
// call's "("), definitions (function Pager(opts)) left out.
func jsCalls(js string, re *regexp.Regexp) [][]string {
	var out [][]string
	for _, loc := range re.FindAllStringIndex(js, 20) {
		if strings.HasSuffix(strings.TrimSpace(js[max(0, loc[0]-12):loc[0]]), "function") {
			continue
		}
		open := loc[1] - 1
		end := jsClose(js[open:min(len(js), open+maxJSCall)])
		if end < 0 {
			continue
		}
		inner := js[open+1 : open+end]
		if strings.TrimSpace(inner) == "" {
			continue
		}
		out = append(out, jsSplit(inner, ','))
	}
	return out
}

// jsWalk calls at for each byte of s outside strings and comments, with
// the depth of brackets around it, until at returns false; it returns the
// index it stopped at, or -1 when s ended first.
func jsWalk(s string, at func(i, depth int) bool) int {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' || c == '\'' || c == '`':
			j := i + 1
			for ; j < len(s) && s[j] != c; j++ {
				if s[j] == '\\' {
					j++
				}
			}
			if j >= len(s) {
				return -1
			}
			i = j
			continue
		case c == '/' && i+1 < len(s) && s[i+1] == '/':
			j := strings.IndexByte(s[i:], '\n')
			if j < 0 {
				return -1
			}
			i += j
		case c == '/' && i+1 < len(s) && s[i+1] == '*':
			j := strings.Index(s[i+2:], "*/")
			if j < 0 {
				return -1
			}
			i += j + 3
			continue
		}
		c := s[i]
		if c == ')' || c == ']' || c == '}' {
			depth--
		}
		if !at(i, depth) {
			return i
		}
		if c == '(' || c == '[' || c == '{' {
			depth++
		}
	}
	return -1
}

// jsClose returns the index of the bracket that closes s's first byte.
func jsClose(s string) int {
	return jsWalk(s, func(i, depth int) bool { return i == 0 || depth > 0 })
}

// jsSplit splits s at the top-level sep bytes.
func jsSplit(s string, sep byte) []string {
	var out []string
	start := 0
	jsWalk(s, func(i, depth int) bool {
		if depth == 0 && s[i] == sep {
			out = append(out, s[start:i])
			start = i + 1
		}
		return true
	})
	return append(out, s[start:])
}

// jsExpr returns the expression s opens with: up to a top-level ; , or
// line end, or the bracket that closes around it.
func jsExpr(s string) string {
	end := jsWalk(s, func(i, depth int) bool {
		return depth >= 0 && (depth > 0 || !strings.ContainsRune(";,\n\r", rune(s[i])))
	})
	if end < 0 {
		return s
	}
	return s[:end]
}

// jsObject reads an object literal: its options by lower-cased name, each
// to its value's text. Methods (jump(obj) {…}) read as functions. nil when
// lit is not an object literal.
func jsObject(lit string) map[string]string {
	lit = strings.TrimSpace(lit)
	if len(lit) < 2 || lit[0] != '{' || lit[len(lit)-1] != '}' {
		return nil
	}
	opts := map[string]string{}
	for _, e := range jsSplit(lit[1:len(lit)-1], ',') {
		e = strings.TrimSpace(e)
		kv := jsSplit(e, ':')
		if len(kv) >= 2 {
			k := strings.Trim(strings.TrimSpace(kv[0]), `"'`)
			opts[strings.ToLower(k)] = strings.TrimSpace(e[len(kv[0])+1:])
			continue
		}
		if i := strings.IndexByte(e, '('); i > 0 && jsName.MatchString(strings.TrimSpace(e[:i])) {
			opts[strings.ToLower(strings.TrimSpace(e[:i]))] = "function" + e[i:]
		}
	}
	return opts
}

var jsCast = regexp.MustCompile(`^(?:parseInt|Number)\s*\(\s*(.*?)\s*(?:,\s*10\s*)?\)$`)

// jsInt reads a number: a literal, quoted or not, or a variable set to one,
// maybe under parseInt or Number.
func jsInt(v string, vars map[string]string) (int, bool) {
	v = strings.TrimSpace(v)
	if m := jsCast.FindStringSubmatch(v); m != nil {
		v = m[1]
	}
	if s, ok := jsStr(v, vars); ok {
		v = strings.TrimSpace(s)
	}
	if len(v) > 9 || !jsNumber.MatchString(v) {
		return 0, false
	}
	n, _ := strconv.Atoi(v)
	return n, true
}

// jsStr reads a string: literals and variables set to literals, joined
// by +.
func jsStr(v string, vars map[string]string) (string, bool) {
	var b strings.Builder
	for _, part := range jsSplit(v, '+') {
		part = strings.TrimSpace(part)
		switch {
		case len(part) >= 2 && strings.ContainsRune(`"'`+"`", rune(part[0])) && part[len(part)-1] == part[0]:
			lit := part[1 : len(part)-1]
			if strings.Contains(lit, "${") {
				return "", false
			}
			b.WriteString(strings.NewReplacer(`\/`, `/`, `\"`, `"`, `\'`, `'`).Replace(lit))
		case jsNumber.MatchString(part):
			b.WriteString(part)
		default:
			s, ok := vars[part]
			if !ok {
				return "", false
			}
			b.WriteString(s)
		}
	}
	return b.String(), true
}
