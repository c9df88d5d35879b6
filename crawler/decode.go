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

// decodeLimited is decodeContent to limit bytes that also says whether
// the coding held more (a gzip page under --max-body that decodes to more
// than it: the stored payload is whole, the reading is not). It reads one
// byte past the limit to tell: a page of exactly the limit is whole.
func decodeLimited(raw []byte, contentEncoding string, limit int64) (body []byte, cut bool, err error) {
	switch strings.ToLower(strings.TrimSpace(contentEncoding)) {
	case "gzip", "x-gzip", "deflate":
		if limit > 0 {
			body, err = decodeContent(raw, contentEncoding, limit+1)
			if int64(len(body)) > limit {
				return body[:limit], true, err
			}
			return body, false, err
		}
	}
	body, err = decodeContent(raw, contentEncoding, limit)
	return body, false, err
}

// decodeContent is decodeBody that also says when a body that is in its
// coding breaks off: a gzip stream corrupt or cut short halfway (what it
// read is returned with the error). A browser shows no page for it
// (ERR_CONTENT_DECODING_FAILED); a body that is not in the coding at all
// (plain bytes under a wrong Content-Encoding) is read as it is.
func decodeContent(raw []byte, contentEncoding string, limit int64) ([]byte, error) {
	coding := strings.ToLower(strings.TrimSpace(contentEncoding))
	var out []byte
	var err error
	deflated := 0 // where raw's deflate data begins, to read it alone
	switch coding {
	case "gzip", "x-gzip":
		out, err = gunzip(raw, limit)
		deflated = gzipHeaderLen(raw)
	case "deflate":
		// "deflate" is zlib-wrapped per the RFC, raw deflate in practice
		// on some servers: try both.
		if zr, zerr := zlib.NewReader(bytes.NewReader(raw)); zerr == nil {
			out, err = io.ReadAll(io.LimitReader(zr, limit))
			deflated = 2
		} else {
			out, err = io.ReadAll(io.LimitReader(flate.NewReader(bytes.NewReader(raw)), limit))
		}
	default:
		if int64(len(raw)) > limit {
			return raw[:limit], nil
		}
		return raw, nil
	}
	if err != nil && deflated > 0 && deflated < len(raw) {
		// The deflate data may be whole with only its checksum trailer
		// missing (a server that closed early): browsers show such a
		// page, and so does folio.
		if whole, ferr := io.ReadAll(io.LimitReader(flate.NewReader(bytes.NewReader(raw[deflated:])), limit)); ferr == nil && len(whole) > 0 {
			return whole, nil
		}
	}
	if len(out) == 0 {
		return raw, nil // not in the coding it claims: read as it is
	}
	if err != nil {
		return out, fmt.Errorf("%s body broken off: %w", coding, err)
	}
	return out, nil
}

// gunzip reads the gzip members raw holds, one after another, to limit
// bytes; bytes after a member that open no other (a newline, zero
// padding) are not read.
func gunzip(raw []byte, limit int64) ([]byte, error) {
	br := bytes.NewReader(raw) // a ByteReader: each member is read to its end exactly
	zr, err := gzip.NewReader(br)
	if err != nil {
		return nil, nil // not gzip at all: the caller reads it as it is
	}
	var out bytes.Buffer
	for {
		zr.Multistream(false)
		if _, err := io.Copy(&out, io.LimitReader(zr, limit-int64(out.Len()))); err != nil {
			return out.Bytes(), err
		}
		rest := raw[len(raw)-br.Len():]
		if int64(out.Len()) >= limit || len(rest) < 2 || rest[0] != 0x1f || rest[1] != 0x8b {
			return out.Bytes(), nil
		}
		if err := zr.Reset(br); err != nil {
			return out.Bytes(), err
		}
	}
}

// gzipHeaderLen is the length of the gzip member header raw opens with
// (RFC 1952: ten bytes, then the optional extra field, file name, comment
// and header CRC its flags announce); 0 when raw is too short for it.
func gzipHeaderLen(raw []byte) int {
	if len(raw) < 10 || raw[0] != 0x1f || raw[1] != 0x8b {
		return 0
	}
	flags, n := raw[3], 10
	if flags&4 != 0 { // FEXTRA
		if len(raw) < n+2 {
			return 0
		}
		n += 2 + (int(raw[n]) | int(raw[n+1])<<8)
	}
	for _, bit := range []byte{8, 16} { // FNAME, FCOMMENT: zero-terminated
		if flags&bit != 0 {
			i := bytes.IndexByte(raw[min(n, len(raw)):], 0)
			if i < 0 {
				return 0
			}
			n += i + 1
		}
	}
	if flags&2 != 0 { // FHCRC
		n += 2
	}
	if n > len(raw) {
		return 0
	}
	return n
}
