package store

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Crawl state lives in the crawl bucket, in nested buckets:
//
//	runs      run id(8)         -> CrawlRun JSON
//	frontier  seq(8)            -> FrontierEntry JSON: URLs waiting to be visited
//	visits    URL               -> run(8) kind(1) flags(1) unix seconds(8)
//	colly     request hash(8)   -> run(8): colly's visited set, per run
//
// and one key, pace, of the hosts' pacing.
//
// A run that was not finished (killed, interrupted) is resumed by the next
// one: its visits and colly marks still count, its frontier is still there.
// Every step of a crawl is one transaction (Commit), so that a URL is marked
// visited exactly when what it produced — captures, document, the links it
// added to the frontier — is stored.
var (
	crawlRuns     = []byte("runs")
	crawlFrontier = []byte("frontier")
	crawlVisits   = []byte("visits")
	crawlColly    = []byte("colly")
	// crawlPace is a key of the crawl bucket itself: the pacing of the
	// hosts (last request starts, delays, pauses) the last crawl or
	// archive left, as the crawler gives it.
	crawlPace = []byte("pace")
)

// CrawlRun is one run of `folio crawl`.
type CrawlRun struct {
	ID      uint64    `json:"id"`
	Started time.Time `json:"started"`
	// Finished is zero while the run is going on, and after it was killed.
	Finished time.Time `json:"finished,omitzero"`
	Resumes  int       `json:"resumes,omitempty"`
	// Stats is the crawler's summary, kept as it gave it: at the end, and
	// every second while the run goes on (what a resumed run counts
	// from).
	Stats json.RawMessage `json:"stats,omitempty"`
}

// FrontierEntry is a URL waiting to be visited.
type FrontierEntry struct {
	Seq     uint64    `json:"-"`
	URL     string    `json:"u"`
	Depth   int       `json:"d,omitempty"`
	Site    string    `json:"s,omitempty"` // which configured site found it
	Kind    string    `json:"k,omitempty"` // "" a page, "sitemap" a sitemap
	Lastmod time.Time `json:"m,omitzero"`  // a sitemap's lastmod for the URL
	Run     uint64    `json:"r,omitempty"` // the run that found it
	// Next: a list's own next page (its page bar's), not a page a link
	// of the list led to.
	Next bool `json:"n,omitempty"`
	// Stale counts the next pages before this one in its list's chain
	// that brought no link their run had not met.
	Stale int `json:"z,omitempty"`
}

// VisitKind says what a visited URL turned out to be.
type VisitKind byte

const (
	VisitPage    VisitKind = iota + 1 // a page of an article archived from another URL
	VisitArticle                      // archived as (page 1 of) a document
	VisitList                         // a list, column, calendar or search page
	VisitOther                        // not a page to read (a PDF, a sitemap)
	VisitFailed                       // no usable response
	VisitSkipped                      // not fetched: robots.txt, a trap, not due
	VisitGone                         // answered 404 or 410: re-checked now and then, not every run
)

// Visit records what became of one URL in a run.
type Visit struct {
	URL        string
	Kind       VisitKind
	At         time.Time
	Incomplete bool // an article with a failed page: re-checked on the next run
}

const visitIncomplete = 1

// URLStatus is what the store knows of a URL, for deciding whether to fetch it.
type URLStatus struct {
	// Run and Kind are from the URL's last visit (0 if never visited).
	Run  uint64
	Kind VisitKind
	At   time.Time
	// Incomplete: the last fetch of the URL's document missed a page,
	// whether a crawl or `folio archive` made it (for a URL without a
	// document: its last visit did), or a republished copy of it was seen
	// to differ: either way it is due at once.
	Incomplete bool
	// Doc is true when a document is stored under this URL; LastSeen is
	// when its content was last seen (a fetch that missed part of it does
	// not count), LastChanged when it last changed, LastFetched when it was
	// last fetched at all (zero in stores that predate it).
	Doc         bool
	DocURL      string // the document's own URL (the URL asked about may be an alias or a later page)
	LastSeen    time.Time
	LastChanged time.Time
	LastFetched time.Time
}

