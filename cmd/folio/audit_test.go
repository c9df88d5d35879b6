package main

import (
	"encoding/json"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
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

// TestBadFlagValuesPrintUsage: a flag value that is wrong, whether the flag
// package or folio finds it so, is exit 2 with one line naming the flag and
// then the command's synopsis, on stderr; nothing on stdout, no store made.
func TestBadFlagValuesPrintUsage(t *testing.T) {
	db := tempDB(t)
	u := "http://127.0.0.1:1/a.html"
	for _, tt := range []struct {
		args []string
		flag string // named in the first line
	}{
		{[]string{"archive", "--delay", "abc", u}, "delay"},
		{[]string{"archive", "--delay", "-1s", u}, "--delay"},
		{[]string{"archive", "--timeout", "0s", u}, "--timeout"},
		{[]string{"archive", "--max-body", "0", u}, "--max-body"},
		{[]string{"archive", "--max-body", "5XB", u}, "max-body"},
		{[]string{"archive", "--parallel", "0", u}, "--parallel"},
		{[]string{"archive", "--lock-timeout", "-1s", u}, "--lock-timeout"},
		{[]string{"archive", "--scope", "(", u}, "--scope"},
		{[]string{"archive", "--tz", "Mars/Base", u}, "--tz"},
		{[]string{"crawl", "--depth", "0", u}, "--depth"},
		{[]string{"crawl", "--log-format", "yaml", u}, "--log-format"},
		{[]string{"list", "--since", "yesterday"}, "--since"},
		{[]string{"show", "--format", "xml", u}, "--format"},
		{[]string{"show", "--version", "-1", u}, "--version"},
		{[]string{"export", "--format", "xml", "-o", filepath.Join(t.TempDir(), "x.out")}, "--format"},
		{[]string{"export", "-o", filepath.Join(t.TempDir(), "x.bin")}, "--format"},
		{[]string{"export", "--format", "jsonl"}, "-o"},
		{[]string{"extract", "--max-body", "0", "-"}, "--max-body"},
		{[]string{"import", "--max-pages", "0", "x.warc"}, "--max-pages"},
	} {
		args := append(append([]string(nil), tt.args...), "--db", db)
		code, out, errOut := folio(t, args...)
		errs := lines(errOut)
		if code != exitUsage || out != "" || len(errs) != 2 || !strings.Contains(errs[0], tt.flag) ||
			!strings.HasPrefix(errs[1], "usage: folio "+tt.args[0]+" [flags]") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", tt.args, code, out, errOut)
		}
	}
	if _, err := os.Stat(db); err == nil {
		t.Error("a refused command created the store")
	}
}

// TestHelpAndVersion: help and the version as CLI users type them.
func TestHelpAndVersion(t *testing.T) {
	for _, tt := range []struct {
		args      []string
		code      int
		stdout    string // stdout starts with it
		stderrNil bool
	}{
		{[]string{"help"}, exitOK, "usage: folio COMMAND", true},
		{[]string{"-h"}, exitOK, "usage: folio COMMAND", true},
		{[]string{"--help"}, exitOK, "usage: folio COMMAND", true},
		{[]string{"help", "list"}, exitOK, "usage: folio list [flags]", true},
		{[]string{"help", "export"}, exitOK, "usage: folio export [flags]", true},
		{[]string{"list", "-h"}, exitOK, "usage: folio list [flags]", true},
		{[]string{"version"}, exitOK, "folio ", true},
		{[]string{"--version"}, exitOK, "folio ", true},
		{[]string{"help", "frobnicate"}, exitUsage, "", false},
	} {
		code, out, errOut := folio(t, tt.args...)
		if code != tt.code || !strings.HasPrefix(out, tt.stdout) || (tt.stderrNil && errOut != "") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", tt.args, code, out, errOut)
		}
	}
}

// TestFetchedIsATime: "fetched" of a document and of each page is an RFC
// 3339 UTC time of this run, also for a URL that gave no response and for
// a saved page that extract read (they were year 1).
func TestFetchedIsATime(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	refused := "http://" + ln.Addr().String() + "/a.html"
	ln.Close()
	before := time.Now().UTC().Add(-2 * time.Second)

	_, out, _ := folio(t, "archive", "--db", tempDB(t), "--json", "--retries", "0", refused)
	_, out2, _ := folio(t, "extract", filepath.Join(portalDir, "news/2024/0315/678.html"))
	for _, line := range lines(out + out2) {
		var d struct {
			Fetched string `json:"fetched"`
			Pages   []struct {
				Fetched string `json:"fetched"`
			} `json:"pages"`
		}
		if err := json.Unmarshal([]byte(line), &d); err != nil || len(d.Pages) == 0 {
			t.Fatalf("%v: %s", err, line)
		}
		for _, s := range []string{d.Fetched, d.Pages[0].Fetched} {
			ts, err := time.Parse(time.RFC3339, s)
			if err != nil || !strings.HasSuffix(s, "Z") || ts.Before(before) {
				t.Errorf("fetched %q: %s", s, line)
			}
		}
	}
}

// TestCommonFlagsBeforeTheCommand: --db, --log-format, -q and -v work
// before the command as after it.
func TestCommonFlagsBeforeTheCommand(t *testing.T) {
	db, report, _ := archivedStore(t)
	for _, args := range [][]string{
		{"--db", db, "list", "--json"},
		{"--db=" + db, "list", "--json"},
		{"-q", "--log-format", "json", "--db", db, "list", "--json"},
		{"--db", db, "show", "--format", "json", report},
	} {
		code, out, errOut := folio(t, args...)
		if code != 0 || !strings.Contains(out, `"url":"`+report+`"`) || errOut != "" {
			t.Errorf("%v: exit %d, stderr %q", args, code, errOut)
		}
	}
	for _, args := range [][]string{{"--frob", "list"}, {"--db", db}} {
		if code, _, errOut := folio(t, args...); code != exitUsage || !strings.Contains(errOut, args[0]+": unknown flag before the command, or no command") {
			t.Errorf("%v: exit %d, stderr %q", args, code, errOut)
		}
	}
}

// TestJSONLogsToTheLastLine: under --log-format json every stderr line is a
// JSON record, the error that ends the command included, and an error
// about a URL carries it as a field.
func TestJSONLogsToTheLastLine(t *testing.T) {
	srv := servePortal(t, nil)
	missing := srv.URL + "/bxsh/2020/0222/nothing.html"
	for _, args := range [][]string{
		{"list", "--db", filepath.Join(t.TempDir(), "none.db")},
		{"archive", "--db", tempDB(t), "--delay", "0", missing},
		{"archive", "--db", tempDB(t)},                   // no URL: a usage error
		{"list", "--since", "yesterday", "--db", "x.db"}, // a bad flag value
	} {
		code, _, stderr := folio(t, append(args, "--log-format=json")...)
		if code == 0 || stderr == "" {
			t.Fatalf("%v: exit %d, stderr %q; want a failure", args, code, stderr)
		}
		for _, line := range strings.Split(strings.TrimSpace(stderr), "\n") {
			var rec map[string]any
			if err := json.Unmarshal([]byte(line), &rec); err != nil || rec["level"] != "ERROR" {
				t.Errorf("%v: stderr line %q is no JSON error record", args, line)
			}
			if args[0] == "archive" && len(args) > 3 && rec["url"] != missing {
				t.Errorf("%v: record %q has no url field %s", args, line, missing)
			}
		}
	}
}
