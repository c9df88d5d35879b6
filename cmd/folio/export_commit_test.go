package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"folio/internal/bundle"
	"folio/internal/bundle/bundletest"
	"folio/store"
)

// TestExportNameTakenWhileWriting: a name of a WARC and its index taken
// after the command line was checked (bundle.ExistsError; the bundle's
// own test shows nothing of the export is left) ends the command as a
// name taken before does: a usage error that names the file and --force.
func TestExportNameTakenWhileWriting(t *testing.T) {
	_, db := exportFixture(t)
	st, err := store.Open(db, &store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, taken := range []string{"out.warc.gz", "out.cdxj"} {
		dir := t.TempDir()
		out := filepath.Join(dir, "out.warc.gz")
		if err := os.WriteFile(filepath.Join(dir, taken), []byte("theirs"), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := export(context.Background(), st, exportOptions{out: out, ExportOptions: bundle.ExportOptions{Format: bundle.WARC, CDX: true}}, nil)
		want := "export: " + filepath.Join(dir, taken) + " exists; use --force to overwrite it"
		if !errors.Is(err, errUsage) || err.Error() != want {
			t.Errorf("%s taken: export returned %v, want the usage error %q", taken, err, want)
		}
		if names := bundletest.DirNames(t, dir); !slices.Equal(names, []string{taken}) {
			t.Errorf("%s taken: files %v, want only it", taken, names)
		}
		if b, _ := os.ReadFile(filepath.Join(dir, taken)); string(b) != "theirs" {
			t.Errorf("%s taken: it now holds %q", taken, b)
		}
	}
}
