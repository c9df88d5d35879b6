package bundle

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"folio/internal/bundle/bundletest"
	"folio/store"
	"folio/warc"
)

// TestExportFilters: Filter.URL and Filter.Since select captures; a
// revisit whose original is not in the export becomes a full response,
// and a 304's confirmed response is carried along.
func TestExportFilters(t *testing.T) {
	srv, db := exportFixture(t)
	dir := t.TempDir()
	export := func(name string, f Filter) string {
		t.Helper()
		out := filepath.Join(dir, name)
		if _, err := Export(context.Background(), db, out, ExportOptions{Format: WARC, Filter: f}); err != nil {
			t.Fatalf("export %+v: %v", f, err)
		}
		data, _ := os.ReadFile(out)
		bundletest.ValidateWARC(t, data)
		return out
	}
	one := export("one.warc.gz", Filter{URL: srv.URL + bundletest.GzipPage})
	types := map[string]int{}
	for _, r := range bundletest.ReadWARC(t, one) {
		if r.Type() != warc.TypeWarcinfo && !strings.HasSuffix(r.TargetURI(), bundletest.GzipPage) {
			t.Errorf("URL export holds %s %s", r.Type(), r.TargetURI())
		}
		types[r.Type()]++
	}
	if types[warc.TypeResponse] != 1 || types[warc.TypeRevisit] != 1 || types[warc.TypeMetadata] != 1 {
		t.Errorf("URL export: %v", types)
	}

	// Since after the first fetches: the second fetch of each page is
	// the first in the export to carry its payload, so it is a response.
	var secondAt, notModifiedAt time.Time
	n := 0
	db.CapturesOf(srv.URL+bundletest.GBKPage, func(c *store.Capture) error {
		if n++; n == 2 {
			secondAt = c.Time
		}
		if c.Status == 304 {
			notModifiedAt = c.Time
		}
		return nil
	})
	since := export("since.warc.gz", Filter{Since: secondAt})
	for _, r := range bundletest.ReadWARC(t, since) {
		if r.Type() == warc.TypeRevisit && r.Header.Get(warc.FieldProfile) == warc.ProfileIdenticalPayload {
			t.Errorf("Since export has a revisit of %s whose original it does not hold", r.TargetURI())
		}
	}
	bundletest.AssertRevisitsResolve(t, since)

	// Since at the 304: the response it confirmed, fetched before, is
	// carried along so that the revisit resolves within the file.
	late := export("late.warc.gz", Filter{Since: notModifiedAt})
	types = map[string]int{}
	for _, r := range bundletest.ReadWARC(t, late) {
		types[r.Type()+" "+r.Header.Get(warc.FieldProfile)]++
	}
	if types["revisit "+warc.ProfileServerNotModified] != 1 || types["response "] < 1 {
		t.Errorf("Since at the 304: records %v, want its revisit and the response it confirmed", types)
	}
	bundletest.AssertRevisitsResolve(t, late)
}

// TestExportURLNotStored: an export of a URL the store does not know
// fails, naming the URL, and writes nothing.
func TestExportURLNotStored(t *testing.T) {
	db := tempStore(t)
	dir := t.TempDir()
	u := "http://nowhere.test/a.html"
	res, err := Export(context.Background(), db, filepath.Join(dir, "x.jsonl"), ExportOptions{Format: JSONL, Filter: Filter{URL: u}})
	if res != nil || !errors.Is(err, store.ErrNotFound) || !strings.HasPrefix(err.Error(), u+": ") {
		t.Errorf("export of %s: %v, %v; want no result and an error naming it", u, res, err)
	}
	if names, _ := os.ReadDir(dir); len(names) != 0 {
		t.Errorf("files left: %v", names)
	}
}

