package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// testdata/wget/report.warc.gz is what wget 1.21.3 wrote fetching the
// sample portal's news article, the two-page report and its PDF
// (`wget --warc-file=report URL...`): WARC/1.0, one gzip member per record,
// target URIs in angle brackets.
const wgetReport = "testdata/wget/report.warc.gz"

// wgetMembers splits a per-record gzip WARC into its records, decompressed.
func wgetMembers(t *testing.T, path string) [][]byte {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	br := bufio.NewReader(f)
	z, err := gzip.NewReader(br)
	if err != nil {
		t.Fatal(err)
	}
	var recs [][]byte
	for {
		z.Multistream(false)
		b, err := io.ReadAll(z)
		if err != nil {
			t.Fatal(err)
		}
		recs = append(recs, b)
		if err := z.Reset(br); err == io.EOF {
			return recs
		} else if err != nil {
			t.Fatal(err)
		}
	}
}

// TestImportWgetWARCWithAWrongContentLength: a record whose Content-Length
// does not fit its bytes (longer or shorter, in a per-record gzip file or a
// plain one) is reported in one line naming the file, and the records after
// it are still imported: the report that follows comes out whole, with
// both pages and its PDF. It used to end the file's read at the bad record.
func TestImportWgetWARCWithAWrongContentLength(t *testing.T) {
	recs := wgetMembers(t, wgetReport)
	bad := -1 // the news article's response, before the report
	for i, r := range recs {
		if bytes.Contains(r, []byte("WARC-Type: response")) && bytes.Contains(r, []byte("/news/2024/0315/678.html>")) {
			bad = i
		}
	}
	if bad < 0 {
		t.Fatal("no news response in the fixture")
	}
	cl := regexp.MustCompile(`(?m)^Content-Length: (\d+)\r$`)
	off := func(rec []byte, by int) []byte {
		m := cl.FindSubmatch(rec)
		n, _ := strconv.Atoi(string(m[1]))
		return cl.ReplaceAll(rec, []byte("Content-Length: "+strconv.Itoa(n+by)+"\r"))
	}
	dir := t.TempDir()
	write := func(name string, by int, gz bool) string {
		var out bytes.Buffer
		for i, r := range recs {
			if i == bad {
				r = off(r, by)
			}
			if gz {
				out.Write(gzipMember(r))
			} else {
				out.Write(r)
			}
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.warc.gz", 0, true)
	code, stdout, stderr := folio(t, "import", "--db", tempDB(t), good)
	if code != 0 || stderr != "" || !strings.Contains(stdout, "4 captures stored") {
		t.Fatalf("the fixture as wget wrote it: exit %d\n%s%s", code, stdout, stderr)
	}
	const report = "http://127.0.0.1:18431/bxsh/2020/0222/20200222132211.html"
	for _, file := range []string{
		write("long.warc.gz", 100, true), write("short.warc.gz", -100, true),
		write("long.warc", 100, false), write("short.warc", -100, false),
	} {
		db := tempDB(t)
		code, stdout, stderr := folio(t, "import", "--db", db, file)
		if code != exitPartial {
			t.Errorf("%s: exit %d, want 1\n%s%s", file, code, stdout, stderr)
		}
		if errs := lines(stderr); len(errs) != 1 || !strings.HasPrefix(errs[0], "folio: "+file+": ") {
			t.Errorf("%s: stderr %q, want one line naming the file", file, errs)
		}
		doc := storeContents(t, db)[report]
		if doc == nil {
			t.Errorf("%s: the report after the bad record was not imported\n%s", file, stdout)
			continue
		}
		if len(doc.Pages) != 2 || !doc.Complete || len(doc.Attachments) != 1 || doc.Attachments[0].Status != 200 ||
			doc.Title != "株洲市芦淞区人民政府2019年政府信息公开年度报告" {
			t.Errorf("%s: report %q: %d pages, complete %v, attachments %+v", file, doc.Title, len(doc.Pages), doc.Complete, doc.Attachments)
		}
	}
}
