package store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// SchemaVersion is the layout this package writes. A store records it on
// creation; a later layout change bumps it and migrates on open.
//
// 2: doc_order keeps the entries a changed document leaves behind (see
// order.go), which a folio reading layout 1 would list as documents. A
// layout-1 store needs no migration: its entries read as live ones.
const SchemaVersion = 2

// Options configure Open. A nil *Options means the defaults; every zero
// field means its default.
type Options struct {
	// ReadOnly opens the store for reading: several readers and one writer
	// can use a store at once. A read-only store must already exist.
	ReadOnly bool
	// LockTimeout is how long a writer waits for another writer to finish
	// before Open fails with a *LockedError. Zero means 10s; a negative
	// value means not to wait at all.
	LockTimeout time.Duration
	// OpenTimeout is how long one open of the bbolt file waits for the other
	// side (readers for a writer, the writer for a reader) to let go of it.
	// Zero means 30s.
	OpenTimeout time.Duration
	// Hold is the longest spell the bbolt file stays open before it is
	// closed to let other processes in. Zero means 2s.
	Hold time.Duration
	// Logger receives debug messages; nil discards them.
	Logger *slog.Logger
}

const (
	defaultLockTimeout = 10 * time.Second
	defaultOpenTimeout = 30 * time.Second
	defaultHold        = 2 * time.Second
	// reopenGap is how long the file stays closed between two spells.
	// bbolt polls its flock every 50ms, so a gap a little longer than that
	// always lets one waiting process in.
	reopenGap = 60 * time.Millisecond
)

// DB is an open store. Its methods are safe for concurrent use.
type DB struct {
	path string
	opts Options
	log  *slog.Logger

	writerLock *os.File // held for the DB's lifetime by a writer

	mu       sync.Mutex
	cond     *sync.Cond
	bolt     *bolt.DB // nil between spells
	openedAt time.Time
	closedAt time.Time
	users    int  // callers inside a spell
	draining bool // the spell is over; no new users until it is closed
	closed   bool
	// idle closes a spell nobody is in once Hold has passed: a writer
	// waiting on the network or sleeping out a crawl delay, or a reader
	// blocked writing its output, must not keep the others out.
	idle *time.Timer

	codec *codec

	reads atomic.Uint64 // read transactions begun, for tests
}

// Open opens the store at path. A writer (the default) creates the file if
// needed and takes the writer lock; a reader needs an existing store.
func Open(path string, opts *Options) (*DB, error) {
	return OpenContext(context.Background(), path, opts)
}

// OpenContext is Open that stops waiting for the writer lock when ctx is
// done (Ctrl-C on a cron job waiting for another): its error is then
// ctx's.
func OpenContext(ctx context.Context, path string, opts *Options) (*DB, error) {
	db := &DB{path: path, codec: newCodec()}
	if opts != nil {
		db.opts = *opts
	}
	switch {
	case db.opts.LockTimeout == 0:
		db.opts.LockTimeout = defaultLockTimeout
	case db.opts.LockTimeout < 0:
		db.opts.LockTimeout = 0 // try once
	}
	if db.opts.OpenTimeout <= 0 {
		db.opts.OpenTimeout = defaultOpenTimeout
	}
	if db.opts.Hold <= 0 {
		db.opts.Hold = defaultHold
	}
	db.log = db.opts.Logger
	if db.log == nil {
		db.log = slog.New(slog.DiscardHandler)
	}
	db.cond = sync.NewCond(&db.mu)

	newLock := false // this Open made PATH.lock
	var lockPath string
	if path == "" {
		return nil, &pathError{path, errors.New("no store path given (an empty --db or $FOLIO_DB?)")}
	}
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return nil, &pathError{path, errors.New("is a directory, not a store file")}
	} else if err == nil && !st.Mode().IsRegular() {
		// /dev/null, a FIFO, a socket: no store, and no lock beside it.
		return nil, &pathError{path, errors.New("is not a regular file, not a store file")}
	}
	if db.opts.ReadOnly {
		st, err := os.Stat(path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return nil, &pathError{path, ErrNoStore}
		case err == nil && st.Size() == 0:
			// An empty file (touched, or a writer about to make it a
			// store) holds no store yet; a reader must not write it.
			return nil, &pathError{path, fmt.Errorf("%w (an empty file)", ErrNoStore)}
		}
	} else {
		if err := creatable(path); err != nil {
			return nil, err
		}
		lockPath = lockName(path)
		_, err := os.Stat(lockPath)
		newLock = errors.Is(err, fs.ErrNotExist)
		lock, err := acquireWriterLock(ctx, path, lockPath, db.opts.LockTimeout)
		if err != nil {
			return nil, err
		}
		db.writerLock = lock
	}
	// The first spell checks (or, for a new file, writes) the schema.
	if err := db.view(func(*bolt.Tx) error { return nil }); err != nil {
		if newLock && errors.Is(err, ErrCorrupt) {
			// A file that is not a store is left as it was found, with
			// no lock file beside it. (Removed while held: no folio can
			// be writing a file that is not a store.)
			os.Remove(lockPath)
		}
		db.Close()
		return nil, err
	}
	return db, nil
}

