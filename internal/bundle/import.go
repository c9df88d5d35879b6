package bundle

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http/httputil"
	"os"
	"strings"
	"time"

	"folio/crawler"
	"folio/internal/errtext"
	"folio/internal/panics"
	"folio/store"
	"folio/warc"
)

// ImportOptions say how WARC files are read into a store; the zero value
// of every field is a default.
type ImportOptions struct {
	// Archive is how the imported captures are read for articles: pages
	// followed per article, time zone, attachments. A nil Archive.Logger
	// means Logger.
	Archive crawler.ArchiveOptions
	// MaxBody is the most bytes kept of a payload; a longer one is cut
	// and stored truncated, as a fetch would keep it. 0 means 20 MiB, a
	// fetch's default.
	MaxBody int64
	// Logger takes each file read and article archived, and what could
	// not be read (a file, a record, an article), one line each. nil
	// discards them.
	Logger *slog.Logger
}

func (o ImportOptions) withDefaults() ImportOptions {
	if o.MaxBody <= 0 {
		o.MaxBody = 20 << 20
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Archive.Logger == nil {
		o.Archive.Logger = o.Logger
	}
	return o
}

// ImportSummary is what an import did; `folio import --json` prints it.
type ImportSummary struct {
	Files          int `json:"files"`
	BadFiles       int `json:"bad_files"`
	Records        int `json:"records"`
	Captures       int `json:"captures"`   // stored
	Duplicates     int `json:"duplicates"` // captures the store already had
	Skipped        int `json:"skipped"`    // records that are not HTTP captures
	Unresolved     int `json:"unresolved"` // revisits whose payload is nowhere
	store.Outcomes     // new, changed, unchanged, republished
	// Failed counts articles that brought nothing usable; Incomplete
	// those among the new, changed and unchanged that missed a page or
	// an attachment, as a crawl counts them.
	Failed     int `json:"failed"`
	Incomplete int `json:"incomplete"`
}

// Import reads the WARC files into db, then archives the articles their
// captures hold, as the crawl that made them would have.
//
// A file that cannot be read, or has broken records, is logged and
// counted in BadFiles, and the next file is read; what came before the
// fault is kept. A store failure or ctx's end stops the import, with an
// error naming the file being read when it came (store.Unavailable and
// errors.Is tell them). The summary is nil only when the import could not
// begin.
func Import(ctx context.Context, db *store.DB, files []string, o ImportOptions) (*ImportSummary, error) {
	o = o.withDefaults()
	log := o.Logger
	sum := &ImportSummary{}
	// From the first capture this import stores, or from the first of an
	// earlier import that stopped before it had read its captures for
	// articles (killed, interrupted): importing its files again would
	// store nothing new, so nothing else would ever read them.
	from, err := db.BeginImport()
	if err != nil {
		return nil, err
	}
	for _, path := range files {
		if err := ctx.Err(); err != nil {
			return sum, err
		}
		sum.Files++
		log.Info("reading", "file", path)
		if err := importFile(ctx, db, path, sum, o); err != nil {
			if store.Unavailable(err) || ctx.Err() != nil {
				return sum, fmt.Errorf("%s: %w", path, err)
			}
			sum.BadFiles++
			if !errors.Is(err, errReported) {
				log.Error(fmt.Sprintf("%s: %s", path, errtext.Line(err)))
			}
		}
	}

	// Stitch: every imported HTML page is the start of an article unless
	// an article already read it as one of its pages.
	rp := crawler.NewReplayer(db, db, o.Archive)
	err = db.Captures(from, func(c *store.Capture) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		res := rp.Replay(ctx, c)
		if res == nil {
			return nil
		}
		if res.Err != nil && store.Unavailable(res.Err) {
			return res.Err
		}
		if res.Doc != nil {
			outcome := sum.Count(res.Save)
			if res.Err != nil {
				sum.Incomplete++
			}
			log.Info("archived", "state", outcome, "incomplete", res.Err != nil, "title", res.Doc.Title, "pages", len(res.Doc.Pages), "version", res.Doc.Version, "url", res.Doc.URL)
		} else if res.Err != nil {
			sum.Failed++
		}
		if res.Err != nil {
			errtext.Log(log, res.Err)
		}
		return nil
	})
	if err == nil {
		err = db.FinishImport()
	}
	return sum, err
}

