package main

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSiteFilterWithoutPort: `--site HOST` of list and export names the
// host as users write it: the test server's URLs carry a port, and
// --site 127.0.0.1 finds them as --site 127.0.0.1:PORT does.
func TestSiteFilterWithoutPort(t *testing.T) {
	db, report, _ := archivedStore(t)
	u, _ := url.Parse(report)
	for _, tt := range []struct {
		site string
		want int
	}{
		{u.Hostname(), 2},
		{u.Host, 2},
		{strings.ToUpper("localhost"), 0},
		{u.Hostname() + ":1", 0},
	} {
		code, out, errOut := folio(t, "list", "--db", db, "--json", "--site", tt.site)
		if got := len(lines(out)); code != 0 || got != tt.want {
			t.Errorf("list --site %s: exit %d, %d documents, want %d: %s", tt.site, code, got, tt.want, errOut)
		}
		out = filepath.Join(t.TempDir(), "site.jsonl")
		code, _, errOut = folio(t, "export", "--db", db, "-o", out, "--site", tt.site)
		data, _ := os.ReadFile(out)
		if got := len(lines(string(data))); code != 0 || got != tt.want {
			t.Errorf("export --site %s: exit %d, %d documents, want %d: %s", tt.site, code, got, tt.want, errOut)
		}
	}
}