// creatable checks that a store can be made at path: its directory exists.
func creatable(path string) error {
	dir := filepath.Dir(path)
	st, err := os.Stat(dir)
	var pe *fs.PathError
	switch {
	case errors.As(err, &pe):
		return &pathError{path, fmt.Errorf("cannot be created: %s: %w", dir, pe.Err)}
	case err != nil:
		return &pathError{path, fmt.Errorf("cannot be created: %w", err)}
	case !st.IsDir():
		return &pathError{path, fmt.Errorf("cannot be created: %s is not a directory", dir)}
	}
	return nil
}

// Path is the file the store lives in.
func (db *DB) Path() string { return db.path }

// Close ends the current spell and releases the writer lock.
func (db *DB) Close() error {
	db.mu.Lock()
	for db.users > 0 {
		db.cond.Wait()
	}
	db.closed = true
	if db.idle != nil {
		db.idle.Stop()
		db.idle = nil
	}
	err := db.closeBolt()
	db.mu.Unlock()
	if db.writerLock != nil {
		releaseWriterLock(db.writerLock)
		db.writerLock = nil
	}
	return err
}

// acquire enters a spell, opening the bbolt file if needed.
func (db *DB) acquire() (*bolt.DB, error) {
	db.mu.Lock()
	defer db.mu.Unlock()
	for {
		if db.closed {
			return nil, fmt.Errorf("store %s: closed", db.path)
		}
		if db.bolt != nil && !db.draining && time.Since(db.openedAt) > db.opts.Hold {
			db.draining = true
		}
		if db.draining {
			if db.users > 0 {
				db.cond.Wait()
				continue
			}
			if err := db.closeBolt(); err != nil {
				return nil, err
			}
		}
		if db.bolt == nil {
			if err := db.openBolt(); err != nil {
				return nil, err
			}
		}
		db.users++
		return db.bolt, nil
	}
}

// release leaves a spell; the last user out of an expired spell closes it.
func (db *DB) release() {
	db.mu.Lock()
	defer db.mu.Unlock()
	db.users--
	if db.users == 0 && db.bolt != nil && time.Since(db.openedAt) > db.opts.Hold {
		db.draining = true
	}
	if db.users == 0 && db.draining {
		if err := db.closeBolt(); err != nil {
			db.log.Warn("closing store", "path", db.path, "err", err)
		}
	}
	if db.users == 0 && db.bolt != nil && db.idle == nil {
		db.armIdle()
	}
	db.cond.Broadcast()
}

// armIdle sets the timer that closes the spell once it has lasted Hold;
// db.mu is held.
func (db *DB) armIdle() {
	db.idle = time.AfterFunc(db.opts.Hold-time.Since(db.openedAt)+time.Millisecond, db.closeIdle)
}

// closeIdle ends the spell if nobody is in it and it has lasted Hold.
func (db *DB) closeIdle() {
	db.mu.Lock()
	defer db.mu.Unlock()
	db.idle = nil
	if db.bolt == nil || db.closed {
		return
	}
	if db.users > 0 || time.Since(db.openedAt) <= db.opts.Hold {
		// In use: the last user out closes it, or sets the timer again.
		if db.users == 0 {
			db.armIdle()
		}
		return
	}
	if err := db.closeBolt(); err != nil {
		db.log.Warn("closing store", "path", db.path, "err", err)
	}
	db.cond.Broadcast()
}

// openBolt opens the file for one spell; db.mu is held.
func (db *DB) openBolt() error {
	if wait := reopenGap - time.Since(db.closedAt); wait > 0 {
		time.Sleep(wait)
	}
	fresh := false
	if !db.opts.ReadOnly {
		st, err := os.Stat(db.path)
		fresh = errors.Is(err, fs.ErrNotExist) || (err == nil && st.Size() == 0)
	}
	// Opening reads the meta pages and the freelist, and checkSchema the
	// root: on a damaged file either can panic, which guard reports.
	//
	// A panic inside bolt.Open leaves its mapping of the file, and with it
	// the flock, until the process ends: a folio command ends on
	// ErrCorrupt; a long-lived caller must not retry the same file.
	var b *bolt.DB
	err := db.guard(func() error {
		var err error
		b, err = bolt.Open(db.path, 0o644, &bolt.Options{
			ReadOnly:     db.opts.ReadOnly,
			Timeout:      db.opts.OpenTimeout,
			FreelistType: bolt.FreelistMapType,
		})
		if err != nil {
			return db.openError(err)
		}
		if err := checkLength(b); err != nil {
			return &pathError{db.path, err}
		}
		if err := checkSchema(b, db.codec, fresh, db.opts.ReadOnly); err != nil {
			return &pathError{db.path, err}
		}
		return nil
	})
	if err != nil {
		if b != nil {
			b.Close()
		}
		return err
	}
	db.bolt = b
	db.openedAt = time.Now()
	db.draining = false
	return nil
}

