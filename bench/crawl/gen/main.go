// Command gen writes the crawl benchmark's portal to disk for nginx: hosts
// directories of generated GBK county-portal sites (package crawltest), each
// file also gzipped beside it for gzip_static.
//
//	go run ./bench/crawl/gen -out DIR -hosts 20 -articles 100 -pages 3 -base-port 18001
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"

	"github.com/klauspost/compress/gzip"

	"folio/crawler/crawltest"
)

func main() {
	out := flag.String("out", "", "directory to write into (hNN/ per host)")
	hosts := flag.Int("hosts", 20, "sites, one per port")
	articles := flag.Int("articles", 100, "articles per site")
	pages := flag.Int("pages", 3, "pages per article")
	paragraphs := flag.Int("paragraphs", 14, "paragraphs per article page")
	basePort := flag.Int("base-port", 18001, "port of the first site")
	flag.Parse()
	if *out == "" {
		log.Fatal("gen: -out is required")
	}
	var total, bytes int64
	for h := 0; h < *hosts; h++ {
		site := crawltest.Site{Articles: *articles, PagesPer: *pages, Paragraphs: *paragraphs, PerList: 20, Sidebar: true, Salt: h + 1}
		dir := filepath.Join(*out, fmt.Sprintf("h%02d", h+1))
		base := fmt.Sprintf("http://127.0.0.1:%d", *basePort+h)
		for p, body := range site.Files(base) {
			if strings.HasSuffix(p, "/") {
				p += "index.html"
			}
			name := filepath.Join(dir, filepath.FromSlash(p))
			must(os.MkdirAll(filepath.Dir(name), 0o755))
			must(os.WriteFile(name, body, 0o644))
			gz, err := os.Create(name + ".gz")
			must(err)
			zw, _ := gzip.NewWriterLevel(gz, 6)
			zw.Write(body)
			must(zw.Close())
			must(gz.Close())
			if strings.HasSuffix(p, ".html") && strings.Contains(p, "/2024/") {
				total++
				bytes += int64(len(body))
			}
		}
	}
	fmt.Printf("%d article pages, %.1f KiB each on average\n", total, float64(bytes)/float64(max(total, 1))/1024)
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
