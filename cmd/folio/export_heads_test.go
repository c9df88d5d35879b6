package main

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"testing"

	"folio/warc"
)

// TestExportKeepsHeadersAsReceived: a response record's HTTP head is the
// status line and header lines as the server sent them — order, spelling
// (ETag, not Etag), repeated fields — with only Transfer-Encoding dropped
// and Content-Length set to the stored payload.
func TestExportKeepsHeadersAsReceived(t *testing.T) {
	const page = `<html><head><title>县政府召开常务会议</title></head><body><h1>县政府召开常务会议</h1>` +
		`<div class="content"><p>会议研究部署了近期重点工作，要求各部门抓好落实，确保各项任务按期完成。</p>` +
		`<p>会议还听取了安全生产工作汇报，强调要压实责任，防范化解重大风险。</p></div></body></html>`
	sent := [][2]string{
		{"Server", "nginx/1.18"},
		{"ETag", `"5f2a-1b"`},
		{"content-type", "text/html; charset=utf-8"},
		{"Set-Cookie", "a=1"},
		{"X-Powered-By", "PHP/5.6"},
		{"Set-Cookie", "b=2"},
		{"Transfer-Encoding", "chunked"},
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/art/1.html" {
			http.NotFound(w, r)
			return
		}
		conn, brw, err := http.NewResponseController(w).Hijack()
		if err != nil {
			t.Error(err)
			return
		}
		defer conn.Close()
		brw.WriteString("HTTP/1.1 200 OK\r\n")
		for _, f := range sent {
			fmt.Fprintf(brw, "%s: %s\r\n", f[0], f[1])
		}
		fmt.Fprintf(brw, "Connection: close\r\n\r\n%x\r\n%s\r\n0\r\n\r\n", len(page), page)
		brw.Flush()
		io.Copy(io.Discard, conn)
	}))
	t.Cleanup(srv.Close)
	db := tempDB(t)
	archiveJSONWith(t, db, []string{"--requisites=false", "--no-attachments"}, srv.URL+"/art/1.html")
	out := filepath.Join(t.TempDir(), "out.warc.gz")
	if code, _, stderr := folio(t, "export", "--db", db, "-o", out); code != 0 {
		t.Fatalf("export: exit %d: %s", code, stderr)
	}
	var found bool
	for _, r := range readWARC(t, out) {
		if r.Type() != warc.TypeResponse || r.TargetURI() != srv.URL+"/art/1.html" {
			continue
		}
		found = true
		head, payload := r.payload(t)
		var got [][2]string
		for _, f := range head.Fields {
			got = append(got, [2]string{f.Name, f.Value})
		}
		want := append(slices.Clone(sent[:len(sent)-1]), [2]string{"Connection", "close"}, [2]string{"Content-Length", fmt.Sprint(len(page))})
		if head.StartLine != "HTTP/1.1 200 OK" || !slices.Equal(got, want) {
			t.Errorf("response head\n%s\n%q\nwant\n%q", head.StartLine, got, want)
		}
		if string(payload) != page {
			t.Errorf("payload %q", payload)
		}
	}
	if !found {
		t.Fatal("no response record for the page")
	}
}