// docStatus fills in what the document record says of the URL's fetches.
func (st *URLStatus) docStatus(versions []Version, lastFetch time.Time, incomplete bool) {
	n := len(versions)
	if n == 0 {
		return
	}
	st.Doc = true
	st.LastSeen = versions[n-1].LastSeen
	st.LastChanged = versions[n-1].FirstSeen
	if !lastFetch.IsZero() {
		st.LastFetched, st.Incomplete = lastFetch, incomplete
	}
}

// BeginCrawl starts a run, or resumes the last one when it never finished.
func (db *DB) BeginCrawl(now time.Time) (run CrawlRun, resumed bool, err error) {
	err = db.update(func(tx *bolt.Tx) error {
		runs, err := crawlBucket(tx, crawlRuns)
		if err != nil {
			return err
		}
		if k, v := runs.Cursor().Last(); k != nil {
			if err := json.Unmarshal(v, &run); err != nil {
				return fmt.Errorf("crawl run %d: %w: %v", getU64(k), ErrCorrupt, err)
			}
			if run.Finished.IsZero() {
				resumed = true
				run.Resumes++
				return putJSON(runs, k, run)
			}
		}
		id, err := runs.NextSequence()
		if err != nil {
			return err
		}
		run = CrawlRun{ID: id, Started: now.UTC()}
		return putJSON(runs, u64(id), run)
	})
	return run, resumed, err
}

// SaveCrawlStats keeps a run's summary and the hosts' pacing so far, for
// the run that resumes it after a kill to count from.
func (db *DB) SaveCrawlStats(id uint64, stats, pace any) error {
	return db.updateRun(id, stats, pace, time.Time{})
}

// FinishCrawl marks a run finished; the next run starts afresh.
func (db *DB) FinishCrawl(id uint64, stats, pace any, now time.Time) error {
	return db.updateRun(id, stats, pace, now)
}

// updateRun stores stats (unless nil) as run id's summary and pace
// (unless nil) as the hosts' pacing, and marks the run finished at
// finished (unless zero).
func (db *DB) updateRun(id uint64, stats, pace any, finished time.Time) error {
	var data, paceData []byte
	if stats != nil {
		var err error
		if data, err = json.Marshal(stats); err != nil {
			return err
		}
	}
	if pace != nil {
		var err error
		if paceData, err = json.Marshal(pace); err != nil {
			return err
		}
	}
	return db.update(func(tx *bolt.Tx) error {
		runs, err := crawlBucket(tx, crawlRuns)
		if err != nil {
			return err
		}
		var run CrawlRun
		if err := getJSON(runs, u64(id), &run); err != nil {
			return err
		}
		if !finished.IsZero() {
			run.Finished = finished.UTC()
		}
		if data != nil {
			run.Stats = data
		}
		if paceData != nil {
			if err := putPace(tx, paceData); err != nil {
				return err
			}
		}
		return putJSON(runs, u64(id), run)
	})
}

// Pace returns the pacing of the hosts the last crawl or archive left
// (nil if none did): the next one keeps the delay from its last requests.
func (db *DB) Pace() (json.RawMessage, error) {
	var out json.RawMessage
	err := db.view(func(tx *bolt.Tx) error {
		if v := tx.Bucket(bucketCrawl).Get(crawlPace); v != nil {
			out = append(json.RawMessage(nil), v...)
		}
		return nil
	})
	return out, err
}

// SavePace keeps the pacing of the hosts for the next crawl or archive.
func (db *DB) SavePace(pace any) error {
	data, err := json.Marshal(pace)
	if err != nil {
		return err
	}
	return db.update(func(tx *bolt.Tx) error { return putPace(tx, data) })
}

func putPace(tx *bolt.Tx, data []byte) error { return tx.Bucket(bucketCrawl).Put(crawlPace, data) }

