package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// lockName is the writer lock of the store at path: beside the file the
// path leads to, so that a second writer given a symlink to the store
// meets the same lock — also when the link was made before the store
// (a cron job's $FOLIO_DB pointing where the store is to be).
func lockName(path string) string {
	for hops := 0; hops < 40; hops++ {
		if real, err := filepath.EvalSymlinks(path); err == nil {
			return real + ".lock"
		}
		target, err := os.Readlink(path)
		if err != nil {
			break // not a link: a store not made yet
		}
		if !filepath.IsAbs(target) {
			target = filepath.Join(filepath.Dir(path), target)
		}
		path = target
	}
	return path + ".lock"
}

// acquireWriterLock takes the exclusive writer lock name (lockName of the
// store at path), waiting up to timeout for another writer to finish, and
// records our pid in it so that the next writer can say who it is waiting
// for. The kernel drops the lock when the process dies, so a crashed
// writer never leaves a stale lock. When ctx is done it stops waiting.
func acquireWriterLock(ctx context.Context, path, name string, timeout time.Duration) (*os.File, error) {
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, &pathError{path, fmt.Errorf("cannot create its writer lock: %w", err)}
	}
	deadline := time.Now().Add(timeout)
	for {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			break
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) {
			f.Close()
			return nil, &pathError{path, fmt.Errorf("writer lock: %w", err)}
		}
		if time.Now().After(deadline) {
			pid := readPID(f)
			f.Close()
			return nil, &LockedError{Path: path, PID: pid}
		}
		select {
		case <-ctx.Done():
			f.Close()
			return nil, fmt.Errorf("waiting for the writer lock of %s: %w", path, ctx.Err())
		case <-time.After(50 * time.Millisecond):
		}
	}
	if err := f.Truncate(0); err == nil {
		f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	return f, nil
}

func releaseWriterLock(f *os.File) {
	f.Truncate(0)
	syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	f.Close()
}

// readPID is the pid the lock's holder recorded, 0 when it recorded none
// or no such process lives (the lock is held by another program that
// left an old folio's pid in the file).
func readPID(f *os.File) int {
	buf := make([]byte, 32)
	n, _ := f.ReadAt(buf, 0)
	pid, _ := strconv.Atoi(strings.TrimSpace(string(buf[:n])))
	if pid <= 0 || errors.Is(syscall.Kill(pid, 0), syscall.ESRCH) {
		return 0
	}
	return pid
}
