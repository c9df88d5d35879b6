package bundletest

import (
	"bytes"
	"errors"
	"io"
	"testing"

	"github.com/nlnwa/gowarc/v3"
)

// ValidateWARC reads a WARC file with gowarc, an independent reader that
// recomputes block and payload digests and checks the WARC 1.1 grammar,
// and fails the test on anything it reports. It returns how many records
// it read.
func ValidateWARC(t testing.TB, data []byte) int {
	t.Helper()
	r, err := gowarc.NewWarcFileReaderFromStream(bytes.NewReader(data), 0, gowarc.WithStrictValidation())
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for {
		rec, err := r.Next()
		if errors.Is(err, io.EOF) {
			return n
		}
		if err != nil {
			t.Fatalf("gowarc: record %d at offset %d: %v", n, rec.Offset, err)
		}
		if len(rec.Validation) > 0 {
			t.Errorf("gowarc: record %d at offset %d: %v", n, rec.Offset, rec.Validation)
		}
		n++
		rec.Close()
	}
}
