package store

import (
	"bytes"
	"encoding/binary"
	"fmt"

	"github.com/klauspost/compress/zstd"
)

// Blobs (payloads and document versions) are stored as one codec byte
// followed by the data. Payloads that are already compressed (a gzip body,
// a JPEG, a ZIP) are stored as they are: compressing them again costs CPU
// and saves nothing.
const (
	blobRaw  byte = 0
	blobZstd byte = 1
)

type codec struct {
	enc *zstd.Encoder
	dec *zstd.Decoder
}

func newCodec() *codec {
	// EncodeAll and DecodeAll are safe for concurrent use; the fastest level
	// keeps the store off the crawl's critical path and still shrinks HTML
	// about four-fold.
	enc, err := zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedFastest), zstd.WithEncoderConcurrency(1))
	if err != nil {
		panic(err) // only on invalid options
	}
	dec, err := zstd.NewReader(nil, zstd.WithDecoderConcurrency(0), zstd.WithDecoderMaxMemory(1<<30))
	if err != nil {
		panic(err)
	}
	return &codec{enc: enc, dec: dec}
}

// pack encodes data as a blob, compressed when that pays.
func (c *codec) pack(data []byte) []byte {
	if len(data) >= 64 && !alreadyCompressed(data) {
		out := make([]byte, 1, len(data)/3+16)
		out[0] = blobZstd
		out = c.enc.EncodeAll(data, out)
		if len(out) < len(data)-len(data)/16 {
			return out
		}
	}
	out := make([]byte, 1+len(data))
	out[0] = blobRaw
	copy(out[1:], data)
	return out
}

// unpack returns the data of a blob; the result never aliases blob.
func (c *codec) unpack(blob []byte) ([]byte, error) {
	if len(blob) == 0 {
		return nil, fmt.Errorf("%w: empty blob", ErrCorrupt)
	}
	switch blob[0] {
	case blobRaw:
		return bytes.Clone(blob[1:]), nil
	case blobZstd:
		out, err := c.dec.DecodeAll(blob[1:], nil)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
		}
		return out, nil
	default:
		return nil, fmt.Errorf("%w: unknown blob codec %d", ErrCorrupt, blob[0])
	}
}

// alreadyCompressed recognises the common compressed formats by their magic
// numbers.
func alreadyCompressed(b []byte) bool {
	for _, magic := range [][]byte{
		{0x1f, 0x8b},             // gzip
		{0x28, 0xb5, 0x2f, 0xfd}, // zstd
		[]byte("PK\x03\x04"),     // zip, docx, xlsx
		{0xff, 0xd8, 0xff},       // jpeg
		[]byte("\x89PNG"),        // png
		[]byte("GIF8"),           // gif
		[]byte("RIFF"),           // webp, avi
		[]byte("Rar!"),           // rar
		[]byte("7z\xbc\xaf"),     // 7z
		{0x42, 0x5a, 0x68},       // bzip2
	} {
		if bytes.HasPrefix(b, magic) {
			return true
		}
	}
	return false
}

func u64(n uint64) []byte {
	b := make([]byte, 8)
	binary.BigEndian.PutUint64(b, n)
	return b
}

func getU64(b []byte) uint64 {
	if len(b) != 8 {
		return 0
	}
	return binary.BigEndian.Uint64(b)
}
