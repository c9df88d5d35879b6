package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"folio/internal/bundle/bundletest"
	"folio/store"
	"folio/warc"
)

// record is a WARC record read back in a test, block included.
type record struct {
	*bundletest.Record
	block []byte
}

func (r *record) payload(t *testing.T) (*warc.HTTPHeader, []byte) { return r.Payload(t) }

// readWARC reads every record of a WARC file with folio's reader.
func readWARC(t *testing.T, path string) []*record {
	t.Helper()
	var recs []*record
	for _, r := range bundletest.ReadWARC(t, path) {
		recs = append(recs, &record{r, r.Block})
	}
	return recs
}

const (
	gbkPage  = bundletest.GBKPage
	gzipPage = bundletest.GzipPage
)

// exportFixture archives the GBK page and the gzip page twice (the second
// fetches are identical payloads: revisits) and adds a 304 answer, a
// truncated capture and a failed fetch to the store.
func exportFixture(t *testing.T) (srv *bundletest.ByteServer, db string) {
	t.Helper()
	srv = bundletest.NewByteServer(t, portalDir, portalHandler(portalDir))
	db = tempDB(t)
	// Pages only: attachments and requisites have their own tests.
	for range 2 {
		archiveJSONWith(t, db, []string{"--requisites=false", "--no-attachments"}, srv.URL+gbkPage, srv.URL+gzipPage)
	}
	st, err := store.Open(db, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	bundletest.AddOddCaptures(t, st, srv.URL)
	return srv, db
}

// TestExportWARC exports the fixture and checks every record: with
// gowarc (digests recomputed), and against the bytes the server sent.
func TestExportWARC(t *testing.T) {
	srv, db := exportFixture(t)
	out := filepath.Join(t.TempDir(), "out.warc.gz")
	code, stdout, stderr := folio(t, "export", "--db", db, "-o", out, "--cdx", "--operator", "Test Operator <t@example.org>")
	if code != 0 {
		t.Fatalf("export: exit %d: %s", code, stderr)
	}
	// Each archive run also stored its robots.txt fetch (a 404 here: one
	// response, then one revisit).
	if !strings.Contains(stdout, "4 revisits") || !strings.Contains(stdout, "1 fetches without a response") {
		t.Errorf("summary: %s", stdout)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	recs := readWARC(t, out)
	if n := bundletest.ValidateWARC(t, data); n != len(recs) {
		t.Fatalf("gowarc read %d records, folio %d", n, len(recs))
	}

	byID := map[string]*record{}
	count := map[string]int{}
	for i, r := range recs {
		if !strings.HasSuffix(r.Header.Get(warc.FieldTargetURI), "/robots.txt") {
			count[r.Type()]++
		}
		if byID[r.ID()] != nil || !strings.HasPrefix(r.ID(), "urn:uuid:") {
			t.Errorf("record %d: id %q not unique or not a urn:uuid", i, r.ID())
		}
		byID[r.ID()] = r
		if !strings.HasPrefix(r.Header.Get(warc.FieldRecordID), "<urn:uuid:") {
			t.Errorf("record %d: WARC-Record-ID %q without <>", i, r.Header.Get(warc.FieldRecordID))
		}
		if u := r.Header.Get(warc.FieldTargetURI); strings.HasPrefix(u, "<") {
			t.Errorf("record %d: target URI in angle brackets: %s", i, u)
		}
		if d := r.Header.Get(warc.FieldDate); !warcDate.MatchString(d) {
			t.Errorf("record %d: WARC-Date %q is not UTC, to the second or finer", i, d)
		}
		if i > 0 && r.Header.Get(warc.FieldWarcinfoID) != recs[0].Header.Get(warc.FieldRecordID) {
			t.Errorf("record %d: WARC-Warcinfo-ID does not name the warcinfo record", i)
		}
	}
	if recs[0].Type() != warc.TypeWarcinfo || !bytes.Contains(recs[0].block, []byte("operator: Test Operator <t@example.org>\r\n")) ||
		!bytes.Contains(recs[0].block, []byte("software: folio/")) || !bytes.Contains(recs[0].block, []byte("robots: classic\r\n")) {
		t.Errorf("warcinfo:\n%s", recs[0].block)
	}
	// The first fetch of each page and the truncated capture are
	// responses; the second fetches and the 304 are revisits; the truncated
	// capture has no request recorded; two document versions. (robots.txt
	// records are not counted.)
	if count[warc.TypeResponse] != 3 || count[warc.TypeRevisit] != 3 || count[warc.TypeMetadata] != 2 || count[warc.TypeRequest] != 5 {
		t.Errorf("record types: %v", count)
	}

	for _, r := range recs {
		switch r.Type() {
		case warc.TypeResponse:
			checkResponse(t, srv, r)
		case warc.TypeRevisit:
			checkRevisit(t, r, byID)
		case warc.TypeRequest:
			resp := byID[warc.RecordID(r.Header.Get(warc.FieldConcurrentTo))]
			if resp == nil || warc.RecordID(resp.Header.Get(warc.FieldConcurrentTo)) != r.ID() {
				t.Errorf("request %s is not linked both ways to its response", r.TargetURI())
			}
		case warc.TypeMetadata:
			var d store.Document
			if err := json.Unmarshal(r.block, &d); err != nil || d.Title == "" || d.Text == "" {
				t.Errorf("metadata record: %v %q", err, r.block)
			}
			page1 := byID[warc.RecordID(r.Header.Get(warc.FieldRefersTo))]
			if page1 == nil || page1.TargetURI() != d.Pages[0].URL || r.TargetURI() != "urn:folio:document:"+d.URL {
				t.Errorf("metadata of %s: refers to %v, target %s", d.URL, page1, r.TargetURI())
			}
		}
	}
	checkCDXJ(t, strings.TrimSuffix(out, ".warc.gz")+".cdxj", data, "out.warc.gz", recs)
}

// checkResponse: the payload is the bytes the server sent (a GBK page as
// GBK, a gzip page as gzip), de-chunked, with Content-Length stating it
// and no Transfer-Encoding.
func checkResponse(t *testing.T, srv *bundletest.ByteServer, r *record) {
	t.Helper()
	head, payload := r.payload(t)
	if got := head.Fields.Get("Content-Length"); got != strconv.Itoa(len(payload)) {
		t.Errorf("%s: Content-Length %q for a %d-byte payload", r.TargetURI(), got, len(payload))
	}
	if head.Fields.Has("Transfer-Encoding") {
		t.Errorf("%s: Transfer-Encoding kept", r.TargetURI())
	}
	if r.Header.Get(warc.FieldPayloadDigest) != warc.Digest(payload) || r.Header.Get(warc.FieldBlockDigest) != warc.Digest(r.block) {
		t.Errorf("%s: digests do not match the record", r.TargetURI())
	}
	path := strings.TrimPrefix(r.TargetURI(), srv.URL)
	switch path {
	case gbkPage, gzipPage:
		if sent := srv.Sent(path); !bytes.Equal(payload, sent) {
			t.Errorf("%s: payload (%d bytes) is not what the server sent (%d bytes)", path, len(payload), len(sent))
		}
		if path == gzipPage && (head.Fields.Get("Content-Encoding") != "gzip" || !bytes.HasPrefix(payload, []byte{0x1f, 0x8b})) {
			t.Errorf("%s: Content-Encoding %q, payload not gzip", path, head.Fields.Get("Content-Encoding"))
		}
		if path == gbkPage && !bytes.Contains(payload, []byte("\x86\xb4")) { // 喆 in GBK
			t.Errorf("%s: payload is not the GBK bytes", path)
		}
	case "/uploads/big.bin":
		if r.Header.Get(warc.FieldTruncated) != "length" || len(payload) != 1000 {
			t.Errorf("truncated capture: WARC-Truncated %q, %d bytes", r.Header.Get(warc.FieldTruncated), len(payload))
		}
	}
}

func checkRevisit(t *testing.T, r *record, byID map[string]*record) {
	t.Helper()
	orig := byID[warc.RecordID(r.Header.Get(warc.FieldRefersTo))]
	if orig == nil || orig.Type() != warc.TypeResponse {
		t.Fatalf("revisit of %s refers to %v, not a response in the file", r.TargetURI(), orig)
	}
	if r.Header.Get(warc.FieldRefersToTargetURI) != orig.TargetURI() || r.Header.Get(warc.FieldRefersToDate) != orig.Header.Get(warc.FieldDate) {
		t.Errorf("revisit of %s: Refers-To-Target-URI %q Date %q, the response is %s at %s", r.TargetURI(),
			r.Header.Get(warc.FieldRefersToTargetURI), r.Header.Get(warc.FieldRefersToDate), orig.TargetURI(), orig.Header.Get(warc.FieldDate))
	}
	head, rest := r.payload(t)
	_, code, _ := head.Status()
	wantProfile, wantDigest := warc.ProfileIdenticalPayload, orig.Header.Get(warc.FieldPayloadDigest)
	if code == 304 {
		// A 304 had no payload: its revisit names none (warcio's
		// conformance rules prohibit one).
		wantProfile, wantDigest = warc.ProfileServerNotModified, ""
	}
	if got := r.Header.Get(warc.FieldPayloadDigest); got != wantDigest {
		t.Errorf("revisit of %s (HTTP %d): payload digest %q, want %q", r.TargetURI(), code, got, wantDigest)
	}
	if r.Header.Get(warc.FieldProfile) != wantProfile || len(rest) != 0 {
		t.Errorf("revisit of %s (HTTP %d): profile %q, %d bytes after the head", r.TargetURI(), code, r.Header.Get(warc.FieldProfile), len(rest))
	}
}

// checkCDXJ: sorted, one line per response and revisit except a 304's
// (server-not-modified: replay would serve it as an empty page), and each
// line's offset and length cut out exactly one gzip member holding that
// record.
func checkCDXJ(t *testing.T, path string, data []byte, filename string, recs []*record) {
	t.Helper()
	idx, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(idx), "\n"), "\n")
	if !slices.IsSorted(lines) {
		t.Error("CDXJ lines are not sorted")
	}
	want := 0
	for _, r := range recs {
		if r.Type() == warc.TypeResponse || r.Type() == warc.TypeRevisit && r.Header.Get(warc.FieldProfile) != warc.ProfileServerNotModified {
			want++
		}
	}
	if len(lines) != want {
		t.Errorf("%d CDXJ lines for %d responses and revisits (304s left out)", len(lines), want)
	}
	for _, line := range lines {
		e, err := warc.ParseCDXJLine(line)
		if err != nil {
			t.Fatal(err)
		}
		if e.Filename != filename || !strings.HasPrefix(line, warc.SURT(e.URL)+" ") {
			t.Errorf("line %q: filename or key wrong", line)
		}
		member := data[e.Offset : e.Offset+e.Length]
		if bundletest.ValidateWARC(t, member) != 1 {
			t.Errorf("line %q: offset and length do not cut out one record", line)
		}
		r, _ := warc.NewReader(bytes.NewReader(member))
		rec, err := r.Next()
		if err != nil {
			t.Errorf("line %q: %v", line, err)
			continue
		}
		at, _ := rec.Date() // the line's timestamp is to the millisecond
		if rec.TargetURI() != e.URL || !at.Truncate(time.Millisecond).Equal(e.Time) ||
			rec.Header.Get(warc.FieldPayloadDigest) != e.Digest {
			t.Errorf("line %q lands on %v (%v)", line, rec, err)
		}
		if (rec.Type() == warc.TypeRevisit) != (e.Mime == "warc/revisit") {
			t.Errorf("line %q: mime %s for a %s record", line, e.Mime, rec.Type())
		}
		// ReplayWeb.page (wabac.js) answers a line of status 304 with an
		// empty 304 and never looks for the response it confirmed: the
		// URL would replay as a blank page.
		if e.Status == 304 {
			t.Errorf("line %q: a 304 in the replay index replays as an empty page", line)
		}
	}
}

