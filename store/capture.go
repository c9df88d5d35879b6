package store

import (
	"bytes"
	"crypto/sha1"
	"encoding/base32"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"time"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"
)

// Field is one header line, kept in the order it was received and with
// its name as spelt on the wire (ETag, not Etag). Captures made where the
// raw head was not at hand (through an HTTP proxy over TLS) list the
// headers as Go parsed them: names canonicalized, sorted by name.
type Field struct {
	Name  string `json:"n"`
	Value string `json:"v"`
}

// fieldJSON is how a Field is stored: a value that is not UTF-8 (a GBK
// file name in Content-Disposition, a GBK Location, as Chinese IIS and
// JSP servers send them) as its bytes, which a JSON string would turn
// into U+FFFD: the headers are kept as received, for the WARC.
type fieldJSON struct {
	Name  string `json:"n"`
	Value string `json:"v,omitempty"`
	Raw   []byte `json:"b,omitempty"`
}

func (f Field) MarshalJSON() ([]byte, error) {
	if utf8.ValidString(f.Value) {
		return json.Marshal(fieldJSON{Name: f.Name, Value: f.Value})
	}
	return json.Marshal(fieldJSON{Name: f.Name, Raw: []byte(f.Value)})
}

func (f *Field) UnmarshalJSON(data []byte) error {
	var j fieldJSON
	if err := json.Unmarshal(data, &j); err != nil {
		return err
	}
	f.Name, f.Value = j.Name, j.Value
	if j.Raw != nil {
		f.Value = string(j.Raw)
	}
	return nil
}

// Capture is one fetch of one URL.
type Capture struct {
	ID     uint64    `json:"id"`
	URL    string    `json:"url"`
	Method string    `json:"method"`
	Time   time.Time `json:"time"` // when the request was sent
	IP     string    `json:"ip,omitempty"`

	RequestHeaders []Field `json:"req_headers,omitempty"`

	// The response as received. Status 0 means no response (see Error).
	Proto           string  `json:"proto,omitempty"` // "HTTP/1.1"
	Status          int     `json:"status"`          // 200
	StatusText      string  `json:"status_text"`     // "200 OK"
	ResponseHeaders []Field `json:"resp_headers,omitempty"`

	// PayloadDigest is "sha1:BASE32" of the body exactly as received
	// (content-encoded, de-chunked); "" when there was no response.
	PayloadDigest string `json:"payload_digest,omitempty"`
	PayloadSize   int64  `json:"payload_size"`
	// Truncated gives the reason the body was cut short ("length" when it
	// exceeded the size limit, "time" on a timeout); "" when complete.
	Truncated string `json:"truncated,omitempty"`
	// Error is the transport error when the fetch failed.
	Error string `json:"error,omitempty"`

	// NotModified is set on a 304 answer to a conditional request; RefersTo
	// is the earlier capture whose payload the 304 confirmed.
	RefersTo uint64 `json:"refers_to,omitempty"`

	// WARCRecordID is the WARC-Record-ID of the record an imported capture
	// was read from; it tells apart two fetches of one URL within the
	// same second of WARC-Date, and finds the capture when the file is
	// imported again. "" for a capture folio fetched itself.
	WARCRecordID string `json:"warc_record_id,omitempty"`
}

// Header returns the first response header with that name (case-insensitive).
func (c *Capture) Header(name string) string {
	for _, f := range c.ResponseHeaders {
		if equalFold(f.Name, name) {
			return f.Value
		}
	}
	return ""
}

func equalFold(a, b string) bool {
	return len(a) == len(b) && bytes.EqualFold([]byte(a), []byte(b))
}

// PayloadRef says where a payload is and which capture first brought it,
// which is what a WARC revisit record must name.
type PayloadRef struct {
	Seq          uint64 `json:"seq"`
	Size         int64  `json:"size"`
	FirstCapture uint64 `json:"first_capture"`
}

// Digest returns the payload digest in the form folio stores and WARC uses:
// "sha1:" and the base32 SHA-1 of the bytes.
func Digest(payload []byte) string {
	sum := sha1.Sum(payload)
	return "sha1:" + base32.StdEncoding.EncodeToString(sum[:])
}

// PutResult tells what PutCapture did.
type PutResult struct {
	CaptureID uint64
	// Duplicate is true when the payload was already stored; the capture
	// then refers to the capture that first brought it.
	Duplicate    bool
	FirstCapture uint64
}

