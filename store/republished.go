package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Portals republish one report under several URLs: the same article in
// two columns (/zwgk/… and /news/…), or under a CMS's second address
// scheme, with neither naming the other as canonical. Such a copy is the
// same article, so it becomes an alias of the document first stored, not
// a second document. It is recognised by its content: the same title and
// the same content hash (main text and attachments) as the latest version
// of a complete document on the same host. Other hosts are left apart: a
// city portal's copy of a county's report belongs to the city's site, and
// `list --site` should find it there. (Except the hosts a crawled site
// moved from: CrawlCommit.CopyHosts.)
//
// A fetch of a copy counts as a re-fetch of the document, but it neither
// moves the document's URL nor its last fetch: the original stays due for
// its own re-checks.
//
// A copy can drift: the original gets an edit the copy never sees, or a
// copy's URL is reused for another article. A whole fetch of a copy whose
// content differs from the document's latest is not recorded at first;
// the document is made due at once, so that the original is re-checked
// (an edit made to both, met first on the copy, then becomes a version
// of the original as usual). If the copy still differs after that, it is
// detached into a document of its own, rather than adding a version that
// would flip the original between the two contents.

// contentKey indexes the latest content of a document by host and title.
func contentKey(host, contentHash, title string) []byte {
	k := make([]byte, 0, len(host)+len(contentHash)+len(title)+2)
	k = append(k, host...)
	k = append(k, 0)
	k = append(k, contentHash...)
	k = append(k, 0)
	return append(k, title...)
}

// copyKey indexes a document whose page named an article on another host
// as its canonical (the m. site's copy of the www article, CopyOfHosts) by
// that host and its content: when the original is stored after its copy,
// it finds the copy there (findCopy). The leading 0 keeps these keys
// apart from contentKey's, which begin with a host.
func copyKey(host, contentHash, title string) []byte {
	return append([]byte{0}, contentKey(host, contentHash, title)...)
}

// indexCopy records rec, whose latest content doc names CopyOfHosts as
// where its original is, under each of them.
func indexCopy(tx *bolt.Tx, rec *docRecord, doc *Document) error {
	if doc.ContentHash == "" {
		return nil
	}
	for _, h := range doc.CopyOfHosts {
		if err := tx.Bucket(bucketDocContent).Put(copyKey(h, doc.ContentHash, doc.Title), []byte(rec.ID)); err != nil {
			return err
		}
	}
	return nil
}

// findCopy returns the stored document that is a copy of doc, stored
// before it, or nil: one on another host whose page named doc's host for
// its original's, with doc's title, day and content as its latest version.
// The copy's record becomes doc's (adoptCopy).
func findCopy(tx *bolt.Tx, codec *codec, doc *Document) (*docRecord, error) {
	if !whole(doc) || doc.Title == "" || doc.Text == "" || doc.ContentHash == "" {
		return nil, nil
	}
	key := copyKey(hostOf(doc.URL), doc.ContentHash, doc.Title)
	id := tx.Bucket(bucketDocContent).Get(key)
	if id == nil {
		return nil, nil
	}
	var rec docRecord
	if err := getJSON(tx.Bucket(bucketDocs), id, &rec); err != nil {
		if errors.Is(err, ErrNotFound) {
			return nil, nil // merged away since
		}
		return nil, err
	}
	last := len(rec.Versions) - 1
	if last < 0 || rec.Versions[last].ContentHash != doc.ContentHash || rec.Incomplete || hostOf(rec.URL) == hostOf(doc.URL) {
		return nil, nil
	}
	latest, err := loadVersion(tx, codec, &rec, 0)
	if err != nil {
		return nil, err
	}
	if !whole(latest) || !sameArticle(latest, doc) {
		return nil, nil
	}
	return &rec, tx.Bucket(bucketDocContent).Delete(key)
}

// adoptCopy makes rec, a copy stored before its original, the original's
// record: its URL is the original's from now on, and the copy's URLs are
// its republished aliases (a later fetch of them is a copy's fetch).
func adoptCopy(rec *docRecord, originalURL string) {
	for _, u := range rec.URLs {
		if !slices.Contains(rec.Republished, u) {
			rec.Republished = append(rec.Republished, u)
		}
	}
	rec.URL = originalURL
}

