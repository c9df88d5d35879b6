package bundle

import (
	"testing"

	"folio/store"
	"folio/warc"
)

// TestDigestsAgree: the store names payloads by store.Digest and the
// export writes them as WARC-Payload-Digest by warc.Digest (neither
// package imports the other); a revisit finds its response only if the
// two are one function.
func TestDigestsAgree(t *testing.T) {
	for _, b := range [][]byte{nil, []byte("a"), []byte("<html>\xcd\xa8\xd6\xaa</html>"), make([]byte, 70000)} {
		if s, w := store.Digest(b), warc.Digest(b); s != w {
			t.Errorf("%d bytes: store.Digest %s, warc.Digest %s", len(b), s, w)
		}
	}
}
