package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"folio/crawler"
	"folio/crawler/crawltest"
	"folio/store"
)

// TestMain lets tests run folio as a real process: the test binary, started
// again with FOLIO_TEST_MAIN=1, is folio (no `go build` needed).
func TestMain(m *testing.M) {
	if os.Getenv("FOLIO_TEST_MAIN") == "1" {
		limitFileSize() // a disk that fills up (fulldisk_test.go)
		main()
		return
	}
	os.Exit(m.Run())
}

// folioProcess starts folio with args as a separate process.
func folioProcess(t *testing.T, args ...string) (*exec.Cmd, *bytes.Buffer) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "FOLIO_TEST_MAIN=1")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	return cmd, &out
}

// waitFor polls until cond holds, failing the test after limit.
func waitFor(t *testing.T, limit time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestCrawlSharedStoreKillAndResume runs a crawl in a real process, reads
// the store while it runs, tries a second writer, kills the crawl with
// SIGKILL and resumes it.
func TestCrawlSharedStoreKillAndResume(t *testing.T) {
	const articles = 60
	srv := crawltest.Serve(t, crawltest.Site{Articles: articles, PagesPer: 2, PerList: 10})
	db := tempDB(t)
	args := []string{"crawl", "--db", db, "--delay", "25ms", "--timeout", "5s", srv.URL + "/news/"}
	cmd, out := folioProcess(t, args...)
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	waitFor(t, 20*time.Second, "the crawl to store something", func() bool { return len(srv.Requests()) > 8 })

	// Readers answer while the crawl writes.
	start := time.Now()
	code, stdout, stderr := folio(t, "list", "--json", "--db", db)
	if code != 0 {
		t.Fatalf("list during a crawl: exit %d: %s", code, stderr)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("list took %s during a crawl", took)
	}
	// And they see what it has committed so far.
	waitFor(t, 20*time.Second, "list to show a document the crawl stored", func() bool {
		if len(decodeDocs(t, stdout)) > 0 {
			return true
		}
		code, stdout, _ = folio(t, "list", "--json", "--db", db)
		return code == 0 && len(decodeDocs(t, stdout)) > 0
	})
	// A second writer waits --lock-timeout, then exits 3 naming the first.
	for _, cmdline := range [][]string{
		{"crawl", "--db", db, "--lock-timeout", "200ms", srv.URL + "/news/"},
		{"archive", "--db", db, "--lock-timeout", "200ms", srv.URL + crawltest.ArticlePath(1, 1)},
	} {
		code, _, stderr = folio(t, cmdline...)
		want := fmt.Sprintf("being written by another folio process, pid %d", cmd.Process.Pid)
		if code != exitStore || !strings.Contains(stderr, want) {
			t.Errorf("%s on a store being crawled: exit %d, %q; want exit 3 and %q", cmdline[0], code, stderr, want)
		}
	}

	// kill -9 in the middle.
	k := len(srv.Requests())
	waitFor(t, 20*time.Second, "more requests", func() bool { return len(srv.Requests()) > k+10 })
	select {
	case err := <-exited:
		t.Fatalf("the crawl ended before it could be killed (%v):\n%s", err, out)
	default:
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-exited
	before := len(srv.Requests())

	// The next run resumes: it opens the store, archives what is left.
	code, stdout, stderr = folio(t, "crawl", "--json", "--db", db, "--delay", "5ms", "--timeout", "5s", srv.URL+"/news/")
	if code != 0 {
		t.Fatalf("resumed crawl: exit %d\n%s\n%s", code, stdout, stderr)
	}
	var sum crawler.Summary
	if err := json.Unmarshal([]byte(stdout), &sum); err != nil {
		t.Fatalf("summary %q: %v", stdout, err)
	}
	if !sum.Resumed || sum.Unchanged != 0 || sum.Failed != 0 {
		t.Errorf("resumed run summary %+v", sum)
	}
	st, err := store.Open(db, &store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	n := 0
	err = st.Documents(store.DocumentFilter{}, func(d *store.Document) error {
		n++
		h, err := st.History(d.URL)
		if err != nil {
			return err
		}
		if len(h.Versions) != 1 || h.Versions[0].UnchangedRefetches != 0 || len(d.Pages) != 2 {
			t.Errorf("%s: %d versions, %d unchanged re-fetches, %d pages: stored twice or cut", d.URL, len(h.Versions), h.Versions[0].UnchangedRefetches, len(d.Pages))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n != articles {
		t.Errorf("%d documents after the resume, want %d", n, articles)
	}
	// Fetched again: at most the pages of the article in flight at the kill.
	counts := map[string]int{}
	again := []string{}
	for i, r := range srv.Requests() {
		counts[r.Path]++
		if counts[r.Path] > 1 && i >= before && r.Path != "/robots.txt" && r.Path != "/news/" {
			again = append(again, r.Path)
		}
	}
	sort.Strings(again)
	if len(again) > 2 {
		t.Errorf("fetched again after the kill: %v", again)
	}
}

func TestCrawlConfigFile(t *testing.T) {
	a := crawltest.Serve(t, crawltest.Site{Articles: 3})
	b := crawltest.Serve(t, crawltest.Site{Articles: 2})
	cfg := filepath.Join(t.TempDir(), "sites.yaml")
	os.WriteFile(cfg, []byte(fmt.Sprintf(`# nightly
delay: 10ms
timeout: 5s
revisit-min: 1h
sites:
  - name: a
    seeds: [%s/news/]
    delay: 60ms
    tz: Asia/Shanghai
  - name: b
    seeds: [%s/news/]
    max-docs: 1
`, a.URL, b.URL)), 0o644)
	db := tempDB(t)
	code, stdout, stderr := folio(t, "crawl", "--db", db, "--config", cfg, "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if stderr != "" {
		t.Errorf("a good run off a terminal should be silent on stderr, got %q", stderr)
	}
	var sum crawler.Summary
	if err := json.Unmarshal([]byte(stdout), &sum); err != nil {
		t.Fatal(err)
	}
	if sum.New != 4 || sum.Queued != 1 {
		t.Errorf("summary %+v, want 3 from a and 1 from b (max-docs 1), 1 left", sum)
	}
	starts := a.Requests()
	for i := 1; i < len(starts); i++ {
		if gap := starts[i].Start.Sub(starts[i-1].Start); gap < 50*time.Millisecond {
			t.Errorf("site a: requests %s apart, its delay is 60ms", gap)
		}
	}

	// Flags given on the command line override the file, sites included.
	c, _ := loadConfig(cfg)
	fetch := fetchFlags{delay: 500 * time.Millisecond, maxPages: 50, depth: 3}
	cf := crawlFlags{hostBudget: 100}
	common := commonFlags{}
	given := map[string]bool{"delay": true}
	c.applyDefaults(&fetch, &cf, &common, given)
	sites, err := crawlSites(nil, c, &fetch, &cf, given)
	if err != nil {
		t.Fatal(err)
	}
	if fetch.delay != 500*time.Millisecond || sites[0].Delay != 0 || cf.revisitMin != time.Hour || sites[1].MaxDocs != 1 {
		t.Errorf("override: delay %s, site a delay %s, revisit-min %s, site b max-docs %d", fetch.delay, sites[0].Delay, cf.revisitMin, sites[1].MaxDocs)
	}
}

// TestSiteDelayReplacesTheDefault: a site's delay in the file replaces
// the file's top-level delay, shorter as well as longer.
func TestSiteDelayReplacesTheDefault(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "sites.yaml")
	os.WriteFile(cfg, []byte("delay: 2s\nsites:\n  - seeds: [http://a.test/]\n    delay: 500ms\n  - seeds: [http://b.test/]\n    delay: 5s\n  - seeds: [http://c.test/]\n"), 0o644)
	c, err := loadConfig(cfg)
	if err != nil {
		t.Fatal(err)
	}
	fetch := fetchFlags{delay: time.Second, maxPages: 50, depth: 3}
	cf := crawlFlags{hostBudget: 100}
	given := map[string]bool{}
	c.applyDefaults(&fetch, &cf, &commonFlags{}, given)
	sites, err := crawlSites(nil, c, &fetch, &cf, given)
	if err != nil {
		t.Fatal(err)
	}
	if fetch.delay != 2*time.Second || sites[0].Delay != 500*time.Millisecond || sites[1].Delay != 5*time.Second || sites[2].Delay != 0 {
		t.Errorf("default %s; sites %s, %s, %s; want 2s; 500ms, 5s and the default's 0", fetch.delay, sites[0].Delay, sites[1].Delay, sites[2].Delay)
	}
}

func TestCrawlUsageErrors(t *testing.T) {
	dir := t.TempDir()
	for name, yaml := range map[string]string{
		"unknown key":   "delai: 1s\n",
		"bad duration":  "delay: soon\n",
		"no seeds":      "sites:\n  - name: x\n",
		"bad scope":     "sites:\n  - seeds: [http://a.test/]\n    scope: '('\n",
		"bad tz":        "sites:\n  - seeds: [http://a.test/]\n    tz: Mars/Olympus\n",
		"site delay":    "sites:\n  - seeds: [http://a.test/]\n    delay: -5s\n",
		"site max-docs": "sites:\n  - seeds: [http://a.test/]\n    max-docs: -3\n",
	} {
		cfg := filepath.Join(dir, strings.ReplaceAll(name, " ", "_")+".yaml")
		os.WriteFile(cfg, []byte(yaml), 0o644)
		code, _, stderr := folio(t, "crawl", "--db", filepath.Join(dir, "x.db"), "--config", cfg)
		if code != exitUsage {
			t.Errorf("%s: exit %d (%s), want 2", name, code, stderr)
		}
	}
	if code, _, _ := folio(t, "crawl", "--db", filepath.Join(dir, "x.db")); code != exitUsage {
		t.Errorf("no seeds: exit %d", code)
	}
}

func TestCrawlSummaryLine(t *testing.T) {
	var b bytes.Buffer
	printSummary(&b, &crawler.Summary{Outcomes: store.Outcomes{New: 2, Changed: 1, Unchanged: 5}, Lists: 3, Fetches: 20, Seconds: 1.25, NotDue: 7, Queued: 4, Resumed: true, Run: 9})
	want := "crawl: 2 new, 1 changed, 5 unchanged, 0 failed, 0 skipped by robots.txt, 3 list pages, 20 fetches in 1.2s; 7 not due for a re-check, 4 left in the frontier (resumed run 9)\n"
	if b.String() != want {
		t.Errorf("got  %q\nwant %q", b.String(), want)
	}
}
