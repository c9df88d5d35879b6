package store

import (
	"sync"
	"testing"
	"time"
)

func TestCrawlRunResumesUntilFinished(t *testing.T) {
	db, path := openTemp(t, nil)
	now := time.Date(2026, 11, 26, 4, 0, 0, 0, time.UTC)
	r1, resumed, err := db.BeginCrawl(now)
	if err != nil || resumed || r1.ID != 1 {
		t.Fatalf("first run: %+v resumed=%v err=%v", r1, resumed, err)
	}
	// A run that never finished (killed) is resumed, even by a new process.
	db.Close()
	db, err = Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	r, resumed, err := db.BeginCrawl(now.Add(time.Hour))
	if err != nil || !resumed || r.ID != 1 || r.Resumes != 1 {
		t.Fatalf("after a kill: %+v resumed=%v err=%v", r, resumed, err)
	}
	if err := db.SaveCrawlStats(r.ID, map[string]int{"new": 2}, map[string]int{"a.test": 1}); err != nil {
		t.Fatal(err)
	}
	if err := db.FinishCrawl(r.ID, map[string]int{"new": 3}, map[string]int{"a.test": 2}, now.Add(2*time.Hour)); err != nil {
		t.Fatal(err)
	}
	r2, resumed, err := db.BeginCrawl(now.Add(24 * time.Hour))
	if err != nil || resumed || r2.ID != 2 {
		t.Fatalf("next night: %+v resumed=%v err=%v", r2, resumed, err)
	}
	// The next run paces its hosts as the last one left them.
	if pace, err := db.Pace(); err != nil || string(pace) != `{"a.test":2}` {
		t.Fatalf("pace %s, %v", pace, err)
	}
	runs, err := db.CrawlRuns()
	if err != nil || len(runs) != 2 || string(runs[0].Stats) != `{"new":3}` {
		t.Fatalf("runs %+v err %v", runs, err)
	}
}

func TestCommitIsOneStep(t *testing.T) {
	db, _ := openTemp(t, nil)
	run, _, err := db.BeginCrawl(time.Now())
	if err != nil {
		t.Fatal(err)
	}
	seed := &FrontierEntry{URL: "http://a.test/"}
	if _, err := db.Commit(&CrawlCommit{Run: run.ID, Enqueue: []*FrontierEntry{seed}}); err != nil {
		t.Fatal(err)
	}
	// Visiting the seed adds two links and removes the seed, at once.
	links := []*FrontierEntry{{URL: "http://a.test/1.html", Depth: 1}, {URL: "http://a.test/2.html", Depth: 1}}
	at := time.Date(2026, 11, 26, 4, 0, 0, 0, time.UTC)
	_, err = db.Commit(&CrawlCommit{Run: run.ID, Enqueue: links, Done: []uint64{seed.Seq},
		Visits: []Visit{{URL: seed.URL, Kind: VisitList, At: at}}, Colly: []uint64{42}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	db.Frontier(func(e FrontierEntry) error {
		got = append(got, e.URL)
		if e.Run != run.ID || e.Depth != 1 {
			t.Errorf("entry %+v", e)
		}
		return nil
	})
	if len(got) != 2 || got[0] != links[0].URL || got[1] != links[1].URL {
		t.Fatalf("frontier %v", got)
	}
	visited := map[string]VisitKind{}
	db.VisitedIn(run.ID, func(u string, k VisitKind) { visited[u] = k })
	if len(visited) != 1 || visited[seed.URL] != VisitList {
		t.Fatalf("visited %v", visited)
	}
	if hs, _ := db.CollyVisited(run.ID); len(hs) != 1 || hs[0] != 42 {
		t.Fatalf("colly marks %v", hs)
	}
	// A document saved by a commit is found by URLStatuses, with its visit.
	doc := &Document{URL: links[0].URL, ContentHash: "sha256:1", Fetched: at}
	res, err := db.Commit(&CrawlCommit{Run: run.ID, Doc: doc, DocURLs: []string{links[0].URL}, Done: []uint64{links[0].Seq},
		Visits: []Visit{{URL: links[0].URL, Kind: VisitArticle, At: at, Incomplete: true}}})
	if err != nil || !res.New {
		t.Fatalf("commit doc: %+v %v", res, err)
	}
	sts, err := db.URLStatuses([]string{links[0].URL, links[1].URL})
	if err != nil {
		t.Fatal(err)
	}
	if s := sts[0]; !s.Doc || !s.LastSeen.Equal(at) || s.Kind != VisitArticle || !s.Incomplete || s.Run != run.ID || !s.At.Equal(at) {
		t.Fatalf("status of the article %+v", s)
	}
	if s := sts[1]; s.Doc || s.Run != 0 {
		t.Fatalf("status of an unvisited URL %+v", s)
	}
}

func TestBatchedWritesCoalesce(t *testing.T) {
	db, _ := openTemp(t, nil)
	var wg sync.WaitGroup
	for i := range 40 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := &Capture{URL: "http://a.test/x", Method: "GET", Status: 200}
			if _, err := db.PutCapturesBatch([]*Capture{c}, [][]byte{[]byte{byte(i)}}); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	n := 0
	db.Captures(0, func(*Capture) error { n++; return nil })
	if n != 40 {
		t.Fatalf("%d captures, want 40", n)
	}
}

// TestCommitLinksPagesToTheirCaptures: the captures of a crawl step get
// their ids when the step is committed; the document stored with them
// names them by identity, not by URL — a page is named by its canonical
// URL, its capture by the URL it was fetched from — and its attachments
// too.
func TestCommitLinksPagesToTheirCaptures(t *testing.T) {
	db, _ := openTemp(t, nil)
	run, _, err := db.BeginCrawl(time.Now())
	if err != nil {
		t.Fatal(err)
	}
	robots := &Capture{URL: "http://a.test/robots.txt", Status: 404}
	page := &Capture{URL: "http://a.test/2000.html?from=index", Status: 200}
	again := &Capture{URL: "http://a.test/2000.html", Status: 200} // same URL and payload, not the page's
	pdf := &Capture{URL: "http://a.test/upload/r.pdf", Status: 200}
	html, report := []byte("<p>page</p>"), []byte("%PDF-1.4")
	d := &Document{URL: "http://a.test/2000.html", ContentHash: "sha256:x", Complete: true,
		Pages:       []Page{{URL: "http://a.test/2000.html", Status: 200, PayloadDigest: Digest(html), Capture: page}},
		Attachments: []Attachment{{URL: pdf.URL, Status: 200, PayloadDigest: Digest(report), Capture: pdf}}}
	_, err = db.Commit(&CrawlCommit{Run: run.ID, Captures: []*Capture{robots, page, pdf, again},
		Payloads: [][]byte{nil, html, report, html}, Doc: d, DocURLs: []string{page.URL}})
	if err != nil {
		t.Fatal(err)
	}
	got, err := db.Document(d.URL, 0)
	if err != nil {
		t.Fatal(err)
	}
	if got.Pages[0].CaptureID != page.ID || got.Attachments[0].CaptureID != pdf.ID || page.ID == 0 || pdf.ID == 0 {
		t.Errorf("page read from capture %d, attachment from %d; want %d and %d",
			got.Pages[0].CaptureID, got.Attachments[0].CaptureID, page.ID, pdf.ID)
	}
}
