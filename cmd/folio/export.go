package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"folio/crawler"
	"folio/store"
	"folio/warc"
)

// exportOptions say what to export where. The zero value of every field but
// format and out means "everything" or "no".
type exportOptions struct {
	format   string // warc, wacz or jsonl
	out      string // the file to write
	site     string // only this host
	since    time.Time
	url      string // only the document this URL leads to
	cdx      bool   // warc: write a CDXJ index beside it
	force    bool   // overwrite out
	operator string // warcinfo's operator
	now      time.Time
}

// exportResult is what an export wrote, as `export --json` prints it: one
// flat object like crawl's and import's summaries.
type exportResult struct {
	Path         string `json:"path"`
	Format       string `json:"format"`
	Index        string `json:"index,omitempty"` // warc --cdx: the CDXJ index beside it
	Bytes        int64  `json:"bytes"`           // the size of Path
	Documents    int    `json:"documents"`       // documents in the bundle
	*warcSummary        // warc, wacz
	*waczSummary        // wacz
}

// warcSummary is what the WARC of an export holds.
type warcSummary struct {
	Versions  int `json:"document_versions"` // metadata records
	Captures  int `json:"captures"`          // fetches: a response or revisit record each
	Responses int `json:"responses"`
	Revisits  int `json:"revisits"`
	Requests  int `json:"requests"`
	Skipped   int `json:"skipped"` // fetches without a response, left out
}

// waczSummary is what only a WACZ has.
type waczSummary struct {
	Pages int `json:"pages"` // lines of pages/pages.jsonl
}

// setWARC fills in what writeWARC counted.
func (r *exportResult) setWARC(s *exportStats) {
	r.Documents = s.Documents
	r.warcSummary = &warcSummary{Versions: s.Versions, Captures: s.Captures, Responses: s.Responses,
		Revisits: s.Revisits, Requests: s.Requests, Skipped: s.Skipped}
}

