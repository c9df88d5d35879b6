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
	// until the next call of Next. The block is checked against its
	// WARC-Block-Digest and its length at its end: a damaged block's
	// Read returns the error in place of io.EOF (and Next reports it if
	// no Read did).
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

// FormatDate formats t as a WARC-Date: UTC, with the fraction of a second
// it has, to the microsecond (WARC 1.1: "as much precision as is
// accurately known"; two fetches of one URL in one second stay two), and
// none when it has none.
func FormatDate(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.999999Z") }

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
	// lost: the current gzip member does not decompress (or is no gzip
	// member at all); the read goes on at the next member header found.
	// reportedMember is the member whose damage was reported last: one
	// line per member, however many of its records it spoils.
	lost           bool
	reportedMember int64
	// resyncMember: the gzip member of the broken record that set resync.
	resyncMember int64
	// scanning: the current member was found by a scan for a member
	// header, and no record has come of it yet (it may be compressed
	// bytes that look like a header): its failure is no news.
	scanning bool
	// seeker: the input seeks (a file); a scan then starts again just
	// after the bad member's start, since inflating a damaged member may
	// have run over the next ones. base is where the input stood.
	seeker io.Seeker
	base   int64
}

// NewReader returns a Reader for r, which may be plain WARC, per-record
// gzip, or gzip of the whole file.
func NewReader(r io.Reader) (*Reader, error) {
	cr := &countReader{r: r}
	sr := bufio.NewReaderSize(cr, 64<<10)
	rd := &Reader{src: cr, sr: sr, reportedMember: -1}
	if s, ok := r.(io.Seeker); ok {
		if base, err := s.Seek(0, io.SeekCurrent); err == nil {
			rd.seeker, rd.base = s, base
		}
	}
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
	for {
		rec, err := r.next()
		switch {
		case errors.Is(err, errReported):
			continue // damage told already: read on
		case errors.Is(err, ErrBrokenRecord):
			r.resync, r.body, r.resyncMember = true, nil, r.memberStart
		case err != nil:
			r.err = err
		}
		return rec, err
	}
}

// errReported: the damage met was reported already (a gzip member that
// spoilt a record before); the read goes on without a second word.
var errReported = errors.New("warc: reported already")

// badMember handles a gzip member that does not decompress (a corrupt
// deflate stream, a bad checksum, a member cut short) or bytes that are
// no gzip member (junk between members). Each member of a per-record
// gzip file stands alone (WARC 1.1 annex A), so the read goes on at the
// next gzip member header in the input. A failure of the input itself
// ends the read.
func (r *Reader) badMember(err error) error {
	if r.src.err != nil {
		return r.inputError(-1, err)
	}
	r.lost, r.body = true, nil
	if r.scanning || r.reportedMember == r.memberStart || r.resync && r.resyncMember == r.memberStart {
		// Reported, or what spoilt the record reported before it.
		return errReported
	}
	r.reportedMember = r.memberStart
	return brokenError{r.memberError(err)}
}

// memberError names a damaged gzip member.
func (r *Reader) memberError(err error) error {
	return fmt.Errorf("%w: bad gzip member at offset %d: %s", ErrFormat, r.memberStart, strings.TrimPrefix(err.Error(), "gzip: "))
}

// nextMember moves to the next gzip member header (1f 8b 08) in the
// input, after a member that does not decompress, and starts on it. A
// header that does not parse is passed over the same way.
func (r *Reader) nextMember() error {
	if from := r.memberStart + 1; r.seeker != nil && r.offset() > from {
		if _, err := r.seeker.Seek(r.base+from, io.SeekStart); err != nil {
			return r.inputError(-1, err)
		}
		r.src.n = from
		r.sr.Reset(r.src)
	}
	magic := []byte{0x1f, 0x8b, 0x08}
	for {
		buf, err := r.sr.Peek(r.sr.Size())
		if i := bytes.Index(buf, magic); i >= 0 {
			r.sr.Discard(i)
			if head, _ := r.sr.Peek(10); !memberHeader(head) {
				r.sr.Discard(1)
				continue
			}
			start := r.offset()
			if gerr := r.gz.Reset(r.sr); gerr != nil {
				if r.src.err != nil {
					return r.inputError(start, gerr)
				}
				if r.offset() == start {
					r.sr.Discard(1)
				}
				continue
			}
			r.gz.Multistream(false)
			r.dr.Reset(memberReader{r})
			r.lost, r.fresh, r.memberStart, r.scanning = false, true, start, true
			return nil
		}
		if err != nil && !errors.Is(err, bufio.ErrBufferFull) {
			if errors.Is(err, io.EOF) {
				r.sr.Discard(len(buf))
				return io.EOF
			}
			return err
		}
		// Keep the last two bytes: a header may begin there.
		r.sr.Discard(max(len(buf)-2, 1))
	}
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
			switch {
			case b.gzip && reported:
				r.reportedMember = r.memberStart
			case b.gzip:
				return nil, r.badMember(b.cause)
			case !b.short && !b.damaged:
				return nil, err // the input failed
			case b.short && !reported:
				// Its reader never read that far: this is the first word
				// of it. The input (or the gzip member) has ended.
				return nil, brokenError{fmt.Errorf("%w %s: %v", ErrFormat, r.where(b.offset), err)}
			case !reported:
				return nil, brokenError{err}
			}
			// Told to the record's reader: what follows the block is not
			// the next record for sure.
			r.resync = true
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
			return nil, r.readError(offset, err)
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
			return nil, r.readError(offset, err)
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
				return nil, r.readError(offset, err)
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
	r.scanning = false
	r.body = &bodyReader{rd: r, left: n, length: n, offset: offset}
	if d := rec.Header.Get(FieldBlockDigest); d != "" {
		r.body.check = newDigestCheck(d)
	}
	rec.Body = r.body
	return rec, nil
}

