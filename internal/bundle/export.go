package bundle

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"folio/store"
	"folio/warc"
)

// The formats an export writes.
const (
	WARC  = "warc"  // WARC 1.1, gzipped per record unless the file is named .warc
	WACZ  = "wacz"  // WACZ 1.1.1: the WARC, its CDXJ index and pages.jsonl
	JSONL = "jsonl" // one document object per line, as `folio list --json --text`
)

// ExportOptions say what an export holds and how it is written. Format is
// required; the zero value of every other field means "everything", "no",
// "now" or "folio".
type ExportOptions struct {
	Format string // WARC, WACZ or JSONL
	Filter Filter
	// CDX writes a WARC's CDXJ index beside it, at CDXPath. A WACZ holds
	// its index anyway; a JSONL export has no records to index.
	CDX bool
	// Force replaces the files of the export's names. Without it a name
	// that is taken fails the export with an *ExistsError, however late
	// the file that has it was made.
	//
	// With CDX, Force replaces two files one after the other, the index
	// first, and the pair is not replaced atomically: should the WARC's
	// rename fail after the index's (the directory made read-only in
	// between, say), the new index is removed again and the old index is
	// gone with it. The old WARC then stands without its index; export
	// again to have the pair back.
	Force    bool
	Operator string    // who made the archive, for the warcinfo record
	Now      time.Time // when the export is made, for warcinfo and the WACZ
	// Software is what made the export, as name/version ("folio/0.1.0"),
	// for the warcinfo record and the WACZ's datapackage.json. "" means
	// "folio".
	Software string
	// Progress is told how far the export has come after each capture
	// it writes.
	Progress func(Progress)
}

// Filter selects what an export holds: captures and documents on a host,
// since a time, of one document. The zero Filter selects everything.
type Filter struct {
	Site  string    // a host, any port unless HOST:PORT
	Since time.Time // captured (documents: fetched) at or after
	// URL selects one document: the document and the captures of its
	// pages, attachments, aliases and redirects. It is any URL the store
	// finds the document by (store.DB.Document): its own, or an alias.
	// An export of a URL the store does not know fails.
	URL string
}

// Progress is how far an export has come.
type Progress struct {
	Capture  uint64 // the last capture written
	Captures uint64 // the last capture in the store
	Bytes    int64  // the WARC's size so far
}

// ExportResult is what an export wrote; `folio export --json` prints it,
// one flat object like an import's summary.
//
// The summaries are embedded so that the JSON is flat, and are nil where
// the format has none: WARCSummary for a JSONL export, WACZSummary for
// all but a WACZ. Their fields (r.Captures, r.Pages) are promoted, and
// reading one through a nil summary panics: test the summary first.
type ExportResult struct {
	Path         string `json:"path"`
	Format       string `json:"format"`
	Index        string `json:"index,omitempty"` // a WARC's CDXJ index beside it (ExportOptions.CDX)
	Bytes        int64  `json:"bytes"`           // the size of Path
	Documents    int    `json:"documents"`       // documents in the bundle
	*WARCSummary        // WARC, WACZ; nil for JSONL
	*WACZSummary        // WACZ only; nil otherwise
}

// WARCSummary is what the WARC of an export holds.
type WARCSummary struct {
	Versions  int `json:"document_versions"` // metadata records
	Captures  int `json:"captures"`          // fetches: a response or revisit record each
	Responses int `json:"responses"`
	Revisits  int `json:"revisits"`
	Requests  int `json:"requests"`
	Skipped   int `json:"skipped"` // fetches without a response, left out
}

// WACZSummary is what only a WACZ has.
type WACZSummary struct {
	Pages int `json:"pages"` // lines of pages/pages.jsonl
}

// setWARC fills in what writeWARC counted.
func (r *ExportResult) setWARC(s *exportStats) {
	r.Documents = s.Documents
	sum := s.WARCSummary
	r.WARCSummary = &sum
}

