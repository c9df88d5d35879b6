package crawler

import (
	"bytes"
	"context"
	"crypto/sha1"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"folio/crawler/crawltest"
	"folio/extract"
	"folio/store"
)

func openTestStore(t *testing.T) *store.DB {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), "folio.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// fastTransport is polite with test-sized waits.
func fastTransport(delay time.Duration, mod func(*TransportOptions)) *Transport {
	opts := TransportOptions{Delay: delay, Timeout: 5 * time.Second, Retries: -1,
		Backoff: 20 * time.Millisecond, RobotsRetry: 100 * time.Millisecond, MaxPause: 5 * time.Second}
	if mod != nil {
		mod(&opts)
	}
	return NewTransport(opts)
}

func siteOf(srv *crawltest.Server) Site {
	return Site{Name: srv.Host, Seeds: []string{srv.URL + "/news/"}}
}

func crawlSites(t *testing.T, db CrawlStore, tr *Transport, opts CrawlOptions, sites ...Site) *Summary {
	t.Helper()
	opts.Sites = sites
	sum, err := NewCrawler(db, tr, opts).Run(context.Background())
	if err != nil {
		t.Fatalf("crawl: %v", err)
	}
	return sum
}

// startsOf returns the request start times per host as the server saw them.
func startsOf(srv *crawltest.Server) []time.Time {
	var out []time.Time
	for _, r := range srv.Requests() {
		out = append(out, r.Start)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Before(out[j]) })
	return out
}

// checkGaps asserts that no two requests to srv started closer than delay.
// The server sees a request a moment after folio sent it, and that moment
// varies: slack allows for it. On a loaded machine one request can arrive
// late by more than that (a new connection, a busy scheduler); then the gap
// before it is as much longer as the one after it is shorter, so a short
// gap passes when it and the one before it add up to two delays.
// (checkCaptureGaps holds folio's own send times to the delay exactly.)
func checkGaps(t *testing.T, srv *crawltest.Server, delay, slack time.Duration) {
	t.Helper()
	starts := startsOf(srv)
	for i := 1; i < len(starts); i++ {
		gap := starts[i].Sub(starts[i-1])
		if gap >= delay-slack {
			continue
		}
		if i >= 2 && starts[i].Sub(starts[i-2]) >= 2*delay-slack {
			continue // the request before this one arrived late
		}
		t.Errorf("%s: requests %d and %d started %s apart, want at least %s", srv.Host, i-1, i, gap, delay)
	}
}

// checkCaptureGaps asserts the same on folio's side, exactly: the captures
// record when each request was sent.
func checkCaptureGaps(t *testing.T, db *store.DB, host string, delay time.Duration) {
	t.Helper()
	var starts []time.Time
	err := db.Captures(0, func(c *store.Capture) error {
		if hostKey(c.URL) == host {
			starts = append(starts, c.Time)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(starts) < 2 {
		t.Fatalf("%s: only %d captures, too few to check a gap", host, len(starts))
	}
	sort.Slice(starts, func(i, j int) bool { return starts[i].Before(starts[j]) })
	for i := 1; i < len(starts); i++ {
		if gap := starts[i].Sub(starts[i-1]); gap < delay {
			t.Errorf("%s: captures %d and %d sent %s apart, want at least %s", host, i-1, i, gap, delay)
		}
	}
}

func TestPolitenessSeenFromTheServers(t *testing.T) {
	const delay = 40 * time.Millisecond
	plain := crawltest.Site{Articles: 6, PagesPer: 2, PerList: 4, Private: 2}
	slow := plain
	slow.CrawlDelay = "0.15" // longer than --delay: wins
	a, b, c := crawltest.Serve(t, plain), crawltest.Serve(t, plain), crawltest.Serve(t, slow)
	for _, s := range []*crawltest.Server{a, b, c} {
		s.Latency = 5 * time.Millisecond // overlapping requests would show
	}
	db := openTestStore(t)
	tr := fastTransport(delay, nil)
	sum := crawlSites(t, db, tr, CrawlOptions{Parallel: 3}, siteOf(a), siteOf(b), siteOf(c))
	if sum.New != 18 || sum.Failed != 0 {
		t.Fatalf("summary %+v, want 18 new articles", sum)
	}
	if sum.Robots != 6 {
		t.Errorf("%d URLs skipped by robots.txt, want 6", sum.Robots)
	}
	for _, s := range []*crawltest.Server{a, b, c} {
		want := delay
		if s == c {
			want = 150 * time.Millisecond
		}
		checkGaps(t, s, want, 10*time.Millisecond)
		checkCaptureGaps(t, db, s.Host, want)
		if n := s.MaxInFlight(); n != 1 {
			t.Errorf("%s: %d requests in flight at once, want 1", s.Host, n)
		}
		if n := s.Count("/robots.txt"); n != 1 {
			t.Errorf("%s: robots.txt fetched %d times", s.Host, n)
		}
		for _, r := range s.Requests() {
			if strings.HasPrefix(r.Path, "/private/") {
				t.Errorf("%s: fetched %s, which robots.txt disallows", s.Host, r.Path)
			}
			if !strings.HasPrefix(r.UserAgent, "folio/"+Version+" (+http") {
				t.Errorf("User-Agent %q", r.UserAgent)
			}
		}
		// Exactly one fetch per URL.
		seen := map[string]bool{}
		for _, r := range s.Requests() {
			if seen[r.Path] {
				t.Errorf("%s: %s fetched twice", s.Host, r.Path)
			}
			seen[r.Path] = true
		}
	}
	// Hosts go at their own pace: the fast hosts' requests go on while the
	// slow host waits out its Crawl-delay.
	cs := startsOf(c)
	between := 0
	for _, at := range startsOf(a) {
		if at.After(cs[1]) && at.Before(cs[2]) {
			between++
		}
	}
	if between == 0 {
		t.Errorf("no request to %s between two requests to the slow host", a.Host)
	}
}

func TestRetryAfterPausesTheHost(t *testing.T) {
	srv := crawltest.Serve(t, crawltest.Site{Articles: 3})
	var mu sync.Mutex
	refused := false
	srv.Hook = func(w http.ResponseWriter, r *http.Request) bool {
		mu.Lock()
		defer mu.Unlock()
		if strings.HasSuffix(r.URL.Path, ".html") && !refused {
			refused = true
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
			return true
		}
		if r.URL.Path == "/news/2024/0001/1.html" {
			w.WriteHeader(http.StatusServiceUnavailable) // always: retries must end
			return true
		}
		return false
	}
	db := openTestStore(t)
	tr := fastTransport(10*time.Millisecond, func(o *TransportOptions) { o.Retries = 2 })
	sum := crawlSites(t, db, tr, CrawlOptions{}, siteOf(srv))
	if sum.New != 2 || sum.Failed != 1 {
		t.Errorf("summary %+v, want 2 new and 1 failed", sum)
	}
	reqs := srv.Requests()
	for i, r := range reqs {
		if r.Status == http.StatusTooManyRequests {
			if i+1 >= len(reqs) {
				t.Fatal("nothing after the 429")
			}
			if gap := reqs[i+1].Start.Sub(r.Start); gap < time.Second-10*time.Millisecond {
				t.Errorf("next request %s after the 429 with Retry-After: 1", gap)
			}
		}
	}
	if n := srv.Count("/news/2024/0001/1.html"); n != 3 {
		t.Errorf("a page that always fails was asked for %d times, want 3 (1 + 2 retries)", n)
	}
}

// TestLongRetryAfterDefersTheURL: a 503 whose Retry-After outlasts
// --max-pause leaves the host for the night; the URL that got it is
// deferred with the host's others, not failed, and the next run archives it.
func TestLongRetryAfterDefersTheURL(t *testing.T) {
	srv := crawltest.Serve(t, crawltest.Site{Articles: 3, PagesPer: 1})
	busy := crawltest.ArticlePath(2, 1)
	var mu sync.Mutex
	refuse := true
	srv.Hook = func(w http.ResponseWriter, r *http.Request) bool {
		mu.Lock()
		defer mu.Unlock()
		if r.URL.Path == busy && refuse {
			w.Header().Set("Retry-After", "3600")
			w.WriteHeader(http.StatusServiceUnavailable)
			return true
		}
		return false
	}
	db := openTestStore(t)
	sum := crawlSites(t, db, fastTransport(0, nil), CrawlOptions{}, siteOf(srv))
	if sum.Failed != 0 || sum.Deferred == 0 {
		t.Errorf("the night of the 503: %+v; want the URL deferred, nothing failed", sum)
	}
	mu.Lock()
	refuse = false
	mu.Unlock()
	crawlSites(t, db, fastTransport(0, nil), CrawlOptions{}, siteOf(srv))
	if _, err := db.Document(srv.URL+busy, 0); err != nil {
		t.Errorf("the next night: %s not archived: %v", busy, err)
	}
}

func TestUnreachableRobotsKeepsTheHostClosed(t *testing.T) {
	srv := crawltest.Serve(t, crawltest.Site{Articles: 3})
	srv.Hook = func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path == "/robots.txt" {
			w.WriteHeader(http.StatusServiceUnavailable)
			return true
		}
		return false
	}
	db := openTestStore(t)
	sum := crawlSites(t, db, fastTransport(10*time.Millisecond, nil), CrawlOptions{}, siteOf(srv))
	for _, r := range srv.Requests() {
		if r.Path != "/robots.txt" {
			t.Errorf("fetched %s although robots.txt answered 503", r.Path)
		}
	}
	if n := srv.Count("/robots.txt"); n != maxDeferrals+1 {
		t.Errorf("robots.txt asked for %d times, want %d", n, maxDeferrals+1)
	}
	if sum.Deferred != 1 || sum.Queued != 1 {
		t.Errorf("summary %+v: the seed should be deferred and left in the frontier", sum)
	}
	// Every answer is in the archive, though the host waits: a 503 is an
	// answer a WARC records.
	stored := 0
	db.CapturesOf(srv.URL+"/robots.txt", func(c *store.Capture) error {
		if c.Status == http.StatusServiceUnavailable {
			stored++
		}
		return nil
	})
	if n := srv.Count("/robots.txt"); stored != n {
		t.Errorf("%d of the %d robots.txt answers stored", stored, n)
	}

	// A 404 robots.txt allows everything; the seed left over is crawled.
	srv.Hook = func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return true
		}
		return false
	}
	sum = crawlSites(t, db, fastTransport(10*time.Millisecond, nil), CrawlOptions{}, siteOf(srv))
	if sum.New != 3 || sum.Queued != 0 {
		t.Errorf("after robots.txt came back: %+v", sum)
	}
}

func TestTrapsStayBounded(t *testing.T) {
	srv := crawltest.Serve(t, crawltest.Site{Articles: 8, Calendar: true, Traps: true})
	db := openTestStore(t)
	site := siteOf(srv)
	site.Depth = 50 // only the trap rules may stop it
	sum := crawlSites(t, db, fastTransport(0, nil), CrawlOptions{MaxCalendar: 5}, site)
	if sum.New != 8 {
		t.Errorf("%d new, want 8", sum.New)
	}
	cal, loop := 0, 0
	for _, r := range srv.Requests() {
		switch {
		case strings.HasPrefix(r.Path, "/cal/"):
			cal++
		case strings.HasPrefix(r.Path, "/loop/"):
			loop++
		case strings.Contains(strings.ToLower(r.Path), "jsessionid"):
			t.Errorf("fetched a session URL %s", r.Path)
		}
	}
	if cal > 5 {
		t.Errorf("%d calendar pages fetched, want at most 5", cal)
	}
	if loop > 6 {
		t.Errorf("%d pages of a path loop fetched", loop)
	}
	if sum.Traps == 0 {
		t.Error("no trap links counted")
	}

	// The page budget ends whatever else gets through.
	srv2 := crawltest.Serve(t, crawltest.Site{Articles: 30, PerList: 5})
	site2 := siteOf(srv2)
	site2.HostBudget = 10
	sum = crawlSites(t, openTestStore(t), fastTransport(0, nil), CrawlOptions{}, site2)
	if n := len(srv2.Requests()); n > 10+1 { // +1: the article in flight finishes its last page
		t.Errorf("%d requests with a budget of 10", n)
	}
	if sum.Queued == 0 {
		t.Errorf("summary %+v: the rest should wait in the frontier", sum)
	}
}

