package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Document is a stitched article as the contract defines it: the object that
// `archive --json`, `show --format json`, `list --json` and the JSONL export
// print.
type Document struct {
	URL         string       `json:"url"`
	Title       string       `json:"title"`
	Published   string       `json:"published"`
	Source      string       `json:"source"`
	Author      string       `json:"author"`
	Text        string       `json:"text"`
	Tables      [][][]string `json:"tables"`
	Pages       []Page       `json:"pages"`
	ContentHash string       `json:"content_hash"`
	Version     int          `json:"version"`
	Attachments []Attachment `json:"attachments"`
	Complete    bool         `json:"complete"`
	Aliases     []string     `json:"aliases"`
	Fetched     time.Time    `json:"fetched"`
	// Cut: the document is incomplete only because a limit set by the
	// operator cut it short (--max-pages, --max-body); a re-check before it
	// is due would be cut the same way. Not stored.
	Cut bool `json:"-"`
	// CopyOfHosts are hosts besides its own where the document may be a
	// copy of a stored one: the site's other host its rel=canonical names
	// (a mobile page naming the www article). A copy with the same
	// content is stored as that document's alias. Not stored.
	CopyOfHosts []string `json:"-"`
}

// Page is one page of a document, in reading order.
type Page struct {
	URL           string    `json:"url"`
	Status        int       `json:"status"`
	Charset       string    `json:"charset"`
	Fetched       time.Time `json:"fetched"`
	PayloadDigest string    `json:"payload_digest"`
	// CaptureID is the capture the page was read from (0 if it failed
	// without a response). Internal: exports use it to link records.
	CaptureID uint64 `json:"-"`
	// Capture, when CaptureID is 0, is the capture the page was read from,
	// stored with the document (CrawlCommit.Captures): saving takes its id
	// once it has one. Never stored.
	Capture *Capture `json:"-"`
}

// Attachment is a file the article's main content links to or embeds.
type Attachment struct {
	URL           string `json:"url"`
	Title         string `json:"title"`
	ContentType   string `json:"content_type"`
	Status        int    `json:"status"`
	Bytes         int64  `json:"bytes"`
	PayloadDigest string `json:"payload_digest"`
	// CaptureID and Capture are as for Page.
	CaptureID uint64   `json:"-"`
	Capture   *Capture `json:"-"`
}

// Version is one distinct content of a document.
type Version struct {
	Version            int       `json:"version"`
	ContentHash        string    `json:"content_hash"`
	FirstSeen          time.Time `json:"first_seen"`
	LastSeen           time.Time `json:"last_seen"`
	UnchangedRefetches int       `json:"unchanged_refetches"`
}

// InSeconds returns d as the contract prints it: its times to the second
// (the store keeps a fetch's time to the fraction a WARC gave it, to tell
// two re-fetches within one second apart; printed, a document reads the
// same whether it was crawled or imported).
func (d *Document) InSeconds() *Document {
	out := *d
	out.Fetched = d.Fetched.Truncate(time.Second)
	if d.Pages != nil {
		out.Pages = make([]Page, len(d.Pages))
		for i, p := range d.Pages {
			p.Fetched = p.Fetched.Truncate(time.Second)
			out.Pages[i] = p
		}
	}
	return &out
}

// InSeconds returns h with its times to the second, as Document.InSeconds.
func (h History) InSeconds() History {
	out := h
	out.Versions = make([]Version, len(h.Versions))
	for i, v := range h.Versions {
		v.FirstSeen, v.LastSeen = v.FirstSeen.Truncate(time.Second), v.LastSeen.Truncate(time.Second)
		out.Versions[i] = v
	}
	return out
}

// History lists every stored version of a document, oldest first.
type History struct {
	URL      string    `json:"url"`
	Versions []Version `json:"versions"`
}