// Export writes what o selects of db to the file path, as a bundle of
// o.Format, and says what it wrote. Every file is written under a
// temporary name in path's directory and given its final name when
// complete, so an interrupted export leaves nothing under the final name
// (and no temporary file; one killed leaves a file RemoveInterruptedExports
// removes).
//
// On failure the result is nil. The error names the file or URL it
// concerns (path, a temporary file as path, Filter.URL); an error of the
// store itself is the store's (store.Unavailable tells it), and a name
// that is taken without Force is an *ExistsError.
func Export(ctx context.Context, db *store.DB, path string, o ExportOptions) (*ExportResult, error) {
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	if o.Software == "" {
		o.Software = "folio"
	}
	if o.Filter.URL != "" {
		// Any URL the store finds the document by; from here on its own.
		d, err := db.Document(o.Filter.URL, 0)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", o.Filter.URL, err)
		}
		o.Filter.URL = d.URL
	}
	res := &ExportResult{Path: path, Format: o.Format}
	var err error
	switch o.Format {
	case WARC:
		err = exportWARCFile(ctx, db, path, o, res)
	case WACZ:
		err = exportWACZ(ctx, db, path, o, res)
	case JSONL:
		err = exportJSONL(ctx, db, path, o, res)
	default:
		err = fmt.Errorf("%s: format %q is none of warc, wacz and jsonl", path, o.Format)
	}
	if err != nil {
		return nil, outputError(path, err)
	}
	return res, nil
}

// exportWARCFile writes a .warc.gz (or plain .warc) and, with o.CDX, its
// index.
func exportWARCFile(ctx context.Context, db *store.DB, path string, o ExportOptions, res *ExportResult) error {
	out, err := createPending(path)
	if err != nil {
		return err
	}
	defer out.discard()
	var unsorted *os.File
	if o.CDX {
		if unsorted, err = scratchFile(filepath.Dir(path)); err != nil {
			return err
		}
		defer unsorted.Close()
	}
	bw := bufio.NewWriterSize(out.f, 256<<10)
	var cdx io.Writer
	var cdxBuf *bufio.Writer
	if unsorted != nil {
		cdxBuf = bufio.NewWriter(unsorted)
		cdx = cdxBuf
	}
	uncompressed := strings.HasSuffix(strings.ToLower(path), ".warc")
	filter, err := newCaptureFilter(db, o.Filter)
	if err != nil {
		return err
	}
	stats, err := writeWARC(ctx, db, filter, bw, filepath.Base(path), cdx, o, uncompressed)
	if err != nil {
		return err
	}
	res.setWARC(stats)
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if res.Bytes, err = out.size(); err != nil {
		return err
	}
	if unsorted != nil {
		if err := cdxBuf.Flush(); err != nil {
			return err
		}
		idx, err := createPending(CDXPath(path))
		if err != nil {
			return err
		}
		defer idx.discard()
		if err := sortInto(idx.f, unsorted, idx.final); err != nil {
			return err
		}
		// The index first, and gone again if the WARC cannot follow it:
		// the WARC never stands without its index (with Force, the old
		// index it replaced is gone too: see ExportOptions.Force).
		if err := idx.commit(o.Force); err != nil {
			return err
		}
		if err := out.commit(o.Force); err != nil {
			idx.withdraw()
			return err
		}
		res.Index = idx.final
		return nil
	}
	return out.commit(o.Force)
}

// CDXPath is where ExportOptions.CDX puts a WARC's index: out.warc.gz →
// out.cdxj.
func CDXPath(warcPath string) string {
	base := strings.TrimSuffix(strings.TrimSuffix(warcPath, ".gz"), ".warc")
	return base + ".cdxj"
}

// sortInto sorts the CDXJ lines of unsorted into dst, the index of the
// file named out.
func sortInto(dst *os.File, unsorted *os.File, out string) error {
	if _, err := unsorted.Seek(0, io.SeekStart); err != nil {
		return err
	}
	if err := warc.SortLines(dst, bufio.NewReader(unsorted), filepath.Dir(dst.Name()), 0); err != nil {
		return fmt.Errorf("%s: sorting the index: %w", out, err)
	}
	return nil
}

