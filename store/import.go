package store

import bolt "go.etcd.io/bbolt"

// keyImportFrom, in the meta bucket, is the id of the first capture of an
// import that has not finished stitching its articles.
var keyImportFrom = []byte("import_from")

// BeginImport returns the id of the first capture an import is to read for
// articles: the next capture to be stored, or, when an earlier import
// stopped before it had read what it stored (killed, interrupted, a full
// disk), the first capture of that import, which would otherwise never be
// read: importing the file again stores no capture twice. It is recorded
// until FinishImport.
func (db *DB) BeginImport() (uint64, error) {
	var from uint64
	err := db.update(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if v := meta.Get(keyImportFrom); len(v) == 8 {
			from = getU64(v)
			return nil
		}
		from = tx.Bucket(bucketCaptures).Sequence() + 1
		return meta.Put(keyImportFrom, u64(from))
	})
	return from, err
}

// FinishImport records that the import begun with BeginImport has read
// every capture it stored for articles.
func (db *DB) FinishImport() error {
	return db.update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Delete(keyImportFrom)
	})
}
