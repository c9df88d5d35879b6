package extract

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"

	"folio/extract/charset"
)

// The corpus evaluation: extraction scored on real pages with the metric
// of the field (see shared/corpus/README.md). Run it with
//
//	go test ./extract -run TestCorpus -v
//
// It prints the mean precision, recall and F1 per corpus, date and author
// accuracy on cwced-dev, the pages read as list pages (all are articles),
// and the worst pages; FOLIO_CORPUS_DUMP=DIR also writes what was
// extracted from each page next to what the annotators kept. It fails
// below the floors (issue #5's targets).
//
// Date accuracy counts the pages whose annotation gives a date (28 of
// 34); a date matches to the precision the annotation states ("2003-5",
// "2021-1-29 13:18"), as the digits are written, offset aside. Author
// accuracy counts the 25 pages whose annotation names one; names compare
// without the spaces and separators between several.
//
// The corpora live outside the repository, in a shared/corpus directory
// next to the clone; without them the test skips. Under -short only
// cwced-dev is scored (about a second with -race); the full run adds the
// 31 MB of scrapinghub (about ten seconds with -race on two cores).

// corpusRoot finds shared/corpus by walking up from the package directory.
func corpusRoot(t testing.TB) string {
	t.Helper()
	dir, err := filepath.Abs(".")
	if err != nil {
		t.Skip(err)
	}
	for {
		c := filepath.Join(dir, "shared", "corpus")
		if fi, err := os.Stat(c); err == nil && fi.IsDir() {
			return c
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("no shared/corpus next to this clone")
		}
		dir = parent
	}
}

// corpusPage is one page of a corpus with what the annotators say of it.
type corpusPage struct {
	id     string
	url    string
	raw    []byte
	text   string // the main text
	date   string // "" when the corpus gives none or UNKNOWN
	author string // "" when the corpus gives none or UNKNOWN
}

// wrapperURL reads the URL the cwced dataset recorded in the <text id=…>
// element it wraps some pages in.
var wrapperURL = regexp.MustCompile(`^\s*<text id="([^"]+)"`)

func loadCWCED(t testing.TB) []corpusPage {
	t.Helper()
	dir := filepath.Join(corpusRoot(t), "cwced-dev")
	files, err := filepath.Glob(filepath.Join(dir, "original", "*.html"))
	if err != nil || len(files) == 0 {
		t.Skipf("no pages in %s", dir)
	}
	read := func(sub, name string) string {
		b, err := os.ReadFile(filepath.Join(dir, sub, name+".txt"))
		if err != nil {
			return ""
		}
		s := strings.TrimSpace(string(b))
		if s == "UNKNOWN" || s == "UNKNWON" {
			return ""
		}
		return s
	}
	var pages []corpusPage
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name := strings.TrimSuffix(filepath.Base(f), ".html")
		u := "http://cwced.test/" + name[:8] + ".html"
		if m := wrapperURL.FindSubmatch(raw[:min(len(raw), 600)]); m != nil {
			u = strings.ReplaceAll(string(m[1]), "&amp;", "&")
		}
		pages = append(pages, corpusPage{
			id: name[:8], url: u, raw: raw,
			text: read("cleaned", name), date: read("date", name), author: read("author", name),
		})
	}
	return pages
}

func loadScrapinghub(t testing.TB) []corpusPage {
	t.Helper()
	dir := filepath.Join(corpusRoot(t), "scrapinghub")
	gt, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		t.Skip(err)
	}
	var truth map[string]struct {
		ArticleBody string `json:"articleBody"`
		URL         string `json:"url"`
	}
	if err := json.Unmarshal(gt, &truth); err != nil {
		t.Fatal(err)
	}
	ids := make([]string, 0, len(truth))
	for id := range truth {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	pages := make([]corpusPage, 0, len(ids))
	for _, id := range ids {
		f, err := os.Open(filepath.Join(dir, "html", id+".html.gz"))
		if err != nil {
			t.Fatal(err)
		}
		zr, err := gzip.NewReader(f)
		if err != nil {
			t.Fatal(err)
		}
		raw, err := io.ReadAll(zr)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		pages = append(pages, corpusPage{id: id[:8], url: truth[id].URL, raw: raw, text: truth[id].ArticleBody})
	}
	return pages
}

// extractDoc is what `folio extract` prints for one page, and the page's
// kind.
func extractDoc(t testing.TB, raw []byte, contentType, u string) (*Document, Kind) {
	t.Helper()
	p, err := Parse(raw, contentType, u, nil)
	if err != nil {
		t.Fatalf("%s: %v", u, err)
	}
	return Stitch([]*Page{p}), p.Kind
}

