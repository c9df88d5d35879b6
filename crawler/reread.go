package crawler

import (
	"net/http"

	"folio/extract"
	"folio/store"
)

// storedReading returns the stored latest version of doc when it holds the
// same content as doc by today's reading: doc's content hash differs from
// the version's, but reading the version's own pages again, with the
// extractor as it is now, gives doc's. The content did not change; the
// reading of it did (a folio upgrade that extracts more cleanly). nil when
// the content changed, or the version cannot be read again.
//
// Without this, the first nightly run after an upgrade would record a new
// version of every article whose text the new extractor reads
// differently, 304s included, though not a byte of them changed.
//
// The document is looked up as saving finds it, by any of the fetch's
// URLs: one stored under an older canonical form of its URL (lower-case
// escapes) is found by the address that was asked for.
func (a *Archiver) storedReading(doc *store.Document, urls []string) *store.Document {
	// The history first: most fetches of a stored document are of its
	// content, and its record is cheaper to read than a version.
	var h *store.History
	key := ""
	for _, u := range append([]string{doc.URL}, urls...) {
		if found, err := a.st.History(u); err == nil {
			h, key = found, u
			break
		}
	}
	if h == nil || len(h.Versions) == 0 || h.Versions[len(h.Versions)-1].ContentHash == doc.ContentHash {
		return nil
	}
	latest, err := a.st.Document(key, 0)
	if err != nil || !latest.Complete || len(latest.Pages) == 0 {
		return nil
	}
	opts := &extract.Options{Location: a.opts.Location}
	var pages []*page
	for _, pg := range latest.Pages {
		c, err := a.st.Capture(pg.CaptureID)
		if err != nil || c.Status != http.StatusOK || c.PayloadDigest == "" {
			return nil
		}
		body, err := (&prior{capture: c, st: a.st}).body(a.maxBody())
		if err != nil {
			return nil
		}
		parsed, err := parse(a.parser, body, c.Header("Content-Type"), c.URL, opts)
		if err != nil {
			return nil
		}
		pages = append(pages, &page{requested: c.URL, url: c.URL, status: c.Status, parsed: parsed})
	}
	if contentHash(buildDocument(pages).Text, latest.Attachments) != doc.ContentHash {
		return nil
	}
	return latest
}

// keepStoredReading makes doc, a fetch of the stored version's content,
// say what that version says: its reading (title, text, tables, hash) with
// this fetch's pages and attachments. Saved, it is an unchanged re-fetch.
func keepStoredReading(doc, latest *store.Document) {
	doc.Title, doc.Published, doc.Source, doc.Author = latest.Title, latest.Published, latest.Source, latest.Author
	doc.Text, doc.Tables, doc.ContentHash = latest.Text, latest.Tables, latest.ContentHash
}
