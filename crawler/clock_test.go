package crawler

import (
	"testing"
	"time"

	"folio/crawler/crawltest"
	"folio/store"
)

// TestClockMovedBack: a run made while the system clock was a year ahead
// left its timestamps in the future. When the clock is right again, those
// articles and dead links are re-checked on the next run (a time that has
// not come cannot be trusted), and after that the revisit policy runs as
// usual: not every night until the clock catches up, nor not for a year.
func TestClockMovedBack(t *testing.T) {
	srv := crawltest.Serve(t, crawltest.Site{Articles: 3, PagesPer: 1, Dead: 1})
	db := openTestStore(t)
	policy := RevisitPolicy{Min: 20 * time.Hour, Max: 30 * 24 * time.Hour}
	night := func() *Summary {
		return crawlSites(t, db, fastTransport(0, nil), CrawlOptions{Revisit: policy}, siteOf(srv))
	}
	if sum := night(); sum.New != 3 || sum.Failed != 1 {
		t.Fatalf("first run %+v; want 3 new, 1 failed", sum)
	}
	// Redo what that run stored as if it had happened a year from now.
	future := time.Now().UTC().Add(365 * 24 * time.Hour).Truncate(time.Second)
	var docs []*store.Document
	if err := db.Documents(store.DocumentFilter{}, func(d *store.Document) error {
		docs = append(docs, d)
		return nil
	}); err != nil || len(docs) != 3 {
		t.Fatalf("%d documents, %v", len(docs), err)
	}
	for _, d := range docs {
		d.Fetched = future
		if _, err := db.SaveDocument(d, nil); err != nil {
			t.Fatal(err)
		}
	}
	dead := srv.URL + "/removed/1.html"
	if _, err := db.Commit(&store.CrawlCommit{Run: 1, Visits: []store.Visit{{URL: dead, Kind: store.VisitGone, At: future}}}); err != nil {
		t.Fatal(err)
	}

	srv.ResetLog()
	sum := night()
	if sum.NotDue != 0 || sum.Unchanged != 3 || sum.Gone != 1 || srv.Count("/removed/1.html") != 1 {
		t.Errorf("run after the clock went back %+v, dead link fetched %d times; want the 3 articles and the dead link re-checked",
			sum, srv.Count("/removed/1.html"))
	}
	srv.ResetLog()
	if sum := night(); sum.NotDue != 3 || sum.Unchanged != 0 || sum.Gone != 1 || srv.Count("/removed/1.html") != 0 {
		t.Errorf("next run %+v, dead link fetched %d times; want nothing due: the schedule is back to normal",
			sum, srv.Count("/removed/1.html"))
	}
}
