package crawler

import (
	"bytes"
	"compress/gzip"
	"strings"
	"testing"
)

// sitemapSeeds are sitemaps as portals serve them.
var sitemapSeeds = []string{
	`<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>http://www.x.gov.cn/art/2024/3/15/art_1229_1.html</loc><lastmod>2024-03-15</lastmod></url>
<url><loc>http://www.x.gov.cn/art/2024/3/16/art_1229_2.html</loc><lastmod>2024-03-16T08:30:00+08:00</lastmod><changefreq>daily</changefreq><priority>0.8</priority></url>
</urlset>
`,
	`<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>http://a.test/s1.xml</loc><lastmod>2024-03-01</lastmod></sitemap>
<sitemap><loc>http://a.test/s2.xml.gz</loc></sitemap></sitemapindex>`,
	// Google News and image extensions, CDATA, an entity, a BOM.
	"\xef\xbb\xbf<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\" xmlns:image=\"http://www.google.com/schemas/sitemap-image/1.1\">" +
		"<url><loc><![CDATA[http://a.test/show.asp?id=1&page=2]]></loc><news:news><news:publication_date>2024-03-15T10:00Z</news:publication_date><news:title>通知</news:title></news:news>" +
		"<image:image><image:loc>http://a.test/1.jpg</image:loc></image:image></url>" +
		"<url><loc>http://a.test/list.asp?a=1&amp;b=2</loc><lastmod>2024-13-45</lastmod></url></urlset>",
	// Declared GBK, with GBK bytes in a URL.
	"<?xml version=\"1.0\" encoding=\"GBK\"?><urlset><URL><LOC>http://a.test/\xcd\xa8\xd6\xaa.html</LOC><LASTMOD>2024-03-15T10:00:00</LASTMOD></URL></urlset>",
	// Broken midway: what came before is kept.
	`<urlset><url><loc>http://a.test/1.html</loc></url><url><loc>http://a.test/2.html</loc></url><url><loc>http://a.te`,
	`<urlset><url><loc>http://a.test/1.html</loc><url><loc>http://a.test/2.html</loc></url></urlset>`,
	"http://a.test/1.html\nhttps://a.test/2.html\r\n  http://a.test/3.html  \nftp://a.test/x\n\n",
	"",
}

func gzipped(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

// FuzzParseSitemap: a sitemap from the network, plain or gzipped, never
// makes folio panic; it gives no more than a sitemap's worth of entries,
// each with a location; and gzip changes nothing of what is read.
func FuzzParseSitemap(f *testing.F) {
	for _, s := range sitemapSeeds {
		f.Add([]byte(s))
		f.Add(gzipped([]byte(s)))
	}
	// A gzip stream cut short, and one followed by junk.
	z := gzipped([]byte(sitemapSeeds[0]))
	f.Add(z[:len(z)/2])
	f.Add(append(z[:len(z):len(z)], "junk"...))
	f.Fuzz(func(t *testing.T, body []byte) {
		urls, maps := parseSitemap(body)
		checkSitemapEntries(t, body, urls, maps)
		if bytes.HasPrefix(body, []byte{0x1f, 0x8b}) {
			return
		}
		zurls, zmaps := parseSitemap(gzipped(body))
		if !sameEntries(urls, zurls) || !sameEntries(maps, zmaps) {
			t.Fatalf("%q: plain %v %v, gzipped %v %v", body, urls, maps, zurls, zmaps)
		}
	})
}

func checkSitemapEntries(t *testing.T, body []byte, urls, maps []sitemapEntry) {
	t.Helper()
	if n := len(urls) + len(maps); n > maxSitemapURLs {
		t.Fatalf("%d entries, more than a sitemap holds (%d)", n, maxSitemapURLs)
	}
	for _, e := range append(urls[:len(urls):len(urls)], maps...) {
		if e.Loc == "" {
			t.Fatalf("%q: an entry without a location", body)
		}
		if e.Loc != strings.TrimSpace(e.Loc) {
			t.Fatalf("%q: the location %q is not trimmed", body, e.Loc)
		}
	}
}

func sameEntries(a, b []sitemapEntry) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Loc != b[i].Loc || !a[i].Lastmod.Equal(b[i].Lastmod) {
			return false
		}
	}
	return true
}