// PutCapture stores a capture and, unless stored already, its payload. The
// capture's ID and PayloadDigest are filled in.
func (db *DB) PutCapture(c *Capture, payload []byte) (PutResult, error) {
	res, err := db.PutCaptures([]*Capture{c}, [][]byte{payload})
	if err != nil {
		return PutResult{}, err
	}
	return res[0], nil
}

// PutCaptures stores several captures in one transaction.
func (db *DB) PutCaptures(cs []*Capture, payloads [][]byte) ([]PutResult, error) {
	return db.putCapturesIn(db.update, cs, payloads)
}

// PutCapturesBatch is PutCaptures with its transaction shared with
// concurrent writers, as Commit does.
func (db *DB) PutCapturesBatch(cs []*Capture, payloads [][]byte) ([]PutResult, error) {
	return db.putCapturesIn(db.batch, cs, payloads)
}

// putCapturesIn stores cs in a transaction that write runs (update or
// batch).
func (db *DB) putCapturesIn(write func(func(*bolt.Tx) error) error, cs []*Capture, payloads [][]byte) ([]PutResult, error) {
	if len(cs) != len(payloads) {
		return nil, fmt.Errorf("store: %d captures but %d payloads", len(cs), len(payloads))
	}
	blobs := db.packCaptures(cs, payloads)
	var results []PutResult
	err := write(func(tx *bolt.Tx) (err error) {
		results, err = putCaptures(tx, cs, payloads, blobs)
		return err
	})
	return results, err
}

// packCaptures digests and compresses payloads outside any transaction:
// that is the costly part and needs no lock. A payload that turns out to
// be stored already wastes its compression, which is cheap next to
// holding the writer's lock.
func (db *DB) packCaptures(cs []*Capture, payloads [][]byte) [][]byte {
	blobs := make([][]byte, len(cs))
	for i, c := range cs {
		if c.Status != 0 || payloads[i] != nil {
			c.PayloadDigest = Digest(payloads[i])
			c.PayloadSize = int64(len(payloads[i]))
			blobs[i] = db.codec.pack(payloads[i])
		}
	}
	return blobs
}

// putCaptures stores cs, whose payloads packCaptures packed into blobs.
func putCaptures(tx *bolt.Tx, cs []*Capture, payloads, blobs [][]byte) ([]PutResult, error) {
	packSequential(tx)
	results := make([]PutResult, len(cs))
	for i, c := range cs {
		r, err := putCapture(tx, c, int64(len(payloads[i])), blobs[i])
		if err != nil {
			return nil, fmt.Errorf("capture %s: %w", c.URL, err)
		}
		results[i] = r
	}
	return results, nil
}

func putCapture(tx *bolt.Tx, c *Capture, size int64, blob []byte) (PutResult, error) {
	caps := tx.Bucket(bucketCaptures)
	id, err := caps.NextSequence()
	if err != nil {
		return PutResult{}, err
	}
	c.ID = id
	res := PutResult{CaptureID: id}
	if c.PayloadDigest != "" {
		index := tx.Bucket(bucketPayloadIndex)
		if v := index.Get([]byte(c.PayloadDigest)); v != nil {
			var ref PayloadRef
			if err := json.Unmarshal(v, &ref); err != nil {
				return res, fmt.Errorf("%w: payload index %s: %v", ErrCorrupt, c.PayloadDigest, err)
			}
			res.Duplicate, res.FirstCapture = true, ref.FirstCapture
		} else {
			pb := tx.Bucket(bucketPayloads)
			seq, err := pb.NextSequence()
			if err != nil {
				return res, err
			}
			if err := pb.Put(u64(seq), blob); err != nil {
				return res, err
			}
			ref, _ := json.Marshal(PayloadRef{Seq: seq, Size: size, FirstCapture: id})
			if err := index.Put([]byte(c.PayloadDigest), ref); err != nil {
				return res, err
			}
			res.FirstCapture = id
		}
	}
	rec, err := json.Marshal(c)
	if err != nil {
		return res, err
	}
	if err := caps.Put(u64(id), rec); err != nil {
		return res, err
	}
	return res, tx.Bucket(bucketCaptureURLs).Put(urlSeqKey(c.URL, id), nil)
}

func urlSeqKey(url string, seq uint64) []byte {
	k := make([]byte, 0, len(url)+9)
	k = append(k, url...)
	k = append(k, 0)
	return append(k, u64(seq)...)
}

// Capture returns the capture with that id.
func (db *DB) Capture(id uint64) (*Capture, error) {
	var c *Capture
	err := db.view(func(tx *bolt.Tx) error {
		var err error
		c, err = getCapture(tx, id)
		return err
	})
	return c, err
}

