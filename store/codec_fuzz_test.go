package store

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// FuzzUnpack: a damaged blob (a flipped bit, a cut, a wrong codec byte)
// never makes a read panic: unpack gives its bytes or an error that is
// ErrCorrupt; what it gives never aliases the blob; and what pack made
// comes back whole.
func FuzzUnpack(f *testing.F) {
	c := newCodec()
	// Pages of the sample portal, in their encodings, packed as stored.
	filepath.WalkDir(filepath.Join("..", "testdata", "portal"), func(path string, d fs.DirEntry, err error) error {
		if err == nil && filepath.Ext(path) == ".html" {
			if data, err := os.ReadFile(path); err == nil {
				f.Add(c.pack(data))
			}
		}
		return nil
	})
	page := bytes.Repeat([]byte("<p>关于印发2024年工作要点的通知</p>\n"), 40)
	blob := c.pack(page)
	f.Add(blob)
	f.Add(blob[:len(blob)/2])
	f.Add(append([]byte{blob[0]}, blob[2:]...))
	f.Add(c.pack([]byte("short")))
	f.Add(c.pack([]byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0}))
	f.Add([]byte{blobZstd, 0x28, 0xb5, 0x2f, 0xfd, 0xe4, 0xff, 0xff, 0xff, 0x3f, 0, 0, 0, 0}) // claims a huge frame
	f.Add([]byte{7, 1, 2, 3})
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, blob []byte) {
		orig := bytes.Clone(blob)
		out, err := c.unpack(blob)
		if !bytes.Equal(blob, orig) {
			t.Fatal("unpack changed the blob")
		}
		if err != nil {
			if !errors.Is(err, ErrCorrupt) {
				t.Fatalf("%q: %v, want ErrCorrupt", blob, err)
			}
			if out != nil {
				t.Fatalf("%q: an error, and %d bytes", blob, len(out))
			}
		} else {
			if blob[0] == blobRaw && !bytes.Equal(out, blob[1:]) {
				t.Fatalf("%q: a raw blob unpacked to %q", blob, out)
			}
			if len(out) > 0 && len(blob) > 1 {
				out[0] ^= 0xff
				if !bytes.Equal(blob, orig) {
					t.Fatal("the unpacked bytes alias the blob")
				}
			}
		}
		// The blob's bytes as data: packed, they come back.
		back, err := c.unpack(c.pack(blob))
		if err != nil || !bytes.Equal(back, blob) {
			t.Fatalf("%q packed and unpacked: %q, %v", blob, back, err)
		}
	})
}
