package store

import (
	"fmt"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// saveAll stores documents in one transaction: quicker than one each.
func saveAll(t testing.TB, db *DB, docs ...*Document) {
	t.Helper()
	err := db.update(func(tx *bolt.Tx) error {
		for _, d := range docs {
			if _, err := saveDocument(tx, db.codec, d, nil); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// datedDoc is a document whose content is text, changed at t.
func datedDoc(url, text string, t time.Time) *Document {
	d := doc(url, text, "sha256:"+text)
	d.Fetched = t
	return d
}

// TestScansReadInShortTransactions: a scan that skips most of what it
// reads — a --site filter on a big store, the crawl state read at the
// start of a crawl — still ends each read transaction after keysPerRead
// keys, however few of them match, so that a writer (or, while a crawl
// scans, a reader) never waits for a whole bucket.
func TestScansReadInShortTransactions(t *testing.T) {
	db, _ := openTemp(t, nil)
	const n = 3 * keysPerRead
	t0 := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
	var docs []*Document
	c := &CrawlCommit{Run: 1}
	for i := range n {
		u := fmt.Sprintf("http://a.test/%d.html", i)
		docs = append(docs, datedDoc(u, fmt.Sprintf("text %d", i), t0.Add(time.Duration(i)*time.Second)))
		c.Visits = append(c.Visits, Visit{URL: u, Kind: VisitArticle, At: t0})
		c.Colly = append(c.Colly, uint64(i+1))
	}
	// The one match is the oldest document, the last key of every scan.
	docs = append(docs, datedDoc("http://b.test/1.html", "b", t0.Add(-time.Hour)))
	saveAll(t, db, docs...)
	if _, err := db.Commit(c); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Commit(&CrawlCommit{Run: 2, Visits: []Visit{{URL: "http://b.test/1.html", Kind: VisitArticle, At: t0}},
		Colly: []uint64{n + 1}}); err != nil {
		t.Fatal(err)
	}
	count := func(n *int) func(*Document) error {
		return func(*Document) error { *n++; return nil }
	}
	for _, s := range []struct {
		name string
		scan func() (int, error)
	}{
		{"Documents --site", func() (int, error) {
			got := 0
			err := db.Documents(DocumentFilter{Host: "b.test"}, count(&got))
			return got, err
		}},
		{"DocumentVersions --site", func() (int, error) {
			got := 0
			err := db.DocumentVersions(VersionFilter{Host: "b.test"}, count(&got))
			return got, err
		}},
		{"VisitedIn", func() (int, error) {
			got := 0
			err := db.VisitedIn(2, func(string, VisitKind) { got++ })
			return got, err
		}},
		{"CollyVisited", func() (int, error) {
			hs, err := db.CollyVisited(2)
			return len(hs), err
		}},
		{"KnownDocuments", func() (int, error) {
			got := 0
			err := db.KnownDocuments("b.test", func(string, URLStatus) { got++ })
			return got, err
		}},
	} {
		before := db.reads.Load()
		got, err := s.scan()
		txs := db.reads.Load() - before
		if err != nil || got != 1 {
			t.Errorf("%s: %d found, %v", s.name, got, err)
		}
		if txs < n/keysPerRead {
			t.Errorf("%s: %d keys read in %d transactions", s.name, n, txs)
		}
	}
}
