package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"folio/crawler/crawltest"
)

// TestImportBadFiles: a file that is not a WARC, one cut short in a record,
// and a record longer than --max-body are each reported in one line
// naming the file (or the URL); the good file next to them is imported,
// and the store opens with all of it.
func TestImportBadFiles(t *testing.T) {
	dir := t.TempDir()
	page := func(n int) []byte {
		return append([]byte("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"),
			[]byte("<html><head><title>导入测试文章第"+string(rune('0'+n))+"号</title></head><body><h1>导入测试</h1><div class=content><p>"+
				crawltest.ArticleText(n)+strings.Repeat("，内容充实的段落。", 30)+"</p></div></body></html>")...)
	}
	response := func(uri string, block []byte) []byte {
		return foreignRecord("WARC/1.0", [][2]string{
			{"WARC-Type", "response"}, {"WARC-Target-URI", uri}, {"WARC-Date", "2024-03-15T01:00:00Z"},
			{"WARC-Record-ID", "<urn:uuid:" + strings.Repeat(string(rune('a'+len(uri)%6)), 8) + "-0000-0000-0000-000000000000>"},
			{"Content-Type", "application/http; msgtype=response"},
		}, block)
	}
	write := func(name string, data []byte) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	good := write("good.warc", response("http://import.test/1.html", page(1)))
	random := write("random.warc", crawltest.RandomBytes(64<<10))
	cut := response("http://import.test/2.html", page(2))
	short := write("short.warc", append(response("http://import.test/3.html", page(3)), cut[:len(cut)/2]...))
	huge := write("huge.warc", response("http://import.test/big.html",
		append([]byte("HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n"), bytes.Repeat([]byte("x"), 3<<20)...)))

	db := tempDB(t)
	code, stdout, stderr := folio(t, "import", "--db", db, "--max-body", "1MiB", random, good, short, huge)
	if code != exitPartial {
		t.Errorf("exit %d, want 1\n%s%s", code, stdout, stderr)
	}
	errs := lines(stderr)
	want := []string{"folio: " + random + ": ", "folio: " + short + ": ", "folio: warning: body cut at the max body size; stored truncated url=http://import.test/big.html "}
	if len(errs) != len(want) {
		t.Fatalf("stderr %q, want %d lines", errs, len(want))
	}
	for i, w := range want {
		if !strings.HasPrefix(errs[i], w) {
			t.Errorf("line %d: %q, want %q…", i+1, errs[i], w)
		}
	}
	stored := storeContents(t, db)
	for _, u := range []string{"http://import.test/1.html", "http://import.test/3.html"} {
		if stored[u] == nil {
			t.Errorf("%s not imported (%d documents)", u, len(stored))
		}
	}
	c, payload := latestCapture(t, db, "http://import.test/big.html")
	if c.Truncated != "length" || len(payload) != 1<<20 {
		t.Errorf("big record: truncated %q, %d bytes", c.Truncated, len(payload))
	}
}
