package store

import (
	"bytes"
	"fmt"
	"slices"
	"sort"

	bolt "go.etcd.io/bbolt"
)

// One article can come to be stored twice: a portal moves to a new host
// (or renames a column), the old URLs answering with redirects, and the
// article's new address is archived by hand before the crawl has followed
// the old one there. When a later fetch goes from the one document's URL
// to the other's, both are the same article, and mergeDocs makes them one.

// sameArticleStoredTwice returns the other document among the fetch's
// URLs, when rec was found by the fetch's own URL (doc.URL, rec's own) and
// another document's own URL led to it (a redirect, or a rel=canonical),
// and the two are one article: the same title, the same day (sameArticle).
// A republished copy's URL is no such lead: that copy is handled as one;
// nor is an article's old URL that a site sends to another article (a
// deleted notice redirected to the newest).
func sameArticleStoredTwice(tx *bolt.Tx, codec *codec, rec *docRecord, docURL string, urls []string) (*docRecord, error) {
	if rec.ID == "" || rec.URL != docURL || len(rec.Versions) == 0 {
		return nil, nil
	}
	index := tx.Bucket(bucketDocURLs)
	for _, u := range urls {
		id := index.Get([]byte(u))
		if id == nil || string(id) == rec.ID {
			continue
		}
		var other docRecord
		if err := getJSON(tx.Bucket(bucketDocs), id, &other); err != nil {
			return nil, err
		}
		if other.URL != u || len(other.Versions) == 0 || slices.Contains(rec.Republished, u) {
			continue
		}
		mine, err := loadVersion(tx, codec, rec, 0)
		if err != nil {
			return nil, err
		}
		theirs, err := loadVersion(tx, codec, &other, 0)
		if err != nil {
			return nil, err
		}
		if sameArticle(mine, theirs) {
			return &other, nil
		}
	}
	return nil, nil
}

// mergeDocs makes a and b one document and returns it: the one first seen
// earlier keeps its identity and takes the other's URLs, copies and
// versions. The versions of both are put in the order they were first
// seen, and a version whose content equals the one before it is that
// version seen again (its fetches count as unchanged re-fetches); the
// other record is deleted.
func mergeDocs(tx *bolt.Tx, codec *codec, a, b *docRecord) (*docRecord, error) {
	keep, gone := a, b
	if b.Versions[0].FirstSeen.Before(a.Versions[0].FirstSeen) {
		keep, gone = b, a
	}
	versions := tx.Bucket(bucketVersions)
	type stored struct {
		v    Version
		blob []byte
		rec  *docRecord
	}
	var all []stored
	for _, r := range []*docRecord{keep, gone} {
		for _, v := range r.Versions {
			blob := versions.Get(versionKey(r.ID, v.Version))
			if blob == nil {
				return nil, fmt.Errorf("document %s version %d: %w: record missing", r.URL, v.Version, ErrCorrupt)
			}
			all = append(all, stored{v, bytes.Clone(blob), r})
		}
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].v.FirstSeen.Before(all[j].v.FirstSeen) })
	for _, r := range []*docRecord{keep, gone} {
		for _, v := range r.Versions {
			if err := versions.Delete(versionKey(r.ID, v.Version)); err != nil {
				return nil, err
			}
		}
	}

	var merged []Version
	content := tx.Bucket(bucketDocContent)
	for _, s := range all {
		if s.rec == gone {
			// The content index names the merged document from now on.
			if vr, err := decodeVersion(codec, s.blob); err == nil {
				key := contentKey(hostOf(gone.URL), vr.Doc.ContentHash, vr.Doc.Title)
				if id := content.Get(key); id != nil && string(id) == gone.ID {
					if err := content.Put(key, []byte(keep.ID)); err != nil {
						return nil, err
					}
				}
			}
		}
		if n := len(merged); n > 0 && merged[n-1].ContentHash == s.v.ContentHash {
			last := &merged[n-1]
			if s.v.LastSeen.After(last.LastSeen) {
				last.LastSeen = s.v.LastSeen
			}
			last.UnchangedRefetches += s.v.UnchangedRefetches + 1
			continue
		}
		v := s.v
		v.Version = len(merged) + 1
		merged = append(merged, v)
		if err := versions.Put(versionKey(keep.ID, v.Version), s.blob); err != nil {
			return nil, err
		}
	}
	keep.Versions = merged

	index := tx.Bucket(bucketDocURLs)
	for _, u := range gone.URLs {
		if err := index.Put([]byte(u), []byte(keep.ID)); err != nil {
			return nil, err
		}
		if !slices.Contains(keep.URLs, u) {
			keep.URLs = append(keep.URLs, u)
		}
	}
	for _, u := range gone.Republished {
		if !slices.Contains(keep.Republished, u) {
			keep.Republished = append(keep.Republished, u)
		}
	}
	for u, d := range gone.Drift {
		if keep.Drift == nil {
			keep.Drift = map[string]drift{}
		}
		keep.Drift[u] = d
	}
	keep.Recheck = keep.Recheck || gone.Recheck
	if gone.LastFetch.After(keep.LastFetch) {
		keep.LastFetch, keep.Incomplete = gone.LastFetch, gone.Incomplete
	}
	if gone.Checked.After(keep.Checked) {
		keep.Checked = gone.Checked
	}

	// list orders documents by their latest change: the merged one's is
	// its latest version's, and the other's entry is left behind.
	order := tx.Bucket(bucketDocOrder)
	key := orderKey(merged[len(merged)-1].FirstSeen, keep.ID)
	if err := moveOrder(order, keep.OrderKey, key); err != nil {
		return nil, err
	}
	keep.OrderKey = key
	if err := leaveOrder(order, gone.OrderKey); err != nil {
		return nil, err
	}
	if err := tx.Bucket(bucketDocs).Delete([]byte(gone.ID)); err != nil {
		return nil, err
	}
	return keep, putJSON(tx.Bucket(bucketDocs), []byte(keep.ID), keep)
}
