package crawler

import (
	"bytes"
	"testing"

	"github.com/klauspost/compress/gzip"
)

// FuzzDecodeContent: any body under any coding decodes without a panic,
// never past the limit.
func FuzzDecodeContent(f *testing.F) {
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Name = "a.html"
	zw.Write([]byte("<html><body><p>县政府召开常务会议</p></body></html>"))
	zw.Close()
	f.Add(gz.Bytes(), "gzip")
	f.Add(gz.Bytes()[:gz.Len()-8], "gzip")
	f.Add(append(bytes.Clone(gz.Bytes()), gz.Bytes()...), "x-gzip")
	f.Add([]byte{0x1f, 0x8b, 8, 4, 0, 0, 0, 0, 0, 0, 0xff, 0xff}, "gzip")
	f.Add([]byte("x\x9c\xcbH\xcd\xc9\xc9\x07\x00"), "deflate")
	f.Add([]byte("plain"), "br")
	f.Fuzz(func(t *testing.T, raw []byte, coding string) {
		const limit = 1 << 16
		out, _ := decodeContent(raw, coding, limit)
		if len(out) > limit && len(out) > len(raw) {
			t.Fatalf("%d bytes decoded past the limit", len(out))
		}
	})
}