// docRecord is what the docs bucket holds for each document.
type docRecord struct {
	ID       string    `json:"id"`
	URL      string    `json:"url"`
	URLs     []string  `json:"urls"` // every URL indexed to this document
	Versions []Version `json:"versions"`
	// OrderKey is the doc_order key currently indexing this document.
	OrderKey []byte `json:"order_key"`
	// LastFetch is when the document was last fetched, whatever came of
	// it, and Incomplete says that fetch missed a page (its complete was
	// false), even when it was not recorded as a version: the crawl's
	// revisit policy reads both. Zero in stores written before they were.
	LastFetch  time.Time `json:"last_fetch,omitzero"`
	Incomplete bool      `json:"incomplete,omitempty"`
	// Republished are the URLs (also in URLs) of copies of this document
	// found at other URLs of its host, see republished.go; Drift, the
	// copies seen to differ from the document, by URL; Recheck, that one
	// did, so the original is due at once.
	Republished []string         `json:"republished,omitempty"`
	Drift       map[string]drift `json:"drift,omitempty"`
	Recheck     bool             `json:"recheck,omitempty"`
	// Checked is when the document's own URL was last fetched whole and
	// recorded: what confirms a copy's drift.
	Checked time.Time `json:"checked,omitzero"`
}

// versionRecord is the stored form of one version: the document as it was
// when this content was first seen, with the capture ids of its pages.
type versionRecord struct {
	Doc      *Document `json:"doc"`
	Captures []uint64  `json:"captures"`
	Attached []uint64  `json:"attached,omitempty"`
}

// SaveResult tells what SaveDocument did.
type SaveResult struct {
	Version int  // the version the content is now stored under
	New     bool // the document was not stored before
	Changed bool // a new version was added (always true when New)
	// NotRecorded: the fetch was not recorded — no version, no re-fetch in the
	// history; the latest version stands (Version names it) — because it
	// missed a page or an attachment that the latest version has, read no
	// text where the version has some, is an older capture of other
	// content, or is a republished copy's that differs (to be confirmed).
	NotRecorded bool
	// Republished: the fetch was of a republished copy — the content of a
	// stored document at another URL of its host, its URLs that document's
	// aliases (New is false even on the first). doc was replaced by that
	// document. (Or the fetch was of the original of a copy stored
	// before it, which named it as canonical: the copy's record is the
	// original's from now on.)
	Republished bool
	// KnownCopy: the fetch was of a copy known already, its URL an alias
	// of the document: a re-fetch of the document, not news.
	KnownCopy bool
}

// Outcome names what the fetch did to the store, as a crawl's and an
// import's summaries count it: "republished", "new", "changed" or
// "unchanged" (a fetch not recorded leaves the stored version standing:
// unchanged too).
func (r SaveResult) Outcome() string {
	switch {
	case r.KnownCopy:
		return "unchanged"
	case r.Republished:
		return "republished"
	case r.New:
		return "new"
	case r.Changed:
		return "changed"
	}
	return "unchanged"
}

// Outcomes counts fetches of documents by their Outcome, as the summaries
// of a crawl and of an import report them.
type Outcomes struct {
	New       int `json:"new"`
	Changed   int `json:"changed"`
	Unchanged int `json:"unchanged"`
	// Republished counts articles found at a second URL of their host
	// with the content of a stored document: stored as its aliases.
	Republished int `json:"republished"`
}

// Count counts r and returns its Outcome.
func (o *Outcomes) Count(r SaveResult) string {
	outcome := r.Outcome()
	switch outcome {
	case "republished":
		o.Republished++
	case "new":
		o.New++
	case "changed":
		o.Changed++
	default:
		o.Unchanged++
	}
	return outcome
}

// SaveDocument records one fetch of a document. urls are all the URLs that
// lead to it (its pages, aliases); they are indexed so that any of them finds
// the document. If the content hash equals the latest version's, only
// last_seen and the unchanged re-fetch count move; otherwise a new version
// holding doc is added. doc.Version and doc.Fetched are set.
//
// A fetch that missed part of the document — a page or an attachment that
// failed — is not compared with the latest version when that version has
// the part: its hash leaves the part out, so it would differ without an
// edit, and the recovery after it would add a third version equal to the
// first. Such a fetch is not recorded at all (SaveResult.NotRecorded): last_seen
// and the re-fetch count stay, since the content was not seen whole. The
// first fetch of a document is stored whatever it missed; a later fetch
// that missed no more than the latest version did is compared as usual.
// Once a version has everything, then, only a fetch with everything adds
// a version, and show and list keep serving a complete one.
func (db *DB) SaveDocument(doc *Document, urls []string) (SaveResult, error) {
	for _, l := range captureLinks(doc) {
		*l.id = l.capture.ID
	}
	var res SaveResult
	err := db.update(func(tx *bolt.Tx) error {
		var err error
		res, err = saveDocument(tx, db.codec, doc, urls, nil)
		return err
	})
	return res, err
}

