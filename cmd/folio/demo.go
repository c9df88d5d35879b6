package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"folio/attachment"
	"folio/internal/bundle"
	"folio/store"
)

func runDemo(ctx context.Context, e *env, args []string) (err error) {
	fs := newFlagSet("demo", e)
	var common commonFlags
	common.register(fs.FlagSet, e)
	// The demo never writes the store $FOLIO_DB names: it would mix the
	// sample portal's documents into a real archive.
	dbFlag := fs.Lookup("db")
	dbFlag.Usage = "the store `file` to crawl the sample portal into (default: a new one in a temporary directory; $FOLIO_DB is not used)"
	dbFlag.DefValue, common.db = "", ""
	portal := fs.String("portal", "", "directory of the sample portal (default: testdata/portal of the source tree)")
	force := fs.Bool("force", false, "replace the WACZ beside --db if it exists")
	serve := fs.String("serve", "", "only serve the sample portal at this `address` (127.0.0.1:8111, as the README's examples use) until interrupted; nothing is crawled")
	rest, err := parse(fs, args)
	if err != nil {
		return helpIsOK(err)
	}
	if len(rest) > 0 {
		return shapef("demo: unexpected argument %q", rest[0])
	}
	dir, err := findPortal(*portal)
	if err != nil {
		return err
	}
	if *serve != "" {
		return serveUntilDone(ctx, e, dir, *serve)
	}
	log, err := common.logger(e)
	if err != nil {
		return err
	}

	// The store first: a --db that cannot be opened fails before anything
	// is served or printed.
	dbPath, wacz, own, err := demoStore(common.db, *force)
	if err != nil {
		return err
	}
	if own {
		// A demo that fails leaves no temporary directory behind; one
		// whose crawl missed a page keeps what it printed the path of.
		defer func() {
			if err != nil && !errors.Is(err, errPartial) {
				os.RemoveAll(filepath.Dir(dbPath))
			}
		}()
	}
	db, err := openStore(ctx, dbPath, false, 0, log)
	if err != nil {
		return err
	}
	defer db.Close()

	base, stop, err := serveSample(dir)
	if err != nil {
		return err
	}
	defer stop()
	fmt.Fprintf(e.stdout, "serving the sample portal %s at %s\n", dir, base)

	fetch := &fetchFlags{delay: 50 * time.Millisecond, parallel: 2, perHost: 1, maxPages: 50, depth: 3,
		timeout: 10 * time.Second, maxBody: 20 << 20, retries: 1, attachments: true, requisites: true}
	sum, err := crawl(ctx, db, []string{base}, fetch, log)
	if err != nil {
		return err
	}
	printSummary(e.stdout, sum)
	fmt.Fprintln(e.stdout)
	if err := printDocuments(e.stdout, db); err != nil {
		return err
	}
	// The crawl, bundled for other tools: a WACZ (WARC, CDXJ index,
	// pages) that ReplayWeb.page and pywb replay.
	res, err := export(ctx, db, exportOptions{out: wacz, ExportOptions: bundle.ExportOptions{Format: bundle.WACZ, Force: *force}}, nil)
	if err != nil {
		return err
	}
	if !attachment.HavePdftotext() {
		fmt.Fprintln(e.stdout, "\nnote: pdftotext (Debian package poppler-utils) is not installed: PDF attachments are stored without their text")
	}
	fmt.Fprintf(e.stdout, "\nstore:  %s\n", dbPath)
	fmt.Fprintf(e.stdout, "export: %s (%d captures, %d pages, %s)\n", res.Path, res.Captures, res.Pages, humanBytes(fileSize(res.Path)))
	fmt.Fprintf(e.stdout, "try:    go run ./cmd/folio list --db %s\n", dbPath)
	if sum.Failed > 0 || sum.Incomplete > 0 {
		return errPartial
	}
	return nil
}

// demoStore names the store the demo crawls into and the WACZ written
// beside it: --db when given (a WACZ already there is replaced only with
// --force), else folio.db in a new temporary directory, which the demo
// owns.
func demoStore(db string, force bool) (dbPath, wacz string, own bool, err error) {
	dbPath = db
	if dbPath == "" {
		work, err := os.MkdirTemp("", "folio-demo-")
		if err != nil {
			return "", "", false, err
		}
		dbPath, own = filepath.Join(work, "folio.db"), true
	}
	wacz = strings.TrimSuffix(dbPath, filepath.Ext(dbPath)) + ".wacz"
	if wacz == dbPath {
		wacz = dbPath + ".wacz"
	}
	if !own && !force {
		if _, err := os.Lstat(wacz); err == nil {
			return "", "", false, usagef("demo: %s exists; the demo's WACZ would replace it (--force replaces it)", wacz)
		}
	}
	return dbPath, wacz, own, nil
}

