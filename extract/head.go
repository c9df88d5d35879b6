package extract

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// headInfo is what a page says about itself in markup rather than text:
// <title>, <meta>, <link rel=canonical>, <base>, <time datetime>, JSON-LD.
// It is read in one walk over the whole tree, before prune (JSON-LD lives
// in scripts), instead of one selector query per tag.
type headInfo struct {
	title     string            // the first <title>
	meta      map[string]string // lower-cased name, property or itemprop → content; first wins
	canonical string            // <link rel=canonical href>
	baseHref  string            // <base href>
	htmlLang  string            // <html lang>
	timeAttr  string            // the first <time datetime> (pubdate one preferred)
	ldDate    string            // datePublished of JSON-LD
	ldAuthor  string            // the author's name in JSON-LD
	// scriptDate is the publish time a page states only in its script:
	// WeChat's var ct = "1617171717" (Unix seconds, given here in UTC),
	// createTime = '…', publish_time = "…" (local, without an offset).
	scriptDate   string
	scriptSource string // the publication the script with scriptDate names ("media":"浙江日报")
}

var (
	ldDatePublished = regexp.MustCompile(`"datePublished"\s*:\s*"([^"]{8,40})"`)
	ldAuthorName    = regexp.MustCompile(`"author"\s*:\s*(?:\[\s*)?\{[^{}]*?"name"\s*:\s*"([^"]{1,80})"`)
	scriptUnixTime  = regexp.MustCompile(`\bvar\s+ct\s*=\s*["']?(1\d{9})["']?`)
	// An assignment (createTime = '…') or a key of the page's data
	// object (qq.com's window.DATA = {…"pubtime":"…"}).
	scriptDateTime = regexp.MustCompile(`\b(?:` + strings.Join(scriptDateNames, "|") + `)["']?\s*[=:]\s*["'](\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2}(?::\d{2})?)?)["']`)
	// scriptMedia is the publication a page's data object names beside
	// its publish time: "media":"浙江日报".
	scriptMedia = regexp.MustCompile(`"(?:media|media_name|mediaName|source)"\s*:\s*"(\p{Han}[^"\\<>/]{1,29})"`)
)

// scriptPublished finds the publish time a script states (headInfo.scriptDate).
// The regexps run only on scripts that hold their names: pages carry
// hundreds of kilobytes of script.
func scriptPublished(js string) string {
	if i := strings.Index(js, "var ct"); i >= 0 {
		if m := scriptUnixTime.FindStringSubmatch(js[i:min(len(js), i+40)]); m != nil {
			if sec, err := strconv.ParseInt(m[1], 10, 64); err == nil {
				return time.Unix(sec, 0).UTC().Format(time.RFC3339)
			}
		}
	}
	for _, name := range scriptDateNames {
		if i := strings.Index(js, name); i >= 0 {
			if m := scriptDateTime.FindStringSubmatch(js[i:min(len(js), i+60)]); m != nil {
				return m[1]
			}
		}
	}
	return ""
}

// scriptDateNames are the names scripts give the publish time.
var scriptDateNames = []string{"createTime", "publish_time", "publishTime", "pubtime", "pubTime", "pub_time"}

// scriptSource finds the publication a script's data object names, in a
// script that states the publish time too: an article's own data, not a
// player's or an ad's.
func scriptSource(js string) string {
	if m := scriptMedia.FindStringSubmatch(js); m != nil {
		return m[1]
	}
	return ""
}

func readHead(root *html.Node) headInfo {
	h := headInfo{meta: map[string]string{}}
	pubTime := false
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.DataAtom {
			case atom.Html:
				if h.htmlLang == "" {
					h.htmlLang = strings.ToLower(strings.TrimSpace(attr(c, "lang")))
				}
			case atom.Title:
				if h.title == "" && c.FirstChild != nil {
					h.title = cleanLine(c.FirstChild.Data)
				}
				continue
			case atom.Meta:
				content, ok := hasAttr(c, "content")
				if !ok {
					continue
				}
				for _, k := range []string{"name", "property", "itemprop", "http-equiv"} {
					if v := strings.ToLower(strings.TrimSpace(attr(c, k))); v != "" {
						if _, seen := h.meta[v]; !seen {
							h.meta[v] = strings.TrimSpace(content)
						}
					}
				}
				continue
			case atom.Link:
				if h.canonical == "" && strings.EqualFold(strings.TrimSpace(attr(c, "rel")), "canonical") {
					h.canonical = attr(c, "href")
				}
				continue
			case atom.Base:
				if h.baseHref == "" {
					h.baseHref = attr(c, "href")
				}
				continue
			case atom.Time:
				if v, ok := hasAttr(c, "datetime"); ok && !pubTime {
					_, pub := hasAttr(c, "pubdate")
					if h.timeAttr == "" || pub {
						h.timeAttr, pubTime = v, pub
					}
				}
			case atom.Script:
				if c.FirstChild == nil {
					continue
				}
				js := c.FirstChild.Data
				if strings.Contains(attr(c, "type"), "ld+json") {
					if m := ldDatePublished.FindStringSubmatch(js); m != nil && h.ldDate == "" {
						h.ldDate = m[1]
					}
					if m := ldAuthorName.FindStringSubmatch(js); m != nil && h.ldAuthor == "" {
						h.ldAuthor = m[1]
					}
				} else if h.scriptDate == "" {
					if h.scriptDate = scriptPublished(js); h.scriptDate != "" {
						h.scriptSource = scriptSource(js)
					}
				}
				continue
			case atom.Style, atom.Noscript, atom.Template:
				continue
			}
			walk(c)
		}
	}
	walk(root)
	return h
}

// metaValue returns the first non-empty content among the given meta keys.
func (h *headInfo) metaValue(keys ...string) string {
	for _, k := range keys {
		if v := h.meta[k]; v != "" {
			return v
		}
	}
	return ""
}
