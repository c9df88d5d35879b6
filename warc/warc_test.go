package warc

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nlnwa/gowarc/v3"
)

// testRecord is a record to write in the tests.
type testRecord struct {
	header Header
	block  []byte
}

func response(id, uri, status string, fields Header, payload []byte) testRecord {
	head := AppendHTTPHeader(nil, "HTTP/1.1 "+status, fields)
	block := append(head, payload...)
	return testRecord{Header{
		{FieldType, TypeResponse},
		{FieldRecordID, BracketID(id)},
		{FieldDate, "2020-02-22T05:22:11Z"},
		{FieldTargetURI, uri},
		{FieldContentType, ContentTypeHTTPResponse},
		{FieldBlockDigest, Digest(block)},
		{FieldPayloadDigest, Digest(payload)},
		{FieldContentLength, strconv.Itoa(len(block))},
	}, block}
}

func sampleRecords() []testRecord {
	info := []byte("software: folio-test\r\nformat: WARC File Format 1.1\r\n")
	gbk := []byte("<p>\xd6\xd0\xce\xc4</p>") // GBK "中文"
	revisitHead := AppendHTTPHeader(nil, "HTTP/1.1 200 OK", Header{{"Content-Length", strconv.Itoa(len(gbk))}})
	return []testRecord{
		{Header{
			{FieldType, TypeWarcinfo},
			{FieldRecordID, "<urn:uuid:00000000-0000-5000-8000-000000000001>"},
			{FieldDate, "2020-02-22T05:22:10Z"},
			{FieldContentType, ContentTypeWarcFields},
			{FieldBlockDigest, Digest(info)},
			{FieldContentLength, strconv.Itoa(len(info))},
		}, info},
		response("urn:uuid:00000000-0000-5000-8000-000000000002", "http://a.test/1.html", "200 OK",
			Header{{"Content-Type", "text/html; charset=gbk"}, {"Content-Length", strconv.Itoa(len(gbk))}}, gbk),
		{Header{
			{FieldType, TypeRevisit},
			{FieldRecordID, "<urn:uuid:00000000-0000-5000-8000-000000000003>"},
			{FieldDate, "2020-02-23T05:22:11Z"},
			{FieldTargetURI, "http://a.test/1.html?from=index"},
			{FieldProfile, ProfileIdenticalPayload},
			{FieldRefersTo, "<urn:uuid:00000000-0000-5000-8000-000000000002>"},
			{FieldRefersToTargetURI, "http://a.test/1.html"},
			{FieldRefersToDate, "2020-02-22T05:22:11Z"},
			{FieldContentType, ContentTypeHTTPResponse},
			{FieldBlockDigest, Digest(revisitHead)},
			{FieldPayloadDigest, Digest(gbk)},
			{FieldContentLength, strconv.Itoa(len(revisitHead))},
		}, revisitHead},
		{Header{
			{FieldType, TypeMetadata},
			{FieldRecordID, "<urn:uuid:00000000-0000-5000-8000-000000000004>"},
			{FieldDate, "2020-02-22T05:22:11Z"},
			{FieldTargetURI, "urn:folio:document:http://a.test/1.html"},
			{FieldRefersTo, "<urn:uuid:00000000-0000-5000-8000-000000000002>"},
			{FieldContentType, "application/json"},
			{FieldBlockDigest, Digest([]byte("{}\n"))},
			{FieldContentLength, "3"},
		}, []byte("{}\n")},
	}
}

// writeAll writes records and returns the file and each record's offset
// and length.
func writeAll(t testing.TB, recs []testRecord, opts *WriterOptions) ([]byte, [][2]int64) {
	t.Helper()
	var buf bytes.Buffer
	w := NewWriter(&buf, opts)
	var spans [][2]int64
	for _, r := range recs {
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		off := w.Offset()
		bw, err := w.Create(r.header)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := bw.Write(r.block); err != nil {
			t.Fatal(err)
		}
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		spans = append(spans, [2]int64{off, w.Offset() - off})
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), spans
}