// writeWARC writes the WARC records of what filter (o's) selects to w.
func writeWARC(ctx context.Context, db *store.DB, filter *captureFilter, w io.Writer, filename string, cdx io.Writer, o ExportOptions, uncompressed bool) (*exportStats, error) {
	identity, err := db.Identity()
	if err != nil {
		return nil, err
	}
	e := &warcExport{db: db, w: warc.NewWriter(w, &warc.WriterOptions{Uncompressed: uncompressed}),
		identity: identity, filename: filename, cdx: cdx, include: filter.include, progress: o.Progress}
	// Holders of payloads whose first capture is not in the file, or no
	// response (a filtered export; a 304 that stored an empty body first).
	e.orphans = map[string]*store.Capture{}
	e.pulled = map[uint64]*store.Capture{}
	if e.stats.MaxID, err = db.LastCaptureID(); err != nil {
		return nil, err
	}

	if err := e.writeWarcinfo(o.Now, o.Software, o.Operator, describeExport(db, o.Filter)); err != nil {
		return nil, err
	}
	err = filter.captures(db, func(c *store.Capture) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		return e.writeCapture(c)
	})
	if err != nil {
		return nil, err
	}
	f := o.Filter
	err = db.DocumentVersions(store.VersionFilter{Host: f.Site, Since: f.Since, URL: f.URL}, func(d *store.Document) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		return e.writeDocument(d)
	})
	if err != nil && !(f.URL != "" && errors.Is(err, store.ErrNotFound)) {
		return nil, err
	}
	if err := e.w.Close(); err != nil {
		return nil, err
	}
	return &e.stats, nil
}

func describeExport(db *store.DB, f Filter) string {
	d := "folio export of " + filepath.Base(db.Path())
	var sel []string
	if f.Site != "" {
		sel = append(sel, "site "+f.Site)
	}
	if !f.Since.IsZero() {
		sel = append(sel, "since "+f.Since.Format(time.RFC3339))
	}
	if f.URL != "" {
		sel = append(sel, "document "+f.URL)
	}
	if len(sel) > 0 {
		d += " (" + strings.Join(sel, ", ") + ")"
	}
	return d
}

// exportWACZ writes a WACZ: the WARC, its index and pages.jsonl are made
// in scratch files beside the target, then packed.
func exportWACZ(ctx context.Context, db *store.DB, path string, o ExportOptions, res *ExportResult) error {
	// The parts are scratch files until they are zipped.
	dir := filepath.Dir(path)
	const warcName = "data.warc.gz"
	warcFile, err := scratchFile(dir)
	if err != nil {
		return err
	}
	defer warcFile.Close()
	unsorted, err := scratchFile(dir)
	if err != nil {
		return err
	}
	defer unsorted.Close()
	bw := bufio.NewWriterSize(warcFile, 256<<10)
	cw := bufio.NewWriter(unsorted)
	// One selection for the WARC and pages.jsonl: with --url it reads
	// the document's versions and captures.
	filter, err := newCaptureFilter(db, o.Filter)
	if err != nil {
		return err
	}
	stats, err := writeWARC(ctx, db, filter, bw, warcName, cw, o, false)
	if err != nil {
		return err
	}
	res.setWARC(stats)
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := cw.Flush(); err != nil {
		return err
	}
	index, err := scratchFile(dir)
	if err != nil {
		return err
	}
	defer index.Close()
	if err := sortInto(index, unsorted, path); err != nil {
		return err
	}

	pages, err := scratchFile(dir)
	if err != nil {
		return err
	}
	defer pages.Close()
	info := warc.PackageInfo{Title: "folio export", Description: describeExport(db, o.Filter),
		Software: o.Software, Created: o.Now}
	res.WACZSummary = &WACZSummary{}
	if res.Pages, err = writePages(ctx, db, o.Filter, filter, pages, &info); err != nil {
		return err
	}

	out, err := createPending(path)
	if err != nil {
		return err
	}
	defer out.discard()
	z := warc.NewWACZWriter(out.f, info)
	for _, f := range []struct {
		name string
		file *os.File
	}{{warc.WACZArchiveDir + warcName, warcFile}, {warc.WACZIndexPath, index}, {warc.WACZPagesPath, pages}} {
		if _, err := f.file.Seek(0, io.SeekStart); err != nil {
			return err
		}
		if err := z.Add(f.name, f.file); err != nil {
			return err
		}
	}
	if err := z.Close(); err != nil {
		return err
	}
	if res.Bytes, err = out.size(); err != nil {
		return err
	}
	return out.commit(o.Force)
}