// findOriginal returns the stored document that doc republishes, or nil:
// one on doc's host, or on one of copyHosts.
func findOriginal(tx *bolt.Tx, codec *codec, doc *Document, copyHosts []string) (*docRecord, error) {
	if !whole(doc) || doc.Title == "" || doc.Text == "" || doc.ContentHash == "" {
		return nil, nil
	}
	host := hostOf(doc.URL)
	var id []byte
	for _, h := range append([]string{host}, copyHosts...) {
		if id = tx.Bucket(bucketDocContent).Get(contentKey(h, doc.ContentHash, doc.Title)); id != nil {
			host = h
			break
		}
	}
	if id == nil {
		return nil, nil
	}
	var rec docRecord
	if err := getJSON(tx.Bucket(bucketDocs), id, &rec); err != nil {
		return nil, err
	}
	last := len(rec.Versions) - 1
	if last < 0 || rec.Versions[last].ContentHash != doc.ContentHash || rec.Incomplete || hostOf(rec.URL) != host {
		return nil, nil // the index names content the document has since left
	}
	latest, err := loadVersion(tx, codec, &rec, 0)
	if err != nil {
		return nil, err
	}
	// (A version cut by the limits is as whole as its copy's: the
	// record says no fetch of it missed a page.)
	if !latest.Complete && rec.Incomplete || !sameArticle(latest, doc) {
		return nil, nil
	}
	return &rec, nil
}

// whole says whether doc is all of what a fetch of it gives: complete, or
// cut only by the limits (--max-body, --max-pages), which cut a copy of it
// the same way.
func whole(doc *Document) bool { return doc.Complete || doc.Cut }

// sameArticle says whether two contents at two URLs can be one article:
// the same title, and the same publish day when both state one (a notice
// a site publishes every year in the same words is a new document each
// year; a 信息公开 page may state the day where the news column states the
// minute).
func sameArticle(a, b *Document) bool {
	day := func(p string) string { return p[:min(len(p), 10)] }
	return a.Title == b.Title && (a.Published == "" || b.Published == "" || day(a.Published) == day(b.Published))
}

// isCopyFetch says whether a fetch of docURL (with all its URLs), which
// found rec by via, is a fetch of one of rec's copies.
func isCopyFetch(rec *docRecord, docURL, via string, all []string) bool {
	if len(rec.Versions) == 0 {
		return false
	}
	if slices.Contains(rec.Republished, docURL) {
		return true // by the copy's own URL
	}
	// By a copy's URL that redirected elsewhere — unless one of the
	// document's own URLs is among the fetch's, when it is the original's.
	own := func(u string) bool { return slices.Contains(rec.URLs, u) && !slices.Contains(rec.Republished, u) }
	return slices.Contains(rec.Republished, via) && !slices.ContainsFunc(all, own)
}

// movedToCopy handles a fetch of rec's own URL that led (by a redirect)
// to u: if u is one of rec's copies, the site has moved the article there
// (a column renamed, its old URLs redirecting), and u is no copy any more
// but the document's own URL to be. Says whether it was a copy.
func movedToCopy(rec *docRecord, u string) bool {
	if !slices.Contains(rec.Republished, u) {
		return false
	}
	rec.Republished = slices.DeleteFunc(rec.Republished, func(x string) bool { return x == u })
	delete(rec.Drift, u)
	rec.Recheck = len(rec.Drift) > 0
	return true
}

// copyVerdict is what a fetch of a republished copy makes of it.
type copyVerdict int

const (
	copyMatches  copyVerdict = iota // the copy still holds the document's content
	copyKept                        // not recorded: partial, or a drift to confirm
	copyDetached                    // the copy has drifted: a document of its own
)

// drift is a copy first seen to differ from its document: when, and with
// what content.
type drift struct {
	At          time.Time `json:"at"`
	ContentHash string    `json:"content_hash"`
}

// driftConfirmed is how long a difference may wait for the original's
// re-check: a copy that still differs the next day is detached even if
// the original could not be fetched meanwhile (gone, or out of reach).
const driftConfirmed = 20 * time.Hour

