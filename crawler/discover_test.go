package crawler

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path"
	"strings"
	"testing"
	"time"

	"folio/crawler/crawltest"
)

// plainArticle is a plain article page: a headline, a dated byline and
// paragraphs of its own.
func plainArticle(id int) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<html><head><meta charset="utf-8"><title>第%d号工作动态</title></head><body><div class="nav"><a href="/">首页</a></div>`, id)
	fmt.Fprintf(&b, `<h1>第%d号工作动态</h1><div class="info">发布时间：2024-05-%02d 09:00　来源：县政府办</div><div class="content">`, id, 1+id%28)
	for k := 0; k < 5; k++ {
		fmt.Fprintf(&b, `<p>第%d号动态第%d段：全县各部门认真落实会议要求，持续推进重点项目建设，切实加强安全生产管理，积极做好群众服务工作，编号%d-%d。</p>`, id, k+1, id, k)
	}
	b.WriteString(`</div></body></html>`)
	return b.String()
}

func writeHTML(w http.ResponseWriter, s string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	io.WriteString(w, s)
}

// TestColumnPastTheSitemapIsRead: a sitemap that lists only the newest
// articles (every article on the column's first pages) does not end the
// column's chain: its older pages hold articles met nowhere else, and a
// chain cut short is not read again on later runs.
func TestColumnPastTheSitemapIsRead(t *testing.T) {
	const articles, per, newest = 60, 5, 20
	srv := crawltest.Serve(t, crawltest.Site{Articles: articles, PerList: articles, Sitemap: true})
	srv.Hook = func(w http.ResponseWriter, r *http.Request) bool {
		switch r.URL.Path {
		case "/news/":
			http.NotFound(w, r) // the articles' breadcrumb: no list of them all
			return true
		case "/sitemap.xml":
			w.Header().Set("Content-Type", "application/xml")
			io.WriteString(w, `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
			for id := articles; id > articles-newest; id-- {
				fmt.Fprintf(w, `<url><loc>%s%s</loc><lastmod>2024-01-01</lastmod></url>`, srv.URL, crawltest.ArticlePath(id, 1))
			}
			io.WriteString(w, `</urlset>`)
			return true
		case "/col/list.jsp":
			p := max(1, atoi(r.URL.Query().Get("p")))
			var b strings.Builder
			b.WriteString(`<html><head><meta charset="utf-8"><title>工作动态</title></head><body><ul>`)
			for id := articles - (p-1)*per; id > max(0, articles-p*per); id-- {
				fmt.Fprintf(&b, `<li><a href="%s">动态 %d</a></li>`, crawltest.ArticlePath(id, 1), id)
			}
			b.WriteString(`</ul><div class="page">`)
			if p > 1 {
				fmt.Fprintf(&b, `<a href="list.jsp?p=%d">上一页</a> `, p-1)
			}
			if p*per < articles {
				fmt.Fprintf(&b, `<a href="list.jsp?p=%d">下一页</a>`, p+1)
			}
			b.WriteString(`</div></body></html>`)
			writeHTML(w, b.String())
			return true
		}
		return false
	}
	sum := crawlSites(t, openTestStore(t), fastTransport(0, nil), CrawlOptions{}, Site{Name: "col", Seeds: []string{srv.URL + "/col/list.jsp"}})
	if sum.New != articles {
		t.Errorf("%d new, want all %d (the column read to its end: %d pages read)", sum.New, articles, srv.Count("/col/list.jsp")+countPrefix(srv, "/col/list.jsp?"))
	}
}

func countPrefix(srv *crawltest.Server, prefix string) int {
	n := 0
	for _, r := range srv.Requests() {
		if strings.HasPrefix(r.Path, prefix) {
			n++
		}
	}
	return n
}

