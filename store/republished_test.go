package store

import (
	"errors"
	"slices"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
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
	if res := save(fetch(cp, fetchOf{failedPage: 3}, 3)); !res.NotRecorded || res.New {
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
	if res := save(fetch(cp, fetchOf{edit: "both"}, 4)); !res.NotRecorded {
		t.Errorf("copy edited first: %+v, want it kept until the original is re-checked", res)
	}
	if st, _ := db.URLStatuses([]string{orig}); !st[0].Incomplete {
		t.Errorf("the original is not due at once after its copy differed: %+v", st[0])
	}
	if res := save(fetch(orig, fetchOf{edit: "both"}, 5)); res.Version != 2 || !res.Changed {
		t.Errorf("the original edited too: %+v, want version 2", res)
	}
	if res := save(fetch(cp, fetchOf{edit: "both"}, 6)); res.New || res.NotRecorded || res.Version != 2 {
		t.Errorf("copy after the original's version 2: %+v", res)
	}

	// The original is edited again, the copy is not: the copy differs,
	// the original is re-checked and still differs, and the copy goes its
	// own way instead of turning the original back.
	if res := save(fetch(orig, fetchOf{edit: "third"}, 7)); res.Version != 3 {
		t.Fatalf("second edit of the original: %+v", res)
	}
	if res := save(fetch(cp, fetchOf{edit: "both"}, 8)); !res.NotRecorded {
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
// TestCopyStoredBeforeItsOriginal: the m. site's copy of an article names
// the www article as canonical (CopyOfHosts) and is stored first; when the
// www article is stored, with the same content, the copy's record becomes
// its — one document at the www URL, the m. URL its alias — and a later
// fetch of the copy is a re-fetch of the document, not a republication.
func TestCopyStoredBeforeItsOriginal(t *testing.T) {
	const (
		mobile = "http://m.qh.gov.cn/m/ndbg/8001.html"
		www    = "http://www.qh.gov.cn/xxgk/ndbg/202501/t20250115_8001.html"
	)
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	db, _ := openTemp(t, nil)
	save := func(d *Document, hour int) SaveResult {
		t.Helper()
		d.Fetched = t0.Add(time.Duration(hour) * time.Hour)
		res, err := db.SaveDocument(d, nil)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	cp := fetchOf{}.doc(mobile)
	cp.CopyOfHosts = []string{"www.qh.gov.cn"}
	if res := save(cp, 0); !res.New {
		t.Fatalf("the copy, first: %+v; want new", res)
	}
	orig := fetchOf{}.doc(www)
	res := save(orig, 1)
	if res.New || res.Changed || res.Outcome() != "unchanged" || orig.URL != www || !slices.Contains(orig.Aliases, mobile) {
		t.Fatalf("the original: %+v, url %s aliases %v; want the copy's record, at %s, the copy an alias", res, orig.URL, orig.Aliases, www)
	}
	// Its version reads as the original's pages, as had it come first.
	if d, err := db.Document(www, 0); err != nil || d.Version != 1 || len(d.Pages) == 0 || d.Pages[0].URL != www {
		t.Errorf("stored: %+v, %v; want version 1 with the original's pages", d, err)
	}
	n := 0
	db.Documents(DocumentFilter{}, func(d *Document) error {
		n++
		if d.URL != www {
			t.Errorf("listed %s, want only %s", d.URL, www)
		}
		return nil
	})
	if n != 1 {
		t.Errorf("%d documents, want 1", n)
	}
	// The copy again: a re-fetch of the document, which keeps its URL.
	again := fetchOf{}.doc(mobile)
	again.CopyOfHosts = []string{"www.qh.gov.cn"}
	if res := save(again, 2); res.Outcome() != "unchanged" || again.URL != www {
		t.Errorf("the copy again: %+v (%s), url %s; want an unchanged re-fetch of %s", res, res.Outcome(), again.URL, www)
	}
	// The copy's URL reused for another article: a document of its own,
	// which leaves the original whole (the record the original took over
	// was stored under the copy's URL).
	reused := fetchOf{edit: "another article"}.doc(mobile)
	reused.Title = "another notice"
	save(reused, 3)
	if d, err := db.Document(www, 0); err != nil || d.URL != www || d.Title != "t" {
		t.Errorf("the original after its copy's URL was reused: %+v, %v", d, err)
	}
	if d, err := db.Document(mobile, 0); err != nil || d.Title != "another notice" {
		t.Errorf("the reused URL: %+v, %v; want the other article", d, err)
	}
	if h, err := db.History(www); err != nil || len(h.Versions) != 1 {
		t.Errorf("the original's history: %+v, %v; want its one version", h, err)
	}

	// Another article on the www host with the copy's content but another
	// title is no original of it.
	other := fetchOf{}.doc("http://www.qh.gov.cn/xxgk/other.html")
	other.Title = "another report"
	if res := save(other, 3); !res.New {
		t.Errorf("another title: %+v; want a document of its own", res)
	}
}

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

// TestRepublishedCutCopy: an article cut by the limits (--max-body) at
// two URLs is one document, as a whole one is: the copy is cut the same
// way. A fetch that missed a page is no copy.
func TestRepublishedCutCopy(t *testing.T) {
	db, _ := openTemp(t, nil)
	cut := func(u string) *Document {
		d := fetchOf{}.doc(u)
		d.Complete, d.Cut = false, true
		return d
	}
	if _, err := db.SaveDocument(cut("http://a.test/xwdt/2.html"), nil); err != nil {
		t.Fatal(err)
	}
	res, err := db.SaveDocument(cut("http://a.test/xwzx/2.html"), nil)
	if err != nil || !res.Republished {
		t.Errorf("the cut article at a second URL: %+v, %v; want a copy", res, err)
	}
	missed := fetchOf{}.doc("http://a.test/zt/2.html")
	missed.Complete = false
	if res, err := db.SaveDocument(missed, nil); err != nil || res.Republished {
		t.Errorf("a fetch that missed a page: %+v, %v; want no copy", res, err)
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

// TestCopyEdgeCases: a copy's URL that now holds another article is
// detached at once; a copy that differs while its original cannot be
// re-checked is detached a day on; older captures of a copy (an import)
// judge nothing; a copy reached by a redirect stays a copy; a day-only
// date and a date-time of that day agree.
func TestCopyEdgeCases(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	at := func(d *Document, h int) *Document { d.Fetched = t0.Add(time.Duration(h) * time.Hour); return d }
	setup := func(t *testing.T) (*DB, func(*Document, ...string) SaveResult) {
		db, _ := openTemp(t, nil)
		save := func(d *Document, urls ...string) SaveResult {
			t.Helper()
			res, err := db.SaveDocument(d, urls)
			if err != nil {
				t.Fatal(err)
			}
			return res
		}
		save(at(fetchOf{}.doc("http://a.test/orig.html"), 0))
		if res := save(at(fetchOf{}.doc("http://a.test/copy.html"), 1)); !res.Republished {
			t.Fatalf("copy not merged: %+v", res)
		}
		return db, save
	}
	t.Run("another article", func(t *testing.T) {
		db, save := setup(t)
		d := at(fetchOf{edit: "other"}.doc("http://a.test/copy.html"), 2)
		d.Title = "another notice"
		if res := save(d); !res.New {
			t.Errorf("another article at the copy's URL: %+v, want a new document", res)
		}
		if got, _ := db.Document("http://a.test/copy.html", 0); got.Title != "another notice" {
			t.Errorf("show copy = %q", got.Title)
		}
	})
	t.Run("original gone", func(t *testing.T) {
		_, save := setup(t)
		if res := save(at(fetchOf{edit: "copy only"}.doc("http://a.test/copy.html"), 2)); !res.NotRecorded {
			t.Errorf("first sight: %+v, want kept", res)
		}
		if res := save(at(fetchOf{edit: "copy only"}.doc("http://a.test/copy.html"), 30)); !res.New {
			t.Errorf("a day on, the original never re-checked: %+v, want the copy detached", res)
		}
	})
	t.Run("older captures", func(t *testing.T) {
		db, save := setup(t)
		save(at(fetchOf{edit: "v2"}.doc("http://a.test/orig.html"), 10))
		for _, h := range []int{2, 3} { // the copy's v1, captured before the edit
			if res := save(at(fetchOf{}.doc("http://a.test/copy.html"), h)); !res.NotRecorded {
				t.Errorf("older capture at hour %d: %+v, want kept", h, res)
			}
		}
		if got, _ := db.Document("http://a.test/copy.html", 0); got.URL != "http://a.test/orig.html" || got.Version != 2 {
			t.Errorf("the copy after older captures: %s v%d", got.URL, got.Version)
		}
		if got, _ := db.Document("http://a.test/orig.html", 0); got.Version != 2 {
			t.Errorf("an older capture became the latest version: v%d", got.Version)
		}
	})
	t.Run("copy moved by a redirect", func(t *testing.T) {
		db, save := setup(t)
		save(at(fetchOf{}.doc("http://a.test/news/copy.html"), 2), "http://a.test/copy.html")
		if h, _ := db.History("http://a.test/orig.html"); h.URL != "http://a.test/orig.html" {
			t.Errorf("the document's URL became %s", h.URL)
		}
	})
	t.Run("partial re-check of the original", func(t *testing.T) {
		db, save := setup(t)
		save(at(fetchOf{edit: "v2"}.doc("http://a.test/copy.html"), 2))                // kept, to confirm
		save(at(fetchOf{edit: "v2", failedPage: 3}.doc("http://a.test/orig.html"), 3)) // the re-check misses a page
		if res := save(at(fetchOf{edit: "v2"}.doc("http://a.test/copy.html"), 4)); res.New {
			t.Errorf("a re-check that missed a page confirmed the drift: %+v", res)
		}
		save(at(fetchOf{edit: "v2"}.doc("http://a.test/orig.html"), 5))
		if got, _ := db.Document("http://a.test/copy.html", 0); got.URL != "http://a.test/orig.html" || got.Version != 2 {
			t.Errorf("the copy after the original's whole re-check: %s v%d", got.URL, got.Version)
		}
	})
	t.Run("an error page at the copy", func(t *testing.T) {
		db, save := setup(t)
		soft := at(&Document{URL: "http://a.test/copy.html", Title: "提示信息", Complete: true, ContentHash: "sha256:soft",
			Pages: []Page{{URL: "http://a.test/copy.html", Status: 200}}}, 2)
		if res := save(soft); !res.NotRecorded {
			t.Errorf("an error page at the copy's URL: %+v, want it kept out", res)
		}
		if got, _ := db.Document("http://a.test/copy.html", 0); got.URL != "http://a.test/orig.html" {
			t.Errorf("the copy after an error page: %s", got.URL)
		}
	})
	t.Run("the original redirects to its copy", func(t *testing.T) {
		// The site moved the article to the copy's URL (a column renamed,
		// the old URLs redirecting): the redirect target is the document's
		// URL from then on, and its content an edit of the document.
		db, save := setup(t)
		want := []string{"changed", "unchanged"}
		for day := 1; day <= 2; day++ {
			res := save(at(fetchOf{edit: "v2"}.doc("http://a.test/copy.html"), 24*day), "http://a.test/orig.html")
			if got := res.Outcome(); got != want[day-1] {
				t.Errorf("day %d: %s, want %s", day, got, want[day-1])
			}
		}
		for _, u := range []string{"http://a.test/orig.html", "http://a.test/copy.html"} {
			h, _ := db.History(u)
			if h == nil || h.URL != "http://a.test/copy.html" || len(h.Versions) != 2 {
				t.Errorf("%s leads to %+v, want copy.html's document with 2 versions", u, h)
			}
		}
		if res := save(at(fetchOf{edit: "v2"}.doc("http://a.test/copy.html"), 72)); res.Outcome() != "unchanged" {
			t.Errorf("a fetch of the new URL itself: %s, want unchanged", res.Outcome())
		}
	})
	t.Run("site moved to another host", func(t *testing.T) {
		// The portal moved (every old URL redirects to the same path on
		// the new host); then a column of it renames its URLs: the article
		// met at its renamed address is still a copy of the moved document.
		_, save := setup(t)
		save(at(fetchOf{}.doc("http://b.test/orig.html"), 24), "http://a.test/orig.html")
		if res := save(at(fetchOf{}.doc("http://b.test/news/orig.html"), 48)); !res.Republished {
			t.Errorf("the moved article at a renamed address: %s, want republished", res.Outcome())
		}
	})
	t.Run("column renamed", func(t *testing.T) {
		// The new URL is met first from the renamed column's list (a copy,
		// as far as anyone can tell), then the old URL's re-check redirects
		// to it.
		db, save := setup(t)
		if res := save(at(fetchOf{}.doc("http://a.test/copy.html"), 24), "http://a.test/orig.html"); res.Outcome() != "unchanged" {
			t.Errorf("the old URL's re-check: %s, want unchanged", res.Outcome())
		}
		if d, _ := db.Document("http://a.test/orig.html", 0); d == nil || d.URL != "http://a.test/copy.html" || d.Version != 1 ||
			!slices.Contains(d.Aliases, "http://a.test/orig.html") {
			t.Errorf("after the move: %+v; want copy.html's, orig.html its alias", d)
		}
	})
	t.Run("clock set right", func(t *testing.T) {
		db, _ := openTemp(t, nil)
		ahead := fetchOf{}.doc("http://a.test/1.html")
		ahead.Fetched = time.Now().Add(30 * 24 * time.Hour)
		db.SaveDocument(ahead, nil)
		edit := fetchOf{edit: "edited"}.doc("http://a.test/1.html")
		edit.Fetched = time.Now()
		if res, _ := db.SaveDocument(edit, nil); res.Version != 2 {
			t.Errorf("an edit after the clock was set right: %+v, want version 2", res)
		}
	})
	t.Run("day and minute", func(t *testing.T) {
		db, _ := openTemp(t, nil)
		a := fetchOf{}.doc("http://a.test/xxgk/1.html")
		a.Published = "2024-03-05T00:00:00+08:00"
		b := fetchOf{}.doc("http://a.test/news/1.html")
		b.Published = "2024-03-05T16:32:11+08:00"
		db.SaveDocument(a, nil)
		if res, _ := db.SaveDocument(b, nil); !res.Republished {
			t.Errorf("same day, one with a time: %+v, want merged", res)
		}
	})
}

// TestCommitRunsAgainFromItsInput: bbolt runs a batched commit again when
// another commit of its batch failed; the second run must see the commit
// as the caller gave it, and save a republished copy as one.
func TestCommitRunsAgainFromItsInput(t *testing.T) {
	const (
		orig = "http://a.test/zwgk/1.html"
		cp   = "http://a.test/news/2020/0222/77.html"
	)
	db, _ := openTemp(t, nil)
	first := fetchOf{}.doc(orig)
	first.Fetched = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	if _, err := db.SaveDocument(first, nil); err != nil {
		t.Fatal(err)
	}
	copyDoc := fetchOf{}.doc(cp)
	copyDoc.Fetched = first.Fetched.Add(time.Hour)
	c := &CrawlCommit{Run: 1, Doc: copyDoc, DocURLs: []string{cp}}
	run := commitRun(db.codec, c, nil)
	errNeighbour := errors.New("another commit of the batch failed")
	err := db.update(func(tx *bolt.Tx) error {
		if _, err := run(tx); err != nil {
			return err
		}
		return errNeighbour // rolled back, as bbolt does before it runs the batch again
	})
	if !errors.Is(err, errNeighbour) {
		t.Fatal(err)
	}
	var res SaveResult
	if err := db.update(func(tx *bolt.Tx) (err error) { res, err = run(tx); return err }); err != nil {
		t.Fatal(err)
	}
	if !res.Republished {
		t.Errorf("run again: %+v; want the copy saved as republished", res)
	}
	// The same commit run once, in a store of its own: the same history.
	once, _ := openTemp(t, nil)
	if _, err := once.SaveDocument(fetchOf{}.doc(orig), nil); err != nil {
		t.Fatal(err)
	}
	copyOnce := fetchOf{}.doc(cp)
	copyOnce.Fetched = copyDoc.Fetched
	if _, err := once.Commit(&CrawlCommit{Run: 1, Doc: copyOnce, DocURLs: []string{cp}}); err != nil {
		t.Fatal(err)
	}
	got, err1 := db.History(orig)
	want, err2 := once.History(orig)
	if err1 != nil || err2 != nil || len(got.Versions) != 1 || got.Versions[0].UnchangedRefetches != want.Versions[0].UnchangedRefetches {
		t.Errorf("the original's history after a run again: %+v (%v); run once: %+v (%v)", got, err1, want, err2)
	}
}