func getCapture(tx *bolt.Tx, id uint64) (*Capture, error) {
	v := tx.Bucket(bucketCaptures).Get(u64(id))
	if v == nil {
		return nil, fmt.Errorf("capture %d: %w", id, ErrNotFound)
	}
	var c Capture
	if err := json.Unmarshal(v, &c); err != nil {
		return nil, fmt.Errorf("capture %d: %w: %v", id, ErrCorrupt, err)
	}
	return &c, nil
}

// LatestCapture returns the newest capture of url that got a response, for
// conditional requests (ETag, Last-Modified). ErrNotFound if none.
func (db *DB) LatestCapture(url string) (*Capture, error) {
	var found *Capture
	err := db.view(func(tx *bolt.Tx) error {
		prefix := append([]byte(url), 0)
		cur := tx.Bucket(bucketCaptureURLs).Cursor()
		// Seek past the last key with this prefix, then walk back.
		k, _ := cur.Seek(append(append([]byte(nil), prefix...), 0xff))
		if k == nil {
			k, _ = cur.Last()
		} else {
			k, _ = cur.Prev()
		}
		for ; k != nil && bytes.HasPrefix(k, prefix) && len(k) == len(prefix)+8; k, _ = cur.Prev() {
			c, err := getCapture(tx, getU64(k[len(prefix):]))
			if err != nil {
				return err
			}
			if c.Status != 0 {
				found = c
				return nil
			}
		}
		return nil
	})
	if err == nil && found == nil {
		err = fmt.Errorf("capture of %s: %w", url, ErrNotFound)
	}
	return found, err
}

// Payload returns the stored bytes with that digest, exactly as received.
func (db *DB) Payload(digest string) ([]byte, error) {
	var out []byte
	err := db.view(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketPayloadIndex).Get([]byte(digest))
		if v == nil {
			return fmt.Errorf("payload %s: %w", digest, ErrNotFound)
		}
		var ref PayloadRef
		if err := json.Unmarshal(v, &ref); err != nil {
			return fmt.Errorf("payload %s: %w: %v", digest, ErrCorrupt, err)
		}
		blob := tx.Bucket(bucketPayloads).Get(u64(ref.Seq))
		if blob == nil {
			return fmt.Errorf("payload %s: %w: blob %d missing", digest, ErrCorrupt, ref.Seq)
		}
		var err error
		out, err = db.codec.unpack(blob)
		return err
	})
	return out, err
}

// PayloadRef returns where the payload with that digest is and which capture
// first brought it.
func (db *DB) PayloadRef(digest string) (PayloadRef, error) {
	var ref PayloadRef
	err := db.view(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketPayloadIndex).Get([]byte(digest))
		if v == nil {
			return fmt.Errorf("payload %s: %w", digest, ErrNotFound)
		}
		return json.Unmarshal(v, &ref)
	})
	return ref, err
}

// Captures calls fn for each capture with an id ≥ from, in id order, until
// fn returns an error. It reads in short spells, so it never keeps the
// store from a writer for long however many captures there are.
func (db *DB) Captures(from uint64, fn func(*Capture) error) error {
	const chunk = 256
	next := max(from, 1)
	return inSpells(db, func(tx *bolt.Tx) ([]*Capture, bool, error) {
		var batch []*Capture
		cur := tx.Bucket(bucketCaptures).Cursor()
		for k, v := cur.Seek(u64(next)); k != nil && len(batch) < chunk; k, v = cur.Next() {
			var c Capture
			if err := json.Unmarshal(v, &c); err != nil {
				return nil, false, fmt.Errorf("capture %d: %w: %v", getU64(k), ErrCorrupt, err)
			}
			batch = append(batch, &c)
			next = c.ID + 1
		}
		return batch, len(batch) < chunk, nil
	}, fn)
}

// RedirectTarget is where the capture, a stored redirect, leads: its
// Location resolved against its URL, without the fragment; "" when it is
// no redirect, or leads to no http(s) URL.
func (c *Capture) RedirectTarget() string {
	switch c.Status {
	case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther,
		http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
	default:
		return ""
	}
	loc := c.Header("Location")
	if loc == "" {
		return ""
	}
	base, err := url.Parse(c.URL)
	if err != nil {
		return ""
	}
	ref, err := base.Parse(loc)
	if err != nil || (ref.Scheme != "http" && ref.Scheme != "https") {
		return ""
	}
	ref.Fragment = ""
	return ref.String()
}