// TestPageOneByNumberThatIsAnotherPage: on a list's bare URL, a ?page=1 link
// the page does not name page 1 is another page, read as it is: a
// zero-based list's second page (/news, /news?page=1, /news?page=2), the
// list behind a column's cover page (更多 → list.jsp?pageNo=1).
func TestPageOneByNumberThatIsAnotherPage(t *testing.T) {
	const per, pages = 3, 3
	srv := crawltest.Serve(t, crawltest.Site{Articles: per * pages, PerList: per * pages})
	items := func(b *strings.Builder, k int) { // k: 0-based
		for id := k*per + 1; id <= (k+1)*per; id++ {
			fmt.Fprintf(b, `<li><a href="%s">动态 %d</a></li>`, crawltest.ArticlePath(id, 1), id)
		}
	}
	srv.Hook = func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path == "/news/" {
			http.NotFound(w, r) // the articles' breadcrumb: no list of them all
			return true
		}
		var b strings.Builder
		b.WriteString(`<html><head><meta charset="utf-8"><title>动态</title></head><body><ul>`)
		switch r.URL.Path {
		case "/zero/list":
			k := atoi(r.URL.Query().Get("page"))
			items(&b, k)
			b.WriteString(`</ul><div class="page">`)
			if k+1 < pages {
				fmt.Fprintf(&b, `<a href="list?page=%d">下一页</a>`, k+1)
			}
		case "/cover/list.jsp":
			q := r.URL.Query().Get("pageNo")
			if q == "" {
				b.WriteString(`<li>本栏目介绍</li></ul><div class="more"><a href="list.jsp?pageNo=1">更多&gt;&gt;</a>`)
				break
			}
			k := atoi(q) - 1
			items(&b, k)
			b.WriteString(`</ul><div class="page">`)
			if k+1 < pages {
				fmt.Fprintf(&b, `<a href="list.jsp?pageNo=%d">下一页</a>`, k+2)
			}
		default:
			return false
		}
		b.WriteString(`</div></body></html>`)
		writeHTML(w, b.String())
		return true
	}
	for _, seed := range []string{"/zero/list", "/cover/list.jsp"} {
		t.Run(seed, func(t *testing.T) {
			sum := crawlSites(t, openTestStore(t), fastTransport(0, nil), CrawlOptions{}, Site{Name: "s", Seeds: []string{srv.URL + seed}})
			if sum.New != per*pages {
				t.Errorf("%d new, want %d", sum.New, per*pages)
			}
		})
	}
}

// TestNotDueCountedOnce: an article a list links and the sitemap lists
// with a lastmod before its last fetch is one link not due, not two.
func TestNotDueCountedOnce(t *testing.T) {
	srv := crawltest.Serve(t, crawltest.Site{Articles: 3, PerList: 3, Sitemap: true})
	db := openTestStore(t)
	opts := CrawlOptions{Revisit: RevisitPolicy{Min: time.Hour}}
	crawlSites(t, db, fastTransport(0, nil), opts, siteOf(srv))
	sum := crawlSites(t, db, fastTransport(0, nil), opts, siteOf(srv))
	if sum.NotDue != 3 {
		t.Errorf("skipped_not_due %d, want 3 (each article once)", sum.NotDue)
	}
}

// TestArticleURLsWithADateAreNoCalendar: content.jsp?id=N&pubdate=2024-05-12
// is an article stating its date, not a calendar's day: more of them than
// --max-calendar are all archived.
func TestArticleURLsWithADateAreNoCalendar(t *testing.T) {
	const n = 8
	srv := crawltest.Serve(t, crawltest.Site{Articles: 1})
	srv.Hook = func(w http.ResponseWriter, r *http.Request) bool {
		switch r.URL.Path {
		case "/col/":
			var b strings.Builder
			b.WriteString(`<html><head><meta charset="utf-8"><title>工作动态</title></head><body><ul>`)
			for id := 1; id <= n; id++ {
				fmt.Fprintf(&b, `<li><a href="/content.jsp?id=%d&amp;pubdate=2024-05-%02d">第%d号工作动态</a></li>`, id, 1+id%28, id)
			}
			b.WriteString(`</ul></body></html>`)
			writeHTML(w, b.String())
		case "/content.jsp":
			writeHTML(w, plainArticle(atoi(r.URL.Query().Get("id"))))
		default:
			return false
		}
		return true
	}
	sum := crawlSites(t, openTestStore(t), fastTransport(0, nil), CrawlOptions{MaxCalendar: 3}, Site{Name: "s", Seeds: []string{srv.URL + "/col/"}, Depth: 1})
	if sum.New != n || sum.Traps != 0 {
		t.Errorf("%d new, %d traps; want %d new, no trap", sum.New, sum.Traps, n)
	}
	for u, want := range map[string]bool{
		"http://x/list?month=2024-06":                true,
		"http://x/list?d=2024-06":                    true,
		"http://x/list?d=2024-06-15&page=2":          true,
		"http://x/content.jsp?id=5&pubdate=2024-06":  false,
		"http://x/show?docId=a81f&time=2024-06-15":   false,
		"http://x/cal?date=2024-06-15":               true,
		"http://x/art/2024/6/15/art_1_1.html?x=2024": false,
	} {
		if got := isCalendar(u); got != want {
			t.Errorf("isCalendar(%s) = %v, want %v", u, got, want)
		}
	}
}

