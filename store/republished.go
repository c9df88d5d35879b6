package store

import (
	"encoding/json"
	"slices"

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
// `list --site` should find it there.
//
// A copy can drift: the original gets an edit the copy never sees, or a
// copy's URL is reused for another article. A fetch of a copy whose
// content no longer matches detaches it into a document of its own
// rather than adding a version that would flip the original back and
// forth between the two contents.

// contentKey indexes the latest content of a document by host.
func contentKey(url, contentHash string) []byte {
	host := hostOf(url)
	k := make([]byte, 0, len(host)+1+len(contentHash))
	k = append(k, host...)
	k = append(k, 0)
	return append(k, contentHash...)
}

// findOriginal returns the stored document that doc republishes, or nil.
func findOriginal(tx *bolt.Tx, codec *codec, doc *Document) (*docRecord, error) {
	if !doc.Complete || doc.Title == "" || doc.Text == "" || doc.ContentHash == "" {
		return nil, nil
	}
	id := tx.Bucket(bucketDocContent).Get(contentKey(doc.URL, doc.ContentHash))
	if id == nil {
		return nil, nil
	}
	var rec docRecord
	if err := getJSON(tx.Bucket(bucketDocs), id, &rec); err != nil {
		return nil, err
	}
	last := len(rec.Versions) - 1
	if last < 0 || rec.Versions[last].ContentHash != doc.ContentHash || rec.Incomplete {
		return nil, nil // the index names content the document has since left
	}
	latest, err := loadVersion(tx, codec, &rec, 0)
	if err != nil {
		return nil, err
	}
	if !latest.Complete || latest.Title != doc.Title {
		return nil, nil
	}
	return &rec, nil
}

// indexContent records rec's latest content for findOriginal.
func indexContent(tx *bolt.Tx, rec *docRecord) error {
	last := len(rec.Versions) - 1
	if last < 0 || rec.Versions[last].ContentHash == "" {
		return nil
	}
	return tx.Bucket(bucketDocContent).Put(contentKey(rec.URL, rec.Versions[last].ContentHash), []byte(rec.ID))
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
		if err := index.Delete([]byte(u)); err != nil {
			return err
		}
	}
	return putJSON(tx.Bucket(bucketDocs), []byte(rec.ID), rec)
}

// indexAllContent fills the content index of a store written before it
// existed.
func indexAllContent(tx *bolt.Tx) error {
	return tx.Bucket(bucketDocs).ForEach(func(_, v []byte) error {
		var rec docRecord
		if err := json.Unmarshal(v, &rec); err != nil {
			return nil // a damaged record is reported where it is read
		}
		return indexContent(tx, &rec)
	})
}
