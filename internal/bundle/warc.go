package bundle

import (
	"bytes"
	"crypto/sha1"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"folio/store"
	"folio/warc"
)

// warcExport writes the store's captures and documents as WARC records: a
// warcinfo record, then each capture in the order it was made (a response
// or revisit record and its request record), then one metadata record per
// document version holding the document's JSON.
//
// Record ids are UUIDv5 over the store's identity (its first capture's URL
// and time) and what the record is ("capture 17", "document URL version
// 2"), so exporting a store twice, or two exports of parts of one store,
// give a record the same id, and a revisit in one export names the
// response it refers to in another.
type warcExport struct {
	db       *store.DB
	w        *warc.Writer
	identity string
	filename string // the WARC's final base name, for warcinfo and the index
	infoID   string
	cdx      io.Writer // unsorted CDXJ lines; nil for none
	include  func(*store.Capture) bool

	// orphans hold, for a payload whose first capture is outside the
	// export (filtered) or carries no response (a 304 of an empty body),
	// the capture of this export whose response carries it.
	orphans map[string]*store.Capture
	// pulled are the captures outside the export that it holds all the
	// same, because a 304 of the export confirmed them, each with the
	// capture whose response record carries its payload.
	pulled map[uint64]*store.Capture

	stats    exportStats
	progress func(Progress) // nil: none
}

// exportStats counts what a WARC export wrote.
type exportStats struct {
	WARCSummary       // the records written
	Documents   int   // documents with a metadata record
	Bytes       int64 // the WARC's size so far
	// For Progress: the last capture written, the last in the store.
	LastID, MaxID uint64

	lastDoc string // the document of the last metadata record
}

// folioNamespace is the UUIDv5 namespace of folio's record ids.
var folioNamespace = [16]byte{0x6f, 0x7a, 0x1c, 0x52, 0x0e, 0x3b, 0x4d, 0x4f, 0x9a, 0x51, 0x2f, 0x8d, 0x61, 0x0c, 0x77, 0x3e}

// uuid5 returns the RFC 9562 name-based (SHA-1) UUID of name.
func uuid5(ns [16]byte, name string) string {
	h := sha1.New()
	h.Write(ns[:])
	h.Write([]byte(name))
	var u [16]byte
	copy(u[:], h.Sum(nil))
	u[6] = u[6]&0x0f | 0x50
	u[8] = u[8]&0x3f | 0x80
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}

func (e *warcExport) recordID(kind string, parts ...any) string {
	name := e.identity + "\x00" + kind
	for _, p := range parts {
		name += "\x00" + fmt.Sprint(p)
	}
	return uuid5(folioNamespace, name)
}

func (e *warcExport) captureRecordID(id uint64) string { return e.recordID("capture", id) }

// writeWarcinfo writes the first record: what wrote the file, how.
func (e *warcExport) writeWarcinfo(now time.Time, software, operator, description string) error {
	e.infoID = e.recordID("warcinfo", e.filename, now.UTC().Format(time.RFC3339Nano))
	var b strings.Builder
	field := func(name, value string) {
		if value != "" {
			b.WriteString(name + ": " + strings.NewReplacer("\r", " ", "\n", " ").Replace(value) + "\r\n")
		}
	}
	field("software", software+" (+https://github.com/folio-archive/folio)")
	field("format", "WARC File Format 1.1")
	field("conformsTo", "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/")
	field("robots", "classic")
	field("operator", operator)
	field("description", description)
	block := []byte(b.String())
	h := warc.Header{
		{Name: warc.FieldType, Value: warc.TypeWarcinfo},
		{Name: warc.FieldRecordID, Value: warc.BracketID(e.infoID)},
		{Name: warc.FieldDate, Value: warc.FormatDate(now)},
		{Name: warc.FieldFilename, Value: e.filename},
		{Name: warc.FieldContentType, Value: warc.ContentTypeWarcFields},
		{Name: warc.FieldBlockDigest, Value: warc.Digest(block)},
		{Name: warc.FieldContentLength, Value: strconv.Itoa(len(block))},
	}
	_, _, err := e.write(h, block)
	return err
}

