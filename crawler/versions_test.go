package crawler

import (
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"folio/crawler/crawltest"
	"folio/store"
)

// archiveThrice archives u three times: all well, then with fail set,
// then all well again, and returns the three results and the history.
func archiveThrice(t *testing.T, a *Archiver, db *store.DB, u string, fail *atomic.Bool) ([3]*Result, *store.History) {
	t.Helper()
	var res [3]*Result
	for i := range res {
		fail.Store(i == 1)
		res[i] = a.Archive(t.Context(), u)
		if res[i].Doc == nil {
			t.Fatalf("archive %d: no document: %v", i+1, res[i].Err)
		}
		if (res[i].Err != nil) != (i == 1) {
			t.Fatalf("archive %d: err %v", i+1, res[i].Err)
		}
	}
	h, err := db.History(u)
	if err != nil {
		t.Fatal(err)
	}
	return res, h
}

// checkOneVersion: the failed fetch left the history alone, and the
// recovery counted as an unchanged re-fetch of version 1.
func checkOneVersion(t *testing.T, res [3]*Result, h *store.History, db *store.DB) {
	t.Helper()
	if len(h.Versions) != 1 || h.Versions[0].UnchangedRefetches != 1 {
		t.Errorf("history %+v, want one version re-fetched once unchanged", h.Versions)
	}
	if s := res[1].Save; !s.NotRecorded || s.Changed || s.Version != 1 {
		t.Errorf("failed re-fetch: %+v, want version 1 kept", s)
	}
	if s := res[2].Save; s.NotRecorded || s.Changed || s.Version != 1 {
		t.Errorf("recovery: %+v, want an unchanged re-fetch of version 1", s)
	}
	if !h.Versions[0].LastSeen.Equal(res[2].Doc.Fetched) {
		t.Errorf("last_seen %s, want the recovery's %s", h.Versions[0].LastSeen, res[2].Doc.Fetched)
	}
	doc, err := db.Document(h.URL, 0)
	if err != nil || !doc.Complete || doc.Version != 1 {
		t.Errorf("show serves %+v (%v), want complete version 1", doc, err)
	}
}

// notFoundWhile makes srv answer 404 for path while the returned switch
// is on.
func notFoundWhile(srv *crawltest.Server, path string) *atomic.Bool {
	var on atomic.Bool
	srv.Hook = func(w http.ResponseWriter, r *http.Request) bool {
		if on.Load() && r.URL.Path == path {
			http.NotFound(w, r)
			return true
		}
		return false
	}
	return &on
}

// TestPageFailureMakesNoVersion: archive (4 pages) → v1; page 3 fails →
// no version; page 3 back → still v1, re-fetched unchanged.
func TestPageFailureMakesNoVersion(t *testing.T) {
	srv := crawltest.Serve(t, crawltest.Site{Articles: 1, PagesPer: 4})
	fail := notFoundWhile(srv, crawltest.ArticlePath(1, 3))
	db := openTestStore(t)
	f, _ := NewFetcher(t.Context(), fastTransport(0, nil), FetcherOptions{Revisit: true})
	a := NewArchiver(f, db, ArchiveOptions{})
	res, h := archiveThrice(t, a, db, srv.URLOf(crawltest.ArticlePath(1, 1)), fail)
	if res[1].Doc.Complete {
		t.Error("the fetch that missed page 3 says it is complete")
	}
	checkOneVersion(t, res, h, db)
}

// TestAttachmentFailureMakesNoVersion: the same with an attachment that
// answers 503 once.
func TestAttachmentFailureMakesNoVersion(t *testing.T) {
	const article = `<html><head><meta charset="utf-8"><title>县政府信息公开年度报告</title></head><body>
<div class="nav"><a href="/">首页</a></div><h1>县政府信息公开年度报告</h1>
<div class="content"><p>根据《中华人民共和国政府信息公开条例》要求，现将本机关政府信息公开工作年度报告全文发布如下，报告正文见附件。</p>
<p>本年度共主动公开政府信息五千一百八十九条，办理依申请公开十一件，所有申请均已按规定答复。</p>
<p>附件：<a href="/upload/report.pdf">政府信息公开年度报告.pdf</a></p></div>
<div class="footer">版权所有</div></body></html>`
	var fail atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/art/1.html":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(article))
		case r.URL.Path == "/upload/report.pdf" && fail.Load():
			http.Error(w, "busy", http.StatusServiceUnavailable)
		case r.URL.Path == "/upload/report.pdf":
			w.Header().Set("Content-Type", "application/pdf")
			w.Write([]byte("%PDF-1.4\n% a report\n%%EOF\n"))
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	db := openTestStore(t)
	f, _ := NewFetcher(t.Context(), fastTransport(0, nil), FetcherOptions{Revisit: true})
	a := NewArchiver(f, db, ArchiveOptions{Attachments: true})
	res, h := archiveThrice(t, a, db, srv.URL+"/art/1.html", &fail)
	if n := len(res[0].Doc.Attachments); n != 1 || res[0].Doc.Attachments[0].Status != 200 {
		t.Fatalf("first archive: attachments %+v, want the PDF", res[0].Doc.Attachments)
	}
	if res[1].Doc.Attachments[0].Status != http.StatusServiceUnavailable {
		t.Errorf("failed attachment listed as %+v", res[1].Doc.Attachments)
	}
	checkOneVersion(t, res, h, db)
}

// TestArchivedIncompleteIsDueForCrawl: an article that `folio archive`
// left incomplete is due at once for the next crawl, however recently it
// was fetched: the stored document says its last fetch missed a page.
func TestArchivedIncompleteIsDueForCrawl(t *testing.T) {
	srv := crawltest.Serve(t, crawltest.Site{Articles: 2, PagesPer: 3})
	u := srv.URLOf(crawltest.ArticlePath(1, 1))
	fail := notFoundWhile(srv, crawltest.ArticlePath(1, 3))
	db := openTestStore(t)
	archive := func() *Result {
		f, _ := NewFetcher(t.Context(), fastTransport(0, nil), FetcherOptions{Revisit: true})
		return NewArchiver(f, db, ArchiveOptions{}).Archive(t.Context(), u)
	}
	nightly := CrawlOptions{Revisit: RevisitPolicy{Min: 20 * time.Hour}}

	// The first fetch ever misses page 3: version 1, incomplete.
	fail.Store(true)
	if res := archive(); res.Doc == nil || res.Doc.Complete {
		t.Fatalf("archive: %+v", res)
	}
	fail.Store(false)
	sum := crawlSites(t, db, fastTransport(0, nil), nightly, siteOf(srv))
	if sum.New != 1 || sum.Changed != 1 || sum.NotDue != 0 {
		t.Errorf("crawl after an incomplete archive: %+v, want article 2 new and article 1 re-fetched (changed)", sum)
	}

	// Complete now; an archive that misses page 3 is not recorded, but the
	// next crawl re-checks at once.
	fail.Store(true)
	if res := archive(); !res.Save.NotRecorded {
		t.Fatalf("archive missing page 3: %+v, want version kept", res.Save)
	}
	fail.Store(false)
	sum = crawlSites(t, db, fastTransport(0, nil), nightly, siteOf(srv))
	if sum.Unchanged != 1 || sum.NotDue != 1 {
		t.Errorf("crawl after a failed archive: %+v, want article 1 re-checked (unchanged), article 2 not due", sum)
	}
	h, _ := db.History(u)
	if len(h.Versions) != 2 {
		t.Errorf("history %+v, want the incomplete version 1 and the complete version 2", h.Versions)
	}
}
