package charset

import (
	"bytes"
	"flag"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite the want.txt golden files from Decode's output")

// decodeCase decodes one fixture (testdata/fixtures/<fixture>/input.html,
// made by testdata/gen.go) as served with contentType. Several cases share
// a fixture: the right output depends on the bytes, not on what the server
// claims about them.
type decodeCase struct {
	fixture     string
	contentType string
	charset     string
	source      Source
	invalid     int
}

// The matrix: each charset declared by header, early meta, late meta
// (after 1 KiB), BOM, or not at all; then the lies met in the wild.
var decodeCases = []decodeCase{
	// UTF-8.
	{"utf8", "text/html; charset=utf-8", "utf-8", SourceHeader, 0},
	{"utf8-meta-early", "", "utf-8", SourceMeta, 0},
	{"utf8-meta-late", "", "utf-8", SourceMeta, 0},
	{"utf8-meta-late", "text/html", "utf-8", SourceMeta, 0},
	{"utf8-bom", "", "utf-8", SourceBOM, 0},
	{"utf8", "", "utf-8", SourceSniffed, 0},
	{"utf8-broken", "", "utf-8", SourceMeta, 3},
	{"ascii", "", "utf-8", SourceSniffed, 0},
	// GBK, gb2312 declared over GBK-only characters (镕 喆 堃 祎).
	{"gbk", "text/html; charset=GBK", "gbk", SourceHeader, 0},
	{"gbk", "text/html; charset=gb2312", "gbk", SourceHeader, 0},
	{"gbk-meta-gb2312", "", "gbk", SourceMeta, 0},
	{"gbk-meta-late", "", "gbk", SourceMeta, 0},
	{"gbk", "", "gbk", SourceSniffed, 0},
	{"gbk-broken", "", "gbk", SourceMeta, 3},
	{"gbk-broken-many", "", "gbk", SourceMeta, 20},
	// GB18030: four-byte 𫖯 and 㐀, two-byte 䶮.
	{"gb18030", "text/html; charset=gb18030", "gb18030", SourceHeader, 0},
	{"gb18030-meta-gb18030", "", "gb18030", SourceMeta, 0},
	{"gb18030-meta-gb2312", "", "gbk", SourceMeta, 0},
	{"gb18030", "text/html; charset=x-gbk", "gbk", SourceHeader, 0},
	{"gb18030", "", "gb18030", SourceSniffed, 0},
	// Big5.
	{"big5", "text/html; charset=big5", "big5", SourceHeader, 0},
	{"big5-meta-early", "", "big5", SourceMeta, 0},
	{"big5-meta-late", "", "big5", SourceMeta, 0},
	{"big5", "", "big5", SourceSniffed, 0},
	// UTF-16.
	{"utf16le-bom", "", "utf-16le", SourceBOM, 0},
	{"utf16be-bom", "", "utf-16be", SourceBOM, 0},
	{"utf16le", "text/html; charset=utf-16le", "utf-16le", SourceHeader, 0},
	{"utf16le", "text/html; charset=UTF-16", "utf-16le", SourceHeader, 0},

	// Lies. The header says utf-8 over GBK bytes (a server default).
	{"gbk", "text/html; charset=utf-8", "gbk", SourceFallback, 0},
	// ... and a <meta> that disagrees with the header, rightly.
	{"gbk-meta-gb2312", "text/html; charset=UTF-8", "gbk", SourceFallback, 0},
	// The header says gbk over UTF-8 bytes (a site moved to UTF-8).
	{"utf8", "text/html; charset=gbk", "utf-8", SourceFallback, 0},
	// A <meta> that disagrees with a right header.
	{"gbk-meta-utf8", "text/html; charset=gbk", "gbk", SourceHeader, 0},
	{"gbk-meta-utf8", "", "gbk", SourceFallback, 0},
	// Tomcat's and Apache's ISO-8859-1 default over a GBK page.
	{"gbk-meta-gb2312", "text/html; charset=ISO-8859-1", "gbk", SourceFallback, 0},
	// Big5 and GBK declared for each other: valid bytes, wrong characters.
	{"gbk-meta-big5", "", "gbk", SourceFallback, 0},
	{"gbk", "text/html; charset=big5", "gbk", SourceFallback, 0},
	{"big5-meta-gb2312", "", "big5", SourceFallback, 0},
	{"big5", "text/html; charset=gbk", "big5", SourceFallback, 0},
	{"big5", "text/html; charset=utf-8", "big5", SourceFallback, 0},
	// UTF-8 with a BOM under a gb2312 meta: the BOM wins.
	{"utf8-bom-meta-gb2312", "", "utf-8", SourceBOM, 0},
	{"utf8-bom-meta-gb2312", "text/html; charset=gbk", "utf-8", SourceBOM, 0},
	// A late gbk meta, or a big5 one, over UTF-8.
	{"utf8-meta-gbk-late", "", "utf-8", SourceFallback, 0},
	{"utf8-meta-big5", "", "utf-8", SourceFallback, 0},
	// A BOM beats the header.
	{"utf16be-bom", "text/html; charset=gbk", "utf-16be", SourceBOM, 0},
	// UTF-16 claimed over a page without a single NUL.
	{"gbk", "text/html; charset=utf-16", "gbk", SourceFallback, 0},
}

func (c decodeCase) name() string {
	ct := c.contentType
	if ct == "" {
		ct = "no header"
	}
	return c.fixture + "/" + strings.NewReplacer("/", "_", " ", "", ";", "_").Replace(ct)
}

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "fixtures", name, "input.html"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// checkDecoded compares a decoding with the case and its golden file.
func checkDecoded(t *testing.T, c decodeCase, got []byte, res Result) {
	t.Helper()
	want := Result{Charset: c.charset, Source: c.source, Invalid: c.invalid}
	if res != want {
		t.Errorf("Result = %+v, want %+v", res, want)
	}
	if !utf8.Valid(got) {
		t.Errorf("output is not valid UTF-8")
	}
	golden := filepath.Join("testdata", "fixtures", c.fixture, "want.txt")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	wantText, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, wantText) {
		t.Errorf("output differs from %s at byte %d:\n got %q\nwant %q",
			golden, diffAt(got, wantText), excerpt(got, diffAt(got, wantText)), excerpt(wantText, diffAt(got, wantText)))
	}
}

