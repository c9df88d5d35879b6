package bundle

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"folio/internal/bundle/bundletest"
	"folio/store"
)

var updateGolden = flag.Bool("update", false, "rewrite testdata/golden from the current output")

// TestExportGolden exports a small fixed store as plain WARC and compares it
// byte for byte with testdata/golden/export.warc: a response, its request,
// a revisit, a 304 and a document. Run with -update after a deliberate
// change, and read the diff.
func TestExportGolden(t *testing.T) {
	db, err := store.Open(filepath.Join(t.TempDir(), "folio.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	at := time.Date(2020, 2, 22, 5, 22, 11, 0, time.UTC)
	page := []byte("<html><head><meta charset=gbk><title>\xb1\xa8\xb8\xe6</title></head><body><p>\xd6\xd0\xce\xc4</p></body></html>\r\n")
	req := []store.Field{{Name: "Host", Value: "zwgk.example.gov.cn"}, {Name: "Accept-Encoding", Value: "gzip, deflate"}, {Name: "User-Agent", Value: "folio/test"}}
	resp := []store.Field{{Name: "Content-Type", Value: "text/html"}, {Name: "Etag", Value: `"5e50"`}, {Name: "Transfer-Encoding", Value: "chunked"}}
	u := "http://zwgk.example.gov.cn/art/2020/2/22/art_1.html"
	first := &store.Capture{URL: u, Method: "GET", Time: at, IP: "192.0.2.7", RequestHeaders: req,
		Proto: "HTTP/1.1", Status: 200, StatusText: "200 OK", ResponseHeaders: resp}
	again := *first
	again.URL, again.Time = u+"?from=index", at.Add(time.Hour)
	notModified := &store.Capture{URL: u, Method: "GET", Time: at.Add(24 * time.Hour), IP: "192.0.2.7", RequestHeaders: req,
		Proto: "HTTP/1.1", Status: 304, StatusText: "304 Not Modified", ResponseHeaders: []store.Field{{Name: "Etag", Value: `"5e50"`}}}
	res, err := db.PutCapture(first, page)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.PutCapture(&again, page); err != nil {
		t.Fatal(err)
	}
	notModified.RefersTo = res.CaptureID
	if _, err := db.PutCapture(notModified, nil); err != nil {
		t.Fatal(err)
	}
	doc := &store.Document{URL: u, Title: "报告", Text: "中文", Tables: [][][]string{}, Published: "2020-02-22T13:22:11+08:00",
		Pages:       []store.Page{{URL: u, Status: 200, Charset: "gbk", Fetched: at, PayloadDigest: first.PayloadDigest, CaptureID: first.ID}},
		ContentHash: "sha256:0", Attachments: []store.Attachment{}, Complete: true, Aliases: []string{}, Fetched: at}
	if _, err := db.SaveDocument(doc, []string{u + "?from=index"}); err != nil {
		t.Fatal(err)
	}

	out := filepath.Join(t.TempDir(), "export.warc")
	o := ExportOptions{Format: WARC, Operator: "folio tests", Now: at.Add(48 * time.Hour), Software: "folio/0.1.0"}
	if _, err := Export(context.Background(), db, out, o); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	bundletest.ValidateWARC(t, got)
	golden := filepath.Join("testdata", "golden", "export.warc")
	if *updateGolden {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("export differs from %s (run with -update and read the diff):\n%s", golden, got)
	}
}