// write writes one record and returns where it went.
func (e *warcExport) write(h warc.Header, parts ...[]byte) (offset, length int64, err error) {
	offset = e.w.Offset() // every record is flushed at its end, below
	bw, err := e.w.Create(h)
	if err != nil {
		return 0, 0, err
	}
	for _, p := range parts {
		if _, err := bw.Write(p); err != nil {
			return 0, 0, err
		}
	}
	if err := e.w.Flush(); err != nil {
		return 0, 0, err
	}
	e.stats.Bytes = e.w.Offset()
	return offset, e.w.Offset() - offset, nil
}

// holds says whether c's response record carries its payload: not a
// failed fetch (no status) nor a 304 that confirms an earlier capture.
func holds(c *store.Capture) bool {
	return c.Status != 0 && !(c.Status == 304 && c.RefersTo != 0)
}

// payloadHolder finds the capture whose response record carries the
// payload with that digest: the capture that first brought it if this
// export includes it, else the first capture of this export that had it.
// inExport is false when no record of this export carries it (yet).
func (e *warcExport) payloadHolder(digest string) (h *store.Capture, inExport bool, err error) {
	ref, err := e.db.PayloadRef(digest)
	if err != nil {
		return nil, false, err
	}
	first, err := e.db.Capture(ref.FirstCapture)
	if err != nil {
		return nil, false, err
	}
	if holds(first) && e.include(first) {
		return first, true, nil
	}
	if o := e.orphans[digest]; o != nil {
		return o, true, nil
	}
	return first, false, nil
}

// writeCapture writes the records of one capture.
func (e *warcExport) writeCapture(c *store.Capture) error {
	e.stats.LastID = c.ID
	if c.Status == 0 {
		e.stats.Skipped++ // no response: nothing was received to archive
		return nil
	}
	e.stats.Captures++
	var err error
	switch {
	case !holds(c): // a 304 confirming a stored response (Status 0 is left out above)
		err = e.writeNotModified(c)
	case c.PayloadSize > 0:
		var h *store.Capture
		var in bool
		h, in, err = e.payloadHolder(c.PayloadDigest)
		switch {
		case err != nil:
		case h.ID == c.ID || !in:
			if !in {
				e.orphans[c.PayloadDigest] = c
			}
			err = e.writeResponse(c)
		case c.Time.Before(h.Time):
			// An older capture (imported after the live one that
			// brought the payload to the store) keeps its bytes: a
			// revisit refers to what was archived before it.
			err = e.writeResponse(c)
		case !success(c.Status) || !success(h.Status):
			// A redirect or an error page whose body another's repeats
			// (nginx's one 301 page for every URL) is its own record:
			// ReplayWeb.page replays a redirect's revisit as the
			// record it refers to, status and Location too. Their
			// bodies are small.
			err = e.writeResponse(c)
		default:
			err = e.writeRevisit(c, h, warc.ProfileIdenticalPayload, c.PayloadDigest)
		}
	default:
		err = e.writeResponse(c)
	}
	if err != nil {
		return fmt.Errorf("capture %d (%s): %w", c.ID, c.URL, err)
	}
	if err := e.writeRequest(c); err != nil {
		return fmt.Errorf("capture %d (%s): %w", c.ID, c.URL, err)
	}
	if e.progress != nil {
		e.progress(Progress{Capture: e.stats.LastID, Captures: e.stats.MaxID, Bytes: e.stats.Bytes})
	}
	return nil
}

// captureHeader is the part of the WARC header every record of a capture
// shares.
func (e *warcExport) captureHeader(typ, id string, c *store.Capture) warc.Header {
	h := warc.Header{
		{Name: warc.FieldType, Value: typ},
		{Name: warc.FieldRecordID, Value: warc.BracketID(id)},
		{Name: warc.FieldDate, Value: warc.FormatDate(c.Time)},
		{Name: warc.FieldTargetURI, Value: c.URL},
	}
	if c.IP != "" {
		h.Add(warc.FieldIPAddress, c.IP)
	}
	h.Add(warc.FieldWarcinfoID, warc.BracketID(e.infoID))
	return h
}

