package warc

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// Limits that keep a broken or hostile file from taking memory: a header
// line, a whole record header, and the number of its fields.
const (
	maxLine        = 64 << 10
	maxHeaderBytes = 1 << 20
	maxFields      = 4096
)

// Record is one WARC record as read.
type Record struct {
	Version string // the version line: "WARC/1.1", "WARC/1.0"
	Header  Header
	// Offset is where the record starts in the input: the start of its
	// gzip member in a per-record gzip file, of its version line in a
	// plain file. -1 when it cannot be told (a record inside a gzip member
	// that holds several).
	Offset int64
	// Body reads the record's block: Content-Length bytes. It is valid
	// until the next call of Next.
	Body io.Reader

	length int64
}

// Type is the record's WARC-Type.
func (r *Record) Type() string { return r.Header.Get(FieldType) }

// ID is the record's WARC-Record-ID without angle brackets.
func (r *Record) ID() string { return RecordID(r.Header.Get(FieldRecordID)) }

// TargetURI is the record's WARC-Target-URI without angle brackets.
func (r *Record) TargetURI() string { return TargetURI(r.Header.Get(FieldTargetURI)) }

// ContentLength is the length of the block.
func (r *Record) ContentLength() int64 { return r.length }

// Date parses the record's WARC-Date.
func (r *Record) Date() (time.Time, error) { return ParseDate(r.Header.Get(FieldDate)) }

// ParseDate parses a WARC-Date: W3C-DTF in UTC, with or without fractions
// of a second (WARC 1.1 allows them).
func ParseDate(v string) (time.Time, error) {
	v = strings.TrimSpace(v)
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04Z", "2006-01-02", "20060102150405"} {
		if t, err := time.Parse(layout, v); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("%w: WARC-Date %q", ErrFormat, v)
}

// FormatDate formats t as a WARC-Date: UTC, to the second, which is what
// every reader accepts and what CDX timestamps carry.
func FormatDate(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05Z") }

// Reader reads WARC records in order.
type Reader struct {
	// Compressed input: src counts the compressed bytes consumed, sr lets
	// gzip read exactly one member (it reads through an io.ByteReader
	// without reading ahead), gz decompresses the current member.
	src *countReader
	sr  *bufio.Reader
	gz  *gzip.Reader
	// The (decompressed) WARC text.
	dr *bufio.Reader

	compressed bool
	// fresh: no record has been read from the current gzip member yet,
	// which started at memberStart.
	fresh       bool
	memberStart int64
	body        *bodyReader
	err         error // sticky
	// resync: the last record was broken; the next one starts at the next
	// gzip member or at the next line that is a version line.
	resync bool
}

// NewReader returns a Reader for r, which may be plain WARC, per-record
// gzip, or gzip of the whole file.
func NewReader(r io.Reader) (*Reader, error) {
	cr := &countReader{r: r}
	sr := bufio.NewReaderSize(cr, 64<<10)
	rd := &Reader{src: cr, sr: sr}
	magic, err := sr.Peek(2)
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, err
	}
	if len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		rd.compressed, rd.fresh, rd.memberStart = true, true, rd.offset()
		gz, err := gzip.NewReader(sr)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrFormat, err)
		}
		gz.Multistream(false)
		rd.gz = gz
		rd.dr = bufio.NewReaderSize(memberReader{rd}, 64<<10)
	} else {
		rd.dr = sr
	}
	return rd, nil
}

// memberReader reads the current gzip member only: at its end it says
// io.EOF, and seekRecord decides whether another member follows.
type memberReader struct{ r *Reader }

func (m memberReader) Read(p []byte) (int, error) { return m.r.gz.Read(p) }

// offset is where the input stands, in input bytes.
func (r *Reader) offset() int64 { return r.src.n - int64(r.sr.Buffered()) }

// Next returns the next record, or io.EOF after the last one.
func (r *Reader) Next() (*Record, error) {
	if r.err != nil {
		return nil, r.err
	}
	rec, err := r.next()
	switch {
	case errors.Is(err, ErrBrokenRecord):
		r.resync, r.body = true, nil
	case err != nil:
		r.err = err
	}
	return rec, err
}

// brokenf reports a record that cannot be read: the read goes on from the
// next record.
func (r *Reader) brokenf(offset int64, format string, args ...any) error {
	return fmt.Errorf("%w %s: "+format, append([]any{ErrFormat, r.where(offset)}, args...)...)
}

// where names a record's place in the input for a message.
func (r *Reader) where(offset int64) string {
	if offset < 0 {
		return fmt.Sprintf("in the gzip member at offset %d", r.memberStart)
	}
	return fmt.Sprintf("at offset %d", offset)
}

// brokenError is an ErrFormat confined to one record.
type brokenError struct{ err error }

func (e brokenError) Error() string   { return e.err.Error() }
func (e brokenError) Unwrap() []error { return []error{e.err, ErrBrokenRecord} }

