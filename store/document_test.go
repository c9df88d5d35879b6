package store

import (
	"slices"
	"testing"
	"time"
)

// fetchOf is one fetch of a four-page article with one attachment: the
// text holds the pages read, the hash covers the text and the attachment
// when it was read.
type fetchOf struct {
	failedPage int  // 1-4; 0 for none
	failedAtt  bool // the attachment failed
	edit       string
}

func (f fetchOf) doc(u string) *Document {
	d := &Document{URL: u, Title: "t", Complete: true}
	text := f.edit
	for n := 1; n <= 4; n++ {
		pu := u
		if n > 1 {
			pu = u + "?page=" + string(rune('0'+n))
		}
		p := Page{URL: pu, Status: 200, CaptureID: uint64(n)}
		if n == f.failedPage {
			p.Status, d.Complete = 404, false
		} else {
			text += " page " + string(rune('0'+n))
		}
		d.Pages = append(d.Pages, p)
	}
	att := Attachment{URL: u + ".pdf", Status: 200, PayloadDigest: "sha1:PDF"}
	if f.failedAtt {
		att.Status, att.PayloadDigest = 503, ""
	} else {
		text += " " + att.PayloadDigest
	}
	d.Attachments = []Attachment{att}
	d.Text, d.ContentHash = text, "sha256:"+text
	return d
}

// TestFailedFetchesMakeNoVersion: a fetch that missed a page or an
// attachment the latest version has adds no version and is not counted as
// a re-fetch; the recovery after it is an unchanged re-fetch; a real edit
// still makes a version, and show keeps serving the complete version.
func TestFailedFetchesMakeNoVersion(t *testing.T) {
	const u = "http://a.test/1.html"
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name  string
		steps []fetchOf
		want  []int  // the version after each step
		kept  []bool // whether each step was left out
		refet []int  // unchanged re-fetches per version at the end
	}{
		{"page fails then recovers",
			[]fetchOf{{}, {failedPage: 3}, {}},
			[]int{1, 1, 1}, []bool{false, true, false}, []int{1}},
		{"attachment fails then recovers",
			[]fetchOf{{}, {failedAtt: true}, {failedAtt: true, failedPage: 2}, {}},
			[]int{1, 1, 1, 1}, []bool{false, true, true, false}, []int{1}},
		{"first fetch partial, then another page fails, then complete",
			[]fetchOf{{failedPage: 3}, {failedPage: 2}, {failedPage: 3}, {}},
			[]int{1, 1, 1, 2}, []bool{false, true, false, false}, []int{1, 0}},
		{"an edit while a page fails waits for a complete fetch",
			[]fetchOf{{}, {failedPage: 4, edit: "new"}, {edit: "new"}},
			[]int{1, 1, 2}, []bool{false, true, false}, []int{0, 0}},
		{"an attachment dead from the start: edits still make versions",
			[]fetchOf{{failedAtt: true}, {failedAtt: true}, {failedAtt: true, edit: "new"}, {failedAtt: true, failedPage: 2, edit: "new"}},
			[]int{1, 1, 2, 2}, []bool{false, false, false, true}, []int{1, 0}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db, _ := openTemp(t, nil)
			for i, f := range tc.steps {
				d := f.doc(u)
				d.Fetched = t0.Add(time.Duration(i) * time.Hour)
				res, err := db.SaveDocument(d, nil)
				if err != nil {
					t.Fatal(err)
				}
				if res.Version != tc.want[i] || res.NotRecorded != tc.kept[i] || d.Version != tc.want[i] {
					t.Errorf("step %d (%+v): %+v, doc version %d; want version %d, kept %v", i, f, res, d.Version, tc.want[i], tc.kept[i])
				}
			}
			h, err := db.History(u)
			if err != nil {
				t.Fatal(err)
			}
			var refet []int
			for _, v := range h.Versions {
				refet = append(refet, v.UnchangedRefetches)
			}
			if !slices.Equal(refet, tc.refet) {
				t.Errorf("unchanged re-fetches per version %v, want %v", refet, tc.refet)
			}
			// show serves the latest version, complete once one was.
			latest, err := db.Document(u, 0)
			if err != nil {
				t.Fatal(err)
			}
			last := tc.steps[len(tc.steps)-1]
			if last.failedPage == 0 && !last.failedAtt && (!latest.Complete || latest.Attachments[0].Status != 200) {
				t.Errorf("show serves an incomplete version after a complete fetch: %+v", latest)
			}
		})
	}
}

