package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"folio/store"
)

// archivedStore archives the two-page report and the UTF-8 article into a
// fresh store and returns the store and the report's page 1 URL.
func archivedStore(t *testing.T) (db, report, article string) {
	t.Helper()
	srv := servePortal(t, nil)
	db = tempDB(t)
	report = srv.URL + "/bxsh/2020/0222/20200222132211.html"
	article = srv.URL + "/news/2024/0315/678.html"
	archiveJSON(t, db, report, article+"?from=bxsh&utm_source=wx")
	return db, report, article
}

func TestShowFormats(t *testing.T) {
	db, report, _ := archivedStore(t)
	page2 := strings.TrimSuffix(report, ".html") + "_2.html"

	code, out, errOut := folio(t, "show", "--db", db, "--format", "json", page2)
	if code != 0 {
		t.Fatalf("show json: exit %d: %s", code, errOut)
	}
	var d store.Document
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatal(err)
	}
	if d.URL != report || len(d.Pages) != 2 || len(d.Tables) != 4 {
		t.Fatalf("show json via page 2: url %s, %d pages, %d tables", d.URL, len(d.Pages), len(d.Tables))
	}

	// --json, as the other commands spell it, is --format json.
	if code, same, errOut := folio(t, "show", "--db", db, "--json", page2); code != 0 || same != out {
		t.Errorf("show --json: exit %d, %s; want what --format json prints", code, errOut)
	}
	if code, _, _ := folio(t, "show", "--db", db, "--json", "--format", "md", page2); code != 2 {
		t.Errorf("show --json --format md: exit %d, want 2", code)
	}

	_, text, _ := folio(t, "show", "--db", db, report)
	if !strings.HasPrefix(text, d.Title+"\n"+report+"\n") || !strings.Contains(text, d.Text) {
		t.Fatalf("show text:\n%s", text)
	}

	_, md, _ := folio(t, "show", "--db", db, "--format", "md", report)
	for _, want := range []string{
		"# " + d.Title + "\n",
		"| 信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |\n",
		"| --- | --- | --- | --- |\n",
		"| 规章 | 0 | 0 | 0 |\n",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("show md lacks %q", want)
		}
	}
	if strings.Contains(md, "规章\t0") {
		t.Error("show md left a table as tab-separated text")
	}
	if len(d.Attachments) == 0 {
		t.Fatal("the report has no attachment")
	}
	if a := d.Attachments[0]; !strings.Contains(md, "## 附件 Attachments\n\n- ["+a.Title+"](<"+a.URL+">)\n") {
		t.Errorf("show md does not link the attachment %s:\n%s", a.URL, md)
	}
}

func TestShowFindsAliasesAndVersions(t *testing.T) {
	db, _, article := archivedStore(t)
	// ?page=1 is page 1 spelled as a bar links it (NewsShow.asp?id=88&page=1):
	// a crawl meets it on page 2's bar and knows it for page 1, so show and
	// history must too.
	// A link with a session id, as a crawl met it (and stripped it), too.
	for _, u := range []string{article, article + "?from=bxsh&utm_source=wx", article + "?utm_medium=x", article + "?page=1",
		article + "?sid=8f3a2b1c", article + ";jsessionid=0A1B2C3D4E5F60718293A4B5C6D7E8F9",
		strings.Replace(article, "/news/", "/news/../news/", 1)} {
		if code, _, errOut := folio(t, "show", "--db", db, u); code != 0 {
			t.Errorf("show %s: exit %d: %s", u, code, errOut)
		}
		if code, _, errOut := folio(t, "history", "--db", db, u); code != 0 {
			t.Errorf("history %s: exit %d: %s", u, code, errOut)
		}
	}
	code, _, errOut := folio(t, "show", "--db", db, "--version", "2", article)
	if code != exitPartial || !strings.Contains(errOut, "no version 2") {
		t.Errorf("show --version 2: exit %d: %s", code, errOut)
	}
	code, _, errOut = folio(t, "show", "--db", db, article+"x")
	if code != exitPartial || !strings.Contains(errOut, "not in the store") {
		t.Errorf("show unknown URL: exit %d: %s", code, errOut)
	}
}