func (r *Reader) next() (*Record, error) {
	// Finish the record before: the rest of its block.
	if b := r.body; b != nil {
		r.body = nil
		reported := b.reported
		if _, err := io.Copy(io.Discard, b); err != nil {
			if b.short && !reported {
				// Its reader never read that far: this is the first word
				// of it. The input (or the gzip member) has ended.
				return nil, brokenError{fmt.Errorf("%w %s: %v", ErrFormat, r.where(b.offset), err)}
			} else if !b.short {
				return nil, err
			}
		}
	}
	offset, err := r.seekRecord()
	if err != nil {
		return nil, err
	}
	line, err := r.readLine()
	for r.resync && (err != nil || !strings.HasPrefix(line, "WARC/")) {
		// After a broken record: skip to the next record, which starts a
		// gzip member or a line of its own.
		if err != nil && !errors.Is(err, errCutLine) && !errors.Is(err, errLineTooLong) {
			return nil, r.inputError(offset, err)
		}
		if offset, err = r.seekRecord(); err != nil {
			return nil, err
		}
		line, err = r.readLine()
	}
	r.resync = false
	rec := &Record{Offset: offset}
	if err != nil {
		if !errors.Is(err, errCutLine) && !errors.Is(err, errLineTooLong) {
			return nil, r.inputError(offset, err)
		}
		return nil, brokenError{r.brokenf(offset, "no version line: %v", err)}
	}
	if !strings.HasPrefix(line, "WARC/") {
		return nil, brokenError{r.brokenf(offset, "%q is not a WARC version line", clipString(line, 40))}
	}
	rec.Version = line
	total := 0
	for {
		line, err := r.readLine()
		if err != nil {
			if !errors.Is(err, errCutLine) && !errors.Is(err, errLineTooLong) {
				return nil, r.inputError(offset, err)
			}
			return nil, brokenError{r.brokenf(offset, "header: %v", err)}
		}
		if line == "" {
			break
		}
		total += len(line)
		if total > maxHeaderBytes || len(rec.Header) >= maxFields {
			return nil, brokenError{r.brokenf(offset, "header too large")}
		}
		if (line[0] == ' ' || line[0] == '\t') && len(rec.Header) > 0 {
			// A folded line continues the last field's value; an empty
			// one adds nothing (not even a space).
			last := &rec.Header[len(rec.Header)-1]
			if more := strings.TrimSpace(line); more != "" && last.Value != "" {
				last.Value += " " + more
			} else if more != "" {
				last.Value = more
			}
			continue
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			return nil, brokenError{r.brokenf(offset, "header line %q", clipString(line, 40))}
		}
		rec.Header = append(rec.Header, Field{strings.TrimSpace(name), strings.TrimSpace(value)})
	}
	n, err := strconv.ParseInt(rec.Header.Get(FieldContentLength), 10, 64)
	if err != nil || n < 0 {
		return nil, brokenError{r.brokenf(offset, "Content-Length %q", rec.Header.Get(FieldContentLength))}
	}
	rec.length = n
	r.body = &bodyReader{r: r.dr, left: n, offset: offset}
	rec.Body = r.body
	return rec, nil
}

// seekRecord skips the blank lines between records, moving to the next
// gzip member where the current one has ended, and returns the offset of
// the record about to be read.
func (r *Reader) seekRecord() (int64, error) {
	for {
		b, err := r.dr.Peek(1)
		if err == nil {
			if b[0] == '\r' || b[0] == '\n' {
				r.dr.Discard(1)
				continue
			}
			switch {
			case !r.compressed:
				return r.offset(), nil
			case r.fresh:
				r.fresh = false
				return r.memberStart, nil
			}
			return -1, nil // inside a member that holds several records
		}
		if !errors.Is(err, io.EOF) {
			if r.compressed {
				return 0, r.inputError(-1, err)
			}
			return 0, r.inputError(r.offset(), err)
		}
		if !r.compressed {
			return 0, io.EOF
		}
		// The member has ended: is there another?
		if _, perr := r.sr.Peek(1); perr != nil {
			if errors.Is(perr, io.EOF) {
				return 0, io.EOF
			}
			return 0, perr
		}
		start := r.offset()
		if err := r.gz.Reset(r.sr); err != nil {
			return 0, fmt.Errorf("%w at offset %d: %v", ErrFormat, start, err)
		}
		r.gz.Multistream(false)
		r.dr.Reset(memberReader{r})
		r.fresh, r.memberStart = true, start
	}
}

// readLine reads one line without its line end (CRLF or a bare LF).
func (r *Reader) readLine() (string, error) {
	var line []byte
	for {
		chunk, err := r.dr.ReadSlice('\n')
		line = append(line, chunk...)
		if len(line) > maxLine {
			return "", errLineTooLong
		}
		if err == nil {
			break
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if errors.Is(err, io.EOF) {
			return "", errCutLine
		}
		return "", err
	}
	line = bytes.TrimRight(line, "\r\n")
	return string(line), nil
}

// inputError is a failure of the input itself, met reading the record at
// offset: it ends the read.
func (r *Reader) inputError(offset int64, err error) error {
	if r.compressed {
		return fmt.Errorf("%w %s: gzip: %v", ErrFormat, r.where(offset), err)
	}
	return err
}

// bodyReader reads a record's block and reports a block cut short.
type bodyReader struct {
	r      io.Reader
	left   int64
	offset int64 // the record's
	// short: the input (or its gzip member) ended inside the block;
	// reported: Read has said so.
	short, reported bool
}

func (b *bodyReader) Read(p []byte) (int, error) {
	if b.left <= 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.r.Read(p)
	b.left -= int64(n)
	if errors.Is(err, io.EOF) {
		if b.left > 0 {
			b.short, b.reported = true, true
			return n, fmt.Errorf("%w: block ends %d bytes early", io.ErrUnexpectedEOF, b.left)
		}
		err = nil
	}
	return n, err
}

type countReader struct {
	r io.Reader
	n int64
}

func (c *countReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

func clipString(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}
