package warc

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestSURT: the keys pywb's surt (the Internet Archive's canonicalizer,
// with its defaults) gives; the first cases are from its test suite.
func TestSURT(t *testing.T) {
	for _, c := range [][2]string{
		{"http://www.archive.org/", "org,archive)/"},
		{"http://archive.org/", "org,archive)/"},
		{"http://archive.org/goo/", "org,archive)/goo"},
		{"http://archive.org/goo/?", "org,archive)/goo"},
		{"http://archive.org/goo/?b&a", "org,archive)/goo?a&b"},
		{"http://archive.org/goo/?a=2&b&a=1", "org,archive)/goo?a=1&a=2&b"},
		{"http://archive.org/index.php?PHPSESSID=0123456789abcdefghijklemopqrstuv&action=profile;u=4221", "org,archive)/index.php?action=profile;u=4221"},
		{"http://visit.webhosting.yahoo.com/visit.gif?&r=http%3A//web.archive.org/web/20090517140029/http%3A//anthonystewarthead.electric-chi.com/&b=Netscape%205.0%20%28Windows%3B%20en-US%29&s=1366x768&o=Win32&c=24&j=true&v=1.2",
			"com,yahoo,webhosting,visit)/visit.gif?&b=netscape%205.0%20(windows;%20en-us)&c=24&j=true&o=win32&r=http://web.archive.org/web/20090517140029/http://anthonystewarthead.electric-chi.com/&s=1366x768&v=1.2"},
		{"https://www.archive.org:443/", "org,archive)/"},
		{"http://www.archive.org:8080/index.html#frag", "org,archive:8080)/index.html"},
		{"http://www12.ZhuZhou.gov.cn/Art/2020/2/22/art_1.html", "cn,gov,zhuzhou)/art/2020/2/22/art_1.html"},
		{"http://127.0.0.1:8111/news/678.html?from=bxsh", "1,0,0,127:8111)/news/678.html?from=bxsh"},
		{"http://a.test/upload/2019%E5%B9%B4%E6%8A%A5.pdf", "test,a)/upload/2019%e5%b9%b4%e6%8a%a5.pdf"},
		{"http://a.test/upload/2019年报.pdf", "test,a)/upload/2019%e5%b9%b4%e6%8a%a5.pdf"},
		{"http://a.test//a/./b/../c", "test,a)/a/c"},
		{"dns:archive.org", "dns:archive.org"},
	} {
		if got := SURT(c[0]); got != c[1] {
			t.Errorf("SURT(%s)\n got %s\nwant %s", c[0], got, c[1])
		}
	}
}

func TestCDXJLineRoundTrip(t *testing.T) {
	e := CDXJEntry{URL: "http://a.test/1.html?b=1&a=2", Time: time.Date(2020, 2, 22, 5, 22, 11, 785_000_000, time.UTC),
		Mime: "text/html", Status: 200, Digest: Digest(nil), Offset: 381, Length: 3575, Filename: "data.warc.gz"}
	line, err := e.Line()
	if err != nil {
		t.Fatal(err)
	}
	want := `test,a)/1.html?a=2&b=1 20200222052211785 {"url":"http://a.test/1.html?b=1&a=2","mime":"text/html","status":"200","digest":"sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ","length":"3575","offset":"381","filename":"data.warc.gz"}`
	if line != want {
		t.Errorf("line\n got %s\nwant %s", line, want)
	}
	back, err := ParseCDXJLine(line)
	if err != nil || *back != e {
		t.Errorf("parsed back %+v (%v)", back, err)
	}
}

// TestCDXJTimestamps: an index's timestamp is the record's WARC-Date to
// the millisecond (17 digits); a reader takes pywb's 14 too.
func TestCDXJTimestamps(t *testing.T) {
	at := time.Date(2026, 11, 27, 0, 0, 18, 803_653_000, time.UTC)
	if got := CDXJTimestamp(at); got != "20261127000018803" {
		t.Errorf("CDXJTimestamp = %s", got)
	}
	for ts, want := range map[string]time.Time{
		"20261127000018":    at.Truncate(time.Second),
		"20261127000018803": at.Truncate(time.Millisecond),
	} {
		if got, err := parseCDXJTimestamp(ts); err != nil || !got.Equal(want) {
			t.Errorf("parseCDXJTimestamp(%s) = %v, %v; want %v", ts, got, err, want)
		}
	}
	for _, bad := range []string{"2026112700001", "2026112700001880x", "20261127000018.803"} {
		if _, err := parseCDXJTimestamp(bad); err == nil {
			t.Errorf("parseCDXJTimestamp(%s): no error", bad)
		}
	}
}