// CrawlRuns returns the runs, oldest first.
func (db *DB) CrawlRuns() ([]CrawlRun, error) {
	var out []CrawlRun
	err := db.view(func(tx *bolt.Tx) error {
		runs := nested(tx, crawlRuns)
		if runs == nil {
			return nil
		}
		return runs.ForEach(func(k, v []byte) error {
			var r CrawlRun
			if err := json.Unmarshal(v, &r); err != nil {
				return fmt.Errorf("crawl run %d: %w: %v", getU64(k), ErrCorrupt, err)
			}
			out = append(out, r)
			return nil
		})
	})
	return out, err
}

// Frontier calls fn with every waiting URL, in the order they were added.
// It reads in short spells.
func (db *DB) Frontier(fn func(FrontierEntry) error) error {
	const chunk = 4096
	next := uint64(1)
	return inSpells(db, func(tx *bolt.Tx) ([]FrontierEntry, bool, error) {
		b := nested(tx, crawlFrontier)
		if b == nil {
			return nil, true, nil
		}
		var batch []FrontierEntry
		cur := b.Cursor()
		for k, v := cur.Seek(u64(next)); k != nil && len(batch) < chunk; k, v = cur.Next() {
			var e FrontierEntry
			if err := json.Unmarshal(v, &e); err != nil {
				return nil, false, fmt.Errorf("frontier %d: %w: %v", getU64(k), ErrCorrupt, err)
			}
			e.Seq = getU64(k)
			batch = append(batch, e)
			next = e.Seq + 1
		}
		return batch, len(batch) < chunk, nil
	}, fn)
}

// VisitedIn calls fn with every URL visited in run. It reads in short
// spells.
func (db *DB) VisitedIn(run uint64, fn func(url string, kind VisitKind)) error {
	type visit struct {
		url  string
		kind VisitKind
	}
	return scanInSpells(db, func(tx *bolt.Tx) *bolt.Bucket { return nested(tx, crawlVisits) },
		func(_ *bolt.Tx, k, v []byte) (visit, bool, error) {
			if len(v) >= 10 && getU64(v[:8]) == run {
				return visit{string(k), VisitKind(v[8])}, true, nil
			}
			return visit{}, false, nil
		},
		func(v visit) error {
			fn(v.url, v.kind)
			return nil
		})
}

// CollyVisited returns colly's request hashes marked visited in run. It
// reads in short spells.
func (db *DB) CollyVisited(run uint64) ([]uint64, error) {
	var out []uint64
	err := scanInSpells(db, func(tx *bolt.Tx) *bolt.Bucket { return nested(tx, crawlColly) },
		func(_ *bolt.Tx, k, v []byte) (uint64, bool, error) {
			return getU64(k), getU64(v) == run, nil
		},
		func(h uint64) error {
			out = append(out, h)
			return nil
		})
	return out, err
}

// URLStatuses looks up several URLs in one read.
func (db *DB) URLStatuses(urls []string) ([]URLStatus, error) {
	out := make([]URLStatus, len(urls))
	err := db.view(func(tx *bolt.Tx) error {
		visits := nested(tx, crawlVisits)
		docIndex, docs := tx.Bucket(bucketDocURLs), tx.Bucket(bucketDocs)
		for i, u := range urls {
			st := &out[i]
			if visits != nil {
				if v := visits.Get([]byte(u)); len(v) >= 18 {
					st.Run, st.Kind = getU64(v[:8]), VisitKind(v[8])
					st.Incomplete = v[9]&visitIncomplete != 0
					st.At = time.Unix(int64(getU64(v[10:18])), 0).UTC()
				}
			}
			id := docIndex.Get([]byte(u))
			if id == nil {
				continue
			}
			var rec docRecord
			if err := getJSON(docs, id, &rec); err != nil {
				return err
			}
			st.docStatus(rec.Versions, rec.LastFetch, rec.Incomplete || rec.Recheck)
			st.DocURL = rec.URL
		}
		return nil
	})
	return out, err
}