// validate reads a WARC file with gowarc, an independent implementation,
// failing on any syntax error, spec violation or wrong block or payload
// digest, and returns the records' types.
func validate(t testing.TB, data []byte) []string {
	t.Helper()
	r, err := gowarc.NewWarcFileReaderFromStream(bytes.NewReader(data), 0, gowarc.WithStrictValidation())
	if err != nil {
		t.Fatal(err)
	}
	var types []string
	for {
		rec, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("gowarc: record at offset %d: %v", rec.Offset, err)
		}
		if len(rec.Validation) > 0 {
			t.Errorf("gowarc: record at offset %d: %v", rec.Offset, rec.Validation)
		}
		types = append(types, rec.WarcRecord.Type().String())
		rec.Close()
	}
	return types
}

func TestWriterOutputPassesGowarc(t *testing.T) {
	for _, opts := range []*WriterOptions{nil, {Uncompressed: true}} {
		data, _ := writeAll(t, sampleRecords(), opts)
		got := strings.Join(validate(t, data), ",")
		if want := "warcinfo,response,revisit,metadata"; got != want {
			t.Errorf("uncompressed=%v: gowarc read %s, want %s", opts != nil, got, want)
		}
	}
}

func TestReadBackWhatWasWritten(t *testing.T) {
	recs := sampleRecords()
	for _, opts := range []*WriterOptions{nil, {Uncompressed: true}} {
		data, spans := writeAll(t, recs, opts)
		r, err := NewReader(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		for i, want := range recs {
			rec, err := r.Next()
			if err != nil {
				t.Fatalf("record %d: %v", i, err)
			}
			if rec.Version != Version1_1 || rec.Offset != spans[i][0] {
				t.Errorf("record %d: version %q offset %d, want WARC/1.1 at %d", i, rec.Version, rec.Offset, spans[i][0])
			}
			if len(rec.Header) != len(want.header) {
				t.Fatalf("record %d: %d fields, want %d", i, len(rec.Header), len(want.header))
			}
			for j, f := range want.header {
				if rec.Header[j] != f {
					t.Errorf("record %d field %d = %v, want %v", i, j, rec.Header[j], f)
				}
			}
			body, err := io.ReadAll(rec.Body)
			if err != nil || !bytes.Equal(body, want.block) {
				t.Errorf("record %d: block %q (%v), want %q", i, body, err, want.block)
			}
		}
		if _, err := r.Next(); !errors.Is(err, io.EOF) {
			t.Fatalf("after the last record: %v", err)
		}
	}
}

// TestOffsetsLandOnRecords: each record's span is one gzip member that
// alone is a valid WARC holding that record, which is what a CDX index
// and a WACZ range request rely on.
func TestOffsetsLandOnRecords(t *testing.T) {
	recs := sampleRecords()
	data, spans := writeAll(t, recs, nil)
	for i, sp := range spans {
		member := data[sp[0] : sp[0]+sp[1]]
		zr, err := gzip.NewReader(bytes.NewReader(member))
		if err != nil {
			t.Fatalf("record %d: not a gzip member at %d: %v", i, sp[0], err)
		}
		zr.Multistream(false)
		plain, err := io.ReadAll(zr)
		if err != nil {
			t.Fatalf("record %d: %v", i, err)
		}
		if !bytes.HasPrefix(plain, []byte("WARC/1.1\r\n")) || !bytes.HasSuffix(plain, append(append([]byte{}, recs[i].block...), "\r\n\r\n"...)) {
			t.Errorf("record %d: member does not hold exactly the record", i)
		}
		if types := validate(t, member); len(types) != 1 {
			t.Errorf("record %d: member holds %d records", i, len(types))
		}
	}
}

func TestReaderAcceptsWholeFileGzipAndSloppyFiles(t *testing.T) {
	plain, _ := writeAll(t, sampleRecords(), &WriterOptions{Uncompressed: true})
	var whole bytes.Buffer
	zw := gzip.NewWriter(&whole)
	zw.Write(plain)
	zw.Close()
	// WARC/1.0 with bare LF line ends, angle brackets round the target URI
	// and no end-of-record CRLFs.
	sloppy := "WARC/1.0\nWARC-Type: resource\nWARC-Record-ID: <urn:uuid:x>\nWARC-Date: 2014-01-01T00:00:00Z\n" +
		"WARC-Target-URI: <http://a.test/x>\nContent-Length: 5\n\nhello" +
		"WARC/1.0\nWARC-Type: resource\nWARC-Record-ID: <urn:uuid:y>\nWARC-Date: 2014-01-01T00:00:01Z\n" +
		"WARC-Target-URI: http://a.test/y\nContent-Length: 3\n\nbye\r\n\r\n"
	for name, data := range map[string][]byte{"whole-file gzip": whole.Bytes(), "sloppy": []byte(sloppy)} {
		r, err := NewReader(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for {
			rec, err := r.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatalf("%s: record %d: %v", name, n, err)
			}
			if name == "sloppy" && !strings.HasPrefix(rec.TargetURI(), "http://a.test/") {
				t.Errorf("%s: target %q", name, rec.TargetURI())
			}
			io.Copy(io.Discard, rec.Body)
			n++
		}
		if want := map[string]int{"whole-file gzip": 4, "sloppy": 2}[name]; n != want {
			t.Errorf("%s: %d records, want %d", name, n, want)
		}
	}
}

func TestReaderReportsBrokenFiles(t *testing.T) {
	good, _ := writeAll(t, sampleRecords(), &WriterOptions{Uncompressed: true})
	for name, data := range map[string][]byte{
		"not a WARC":        []byte("<html>hello</html>"),
		"no Content-Length": []byte("WARC/1.1\r\nWARC-Type: resource\r\n\r\nxx"),
		"cut in a block":    good[:len(good)-30],
	} {
		r, err := NewReader(bytes.NewReader(data))
		if err != nil {
			continue
		}
		var last error
		for i := 0; i < 10; i++ {
			rec, err := r.Next()
			if err != nil {
				last = err
				break
			}
			if _, err := io.Copy(io.Discard, rec.Body); err != nil {
				last = err
				break
			}
		}
		if last == nil || errors.Is(last, io.EOF) {
			t.Errorf("%s: read without an error", name)
		}
	}
}

func TestWriterRefusesBadRecords(t *testing.T) {
	w := NewWriter(io.Discard, nil)
	good := sampleRecords()[0].header
	if _, err := w.Create(Header{{FieldType, TypeResource}}); !errors.Is(err, ErrHeader) {
		t.Errorf("header without id, date, length: %v", err)
	}
	bad := append(Header{}, good...)
	bad.Set("WARC-Filename", "a\r\nWARC-Type: response")
	if _, err := w.Create(bad); !errors.Is(err, ErrHeader) {
		t.Errorf("value with a line break: %v", err)
	}
	bw, err := w.Create(good)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := bw.Write(make([]byte, 1000)); !errors.Is(err, ErrLength) {
		t.Errorf("block longer than Content-Length: %v", err)
	}
	w = NewWriter(io.Discard, nil)
	w.Create(good)
	if err := w.Close(); !errors.Is(err, ErrLength) {
		t.Errorf("block shorter than Content-Length: %v", err)
	}
}

func TestReadHTTPHeaderKeepsOrderAndCase(t *testing.T) {
	block := "HTTP/1.1 200 OK\r\nX-b: 2\r\nContent-Type: text/html\r\nx-a: 1\n folded\r\n\r\nBODY"
	br := bufio.NewReader(strings.NewReader(block))
	h, err := ReadHTTPHeader(br)
	if err != nil {
		t.Fatal(err)
	}
	proto, code, text := h.Status()
	if proto != "HTTP/1.1" || code != 200 || text != "200 OK" {
		t.Errorf("status %q %d %q", proto, code, text)
	}
	want := Header{{"X-b", "2"}, {"Content-Type", "text/html"}, {"x-a", "1 folded"}}
	if len(h.Fields) != 3 || h.Fields[0] != want[0] || h.Fields[1] != want[1] || h.Fields[2] != want[2] {
		t.Errorf("fields %v, want %v", h.Fields, want)
	}
	rest, _ := io.ReadAll(br)
	if string(rest) != "BODY" || h.Size != int64(len(block)-4) {
		t.Errorf("body %q, head size %d", rest, h.Size)
	}
}

func TestDigests(t *testing.T) {
	// sha1("") in base32, as every WARC tool writes it.
	if d := Digest(nil); d != "sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ" {
		t.Errorf("Digest(nil) = %s", d)
	}
	if d, ok := NormalizeSHA1("sha1:da39a3ee5e6b4b0d3255bfef95601890afd80709"); !ok || d != Digest(nil) {
		t.Errorf("hex sha1 normalized to %s %v", d, ok)
	}
	// Base32 as other tools write it: lower case, without padding, with
	// "sha-1".
	if d, ok := NormalizeSHA1("SHA-1:3i42h3s6nnfq2msvx7xzkyayscx5qbyj"); !ok || d != Digest(nil) {
		t.Errorf("lower-case base32 sha1 normalized to %s %v", d, ok)
	}
	for _, bad := range []string{"sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "sha1:da39", "3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ"} {
		if d, ok := NormalizeSHA1(bad); ok {
			t.Errorf("NormalizeSHA1(%s) = %s", bad, d)
		}
	}
}

func TestParseAndFormatDate(t *testing.T) {
	for s, want := range map[string]string{"2020-02-22T05:22:11Z": "2020-02-22T05:22:11Z", "2020-02-22T05:22:11.123456Z": "2020-02-22T05:22:11.123456Z",
		"2020-02-22T13:22:11+08:00": "2020-02-22T05:22:11Z"} {
		d, err := ParseDate(s)
		if err != nil || FormatDate(d) != want {
			t.Errorf("%s: %v %v, want %s", s, FormatDate(d), err, want)
		}
	}
	if FormatDate(time.Date(2020, 2, 22, 13, 22, 11, 0, time.FixedZone("CST", 8*3600))) != "2020-02-22T05:22:11Z" {
		t.Error("FormatDate is not UTC")
	}
	// Fractions of a second, to the microsecond, trailing zeros left out.
	for ns, want := range map[int]string{352903123: "2020-02-22T05:22:11.352903Z", 500000000: "2020-02-22T05:22:11.5Z", 999: "2020-02-22T05:22:11Z"} {
		if got := FormatDate(time.Date(2020, 2, 22, 5, 22, 11, ns, time.UTC)); got != want {
			t.Errorf("FormatDate(+%dns) = %s, want %s", ns, got, want)
		}
	}
}

// TestReaderReadsOnPastABrokenRecord: a record whose Content-Length is
// wrong, or garbage where a record should start, is reported (once, as
// ErrBrokenRecord, with where it is), and the records after it are read,
// in plain, per-record gzip and whole-file gzip input.
func TestReaderReadsOnPastABrokenRecord(t *testing.T) {
	recs := sampleRecords()
	for name, mangle := range map[string]func(i int, rec []byte) []byte{
		"Content-Length too long": func(i int, rec []byte) []byte {
			if i != 1 {
				return rec
			}
			n := strconv.Itoa(len(recs[1].block))
			return bytes.Replace(rec, []byte("Content-Length: "+n), []byte("Content-Length: "+strconv.Itoa(len(recs[1].block)+50)), 1)
		},
		"Content-Length too short": func(i int, rec []byte) []byte {
			if i != 1 {
				return rec
			}
			n := strconv.Itoa(len(recs[1].block))
			return bytes.Replace(rec, []byte("Content-Length: "+n), []byte("Content-Length: 7"), 1)
		},
		"garbage before a record": func(i int, rec []byte) []byte {
			if i != 2 {
				return rec
			}
			return append([]byte("<html>not a record</html>\r\n"), rec...)
		},
	} {
		for _, form := range []string{"plain", "per-record gzip", "whole-file gzip"} {
			var file, all bytes.Buffer
			for i, r := range recs {
				one, _ := writeAll(t, []testRecord{r}, &WriterOptions{Uncompressed: true})
				one = mangle(i, one)
				all.Write(one)
				if form == "per-record gzip" {
					zw := gzip.NewWriter(&file)
					zw.Write(one)
					zw.Close()
				}
			}
			switch form {
			case "plain":
				file = all
			case "whole-file gzip":
				zw := gzip.NewWriter(&file)
				zw.Write(all.Bytes())
				zw.Close()
			}
			r, err := NewReader(&file)
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			broken := 0
			for i := 0; i < 20; i++ {
				rec, err := r.Next()
				if errors.Is(err, io.EOF) {
					break
				}
				if err != nil {
					if !errors.Is(err, ErrBrokenRecord) || !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), "offset") {
						t.Fatalf("%s, %s: %v", name, form, err)
					}
					broken++
					continue
				}
				if _, err := io.Copy(io.Discard, rec.Body); err != nil {
					broken++
					continue
				}
				ids = append(ids, rec.ID())
			}
			if broken != 1 {
				t.Errorf("%s, %s: %d errors, want 1", name, form, broken)
			}
			// The record after the broken one is read whole when gzip
			// members or a clean line start tell where it starts.
			if last := recs[len(recs)-1].header.Get(FieldRecordID); len(ids) == 0 || BracketID(ids[len(ids)-1]) != last {
				t.Errorf("%s, %s: read %v, not up to the last record", name, form, ids)
			}
		}
	}
}

