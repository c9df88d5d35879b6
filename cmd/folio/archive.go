package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"

	"folio/crawler"
	"folio/internal/errtext"
	"folio/store"
)

func runArchive(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet("archive", e)
	var common commonFlags
	common.register(fs.FlagSet, e)
	var fetch fetchFlags
	fetch.register(fs.FlagSet, true)
	asJSON := fs.Bool("json", false, "print each document as a JSON object (one per line)")
	urls, err := parse(fs, args)
	if err != nil {
		return helpIsOK(err)
	}
	if len(urls) == 0 {
		return shapef("archive: no URL given")
	}
	if err := fetch.check(); err != nil {
		return err
	}
	// Refuse every bad URL before fetching anything: `folio archive
	// file:///etc/passwd` must not store a byte.
	for i, u := range urls {
		if urls[i], err = checkURL(u); err != nil {
			return err
		}
	}
	log, err := common.logger(e)
	if err != nil {
		return err
	}
	loc, _ := fetch.location()
	db, err := openStore(ctx, common.db, false, fetch.lockTimeout, log)
	if err != nil {
		return err
	}
	defer db.Close()

	tr := crawler.NewTransport(fetch.transport(log))
	// The delay holds from the last requests of the crawl or archive
	// before, and this one's hold for the next.
	if err := crawler.ResumePace(db, tr); err != nil {
		return &storeUnavailable{err}
	}
	defer func() {
		if err := crawler.KeepPace(db, tr); err != nil {
			log.Debug("the hosts' pacing was not kept", "err", err)
		}
	}()
	fetcher, err := crawler.NewFetcher(ctx, tr, crawler.FetcherOptions{Revisit: true})
	if err != nil {
		return err
	}
	opts := crawler.ArchiveOptions{MaxPages: fetch.maxPages, Location: loc, Logger: log,
		Attachments: fetch.attachments, Requisites: fetch.requisites}
	if fetch.scope != "" {
		scope := regexp.MustCompile(fetch.scope) // checked by fetch.check
		opts.InScope = scope.MatchString
	}
	arch := crawler.NewArchiver(fetcher, db, opts)

	if fs.isSet("depth") {
		log.Warn("--depth is a crawl's: archive follows only the pages of each article given")
	}
	results := archiveAll(ctx, arch, urls, fetch.parallel, fetch.maxDocs)
	failed := false
	for _, res := range results {
		if errors.Is(res.Err, errNotTried) {
			continue // after a store error, reported below
		}
		if errors.Is(res.Err, errOverLimit) {
			// The operator's limit, not a failure: said, and the
			// run's exit code is the archived URLs'.
			log.Warn(fmt.Sprintf("%s: not archived: --max-docs %d reached", res.URL, fetch.maxDocs), "url", res.URL)
			continue
		}
		if res.List && res.Doc != nil {
			// (extract says the same of such a page.)
			log.Warn(fmt.Sprintf("%s: a list or column page, not an article; stored as the page it is", res.URL), "url", res.URL)
		}
		if res.Err != nil {
			if isStoreError(res.Err) {
				return &storeUnavailable{res.Err} // reported once, by report
			}
			failed = true
			errtext.Log(log, res.Err)
		}
		switch {
		case *asJSON && res.Doc != nil:
			doc := res.Doc
			if res.Save.NotRecorded {
				// What this fetch gave, which is not a stored version
				// (the stored one stands): version 0, as for a URL
				// that gave nothing, so no script takes it for one.
				unrecorded := *doc
				unrecorded.Version = 0
				doc = &unrecorded
			}
			if err := writeJSON(e.stdout, docJSON(doc, true)); err != nil {
				return err
			}
		case *asJSON:
			// One object per URL, as the contract says, even for a URL
			// that gave nothing: what was tried, and that it is not whole.
			if err := writeJSON(e.stdout, failedDocument(res)); err != nil {
				return err
			}
		case res.Doc != nil:
			printArchived(e.stdout, res)
		}
	}
	if failed {
		return errPartial
	}
	return nil
}

// failedDocument is the document object for a URL that could not be
// archived at all: its URL, the page tried with its status, complete false.
func failedDocument(res *crawler.Result) *store.Document {
	d := &store.Document{URL: res.URL, Tables: [][][]string{}, Attachments: []store.Attachment{},
		Aliases: []string{}, Pages: []store.Page{{URL: res.URL}}}
	if res.Tried != nil {
		d.Pages[0] = *res.Tried
	}
	// When it was tried: a request that got no response has no time of
	// its own, and "fetched" is an RFC 3339 time, never year 1.
	if d.Pages[0].Fetched.IsZero() {
		d.Pages[0].Fetched = time.Now().UTC().Truncate(time.Second)
	}
	d.Fetched = d.Pages[0].Fetched
	return d
}

// helpIsOK turns the -h "error" into success after the usage was printed.
func helpIsOK(err error) error {
	if err == errHelp {
		return nil
	}
	return err
}