func saveDocument(tx *bolt.Tx, codec *codec, doc *Document, urls, copyHosts []string) (SaveResult, error) {
	docs := tx.Bucket(bucketDocs)
	index := tx.Bucket(bucketDocURLs)
	fetched := doc.Fetched // when this fetch happened (an import's may be long ago)
	if fetched.IsZero() {
		fetched = time.Now().UTC()
	}

	// Find the document by any of its URLs: an article first archived from
	// an alias keeps its identity when its canonical URL is learnt later.
	all := append([]string{doc.URL}, urls...)
	var rec docRecord
	via := "" // the URL the document was found by
	for _, u := range all {
		if id := index.Get([]byte(u)); id != nil {
			if err := getJSON(docs, id, &rec); err != nil {
				return SaveResult{}, err
			}
			via = u
			break
		}
	}
	other, err := sameArticleStoredTwice(tx, codec, &rec, doc.URL, urls)
	if err != nil {
		return SaveResult{}, err
	}
	if other != nil {
		merged, err := mergeDocs(tx, codec, &rec, other)
		if err != nil {
			return SaveResult{}, fmt.Errorf("merge %s into %s: %w", other.URL, rec.URL, err)
		}
		rec = *merged
	}
	if slices.Contains(urls, rec.URL) {
		movedToCopy(&rec, doc.URL)
	}
	// A fetch of a republished copy (see republished.go) is the stored
	// document's, reported as it, never moving its URL or its last fetch.
	copyFetch := isCopyFetch(&rec, doc.URL, via, all)
	movedFrom := "" // the document's URL before this fetch moved it
	var res SaveResult
	res.KnownCopy = copyFetch
	if copyFetch {
		latest, err := loadVersion(tx, codec, &rec, 0)
		if err != nil {
			return SaveResult{}, err
		}
		switch judgeCopy(&rec, latest, doc, fetched) {
		case copyKept:
			res.NotRecorded = true
			return res, finishCopyFetch(tx, codec, &rec, doc, &res)
		case copyDetached:
			if err := detachCopy(tx, &rec, all); err != nil {
				return SaveResult{}, err
			}
			rec, copyFetch, res.KnownCopy = docRecord{}, false, false
		}
	}
	adopted := false // a copy stored before this original, whose record this becomes
	if rec.ID == "" {
		orig, err := findOriginal(tx, codec, doc, append(slices.Clone(copyHosts), doc.CopyOfHosts...))
		if err != nil {
			return SaveResult{}, err
		}
		if orig != nil {
			rec, res.Republished, copyFetch = *orig, true, true
		}
	}
	if rec.ID == "" && len(doc.CopyOfHosts) == 0 {
		cp, err := findCopy(tx, codec, doc)
		if err != nil {
			return SaveResult{}, err
		}
		if cp != nil {
			movedFrom = cp.URL
			adoptCopy(cp, doc.URL)
			rec, adopted = *cp, true
		}
	}
	res.New = rec.ID == ""
	if res.New {
		rec.ID = newDocID(docs, doc.URL)
	}
	// An import of older captures says nothing of the last fetch; but a
	// last fetch that lies in the future was stored under a clock that was
	// ahead (or has been moved back since), and would otherwise stand until
	// the clock catches up.
	// (A copy's fetch moves neither: the original stays due for its own
	// re-check.)
	if !copyFetch {
		// The document's URL moves only when a fetch of that URL led
		// elsewhere (a redirect, a rel=canonical): found by an alias
		// asked for as itself (a forum's viewthread link to a thread
		// stored as thread-88-1-1.html), it keeps its URL.
		if !adopted && (rec.URL == "" || slices.Contains(urls, rec.URL)) {
			movedFrom = rec.URL
			rec.URL = doc.URL
		}
		if !fetched.Before(rec.LastFetch) || InFuture(rec.LastFetch, time.Now()) {
			rec.LastFetch, rec.Incomplete, rec.Recheck = fetched, !doc.Complete && !doc.Cut, false
		}
		// The document is the stored one, under its URL, whichever of its
		// URLs this fetch found it by (www. for a site stored without).
		doc.URL = rec.URL
	}

	last := len(rec.Versions) - 1
	if last >= 0 && strings.TrimSpace(doc.Text) == "" && len(doc.Attachments) == 0 && rec.Versions[last].ContentHash != doc.ContentHash {
		// Nothing readable came where a version had content: a login wall,
		// an error page served 200, a template without its article. Not
		// an edit that emptied the article: the stored version stands.
		res.NotRecorded = true
	} else if last >= 0 {
		if miss := missed(doc); len(miss) > 0 {
			latest, err := loadVersion(tx, codec, &rec, 0)
			if err != nil {
				return res, err
			}
			res.NotRecorded = !subset(miss, missed(latest))
		}
	}
	if last >= 0 && !res.NotRecorded && fetched.Before(rec.Versions[last].FirstSeen) && !InFuture(rec.Versions[last].FirstSeen, time.Now()) &&
		rec.Versions[last].ContentHash != doc.ContentHash {
		// An older capture (an import) of other content than the latest
		// version's: it does not become the latest. (A version dated ahead
		// by a clock since set right is no measure.)
		res.NotRecorded = true
	}
	if res.NotRecorded {
		res.Version = rec.Versions[last].Version
	} else if last >= 0 && rec.Versions[last].ContentHash == doc.ContentHash {
		v := &rec.Versions[last]
		if fetched.After(v.LastSeen) {
			v.LastSeen = fetched // an older capture (an import) counts, but moves nothing back
		}
		v.UnchangedRefetches++
		res.Version = v.Version
		if adopted {
			// The copy's record is the original's: the version reads as
			// the original's pages (its captures, its URL), as it would
			// had the original come first.
			if err := putVersion(tx, codec, &rec, doc, v.Version, fetched); err != nil {
				return res, err
			}
		}
	} else {
		res.Changed = true
		res.Version = len(rec.Versions) + 1
		rec.Versions = append(rec.Versions, Version{
			Version: res.Version, ContentHash: doc.ContentHash, FirstSeen: fetched, LastSeen: fetched,
		})
		if err := putVersion(tx, codec, &rec, doc, res.Version, fetched); err != nil {
			return res, err
		}
		// Re-index by change time: list shows the latest changes first.
		key := orderKey(orderTime(fetched, time.Now()), rec.ID)
		if err := moveOrder(tx.Bucket(bucketDocOrder), rec.OrderKey, key); err != nil {
			return res, err
		}
		rec.OrderKey = key
		rec.Drift = nil // the copies are judged against the new version
		if err := indexContent(tx, &rec, doc); err != nil {
			return res, err
		}
		if err := indexCopy(tx, &rec, doc); err != nil {
			return res, err
		}
	}
	if movedFrom != "" && hostOf(movedFrom) != hostOf(rec.URL) && !res.Changed && !res.NotRecorded {
		// The site moved to another host: its copies are looked for
		// there from now on (a new version is indexed above).
		if err := indexContent(tx, &rec, doc); err != nil {
			return res, err
		}
	}
	doc.Version = res.Version
	doc.Fetched = fetched
	if !copyFetch && !res.NotRecorded && doc.Complete && fetched.After(rec.Checked) {
		rec.Checked = fetched
	}

	for _, u := range all {
		if u == "" || slices.Contains(rec.URLs, u) {
			continue
		}
		if id := index.Get([]byte(u)); id != nil && string(id) != rec.ID {
			continue // another document's URL (an original redirecting to its copy) stays its
		}
		rec.URLs = append(rec.URLs, u)
		if copyFetch {
			rec.Republished = append(rec.Republished, u)
		}
		if err := index.Put([]byte(u), []byte(rec.ID)); err != nil {
			return res, err
		}
	}
	if copyFetch {
		return res, finishCopyFetch(tx, codec, &rec, doc, &res)
	}
	doc.Aliases = aliasesOf(&rec, doc)
	return res, putJSON(docs, []byte(rec.ID), rec)
}