// TestBudgetTrapLeavesLaterRunsTheirSeeds: an endless tag cloud ends
// every run on the host's page budget. The next runs still read their
// seed first, archive the article it newly lists and re-check the stored
// ones, before the tag pages an earlier run left; and what those runs
// leave does not grow without end.
func TestBudgetTrapLeavesLaterRunsTheirSeeds(t *testing.T) {
	var articles atomic.Int32
	articles.Store(2)
	page := func(title, body string) string {
		return `<html><head><meta charset="utf-8"><title>` + title + `</title></head><body>` + body + `</body></html>`
	}
	tags := func(seed string) string {
		var b strings.Builder
		for i := range 8 {
			fmt.Fprintf(&b, `<a href="/tags/?t=%x">标签%d</a> `, sha1.Sum([]byte(seed+strconv.Itoa(i))), i)
		}
		return b.String()
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		switch p := r.URL.Path; {
		case p == "/robots.txt":
			http.NotFound(w, r)
		case p == "/news/":
			var b strings.Builder
			for i := range int(articles.Load()) {
				fmt.Fprintf(&b, `<li><a href="/news/%d.html">新闻标题第%d条关于全县重点工作</a></li>`, i+1, i+1)
			}
			io.WriteString(w, page("本地新闻", `<ul>`+b.String()+`</ul><div>热门标签：`+tags("root")+`</div>`))
		case strings.HasPrefix(p, "/news/"):
			n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(p, "/news/"), ".html"))
			if err != nil || n < 1 || n > int(articles.Load()) {
				http.NotFound(w, r)
				return
			}
			title := fmt.Sprintf("新闻标题第%d条关于全县重点工作", n)
			io.WriteString(w, page(title, `<h1>`+title+`</h1><div class="info">时间：2025-06-01 09:00 来源：县融媒体中心</div><div class="content">`+
				strings.Repeat(fmt.Sprintf(`<p>第%d条新闻的正文，介绍全县重点工作推进情况和下一步安排，要求各部门压实责任。</p>`, n), 3)+`</div>`))
		case p == "/tags/":
			io.WriteString(w, page("标签", `<h2>标签相关信息</h2><ul><li><a href="/news/1.html">新闻标题第1条关于全县重点工作</a></li></ul><div>相关标签：`+tags(r.URL.RawQuery)+`</div>`))
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	db := openTestStore(t)
	site := Site{Name: "county", Seeds: []string{srv.URL + "/news/"}, HostBudget: 15}
	opts := CrawlOptions{Revisit: RevisitPolicy{Min: time.Nanosecond, Max: time.Nanosecond}}
	if sum := crawlSites(t, db, fastTransport(0, nil), opts, site); sum.New != 2 || sum.Queued == 0 {
		t.Fatalf("first run: %+v; want 2 new, the budget reached", sum)
	}
	articles.Store(3)
	for run := 2; run <= 4; run++ {
		sum := crawlSites(t, db, fastTransport(0, nil), opts, site)
		if wantNew := map[int]int{2: 1}[run]; sum.New != wantNew || sum.New+sum.Unchanged != 3 {
			t.Errorf("run %d: %+v; want %d new and the other stored articles re-checked", run, sum, wantNew)
		}
		if sum.Queued > carriedBudgets*15+8*15 {
			t.Errorf("run %d: %d left in the frontier; want no more than %d budgets carried and a run's finds", run, sum.Queued, carriedBudgets)
		}
	}
}

func TestSecondRunFindsOnlyNewAndChanged(t *testing.T) {
	site := crawltest.Site{Articles: 10, PagesPer: 2, PerList: 3}
	srv := crawltest.Serve(t, site)
	db := openTestStore(t)
	opts := CrawlOptions{Revisit: RevisitPolicy{Min: 0}}
	sum := crawlSites(t, db, fastTransport(0, nil), opts, siteOf(srv))
	if sum.New != 10 || sum.Lists != 4 {
		t.Fatalf("first run %+v", sum)
	}
	// Pages point at the captures they were read from, stored with them.
	doc, err := db.Document(srv.URL+crawltest.ArticlePath(4, 1), 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, pg := range doc.Pages {
		c, err := db.Capture(pg.CaptureID)
		if err != nil || c.URL != pg.URL || c.PayloadDigest != pg.PayloadDigest {
			t.Errorf("page %s: capture %d: %+v %v", pg.URL, pg.CaptureID, c, err)
		}
	}

	// Two new articles, one edited.
	site.Articles = 12
	site.Edited = map[int]int{3: 1}
	srv.Update(site)
	srv.ResetLog()
	sum = crawlSites(t, db, fastTransport(0, nil), opts, siteOf(srv))
	if sum.New != 2 || sum.Changed != 1 || sum.Unchanged != 9 || sum.Failed != 0 {
		t.Fatalf("second run %+v, want 2 new, 1 changed, 9 unchanged", sum)
	}
	for _, r := range srv.Requests() {
		if strings.Contains(r.Path, "/0005/5") && (r.Status != http.StatusNotModified || r.IfNoneMatch == "") {
			t.Errorf("an unchanged article was fetched again: %+v", r)
		}
	}
	h, err := db.History(srv.URL + crawltest.ArticlePath(5, 1))
	if err != nil {
		t.Fatal(err)
	}
	if len(h.Versions) != 1 || h.Versions[0].UnchangedRefetches != 1 {
		t.Errorf("unchanged article history %+v, want one version re-fetched once unchanged", h.Versions)
	}
	h, _ = db.History(srv.URL + crawltest.ArticlePath(3, 1))
	if len(h.Versions) != 2 {
		t.Errorf("edited article has %d versions, want 2", len(h.Versions))
	}

	// With the default policy a run right after finds the new articles only.
	site.Articles = 13 // 5 list pages; list 1's bar reaches list 3
	srv.Update(site)
	srv.ResetLog()
	sum = crawlSites(t, db, fastTransport(0, nil), CrawlOptions{Revisit: RevisitPolicy{Min: 20 * time.Hour}}, siteOf(srv))
	if sum.New != 1 || sum.Changed+sum.Unchanged != 0 || sum.NotDue == 0 {
		t.Errorf("third run %+v, want 1 new and the rest not due", sum)
	}
	// The column's older list pages brought nothing new: not re-read.
	if n := srv.Count("/news/list_5.html"); n != 0 {
		t.Errorf("old list page re-read %d times", n)
	}
}

func TestInterruptedRunResumes(t *testing.T) {
	srv := crawltest.Serve(t, crawltest.Site{Articles: 12, PagesPer: 2, PerList: 6})
	db := openTestStore(t)
	ctx, cancel := context.WithCancel(context.Background())
	var once sync.Once
	srv.Hook = func(w http.ResponseWriter, r *http.Request) bool {
		if len(srv.Requests()) > 12 {
			once.Do(cancel)
		}
		return false
	}
	tr := fastTransport(5*time.Millisecond, nil)
	sum, err := NewCrawler(db, tr, CrawlOptions{Sites: []Site{siteOf(srv)}}).Run(ctx)
	if err == nil || sum.New == 0 || sum.New >= 12 {
		t.Fatalf("interrupted run: %+v, %v", sum, err)
	}
	first := *sum
	sum = crawlSites(t, db, fastTransport(5*time.Millisecond, nil), CrawlOptions{}, siteOf(srv))
	// The resumed run's summary is the run's: the interrupted part's
	// counts and fetches too.
	if !sum.Resumed || sum.New != 12 || sum.Unchanged != 0 || sum.Fetches <= first.Fetches || sum.Seconds < first.Seconds {
		t.Fatalf("resumed run %+v after %+v, want all 12 new, the fetches and time of both parts", sum, first)
	}
	// Nothing stored twice: every page fetched once, but for the page in
	// flight when the run was cut.
	twice := 0
	counts := map[string]int{}
	for _, r := range srv.Requests() {
		counts[r.Path]++
		if counts[r.Path] == 2 && r.Path != "/robots.txt" {
			twice++
		}
	}
	if twice > 1 {
		t.Errorf("%d URLs fetched twice across the interruption", twice)
	}
	runs, _ := db.CrawlRuns()
	if len(runs) != 1 || runs[0].Finished.IsZero() {
		t.Errorf("runs %+v", runs)
	}
	// No article was saved cut short by the interruption.
	db.Documents(store.DocumentFilter{}, func(d *store.Document) error {
		h, _ := db.History(d.URL)
		if len(d.Pages) != 2 || !d.Complete || len(h.Versions) != 1 {
			t.Errorf("%s: %d pages, complete %v, %d versions", d.URL, len(d.Pages), d.Complete, len(h.Versions))
		}
		return nil
	})
}

// TestSharedAttachmentFetchedOnceForTwoHosts: two articles on two hosts
// link one PDF on a third, which answers slowly: the second article's
// request for it comes while the first's is in flight (colly refuses it as
// made). Both documents list the file, fetched once; nothing fails.
func TestSharedAttachmentFetchedOnceForTwoHosts(t *testing.T) {
	pdf := []byte("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
	var pdfRequests atomic.Int32
	files := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/files/sqb.pdf" {
			http.NotFound(w, r)
			return
		}
		pdfRequests.Add(1)
		time.Sleep(500 * time.Millisecond)
		w.Header().Set("Content-Type", "application/pdf")
		w.Write(pdf)
	}))
	t.Cleanup(files.Close)
	portal := func(n int) *httptest.Server {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			switch r.URL.Path {
			case "/list.html":
				fmt.Fprintf(w, `<html><head><meta charset="utf-8"><title>通知公告</title></head><body><ul><li><a href="/art/100%d.html">关于做好第%d批政府信息公开工作的通知</a> 2025-03-1%d</li></ul></body></html>`, n, n, n)
			case fmt.Sprintf("/art/100%d.html", n):
				fmt.Fprintf(w, `<html><head><meta charset="utf-8"><title>关于做好第%d批政府信息公开工作的通知</title></head><body><h1>关于做好第%d批政府信息公开工作的通知</h1>`+
					`<div class="info">发布时间：2025-03-1%d 10:00 来源：县政务公开办</div><div class="content"><p>为做好2025年度政府信息公开工作，现将有关事项通知如下，请各单位认真组织实施。</p>`+
					`<p>附件：<a href="%s/files/sqb.pdf">政府信息公开申请表.pdf</a></p></div></body></html>`, n, n, n, files.URL)
			default:
				http.NotFound(w, r)
			}
		}))
		t.Cleanup(srv.Close)
		return srv
	}
	a, b := portal(1), portal(2)
	db := openTestStore(t)
	site := Site{Name: "county", Seeds: []string{a.URL + "/list.html", b.URL + "/list.html"}, Scope: regexp.MustCompile(`^http://127\.0\.0\.1:`)}
	sum := crawlSites(t, db, fastTransport(0, nil), CrawlOptions{Parallel: 3, Attachments: true}, site)
	if sum.New != 2 || sum.Failed != 0 || sum.Incomplete != 0 {
		t.Errorf("summary %+v; want 2 new, nothing failed or incomplete", sum)
	}
	for _, u := range []string{a.URL + "/art/1001.html", b.URL + "/art/1002.html"} {
		d, err := db.Document(u, 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Attachments) != 1 || d.Attachments[0].Status != http.StatusOK || d.Attachments[0].CaptureID == 0 {
			t.Errorf("%s: attachments %+v; want the PDF, fetched", u, d.Attachments)
		}
	}
	if n := pdfRequests.Load(); n != 1 {
		t.Errorf("the PDF was requested %d times, want once", n)
	}

	// Archived again by hand, without the crawl's scope, which the file's
	// host was in: the stored version's file is still the document's,
	// and the unchanged article makes no version.
	f, err := NewFetcher(t.Context(), fastTransport(0, nil), FetcherOptions{Revisit: true})
	if err != nil {
		t.Fatal(err)
	}
	res := NewArchiver(f, db, ArchiveOptions{Attachments: true}).Archive(t.Context(), a.URL+"/art/1001.html")
	if res.Err != nil || res.Doc == nil || res.Doc.Version != 1 || len(res.Doc.Attachments) != 1 {
		t.Errorf("archive without the scope: %v, %+v; want version 1 with its PDF", res.Err, res.Doc)
	}
}

// TestDelayHoldsAcrossRuns: the next run's first request (robots.txt)
// waits out the Crawl-delay from the last request of the run before.
func TestDelayHoldsAcrossRuns(t *testing.T) {
	const crawlDelay = 200 * time.Millisecond
	srv := crawltest.Serve(t, crawltest.Site{Articles: 2, PagesPer: 1, PerList: 2, CrawlDelay: "0.2"})
	db := openTestStore(t)
	crawlSites(t, db, fastTransport(time.Millisecond, nil), CrawlOptions{}, siteOf(srv))
	first := len(srv.Requests())
	crawlSites(t, db, fastTransport(time.Millisecond, nil), CrawlOptions{}, siteOf(srv))
	if len(srv.Requests()) <= first {
		t.Fatalf("the second run asked nothing")
	}
	checkGaps(t, srv, crawlDelay, 10*time.Millisecond)
}

func TestSitemapsAreExtraSeeds(t *testing.T) {
	srv := crawltest.Serve(t, crawltest.Site{Articles: 6, Unlisted: 2, Sitemap: true})
	db := openTestStore(t)
	var logs strings.Builder
	var mu sync.Mutex
	log := slog.New(slog.NewTextHandler(writerFunc(func(p []byte) (int, error) {
		mu.Lock()
		defer mu.Unlock()
		return logs.Write(p)
	}), nil))
	sum := crawlSites(t, db, fastTransport(20*time.Millisecond, nil), CrawlOptions{Progress: 30 * time.Millisecond, Logger: log}, siteOf(srv))
	if sum.New != 6 {
		t.Errorf("%d new, want all 6 (2 only in the sitemap)", sum.New)
	}
	if srv.Count("/sitemap.xml") != 1 {
		t.Errorf("sitemap fetched %d times", srv.Count("/sitemap.xml"))
	}
	mu.Lock()
	defer mu.Unlock()
	if !strings.Contains(logs.String(), "msg=progress") || !strings.Contains(logs.String(), "pages/s=") {
		t.Errorf("no progress lines in the log:\n%s", logs.String())
	}
}

