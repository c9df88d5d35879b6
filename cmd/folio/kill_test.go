package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"folio/crawler/crawltest"
	"folio/internal/bundle"
)

// TestArchiveKilled kills an archive run (SIGKILL) in the middle: the
// store opens and passes bbolt's check, every document stored before the
// kill is whole, and the next run archives the rest.
func TestArchiveKilled(t *testing.T) {
	const articles = 60
	srv := crawltest.Serve(t, crawltest.Site{Articles: articles, Paragraphs: 20})
	db := tempDB(t)
	var urls []string
	for id := 1; id <= articles; id++ {
		urls = append(urls, srv.URL+crawltest.ArticlePath(id, 1))
	}
	cmd, out := folioProcess(t, append([]string{"archive", "--db", db, "--delay", "100ms"}, urls...)...)
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	var seen map[string]bool
	waitFor(t, 30*time.Second, "five documents", func() bool {
		code, stdout, _ := folio(t, "list", "--json", "--db", db)
		seen = map[string]bool{}
		for _, d := range decodeDocs(t, stdout) {
			seen[d.URL] = true
		}
		return code == 0 && len(seen) >= 5
	})
	select {
	case err := <-exited:
		t.Fatalf("the archive ended before it could be killed (%v):\n%s", err, out)
	default:
	}
	cmd.Process.Signal(syscall.SIGKILL)
	<-exited

	checkBolt(t, db)
	stored := storeContents(t, db)
	for u := range seen {
		d := stored[u]
		if d == nil {
			t.Errorf("%s, listed before the kill, is gone", u)
			continue
		}
		if code, text, stderr := folio(t, "show", "--db", db, u); code != 0 || !strings.Contains(text, d.Title) {
			t.Errorf("show %s after the kill: exit %d: %s", u, code, stderr)
		}
	}
	if len(stored) >= articles {
		t.Fatalf("all %d archived before the kill", len(stored))
	}

	code, _, stderr := folio(t, append([]string{"archive", "--db", db, "--delay", "0"}, urls...)...)
	if code != 0 {
		t.Fatalf("the next run: exit %d: %s", code, stderr)
	}
	if n := len(storeContents(t, db)); n != articles {
		t.Errorf("%d documents after the next run, want %d", n, articles)
	}
}

// TestExportKilled kills a WARC export (SIGKILL) while it writes: no file
// appears under the export's name, and the next export writes it whole and
// removes what the killed one left.
func TestExportKilled(t *testing.T) {
	srv := crawltest.Serve(t, crawltest.Site{Articles: 80, Paragraphs: 60, Sidebar: true})
	db := tempDB(t)
	if code, _, stderr := folio(t, "crawl", "--db", db, "--delay", "0", "--per-host", "4", srv.URL+"/news/"); code != 0 {
		t.Fatalf("crawl: exit %d: %s", code, stderr)
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "crawl.warc.gz")
	leftover := ""
	for try := 0; try < 5 && leftover == ""; try++ {
		cmd, log := folioProcess(t, "export", "--db", db, "--cdx", "-o", out)
		exited := make(chan error, 1)
		go func() { exited <- cmd.Wait() }()
	poll:
		for {
			select {
			case <-exited:
				t.Logf("try %d: the export ended before it could be killed:\n%s", try, log)
				os.Remove(out)
				os.Remove(bundle.CDXPath(out))
				break poll
			default:
			}
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				if info, err := e.Info(); err == nil && strings.HasPrefix(e.Name(), ".crawl.warc.gz.") && info.Size() > 64<<10 {
					cmd.Process.Signal(syscall.SIGKILL)
					<-exited
					leftover = e.Name()
					break poll
				}
			}
			time.Sleep(time.Millisecond)
		}
	}
	if leftover == "" {
		t.Skip("the export was always done before it could be killed")
	}
	if _, err := os.Stat(out); err == nil {
		t.Fatal("a killed export left a file under the export's name")
	}

	code, _, stderr := folio(t, "export", "--db", db, "--cdx", "-o", out)
	if code != 0 {
		t.Fatalf("the next export: exit %d: %s", code, stderr)
	}
	recs := readWARC(t, out)
	if len(recs) < 80*2 {
		t.Errorf("%d records", len(recs))
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if strings.Join(names, " ") != "crawl.cdxj crawl.warc.gz" {
		t.Errorf("in the directory after the next export: %v (the killed export left %s)", names, leftover)
	}
}
