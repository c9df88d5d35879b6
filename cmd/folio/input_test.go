package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"folio/crawler/crawltest"
	"folio/store"
)

// TestBadURLsAreRefusedBeforeAnything: a URL that does not parse, another
// scheme than http(s), a URL without a host or with an impossible port is
// a usage error (exit 2, one line naming it); nothing is fetched, no store
// is made, an existing store is not touched.
func TestBadURLsAreRefusedBeforeAnything(t *testing.T) {
	f := crawltest.ServeFaults(t)
	dir := t.TempDir()
	good := f.URL + "/article/1.html"
	tests := []struct {
		name string
		args []string
		msg  string
	}{
		{"does not parse", []string{"archive", good, "http://[::1"}, "folio: http://[::1: not a URL: missing ']' in host"},
		{"bad escape", []string{"archive", good, "http://%zz/"}, `folio: http://%zz/: not a URL: invalid URL escape "%zz"`},
		{"control character", []string{"archive", good, "http://x.test/\n1.html"}, `folio: "http://x.test/\n1.html": not a URL`},
		{"no scheme", []string{"archive", good, "www.example.gov.cn/1.html"}, "folio: www.example.gov.cn/1.html: only http and https URLs are archived"},
		{"no host", []string{"archive", good, "http:///1.html"}, "folio: http:///1.html: URL has no host"},
		{"port out of range", []string{"archive", good, "http://x.test:99999/"}, "folio: http://x.test:99999/: port 99999 is out of range"},
		{"file", []string{"archive", good, "file:///etc/passwd"}, "folio: file:///etc/passwd: only http and https URLs are archived"},
		{"ftp", []string{"archive", good, "ftp://x.test/a.txt"}, "folio: ftp://x.test/a.txt: only http and https URLs are archived"},
		{"javascript", []string{"archive", good, "javascript:alert(1)"}, "folio: javascript:alert(1): only http and https URLs are archived"},
		{"crawl seed", []string{"crawl", f.URL + "/", "file:///etc/"}, "folio: file:///etc/: only http and https URLs are archived"},
		{"credentials", []string{"archive", good, "http://user:secret@x.test/a.html"}, "folio: http://user:xxxxx@x.test/a.html: URL carries credentials"},
		{"export --url", []string{"export", "-o", filepath.Join(dir, "x.jsonl"), "--url", "file:///etc/passwd"}, "folio: file:///etc/passwd: only http and https"},
		{"export -o -", []string{"export", "--format", "jsonl", "-o", "-"}, "folio: export: -o - (standard output) is not supported"},
	}
	existing := tempDB(t)
	archiveJSONWith(t, existing, faultFlags, f.URL+"/article/2.html")
	before, _ := os.ReadFile(existing)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, db := range []string{filepath.Join(dir, "new.db"), existing} {
				code, stdout, stderr := folio(t, append(tt.args, "--db", db)...)
				errs := lines(stderr)
				if code != exitUsage || stdout != "" || len(errs) == 0 || !strings.HasPrefix(errs[len(errs)-1], tt.msg) {
					t.Errorf("exit %d, stdout %q, stderr %q; want exit 2 and %q", code, stdout, errs, tt.msg)
				}
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "new.db")); err == nil {
		t.Error("a refused command made a store")
	}
	if after, _ := os.ReadFile(existing); !bytes.Equal(before, after) {
		t.Error("a refused command changed the store")
	}
	if n := f.Hits("/article/1.html") + f.Hits("/") + f.Hits("/robots.txt"); n > 1 {
		t.Errorf("%d requests made by refused commands", n-1)
	}
}