// checkURL refuses what folio never fetches: what does not parse, other
// schemes than http and https (file:///etc/passwd), URLs without a host or
// with a port out of range, and URLs that carry credentials (user:pass@),
// which would be stored and exported with every capture. It returns the
// URL without the white space a browser's address bar drops around it
// (a URL pasted with a trailing space is not another page).
func checkURL(raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	name := raw
	if strings.ContainsFunc(raw, unicode.IsControl) {
		name = strconv.Quote(raw) // the message stays one line
	}
	u, err := url.Parse(raw)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // it repeats the URL
		}
		return "", usagef("%s: not a URL: %v", name, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", usagef("%s: only http and https URLs are archived", name)
	}
	if u.Hostname() == "" {
		return "", usagef("%s: URL has no host", name)
	}
	if u.User != nil {
		return "", usagef("%s: URL carries credentials; they would be stored and exported with it", u.Redacted())
	}
	if p := u.Port(); p != "" {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
			return "", usagef("%s: port %s is out of range", name, p)
		}
	}
	return raw, nil
}

// errNotTried marks the URLs left alone once the store failed.
var errNotTried = errors.New("not archived: the store failed")

// errOverLimit marks the URLs left alone once --max-docs documents were
// archived.
var errOverLimit = errors.New("not archived: --max-docs reached")

// archiveAll archives urls, hosts in parallel (at most parallel at once)
// and each host's URLs one after another, and returns the results in the
// order of urls. Politeness is the Transport's; this only keeps a slow host
// from holding up the others. Once the store fails (a full disk), no
// further URL is fetched.
func archiveAll(ctx context.Context, arch *crawler.Archiver, urls []string, parallel, maxDocs int) []*crawler.Result {
	var storeFailed atomic.Bool
	// Each URL takes a slot under maxDocs before it is archived, and
	// gives it back if nothing was: hosts run at once, and the limit is
	// the number of documents archived, not of URLs started.
	var slots atomic.Int64
	reserve := func() bool {
		if maxDocs <= 0 {
			return true
		}
		if slots.Add(1) > int64(maxDocs) {
			slots.Add(-1)
			return false
		}
		return true
	}
	results := make([]*crawler.Result, len(urls))
	byHost := map[string][]int{}
	var hosts []string
	for i, raw := range urls {
		u, _ := url.Parse(raw)
		if _, ok := byHost[u.Host]; !ok {
			hosts = append(hosts, u.Host)
		}
		byHost[u.Host] = append(byHost[u.Host], i)
	}
	sem := make(chan struct{}, parallel)
	var wg sync.WaitGroup
	for _, h := range hosts {
		wg.Add(1)
		sem <- struct{}{}
		go func(idx []int) {
			defer wg.Done()
			defer func() { <-sem }()
			for _, i := range idx {
				if ctx.Err() != nil {
					results[i] = &crawler.Result{URL: urls[i], Err: fmt.Errorf("%s: %w", urls[i], ctx.Err())}
					continue
				}
				if storeFailed.Load() {
					results[i] = &crawler.Result{URL: urls[i], Err: errNotTried}
					continue
				}
				if !reserve() {
					results[i] = &crawler.Result{URL: urls[i], Err: errOverLimit}
					continue
				}
				results[i] = arch.Archive(ctx, urls[i])
				if results[i].Doc == nil && maxDocs > 0 {
					slots.Add(-1)
				}
				if isStoreError(results[i].Err) {
					storeFailed.Store(true)
				}
			}
		}(byHost[h])
	}
	wg.Wait()
	return results
}

func printArchived(w io.Writer, res *crawler.Result) {
	d := res.Doc
	state := "unchanged"
	switch {
	case res.Save.Republished && res.Save.NotRecorded:
		state = "the URL given republishes it and now differs; not recorded until the original is re-checked"
	case res.Save.Republished:
		state = "unchanged; the URL given republishes it"
	case res.Save.New:
		state = "new"
	case res.Save.Changed:
		state = "changed"
	case res.Save.NotRecorded:
		// The fetch missed a part the stored version has: not recorded.
		state = "kept, this fetch not recorded"
	}
	charset := ""
	if len(d.Pages) > 0 {
		charset = d.Pages[0].Charset
	}
	complete := ""
	if !d.Complete {
		complete = ", incomplete"
	}
	fmt.Fprintf(w, "%s  %s\n  %d page(s), %s, version %d (%s%s)\n", d.URL, d.Title, len(d.Pages), charset, d.Version, state, complete)
}

// docJSON is the contract's document object; without text when withText
// is false (list --json without --text).
func docJSON(d *store.Document, withText bool) any {
	d = d.InSeconds()
	if withText {
		return d
	}
	return struct {
		*store.Document
		Text string `json:"text,omitempty"` // shadows Document.Text
	}{Document: d}
}

// writeJSON prints v as one line of JSON, with <, > and & as themselves:
// the text must survive verbatim.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
