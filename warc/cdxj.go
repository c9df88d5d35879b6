package warc

import (
	"bufio"
	"bytes"
	"container/heap"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"time"
)

// CDXJEntry is one line of a CDXJ index: where a capture's record is.
// Fields follow pywb's cdxj-indexer, which WACZ readers and pywb read.
type CDXJEntry struct {
	URL      string    // the record's WARC-Target-URI
	Time     time.Time // its WARC-Date
	Mime     string    // the response's media type; "warc/revisit" for a revisit
	Status   int       // HTTP status; 0 if none
	Digest   string    // the payload digest
	Offset   int64     // where the record starts in the WARC file
	Length   int64     // its length there (the gzip member's, when gzipped)
	Filename string    // the WARC file's name, relative to the index
}

// cdxjJSON orders the JSON block's fields as cdxj-indexer does; numbers are
// strings there, and readers expect that.
type cdxjJSON struct {
	URL      string `json:"url"`
	Mime     string `json:"mime,omitempty"`
	Status   string `json:"status,omitempty"`
	Digest   string `json:"digest,omitempty"`
	Length   string `json:"length"`
	Offset   string `json:"offset"`
	Filename string `json:"filename"`
}

// Line formats the entry as a CDXJ line without its line end:
// "SURT TIMESTAMP {json}".
func (e *CDXJEntry) Line() (string, error) {
	j := cdxjJSON{URL: e.URL, Mime: e.Mime, Digest: e.Digest,
		Length: strconv.FormatInt(e.Length, 10), Offset: strconv.FormatInt(e.Offset, 10), Filename: e.Filename}
	if e.Status > 0 {
		j.Status = strconv.Itoa(e.Status)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(j); err != nil {
		return "", err
	}
	return SURT(e.URL) + " " + CDXJTimestamp(e.Time) + " " + string(bytes.TrimRight(buf.Bytes(), "\n")), nil
}

// CDXJTimestamp is t as an index's timestamp: 14 digits to the second and
// 3 more for the millisecond (17 in all, as wabac.js writes them). A WARC-
// Date to the microsecond keys two fetches of one second apart, and a
// revisit's WARC-Refers-To-Date finds its original: ReplayWeb.page looks
// for the first capture at or after that instant, and an index to the
// second alone sorts the original before it (taking the next capture of
// the URL instead). pywb reads the first 14 digits.
func CDXJTimestamp(t time.Time) string {
	return t.UTC().Format("20060102150405") + fmt.Sprintf("%03d", t.Nanosecond()/int(time.Millisecond))
}

// parseCDXJTimestamp reads a timestamp of 14 digits, or more for a
// fraction of the second (CDXJTimestamp's 17).
func parseCDXJTimestamp(ts string) (time.Time, error) {
	if len(ts) < 14 || len(ts) > 23 {
		return time.Time{}, ErrFormat
	}
	t, err := time.Parse("20060102150405", ts[:14])
	if err != nil || len(ts) == 14 {
		return t, err
	}
	frac, err := strconv.Atoi(ts[14:])
	if err != nil || frac < 0 {
		return time.Time{}, ErrFormat
	}
	for n := len(ts) - 14; n < 9; n++ {
		frac *= 10
	}
	return t.Add(time.Duration(frac)), nil
}

// ParseCDXJLine reads a line as Line writes it, or as pywb's
// cdxj-indexer does. folio itself only writes indexes; this is the reading
// side, for whatever checks an index against its WARC (folio's export
// tests check every index they make with it). A line whose offset, length
// or status is not a number is ErrFormat: a reader must not seek to a
// made-up offset.
func ParseCDXJLine(line string) (*CDXJEntry, error) {
	i := bytes.IndexByte([]byte(line), '{')
	if i < 0 {
		return nil, fmt.Errorf("%w: CDXJ line without JSON", ErrFormat)
	}
	var key, ts string
	if _, err := fmt.Sscan(line[:i], &key, &ts); err != nil {
		return nil, fmt.Errorf("%w: CDXJ line %q", ErrFormat, clipString(line, 60))
	}
	var j cdxjJSON
	if err := json.Unmarshal([]byte(line[i:]), &j); err != nil {
		return nil, fmt.Errorf("%w: CDXJ JSON: %v", ErrFormat, err)
	}
	t, err := parseCDXJTimestamp(ts)
	if err != nil {
		return nil, fmt.Errorf("%w: CDXJ timestamp %q", ErrFormat, ts)
	}
	e := &CDXJEntry{URL: j.URL, Time: t, Mime: j.Mime, Digest: j.Digest, Filename: j.Filename}
	if e.Offset, err = cdxjNumber("offset", j.Offset); err != nil {
		return nil, err
	}
	if e.Length, err = cdxjNumber("length", j.Length); err != nil {
		return nil, err
	}
	// No status ("" when Line leaves it out, "-" in older indexes) is 0.
	if j.Status != "" && j.Status != "-" {
		status, err := cdxjNumber("status", j.Status)
		if err != nil {
			return nil, err
		}
		if status > 999 {
			return nil, fmt.Errorf("%w: CDXJ status %q", ErrFormat, j.Status)
		}
		e.Status = int(status)
	}
	return e, nil
}

// cdxjNumber reads a field of the JSON block that holds a count: decimal
// digits only (cdxj-indexer writes numbers as strings).
func cdxjNumber(field, s string) (int64, error) {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || s[0] < '0' || s[0] > '9' { // no sign
		return 0, fmt.Errorf("%w: CDXJ %s %q", ErrFormat, field, clipString(s, 30))
	}
	return n, nil
}

// SortLines copies the lines of src to dst in byte order (what `LC_ALL=C
// sort -u` does), dropping repeated lines. It holds at most about
// maxMemory bytes of lines at once; beyond that it sorts runs into
// temporary files in tmpDir ("" means os.TempDir) and merges them, so an
// index of any size sorts in bounded memory. maxMemory 0 means 32 MiB.
func SortLines(dst io.Writer, src io.Reader, tmpDir string, maxMemory int) error {
	if maxMemory <= 0 {
		maxMemory = 32 << 20
	}
	var runs []*os.File
	defer func() {
		for _, f := range runs {
			f.Close()
		}
	}()
	sc := bufio.NewScanner(src)
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	var lines []string
	size := 0
	spill := func() error {
		f, err := os.CreateTemp(tmpDir, ".folio-sort-*.tmp")
		if err != nil {
			return err
		}
		// Nameless from now on: gone when closed, or when the process
		// dies in the middle.
		os.Remove(f.Name())
		runs = append(runs, f)
		if err := writeSorted(f, lines); err != nil {
			return err
		}
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			return err
		}
		lines, size = lines[:0], 0
		return nil
	}
	for sc.Scan() {
		lines = append(lines, sc.Text())
		size += len(sc.Bytes()) + 16
		if size >= maxMemory {
			if err := spill(); err != nil {
				return err
			}
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	if len(runs) == 0 {
		return writeSorted(dst, lines)
	}
	if len(lines) > 0 {
		if err := spill(); err != nil {
			return err
		}
	}
	return mergeRuns(dst, runs)
}

func writeSorted(w io.Writer, lines []string) error {
	slices.Sort(lines)
	bw := bufio.NewWriter(w)
	for i, l := range lines {
		if i > 0 && l == lines[i-1] {
			continue
		}
		bw.WriteString(l)
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

type runHead struct {
	line string
	sc   *bufio.Scanner
}

type runHeap []*runHead

func (h runHeap) Len() int           { return len(h) }
func (h runHeap) Less(i, j int) bool { return h[i].line < h[j].line }
func (h runHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *runHeap) Push(x any)        { *h = append(*h, x.(*runHead)) }
func (h *runHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

func mergeRuns(dst io.Writer, runs []*os.File) error {
	h := &runHeap{}
	for _, f := range runs {
		sc := bufio.NewScanner(bufio.NewReaderSize(f, 256<<10))
		sc.Buffer(make([]byte, 64<<10), 16<<20)
		if sc.Scan() {
			*h = append(*h, &runHead{sc.Text(), sc})
		} else if err := sc.Err(); err != nil {
			return err
		}
	}
	heap.Init(h)
	bw := bufio.NewWriter(dst)
	last, started := "", false
	for h.Len() > 0 {
		top := (*h)[0]
		if !started || top.line != last {
			bw.WriteString(top.line)
			bw.WriteByte('\n')
			last, started = top.line, true
		}
		if top.sc.Scan() {
			top.line = top.sc.Text()
			heap.Fix(h, 0)
		} else {
			if err := top.sc.Err(); err != nil && !errors.Is(err, io.EOF) {
				return err
			}
			heap.Pop(h)
		}
	}
	return bw.Flush()
}
