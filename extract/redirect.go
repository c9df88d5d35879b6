package extract

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Stub pages send the browser on without an HTTP redirect: a portal's
// root is often nothing but <meta http-equiv="refresh" content="0;
// url=/col/col1/index.html"> or <script>window.location.href =
// "/portal/index.html"</script>. A crawler that reads only anchors finds
// nothing there, so the target is read as a redirect is.

// maxRefreshDelay is the longest meta refresh taken as a redirect: longer
// ones are pages that reload themselves now and then (a news ticker), not
// stubs.
const maxRefreshDelay = 10

// stubText is how much text a page may show and still be a stub whose
// script redirect counts. A full page with a location-setting script
// usually sends only some browsers on (phones to the mobile site).
const stubText = 80

var (
	refreshURL     = regexp.MustCompile(`(?i)^\s*(\d+)(?:\.\d*)?\s*(?:[;,]\s*(?:url\s*=\s*)?(.*))?$`)
	scriptLocation = regexp.MustCompile(`\b(?:(?:window|self|top|parent|document)\s*\.\s*)?location(?:\s*\.\s*href)?\s*=\s*["']([^"'\s]+)["']|\blocation\s*\.\s*(?:replace|assign)\s*\(\s*["']([^"'\s]+)["']\s*\)`)
)

// redirect is where the page sends the browser, absolute, or "": a meta
// refresh with a URL (within maxRefreshDelay seconds), else, on a page
// with next to no text and at most a few links, a script that sets
// location. links is how many links the page has (Page.Links, already
// read). A target that is the page itself is not a redirect. Call it
// before prune, which drops the scripts.
func (r *reader) redirect(links int) string {
	ok := func(u string) string {
		if u == "" || CanonicalURL(u) == CanonicalURL(r.page.String()) {
			return ""
		}
		return u
	}
	if m := refreshURL.FindStringSubmatch(r.head.meta["refresh"]); m != nil && m[2] != "" {
		if d, err := strconv.Atoi(m[1]); err == nil && d <= maxRefreshDelay {
			return ok(r.resolve(strings.Trim(strings.TrimSpace(m[2]), `'"`)))
		}
	}
	if links > 3 {
		return ""
	}
	var scripts []string
	shown := 0
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && shown <= stubText; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				shown += len([]rune(strings.TrimSpace(c.Data)))
			case c.Type == html.ElementNode && c.DataAtom == atom.Script:
				if c.FirstChild != nil {
					scripts = append(scripts, c.FirstChild.Data)
				}
			case c.Type == html.ElementNode && c.DataAtom != atom.Style && c.DataAtom != atom.Noscript:
				walk(c)
			}
		}
	}
	walk(r.body())
	if shown > stubText {
		return ""
	}
	// The head's scripts count too: stubs put them there as often.
	r.doc.Find("head script").Each(func(_ int, s *goquery.Selection) {
		scripts = append(scripts, s.Text())
	})
	for _, js := range scripts {
		if m := scriptLocation.FindStringSubmatch(js); m != nil {
			return ok(r.resolve(m[1] + m[2]))
		}
	}
	return ""
}