// judgeCopy decides what a fetch of a copy of rec (found by its URL)
// makes of it, and records a drift it has to confirm. latest is rec's
// latest version.
func judgeCopy(rec *docRecord, latest, doc *Document, now time.Time) copyVerdict {
	switch {
	case latest.ContentHash == doc.ContentHash:
		delete(rec.Drift, doc.URL)
		rec.Recheck = len(rec.Drift) > 0
		return copyMatches
	case now.Before(rec.LastFetch) && !InFuture(rec.LastFetch, time.Now()):
		return copyKept // an older capture (an import): it judges nothing now
	case strings.TrimSpace(doc.Text) == "" && len(doc.Attachments) == 0:
		return copyKept // an error page or a wall, as for the original itself
	case !doc.Complete || len(missed(doc)) > 0:
		return copyKept // a fetch that missed a part says nothing of drift
	case !sameArticle(latest, doc):
		return copyDetached // the URL now holds another article
	}
	if d, ok := rec.Drift[doc.URL]; ok && d.ContentHash == doc.ContentHash &&
		(rec.Checked.After(d.At) || now.Sub(d.At) >= driftConfirmed) {
		return copyDetached // still different after the original was re-checked whole, or a day on
	}
	if rec.Drift == nil {
		rec.Drift = map[string]drift{}
	}
	if d, ok := rec.Drift[doc.URL]; !ok || d.ContentHash != doc.ContentHash {
		rec.Drift[doc.URL] = drift{At: now, ContentHash: doc.ContentHash}
	}
	rec.Recheck = true // due at once: the original is re-checked first
	return copyKept
}

// finishCopyFetch ends the save of a fetch of a copy: the caller is told
// of the document the copy belongs to, as show would print it.
func finishCopyFetch(tx *bolt.Tx, codec *codec, rec *docRecord, doc *Document, res *SaveResult) error {
	stored, err := loadVersion(tx, codec, rec, 0)
	if err != nil {
		return err
	}
	*doc = *stored
	res.Version, res.Republished = doc.Version, true
	return putJSON(tx.Bucket(bucketDocs), []byte(rec.ID), rec)
}

// indexContent records the latest content of rec, doc, for findOriginal.
func indexContent(tx *bolt.Tx, rec *docRecord, doc *Document) error {
	if doc.ContentHash == "" {
		return nil
	}
	return tx.Bucket(bucketDocContent).Put(contentKey(hostOf(rec.URL), doc.ContentHash, doc.Title), []byte(rec.ID))
}

// detachCopy takes the URLs of a copy that no longer matches off rec: they
// are to lead to a document of their own.
func detachCopy(tx *bolt.Tx, rec *docRecord, urls []string) error {
	index := tx.Bucket(bucketDocURLs)
	for _, u := range urls {
		if !slices.Contains(rec.Republished, u) {
			continue
		}
		rec.Republished = slices.DeleteFunc(rec.Republished, func(x string) bool { return x == u })
		rec.URLs = slices.DeleteFunc(rec.URLs, func(x string) bool { return x == u })
		delete(rec.Drift, u)
		if err := index.Delete([]byte(u)); err != nil {
			return fmt.Errorf("detach %s from %s: %w", u, rec.ID, err)
		}
	}
	rec.Recheck = len(rec.Drift) > 0
	if err := putJSON(tx.Bucket(bucketDocs), []byte(rec.ID), rec); err != nil {
		return fmt.Errorf("detach copies from %s: %w", rec.ID, err)
	}
	return nil
}

// indexAllContent fills the content index of a store written before it
// existed.
func indexAllContent(tx *bolt.Tx, codec *codec) error {
	return tx.Bucket(bucketDocs).ForEach(func(_, v []byte) error {
		var rec docRecord
		if err := json.Unmarshal(v, &rec); err != nil {
			return nil // a damaged record is reported where it is read
		}
		if len(rec.Versions) == 0 {
			return nil
		}
		latest, err := loadVersion(tx, codec, &rec, 0)
		if err != nil {
			return nil // likewise
		}
		return indexContent(tx, &rec, latest)
	})
}