// verifyWACZ checks the WACZ at path with warc.VerifyWACZ: its zip
// layout, datapackage digests and index offsets.
func verifyWACZ(t *testing.T, path string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	if err := warc.VerifyWACZ(f, st.Size()); err != nil {
		t.Fatal(err)
	}
}

func TestExportWACZ(t *testing.T) {
	_, db := exportFixture(t)
	out := filepath.Join(t.TempDir(), "out.wacz")
	if code, _, stderr := folio(t, "export", "--db", db, "-o", out); code != 0 {
		t.Fatalf("export: exit %d: %s", code, stderr)
	}
	verifyWACZ(t, out)
	files := unzip(t, out)
	bundletest.ValidateWARC(t, files["archive/data.warc.gz"])
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "data.warc.gz"), files["archive/data.warc.gz"], 0o644)
	os.WriteFile(filepath.Join(dir, "index.cdxj"), files["indexes/index.cdxj"], 0o644)
	checkCDXJ(t, filepath.Join(dir, "index.cdxj"), files["archive/data.warc.gz"], "data.warc.gz", readWARC(t, filepath.Join(dir, "data.warc.gz")))

	// pages.jsonl: a header line, then one line per document with its
	// title in UTF-8 (the pages are GBK).
	lines := strings.Split(strings.TrimSpace(string(files["pages/pages.jsonl"])), "\n")
	if len(lines) != 3 || !strings.Contains(lines[0], `"format":"json-pages-1.0"`) {
		t.Fatalf("pages.jsonl:\n%s", files["pages/pages.jsonl"])
	}
	titles := map[string]bool{}
	for _, l := range lines[1:] {
		var p struct{ URL, TS, Title string }
		if err := json.Unmarshal([]byte(l), &p); err != nil {
			t.Fatal(err)
		}
		if _, err := time.Parse(time.RFC3339, p.TS); err != nil || p.URL == "" {
			t.Errorf("page line %s", l)
		}
		titles[p.Title] = true
	}
	for _, want := range []string{"芦淞区开展“学雷锋”志愿服务活动", "预计五一要火!超多影视剧同款,长沙这些“机位”别错过"} {
		if !titles[want] {
			t.Errorf("pages.jsonl lacks the title %q: %v", want, titles)
		}
	}
}

