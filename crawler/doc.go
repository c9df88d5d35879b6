// Package crawler fetches pages politely and archives articles: it follows
// an article's pagination, hands the pages to package extract, and stores
// what it fetched through a small Store interface.
//
// # How a request travels
//
// colly drives the fetching (redirects, cookies, robots.txt checks, visited
// sets), but every HTTP exchange — robots.txt, each redirect hop, each retry
// — goes through one RoundTripper, the Transport, which is where folio's own
// guarantees live:
//
//   - politeness per host: a delay between the starts of any two requests
//     (the larger of --delay and robots.txt's Crawl-delay), at most
//     --per-host requests in flight, a pause for the whole host on 429/503
//     with Retry-After, bounded retries with backoff;
//   - robots.txt fetched once per host through the same gate, with RFC 9309
//     semantics colly lacks (a 5xx or timeout means "not now", never "all
//     allowed"; up to five redirects are followed, each hop through the
//     gate of its host, and more mean "no robots.txt"), and served from
//     memory to colly's own robots check;
//   - the raw capture: status line, headers and the body exactly as it came
//     off the wire (content-encoding kept), cut at --max-body with the cut
//     recorded. The status line and header lines are read from the
//     connection itself (rawhead.go), in their order and spelling, over
//     HTTP and TLS alike; only HTTP/1.1 is offered, so there always is a
//     head on the wire. Every attempt is a capture, a retried 503 as much as the
//     200 after it: the archive holds what the server really answered, and
//     the captures and the fetch count agree. colly rewrites bodies to UTF-8 using only the HTTP header,
//     so folio never reads colly's copy: the Transport hands colly an empty
//     body and a capture id, and the pages are decoded by package extract.
//
// A per-attempt deadline covers connecting, waiting and reading the body,
// so a server that trickles a byte a second is cut off too. Redirects are
// followed for 10 hops and only to http(s); a failure is one error naming
// the URL and what happened ("connect: connection refused", "no response
// within 30s"). A panic met on one page or article (a bug in extraction)
// fails that URL, not the run.
//
// # How a crawl keeps its state
//
// A Crawler keeps nothing that matters only in memory. Its frontier (the
// URLs waiting), what each visited URL turned out to be, and colly's
// visited set live in the store (store.CrawlCommit): one visit — the
// captures it made, the document it archived, the links it queued, the
// frontier entry it used up — is one transaction, so a killed run loses at
// most the visits in flight, and the next Run resumes it. In memory are the
// per-host queues (data, not goroutines: at most --parallel × --per-host
// visits run at once) and an atomic seen-set in front of colly's visited
// check, which is not atomic.
//
// A later run re-reads the seeds, queues the stored articles that are due
// for a re-check (RevisitPolicy), and fetches known pages with
// If-None-Match / If-Modified-Since; a 304 is read back from the stored
// payload it confirms.
package crawler
