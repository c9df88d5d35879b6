package crawler

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"folio/extract"
	"folio/store"
)

// The pagination cases of package extract (extract/testdata/pagination),
// served on loopback: every request goes to one httptest server whatever
// its host, so the fixtures keep their real host names.
const casesDir = "../extract/testdata/pagination"

// site is one case served: its files by URL, and what was asked of it.
type site struct {
	name    string
	Kind    string   `json:"kind"`
	Pages   []string `json:"pages"`
	Ignored []int    `json:"ignored"` // pages that are page 1 again
	Files   []struct {
		URL         string `json:"url"`
		File        string `json:"file"`
		ContentType string `json:"content_type"`
	} `json:"files"`
	want struct {
		Document struct {
			Title string   `json:"title"`
			Text  []string `json:"text"`
		} `json:"document"`
	}

	mu     sync.Mutex
	hits   map[string]int    // requests by URL
	status map[string]int    // URLs answered with this status instead
	body   map[string]string // URLs answered 200 with this page instead
	// maxBody is the transport's --max-body; 0 for the default.
	maxBody int64
}

func loadSite(t *testing.T, name string) *site {
	t.Helper()
	s := &site{name: name, hits: map[string]int{}, status: map[string]int{}, body: map[string]string{}}
	for file, v := range map[string]any{"case.json": s, "want.json": &s.want} {
		raw, err := os.ReadFile(filepath.Join(casesDir, name, file))
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(raw, v); err != nil {
			t.Fatalf("%s/%s: %v", name, file, err)
		}
	}
	return s
}

// ServeHTTP serves a case's files by URL; URLs that differ only in
// tracking parameters (?from=index, utm_*) get the same file, as on any
// real server, and a directory its index.html. robots.txt and everything
// else are 404.
func (s *site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	u := "http://" + r.Host + r.URL.RequestURI()
	if strings.HasSuffix(r.URL.Path, "/") && r.URL.RawQuery == "" && s.file(u) == "" {
		u += "index.html"
	}
	s.mu.Lock()
	s.hits[u]++
	code, body, replaced := s.status[u], s.body[u], s.body[u] != ""
	s.mu.Unlock()
	if code != 0 {
		http.Error(w, http.StatusText(code), code)
		return
	}
	if replaced {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, body)
		return
	}
	for _, f := range s.Files {
		if f.URL == u || f.URL == extract.CanonicalURL(u) {
			body, err := os.ReadFile(s.file(f.URL))
			if err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
			w.Header().Set("Content-Type", f.ContentType)
			w.Write(body)
			return
		}
	}
	http.NotFound(w, r)
}

// file is the path of the file served at u; "" if none.
func (s *site) file(u string) string {
	for _, f := range s.Files {
		if f.URL == u {
			return filepath.Join(casesDir, s.name, f.File)
		}
	}
	return ""
}

func (s *site) requests(u string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[u]
}

// archiver returns an Archiver that fetches from s over loopback (no
// delay: the server is the test's own) and stores into a fresh store.
func (s *site) archiver(t *testing.T, opts ArchiveOptions) (*Archiver, *store.DB) {
	t.Helper()
	tr, db := s.transport(t)
	f, err := NewFetcher(t.Context(), tr, FetcherOptions{Revisit: true})
	if err != nil {
		t.Fatal(err)
	}
	return NewArchiver(f, db, opts), db
}