func unzip(t *testing.T, path string) map[string][]byte {
	t.Helper()
	zr, err := zipOpen(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	files := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		files[f.Name], err = io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
	return files
}

// TestExportJSONLIsListJSONText: the JSONL bundle is what `list --json
// --text` prints.
func TestExportJSONLIsListJSONText(t *testing.T) {
	_, db := exportFixture(t)
	out := filepath.Join(t.TempDir(), "docs.jsonl")
	if code, _, stderr := folio(t, "export", "--db", db, "--format", "jsonl", "-o", out); code != 0 {
		t.Fatalf("export: exit %d: %s", code, stderr)
	}
	got, _ := os.ReadFile(out)
	_, want, _ := folio(t, "list", "--db", db, "--json", "--text")
	if string(got) != want || len(decodeDocs(t, want)) != 2 {
		t.Errorf("jsonl export differs from list --json --text:\n%s\n---\n%s", got, want)
	}
}

// TestExportImportExport: a crawl of the sample portal, exported, imported
// into a fresh store and exported again, gives the same documents.
func TestExportImportExport(t *testing.T) {
	srv := servePortal(t, nil)
	db := tempDB(t)
	args := append([]string{"crawl", "--db", db}, fastFlags...)
	if code, _, stderr := folio(t, append(args, srv.URL+"/")...); code != 0 {
		t.Fatalf("crawl: exit %d: %s", code, stderr)
	}
	dir := t.TempDir()
	bundle := filepath.Join(dir, "crawl.warc.gz")
	if code, _, stderr := folio(t, "export", "--db", db, "-o", bundle); code != 0 {
		t.Fatalf("export: %s", stderr)
	}
	fresh := filepath.Join(dir, "fresh.db")
	code, stdout, stderr := folio(t, "import", "--db", fresh, bundle)
	if code != 0 {
		t.Fatalf("import: exit %d: %s\n%s", code, stdout, stderr)
	}
	// Importing the same file again stores nothing new.
	if code, stdout, _ := folio(t, "import", "--db", fresh, bundle); code != 0 || !strings.Contains(stdout, " 0 captures stored") {
		t.Errorf("second import: exit %d: %s", code, stdout)
	}
	_, before, _ := folio(t, "list", "--db", db, "--json", "--text")
	_, after, _ := folio(t, "list", "--db", fresh, "--json", "--text")
	// Printed to the second, as a crawl's documents are, however exactly
	// the WARC dated the fetches.
	fraction := regexp.MustCompile(`T\d\d:\d\d:\d\d\.\d+`)
	if m := fraction.FindString(after); m != "" {
		t.Errorf("a time printed with a fraction after import: %s", m)
	}
	a, b := decodeDocs(t, before), decodeDocs(t, after)
	if _, h, _ := folio(t, "history", "--db", fresh, "--json", a[0].URL); fraction.MatchString(h) {
		t.Errorf("history after import prints fractions: %s", h)
	}
	if len(a) != len(loadExpected(t)) || len(a) != len(b) {
		t.Fatalf("%d documents crawled, %d after import", len(a), len(b))
	}
	byURL := map[string]store.Document{}
	for _, d := range b {
		byURL[d.URL] = d
	}
	for _, d := range a {
		got, ok := byURL[d.URL]
		if !ok {
			t.Errorf("%s: missing after import", d.URL)
			continue
		}
		// When the content was last seen: the crawl's clock at saving, the
		// pages' fetch time after import.
		d.Fetched, got.Fetched = time.Time{}, time.Time{}
		dj, _ := json.Marshal(d)
		gj, _ := json.Marshal(got)
		if !bytes.Equal(dj, gj) {
			t.Errorf("%s differs after import:\n%s\n%s", d.URL, dj, gj)
		}
	}
	// And the re-export holds the same captures.
	again := filepath.Join(dir, "again.warc.gz")
	if code, _, stderr := folio(t, "export", "--db", fresh, "-o", again); code != 0 {
		t.Fatalf("export: %s", stderr)
	}
	if x, y := captureDigests(t, bundle), captureDigests(t, again); !slices.Equal(x, y) {
		t.Errorf("re-export captures differ:\n%v\n%v", x, y)
	}
}

// captureDigests lists "type uri date payload-digest" of the capture
// records of a WARC.
func captureDigests(t *testing.T, path string) []string {
	var out []string
	for _, r := range readWARC(t, path) {
		if r.Type() == warc.TypeResponse || r.Type() == warc.TypeRevisit {
			out = append(out, strings.Join([]string{r.Type(), r.TargetURI(), r.Header.Get(warc.FieldDate), r.Header.Get(warc.FieldPayloadDigest)}, " "))
		}
	}
	slices.Sort(out)
	return out
}

func TestExportKeepsExistingFilesAndLeavesNoTemporaryOnes(t *testing.T) {
	_, db := exportFixture(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "out.warc.gz")
	os.WriteFile(out, []byte("precious"), 0o644)
	code, _, stderr := folio(t, "export", "--db", db, "-o", out)
	if code != exitUsage || !strings.Contains(stderr, "--force") {
		t.Errorf("export over an existing file: exit %d: %s", code, stderr)
	}
	if b, _ := os.ReadFile(out); string(b) != "precious" {
		t.Fatal("the existing file was changed")
	}
	if code, _, stderr := folio(t, "export", "--db", db, "-o", out, "--force"); code != 0 {
		t.Fatalf("export --force: exit %d: %s", code, stderr)
	}
	if b, _ := os.ReadFile(out); !bytes.HasPrefix(b, []byte{0x1f, 0x8b}) {
		t.Fatal("--force did not replace the file")
	}
}

// TestExportTargetsAreFiles: --force never turns a FIFO or a device into
// a plain file; a symlinked target gets the export through the link,
// which stays a link.
func TestExportTargetsAreFiles(t *testing.T) {
	_, db := exportFixture(t)
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := folio(t, "export", "--db", db, "--format", "jsonl", "--force", "-o", fifo)
	if st, err := os.Lstat(fifo); code != exitUsage || err != nil || st.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("export --force onto a FIFO: exit %d (%s); the FIFO is still one: %v", code, stderr, err == nil && st.Mode()&os.ModeNamedPipe != 0)
	}

	// A directory folio cannot write in is a usage error too, told before
	// anything is read.
	if os.Geteuid() != 0 { // root writes in a read-only directory
		ro := filepath.Join(dir, "ro")
		os.Mkdir(ro, 0o555)
		if code, _, stderr := folio(t, "export", "--db", db, "-o", filepath.Join(ro, "x.jsonl")); code != exitUsage || !strings.Contains(stderr, "cannot write in") {
			t.Errorf("export into a read-only directory: exit %d (%s), want %d", code, stderr, exitUsage)
		}
	} else if code, _, stderr := folio(t, "export", "--db", db, "-o", "/proc/folio-export.jsonl"); code != exitUsage || !strings.Contains(stderr, "cannot write in") {
		t.Errorf("export into /proc: exit %d (%s), want %d", code, stderr, exitUsage)
	}
	if code, _, stderr := folio(t, "export", "--db", db, "-o", filepath.Join(dir, "nodir", "x.jsonl")); code != exitUsage {
		t.Errorf("export into a directory that does not exist: exit %d (%s), want %d", code, stderr, exitUsage)
	}

	real, link := filepath.Join(dir, "real.jsonl"), filepath.Join(dir, "link.jsonl")
	os.WriteFile(real, []byte("old"), 0o644)
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := folio(t, "export", "--db", db, "--force", "-o", link); code != 0 {
		t.Fatalf("export --force through a symlink: exit %d: %s", code, stderr)
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the symlink was replaced: %v", err)
	}
	if b, _ := os.ReadFile(real); len(b) < 10 || string(b) == "old" {
		t.Errorf("the file the link names did not get the export: %q", b)
	}
}

