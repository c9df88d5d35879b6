package charset

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// corpusDir finds shared/corpus/cwced-dev/original by walking up from the
// package directory, so that the test works from any clone next to
// /work/shared. It returns "" when there is none.
func corpusDir(t testing.TB) string {
	t.Helper()
	dir, err := filepath.Abs(".")
	if err != nil {
		return ""
	}
	for {
		c := filepath.Join(dir, "shared", "corpus", "cwced-dev", "original")
		if fi, err := os.Stat(c); err == nil && fi.IsDir() {
			return c
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// corpusPages reads the corpus pages, skipping the test or benchmark when
// the corpus is not there.
func corpusPages(t testing.TB) map[string][]byte {
	t.Helper()
	dir := corpusDir(t)
	if dir == "" {
		t.Skip("no shared/corpus/cwced-dev next to this clone")
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.html"))
	if err != nil || len(files) == 0 {
		t.Skipf("no pages in %s", dir)
	}
	pages := map[string][]byte{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		pages[strings.TrimSuffix(filepath.Base(f), ".html")[:8]] = b
	}
	return pages
}

// corpusCharsets is what a browser chooses for each cwced page, checked by
// hand: the declared charset where there is one (the utf-8 pages are UTF-8
// bytes, the gb2312 ones GBK bytes), and for the undeclared ones what
// Chrome's detector says, confirmed by reading the text. Every undeclared
// page but one is GBK; b828b656 is undeclared UTF-8. The pages wrapped in
// the dataset's <text encoding="gb2312"> element count as undeclared: that
// element is not HTML and no browser reads it.
var corpusCharsets = map[string]struct {
	charset string
	source  Source
}{
	"0ef8393b": {"utf-8", SourceMeta},
	"2397c95d": {"utf-8", SourceMeta},
	"2bac7fb2": {"gbk", SourceMeta}, // meta at byte 1011, after a long <script>
	"3832838a": {"gbk", SourceMeta},
	"386d70f8": {"gbk", SourceMeta},
	"3e1af229": {"utf-8", SourceMeta},
	"455de1c0": {"gbk", SourceSniffed},
	"47f387e6": {"gbk", SourceMeta},
	"4fa9dfe4": {"gbk", SourceMeta},
	"59562291": {"gbk", SourceMeta},
	"658d9f03": {"utf-8", SourceMeta},  // meta at byte 1952
	"6dc2d508": {"gbk", SourceSniffed}, // two broken sequences
	"7c6d2080": {"gbk", SourceMeta},    // two user-defined (PUA) codes
	"8f1cdd94": {"gbk", SourceMeta},    // one user-defined (PUA) code
	"91bdf33e": {"utf-8", SourceMeta},
	"93498c29": {"gbk", SourceMeta}, // meta at byte 1484
	"9890f458": {"utf-8", SourceMeta},
	"ab65832c": {"gbk", SourceSniffed},
	"aefcf136": {"utf-8", SourceBOM},
	"b26fbb82": {"gbk", SourceMeta},
	"b4c2eccd": {"gbk", SourceSniffed},
	"b70f455d": {"gbk", SourceMeta}, // twelve broken sequences, 0.2%
	"b828b656": {"utf-8", SourceSniffed},
	"c2d9f85c": {"gbk", SourceMeta}, // unquoted: content=text/html; charset=gb2312
	"c38e2b2d": {"gbk", SourceSniffed},
	"c3f7d079": {"gbk", SourceSniffed},
	"caee0a34": {"gbk", SourceSniffed},
	"d519ec93": {"gbk", SourceMeta},
	"d7605742": {"gbk", SourceMeta},
	"e4232eb3": {"gbk", SourceMeta},
	"ebe9df29": {"gbk", SourceMeta},
	"ecbe8d49": {"gbk", SourceMeta},
	"f70d9c97": {"gbk", SourceMeta},
	"fddcb19c": {"gbk", SourceSniffed},
}

// TestCorpus decodes every page of the cwced corpus: valid UTF-8, few
// errors (at most 0.5% of the non-ASCII characters), the charset a browser
// would choose, and none of them binary. -v prints the figures.
func TestCorpus(t *testing.T) {
	pages := corpusPages(t)
	totalInvalid := 0
	for id, raw := range pages {
		out, res := Decode(raw, "")
		if !utf8.Valid(out) {
			t.Errorf("%s: output is not valid UTF-8", id)
		}
		if IsBinary(raw, "text/html") {
			t.Errorf("%s: a page called binary", id)
		}
		nonASCII := 0
		for _, r := range string(out) {
			if r >= utf8.RuneSelf {
				nonASCII++
			}
		}
		t.Logf("%s: %-7s %-8s invalid %2d of %5d non-ASCII characters", id, res.Charset, res.Source, res.Invalid, nonASCII)
		if res.Invalid*200 > nonASCII {
			t.Errorf("%s: %d invalid sequences, more than 0.5%% of %d", id, res.Invalid, nonASCII)
		}
		totalInvalid += res.Invalid
		want, ok := corpusCharsets[id]
		switch {
		case !ok:
			t.Errorf("%s: a page with no expectation; add it to corpusCharsets", id)
		case res.Charset != want.charset || res.Source != want.source:
			t.Errorf("%s: chose %s (%s), a browser chooses %s (%s)", id, res.Charset, res.Source, want.charset, want.source)
		}
	}
	t.Logf("%d pages, %d invalid sequences in all", len(pages), totalInvalid)
}