func TestListAndHistory(t *testing.T) {
	db, report, article := archivedStore(t)
	_, out, _ := folio(t, "list", "--db", db, "--json")
	var lines []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("list --json line %q: %v", l, err)
		}
		lines = append(lines, m)
	}
	if len(lines) != 2 || lines[0]["url"] != article || lines[1]["url"] != report {
		t.Fatalf("list --json (newest first): %v", out)
	}
	if _, has := lines[0]["text"]; has {
		t.Error("list --json without --text printed the text")
	}
	aliases, _ := lines[0]["aliases"].([]any)
	if len(aliases) != 1 || !strings.Contains(aliases[0].(string), "from=bxsh") {
		t.Errorf("aliases = %v", lines[0]["aliases"])
	}
	_, out, _ = folio(t, "list", "--db", db, "--json", "--text")
	if !strings.Contains(out, `"text":"来源时间为:2020-02-20\n`) {
		t.Error("list --json --text lacks the text")
	}
	_, out, _ = folio(t, "list", "--db", db, "--since", time.Now().Add(time.Hour).Format("2006-01-02T15:04"))
	if strings.Count(out, "\n") != 1 {
		t.Errorf("list --since the future printed documents:\n%s", out)
	}
	_, out, _ = folio(t, "list", "--db", db)
	if !strings.Contains(out, "2020-02-22 13:22  2      gbk") {
		t.Errorf("list table:\n%s", out)
	}

	folio(t, append([]string{"archive", "--db", db}, append(fastFlags, article)...)...)
	code, out, _ := folio(t, "history", "--db", db, "--json", article)
	var h struct {
		URL      string `json:"url"`
		Versions []struct {
			Version            int       `json:"version"`
			ContentHash        string    `json:"content_hash"`
			FirstSeen          time.Time `json:"first_seen"`
			LastSeen           time.Time `json:"last_seen"`
			UnchangedRefetches int       `json:"unchanged_refetches"`
		} `json:"versions"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &h) != nil {
		t.Fatalf("history --json: exit %d %s", code, out)
	}
	if h.URL != article || len(h.Versions) != 1 || h.Versions[0].UnchangedRefetches != 1 ||
		h.Versions[0].LastSeen.Before(h.Versions[0].FirstSeen) || !strings.HasPrefix(h.Versions[0].ContentHash, "sha256:") {
		t.Fatalf("history: %+v", h)
	}
}

func TestExtractCommand(t *testing.T) {
	page := filepath.Join(portalDir, "bxsh/2020/0222/20200222132211.html")
	code, out, errOut := folio(t, "extract", page, "--url", "http://www.52zhuzhou.test/bxsh/2020/0222/20200222132211.html")
	if code != 0 {
		t.Fatalf("extract: exit %d: %s", code, errOut)
	}
	var d store.Document
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatal(err)
	}
	if d.Title != "株洲市芦淞区人民政府2019年政府信息公开年度报告" || d.Published != "2020-02-22T13:22:11+08:00" ||
		len(d.Pages) != 1 || d.Pages[0].Charset != "gbk" || !strings.Contains(d.Text, "互联网+政务服务") {
		t.Fatalf("extract: %+v", d)
	}
	raw, _ := os.ReadFile(page)
	if d.Pages[0].PayloadDigest != store.Digest(raw) {
		t.Error("extract's payload digest is not that of the file")
	}
	// A --url its rel=canonical corrects is an alias of the document.
	_, out, _ = folio(t, "extract", filepath.Join(portalDir, "news/2024/0315/678.html"), "--url", "http://www.52zhuzhou.test/news/2024/0315/678.html?from=bxsh")
	var c store.Document
	if err := json.Unmarshal([]byte(out), &c); err != nil || c.URL != "http://www.52zhuzhou.test/news/2024/0315/678.html" ||
		!slices.Equal(c.Aliases, []string{"http://www.52zhuzhou.test/news/2024/0315/678.html?from=bxsh"}) {
		t.Errorf("extract with a --url the page's rel=canonical corrects: url %s, aliases %v (%v)", c.URL, c.Aliases, err)
	}
	// --json, which every other command takes, changes nothing.
	code, withJSON, _ := folio(t, "extract", page, "--json")
	var j store.Document
	if err := json.Unmarshal([]byte(withJSON), &j); code != 0 || err != nil || j.ContentHash != d.ContentHash || j.Title != d.Title {
		t.Errorf("extract --json: exit %d, %v; %s %q, want extract's %s %q", code, err, j.ContentHash, j.Title, d.ContentHash, d.Title)
	}
	// A list page is printed too, and said to be one.
	list := filepath.Join(portalDir, "news/index.html")
	if code, out, errOut := folio(t, "extract", list, "--url", "http://www.52zhuzhou.test/news/"); code != 0 || out == "" ||
		errOut != "folio: warning: "+list+": a list or column page, not an article\n" {
		t.Errorf("extract of a list page: exit %d, stderr %q", code, errOut)
	}
	// Without --url the page is its file:// URL.
	_, out, _ = folio(t, "extract", page)
	if !strings.Contains(out, `"url":"file:///`) {
		t.Errorf("extract without --url: %s", out[:min(len(out), 200)])
	}
	// A PDF is not a page.
	code, _, errOut = folio(t, "extract", filepath.Join(portalDir, "uploads/soft/200222/1-200222132211.pdf"))
	if code != exitPartial || !strings.Contains(errOut, "not an HTML document") {
		t.Errorf("extract PDF: exit %d: %s", code, errOut)
	}
}