// importCaptures is Import's first step for one file, alone: it stores
// the HTTP captures of the WARC file at path and leaves them unread for
// articles, as an import killed between its steps does. The next Import
// reads them, with the captures of its own files (an Import of no files
// reads only them): the store keeps where an import began until one has
// read all it stored.
func importCaptures(ctx context.Context, db *store.DB, path string, o ImportOptions) (*ImportSummary, error) {
	if _, err := db.BeginImport(); err != nil {
		return nil, err
	}
	sum := &ImportSummary{Files: 1}
	return sum, importFile(ctx, db, path, sum, o.withDefaults())
}

// imported is what an import knows of a record it stored (or is about
// to): revisits later in the file refer to it.
type imported struct {
	capture *store.Capture // ID set once stored
	digest  string         // folio's digest of the payload
	payload []byte         // until stored
}

// warcImport reads one WARC file into the store.
type warcImport struct {
	db      *store.DB
	sum     *ImportSummary
	log     *slog.Logger
	maxBody int64 // bytes kept of a payload

	byID       map[string]*imported // WARC-Record-ID → what it became
	byURIDate  map[string]string    // target URI and date → record id
	byDeclared map[string]string    // declared payload digest → folio's
	// cutPayloads: folio's digest of each payload a response of this file
	// carried → its truncation ("" when whole).
	cutPayloads map[string]string

	batch      []*imported
	batchBytes int             // payload bytes in batch
	inBatch    map[string]bool // record ids of batched captures
	response   *pendingCapture // the last response, waiting for its request
	requests   []*warc.Record  // requests not yet matched (a few)
	reqHeads   map[*warc.Record]*warc.HTTPHeader
}

type pendingCapture struct {
	rec  *warc.Record
	item *imported
}

func importFile(ctx context.Context, db *store.DB, path string, sum *ImportSummary, o ImportOptions) (err error) {
	defer func() {
		// A bug met in one file fails that file; the next is read.
		if r := recover(); r != nil {
			err = panics.Error("", r)
		}
	}()
	log := o.Logger
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	// The file itself, not a buffer over it: the reader seeks back over a
	// damaged gzip member to find the next one.
	r, err := warc.NewReader(f)
	if err != nil {
		return err
	}
	im := &warcImport{db: db, sum: sum, log: log, maxBody: o.MaxBody, byID: map[string]*imported{}, byURIDate: map[string]string{},
		byDeclared: map[string]string{}, cutPayloads: map[string]string{}, inBatch: map[string]bool{}, reqHeads: map[*warc.Record]*warc.HTTPHeader{}}
	broken := false
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		rec, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if errors.Is(err, warc.ErrBrokenRecord) {
			// Reported; the records after it are read.
			broken = true
			log.Error(fmt.Sprintf("%s: %s", path, errtext.Line(err)))
			continue
		}
		if err != nil {
			if ferr := im.finish(); ferr != nil {
				return ferr
			}
			return err
		}
		sum.Records++
		if err := im.record(rec); err != nil {
			var be brokenRecord
			if errors.As(err, &be) {
				// A block cut short: that record is left out, and the
				// reader goes on from the next.
				broken = true
				log.Error(fmt.Sprintf("%s: %s", path, errtext.Line(err)))
				continue
			}
			// What came before the bad record is kept.
			if ferr := im.finish(); ferr != nil {
				return ferr
			}
			return err
		}
	}
	if err := im.finish(); err != nil {
		return err
	}
	if broken {
		return errReported
	}
	return nil
}

func (im *warcImport) finish() error {
	if err := im.flushResponse(); err != nil {
		return err
	}
	return im.commit()
}