// formatStatusLine builds the response's status line as received. HTTP/2
// has none on the wire; it is written as HTTP/1.1 (which replay tools
// read) and the protocol named in WARC-Protocol.
func formatStatusLine(c *store.Capture) (line, protocol string) {
	proto := c.Proto
	if proto == "" {
		proto = "HTTP/1.1"
	}
	if !strings.HasPrefix(proto, "HTTP/1.") && !strings.HasPrefix(proto, "HTTP/0.") {
		switch proto {
		case "HTTP/2.0", "HTTP/2":
			protocol = "h2"
		case "HTTP/3.0", "HTTP/3":
			protocol = "h3"
		}
		proto = "HTTP/1.1"
	}
	text := c.StatusText
	code := strconv.Itoa(c.Status)
	if !strings.HasPrefix(text, code) {
		text = strings.TrimSpace(code + " " + text)
	}
	return proto + " " + text, protocol
}

// responseHead is the HTTP head of a response record: headers as
// received, Transfer-Encoding dropped (the payload is stored de-chunked)
// and Content-Length stating the stored payload's length.
func responseHead(c *store.Capture, length int64, setLength bool) (head []byte, protocol string) {
	line, protocol := formatStatusLine(c)
	fields := make(warc.Header, 0, len(c.ResponseHeaders)+1)
	hasLength := false
	for _, f := range c.ResponseHeaders {
		switch {
		case strings.EqualFold(f.Name, "Transfer-Encoding"):
			continue
		case strings.EqualFold(f.Name, "Content-Length") && setLength:
			if hasLength {
				continue
			}
			hasLength = true
			fields = append(fields, warc.Field{Name: f.Name, Value: strconv.FormatInt(length, 10)})
			continue
		}
		fields = append(fields, warc.Field{Name: f.Name, Value: f.Value})
	}
	if setLength && !hasLength {
		fields = append(fields, warc.Field{Name: "Content-Length", Value: strconv.FormatInt(length, 10)})
	}
	return warc.AppendHTTPHeader(nil, line, fields), protocol
}

func (e *warcExport) writeResponse(c *store.Capture) error {
	payload, err := e.db.Payload(c.PayloadDigest)
	if err != nil {
		return err
	}
	// The digest is recomputed: an export vouches for what it writes.
	if d := warc.Digest(payload); d != c.PayloadDigest {
		return fmt.Errorf("%w: payload digest is %s, stored as %s", store.ErrCorrupt, d, c.PayloadDigest)
	}
	head, protocol := responseHead(c, int64(len(payload)), true)
	block := warc.NewDigester()
	block.Write(head)
	block.Write(payload)
	h := e.captureHeader(warc.TypeResponse, e.captureRecordID(c.ID), c)
	if c.RequestHeaders != nil {
		h.Add(warc.FieldConcurrentTo, warc.BracketID(e.recordID("request", c.ID)))
	}
	if protocol != "" {
		h.Add(warc.FieldProtocol, protocol)
	}
	if c.Truncated != "" {
		h.Add(warc.FieldTruncated, c.Truncated)
	}
	h = append(h,
		warc.Field{Name: warc.FieldContentType, Value: warc.ContentTypeHTTPResponse},
		warc.Field{Name: warc.FieldBlockDigest, Value: block.Digest()},
		warc.Field{Name: warc.FieldPayloadDigest, Value: c.PayloadDigest},
		warc.Field{Name: warc.FieldContentLength, Value: strconv.Itoa(len(head) + len(payload))},
	)
	off, n, err := e.write(h, head, payload)
	if err != nil {
		return err
	}
	e.stats.Responses++
	if c.Status == http.StatusNotModified {
		// A 304 to a request that asked for none (nothing stored to
		// confirm): in the WARC as it came, out of the replay index,
		// where it would be an empty page (see writeRevisit).
		return nil
	}
	return e.index(c, c.Header("Content-Type"), c.PayloadDigest, off, n)
}