// TestRedirectsOutOfTheHostsThatMayMove: the page a seed's stub sends on
// to may move like the seed (a root's script to x.gov.cn, which answers
// 301 to www.x.gov.cn); a configured sitemap may move to a CDN; an
// attachment's link may lead to its file on a CDN. All are followed.
func TestRedirectsOutOfTheHostsThatMayMove(t *testing.T) {
	portal := crawltest.Serve(t, crawltest.Site{Articles: 2, PerList: 2, Attachments: true})
	cdn := crawltest.Serve(t, crawltest.Site{Articles: 2, PerList: 2, Attachments: true, Salt: 3})
	moved := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, portal.URL+"/news/", http.StatusMovedPermanently)
	}))
	t.Cleanup(moved.Close)
	stub := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		writeHTML(w, `<html><head><title>欢迎</title></head><body><script type="text/javascript">window.location.href = "`+moved.URL+`/";</script></body></html>`)
	}))
	t.Cleanup(stub.Close)
	portal.Hook = func(w http.ResponseWriter, r *http.Request) bool {
		switch {
		case strings.HasPrefix(r.URL.Path, "/upload/"):
			http.Redirect(w, r, cdn.URL+r.URL.Path, http.StatusFound)
		case r.URL.Path == "/sm.xml":
			http.Redirect(w, r, cdn.URL+"/sm.xml", http.StatusMovedPermanently)
		default:
			return false
		}
		return true
	}
	cdn.Hook = func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path != "/sm.xml" {
			return false
		}
		w.Header().Set("Content-Type", "application/xml")
		fmt.Fprintf(w, `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>%s/only-in-sitemap.html</loc></url></urlset>`, portal.URL)
		return true
	}
	db := openTestStore(t)
	sum := crawlSites(t, db, fastTransport(0, nil), CrawlOptions{Attachments: true},
		Site{Name: "portal", Seeds: []string{stub.URL + "/"}},
		Site{Name: "sitemap", Seeds: []string{portal.URL + "/nothing/"}, Sitemaps: []string{portal.URL + "/sm.xml"}})
	if sum.New != 2 {
		t.Errorf("%d new, want the portal's 2 articles", sum.New)
	}
	for id := 1; id <= 2; id++ {
		d, err := db.Document(portal.URL+crawltest.ArticlePath(id, 1), 0)
		if err != nil || len(d.Attachments) != 1 || d.Attachments[0].Status != http.StatusOK {
			t.Errorf("article %d: %+v, %v; want its PDF, fetched from the CDN", id, d, err)
		}
	}
	if portal.Count("/only-in-sitemap.html") != 1 {
		t.Errorf("the URL the CDN's sitemap lists was not asked for: the sitemap was not read")
	}
}

// TestListPageOfOtherNames: a bar's number links named by a parameter
// listPageShape does not know, or in another directory, or on the www.
// host, are the list's pages; a thread's and a record's are not.
func TestListPageOfOtherNames(t *testing.T) {
	for _, tc := range []struct {
		list, u string
		want    bool
	}{
		{"http://h/list.php?id=5", "http://h/list.php?cpage=2&id=5", true},
		{"http://h/news/list", "http://h/news/list?pageNumber=2&pageSize=20", true},
		{"http://h/news/list.jsp?type=1", "http://h/news/list.jsp?type=1&pager.offset=20", true},
		{"http://h/news/", "http://h/List.asp?page=2&classid=3", true},
		{"http://h/news/", "http://h/e/action/ListInfo/?classid=5&page=1", true},
		{"http://h.gov.cn/xwzx/", "http://www.h.gov.cn/xwzx/index_1.html", true},
		{"http://h/forum-2-1.html", "http://h/thread-5-2-1.html", false},
		{"http://h/forum.php?mod=forumdisplay&fid=2", "http://h/forum.php?mod=viewthread&tid=5", false},
		{"http://h/forum.php?mod=forumdisplay&fid=2", "http://h/forum.php?mod=viewthread&tid=5&page=2", false},
		{"http://h/forum.php?mod=forumdisplay&fid=2", "http://h/forum.php?mod=forumdisplay&fid=2&page=2", true},
		{"http://h/list.php", "http://h/list.php?id=12", false},
	} {
		if got := listPageOf(tc.list, tc.u); got != tc.want {
			t.Errorf("listPageOf(%s, %s) = %v, want %v", tc.list, tc.u, got, tc.want)
		}
	}
}