// record handles one record.
func (im *warcImport) record(rec *warc.Record) error {
	if !knownVersion[rec.Version] {
		// Its fields may mean something else: not read as a capture.
		return recordError(rec, fmt.Errorf("unsupported version line %.40s", rec.Version))
	}
	uri := rec.TargetURI()
	if !strings.HasPrefix(uri, "http://") && !strings.HasPrefix(uri, "https://") {
		im.sum.Skipped++ // warcinfo, dns:, urn:… records
		return nil
	}
	switch rec.Type() {
	case warc.TypeRequest:
		return im.readRequest(rec)
	case warc.TypeResponse, warc.TypeRevisit:
		return im.readResponse(rec)
	default:
		im.sum.Skipped++ // metadata, resource, conversion, continuation
		return nil
	}
}

// knownVersion are the versions whose records folio reads: WARC 1.0 and
// 1.1, and the drafts 0.17 and 0.18 older Heritrix crawls wrote, which
// differ from 1.0 in no field folio reads.
var knownVersion = map[string]bool{"WARC/1.1": true, "WARC/1.0": true, "WARC/0.18": true, "WARC/0.17": true}

// readRequest pairs a request record with its response: the one it names (or
// that names it) in WARC-Concurrent-To, else the adjacent one of the same
// URI.
func (im *warcImport) readRequest(rec *warc.Record) error {
	body, err := io.ReadAll(io.LimitReader(rec.Body, 1<<20))
	if err == nil {
		_, err = io.Copy(io.Discard, rec.Body) // to its end, where the block is checked
	}
	if err != nil {
		return recordError(rec, err)
	}
	head, err := warc.ReadHTTPHeader(bufio.NewReader(bytes.NewReader(body)))
	if err != nil {
		im.sum.Skipped++
		return nil
	}
	if p := im.response; p != nil && paired(p.rec, rec) {
		attachRequest(p.item.capture, head)
		return im.flushResponse()
	}
	im.reqHeads[rec] = head
	im.requests = append(im.requests, rec)
	if len(im.requests) > 8 {
		delete(im.reqHeads, im.requests[0])
		im.requests = im.requests[1:]
	}
	return nil
}

// paired tells whether a response (or revisit) and a request are one
// capture event.
func paired(resp, req *warc.Record) bool {
	for _, id := range req.Header.Values(warc.FieldConcurrentTo) {
		if warc.RecordID(id) == resp.ID() {
			return true
		}
	}
	for _, id := range resp.Header.Values(warc.FieldConcurrentTo) {
		if warc.RecordID(id) == req.ID() {
			return true
		}
	}
	linked := len(req.Header.Values(warc.FieldConcurrentTo)) > 0 || len(resp.Header.Values(warc.FieldConcurrentTo)) > 0
	return !linked && resp.TargetURI() == req.TargetURI()
}

func attachRequest(c *store.Capture, head *warc.HTTPHeader) {
	method, _, _ := head.Request()
	if method != "" {
		c.Method = method
	}
	c.RequestHeaders = make([]store.Field, 0, len(head.Fields))
	for _, f := range head.Fields {
		c.RequestHeaders = append(c.RequestHeaders, store.Field{Name: f.Name, Value: f.Value})
	}
}

