package store

import (
	"slices"
	"testing"
	"time"
)

// TestSameArticleStoredTwiceIsMerged: a portal moved from a.test to
// b.test; the article's new address was archived by hand (a second
// document) before the crawl met the old address's redirect. The fetch
// that goes from the old URL to the new one — saved whole, or as an alias
// of a page read already — makes them one document at the new URL, its
// versions in the order they were first seen, equal neighbours one
// version, the old URL an alias; a walk of the documents meets it once.
func TestSameArticleStoredTwiceIsMerged(t *testing.T) {
	const (
		oldURL = "http://a.test/xwdt/2025/0301/1.html"
		newURL = "http://b.test/xwdt/2025/0301/1.html"
	)
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	fetch := func(u string, f fetchOf, hour int) *Document {
		d := f.doc(u)
		d.Fetched = t0.Add(time.Duration(hour) * time.Hour)
		return d
	}
	for _, tc := range []struct {
		name string
		// the edit of each stored fetch: old URL at hours 0 and 1, the
		// new one (by hand) at hour 2
		oldEdits [2]string
		newEdit  string
		viaAlias bool // the last fetch is an alias (a redirect to a page read already)
		want     []Version
	}{
		{name: "same content, saved through the redirect", want: []Version{
			{Version: 1, FirstSeen: t0, LastSeen: t0.Add(3 * time.Hour), UnchangedRefetches: 3}}},
		{name: "same content, an alias", viaAlias: true, want: []Version{
			{Version: 1, FirstSeen: t0, LastSeen: t0.Add(2 * time.Hour), UnchangedRefetches: 2}}},
		{name: "edited before the move", oldEdits: [2]string{"", "更正"}, newEdit: "更正", want: []Version{
			{Version: 1, FirstSeen: t0, LastSeen: t0},
			{Version: 2, FirstSeen: t0.Add(time.Hour), LastSeen: t0.Add(3 * time.Hour), UnchangedRefetches: 2}}},
		{name: "edited at the new address", newEdit: "更正", viaAlias: true, want: []Version{
			{Version: 1, FirstSeen: t0, LastSeen: t0.Add(time.Hour), UnchangedRefetches: 1},
			{Version: 2, FirstSeen: t0.Add(2 * time.Hour), LastSeen: t0.Add(2 * time.Hour)}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db, _ := openTemp(t, nil)
			for i, edit := range tc.oldEdits {
				if _, err := db.SaveDocument(fetch(oldURL, fetchOf{edit: edit}, i), nil); err != nil {
					t.Fatal(err)
				}
			}
			if res, err := db.SaveDocument(fetch(newURL, fetchOf{edit: tc.newEdit}, 2), nil); err != nil || !res.New {
				t.Fatalf("archive of the new address: %+v, %v; want a new document", res, err)
			}
			if tc.viaAlias {
				if err := db.AddAliases(newURL, []string{oldURL}); err != nil {
					t.Fatal(err)
				}
			} else if _, err := db.SaveDocument(fetch(newURL, fetchOf{edit: tc.newEdit}, 3), []string{oldURL}); err != nil {
				t.Fatal(err)
			}

			var urls []string
			if err := db.Documents(DocumentFilter{}, func(d *Document) error { urls = append(urls, d.URL); return nil }); err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(urls, []string{newURL}) {
				t.Errorf("documents %v, want one at %s", urls, newURL)
			}
			for _, u := range []string{oldURL, newURL} {
				h, err := db.History(u)
				if err != nil {
					t.Fatalf("history of %s: %v", u, err)
				}
				got := slices.Clone(h.Versions)
				for i := range got {
					got[i].ContentHash = ""
				}
				if h.URL != newURL || !slices.Equal(got, tc.want) {
					t.Errorf("history of %s: %s %+v; want %s %+v", u, h.URL, got, newURL, tc.want)
				}
				for n := range tc.want {
					d, err := db.Document(u, n+1)
					if err != nil || d.URL != newURL || d.Version != n+1 {
						t.Errorf("show --version %d of %s: %+v, %v", n+1, u, d, err)
					}
				}
			}
			d, err := db.Document(newURL, 0)
			if err != nil || !slices.Contains(d.Aliases, oldURL) {
				t.Errorf("the merged document's aliases: %+v, %v; want %s", d, err, oldURL)
			}
			versions := 0
			if err := db.DocumentVersions(VersionFilter{}, func(*Document) error { versions++; return nil }); err != nil {
				t.Fatal(err)
			}
			if versions != len(tc.want) {
				t.Errorf("%d versions exported, want %d", versions, len(tc.want))
			}
		})
	}
}

// TestAnotherArticleIsNotMerged: a site that sends a deleted notice's URL
// to another article (its newest) does not make them one document.
func TestAnotherArticleIsNotMerged(t *testing.T) {
	const (
		deleted = "http://a.test/tzgg/2025/0301/1.html"
		newest  = "http://a.test/tzgg/2025/0601/9.html"
	)
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	db, _ := openTemp(t, nil)
	a := fetchOf{}.doc(deleted)
	a.Fetched = t0
	b := fetchOf{edit: "另一篇"}.doc(newest)
	b.Title, b.Fetched = "关于开展夏季安全检查的通知", t0.Add(time.Hour)
	for _, d := range []*Document{a, b} {
		if _, err := db.SaveDocument(d, nil); err != nil {
			t.Fatal(err)
		}
	}
	again := fetchOf{edit: "另一篇"}.doc(newest)
	again.Title, again.Fetched = b.Title, t0.Add(2*time.Hour)
	if _, err := db.SaveDocument(again, []string{deleted}); err != nil {
		t.Fatal(err)
	}
	for _, u := range []string{deleted, newest} {
		if d, err := db.Document(u, 0); err != nil || d.URL != u {
			t.Errorf("%s leads to %+v, %v; want its own document", u, d, err)
		}
	}
}