// TestURLArgumentSpaces: white space around a URL argument (pasted with
// it) is dropped, as a browser's address bar drops it: the page archived
// is the one named, and show finds it either way.
func TestURLArgumentSpaces(t *testing.T) {
	f := crawltest.ServeFaults(t)
	db := tempDB(t)
	docs := archiveJSONWith(t, db, faultFlags, " "+f.URL+"/article/1.html ")
	if len(docs) != 1 || docs[0].URL != f.URL+"/article/1.html" {
		t.Fatalf("archived %+v; want %s/article/1.html", docs, f.URL)
	}
	if code, _, stderr := folio(t, "show", "--db", db, f.URL+"/article/1.html"); code != 0 {
		t.Errorf("show: exit %d, %s", code, stderr)
	}
}

// TestUnknownFlagsPrintUsage: every command refuses a flag it does not
// know with exit 2: one line naming the flag, then the command's synopsis.
func TestUnknownFlagsPrintUsage(t *testing.T) {
	for _, c := range commands {
		code, stdout, stderr := folio(t, c.name, "--frobnicate", "x")
		errs := lines(stderr)
		if code != exitUsage || stdout != "" || len(errs) != 2 ||
			errs[0] != "folio: "+c.name+": flag provided but not defined: --frobnicate" ||
			!strings.HasPrefix(errs[1], "usage: folio "+c.name+" [flags]") {
			t.Errorf("%s --frobnicate: exit %d, stderr %q", c.name, code, stderr)
		}
	}
}

// TestStoreThatCannotBeMade: a store path under a missing directory, under
// a file, or naming a directory is exit 3 with one line saying why.
func TestStoreThatCannotBeMade(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "notes.txt")
	os.WriteFile(file, []byte("notes\n"), 0o644)
	os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	warcFile := filepath.Join(dir, "empty.warc")
	os.WriteFile(warcFile, nil, 0o644)
	for _, tt := range []struct{ db, msg string }{
		{filepath.Join(dir, "missing", "folio.db"), "cannot be created: " + filepath.Join(dir, "missing") + ": no such file or directory"},
		{filepath.Join(file, "folio.db"), "cannot be created: " + file + " is not a directory"},
		{filepath.Join(dir, "sub"), "is a directory, not a store file"},
		{"/dev/null", "is not a regular file, not a store file"},
	} {
		for _, args := range [][]string{
			{"archive", "http://127.0.0.1:1/a.html"},
			{"crawl", "http://127.0.0.1:1/"},
			{"import", warcFile},
		} {
			code, _, stderr := folio(t, append(args, "--db", tt.db)...)
			want := "folio: store " + tt.db + ": " + tt.msg + "\n"
			if code != exitStore || stderr != want {
				t.Errorf("%s --db %s: exit %d, stderr %q; want 3, %q", args[0], tt.db, code, stderr, want)
			}
		}
	}
	// An empty --db (an unset variable in a cron line) is a usage error,
	// with no lock file made anywhere.
	if code, _, stderr := folio(t, "archive", "--db", "", "http://127.0.0.1:1/a.html"); code != exitUsage || !strings.Contains(stderr, "--db is empty") {
		t.Errorf("--db \"\": exit %d, %q; want 2", code, stderr)
	}
	if _, err := os.Stat(".lock"); err == nil {
		t.Error("--db \"\" left .lock behind")
	}
}

