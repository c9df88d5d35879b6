package store

import (
	"fmt"
	"slices"
	"strconv"

	bolt "go.etcd.io/bbolt"
)

// Buckets. Keys are chosen so that the common writes append: captures and
// payload blobs are keyed by sequence number, the digest index points at them.
var (
	bucketMeta         = []byte("meta")
	bucketPayloads     = []byte("payloads")      // seq -> blob
	bucketPayloadIndex = []byte("payload_index") // sha1 digest string -> PayloadRef JSON
	bucketCaptures     = []byte("captures")      // seq -> Capture JSON
	bucketCaptureURLs  = []byte("capture_urls")  // url 0x00 seq -> nothing
	bucketDocs         = []byte("docs")          // doc id -> docRecord JSON
	bucketVersions     = []byte("versions")      // doc id 0x00 version(8) -> blob of versionRecord JSON
	bucketDocURLs      = []byte("doc_urls")      // any url of a document -> doc id
	bucketDocOrder     = []byte("doc_order")     // changed time(8) doc id -> sequences, see order.go
	bucketCrawl        = []byte("crawl")         // crawl state, see crawlstate.go
	bucketPayloadText  = []byte("payload_text")  // sha1 digest string -> blob of the text read from the payload
	bucketDocContent   = []byte("doc_content")   // host 0x00 content hash -> doc id, see republished.go

	allBuckets = [][]byte{bucketMeta, bucketPayloads, bucketPayloadIndex, bucketCaptures,
		bucketCaptureURLs, bucketDocs, bucketVersions, bucketDocURLs, bucketDocOrder, bucketCrawl,
		bucketPayloadText, bucketDocContent}

	// laterBuckets are those a store made before they were added lacks
	// (created when a writer opens it); a store without any other bucket
	// has lost it, and is damaged.
	laterBuckets = [][]byte{bucketPayloadText, bucketDocContent}

	keySchema = []byte("schema")
)

// checkSchema makes sure the file is a folio store this code can read. A new
// file is initialised; any other file without folio's schema marker (another
// program's bbolt file) is refused and left untouched.
func checkSchema(b *bolt.DB, codec *codec, fresh, readOnly bool) error {
	var version int
	complete := true // every bucket is there
	var lost string  // a bucket every store has, missing
	err := b.View(func(tx *bolt.Tx) error {
		for _, name := range allBuckets {
			if tx.Bucket(name) == nil {
				complete = false
				if lost == "" && !slices.ContainsFunc(laterBuckets, func(l []byte) bool { return string(l) == string(name) }) {
					lost = string(name)
				}
			}
		}
		meta := tx.Bucket(bucketMeta)
		if meta == nil {
			return nil
		}
		v, err := strconv.Atoi(string(meta.Get(keySchema)))
		if err != nil {
			return fmt.Errorf("%w: bad schema marker %q", ErrCorrupt, meta.Get(keySchema))
		}
		version = v
		return nil
	})
	if err != nil {
		return err
	}
	switch {
	case version == 0 && !fresh:
		return fmt.Errorf("%w: no folio schema marker", ErrCorrupt)
	case version > SchemaVersion:
		return fmt.Errorf("%w %d (this folio reads up to %d)", ErrSchema, version, SchemaVersion)
	case version > 0 && lost != "":
		// Not made again empty: a writer would store into a store that
		// has lost what it indexes (payloads, documents' versions).
		return fmt.Errorf("%w: its %s bucket is missing", ErrCorrupt, lost)
	case readOnly, complete && version == SchemaVersion:
		return nil // nothing to write: every spell of a writer opens here
	}
	// Create what is missing: a new store, or buckets that a newer minor
	// layout added without a schema bump; and mark an older layout as this
	// one (from 1 to 2 nothing else changes).
	return b.Update(func(tx *bolt.Tx) error {
		contentIndexed := tx.Bucket(bucketDocContent) != nil
		for _, name := range allBuckets {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return err
			}
		}
		if !contentIndexed {
			if err := indexAllContent(tx, codec); err != nil {
				return err
			}
		}
		return tx.Bucket(bucketMeta).Put(keySchema, []byte(strconv.Itoa(SchemaVersion)))
	})
}