// putVersion stores doc as version n of rec, fetched at fetched.
func putVersion(tx *bolt.Tx, codec *codec, rec *docRecord, doc *Document, n int, fetched time.Time) error {
	doc.Version = n
	doc.Fetched = fetched
	vr := versionRecord{Doc: doc}
	for _, p := range doc.Pages {
		vr.Captures = append(vr.Captures, p.CaptureID)
	}
	for _, a := range doc.Attachments {
		vr.Attached = append(vr.Attached, a.CaptureID)
	}
	blob, err := json.Marshal(vr)
	if err != nil {
		return err
	}
	return tx.Bucket(bucketVersions).Put(versionKey(rec.ID, n), codec.pack(blob))
}

// newDocID is the id of a new document at u: u, unless a record holds
// that key already (a copy's record that became its original's keeps the
// copy's URL for its id; the copy's URL, detached or reused later, is
// another document's), then u#2, u#3… (no stored URL has a fragment).
func newDocID(docs *bolt.Bucket, u string) string {
	id := u
	for n := 2; docs.Get([]byte(id)) != nil; n++ {
		id = u + "#" + strconv.Itoa(n)
	}
	return id
}

// AddAliases indexes urls to the document that docURL leads to, if any
// (links that redirect to it).
func (db *DB) AddAliases(docURL string, urls []string) error {
	return db.update(func(tx *bolt.Tx) error { return addAliases(tx, db.codec, docURL, urls) })
}