// serveUntilDone serves the sample portal in dir at addr until ctx ends, for
// trying the everyday commands on it by hand.
func serveUntilDone(ctx context.Context, e *env, dir, addr string) error {
	// An address that cannot be served (malformed, its port taken) is a
	// wrong --serve value: a usage error, not a partial run.
	if _, _, err := net.SplitHostPort(addr); err != nil {
		return shapef("demo: --serve %s: %v", addr, err)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return usagef("demo: --serve: %v", err)
	}
	srv := &http.Server{Handler: portalHandler(dir), ReadHeaderTimeout: 5 * time.Second}
	go func() {
		<-ctx.Done()
		srv.Close()
	}()
	fmt.Fprintf(e.stdout, "serving the sample portal %s at http://%s/ until interrupted\n", dir, ln.Addr())
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("demo: serve %s: %w", addr, err)
	}
	return nil
}

// serveSample serves the sample portal in dir on a loopback port and
// returns its base URL and the function that stops it.
func serveSample(dir string) (base string, stop func(), err error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, fmt.Errorf("demo: listen on 127.0.0.1: %w", err)
	}
	srv := &http.Server{Handler: portalHandler(dir), ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(ln)
	return "http://" + ln.Addr().String() + "/", func() { srv.Close() }, nil
}

// printDocuments prints the table of what the demo stored.
// The documents newest first by publish time (not by when they were
// stored, as list does: the demo's parallel fetches store them in an
// order that differs from run to run).
func printDocuments(w io.Writer, db *store.DB) error {
	var docs []*store.Document
	err := db.Documents(store.DocumentFilter{}, func(d *store.Document) error {
		docs = append(docs, d)
		return nil
	})
	if err != nil {
		return err
	}
	slices.SortStableFunc(docs, func(a, b *store.Document) int {
		return cmp.Or(strings.Compare(b.Published, a.Published), strings.Compare(a.Title, b.Title))
	})
	var tb table
	tb.row("TITLE", "PAGES", "CHARSET", "PUBLISHED")
	for _, d := range docs {
		charset := ""
		if len(d.Pages) > 0 {
			charset = d.Pages[0].Charset
		}
		tb.row(clip(d.Title, 56), strconv.Itoa(len(d.Pages)), charset, d.Published)
	}
	return tb.write(w)
}

// findPortal locates the sample portal: the flag, else testdata/portal in
// the working directory or above it (go run from anywhere in the tree),
// else next to this source file (a binary built from this tree).
func findPortal(flagDir string) (string, error) {
	if flagDir != "" {
		if st, err := os.Stat(filepath.Join(flagDir, "robots.txt")); err != nil || st.IsDir() {
			return "", usagef("demo: --portal %s: not the sample portal (no robots.txt in it)", flagDir)
		}
		return flagDir, nil
	}
	var tries []string
	if wd, err := os.Getwd(); err == nil {
		for d := wd; ; d = filepath.Dir(d) {
			tries = append(tries, filepath.Join(d, "testdata", "portal"))
			if filepath.Dir(d) == d {
				break
			}
		}
	}
	if _, src, _, ok := runtime.Caller(0); ok {
		tries = append(tries, filepath.Join(filepath.Dir(src), "..", "..", "testdata", "portal"))
	}
	for _, t := range tries {
		if st, err := os.Stat(filepath.Join(t, "robots.txt")); err == nil && !st.IsDir() {
			return t, nil
		}
	}
	return "", errors.New("demo: cannot find testdata/portal; run from the folio source tree or pass --portal DIR")
}

// portalHandler serves the sample portal as its real server would: the
// bytes of each file as they are on disk, with the Content-Type that
// headers.txt gives for the path (else text/html with no charset, as many
// old portals send), index.html for directories, the query ignored.
func portalHandler(dir string) http.Handler {
	types := map[string]string{}
	if data, err := os.ReadFile(filepath.Join(dir, "headers.txt")); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if p, ct, ok := strings.Cut(strings.TrimRight(line, "\r"), "\t"); ok {
				types[p] = ct
			}
		}
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.Path
		if strings.HasSuffix(p, "/") {
			p += "index.html"
		}
		clean := filepath.FromSlash(filepath.Clean("/" + p))
		data, err := os.ReadFile(filepath.Join(dir, clean))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		ct, ok := types[p]
		if !ok {
			ct, ok = types[strings.TrimPrefix(p, "/")]
		}
		if !ok {
			switch filepath.Ext(p) {
			case ".txt":
				ct = "text/plain"
			case ".css":
				ct = "text/css"
			case ".js":
				ct = "application/javascript"
			case ".gif":
				ct = "image/gif"
			case ".jpg":
				ct = "image/jpeg"
			case ".pdf":
				ct = "application/pdf"
			default:
				ct = "text/html"
			}
		}
		w.Header().Set("Content-Type", ct)
		w.Write(data)
	})
}

func fileSize(path string) int64 {
	st, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return st.Size()
}
