package extract

import (
	"net/url"
	"path"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// scriptBar is a page bar that exists only as a script: TRS WCM writes
//
//	createPageHTML(3, 0, "t20200222_123", "html");
//
// (or the same with variables, or with a div id first and a record count
// last) and its list templates declare countPage and currentPage and
// document.write the links. Page 1 is t20200222_123.html, page k is
// t20200222_123_{k-1}.html; the current index counts from 0.
type scriptBar struct {
	total, current int
	pages          map[int]string
	// tentative: the addresses are WCM's convention applied to a call
	// whose function the page does not show (pagerCallOf).
	tentative bool
}

var (
	createPageCall = regexp.MustCompile(`createPageHTML\s*\(([^()]*)\)`)
	jsAssign       = regexp.MustCompile(`(?:^|[\s;,{(])(?:var\s+|let\s+|const\s+)?([A-Za-z_$][\w$]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\d+))\s*(?:[;,\n\r/]|$)`)
	jsNumber       = regexp.MustCompile(`^\d+$`)
	// index"+"_" in the TRS list template's document.write calls.
	trsListName = regexp.MustCompile(`href=\\?["']([\w.-]+?)["']\s*\+\s*["']_["']`)
	trsListExt  = regexp.MustCompile(`["']\.["']\s*\+\s*["'](s?html?|jhtml|htm|shtml)`)
	selfName    = regexp.MustCompile(`^(.+?)(?:_(\d{1,4}))?\.([A-Za-z]{2,6})$`)
)

// inlineScripts returns the text of the page's inline scripts (read once:
// the page bar and a Hanweb column's record groups both read it).
func (r *reader) inlineScripts() string {
	if r.scripts != nil {
		return *r.scripts
	}
	var b strings.Builder
	for c := range r.root.Descendants() {
		if c.Type == html.ElementNode && c.DataAtom == atom.Script && attr(c, "src") == "" && c.FirstChild != nil {
			b.WriteString(c.FirstChild.Data)
			b.WriteByte('\n')
		}
	}
	s := b.String()
	r.scripts = &s
	return s
}

// scriptLink matches a link a script writes whole, URL and label as
// literals: document.write("<a href='123_2.html'>下一页</a>").
var scriptLink = regexp.MustCompile(`<a\s[^<>]*?href=\\?["']([^"'\\+<>]+)\\?["'][^<>]*>([^<>"'+]{1,24})</a>`)

// scriptLinks returns the links the page's scripts write whole. A bar built
// from variables is the TRS kind, read by scriptBar; these are the others.
func (r *reader) scriptLinks(js string) []Link {
	if !strings.Contains(js, "href") {
		return nil
	}
	var out []Link
	for _, m := range scriptLink.FindAllStringSubmatch(js, 50) {
		if u := r.resolve(m[1]); u != "" {
			out = append(out, Link{URL: u, Text: cleanLine(html.UnescapeString(m[2]))})
		}
	}
	return out
}

// scriptBar reads a script-written bar; nil when the page has none. The
// readers go from the most particular to the most generic: TRS's and
// pageNav.js's own calls, then the page-bar libraries (laypage, jQuery
// pagination plugins, Pager/createPage calls; pagelib.go). A bar element
// whose data attributes a site script reads is dataBar's, after these.
func (r *reader) scriptBar(self, js string) *scriptBar {
	if s := r.pageNavBar(self, js); s != nil {
		return s
	}
	if s := r.trsBar(self, js); s != nil {
		return s
	}
	if s := r.libraryBar(self, js); s != nil {
		return s
	}
	if s := r.loopBar(self, js); s != nil {
		return s
	}
	return r.pagerCallOf(self, js)
}

// pagerCallOf reads a call of a site's own pager function, defined in a
// script the page loads, with the arguments of WCM's createPageHTML and
// the page's own file name among them:
//
//	pageBar(3, 0, "t20240312_55120", "html");
//
// on t20240312_55120.html or t20240312_55120_1.html. Most such functions
// are WCM's under another name, but the page does not show how this one
// writes its addresses: the pages are read by WCM's convention and are
// tentative (one that is not there is no page of the article).
func (r *reader) pagerCallOf(self, js string) *scriptBar {
	base := path.Base(selfPath(self))
	name := strings.TrimSuffix(base, path.Ext(base))
	names := []string{name}
	if m := selfName.FindStringSubmatch(base); m != nil && m[1] != name {
		names = append(names, m[1])
	}
	var vars map[string]string
	for _, stem := range names {
		if len(stem) < 3 {
			continue
		}
		// Each quoted occurrence of the name, and the call it is the
		// third argument of (the fourth after a div's id).
		tries := 0
		for from := 0; tries < 5; {
			i := strings.Index(js[from:], stem)
			if i < 0 {
				break
			}
			at := from + i
			from = at + len(stem)
			if at == 0 || from >= len(js) || !strings.ContainsRune(`"'`, rune(js[at-1])) || js[from] != js[at-1] {
				continue
			}
			tries++
			window := max(0, at-maxCallHead)
			loc := wcmCallBefore.FindStringIndex(js[window:at])
			if loc == nil {
				continue
			}
			if vars == nil {
				vars = r.varsOf(js)
			}
			for _, args := range jsCalls(js[window+loc[0]:], jsCallHead) {
				// (A counter's addVisit(siteid, chnlid, name, ext) has
				// numbers that are no page and count of pages.)
				if !pageAndCount(args, vars) {
					continue
				}
				if s := r.wcmBar(self, args, vars); s != nil {
					s.tentative = true
					return s
				}
			}
		}
	}
	return nil
}

// pageAndCount says whether a WCM-style call's first numbers can be a
// count of pages and a page: at most 500 pages, the page among them
// (counted from 0 or 1).
func pageAndCount(args []string, vars map[string]string) bool {
	if len(args) >= 5 {
		if _, isNum := jsInt(args[0], vars); !isNum {
			args = args[1:]
		}
	}
	if len(args) < 4 {
		return false
	}
	total, ok1 := jsInt(args[0], vars)
	current, ok2 := jsInt(args[1], vars)
	return ok1 && ok2 && total >= 2 && total <= maxScriptPages && current <= total
}

var (
	// wcmCallBefore is a call's text before its third argument's
	// string: name(total, current, " (or name("div", total, current, ").
	wcmCallBefore = regexp.MustCompile(`\b[A-Za-z_$][\w$]*\s*\(\s*(?:["'][\w-]*["']\s*,\s*)?[\w$]+\s*,\s*[\w$]+\s*,\s*["']$`)
	// jsCallHead is the call a text opens with, up to its "(".
	jsCallHead = regexp.MustCompile(`^[A-Za-z_$][\w$]*\s*\(`)
)

// maxCallHead bounds the text before a call's third argument.
const maxCallHead = 120

// A site's own script may write its bar in a loop over the pages, each
// address a concatenation with the loop's variable:
//
//	var total = 3, base = "art_1229_558812";
//	for (var i = 1; i <= total; i++) {
//		var u = (i == 1) ? base + ".html" : base + "_" + i + ".html"; …
//	}
//
// The bound is a number or a variable set to one; the address is the
// first concatenation in the loop's body that holds the variable once,
// its other parts literals or variables set to literals; page 1 the
// concatenation chosen under a test for the loop's first value (i == 1 ?).
var (
	jsLoopHead = regexp.MustCompile(`^for\s*\(\s*(?:var\s+|let\s+)?([A-Za-z_$][\w$]*)\s*=\s*([01])\s*;\s*([A-Za-z_$][\w$]*)\s*(<=?)\s*([A-Za-z_$][\w$]*|\d{1,3})\s*;`)
	jsConcat   = regexp.MustCompile(`(?:"[^"\n]*"|'[^'\n]*'|[A-Za-z_$][\w$]*|\([^()\n]{1,20}\))(?:\s*\+\s*(?:"[^"\n]*"|'[^'\n]*'|[A-Za-z_$][\w$]*|\([^()\n]{1,20}\)))+`)
)

const (
	// maxLoopHead bounds the text of a loop's head: for (…;…;…).
	maxLoopHead = 200
	// maxLoopBody bounds the text of a loop's body read for its address.
	maxLoopBody = 1000
)

func isWordByte(c byte) bool {
	return c == '_' || c == '$' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// wordAt is the index of the next occurrence of word in js from from on
// that stands as a word of its own (for, not format; i, not id); -1 when
// there is none.
func wordAt(js, word string, from int) int {
	for from <= len(js) {
		i := strings.Index(js[from:], word)
		if i < 0 {
			return -1
		}
		at, end := from+i, from+i+len(word)
		if (at == 0 || !isWordByte(js[at-1])) && (end == len(js) || !isWordByte(js[end])) {
			return at
		}
		from = end
	}
	return -1
}

func (r *reader) loopBar(self, js string) *scriptBar {
	if !strings.Contains(js, "for") || !strings.Contains(js, "+") {
		return nil
	}
	var vars map[string]string
	loops := 0
	for at := 0; loops < 10; {
		start := wordAt(js, "for", at)
		if start < 0 {
			break
		}
		at = start + 3
		if rest := strings.TrimLeft(js[at:min(len(js), at+8)], " \t"); !strings.HasPrefix(rest, "(") {
			continue // for each…
		}
		head := js[start:min(len(js), start+maxLoopHead)]
		m := jsLoopHead.FindStringSubmatchIndex(head)
		if m == nil {
			continue
		}
		loops++
		for k := range m {
			m[k] += start
		}
		name, from := js[m[2]:m[3]], js[m[4]:m[5]]
		body := js[m[1]:min(len(js), m[1]+maxLoopBody)]
		if js[m[6]:m[7]] != name || !concatenated(body, name) || !addressLike(body) {
			continue
		}
		if vars == nil {
			vars = r.varsOf(js)
		}
		bound, ok := jsInt(js[m[10]:m[11]], vars)
		if !ok {
			continue
		}
		// The pages the loop runs over, and how its variable counts them.
		total, shift := bound, 0
		switch {
		case from == "1" && js[m[8]:m[9]] == "<":
			total = bound - 1
		case from == "0" && js[m[8]:m[9]] == "<":
			shift = -1
		case from == "0":
			continue // 0..n is no count of pages
		}
		t, ok := loopTemplate(body, name, shift, vars)
		if !ok {
			continue
		}
		if s := r.templateBar(self, total, 0, t); s != nil {
			return s
		}
	}
	return nil
}

// addressLike says whether a loop's body may write a page's address: it
// names a page's extension, a page parameter or TRS's "_".
func addressLike(body string) bool {
	for _, s := range []string{".htm", ".shtml", ".jsp", ".asp", ".php", "page", `"_"`, `'_'`} {
		if strings.Contains(body, s) {
			return true
		}
	}
	return false
}

// concatenated says whether the body joins the loop's variable to
// something with +, as an address written from it does.
func concatenated(body, name string) bool {
	for at := wordAt(body, name, 0); at >= 0; at = wordAt(body, name, at+len(name)) {
		from := at + len(name)
		before := strings.TrimRight(body[:at], " \t(")
		after := strings.TrimLeft(body[from:], " \t)")
		if strings.HasSuffix(before, "+") && !strings.HasSuffix(before, "++") || strings.HasPrefix(after, "+") && !strings.HasPrefix(after, "++") {
			return true
		}
	}
	return false
}

// loopTemplate reads the address a loop's body writes for its variable.
func loopTemplate(body, name string, shift int, vars map[string]string) (pageTemplate, bool) {
	ref := regexp.QuoteMeta(name)
	pageRef := regexp.MustCompile(`^(?:` + ref + `|\(\s*` + ref + `\s*(?:([-+])\s*(\d))?\s*\))$`)
	var t pageTemplate
	found := false
	for _, c := range jsConcat.FindAllString(body, 20) {
		prefix, suffix, delta, hasPage, ok := jsPageExpr(c, pageRef, vars)
		if ok && hasPage && address(prefix+suffix) {
			t, found = pageTemplate{prefix: prefix, suffix: suffix, shift: shift + delta}, true
			break
		}
	}
	if !found {
		return t, false
	}
	// i == 1 ? base + ".html" : …
	one := strconv.Itoa(1 + shift)
	test := regexp.MustCompile(`\b` + ref + `\s*===?\s*['"]?` + one + `['"]?\s*\)?\s*\?`)
	if loc := test.FindStringIndex(body); loc != nil {
		if alt := jsSplit(jsExpr(body[loc[1]:]), ':'); len(alt) == 2 {
			if first, _, _, hasPage, ok := jsPageExpr(alt[0], pageRef, vars); ok && !hasPage && address(first) {
				t.first = first
			}
		}
	}
	return t, true
}

// address says whether the literal parts of a concatenation can be a
// link's address: no markup, no white space, not a script or fragment.
func address(s string) bool {
	return s != "" && !strings.ContainsAny(s, "<>\"' \t\n") && s[0] != '#' &&
		!strings.HasPrefix(strings.ToLower(s), "javascript:")
}

// varsOf is jsVars of the page's scripts, read once (the script bar's
// readers each need them); of another text, read each time.
func (r *reader) varsOf(js string) map[string]string {
	if r.scripts == nil || js != *r.scripts {
		return jsVars(js)
	}
	if r.scriptVars == nil {
		r.scriptVars = jsVars(js)
	}
	return r.scriptVars
}

// jsVars returns the variables a script sets to a literal, string or
// number, each to its first value.
func jsVars(js string) map[string]string {
	vars := map[string]string{}
	for _, m := range jsAssign.FindAllStringSubmatch(js, -1) {
		if _, ok := vars[m[1]]; !ok {
			vars[m[1]] = m[2] + m[3] + m[4]
		}
	}
	return vars
}

// trsBar reads TRS WCM's createPageHTML call, or its list template's
// countPage and currentPage.
func (r *reader) trsBar(self, js string) *scriptBar {
	hasCall := strings.Contains(js, "createPageHTML")
	if !hasCall && !strings.Contains(js, "countPage") {
		return nil
	}
	vars := r.varsOf(js)
	value := func(arg string) string {
		arg = strings.TrimSpace(arg)
		if len(arg) >= 2 && (arg[0] == '"' || arg[0] == '\'') && arg[len(arg)-1] == arg[0] {
			return arg[1 : len(arg)-1]
		}
		if v, ok := vars[arg]; ok {
			return v
		}
		return arg
	}
	if hasCall {
		for _, loc := range createPageCall.FindAllStringSubmatchIndex(js, -1) {
			if strings.HasSuffix(strings.TrimSpace(js[max(0, loc[0]-20):loc[0]]), "function") {
				continue // the definition, not a call
			}
			var args []string
			for _, a := range strings.Split(js[loc[2]:loc[3]], ",") {
				args = append(args, value(a))
			}
			// createPageHTML('page_div', count, index, name, ext, records)
			if len(args) >= 5 && !jsNumber.MatchString(args[0]) {
				args = args[1:]
			}
			if len(args) < 4 || !jsNumber.MatchString(args[0]) || !jsNumber.MatchString(args[1]) || args[2] == "" {
				continue
			}
			total, _ := strconv.Atoi(args[0])
			index, _ := strconv.Atoi(args[1])
			return r.trsPages(self, total, index, args[2], args[3])
		}
	}
	count, cur := vars["countPage"], vars["currentPage"]
	if !jsNumber.MatchString(count) {
		return nil
	}
	total, _ := strconv.Atoi(count)
	index, _ := strconv.Atoi(cur)
	name, ext := "", "html"
	if m := selfName.FindStringSubmatch(path.Base(selfPath(self))); m != nil {
		name, ext = m[1], m[3]
	}
	if m := trsListName.FindStringSubmatch(js); m != nil {
		name = m[1]
	}
	if m := trsListExt.FindStringSubmatch(js); m != nil {
		ext = m[1]
	}
	if name == "" {
		return nil
	}
	return r.trsPages(self, total, index, name, ext)
}

// pageNav.js bars: the page hands the library a function that goes to
// page p, and the current page and the count:
//
//	pageNav.fn = function(p, pn) {
//		if (p == 1) { location.href = "88.html"; } else { location.href = "88_" + p + ".html"; }
//	};
//	pageNav.go(1, 4);
//
// Page k is the function's one concatenation with k in place of p; page 1
// the literal URL it goes to, if it has one, else the same concatenation.
var (
	pageNavGo   = regexp.MustCompile(`pageNav\.go\(\s*(\d+)\s*,\s*(\d+)\s*\)`)
	pageNavFn   = regexp.MustCompile(`pageNav\.fn\s*=\s*function\s*\(\s*([A-Za-z_$][\w$]*)[^)]*\)\s*\{([^{}]*(?:\{[^{}]*\}[^{}]*)*)\}`)
	jsLiteralGo = regexp.MustCompile(`(?:location(?:\.href)?|window\.open\()\s*=?\s*["']([^"'+]+)["']\s*[;)}]`)
)

func (r *reader) pageNavBar(self, js string) *scriptBar {
	if !strings.Contains(js, "pageNav.go") {
		return nil
	}
	g := pageNavGo.FindStringSubmatch(js)
	f := pageNavFn.FindStringSubmatch(js)
	if g == nil || f == nil {
		return nil
	}
	concat := regexp.MustCompile(`["']([^"'+]*)["']\s*\+\s*` + regexp.QuoteMeta(f[1]) + `\b(?:\s*\+\s*["']([^"'+]*)["'])?`).FindStringSubmatch(f[2])
	if concat == nil {
		return nil
	}
	current, _ := strconv.Atoi(g[1])
	total, _ := strconv.Atoi(g[2])
	if total < 2 {
		return nil
	}
	s := &scriptBar{total: min(total, 500), pages: map[int]string{}}
	for k := 1; k <= s.total; k++ {
		u := r.resolve(concat[1] + strconv.Itoa(k) + concat[2])
		if k == 1 {
			if m := jsLiteralGo.FindStringSubmatch(f[2]); m != nil {
				u = r.resolve(m[1])
			}
		}
		if u == "" {
			return nil
		}
		s.pages[k] = u
		if CanonicalURL(u) == self {
			s.current = k
		}
	}
	if s.current == 0 && current >= 1 && current <= s.total {
		s.current = current
	}
	return s
}

// trsPages lays out TRS's pages: name.ext, name_1.ext, ... The page's own
// URL says which one it is; the script's index (from 0) is the fallback.
func (r *reader) trsPages(self string, total, index int, name, ext string) *scriptBar {
	if total < 1 {
		return nil
	}
	s := &scriptBar{total: min(total, 500), pages: map[int]string{}}
	for k := 1; k <= s.total; k++ {
		file := name + "." + ext
		if k > 1 {
			file = name + "_" + strconv.Itoa(k-1) + "." + ext
		}
		u := r.resolve(file)
		if u == "" {
			return nil
		}
		s.pages[k] = u
		if CanonicalURL(u) == self {
			s.current = k
		}
	}
	if s.current == 0 && index >= 0 && index < s.total {
		s.current = index + 1
	}
	if s.total == 1 {
		return nil // one page: no bar
	}
	return s
}

func selfPath(u string) string {
	if pu, err := url.Parse(u); err == nil {
		return pu.Path
	}
	return ""
}
