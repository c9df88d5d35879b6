package bundle

import (
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
)

// outputError words a failure to write one of the export's temporary
// files (a full disk, say) as a failure to write the export itself: the
// temporary names mean nothing to the user, and the capture being written
// when it happened is not to blame.
func outputError(out string, err error) error {
	var pe *fs.PathError
	if err == nil || !errors.As(err, &pe) {
		return err
	}
	// Ours: beside the export, .NAME.HOST-PID-N.tmp, .folio-scratch-*.tmp
	// or .folio-sort-*.tmp.
	rel, rerr := filepath.Rel(filepath.Dir(out), pe.Path)
	if rerr != nil || !strings.HasPrefix(rel, ".") || strings.HasPrefix(rel, "..") || !strings.Contains(rel, ".tmp") {
		return err
	}
	return fmt.Errorf("%s: %s: %w", out, pe.Op, pe.Err)
}

// pending is a file being written under a temporary name.
type pending struct {
	f     *os.File
	final string
	done  bool
}

func createPending(final string) (*pending, error) {
	dir, base := filepath.Split(final)
	if dir == "" {
		dir = "."
	}
	// Not os.CreateTemp, whose files are 0600 whatever the umask: the
	// export gets the permissions any new file of the user's gets.
	for {
		name := filepath.Join(dir, pendingName(base, rand.Uint64()%1e10))
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		return &pending{f: f, final: final}, nil
	}
}

// A file being written is named after its final name, the host and the
// process writing it (.out.wacz.HOST-PID-RANDOM.tmp), so that a later
// export can tell the leftovers of one that was killed (kill -9, a crash)
// from those of one still running, and remove them.
var (
	pendingNames = regexp.MustCompile(`^\..+\.([A-Za-z0-9_]+)-([0-9]+)-[0-9]+\.tmp$`)
	hostTag      = func() string {
		h, _ := os.Hostname()
		return regexp.MustCompile(`[^A-Za-z0-9_]`).ReplaceAllString(h, "_")
	}()
)

// pendingName is the name of the file an export to base is written in
// first; random tells two of one process apart.
func pendingName(base string, random uint64) string {
	return fmt.Sprintf(".%s.%s-%d-%d.tmp", base, hostTag, os.Getpid(), random)
}

// RemoveInterruptedExports removes from dir the temporary files of
// exports that died while writing them (kill -9, a crash): made on this
// host by a process that is gone. It logs each file it removes to log,
// which may be nil. The files of exports still running are left alone.
func RemoveInterruptedExports(dir string, log *slog.Logger) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		m := pendingNames.FindStringSubmatch(e.Name())
		if m == nil || m[1] != hostTag {
			continue
		}
		pid, err := strconv.Atoi(m[2])
		if err != nil || pid == os.Getpid() || syscall.Kill(pid, 0) != syscall.ESRCH {
			continue // still running (or not ours to judge)
		}
		if err := os.Remove(filepath.Join(dir, e.Name())); err == nil && log != nil {
			log.Info("removed what an interrupted export left", "file", filepath.Join(dir, e.Name()))
		}
	}
}

// scratchFile is a file for the export's intermediate data, in dir (the
// export's file system). It has no name: it is gone when closed, or when
// the process dies.
func scratchFile(dir string) (*os.File, error) {
	f, err := os.CreateTemp(dir, ".folio-scratch-*.tmp")
	if err != nil {
		return nil, err
	}
	os.Remove(f.Name())
	return f, nil
}

// commit syncs the file and gives it its final name. With force it takes
// the place of a file of that name (a rename); without, it never does,
// even one created since the caller looked: see publishNew.
func (p *pending) commit(force bool) error {
	if err := p.f.Sync(); err != nil {
		return fmt.Errorf("%s: %w", p.final, err)
	}
	if err := p.f.Close(); err != nil {
		return fmt.Errorf("%s: %w", p.final, err)
	}
	if force {
		if err := os.Rename(p.f.Name(), p.final); err != nil {
			return err
		}
	} else if err := publishNew(p.f.Name(), p.final, os.Link); err != nil {
		return err
	}
	p.done = true
	return nil
}

// publishNew gives the file tmp the name final if no file has it: a hard
// link, which the system refuses if the name exists, whenever it was
// created; then tmp's name goes. On a file system without hard links
// (link fails with EPERM, EOPNOTSUPP or EXDEV) it looks, then renames: a file
// created in between those two is replaced.
func publishNew(tmp, final string, link func(oldname, newname string) error) error {
	err := link(tmp, final)
	switch {
	case err == nil:
		// The export is in place; should tmp's name stay (it cannot,
		// short of the directory changing under us), a later export
		// removes it once this process is gone.
		os.Remove(tmp)
		return nil
	case errors.Is(err, fs.ErrExist):
		return &ExistsError{Path: final}
	case errors.Is(err, syscall.EPERM), errors.Is(err, syscall.EOPNOTSUPP), errors.Is(err, syscall.EXDEV):
		if _, err := os.Lstat(final); err == nil {
			return &ExistsError{Path: final}
		}
		return os.Rename(tmp, final)
	default:
		return err
	}
}

// withdraw removes a committed file again: what belongs with it could not
// be committed.
func (p *pending) withdraw() {
	if p.done {
		os.Remove(p.final)
	}
}

// size is how much has been written to the file.
func (p *pending) size() (int64, error) {
	st, err := p.f.Stat()
	if err != nil {
		return 0, err
	}
	return st.Size(), nil
}

// discard removes the temporary file unless it was committed.
func (p *pending) discard() {
	if p != nil && !p.done {
		p.f.Close()
		os.Remove(p.f.Name())
	}
}