// success says whether status is a 2xx, whose revisits replay as
// themselves.
func success(status int) bool { return status >= 200 && status < 300 }

// writeRevisit writes a revisit record whose payload is the one the
// holder's response record carries.
func (e *warcExport) writeRevisit(c, holder *store.Capture, profile, payloadDigest string) error {
	// The identical-payload profile keeps the headers and says how long
	// the payload is; a 304 is recorded as it came.
	head, protocol := responseHead(c, c.PayloadSize, profile == warc.ProfileIdenticalPayload)
	h := e.captureHeader(warc.TypeRevisit, e.captureRecordID(c.ID), c)
	if c.RequestHeaders != nil {
		h.Add(warc.FieldConcurrentTo, warc.BracketID(e.recordID("request", c.ID)))
	}
	if protocol != "" {
		h.Add(warc.FieldProtocol, protocol)
	}
	if profile == warc.ProfileIdenticalPayload {
		// WARC 1.1 6.7.2: a block cut to leave out the duplicate payload
		// says so.
		h.Add(warc.FieldTruncated, "length")
	}
	h = append(h,
		warc.Field{Name: warc.FieldProfile, Value: profile},
		warc.Field{Name: warc.FieldRefersTo, Value: warc.BracketID(e.captureRecordID(holder.ID))},
		warc.Field{Name: warc.FieldRefersToTargetURI, Value: holder.URL},
		warc.Field{Name: warc.FieldRefersToDate, Value: warc.FormatDate(holder.Time)},
		warc.Field{Name: warc.FieldContentType, Value: warc.ContentTypeHTTPResponse},
		warc.Field{Name: warc.FieldBlockDigest, Value: warc.Digest(head)},
	)
	if payloadDigest != "" && profile == warc.ProfileIdenticalPayload {
		// Only this profile states a payload; a 304 had none (warcio's
		// conformance tests reject a server-not-modified revisit that
		// names one).
		h.Add(warc.FieldPayloadDigest, payloadDigest)
	}
	h.Add(warc.FieldContentLength, strconv.Itoa(len(head)))
	off, n, err := e.write(h, head)
	if err != nil {
		return err
	}
	e.stats.Revisits++
	if profile == warc.ProfileServerNotModified {
		// A 304 stays in the WARC but not in the replay index: replay
		// engines serve the status the index or the record states, and a
		// 304 is an empty page (ReplayWeb.page answers a line of status
		// 304 with no body; pywb takes the status line from a revisit
		// that has one). Left out, the URL replays the response the 304
		// confirmed, as the Internet Archive's CDX-Writer does it.
		return nil
	}
	return e.index(c, "warc/revisit", payloadDigest, off, n)
}

// writeNotModified writes a 304 answer to a conditional request as a
// server-not-modified revisit of the response whose payload it confirmed.
//
// The 304 is left out of the replay index (see writeRevisit), so the URL
// replays at that time from another record of the file: the capture the
// 304 confirmed (the URL's own earlier fetch, where its validators came
// from: WARC 1.1 6.7.3), or a response of the same URL that carries the
// same payload. An export that a filter (Site, Since, URL) narrowed may
// hold neither, only another URL's identical response; it then holds the
// confirmed capture all the same, indexed, or the URL would replay as
// "not found".
func (e *warcExport) writeNotModified(c *store.Capture) error {
	confirmed, err := e.confirmedBy(c)
	if err != nil {
		return err
	}
	if confirmed == nil || confirmed.PayloadDigest == "" {
		return e.writeResponse(c) // nothing to refer to: the 304 as it came
	}
	if h := e.pulled[confirmed.ID]; h != nil {
		return e.writeRevisit(c, h, warc.ProfileServerNotModified, confirmed.PayloadDigest)
	}
	// Captures are written in id order: an earlier one the export
	// includes is in the file already.
	written := e.include(confirmed) && confirmed.ID < c.ID
	holder := confirmed
	if confirmed.PayloadSize > 0 {
		h, in, err := e.payloadHolder(confirmed.PayloadDigest)
		switch {
		case err != nil:
			return err
		case written && !in:
			return fmt.Errorf("%w: no record of the export carries payload %s", store.ErrCorrupt, confirmed.PayloadDigest)
		case written && h.Time.After(confirmed.Time):
			// confirmed was written whole (older than the payload's
			// first capture): the revisit names it, not a later record.
			return e.writeRevisit(c, confirmed, warc.ProfileServerNotModified, confirmed.PayloadDigest)
		case written, in && h.URL == c.URL && !h.Time.After(c.Time):
			// The record that carries the bytes: confirmed's response, or
			// the response its own revisit refers to; or one of this URL.
			return e.writeRevisit(c, h, warc.ProfileServerNotModified, confirmed.PayloadDigest)
		}
		if holder, err = e.writeConfirmed(confirmed, h, in); err != nil {
			return err
		}
	} else if !written {
		if holder, err = e.writeConfirmed(confirmed, nil, false); err != nil {
			return err
		}
	}
	return e.writeRevisit(c, holder, warc.ProfileServerNotModified, confirmed.PayloadDigest)
}