func runExport(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet("export", e)
	var common commonFlags
	common.register(fs.FlagSet, e)
	var o exportOptions
	fs.StringVar(&o.format, "format", "", "warc, wacz or jsonl (default: from the -o file's extension)")
	fs.StringVar(&o.out, "o", "", "the file to write (required)")
	fs.StringVar(&o.site, "site", "", "only captures and documents on this host (any port unless HOST:PORT)")
	since := fs.String("since", "", "only what was captured since DATE (2006-01-02, 2006-01-02T15:04[:05] local time, or RFC 3339)")
	fs.StringVar(&o.url, "url", "", "only the document this URL leads to, and its captures")
	fs.BoolVar(&o.cdx, "cdx", false, "warc: also write a CDXJ index (FILE without .warc.gz, plus .cdxj); a WACZ always holds one")
	fs.BoolVar(&o.force, "force", false, "overwrite FILE if it exists")
	fs.StringVar(&o.operator, "operator", "", "who made the archive, for the WARC's warcinfo record (name, e-mail)")
	asJSON := fs.Bool("json", false, "print what was written as one JSON object")
	rest, err := parse(fs, args)
	if err != nil {
		return helpIsOK(err)
	}
	if len(rest) > 0 {
		return shapef("export: unexpected argument %q", rest[0])
	}
	if *since != "" {
		if o.since, err = parseSince(*since); err != nil {
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
	db, err := openStore(common.db, true, 0, log)
	if err != nil {
		return err
	}
	defer db.Close()

	var progress io.Writer
	if isTerminal(e.stderr) && !common.quiet {
		progress = e.stderr
	}
	removeLeftovers(filepath.Dir(o.out), log)
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
	if o.format == "" {
		name := strings.ToLower(o.out)
		switch {
		case strings.HasSuffix(name, ".warc.gz"), strings.HasSuffix(name, ".warc"):
			o.format = "warc"
		case strings.HasSuffix(name, ".wacz"):
			o.format = "wacz"
		case strings.HasSuffix(name, ".jsonl"):
			o.format = "jsonl"
		default:
			return shapef("export: --format warc, wacz or jsonl is required (the file name does not tell)")
		}
	}
	switch o.format {
	case "warc", "wacz", "jsonl":
	default:
		return shapef("export: --format must be warc, wacz or jsonl, not %q", o.format)
	}
	switch {
	case o.cdx && o.format == "wacz":
		o.cdx = false // asked and given: a WACZ holds its CDXJ index (indexes/index.cdxj)
	case o.cdx && o.format != "warc":
		return shapef("export: --cdx indexes a WARC; a JSONL export has no records to index")
	}
	if o.url != "" {
		if err := checkURL(o.url); err != nil {
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
	if st, err := os.Lstat(o.out); err == nil && st.Mode()&os.ModeSymlink != 0 {
		if real, err := filepath.EvalSymlinks(o.out); err == nil {
			o.out = real
		}
	}
	if !o.force {
		if err := refuseExisting(o.out); err != nil {
			return err
		}
		if o.cdx {
			if err := refuseExisting(cdxPath(o.out)); err != nil {
				return err
			}
		}
	}
	return nil
}

func refuseExisting(path string) error {
	if _, err := os.Lstat(path); err == nil {
		return usagef("export: %s exists; use --force to overwrite it", path)
	}
	return nil
}

// cdxPath is where --cdx puts the index: out.warc.gz → out.cdxj.
func cdxPath(out string) string {
	base := strings.TrimSuffix(strings.TrimSuffix(out, ".gz"), ".warc")
	return base + ".cdxj"
}

// export writes the bundle. Every file is written under a temporary name
// in the target's directory and given its final name when complete, so an
// interrupted export leaves nothing under the final name (and no temporary
// file).
func export(ctx context.Context, db *store.DB, o exportOptions, progress io.Writer) (*exportResult, error) {
	if o.now.IsZero() {
		o.now = time.Now()
	}
	res := &exportResult{Path: o.out, Format: o.format}
	if o.url != "" {
		// Any URL that show finds the document by; from here on its own.
		d, err := findDocument(db, o.url, 0)
		if err != nil {
			return res, fmt.Errorf("export: %w", err)
		}
		o.url = d.URL
	}
	var err error
	switch o.format {
	case "warc":
		err = exportWARCFile(ctx, db, o, res, progress)
	case "wacz":
		err = exportWACZ(ctx, db, o, res, progress)
	case "jsonl":
		err = exportJSONL(ctx, db, o, res)
	}
	return res, outputError(o.out, err)
}

// outputError words a failure to write one of the export's temporary
// files (a full disk, say) as a failure to write the export itself: the
// temporary names mean nothing to the user, and the capture being written
// when it happened is not to blame.
func outputError(out string, err error) error {
	var pe *fs.PathError
	if err == nil || !errors.As(err, &pe) {
		return err
	}
	// Ours: .NAME.*.tmp beside the export, or a file in .folio-*.tmp/.
	rel, rerr := filepath.Rel(filepath.Dir(out), pe.Path)
	if rerr != nil || !strings.HasPrefix(rel, ".") || strings.HasPrefix(rel, "..") || !strings.Contains(rel, ".tmp") {
		return err
	}
	return fmt.Errorf("export: %s: %s: %w", out, pe.Op, pe.Err)
}

// pending is a file being written under a temporary name.
type pending struct {
	f     *os.File
	final string
	done  bool
}

func createPending(final string) (*pending, error) {
	dir, base := filepath.Split(final)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, pendingPattern(base))
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	return &pending{f: f, final: final}, nil
}

// A file being written is named after its final name, the host and the
// process writing it (.out.wacz.HOST-PID-RANDOM.tmp), so that a later
// export can tell the leftovers of one that was killed (kill -9, a crash)
// from those of one still running, and remove them.
var (
	pendingName = regexp.MustCompile(`^\..+\.([A-Za-z0-9_]+)-([0-9]+)-[0-9]+\.tmp$`)
	hostTag     = func() string {
		h, _ := os.Hostname()
		return regexp.MustCompile(`[^A-Za-z0-9_]`).ReplaceAllString(h, "_")
	}()
)

func pendingPattern(base string) string {
	return fmt.Sprintf(".%s.%s-%d-*.tmp", base, hostTag, os.Getpid())
}

// removeLeftovers removes from dir the files of exports that died while
// writing them: made on this host by a process that is gone.
func removeLeftovers(dir string, log *slog.Logger) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		m := pendingName.FindStringSubmatch(e.Name())
		if m == nil || m[1] != hostTag {
			continue
		}
		pid, err := strconv.Atoi(m[2])
		if err != nil || pid == os.Getpid() || syscall.Kill(pid, 0) != syscall.ESRCH {
			continue // still running (or not ours to judge)
		}
		if err := os.Remove(filepath.Join(dir, e.Name())); err == nil {
			log.Info("removed what an interrupted export left", "file", filepath.Join(dir, e.Name()))
		}
	}
}

// scratchFile is a file for the export's intermediate data, in dir (the
// export's file system). It has no name: it is gone when closed, or when
// the process dies.
func scratchFile(dir string) (*os.File, error) {
	f, err := os.CreateTemp(dir, ".folio-scratch-*.tmp")
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	os.Remove(f.Name())
	return f, nil
}

// commit syncs the file and gives it its final name. With force it takes
// the place of a file of that name (a rename); without, it never does,
// even one created since check looked: see publishNew.
func (p *pending) commit(force bool) error {
	if err := p.f.Sync(); err != nil {
		return fmt.Errorf("export: %s: %w", p.final, err)
	}
	if err := p.f.Close(); err != nil {
		return fmt.Errorf("export: %s: %w", p.final, err)
	}
	if err := os.Chmod(p.f.Name(), 0o644); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if force {
		if err := os.Rename(p.f.Name(), p.final); err != nil {
			return fmt.Errorf("export: %w", err)
		}
	} else if err := publishNew(p.f.Name(), p.final, os.Link); err != nil {
		return err
	}
	p.done = true
	return nil
}

// publishNew gives the file tmp the name final if no file has it: a hard
// link, which the system refuses if the name exists, whenever it was
// created; then tmp's name goes. On a file system without hard links
// (link fails with EPERM, EOPNOTSUPP or EXDEV) it looks, then renames: a file
// created in between those two is replaced.
func publishNew(tmp, final string, link func(oldname, newname string) error) error {
	err := link(tmp, final)
	switch {
	case err == nil:
		// The export is in place; should tmp's name stay (it cannot,
		// short of the directory changing under us), a later export
		// removes it once this process is gone.
		os.Remove(tmp)
		return nil
	case errors.Is(err, fs.ErrExist):
		return usagef("export: %s exists; use --force to overwrite it", final)
	case errors.Is(err, syscall.EPERM), errors.Is(err, syscall.EOPNOTSUPP), errors.Is(err, syscall.EXDEV):
		if err := refuseExisting(final); err != nil {
			return err
		}
		if err := os.Rename(tmp, final); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		return nil
	default:
		return fmt.Errorf("export: %w", err)
	}
}

// withdraw removes a committed file again: what belongs with it could not
// be committed.
func (p *pending) withdraw() {
	if p.done {
		os.Remove(p.final)
	}
}

// size is how much has been written to the file.
func (p *pending) size() (int64, error) {
	st, err := p.f.Stat()
	if err != nil {
		return 0, fmt.Errorf("export: %w", err)
	}
	return st.Size(), nil
}

// discard removes the temporary file unless it was committed.
func (p *pending) discard() {
	if p != nil && !p.done {
		p.f.Close()
		os.Remove(p.f.Name())
	}
}

// exportWARCFile writes a .warc.gz (or plain .warc) and, with --cdx, its
// index.
func exportWARCFile(ctx context.Context, db *store.DB, o exportOptions, res *exportResult, progress io.Writer) error {
	out, err := createPending(o.out)
	if err != nil {
		return err
	}
	defer out.discard()
	var unsorted *os.File
	if o.cdx {
		if unsorted, err = scratchFile(filepath.Dir(o.out)); err != nil {
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
	uncompressed := strings.HasSuffix(strings.ToLower(o.out), ".warc")
	stats, err := writeWARC(ctx, db, bw, filepath.Base(o.out), cdx, o, uncompressed, progress)
	if err != nil {
		return err
	}
	res.setWARC(stats)
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export: %s: %w", o.out, err)
	}
	if res.Bytes, err = out.size(); err != nil {
		return err
	}
	if unsorted != nil {
		if err := cdxBuf.Flush(); err != nil {
			return err
		}
		idx, err := createPending(cdxPath(o.out))
		if err != nil {
			return err
		}
		defer idx.discard()
		if err := sortInto(idx.f, unsorted); err != nil {
			return err
		}
		// The index first, and gone again if the WARC cannot follow it:
		// the WARC never stands without its index.
		if err := idx.commit(o.force); err != nil {
			return err
		}
		if err := out.commit(o.force); err != nil {
			idx.withdraw()
			return err
		}
		res.Index = idx.final
		return nil
	}
	return out.commit(o.force)
}

// sortInto sorts the CDXJ lines of unsorted into dst.
func sortInto(dst *os.File, unsorted *os.File) error {
	if _, err := unsorted.Seek(0, io.SeekStart); err != nil {
		return err
	}
	if err := warc.SortLines(dst, bufio.NewReader(unsorted), filepath.Dir(dst.Name()), 0); err != nil {
		return fmt.Errorf("export: sorting the index: %w", err)
	}
	return nil
}

// writeWARC writes the WARC records of what o selects to w.
func writeWARC(ctx context.Context, db *store.DB, w io.Writer, filename string, cdx io.Writer, o exportOptions, uncompressed bool, progress io.Writer) (*exportStats, error) {
	identity, err := db.Identity()
	if err != nil {
		return nil, err
	}
	filter, err := newCaptureFilter(db, o)
	if err != nil {
		return nil, err
	}
	e := &warcExport{db: db, w: warc.NewWriter(w, &warc.WriterOptions{Uncompressed: uncompressed}),
		identity: identity, filename: filename, cdx: cdx, include: filter.include}
	if filter.narrowed() {
		e.orphans = map[string]*store.Capture{}
	}
	if e.stats.MaxID, err = db.LastCaptureID(); err != nil {
		return nil, err
	}
	p := newProgress(progress)
	e.progress = p.update
	defer p.done()

	if err := e.writeWarcinfo(o.now, o.operator, describeExport(db, o)); err != nil {
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
	err = db.DocumentVersions(store.VersionFilter{Host: o.site, Since: o.since, URL: o.url}, func(d *store.Document) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		return e.writeDocument(d)
	})
	if err != nil && !(o.url != "" && errors.Is(err, store.ErrNotFound)) {
		return nil, err
	}
	if err := e.w.Close(); err != nil {
		return nil, err
	}
	e.stats.Bytes = e.w.Offset()
	return &e.stats, nil
}

func describeExport(db *store.DB, o exportOptions) string {
	d := "folio export of " + filepath.Base(db.Path())
	var sel []string
	if o.site != "" {
		sel = append(sel, "site "+o.site)
	}
	if !o.since.IsZero() {
		sel = append(sel, "since "+o.since.Format(time.RFC3339))
	}
	if o.url != "" {
		sel = append(sel, "document "+o.url)
	}
	if len(sel) > 0 {
		d += " (" + strings.Join(sel, ", ") + ")"
	}
	return d
}

// captureFilter is which captures an export holds: all, or those on a
// host, since a time, of one document.
type captureFilter struct {
	host  string
	since time.Time
	ids   []uint64 // --url: the document's captures, in id order
	set   map[uint64]bool
}

func newCaptureFilter(db *store.DB, o exportOptions) (*captureFilter, error) {
	f := &captureFilter{host: o.site, since: o.since}
	if o.url == "" {
		return f, nil
	}
	// The document's captures: every capture of a URL that leads to it
	// (its pages, aliases, redirects), and those its versions were read from.
	urls, err := db.DocumentURLs(o.url)
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	f.set = map[uint64]bool{}
	err = db.DocumentVersions(store.VersionFilter{URL: o.url}, func(d *store.Document) error {
		for _, p := range d.Pages {
			f.set[p.CaptureID] = true
			urls = append(urls, p.URL)
		}
		for _, a := range d.Attachments {
			f.set[a.CaptureID] = true
			urls = append(urls, a.URL)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.Sort(urls)
	for _, u := range slices.Compact(urls) {
		err := db.CapturesOf(u, func(c *store.Capture) error {
			f.set[c.ID] = true
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	delete(f.set, 0)
	for id := range f.set {
		f.ids = append(f.ids, id)
	}
	slices.Sort(f.ids)
	return f, nil
}

func (f *captureFilter) narrowed() bool {
	return f.host != "" || !f.since.IsZero() || f.set != nil
}

func (f *captureFilter) include(c *store.Capture) bool {
	if f.host != "" && !store.HostMatches(c.URL, f.host) {
		return false
	}
	if !f.since.IsZero() && c.Time.Before(f.since) {
		return false
	}
	if f.set != nil && !f.set[c.ID] {
		return false
	}
	return true
}

// captures calls fn with each selected capture in id order.
func (f *captureFilter) captures(db *store.DB, fn func(*store.Capture) error) error {
	if f.set == nil {
		return db.Captures(1, func(c *store.Capture) error {
			if !f.include(c) {
				return nil
			}
			return fn(c)
		})
	}
	for _, id := range f.ids {
		c, err := db.Capture(id)
		if err != nil {
			return err
		}
		if f.include(c) {
			if err := fn(c); err != nil {
				return err
			}
		}
	}
	return nil
}

// exportWACZ writes a WACZ: the WARC, its index and pages.jsonl are made
// in a temporary directory beside the target, then packed.
func exportWACZ(ctx context.Context, db *store.DB, o exportOptions, res *exportResult, progress io.Writer) error {
	// The parts are scratch files until they are zipped.
	dir := filepath.Dir(o.out)
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
	stats, err := writeWARC(ctx, db, bw, warcName, cw, o, false, progress)
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
	if err := sortInto(index, unsorted); err != nil {
		return err
	}

	pages, err := scratchFile(dir)
	if err != nil {
		return err
	}
	defer pages.Close()
	info := warc.PackageInfo{Title: "folio export", Description: describeExport(db, o),
		Software: "folio " + crawler.Version, Created: o.now}
	res.waczSummary = &waczSummary{}
	if res.Pages, err = writePages(ctx, db, o, pages, &info); err != nil {
		return err
	}

	out, err := createPending(o.out)
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
	return out.commit(o.force)
}

// writePages writes pages.jsonl: one line per document, the URL and time
// of its page 1's capture (what a replay opens) and its title.
func writePages(ctx context.Context, db *store.DB, o exportOptions, w io.Writer, info *warc.PackageInfo) (int, error) {
	filter, err := newCaptureFilter(db, o)
	if err != nil {
		return 0, err
	}
	bw := bufio.NewWriter(w)
	if err := writeJSON(bw, map[string]string{"format": "json-pages-1.0", "id": "pages", "title": "All Pages"}); err != nil {
		return 0, err
	}
	n := 0
	err = eachDocument(db, o, func(d *store.Document) error {
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
		return writeJSON(bw, line)
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

// eachDocument calls fn with the latest version of each selected document.
func eachDocument(db *store.DB, o exportOptions, fn func(*store.Document) error) error {
	if o.url != "" {
		d, err := db.Document(o.url, 0)
		if err != nil {
			return fmt.Errorf("export: %w", err)
		}
		if (o.site != "" && !store.HostMatches(d.URL, o.site)) || (!o.since.IsZero() && d.Fetched.Before(o.since)) {
			return nil
		}
		return fn(d)
	}
	return db.Documents(store.DocumentFilter{Host: o.site, Since: o.since}, fn)
}

// exportJSONL writes one document object per line, as `list --json --text`.
func exportJSONL(ctx context.Context, db *store.DB, o exportOptions, res *exportResult) error {
	out, err := createPending(o.out)
	if err != nil {
		return err
	}
	defer out.discard()
	bw := bufio.NewWriterSize(out.f, 256<<10)
	err = eachDocument(db, o, func(d *store.Document) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		res.Documents++
		return writeJSON(bw, docJSON(d, true))
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
	return out.commit(o.force)
}

func printExport(w io.Writer, r *exportResult) {
	switch r.Format {
	case "jsonl":
		fmt.Fprintf(w, "exported %d document(s) (%s) to %s\n", r.Documents, humanBytes(r.Bytes), r.Path)
		return
	}
	s := r.warcSummary
	fmt.Fprintf(w, "exported %d captures (%d responses, %d revisits, %d requests) and %d document version(s) to %s\n",
		s.Captures, s.Responses, s.Revisits, s.Requests, s.Versions, r.Path)
	if s.Skipped > 0 {
		fmt.Fprintf(w, "  %d fetches without a response were left out\n", s.Skipped)
	}
	if r.Index != "" {
		fmt.Fprintf(w, "  index: %s\n", r.Index)
	}
	if r.Format == "wacz" {
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

// progress prints a progress line on a terminal, at most a few times a
// second.
type progress struct {
	w    io.Writer
	last time.Time
	any  bool
}

func newProgress(w io.Writer) *progress { return &progress{w: w} }

func (p *progress) update(s *exportStats) {
	if p.w == nil || time.Since(p.last) < 200*time.Millisecond {
		return
	}
	p.last = time.Now()
	p.any = true
	pct := ""
	if s.MaxID > 0 {
		pct = fmt.Sprintf(" (%d%%)", s.LastID*100/s.MaxID)
	}
	fmt.Fprintf(p.w, "\rexporting: capture %d of %d%s, %s written   ", s.LastID, s.MaxID, pct, humanBytes(s.Bytes))
}

func (p *progress) done() {
	if p.w != nil && p.any {
		fmt.Fprint(p.w, "\r\033[K")
	}
}
