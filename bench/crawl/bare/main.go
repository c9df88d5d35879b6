// Command bare is the crawl benchmark's ceiling: a bare colly crawl of the
// same portal that only fetches and follows links (colly's defaults: its
// own transport with gzip, its visited set, no robots.txt, no delay), with
// the same number of requests in flight as folio's run. It prints one JSON
// line: pages, bytes, seconds.
//
//	go run ./bench/crawl/bare -parallel 32 http://127.0.0.1:18001/news/ ...
package main

import (
	"encoding/json"
	"flag"
	"log"
	"net/url"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gocolly/colly/v2"
)

func main() {
	parallel := flag.Int("parallel", 32, "requests in flight")
	flag.Parse()
	hosts := map[string]bool{}
	for _, s := range flag.Args() {
		u, err := url.Parse(s)
		if err != nil {
			log.Fatal(err)
		}
		hosts[u.Host] = true
	}
	c := colly.NewCollector(colly.Async(true))
	if err := c.Limit(&colly.LimitRule{DomainGlob: "*", Parallelism: *parallel}); err != nil {
		log.Fatal(err)
	}
	var pages, bytes atomic.Int64
	c.OnResponse(func(r *colly.Response) {
		pages.Add(1)
		bytes.Add(int64(len(r.Body)))
	})
	// colly's own visited check is not atomic: with pages in flight
	// together it fetches some URLs several times. An atomic seen-set in
	// front keeps the ceiling honest: one fetch per URL, like folio.
	var seen sync.Map
	c.OnHTML("a[href]", func(e *colly.HTMLElement) {
		u, err := url.Parse(e.Request.AbsoluteURL(e.Attr("href")))
		if err != nil || !hosts[u.Host] {
			return
		}
		u.Fragment = ""
		if _, dup := seen.LoadOrStore(u.String(), true); dup {
			return
		}
		e.Request.Visit(u.String())
	})
	start := time.Now()
	for _, s := range flag.Args() {
		seen.Store(s, true)
		c.Visit(s)
	}
	c.Wait()
	json.NewEncoder(os.Stdout).Encode(map[string]any{
		"pages": pages.Load(), "bytes": bytes.Load(), "seconds": time.Since(start).Seconds(),
	})
}
