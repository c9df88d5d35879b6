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

	bolt "go.etcd.io/bbolt"
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

// TestFileCutShortIsRefused: a store cut below the pages its meta page
// names (a copy that stopped, a disk that lost its end) is refused on
// open, for reading and for writing, and left as it was. (bbolt alone
// notices when the cut takes a page that opening reads; on a large store
// it may not, and would read the pages that are there and write into it:
// checkLength is what refuses those.)
func TestFileCutShortIsRefused(t *testing.T) {
	// Written to over many transactions, as a store is, so that its
	// freelist is not always its last page (a cut that takes the freelist
	// bbolt refuses itself).
	db, path := openTemp(t, nil)
	for i := range 300 {
		u := fmt.Sprintf("http://a.test/%d.html", i)
		payload := bytes.Repeat([]byte(fmt.Sprintf("<p>第%d篇</p>", i)), 200+i%50*20)
		if _, err := db.PutCapture(&Capture{URL: u, Status: 200, Time: time.Unix(int64(i), 0)}, payload); err != nil {
			t.Fatal(err)
		}
	}
	var pages int64
	db.view(func(tx *bolt.Tx) error { pages = tx.Size(); return nil })
	db.Close()
	good, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for tenth := int64(3); tenth <= 9; tenth++ {
		cut := good[:pages*tenth/10/4096*4096]
		for _, readOnly := range []bool{true, false} {
			short := filepath.Join(t.TempDir(), "short.db")
			os.WriteFile(short, cut, 0o644)
			if db, err := Open(short, &Options{ReadOnly: readOnly, OpenTimeout: time.Second}); !errors.Is(err, ErrCorrupt) {
				if err == nil {
					db.Close()
				}
				t.Errorf("read-only %v: open of a store cut to %d of its %d bytes: %v, want ErrCorrupt", readOnly, len(cut), pages, err)
			}
			if got, _ := os.ReadFile(short); !bytes.Equal(got, cut) {
				t.Errorf("read-only %v: the refused file was modified", readOnly)
			}
		}
	}
}
