package bundle

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"folio/internal/bundle/bundletest"
)

// TestExportCDXNeverLeavesTheWARCAlone: when either name of a WARC and
// its index is taken by the time the export is finished (a file created
// after the caller looked), neither file is published and nothing of the
// export is left; the file that had the name is kept, and the error is an
// *ExistsError naming it.
func TestExportCDXNeverLeavesTheWARCAlone(t *testing.T) {
	_, db := exportFixture(t)
	for _, taken := range []string{"", "out.warc.gz", "out.cdxj"} {
		dir := t.TempDir()
		out := filepath.Join(dir, "out.warc.gz")
		if taken != "" {
			if err := os.WriteFile(filepath.Join(dir, taken), []byte("theirs"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		res, err := Export(context.Background(), db, out, ExportOptions{Format: WARC, CDX: true})
		names := bundletest.DirNames(t, dir)
		if taken == "" {
			if err != nil || res.Index != filepath.Join(dir, "out.cdxj") || !slices.Equal(names, []string{"out.cdxj", "out.warc.gz"}) {
				t.Errorf("export: %v; result %+v; files %v", err, res, names)
			}
			continue
		}
		var exists *ExistsError
		if !errors.As(err, &exists) || exists.Path != filepath.Join(dir, taken) || !errors.Is(err, fs.ErrExist) || res != nil {
			t.Errorf("%s taken: export returned %v, %v; want no result and an *ExistsError naming it", taken, res, err)
		}
		if !slices.Equal(names, []string{taken}) {
			t.Errorf("%s taken: files %v, want only it", taken, names)
		}
		if b, _ := os.ReadFile(filepath.Join(dir, taken)); string(b) != "theirs" {
			t.Errorf("%s taken: it now holds %q", taken, b)
		}
	}
}

// TestExportInterruptedLeavesNothing: an export whose context ends leaves
// no file of its own behind, in any format; the file beside it stays.
func TestExportInterruptedLeavesNothing(t *testing.T) {
	_, db := exportFixture(t)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "out.warc.gz"), []byte("precious"), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, format := range []string{WARC, WACZ, JSONL} {
		target := filepath.Join(dir, "cut."+format)
		res, err := Export(ctx, db, target, ExportOptions{Format: format, CDX: format == WARC})
		if !errors.Is(err, context.Canceled) || res != nil {
			t.Errorf("%s: interrupted export returned %v, %v", format, res, err)
		}
	}
	if names := bundletest.DirNames(t, dir); !slices.Equal(names, []string{"out.warc.gz"}) {
		t.Errorf("files left after interrupted exports: %v", names)
	}
}