// writeConfirmed writes the capture a 304 confirmed, which the export
// does not include, and returns the capture whose response record now
// carries its payload. h is the holder of that payload, in the export
// when in. It becomes an identical-payload revisit of h when h is not
// later (a revisit never refers forward in time), else a response.
func (e *warcExport) writeConfirmed(confirmed, h *store.Capture, in bool) (*store.Capture, error) {
	e.stats.Captures++
	holder := confirmed
	var err error
	if in && confirmed.PayloadSize > 0 && !h.Time.After(confirmed.Time) {
		holder = h
		err = e.writeRevisit(confirmed, h, warc.ProfileIdenticalPayload, confirmed.PayloadDigest)
	} else {
		if !in {
			e.orphans[confirmed.PayloadDigest] = confirmed
		}
		err = e.writeResponse(confirmed)
	}
	if err == nil {
		err = e.writeRequest(confirmed)
	}
	if err != nil {
		return nil, fmt.Errorf("capture %d (%s), confirmed by a 304: %w", confirmed.ID, confirmed.URL, err)
	}
	e.pulled[confirmed.ID] = holder
	return holder, nil
}

// confirmedBy is the capture whose response a 304 confirmed: the one it
// refers to, or where that is a 304 too (an imported revisit of a
// revisit), the one that one refers to. nil when the chain ends in none.
func (e *warcExport) confirmedBy(c *store.Capture) (*store.Capture, error) {
	for range 16 {
		ref, err := e.db.Capture(c.RefersTo)
		if err != nil {
			return nil, err
		}
		if holds(ref) {
			return ref, nil
		}
		if ref.Status != 304 || ref.RefersTo == 0 {
			return nil, nil
		}
		c = ref
	}
	return nil, nil
}

func (e *warcExport) writeRequest(c *store.Capture) error {
	if c.RequestHeaders == nil {
		return nil // imported without its request: nothing to tell
	}
	target := "/"
	if u, err := url.Parse(c.URL); err == nil {
		target = u.RequestURI()
	}
	method := c.Method
	if method == "" {
		method = "GET"
	}
	fields := make(warc.Header, 0, len(c.RequestHeaders))
	for _, f := range c.RequestHeaders {
		fields = append(fields, warc.Field{Name: f.Name, Value: f.Value})
	}
	block := warc.AppendHTTPHeader(nil, method+" "+target+" HTTP/1.1", fields)
	h := e.captureHeader(warc.TypeRequest, e.recordID("request", c.ID), c)
	h = append(h,
		warc.Field{Name: warc.FieldConcurrentTo, Value: warc.BracketID(e.captureRecordID(c.ID))},
		warc.Field{Name: warc.FieldContentType, Value: warc.ContentTypeHTTPRequest},
		warc.Field{Name: warc.FieldBlockDigest, Value: warc.Digest(block)},
		warc.Field{Name: warc.FieldContentLength, Value: strconv.Itoa(len(block))},
	)
	if _, _, err := e.write(h, block); err != nil {
		return err
	}
	e.stats.Requests++
	return nil
}