// readThrough reads every record of data, blocks included, as an import
// does: the ids of the records read whole, and one line per error met
// (the record's id first when its block was the one at fault).
func readThrough(t *testing.T, data []byte) (ids, errs []string) {
	t.Helper()
	return readEach(t, data, func(rec *Record) error {
		_, err := io.Copy(io.Discard, rec.Body)
		return err
	})
}

// readExactly reads data's records as a caller that takes exactly each
// block's Content-Length bytes (io.ReadFull), never reading to io.EOF:
// damage must still be told, by Next.
func readExactly(t *testing.T, data []byte) (ids, errs []string) {
	t.Helper()
	return readEach(t, data, func(rec *Record) error {
		_, err := io.ReadFull(rec.Body, make([]byte, rec.ContentLength()))
		return err
	})
}

func readEach(t *testing.T, data []byte, read func(*Record) error) (ids, errs []string) {
	t.Helper()
	r, err := NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 100; i++ {
		rec, err := r.Next()
		if errors.Is(err, io.EOF) {
			return ids, errs
		}
		if err != nil {
			if !errors.Is(err, ErrBrokenRecord) {
				t.Fatalf("an error that ends the read: %v", err)
			}
			errs = append(errs, err.Error())
			continue
		}
		if err := read(rec); err != nil {
			errs = append(errs, rec.ID()+": "+err.Error())
			continue
		}
		ids = append(ids, rec.ID())
	}
	t.Fatal("the read does not end")
	return nil, nil
}

