package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"folio/store"
	"folio/warc"
)

// foreignRecord writes a record as other tools do: WARC/1.0, fields in
// their order, CRLF line ends.
func foreignRecord(version string, fields [][2]string, block []byte) []byte {
	var b bytes.Buffer
	b.WriteString(version + "\r\n")
	for _, f := range fields {
		b.WriteString(f[0] + ": " + f[1] + "\r\n")
	}
	b.WriteString("Content-Length: " + strconv.Itoa(len(block)) + "\r\n\r\n")
	b.Write(block)
	b.WriteString("\r\n\r\n")
	return b.Bytes()
}

func chunked(body []byte, size int) []byte {
	var b bytes.Buffer
	for len(body) > 0 {
		n := min(size, len(body))
		fmt.Fprintf(&b, "%x\r\n", n)
		b.Write(body[:n])
		b.WriteString("\r\n")
		body = body[n:]
	}
	b.WriteString("0\r\n\r\n")
	return b.Bytes()
}

func gzipMember(b []byte) []byte {
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	zw.Write(b)
	zw.Close()
	return z.Bytes()
}

// TestImportForeignWARCs imports WARCs written the way wget, Heritrix and
// browsertrix write them: WARC/1.0, a target URI in angle brackets,
// request before or after the response, a body still chunked, a revisit
// with only a payload digest (1.0 profile), sha256 digests, a gzip
// Content-Encoding over a body stored decoded, whole-file gzip. The
// two-page report must come out as crawling it gives it.
func TestImportForeignWARCs(t *testing.T) {
	const host = "http://portal.test"
	want := loadExpected(t)[0] // the two-page report
	read := func(p string) []byte {
		b, err := os.ReadFile(filepath.Join(portalDir, filepath.FromSlash(p)))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	page1, page2 := read(want.Pages[0]), read(want.Pages[1])
	news := read("/news/2024/0315/678.html")

	// wget: request then response, the response body as it came off the
	// wire (chunked), linked by WARC-Concurrent-To on the response.
	req1 := []byte("GET " + want.Pages[0] + " HTTP/1.1\r\nUser-Agent: Wget/1.21.3\r\nAccept: */*\r\nHost: portal.test\r\n\r\n")
	resp1 := append([]byte("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n"), chunked(page1, 1000)...)
	var wget bytes.Buffer
	wget.Write(gzipMember(foreignRecord("WARC/1.0", [][2]string{{"WARC-Type", "warcinfo"}, {"WARC-Record-ID", "<urn:uuid:w0>"},
		{"WARC-Date", "2020-02-23T01:00:00Z"}, {"Content-Type", "application/warc-fields"}}, []byte("software: Wget/1.21.3\r\n"))))
	wget.Write(gzipMember(foreignRecord("WARC/1.0", [][2]string{{"WARC-Type", "request"}, {"WARC-Target-URI", "<" + host + want.Pages[0] + ">"},
		{"WARC-Date", "2020-02-23T01:00:01Z"}, {"WARC-Record-ID", "<urn:uuid:w1>"}, {"Content-Type", "application/http;msgtype=request"}}, req1)))
	wget.Write(gzipMember(foreignRecord("WARC/1.0", [][2]string{{"WARC-Type", "response"}, {"WARC-Record-ID", "<urn:uuid:w2>"},
		{"WARC-Concurrent-To", "<urn:uuid:w1>"}, {"WARC-Target-URI", "<" + host + want.Pages[0] + ">"},
		{"WARC-Date", "2020-02-23T01:00:01Z"}, {"WARC-Block-Digest", warc.Digest(resp1)}, {"Content-Type", "application/http;msgtype=response"}}, resp1)))

	// Heritrix: response then request; a day later a revisit of page 2
	// carrying only the payload digest.
	resp2 := append([]byte("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: "+strconv.Itoa(len(page2))+"\r\n\r\n"), page2...)
	revisitHead := []byte("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: " + strconv.Itoa(len(page2)) + "\r\n\r\n")
	var heritrix bytes.Buffer
	heritrix.Write(gzipMember(foreignRecord("WARC/1.0", [][2]string{{"WARC-Type", "response"}, {"WARC-Target-URI", host + want.Pages[1]},
		{"WARC-Date", "2020-02-23T01:00:02Z"}, {"WARC-Payload-Digest", warc.Digest(page2)}, {"WARC-IP-Address", "10.0.0.1"},
		{"WARC-Record-ID", "<urn:uuid:h1>"}, {"Content-Type", "application/http; msgtype=response"}}, resp2)))
	heritrix.Write(gzipMember(foreignRecord("WARC/1.0", [][2]string{{"WARC-Type", "request"}, {"WARC-Target-URI", host + want.Pages[1]},
		{"WARC-Date", "2020-02-23T01:00:02Z"}, {"WARC-Concurrent-To", "<urn:uuid:h1>"}, {"WARC-Record-ID", "<urn:uuid:h2>"},
		{"Content-Type", "application/http; msgtype=request"}}, []byte("GET "+want.Pages[1]+" HTTP/1.1\r\nHost: portal.test\r\n\r\n"))))
	heritrix.Write(gzipMember(foreignRecord("WARC/1.0", [][2]string{{"WARC-Type", "revisit"}, {"WARC-Target-URI", host + want.Pages[1]},
		{"WARC-Date", "2020-02-24T01:00:00Z"}, {"WARC-Payload-Digest", strings.ToLower(warc.Digest(page2))},
		{"WARC-Profile", warc.ProfileIdenticalPayload10}, {"WARC-Record-ID", "<urn:uuid:h3>"},
		{"Content-Type", "application/http; msgtype=response"}}, revisitHead)))

	// browsertrix-like: WARC/1.1, sha256 digests, a page whose body was
	// stored decoded under a kept Content-Encoding: gzip; the whole file
	// gzipped at once.
	resp3 := append([]byte("HTTP/1.1 200 OK\r\ncontent-type: text/html; charset=utf-8\r\ncontent-encoding: gzip\r\n\r\n"), news...)
	whole := gzipMember(foreignRecord("WARC/1.1", [][2]string{{"WARC-Type", "response"}, {"WARC-Target-URI", host + "/news/2024/0315/678.html"},
		{"WARC-Date", "2024-03-15T02:00:00.123Z"}, {"WARC-Payload-Digest", "sha256:0000"}, {"WARC-Record-ID", "<urn:uuid:b1>"},
		{"Content-Type", "application/http; msgtype=response"}}, resp3))

	dir := t.TempDir()
	files := map[string][]byte{"wget.warc.gz": wget.Bytes(), "heritrix.warc.gz": heritrix.Bytes(), "browsertrix.warc.gz": whole}
	var paths []string
	for _, name := range []string{"wget.warc.gz", "heritrix.warc.gz", "browsertrix.warc.gz"} {
		p := filepath.Join(dir, name)
		os.WriteFile(p, files[name], 0o644)
		paths = append(paths, p)
	}
	db := filepath.Join(dir, "folio.db")
	code, stdout, stderr := folio(t, append([]string{"import", "--db", db}, paths...)...)
	if code != 0 {
		t.Fatalf("import: exit %d\n%s\n%s", code, stdout, stderr)
	}
	if !strings.Contains(stdout, "4 captures stored") || !strings.Contains(stdout, "2 new, 0 changed, 1 unchanged") {
		t.Errorf("import summary:\n%s", stdout)
	}
	_, out, _ := folio(t, "list", "--db", db, "--json", "--text")
	docs := decodeDocs(t, out)
	var report *store.Document
	for i := range docs {
		if docs[i].URL == host+want.URL {
			report = &docs[i]
		}
	}
	if report == nil {
		t.Fatalf("the report is not among %d documents: %s", len(docs), out)
	}
	// Fetched from the WARCs' dates, not from the import's clock.
	checkDocument(t, host, report, &want)
	if report.Pages[0].Fetched.Format("2006-01-02T15:04:05Z") != "2020-02-23T01:00:01Z" {
		t.Errorf("page 1 fetched %v", report.Pages[0].Fetched)
	}

	// The chunked body was stored de-chunked, byte for byte the file.
	st, err := store.Open(db, &store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	c, err := st.LatestCapture(host + want.Pages[0])
	if err != nil {
		t.Fatal(err)
	}
	if p, _ := st.Payload(c.PayloadDigest); !bytes.Equal(p, page1) || c.Header("User-Agent") != "" || len(c.RequestHeaders) != 3 {
		t.Errorf("page 1 capture: payload equal %v, request headers %v", bytes.Equal(p, page1), c.RequestHeaders)
	}
	rv, err := st.LatestCapture(host + want.Pages[1])
	if err != nil || rv.PayloadDigest != warc.Digest(page2) || rv.Time.Day() != 24 {
		t.Errorf("the revisit was not resolved to page 2's payload: %+v %v", rv, err)
	}
}
