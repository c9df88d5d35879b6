package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"syscall"
	"testing"

	"folio/store"
)

// dirNames lists the names in dir, sorted.
func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	slices.Sort(names)
	return names
}

// TestPublishNewNeverReplaces: without --force a finished export takes
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
		want   error // nil, errUsage (the name is taken) or another error
	}{
		{"name free", false, os.Link, nil},
		{"name taken", true, os.Link, errUsage},
		{"name taken while linking", false, func(oldname, newname string) error {
			if err := os.WriteFile(newname, []byte("theirs"), 0o644); err != nil {
				return err
			}
			return os.Link(oldname, newname)
		}, errUsage},
		{"no hard links", false, linkFails(syscall.EPERM), nil},
		{"no hard links, name taken", true, linkFails(syscall.EOPNOTSUPP), errUsage},
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
			got, _ := os.ReadFile(final)
			switch {
			case c.want == nil && string(got) != "ours":
				t.Errorf("published %q, want the export", got)
			case errors.Is(c.want, errUsage) && string(got) != "theirs":
				t.Errorf("the file that had the name now holds %q", got)
			}
			if _, err := os.Stat(tmp); c.want == nil && err == nil {
				t.Error("the temporary name is still there")
			}
		})
	}
}

// TestExportCDXNeverLeavesTheWARCAlone: when either name of a WARC and
// its index is taken by the time the export is finished (a file created
// after the export checked), neither file is published and nothing of
// the export is left; the file that had the name is kept.
func TestExportCDXNeverLeavesTheWARCAlone(t *testing.T) {
	_, db := exportFixture(t)
	st, err := store.Open(db, &store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, taken := range []string{"", "out.warc.gz", "out.cdxj"} {
		dir := t.TempDir()
		out := filepath.Join(dir, "out.warc.gz")
		if taken != "" {
			if err := os.WriteFile(filepath.Join(dir, taken), []byte("theirs"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		res, err := export(context.Background(), st, exportOptions{format: "warc", out: out, cdx: true}, nil)
		names := dirNames(t, dir)
		if taken == "" {
			if err != nil || res.Index != filepath.Join(dir, "out.cdxj") || !slices.Equal(names, []string{"out.cdxj", "out.warc.gz"}) {
				t.Errorf("export: %v; index %q; files %v", err, res.Index, names)
			}
			continue
		}
		if !errors.Is(err, errUsage) {
			t.Errorf("%s taken: export returned %v, want a usage error", taken, err)
		}
		if !slices.Equal(names, []string{taken}) {
			t.Errorf("%s taken: files %v, want only it", taken, names)
		}
		if b, _ := os.ReadFile(filepath.Join(dir, taken)); string(b) != "theirs" {
			t.Errorf("%s taken: it now holds %q", taken, b)
		}
	}
}