// writePages writes pages.jsonl: one line per document, the URL and time
// of its page 1's capture (what a replay opens) and its title.
func writePages(ctx context.Context, db *store.DB, f Filter, filter *captureFilter, w io.Writer, info *warc.PackageInfo) (int, error) {
	bw := bufio.NewWriter(w)
	enc := jsonEncoder(bw)
	if err := enc.Encode(map[string]string{"format": "json-pages-1.0", "id": "pages", "title": "All Pages"}); err != nil {
		return 0, err
	}
	n := 0
	err := eachDocument(db, f, func(d *store.Document) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if len(d.Pages) == 0 {
			return nil
		}
		u, at, err := pageEntry(db, filter, d)
		if err != nil {
			return err
		}
		line := struct {
			ID    string `json:"id"`
			URL   string `json:"url"`
			TS    string `json:"ts"`
			Title string `json:"title"`
		}{uuid5(folioNamespace, "page\x00"+d.URL), u, at.UTC().Format(time.RFC3339), d.Title}
		if info.MainPageURL == "" {
			info.MainPageURL, info.MainPageDate = u, at
		}
		n++
		return enc.Encode(line)
	})
	if err != nil {
		return n, err
	}
	return n, bw.Flush()
}

// pageEntry is where a replay of the export opens a document: the URL and
// time of page 1's capture, which is the URL the index holds (the page may
// have been fetched at a variant of the URL the document names it by,
// ?from=index and all). When the export leaves that capture out, the
// latest capture of either URL it holds; failing that, page 1 as the
// document names it.
func pageEntry(db *store.DB, filter *captureFilter, d *store.Document) (string, time.Time, error) {
	p := d.Pages[0]
	urls := []string{p.URL}
	if p.CaptureID != 0 {
		c, err := db.Capture(p.CaptureID)
		switch {
		case errors.Is(err, store.ErrNotFound):
		case err != nil:
			return "", time.Time{}, err
		case c.Status != 0 && filter.include(c):
			return c.URL, c.Time, nil
		case c.URL != p.URL:
			urls = []string{c.URL, p.URL}
		}
	}
	for _, u := range urls {
		var latest *store.Capture
		err := db.CapturesOf(u, func(c *store.Capture) error {
			if c.Status != 0 && filter.include(c) {
				latest = c
			}
			return nil
		})
		if err != nil {
			return "", time.Time{}, err
		}
		if latest != nil {
			return latest.URL, latest.Time, nil
		}
	}
	return p.URL, p.Fetched, nil
}

// exportJSONL writes one document object per line, as `folio list --json
// --text` prints them.
func exportJSONL(ctx context.Context, db *store.DB, path string, o ExportOptions, res *ExportResult) error {
	out, err := createPending(path)
	if err != nil {
		return err
	}
	defer out.discard()
	bw := bufio.NewWriterSize(out.f, 256<<10)
	enc := jsonEncoder(bw)
	err = eachDocument(db, o.Filter, func(d *store.Document) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		res.Documents++
		return enc.Encode(d.InSeconds())
	})
	if err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if res.Bytes, err = out.size(); err != nil {
		return err
	}
	return out.commit(o.Force)
}

// jsonEncoder writes values as lines of JSON with <, > and & as
// themselves: the text must survive verbatim.
func jsonEncoder(w io.Writer) *json.Encoder {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc
}