// TestScopeLeavesSiblingArticlesUnfetched: with --scope selecting three
// articles of a column, the others of the same URL family are not
// fetched, while the column's list pages still are read.
func TestScopeLeavesSiblingArticlesUnfetched(t *testing.T) {
	srv := crawltest.Serve(t, crawltest.Site{Articles: 30, PerList: 10})
	db := openTestStore(t)
	site := siteOf(srv)
	site.Scope = regexp.MustCompile(`/news/2024/\d+/(1|2|25)\.html$`)
	sum := crawlSites(t, db, fastTransport(0, nil), CrawlOptions{}, site)
	if sum.New != 3 || sum.Failed != 0 {
		t.Errorf("crawl: %+v; want the 3 articles in scope", sum)
	}
	var fetched []string
	for _, r := range srv.Requests() {
		if strings.HasPrefix(r.Path, "/news/2024/") && !site.Scope.MatchString(srv.URL+r.Path) {
			fetched = append(fetched, r.Path)
		}
	}
	if len(fetched) > 0 || sum.OutOfScope != 27 {
		t.Errorf("%d articles outside the scope fetched (%v), %d counted skipped; want none fetched, 27 skipped", len(fetched), fetched, sum.OutOfScope)
	}
}

func TestURLShape(t *testing.T) {
	tests := []struct{ a, b string }{
		{"http://x.cn/news/2024/0101/1004.html", "http://x.cn/news/2023/1231/17.html"},
		{"http://x.cn/art/2024/3/15/art_1229_5678.html", "http://x.cn/art/2021/11/2/art_1_7.html"},
		{"http://x.cn/show.asp?id=5", "http://x.cn/show.asp?id=12345"},
	}
	for _, tt := range tests {
		if urlShape(tt.a) != urlShape(tt.b) {
			t.Errorf("urlShape(%s) = %s, urlShape(%s) = %s; want one shape", tt.a, urlShape(tt.a), tt.b, urlShape(tt.b))
		}
	}
	differ := [][2]string{
		{"http://x.cn/news/2024/0101/1004.html", "http://x.cn/news/list_2.html"},
		{"http://x.cn/show.asp?id=5", "http://x.cn/list.asp?id=5"},
		{"http://x.cn/show.asp?id=5", "http://x.cn/show.asp?classid=5"},
	}
	for _, d := range differ {
		if urlShape(d[0]) == urlShape(d[1]) {
			t.Errorf("%s and %s have one shape, %s", d[0], d[1], urlShape(d[0]))
		}
	}
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

func TestCollyHashIsColly(t *testing.T) {
	srv := crawltest.Serve(t, crawltest.Site{Articles: 1})
	vs := newVisitedStore(nil)
	f, err := NewFetcher(context.Background(), fastTransport(0, func(o *TransportOptions) { o.IgnoreRobots = true }), FetcherOptions{Storage: vs})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range []string{srv.URL + "/news/", srv.URL + "/news/2024/0001/1.html?a=%E4%B8%AD&b=1", srv.URL + "/x%zz/y z"} {
		fetched, _ := f.Fetch(u, nil)
		if fetched == nil || fetched.Final == nil {
			t.Fatalf("%s: nothing fetched", u)
		}
		if ok, _ := vs.IsVisited(collyHash(fetched.Final.Capture.URL)); !ok {
			t.Errorf("colly filed %s under another id than collyHash", u)
		}
	}
}

func TestCleanLink(t *testing.T) {
	for _, tc := range []struct{ in, text, want string }{
		{"http://a.test/news/1.html", "标题", "http://a.test/news/1.html"},
		{"http://a.test/news/1.html;jsessionid=ABC123", "标题", "http://a.test/news/1.html"},
		{"http://a.test/show.asp?id=5&PHPSESSID=abc&x=1", "标题", "http://a.test/show.asp?id=5&x=1"},
		{"http://a.test/show.asp?sid=12", "标题", "http://a.test/show.asp?sid=12"},
		{"http://a.test/show.asp?sid=news", "标题", "http://a.test/show.asp?sid=news"},
		{"http://a.test/list.asp?sid=xxgk2024", "列表", "http://a.test/list.asp?sid=xxgk2024"},
		{"http://a.test/q/list.jsp?sid=8f3a2b1c", "列表", "http://a.test/q/list.jsp"},
		{"http://a.test/q/item.jsp?id=1&sid=0a9b8c7d", "标题", "http://a.test/q/item.jsp?id=1"},
		{"http://a.test/q/item.jsp?sid=0123456789abcdefABCDEF&id=1", "标题", "http://a.test/q/item.jsp?id=1"},
		{"http://a.test/show.asp?id=5&sessid=x1&y=2", "标题", "http://a.test/show.asp?id=5&y=2"},
		{"http://a.test/2024/05/13/slug/?replytocom=17", "回复", "http://a.test/2024/05/13/slug/"},
		{"http://a.test/forum.php?mod=viewthread&tid=5&page=1&authorid=7", "只看该作者", ""},
		{"http://a.test/home.php?mod=space&uid=7", "青川老李", ""},
		{"http://a.test/forum.php?mod=viewthread&tid=5", "标题", "http://a.test/forum.php?mod=viewthread&tid=5"},
		{"http://a.test/forum.php?mod=viewthread&tid=5&extra=page%3D2", "标题", "http://a.test/forum.php?mod=viewthread&tid=5"},
		{"http://a.test/bbs/thread-5-1-3.html", "标题", "http://a.test/bbs/thread-5-1-1.html"},
		{"http://a.test/cal/?y=2024&m=4", "下一月", ""},
		{"http://a.test/cal/?y=2025&m=3", "下一年 »", ""},
		{"http://a.test/a/b/a/b/a/", "x", ""},
		{"http://a.test/" + strings.Repeat("x", 1100), "x", ""},
		{"http://a.test/file.pdf", "附件", ""},
		{"mailto:x@a.test", "x", ""},
	} {
		if got := cleanLink(extractLink(tc.in, tc.text)); got != tc.want {
			t.Errorf("cleanLink(%q, %q) = %q, want %q", tc.in, tc.text, got, tc.want)
		}
	}
}

func TestIsCalendar(t *testing.T) {
	for u, want := range map[string]bool{
		"http://a.test/cal/?y=2024&m=3":              true,
		"http://a.test/list.asp?year=2019&month=1":   true,
		"http://a.test/news/?date=2024-03-15":        true,
		"http://a.test/calendar/2024/03/":            true,
		"http://a.test/show.asp?id=5&m=1":            false,
		"http://a.test/news/2024/0315/123.html":      false,
		"http://a.test/list.asp?classid=2&y=12":      false,
		"http://a.test/hdrl/index.jsp?month=2024-06": true,
		"http://a.test/act/list?ym=202406":           true,
		"http://a.test/hd/?d=2024-6":                 true,
		"http://a.test/show.jsp?id=20240612":         false, // an id, not a date
		"http://a.test/art/2024/6/12/art_1.html":     false,
	} {
		if got := isCalendar(u); got != want {
			t.Errorf("isCalendar(%s) = %v", u, got)
		}
	}
}

func TestParseSitemap(t *testing.T) {
	index := `<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>http://a.test/s1.xml</loc><lastmod>2024-03-01</lastmod></sitemap></sitemapindex>`
	urls, maps := parseSitemap([]byte(index))
	if len(urls) != 0 || len(maps) != 1 || maps[0].Loc != "http://a.test/s1.xml" {
		t.Errorf("index: %v %v", urls, maps)
	}
	set := `<urlset><url><loc> http://a.test/1.html </loc><lastmod>2024-03-02T10:00:00+08:00</lastmod></url><url><loc>http://a.test/2.html</loc></url></urlset>`
	urls, _ = parseSitemap([]byte(set))
	if len(urls) != 2 || urls[0].Loc != "http://a.test/1.html" || urls[0].Lastmod.IsZero() {
		t.Errorf("urlset: %+v", urls)
	}
	urls, _ = parseSitemap([]byte("http://a.test/1.html\nhttp://a.test/2.html\n"))
	if len(urls) != 2 {
		t.Errorf("text sitemap: %+v", urls)
	}
}

func TestRevisitPolicy(t *testing.T) {
	p := RevisitPolicy{Min: 20 * time.Hour, Max: 30 * 24 * time.Hour}
	day := 24 * time.Hour
	now := time.Date(2026, 11, 26, 4, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		changed, seen time.Duration // ago
		want          bool
	}{
		{changed: 1 * day, seen: 1 * day, want: true},     // archived yesterday: daily
		{changed: 10 * day, seen: 1 * day, want: false},   // stable 9 days: every 4.5 days
		{changed: 10 * day, seen: 5 * day, want: true},    // ... and that is over
		{changed: 300 * day, seen: 29 * day, want: false}, // at most monthly
		{changed: 300 * day, seen: 31 * day, want: true},
	} {
		st := store.URLStatus{Doc: true, LastChanged: now.Add(-tc.changed), LastSeen: now.Add(-tc.seen)}
		if got := p.Due(st, time.Time{}, now); got != tc.want {
			t.Errorf("changed %s ago, seen %s ago: due %v, want %v", tc.changed, tc.seen, got, tc.want)
		}
	}
	st := store.URLStatus{Doc: true, LastChanged: now.Add(-10 * day), LastSeen: now.Add(-day)}
	if !p.Due(st, now.Add(-time.Hour), now) {
		t.Error("a sitemap lastmod after the last fetch should make it due")
	}
	st.Incomplete = true
	if !p.Due(st, time.Time{}, now) {
		t.Error("an incomplete article should be due")
	}
	// Fetched a day ago without its attachment (not seen whole for 40
	// days, stable for 100): the interval counts from that fetch, so an
	// attachment gone for good does not make it due every night.
	st = store.URLStatus{Doc: true, LastChanged: now.Add(-140 * day), LastSeen: now.Add(-40 * day), LastFetched: now.Add(-day)}
	if p.Due(st, time.Time{}, now) {
		t.Error("an article fetched yesterday (missing an attachment) is due again")
	}
}

func extractLink(u, text string) extract.Link { return extract.Link{URL: u, Text: text} }

// TestDeadLinksAreRememberedAsGone: a link that answers 404 fails the run
// that meets it first; later runs leave it alone until it is due for a
// re-check (weekly), and a re-check that finds it still gone is counted
// as gone, not failed, so that a dead menu link does not fail every night.
func TestDeadLinksAreRememberedAsGone(t *testing.T) {
	site := crawltest.Site{Articles: 3, PagesPer: 1, Dead: 2}
	srv := crawltest.Serve(t, site)
	db := openTestStore(t)
	removed := func() (n int) {
		for _, r := range srv.Requests() {
			if strings.HasPrefix(r.Path, "/removed/") {
				n++
			}
		}
		return n
	}
	night := func(p RevisitPolicy) *Summary {
		srv.ResetLog()
		return crawlSites(t, db, fastTransport(0, nil), CrawlOptions{Revisit: p}, siteOf(srv))
	}
	if sum := night(RevisitPolicy{Min: 20 * time.Hour}); sum.New != 3 || sum.Failed != 2 || sum.Gone != 0 || removed() != 2 {
		t.Fatalf("first run %+v, %d requests for the dead links; want 3 new, 2 failed", sum, removed())
	}
	if sum := night(RevisitPolicy{Min: 20 * time.Hour}); sum.Failed != 0 || sum.Gone != 2 || removed() != 0 {
		t.Errorf("next night %+v, %d requests for the dead links; want them counted gone, not fetched", sum, removed())
	}
	// Due again (the bounds let a re-check come sooner): still gone is
	// not a failure.
	if sum := night(RevisitPolicy{Max: time.Nanosecond}); sum.Failed != 0 || sum.Gone != 2 || removed() != 2 {
		t.Errorf("re-check %+v, %d requests for the dead links; want 2 re-fetched and still gone", sum, removed())
	}
	if st, err := db.URLStatuses([]string{srv.URL + "/removed/1.html"}); err != nil || st[0].Kind != store.VisitGone {
		t.Errorf("status of a dead link %+v, %v; want gone", st, err)
	}
}

// TestDeletedArticleIsRememberedAsGone: a stored article that answers 410,
// or 200 with the site's "not found" page (a soft 404), fails the run that
// finds it gone, and is no new version of itself; after that it waits the
// week a gone link waits, however soon the articles' own re-checks come.
func TestDeletedArticleIsRememberedAsGone(t *testing.T) {
	const notFoundPage = `<html><head><meta charset="utf-8"><title>404 页面不存在 - 某县新闻网</title></head><body>` +
		`<div class="nav"><a href="/">首页</a> <a href="/news/">本地新闻</a></div>` +
		`<div class="error"><h2>抱歉，您访问的页面不存在或已被删除！</h2><p>可能的原因：网址有误；页面已过期或已被删除。</p>` +
		`<p>5秒后自动返回<a href="/">网站首页</a></p></div></body></html>`
	for _, tc := range []struct {
		name   string
		answer func(w http.ResponseWriter)
	}{
		{"410", func(w http.ResponseWriter) { http.Error(w, "gone", http.StatusGone) }},
		{"soft 404", func(w http.ResponseWriter) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			io.WriteString(w, notFoundPage)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := crawltest.Serve(t, crawltest.Site{Articles: 3, PagesPer: 1})
			deleted := crawltest.ArticlePath(2, 1)
			db := openTestStore(t)
			night := func(p RevisitPolicy) (*Summary, int) {
				srv.ResetLog()
				sum := crawlSites(t, db, fastTransport(0, nil), CrawlOptions{Revisit: p}, siteOf(srv))
				return sum, srv.Count(deleted)
			}
			if sum, _ := night(RevisitPolicy{}); sum.New != 3 {
				t.Fatalf("first run %+v; want 3 new", sum)
			}
			before, err := db.Document(srv.URL+deleted, 0)
			if err != nil {
				t.Fatal(err)
			}
			srv.Hook = func(w http.ResponseWriter, r *http.Request) bool {
				if r.URL.Path == deleted {
					tc.answer(w)
					return true
				}
				return false
			}
			if sum, n := night(RevisitPolicy{Max: time.Nanosecond}); sum.Failed != 1 || sum.Changed != 0 || n != 1 {
				t.Fatalf("the night it went: %+v, fetched %d times; want it fetched and failed", sum, n)
			}
			if after, err := db.Document(srv.URL+deleted, 0); err != nil || after.Version != 1 || after.Title != before.Title {
				t.Errorf("the stored article after it went: %+v, %v; want version 1, %q", after, err, before.Title)
			}
			if sum, n := night(RevisitPolicy{Min: time.Nanosecond}); n != 0 || sum.Failed != 0 || sum.Gone != 1 {
				t.Errorf("the night after, articles due at once: %+v, the deleted one fetched %d times; want it left alone, counted gone", sum, n)
			}
			// Restored, and archived by hand: no longer gone, re-checked as the
			// article it is. (A second later: fetch times are kept to the second.)
			srv.Hook = nil
			time.Sleep(time.Second)
			f, err := NewFetcher(t.Context(), fastTransport(0, nil), FetcherOptions{Revisit: true})
			if err != nil {
				t.Fatal(err)
			}
			if res := NewArchiver(f, db, ArchiveOptions{}).Archive(t.Context(), srv.URL+deleted); res.Err != nil {
				t.Fatal(res.Err)
			}
			// (Re-checked or not yet due, as the article it is again.)
			if sum, n := night(RevisitPolicy{Min: time.Nanosecond, Max: time.Hour}); sum.Gone != 0 || n+sum.NotDue != 1 {
				t.Errorf("after it was archived again: %+v, fetched %d times; want it an article again, not gone", sum, n)
			}
		})
	}
}