// transport serves the site on loopback whatever host a URL names, and
// opens a fresh store.
func (s *site) transport(t *testing.T) (*Transport, *store.DB) {
	t.Helper()
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	addr := srv.Listener.Addr().String()
	base := &http.Transport{
		DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
			return (&net.Dialer{}).DialContext(ctx, network, addr)
		},
		DisableCompression: true,
	}
	t.Cleanup(base.CloseIdleConnections)
	tr := NewTransport(TransportOptions{Base: base, Retries: -1, MaxBody: s.maxBody})
	db, err := store.Open(filepath.Join(t.TempDir(), "folio.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return tr, db
}

// checkDocument compares an archived document with the case's golden
// stitched document and its pages.
func (s *site) checkDocument(t *testing.T, res *Result, pages []string) {
	t.Helper()
	if res.Doc == nil {
		t.Fatalf("archive %s: no document: %v", res.URL, res.Err)
	}
	d := res.Doc
	if want := extract.CanonicalURL(s.Pages[0]); d.URL != want {
		t.Errorf("url = %s, want page 1's %s", d.URL, want)
	}
	var got, want []string
	for _, p := range d.Pages {
		got = append(got, extract.CanonicalURL(extract.PageOneURL(p.URL)))
	}
	for _, p := range pages {
		want = append(want, extract.CanonicalURL(extract.PageOneURL(p)))
	}
	if !slices.Equal(got, want) {
		t.Errorf("pages:\n got %q\nwant %q", got, want)
	}
	if d.Title != s.want.Document.Title {
		t.Errorf("title = %q, want %q", d.Title, s.want.Document.Title)
	}
	if text := strings.Join(s.want.Document.Text, "\n"); d.Text != text {
		t.Errorf("text:\n got %q\nwant %q", d.Text, text)
	}
}

// articlePages are the pages an archive of s must hold: the case's pages
// but those at which the server answers page 1 again. (A page whose text
// repeats another page's is held; its text is stitched once.)
func (s *site) articlePages() []string {
	var out []string
	for i, p := range s.Pages {
		if !slices.Contains(s.Ignored, i) {
			out = append(out, p)
		}
	}
	return out
}

// TestArchiveCases archives every article case from each of its pages: one
// document, whole, in order, under page 1's URL, whichever page it starts
// from; and no other URL of the site is fetched (the 下一篇 and rel=next
// links to the next article, the related lists, the print links).
func TestArchiveCases(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join(casesDir, "*", "case.json"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no cases in %s: %v", casesDir, err)
	}
	for _, cj := range dirs {
		name := filepath.Base(filepath.Dir(cj))
		s := loadSite(t, name)
		if s.Kind != "article" {
			continue
		}
		t.Run(name, func(t *testing.T) {
			a, _ := s.archiver(t, ArchiveOptions{})
			for i := len(s.Pages) - 1; i >= 0; i-- {
				start := s.Pages[i]
				res := a.Archive(t.Context(), start)
				if res.Err != nil {
					t.Fatalf("archive from page %d: %v", i+1, res.Err)
				}
				s.checkDocument(t, res, s.articlePages())
				if !res.Doc.Complete || res.Doc.Version != 1 {
					t.Errorf("from page %d: complete %v, version %d", i+1, res.Doc.Complete, res.Doc.Version)
				}
			}
			s.mu.Lock()
			defer s.mu.Unlock()
			for u, n := range s.hits {
				page := func(p string) bool {
					return extract.CanonicalURL(extract.PageOneURL(p)) == extract.CanonicalURL(extract.PageOneURL(u))
				}
				if !slices.ContainsFunc(s.Pages, page) && !strings.HasSuffix(u, "/robots.txt") {
					t.Errorf("fetched %s (%d times): not a page of the article", u, n)
				}
			}
		})
	}
}

// TestArchivePageFailsInTheMiddle: page 3 of 4 answers 404. Page 4 is
// still reached (page 1's bar names it), page 3 stays in the document with
// its status, and the document is incomplete.
func TestArchivePageFailsInTheMiddle(t *testing.T) {
	s := loadSite(t, "empire-article")
	s.status[s.Pages[2]] = http.StatusNotFound
	a, _ := s.archiver(t, ArchiveOptions{})
	for _, start := range []string{s.Pages[0], s.Pages[3]} {
		res := a.Archive(t.Context(), start)
		if res.Err == nil || !strings.Contains(res.Err.Error(), "404") {
			t.Errorf("from %s: err = %v, want the 404 of page 3", start, res.Err)
		}
		if res.Doc == nil {
			t.Fatalf("from %s: no document", start)
		}
		var status []int
		for _, p := range res.Doc.Pages {
			status = append(status, p.Status)
		}
		if !slices.Equal(status, []int{200, 200, 404, 200}) || res.Doc.Complete {
			t.Errorf("from %s: page statuses %v, complete %v; want [200 200 404 200], false", start, status, res.Doc.Complete)
		}
		if res.Doc.Pages[2].URL != s.Pages[2] {
			t.Errorf("failed page recorded as %s, want %s", res.Doc.Pages[2].URL, s.Pages[2])
		}
		text := strings.Join(s.want.Document.Text, "\n")
		if !strings.Contains(text, "提升农机作业水平") || strings.Contains(res.Doc.Text, "提升农机作业水平") {
			t.Errorf("page 3's text should be missing, and only it")
		}
		for _, line := range []string{"稳定粮食生产补贴", "保障农资供应", "强化金融保险支持"} {
			if !strings.Contains(res.Doc.Text, line) {
				t.Errorf("from %s: text lacks %q", start, line)
			}
		}
	}
}

// TestArchiveSoftError: a page the bar names answers 200 with the site's
// "not found" page. It is a failed page, not the article's end: the pages
// after it are still read, and the document is incomplete — also when it
// is the last page.
func TestArchiveSoftError(t *testing.T) {
	const errorPage = `<html><head><meta charset="utf-8"><title>提示信息</title></head><body>` +
		`<div class="msg"><p>对不起，您访问的信息不存在或已被删除！</p><p><a href="/">返回首页</a></p></div></body></html>`
	for _, tc := range []struct {
		page     int    // index of the page that fails
		keptLine string // a line of a page after it, or before it
	}{
		{2, "强化金融保险支持"}, // page 3 of 4: page 4 is read
		{3, "保障农资供应"},   // page 4 of 4, the last
	} {
		s := loadSite(t, "empire-article")
		s.body[s.Pages[tc.page]] = errorPage
		a, _ := s.archiver(t, ArchiveOptions{})
		res := a.Archive(t.Context(), s.Pages[0])
		if res.Doc == nil {
			t.Fatalf("page %d: no document: %v", tc.page+1, res.Err)
		}
		if len(res.Doc.Pages) != 4 || res.Doc.Complete || res.Err == nil {
			t.Errorf("page %d fails: %d pages, complete %v, err %v; want 4 pages, incomplete, an error naming it",
				tc.page+1, len(res.Doc.Pages), res.Doc.Complete, res.Err)
		}
		if !strings.Contains(res.Doc.Text, tc.keptLine) || strings.Contains(res.Doc.Text, "不存在") {
			t.Errorf("page %d fails: want %q and not the error page's text: %q", tc.page+1, tc.keptLine, res.Doc.Text)
		}
	}
}

// TestArchiveTruncatedPageIsIncomplete: a page cut at --max-body holds
// only the start of its text, so the document says it is incomplete.
func TestArchiveTruncatedPageIsIncomplete(t *testing.T) {
	s := loadSite(t, "dede-article")
	s.maxBody = 5000 // less than each page
	a, _ := s.archiver(t, ArchiveOptions{})
	res := a.Archive(t.Context(), s.Pages[0])
	if res.Doc == nil {
		t.Fatalf("no document: %v", res.Err)
	}
	if res.Doc.Complete {
		t.Errorf("pages cut at %d bytes, yet the document is complete", s.maxBody)
	}
}

// TestArchivePageOneFails: started from page 3, page 1 (named by the bar)
// answers 500; the pages after it are archived, page 1 is recorded failed.
func TestArchivePageOneFails(t *testing.T) {
	s := loadSite(t, "dede-article")
	s.status[s.Pages[0]] = http.StatusInternalServerError
	a, _ := s.archiver(t, ArchiveOptions{})
	res := a.Archive(t.Context(), s.Pages[2])
	if res.Err == nil || res.Doc == nil || res.Doc.Complete {
		t.Fatalf("err %v, doc %v: want an incomplete document and an error", res.Err, res.Doc != nil)
	}
	if len(res.Doc.Pages) != 3 || res.Doc.Pages[0].Status != 500 || res.Doc.URL != s.Pages[0] {
		t.Errorf("pages %+v, url %s; want page 1 failed with 500 and the document at page 1's URL", res.Doc.Pages, res.Doc.URL)
	}
	if res.Doc.Title != s.want.Document.Title || !strings.Contains(res.Doc.Text, "3.42万亩") {
		t.Errorf("pages 2 and 3 not stitched: %q %q", res.Doc.Title, res.Doc.Text)
	}
}

// TestArchiveLastPageFails: a failure at the end is still a page of the
// article.
func TestArchiveLastPageFails(t *testing.T) {
	s := loadSite(t, "relnext")
	s.status[s.Pages[1]] = http.StatusNotFound
	a, _ := s.archiver(t, ArchiveOptions{})
	res := a.Archive(t.Context(), s.Pages[0])
	if res.Err == nil || res.Doc == nil || res.Doc.Complete || len(res.Doc.Pages) != 2 || res.Doc.Pages[1].Status != 404 {
		t.Fatalf("err %v, doc %+v", res.Err, res.Doc)
	}
}

// TestArchiveMaxPages: --max-pages stops the walk cleanly; the document
// holds the pages read and says it is incomplete, and it is no error.
func TestArchiveMaxPages(t *testing.T) {
	s := loadSite(t, "dede-article")
	a, _ := s.archiver(t, ArchiveOptions{MaxPages: 2})
	res := a.Archive(t.Context(), s.Pages[0])
	if res.Err != nil || res.Doc == nil {
		t.Fatalf("err %v", res.Err)
	}
	if len(res.Doc.Pages) != 2 || res.Doc.Complete {
		t.Errorf("%d pages, complete %v; want 2 pages, incomplete", len(res.Doc.Pages), res.Doc.Complete)
	}
	if n := s.requests(s.Pages[2]); n != 0 {
		t.Errorf("page 3 fetched %d times past --max-pages", n)
	}
}

// TestArchiveCycle: the last page's 下一页 leads back to page 1; the walk
// stops there, fetching no page twice.
func TestArchiveCycle(t *testing.T) {
	s := loadSite(t, "trap-cycle")
	a, _ := s.archiver(t, ArchiveOptions{})
	res := a.Archive(t.Context(), s.Pages[0])
	s.checkDocument(t, res, s.Pages)
	for _, p := range s.Pages {
		if n := s.requests(p); n != 1 {
			t.Errorf("%s fetched %d times", p, n)
		}
	}
}

// TestArchiveAliases: the tracking variants of an article's pages and its
// print view are one document, under page 1's URL, with them as aliases.
func TestArchiveAliases(t *testing.T) {
	t.Run("tracking", func(t *testing.T) {
		s := loadSite(t, "dede-article")
		a, db := s.archiver(t, ArchiveOptions{})
		variants := []string{
			s.Pages[0] + "?from=index",
			s.Pages[1] + "?utm_source=wechat&utm_medium=social",
			s.Pages[0] + "#comments",
			s.Pages[0] + ";jsessionid=0A1B2C3D4E5F60718293A4B5C6D7E8F9",
		}
		var last *Result
		for _, v := range variants {
			last = a.Archive(t.Context(), v)
			if last.Err != nil {
				t.Fatalf("%s: %v", v, last.Err)
			}
			s.checkDocument(t, last, s.Pages)
		}
		for _, v := range variants[:2] {
			if !slices.Contains(last.Doc.Aliases, v) {
				t.Errorf("aliases %q lack %s", last.Doc.Aliases, v)
			}
		}
		if n := countDocuments(t, db); n != 1 {
			t.Errorf("%d documents, want 1", n)
		}
		// A fragment is never sent, nor a session id: no capture and no
		// alias carries one.
		for _, u := range last.Doc.Aliases {
			if strings.Contains(u, "#") || strings.Contains(u, "jsessionid") {
				t.Errorf("alias %s has a fragment or a session id", u)
			}
		}
		err := db.Captures(0, func(c *store.Capture) error {
			if strings.Contains(c.URL, "#") || strings.Contains(c.URL, "jsessionid") {
				t.Errorf("capture %d of %s has a fragment or a session id", c.ID, c.URL)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
	t.Run("print view", func(t *testing.T) {
		s := loadSite(t, "asp-print")
		a, db := s.archiver(t, ArchiveOptions{})
		printURL := "http://www.yldz.gov.cn/print.asp?id=123"
		res := a.Archive(t.Context(), printURL)
		if res.Err != nil {
			t.Fatal(res.Err)
		}
		s.checkDocument(t, res, s.Pages)
		if !slices.Contains(res.Doc.Aliases, printURL) {
			t.Errorf("aliases %q lack the print view", res.Doc.Aliases)
		}
		if res = a.Archive(t.Context(), s.Pages[0]); res.Err != nil || res.Doc.Version != 1 {
			t.Errorf("the article itself after its print view: %v, version %d", res.Err, res.Doc.Version)
		}
		if n := countDocuments(t, db); n != 1 {
			t.Errorf("%d documents, want 1", n)
		}
	})
}

func countDocuments(t *testing.T, db *store.DB) int {
	t.Helper()
	n := 0
	if err := db.Documents(store.DocumentFilter{}, func(*store.Document) error { n++; return nil }); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestCrawlFollowsScriptBar: columns whose page bar exists only as a
// script (TRS's countPage variables, layui's laypage); a crawl seeded with
// page 1 reaches the notices listed on pages 2 and 3 through it, and
// stores no list page.
func TestCrawlFollowsScriptBar(t *testing.T) {
	for _, tt := range []struct {
		name, seed, scope string
		docs              int
	}{
		{"trs-list", "http://www.zhuzhou.gov.cn/zwgk/tzgg/index.html", `^http://www\.zhuzhou\.gov\.cn/zwgk/tzgg/`, 9},
		{"laypage-list", "http://www.yanling.gov.cn/xxgk/tzgg/index.shtml", `^http://www\.yanling\.gov\.cn/xxgk/tzgg/`, 8},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := loadSite(t, tt.name)
			tr, db := s.transport(t)
			site := Site{Seeds: []string{tt.seed}, Depth: 1, Scope: regexp.MustCompile(tt.scope)}
			sum, err := NewCrawler(db, tr, CrawlOptions{Sites: []Site{site}}).Run(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			// Lists counts ./ and index.html apart: the breadcrumb links the
			// column as ./. The site's navigation leads to columns the
			// fixture does not have (404s, counted as failed): list pages
			// are followed on the seed's host whatever the scope.
			if sum.New != tt.docs || sum.Lists < 3 {
				t.Errorf("crawl: %+v; want %d new documents from the 3 list pages", sum, tt.docs)
			}
			if n := countDocuments(t, db); n != tt.docs {
				t.Errorf("%d documents, want %d", n, tt.docs)
			}
		})
	}
}

func TestSameArticle(t *testing.T) {
	pg := func(u, title string) *page {
		return &page{url: u, parsed: &extract.Page{URL: u, Title: title}}
	}
	const a = "http://x.cn/a/123.html"
	tests := []struct {
		p, ref  *page
		fromBar bool
		want    bool
	}{
		{pg(a, "标题"), pg(a, "标题"), false, true},
		{pg(a, "标题（2）"), pg(a, "标题"), false, true},
		{pg(a, "标题 第2页"), pg(a, "标题"), false, true},
		{pg(a, "标题 - 2/3"), pg(a, "标题"), false, true},
		{pg(a, "走进乡村振兴一线：茶山变金山（二）"), pg(a, "走进乡村振兴一线：茶山变金山"), false, true}, // page 2's marker in numerals
		{pg(a, "标题之三"), pg(a, "标题"), false, true},
		{pg(a, "另一篇文章"), pg(a, "标题"), true, false},      // 下一篇, even when a bar links it
		{pg(a, "标题之二：后续报道"), pg(a, "标题"), false, false}, // more than a page marker
		{pg("http://x.cn/a/123_2.html", ""), pg(a, "标题"), false, true},
		{pg("http://x.cn/a/124.html", ""), pg(a, "标题"), false, false},
		{pg("http://x.cn/a/more.html", ""), pg(a, ""), true, true},
		{pg(a, "[求助] 小区改造名单"), pg(a, "小区改造名单"), false, true}, // a forum's tag on one page's heading only
		{pg(a, "【转载】小区改造名单"), pg(a, "小区改造名单（2）"), false, true},
		{pg(a, "[求助]"), pg(a, "小区改造名单"), false, false},
	}
	for _, tt := range tests {
		if got := sameArticle(tt.p, tt.ref, tt.fromBar); got != tt.want {
			t.Errorf("sameArticle(%s %q, %s %q, %v) = %v, want %v", tt.p.url, tt.p.parsed.Title, tt.ref.url, tt.ref.parsed.Title, tt.fromBar, got, tt.want)
		}
	}
}

func TestPlausibleCanonical(t *testing.T) {
	tests := []struct {
		canonical, page string
		want            bool
	}{
		{"http://x.cn/a/123.html", "http://x.cn/a/123.html?from=index", true},
		{"http://x.cn/a/123.html", "http://x.cn/a/123_2.html", true},
		{"http://x.cn/show.php?id=123", "http://x.cn/index.php?m=content&id=123", true},
		{"http://x.cn/", "http://x.cn/a/123.html", false},                        // the home page
		{"http://x.cn/a/", "http://x.cn/a/123.html", false},                      // the column
		{"http://x.cn/a/index.html", "http://x.cn/a/123.html", false},            // the column again
		{"http://y.cn/a/123.html", "http://x.cn/a/123.html", false},              // another host
		{"http://blog.x.me/2023/11/05/mifen/", "http://blog.x.me/?p=1234", true}, // a slug for a post id
		{"http://x.cn/a/124.html", "http://x.cn/a/123.html", false},              // another article
		{"http://blog.x.me/mifen/", "http://blog.x.me/mifen/?amp=1", true},
		{"http://blog.x.me/food/", "http://blog.x.me/food/mifen/", false},
		{"http://blog.x.me/?p=102", "http://blog.x.me/?p=102&replytocom=5", true},      // the post by its id
		{"http://blog.x.me/?p=1", "http://blog.x.me/2024/05/09/xinchang-road/", false}, // a broken template's one post
		{"http://blog.x.me/?p=1", "http://blog.x.me/?p=45", false},
		{"http://blog.x.me/?p=102&lang=en", "http://blog.x.me/?p=102", false},
		{"http://blog.x.me/?cat=12", "http://blog.x.me/2024/05/09/xinchang-road/", false},
		{"http://x.cn/?id=1", "http://x.cn/index.php?id=88", false},           // another article's
		{"http://x.cn/content.jsp", "http://x.cn/content.jsp?id=3001", false}, // the query naming the article dropped
		{"http://www.x.cn/a/123.html", "http://m.x.cn/a/123.html", false},     // another host: canonicalElsewhere's
	}
	for _, tt := range tests {
		if got := plausibleCanonical(tt.canonical, tt.page); got != tt.want {
			t.Errorf("plausibleCanonical(%s, %s) = %v, want %v", tt.canonical, tt.page, got, tt.want)
		}
	}
}

// TestCanonicalElsewhere: a rel=canonical on another host of the site
// (a sibling, or a host in the crawl's scope) naming the same path or
// article id names where the page may be a copy of a stored article.
func TestCanonicalElsewhere(t *testing.T) {
	inScope := func(u string) bool { return strings.HasPrefix(u, "http://127.0.0.2/") }
	for _, tt := range []struct{ canonical, page, want string }{
		{"http://www.x.cn/a/123.html", "http://m.x.cn/a/123.html", "www.x.cn"},          // the mobile site's copy
		{"http://www.x.cn/a/123.html", "http://m.x.cn/wap/show.asp?id=123", "www.x.cn"}, // its own scheme, the same id
		{"http://www.x.cn/a/124.html", "http://m.x.cn/a/123.html", ""},                  // another article
		{"http://www.y.cn/a/123.html", "http://m.x.cn/a/123.html", ""},                  // another site
		{"http://m.x.cn/a/123.html", "http://m.x.cn.evil.io/a/123.html", ""},
		{"http://127.0.0.2/a/123.html", "http://127.0.0.1/a/123.html", "127.0.0.2"}, // in scope
		{"http://127.0.0.3/a/123.html", "http://127.0.0.1/a/123.html", ""},          // addresses are not names
		{"http://m.x.cn/a/123.html", "http://m.x.cn/a/123.html?from=x", ""},         // its own host: plausibleCanonical's
	} {
		if got := canonicalElsewhere(tt.canonical, tt.page, inScope); got != tt.want {
			t.Errorf("canonicalElsewhere(%s, %s) = %q, want %q", tt.canonical, tt.page, got, tt.want)
		}
	}
}

// TestArchiveGapIsIncomplete: started from page 3, whose bar names only
// page 1, and page 1 names no other page: page 2 is missing from the
// document, and the document says it is incomplete.
func TestArchiveGapIsIncomplete(t *testing.T) {
	page := func(n int, bar string) string {
		return `<html><head><meta charset="utf-8"><title>县政府召开第三次常务会议_县政府网</title></head><body>` +
			`<div class="nav"><a href="/">首页</a> <a href="/xxgk/">信息公开</a></div>` +
			`<h1>县政府召开第三次常务会议</h1><div class="content">` +
			strings.Repeat(`<p>会议研究部署了本月重点工作，第`+string(rune('0'+n))+`页的内容在这里继续展开，要求各部门抓好落实。</p>`, 4) +
			`</div><div class="pagebar">` + bar + `</div></body></html>`
	}
	pages := map[string]string{
		"/info.jsp?id=7":          page(1, `共3页`),
		"/info.jsp?id=7&pageNo=2": page(2, `共3页`),
		"/info.jsp?id=7&pageNo=3": page(3, `共3页 <a href="/info.jsp?id=7">首页</a> <a href="/info.jsp?id=7">1</a> <span class="current">3</span>`),
	}
	res, _ := archivePages(t, pages, "/info.jsp?id=7&pageNo=3")
	if res.Doc == nil {
		t.Fatalf("no document: %v", res.Err)
	}
	if len(res.Doc.Pages) != 2 || res.Doc.Complete || res.Err == nil {
		t.Errorf("%d pages, complete %v, err %v; want pages 1 and 3, incomplete, an error naming page 2",
			len(res.Doc.Pages), res.Doc.Complete, res.Err)
	}
}

// TestArchiveSelfLinkingBar: an article of one page at an address shaped
// like a page N (info_5.shtml), whose template prints a bar whose 下一页
// links back to it, is that one page when info.shtml does not exist.
func TestArchiveSelfLinkingBar(t *testing.T) {
	const body = `<html><head><meta charset="utf-8"><title>县委理论学习中心组召开集体学习会</title></head><body>` +
		`<h1>县委理论学习中心组召开集体学习会</h1><div class="content"><p>3月5日上午，县委理论学习中心组召开2021年第一次集体学习会，深入学习贯彻全会精神。</p>` +
		`<p>会议强调，要把学习成果转化为推动高质量发展的实际行动。</p></div>` +
		`<div class="pages">上一页 <a href="info_5.shtml">下一页</a></div></body></html>`
	res, u := archivePages(t, map[string]string{"/xxgk/info_5.shtml": body}, "/xxgk/info_5.shtml")
	if res.Err != nil || res.Doc == nil || res.Doc.URL != u || len(res.Doc.Pages) != 1 || !res.Doc.Complete {
		t.Errorf("err %v, doc %+v; want %s, one page, complete", res.Err, res.Doc, u)
	}
}

// TestArchiveFromPageTwoOfAQueryBar: page 2 of an article paged by
// ?page=N links page 1 at its bare URL, whose own bar links ?page=1 and
// ?page=2. Archived from page 2, the document is both pages, from page 1.
func TestArchiveFromPageTwoOfAQueryBar(t *testing.T) {
	page := func(text, bar string) string {
		return `<html><head><meta charset="utf-8"><title>青川东街改造调查</title></head><body><h1>青川东街改造调查</h1>` +
			`<div class="content"><p>` + text + `</p></div><div class="pages">` + bar + `</div></body></html>`
	}
	one := page("东街改造于今年三月启动，涉及沿街商铺一百二十余户，工期预计八个月，改造后将恢复青石板路面。",
		`<a href="/news/8803.html?page=1">1</a> <a href="/news/8803.html?page=2">2</a> <a href="/news/8803.html?page=2">下一页</a>`)
	two := page("施工期间，街道设置临时通道，商户照常营业，居民可通过东侧便道出行，夜间不施工以免扰民。",
		`<a href="/news/8803.html">1</a> <span>2</span> <a href="/news/8803.html">上一页</a>`)
	res, _ := archivePages(t, map[string]string{"/news/8803.html": one, "/news/8803.html?page=1": one, "/news/8803.html?page=2": two}, "/news/8803.html?page=2")
	if res.Err != nil || res.Doc == nil {
		t.Fatalf("err %v, doc %v", res.Err, res.Doc)
	}
	var urls []string
	for _, p := range res.Doc.Pages {
		urls = append(urls, strings.TrimPrefix(p.URL, "http://"+strings.Split(strings.TrimPrefix(res.Doc.URL, "http://"), "/")[0]))
	}
	if !slices.Equal(urls, []string{"/news/8803.html", "/news/8803.html?page=2"}) || !strings.Contains(res.Doc.Text, "施工期间") {
		t.Errorf("pages %v, text %q; want page 1 at its bare URL and page 2", urls, res.Doc.Text)
	}
}

// TestArchiveStartPageNotReached: when page 1's bar does not lead to the
// page asked for, that page's text is not dropped in silence: the document
// is incomplete and the page's URL no alias of page 1.
func TestArchiveStartPageNotReached(t *testing.T) {
	page := func(text, bar string) string {
		return `<html><head><meta charset="utf-8"><title>青川东街改造调查</title></head><body><h1>青川东街改造调查</h1>` +
			`<div class="content"><p>` + text + `</p><p>` + text + `</p><p>` + text + `</p></div><div class="pages">` + bar + `</div></body></html>`
	}
	// Page 1's bar is wrong: it marks itself page 3.
	one := page("东街改造于今年三月启动，涉及沿街商铺一百二十余户，工期预计八个月，改造后将恢复青石板路面。",
		`<a href="/news/8803.html?page=2">2</a> <b>3</b>`)
	two := page("施工期间，街道设置临时通道，商户照常营业，居民可通过东侧便道出行，夜间不施工以免扰民。",
		`<a href="/news/8803.html">1</a> <span>2</span> <a href="/news/8803.html">上一页</a>`)
	res, start := archivePages(t, map[string]string{"/news/8803.html": one, "/news/8803.html?page=2": two}, "/news/8803.html?page=2")
	if res.Doc == nil {
		t.Fatalf("err %v, no document", res.Err)
	}
	if res.Doc.Complete || slices.Contains(res.Doc.Aliases, start) || res.Err == nil {
		t.Errorf("complete %v, aliases %v, err %v; want incomplete, %s no alias, an error naming it", res.Doc.Complete, res.Doc.Aliases, res.Err, start)
	}
	// Cut at --max-pages before it, the page is no miss: the document is
	// cut, its URL an alias.
	good := page("东街改造于今年三月启动，涉及沿街商铺一百二十余户，工期预计八个月，改造后将恢复青石板路面。",
		`<span>1</span> <a href="/news/8803.html?page=2">2</a> <a href="/news/8803.html?page=2">下一页</a>`)
	pages := map[string]string{"/news/8803.html": good, "/news/8803.html?page=2": two}
	cut, _ := archivePagesWith(t, pages, "/news/8803.html?page=2", ArchiveOptions{MaxPages: 1})
	if cut.Err != nil || cut.Doc == nil || !cut.Doc.Cut {
		t.Errorf("at --max-pages 1: err %v, doc %+v; want a cut document, no error", cut.Err, cut.Doc)
	}
}

// archivePages serves UTF-8 pages by path and query (anything else is
// 404) and archives the one at start; it returns the result and start's URL.
func archivePages(t *testing.T, pages map[string]string, start string) (*Result, string) {
	t.Helper()
	return archivePagesWith(t, pages, start, ArchiveOptions{})
}

// archivePagesWith is archivePages with the Archiver's options.
func archivePagesWith(t *testing.T, pages map[string]string, start string, opts ArchiveOptions) (*Result, string) {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := pages[r.URL.RequestURI()]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, body)
	}))
	t.Cleanup(srv.Close)
	f, err := NewFetcher(t.Context(), fastTransport(0, nil), FetcherOptions{Revisit: true})
	if err != nil {
		t.Fatal(err)
	}
	return NewArchiver(f, openTestStore(t), opts).Archive(t.Context(), srv.URL+start), srv.URL + start
}

// TestArchivePastTheLastPage: a server that answers every page number
// past the last with the last page, its 下一页 leading one further (a
// clamped ?page=N): the article is its three pages, and the walk ends at
// the first repeat, asking nothing past it.
func TestArchivePastTheLastPage(t *testing.T) {
	paras := []string{
		"今年年初，青川市确定了十件民生实事项目。截至6月中旬，各项目整体进展顺利，多数已完成年度目标的一半以上。",
		"城区新增停车泊位1200个，改造老旧小区供水管网36公里，新建社区食堂8家，受到居民普遍欢迎。",
		"下一步，市政府将加强督查调度，确保十件民生实事按期全面完成，让群众有更多获得感。",
	}
	page := func(n int) string {
		shown := min(n, 3)
		var bar strings.Builder
		for k := 1; k <= 3; k++ {
			if k == n {
				fmt.Fprintf(&bar, "<span>%d</span> ", k)
			} else {
				fmt.Fprintf(&bar, `<a href="/show.php?id=90&page=%d">%d</a> `, k, k)
			}
		}
		fmt.Fprintf(&bar, `<a href="/show.php?id=90&page=%d">下一页</a>`, n+1)
		return `<html><head><meta charset="utf-8"><title>青川市2024年十件民生实事进展 - 青川新闻网</title></head><body>` +
			`<div class="nav"><a href="/">首页</a></div><h1>青川市2024年十件民生实事进展</h1><div class="info">2024-06-17 15:45 来源：市政府办</div>` +
			`<div class="content"><p>` + paras[shown-1] + `</p></div><div id="pages">` + bar.String() + `</div></body></html>`
	}
	pages := map[string]string{"/show.php?id=90": page(1)}
	for n := 2; n <= 4; n++ {
		pages[fmt.Sprintf("/show.php?id=90&page=%d", n)] = page(n)
	}
	res, _ := archivePages(t, pages, "/show.php?id=90")
	if res.Err != nil || res.Doc == nil {
		t.Fatalf("err %v, doc %+v", res.Err, res.Doc)
	}
	if n := len(res.Doc.Pages); n != 3 || !res.Doc.Complete {
		t.Errorf("%d pages, complete %v; want the 3 pages, complete", n, res.Doc.Complete)
	}
}

// TestArchiveListPage: a column page asked for by name is stored as the one
// page it is; its page bar leads to more lists, which are not fetched.
func TestArchiveListPage(t *testing.T) {
	s := loadSite(t, "dede-list")
	a, _ := s.archiver(t, ArchiveOptions{})
	res := a.Archive(t.Context(), "http://www.lsxww.cn/a/tjgb/index.html")
	if res.Err != nil || res.Doc == nil || len(res.Doc.Pages) != 1 {
		t.Fatalf("err %v, doc %+v; want one page", res.Err, res.Doc)
	}
	// Page 2 is read once, to see that the bar leads to lists; page 3 never.
	for u, most := range map[string]int{"http://www.lsxww.cn/a/tjgb/list_5_2.html": 1, "http://www.lsxww.cn/a/tjgb/list_5_3.html": 0} {
		if n := s.requests(u); n > most {
			t.Errorf("%s fetched %d times", u, n)
		}
	}
	// The list's page 2 asked for is page 2, not its page 1.
	two := "http://www.lsxww.cn/a/tjgb/list_5_2.html"
	res = a.Archive(t.Context(), two)
	if res.Err != nil || res.Doc == nil || res.Doc.URL != two || len(res.Doc.Pages) != 1 || res.Doc.Pages[0].URL != two {
		t.Fatalf("page 2: err %v, doc %+v; want page 2 alone", res.Err, res.Doc)
	}
}

func TestSoftErrorWords(t *testing.T) {
	for s, want := range map[string]bool{
		"对不起，您访问的信息不存在或已被删除！":                        true,
		"提示信息：您访问的页面不存在":                             true,
		"找不到指定的文章！":                                  true,
		"404 Not Found":                              true,
		"抱歉，指定的主题不存在或已被删除或正在被审核":                     true,
		"The page you requested could not be found.": true,
		"关于印发第404号文件的通知":                             false,
		"404路公交车线路临时调整的通告":                           false,
		"404 - 找不到文件或目录。":                            true,
		"经核查，该村不存在违规用地问题。":                           false,
	} {
		if got := softErrorWords.MatchString(s); got != want {
			t.Errorf("%q: an error page's words %v, want %v", s, got, want)
		}
	}
}

// TestNumbered: a page repeating another's text is a page of the article
// when its own bar says it is page n, or, marking no current page, when
// the bars name pages after it; not when its bar says another number (a
// server answering page 1 again).
func TestNumbered(t *testing.T) {
	pageWith := func(current int) *page {
		return &page{parsed: &extract.Page{Pagination: extract.Pagination{Current: current}}}
	}
	later := map[int]string{1: "a.html", 2: "a_2.html", 3: "a_3.html", 4: "a_4.html"}
	upTo3 := map[int]string{1: "a.html", 2: "a_2.html", 3: "a_3.html"}
	for _, tt := range []struct {
		name    string
		current int
		known   map[int]string
		want    bool
	}{
		{"its bar says page 3", 3, later, true},
		{"its bar says page 1", 1, later, false},
		{"no current page, page 4 named", 0, later, true},
		{"no current page, the last page named", 0, upTo3, false},
	} {
		if got := numbered(pageWith(tt.current), 3, tt.known); got != tt.want {
			t.Errorf("%s: numbered %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestSoftNotFoundSparesShortArticles: a short article that says
// 不存在 or opens with 404 of something else, stating its date, is an
// article; a page stating no date that says it is not there is the
// site's "not found" page.
func TestSoftNotFoundSparesShortArticles(t *testing.T) {
	html := func(title, byline, text string) string {
		return `<html><head><meta charset="utf-8"><title>` + title + ` - 某县人民政府</title></head><body>` +
			`<div class="nav"><a href="/">首页</a> <a href="/news/">新闻动态</a></div><h1>` + title + `</h1>` + byline +
			`<div class="content"><p>` + text + `</p></div><div class="footer">某县人民政府 版权所有</div></body></html>`
	}
	for _, tc := range []struct {
		html     string
		notFound bool
	}{
		{html("404路公交车线路临时调整的通告", `<div class="info">发布时间：2024-06-01 09:00　来源：县交通运输局</div>`,
			"因道路施工，6月3日起404路公交车临时绕行人民路，恢复时间另行通知。"), false},
		{html("政府信息不存在告知书", `<div class="info">发布时间：2024-06-02 10:00　来源：县政府办</div>`,
			"经查，您申请公开的信息不存在。特此告知。"), false},
		{html("抱歉，您访问的页面不存在或已被删除！", "", "可能的原因：网址有误；页面已过期或已被删除。"), true},
		{html("关于一文的更正说明", "", "原网页已删除，现将有关内容更正如下："), false},
	} {
		parsed, err := extract.Parse([]byte(tc.html), "text/html; charset=utf-8", "http://www.a.test/news/2024/0601/1.html", nil)
		if err != nil {
			t.Fatal(err)
		}
		p := &page{url: "http://www.a.test/news/2024/0601/1.html", status: 200, parsed: parsed}
		softNotFound(p)
		if got := errors.Is(p.err, ErrSoftNotFound); got != tc.notFound {
			t.Errorf("%q: not found %v, want %v", parsed.Title, got, tc.notFound)
		}
		if tc.notFound {
			// Reached by a redirect (a deleted article sent to the site's
			// /404.html): the line names the article asked for.
			p := &page{requested: "http://www.a.test/news/2024/0601/127.html", url: "http://www.a.test/404.html", status: 200, parsed: parsed}
			softNotFound(p)
			if p.err == nil || !strings.HasPrefix(p.err.Error(), p.requested+": ") || !strings.Contains(p.err.Error(), p.url) {
				t.Errorf("redirected: %v; want the article's URL first, the error page's named", p.err)
			}
		}
	}
}

// TestCutCopyIsCountedCut: an article cut by --max-body, met again at a
// second URL (a column renamed), is a copy of the stored one and was cut
// all the same: the crawl counts it cut, though the copy's save answers
// with the original's stored reading.
func TestCutCopyIsCountedCut(t *testing.T) {
	var body strings.Builder
	body.WriteString(`<html><head><meta charset="utf-8"><title>湘东区乡村振兴工作综述 - 湘东区人民政府</title></head><body><h1>湘东区乡村振兴工作综述</h1>` +
		`<div class="info">发布时间：2025-03-04 16:00　来源：区农业农村局</div><div class="content">`)
	for i := range 200 {
		fmt.Fprintf(&body, "<p>第%d条：湘东区持续推进乡村振兴，完善农村基础设施，发展特色产业，农民收入稳步增长。</p>", i)
	}
	body.WriteString(`</div></body></html>`)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, body.String())
	}))
	t.Cleanup(srv.Close)
	f, err := NewFetcher(t.Context(), fastTransport(0, func(o *TransportOptions) { o.MaxBody = 4 << 10 }), FetcherOptions{Revisit: true})
	if err != nil {
		t.Fatal(err)
	}
	a := NewArchiver(f, openTestStore(t), ArchiveOptions{})
	for i, u := range []string{"/xwdt/2025/0304/2.html", "/xwzx/2025/0304/2.html"} {
		res := a.Archive(t.Context(), srv.URL+u)
		if res.Doc == nil || !res.cut || (i == 1) != res.Save.Republished {
			t.Errorf("%s: doc %v, cut %v, republished %v; want a cut document, the second a copy", u, res.Doc != nil, res.cut, res.Save.Republished)
		}
	}
}

// TestArchiveGuessedScriptBar: a pager function the page does not show
// (pageBar(3, 0, "t…", "html"), defined in a script it loads) is read by
// WCM's convention; the pages it names are tentative: where they are
// there they are stitched, from any page, and where one is not there the
// article ends without a failure.
func TestArchiveGuessedScriptBar(t *testing.T) {
	page := func(text string, n, index int) string {
		return fmt.Sprintf(`<html><head><meta charset="utf-8"><title>关于做好2024年重点项目建设工作的通知</title><script src="/js/pagebar.js"></script></head><body>`+
			`<h1>关于做好2024年重点项目建设工作的通知</h1><div class="content"><p>%s</p></div>`+
			`<div class="detail-page"><script>pageBar(%d,%d,'t20240312_55120','html');</script></div></body></html>`, text, n, index)
	}
	texts := []string{
		"各县（市、区）人民政府，市直各有关单位：为加快推进全市重点项目建设，现就有关工作通知如下。",
		"二、强化要素保障。自然资源部门要优先保障重点项目用地指标，实行拿地即开工审批模式。",
		"三、严格督查考核。市重点项目办每月通报项目进展情况，对进度滞后的项目实行挂牌督办。",
	}
	const dir = "/art/2024/3/12/"
	whole := map[string]string{
		dir + "t20240312_55120.html":   page(texts[0], 3, 0),
		dir + "t20240312_55120_1.html": page(texts[1], 3, 1),
		dir + "t20240312_55120_2.html": page(texts[2], 3, 2),
	}
	for _, from := range []string{"t20240312_55120.html", "t20240312_55120_1.html"} {
		res, u := archivePages(t, whole, dir+from)
		if res.Err != nil || res.Doc == nil || len(res.Doc.Pages) != 3 || !res.Doc.Complete || !strings.HasSuffix(res.Doc.URL, "t20240312_55120.html") {
			t.Fatalf("from %s: err %v, doc %+v; want 3 pages from page 1", u, res.Err, res.Doc)
		}
		if !strings.Contains(res.Doc.Text, "挂牌督办") {
			t.Errorf("from %s: text %q", u, res.Doc.Text)
		}
	}
	// A guessed page that may well be there but fails (503) is a failed
	// page: the article is not whole.
	busy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := whole[r.URL.Path]
		if r.URL.Path == dir+"t20240312_55120_1.html" {
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, body)
	}))
	t.Cleanup(busy.Close)
	bf, err := NewFetcher(t.Context(), fastTransport(0, nil), FetcherOptions{Revisit: true})
	if err != nil {
		t.Fatal(err)
	}
	if res := NewArchiver(bf, openTestStore(t), ArchiveOptions{}).Archive(t.Context(), busy.URL+dir+"t20240312_55120.html"); res.Err == nil || res.Doc == nil || res.Doc.Complete {
		t.Errorf("page 2 answering 503: %v, %+v; want a failure and a document not complete", res.Err, res.Doc)
	}

	// The function wrote its addresses otherwise (?page=2): the guess
	// finds nothing, and the article is the page, whole.
	res, u := archivePages(t, map[string]string{dir + "t20240312_55120.html": page(texts[0], 2, 0)}, dir+"t20240312_55120.html")
	if res.Err != nil || res.Doc == nil || len(res.Doc.Pages) != 1 || !res.Doc.Complete {
		t.Errorf("%s with no page at the guessed address: err %v, doc %+v; want one page, complete", u, res.Err, res.Doc)
	}
}

