package bundle

import (
	"bytes"
	"compress/gzip"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"folio/store"
	"folio/warc"
)

// testRecord is a WARC record a test writes by hand.
type testRecord struct {
	header warc.Header
	block  []byte
}

// responseRecord is a response of uri holding payload, with both
// digests, written at at; extra fields come before Content-Length.
func responseRecord(id, uri string, at time.Time, payload []byte, extra ...warc.Field) testRecord {
	block := append(warc.AppendHTTPHeader(nil, "HTTP/1.1 200 OK", warc.Header{{Name: "Content-Type", Value: "application/octet-stream"},
		{Name: "Content-Length", Value: strconv.Itoa(len(payload))}}), payload...)
	h := warc.Header{{Name: warc.FieldType, Value: warc.TypeResponse}, {Name: warc.FieldRecordID, Value: warc.BracketID(id)},
		{Name: warc.FieldDate, Value: warc.FormatDate(at)}, {Name: warc.FieldTargetURI, Value: uri},
		{Name: warc.FieldContentType, Value: warc.ContentTypeHTTPResponse}, {Name: warc.FieldBlockDigest, Value: warc.Digest(block)},
		{Name: warc.FieldPayloadDigest, Value: warc.Digest(payload)}}
	h = append(h, extra...)
	return testRecord{append(h, warc.Field{Name: warc.FieldContentLength, Value: strconv.Itoa(len(block))}), block}
}

// recordBytes is rec as a plain WARC record.
func recordBytes(t *testing.T, rec testRecord) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := warc.NewWriter(&buf, &warc.WriterOptions{Uncompressed: true})
	bw, err := w.Create(rec.header)
	if err != nil {
		t.Fatal(err)
	}
	bw.Write(rec.block)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func gzipBytes(b []byte) []byte {
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	zw.Write(b)
	zw.Close()
	return z.Bytes()
}

// TestImportReportsDamagedRecords: a record whose block is not what its
// digests or its Content-Length say, or whose gzip member does not
// inflate, is not stored; it is reported in one line naming the file,
// the record (id, URI, offset), and the records after it are stored.
func TestImportReportsDamagedRecords(t *testing.T) {
	at := time.Date(2020, 2, 22, 5, 22, 11, 0, time.UTC)
	payload := []byte("<p>the same bytes as the server sent</p>")
	recs := func(damaged testRecord) []testRecord {
		return []testRecord{
			responseRecord("urn:uuid:r1", "http://a.test/1", at, payload),
			damaged,
			responseRecord("urn:uuid:r3", "http://a.test/3", at, payload[1:]),
		}
	}
	good := responseRecord("urn:uuid:r2", "http://a.test/2", at, payload[2:])
	without := func(r testRecord, name string) testRecord {
		var h warc.Header
		for _, f := range r.header {
			if f.Name != name {
				h = append(h, f)
			}
		}
		return testRecord{h, r.block}
	}
	changed := func(b []byte) []byte { return bytes.Replace(b, []byte("same"), []byte("SAME"), 1) }
	setLength := func(delta int) func([]byte) []byte {
		return func(b []byte) []byte {
			n := strconv.Itoa(len(good.block))
			return bytes.Replace(b, []byte("Content-Length: "+n+"\r\n\r\nHTTP"), []byte("Content-Length: "+strconv.Itoa(len(good.block)+delta)+"\r\n\r\nHTTP"), 1)
		}
	}
	tests := []struct {
		name    string
		damaged testRecord
		mangle  func([]byte) []byte // the damaged record's bytes
		gzipped bool
		want    string // in the error line
	}{
		{name: "block digest", damaged: good, mangle: changed, want: "block digest mismatch"},
		{name: "block digest, gzip", damaged: good, mangle: changed, gzipped: true, want: "block digest mismatch"},
		{name: "payload digest", damaged: without(good, warc.FieldBlockDigest), mangle: changed, want: "WARC-Payload-Digest"},
		{name: "Content-Length short", damaged: good, mangle: setLength(-5), want: "block digest mismatch"},
		{name: "Content-Length short, no digests", damaged: without(without(good, warc.FieldBlockDigest), warc.FieldPayloadDigest),
			mangle: setLength(-5), want: "Content-Length"},
		// Inflated garbage may fail as a header before the member fails.
		{name: "gzip member", damaged: good, gzipped: true, want: "malformed record"},
		{name: "unknown version", damaged: good, mangle: func(b []byte) []byte { return bytes.Replace(b, []byte("WARC/1.1"), []byte("WARC/9.9"), 1) },
			want: "unsupported version line WARC/9.9"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var file bytes.Buffer
			offset := 0
			for i, r := range recs(tt.damaged) {
				b := recordBytes(t, r)
				if i == 1 && tt.mangle != nil {
					b = tt.mangle(b)
				}
				if tt.gzipped {
					b = gzipBytes(b)
					if i == 1 && tt.mangle == nil {
						b[len(b)/2] ^= 0xff
					}
				}
				if i == 1 {
					offset = file.Len()
				}
				file.Write(b)
			}
			path := filepath.Join(t.TempDir(), "damaged.warc")
			os.WriteFile(path, file.Bytes(), 0o644)
			var log bytes.Buffer
			db := tempStore(t)
			o := importOptions
			o.Logger = slog.New(slog.NewTextHandler(&log, &slog.HandlerOptions{Level: slog.LevelError}))
			sum, err := Import(context.Background(), db, []string{path}, o)
			if err != nil || sum.BadFiles != 1 {
				t.Fatalf("import: %+v, %v; want one bad file", sum, err)
			}
			lines := strings.Split(strings.TrimSpace(log.String()), "\n")
			line := lines[0]
			if len(lines) != 1 || !strings.Contains(line, path) || !strings.Contains(line, tt.want) || !strings.Contains(line, "offset "+strconv.Itoa(offset)) {
				t.Errorf("logged %q; want one line naming %s, %q and offset %d", lines, path, tt.want, offset)
			}
			if !tt.gzipped || tt.mangle != nil {
				if !strings.Contains(line, "urn:uuid:r2") || !strings.Contains(line, "http://a.test/2") {
					t.Errorf("logged %q; want the record's id and URI", line)
				}
			}
			for u, want := range map[string]int{"http://a.test/1": 1, "http://a.test/2": 0, "http://a.test/3": 1} {
				n := 0
				db.CapturesOf(u, func(*store.Capture) error { n++; return nil })
				if n != want {
					t.Errorf("%s: %d captures stored, want %d", u, n, want)
				}
			}
		})
	}
}