func TestExitCodes(t *testing.T) {
	db := tempDB(t)
	tests := []struct {
		name     string
		args     []string
		code     int
		msg      string // the first line of stderr starts with it
		synopsis bool   // a usage line follows
	}{
		{"unknown command", []string{"frobnicate"}, exitUsage, `folio: unknown command "frobnicate"`, true},
		{"unknown flag", []string{"list", "--db", db, "--frob"}, exitUsage, "folio: list: flag provided but not defined: --frob", true},
		{"file URL", []string{"archive", "--db", db, "file:///etc/passwd"}, exitUsage, "folio: file:///etc/passwd: only http and https", false},
		{"no URL", []string{"archive", "--db", db}, exitUsage, "folio: archive: no URL given", true},
		{"bad size", []string{"archive", "--db", db, "--max-body", "lots", "http://x.test/"}, exitUsage, "folio: archive: invalid value \"lots\" for flag --max-body: not a size", true},
		{"missing store", []string{"list", "--db", filepath.Join(t.TempDir(), "none.db")}, exitStore, "folio: ", false},
		{"bad serve address", []string{"demo", "--serve", "nonsense"}, exitUsage, "folio: demo: --serve nonsense: ", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errOut := folio(t, tt.args...)
			errs := strings.Split(strings.TrimSuffix(errOut, "\n"), "\n")
			want := 1
			if tt.synopsis {
				want = 2
			}
			if code != tt.code || len(errs) != want || !strings.HasPrefix(errs[0], tt.msg) ||
				(tt.synopsis && !strings.HasPrefix(errs[1], "usage: folio ")) {
				t.Fatalf("exit %d, want %d; stderr %q", code, tt.code, errOut)
			}
		})
	}
	// No command: the list of commands, on stderr; help: on stdout.
	if code, out, errOut := folio(t); code != exitUsage || out != "" || !strings.Contains(errOut, "commands:") {
		t.Errorf("no command: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	// Help spells the flags as the errors do, and sizes as they are given.
	if code, out, errOut := folio(t, "archive", "-h"); code != exitOK || errOut != "" ||
		!strings.Contains(out, "\n  --max-body size\n") || !strings.Contains(out, "(default 20MiB)") || !strings.Contains(out, "\n  -q\t") {
		t.Errorf("archive -h: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if _, err := os.Stat(db); err == nil {
		t.Error("a refused command created the store")
	}
}

// TestFlagErrorsSayDoubleDash: the flag package's messages name a flag
// with one dash (-max-body); folio's, like its help and README, with two,
// however the command line spelt it. Each is exit 2, one line, then the
// synopsis.
func TestFlagErrorsSayDoubleDash(t *testing.T) {
	db := filepath.Join(t.TempDir(), "folio.db")
	for _, tt := range []struct {
		args []string
		msg  string // the first line of stderr
	}{
		{[]string{"archive", "--max-body", "5XB", "http://x.test/"},
			`folio: archive: invalid value "5XB" for flag --max-body: not a size: "5XB" (use 5MiB, 5MB, 512KiB or a byte count)`},
		{[]string{"archive", "-max-body=5XB", "http://x.test/"},
			`folio: archive: invalid value "5XB" for flag --max-body: not a size: "5XB" (use 5MiB, 5MB, 512KiB or a byte count)`},
		{[]string{"list", "--version"}, "folio: list: flag provided but not defined: --version"},
		{[]string{"list", "-version"}, "folio: list: flag provided but not defined: --version"},
		{[]string{"crawl", "--delay", "soon", "http://x.test/"}, `folio: crawl: invalid value "soon" for flag --delay: not a duration (100ms, 1s, 2m, 20h)`},
		{[]string{"show", "--version", "two", "http://x.test/"}, `folio: show: invalid value "two" for flag --version: parse error`},
		{[]string{"list", "--json=maybe"}, `folio: list: invalid value "maybe" for flag --json: parse error`},
		{[]string{"list", "--since"}, "folio: list: flag needs an argument: --since"},
		{[]string{"list", "---json"}, "folio: list: bad flag syntax: ---json"},
		{[]string{"export", "--format", "jsonl", "-o"}, "folio: export: flag needs an argument: -o"},
		{[]string{"list", "-x"}, "folio: list: flag provided but not defined: -x"},
	} {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, stdout, stderr := folio(t, append([]string{tt.args[0], "--db", db}, tt.args[1:]...)...)
			errs := lines(stderr)
			if code != exitUsage || stdout != "" || len(errs) != 2 || errs[0] != tt.msg ||
				!strings.HasPrefix(errs[1], "usage: folio "+tt.args[0]+" ") {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit 2 and %q, then the usage", code, stdout, stderr, tt.msg)
			}
		})
	}
	// Flags still parse in every spelling, before and after arguments.
	if code, _, stderr := folio(t, "list", "-db="+db, "-json"); code != exitStore || !strings.Contains(stderr, db) {
		t.Errorf("list -db=%s -json: exit %d: %s", db, code, stderr)
	}
	if _, err := os.Stat(db); err == nil {
		t.Error("a refused command created the store")
	}
}

