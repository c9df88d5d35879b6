package warc

import "errors"

var (
	// ErrFormat: the input is not a WARC file, or a record in it is broken
	// beyond reading (no version line, no Content-Length, a header that
	// never ends).
	ErrFormat = errors.New("warc: malformed record")
	// ErrBrokenRecord marks an error confined to one record or gzip member
	// (a header that does not parse, a Content-Length that does not fit
	// the bytes, a gzip member that does not decompress, junk between
	// members): the next call of Reader.Next reads on from the next record
	// (the next gzip member header). Errors without it (the input failing)
	// end the read.
	ErrBrokenRecord = errors.New("warc: broken record")
	// ErrHeader: a header given to Create lacks a mandatory field or holds
	// a value that cannot be written (a line break, a bad Content-Length).
	ErrHeader = errors.New("warc: invalid record header")
	// ErrLength: a block was longer or shorter than its Content-Length:
	// written so, or read so (the bytes after it are not the end of the
	// record).
	ErrLength = errors.New("warc: block does not match Content-Length")
	// ErrDigest: a block read does not have the WARC-Block-Digest its
	// record declares: its bytes are not those that were written.
	ErrDigest = errors.New("warc: block digest mismatch")
	// ErrClosed: a write after Close.
	ErrClosed = errors.New("warc: writer closed")
	// ErrHTTP: a block that should hold an HTTP message does not start
	// with one.
	ErrHTTP = errors.New("warc: block is not an HTTP message")
	// ErrWACZ: a WACZ file that does not hold what the format requires,
	// or whose files do not match datapackage.json.
	ErrWACZ = errors.New("warc: invalid WACZ")
)

// Errors of a line, not of the input: the input (or its gzip member)
// ended inside it, or it is too long to be a header line. They are
// wrapped in the errors above before they leave the package.
var (
	errCutLine     = errors.New("unexpected EOF")
	errLineTooLong = errors.New("line too long")
)
