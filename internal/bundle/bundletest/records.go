package bundletest

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"folio/warc"
)

// Record is a WARC record read back in a test, block included.
type Record struct {
	warc.Record
	Block []byte
}

// Payload is the record's HTTP head and what follows it.
func (r *Record) Payload(t testing.TB) (*warc.HTTPHeader, []byte) {
	t.Helper()
	br := bufio.NewReader(bytes.NewReader(r.Block))
	h, err := warc.ReadHTTPHeader(br)
	if err != nil {
		t.Fatalf("%s %s: %v", r.Type(), r.TargetURI(), err)
	}
	rest, _ := io.ReadAll(br)
	return h, rest
}

// ReadWARC reads every record of a WARC file with folio's reader.
func ReadWARC(t testing.TB, path string) []*Record {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := warc.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	var recs []*Record
	for {
		rec, err := r.Next()
		if errors.Is(err, io.EOF) {
			return recs
		}
		if err != nil {
			t.Fatal(err)
		}
		block, err := io.ReadAll(rec.Body)
		if err != nil {
			t.Fatal(err)
		}
		recs = append(recs, &Record{*rec, block})
	}
}

// AssertRevisitsResolve checks that every revisit in the WARC refers to a
// response record of the same file, with that record's URI and date.
func AssertRevisitsResolve(t testing.TB, path string) {
	t.Helper()
	responses := map[string]*Record{}
	records := ReadWARC(t, path)
	for _, r := range records {
		if r.Type() == warc.TypeResponse {
			responses[r.Header.Get(warc.FieldRecordID)] = r
		}
	}
	for _, r := range records {
		if r.Type() != warc.TypeRevisit {
			continue
		}
		to := responses[r.Header.Get(warc.FieldRefersTo)]
		switch {
		case to == nil:
			t.Errorf("%s: revisit of %s refers to %s, not in the file", filepath.Base(path), r.TargetURI(), r.Header.Get(warc.FieldRefersTo))
		case to.TargetURI() != r.Header.Get(warc.FieldRefersToTargetURI) || to.Header.Get(warc.FieldDate) != r.Header.Get(warc.FieldRefersToDate):
			t.Errorf("%s: revisit of %s names %s %s, the record is %s %s", filepath.Base(path), r.TargetURI(),
				r.Header.Get(warc.FieldRefersToTargetURI), r.Header.Get(warc.FieldRefersToDate), to.TargetURI(), to.Header.Get(warc.FieldDate))
		}
	}
}

// DirNames lists the names in dir, sorted.
func DirNames(t testing.TB, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	slices.Sort(names)
	return names
}
