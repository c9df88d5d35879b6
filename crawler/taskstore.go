package crawler

import (
	"context"
	"strings"
	"time"

	"folio/store"
)

// taskStore is the Store one task's Archiver writes through: the captures
// and the document are kept for the task's commit, which stores them with
// the task's crawl step in one transaction (batched with other tasks').
type taskStore struct {
	ctx      context.Context // the run's: a document cut short by its end is not saved
	db       CrawlStore
	commit   *store.CrawlCommit
	urls     []string // every URL an exchange went to
	requests int
	buffered int64 // payload bytes waiting for the commit
	saved    bool
	// oldHosts names the hosts the site moved from to a host, where the
	// document saved may have its original.
	oldHosts func(host string) []string
}

// maxBuffered: a task holding more payload bytes than this (a long article
// of big pages) stores its captures at once rather than with its commit.
const maxBuffered = 8 << 20

// PutCaptures keeps the captures for the task's commit, so that a page and
// the crawl state that says it was fetched are stored together (and in one
// transaction per task, not per page). Their payload digests are set now;
// their ids when the commit stores them.
func (s *taskStore) PutCaptures(cs []*store.Capture, payloads [][]byte) ([]store.PutResult, error) {
	s.note(cs)
	var size int64
	for _, p := range payloads {
		size += int64(len(p))
	}
	if s.buffered+size > maxBuffered {
		return s.db.PutCapturesBatch(cs, payloads)
	}
	s.buffered += size
	res := make([]store.PutResult, len(cs))
	for i, c := range cs {
		if c.Status != 0 || payloads[i] != nil {
			c.PayloadDigest = store.Digest(payloads[i])
			c.PayloadSize = int64(len(payloads[i]))
		}
		s.commit.Captures = append(s.commit.Captures, c)
		s.commit.Payloads = append(s.commit.Payloads, payloads[i])
	}
	return res, nil
}

// StoreNow is a view of s whose PutCaptures stores at once (the task's
// attachments: see Archiver.storeExchangesNow).
func (s *taskStore) StoreNow() Store { return storeNow{s} }

type storeNow struct{ *taskStore }

func (s storeNow) PutCaptures(cs []*store.Capture, payloads [][]byte) ([]store.PutResult, error) {
	s.note(cs)
	return s.db.PutCapturesBatch(cs, payloads)
}

// note counts the requests of cs for the task, and their URLs for its
// commit's colly marks.
func (s *taskStore) note(cs []*store.Capture) {
	for _, c := range cs {
		s.urls = append(s.urls, c.URL)
	}
	s.requests += len(cs)
}

// PutText stores an attachment's text at once: it is derived from the
// payload, so storing it twice or before the commit does no harm.
func (s *taskStore) PutText(digest, text string) error {
	return s.db.PutText(digest, text)
}

// SaveDocument saves the document together with the visit that produced it.
func (s *taskStore) SaveDocument(doc *store.Document, urls []string) (store.SaveResult, error) {
	if err := s.ctx.Err(); err != nil {
		// The run was interrupted while the article's pages were read:
		// what was read may be only part of it. The resumed run reads it
		// again.
		return store.SaveResult{}, err
	}
	c := s.commit
	c.Doc, c.DocURLs = doc, urls
	if s.oldHosts != nil {
		c.CopyHosts = s.oldHosts(hostKey(doc.URL))
	}
	at := time.Now()
	c.Visits = append(c.Visits, store.Visit{URL: doc.URL, Kind: store.VisitArticle, At: at, Incomplete: !doc.Complete})
	for _, u := range urls {
		if cu := canon(u); cu != doc.URL {
			c.Visits = append(c.Visits, store.Visit{URL: cu, Kind: store.VisitPage, At: at, Incomplete: !doc.Complete})
		}
	}
	c.Colly = s.collyMarks()
	res, err := s.db.Commit(c)
	if err == nil {
		s.saved = true
	}
	return res, err
}

func (s *taskStore) collyMarks() []uint64 {
	out := make([]uint64, 0, len(s.urls))
	for _, u := range s.urls {
		if !strings.HasSuffix(u, "/robots.txt") {
			out = append(out, collyHash(u))
		}
	}
	return out
}

// The reads go to the store: what the task buffers is new, not yet
// anything to read back.

func (s *taskStore) DocumentURLs(u string) ([]string, error) { return s.db.DocumentURLs(u) }

func (s *taskStore) LatestCapture(u string) (*store.Capture, error) { return s.db.LatestCapture(u) }

func (s *taskStore) Document(u string, n int) (*store.Document, error) { return s.db.Document(u, n) }

func (s *taskStore) History(u string) (*store.History, error) { return s.db.History(u) }

func (s *taskStore) Capture(id uint64) (*store.Capture, error) { return s.db.Capture(id) }

func (s *taskStore) Payload(digest string) ([]byte, error) { return s.db.Payload(digest) }