// seekRecord skips the blank lines between records, moving to the next
// gzip member where the current one has ended, and returns the offset of
// the record about to be read.
func (r *Reader) seekRecord() (int64, error) {
	for {
		if r.lost {
			if err := r.nextMember(); err != nil {
				return 0, err
			}
		}
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
				if err := r.badMember(err); !errors.Is(err, errReported) {
					return 0, err
				}
				continue
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
		head, _ := r.sr.Peek(10)
		err = gzip.ErrHeader
		if memberHeader(head) {
			err = r.gz.Reset(r.sr)
		}
		if err != nil {
			// Not a gzip member: junk, or a damaged header. Checked
			// before Reset reads it, which would take in the start of a
			// member after a few bytes of junk.
			r.memberStart = start
			if err := r.badMember(err); !errors.Is(err, errReported) {
				return 0, err
			}
			continue
		}
		r.gz.Multistream(false)
		r.dr.Reset(memberReader{r})
		r.fresh, r.memberStart = true, start
	}
}

// memberHeader tells whether b starts like a gzip member: the magic,
// deflate, no reserved flag.
func memberHeader(b []byte) bool {
	return len(b) >= 10 && b[0] == 0x1f && b[1] == 0x8b && b[2] == 8 && b[3]&0xe0 == 0
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

// readError is a failure met reading the record at offset: a damaged
// gzip member, which the read gets past, or a failure of the input.
func (r *Reader) readError(offset int64, err error) error {
	if r.compressed {
		return r.badMember(err)
	}
	return r.inputError(offset, err)
}

// inputError is a failure of the input itself, met reading the record at
// offset: it ends the read.
func (r *Reader) inputError(offset int64, err error) error {
	if r.compressed {
		return fmt.Errorf("%w %s: gzip: %v", ErrFormat, r.where(offset), err)
	}
	return err
}

// bodyReader reads a record's block, and at its end checks it: its
// WARC-Block-Digest, and that the record ends there (a wrong
// Content-Length ends the block inside other bytes).
type bodyReader struct {
	rd           *Reader
	left, length int64
	offset       int64        // the record's
	check        *digestCheck // the declared WARC-Block-Digest; nil: none to check
	// err is what Read said last, said again; cause is the gzip error
	// under it.
	err, cause error
	// short: the input (or its gzip member) ended inside the block;
	// damaged: its bytes or its length are wrong; gzip: its gzip member
	// does not decompress; reported: Read has said so.
	short, damaged, gzip, reported bool
}

func (b *bodyReader) Read(p []byte) (int, error) {
	if b.err != nil {
		b.reported = true
		return 0, b.err
	}
	if b.left <= 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.rd.dr.Read(p)
	b.left -= int64(n)
	if b.check != nil {
		b.check.Write(p[:n])
	}
	switch {
	case err == nil, errors.Is(err, io.EOF) && b.left == 0:
		if b.left > 0 {
			return n, nil
		}
		// The block is checked at its end, and damage found is told
		// by the next Read, in io.EOF's place: a caller reading exactly
		// ContentLength bytes (io.ReadFull) drops an error that comes
		// with the last bytes, and Next tells one no Read has told.
		if b.err = b.end(); b.err != nil && n == 0 {
			b.reported = true
			return 0, b.err
		}
		return n, nil
	case errors.Is(err, io.EOF):
		b.short = true
		err = fmt.Errorf("%w: block ends %d bytes early", io.ErrUnexpectedEOF, b.left)
	case b.rd.compressed && b.rd.src.err == nil:
		b.gzip, b.cause = true, err
		b.rd.lost = true
		err = b.rd.memberError(err)
	}
	if err != nil {
		b.err, b.reported = err, true
	}
	return n, err
}

// end checks the block read whole.
func (b *bodyReader) end() error {
	if b.rd.compressed {
		// Read on to the end of the member where it ends after the
		// record's blank lines: a bad checksum there spoils the block.
		if _, err := b.rd.dr.Peek(5); err != nil && !errors.Is(err, io.EOF) && b.rd.src.err == nil {
			b.gzip, b.cause = true, err
			b.rd.lost = true
			return b.rd.memberError(err)
		}
	}
	ends := b.rd.recordEnds()
	switch {
	case b.check != nil && !b.check.match():
		b.damaged = true
		return fmt.Errorf("%w %s: the block does not have its WARC-Block-Digest", ErrDigest, b.rd.where(b.offset))
	case !ends && b.check == nil:
		// With a digest that matched, the block is whole: what follows
		// it is someone else's fault, and reported as theirs.
		b.damaged = true
		return fmt.Errorf("%w %s: Content-Length %d ends the block inside other bytes", ErrLength, b.rd.where(b.offset), b.length)
	}
	return nil
}

// recordEnds tells whether the bytes after a block are those that may
// follow a record: the blank lines that end it, the end of the input or
// of its gzip member, or (a writer that forgot the blank lines) the next
// record.
func (r *Reader) recordEnds() bool {
	b, err := r.dr.Peek(1)
	if err != nil {
		return true // nothing follows; a failure is met by the next read
	}
	if b[0] == '\r' || b[0] == '\n' {
		return true
	}
	b, _ = r.dr.Peek(5)
	return string(b) == "WARC/"
}

type countReader struct {
	r   io.Reader
	n   int64
	err error // the input's failure, if it failed; not io.EOF
}

func (c *countReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	if err != nil && !errors.Is(err, io.EOF) {
		c.err = err
	}
	return n, err
}

func clipString(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}