// readResponse reads a response or revisit record into a capture, which waits
// for its request record before it is stored.
func (im *warcImport) readResponse(rec *warc.Record) error {
	if err := im.flushResponse(); err != nil {
		return err
	}
	date, err := rec.Date()
	if err != nil {
		im.sum.Skipped++
		return nil
	}
	c := &store.Capture{URL: rec.TargetURI(), Method: "GET", Time: date, IP: rec.Header.Get(warc.FieldIPAddress),
		Truncated: rec.Header.Get(warc.FieldTruncated), WARCRecordID: rec.ID()}
	br := bufio.NewReaderSize(rec.Body, 64<<10)
	head, err := warc.ReadHTTPHeader(br)
	if err != nil && rec.Type() == warc.TypeResponse {
		// A response of an http(s) URI whose block is no HTTP response:
		// damaged, or not what it says it is.
		if _, derr := io.Copy(io.Discard, br); derr != nil {
			err = derr
		}
		return recordError(rec, err)
	}
	item := &imported{capture: c}
	if head != nil {
		proto, code, text := head.Status()
		c.Proto, c.Status, c.StatusText = proto, code, text
		for _, f := range head.Fields {
			c.ResponseHeaders = append(c.ResponseHeaders, store.Field{Name: f.Name, Value: f.Value})
		}
	}
	if rec.Type() == warc.TypeResponse {
		if c.Status == 0 {
			im.sum.Skipped++
			return nil
		}
		// At most MaxBody of it, as a fetch would keep: a record's
		// length is whatever its header claims.
		raw, err := io.ReadAll(io.LimitReader(br, im.maxBody+1))
		if err == nil {
			// The block is read to its end, where the reader checks it
			// (its digest, its length): a damaged record is never stored.
			_, err = io.Copy(io.Discard, br)
		}
		if err != nil {
			return recordError(rec, err)
		}
		cut := int64(len(raw)) > im.maxBody
		if cut {
			im.log.Warn("body cut at the max body size; stored truncated", "url", c.URL, "record", rec.ID(), "max-body", im.maxBody)
			raw = raw[:im.maxBody]
			c.Truncated = "length"
		}
		item.payload = dechunk(raw, c.Header("Transfer-Encoding"), c.Truncated != "")
		item.digest = warc.Digest(item.payload)
		if err := checkPayloadDigest(rec, raw, item.payload, item.digest, cut); err != nil {
			return recordError(rec, err)
		}
		if _, seen := im.cutPayloads[item.digest]; !seen {
			im.cutPayloads[item.digest] = c.Truncated
		}
		if d, ok := warc.NormalizeSHA1(rec.Header.Get(warc.FieldPayloadDigest)); ok {
			im.byDeclared[d] = item.digest
		} else if d := rec.Header.Get(warc.FieldPayloadDigest); d != "" {
			im.byDeclared[d] = item.digest
		}
	} else {
		if _, err := io.Copy(io.Discard, br); err != nil {
			return recordError(rec, err)
		}
		if ok, err := im.revisit(rec, item); err != nil || !ok {
			return err
		}
	}
	im.byID[rec.ID()] = item
	im.byURIDate[c.URL+" "+warc.FormatDate(date)] = rec.ID()
	// A revisit may name it to the second only (tools differ in what
	// precision they write where): the first of that second answers.
	if s := c.URL + " " + warc.FormatDate(date.Truncate(time.Second)); im.byURIDate[s] == "" {
		im.byURIDate[s] = rec.ID()
	}
	im.response = &pendingCapture{rec: rec, item: item}
	for i, req := range im.requests {
		if paired(rec, req) {
			attachRequest(c, im.reqHeads[req])
			delete(im.reqHeads, req)
			im.requests = append(im.requests[:i], im.requests[i+1:]...)
			return im.flushResponse()
		}
	}
	return nil
}

// recordError is a damaged record, named by its id, URI and offset: it is
// reported and left out, and the records after it are read.
func recordError(rec *warc.Record, err error) error {
	where := ""
	if rec.Offset >= 0 && !strings.Contains(err.Error(), " offset ") {
		where = fmt.Sprintf(" at offset %d", rec.Offset)
	}
	return brokenRecord{fmt.Errorf("record %s (%s)%s: %w", rec.ID(), rec.TargetURI(), where, err)}
}

