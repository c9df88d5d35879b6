package extract

import (
	"os"
	"testing"
)

// BenchmarkParseStitchReport: extract and stitch the sample portal's
// two-page GBK report, as an archive of it does. MB/s of raw HTML.
func BenchmarkParseStitchReport(b *testing.B) {
	files := []string{
		"../testdata/portal/bxsh/2020/0222/20200222132211.html",
		"../testdata/portal/bxsh/2020/0222/20200222132211_2.html",
	}
	var raws [][]byte
	var total int64
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		raws = append(raws, raw)
		total += int64(len(raw))
	}
	b.SetBytes(total)
	b.ReportAllocs()
	for b.Loop() {
		pages := make([]*Page, len(raws))
		for i, raw := range raws {
			p, err := Parse(raw, "text/html", "http://t.test/bxsh/2020/0222/20200222132211.html", nil)
			if err != nil {
				b.Fatal(err)
			}
			pages[i] = p
		}
		if d := Stitch(pages); len(d.Tables) == 0 {
			b.Fatal("no tables")
		}
	}
}

// BenchmarkCorpus: extraction speed over each corpus in one process, as
// `folio extract` does it (Parse, then Stitch of the one page). MB/s of raw
// HTML; skipped when shared/corpus is not next to the clone.
//
//	go test ./extract -run '^$' -bench Corpus -benchtime 5x
func BenchmarkCorpus(b *testing.B) {
	for _, c := range []struct {
		name string
		load func(testing.TB) []corpusPage
	}{{"cwced-dev", loadCWCED}, {"scrapinghub", loadScrapinghub}} {
		b.Run(c.name, func(b *testing.B) {
			pages := c.load(b)
			var total int64
			for _, p := range pages {
				total += int64(len(p.raw))
			}
			b.SetBytes(total)
			b.ReportAllocs()
			for b.Loop() {
				for _, pg := range pages {
					p, err := Parse(pg.raw, "", pg.url, nil)
					if err != nil {
						b.Fatal(err)
					}
					Stitch([]*Page{p})
				}
			}
		})
	}
}
