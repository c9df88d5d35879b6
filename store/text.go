package store

import (
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// PutText stores the text read from a payload (an attachment's PDF, DOCX or
// XLSX text), once per payload digest like the payload itself.
func (db *DB) PutText(digest, text string) error {
	blob := db.codec.pack([]byte(text))
	return db.update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketPayloadText).Put([]byte(digest), blob)
	})
}

// Text returns the text read from the payload with that digest; ErrNotFound
// when none was stored (a format without text, or no pdftotext).
func (db *DB) Text(digest string) (string, error) {
	var text string
	err := db.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketPayloadText)
		var blob []byte
		if b != nil { // a store written before texts were kept
			blob = b.Get([]byte(digest))
		}
		if blob == nil {
			return fmt.Errorf("text of %s: %w", digest, ErrNotFound)
		}
		data, err := db.codec.unpack(blob)
		text = string(data)
		return err
	})
	return text, err
}
