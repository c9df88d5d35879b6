package store

import (
	"slices"
	"testing"
	"time"
)

// TestRepublishedCopyIsAnAlias: the same article at a second URL of its
// host becomes an alias of the stored document; another host, another
// title or an incomplete fetch keeps documents apart; a copy that no
// longer matches the original is detached into a document of its own.
func TestRepublishedCopyIsAnAlias(t *testing.T) {
	const (
		orig = "http://a.test/zwgk/1.html"
		cp   = "http://a.test/news/2020/0222/77.html"
	)
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	fetch := func(u string, f fetchOf, hour int) *Document {
		d := f.doc(u)
		d.Fetched = t0.Add(time.Duration(hour) * time.Hour)
		return d
	}
	db, _ := openTemp(t, nil)
	save := func(d *Document) SaveResult {
		t.Helper()
		res, err := db.SaveDocument(d, nil)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	count := func() int {
		t.Helper()
		n := 0
		if err := db.Documents(DocumentFilter{}, func(*Document) error { n++; return nil }); err != nil {
			t.Fatal(err)
		}
		return n
	}

	save(fetch(orig, fetchOf{}, 0))
	d := fetch(cp, fetchOf{}, 1)
	res := save(d)
	if !res.Republished || res.New || res.Changed || d.URL != orig || !slices.Contains(d.Aliases, cp) {
		t.Fatalf("copy: %+v, doc %s aliases %v; want an alias of %s", res, d.URL, d.Aliases, orig)
	}
	if n := count(); n != 1 {
		t.Errorf("%d documents after the copy, want 1", n)
	}
	if got, err := db.Document(cp, 0); err != nil || got.URL != orig {
		t.Errorf("show copy = %v, %v; want %s", got, err, orig)
	}
	if h, _ := db.History(cp); len(h.Versions) != 1 || h.Versions[0].UnchangedRefetches != 1 {
		t.Errorf("history via the copy: %+v", h)
	}

	// Not copies: another host, another title, an incomplete fetch.
	other := fetch("http://b.test/1.html", fetchOf{}, 2)
	if res := save(other); res.Republished || !res.New {
		t.Errorf("same content on another host: %+v", res)
	}
	retitled := fetch("http://a.test/news/78.html", fetchOf{}, 2)
	retitled.Title = "another notice"
	if res := save(retitled); res.Republished || !res.New {
		t.Errorf("same text under another title: %+v", res)
	}
	partial := fetch("http://a.test/news/79.html", fetchOf{}, 2)
	partial.Complete = false
	if res := save(partial); res.Republished || !res.New {
		t.Errorf("incomplete fetch: %+v", res)
	}

	// Fetched again, unchanged, the copy is still the original's: its
	// URL does not take the document over, nor does a partial fetch of it
	// split it off.
	d = fetch(cp, fetchOf{}, 3)
	if res := save(d); res.New || res.Changed || d.URL != orig {
		t.Errorf("copy fetched again: %+v, doc %s", res, d.URL)
	}
	if res := save(fetch(cp, fetchOf{failedPage: 3}, 3)); !res.Kept || res.New {
		t.Errorf("partial fetch of the copy: %+v, want it kept out", res)
	}
	if h, _ := db.History(orig); h.URL != orig || len(h.Versions) != 1 {
		t.Errorf("history after the copy's fetches: %+v", h)
	}
	if n := count(); n != 4 {
		t.Errorf("%d documents, want 4", n)
	}

	// An edit made on both, met first on the copy: not recorded there;
	// the original, re-checked, gets the version, and the copy matches it.
	if res := save(fetch(cp, fetchOf{edit: "both"}, 4)); !res.Kept {
		t.Errorf("copy edited first: %+v, want it kept until the original is re-checked", res)
	}
	if st, _ := db.URLStatuses([]string{orig}); !st[0].Incomplete {
		t.Errorf("the original is not due at once after its copy differed: %+v", st[0])
	}
	if res := save(fetch(orig, fetchOf{edit: "both"}, 5)); res.Version != 2 || !res.Changed {
		t.Errorf("the original edited too: %+v, want version 2", res)
	}
	if res := save(fetch(cp, fetchOf{edit: "both"}, 6)); res.New || res.Kept || res.Version != 2 {
		t.Errorf("copy after the original's version 2: %+v", res)
	}

	// The original is edited again, the copy is not: the copy differs,
	// the original is re-checked and still differs, and the copy goes its
	// own way instead of turning the original back.
	if res := save(fetch(orig, fetchOf{edit: "third"}, 7)); res.Version != 3 {
		t.Fatalf("second edit of the original: %+v", res)
	}
	if res := save(fetch(cp, fetchOf{edit: "both"}, 8)); !res.Kept {
		t.Errorf("drifted copy, first sight: %+v, want it kept", res)
	}
	save(fetch(orig, fetchOf{edit: "third"}, 9))
	d = fetch(cp, fetchOf{edit: "both"}, 10)
	if res := save(d); !res.New || res.Republished || d.URL != cp {
		t.Errorf("drifted copy after the original's re-check: %+v, doc %s; want a new document", res, d.URL)
	}
	if h, _ := db.History(orig); len(h.Versions) != 3 || h.URL != orig {
		t.Errorf("original after the copy drifted: %+v, want 3 versions", h)
	}
	if got, _ := db.Document(orig, 0); slices.Contains(got.Aliases, cp) {
		t.Errorf("original still lists the drifted copy: %v", got.Aliases)
	}
	if got, err := db.Document(cp, 0); err != nil || got.URL != cp {
		t.Errorf("show drifted copy = %v, %v", got, err)
	}
}

// TestRepublishedNeedsTheSameTitle: a document with the same text under
// another title does not hide the original a copy matches.
func TestRepublishedNeedsTheSameTitle(t *testing.T) {
	db, _ := openTemp(t, nil)
	a := fetchOf{}.doc("http://a.test/a.html")
	b := fetchOf{}.doc("http://a.test/b.html")
	b.Title = "another title"
	for _, d := range []*Document{a, b} {
		if _, err := db.SaveDocument(d, nil); err != nil {
			t.Fatal(err)
		}
	}
	res, err := db.SaveDocument(fetchOf{}.doc("http://a.test/copy-of-a.html"), nil)
	if err != nil || !res.Republished {
		t.Errorf("copy of a: %+v, %v; want it merged into a", res, err)
	}
}

// TestContentIndexBuiltForOlderStores: a store written before the content
// index existed gets it on open, so its documents' copies are found.
func TestContentIndexBuiltForOlderStores(t *testing.T) {
	db, path := openTemp(t, nil)
	if _, err := db.SaveDocument(fetchOf{}.doc("http://a.test/1.html"), nil); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	b, err := boltOpen(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Update(func(tx *boltTx) error { return tx.DeleteBucket(bucketDocContent) }); err != nil {
		t.Fatal(err)
	}
	b.Close()

	db, err = Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	res, err := db.SaveDocument(fetchOf{}.doc("http://a.test/copy/1.html"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Republished {
		t.Errorf("copy after reopening an older store: %+v, want it found", res)
	}
}
