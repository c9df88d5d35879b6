package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// acquireWriterLock takes the exclusive writer lock PATH.lock, waiting up to
// timeout for another writer to finish, and records our pid in it so that
// the next writer can say who it is waiting for. The kernel drops the lock
// when the process dies, so a crashed writer never leaves a stale lock.
// lockName is the writer lock of the store at path: beside the file the
// path leads to, so that a second writer given a symlink to the store
// meets the same lock.
func lockName(path string) string {
	if real, err := filepath.EvalSymlinks(path); err == nil {
		path = real
	}
	return path + ".lock"
}

func acquireWriterLock(path string, timeout time.Duration) (*os.File, error) {
	name := lockName(path)
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
		time.Sleep(50 * time.Millisecond)
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

func readPID(f *os.File) int {
	buf := make([]byte, 32)
	n, _ := f.ReadAt(buf, 0)
	pid, _ := strconv.Atoi(strings.TrimSpace(string(buf[:n])))
	return pid
}
