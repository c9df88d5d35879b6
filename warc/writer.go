package warc

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/klauspost/compress/gzip"
)

// WriterOptions configure a Writer. A nil *WriterOptions means the
// defaults; every zero field means its default.
type WriterOptions struct {
	// Uncompressed writes plain WARC (.warc). The zero value writes each
	// record as its own gzip member (.warc.gz), which is what indexes and
	// replay tools expect.
	Uncompressed bool
	// GzipLevel is the compression level, gzip.BestSpeed (1) to
	// gzip.BestCompression (9). Zero means gzip's default (6).
	GzipLevel int
}

// Writer writes WARC records to an io.Writer.
type Writer struct {
	opts WriterOptions
	buf  *bufio.Writer
	cw   *countWriter // counts what goes into buf, so offsets are exact
	gz   *gzip.Writer
	out  io.Writer // where the current record's bytes go: gz or cw

	left   int64 // block bytes the current record still expects; -1 between records
	closed bool
	err    error // sticky
}

// NewWriter returns a Writer that writes to w. Closing the Writer does not
// close w.
func NewWriter(w io.Writer, opts *WriterOptions) *Writer {
	wr := &Writer{left: -1}
	if opts != nil {
		wr.opts = *opts
	}
	wr.buf = bufio.NewWriterSize(w, 64<<10)
	wr.cw = &countWriter{w: wr.buf}
	return wr
}

// Offset is the number of bytes written so far. Between records (before
// the first Create, after Flush) it is where the next record will start.
func (w *Writer) Offset() int64 { return w.cw.n }

// Create writes the version line and the header of a new record, ending the
// record before it, and returns the writer for the block. Exactly
// Content-Length bytes must be written to it. h must carry WARC-Type,
// WARC-Record-ID, WARC-Date and Content-Length; its fields are written in
// their order.
func (w *Writer) Create(h Header) (io.Writer, error) {
	if err := w.endRecord(); err != nil {
		return nil, err
	}
	length, err := checkHeader(h)
	if err != nil {
		return nil, err
	}
	if w.opts.Uncompressed {
		w.out = w.cw
	} else {
		if w.gz == nil {
			level := w.opts.GzipLevel
			if level == 0 {
				level = gzip.DefaultCompression
			}
			if w.gz, err = gzip.NewWriterLevel(w.cw, level); err != nil {
				return nil, fmt.Errorf("%w: gzip level %d", ErrHeader, w.opts.GzipLevel)
			}
		} else {
			w.gz.Reset(w.cw)
		}
		w.out = w.gz
	}
	var b strings.Builder
	b.WriteString(Version1_1)
	b.WriteString("\r\n")
	for _, f := range h {
		b.WriteString(f.Name)
		b.WriteString(": ")
		b.WriteString(f.Value)
		b.WriteString("\r\n")
	}
	b.WriteString("\r\n")
	if _, err := io.WriteString(w.out, b.String()); err != nil {
		return nil, w.fail(err)
	}
	w.left = length
	return blockWriter{w}, nil
}

// checkHeader makes sure h can be written and returns its Content-Length.
func checkHeader(h Header) (int64, error) {
	for _, name := range []string{FieldType, FieldRecordID, FieldDate, FieldContentLength} {
		if h.Get(name) == "" {
			return 0, fmt.Errorf("%w: no %s", ErrHeader, name)
		}
	}
	for _, f := range h {
		if f.Name == "" || strings.ContainsAny(f.Name, ":\r\n \t") {
			return 0, fmt.Errorf("%w: field name %q", ErrHeader, f.Name)
		}
		if strings.ContainsAny(f.Value, "\r\n") {
			return 0, fmt.Errorf("%w: %s holds a line break", ErrHeader, f.Name)
		}
	}
	n, err := strconv.ParseInt(h.Get(FieldContentLength), 10, 64)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("%w: Content-Length %q", ErrHeader, h.Get(FieldContentLength))
	}
	return n, nil
}

type blockWriter struct{ w *Writer }

func (b blockWriter) Write(p []byte) (int, error) {
	w := b.w
	if w.err != nil {
		return 0, w.err
	}
	if w.left < 0 {
		return 0, fmt.Errorf("warc: write to a record that has ended")
	}
	if int64(len(p)) > w.left {
		return 0, fmt.Errorf("%w: %d bytes too many", ErrLength, int64(len(p))-w.left)
	}
	n, err := w.out.Write(p)
	w.left -= int64(n)
	if err != nil {
		return n, w.fail(err)
	}
	return n, nil
}

// endRecord writes the end-of-record marker and ends the gzip member.
func (w *Writer) endRecord() error {
	if w.closed {
		return ErrClosed
	}
	if w.err != nil {
		return w.err
	}
	if w.left < 0 {
		return nil
	}
	if w.left > 0 {
		return w.fail(fmt.Errorf("%w: %d bytes short", ErrLength, w.left))
	}
	w.left = -1
	if _, err := io.WriteString(w.out, "\r\n\r\n"); err != nil {
		return w.fail(err)
	}
	if w.out == w.gz {
		if err := w.gz.Close(); err != nil {
			return w.fail(err)
		}
	}
	return nil
}

// Flush ends the current record, if any, and writes out what is buffered.
func (w *Writer) Flush() error {
	if err := w.endRecord(); err != nil {
		return err
	}
	if err := w.buf.Flush(); err != nil {
		return w.fail(err)
	}
	return nil
}

// Close ends the last record and flushes. It does not close the
// underlying writer.
func (w *Writer) Close() error {
	if w.closed {
		return nil
	}
	err := w.Flush()
	w.closed = true
	return err
}

func (w *Writer) fail(err error) error {
	if w.err == nil {
		w.err = err
	}
	return w.err
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
