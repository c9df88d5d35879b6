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
	return r.libraryBar(self, js)
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
	vars := jsVars(js)
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
