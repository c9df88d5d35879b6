package main

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"folio/store"
	"folio/warc"
)

// TestCrawledDocumentsLinkTheirCaptures: a crawl stores an article's
// captures with its crawl step in one commit, which is when they get their
// ids. The document must still name them — its pages and its attachments —
// when the column links the article at a tracking variant of its URL
// (?from=index): the WARC's metadata record refers to page 1's response and
// is concurrent with every capture it was read from, and the WACZ's
// pages.jsonl names a URL its index holds.
func TestCrawledDocumentsLinkTheirCaptures(t *testing.T) {
	site, srv := newAttachmentSite(t)
	const variant = "/zwgk/2020/123.html?from=index"
	site.mu.Lock()
	site.files["/zwgk/"] = served{"text/html", "", gbkBytes(t, `<html><head><meta charset="gbk"><title>政务公开</title></head><body>
<ul class="list"><li><a href="`+variant+`">芦淞区2019年政府信息公开年度报告</a> 2020-02-22</li></ul></body></html>`)}
	site.files["/"] = site.files["/zwgk/"] // the article's navigation links the home page
	site.files[variant] = site.files["/zwgk/2020/123.html"]
	site.mu.Unlock()
	db := tempDB(t)
	if code, _, stderr := folio(t, append(append([]string{"crawl", "--db", db}, fastFlags...), srv.URL+"/zwgk/")...); code != 0 {
		t.Fatalf("crawl: exit %d: %s", code, stderr)
	}
	docURL := srv.URL + "/zwgk/2020/123.html"
	_, out, _ := folio(t, "show", "--db", db, "--format", "json", docURL)
	var d store.Document
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatalf("show: %v: %s", err, out)
	}
	if d.URL != docURL || len(d.Attachments) != 6 || !slices.Contains(d.Aliases, srv.URL+variant) {
		t.Fatalf("crawled document: url %s, %d attachments, aliases %v", d.URL, len(d.Attachments), d.Aliases)
	}

	dir := t.TempDir()
	out = filepath.Join(dir, "crawl.warc.gz")
	if code, _, stderr := folio(t, "export", "--db", db, "-o", out); code != 0 {
		t.Fatalf("export: exit %d: %s", code, stderr)
	}
	recs := readWARC(t, out)
	byID := map[string]*record{}
	for _, r := range recs {
		byID[r.ID()] = r
	}
	var meta *record
	for _, r := range recs {
		if r.Type() == warc.TypeMetadata && r.TargetURI() == "urn:folio:document:"+docURL {
			meta = r
		}
	}
	if meta == nil {
		t.Fatal("no metadata record for the document")
	}
	page1 := byID[warc.RecordID(meta.Header.Get(warc.FieldRefersTo))]
	if page1 == nil || page1.Type() != warc.TypeResponse || page1.TargetURI() != srv.URL+variant {
		t.Errorf("metadata record refers to %v, want the response of %s", page1, variant)
	}
	// Concurrent with the page and the six attachments, each a capture
	// record of the export.
	var linked []string
	for _, f := range meta.Header {
		if f.Name != warc.FieldConcurrentTo {
			continue
		}
		r := byID[warc.RecordID(f.Value)]
		if r == nil || (r.Type() != warc.TypeResponse && r.Type() != warc.TypeRevisit) {
			t.Errorf("WARC-Concurrent-To %s names no capture record of the export", f.Value)
			continue
		}
		linked = append(linked, r.TargetURI())
	}
	want := []string{srv.URL + variant}
	for _, a := range d.Attachments {
		want = append(want, a.URL)
	}
	slices.Sort(linked)
	slices.Sort(want)
	if !slices.Equal(linked, want) {
		t.Errorf("metadata record concurrent with\n%v\nwant\n%v", linked, want)
	}

	// The WACZ's page entry is a URL (and time) its index holds.
	wacz := filepath.Join(dir, "crawl.wacz")
	if code, _, stderr := folio(t, "export", "--db", db, "-o", wacz); code != 0 {
		t.Fatalf("export: exit %d: %s", code, stderr)
	}
	files := unzip(t, wacz)
	indexed := map[string]bool{}
	for _, l := range strings.Split(strings.TrimSpace(string(files[warc.WACZIndexPath])), "\n") {
		var e struct{ URL string }
		if _, js, ok := strings.Cut(l, " {"); ok && json.Unmarshal([]byte("{"+js), &e) == nil {
			indexed[e.URL] = true
		}
	}
	lines := strings.Split(strings.TrimSpace(string(files[warc.WACZPagesPath])), "\n")
	if len(lines) != 2 {
		t.Fatalf("pages.jsonl:\n%s", files[warc.WACZPagesPath])
	}
	var p struct{ URL string }
	json.Unmarshal([]byte(lines[1]), &p)
	if !indexed[p.URL] {
		t.Errorf("pages.jsonl names %s, which the index does not hold: %v", p.URL, indexed)
	}
}
