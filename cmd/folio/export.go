package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"folio/crawler"
	"folio/internal/bundle"
	"folio/store"
)

// exportOptions are export's command line: the file to write and what to
// write to it.
type exportOptions struct {
	out string
	bundle.ExportOptions
}

func runExport(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet("export", e)
	var common commonFlags
	common.register(fs.FlagSet, e)
	var o exportOptions
	fs.StringVar(&o.Format, "format", "", "warc, wacz or jsonl (default: from the -o file's extension)")
	fs.StringVar(&o.out, "o", "", "the file to write (required)")
	fs.StringVar(&o.Filter.Site, "site", "", "only captures and documents on this host (any port unless HOST:PORT)")
	since := fs.String("since", "", "only what was captured since DATE (2006-01-02, 2006-01-02T15:04[:05] local time, or RFC 3339)")
	fs.StringVar(&o.Filter.URL, "url", "", "only the document this URL leads to, and its captures")
	fs.BoolVar(&o.CDX, "cdx", false, "warc: also write a CDXJ index (FILE without .warc.gz, plus .cdxj); a WACZ always holds one")
	fs.BoolVar(&o.Force, "force", false, "overwrite FILE if it exists")
	fs.StringVar(&o.Operator, "operator", "", "who made the archive, for the WARC's warcinfo record (name, e-mail)")
	asJSON := fs.Bool("json", false, "print what was written as one JSON object")
	rest, err := parse(fs, args)
	if err != nil {
		return helpIsOK(err)
	}
	if len(rest) > 0 {
		return shapef("export: unexpected argument %q", rest[0])
	}
	if *since != "" {
		if o.Filter.Since, err = parseSince(*since); err != nil {
			return err
		}
	}
	if err := o.check(); err != nil {
		return err
	}
	log, err := common.logger(e)
	if err != nil {
		return err
	}
	db, err := openStore(ctx, common.db, true, 0, log)
	if err != nil {
		return err
	}
	defer db.Close()

	var progress io.Writer
	if isTerminal(e.stderr) && !common.quiet {
		progress = e.stderr
	}
	bundle.RemoveInterruptedExports(filepath.Dir(o.out), log)
	res, err := export(ctx, db, o, progress)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(e.stdout, res)
	}
	printExport(e.stdout, res)
	return nil
}

// check validates the options and fills in the format.
func (o *exportOptions) check() error {
	if o.out == "" {
		return shapef("export: -o FILE is required")
	}
	if o.out == "-" {
		// Not a file named "-": a reader of standard output could not
		// tell a whole export from one cut short.
		return usagef("export: -o - (standard output) is not supported; name the file to write (written whole, then put in place)")
	}
	if o.Format == "" {
		name := strings.ToLower(o.out)
		switch {
		case strings.HasSuffix(name, ".warc.gz"), strings.HasSuffix(name, ".warc"):
			o.Format = bundle.WARC
		case strings.HasSuffix(name, ".wacz"):
			o.Format = bundle.WACZ
		case strings.HasSuffix(name, ".jsonl"):
			o.Format = bundle.JSONL
		default:
			return shapef("export: --format warc, wacz or jsonl is required (the file name does not tell)")
		}
	}
	switch o.Format {
	case bundle.WARC, bundle.WACZ, bundle.JSONL:
	default:
		return shapef("export: --format must be warc, wacz or jsonl, not %q", o.Format)
	}
	switch {
	case o.CDX && o.Format == bundle.WACZ:
		o.CDX = false // asked and given: a WACZ holds its CDXJ index (indexes/index.cdxj)
	case o.CDX && o.Format != bundle.WARC:
		return shapef("export: --cdx indexes a WARC; a JSONL export has no records to index")
	}
	if o.Filter.URL != "" {
		var err error
		if o.Filter.URL, err = checkURL(o.Filter.URL); err != nil {
			return err
		}
	}
	// An export is written beside its target and renamed onto it: a
	// device or a FIFO (-o /dev/null) would be replaced by a plain file,
	// so only regular files are targets; a symlink is followed, so that
	// the file it names gets the export and the link stays.
	if st, err := os.Stat(o.out); err == nil && !st.Mode().IsRegular() {
		return usagef("export: %s is not a regular file; -o names the file to write", o.out)
	}
	if st, err := os.Stat(filepath.Dir(o.out)); err != nil || !st.IsDir() {
		return usagef("export: -o %s: no directory %s to write it in", o.out, filepath.Dir(o.out))
	}
	// A directory folio cannot write in (-o /proc/x, a read-only mount,
	// another user's) is the command line's mistake too, told before the
	// store is read.
	probe, err := os.CreateTemp(filepath.Dir(o.out), ".folio-probe-*")
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return usagef("export: -o %s: cannot write in %s: %v", o.out, filepath.Dir(o.out), err)
	}
	probe.Close()
	os.Remove(probe.Name())
	if st, err := os.Lstat(o.out); err == nil && st.Mode()&os.ModeSymlink != 0 {
		if real, err := filepath.EvalSymlinks(o.out); err == nil {
			o.out = real
		}
	}
	if !o.Force {
		if err := refuseExisting(o.out); err != nil {
			return err
		}
		if o.CDX {
			if err := refuseExisting(bundle.CDXPath(o.out)); err != nil {
				return err
			}
		}
	}
	return nil
}