func diffAt(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

func excerpt(b []byte, at int) string {
	return string(b[max(0, at-30):min(len(b), at+30)])
}

func TestDecodeFixtures(t *testing.T) {
	for _, c := range decodeCases {
		t.Run(c.name(), func(t *testing.T) {
			got, res := Decode(readFixture(t, c.fixture), c.contentType)
			checkDecoded(t, c, got, res)
		})
	}
}

// TestDecodeOverHTTP serves every fixture as real bytes with its
// Content-Type and decodes what a client reads, as the crawler will.
func TestDecodeOverHTTP(t *testing.T) {
	mux := http.NewServeMux()
	for i, c := range decodeCases {
		raw := readFixture(t, c.fixture)
		mux.HandleFunc("/"+strconv.Itoa(i), func(w http.ResponseWriter, r *http.Request) {
			if c.contentType != "" {
				w.Header().Set("Content-Type", c.contentType)
			} else {
				// Go would sniff one; a server that sends none is the point.
				w.Header()["Content-Type"] = nil
			}
			w.Write(raw)
		})
	}
	srv := httptest.NewServer(mux)
	defer srv.Close()

	for i, c := range decodeCases {
		t.Run(c.name(), func(t *testing.T) {
			resp, err := srv.Client().Get(srv.URL + "/" + strconv.Itoa(i))
			if err != nil {
				t.Fatal(err)
			}
			body, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(body, readFixture(t, c.fixture)) {
				t.Fatal("the body changed on the way")
			}
			got, res := Decode(body, resp.Header.Get("Content-Type"))
			checkDecoded(t, c, got, res)
		})
	}
}

// TestFixturesCovered fails when gen.go makes a fixture no case uses.
func TestFixturesCovered(t *testing.T) {
	dirs, err := os.ReadDir(filepath.Join("testdata", "fixtures"))
	if err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{}
	for _, c := range decodeCases {
		used[c.fixture] = true
	}
	for _, d := range dirs {
		if !used[d.Name()] {
			t.Errorf("fixture %s is used by no case", d.Name())
		}
	}
}

func TestDecodeEdges(t *testing.T) {
	tests := []struct {
		name        string
		raw         string
		contentType string
		want        string
		res         Result
	}{
		{"empty", "", "", "", Result{"utf-8", SourceSniffed, 0}},
		{"empty declared", "", "text/html; charset=gbk", "", Result{"gbk", SourceHeader, 0}},
		{"BOM only", "\xef\xbb\xbf", "", "", Result{"utf-8", SourceBOM, 0}},
		{"UTF-8 BOM over GBK", "\xef\xbb\xbf\xd6\xd0\xce\xc4\xb9\xfa\xbc\xd2", "", "中文国家", Result{"gbk", SourceFallback, 0}},
		{"UTF-16 odd byte", "\xff\xfea\x00b", "", "a\uFFFD", Result{"utf-16le", SourceBOM, 1}},
		{"UTF-16 lone surrogate", "\xff\xfe\x00\xd8a\x00", "", "\uFFFDa", Result{"utf-16le", SourceBOM, 1}},
		{"UTF-16 pair", "\xfe\xff\xd8\x6d\xdd\xaf", "", "\U0002B5AF", Result{"utf-16be", SourceBOM, 0}},
		{"truncated UTF-8 at end", "abc\xe4\xb8", "text/html; charset=utf-8", "abc\uFFFD", Result{"utf-8", SourceHeader, 1}},
		{"truncated GBK at end", "\xd6\xd0\xce\xc4\xd6", "text/html; charset=gbk", "中文\uFFFD", Result{"gbk", SourceHeader, 1}},
		{"GB18030 U+FFFD is not an error", "\x84\x31\xa4\x37", "text/html; charset=gb18030", "\uFFFD", Result{"gb18030", SourceHeader, 0}},
		{"GB18030 U+FFFD bytes out of step", "\x81\x84\x31\xa4\x37", "text/html; charset=gb18030", "亜1\uFFFD7", Result{"gb18030", SourceHeader, 1}},
		{"GBK euro", "\x80", "text/html; charset=gbk", "€", Result{"gbk", SourceHeader, 0}},
		{"unknown label ignored", "\xd6\xd0\xce\xc4", "text/html; charset=klingon", "中文", Result{"gbk", SourceSniffed, 0}},
		{"replacement label ignored", "<meta charset=hz-gb-2312>", "", "<meta charset=hz-gb-2312>", Result{"utf-8", SourceSniffed, 0}},
		{"meta utf-16 means utf-8", "<meta charset=utf-16>\xe4\xb8\xad", "", "<meta charset=utf-16>中", Result{"utf-8", SourceMeta, 0}},
		{"short UTF-8 over gbk meta", "<meta charset=gbk>中国", "", "<meta charset=gbk>中国", Result{"utf-8", SourceFallback, 0}},
		{"short GBK keeps its meta", "<meta charset=gbk>\xd6\xd0\xb9\xfa", "", "<meta charset=gbk>中国", Result{"gbk", SourceMeta, 0}},
		{"windows-1252 sniffed", "caf\xe9 cr\xe8me br\xfbl\xe9e, na\xefve fa\xe7ade, d\xe9j\xe0 vu, \xe9t\xe9 " +
			"caf\xe9 cr\xe8me br\xfbl\xe9e", "", "café crème brûlée, naïve façade, déjà vu, été café crème brûlée",
			Result{"windows-1252", SourceSniffed, 0}},
		{"windows-1252 declared", "caf\xe9", "text/html; charset=iso-8859-1", "café", Result{"windows-1252", SourceHeader, 0}},
		{"shift_jis declared", "\x93\xfa\x96\x7b", "text/html; charset=shift_jis", "日本", Result{"shift_jis", SourceHeader, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, res := Decode([]byte(tt.raw), tt.contentType)
			if string(got) != tt.want || res != tt.res {
				t.Errorf("Decode(%q, %q) = %q, %+v; want %q, %+v", tt.raw, tt.contentType, got, res, tt.want, tt.res)
			}
		})
	}
}

// TestDecodeDoesNotAlias makes sure a caller may modify the output without
// touching the raw payload, which folio stores as received.
func TestDecodeDoesNotAlias(t *testing.T) {
	raw := []byte("<p>hello</p>")
	out, _ := Decode(raw, "")
	out[0] = 'X'
	if raw[0] != '<' {
		t.Fatal("Decode's output aliases its input")
	}
}

// TestGBSeqLen checks that gbSeqLen frames bytes as the GB18030 decoding
// does, which countGBReplacement and the sniffer rely on: decoding each
// sequence alone must give the same text as decoding them together.
func TestGBSeqLen(t *testing.T) {
	inputs := [][]byte{
		[]byte("\x81\x30\x81\x30\x84\x31\xa4\x37\xe3\x32\x9a\x35\xe3\x32\x9a\x36\xfe\x39\xfe\x39"),
		[]byte("\x81\x30\x81\x81\x30\xff\x80\xff\xfe\xa1\x7f\x81"),
		[]byte("\xc0>\x890\xd6:\xb0\x31\xd6\xd0"), // what x/text misreads
		readFixture(t, "gb18030"),
	}
	for _, in := range inputs {
		whole, _ := decodeGB18030(in, true)
		var pieces []byte
		for i := 0; i < len(in); {
			n := gbSeqLen(in[i:])
			out, _ := decodeGB18030(in[i:i+n], false)
			pieces = append(pieces, out...)
			i += n
		}
		if !bytes.Equal(whole, pieces) {
			t.Errorf("framing of % x differs:\n whole %q\npieces %q", in[:min(len(in), 24)], whole, pieces)
		}
	}
}

// TestXTextMisread pins down the x/text GB18030 bug that the fuzzer found
// (testdata/fuzz/FuzzDecode/5e08acea4ee46b07): a lead byte, '>', and two
// more bytes that fit made one character out of four bytes of garbage.
func TestXTextMisread(t *testing.T) {
	if got, invalid := decodeGB18030([]byte("\xc0>\x890"), true); string(got) != "\uFFFD>\uFFFD0" || invalid != 2 {
		t.Errorf("decodeGB18030 = %q, %d invalid; want %q, 2", got, invalid, "\uFFFD>\uFFFD0")
	}
	page := append(readFixture(t, "gbk"), "\xc0>\x890"...)
	for _, ct := range []string{"", "text/html; charset=gbk"} {
		got, res := Decode(page, ct)
		if !bytes.HasSuffix(got, []byte("\uFFFD>\uFFFD0")) || res.Charset != "gbk" || res.Invalid != 2 {
			t.Errorf("Decode(page, %q) ends %q, %+v; want %q, gbk, 2 invalid", ct, got[len(got)-12:], res, "\uFFFD>\uFFFD0")
		}
	}
}