// clockSlack is how far in the future a stored time may lie before it is
// taken for the mark of a clock that was wrong when it was stored.
const clockSlack = time.Minute

// InFuture says whether t, a time folio stored, has not come yet at now:
// the system clock was ahead then, or has been moved back since. Such a
// time says nothing of when the fetch was: scheduling from it would leave
// a URL alone until the clock catches up (a year, after a clock that was
// a year ahead), and judging a fetch by it would take older content for
// newer.
func InFuture(t, now time.Time) bool { return t.After(now.Add(clockSlack)) }

// addAliases indexes urls to the document that docURL leads to, if any.
func addAliases(tx *bolt.Tx, codec *codec, docURL string, urls []string) error {
	index := tx.Bucket(bucketDocURLs)
	id := index.Get([]byte(docURL))
	if id == nil {
		return nil
	}
	docs := tx.Bucket(bucketDocs)
	var rec docRecord
	if err := getJSON(docs, id, &rec); err != nil {
		return err
	}
	// A redirect from another document's own URL to this one: the same
	// article stored twice, one document from now on, at docURL.
	other, err := sameArticleStoredTwice(tx, codec, &rec, docURL, urls)
	if err != nil {
		return err
	}
	if other != nil {
		merged, err := mergeDocs(tx, codec, &rec, other)
		if err != nil {
			return fmt.Errorf("merge %s into %s: %w", other.URL, rec.URL, err)
		}
		rec, id = *merged, []byte(merged.ID)
	}
	added := slices.Contains(urls, rec.URL) && (movedToCopy(&rec, docURL) || other != nil)
	if added {
		from := rec.URL
		rec.URL = docURL
		if hostOf(from) != hostOf(docURL) {
			// Moved to another host: its copies are looked for there.
			latest, err := loadVersion(tx, codec, &rec, 0)
			if err != nil {
				return err
			}
			if err := indexContent(tx, &rec, latest); err != nil {
				return err
			}
		}
	}
	for _, u := range urls {
		if u == "" || slices.Contains(rec.URLs, u) || index.Get([]byte(u)) != nil {
			continue // known already, here or as another document's
		}
		rec.URLs = append(rec.URLs, u)
		if err := index.Put([]byte(u), id); err != nil {
			return err
		}
		added = true
	}
	if !added {
		return nil
	}
	return putJSON(docs, id, rec)
}

// captureLink is a page or attachment that names its capture by pointer:
// id takes the capture's id once it is stored.
type captureLink struct {
	id      *uint64
	capture *Capture
}

// captureLinks lists the pages and attachments of doc that name their
// capture by pointer only. They are linked by identity, not by URL: a page
// is named by its canonical URL, its capture by the URL it was fetched
// from (?from=index and all).
func captureLinks(doc *Document) []captureLink {
	if doc == nil {
		return nil
	}
	var links []captureLink
	for i := range doc.Pages {
		if p := &doc.Pages[i]; p.CaptureID == 0 && p.Capture != nil {
			links = append(links, captureLink{&p.CaptureID, p.Capture})
		}
	}
	for i := range doc.Attachments {
		if a := &doc.Attachments[i]; a.CaptureID == 0 && a.Capture != nil {
			links = append(links, captureLink{&a.CaptureID, a.Capture})
		}
	}
	return links
}

