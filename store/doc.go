// Package store keeps folio's archive in one bbolt file: raw payloads stored
// once per digest, the captures (fetches) that produced them, the documents
// (stitched articles) with their versions, and the state a resumable crawl
// needs. It knows nothing of HTTP, HTML or colly; callers never see a bolt.Tx.
//
// # Model
//
// A capture is one fetch of one URL: when, the status line and headers as
// received, and the digest of the payload. A payload is the body exactly as
// it came off the wire (a gzip body stays gzip) and is stored once, however
// many captures produced it. A document is an article: its page list,
// aliases and versions. A version is one distinct content hash of the
// stitched main content; fetching the same content again only moves the
// version's last_seen and counts an unchanged re-fetch. A fetch that
// missed a page or an attachment the latest version has is not recorded
// in the versions at all (its hash leaves the part out: it would pass for
// an edit); the document only notes when it was fetched and whether that
// fetch missed a page, which the crawl's revisit policy reads.
//
// # Sharing the file
//
// bbolt locks its file for as long as it is open (exclusively for a writer,
// shared for readers), so a crawl that kept the file open would shut out
// `folio list` for hours. Writers therefore take a separate writer lock
// (PATH.lock, holding the writer's pid) for their whole run, and open the
// bbolt file only for short spells: a spell ends after Options.Hold, and the
// next one starts a little later, which is when waiting readers get in.
// Readers do the same, so a long export lets a crawl's writes through too.
// Long scans read in transactions of a bounded number of keys, matching or
// not, so that a scan skipping most of a big store still lets the other
// side in between. A listing (Documents) that runs while documents change
// visits every document stored when it began exactly once (order.go).
//
// # Caveats
//
// The writer lock and bbolt's own lock are advisory flock(2) locks: they work
// between folio processes on one machine, not over NFS.
//
// A file that is not a store, or whose meta pages are damaged, is refused
// on open (ErrCorrupt) and left as it was. bbolt trusts its other pages:
// damage there is found when the page is read — bbolt's panics and memory
// faults become ErrCorrupt — and a damaged page header can make its writer
// loop. A failed write (a full disk) rolls its transaction back; what was
// committed stays (ErrWrite).
package store