// KnownDocuments calls fn for every document whose URL's host (as written
// in the URL, port and all) onHost accepts, with what URLStatuses would
// say of its URL: the crawl re-checks those due without waiting to meet
// them on a list page again. One pass over the documents for all the
// hosts of a crawl, in short spells.
func (db *DB) KnownDocuments(onHost func(host string) bool, fn func(url string, st URLStatus)) error {
	type known struct {
		url string
		st  URLStatus
	}
	return scanInSpells(db, func(tx *bolt.Tx) *bolt.Bucket { return tx.Bucket(bucketDocs) },
		func(tx *bolt.Tx, _, v []byte) (known, bool, error) {
			var rec struct {
				URL        string    `json:"url"`
				Versions   []Version `json:"versions"`
				LastFetch  time.Time `json:"last_fetch"`
				Incomplete bool      `json:"incomplete"`
				Recheck    bool      `json:"recheck"`
			}
			if err := json.Unmarshal(v, &rec); err != nil {
				return known{}, false, fmt.Errorf("%w: document record: %v", ErrCorrupt, err)
			}
			if len(rec.Versions) == 0 || !onHost(hostOf(rec.URL)) {
				return known{}, false, nil
			}
			var st URLStatus
			if visits := nested(tx, crawlVisits); visits != nil {
				if v := visits.Get([]byte(rec.URL)); len(v) >= 18 {
					st.Run, st.Kind = getU64(v[:8]), VisitKind(v[8])
					st.Incomplete = v[9]&visitIncomplete != 0
					st.At = time.Unix(int64(getU64(v[10:18])), 0).UTC()
				}
			}
			st.docStatus(rec.Versions, rec.LastFetch, rec.Incomplete || rec.Recheck)
			return known{rec.URL, st}, true, nil
		},
		func(k known) error {
			fn(k.url, k.st)
			return nil
		})
}

// CrawlCommit is one step of a crawl, stored in one transaction: what a
// visit produced and the crawl state that says it happened.
type CrawlCommit struct {
	Run     uint64
	Enqueue []*FrontierEntry // added to the frontier; their Seq is set
	Done    []uint64         // frontier entries visited
	Visits  []Visit
	Colly   []uint64 // colly request hashes visited in Run
	// Captures are stored first, with Payloads, as PutCaptures would. A
	// page or attachment of Doc that names one of them by its Capture
	// pointer gets its id.
	Captures []*Capture
	Payloads [][]byte
	// Doc, when set, is saved as SaveDocument would, with DocURLs.
	Doc     *Document
	DocURLs []string
	// CopyHosts are the hosts besides Doc's own whose documents Doc may
	// be a copy of: those the site moved from (a portal that moved and
	// renamed its columns at once republishes its articles, to all
	// appearances, on the new host).
	CopyHosts []string
	// Aliases are URLs that redirected to AliasOf, a URL of a stored
	// document: they lead to it too. Nothing is done when AliasOf leads
	// to no document (a list page).
	AliasOf string
	Aliases []string
}

// Commit stores c in one transaction. Concurrent commits (and PutCapturesBatch
// calls) are coalesced into one bbolt transaction: a crawl with dozens of
// pages in flight pays for one disk sync per batch, not per page.
func (db *DB) Commit(c *CrawlCommit) (SaveResult, error) {
	if len(c.Captures) != len(c.Payloads) {
		return SaveResult{}, fmt.Errorf("store: %d captures but %d payloads", len(c.Captures), len(c.Payloads))
	}
	var res SaveResult
	run := commitRun(db.codec, c, db.packCaptures(c.Captures, c.Payloads))
	err := db.batch(func(tx *bolt.Tx) error {
		var err error
		res, err = run(tx)
		return err
	})
	return res, err
}

// commitRun returns the transaction function of a Commit. bbolt runs a
// batched function again when another one of its batch failed, in a new
// transaction: each run starts from c as the caller gave it. (Saving a
// republished copy replaces the Doc with the original's; a second run that
// began from that would save a re-fetch of the original.)
func commitRun(codec *codec, c *CrawlCommit, blobs [][]byte) func(*bolt.Tx) (SaveResult, error) {
	links := captureLinks(c.Doc)
	var doc Document
	if c.Doc != nil {
		doc = *c.Doc
	}
	return func(tx *bolt.Tx) (SaveResult, error) {
		if c.Doc != nil {
			*c.Doc = doc
		}
		return commit(tx, codec, c, blobs, links)
	}
}