// missed lists what a fetch of doc could not read: the URLs of the pages
// and attachments that failed (a status other than 200), and "" for a
// document incomplete without a failed page (cut at --max-pages, or a page
// that answered but could not be read).
func missed(doc *Document) []string {
	var out []string
	for _, p := range doc.Pages {
		if p.Status != 200 {
			out = append(out, p.URL)
		}
	}
	if !doc.Complete && len(out) == 0 {
		out = append(out, "")
	}
	for _, a := range doc.Attachments {
		if a.Status != 200 {
			out = append(out, a.URL)
		}
	}
	return out
}

// subset says whether every element of a is in b.
func subset(a, b []string) bool {
	for _, x := range a {
		if !slices.Contains(b, x) {
			return false
		}
	}
	return true
}

// Document returns version n (0: the latest) of the document that url leads
// to (page 1's URL, any page's URL or an alias). Its Fetched is the last
// time that content was seen.
func (db *DB) Document(url string, n int) (*Document, error) {
	var doc *Document
	err := db.view(func(tx *bolt.Tx) error {
		rec, err := lookupDoc(tx, url)
		if err != nil {
			return err
		}
		doc, err = loadVersion(tx, db.codec, rec, n)
		return err
	})
	return doc, err
}

// History returns the versions of the document that url leads to.
func (db *DB) History(url string) (*History, error) {
	var h *History
	err := db.view(func(tx *bolt.Tx) error {
		rec, err := lookupDoc(tx, url)
		if err != nil {
			return err
		}
		h = &History{URL: rec.URL, Versions: rec.Versions}
		return nil
	})
	return h, err
}

// DocumentFilter selects documents for Documents.
type DocumentFilter struct {
	Host  string    // only documents whose URL is on this host ("" any)
	Since time.Time // only documents that changed at or after this time
}

// Documents calls fn with the latest version of each document, most recently
// changed first, until fn returns an error. Like Captures it reads in short
// spells, and writers may go on meanwhile: every document stored when the
// call began is visited exactly once, in the order they had then, with its
// content as it is when it is read; documents stored since are not.
func (db *DB) Documents(filter DocumentFilter, fn func(*Document) error) error {
	const chunk = 64
	var (
		started bool
		seq     uint64 // doc_order's sequence when the walk began
		after   []byte // the last order key examined
	)
	return inSpells(db, func(tx *bolt.Tx) ([]*Document, bool, error) {
		order := tx.Bucket(bucketDocOrder)
		cur := order.Cursor()
		var k, v []byte
		switch {
		case !started:
			started, seq = true, order.Sequence()
			k, v = cur.Last()
		default:
			// Order keys are never deleted: Seek finds after, and the
			// walk goes on below it.
			if k, _ = cur.Seek(after); k == nil {
				k, v = cur.Last()
			} else {
				k, v = cur.Prev()
			}
		}
		var batch []*Document
		for examined := 0; k != nil; k, v = cur.Prev() {
			if examined == keysPerRead || len(batch) == chunk {
				return batch, false, nil
			}
			examined++
			after = bytes.Clone(k)
			changed, id := splitOrderKey(k)
			if !filter.Since.IsZero() && changed.Before(filter.Since) {
				return batch, true, nil
			}
			if !decodeOrder(v).liveAt(seq) {
				continue // not where the document was when the walk began
			}
			var rec docRecord
			if err := getJSON(tx.Bucket(bucketDocs), id, &rec); errors.Is(err, ErrNotFound) && decodeOrder(v).moved != 0 {
				continue // merged into another document since the walk began
			} else if err != nil {
				return nil, false, err
			}
			if filter.Host != "" && !HostMatches(rec.URL, filter.Host) {
				continue
			}
			doc, err := loadVersion(tx, db.codec, &rec, 0)
			if err != nil {
				return nil, false, err
			}
			batch = append(batch, doc)
		}
		return batch, true, nil
	}, fn)
}

func lookupDoc(tx *bolt.Tx, url string) (*docRecord, error) {
	id := tx.Bucket(bucketDocURLs).Get([]byte(url))
	if id == nil {
		return nil, fmt.Errorf("document %s: %w", url, ErrNotFound)
	}
	var rec docRecord
	if err := getJSON(tx.Bucket(bucketDocs), id, &rec); err != nil {
		return nil, err
	}
	return &rec, nil
}