// scoreTokens is the metric of the corpus README: precision, recall and F1
// over bags of tokens after NFKC and case folding, each CJK character one
// token, every other run of letters or digits one token.
func scoreTokens(got, want string) (p, r, f float64) {
	g, w := corpusTokens(got), corpusTokens(want)
	ng, nw, common := 0, 0, 0
	for _, n := range g {
		ng += n
	}
	for tok, n := range w {
		nw += n
		common += min(n, g[tok])
	}
	if ng == 0 && nw == 0 {
		return 1, 1, 1
	}
	if ng == 0 || nw == 0 || common == 0 {
		return 0, 0, 0
	}
	p, r = float64(common)/float64(ng), float64(common)/float64(nw)
	return p, r, 2 * p * r / (p + r)
}

var fold = cases.Fold()

func corpusTokens(s string) map[string]int {
	s = fold.String(norm.NFKC.String(s))
	toks := map[string]int{}
	start := -1
	for i, r := range s {
		cjk := unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana)
		word := !cjk && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r))
		if !word && start >= 0 {
			toks[s[start:i]]++
			start = -1
		}
		switch {
		case cjk:
			toks[string(r)]++
		case word && start < 0:
			start = i
		}
	}
	if start >= 0 {
		toks[s[start:]]++
	}
	return toks
}

// dateMatches says whether published (RFC 3339) agrees with the corpus
// date to the precision the corpus states: "2018", "2003-5",
// "2021-1-29 13:18", "2005-06-14 03:25:55".
func dateMatches(published, truth string) bool {
	want := regexp.MustCompile(`\d+`).FindAllString(truth, -1)
	if published == "" || len(want) == 0 {
		return false
	}
	got := regexp.MustCompile(`\d+`).FindAllString(published, 6)
	for i, w := range want {
		if i >= len(got) {
			return false
		}
		a, _ := strconv.Atoi(w)
		b, _ := strconv.Atoi(got[i])
		if a != b {
			return false
		}
	}
	return true
}

// authorMatches compares names without the spaces and separators between
// several authors ("王建宏 张文攀" = "王建宏、张文攀").
func authorMatches(got, truth string) bool {
	squash := func(s string) string {
		return strings.Map(func(r rune) rune {
			if unicode.IsSpace(r) || strings.ContainsRune("、,，;；/", r) {
				return -1
			}
			return r
		}, norm.NFKC.String(s))
	}
	return got != "" && squash(got) == squash(truth)
}

type pageScore struct {
	id      string
	p, r, f float64
	doc     *Document
}

type corpusResult struct {
	scores        []pageScore
	p, r, f       float64
	dates, dateOK int
	auths, authOK int
	lists         []string // pages read as list pages: all are articles
}

func scoreCorpus(t testing.TB, pages []corpusPage, contentType func(corpusPage) string) corpusResult {
	var res corpusResult
	for _, pg := range pages {
		ct := ""
		if contentType != nil {
			ct = contentType(pg)
		}
		d, kind := extractDoc(t, pg.raw, ct, pg.url)
		if kind == KindList {
			res.lists = append(res.lists, pg.id)
		}
		p, r, f := scoreTokens(d.Text, pg.text)
		res.scores = append(res.scores, pageScore{pg.id, p, r, f, d})
		res.p += p
		res.r += r
		res.f += f
		if pg.date != "" {
			res.dates++
			if dateMatches(d.Published, pg.date) {
				res.dateOK++
			}
		}
		if pg.author != "" {
			res.auths++
			if authorMatches(d.Author, pg.author) {
				res.authOK++
			}
		}
	}
	n := float64(len(pages))
	res.p, res.r, res.f = res.p/n, res.r/n, res.f/n
	return res
}

func (res corpusResult) log(t *testing.T, name string, pages []corpusPage, worst int) {
	t.Logf("%s: %d pages  P %.3f  R %.3f  F1 %.3f", name, len(pages), res.p, res.r, res.f)
	if res.dates > 0 {
		t.Logf("%s: date %d/%d = %.3f  author %d/%d = %.3f", name,
			res.dateOK, res.dates, ratio(res.dateOK, res.dates), res.authOK, res.auths, ratio(res.authOK, res.auths))
	}
	t.Logf("%s: %d pages read as list pages %v", name, len(res.lists), res.lists)
	byF := append([]pageScore(nil), res.scores...)
	sort.SliceStable(byF, func(i, j int) bool { return byF[i].f < byF[j].f })
	for _, s := range byF[:min(worst, len(byF))] {
		t.Logf("  worst %s  P %.3f  R %.3f  F1 %.3f  %q", s.id, s.p, s.r, s.f, s.doc.Title)
	}
	if dir := os.Getenv("FOLIO_CORPUS_DUMP"); dir != "" {
		dumpCorpus(t, dir, name, pages, res)
	}
}

