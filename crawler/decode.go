package crawler

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	// klauspost's decoders read the same formats as the standard
	// library's at about half the CPU.
	"github.com/klauspost/compress/flate"
	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zlib"
)

// decodeBody undoes a Content-Encoding for extraction, reading at most limit
// decoded bytes: a gzip bomb stops at the limit like any long body. The
// stored payload keeps the encoding; this copy is only for reading. A body
// that does not decode as it claims is returned as it is, which package
// extract then judges on its bytes.
func decodeBody(raw []byte, contentEncoding string, limit int64) []byte {
	body, _ := decodeContent(raw, contentEncoding, limit)
	return body
}

// decodeContent is decodeBody that also says when a body that is in its
// coding breaks off: a gzip stream corrupt or cut short halfway (what it
// read is returned with the error). A browser shows no page for it
// (ERR_CONTENT_DECODING_FAILED); a body that is not in the coding at all
// (plain bytes under a wrong Content-Encoding) is read as it is.
func decodeContent(raw []byte, contentEncoding string, limit int64) ([]byte, error) {
	var r io.Reader
	var err error
	switch strings.ToLower(strings.TrimSpace(contentEncoding)) {
	case "gzip", "x-gzip":
		r, err = gzip.NewReader(bytes.NewReader(raw))
	case "deflate":
		// "deflate" is zlib-wrapped per the RFC, raw deflate in practice
		// on some servers: try both.
		if zr, zerr := zlib.NewReader(bytes.NewReader(raw)); zerr == nil {
			r = zr
		} else {
			r = flate.NewReader(bytes.NewReader(raw))
		}
	default:
		if int64(len(raw)) > limit {
			return raw[:limit], nil
		}
		return raw, nil
	}
	if err != nil {
		return raw, nil
	}
	out, err := io.ReadAll(io.LimitReader(r, limit))
	if len(out) == 0 {
		return raw, nil
	}
	if err != nil {
		return out, fmt.Errorf("%s body broken off: %w", strings.ToLower(strings.TrimSpace(contentEncoding)), err)
	}
	return out, nil
}