// TestDemoExports: `folio demo` ends by exporting the crawl as a WACZ and
// says where it went.
func TestDemoExports(t *testing.T) {
	code, stdout, stderr := folio(t, "demo", "--portal", portalDir)
	if code != 0 {
		t.Fatalf("demo: exit %d: %s", code, stderr)
	}
	var path string
	for _, line := range strings.Split(stdout, "\n") {
		if rest, ok := strings.CutPrefix(line, "export: "); ok {
			path, _, _ = strings.Cut(rest, " ")
		}
	}
	if path == "" {
		t.Fatalf("demo does not say where the export went:\n%s", stdout)
	}
	t.Cleanup(func() { os.RemoveAll(filepath.Dir(path)) })
	// The table lists the articles newest first by publish time, the same
	// order on every run.
	var published []string
	for _, line := range strings.Split(stdout, "\n") {
		if f := strings.Fields(line); len(f) >= 4 && strings.HasPrefix(f[len(f)-1], "20") {
			published = append(published, f[len(f)-1])
		}
	}
	if len(published) != len(loadExpected(t)) || !slices.IsSortedFunc(published, func(a, b string) int { return strings.Compare(b, a) }) {
		t.Errorf("the table's publish times %v: want one per article, newest first", published)
	}
	verifyWACZ(t, path)
	files := unzip(t, path)
	if n := strings.Count(string(files["pages/pages.jsonl"]), "\n"); n != len(loadExpected(t))+1 {
		t.Errorf("pages.jsonl has %d lines for %d articles", n, len(loadExpected(t)))
	}
}

