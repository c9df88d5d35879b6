package bundle

import (
	"bytes"
	"io/fs"
	"net/http/httputil"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// chunkedIn encodes data as a server sends it chunked: chunks of the
// lengths cuts gives (each byte a length of 1 to 256; the rest in one
// chunk), the last chunk, no trailer.
func chunkedIn(data, cuts []byte) []byte {
	var buf bytes.Buffer
	w := httputil.NewChunkedWriter(&buf)
	for _, n := range cuts {
		if len(data) == 0 {
			break
		}
		n := min(int(n)+1, len(data))
		w.Write(data[:n])
		data = data[n:]
	}
	if len(data) > 0 {
		w.Write(data)
	}
	w.Close()
	buf.WriteString("\r\n")
	return buf.Bytes()
}

// FuzzDechunk: a WARC's response block, chunked or not, never makes the
// import panic; a block that is not chunked is kept as it is, and never
// grows; a body sent chunked comes back as it was sent.
func FuzzDechunk(f *testing.F) {
	// The sample portal's pages (what testdata/wget's WARC recorded them
	// as, chunked by the demo server), whole, in pieces, and cut short as
	// MaxBody cuts a block.
	pages := 0
	filepath.WalkDir(filepath.Join("..", "..", "testdata", "portal"), func(path string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() && d.Name() == "src" {
			return filepath.SkipDir
		}
		if err != nil || filepath.Ext(path) != ".html" {
			return nil
		}
		page, err := os.ReadFile(path)
		if err != nil {
			return nil
		}
		pages++
		block := chunkedIn(page, nil)
		f.Add(block, "chunked", []byte{})
		f.Add(block[:len(block)*2/3], "chunked", []byte{})
		f.Add(page, "chunked", []byte{255, 255, 17, 0, 128})
		return nil
	})
	if pages == 0 {
		f.Fatal("no page of the sample portal found")
	}
	f.Add([]byte("5\r\nhello\r\n0\r\n\r\n"), "chunked", []byte{})
	f.Add([]byte("5;ext=1\r\nhello\r\n0\r\nX-Trailer: a\r\n\r\n"), "Chunked", []byte{})
	f.Add([]byte("1A\r\n<html><body>\xcd\xa8\xd6\xaa</body>\r\n0\r\n\r\n"), "gzip, chunked", []byte{})
	f.Add([]byte("5\r\nhel"), "chunked", []byte{})
	f.Add([]byte("zz\r\nhello\r\n0\r\n\r\n"), "chunked", []byte{})
	f.Add([]byte("ffffffffffffffff\r\nx"), "chunked", []byte{})
	f.Add([]byte("<html>not chunked</html>"), "identity", []byte{})
	f.Fuzz(func(t *testing.T, raw []byte, te string, cuts []byte) {
		out := dechunk(raw, te, false)
		isChunked := strings.Contains(strings.ToLower(te), "chunked")
		if !isChunked && !bytes.Equal(out, raw) {
			t.Fatalf("%q with Transfer-Encoding %q was changed to %q", raw, te, out)
		}
		if len(out) > len(raw) {
			t.Fatalf("%q: dechunked to more bytes (%q)", raw, out)
		}
		// raw as the body a server sent, chunked.
		if !isChunked {
			te = "chunked"
		}
		block := chunkedIn(raw, cuts)
		if got := dechunk(block, te, false); !bytes.Equal(got, raw) {
			t.Fatalf("%q chunked as %q (Transfer-Encoding %q) came back as %q", raw, block, te, got)
		}
	})
}