// TestSameSite: a site's hosts (its m. copy, its file server) are one site
// for its attachments and requisites; addresses and other sites are not.
func TestSameSite(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"http://m.qh.gov.cn/art/8001.html", "http://www.qh.gov.cn/files/8001.pdf", true},
		{"http://www.zhuzhou.gov.cn/a.html", "http://static.zhuzhou.gov.cn/b.pdf", true},
		{"http://www.zhuzhou.gov.cn/a.html", "http://www.xiangtan.gov.cn/b.pdf", false},
		{"http://www.a.gov.cn/a.html", "http://www.b.gov.cn/b.pdf", false}, // gov.cn is a suffix
		{"http://127.0.67.11:58911/a.html", "http://127.0.67.13:58913/b.pdf", false},
		{"http://127.0.0.1:8001/a.html", "http://127.0.0.1:8002/b.pdf", true}, // one host
	} {
		if got := sameSite(tc.a, tc.b); got != tc.want {
			t.Errorf("sameSite(%s, %s) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

// TestArchiveTextBarPageOne: the last page of an article whose bar is
// text alone (第3页 共3页) leads back to page 1 by its URL's shape; where
// that page is not there (an article named 456_3.html of its own), the
// page given is the article, whole.
func TestArchiveTextBarPageOne(t *testing.T) {
	page := func(text, bar string) string {
		return `<html><head><meta charset="utf-8"><title>古城墙南门段修缮后重新开放</title></head><body><h1>古城墙南门段修缮后重新开放</h1>` +
			`<div class="content"><p>` + text + `</p></div><div class="pagebar">` + bar + `</div></body></html>`
	}
	pages := map[string]string{
		"/news/456.html":   page("经过近两年的修缮，古城墙南门段修缮工程日前完工，南门城楼重新对游客开放。", `<a href="456_2.html">2</a> <a href="456_3.html">3</a> <a href="456_2.html">下一页</a>`),
		"/news/456_2.html": page("施工人员对城墙表面风化严重的墙砖进行了逐块编号和修补。", `<a href="456.html">1</a> <span>2</span> <a href="456_3.html">3</a>`),
		"/news/456_3.html": page("开放时间为每天上午九时至下午五时，游客可免费参观城墙历史展陈。", `第3页 共3页`),
	}
	res, _ := archivePages(t, pages, "/news/456_3.html")
	if res.Err != nil || res.Doc == nil || len(res.Doc.Pages) != 3 || !strings.HasSuffix(res.Doc.URL, "/news/456.html") {
		t.Errorf("from page 3: %v, %+v; want the three pages from page 1", res.Err, res.Doc)
	}
	delete(pages, "/news/456.html")
	delete(pages, "/news/456_2.html")
	res, u := archivePages(t, pages, "/news/456_3.html")
	if res.Err != nil || res.Doc == nil || len(res.Doc.Pages) != 1 || res.Doc.URL != u || !res.Doc.Complete {
		t.Errorf("page 1 not there: %v, %+v; want %s alone, whole", res.Err, res.Doc, u)
	}
}

// TestArchiveBarSessionIDs: a JSP bar's links carry the visitor's
// ;jsessionid=: the pages and the document are stored without it.
func TestArchiveBarSessionIDs(t *testing.T) {
	page := func(text, bar string) string {
		return `<html><head><meta charset="utf-8"><title>省生态环境厅通报一季度空气质量</title></head><body><h1>省生态环境厅通报一季度空气质量</h1>` +
			`<div class="content"><p>` + text + `</p></div><div class="pages">` + bar + `</div></body></html>`
	}
	pages := map[string]string{
		"/web/doc.jsp?docid=4412": page("一季度，全省设区市环境空气质量优良天数比例为百分之八十五点二，同比上升二点一个百分点。",
			`<span>1</span> <a href="doc.jsp;jsessionid=5F2A9C0B1E7D4A6C?docid=4412&pageNo=2">2</a> <a href="doc.jsp;jsessionid=5F2A9C0B1E7D4A6C?docid=4412&pageNo=2">下一页</a>`),
		"/web/doc.jsp?docid=4412&pageNo=2": page("省生态环境厅要求各地聚焦重点区域，持续推进大气污染防治攻坚。",
			`<a href="doc.jsp;jsessionid=5F2A9C0B1E7D4A6C?docid=4412">1</a> <span>2</span>`),
	}
	res, _ := archivePages(t, pages, "/web/doc.jsp?docid=4412")
	if res.Err != nil || res.Doc == nil || len(res.Doc.Pages) != 2 {
		t.Fatalf("%v, %+v; want two pages", res.Err, res.Doc)
	}
	for _, p := range res.Doc.Pages {
		if strings.Contains(p.URL, "jsessionid") {
			t.Errorf("page %s keeps the session id", p.URL)
		}
	}
}
