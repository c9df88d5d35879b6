package extract

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/PuerkitoBio/goquery"

	"folio/extract/charset"
)

// Kind says what a page is.
type Kind int

const (
	KindArticle Kind = iota // a page of an article: stored as a document
	KindList                // a list, column, calendar or search page: followed for links only
)

func (k Kind) String() string {
	if k == KindList {
		return "list"
	}
	return "article"
}

// Options tune Parse. A nil *Options means the defaults.
type Options struct {
	// Location is the time zone of dates the page states without one.
	// nil means the zone of the site's place (siteZone: .cn, .hk, .mo,
	// .tw hosts and mainland media's English sites), else Asia/Shanghai
	// for pages in Chinese, else UTC.
	Location *time.Location
	// Requisites lists the page's stylesheets, scripts and images in
	// Page.Requisites; off, the list is not made (it costs a walk of the
	// whole tree and every style attribute).
	Requisites bool
}

// BlockKind says what a block of main content is.
type BlockKind int

const (
	Paragraph BlockKind = iota
	Heading
	ListItem
	Table
	Caption // an image caption or figure text
	Preformatted
)

// Block is one unit of main content, in reading order.
type Block struct {
	Kind BlockKind
	Text string     // the block's text; for a table, its rows as text lines
	Rows [][]string // table cells, spans repeated; nil for other kinds

	summary bool // inside a template's summary box (class intro, summary, 摘要…)
	linked  bool // all of its text is link text
}

// Link is an anchor of the page, resolved against the page URL.
type Link struct {
	URL  string
	Text string
}

// Page is what Parse reads from one fetched page.
type Page struct {
	URL           string // the URL the page was fetched from (after redirects)
	Canonical     string // rel=canonical, resolved; "" if none
	Charset       string
	CharsetSource charset.Source
	Lang          string // "zh" when the page is mostly Chinese ("ja", "ko" for Japanese, Korean)

	Kind      Kind
	Title     string
	Published string // RFC 3339, "" if unknown
	// Dated: the page states Published itself (a byline, <meta>,
	// JSON-LD), not only in its URL's path: a site's "not found" page
	// served at an article's address states none.
	Dated  bool
	Source string
	Author string
	Blocks []Block

	Pagination Pagination
	Links      []Link // every anchor in the page, in document order
	// Redirect is where the page sends the browser without an HTTP
	// redirect (a meta refresh, or a stub's script setting location),
	// absolute; "" for most pages.
	Redirect string
	// Attachments are links and embeds inside the main content to files
	// (PDF, office documents, archives, images).
	Attachments []Link
	// Requisites are what a browser loads to show the page (stylesheets,
	// scripts, images, icons), absolute, in document order.
	Requisites []string

	// Cut says the page had more elements than are read (250,000); what
	// came after them is not in the page.
	Cut bool

	// chrome are the lines the page shows outside its main content (the
	// template): Stitch's evidence against another page whose content
	// swallowed them.
	chrome map[string]bool
	// posts are the posts of a forum thread's page, each with its
	// poster; Blocks are the first poster's. nil for other pages.
	posts []post
}

// post is one post of a forum thread: who signed it, what it says.
type post struct {
	poster string
	blocks []Block
}

// Text returns the page's main content as text: one block per line.
func (p *Page) Text() string {
	return blocksText(p.Blocks)
}

