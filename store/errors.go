package store

import (
	"errors"
	"fmt"
	"strings"
)

var (
	// ErrNotFound: no document or capture under that key.
	ErrNotFound = errors.New("store: not found")
	// ErrNoStore: a reader was pointed at a path where no store exists.
	ErrNoStore = errors.New("store: no store at this path")
	// ErrCorrupt: the file is not a folio store, or it is damaged.
	ErrCorrupt = errors.New("store: not a folio store or damaged")
	// ErrLocked: another folio process is writing the store.
	ErrLocked = errors.New("store: locked by another writer")
	// ErrReadOnly: a write on a store opened for reading.
	ErrReadOnly = errors.New("store: opened read-only")
	// ErrSchema: the store was written by a newer folio.
	ErrSchema = errors.New("store: unsupported schema version")
	// ErrWrite: a write failed (disk full, I/O error). The transaction was
	// rolled back; what was committed before is intact.
	ErrWrite = errors.New("store: write failed")
)

// Unavailable says whether err means the store itself cannot be used —
// locked, damaged, missing, too new, or failing to write — rather than
// some URL or file failing: the run stops (exit 3), it does not go on.
func Unavailable(err error) bool {
	for _, e := range []error{ErrLocked, ErrCorrupt, ErrNoStore, ErrSchema, ErrWrite} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

// LockedError says which process holds the writer lock.
type LockedError struct {
	Path string
	PID  int // 0 when the holder did not record it
}

func (e *LockedError) Error() string {
	// The contract quotes this sentence; scripts may look for it.
	if e.PID > 0 {
		return fmt.Sprintf("store is being written by another folio process, pid %d (%s)", e.PID, e.Path)
	}
	return fmt.Sprintf("store is being written by another folio process (%s)", e.Path)
}

func (e *LockedError) Is(target error) bool { return target == ErrLocked }

// pathError is an error about the store file at path. Its message names
// the file once, before the sentinel's words:
// "store /srv/folio.db: not a folio store or damaged: invalid database".
type pathError struct {
	path string
	err  error
}

func (e *pathError) Error() string {
	return "store " + e.path + ": " + strings.TrimPrefix(e.err.Error(), "store: ")
}

func (e *pathError) Unwrap() error { return e.err }

// reworded is an error with a message of its own and the cause kept for
// errors.Is and errors.As.
type reworded struct {
	msg string
	err error
}

func (e *reworded) Error() string { return e.msg }
func (e *reworded) Unwrap() error { return e.err }

// writeError words a failed write transaction with the file named once:
// "store /srv/folio.db: write failed: write: no space left on device".
func (db *DB) writeError(err error) error {
	msg := strings.ReplaceAll(err.Error(), " "+db.path, "")
	return &pathError{db.path, fmt.Errorf("%w: %w", ErrWrite, &reworded{msg, err})}
}
