package crawler

import (
	"testing"
	"time"

	"folio/store"
)

// TestStillGone: a re-fetch whose only failures are pages and attachments
// that answered 404/410 in the stored version too is "still gone"; a new
// failure, another status, or a first fetch is not.
func TestStillGone(t *testing.T) {
	const (
		p1  = "http://x.gov.cn/news/NewsShow.asp?id=90"
		p2  = "http://x.gov.cn/news/NewsShow.asp?id=90&page=2"
		pdf = "http://x.gov.cn/upload/gone.pdf"
		doc = "http://x.gov.cn/upload/ok.doc"
	)
	db := openTestStore(t)
	at := time.Date(2026, 11, 26, 2, 30, 0, 0, time.UTC)
	stored := &store.Document{URL: p1, Title: "t", Text: "正文", ContentHash: "sha256:1", Fetched: at,
		Pages:       []store.Page{{URL: p1, Status: 200, Fetched: at}, {URL: p2, Status: 404, Fetched: at}},
		Attachments: []store.Attachment{{URL: pdf, Status: 404}, {URL: doc, Status: 200}}}
	save, err := db.SaveDocument(stored, []string{p1, p2})
	if err != nil {
		t.Fatal(err)
	}
	c := &Crawler{db: db}
	again := store.SaveResult{Version: save.Version}
	for _, tc := range []struct {
		name  string
		pages []int // statuses of p1, p2
		atts  []int // statuses of pdf, doc
		save  store.SaveResult
		want  bool
	}{
		{"page and attachment still gone", []int{200, 404}, []int{404, 200}, again, true},
		{"page now 410", []int{200, 410}, []int{404, 200}, again, true},
		{"page 2 fails otherwise", []int{200, 503}, []int{404, 200}, again, false},
		{"another attachment gone now", []int{200, 404}, []int{404, 404}, again, false},
		{"page 1 gone now", []int{404, 404}, []int{404, 200}, again, false},
		{"first fetch", []int{200, 404}, []int{404, 200}, store.SaveResult{Version: 1, New: true, Changed: true}, false},
		{"nothing failed", []int{200, 200}, []int{200, 200}, again, false},
	} {
		d := &store.Document{URL: p1,
			Pages:       []store.Page{{URL: p1, Status: tc.pages[0]}, {URL: p2, Status: tc.pages[1]}},
			Attachments: []store.Attachment{{URL: pdf, Status: tc.atts[0]}, {URL: doc, Status: tc.atts[1]}}}
		if got := c.stillGone(d, tc.save); got != tc.want {
			t.Errorf("%s: stillGone %v, want %v", tc.name, got, tc.want)
		}
	}
}