func commit(tx *bolt.Tx, codec *codec, c *CrawlCommit, blobs [][]byte, links []captureLink) (SaveResult, error) {
	var res SaveResult
	packSequential(tx)
	for i, cp := range c.Captures {
		if _, err := putCapture(tx, cp, int64(len(c.Payloads[i])), blobs[i]); err != nil {
			return res, fmt.Errorf("capture %s: %w", cp.URL, err)
		}
	}
	for _, l := range links {
		*l.id = l.capture.ID
	}
	if c.Doc != nil {
		var err error
		if res, err = saveDocument(tx, codec, c.Doc, c.DocURLs, c.CopyHosts); err != nil {
			return res, err
		}
	}
	if c.AliasOf != "" {
		if err := addAliases(tx, codec, c.AliasOf, c.Aliases); err != nil {
			return res, err
		}
	}
	if len(c.Enqueue) > 0 {
		b, err := crawlBucket(tx, crawlFrontier)
		if err != nil {
			return res, err
		}
		for _, e := range c.Enqueue {
			seq, err := b.NextSequence()
			if err != nil {
				return res, err
			}
			e.Seq = seq
			if e.Run == 0 {
				e.Run = c.Run
			}
			if err := putJSON(b, u64(seq), e); err != nil {
				return res, err
			}
		}
	}
	if len(c.Done) > 0 {
		b, err := crawlBucket(tx, crawlFrontier)
		if err != nil {
			return res, err
		}
		for _, seq := range c.Done {
			if err := b.Delete(u64(seq)); err != nil {
				return res, err
			}
		}
	}
	if len(c.Visits) > 0 {
		b, err := crawlBucket(tx, crawlVisits)
		if err != nil {
			return res, err
		}
		for _, v := range c.Visits {
			if v.URL == "" {
				continue
			}
			val := make([]byte, 18)
			binary.BigEndian.PutUint64(val, c.Run)
			val[8] = byte(v.Kind)
			if v.Incomplete {
				val[9] |= visitIncomplete
			}
			binary.BigEndian.PutUint64(val[10:], uint64(v.At.Unix()))
			if err := b.Put([]byte(v.URL), val); err != nil {
				return res, err
			}
		}
	}
	if len(c.Colly) > 0 {
		b, err := crawlBucket(tx, crawlColly)
		if err != nil {
			return res, err
		}
		run := u64(c.Run)
		for _, h := range c.Colly {
			if err := b.Put(u64(h), run); err != nil {
				return res, err
			}
		}
	}
	return res, nil
}

// packSequential fills the pages of the buckets whose keys only ever
// append (sequence numbers) before splitting them: bbolt's default of half
// full pages suits random inserts and wastes half the space of an append
// (the captures bucket of a crawl took twice its size). bbolt keeps one
// *Bucket per name in a write transaction, so the setting holds for the
// writes that follow in tx.
func packSequential(tx *bolt.Tx) {
	for _, name := range [][]byte{bucketCaptures, bucketPayloads} {
		if b := tx.Bucket(name); b != nil {
			b.FillPercent = 0.9
		}
	}
	if f := nested(tx, crawlFrontier); f != nil {
		f.FillPercent = 0.9
	}
}

// crawlBucket returns a nested bucket of the crawl bucket, creating it.
func crawlBucket(tx *bolt.Tx, name []byte) (*bolt.Bucket, error) {
	return tx.Bucket(bucketCrawl).CreateBucketIfNotExists(name)
}

// nested returns a nested bucket of the crawl bucket, nil if absent.
func nested(tx *bolt.Tx, name []byte) *bolt.Bucket {
	c := tx.Bucket(bucketCrawl)
	if c == nil {
		return nil
	}
	return c.Bucket(name)
}
