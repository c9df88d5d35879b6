package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"folio/warc"
)

// warcioJS runs tools/warcio/validate.mjs (webrecorder's warcio.js, the
// parser ReplayWeb.page uses) on a WARC and its index. The tool is
// installed by `npm ci --prefix tools/warcio`, which .ci/run does; without
// it the test is skipped, except in CI.
func warcioJS(t *testing.T, args ...string) (string, error) {
	t.Helper()
	tool, _ := filepath.Abs(filepath.Join("..", "..", "tools", "warcio"))
	node, err := exec.LookPath("node")
	if _, serr := os.Stat(filepath.Join(tool, "node_modules", "warcio")); err != nil || serr != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("warcio.js is not installed (node: %v); .ci/run installs it", err)
		}
		t.Skip("warcio.js not installed: npm ci --prefix tools/warcio")
	}
	out, err := exec.Command(node, append([]string{filepath.Join(tool, "validate.mjs")}, args...)...).CombinedOutput()
	return strings.TrimSpace(string(out)), err
}

// TestWarcioJSReadsExports: warcio.js reads folio's WARC and the WARC and
// index inside its WACZ, and finds nothing wrong; and it does find a
// broken record, so its silence means something.
func TestWarcioJSReadsExports(t *testing.T) {
	if _, err := warcioJS(t); err == nil {
		t.Fatal("validate.mjs without arguments succeeded")
	}
	_, db := exportFixture(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "out.warc.gz")
	if code, _, stderr := folio(t, "export", "--db", db, "-o", out, "--cdx"); code != 0 {
		t.Fatalf("export: %s", stderr)
	}
	msg, err := warcioJS(t, out, filepath.Join(dir, "out.cdxj"))
	if err != nil {
		t.Fatalf("warcio.js on the WARC: %v\n%s", err, msg)
	}
	t.Log(msg)

	wacz := filepath.Join(dir, "out.wacz")
	if code, _, stderr := folio(t, "export", "--db", db, "-o", wacz); code != 0 {
		t.Fatalf("export: %s", stderr)
	}
	files := unzip(t, wacz)
	os.WriteFile(filepath.Join(dir, "data.warc.gz"), files["archive/data.warc.gz"], 0o644)
	os.WriteFile(filepath.Join(dir, "index.cdxj"), files["indexes/index.cdxj"], 0o644)
	if msg, err := warcioJS(t, filepath.Join(dir, "data.warc.gz"), filepath.Join(dir, "index.cdxj")); err != nil {
		t.Fatalf("warcio.js on the WACZ's WARC: %v\n%s", err, msg)
	}

	// A response whose payload digest lies, and whose Content-Length
	// does not match its body.
	payload := []byte("<p>hello</p>")
	head := warc.AppendHTTPHeader(nil, "HTTP/1.1 200 OK", warc.Header{{Name: "Content-Length", Value: "99"}})
	block := append(head, payload...)
	var buf bytes.Buffer
	w := warc.NewWriter(&buf, nil)
	for _, h := range []warc.Header{
		{{Name: warc.FieldType, Value: warc.TypeWarcinfo}, {Name: warc.FieldRecordID, Value: "<urn:uuid:00000000-0000-5000-8000-000000000001>"},
			{Name: warc.FieldDate, Value: "2020-02-22T05:22:11Z"}, {Name: warc.FieldContentLength, Value: "0"}},
		{{Name: warc.FieldType, Value: warc.TypeResponse}, {Name: warc.FieldRecordID, Value: "<urn:uuid:00000000-0000-5000-8000-000000000002>"},
			{Name: warc.FieldDate, Value: "2020-02-22T05:22:11Z"}, {Name: warc.FieldTargetURI, Value: "http://a.test/"},
			{Name: warc.FieldContentType, Value: warc.ContentTypeHTTPResponse}, {Name: warc.FieldPayloadDigest, Value: warc.Digest([]byte("other"))},
			{Name: warc.FieldContentLength, Value: strconv.Itoa(len(block))}},
	} {
		bw, err := w.Create(h)
		if err != nil {
			t.Fatal(err)
		}
		if h.Get(warc.FieldType) == warc.TypeResponse {
			bw.Write(block)
		}
	}
	w.Close()
	broken := filepath.Join(dir, "broken.warc.gz")
	os.WriteFile(broken, buf.Bytes(), 0o644)
	if msg, err := warcioJS(t, broken); err == nil || !strings.Contains(msg, "payload digest") || !strings.Contains(msg, "Content-Length") {
		t.Errorf("warcio.js on a broken WARC: %v\n%s", err, msg)
	}
}
