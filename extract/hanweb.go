package extract

import (
	"bytes"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"folio/extract/charset"
)

// Hanweb JCMS (大汉, behind a great many county and city portals) writes a
// column's list by script from records carried as data:
//
//	<script type="text/xml"><datastore><nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&…&columnid=1229&unitid=4567…"></a>]]></nextgroup>
//	<recordset><record><![CDATA[<li><a href="/art/2024/5/9/art_1229_569.html">…</a></li>]]></record>…</recordset></datastore></script>
//	$('#4567').jpage({totalRecord: 1418, perPage: 15, groupSize: 3, proxyUrl: '/module/web/jpage/dataproxy.jsp',
//		ajaxParam: {col: 1, appid: 1, webid: 2, path: '/', columnid: 1229, unitid: 4567, webname: '…', permissiontype: 0}});
//
// The page holds the first group of records (perPage × groupSize); the
// script asks dataproxy.jsp for the others, by startrecord and endrecord,
// and gets them back as the same records in an XML datastore with its
// <totalrecord>. Many county portals have no sitemap, so these groups are
// the only way to their older reports: the column's next page is the next
// group, fetched by GET with the script's parameters in the query (the
// server reads them from the query or the form alike), and each group's
// next page the group after it.

// maxRecords bounds the records read from one script or datastore (a
// column's page holds tens; a dump of thousands is cut there).
const maxRecords = 2000

var (
	cdataSection = regexp.MustCompile(`(?s)<record[^>]*>\s*<!\[CDATA\[(.*?)\]\]>`)
	nextGroup    = regexp.MustCompile(`(?s)<nextgroup>\s*<!\[CDATA\[.*?href=["']([^"']+)["']`)
	jpageCall    = regexp.MustCompile(`\.jpage\s*\(`)
	totalRecord  = regexp.MustCompile(`<totalrecord>\s*(\d+)\s*</totalrecord>`)
	xmlEncoding  = regexp.MustCompile(`^\s*<\?xml[^>]*?encoding\s*=\s*["']([\w.:-]+)["']`)
)

// recordLinks are the anchors of the records a Hanweb column's scripts
// carry. A crawler reading only the markup would find no article on such
// a column.
func (r *reader) recordLinks() []Link {
	var out []Link
	for _, script := range r.doc.Find("script").Nodes {
		if script.FirstChild == nil {
			continue
		}
		js := script.FirstChild.Data // a script's text is one node, read without a copy
		if strings.Contains(js, "<![CDATA[") && strings.Contains(js, "<record") {
			out = append(out, r.recordAnchors(js)...)
		}
	}
	return out
}