// TestDemoStore: demo crawls into --db when given (its WACZ beside it),
// never into the store $FOLIO_DB names, and refuses what is not the
// sample portal or an argument it does not take.
func TestDemoStore(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "demo.db")
	code, stdout, stderr := folio(t, "demo", "--portal", portalDir, "--db", db)
	if code != 0 || !strings.Contains(stdout, "store:  "+db) {
		t.Fatalf("demo --db: exit %d: %s%s", code, stdout, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "demo.wacz")); err != nil {
		t.Errorf("no WACZ beside the store: %v", err)
	}
	real := filepath.Join(dir, "real.db")
	var out, errOut bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut,
		getenv: func(k string) string { return map[string]string{"FOLIO_DB": real}[k] }}
	if code := run(context.Background(), []string{"demo", "--portal", portalDir}, e); code != 0 {
		t.Fatalf("demo with $FOLIO_DB set: exit %d: %s", code, errOut.String())
	}
	t.Cleanup(func() {
		for _, line := range strings.Split(out.String(), "\n") {
			if rest, ok := strings.CutPrefix(line, "store:  "); ok {
				os.RemoveAll(filepath.Dir(rest))
			}
		}
	})
	if _, err := os.Stat(real); err == nil {
		t.Error("demo wrote the store $FOLIO_DB names")
	}
	// A WACZ of the user's beside the store is not replaced.
	mine := filepath.Join(dir, "mine.wacz")
	os.WriteFile(mine, []byte("precious"), 0o644)
	if code, _, _ := folio(t, "demo", "--portal", portalDir, "--db", filepath.Join(dir, "mine.db")); code != exitUsage {
		t.Errorf("demo beside an existing WACZ: exit %d, want %d", code, exitUsage)
	}
	if b, _ := os.ReadFile(mine); string(b) != "precious" {
		t.Error("demo replaced the user's WACZ")
	}
	for _, args := range [][]string{{"demo", "--portal", dir}, {"demo", "--portal", portalDir, "extra"}} {
		if code, _, _ := folio(t, args...); code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, exitUsage)
		}
	}
}

// The format is read from the file name, whatever its case.
func TestExportFormatFromName(t *testing.T) {
	for name, want := range map[string]string{
		"crawl.warc.gz": "warc", "crawl.warc": "warc", "X.WARC.GZ": "warc", "a.wacz": "wacz",
		"A.WACZ": "wacz", "docs.jsonl": "jsonl", "docs.JSONL": "jsonl", "docs.json": "",
	} {
		o := exportOptions{out: name}
		err := o.check()
		if o.Format != want || (want == "") != (err != nil) {
			t.Errorf("%s: format %q, err %v; want %q", name, o.Format, err, want)
		}
	}
}

// warcDate is a WARC 1.1 date as folio writes it: UTC, to the second or to
// a fraction of it (up to the microsecond).
var warcDate = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?Z$`)
