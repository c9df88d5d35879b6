package bundle

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"folio/store"
)

// benchStores caches the stores the export benchmarks read, one per size.
var benchStores sync.Map

// benchStore builds (once) a store of n captures of ~27 KiB GBK-like HTML
// pages, one in ten a repeat of the page before (a revisit), each two
// captures a two-page document, and returns it with its payload bytes.
func benchStore(b *testing.B, dir string, n int) (string, int64) {
	type built struct {
		path  string
		bytes int64
	}
	if v, ok := benchStores.Load(n); ok {
		return v.(built).path, v.(built).bytes
	}
	path := filepath.Join(dir, fmt.Sprintf("bench-%d.db", n))
	db, err := store.Open(path, nil)
	if err != nil {
		b.Fatal(err)
	}
	page := bytes.Repeat([]byte("<p>\xb1\xbe\xc4\xea\xb6\xc8\xb1\xa8\xb8\xe6 report text 123</p>\r\n"), 900)
	t0 := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
	req := []store.Field{{Name: "Host", Value: "zwgk.example.gov.cn"}, {Name: "User-Agent", Value: "folio/bench"}}
	resp := []store.Field{{Name: "Content-Type", Value: "text/html"}, {Name: "Content-Length", Value: "1"}}
	var total int64
	var prev []byte
	for start := 0; start < n; start += 100 {
		var cs []*store.Capture
		var ps [][]byte
		for i := start; i < min(start+100, n); i++ {
			u := fmt.Sprintf("http://zwgk.example.gov.cn/art/%d.html", i)
			p := append([]byte(u), page...)
			if i%10 == 9 {
				p = prev
			}
			prev = p
			total += int64(len(p))
			cs = append(cs, &store.Capture{URL: u, Method: "GET", Time: t0.Add(time.Duration(i) * time.Second), IP: "192.0.2.1",
				RequestHeaders: req, Proto: "HTTP/1.1", Status: 200, StatusText: "200 OK", ResponseHeaders: resp})
			ps = append(ps, p)
		}
		if _, err := db.PutCaptures(cs, ps); err != nil {
			b.Fatal(err)
		}
		for i := 0; i+1 < len(cs); i += 2 {
			d := &store.Document{URL: cs[i].URL, Title: "报告", Text: "本年度报告根据条例的要求编制。", Tables: [][][]string{},
				ContentHash: fmt.Sprintf("sha256:%d", cs[i].ID), Complete: true, Aliases: []string{}, Attachments: []store.Attachment{},
				Pages: []store.Page{{URL: cs[i].URL, Status: 200, Charset: "gbk", Fetched: cs[i].Time, PayloadDigest: cs[i].PayloadDigest, CaptureID: cs[i].ID},
					{URL: cs[i+1].URL, Status: 200, Charset: "gbk", Fetched: cs[i+1].Time, PayloadDigest: cs[i+1].PayloadDigest, CaptureID: cs[i+1].ID}},
				Fetched: cs[i].Time}
			if _, err := db.SaveDocument(d, []string{cs[i+1].URL}); err != nil {
				b.Fatal(err)
			}
		}
	}
	db.Close()
	benchStores.Store(n, built{path, total})
	return path, total
}

// BenchmarkExport exports stores of 1,000 and 10,000 captures as WARC (with
// its CDXJ index) and as WACZ: MB/s of payload, and the peak Go heap seen
// while exporting (sampled every 5ms), which must not grow with the store.
func BenchmarkExport(b *testing.B) {
	dir := b.TempDir()
	benchStores.Clear()
	for _, format := range []string{WARC, WACZ} {
		for _, n := range []int{1000, 10000} {
			b.Run(fmt.Sprintf("%s/captures=%d", format, n), func(b *testing.B) {
				path, total := benchStore(b, dir, n)
				db, err := store.Open(path, &store.Options{ReadOnly: true})
				if err != nil {
					b.Fatal(err)
				}
				defer db.Close()
				out := filepath.Join(b.TempDir(), "out."+format)
				if format == WARC {
					out += ".gz"
				}
				runtime.GC()
				var base runtime.MemStats
				runtime.ReadMemStats(&base)
				peak := sampleHeap()
				b.SetBytes(total)
				b.ResetTimer()
				for b.Loop() {
					o := ExportOptions{Format: format, Force: true, CDX: format == WARC}
					if _, err := Export(context.Background(), db, out, o); err != nil {
						b.Fatal(err)
					}
				}
				b.StopTimer()
				max := peak()
				b.ReportMetric(float64(max)/(1<<20), "peak-heap-MiB")
				b.ReportMetric(float64(max-min(max, base.HeapAlloc))/(1<<20), "peak-heap-growth-MiB")
			})
		}
	}
}

// sampleHeap samples HeapAlloc until the returned function is called, and
// that function returns the largest value seen.
func sampleHeap() func() uint64 {
	var mu sync.Mutex
	var peak uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			mu.Lock()
			peak = max(peak, ms.HeapAlloc)
			mu.Unlock()
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	}()
	return func() uint64 {
		close(stop)
		<-done
		mu.Lock()
		defer mu.Unlock()
		return peak
	}
}