// TestForeignOrCorruptStoreRefusedUntouched: given a file that is not a
// folio store, or one damaged where bbolt checks, every command exits 3
// with one line, never panics, and leaves the file (and its directory) as
// it was.
func TestForeignOrCorruptStoreRefusedUntouched(t *testing.T) {
	f := crawltest.ServeFaults(t)
	good := tempDB(t)
	archiveJSONWith(t, good, faultFlags, f.URL+"/article/1.html", f.URL+"/article/2.html")
	store, _ := os.ReadFile(good)

	dir := t.TempDir()
	foreignBolt := filepath.Join(t.TempDir(), "other.db")
	b, err := bolt.Open(foreignBolt, 0o644, nil)
	if err != nil {
		t.Fatal(err)
	}
	b.Update(func(tx *bolt.Tx) error { _, err := tx.CreateBucket([]byte("theirs")); return err })
	b.Close()
	theirs, _ := os.ReadFile(foreignBolt)
	bothMeta := bytes.Clone(store)
	for _, at := range []int{16, 4096 + 16} { // both meta pages' magic
		copy(bothMeta[at:], "damaged!")
	}
	files := map[string][]byte{
		"text":          []byte("this is not a store\n"),
		"zeros":         make([]byte, 64<<10),
		"random":        crawltest.RandomBytes(64 << 10),
		"png":           append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 8192)...),
		"one page":      store[:4096],
		"both meta bad": bothMeta,
		"foreign bbolt": theirs,
	}
	warcFile := filepath.Join(dir, "empty.warc")
	os.WriteFile(warcFile, nil, 0o644)
	u := f.URL + "/article/1.html"
	commands := [][]string{
		{"list"}, {"show", u}, {"history", u}, {"export", "-o", "OUT"},
		{"archive", u, "--lock-timeout", "1s"}, {"crawl", f.URL + "/", "--lock-timeout", "1s"}, {"import", warcFile},
	}
	for name, content := range files {
		t.Run(name, func(t *testing.T) {
			sub := t.TempDir()
			path := filepath.Join(sub, "folio.db")
			os.WriteFile(path, content, 0o644)
			for _, args := range commands {
				// A process each, as in real use: bbolt keeps a file it
				// panicked on while opening locked until the process ends.
				args = append(slices.Clone(args), "--db", path)
				if i := slices.Index(args, "OUT"); i >= 0 {
					args[i] = filepath.Join(sub, "out.wacz")
				}
				code, _, stderr := folioExec(t, args...)
				errs := lines(stderr)
				if code != exitStore || len(errs) != 1 || !strings.HasPrefix(errs[0], "folio: store "+path+": not a folio store or damaged") {
					t.Errorf("%s: exit %d, stderr %q", args[0], code, stderr)
				}
			}
			if got, _ := os.ReadFile(path); !bytes.Equal(got, content) {
				t.Error("the file was modified")
			}
			if entries, _ := os.ReadDir(sub); len(entries) != 1 {
				t.Errorf("left beside it: %v", entries)
			}
		})
	}
	if f.Hits("/article/1.html") != 1 {
		t.Errorf("the article was fetched %d times: a command went on with a bad store", f.Hits("/article/1.html"))
	}
}

// folioExec runs folio as a process of its own and returns its exit code
// and outputs.
func folioExec(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "FOLIO_TEST_MAIN=1")
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		code = exit.ExitCode()
	case err != nil:
		t.Fatal(err)
	}
	return code, out.String(), errOut.String()
}

// TestPanicIsOneLine: a bug that reaches a command's top is reported in one
// line naming the command and where it happened, with exit 1.
func TestPanicIsOneLine(t *testing.T) {
	var stderr bytes.Buffer
	boom := command{name: "boom", run: func(context.Context, *env, []string) error {
		var doc *store.Document
		_ = doc.URL // a nil dereference, as a bug would
		return nil
	}}
	e := &env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: &stderr, getenv: func(string) string { return "" }}
	code := report(e, safeRun(context.Background(), boom, e, nil))
	msg := stderr.String()
	if code != exitPartial || strings.Count(msg, "\n") != 1 ||
		!strings.HasPrefix(msg, "folio: boom: internal error: runtime error: invalid memory address or nil pointer dereference (panic at folio/input_test.go:") {
		t.Errorf("exit %d, stderr %q", code, msg)
	}
}

// TestExtractBoundsItsInput: `folio extract` reads at most --max-body of a
// file, so /dev/zero ends too.
func TestExtractBoundsItsInput(t *testing.T) {
	code, stdout, stderr := folio(t, "extract", "--max-body", "64KiB", "/dev/zero")
	errs := lines(stderr)
	if code != exitPartial || stdout != "" || len(errs) != 2 ||
		errs[0] != "folio: warning: file cut at --max-body file=/dev/zero max-body=65536" ||
		!strings.Contains(errs[1], "not an HTML document") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, errs)
	}
}
