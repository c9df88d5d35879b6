package warc

import "errors"

var (
	// ErrFormat: the input is not a WARC file, or a record in it is broken
	// beyond reading (no version line, no Content-Length, a header that
	// never ends).
	ErrFormat = errors.New("warc: malformed record")
	// ErrHeader: a header given to Create lacks a mandatory field or holds
	// a value that cannot be written (a line break, a bad Content-Length).
	ErrHeader = errors.New("warc: invalid record header")
	// ErrLength: a block was longer or shorter than its Content-Length.
	ErrLength = errors.New("warc: block does not match Content-Length")
	// ErrClosed: a write after Close.
	ErrClosed = errors.New("warc: writer closed")
)
