package crawler

import (
	"bytes"
	"compress/gzip"
	"encoding/xml"
	"io"
	"regexp"
	"strings"
	"time"
)

// Sitemaps (robots.txt's Sitemap: lines, and the sites' configured ones)
// are extra seeds: their <loc> URLs are queued like links of a seed page,
// and a <lastmod> newer than an article's last fetch makes it due for a
// re-check. A sitemap index's sitemaps are read too, to a depth of
// maxSitemapDepth.
const (
	maxSitemapDepth = 2
	maxSitemapURLs  = 50_000 // per sitemap file, as the protocol allows
	maxSitemapBytes = 50 << 20
)

// sitemapEntry is one <url> or one <sitemap> of an index.
type sitemapEntry struct {
	Loc     string
	Lastmod time.Time
}

// parseSitemap reads a sitemap or a sitemap index (plain or gzip). It
// returns the page URLs and the nested sitemaps. A text sitemap (one URL a
// line) is read too. Broken XML ends the reading, keeping what came before.
func parseSitemap(body []byte) (urls, sitemaps []sitemapEntry) {
	if bytes.HasPrefix(body, []byte{0x1f, 0x8b}) {
		if zr, err := gzip.NewReader(bytes.NewReader(body)); err == nil {
			if un, err := io.ReadAll(io.LimitReader(zr, maxSitemapBytes)); err == nil || len(un) > 0 {
				body = un
			}
		}
	}
	trimmed := bytes.TrimSpace(body)
	if !bytes.HasPrefix(trimmed, []byte("<")) {
		for _, line := range strings.Split(string(trimmed), "\n") {
			line = strings.TrimSpace(line)
			if strings.HasPrefix(line, "http://") || strings.HasPrefix(line, "https://") {
				if len(urls) == maxSitemapURLs {
					break // the protocol's limit, as for XML
				}
				urls = append(urls, sitemapEntry{Loc: line})
			}
		}
		return urls, nil
	}
	dec := xml.NewDecoder(bytes.NewReader(body))
	dec.Strict = false
	dec.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	var cur *sitemapEntry
	var inIndex bool
	var field string
	for len(urls)+len(sitemaps) < maxSitemapURLs {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch strings.ToLower(t.Name.Local) {
			case "sitemapindex":
				inIndex = true
			case "url", "sitemap", "item", "entry":
				cur = &sitemapEntry{}
			case "loc", "lastmod":
				field = strings.ToLower(t.Name.Local)
			case "link": // a feed's: RSS's text, Atom's href
				if cur == nil {
					continue
				}
				field = "loc"
				for _, a := range t.Attr {
					if a.Name.Local == "href" && cur.Loc == "" && (relOf(t) == "" || relOf(t) == "alternate") {
						cur.Loc, field = strings.TrimSpace(a.Value), ""
					}
				}
			case "pubdate", "updated", "published":
				field = "lastmod"
			}
		case xml.CharData:
			if cur == nil || field == "" {
				continue
			}
			v := strings.TrimSpace(string(t))
			if field == "loc" {
				cur.Loc += v
			} else if lm, ok := parseLastmod(v); ok && lm.After(cur.Lastmod) {
				cur.Lastmod = lm
			}
		case xml.EndElement:
			switch strings.ToLower(t.Name.Local) {
			case "loc", "lastmod", "link", "pubdate", "updated", "published":
				field = ""
			case "url", "sitemap", "item", "entry":
				if cur != nil && cur.Loc != "" {
					if inIndex || strings.EqualFold(t.Name.Local, "sitemap") {
						sitemaps = append(sitemaps, *cur)
					} else {
						urls = append(urls, *cur)
					}
				}
				cur = nil
			}
		}
	}
	return urls, sitemaps
}

// relOf is an Atom <link>'s rel.
func relOf(t xml.StartElement) string {
	for _, a := range t.Attr {
		if a.Name.Local == "rel" {
			return a.Value
		}
	}
	return ""
}

// feedURL is the address of a site's RSS or Atom feed, read as a sitemap
// when given as a seed (WordPress's /feed/, ?feed=rss2, a .rss file).
var feedURL = regexp.MustCompile(`(?i)/(?:feed|rss|atom)/?$|/(?:feed|rss|atom)\.(?:xml|php)$|\.(?:rss|atom)$|[?&]feed=(?:rss2?|atom)(?:&|$)`)

// parseLastmod reads a W3C datetime (a date, or a date and time) or a
// feed's RFC 1123 date.
func parseLastmod(v string) (time.Time, bool) {
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04Z07:00", "2006-01-02T15:04:05", "2006-01-02", time.RFC1123Z, time.RFC1123} {
		if t, err := time.Parse(layout, v); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}