func refuseExisting(path string) error {
	if _, err := os.Lstat(path); err == nil {
		return existsError(path)
	}
	return nil
}

// existsError is the usage error of an export whose file name is taken
// without --force: taken before it began, or while it was written
// (bundle.ExistsError).
func existsError(path string) error {
	return usagef("export: %s exists; use --force to overwrite it", path)
}

// export writes the bundle o asks for, showing its progress on progress
// (a terminal) unless that is nil. Its errors are the command's: "export: "
// and the file or URL, a usage error for a name that is taken, the
// store's own as they are.
func export(ctx context.Context, db *store.DB, o exportOptions, progress io.Writer) (*bundle.ExportResult, error) {
	if o.Filter.URL != "" {
		// Any URL that show finds the document by (the store knows its
		// aliases; show also tries the URL without a session id, and its
		// page 1), and show's words when there is none.
		d, err := findDocument(db, o.Filter.URL, 0)
		if err != nil {
			return nil, fmt.Errorf("export: %w", err)
		}
		o.Filter.URL = d.URL
	}
	if progress != nil {
		p := &progressLine{w: progress}
		o.Progress = p.update
		defer p.done()
	}
	o.Software = "folio/" + crawler.Version
	res, err := bundle.Export(ctx, db, o.out, o.ExportOptions)
	var taken *bundle.ExistsError
	switch {
	case err == nil:
	case errors.As(err, &taken):
		err = existsError(taken.Path)
	case store.Unavailable(err):
		// The store's words: report says the store failed, and exits 3.
	default:
		err = fmt.Errorf("export: %w", err)
	}
	return res, err
}

func printExport(w io.Writer, r *bundle.ExportResult) {
	switch r.Format {
	case bundle.JSONL:
		fmt.Fprintf(w, "exported %d document(s) (%s) to %s\n", r.Documents, humanBytes(r.Bytes), r.Path)
		return
	}
	s := r.WARCSummary
	fmt.Fprintf(w, "exported %d captures (%d responses, %d revisits, %d requests) and %d document version(s) to %s\n",
		s.Captures, s.Responses, s.Revisits, s.Requests, s.Versions, r.Path)
	if s.Skipped > 0 {
		fmt.Fprintf(w, "  %d fetches without a response were left out\n", s.Skipped)
	}
	if r.Index != "" {
		fmt.Fprintf(w, "  index: %s\n", r.Index)
	}
	if r.Format == bundle.WACZ {
		fmt.Fprintf(w, "  %d pages in pages.jsonl\n", r.Pages)
	}
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// progressLine prints an export's progress on a terminal, at most a few
// times a second.
type progressLine struct {
	w    io.Writer
	last time.Time
	any  bool
}

func (p *progressLine) update(s bundle.Progress) {
	if time.Since(p.last) < 200*time.Millisecond {
		return
	}
	p.last = time.Now()
	p.any = true
	pct := ""
	if s.Captures > 0 {
		pct = fmt.Sprintf(" (%d%%)", s.Capture*100/s.Captures)
	}
	fmt.Fprintf(p.w, "\rexporting: capture %d of %d%s, %s written   ", s.Capture, s.Captures, pct, humanBytes(s.Bytes))
}

// done clears the line.
func (p *progressLine) done() {
	if p.any {
		fmt.Fprint(p.w, "\r\033[K")
	}
}
