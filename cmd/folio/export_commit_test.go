package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"folio/internal/bundle"
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
		res, err := export(context.Background(), st, exportOptions{out: out, ExportOptions: bundle.ExportOptions{Format: bundle.WARC, CDX: true}}, nil)
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
