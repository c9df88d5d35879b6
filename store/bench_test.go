package store

import (
	"bytes"
	"fmt"
	"testing"
	"time"
)

// BenchmarkArchiveDocument stores what archiving one two-page article
// stores: two captures with ~27 KiB HTML payloads and the document.
func BenchmarkArchiveDocument(b *testing.B) {
	db, _ := openTemp(b, nil)
	page := bytes.Repeat([]byte("<p>\xb1\xbe\xc4\xea\xb6\xc8\xb1\xa8\xb8\xe6 report text 123</p>\n"), 900)
	text := string(bytes.Repeat([]byte("本年度报告根据条例的要求编制。"), 400))
	b.SetBytes(int64(2 * len(page)))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		u := fmt.Sprintf("http://a.test/%d.html", i)
		p1 := append([]byte(u), page...) // distinct payloads, as distinct pages are
		p2 := append([]byte(u+"_2"), page...)
		caps := []*Capture{
			{URL: u, Method: "GET", Status: 200, Time: time.Now()},
			{URL: u + "_2", Method: "GET", Status: 200, Time: time.Now()},
		}
		if _, err := db.PutCaptures(caps, [][]byte{p1, p2}); err != nil {
			b.Fatal(err)
		}
		d := doc(u, text, fmt.Sprintf("sha256:%d", i))
		if _, err := db.SaveDocument(d, []string{u + "_2"}); err != nil {
			b.Fatal(err)
		}
	}
}