// TestStubPagesAreFollowed: a seed that is only a script sending the
// browser on (a portal's root) leads to the column as a redirect would,
// and archiving a meta-refresh stub archives the article it points at,
// the stub's URL among its aliases.
func TestStubPagesAreFollowed(t *testing.T) {
	srv := crawltest.Serve(t, crawltest.Site{Articles: 3, PagesPer: 2, Stubs: true})
	db := openTestStore(t)
	sum := crawlSites(t, db, fastTransport(0, nil), CrawlOptions{}, Site{Name: "stub", Seeds: []string{srv.URL + "/"}})
	if sum.New != 3 || sum.Failed != 0 {
		t.Errorf("crawl from a script stub: %+v, want the column's 3 articles", sum)
	}

	f, err := NewFetcher(t.Context(), fastTransport(0, nil), FetcherOptions{Revisit: true})
	if err != nil {
		t.Fatal(err)
	}
	stub := srv.URL + "/go/1.html"
	res := NewArchiver(f, db, ArchiveOptions{}).Archive(t.Context(), stub)
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	if want := srv.URL + crawltest.ArticlePath(1, 1); res.Doc.URL != want || len(res.Doc.Pages) != 2 || !slices.Contains(res.Doc.Aliases, stub) {
		t.Errorf("archive of a meta refresh stub: %s, %d pages, aliases %q; want %s, 2 pages, the stub an alias",
			res.Doc.URL, len(res.Doc.Pages), res.Doc.Aliases, want)
	}
}

// movedTo serves a portal's old address: every URL answers 301 to the
// same path at newOrigin.
func movedTo(t *testing.T, newOrigin string) *httptest.Server {
	old := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, newOrigin+r.URL.RequestURI(), http.StatusMovedPermanently)
	}))
	t.Cleanup(old.Close)
	return old
}

// TestSeedMovedToAnotherHost: a portal that moved (www.x.gov.cn answers
// 301 to x.gov.cn) is crawled from its old address: without --scope, the
// host the seed was redirected to is the site's own.
func TestSeedMovedToAnotherHost(t *testing.T) {
	srv := crawltest.Serve(t, crawltest.Site{Articles: 4, PagesPer: 2})
	old := movedTo(t, srv.URL)
	db := openTestStore(t)
	sum := crawlSites(t, db, fastTransport(0, nil), CrawlOptions{}, Site{Name: "moved", Seeds: []string{old.URL + "/news/"}})
	if sum.New != 4 || sum.Failed != 0 {
		t.Errorf("crawl from the old address: %+v, want the 4 articles of the new host", sum)
	}
}

// TestSeedMovedKeepsTheSiteDelay: the host a seed moved to is the site's
// own, and so is its delay: the portal at its new address is crawled as
// politely as the configuration asks of it. (The seed's own redirect hop
// there, and the robots.txt before it, come before folio knows the host
// is the site's.)
func TestSeedMovedKeepsTheSiteDelay(t *testing.T) {
	srv := crawltest.Serve(t, crawltest.Site{Articles: 3, PagesPer: 1})
	old := movedTo(t, srv.URL)
	db := openTestStore(t)
	const delay = 150 * time.Millisecond
	sum := crawlSites(t, db, fastTransport(0, nil), CrawlOptions{}, Site{Name: "moved", Seeds: []string{old.URL + "/news/"}, Delay: delay})
	if sum.New != 3 {
		t.Fatalf("crawl from the old address: %+v, want the 3 articles of the new host", sum)
	}
	reqs := srv.Requests()
	seed := slices.IndexFunc(reqs, func(r crawltest.Request) bool { return r.Path == "/news/" })
	for i := seed + 1; i < len(reqs); i++ {
		if gap := reqs[i].Start.Sub(reqs[i-1].Start); gap < delay-10*time.Millisecond {
			t.Errorf("%s started %v after %s; want the site's delay %v", reqs[i].Path, gap, reqs[i-1].Path, delay)
		}
	}
}

// TestPortalMovedKeepsItsDocuments: a portal archived at its address moves
// to another host (every old URL answers 301 to the same path there). The
// next night's lists on the new host link articles stored under their old
// addresses: each stays one document, its URL now the new address, no
// second document made.
func TestPortalMovedKeepsItsDocuments(t *testing.T) {
	srv := crawltest.Serve(t, crawltest.Site{Articles: 4, PagesPer: 1})
	target, _ := url.Parse(srv.URL)
	proxy := httputil.NewSingleHostReverseProxy(target)
	var moved atomic.Bool
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if moved.Load() {
			http.Redirect(w, r, srv.URL+r.URL.RequestURI(), http.StatusMovedPermanently)
			return
		}
		proxy.ServeHTTP(w, r)
	}))
	t.Cleanup(front.Close)
	db := openTestStore(t)
	site := Site{Name: "county", Seeds: []string{front.URL + "/news/"}}
	if sum := crawlSites(t, db, fastTransport(0, nil), CrawlOptions{}, site); sum.New != 4 {
		t.Fatalf("at the old address: %+v, want 4 new", sum)
	}
	moved.Store(true)
	// One article's new address archived by hand before the crawl met the
	// move: a second document, until the crawl's fetch of the old URL
	// leads there.
	f, err := NewFetcher(t.Context(), fastTransport(0, nil), FetcherOptions{Revisit: true})
	if err != nil {
		t.Fatal(err)
	}
	var handArchived string
	db.Documents(store.DocumentFilter{}, func(d *store.Document) error {
		handArchived = srv.URL + strings.TrimPrefix(d.URL, front.URL)
		return nil
	})
	if res := NewArchiver(f, db, ArchiveOptions{}).Archive(t.Context(), handArchived); res.Err != nil || !res.Save.New {
		t.Fatalf("archive of the new address %s: %+v, %v; want a new document", handArchived, res.Save, res.Err)
	}
	if sum := crawlSites(t, db, fastTransport(0, nil), CrawlOptions{Revisit: RevisitPolicy{Max: time.Nanosecond}}, site); sum.New != 0 {
		t.Errorf("the night it moved: %+v, want no new document", sum)
	}
	if h, err := db.History(handArchived); err != nil || len(h.Versions) != 1 || h.Versions[0].UnchangedRefetches != 2 {
		t.Errorf("history of the article archived twice: %+v, %v; want one version, re-fetched twice since", h, err)
	}
	n := 0
	db.Documents(store.DocumentFilter{}, func(d *store.Document) error {
		n++
		if !strings.HasPrefix(d.URL, srv.URL) {
			t.Errorf("document %s: want its new address", d.URL)
		}
		return nil
	})
	if n != 4 {
		t.Errorf("%d documents, want the 4 articles once each", n)
	}
}

// renamedColumn proxies srv with its column /news/ renamed /xinwen/ in
// every page's links (requests are the caller's to route); keepETags keeps
// srv's ETags on the renamed pages.
func renamedColumn(srv *crawltest.Server, keepETags bool) *httputil.ReverseProxy {
	target, _ := url.Parse(srv.URL)
	proxy := httputil.NewSingleHostReverseProxy(target)
	proxy.ModifyResponse = func(r *http.Response) error {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			return err
		}
		body = bytes.ReplaceAll(body, []byte("/news/"), []byte("/xinwen/"))
		r.Body, r.ContentLength = io.NopCloser(bytes.NewReader(body)), int64(len(body))
		r.Header.Del("Content-Length")
		if !keepETags {
			r.Header.Del("ETag")
		}
		return nil
	}
	return proxy
}

// TestColumnRenamedKeepsItsDocuments: a portal renames a column (/news/
// becomes /xinwen/, every old URL answering 301 to the new path). The
// next night's list links the articles by their new URLs, met as copies
// of the stored ones (republished), whose re-check by their old URLs in
// the same run shows the move: each stays one document, its URL now the
// new address, and no later night counts it new or republished.
func TestColumnRenamedKeepsItsDocuments(t *testing.T) {
	srv := crawltest.Serve(t, crawltest.Site{Articles: 4, PagesPer: 2})
	proxy := renamedColumn(srv, true) // (its ETags kept: the same file's under either name)
	var renamed atomic.Bool
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case renamed.Load() && strings.HasPrefix(r.URL.Path, "/news/"):
			http.Redirect(w, r, "/xinwen/"+strings.TrimPrefix(r.URL.Path, "/news/"), http.StatusMovedPermanently)
		case renamed.Load() && strings.HasPrefix(r.URL.Path, "/xinwen/"):
			r.URL.Path = "/news/" + strings.TrimPrefix(r.URL.Path, "/xinwen/")
			proxy.ServeHTTP(w, r)
		case renamed.Load():
			proxy.ServeHTTP(w, r)
		default:
			srv.Config.Handler.ServeHTTP(w, r)
		}
	}))
	t.Cleanup(front.Close)
	db := openTestStore(t)
	site := Site{Name: "county", Seeds: []string{front.URL + "/news/"}}
	if sum := crawlSites(t, db, fastTransport(0, nil), CrawlOptions{}, site); sum.New != 4 {
		t.Fatalf("before the rename: %+v, want 4 new", sum)
	}
	renamed.Store(true)
	// Not due for their re-checks: the renamed list's links come first.
	for night := 2; night <= 3; night++ {
		sum := crawlSites(t, db, fastTransport(0, nil), CrawlOptions{Revisit: RevisitPolicy{Min: time.Hour}}, site)
		if sum.New != 0 || sum.Changed != 0 || sum.Failed != 0 || (night == 3 && sum.Republished != 0) {
			t.Errorf("night %d, after the rename: %+v, want nothing new, changed or failed", night, sum)
		}
		n := 0
		db.Documents(store.DocumentFilter{}, func(d *store.Document) error {
			n++
			if !strings.HasPrefix(d.URL, front.URL+"/xinwen/") || len(d.Pages) != 2 {
				t.Errorf("night %d: document %s of %d pages, want its new address, 2 pages", night, d.URL, len(d.Pages))
			}
			return nil
		})
		if n != 4 {
			t.Errorf("night %d: %d documents, want the 4 articles once each", night, n)
		}
	}
}