// recordAnchors are the anchors inside the <record> CDATA sections of s.
func (r *reader) recordAnchors(s string) []Link {
	var out []Link
	for _, m := range cdataSection.FindAllStringSubmatch(s, maxRecords) {
		nodes, err := html.ParseFragment(strings.NewReader(m[1]), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
		if err != nil {
			continue
		}
		for _, n := range nodes {
			for _, a := range goquery.NewDocumentFromNode(n).Find("a[href]").Nodes {
				if u := r.resolve(attr(a, "href")); u != "" {
					text := textOf(a)
					if text == "" {
						text = cleanLine(attr(a, "title"))
					}
					out = append(out, Link{URL: u, Text: text})
				}
			}
		}
	}
	return out
}

// recordGroupAfter is the address of the group of records after those a
// Hanweb column's page carries, by its jpage call; "" when the page has
// no such call or already holds every record.
func (r *reader) recordGroupAfter(js string) string {
	if !strings.Contains(js, "jpage") {
		return ""
	}
	// A later page of the column's static list (index.html?uid=4501&
	// pageNum=2) carries later records, not the first group: the groups
	// are asked for from page 1.
	if r.base != nil {
		for k, v := range r.base.Query() {
			if k = strings.ToLower(k); (k == "pagenum" || k == "pageno" || k == "page") && len(v) > 0 && v[0] != "1" {
				return ""
			}
		}
	}
	records := 0
	var group string
	for _, script := range r.doc.Find("script").Nodes {
		if script.FirstChild != nil && strings.Contains(script.FirstChild.Data, "<datastore") {
			records += len(cdataSection.FindAllStringIndex(script.FirstChild.Data, maxRecords))
			if m := nextGroup.FindStringSubmatch(script.FirstChild.Data); m != nil && group == "" {
				group = html.UnescapeString(m[1])
			}
		}
	}
	vars := jsVars(js)
	for _, args := range jsCalls(js, jpageCall) {
		opts := jsObject(args[0])
		proxy, ok := jsStr(opts["proxyurl"], vars)
		if !ok || !strings.Contains(proxy, "dataproxy") {
			continue
		}
		perPage, ok := jsInt(opts["perpage"], vars)
		if !ok || perPage < 1 {
			perPage = 15 // jpage's own default
		}
		groupSize, ok := jsInt(opts["groupsize"], vars)
		if !ok || groupSize < 1 {
			groupSize = 3
		}
		size := perPage * groupSize
		if total, ok := jsInt(opts["totalrecord"], vars); ok {
			if total <= records {
				return ""
			}
		} else if records < size {
			return "" // a group that is not full is the last
		}
		params := ajaxParams(js, opts["ajaxparam"], vars)
		if params == nil && group != "" {
			// No parameters in the call: the <nextgroup> link has the
			// column's.
			if g, err := url.Parse(group); err == nil {
				params = queryPairs(g.RawQuery, "page")
			}
		}
		if params == nil {
			continue
		}
		return r.resolve(recordGroupURL(proxy, records+1, records+size, perPage, params))
	}
	return ""
}

// ajaxParams reads jpage's ajaxParam, an object literal or a variable set
// to one, as name=value pairs in their order; nil when it is neither.
func ajaxParams(js, v string, vars map[string]string) [][2]string {
	v = strings.TrimSpace(v)
	if jsName.MatchString(v) {
		// var param_4567 = {columnid: 1229, …};
		open := objectAssigned(js, v)
		if open < 0 {
			return nil
		}
		end := jsClose(js[open:min(len(js), open+maxJSCall)])
		if end < 0 {
			return nil
		}
		v = js[open : open+end+1]
	}
	if len(v) < 2 || v[0] != '{' {
		return nil
	}
	var out [][2]string
	for _, e := range jsSplit(v[1:len(v)-1], ',') {
		kv := jsSplit(e, ':')
		if len(kv) != 2 {
			continue
		}
		k := strings.Trim(strings.TrimSpace(kv[0]), `"'`)
		val, ok := jsStr(strings.TrimSpace(kv[1]), vars)
		if !ok || k == "" {
			continue
		}
		out = append(out, [2]string{k, val})
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// objectAssigned is the index of the { of the object literal js assigns
// to the variable name (name = {…}), -1 when none.
func objectAssigned(js, name string) int {
	for from := 0; ; {
		i := strings.Index(js[from:], name)
		if i < 0 {
			return -1
		}
		at := from + i
		from = at + len(name)
		if at > 0 {
			if c := js[at-1]; c == '_' || c == '$' || c == '.' || c < utf8.RuneSelf && (unicode.IsLetter(rune(c)) || unicode.IsDigit(rune(c))) {
				continue // part of a longer name, or a property
			}
		}
		rest := strings.TrimLeft(js[from:], " \t\r\n")
		if !strings.HasPrefix(rest, "=") || strings.HasPrefix(rest, "==") {
			continue
		}
		rest = strings.TrimLeft(rest[1:], " \t\r\n")
		if strings.HasPrefix(rest, "{") {
			return len(js) - len(rest)
		}
	}
}

// queryPairs splits a raw query into its pairs in their order, the names
// in drop left out.
func queryPairs(raw string, drop ...string) [][2]string {
	var out [][2]string
	for _, kv := range strings.Split(raw, "&") {
		k, v, _ := strings.Cut(kv, "=")
		k, err1 := url.QueryUnescape(k)
		v, err2 := url.QueryUnescape(v)
		if k == "" || err1 != nil || err2 != nil || slices.ContainsFunc(drop, func(d string) bool { return strings.EqualFold(d, k) }) {
			continue
		}
		out = append(out, [2]string{k, v})
	}
	return out
}

// recordGroupURL writes the request for records start to end as jpage
// makes it, its form parameters (encoded as UTF-8, as a script's are) in
// the query.
func recordGroupURL(proxy string, start, end, perPage int, params [][2]string) string {
	var b strings.Builder
	b.WriteString(proxy)
	if strings.Contains(proxy, "?") {
		b.WriteByte('&')
	} else {
		b.WriteByte('?')
	}
	b.WriteString("startrecord=" + strconv.Itoa(start) + "&endrecord=" + strconv.Itoa(end) + "&perpage=" + strconv.Itoa(perPage))
	for _, p := range params {
		switch strings.ToLower(p[0]) {
		case "startrecord", "endrecord", "perpage":
			continue // the group's own, written above
		}
		b.WriteString("&" + url.QueryEscape(p[0]) + "=" + url.QueryEscape(p[1]))
	}
	return b.String()
}

// isRecordStore says whether raw is a Hanweb datastore of records (what
// dataproxy.jsp answers), not a page.
func isRecordStore(contentType string, raw []byte) bool {
	switch headerMediaType(contentType) {
	case "text/xml", "application/xml", "text/html", "text/plain", "":
	default:
		return false
	}
	// The document is the datastore: its first element, after the
	// prolog and comments (an XHTML page opens with <?xml too, and may
	// carry a datastore in a script).
	head := raw[:min(len(raw), 1024)]
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	for {
		head = bytes.TrimLeft(head, " \t\r\n")
		var end []byte
		switch {
		case bytes.HasPrefix(head, []byte("<?")):
			end = []byte("?>")
		case bytes.HasPrefix(head, []byte("<!--")):
			end = []byte("-->")
		default:
			return bytes.HasPrefix(head, []byte("<datastore")) && bytes.Contains(raw, []byte("<recordset"))
		}
		i := bytes.Index(head, end)
		if i < 0 {
			return false
		}
		head = head[i+len(end):]
	}
}

// parseRecordStore reads a datastore as a list: its records' links, and
// as its next page the group after it while <totalrecord> says there are
// more.
func parseRecordStore(raw []byte, contentType string, base *url.URL) *Page {
	if !strings.Contains(strings.ToLower(contentType), "charset=") {
		if m := xmlEncoding.FindSubmatch(raw); m != nil {
			contentType = "text/xml; charset=" + string(m[1])
		}
	}
	text, cs := charset.Decode(raw, contentType)
	r := &reader{base: base, charset: cs.Charset}
	s := string(text)
	p := &Page{URL: base.String(), Charset: cs.Charset, CharsetSource: cs.Source, Kind: KindList, Links: r.recordAnchors(s)}
	m := totalRecord.FindStringSubmatch(s)
	q := base.Query()
	start, err1 := strconv.Atoi(q.Get("startrecord"))
	end, err2 := strconv.Atoi(q.Get("endrecord"))
	if m == nil || err1 != nil || err2 != nil || end < start || len(p.Links) == 0 {
		return p
	}
	if total, _ := strconv.Atoi(m[1]); end < total {
		next := *base
		next.RawQuery = withRecords(base.RawQuery, end+1, 2*end-start+1) // a group as large
		p.Pagination.Next = next.String()
	}
	return p
}

// withRecords is the query raw asking for records start to end, its other
// parameters as they were, in their order.
func withRecords(raw string, start, end int) string {
	parts := strings.Split(raw, "&")
	for i, kv := range parts {
		switch k, _, _ := strings.Cut(kv, "="); k {
		case "startrecord":
			parts[i] = k + "=" + strconv.Itoa(start)
		case "endrecord":
			parts[i] = k + "=" + strconv.Itoa(end)
		}
	}
	return strings.Join(parts, "&")
}