// dumpCorpus writes what was extracted from each page next to what the
// annotators kept, for reading by eye: FOLIO_CORPUS_DUMP=/tmp/x.
func dumpCorpus(t *testing.T, dir, name string, pages []corpusPage, res corpusResult) {
	dir = filepath.Join(dir, name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for i, s := range res.scores {
		var b bytes.Buffer
		fmt.Fprintf(&b, "F1 %.3f P %.3f R %.3f\nurl: %s\ntitle: %s\npublished: %s (want %s)\nsource: %s\nauthor: %s (want %s)\n\n%s\n",
			s.f, s.p, s.r, pages[i].url, s.doc.Title, s.doc.Published, pages[i].date, s.doc.Source, s.doc.Author, pages[i].author, s.doc.Text)
		if err := os.WriteFile(filepath.Join(dir, s.id+".got.txt"), b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, s.id+".want.txt"), []byte(pages[i].text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// The floors are issue #5's targets (F1 ≥ 0.95 and date ≥ 0.90 on
// cwced-dev, F1 ≥ 0.96 on scrapinghub) and, for authors, a little under
// what the extractor reaches: a change that falls below is a regression.
const (
	cwcedF1Floor       = 0.95
	cwcedDateFloor     = 0.90
	cwcedAuthorFloor   = 0.85
	scrapinghubF1Floor = 0.96
)

func TestCorpus(t *testing.T) {
	t.Run("cwced-dev", func(t *testing.T) {
		pages := loadCWCED(t)
		res := scoreCorpus(t, pages, nil)
		res.log(t, "cwced-dev", pages, 8)
		if res.f < cwcedF1Floor {
			t.Errorf("cwced-dev F1 %.3f, below %.3f", res.f, cwcedF1Floor)
		}
		if d := ratio(res.dateOK, res.dates); d < cwcedDateFloor {
			t.Errorf("cwced-dev date accuracy %.3f, below %.3f", d, cwcedDateFloor)
		}
		if a := ratio(res.authOK, res.auths); a < cwcedAuthorFloor {
			t.Errorf("cwced-dev author accuracy %.3f, below %.3f", a, cwcedAuthorFloor)
		}

		// The same pages transcoded to clean UTF-8 and served as such must
		// give the same text: the charset is decided before extraction
		// and nothing after it depends on the bytes' encoding.
		utf8Pages := make([]corpusPage, len(pages))
		for i, pg := range pages {
			out, _ := charset.Decode(pg.raw, "")
			utf8Pages[i] = pg
			utf8Pages[i].raw = out
		}
		res8 := scoreCorpus(t, utf8Pages, func(corpusPage) string { return "text/html; charset=utf-8" })
		t.Logf("cwced-dev transcoded to UTF-8: P %.3f  R %.3f  F1 %.3f", res8.p, res8.r, res8.f)
		for i := range pages {
			if a, b := res.scores[i].doc.Text, res8.scores[i].doc.Text; a != b {
				t.Errorf("%s: text differs between raw bytes and UTF-8 transcoding:\nraw:  %.200q\nutf8: %.200q", pages[i].id, a, b)
			}
		}
	})
	t.Run("scrapinghub", func(t *testing.T) {
		if testing.Short() {
			t.Skip("31 MB of pages; run without -short")
		}
		pages := loadScrapinghub(t)
		res := scoreCorpus(t, pages, nil)
		res.log(t, "scrapinghub", pages, 10)
		if res.f < scrapinghubF1Floor {
			t.Errorf("scrapinghub F1 %.3f, below %.3f", res.f, scrapinghubF1Floor)
		}
	})
}

func TestScoreTokens(t *testing.T) {
	tests := []struct {
		got, want string
		p, r      float64
	}{
		{"中文 text", "中文 text", 1, 1},
		{"ＡＢＣ abc", "abc ABC", 1, 1}, // NFKC and case folding
		{"中文，多了", "中文", 0.5, 1},      // 4 tokens got, 2 kept
		{"hello-world 2020", "hello world", 2.0 / 3, 1},
		{"", "x", 0, 0},
	}
	for _, tt := range tests {
		p, r, _ := scoreTokens(tt.got, tt.want)
		if p != tt.p || r != tt.r {
			t.Errorf("scoreTokens(%q, %q) = P %.3f R %.3f, want %.3f %.3f", tt.got, tt.want, p, r, tt.p, tt.r)
		}
	}
}