// TestImportRevisitOfATruncatedPayload: an identical-payload revisit
// repeats the payload it refers to, cut or whole as that was; its own
// WARC-Truncated (which every such revisit carries, its block leaving the
// payload out) says nothing of it. However the revisit finds its payload.
func TestImportRevisitOfATruncatedPayload(t *testing.T) {
	at := time.Date(2020, 2, 22, 5, 22, 11, 0, time.UTC)
	const u = "http://a.test/long.html"
	cut := []byte("<p>the first 20 KB of a longer page")
	revisit := func(fields ...warc.Field) testRecord {
		head := warc.AppendHTTPHeader(nil, "HTTP/1.1 200 OK", warc.Header{{Name: "Content-Type", Value: "application/octet-stream"}})
		h := warc.Header{{Name: warc.FieldType, Value: warc.TypeRevisit}, {Name: warc.FieldRecordID, Value: "<urn:uuid:v1>"},
			{Name: warc.FieldDate, Value: warc.FormatDate(at.Add(time.Hour))}, {Name: warc.FieldTargetURI, Value: u},
			{Name: warc.FieldTruncated, Value: "length"}, {Name: warc.FieldProfile, Value: warc.ProfileIdenticalPayload},
			{Name: warc.FieldPayloadDigest, Value: warc.Digest(cut)}, {Name: warc.FieldContentType, Value: warc.ContentTypeHTTPResponse},
			{Name: warc.FieldBlockDigest, Value: warc.Digest(head)}}
		h = append(h, fields...)
		return testRecord{append(h, warc.Field{Name: warc.FieldContentLength, Value: strconv.Itoa(len(head))}), head}
	}
	byID := revisit(warc.Field{Name: warc.FieldRefersTo, Value: "<urn:uuid:r1>"})
	byURIDate := revisit(warc.Field{Name: warc.FieldRefersToTargetURI, Value: u}, warc.Field{Name: warc.FieldRefersToDate, Value: warc.FormatDate(at)})
	byDigest := revisit()
	tests := []struct {
		name      string
		truncated string // the response's WARC-Truncated
		revisit   testRecord
		apart     bool // the response and the revisit in two files
	}{
		{"by WARC-Refers-To", "length", byID, false},
		{"by target URI and date", "length", byURIDate, false},
		{"by payload digest", "length", byDigest, false},
		{"by payload digest, in an earlier file", "length", byDigest, true},
		{"of a whole payload", "", byID, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var extra []warc.Field
			if tt.truncated != "" {
				extra = append(extra, warc.Field{Name: warc.FieldTruncated, Value: tt.truncated})
			}
			files := [][]testRecord{{responseRecord("urn:uuid:r1", u, at, cut, extra...), tt.revisit}}
			if tt.apart {
				files = [][]testRecord{files[0][:1], files[0][1:]}
			}
			dir := t.TempDir()
			var paths []string
			for i, recs := range files {
				var b []byte
				for _, r := range recs {
					b = append(b, gzipBytes(recordBytes(t, r))...)
				}
				p := filepath.Join(dir, strconv.Itoa(i)+".warc.gz")
				os.WriteFile(p, b, 0o644)
				paths = append(paths, p)
			}
			db := tempStore(t)
			if sum := importFiles(t, db, paths...); sum.Captures != 2 || sum.BadFiles != 0 {
				t.Fatalf("import: %+v", sum)
			}
			var got []string
			db.CapturesOf(u, func(c *store.Capture) error {
				got = append(got, c.Truncated)
				return nil
			})
			if len(got) != 2 || got[0] != tt.truncated || got[1] != tt.truncated {
				t.Errorf("captures truncated %q, want both %q", got, tt.truncated)
			}
		})
	}
}

