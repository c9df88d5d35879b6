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
			if _, err := saveDocument(tx, db.codec, d, nil, nil); err != nil {
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

// TestDocumentsWhileWriting: a listing (list, export --format jsonl, the
// WACZ's pages) visits every document stored when it began exactly once,
// however they change while it reads in spells: a document that changes
// before the walk reaches it moves to the front, where the walk has been
// already. (An older capture of other content, which an import might
// bring, does not become a version at all: nothing moves back.)
func TestDocumentsWhileWriting(t *testing.T) {
	db, _ := openTemp(t, nil)
	t0 := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
	const n = 200 // several spells' worth
	url := func(i int) string { return fmt.Sprintf("http://a.test/%d.html", i) }
	var docs []*Document
	for i := range n {
		docs = append(docs, datedDoc(url(i), fmt.Sprintf("text %d", i), t0.Add(time.Duration(i)*time.Minute)))
	}
	saveAll(t, db, docs...)

	seen := map[string]int{}
	var edited *Document
	err := db.Documents(DocumentFilter{}, func(d *Document) error {
		if len(seen) == 0 {
			for _, d := range []*Document{
				datedDoc(url(0), "edited", t0.Add(n*time.Minute)),          // not reached yet: now the newest
				datedDoc(url(n-1), "re-dated", t0.Add(-time.Hour)),         // visited; older than its version: not recorded
				datedDoc(url(n), "new", t0.Add(n*time.Minute+time.Second)), // new since the walk began
			} {
				if _, err := db.SaveDocument(d, nil); err != nil {
					return err
				}
			}
		}
		seen[d.URL]++
		if d.URL == url(0) {
			edited = d
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		if seen[url(i)] != 1 {
			t.Errorf("%s visited %d times, want once", url(i), seen[url(i)])
		}
	}
	if seen[url(n)] > 1 {
		t.Errorf("a document stored during the walk was visited %d times", seen[url(n)])
	}
	if edited != nil && edited.Text != "edited" {
		t.Errorf("a document changed during the walk was read as %q, not as it is now", edited.Text)
	}

	// The next walk sees the changes in their places.
	var order []string
	db.Documents(DocumentFilter{}, func(d *Document) error {
		order = append(order, d.URL)
		return nil
	})
	if len(order) != n+1 || order[0] != url(n) || order[1] != url(0) || order[2] != url(n-1) || order[n] != url(1) {
		t.Errorf("after the changes: %d documents, first %v, last %s", len(order), order[:2], order[len(order)-1])
	}
}

// TestDocumentVersionsWhileWriting: the export's walk over versions visits
// every version stored when it began exactly once, whatever is added
// meanwhile.
func TestDocumentVersionsWhileWriting(t *testing.T) {
	db, _ := openTemp(t, nil)
	t0 := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
	const n = 150
	url := func(i int) string { return fmt.Sprintf("http://a.test/%03d.html", i) }
	var docs []*Document
	for i := range n {
		docs = append(docs, datedDoc(url(i), fmt.Sprintf("text %d", i), t0.Add(time.Duration(i)*time.Minute)))
	}
	saveAll(t, db, docs...)

	seen := map[string]int{}
	err := db.DocumentVersions(VersionFilter{}, func(d *Document) error {
		if len(seen) == 0 {
			for _, i := range []int{0, n / 2, n - 1} {
				if _, err := db.SaveDocument(datedDoc(url(i), "edited", t0.Add(time.Duration(n+i)*time.Minute)), nil); err != nil {
					return err
				}
			}
		}
		seen[fmt.Sprintf("%s v%d", d.URL, d.Version)]++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		if k := url(i) + " v1"; seen[k] != 1 {
			t.Errorf("%s visited %d times, want once", k, seen[k])
		}
	}
	for k, c := range seen {
		if c != 1 {
			t.Errorf("%s visited %d times", k, c)
		}
	}
}

// TestLayoutOneStore: a store written before doc_order kept moved entries
// (layout 1: entries without sequences) is taken as it is, and marked as
// this layout by the first writer.
func TestLayoutOneStore(t *testing.T) {
	db, path := openTemp(t, nil)
	t0 := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
	url := func(i int) string { return fmt.Sprintf("http://a.test/%d.html", i) }
	for i := range 3 {
		saveAll(t, db, datedDoc(url(i), fmt.Sprintf("text %d", i), t0.Add(time.Duration(i)*time.Hour)))
	}
	// What layout 1 wrote: entries without values, schema 1.
	err := db.update(func(tx *bolt.Tx) error {
		order := tx.Bucket(bucketDocOrder)
		var keys [][]byte
		order.ForEach(func(k, _ []byte) error {
			keys = append(keys, append([]byte(nil), k...))
			return nil
		})
		for _, k := range keys {
			if err := order.Put(k, nil); err != nil {
				return err
			}
		}
		if err := order.SetSequence(0); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Put(keySchema, []byte("1"))
	})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()

	db, err = Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.view(func(tx *bolt.Tx) error {
		if v := string(tx.Bucket(bucketMeta).Get(keySchema)); v != fmt.Sprint(SchemaVersion) {
			t.Errorf("schema marker %q after a writer opened it", v)
		}
		return nil
	})
	if _, err := db.SaveDocument(datedDoc(url(2), "edited", t0.Add(5*time.Hour)), nil); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SaveDocument(datedDoc(url(0), "edited", t0.Add(6*time.Hour)), nil); err != nil {
		t.Fatal(err)
	}
	var got []string
	db.Documents(DocumentFilter{}, func(d *Document) error {
		got = append(got, d.URL+" "+d.Text)
		return nil
	})
	want := []string{url(0) + " edited", url(2) + " edited", url(1) + " text 1"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("listed %q, want %q", got, want)
	}
}

// TestScansReadInShortTransactions: a scan that skips most of what it
// reads — a --site filter on a big store, the crawl state read at the
// start of a crawl — still ends each read transaction after keysPerRead
// keys, however few of them match, so that a writer (or, while a crawl
// scans, a reader) never waits for a whole bucket.
func TestScansReadInShortTransactions(t *testing.T) {
	db, _ := openTemp(t, nil)
	const n = 2 * keysPerRead
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
			err := db.KnownDocuments(func(h string) bool { return h == "b.test" }, func(string, URLStatus) { got++ })
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
