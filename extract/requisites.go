package extract

import (
	"bytes"
	"net/url"
	"regexp"
	"strings"

	"github.com/PuerkitoBio/goquery"
)

// requisites lists what a browser loads to show the page: stylesheets,
// scripts, images (the layout's and the content's), icons, and the url(...)
// references of inline styles. Read before prune, which removes scripts and
// styles. Archiving them lets a replay look like the original.
func (r *reader) requisites() []string {
	var out []string
	seen := map[string]bool{}
	add := func(ref string) {
		if u := r.resolve(ref); u != "" && !seen[u] {
			seen[u] = true
			out = append(out, u)
		}
	}
	r.doc.Find(`link[href]`).Each(func(_ int, s *goquery.Selection) {
		rel := strings.ToLower(s.AttrOr("rel", ""))
		if strings.Contains(rel, "stylesheet") || strings.Contains(rel, "icon") {
			add(s.AttrOr("href", ""))
		}
	})
	r.doc.Find(`script[src], img[src], input[type="image"][src], embed[src], video[poster]`).Each(func(_ int, s *goquery.Selection) {
		if src, ok := s.Attr("src"); ok {
			add(src)
		} else {
			add(s.AttrOr("poster", ""))
		}
	})
	r.doc.Find(`img[srcset], source[srcset]`).Each(func(_ int, s *goquery.Selection) {
		for _, part := range strings.Split(s.AttrOr("srcset", ""), ",") {
			if f := strings.Fields(part); len(f) > 0 {
				add(f[0])
			}
		}
	})
	r.doc.Find(`[background]`).Each(func(_ int, s *goquery.Selection) { add(s.AttrOr("background", "")) })
	r.doc.Find(`style`).Each(func(_ int, s *goquery.Selection) {
		for _, ref := range cssRefs([]byte(s.Text())) {
			add(ref)
		}
	})
	r.doc.Find(`[style]`).Each(func(_ int, s *goquery.Selection) {
		for _, ref := range cssRefs([]byte(s.AttrOr("style", ""))) {
			add(ref)
		}
	})
	return out
}

// cssURL matches url(...) and @import "..." in a stylesheet.
var cssURL = regexp.MustCompile(`(?i)url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')`)

// cssRefs returns the references of a stylesheet, as written.
func cssRefs(css []byte) []string {
	var out []string
	for _, m := range cssURL.FindAllSubmatch(css, -1) {
		for _, g := range m[1:] {
			if len(g) > 0 && !bytes.HasPrefix(g, []byte("data:")) {
				out = append(out, string(g))
				break
			}
		}
	}
	return out
}

// CSSLinks returns the absolute URLs a stylesheet refers to (url(...) and
// @import), resolved against the stylesheet's own URL.
func CSSLinks(css []byte, cssURL string) []string {
	base, err := url.Parse(cssURL)
	if err != nil {
		return nil
	}
	var out []string
	seen := map[string]bool{}
	for _, ref := range cssRefs(css) {
		if u := resolveURL(base, ref, "utf-8"); u != "" && !seen[u] {
			seen[u] = true
			out = append(out, u)
		}
	}
	return out
}