// TestExportURLAlias: Filter.URL may be any URL the store finds the
// document by; the export is of the document under its own URL.
func TestExportURLAlias(t *testing.T) {
	db := tempStore(t)
	at := time.Date(2020, 2, 22, 5, 22, 11, 0, time.UTC)
	u, alias := "http://a.test/art/1.html", "http://a.test/art/1.html?from=index"
	doc := &store.Document{URL: u, Title: "报告", Text: "中文", Pages: []store.Page{{URL: u, Status: 200, Fetched: at}},
		ContentHash: "sha256:0", Complete: true, Fetched: at}
	if _, err := db.SaveDocument(doc, []string{alias}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "x.jsonl")
	res, err := Export(context.Background(), db, out, ExportOptions{Format: JSONL, Filter: Filter{URL: alias}})
	if err != nil || res.Documents != 1 {
		t.Fatalf("export of the alias %s: %+v, %v", alias, res, err)
	}
	data, _ := os.ReadFile(out)
	var got store.Document
	if err := json.Unmarshal(data, &got); err != nil || got.URL != u {
		t.Errorf("exported %q (%v), want the document %s", data, err, u)
	}
}

// TestExportSiteAfterAMove: a site that moved host (old.test to new.test)
// keeps its documents under the new host, their pages fetched at the old
// one: an export of the new host holds those captures too, and those of
// its old addresses, so that every document and URL it lists replays;
// other captures of the old host stay out.
func TestExportSiteAfterAMove(t *testing.T) {
	db := tempStore(t)
	at := time.Date(2026, 11, 26, 4, 0, 0, 0, time.UTC)
	page := []byte("<html><body><p>湘东区召开春耕生产工作会议</p></body></html>")
	other := []byte("<html><body><p>another page of the old host</p></body></html>")
	capture := func(u string, at time.Time) *store.Capture {
		return &store.Capture{URL: u, Method: "GET", Time: at, Proto: "HTTP/1.1", Status: 200, StatusText: "200 OK",
			ResponseHeaders: []store.Field{{Name: "Content-Type", Value: "text/html"}}}
	}
	redirect := func(u, to string, at time.Time) *store.Capture {
		c := capture(u, at)
		c.Status, c.StatusText, c.ResponseHeaders = 301, "301 Moved Permanently", []store.Field{{Name: "Location", Value: to}}
		return c
	}
	// The old address redirects twice: through a hop that is neither a
	// page nor an alias of the document.
	moved := redirect("http://old.test/old.html", "/tmp.html", at.Add(2*time.Second))
	hop := redirect("http://old.test/tmp.html", "http://new.test/a/1.html", at.Add(3*time.Second))
	res, err := db.PutCaptures([]*store.Capture{capture("http://old.test/a/1.html", at), capture("http://old.test/b.html", at.Add(time.Second)), moved, hop},
		[][]byte{page, other, []byte("moved"), []byte("moved on")})
	if err != nil {
		t.Fatal(err)
	}
	doc := &store.Document{URL: "http://new.test/a/1.html", Title: "湘东区召开春耕生产工作会议", Text: "湘东区召开春耕生产工作会议",
		ContentHash: "sha256:1", Complete: true, Fetched: at,
		Pages: []store.Page{{URL: "http://old.test/a/1.html", Status: 200, Fetched: at, PayloadDigest: store.Digest(page), CaptureID: res[0].CaptureID}}}
	if _, err := db.SaveDocument(doc, []string{"http://old.test/a/1.html", "http://old.test/old.html"}); err != nil {
		t.Fatal(err)
	}
	for _, filter := range []Filter{{Site: "new.test"}, {URL: "http://new.test/a/1.html"}} {
		out := filepath.Join(t.TempDir(), "new.warc.gz")
		if _, err := Export(context.Background(), db, out, ExportOptions{Format: WARC, Filter: filter}); err != nil {
			t.Fatal(err)
		}
		var uris []string
		for _, r := range bundletest.ReadWARC(t, out) {
			if r.Type() == warc.TypeResponse {
				uris = append(uris, r.TargetURI())
			}
		}
		if !slices.Equal(uris, []string{"http://old.test/a/1.html", "http://old.test/old.html", "http://old.test/tmp.html"}) {
			t.Errorf("%+v: responses %v; want the document's page, fetched at the old host, and its old address's redirects, alone", filter, uris)
		}
	}
}
