package warc

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the sample WARCs in testdata")

// samples are the WARC files in testdata: the sample records plain, gzipped
// per record, and gzipped as a whole.
func samples(t testing.TB) map[string][]byte {
	plain, _ := writeAll(t, sampleRecords(), &WriterOptions{Uncompressed: true})
	perRecord, _ := writeAll(t, sampleRecords(), nil)
	var whole bytes.Buffer
	zw := gzip.NewWriter(&whole)
	zw.Write(plain)
	zw.Close()
	return map[string][]byte{"sample.warc": plain, "sample.warc.gz": perRecord, "whole-file-gzip.warc.gz": whole.Bytes()}
}

// TestSampleFiles: the writer's output is stable (these files are the
// fuzz seeds and a reference for readers of other tools).
func TestSampleFiles(t *testing.T) {
	for name, data := range samples(t) {
		path := filepath.Join("testdata", name)
		if *update {
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run with -update)", err)
		}
		if name != "whole-file-gzip.warc.gz" && !bytes.Equal(data, want) {
			t.Errorf("%s: the writer's output changed (run with -update if that is meant)", name)
		}
	}
}

// FuzzReader feeds the reader arbitrary bytes: it must not panic, must
// not allocate by what a header claims, must end (EOF, or an error that
// is not confined to one record), and
// what it reads from a well-formed record it must write back identically.
func FuzzReader(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.warc*"))
	for _, name := range files {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("WARC/1.0\nWARC-Type: resource\nContent-Length: 3\n\nabc"))
	f.Add([]byte("WARC/1.1\r\nContent-Length: 99999999999\r\n\r\nshort"))
	f.Add([]byte("WARC/1.1\r\nWARC-Type: response\r\nContent-Length: 40\r\n\r\nHTTP/1.1 200 OK\r\nX: a\r\n folded\r\n\r\nbody"))
	// Damaged per-record gzip: a member that does not inflate, one cut
	// short, junk between members; a block that is not its digest's.
	data, spans := writeAll(f, sampleRecords(), nil)
	m1, m2 := spans[1][0], spans[2][0]
	flipped := bytes.Clone(data)
	flipped[m1+spans[1][1]/2] ^= 0xff
	f.Add(flipped)
	f.Add(append(bytes.Clone(data[:m1+spans[1][1]/2]), data[m2:]...))
	f.Add(append(append(bytes.Clone(data[:m2]), "JU\x1f\x8b\x08NK"...), data[m2:]...))
	plain, _ := writeAll(f, sampleRecords(), &WriterOptions{Uncompressed: true})
	f.Add(bytes.Replace(plain, []byte("</p>"), []byte("<|p>"), 1))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := NewReader(bytes.NewReader(data))
		if err != nil {
			return
		}
		// Each call reads on (a broken record is skipped), so the read
		// ends within a few calls per byte.
		for i := 0; ; i++ {
			if i > 2*len(data)+4 {
				t.Fatal("the read does not end")
			}
			rec, err := r.Next()
			if errors.Is(err, io.EOF) {
				return
			}
			if errors.Is(err, ErrBrokenRecord) {
				continue
			}
			if err != nil {
				if _, again := r.Next(); again == nil {
					t.Fatal("Next succeeded after an error that ends the read")
				}
				return
			}
			block, err := io.ReadAll(io.LimitReader(rec.Body, 1<<20))
			if err != nil {
				continue
			}
			if int64(len(block)) > rec.ContentLength() {
				t.Fatalf("block of %d bytes for Content-Length %d", len(block), rec.ContentLength())
			}
			if strings.HasPrefix(strings.ToLower(rec.Header.Get(FieldContentType)), "application/http") {
				ReadHTTPHeader(bufio.NewReader(bytes.NewReader(block)))
			}
			roundTrip(t, rec, block)
		}
	})
}

// roundTrip writes a record read and reads it back: same fields, same
// block.
func roundTrip(t *testing.T, rec *Record, block []byte) {
	if int64(len(block)) != rec.ContentLength() {
		return // cut short; not writable as it is
	}
	var buf bytes.Buffer
	w := NewWriter(&buf, &WriterOptions{Uncompressed: true})
	bw, err := w.Create(rec.Header)
	if err != nil {
		return // lacks a mandatory field; the writer refuses, rightly
	}
	if _, err := bw.Write(block); err != nil {
		t.Fatalf("writing back a %d-byte block: %v", len(block), err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	r, err := NewReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	back, err := r.Next()
	if err != nil {
		t.Fatalf("reading back: %v\n%q", err, buf.Bytes())
	}
	got, err := io.ReadAll(back.Body)
	if err != nil || !bytes.Equal(got, block) || len(back.Header) != len(rec.Header) {
		t.Fatalf("round trip changed the record: %v", err)
	}
	for i := range rec.Header {
		if back.Header[i] != rec.Header[i] {
			t.Fatalf("field %d: %q became %q", i, rec.Header[i], back.Header[i])
		}
	}
	if _, err := r.Next(); !errors.Is(err, io.EOF) {
		t.Fatalf("after the record: %v", err)
	}
}
