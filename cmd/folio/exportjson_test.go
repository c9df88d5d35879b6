package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestExportJSONSummary: export --json prints one flat object with
// snake_case keys, nothing internal, and counts that agree.
func TestExportJSONSummary(t *testing.T) {
	_, db := exportFixture(t)
	dir := t.TempDir()
	warcKeys := []string{"path", "format", "bytes", "documents", "document_versions",
		"captures", "responses", "revisits", "requests", "skipped"}
	for _, c := range []struct {
		file string
		args []string
		keys []string
	}{
		{"x.warc.gz", []string{"--cdx"}, append([]string{"index"}, warcKeys...)},
		{"x.wacz", []string{"--cdx"}, append([]string{"pages"}, warcKeys...)}, // a WACZ holds its index anyway
		{"x.jsonl", nil, []string{"path", "format", "bytes", "documents"}},
	} {
		out := filepath.Join(dir, c.file)
		code, stdout, stderr := folio(t, append([]string{"export", "--db", db, "-o", out, "--json"}, c.args...)...)
		if code != 0 {
			t.Fatalf("export %s: exit %d: %s", c.file, code, stderr)
		}
		var got map[string]any
		if err := json.Unmarshal([]byte(stdout), &got); err != nil || strings.Count(strings.TrimSpace(stdout), "\n") != 0 {
			t.Fatalf("export %s --json: %v: %q", c.file, err, stdout)
		}
		var keys []string
		for k := range got {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		slices.Sort(c.keys)
		if !slices.Equal(keys, c.keys) {
			t.Errorf("export %s --json keys %v, want %v", c.file, keys, c.keys)
		}
		st, err := os.Stat(out)
		if err != nil || got["path"] != out || got["bytes"] != float64(st.Size()) {
			t.Errorf("export %s --json: path %v, bytes %v; the file has %d", c.file, got["path"], got["bytes"], st.Size())
		}
		// The fixture holds two documents, each in one version.
		if got["documents"] != float64(2) || (got["document_versions"] != nil && got["document_versions"] != float64(2)) ||
			(got["pages"] != nil && got["pages"] != float64(2)) {
			t.Errorf("export %s --json: %s", c.file, stdout)
		}
	}
}
