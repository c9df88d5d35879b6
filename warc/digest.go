package warc

import (
	"crypto/sha1"
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