// checkLength refuses a file shorter than the pages its meta page says it
// has (a copy cut short, a disk that lost its end): bbolt would read the
// pages that are there and write into a file whose others are gone.
func checkLength(b *bolt.DB) error {
	fi, err := os.Stat(b.Path())
	if err != nil {
		return err
	}
	return b.View(func(tx *bolt.Tx) error {
		if want := tx.Size(); fi.Size() < want {
			return fmt.Errorf("%w: the file has %d bytes of the %d its pages need", ErrCorrupt, fi.Size(), want)
		}
		return nil
	})
}

func (db *DB) openError(err error) error {
	switch {
	case errors.Is(err, berrors.ErrTimeout):
		return fmt.Errorf("store %s: busy: another process kept it open for %s", db.path, db.opts.OpenTimeout)
	case errors.As(err, new(*fs.PathError)), errors.As(err, new(syscall.Errno)):
		// The system refused (permissions, a read-only file system...).
		return fmt.Errorf("store %s: %w", db.path, err)
	default:
		// Invalid meta pages, a bad checksum, a file too small for its
		// pages: not a store bbolt can read.
		return &pathError{db.path, fmt.Errorf("%w: %v", ErrCorrupt, err)}
	}
}

// closeBolt ends a spell; db.mu is held.
func (db *DB) closeBolt() error {
	if db.bolt == nil {
		return nil
	}
	err := db.bolt.Close()
	db.bolt = nil
	db.draining = false
	db.closedAt = time.Now()
	if err != nil {
		return fmt.Errorf("store %s: close: %w", db.path, err)
	}
	return nil
}

// view runs fn in a read transaction inside a spell.
func (db *DB) view(fn func(*bolt.Tx) error) error {
	b, err := db.acquire()
	if err != nil {
		return err
	}
	defer db.release()
	db.reads.Add(1)
	return db.guard(func() error { return b.View(fn) })
}

// update runs fn in a write transaction inside a spell.
func (db *DB) update(fn func(*bolt.Tx) error) error {
	return db.write(fn, (*bolt.DB).Update)
}

// batch runs fn in a write transaction shared with concurrent callers
// (bbolt's Batch). fn may run more than once: it must only write through tx.
func (db *DB) batch(fn func(*bolt.Tx) error) error {
	return db.write(fn, (*bolt.DB).Batch)
}

func (db *DB) write(fn func(*bolt.Tx) error, run func(*bolt.DB, func(*bolt.Tx) error) error) error {
	if db.opts.ReadOnly {
		return ErrReadOnly
	}
	b, err := db.acquire()
	if err != nil {
		return err
	}
	defer db.release()
	return db.guard(func() error {
		if err := run(b, fn); err != nil {
			return db.writeError(err)
		}
		return nil
	})
}

// keysPerRead bounds the keys one read transaction of a long scan
// examines, whether they match or not: a scan that skips most of a big
// bucket (a --site filter, the crawl state of other runs) must not keep a
// writer out for longer than one short transaction.
const keysPerRead = 1024

// inSpells reads a long sequence in short spells, so that a reader never
// keeps a writer out for long and its memory does not grow with the store:
// read is called in one read transaction after another, each time for the
// next batch (it keeps its own position), and reports when it reached the
// end; fn gets the items outside the transactions.
func inSpells[T any](db *DB, read func(*bolt.Tx) (batch []T, done bool, err error), fn func(T) error) error {
	for {
		var batch []T
		var done bool
		err := db.view(func(tx *bolt.Tx) error {
			var err error
			batch, done, err = read(tx)
			return err
		})
		if err != nil {
			return err
		}
		for _, item := range batch {
			if err := fn(item); err != nil {
				return err
			}
		}
		if done {
			return nil
		}
	}
}