// decodeVersion reads a stored version record.
func decodeVersion(codec *codec, blob []byte) (*versionRecord, error) {
	data, err := codec.unpack(blob)
	if err != nil {
		return nil, err
	}
	var vr versionRecord
	if err := json.Unmarshal(data, &vr); err != nil || vr.Doc == nil {
		return nil, fmt.Errorf("%w: a version record: %v", ErrCorrupt, err)
	}
	return &vr, nil
}

func loadVersion(tx *bolt.Tx, codec *codec, rec *docRecord, n int) (*Document, error) {
	if n == 0 {
		n = len(rec.Versions)
	}
	if n < 1 || n > len(rec.Versions) {
		return nil, fmt.Errorf("document %s version %d: %w", rec.URL, n, ErrNotFound)
	}
	blob := tx.Bucket(bucketVersions).Get(versionKey(rec.ID, n))
	if blob == nil {
		return nil, fmt.Errorf("document %s version %d: %w: record missing", rec.URL, n, ErrCorrupt)
	}
	vr, err := decodeVersion(codec, blob)
	if err != nil {
		return nil, fmt.Errorf("document %s version %d: %w", rec.URL, n, err)
	}
	doc := vr.Doc
	for i := range doc.Pages {
		if i < len(vr.Captures) {
			doc.Pages[i].CaptureID = vr.Captures[i]
		}
	}
	for i := range doc.Attachments {
		if i < len(vr.Attached) {
			doc.Attachments[i].CaptureID = vr.Attached[i]
		}
	}
	doc.Version = n
	doc.Fetched = rec.Versions[n-1].LastSeen
	// The document's URL is the record's: a re-fetch that found it moved
	// (a redirect to its new address, unchanged) moved it without a new
	// version. Aliases learnt after this version was stored still belong
	// to it.
	if rec.URL != "" {
		doc.URL = rec.URL
	}
	doc.Aliases = aliasesOf(rec, doc)
	return doc, nil
}

// aliasesOf lists the URLs that lead to the document but are neither its
// URL nor one of its pages.
func aliasesOf(rec *docRecord, doc *Document) []string {
	aliases := []string{}
	for _, u := range rec.URLs {
		// Page 1's address is an alias when the document's URL is another
		// (its rel=canonical, where it moved); the later pages' are not.
		later := slices.ContainsFunc(doc.Pages, func(p Page) bool { return p.URL == u }) && u != doc.Pages[0].URL
		if u == doc.URL || later {
			continue
		}
		aliases = append(aliases, u)
	}
	return aliases
}

func versionKey(id string, n int) []byte {
	k := make([]byte, 0, len(id)+9)
	k = append(k, id...)
	k = append(k, 0)
	return append(k, u64(uint64(n))...)
}

// orderTime is when a version counts as stored, for the order of list:
// its fetch time, but a fetch dated to the second (a crawl's or an
// archive's, which print no fraction) that is saved within that second
// takes the instant it is saved, so that of the documents stored in one
// second the last stored lists first (not the one whose id sorts last).
func orderTime(fetched, now time.Time) time.Time {
	if fetched.Nanosecond() == 0 && !now.Before(fetched) && now.Sub(fetched) < time.Second {
		return now
	}
	return fetched
}

func orderKey(t time.Time, id string) []byte {
	k := make([]byte, 8, 8+len(id))
	binary.BigEndian.PutUint64(k, uint64(t.UnixNano()))
	return append(k, id...)
}

func splitOrderKey(k []byte) (time.Time, []byte) {
	if len(k) < 8 {
		return time.Time{}, nil
	}
	return time.Unix(0, int64(binary.BigEndian.Uint64(k[:8]))).UTC(), k[8:]
}

func getJSON(b *bolt.Bucket, key []byte, v any) error {
	data := b.Get(key)
	if data == nil {
		return fmt.Errorf("%s: %w", key, ErrNotFound)
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("%s: %w: %v", key, ErrCorrupt, err)
	}
	return nil
}

func putJSON(b *bolt.Bucket, key []byte, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return b.Put(key, data)
}

// hostOf returns the host of an absolute URL without parsing it fully.
func hostOf(u string) string {
	if i := strings.Index(u, "://"); i >= 0 {
		u = u[i+3:]
	}
	for i := 0; i < len(u); i++ {
		if u[i] == '/' || u[i] == '?' || u[i] == '#' {
			return u[:i]
		}
	}
	return u
}
