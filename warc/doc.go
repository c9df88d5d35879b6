// Package warc reads and writes WARC 1.1 files (ISO 28500:2017) and packs
// them into WACZ 1.1.1 bundles with a CDXJ index. It imports nothing of
// folio's: records go in and out as named fields and a block of bytes.
//
// # Writing
//
// A Writer is shaped like archive/zip's: Create starts a record and returns
// the writer its block goes to; the next Create, Flush or Close ends it.
// With gzip on (the default), every record is its own gzip member, so that
// an index can point at any record and a reader can start there:
//
//	w := warc.NewWriter(f, nil)
//	h := warc.Header{}
//	h.Set(warc.FieldType, warc.TypeResource)
//	...
//	h.Set(warc.FieldContentLength, strconv.Itoa(len(block)))
//	bw, err := w.Create(h)
//	bw.Write(block)
//	err = w.Close()
//
// The caller states Content-Length and the digests: a WARC header comes
// before its block, so the writer cannot compute them as zip computes its
// CRC. Writing more or fewer bytes than Content-Length is an error.
// Digest and Digester help compute them.
//
// # Reading
//
// A Reader reads records in order from plain WARC, from per-record gzip
// members and from a whole file gzipped at once; Next returns each record
// with its Body, which is valid until the next call. Where the input is
// per-record gzip or plain, Record.Offset is where the record starts in
// the file, which is what a CDX index stores.
//
// The reader is lenient where real files are sloppy (bare LF line ends,
// WARC/1.0 and WARC/0.18 version lines, angle brackets around a target
// URI, missing end-of-record CRLFs). A record that cannot be read (a
// header that does not parse, no readable Content-Length, a
// Content-Length that does not fit the bytes) is an error that matches
// ErrBrokenRecord, and the next call of Next reads on from the next
// record: the next gzip member, or the next line that begins "WARC/".
// Errors of the input itself (a corrupt gzip stream, a failing read) end
// the read.
//
// # HTTP blocks
//
// Response and request records hold an HTTP message. ReadHTTPHeader parses
// its start line and header fields in the order they were recorded, with
// their case, which net/http would not keep.
//
// # Caveats
//
// Segmented records ('continuation') are read as the records they are;
// nothing reassembles them. ARC files are not read.
package warc