// checkPayloadDigest compares a response's WARC-Payload-Digest with its
// payload: as stored in the block, or de-chunked where the block holds
// chunks (tools differ on which they digest; wget digests the chunks). A
// payload that is cut (at MaxBody, or marked WARC-Truncated) is not
// checked: tools differ on whether the digest is of what was kept; the
// block digest covers it.
//
// payload is raw de-chunked and digest its sha1, computed once for the
// store: a sha1 declared is compared with it, and raw hashed again only
// when it holds chunks.
func checkPayloadDigest(rec *warc.Record, raw, payload []byte, digest string, cut bool) error {
	declared := rec.Header.Get(warc.FieldPayloadDigest)
	if declared == "" || cut || rec.Header.Get(warc.FieldTruncated) != "" {
		return nil
	}
	if d, ok := warc.NormalizeSHA1(declared); ok && d == digest {
		return nil
	}
	if ok, _ := warc.DigestMatches(declared, payload); ok {
		return nil
	}
	if len(raw) != len(payload) {
		if ok, _ := warc.DigestMatches(declared, raw); ok {
			return nil
		}
	}
	return fmt.Errorf("%w: the payload does not have its WARC-Payload-Digest %s", warc.ErrDigest, declared)
}

// revisit fills in what a revisit record refers to: the payload, or for a
// 304 the capture it confirmed. ok is false when it cannot be resolved.
func (im *warcImport) revisit(rec *warc.Record, item *imported) (ok bool, err error) {
	c := item.capture
	ref := im.byID[warc.RecordID(rec.Header.Get(warc.FieldRefersTo))]
	if ref == nil {
		uri := warc.TargetURI(rec.Header.Get(warc.FieldRefersToTargetURI))
		if d, derr := warc.ParseDate(rec.Header.Get(warc.FieldRefersToDate)); derr == nil && uri != "" {
			ref = im.byID[im.byURIDate[uri+" "+warc.FormatDate(d)]]
		}
	}
	digest := ""
	if ref != nil {
		digest = ref.digest
	} else {
		declared := rec.Header.Get(warc.FieldPayloadDigest)
		if d, ok := warc.NormalizeSHA1(declared); ok {
			declared = d
		}
		if d := im.byDeclared[declared]; d != "" {
			digest = d
		} else if _, err := im.db.PayloadRef(declared); err == nil {
			digest = declared
		}
	}
	profile := rec.Header.Get(warc.FieldProfile)
	if strings.HasSuffix(profile, "/server-not-modified") {
		if c.Status == 0 {
			c.Status, c.StatusText, c.Proto = 304, "304 Not Modified", "HTTP/1.1"
		}
		if ref != nil {
			if ref.capture.ID == 0 {
				if err := im.commit(); err != nil {
					return false, err
				}
			}
			c.RefersTo = ref.capture.ID
		}
		item.payload = []byte{}
		item.digest = warc.Digest(nil)
		return true, nil
	}
	if digest == "" {
		im.sum.Unresolved++
		im.log.Warn("revisit without its payload; skipped", "url", c.URL, "record", rec.ID())
		return false, nil
	}
	if ref != nil && ref.payload != nil {
		item.payload = ref.payload
	} else if item.payload, err = im.db.Payload(digest); err != nil {
		if len(im.batch) > 0 || im.response != nil {
			// The payload may be in a capture not stored yet.
			if err := im.flushResponse(); err != nil {
				return false, err
			}
			if err := im.commit(); err != nil {
				return false, err
			}
			item.payload, err = im.db.Payload(digest)
		}
		if err != nil {
			im.sum.Unresolved++
			return false, nil
		}
	}
	item.digest = digest
	if c.Status == 0 && ref != nil {
		// A revisit without HTTP headers: the response it repeats.
		orig := ref.capture
		c.Proto, c.Status, c.StatusText, c.ResponseHeaders = orig.Proto, orig.Status, orig.StatusText, orig.ResponseHeaders
	}
	if c.Status == 0 {
		im.sum.Unresolved++
		return false, nil
	}
	// Its payload is the one it repeats (WARC 1.1 6.7.2), cut or whole as
	// that was: the revisit's own WARC-Truncated only says that its block
	// leaves the payload out.
	if c.Truncated, err = im.truncation(ref, digest); err != nil {
		return false, err
	}
	return true, nil
}