// index adds the CDXJ line of a response or revisit record.
func (e *warcExport) index(c *store.Capture, contentType, digest string, offset, length int64) error {
	if e.cdx == nil {
		return nil
	}
	mime, _, _ := strings.Cut(contentType, ";")
	entry := warc.CDXJEntry{URL: c.URL, Time: c.Time, Mime: strings.ToLower(strings.TrimSpace(mime)),
		Status: c.Status, Digest: digest, Offset: offset, Length: length, Filename: e.filename}
	line, err := entry.Line()
	if err != nil {
		return err
	}
	_, err = io.WriteString(e.cdx, line+"\n")
	return err
}

// captureIDs are the captures a document version was read from: its
// pages', then its attachments', in order, leaving out those read from
// none.
func captureIDs(d *store.Document) []uint64 {
	var ids []uint64
	for _, p := range d.Pages {
		if p.CaptureID != 0 {
			ids = append(ids, p.CaptureID)
		}
	}
	for _, a := range d.Attachments {
		if a.CaptureID != 0 {
			ids = append(ids, a.CaptureID)
		}
	}
	return ids
}

// documentTargetURI is the WARC-Target-URI of a document's metadata
// record. It is not the page's own URL: indexers (cdxj-indexer, pywb)
// index metadata records, and a replay asking for the page must find the
// page, not folio's JSON about it.
func documentTargetURI(docURL string) string { return "urn:folio:document:" + docURL }

// writeDocument writes one document version as a metadata record holding
// its JSON, referring to page 1's record and concurrent with every page's
// and attachment's.
func (e *warcExport) writeDocument(d *store.Document) error {
	var buf bytes.Buffer
	if err := jsonEncoder(&buf).Encode(d.InSeconds()); err != nil {
		return err
	}
	block := buf.Bytes()
	date := d.Fetched
	if len(d.Pages) > 0 && !d.Pages[0].Fetched.IsZero() {
		date = d.Pages[0].Fetched
	}
	h := warc.Header{
		{Name: warc.FieldType, Value: warc.TypeMetadata},
		{Name: warc.FieldRecordID, Value: warc.BracketID(e.recordID("document", d.URL, d.Version))},
		{Name: warc.FieldDate, Value: warc.FormatDate(date)},
		{Name: warc.FieldTargetURI, Value: documentTargetURI(d.URL)},
		{Name: warc.FieldWarcinfoID, Value: warc.BracketID(e.infoID)},
	}
	// Links to the capture records, which a capture without a response
	// has none of. (One that a narrowed export leaves out has its record,
	// under the same id, in the export that holds it.)
	seen := map[uint64]bool{}
	var linked []uint64
	for _, id := range captureIDs(d) {
		if seen[id] {
			continue
		}
		seen[id] = true
		c, err := e.db.Capture(id)
		if errors.Is(err, store.ErrNotFound) {
			continue
		}
		if err != nil {
			return fmt.Errorf("document %s: %w", d.URL, err)
		}
		if c.Status != 0 {
			linked = append(linked, id)
		}
	}
	if len(d.Pages) > 0 && len(linked) > 0 && linked[0] == d.Pages[0].CaptureID {
		h.Add(warc.FieldRefersTo, warc.BracketID(e.captureRecordID(linked[0])))
	}
	for _, id := range linked {
		h.Add(warc.FieldConcurrentTo, warc.BracketID(e.captureRecordID(id)))
	}
	h = append(h,
		warc.Field{Name: warc.FieldContentType, Value: "application/json"},
		warc.Field{Name: warc.FieldBlockDigest, Value: warc.Digest(block)},
		warc.Field{Name: warc.FieldContentLength, Value: strconv.Itoa(len(block))},
	)
	if _, _, err := e.write(h, block); err != nil {
		return err
	}
	e.stats.Versions++
	if d.URL != e.stats.lastDoc { // a document's versions come together
		e.stats.Documents++
		e.stats.lastDoc = d.URL
	}
	return nil
}