// TestForumViewKeepsContent: a portal's articles served by a plugin
// (plugin.php?id=news:view&aid=5) or home.php are followed; members'
// spaces and search are not.
func TestForumViewKeepsContent(t *testing.T) {
	for u, want := range map[string]bool{
		"http://h/plugin.php?id=tom_tongcheng&mod=info&tongcheng_id=5": false,
		"http://h/home.php?m=article&id=5":                             false,
		"http://h/home.php?mod=space&uid=7":                            true,
		"http://h/member.php?mod=logging&action=login":                 true,
		"http://h/search.php?mod=forum":                                true,
		"http://h/wp-login.php":                                        true,
		"http://h/wp-admin/post.php?post=5":                            true,
		"http://h/Article/SendArticle.asp?ArticleID=405":               true,
		"http://h/index.php?m=comment&c=index&a=init&commentid=c-5":    true,
		"http://h/index.php?m=content&c=index&a=show&catid=10&id=86":   false,
		"http://h/Article/ShowArticle.asp?ArticleID=405":               false,
	} {
		if isForumView(u) != want {
			t.Errorf("forumView(%s) = %v, want %v", u, !want, want)
		}
	}
}

// TestFeedNamedSeedThatIsAPage: a seed at /rss/ that is an HTML column
// (an RSS 订阅 page listing stories) is read as a page, not as an empty
// feed.
func TestFeedNamedSeedThatIsAPage(t *testing.T) {
	srv := crawltest.Serve(t, crawltest.Site{Articles: 2})
	srv.Hook = func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path != "/rss/" {
			return false
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, `<html><head><meta charset="utf-8"><title>RSS订阅</title></head><body><ul>`+
			`<li><a href="`+crawltest.ArticlePath(1, 1)+`">第一篇报道的标题在这里</a></li>`+
			`<li><a href="`+crawltest.ArticlePath(2, 1)+`">第二篇报道的标题在这里</a></li></ul></body></html>`)
		return true
	}
	sum := crawlSites(t, openTestStore(t), fastTransport(0, nil), CrawlOptions{}, Site{Name: "rss", Seeds: []string{srv.URL + "/rss/"}})
	if sum.New != 2 || sum.Failed != 0 {
		t.Errorf("an HTML seed at /rss/: %+v, want its 2 articles", sum)
	}
}

// TestHanwebPostOnlyRecordGroups: a Hanweb column whose dataproxy.jsp
// takes only the script's POST (a GET answers 405) and whose records are
// also on a static list, index.html?uid=4567&pageNum=2: every article is
// reached through the list, and the 405 fails nothing.
func TestHanwebPostOnlyRecordGroups(t *testing.T) {
	record := func(id int) string {
		return fmt.Sprintf(`<record><![CDATA[<li><a href="/art/2024/5/%d/art_1234_%d.html" target="_blank">第%d号工作动态</a></li>]]></record>`, id, id, id)
	}
	column := func(ids []int, next string) string {
		var b strings.Builder
		b.WriteString(`<html><head><meta charset="utf-8"><title>工作动态</title></head><body><div id="4567"><script type="text/xml"><datastore><recordset>`)
		for _, id := range ids {
			b.WriteString(record(id))
		}
		b.WriteString(`</recordset></datastore></script></div><script>$("#4567").jpage({totalRecord: 5, perPage: 3, groupSize: 1,
			proxyUrl: "/module/web/jpage/dataproxy.jsp", ajaxParam: {col: 1, appid: 1, webid: 1, path: "/", columnid: 1234, unitid: 4567}});</script>` +
			`<div class="static-pager">` + next + `</div></body></html>`)
		return b.String()
	}
	srv := crawltest.Serve(t, crawltest.Site{})
	srv.Hook = func(w http.ResponseWriter, r *http.Request) bool {
		switch {
		case r.URL.Path == "/col/col1234/index.html" && r.URL.Query().Get("pageNum") == "2":
			writeHTML(w, column([]int{2, 1}, ""))
		case r.URL.Path == "/col/col1234/index.html":
			writeHTML(w, column([]int{5, 4, 3}, `<a href="/col/col1234/index.html?uid=4567&amp;pageNum=2">下一页</a>`))
		case r.URL.Path == "/module/web/jpage/dataproxy.jsp":
			w.WriteHeader(http.StatusMethodNotAllowed)
		case r.URL.Path == "/": // the articles' 首页 link
			writeHTML(w, `<html><head><meta charset="utf-8"><title>松溪县人民政府</title></head><body><a href="/col/col1234/index.html">工作动态</a></body></html>`)
		case strings.HasPrefix(path.Base(r.URL.Path), "art_1234_"):
			writeHTML(w, plainArticle(atoi(strings.TrimSuffix(strings.TrimPrefix(path.Base(r.URL.Path), "art_1234_"), ".html"))))
		default:
			return false
		}
		return true
	}
	sum := crawlSites(t, openTestStore(t), fastTransport(0, nil), CrawlOptions{}, Site{Name: "hanweb", Seeds: []string{srv.URL + "/col/col1234/index.html"}})
	if sum.New != 5 || sum.Failed != 0 {
		t.Errorf("summary %+v; want the 5 articles, nothing failed", sum)
	}
	if n := countPrefix(srv, "/module/web/jpage/dataproxy.jsp"); n != 1 {
		t.Errorf("%d groups asked of dataproxy.jsp, want 1 (from page 1 only)", n)
	}
}

