package charset

import (
	"sort"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// benchSets groups the corpus pages the way they decode: GBK declared by a
// <meta>, GBK undeclared (sniffed), and UTF-8.
func benchSets(b *testing.B) map[string][][]byte {
	pages := corpusPages(b)
	ids := make([]string, 0, len(pages))
	for id := range pages {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	sets := map[string][][]byte{}
	for _, id := range ids {
		switch want := corpusCharsets[id]; {
		case want.charset == "gbk" && want.source == SourceMeta:
			sets["gbk-declared"] = append(sets["gbk-declared"], pages[id])
		case want.charset == "gbk" && want.source == SourceSniffed:
			sets["gbk-sniffed"] = append(sets["gbk-sniffed"], pages[id])
		case want.charset == "utf-8":
			sets["utf-8"] = append(sets["utf-8"], pages[id])
		}
	}
	return sets
}

func totalLen(pages [][]byte) int64 {
	n := 0
	for _, p := range pages {
		n += len(p)
	}
	return int64(n)
}

// BenchmarkDecode measures Decode in MB/s of input. Compare with
// BenchmarkGB18030Ceiling, the plain x/text decoding of the same bytes.
func BenchmarkDecode(b *testing.B) {
	sets := benchSets(b)
	for _, name := range []string{"gbk-declared", "gbk-sniffed", "utf-8"} {
		pages := sets[name]
		b.Run(name, func(b *testing.B) {
			b.SetBytes(totalLen(pages))
			b.ReportAllocs()
			for b.Loop() {
				for _, p := range pages {
					Decode(p, "")
				}
			}
		})
	}
}

// BenchmarkGB18030Ceiling is the ceiling for the GBK sets: one plain x/text
// GB18030 decoding, no choice, no counting.
func BenchmarkGB18030Ceiling(b *testing.B) {
	sets := benchSets(b)
	for _, name := range []string{"gbk-declared", "gbk-sniffed"} {
		pages := sets[name]
		b.Run(name, func(b *testing.B) {
			b.SetBytes(totalLen(pages))
			b.ReportAllocs()
			for b.Loop() {
				for _, p := range pages {
					simplifiedchinese.GB18030.NewDecoder().Bytes(p)
				}
			}
		})
	}
}

// BenchmarkMetaPrescan reports the <meta> scan per page (ns/op is per
// page, averaged over the corpus).
func BenchmarkMetaPrescan(b *testing.B) {
	var pages [][]byte
	for _, set := range benchSets(b) {
		pages = append(pages, set...)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		metaCharset(pages[i%len(pages)])
		i++
	}
}
