// Package crawltest generates the loopback test portal folio's crawl tests
// and crawl benchmark run against: county-portal style sites in GBK with
// paginated columns, multi-page articles, calendars without end, session
// ids, robots.txt rules; and a server for them that logs every request so
// that tests can judge politeness from the server's side.
//
// The pages are made by pure functions (Site.Files), so the benchmark can
// write the same portal to disk for a real web server.
package crawltest