// TestParseCDXJLineRefusesBadNumbers: an offset, length or status that is
// not a count is ErrFormat, not 0 (a reader would seek to the file's
// start); a line without a status is status 0.
func TestParseCDXJLineRefusesBadNumbers(t *testing.T) {
	line := func(status, length, offset string) string {
		return `test,a)/1.html 20200222052211 {"url":"http://a.test/1.html","mime":"text/html",` + status +
			`"digest":"sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ",` + length + offset + `"filename":"data.warc.gz"}`
	}
	const (
		status = `"status":"200",`
		length = `"length":"3575",`
		offset = `"offset":"381",`
	)
	for _, tt := range []struct {
		name   string
		line   string
		status int // when it parses
		ok     bool
	}{
		{"good", line(status, length, offset), 200, true},
		{"no status", line("", length, offset), 0, true},
		{"status -", line(`"status":"-",`, length, offset), 0, true},
		{"offset not a number", line(status, length, `"offset":"x381",`), 0, false},
		{"offset negative", line(status, length, `"offset":"-1",`), 0, false},
		{"offset signed", line(status, length, `"offset":"+381",`), 0, false},
		{"offset empty", line(status, length, `"offset":"",`), 0, false},
		{"offset missing", line(status, length, ""), 0, false},
		{"offset too large", line(status, length, `"offset":"9223372036854775808",`), 0, false},
		{"length not a number", line(status, `"length":"3.5e3",`, offset), 0, false},
		{"length missing", line(status, "", offset), 0, false},
		{"status not a number", line(`"status":"OK",`, length, offset), 0, false},
		{"status too large", line(`"status":"2000",`, length, offset), 0, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e, err := ParseCDXJLine(tt.line)
			switch {
			case !tt.ok && !errors.Is(err, ErrFormat):
				t.Errorf("parsed as %+v (%v); want ErrFormat", e, err)
			case tt.ok && err != nil:
				t.Errorf("error %v", err)
			case tt.ok && (e.Offset != 381 || e.Length != 3575 || e.Status != tt.status):
				t.Errorf("offset %d, length %d, status %d", e.Offset, e.Length, e.Status)
			}
		})
	}
}

// TestSortLinesSpills: an index larger than the memory bound is sorted
// through temporary runs, with the same result as sorting in memory.
func TestSortLinesSpills(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var lines []string
	for i := range 5000 {
		lines = append(lines, fmt.Sprintf("test,a)/%d %014d {}", rng.IntN(2000), i%7))
	}
	lines = append(lines, lines[:50]...) // repeats are dropped
	var out bytes.Buffer
	dir := t.TempDir()
	if err := SortLines(&out, strings.NewReader(strings.Join(lines, "\n")+"\n"), dir, 4096); err != nil {
		t.Fatal(err)
	}
	want := slices.Compact(slices.Sorted(slices.Values(lines)))
	if got := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n"); !slices.Equal(got, want) {
		t.Fatalf("sorted %d lines, want %d; first %q", len(got), len(want), got[:3])
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("%d temporary files left", len(left))
	}
}

func TestWACZWriterAndVerify(t *testing.T) {
	data, _ := writeAll(t, sampleRecords(), nil)
	dir := t.TempDir()
	write := func(name string, b []byte) *os.File {
		p := filepath.Join(dir, filepath.Base(name))
		os.WriteFile(p, b, 0o644)
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		return f
	}
	var zbuf bytes.Buffer
	// Not UTC, and an odd second, which an MS-DOS time cannot hold.
	created := time.Date(2020, 2, 22, 13, 22, 11, 0, time.FixedZone("CST", 8*3600))
	z := NewWACZWriter(&zbuf, PackageInfo{Title: "t", Software: "folio test", Created: created})
	for _, f := range []struct {
		name string
		data []byte
	}{
		{"archive/data.warc.gz", data},
		{WACZIndexPath, []byte("test,a)/1.html 20200222052211 {}\n")},
		{WACZPagesPath, []byte("{\"format\":\"json-pages-1.0\",\"id\":\"pages\"}\n{\"url\":\"http://a.test/1.html\",\"ts\":\"2020-02-22T05:22:11Z\",\"title\":\"中文\"}\n")},
	} {
		if err := z.Add(f.name, write(f.name, f.data)); err != nil {
			t.Fatal(err)
		}
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	raw := zbuf.Bytes()
	if err := VerifyWACZ(bytes.NewReader(raw), int64(len(raw))); err != nil {
		t.Fatal(err)
	}
	zr, _ := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	var warcAt int64
	for _, f := range zr.File {
		// Every entry carries a valid MS-DOS date (unzip -l showed
		// "1980-00-00" for the stored WARC) and says which zip version
		// reads it.
		if f.ModifiedDate == 0 || f.ReaderVersion < 10 {
			t.Errorf("%s: DOS date %#x (%v), reader version %d", f.Name, f.ModifiedDate, f.Modified, f.ReaderVersion)
		}
		// Stored and deflated entries carry the same time, to the second
		// (an extended timestamp), and in UTC: archive/zip reads the zone
		// as the MS-DOS time's distance from the extended timestamp.
		if _, off := f.Modified.Zone(); !f.Modified.Equal(created) || off != 0 {
			t.Errorf("%s: modified %v, want %v in UTC", f.Name, f.Modified, created.UTC())
		}
		if f.Name == "archive/data.warc.gz" {
			if f.Method != zip.Store || f.Flags&0x8 != 0 {
				t.Errorf("WARC entry: method %d flags %#x; want stored with sizes in its local header", f.Method, f.Flags)
			}
			off, _ := f.DataOffset()
			warcAt = off
			if !bytes.Equal(raw[off:off+int64(len(data))], data) {
				t.Error("the WARC is not byte for byte at its data offset")
			}
		}
	}
	// Tampering is caught.
	bad := bytes.Clone(raw)
	bad[warcAt+100] ^= 0xff
	if err := VerifyWACZ(bytes.NewReader(bad), int64(len(bad))); !errors.Is(err, ErrWACZ) {
		t.Errorf("a changed WARC verified: %v", err)
	}
}