// Parse extracts a page from its raw bytes as served. contentType is the
// HTTP Content-Type header ("" if unknown) and pageURL the URL the bytes came
// from, used to resolve links.
func Parse(raw []byte, contentType, pageURL string, opts *Options) (*Page, error) {
	recordStore := isRecordStore(contentType, raw)
	if !recordStore && (charset.IsBinary(raw, contentType) || !isHTML(contentType, raw)) {
		return nil, fmt.Errorf("%s: %w (%s)", pageURL, ErrNotHTML, mediaType(contentType, raw))
	}
	base, err := url.Parse(pageURL)
	if err != nil {
		return nil, fmt.Errorf("extract: page URL %q: %w", pageURL, err)
	}
	if recordStore {
		return parseRecordStore(raw, contentType, base), nil
	}
	text, cs := charset.Decode(raw, contentType)
	root, cut, err := parseHTML(text, maxElements)
	if err != nil { // only reader errors: the text is in memory
		return nil, fmt.Errorf("extract: %s: %w", pageURL, err)
	}
	doc := goquery.NewDocumentFromNode(root)
	doc.Url = base

	p := &Page{URL: pageURL, Charset: cs.Charset, CharsetSource: cs.Source, Cut: cut}
	loc := time.UTC
	if opts != nil && opts.Location != nil {
		loc = opts.Location
	}
	r := newReader(doc, base, cs.Charset)
	p.Lang = r.lang()
	if opts == nil || opts.Location == nil {
		if z := siteZone(base.Hostname()); z != nil {
			loc = z
		} else if p.Lang == "zh" {
			loc = shanghai()
		}
	}
	p.Canonical = r.canonical()
	p.Links = r.links()
	p.Pagination = r.pagination(base)
	group := r.recordGroupAfter(r.inlineScripts()) // read before prune takes the scripts

	p.Redirect = r.redirect(len(p.Links))
	if opts != nil && opts.Requisites {
		p.Requisites = r.requisites()
	}
	r.prune()
	content := r.mainContent()
	meta := r.metadata(content, loc)
	p.Title, p.Published, p.Source, p.Author = meta.title, meta.published, meta.source, meta.author
	p.Blocks = r.blocks(content, meta)
	if len(p.Blocks) == 0 && len(r.thread) == 0 {
		excluded, merged := r.excluded, r.mergedRoot
		if alt := r.contentBeside(content); alt != nil {
			if altMeta := r.metadata(alt, loc); altMeta.title != "" {
				if b := r.blocks(alt, altMeta); hasSentence(b) {
					content, meta, p.Blocks = alt, altMeta, b
				}
			}
			if len(p.Blocks) == 0 {
				// The box chosen stands: what was read of the other is not
				// its (the gathered boxes, its lines, which chrome reads).
				r.excluded, r.mergedRoot = excluded, merged
				r.metadata(content, loc)
			}
		}
	}
	if len(r.thread) > 0 {
		// A thread's page reads as its first poster's posts; Stitch
		// picks the thread author's from every page.
		p.posts = make([]post, len(r.thread))
		for i, tp := range r.thread {
			p.posts[i] = post{poster: tp.poster, blocks: p.Blocks}
			if i > 0 {
				p.posts[i].blocks = r.blocks(tp.content, meta)
			}
		}
		p.Blocks = postsBy(p.posts, p.posts[0].poster)
		if p.Author == "" {
			p.Author = p.posts[0].poster // 楼主, who opened the thread
		}
	}
	p.chrome = r.chrome(content)
	p.Attachments = r.attachments(content)
	p.Kind = r.kind(content, p.Blocks, meta.bylineDate)
	p.Dated = meta.stated
	if p.Kind == KindList {
		if p.Pagination.Next == "" {
			// A Hanweb column's next page is its next group of records
			// (an article's sidebar column has none for it).
			p.Pagination.Next = group
		}
		dropItemCounters(p)
	}
	return p, nil
}

// dropItemCounters drops from a list page's text (archived as the page it is,
// when asked) its items' counters (点击:855 好评:0), which change on every
// request and would make every re-fetch a new version.
func dropItemCounters(p *Page) {
	for i, b := range p.Blocks {
		if b.Kind != Table && itemCounter.MatchString(b.Text) {
			p.Blocks[i].Text = strings.TrimSpace(itemCounter.ReplaceAllString(b.Text, ""))
		}
	}
	p.Blocks = slices.DeleteFunc(p.Blocks, func(b Block) bool { return b.Text == "" })
}

// itemCounter is a list item's counter: 点击:855, 好评：0, 浏览次数: 12次.
var itemCounter = regexp.MustCompile(`\s*(?:浏览|瀏覽|点击|點擊|阅读|閱讀|访问|訪問|好评|好評|评论|評論|人气|人氣|回复|回覆|查看)(?:次数|次數|量|数|數)?\s*[:：]\s*[\d,]+\s*次?`)

// mediaType names the payload for the message about a non-HTML page: the
// type the server stated, else the one its bytes have.
func mediaType(contentType string, raw []byte) string {
	if mt := headerMediaType(contentType); mt != "" {
		return mt
	}
	return httpDetect(raw)
}

