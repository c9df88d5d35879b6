package warc

import (
	"bytes"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base32"
	"encoding/hex"
	"hash"
	"strings"
)

// Digest returns the labelled SHA-1 digest of b in the form WARC tools
// expect: "sha1:" and 32 base32 characters.
func Digest(b []byte) string {
	sum := sha1.Sum(b)
	return "sha1:" + base32.StdEncoding.EncodeToString(sum[:])
}

// Digester computes a labelled SHA-1 digest of what is written to it.
type Digester struct{ h hash.Hash }

// NewDigester returns a SHA-1 Digester.
func NewDigester() *Digester { return &Digester{h: sha1.New()} }

func (d *Digester) Write(p []byte) (int, error) { return d.h.Write(p) }

// Digest returns "sha1:BASE32" of what was written so far.
func (d *Digester) Digest() string {
	return "sha1:" + base32.StdEncoding.EncodeToString(d.h.Sum(nil))
}

// NormalizeSHA1 returns a SHA-1 labelled digest in folio's form
// ("sha1:BASE32"), whether it was written in base32 or hex; ok is false
// for other algorithms or malformed values.
func NormalizeSHA1(labelled string) (string, bool) {
	alg, value, found := strings.Cut(strings.TrimSpace(labelled), ":")
	if !found || strings.ReplaceAll(strings.ToLower(alg), "-", "") != "sha1" {
		return "", false
	}
	sum, ok := decodeDigest(value, sha1.Size)
	if !ok {
		return "", false
	}
	return "sha1:" + base32.StdEncoding.EncodeToString(sum), true
}

// decodeDigest reads a digest value in base32 or hex.
func decodeDigest(value string, size int) ([]byte, bool) {
	value = strings.TrimSpace(value)
	if len(value) == 2*size {
		if b, err := hex.DecodeString(value); err == nil {
			return b, true
		}
	}
	up := strings.ToUpper(value)
	if b, err := base32.StdEncoding.DecodeString(up); err == nil && len(b) == size {
		return b, true
	}
	if b, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(strings.TrimRight(up, "=")); err == nil && len(b) == size {
		return b, true
	}
	return nil, false
}

// digestCheck hashes what is written to it, to compare with a labelled
// digest a record declares.
type digestCheck struct {
	h    hash.Hash
	want []byte
}

// newDigestCheck returns a check of the labelled digest (sha1, sha256,
// sha512 or md5; base32 or hex), or nil when it cannot be checked: an
// algorithm folio does not know, or a value that does not decode.
func newDigestCheck(labelled string) *digestCheck {
	alg, value, found := strings.Cut(strings.TrimSpace(labelled), ":")
	if !found {
		return nil
	}
	var h hash.Hash
	switch strings.ReplaceAll(strings.ToLower(alg), "-", "") {
	case "sha1":
		h = sha1.New()
	case "sha256":
		h = sha256.New()
	case "sha512":
		h = sha512.New()
	case "md5":
		h = md5.New()
	default:
		return nil
	}
	want, ok := decodeDigest(value, h.Size())
	if !ok {
		return nil
	}
	return &digestCheck{h: h, want: want}
}

func (d *digestCheck) Write(p []byte) (int, error) { return d.h.Write(p) }

func (d *digestCheck) match() bool { return bytes.Equal(d.h.Sum(nil), d.want) }

// DigestMatches tells whether the labelled digest is that of the parts
// one after the other; checkable is false when it cannot be told (see
// newDigestCheck), and match is then true.
func DigestMatches(labelled string, parts ...[]byte) (match, checkable bool) {
	d := newDigestCheck(labelled)
	if d == nil {
		return true, false
	}
	for _, p := range parts {
		d.Write(p)
	}
	return d.match(), true
}