// TestMissingInputFile: a file the command line names that is not there
// (or is a directory) is a usage error, exit 2, told in one line that
// names it, for import and extract alike; nothing is extracted before.
func TestMissingInputFile(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "nonexistent.warc.gz")
	page := filepath.Join(portalDir, "news/2024/0315/678.html")
	for _, tt := range []struct {
		args []string
		msg  string
	}{
		{[]string{"import", "--db", filepath.Join(dir, "folio.db"), missing}, "folio: import: "},
		{[]string{"extract", missing}, "folio: extract: " + missing + ": no such file or directory"},
		{[]string{"extract", page, missing}, "folio: extract: " + missing + ": no such file or directory"},
		{[]string{"extract", dir}, "folio: extract: " + dir + ": is a directory, not a file"},
	} {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, stdout, stderr := folio(t, tt.args...)
			errs := lines(stderr)
			if code != exitUsage || stdout != "" || len(errs) != 1 || !strings.HasPrefix(errs[0], tt.msg) ||
				!strings.Contains(errs[0], tt.args[len(tt.args)-1]) {
				t.Errorf("exit %d, stdout %.80q, stderr %q; want exit 2 and one line naming the file", code, stdout, stderr)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "folio.db")); err == nil {
		t.Error("import of a missing file created the store")
	}
}