// siteZone is the time zone of a site by where it is published, for the
// dates its pages state without an offset; nil when the host does not
// say. The contract's "Chinese pages" are Chinese by the site, not by
// the script of the text: China Daily, Xinhua's English service and
// info.gov.hk's English releases print Beijing or Hong Kong wall-clock
// times, and reading them as UTC would put them 8 hours off. So a host
// under a country code (.cn, .hk, .mo, .tw, and their second levels
// such as .com.cn, .gov.hk) takes that place's zone, and so do the
// few Chinese media that publish in English under a generic domain.
// Other hosts fall back on the text's language (Chinese text:
// Asia/Shanghai; else UTC).
func siteZone(host string) *time.Location {
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	for suffix, zone := range countryZones {
		if strings.HasSuffix(host, suffix) {
			return zoneNamed(zone)
		}
	}
	for _, site := range chineseMedia {
		if host == site || strings.HasSuffix(host, "."+site) {
			return shanghai()
		}
	}
	return nil
}

// countryZones map the country-code domains of Chinese-speaking places
// to their zones.
var countryZones = map[string]string{".cn": "Asia/Shanghai", ".hk": "Asia/Hong_Kong", ".mo": "Asia/Macau", ".tw": "Asia/Taipei"}

// chineseMedia are mainland media under generic domains whose English
// pages carry Beijing time without saying so.
var chineseMedia = []string{"xinhuanet.com", "cgtn.com", "chinanews.com", "cctv.com", "cri.com", "china.org", "chinadaily.com", "caixinglobal.com", "sixthtone.com"}

// zoneNamed loads a zone; the four are all UTC+8 without DST since the
// 1990s, so a system without a tz database gets that fixed zone.
func zoneNamed(name string) *time.Location {
	if name == "Asia/Shanghai" {
		return shanghai()
	}
	if loc, ok := zones.Load(name); ok {
		return loc.(*time.Location)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		loc = time.FixedZone(name, 8*3600)
	}
	zones.Store(name, loc) // LoadLocation reads the tz database each time
	return loc
}

var zones sync.Map // zone name -> *time.Location

// shanghai is China Standard Time; a fixed zone if the system has no tz
// database (CST has had no DST since 1991).
var shanghai = sync.OnceValue(func() *time.Location {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		loc = time.FixedZone("CST", 8*3600)
	}
	return loc
})

// isHTML says whether a payload is an HTML page by what the server said it
// is: text/html and XHTML are; stylesheets, scripts, JSON, feeds are not. A
// server that says nothing, text/plain or application/octet-stream (old
// portals misconfigured) is judged by the bytes, as a browser sniffs them.
func isHTML(contentType string, raw []byte) bool {
	switch headerMediaType(contentType) {
	case "text/html", "application/xhtml+xml":
		return true
	case "", "text/plain", "application/octet-stream", "application/x-unknown-content-type", "unknown/unknown":
		return httpDetect(raw) == "text/html" || looksLikeHTML(raw)
	}
	return false
}

// headerMediaType is the media type of a Content-Type header, lower-case,
// without its parameters ("" for "; charset=gbk").
func headerMediaType(contentType string) string {
	ct, _, _ := strings.Cut(contentType, ";")
	return strings.ToLower(strings.TrimSpace(ct))
}

// looksLikeHTML says whether the first KiBs read as markup: an <html>,
// <head> or <body>, or several of the elements that pages are made of.
// http.DetectContentType misses fragments such as saved pages that start
// with a <table>, and pages behind a BOM, a comment or UTF-16 zero bytes.
func looksLikeHTML(raw []byte) bool {
	head := bytes.ToLower(bytes.ReplaceAll(raw[:min(len(raw), 4096)], []byte{0}, nil))
	for _, tag := range []string{"<html", "<head", "<body", "<!doctype html"} {
		if bytes.Contains(head, []byte(tag)) {
			return true
		}
	}
	found := 0
	for _, tag := range []string{"<table", "<div", "<p>", "<p ", "<a href", "<br", "<font", "<img", "<span", "<td", "<li"} {
		if bytes.Contains(head, []byte(tag)) {
			found++
		}
	}
	return found >= 3
}

func httpDetect(raw []byte) string {
	ct, _, _ := strings.Cut(http.DetectContentType(raw), ";")
	return ct
}

// postsBy returns the blocks of the posts signed by poster, in order; with
// no poster known, the first post's alone.
func postsBy(posts []post, poster string) []Block {
	if poster == "" {
		return posts[0].blocks
	}
	var out []Block
	for _, p := range posts {
		if p.poster == poster {
			out = append(out, p.blocks...)
		}
	}
	return out
}