// TestHanwebColumnRecordGroups: a Hanweb column carries its first group of
// records; the older ones come only from dataproxy.jsp, group by group
// (many county portals have no sitemap). Every article is reached, and the
// groups are read to the last one and no further.
func TestHanwebColumnRecordGroups(t *testing.T) {
	const total, perPage, groupSize = 8, 1, 3
	record := func(id int) string {
		return fmt.Sprintf(`<record><![CDATA[<li><a href="/art/2024/5/%d/art_1234_%d.html" target="_blank">第%d号工作动态</a></li>]]></record>`, 1+id%28, id, id)
	}
	srv := crawltest.Serve(t, crawltest.Site{})
	srv.Hook = func(w http.ResponseWriter, r *http.Request) bool {
		switch {
		case r.URL.Path == "/col/col1234/index.html":
			var b strings.Builder
			b.WriteString(`<html><head><meta charset="utf-8"><title>工作动态</title></head><body><div id="4567"><script type="text/xml"><datastore><recordset>`)
			for id := total; id > total-perPage*groupSize; id-- {
				b.WriteString(record(id))
			}
			fmt.Fprintf(&b, `</recordset></datastore></script></div><script>$("#4567").jpage({totalRecord: %d, perPage: %d, groupSize: %d,
				proxyUrl: "/module/web/jpage/dataproxy.jsp", ajaxParam: {col: 1, appid: 1, webid: 1, path: "/", columnid: 1234, unitid: 4567}});</script></body></html>`,
				total, perPage, groupSize)
			writeHTML(w, b.String())
		case r.URL.Path == "/module/web/jpage/dataproxy.jsp":
			q := r.URL.Query()
			if q.Get("columnid") != "1234" {
				http.NotFound(w, r)
				return true
			}
			w.Header().Set("Content-Type", "text/xml;charset=UTF-8")
			fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><datastore><totalrecord>%d</totalrecord><recordset>`, total)
			for i := atoi(q.Get("startrecord")); i <= min(atoi(q.Get("endrecord")), total); i++ {
				io.WriteString(w, record(total+1-i))
			}
			io.WriteString(w, `</recordset></datastore>`)
		case strings.HasPrefix(path.Base(r.URL.Path), "art_1234_"):
			writeHTML(w, plainArticle(atoi(strings.TrimSuffix(strings.TrimPrefix(path.Base(r.URL.Path), "art_1234_"), ".html"))))
		default:
			return false
		}
		return true
	}
	sum := crawlSites(t, openTestStore(t), fastTransport(0, nil), CrawlOptions{}, Site{Name: "hanweb", Seeds: []string{srv.URL + "/col/col1234/index.html"}})
	if sum.New != total {
		t.Errorf("%d new, want all %d records' articles", sum.New, total)
	}
	if n := countPrefix(srv, "/module/web/jpage/dataproxy.jsp"); n != 2 {
		t.Errorf("%d groups asked of dataproxy.jsp, want 2 (records 4-6, 7-9)", n)
	}
}
