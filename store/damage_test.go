package store

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// sampleStore writes a small store with documents, captures and payloads
// and returns its bytes.
func sampleStore(t *testing.T) []byte {
	t.Helper()
	db, path := openTemp(t, nil)
	for i := range 40 {
		u := fmt.Sprintf("http://a.test/%d.html", i)
		payload := bytes.Repeat([]byte(fmt.Sprintf("<p>第%d篇</p>", i)), 50+i*20)
		if _, err := db.PutCapture(&Capture{URL: u, Status: 200, Time: time.Unix(int64(i), 0)}, payload); err != nil {
			t.Fatal(err)
		}
		if _, err := db.SaveDocument(doc(u, fmt.Sprintf("正文%d", i), fmt.Sprintf("sha256:%d", i)), []string{u}); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// readAll reads everything a reader can ask for.
func readAll(db *DB) error {
	err := db.Documents(DocumentFilter{}, func(d *Document) error {
		_, err := db.History(d.URL)
		return err
	})
	if err != nil {
		return err
	}
	return db.Captures(0, func(c *Capture) error {
		_, err := db.Payload(c.PayloadDigest)
		return err
	})
}

// TestDamagedFilesAreReportedNotCrashedOn damages a real store in many
// ways (bytes overwritten at random, in the meta pages and elsewhere; the
// file cut short) and opens, reads and writes each: every failure is
// ErrCorrupt (or, for a write, ErrWrite), never a panic or a memory fault;
// a file refused on open is left as it was.
func TestDamagedFilesAreReportedNotCrashedOn(t *testing.T) {
	good := sampleStore(t)
	dir := t.TempDir()
	variants := map[string][]byte{}
	// Written to as well: damage bbolt detects on open (the meta pages
	// have checksums) or on reading a page. Damage inside a page's header
	// can make bbolt's writer loop (an overflow count of billions), which
	// nothing above bbolt can stop; those variants are only read.
	writable := map[string]bool{}
	for _, n := range []int{100, 4096, 8192, len(good) / 2, len(good) - 4096} {
		variants[fmt.Sprintf("cut at %d", n)] = good[:n]
		writable[fmt.Sprintf("cut at %d", n)] = true
	}
	for seed := range 150 {
		r := rand.New(rand.NewPCG(uint64(seed), 1))
		b := bytes.Clone(good)
		for range 1 + r.IntN(32) {
			at := r.IntN(len(b))
			if seed%3 == 0 {
				at = r.IntN(8192) // the meta pages
			}
			b[at] = byte(r.Uint32())
		}
		variants[fmt.Sprintf("damage %d", seed)] = b
		if seed%3 == 0 {
			writable[fmt.Sprintf("damage %d", seed)] = true
		}
	}
	refused, readFailed := 0, 0
	n := 0
	for name, data := range variants {
		// A file of its own: bbolt keeps a file it panicked on while
		// opening mapped and locked until the process ends.
		n++
		path := filepath.Join(dir, fmt.Sprintf("v%d.db", n))
		os.WriteFile(path, data, 0o644)
		db, err := Open(path, &Options{ReadOnly: true, OpenTimeout: time.Second})
		if err != nil {
			if !errors.Is(err, ErrCorrupt) {
				t.Errorf("%s: open: %v, want ErrCorrupt", name, err)
			}
			if got, _ := os.ReadFile(path); !bytes.Equal(got, data) {
				t.Errorf("%s: a refused file was modified", name)
			}
			refused++
			continue
		}
		if err := readAll(db); err != nil {
			readFailed++
			if !errors.Is(err, ErrCorrupt) && !errors.Is(err, ErrNotFound) {
				t.Errorf("%s: read: %v, want ErrCorrupt", name, err)
			}
		}
		db.Close()
		if !writable[name] {
			continue
		}
		w, err := Open(path, &Options{OpenTimeout: time.Second})
		if err != nil {
			if !errors.Is(err, ErrCorrupt) {
				t.Errorf("%s: open for writing: %v", name, err)
			}
			continue
		}
		_, err = w.PutCapture(&Capture{URL: "http://a.test/new.html", Status: 200, Time: time.Unix(99, 0)}, []byte("new"))
		if err != nil && !errors.Is(err, ErrCorrupt) && !errors.Is(err, ErrWrite) {
			t.Errorf("%s: write: %v", name, err)
		}
		w.Close()
	}
	t.Logf("%d variants: %d refused on open, %d failed a read", len(variants), refused, readFailed)
}