// truncation is why the payload a revisit repeats was cut ("" when it is
// whole): that of the response it refers to, else of the first response
// of this file with that payload, else of the stored capture that first
// had it.
func (im *warcImport) truncation(ref *imported, digest string) (string, error) {
	if ref != nil {
		return ref.capture.Truncated, nil
	}
	if t, ok := im.cutPayloads[digest]; ok {
		return t, nil
	}
	pr, err := im.db.PayloadRef(digest)
	if errors.Is(err, store.ErrNotFound) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("payload %s: %w", digest, err)
	}
	first, err := im.db.Capture(pr.FirstCapture)
	if errors.Is(err, store.ErrNotFound) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("payload %s: %w", digest, err)
	}
	return first.Truncated, nil
}

// dechunk undoes chunked transfer coding when the block still has it
// (wget and Heritrix record bodies as they came off the wire); a body
// that does not parse as chunks was de-chunked already and stays. A body
// known to be cut (at MaxBody, or a record marked truncated) that
// ends inside a chunk keeps what its chunks held, without their framing.
// (One not known to be cut that ends so is not chunked: a de-chunked body
// may open with a line that reads as a chunk size, "2024".)
func dechunk(raw []byte, transferEncoding string, cut bool) []byte {
	if !strings.Contains(strings.ToLower(transferEncoding), "chunked") || len(raw) == 0 {
		return raw
	}
	out, err := io.ReadAll(httputil.NewChunkedReader(bytes.NewReader(raw)))
	switch {
	case err == nil:
		return out
	case cut && errors.Is(err, io.ErrUnexpectedEOF) && len(out) > 0:
		return out
	}
	return raw
}

// flushResponse queues the waiting capture for storing.
func (im *warcImport) flushResponse() error {
	p := im.response
	if p == nil {
		return nil
	}
	im.response = nil
	c := p.item.capture
	key := c.WARCRecordID
	if key == "" { // a record without an id (not valid WARC, but met)
		key = c.URL + " " + warc.FormatDate(c.Time) + " " + p.item.digest
	}
	stored, err := im.stored(c, p.item.digest)
	if err != nil {
		return err
	}
	if im.inBatch[key] || stored {
		im.sum.Duplicates++
		// Later revisits may still refer to it: point them at the
		// stored capture's payload.
		p.item.payload = nil
		return nil
	}
	im.inBatch[key] = true
	im.batch = append(im.batch, p.item)
	im.batchBytes += len(p.item.payload)
	if len(im.batch) >= 64 || im.batchBytes >= 64<<20 {
		return im.commit()
	}
	return nil
}

// stored tells whether the store has this capture already (the same
// record, or for a capture folio fetched, the same URL, second and
// payload): importing a WARC twice stores it once.
func (im *warcImport) stored(c *store.Capture, digest string) (bool, error) {
	found := false
	err := im.db.CapturesOf(c.URL, func(s *store.Capture) error {
		// A capture fetched by folio has no record id: it is the same
		// fetch as a record of the same second, status and payload.
		if s.Time.Unix() == c.Time.Unix() && s.Status == c.Status && s.PayloadDigest == digest &&
			(s.WARCRecordID == "" || s.WARCRecordID == c.WARCRecordID) {
			found = true
			c.ID = s.ID
			return errStop
		}
		return nil
	})
	if err != nil && !errors.Is(err, errStop) {
		return false, fmt.Errorf("%s: %w", c.URL, err)
	}
	return found, nil
}

// commit stores the batched captures in one transaction.
func (im *warcImport) commit() error {
	if len(im.batch) == 0 {
		return nil
	}
	cs := make([]*store.Capture, len(im.batch))
	ps := make([][]byte, len(im.batch))
	for i, it := range im.batch {
		cs[i], ps[i] = it.capture, it.payload
	}
	if _, err := im.db.PutCaptures(cs, ps); err != nil {
		return err
	}
	for _, it := range im.batch {
		it.payload = nil
	}
	im.sum.Captures += len(im.batch)
	im.batch = im.batch[:0]
	im.batchBytes = 0
	clear(im.inBatch)
	return nil
}