// recordIDs are the ids of recs, without angle brackets, leaving out
// those at the indexes skip.
func recordIDs(recs []testRecord, skip ...int) []string {
	var ids []string
	for i, r := range recs {
		if !slices.Contains(skip, i) {
			ids = append(ids, RecordID(r.header.Get(FieldRecordID)))
		}
	}
	return ids
}

// TestReaderChecksBlocks: a block whose bytes are not those its
// WARC-Block-Digest names, or whose Content-Length is wrong, is reported
// against that record, once, and the records after it are read.
func TestReaderChecksBlocks(t *testing.T) {
	recs := sampleRecords()
	withoutDigest := slices.Clone(recs)
	withoutDigest[1].header = slices.DeleteFunc(slices.Clone(recs[1].header), func(f Field) bool { return f.Name == FieldBlockDigest })
	changeByte := func(rec []byte) []byte { return bytes.Replace(rec, []byte("</p>"), []byte("<|p>"), 1) }
	setLength := func(delta int) func([]byte) []byte {
		return func(rec []byte) []byte {
			n := strconv.Itoa(len(recs[1].block))
			return bytes.Replace(rec, []byte("Content-Length: "+n+"\r\n"), []byte("Content-Length: "+strconv.Itoa(len(recs[1].block)+delta)+"\r\n"), 1)
		}
	}
	tests := []struct {
		name    string
		recs    []testRecord
		mangle  func([]byte) []byte // of record 1
		gzipped bool
		want    error // the error reported against record 1
		lost    []int // records not read besides record 1
	}{
		{name: "a byte changed", recs: recs, mangle: changeByte, want: ErrDigest},
		{name: "a byte changed, per-record gzip", recs: recs, mangle: changeByte, gzipped: true, want: ErrDigest},
		{name: "Content-Length short", recs: recs, mangle: setLength(-5), want: ErrDigest},
		{name: "Content-Length short, no block digest", recs: withoutDigest, mangle: setLength(-5), want: ErrLength},
		{name: "Content-Length short, per-record gzip", recs: recs, mangle: setLength(-5), gzipped: true, want: ErrDigest},
		// Too long: the block takes in the start of the next record,
		// which is lost with it.
		{name: "Content-Length long", recs: recs, mangle: setLength(20), want: ErrDigest, lost: []int{2}},
		{name: "Content-Length long, no block digest", recs: withoutDigest, mangle: setLength(20), want: ErrLength, lost: []int{2}},
		{name: "a digest that matches", recs: recs, mangle: func(b []byte) []byte { return b }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var file bytes.Buffer
			for i, r := range tt.recs {
				one, _ := writeAll(t, []testRecord{r}, &WriterOptions{Uncompressed: true})
				if i == 1 {
					one = tt.mangle(one)
				}
				if !tt.gzipped {
					file.Write(one)
					continue
				}
				zw := gzip.NewWriter(&file)
				zw.Write(one)
				zw.Close()
			}
			ids, errs := readThrough(t, file.Bytes())
			id := RecordID(tt.recs[1].header.Get(FieldRecordID))
			// Read exactly, the damaged record passes for read, and
			// Next tells its damage.
			exactIDs, exactErrs := readExactly(t, file.Bytes())
			if tt.want != nil && tt.lost == nil && (len(exactErrs) != 1 || !strings.Contains(exactErrs[0], tt.want.Error()) || !slices.Equal(exactIDs, recordIDs(tt.recs))) {
				t.Errorf("read exactly: %v, errors %q; want every record read and one %q", exactIDs, exactErrs, tt.want)
			}
			if tt.want == nil {
				if len(errs) != 0 || !slices.Equal(ids, recordIDs(tt.recs)) {
					t.Errorf("read %v, errors %q", ids, errs)
				}
				return
			}
			if len(errs) != 1 || !strings.HasPrefix(errs[0], id+": ") || !strings.Contains(errs[0], tt.want.Error()) || !strings.Contains(errs[0], "offset") {
				t.Errorf("errors %q, want one %q against record %s, with its offset", errs, tt.want, id)
			}
			if want := recordIDs(tt.recs, append(tt.lost, 1)...); !slices.Equal(ids, want) {
				t.Errorf("read %v, want %v", ids, want)
			}
		})
	}
}