// TestURLStatusSeesTheLastFetch: whether the last fetch missed a page, and
// when it was, is read from the document itself, whoever fetched it.
func TestURLStatusSeesTheLastFetch(t *testing.T) {
	db, _ := openTemp(t, nil)
	const u = "http://a.test/1.html"
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i, f := range []fetchOf{{}, {failedPage: 2}} {
		d := f.doc(u)
		d.Fetched = t0.Add(time.Duration(i) * time.Hour)
		if _, err := db.SaveDocument(d, nil); err != nil {
			t.Fatal(err)
		}
		sts, err := db.URLStatuses([]string{u})
		if err != nil {
			t.Fatal(err)
		}
		var known URLStatus
		db.KnownDocuments(func(h string) bool { return h == "a.test" }, func(_ string, st URLStatus) { known = st })
		for _, st := range []URLStatus{sts[0], known} {
			if !st.Doc || st.Incomplete != (f.failedPage != 0) || !st.LastFetched.Equal(d.Fetched) || !st.LastSeen.Equal(t0) {
				t.Errorf("fetch %d: status %+v", i, st)
			}
		}
	}
}

// TestEmptyFetchKeepsTheVersion: a fetch that read no text where the
// stored version has some (a login wall, an error page served 200) is not
// recorded as an edit that emptied the article.
func TestEmptyFetchKeepsTheVersion(t *testing.T) {
	db, _ := openTemp(t, nil)
	const u = "http://a.test/1.html"
	if _, err := db.SaveDocument(fetchOf{}.doc(u), nil); err != nil {
		t.Fatal(err)
	}
	empty := &Document{URL: u, Title: "t", Complete: true, Pages: []Page{{URL: u, Status: 200}}, ContentHash: "sha256:empty"}
	res, err := db.SaveDocument(empty, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !res.NotRecorded || res.Version != 1 {
		t.Errorf("empty fetch: %+v, want it kept out", res)
	}
	if d, _ := db.Document(u, 0); d.Text == "" {
		t.Error("show serves the empty fetch")
	}
}

// TestMovedDocumentShowsItsNewURL: a re-fetch that found the document at
// a new address (its old URL redirected there), unchanged, moves its URL
// without a new version; show reads the new URL, as history does.
func TestMovedDocumentShowsItsNewURL(t *testing.T) {
	db, _ := openTemp(t, nil)
	const old, moved = "http://a.test/xwdt/1.html", "http://a.test/xwzx/1.html"
	if _, err := db.SaveDocument(fetchOf{}.doc(old), nil); err != nil {
		t.Fatal(err)
	}
	d := fetchOf{}.doc(moved)
	d.ContentHash = fetchOf{}.doc(old).ContentHash
	res, err := db.SaveDocument(d, []string{old, moved})
	if err != nil || res.Version != 1 {
		t.Fatalf("the moved fetch: %+v, %v; want version 1", res, err)
	}
	for _, u := range []string{old, moved} {
		got, err := db.Document(u, 0)
		// (The old URL is the stored version's page 1, fetched there.)
		if err != nil || got.URL != moved || !slices.Contains(got.Aliases, old) && got.Pages[0].URL != old {
			t.Errorf("show %s: %v, url %s, aliases %q; want %s, the old URL an alias or its page", u, err, got.URL, got.Aliases, moved)
		}
	}
	if h, _ := db.History(old); h == nil || h.URL != moved {
		t.Errorf("history: %+v, want %s", h, moved)
	}
}

// TestAliasFetchKeepsTheURL: a fetch by an alias asked for as itself (no
// redirect, no canonical) finds the document and leaves its URL alone.
func TestAliasFetchKeepsTheURL(t *testing.T) {
	db, _ := openTemp(t, nil)
	const u, alias = "http://a.test/thread-88-1-1.html", "http://a.test/forum.php?mod=viewthread&tid=88"
	if _, err := db.SaveDocument(fetchOf{}.doc(u), []string{u, alias}); err != nil {
		t.Fatal(err)
	}
	d := fetchOf{}.doc(alias)
	d.ContentHash = fetchOf{}.doc(u).ContentHash
	if _, err := db.SaveDocument(d, []string{alias}); err != nil {
		t.Fatal(err)
	}
	if got, err := db.Document(alias, 0); err != nil || got.URL != u {
		t.Errorf("after a fetch by its alias: %v, url %s; want %s", err, got.URL, u)
	}
}
