package store

import (
	"bytes"
	"fmt"
	"net"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
	"golang.org/x/net/idna"
)

// Streaming reads for exports: like Captures and Documents they read in
// short spells, so an export of any size neither holds the store from a
// writer for long nor keeps more than a chunk in memory.

// Identity returns a string naming this store for as long as it exists:
// the URL and time (to the nanosecond) of its first capture. Exports derive
// stable record ids from it, so that exporting the same store twice gives
// the same ids. "" for a store without captures.
func (db *DB) Identity() (string, error) {
	var id string
	err := db.view(func(tx *bolt.Tx) error {
		k, _ := tx.Bucket(bucketCaptures).Cursor().First()
		if k == nil {
			return nil
		}
		c, err := getCapture(tx, getU64(k))
		if err != nil {
			return err
		}
		id = c.URL + " " + c.Time.UTC().Format(time.RFC3339Nano)
		return nil
	})
	return id, err
}

// LastCaptureID returns the highest capture id given out so far (0 for a
// new store). Captures stored later get higher ids.
func (db *DB) LastCaptureID() (uint64, error) {
	var n uint64
	err := db.view(func(tx *bolt.Tx) error {
		n = tx.Bucket(bucketCaptures).Sequence()
		return nil
	})
	return n, err
}

// CapturesOf calls fn for each capture of url (exactly that URL), oldest
// first, until fn returns an error.
func (db *DB) CapturesOf(url string, fn func(*Capture) error) error {
	prefix := append([]byte(url), 0)
	var ids []uint64
	err := db.view(func(tx *bolt.Tx) error {
		cur := tx.Bucket(bucketCaptureURLs).Cursor()
		for k, _ := cur.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = cur.Next() {
			if len(k) == len(prefix)+8 {
				ids = append(ids, getU64(k[len(prefix):]))
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	const chunk = 64
	for len(ids) > 0 {
		n := min(chunk, len(ids))
		var batch []*Capture
		err := db.view(func(tx *bolt.Tx) error {
			for _, id := range ids[:n] {
				c, err := getCapture(tx, id)
				if err != nil {
					return err
				}
				batch = append(batch, c)
			}
			return nil
		})
		if err != nil {
			return err
		}
		ids = ids[n:]
		for _, c := range batch {
			if err := fn(c); err != nil {
				return err
			}
		}
	}
	return nil
}

// DocumentURLs returns every URL that leads to the document url leads to:
// its URL, its pages' URLs and its aliases.
func (db *DB) DocumentURLs(url string) ([]string, error) {
	var urls []string
	err := db.view(func(tx *bolt.Tx) error {
		rec, err := lookupDoc(tx, url)
		if err != nil {
			return err
		}
		urls = append([]string{rec.URL}, rec.URLs...)
		return nil
	})
	return urls, err
}

// VersionFilter selects document versions for DocumentVersions. Zero
// fields select everything.
type VersionFilter struct {
	Host  string    // documents whose URL is on this host
	Since time.Time // versions first seen at or after this time
	URL   string    // the document this URL leads to (any of its URLs)
}

// DocumentVersions calls fn with every stored version of every document
// the filter selects, document after document (in the order of their
// ids), each document's versions oldest first, until fn returns an error.
// Each Document is as Document(url, n) returns it: pages carry the ids of
// the captures they were read from. It reads in short spells; version keys
// never move, so every version stored when the call began is visited
// exactly once, whatever writers do meanwhile.
func (db *DB) DocumentVersions(filter VersionFilter, fn func(*Document) error) error {
	var only []byte // the one document's id, with --url
	if filter.URL != "" {
		err := db.view(func(tx *bolt.Tx) error {
			rec, err := lookupDoc(tx, filter.URL)
			if err != nil {
				return err
			}
			only = append([]byte(rec.ID), 0)
			return nil
		})
		if err != nil {
			return err
		}
	}
	const chunk = 64
	var after []byte // the last version key handled
	return inSpells(db, func(tx *bolt.Tx) ([]*Document, bool, error) {
		var batch []*Document
		cur := tx.Bucket(bucketVersions).Cursor()
		var k []byte
		switch {
		case after != nil:
			if k, _ = cur.Seek(after); k != nil && bytes.Equal(k, after) {
				k, _ = cur.Next()
			}
		case only != nil:
			k, _ = cur.Seek(only)
		default:
			k, _ = cur.First()
		}
		var rec *docRecord
		for examined := 0; ; k, _ = cur.Next() {
			if k == nil || (only != nil && !bytes.HasPrefix(k, only)) {
				return batch, true, nil
			}
			if examined == keysPerRead || len(batch) == chunk {
				return batch, false, nil
			}
			examined++
			after = bytes.Clone(k)
			i := bytes.IndexByte(k, 0)
			if i < 0 || len(k) != i+9 {
				return nil, false, fmt.Errorf("%w: version key %q", ErrCorrupt, k)
			}
			id, n := k[:i], int(getU64(k[i+1:]))
			if rec == nil || rec.ID != string(id) {
				rec = &docRecord{}
				if err := getJSON(tx.Bucket(bucketDocs), id, rec); err != nil {
					return nil, false, err
				}
			}
			if filter.Host != "" && !HostMatches(rec.URL, filter.Host) {
				continue
			}
			if !filter.Since.IsZero() && n <= len(rec.Versions) && rec.Versions[n-1].FirstSeen.Before(filter.Since) {
				continue
			}
			doc, err := loadVersion(tx, db.codec, rec, n)
			if err != nil {
				return nil, false, err
			}
			batch = append(batch, doc)
		}
	}, fn)
}

// HostMatches reports whether the URL is on site, as the store's host
// filters (--site) compare them: case-insensitively, and on the host name
// alone unless site names a port ("127.0.0.1" matches
// http://127.0.0.1:8111/a.html, "127.0.0.1:8111" only that port, and
// "host:80" http://host/). A site given as a URL ("http://host/") stands
// for its host.
func HostMatches(url, site string) bool {
	site = strings.ToLower(hostOf(strings.TrimSpace(site)))
	if name, port, err := net.SplitHostPort(site); err == nil {
		site = net.JoinHostPort(strings.TrimSuffix(name, "."), port) // the root's dot: x.gov.cn. is x.gov.cn
	} else {
		site = strings.TrimSuffix(site, ".")
	}
	if !isASCII(site) {
		// A site named in Unicode (中文.政务): the host as requests name
		// it, and as captures are stored, is its punycode (xn--…).
		name, port := splitHostPort(site)
		if ascii, err := idna.Lookup.ToASCII(name); err == nil {
			if port {
				ascii += site[strings.LastIndexByte(site, ':'):]
			}
			site = ascii
		}
	}
	host := strings.ToLower(hostOf(url))
	if i := strings.LastIndexByte(host, '@'); i >= 0 {
		host = host[i+1:]
	}
	if host == site {
		return true
	}
	siteName, sitePort := splitHostPort(site)
	name, port := splitHostPort(host)
	if sitePort {
		// x.gov.cn:80 is http://x.gov.cn/, whose port goes unwritten.
		if port || name != siteName {
			return false
		}
		def := ":80"
		if strings.HasPrefix(strings.ToLower(strings.TrimSpace(url)), "https:") {
			def = ":443"
		}
		return strings.HasSuffix(site, def)
	}
	return name == siteName
}

// splitHostPort returns host's name without port or IPv6 brackets, and
// whether a port was there.
func splitHostPort(host string) (string, bool) {
	if strings.HasPrefix(host, "[") {
		i := strings.IndexByte(host, ']')
		if i < 0 {
			return host, false
		}
		return host[1:i], strings.HasPrefix(host[i+1:], ":")
	}
	if strings.Count(host, ":") == 1 {
		return host[:strings.IndexByte(host, ':')], true
	}
	return host, false
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
