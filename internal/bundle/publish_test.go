package bundle

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// TestPublishNewNeverReplaces: without Force a finished export takes
// its name only if no file has it, including one created after the
// export looked (here by the link itself, just before it links); where
// the file system has no hard links it looks and renames.
func TestPublishNewNeverReplaces(t *testing.T) {
	linkFails := func(errno syscall.Errno) func(string, string) error {
		return func(oldname, newname string) error {
			return &os.LinkError{Op: "link", Old: oldname, New: newname, Err: errno}
		}
	}
	cases := []struct {
		name   string
		theirs bool // a file has the name before the export commits
		link   func(oldname, newname string) error
		want   error // nil, fs.ErrExist (the name is taken: an *ExistsError) or another error
	}{
		{"name free", false, os.Link, nil},
		{"name taken", true, os.Link, fs.ErrExist},
		{"name taken while linking", false, func(oldname, newname string) error {
			if err := os.WriteFile(newname, []byte("theirs"), 0o644); err != nil {
				return err
			}
			return os.Link(oldname, newname)
		}, fs.ErrExist},
		{"no hard links", false, linkFails(syscall.EPERM), nil},
		{"no hard links, name taken", true, linkFails(syscall.EOPNOTSUPP), fs.ErrExist},
		{"link refused", false, linkFails(syscall.EACCES), syscall.EACCES},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			tmp, final := filepath.Join(dir, ".out.jsonl.x.tmp"), filepath.Join(dir, "out.jsonl")
			if err := os.WriteFile(tmp, []byte("ours"), 0o644); err != nil {
				t.Fatal(err)
			}
			if c.theirs {
				if err := os.WriteFile(final, []byte("theirs"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			err := publishNew(tmp, final, c.link)
			if (err == nil) != (c.want == nil) || (c.want != nil && !errors.Is(err, c.want)) {
				t.Fatalf("publishNew: %v, want %v", err, c.want)
			}
			if taken := (*ExistsError)(nil); errors.Is(c.want, fs.ErrExist) && (!errors.As(err, &taken) || taken.Path != final) {
				t.Errorf("publishNew: %#v, want an *ExistsError naming %s", err, final)
			}
			got, _ := os.ReadFile(final)
			switch {
			case c.want == nil && string(got) != "ours":
				t.Errorf("published %q, want the export", got)
			case errors.Is(c.want, fs.ErrExist) && string(got) != "theirs":
				t.Errorf("the file that had the name now holds %q", got)
			}
			if _, err := os.Stat(tmp); c.want == nil && err == nil {
				t.Error("the temporary name is still there")
			}
		})
	}
}

// TestExportHonoursTheUmask: an export gets the permissions any new file
// of the user's gets (0600 under umask 077, 0644 under 022), as the
// other tools that write archives do. Not parallel: the umask is the
// process's.
func TestExportHonoursTheUmask(t *testing.T) {
	_, db := exportFixture(t)
	for _, c := range []struct {
		umask int
		want  fs.FileMode
	}{{0o077, 0o600}, {0o022, 0o644}} {
		old := syscall.Umask(c.umask)
		target := filepath.Join(t.TempDir(), "out.jsonl")
		_, err := Export(t.Context(), db, target, ExportOptions{Format: JSONL})
		syscall.Umask(old)
		if err != nil {
			t.Fatal(err)
		}
		if st, err := os.Stat(target); err != nil || st.Mode().Perm() != c.want {
			t.Errorf("umask %03o: export is %v (%v), want %v", c.umask, st.Mode().Perm(), err, c.want)
		}
	}
}

// TestPendingNamesAreRecognised: the file an export is written in first
// is one RemoveInterruptedExports knows as this process's, whatever the
// export's name holds (a *, spaces, non-ASCII).
func TestPendingNamesAreRecognised(t *testing.T) {
	for _, name := range []string{"out.jsonl", "a*b.jsonl", "报告 2020.warc.gz", "x-1-2.tmp"} {
		p, err := createPending(filepath.Join(t.TempDir(), name))
		if err != nil {
			t.Fatal(err)
		}
		p.f.Close()
		m := pendingNames.FindStringSubmatch(filepath.Base(p.f.Name()))
		if m == nil || m[2] != strconv.Itoa(os.Getpid()) || !strings.HasPrefix(filepath.Base(p.f.Name()), "."+name+".") {
			t.Errorf("%s: written first as %s, which is not known as this process's export of it", name, p.f.Name())
		}
	}
}