// TestDemoFailures: demo with a --db it cannot open fails (exit 3, one
// line) before it serves or prints anything; a demo that fails in a
// temporary directory of its own removes it.
func TestDemoFailures(t *testing.T) {
	db := filepath.Join(t.TempDir(), "no", "such", "dir", "x.db")
	code, stdout, stderr := folio(t, "demo", "--portal", portalDir, "--db", db)
	if code != exitStore || stdout != "" || len(lines(stderr)) != 1 || !strings.Contains(stderr, filepath.Dir(db)) {
		t.Errorf("demo --db %s: exit %d, stdout %q, stderr %q; want exit 3, nothing printed", db, code, stdout, stderr)
	}

	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp) // where the demo makes its directory
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // the crawl fails at once: interrupted
	var out, errOut bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut, getenv: func(string) string { return "" }}
	if code := run(ctx, []string{"demo", "--portal", portalDir}, e); code == exitOK {
		t.Fatalf("an interrupted demo: exit 0: %s", out.String())
	}
	if left, err := os.ReadDir(tmp); err != nil || len(left) != 0 {
		t.Errorf("an interrupted demo left %v in its temporary directory (%v)", left, err)
	}
}

func TestStoreUnavailable(t *testing.T) {
	dir := t.TempDir()
	foreign := filepath.Join(dir, "notes.txt")
	os.WriteFile(foreign, []byte("not a store\n"), 0o644)
	for _, args := range [][]string{
		{"list", "--db", foreign},
		{"archive", "--db", foreign, "http://127.0.0.1:1/"},
	} {
		code, _, errOut := folio(t, args...)
		if code != exitStore || !strings.Contains(errOut, "not a folio store") || strings.Count(errOut, "\n") != 1 {
			t.Errorf("%v: exit %d: %q", args, code, errOut)
		}
	}
	if b, _ := os.ReadFile(foreign); string(b) != "not a store\n" {
		t.Error("foreign file modified")
	}

	db := filepath.Join(dir, "folio.db")
	holder, err := store.Open(db, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	code, _, errOut := folio(t, "archive", "--db", db, "--lock-timeout", "200ms", "http://127.0.0.1:1/")
	want := fmt.Sprintf("folio: store is being written by another folio process, pid %d (%s)\n", os.Getpid(), db)
	if code != exitStore || errOut != want {
		t.Errorf("locked store: exit %d: %q, want %q", code, errOut, want)
	}
	// --lock-timeout 0 does not wait; a negative one is a usage error.
	start := time.Now()
	if code, _, _ := folio(t, "archive", "--db", db, "--lock-timeout", "0", "http://127.0.0.1:1/"); code != exitStore || time.Since(start) > 5*time.Second { // the default wait is 10s
		t.Errorf("--lock-timeout 0: exit %d after %s", code, time.Since(start))
	}
	if code, _, _ := folio(t, "archive", "--db", db, "--lock-timeout", "-1s", "http://127.0.0.1:1/"); code != exitUsage {
		t.Errorf("--lock-timeout -1s: exit %d", code)
	}
}

// TestExportURLVariants: export --url finds a document by any variant of
// its URL that show and history find it by.
func TestExportURLVariants(t *testing.T) {
	db, _, article := archivedStore(t)
	dir := t.TempDir()
	for i, u := range []string{article + "?utm_source=x", article + "?from=x#top"} {
		if code, _, stderr := folio(t, "show", "--db", db, u); code != 0 {
			t.Fatalf("show %s: exit %d: %s", u, code, stderr)
		}
		out := filepath.Join(dir, fmt.Sprintf("u%d.jsonl", i))
		if code, _, stderr := folio(t, "export", "--db", db, "-o", out, "--url", u); code != 0 {
			t.Errorf("export --url %s: exit %d: %s", u, code, stderr)
			continue
		}
		data, _ := os.ReadFile(out)
		if docs := decodeDocs(t, string(data)); len(docs) != 1 || docs[0].URL != article {
			t.Errorf("export --url %s: %s", u, data)
		}
		warcOut := filepath.Join(dir, fmt.Sprintf("u%d.warc.gz", i))
		if code, _, stderr := folio(t, "export", "--db", db, "-o", warcOut, "--url", u); code != 0 {
			t.Errorf("export --url %s: exit %d: %s", u, code, stderr)
		}
	}
	code, _, stderr := folio(t, "export", "--db", db, "-o", filepath.Join(dir, "none.jsonl"), "--url", article+"x")
	if code != exitPartial || !strings.Contains(stderr, article+"x: not in the store") {
		t.Errorf("export --url of an unknown URL: exit %d: %s", code, stderr)
	}
}
