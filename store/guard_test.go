package store

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"folio/internal/panics"
)

// recovered runs fn and returns what it panicked with (nil: it returned)
// and the error it returned, and the one panics.Error makes of the panic.
func recovered(fn func() error) (r any, err, internal error) {
	defer func() {
		if r = recover(); r != nil {
			internal = panics.Error("", r)
		}
	}()
	return nil, fn(), nil
}

// TestGuardLeavesFolioBugsAlone: a bug in a callback of folio's own (a
// nil map, a nil pointer, an index out of range), in a read, a write or a
// batch, is no damaged store: the panic goes on to the caller's panic
// handling, naming the line of the bug, and the store stays usable.
func TestGuardLeavesFolioBugsAlone(t *testing.T) {
	db, _ := openTemp(t, nil)
	var m map[string]int
	var p *Document
	var s []int
	bugs := []struct {
		name string
		run  func() error
		want string
	}{
		{"nil map in view", func() error {
			return db.view(func(*boltTx) error { m["x"]++; return nil })
		}, "assignment to entry in nil map"},
		{"nil pointer in view", func() error {
			return db.view(func(*boltTx) error { p.URL = "x"; return nil })
		}, "nil pointer dereference"},
		{"index in update", func() error {
			return db.update(func(*boltTx) error { s[3]++; return nil })
		}, "index out of range"},
		{"nil map in batch", func() error {
			return db.batch(func(*boltTx) error { m["x"]++; return nil })
		}, "assignment to entry in nil map"},
	}
	for _, bug := range bugs {
		t.Run(bug.name, func(t *testing.T) {
			r, err, internal := recovered(bug.run)
			if r == nil {
				t.Fatalf("no panic; returned %v", err)
			}
			if e, ok := r.(error); ok && errors.Is(e, ErrCorrupt) {
				t.Fatalf("panicked with %v", r)
			}
			msg := internal.Error()
			if !strings.Contains(msg, bug.want) || !strings.Contains(msg, "store/guard_test.go:") {
				t.Errorf("reported as %q, want %q at its line in guard_test.go", msg, bug.want)
			}
			if err := db.Documents(DocumentFilter{}, func(*Document) error { return nil }); err != nil {
				t.Errorf("store after the panic: %v", err)
			}
		})
	}
}

// TestGuardReportsBboltPanicsAsCorrupt: a panic raised inside bbolt, here
// its "tx closed" assertion, is ErrCorrupt, not a crash.
func TestGuardReportsBboltPanicsAsCorrupt(t *testing.T) {
	db, _ := openTemp(t, nil)
	var stale interface{ First() ([]byte, []byte) }
	if err := db.view(func(tx *boltTx) error { stale = tx.Cursor(); return nil }); err != nil {
		t.Fatal(err)
	}
	r, err, _ := recovered(func() error {
		return db.view(func(*boltTx) error { stale.First(); return nil })
	})
	if r != nil || !errors.Is(err, ErrCorrupt) {
		t.Fatalf("panicked with %v, returned %v; want ErrCorrupt", r, err)
	}
}

// TestGuardReportsFaultsAsCorrupt: a memory fault reading a value past the
// end of what is mapped (a damaged page's length sends a reader there) is
// ErrCorrupt, wherever the reading code is.
func TestGuardReportsFaultsAsCorrupt(t *testing.T) {
	db, _ := openTemp(t, nil)
	f, err := os.Create(filepath.Join(t.TempDir(), "mapped"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	size := 2 * os.Getpagesize()
	if err := f.Truncate(int64(size)); err != nil {
		t.Fatal(err)
	}
	mapped, err := syscall.Mmap(int(f.Fd()), 0, size, syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		t.Skipf("mmap: %v", err)
	}
	defer syscall.Munmap(mapped)
	if err := f.Truncate(0); err != nil { // the mapping now reaches past the file
		t.Fatal(err)
	}
	var sum byte
	r, err, _ := recovered(func() error {
		return db.view(func(*boltTx) error {
			for _, b := range mapped {
				sum += b
			}
			return nil
		})
	})
	if r != nil || !errors.Is(err, ErrCorrupt) {
		t.Fatalf("panicked with %v, returned %v; want ErrCorrupt", r, err)
	}
}