// TestImportChunkedPayloadDigests: a response whose block holds chunks
// is good whether its WARC-Payload-Digest is over the chunks as sent (as
// wget writes it) or over the de-chunked payload (as others do); one over
// neither is damage.
func TestImportChunkedPayloadDigests(t *testing.T) {
	at := time.Date(2020, 2, 22, 5, 22, 11, 0, time.UTC)
	chunks := []byte("7\r\n<p>the \r\ne\r\nsame bytes</p>\r\n0\r\n\r\n")
	payload := []byte("<p>the same bytes</p>")
	block := append(warc.AppendHTTPHeader(nil, "HTTP/1.1 200 OK", warc.Header{{Name: "Content-Type", Value: "text/html"},
		{Name: "Transfer-Encoding", Value: "chunked"}}), chunks...)
	record := func(payloadDigest string) testRecord {
		h := warc.Header{{Name: warc.FieldType, Value: warc.TypeResponse}, {Name: warc.FieldRecordID, Value: "<urn:uuid:c1>"},
			{Name: warc.FieldDate, Value: warc.FormatDate(at)}, {Name: warc.FieldTargetURI, Value: "http://a.test/c"},
			{Name: warc.FieldContentType, Value: warc.ContentTypeHTTPResponse}, {Name: warc.FieldBlockDigest, Value: warc.Digest(block)},
			{Name: warc.FieldPayloadDigest, Value: payloadDigest}, {Name: warc.FieldContentLength, Value: strconv.Itoa(len(block))}}
		return testRecord{h, block}
	}
	for _, tt := range []struct {
		name   string
		digest string
		good   bool
	}{
		{"over the chunks", warc.Digest(chunks), true},
		{"over the payload", warc.Digest(payload), true},
		{"over neither", warc.Digest([]byte("something else")), false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "chunked.warc")
			os.WriteFile(path, recordBytes(t, record(tt.digest)), 0o644)
			db := tempStore(t)
			o := importOptions
			o.Logger = slog.New(slog.DiscardHandler)
			sum, err := Import(context.Background(), db, []string{path}, o)
			n := 0
			db.CapturesOf("http://a.test/c", func(*store.Capture) error { n++; return nil })
			if err != nil || (sum.BadFiles == 0) != tt.good || (n == 1) != tt.good {
				t.Errorf("import: %+v, %v, %d captures; want it stored %v", sum, err, n, tt.good)
			}
		})
	}
}