// TestRedirectToAVisitedPageIsCaptured: a link that redirects to a page
// this run fetched already (a 首页 link answering 302 to the column, the
// seed) is captured each time it is asked, its hop stored with the run,
// as every answer is.
func TestRedirectToAVisitedPageIsCaptured(t *testing.T) {
	srv := crawltest.Serve(t, crawltest.Site{Articles: 2})
	srv.Hook = func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path != "/home" {
			return false
		}
		http.Redirect(w, r, "/news/", http.StatusFound)
		return true
	}
	seed := Site{Name: "county", Seeds: []string{srv.URL + "/news/", srv.URL + "/home"}}
	db := openTestStore(t)
	for night := 1; night <= 2; night++ {
		crawlSites(t, db, fastTransport(0, nil), CrawlOptions{Revisit: RevisitPolicy{Max: time.Nanosecond}}, seed)
	}
	n := 0
	if err := db.CapturesOf(srv.URL+"/home", func(c *store.Capture) error {
		if c.Status == http.StatusFound {
			n++
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if asked := srv.Count("/home"); n != asked || n != 2 {
		t.Errorf("/home answered %d times, %d of its 302s stored; want both nights' stored", asked, n)
	}
}

// TestHTTPSFailureLeavesHTTPAlone: a site's link to its own pages over
// https, where TLS fails (a plain-HTTP port, a bad certificate), leaves
// the https side for the next run, not the http pages of the same host.
func TestHTTPSFailureLeavesHTTPAlone(t *testing.T) {
	srv := crawltest.Serve(t, crawltest.Site{Articles: 3})
	host := strings.TrimPrefix(srv.URL, "http://")
	srv.Hook = func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path != "/seed.html" {
			return false
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<html><head><title>新闻</title></head><body><ul><li><a href="https://%s/news/secure.html">安全链接的一篇新闻稿件标题</a></li>`, host)
		for id := 1; id <= 3; id++ {
			fmt.Fprintf(w, `<li><a href="%s">第%d篇新闻稿件的标题文字</a></li>`, crawltest.ArticlePath(id, 1), id)
		}
		io.WriteString(w, `</ul></body></html>`)
		return true
	}
	db := openTestStore(t)
	sum := crawlSites(t, db, fastTransport(0, nil), CrawlOptions{}, Site{Name: "mixed", Seeds: []string{srv.URL + "/seed.html"}})
	if sum.New != 3 || sum.Deferred != 1 {
		t.Errorf("%+v; want the 3 http articles archived, the https link deferred", sum)
	}
}

// TestPageTwoRedirectingHomeIsAFailedPage: page 2 of an article is gone
// and its URL answers 302 to the column (read already in the run): page 2
// is a failed page under its own URL, with its redirect's status; the
// column's URL leads to no document.
func TestPageTwoRedirectingHomeIsAFailedPage(t *testing.T) {
	// With a bar that says how many pages there are, and one that only
	// names page 2.
	for _, count := range []string{"共2页 ", ""} {
		t.Run("bar "+count+"1 2", func(t *testing.T) {
			srv := crawltest.Serve(t, crawltest.Site{Articles: 1})
			const page1, page2 = "/news/2024/0501/101.html", "/news/2024/0501/101_2.html"
			srv.Hook = func(w http.ResponseWriter, r *http.Request) bool {
				switch r.URL.Path {
				case "/news/":
					w.Header().Set("Content-Type", "text/html; charset=utf-8")
					io.WriteString(w, `<html><head><title>新闻动态</title></head><body><ul><li><a href="`+page1+`">松溪县召开2024年春季农业生产工作推进会</a> 2024-05-01</li></ul></body></html>`)
				case page1:
					w.Header().Set("Content-Type", "text/html; charset=utf-8")
					io.WriteString(w, `<html><head><title>松溪县召开2024年春季农业生产工作推进会 - 松溪县人民政府</title></head><body>`+
						`<h1>松溪县召开2024年春季农业生产工作推进会</h1><div class="meta">发布时间：2024-05-01 09:30　来源：松溪县融媒体中心</div>`+
						`<div class="content"><p>4月30日，松溪县召开2024年春季农业生产工作推进会，总结一季度农业农村工作，部署春耕备耕各项任务。</p>`+
						`<p>会议要求，各乡镇要抓好粮食生产，落实好各项惠农政策，确保春耕生产有序推进。</p></div>`+
						`<div class="page">`+count+`<span>1</span> <a href="`+page2+`">2</a> <a href="`+page2+`">下一页</a></div></body></html>`)
				case page2:
					http.Redirect(w, r, "/news/", http.StatusFound)
				default:
					return false
				}
				return true
			}
			db := openTestStore(t)
			sum := crawlSites(t, db, fastTransport(0, nil), CrawlOptions{}, siteOf(srv))
			d, err := db.Document(srv.URL+page1, 0)
			if err != nil {
				t.Fatal(err)
			}
			if sum.Incomplete != 1 || len(d.Pages) != 2 || d.Pages[1].URL != srv.URL+page2 || d.Pages[1].Status != http.StatusFound || d.Complete {
				t.Errorf("%+v, pages %+v; want page 2 failed under its own URL with its 302", sum, d.Pages)
			}
			if got, err := db.Document(srv.URL+"/news/", 0); err == nil {
				t.Errorf("the column's URL leads to %s", got.URL)
			}
		})
	}
}

// TestBytesServedAsHTMLFail: a list's link that answers random bytes under
// text/html is a broken page, reported and counted failed; a PDF served as
// one is a file, stored raw, no failure.
func TestBytesServedAsHTMLFail(t *testing.T) {
	srv := crawltest.Serve(t, crawltest.Site{Articles: 1})
	srv.Hook = func(w http.ResponseWriter, r *http.Request) bool {
		switch r.URL.Path {
		case "/news/":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			io.WriteString(w, `<html><head><title>新闻动态</title></head><body><ul>`+
				`<li><a href="/news/2024/0501/7.html">松溪县召开2024年春季农业生产工作推进会</a></li>`+
				`<li><a href="/news/2024/0501/8.html">松溪县2023年政府信息公开工作年度报告全文</a></li></ul></body></html>`)
		case "/news/2024/0501/7.html":
			w.Header().Set("Content-Type", "text/html")
			w.Write(crawltest.RandomBytes(4096))
		case "/news/2024/0501/8.html":
			w.Header().Set("Content-Type", "application/pdf")
			io.WriteString(w, "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
		default:
			return false
		}
		return true
	}
	db := openTestStore(t)
	if sum := crawlSites(t, db, fastTransport(0, nil), CrawlOptions{}, siteOf(srv)); sum.Failed != 1 || sum.New != 0 {
		t.Errorf("%+v; want the random bytes failed, the PDF no failure", sum)
	}
}

// TestLinksOnLaterPagesAreFollowed: an article linked only from the
// 相关阅读 under page 2 of a two-page report is found, as it would be
// from page 1.
func TestLinksOnLaterPagesAreFollowed(t *testing.T) {
	frame := func(title, body string) string {
		return `<html><head><meta charset="utf-8"><title>` + title + `_本地新闻_清溪县新闻网</title></head><body>` +
			`<div class="nav"><a href="/news/">本地新闻</a></div>` + body + `<div class="footer">清溪县新闻网 版权所有</div></body></html>`
	}
	article := func(title, p1, p2, more string) string {
		return frame(title, `<div class="viewbox"><h2>`+title+`</h2><div class="info">时间:2024-06-11 09:30 来源:清溪县融媒体中心 作者:李明</div>`+
			`<div class="content"><p>`+p1+`</p><p>`+p2+`</p>`+more+`</div></div>`)
	}
	bar := func(cur int) string {
		if cur == 1 {
			return `<div class="dede_pages"><ul class="pagelist"><li class="thisclass"><a href="#">1</a></li><li><a href="11_2.html">2</a></li><li><a href="11_2.html">下一页</a></li></ul></div>`
		}
		return `<div class="dede_pages"><ul class="pagelist"><li><a href="11.html">1</a></li><li class="thisclass"><a href="#">2</a></li></ul></div>`
	}
	pages := map[string]string{
		"/news/": frame("本地新闻", `<ul><li><a href="/news/2024/0611/11.html">清溪县第二届龙舟邀请赛圆满落幕</a></li></ul>`),
		"/news/2024/0611/11.html": article("清溪县第二届龙舟邀请赛圆满落幕", "6月11日，清溪县第二届龙舟邀请赛在清溪河畔鸣锣开赛，来自周边县市的16支代表队同台竞技。",
			"比赛设200米直道竞速和500米环绕赛两个项目，吸引了两万余名群众沿河观赛。", bar(1)),
		"/news/2024/0611/11_2.html": article("清溪县第二届龙舟邀请赛圆满落幕", "经过激烈角逐，城关镇代表队获得200米直道竞速冠军，清溪河村代表队获得500米环绕赛冠军。",
			"县文旅局负责人表示，将把龙舟赛打造成清溪文旅融合发展的特色品牌。",
			`<p>相关阅读：<a href="/news/2024/0613/13.html">清溪县滨江公园今日起免费开放</a></p>`+bar(2)),
		"/news/2024/0613/13.html": article("清溪县滨江公园今日起免费开放", "从今天起，滨江公园全面免费向市民开放，开放时间为早6点至晚10点。",
			"公园内新建了3公里的健身步道和一个儿童游乐区，周末还将有露天音乐会。", ""),
	}
	srv := crawltest.Serve(t, crawltest.Site{Articles: 1})
	srv.Hook = func(w http.ResponseWriter, r *http.Request) bool {
		body, ok := pages[r.URL.Path]
		if ok {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			io.WriteString(w, body)
		}
		return ok
	}
	db := openTestStore(t)
	if sum := crawlSites(t, db, fastTransport(0, nil), CrawlOptions{}, Site{Name: "t", Seeds: []string{srv.URL + "/news/"}}); sum.New != 2 || sum.Failed != 0 {
		t.Errorf("%+v; want the report and the article its page 2 links, new", sum)
	}
	if _, err := db.Document(srv.URL+"/news/2024/0613/13.html", 0); err != nil {
		t.Errorf("the article linked from page 2: %v", err)
	}
}

// TestRedirectChainTooLongHidesNoHop: a link whose chain of redirects is
// too long fails; a link to one of its hops, ten redirects from the end,
// is still fetched and archives the article.
func TestRedirectChainTooLongHidesNoHop(t *testing.T) {
	srv := crawltest.Serve(t, crawltest.Site{Articles: 1})
	srv.Hook = func(w http.ResponseWriter, r *http.Request) bool {
		var n int
		_, err := fmt.Sscanf(r.URL.Path, "/r/%d.html", &n)
		switch {
		case r.URL.Path == "/news/":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			io.WriteString(w, `<html><head><title>新闻动态</title></head><body><ul>`+
				`<li><a href="/r/12.html">松溪县召开2024年春季农业生产工作推进会</a></li>`+
				`<li><a href="/r/9.html">松溪县召开2024年春季农业生产工作推进会（转载）</a></li></ul></body></html>`)
		case err == nil && n > 0:
			http.Redirect(w, r, fmt.Sprintf("/r/%d.html", n-1), http.StatusFound)
		case r.URL.Path == "/r/0.html":
			http.Redirect(w, r, crawltest.ArticlePath(1, 1), http.StatusFound)
		default:
			return false
		}
		return true
	}
	db := openTestStore(t)
	if sum := crawlSites(t, db, fastTransport(0, nil), CrawlOptions{}, siteOf(srv)); sum.Failed != 1 || sum.New != 1 {
		t.Errorf("%+v; want the 13-hop link failed, the 10-hop one's article archived", sum)
	}
}

// TestPortalMovedAndRenamedKeepsItsDocuments: a portal moves to another
// host and renames its column at once (old.host/news/… answers 301 to
// new.host/xinwen/…): the articles found on the new host's list are the
// stored ones, moved, not new documents.
func TestPortalMovedAndRenamedKeepsItsDocuments(t *testing.T) {
	srv := crawltest.Serve(t, crawltest.Site{Articles: 3, PagesPer: 1})
	proxy := renamedColumn(srv, false)
	renamed := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/xinwen/") {
			r.URL.Path = "/news/" + strings.TrimPrefix(r.URL.Path, "/xinwen/")
		}
		proxy.ServeHTTP(w, r)
	}))
	t.Cleanup(renamed.Close)
	var moved atomic.Bool
	old := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if moved.Load() {
			http.Redirect(w, r, renamed.URL+strings.Replace(r.URL.RequestURI(), "/news/", "/xinwen/", 1), http.StatusMovedPermanently)
			return
		}
		srv.Config.Handler.ServeHTTP(w, r)
	}))
	t.Cleanup(old.Close)
	db := openTestStore(t)
	site := Site{Name: "county", Seeds: []string{old.URL + "/news/"}}
	if sum := crawlSites(t, db, fastTransport(0, nil), CrawlOptions{}, site); sum.New != 3 {
		t.Fatalf("before the move: %+v, want 3 new", sum)
	}
	moved.Store(true)
	// Not due: the new host's list links them first.
	if sum := crawlSites(t, db, fastTransport(0, nil), CrawlOptions{Revisit: RevisitPolicy{Min: time.Hour}}, site); sum.New != 0 {
		t.Errorf("the night it moved: %+v, want no new document", sum)
	}
	n := 0
	db.Documents(store.DocumentFilter{}, func(d *store.Document) error {
		n++
		if !strings.HasPrefix(d.URL, renamed.URL+"/xinwen/") {
			t.Errorf("document %s: want its new address", d.URL)
		}
		return nil
	})
	if n != 3 {
		t.Errorf("%d documents, want the 3 articles once each", n)
	}
}

// TestColumnRenamedOldURLsGone: a column renamed without redirects (its
// old URLs answer 404): the articles met at their new URLs are copies of
// the stored ones, whose re-check finds them gone; each document moves to
// its new URL, counted gone, not failed.
func TestColumnRenamedOldURLsGone(t *testing.T) {
	srv := crawltest.Serve(t, crawltest.Site{Articles: 3, PagesPer: 1})
	proxy := renamedColumn(srv, false)
	var renamed atomic.Bool
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/":
			col := "/news/"
			if renamed.Load() {
				col = "/xinwen/"
			}
			io.WriteString(w, `<html><head><title>首页</title></head><body><a href="`+col+`">新闻动态栏目</a></body></html>`)
		case renamed.Load() && strings.HasPrefix(r.URL.Path, "/news/"):
			http.NotFound(w, r)
		case renamed.Load():
			r.URL.Path = strings.Replace(r.URL.Path, "/xinwen/", "/news/", 1)
			proxy.ServeHTTP(w, r)
		default:
			srv.Config.Handler.ServeHTTP(w, r)
		}
	}))
	t.Cleanup(front.Close)
	db := openTestStore(t)
	site := Site{Name: "county", Seeds: []string{front.URL + "/"}}
	if sum := crawlSites(t, db, fastTransport(0, nil), CrawlOptions{}, site); sum.New != 3 {
		t.Fatalf("before the rename: %+v, want 3 new", sum)
	}
	renamed.Store(true)
	if sum := crawlSites(t, db, fastTransport(0, nil), CrawlOptions{Revisit: RevisitPolicy{Min: time.Hour}}, site); sum.New != 0 || sum.Failed != 0 {
		t.Errorf("the night of the rename: %+v, want nothing new or failed", sum)
	}
	n := 0
	db.Documents(store.DocumentFilter{}, func(d *store.Document) error {
		n++
		if !strings.HasPrefix(d.URL, front.URL+"/xinwen/") {
			t.Errorf("document %s: want its new address", d.URL)
		}
		return nil
	})
	if n != 3 {
		t.Errorf("%d documents, want the 3 articles once each", n)
	}
}

// TestSeedMovedArticlesAreRechecked: on a later run, the stored articles
// of the host a seed moved to are re-checked when due, as those of the
// seeds' hosts are, even when no list page links them any more.
func TestSeedMovedArticlesAreRechecked(t *testing.T) {
	srv := crawltest.Serve(t, crawltest.Site{Articles: 3, PagesPer: 1})
	old := movedTo(t, srv.URL)
	db := openTestStore(t)
	site := Site{Name: "moved", Seeds: []string{old.URL + "/news/"}}
	if sum := crawlSites(t, db, fastTransport(0, nil), CrawlOptions{}, site); sum.New != 3 {
		t.Fatalf("first run %+v, want 3 new", sum)
	}
	var urls []string
	if err := db.Documents(store.DocumentFilter{}, func(d *store.Document) error {
		urls = append(urls, d.URL)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	srv.Update(crawltest.Site{Articles: 1, PagesPer: 1}) // the list links one article now
	srv.ResetLog()
	crawlSites(t, db, fastTransport(0, nil), CrawlOptions{Revisit: RevisitPolicy{Max: time.Nanosecond}}, site)
	for _, u := range urls {
		if n := srv.Count(strings.TrimPrefix(u, srv.URL)); n != 1 {
			t.Errorf("%s fetched %d times on the later run, want 1 (due for a re-check)", u, n)
		}
	}
}

// TestRepublishedArticlesAreAliases: an article a portal publishes under
// two columns is one document, the second URL its alias, and the next
// night does not fetch the copy again.
func TestRepublishedArticlesAreAliases(t *testing.T) {
	site := crawltest.Site{Articles: 4, PagesPer: 2, Republished: 2}
	srv := crawltest.Serve(t, site)
	db := openTestStore(t)
	sum := crawlSites(t, db, fastTransport(0, nil), CrawlOptions{}, siteOf(srv))
	if sum.New != 4 || sum.Republished != 2 || sum.Failed != 0 {
		t.Fatalf("crawl %+v; want 4 new, 2 republished", sum)
	}
	n := 0
	if err := db.Documents(store.DocumentFilter{}, func(*store.Document) error { n++; return nil }); err != nil {
		t.Fatal(err)
	}
	if n != 4 {
		t.Errorf("%d documents stored, want 4", n)
	}
	for _, id := range []int{4, 3} {
		orig, cp := srv.URL+crawltest.ArticlePath(id, 1), srv.URL+crawltest.CopyPath(id, 1)
		a, err := db.Document(orig, 0)
		if err != nil {
			t.Fatal(err)
		}
		b, err := db.Document(cp, 0)
		if err != nil {
			t.Fatal(err)
		}
		other := cp
		if a.URL == cp {
			other = orig // the copy was met first
		}
		if a.URL != b.URL || len(a.Pages) != 2 || !slices.Contains(a.Aliases, other) {
			t.Errorf("article %d: %s and %s, aliases %v; want one document of 2 pages, %s an alias",
				id, a.URL, b.URL, a.Aliases, other)
		}
	}

	nextNightFetchesNone(t, db, srv, "/zwgk/", "/news/2024/")

	// When due, a copy is re-checked as itself, not through the
	// document it was found to repeat: it may have come to differ.
	srv.ResetLog()
	if sum := crawlSites(t, db, fastTransport(0, nil), CrawlOptions{Revisit: RevisitPolicy{Max: time.Nanosecond}}, siteOf(srv)); sum.Failed != 0 {
		t.Fatalf("re-check %+v", sum)
	}
	for _, id := range []int{4, 3} {
		if n := srv.Count(crawltest.CopyPath(id, 1)); n != 1 {
			t.Errorf("copy of article %d fetched %d times on the re-check, want 1", id, n)
		}
	}
}

// nextNightFetchesNone crawls srv again as the next night's run would and
// fails for every request under one of the path prefixes.
func nextNightFetchesNone(t *testing.T, db *store.DB, srv *crawltest.Server, prefixes ...string) {
	t.Helper()
	srv.ResetLog()
	crawlSites(t, db, fastTransport(0, nil), CrawlOptions{Revisit: RevisitPolicy{Min: 20 * time.Hour}}, siteOf(srv))
	for _, r := range srv.Requests() {
		for _, p := range prefixes {
			if strings.HasPrefix(r.Path, p) {
				t.Errorf("next night fetched %s", r.Path)
			}
		}
	}
}

// TestRedirectingLinksAreAliases: a list's link to an article's old
// address (301 to it) is an alias of the article from the first run on,
// whichever of the two links the crawl meets first; the next night fetches
// neither.
func TestRedirectingLinksAreAliases(t *testing.T) {
	srv := crawltest.Serve(t, crawltest.Site{Articles: 3, PagesPer: 1, Redirected: 2})
	db := openTestStore(t)
	sum := crawlSites(t, db, fastTransport(0, nil), CrawlOptions{}, siteOf(srv))
	if sum.New != 3 || sum.Failed != 0 {
		t.Fatalf("crawl %+v; want 3 new", sum)
	}
	for _, id := range []int{3, 2} {
		old := srv.URL + "/r/" + strconv.Itoa(id) + ".html"
		d, err := db.Document(old, 0)
		if err != nil || d.URL != srv.URL+crawltest.ArticlePath(id, 1) || !slices.Contains(d.Aliases, old) {
			t.Errorf("document by the old address %s: %v, %v", old, d, err)
		}
	}
	nextNightFetchesNone(t, db, srv, "/r/", "/news/2024/")

	// When the articles are due, each is re-checked once, at its own
	// URL and conditionally; the old address is not fetched.
	srv.ResetLog()
	crawlSites(t, db, fastTransport(0, nil), CrawlOptions{Revisit: RevisitPolicy{Max: time.Nanosecond}}, siteOf(srv))
	for _, r := range srv.Requests() {
		if strings.HasPrefix(r.Path, "/r/") || (strings.HasPrefix(r.Path, "/news/2024/") && r.Status != http.StatusNotModified) {
			t.Errorf("re-check fetched %s (%d); want each article once, answered 304", r.Path, r.Status)
		}
	}
}

// TestAttachmentsAreRevalidated: a re-check revalidates an article's
// attachments as it does its pages: the PDF answers 304, the document keeps
// it, and no version is added.
func TestAttachmentsAreRevalidated(t *testing.T) {
	srv := crawltest.Serve(t, crawltest.Site{Articles: 2, PagesPer: 2, Attachments: true})
	db := openTestStore(t)
	opts := CrawlOptions{Attachments: true}
	if sum := crawlSites(t, db, fastTransport(0, nil), opts, siteOf(srv)); sum.New != 2 || sum.Failed != 0 {
		t.Fatalf("first run %+v", sum)
	}
	srv.ResetLog()
	opts.Revisit = RevisitPolicy{Max: time.Nanosecond}
	if sum := crawlSites(t, db, fastTransport(0, nil), opts, siteOf(srv)); sum.Unchanged != 2 || sum.Failed != 0 || sum.Incomplete != 0 {
		t.Fatalf("re-check %+v; want 2 unchanged", sum)
	}
	for _, id := range []int{1, 2} {
		var asked, conditional int
		for _, r := range srv.Requests() {
			if r.Path == crawltest.AttachmentPath(id) {
				asked++
				if r.IfNoneMatch != "" && r.Status == http.StatusNotModified {
					conditional++
				}
			}
		}
		if asked != 1 || conditional != 1 {
			t.Errorf("attachment of article %d: %d requests, %d answered 304; want one, revalidated", id, asked, conditional)
		}
		d, err := db.Document(srv.URL+crawltest.ArticlePath(id, 1), 0)
		if err != nil || len(d.Attachments) != 1 || d.Attachments[0].Status != 200 || d.Version != 1 {
			t.Errorf("article %d after the re-check: %+v, %v", id, d, err)
		}
	}
}

// lostPayloads is a store whose payloads cannot be read (a damaged file).
type lostPayloads struct{ *store.DB }

func (lostPayloads) Payload(digest string) ([]byte, error) {
	return nil, errors.New("payload " + digest + ": store: damaged record")
}

// TestLostPayloadIsFetchedAgain: a 304 confirms a stored copy the store
// can no longer read; the page is fetched whole again, not failed on every
// run.
func TestLostPayloadIsFetchedAgain(t *testing.T) {
	srv := crawltest.Serve(t, crawltest.Site{Articles: 2, PagesPer: 2})
	db := openTestStore(t)
	if sum := crawlSites(t, db, fastTransport(0, nil), CrawlOptions{}, siteOf(srv)); sum.New != 2 {
		t.Fatalf("first run %+v", sum)
	}
	opts := CrawlOptions{Revisit: RevisitPolicy{Max: time.Nanosecond}}
	if sum := crawlSites(t, lostPayloads{db}, fastTransport(0, nil), opts, siteOf(srv)); sum.Failed != 0 || sum.Unchanged != 2 {
		t.Errorf("re-check with unreadable stored payloads: %+v; want 2 unchanged, none failed", sum)
	}
}

// TestTextSitemapCap: a text sitemap past the protocol's 50,000 URLs is
// read up to them, as an XML one is.
func TestTextSitemapCap(t *testing.T) {
	var b strings.Builder
	for i := range maxSitemapURLs + 10 {
		fmt.Fprintf(&b, "http://a.test/%d.html\n", i)
	}
	if urls, _ := parseSitemap([]byte(b.String())); len(urls) != maxSitemapURLs {
		t.Errorf("%d URLs read, want %d", len(urls), maxSitemapURLs)
	}
}

// TestRunKeepsItsSummaryAsItGoes: a run stores its summary every few
// seconds, so that one killed outright is resumed with its counts.
func TestRunKeepsItsSummaryAsItGoes(t *testing.T) {
	const statsEvery = 10 * time.Millisecond
	srv := crawltest.Serve(t, crawltest.Site{Articles: 8, PerList: 8})
	db := openTestStore(t)
	var midway store.CrawlRun
	var once sync.Once
	srv.Hook = func(w http.ResponseWriter, r *http.Request) bool {
		if strings.HasSuffix(r.URL.Path, "/1.html") { // the list's last article: the others are stored
			once.Do(func() {
				time.Sleep(5 * statsEvery)
				if runs, err := db.CrawlRuns(); err == nil && len(runs) == 1 {
					midway = runs[0]
				}
			})
		}
		return false
	}
	crawlSites(t, db, fastTransport(0, nil), CrawlOptions{statsEvery: statsEvery}, siteOf(srv))
	var sum Summary
	if err := json.Unmarshal(midway.Stats, &sum); err != nil || sum.New == 0 || !midway.Finished.IsZero() {
		t.Errorf("the run as stored midway: %+v (%v), summary %+v; want its counts so far", midway, err, sum)
	}
}

// TestTwoHopRedirectLoopFails: a seed that redirects to a page that
// redirects back is a failure, not a page read already.
func TestTwoHopRedirectLoopFails(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/a":
			http.Redirect(w, r, "/b", http.StatusFound)
		case "/b":
			http.Redirect(w, r, "/a", http.StatusFound)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	sum := crawlSites(t, openTestStore(t), fastTransport(0, nil), CrawlOptions{}, Site{Seeds: []string{srv.URL + "/a"}})
	if sum.Failed != 1 {
		t.Errorf("crawl of a redirect loop: %+v; want it failed", sum)
	}
}

// TestBacklogDrainsOverRuns: a column larger than --max-docs is archived
// over the next runs, each archiving new articles — not re-fetching those
// the run before archived (their entries left from the first run are done
// with), nor losing the older list pages its chain no longer reaches.
func TestBacklogDrainsOverRuns(t *testing.T) {
	srv := crawltest.Serve(t, crawltest.Site{Articles: 30, PerList: 10})
	db := openTestStore(t)
	site := siteOf(srv)
	site.MaxDocs = 10
	total := 0
	for run := 1; run <= 4; run++ {
		sum := crawlSites(t, db, fastTransport(0, nil), CrawlOptions{Revisit: RevisitPolicy{Min: 20 * time.Hour}}, site)
		total += sum.New
		if want := map[int]int{1: 10, 2: 10, 3: 10, 4: 0}[run]; sum.New != want || sum.Unchanged != 0 {
			t.Errorf("run %d: %+v; want %d new and no re-fetch of what is not due", run, sum, want)
		}
	}
	if total != 30 {
		t.Errorf("%d archived, want the column's 30", total)
	}
}

// TestMaxDocsIsNotOvershot: articles read at once on several hosts (or
// several at once on one host) do not all get stored past --max-docs: an
// article takes its slot before it is archived. The parser holds each
// article page until the others have been read too, so that they are
// all in flight when the first could finish.
func TestMaxDocsIsNotOvershot(t *testing.T) {
	for _, tt := range []struct {
		name    string
		hosts   int
		perHost int
		runMax  int // CrawlOptions.MaxDocs
		siteMax int // Site.MaxDocs
		want    int
	}{
		{name: "run limit, two hosts", hosts: 2, perHost: 1, runMax: 1, want: 1},
		{name: "site limit, two tasks a host", hosts: 1, perHost: 2, siteMax: 1, want: 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var sites []Site
			for i := range tt.hosts {
				srv := crawltest.Serve(t, crawltest.Site{Articles: 2, Salt: i})
				s := siteOf(srv)
				s.MaxDocs = tt.siteMax
				sites = append(sites, s)
			}
			inFlight := tt.hosts * tt.perHost
			var mu sync.Mutex
			arrived := 0
			all := make(chan struct{})
			c := NewCrawler(openTestStore(t), fastTransport(0, nil), CrawlOptions{Sites: sites, MaxDocs: tt.runMax, PerHost: tt.perHost, Parallel: tt.hosts})
			c.parser = func(raw []byte, contentType, pageURL string, opts *extract.Options) (*extract.Page, error) {
				p, err := extract.Parse(raw, contentType, pageURL, opts)
				if err == nil && p.Kind == extract.KindArticle {
					mu.Lock()
					if arrived++; arrived == inFlight {
						close(all)
					}
					mu.Unlock()
					select {
					case <-all:
					case <-time.After(2 * time.Second): // fewer in flight: go on
					}
				}
				return p, err
			}
			sum, err := c.Run(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			if sum.New != tt.want {
				t.Errorf("%d new, want %d (the limit): %+v", sum.New, tt.want, sum)
			}
		})
	}
}

// TestSeedWithDefaultPortRechecksItsArticles: a seed written with its
// default port (http://host:80/) names the same host as the documents'
// canonical URLs, which drop it: the stored articles are re-checked when
// due.
func TestSeedWithDefaultPortRechecksItsArticles(t *testing.T) {
	srv := crawltest.Serve(t, crawltest.Site{Articles: 3, PagesPer: 1})
	db := openTestStore(t)
	// The loopback server is not on port 80: a store whose documents
	// were archived from the seed's host without a port is what the
	// seed with ":80" stands for, so the test names the server's own
	// host with a trailing dot, which the host key drops as it drops
	// a default port.
	host := strings.TrimPrefix(srv.URL, "http://")
	name, port, _ := strings.Cut(host, ":")
	site := Site{Name: "dot", Seeds: []string{"http://" + name + ".:" + port + "/news/"}}
	if sum := crawlSites(t, db, fastTransport(0, nil), CrawlOptions{}, Site{Name: "plain", Seeds: []string{srv.URL + "/news/"}}); sum.New != 3 {
		t.Fatalf("first run %+v, want 3 new", sum)
	}
	srv.Update(crawltest.Site{Articles: 1, PagesPer: 1}) // the list links one article now
	srv.ResetLog()
	crawlSites(t, db, fastTransport(0, nil), CrawlOptions{Revisit: RevisitPolicy{Max: time.Nanosecond}}, site)
	for id := 1; id <= 3; id++ {
		if n := srv.Count(crawltest.ArticlePath(id, 1)); n != 1 {
			t.Errorf("article %d fetched %d times on the later run, want 1 (due for a re-check)", id, n)
		}
	}
}

// TestRecheckOfATaggedLinkIsConditional: a list links its articles with a
// tracking query (501.html?from=index); the copy stored is that URL's, the
// document 501.html's. Its re-check still sends the stored copy's
// validators, and the server's 304 is an unchanged re-fetch.
func TestRecheckOfATaggedLinkIsConditional(t *testing.T) {
	site := crawltest.Site{Articles: 3, PagesPer: 1, LinkQuery: "?from=index"}
	srv := crawltest.Serve(t, site)
	db := openTestStore(t)
	if sum := crawlSites(t, db, fastTransport(0, nil), CrawlOptions{}, siteOf(srv)); sum.New != 3 {
		t.Fatalf("first run %+v, want 3 new", sum)
	}
	srv.ResetLog()
	sum := crawlSites(t, db, fastTransport(0, nil), CrawlOptions{Revisit: RevisitPolicy{Max: time.Nanosecond}}, siteOf(srv))
	if sum.Unchanged != 3 || sum.NotModified != 4 {
		t.Errorf("second run %+v, want 3 unchanged, and 4 answers 304 (the list's and the articles')", sum)
	}
	for _, r := range srv.Requests() {
		if strings.HasPrefix(r.Path, "/news/2024/") && (r.Status != http.StatusNotModified || r.IfNoneMatch == "") {
			t.Errorf("re-check of %s: status %d, If-None-Match %q; want a conditional request answered 304", r.Path, r.Status, r.IfNoneMatch)
		}
	}
}

// TestRedirectsOutOfScopeAreNotFollowed: a link of the site that redirects
// to another host (an in-site /go.php?url=…), and an attachment that does,
// are not followed: the other host is never asked, not even for its
// robots.txt; neither is a failure. A seed that moves to another host is
// followed, its new host the site's.
func TestRedirectsOutOfScopeAreNotFollowed(t *testing.T) {
	other := crawltest.Serve(t, crawltest.Site{Articles: 2})
	site := crawltest.Serve(t, crawltest.Site{Articles: 4, Redirected: 1, Attachments: true})
	site.Hook = func(w http.ResponseWriter, r *http.Request) bool {
		if strings.HasPrefix(r.URL.Path, "/r/") || r.URL.Path == "/upload/3.pdf" {
			http.Redirect(w, r, other.URL+crawltest.ArticlePath(1, 1), http.StatusFound)
			return true
		}
		return false
	}
	db := openTestStore(t)
	sum := crawlSites(t, db, fastTransport(0, nil), CrawlOptions{Attachments: true}, siteOf(site))
	if n := len(other.Requests()); n != 0 {
		t.Errorf("the other host was asked %d times: %v", n, other.Requests())
	}
	if sum.New != 4 || sum.Failed != 0 || sum.Incomplete != 0 || sum.OutOfScope == 0 {
		t.Errorf("summary %+v; want 4 new, none failed or incomplete, the redirect out of scope counted", sum)
	}

	// A seed that moves is followed.
	moved := crawltest.Serve(t, crawltest.Site{Articles: 2})
	old := httptest.NewServer(http.RedirectHandler(moved.URL+"/news/", http.StatusMovedPermanently))
	t.Cleanup(old.Close)
	sum = crawlSites(t, openTestStore(t), fastTransport(0, nil), CrawlOptions{}, Site{Name: "moved", Seeds: []string{old.URL + "/news/"}})
	if sum.New != 2 {
		t.Errorf("a seed that moved: %+v, want its 2 articles", sum)
	}
}

// TestListChainsEndWhenTheyBringNothing: a message board whose 下一页
// never ends and a calendar whose ‹ › step months for ever are read while
// their pages bring links the run had not met, and no further.
func TestListChainsEndWhenTheyBringNothing(t *testing.T) {
	srv := crawltest.Serve(t, crawltest.Site{Articles: 6, PerList: 6})
	srv.Hook = func(w http.ResponseWriter, r *http.Request) bool {
		var b strings.Builder
		b.WriteString(`<html><head><meta charset="utf-8"><title>互动</title></head><body><div class="nav"><a href="/news/">新闻</a></div><ul>`)
		switch r.URL.Path {
		case "/hudong/list.jsp":
			p, _ := strconv.Atoi(r.URL.Query().Get("p"))
			if p <= 2 { // three articles a page on pages 1 and 2, then 暂无数据
				for id := 3*p - 2; id <= 3*p; id++ {
					fmt.Fprintf(&b, `<li><a href="%s">留言 %d</a></li>`, crawltest.ArticlePath(id, 1), id)
				}
			} else {
				b.WriteString("<li>暂无数据</li>")
			}
			fmt.Fprintf(&b, `</ul><div class="page"><a href="list.jsp?p=%d">下一页</a></div>`, p+1)
		case "/hdrl/index.jsp":
			m, _ := time.Parse("2006-01", r.URL.Query().Get("month"))
			fmt.Fprintf(&b, `</ul><a href="index.jsp?month=%s">‹</a> <a href="index.jsp?month=%s">›</a>`,
				m.AddDate(0, -1, 0).Format("2006-01"), m.AddDate(0, 1, 0).Format("2006-01"))
		default:
			return false
		}
		b.WriteString("</body></html>")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, b.String())
		return true
	}
	site := Site{Name: "board", Seeds: []string{srv.URL + "/hudong/list.jsp?p=1", srv.URL + "/hdrl/index.jsp?month=2024-06"}}
	sum := crawlSites(t, openTestStore(t), fastTransport(0, nil), CrawlOptions{}, site)
	board, calendar := 0, 0
	for _, r := range srv.Requests() {
		switch {
		case strings.HasPrefix(r.Path, "/hudong/list.jsp"):
			board++
		case strings.HasPrefix(r.Path, "/hdrl/index.jsp"):
			calendar++
		}
	}
	// Pages 1 and 2 bring articles, page 3 is empty: read, and the end.
	if board != 3 {
		t.Errorf("the board's list read %d times, want 3 (two pages of articles, then the empty one)", board)
	}
	// June and the months either side, which bring nothing new.
	if calendar != 3 {
		t.Errorf("the calendar read %d times, want 3", calendar)
	}
	if sum.New != 6 || sum.Failed != 0 {
		t.Errorf("summary %+v, want the 6 articles", sum)
	}
}

// TestListPageOneByNumberIsNotFetchedAgain: a column read at index.html
// whose bar links page 1 as index.html?page=1 does not read it again.
func TestListPageOneByNumberIsNotFetchedAgain(t *testing.T) {
	srv := crawltest.Serve(t, crawltest.Site{Articles: 4, PerList: 4})
	srv.Hook = func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path != "/col/index.html" {
			return false
		}
		p := max(1, atoi(r.URL.Query().Get("page")))
		var b strings.Builder
		b.WriteString(`<html><head><meta charset="utf-8"><title>政务动态</title></head><body><ul>`)
		for id := 2*p - 1; id <= 2*p; id++ {
			fmt.Fprintf(&b, `<li><a href="%s">动态 %d</a></li>`, crawltest.ArticlePath(id, 1), id)
		}
		b.WriteString(`</ul><div class="page"><a href="index.html?page=1">首页</a> <a href="index.html?page=1">1</a> <a href="index.html?page=2">2</a></div></body></html>`)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, b.String())
		return true
	}
	sum := crawlSites(t, openTestStore(t), fastTransport(0, nil), CrawlOptions{}, Site{Name: "col", Seeds: []string{srv.URL + "/col/index.html"}, Depth: 1})
	if n := srv.Count("/col/index.html?page=1"); n != 0 {
		t.Errorf("page 1 read again as ?page=1 %d times", n)
	}
	if n := srv.Count("/col/index.html?page=2"); n != 1 || sum.New != 4 {
		t.Errorf("page 2 read %d times, %d new; want once, the 4 articles", n, sum.New)
	}
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

// TestSitemapLastmodAfterAListLink: an article the column links, not due
// for a re-check, is re-checked when the sitemap read after the column
// says it changed since its last fetch.
func TestSitemapLastmodAfterAListLink(t *testing.T) {
	srv := crawltest.Serve(t, crawltest.Site{Articles: 3, PerList: 3, Sitemap: true})
	db := openTestStore(t)
	opts := CrawlOptions{Revisit: RevisitPolicy{Min: time.Hour}}
	crawlSites(t, db, fastTransport(0, nil), opts, siteOf(srv))
	changed := time.Now().Add(time.Minute).UTC().Format(time.RFC3339)
	srv.Hook = func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path != "/sitemap.xml" {
			return false
		}
		w.Header().Set("Content-Type", "application/xml")
		fmt.Fprintf(w, `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>%s%s</loc><lastmod>%s</lastmod></url></urlset>`,
			srv.URL, crawltest.ArticlePath(1, 1), changed)
		return true
	}
	before := srv.Count(crawltest.ArticlePath(1, 1))
	crawlSites(t, db, fastTransport(0, nil), opts, siteOf(srv))
	if n := srv.Count(crawltest.ArticlePath(1, 1)) - before; n != 1 {
		t.Errorf("the article the sitemap says changed was fetched %d times on the second run, want 1", n)
	}
}

// TestBoardWithRotatingSidebarEnds: a message board whose empty pages
// past its end each carry other stories of the site (a random 热点推荐) is
// read a few pages past its end, not for ever.
func TestBoardWithRotatingSidebarEnds(t *testing.T) {
	srv := crawltest.Serve(t, crawltest.Site{Articles: 8, PerList: 8})
	srv.Hook = func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path != "/hudong/list.jsp" {
			return false
		}
		p := max(1, atoi(r.URL.Query().Get("p")))
		var b strings.Builder
		b.WriteString(`<html><head><meta charset="utf-8"><title>留言板</title></head><body><div class="nav"><a href="/news/">新闻</a></div><ul>`)
		if p == 1 {
			fmt.Fprintf(&b, `<li><a href="%s">留言 1</a></li>`, crawltest.ArticlePath(1, 1))
		} else {
			b.WriteString("<li>暂无数据</li>")
		}
		b.WriteString(`</ul><div class="side"><h3>热点推荐</h3><ul>`)
		for _, id := range []int{2 + p%6, 2 + (p+3)%6} { // a different pair on each page
			fmt.Fprintf(&b, `<li><a href="%s">热点 %d</a></li>`, crawltest.ArticlePath(id, 1), id)
		}
		fmt.Fprintf(&b, `</ul></div><div class="page"><a href="list.jsp?p=%d">下一页</a></div></body></html>`, p+1)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, b.String())
		return true
	}
	site := Site{Name: "board", Seeds: []string{srv.URL + "/news/", srv.URL + "/hudong/list.jsp"}}
	sum := crawlSites(t, openTestStore(t), fastTransport(0, nil), CrawlOptions{}, site)
	board := 0
	for _, r := range srv.Requests() {
		if strings.HasPrefix(r.Path, "/hudong/list.jsp") {
			board++
		}
	}
	// Its 热点 pair rotates through six stories: pages 1 to 3 show them
	// all, then three pages bring nothing the board had not shown.
	if board > 3+maxStaleListPages || sum.New != 8 {
		t.Errorf("the board read %d times (want at most %d), %d new (want 8)", board, 3+maxStaleListPages, sum.New)
	}
}

// TestForumListNumbersAreNoPageBar: a forum's list links each thread by a
// number too (its replies: 12, or 1 as a page bar's 1 reads; its pages:
// 2 3), which is no page bar of the list: threads are archived as threads,
// under their own URLs, and neither their 只看该作者 filters, nor members'
// spaces, nor the thread's own script address ([复制链接]), nor its page 2
// by script (the list's 2, fetched already as thread-5-2-1.html) are
// fetched.
func TestForumListNumbersAreNoPageBar(t *testing.T) {
	post := func(who, text string) string {
		return `<table id="pid1"><tr><td class="pls"><div class="authi"><a href="home.php?mod=space&uid=7">` + who + `</a></div></td>` +
			`<td class="plc"><span class="xg1"><a href="forum.php?mod=viewthread&tid=5" onclick="return copyThreadUrl(this)">[复制链接]</a></span>` +
			`<div class="authi"><em>发表于 2024-5-16 10:03</em> <a href="forum.php?mod=viewthread&tid=5&page=1&authorid=7">只看该作者</a></div>` +
			`<td class="t_f">` + text + `</td></td></tr></table>`
	}
	pages := map[string]string{
		"/forum-2-1.html": `<html><head><meta charset="utf-8"><title>松溪论坛</title></head><body><table>` +
			`<tr><th><a href="thread-5-1-1.html">松溪这些年变化真大，老照片对比</a> <span class="tps"><a href="forum.php?mod=viewthread&amp;tid=5&amp;page=2">2</a></span></th><td class="num"><a href="thread-5-1-1.html">12</a></td></tr>` +
			`<tr><th><a href="thread-6-1-1.html">求推荐县城好吃的拌面店</a></th><td class="num"><a href="thread-6-1-1.html">1</a></td></tr></table></body></html>`,
		"/thread-5-1-1.html": `<html><head><meta charset="utf-8"><title>松溪这些年变化真大，老照片对比 - 松溪论坛</title></head><body><h1>松溪这些年变化真大，老照片对比</h1>` +
			post("青川老李", "九十年代的老街和现在的新街对比一下，变化真的太大了，大家也来晒晒自家的老照片吧。") +
			`<div class="pg"><strong>1</strong><a href="thread-5-2-1.html">2</a><a href="thread-5-2-1.html" class="nxt">下一页</a></div></body></html>`,
		"/thread-5-2-1.html": `<html><head><meta charset="utf-8"><title>松溪这些年变化真大，老照片对比 - 第2页 - 松溪论坛</title></head><body><h1>松溪这些年变化真大，老照片对比</h1>` +
			post("青川老李", "再补充几张火车站的照片，当年的候车室只有两排长椅，现在已经是新的站房了。") +
			`<div class="pg"><a href="thread-5-1-1.html">1</a><strong>2</strong></div></body></html>`,
		"/thread-6-1-1.html": `<html><head><meta charset="utf-8"><title>求推荐县城好吃的拌面店 - 松溪论坛</title></head><body><h1>求推荐县城好吃的拌面店</h1>` +
			post("吃货小王", "刚搬到县城，想找几家地道的拌面店，最好是老字号，大家有什么推荐的吗？") + `</body></html>`,
	}
	srv := crawltest.Serve(t, crawltest.Site{Articles: 1})
	srv.Hook = func(w http.ResponseWriter, r *http.Request) bool {
		body, ok := pages[r.URL.Path]
		if !ok || r.URL.RawQuery != "" {
			return false
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, body)
		return true
	}
	db := openTestStore(t)
	sum := crawlSites(t, db, fastTransport(0, nil), CrawlOptions{}, Site{Name: "bbs", Seeds: []string{srv.URL + "/forum-2-1.html"}})
	var urls []string
	db.Documents(store.DocumentFilter{}, func(d *store.Document) error {
		urls = append(urls, strings.TrimPrefix(d.URL, srv.URL))
		return nil
	})
	slices.Sort(urls)
	if !slices.Equal(urls, []string{"/thread-5-1-1.html", "/thread-6-1-1.html"}) || sum.New != 2 {
		t.Errorf("documents %v (summary %+v); want the two threads", urls, sum)
	}
	for _, r := range srv.Requests() {
		if strings.Contains(r.Path, "mod=viewthread") || strings.Contains(r.Path, "mod=space") {
			t.Errorf("fetched %s", r.Path)
		}
	}
	// The thread's script address, never fetched, leads to it all the same.
	if d, err := db.Document(srv.URL+"/forum.php?mod=viewthread&tid=5", 0); err != nil || d.URL != srv.URL+"/thread-5-1-1.html" {
		t.Errorf("the thread by its script address: %v, %v", d, err)
	}
}

// TestSeedPageTwoGone: a seed's page bar that links a page 2 that is gone
// fails the run that meets it first, and is then counted gone.
func TestSeedPageTwoGone(t *testing.T) {
	srv := crawltest.Serve(t, crawltest.Site{Articles: 2})
	items := 2 // the column's articles, a new one on the second night
	srv.Hook = func(w http.ResponseWriter, r *http.Request) bool {
		switch r.URL.Path {
		case "/col/index.html":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			io.WriteString(w, `<html><head><meta charset="utf-8"><title>动态</title></head><body><ul>`)
			for id := 1; id <= min(items, 2); id++ {
				fmt.Fprintf(w, `<li><a href="%s">动态 %d</a></li>`, crawltest.ArticlePath(id, 1), id)
			}
			if items > 2 {
				io.WriteString(w, `<li><a href="/col/2024/new.html">新动态</a></li>`)
			}
			io.WriteString(w, `</ul><div class="page"><span>1</span> <a href="index_2.html">2</a> <a href="index_2.html">下一页</a></div></body></html>`)
			return true
		case "/col/index_2.html":
			http.NotFound(w, r)
			return true
		case "/col/2024/new.html":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			io.WriteString(w, `<html><head><meta charset="utf-8"><title>新动态</title></head><body><h1>新动态</h1><div class="content">`+
				`<p>县政府召开常务会议，研究部署下一阶段重点工作，要求各部门抓好落实，确保各项任务按时完成。</p>`+
				`<p>会议还听取了有关部门关于安全生产工作的汇报，并对做好汛期防范工作提出明确要求。</p></div></body></html>`)
			return true
		}
		return false
	}
	db := openTestStore(t)
	site := Site{Name: "col", Seeds: []string{srv.URL + "/col/index.html"}}
	first := crawlSites(t, db, fastTransport(0, nil), CrawlOptions{}, site)
	items = 3 // something new on page 1: its bar is followed again
	second := crawlSites(t, db, fastTransport(0, nil), CrawlOptions{}, site)
	if first.Failed != 1 || second.Failed != 0 || second.Gone != 1 {
		t.Errorf("failed %d then %d, gone %d on the second run; want 1, then 0 and gone 1", first.Failed, second.Failed, second.Gone)
	}
}

// TestFeedSeed: a site's RSS or Atom feed given as a seed is read as a
// sitemap: its items' links are the site's articles.
func TestFeedSeed(t *testing.T) {
	rss := `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>县融媒体</title><link>http://a.test/</link>` +
		`<item><title>甲</title><link>http://a.test/2024/05/13/a/</link><pubDate>Mon, 13 May 2024 08:30:00 +0800</pubDate></item>` +
		`<item><title>乙</title><link>http://a.test/?p=102</link></item></channel></rss>`
	atom := `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>县融媒体</title><link href="http://a.test/"/>` +
		`<entry><title>甲</title><link rel="alternate" href="http://a.test/2024/05/13/a/"/><link rel="replies" href="http://a.test/2024/05/13/a/#comments"/><updated>2024-05-13T08:30:00+08:00</updated></entry></feed>`
	for name, tc := range map[string]struct {
		body string
		want []string
	}{"rss": {rss, []string{"http://a.test/2024/05/13/a/", "http://a.test/?p=102"}}, "atom": {atom, []string{"http://a.test/2024/05/13/a/"}}} {
		urls, _ := parseSitemap([]byte(tc.body))
		var got []string
		for _, e := range urls {
			got = append(got, e.Loc)
		}
		if !slices.Equal(got, tc.want) || urls[0].Lastmod.IsZero() {
			t.Errorf("%s: %v (lastmod %v), want %v with the first's date", name, got, urls[0].Lastmod, tc.want)
		}
	}
	for u, want := range map[string]bool{"http://a.test/feed/": true, "http://a.test/?feed=rss2": true, "http://a.test/news/rss.xml": true,
		"http://a.test/news/": false, "http://a.test/feedback/": false} {
		if feedURL.MatchString(u) != want {
			t.Errorf("feedURL(%s) = %v", u, !want)
		}
	}
	// In a crawl.
	srv := crawltest.Serve(t, crawltest.Site{Articles: 2})
	srv.Hook = func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path != "/feed/" {
			return false
		}
		w.Header().Set("Content-Type", "application/rss+xml; charset=UTF-8")
		fmt.Fprintf(w, `<rss version="2.0"><channel><item><link>%s%s</link></item><item><link>%s%s</link></item></channel></rss>`,
			srv.URL, crawltest.ArticlePath(1, 1), srv.URL, crawltest.ArticlePath(2, 1))
		return true
	}
	sum := crawlSites(t, openTestStore(t), fastTransport(0, nil), CrawlOptions{}, Site{Name: "wp", Seeds: []string{srv.URL + "/feed/"}})
	if sum.New != 2 || sum.Failed != 0 {
		t.Errorf("a feed seed: %+v, want its 2 articles, no failure", sum)
	}
}

// TestNumbersPage: a number link is a list's page when its address ends
// with the number.
func TestNumbersPage(t *testing.T) {
	for _, tc := range []struct {
		text, url string
		want      bool
	}{
		{"2", "http://a.test/news/2.html", true},
		{"[3]", "http://a.test/list.asp?page=3", true},
		{"2", "http://a.test/thread-5-2-1.html", false},
		{"12", "http://a.test/thread-5-1-1.html", false},
		{"2", "http://a.test/news/2024/0512/1.html", false},
	} {
		if got := numbersPage(extract.Link{URL: tc.url, Text: tc.text}); got != tc.want {
			t.Errorf("%s → %s: %v, want %v", tc.text, tc.url, got, tc.want)
		}
	}
}

func TestThreadPage(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"http://a.test/bbs/forum.php?mod=viewthread&tid=92", "http://a.test/bbs/thread-92-1-1.html"},
		{"http://a.test/forum.php?mod=viewthread&tid=92&extra=page%3D1&page=2", "http://a.test/thread-92-2-1.html"},
		{"http://a.test/forum.php?mod=viewthread&tid=92&authorid=7", ""}, // one author's posts
		{"http://a.test/forum.php?mod=forumdisplay&fid=2", ""},
		{"http://a.test/forum.php?mod=viewthread&tid=x", ""},
		{"http://a.test/thread-92-1-1.html", ""},
	} {
		if got := threadPage(tc.in); got != tc.want {
			t.Errorf("threadPage(%s) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