// TestReaderReadsOnPastABadGzipMember: a gzip member that does not
// decompress, or junk between members, is reported once with its offset,
// and the read goes on at the next gzip member.
func TestReaderReadsOnPastABadGzipMember(t *testing.T) {
	recs := sampleRecords()
	data, spans := writeAll(t, recs, nil)
	member := func(i int) []byte { return data[spans[i][0] : spans[i][0]+spans[i][1]] }
	join := func(parts ...[]byte) []byte { return bytes.Join(parts, nil) }
	flipped := slices.Clone(member(1))
	flipped[len(flipped)/2] ^= 0xff
	badCRC := slices.Clone(member(1))
	badCRC[len(badCRC)-6] ^= 0xff
	tests := []struct {
		name string
		data []byte
		at   int64 // the offset reported
		lost []int
	}{
		{"a byte flipped in the deflate data", join(member(0), flipped, member(2), member(3)), spans[1][0], []int{1}},
		{"a bad checksum", join(member(0), badCRC, member(2), member(3)), spans[1][0], []int{1}},
		{"junk between members", join(member(0), []byte("JUNK\x00\x01JUNK"), member(1), member(2), member(3)), spans[1][0], nil},
		{"junk holding a gzip magic", join(member(0), []byte("JU\x1f\x8b\x08NK"), member(1), member(2), member(3)), spans[1][0], nil},
		{"a member cut short", join(member(0), member(1)[:spans[1][1]/2], member(2), member(3)), spans[1][0], []int{1}},
		{"a member cut at the end", join(member(0), member(1), member(2), member(3)[:10]), spans[3][0], []int{3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ids, errs := readThrough(t, tt.data)
			if len(errs) != 1 || !strings.Contains(errs[0], "offset "+strconv.FormatInt(tt.at, 10)) {
				t.Errorf("errors %q, want one at offset %d", errs, tt.at)
			}
			if want := recordIDs(recs, tt.lost...); !slices.Equal(ids, want) {
				t.Errorf("read %v, want %v", ids, want)
			}
		})
	}
}
