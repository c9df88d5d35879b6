// Package bundle moves a store's contents to and from the bundles other
// tools read: WARC 1.1 files, WACZ packages and JSONL document lists out
// (Export), WARC files in (Import).
//
// # Export
//
// A WARC export holds a warcinfo record, then each capture in the order
// it was made (a response or revisit record and its request record), then
// one metadata record per document version holding the document's JSON.
// Record ids are UUIDv5 over the store's identity and what the record is,
// so two exports of one store, whole or in parts, give a record the same
// id. A payload is written once: a later capture of it is a revisit, and
// a filtered export carries the response a revisit of it refers to. A
// WACZ packs that WARC with its CDXJ index and pages.jsonl; a JSONL
// export is the documents alone.
//
// Every file is written under a temporary name beside its target and
// takes the target's name only when complete: without
// ExportOptions.Force never in place of a file, however late that file
// was made (a hard link), and a WARC never without the index asked for.
//
// # Import
//
// Import stores the HTTP captures of WARC files (folio's, wget's,
// Heritrix's, browsertrix's…): response and revisit records paired with
// their requests, revisits resolved to the payload they repeat, bodies
// de-chunked, each capture stored once however often it is imported.
// Then crawler.Replayer reads the captures for articles, as the crawl
// that made them would have.
//
// # Caveats
//
// An import is two steps: the captures of all files, then the articles.
// The store keeps where an import began until one has read all it
// stored, so an import that was killed in between is finished by the
// next, even of the same files (which then store nothing new).
//
// With ExportOptions.Force and CDX, a WARC and its index are replaced one
// after the other, not as one: see ExportOptions.Force.
//
// # Errors
//
// An error begins with the file or URL it concerns ("out.warc.gz: write:
// no space left on device", "http://host/a.html: store: not found") and
// says nothing of a command line: the caller words it for its users
// (folio's puts "export: " before an export's). A failure of the store
// itself is the store's error, wrapped with the file or URL being read
// when there is one: store.Unavailable tells it.
package bundle