// scanInSpells calls fn, outside any transaction, with what pick makes of
// each key of a bucket it selects, in key order, examining at most
// keysPerRead keys per read transaction. bucket finds the bucket in tx
// (nil: there is none, nothing to scan). Keys the scan has passed may
// change meanwhile; keys added ahead of it are met.
func scanInSpells[T any](db *DB, bucket func(*bolt.Tx) *bolt.Bucket, pick func(tx *bolt.Tx, k, v []byte) (T, bool, error), fn func(T) error) error {
	var after []byte // the last key examined; nil before the first
	return inSpells(db, func(tx *bolt.Tx) ([]T, bool, error) {
		b := bucket(tx)
		if b == nil {
			return nil, true, nil
		}
		cur := b.Cursor()
		var k, v []byte
		if after == nil {
			k, v = cur.First()
		} else if k, v = cur.Seek(after); k != nil && bytes.Equal(k, after) {
			k, v = cur.Next()
		}
		var batch []T
		for examined := 0; k != nil; k, v = cur.Next() {
			if examined == keysPerRead {
				return batch, false, nil
			}
			examined++
			after = append(after[:0], k...)
			item, ok, err := pick(tx, k, v)
			if err != nil {
				return nil, false, err
			}
			if ok {
				batch = append(batch, item)
			}
		}
		return batch, true, nil
	}, fn)
}

// guard runs fn and reports a damaged file as ErrCorrupt instead of
// crashing on it. bbolt trusts the file: on some damaged pages it panics
// (an assertion, or an index out of range in its own code), and a damaged
// page can send bbolt, or a reader of a value it returned, past the end of
// the mapping, a memory fault, which while fn runs is a panic too
// (debug.SetPanicOnFault). Only those two mean a damaged file. Any other
// panic is a bug in folio (a nil map, an index out of range in its own
// decoding): guard leaves it unrecovered, with its own stack, for the
// caller's panic handling to report as an internal error, never as a
// damaged store.
//
// SetPanicOnFault holds for the calling goroutine only. The functions given
// to batch run on bbolt's batch goroutine (its MaxBatchDelay timer, or the
// one started when a batch fills), and so does that batch's commit: there
// a memory fault is not a panic but ends the process. Any other panic in a
// batch function bbolt recovers, and it runs that function again alone on
// the caller's goroutine, inside guard.
func (db *DB) guard(fn func() error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		inBbolt, fault := panicking()
		if !inBbolt && !fault {
			return // no panic, or folio's own: let it go on as it is
		}
		r := recover()
		if r == nil {
			return
		}
		if !inBbolt {
			// A fault under SetPanicOnFault panics with a runtime.Error
			// that has Addr; anything else here is folio's (it cannot
			// carry on as it was: its stack now runs through this line).
			if _, ok := r.(interface{ Addr() uintptr }); !ok {
				panic(r)
			}
		}
		// What bbolt tripped over on the damaged pages, said as a finding
		// about the file rather than as a crash (a runtime error's own
		// words, a nil dereference, mean nothing here).
		detail := fmt.Sprint(r)
		if _, ok := r.(runtime.Error); ok {
			detail = "bbolt read past what the file holds"
		}
		err = &pathError{db.path, fmt.Errorf("%w: its pages cannot be read (%s)", ErrCorrupt, detail)}
	}()
	return fn()
}

// bboltPackage prefixes the functions of bbolt and its internal packages.
const bboltPackage = "go.etcd.io/bbolt"

// panicking tells the deferred function that calls it where the panic under
// way was raised, from the stack: in bbolt's code (the first frame below
// runtime.gopanic outside the runtime is bbolt's), or by a memory fault
// elsewhere (runtime.sigpanic; a nil dereference, runtime.panicmem, is no
// fault in this sense). With no panic under way both are usually false; a
// panic found further down, one that guard's caller is running deferred
// calls for, is one the deferred function's recover cannot stop (it
// returns nil).
func panicking() (inBbolt, fault bool) {
	pcs := make([]uintptr, 32)
	n := runtime.Callers(1, pcs)
	frames := runtime.CallersFrames(pcs[:n])
	below := false // below runtime.gopanic
	sigpanic, nilDeref := false, false
	for {
		f, more := frames.Next()
		switch {
		case f.Function == "runtime.gopanic":
			below = true
		case !below:
		case f.Function == "runtime.sigpanic":
			sigpanic = true
		case f.Function == "runtime.panicmem":
			nilDeref = true
		case strings.HasPrefix(f.Function, "runtime."), strings.HasPrefix(f.Function, "internal/runtime/"):
			// where the runtime raised it: a map's code, an index check
		default:
			return strings.HasPrefix(f.Function, bboltPackage+".") || strings.HasPrefix(f.Function, bboltPackage+"/"), sigpanic && !nilDeref
		}
		if !more {
			return false, false
		}
	}
}
