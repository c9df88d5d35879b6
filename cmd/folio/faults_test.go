package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"folio/crawler/crawltest"
	"folio/store"
	"folio/warc"
)

// faultFlags make faults quick: no delay, one attempt, a 1s deadline, a
// 64 KiB body.
var faultFlags = []string{"--delay", "0", "--retries", "0", "--timeout", "1s", "--max-body", "64KiB"}

// lines splits stderr into its non-empty lines.
func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.TrimSpace(l) != "" {
			out = append(out, l)
		}
	}
	return out
}

// storeContents opens the store for reading, as a later command would,
// and returns its documents by URL; the test fails if it does not open.
func storeContents(t *testing.T, path string) map[string]*store.Document {
	t.Helper()
	db, err := store.Open(path, &store.Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("the store does not open: %v", err)
	}
	defer db.Close()
	docs := map[string]*store.Document{}
	if err := db.Documents(store.DocumentFilter{}, func(d *store.Document) error {
		docs[d.URL] = d
		return nil
	}); err != nil {
		t.Fatalf("reading the store: %v", err)
	}
	return docs
}

// latestCapture returns the last capture of u and its payload.
func latestCapture(t *testing.T, path, u string) (*store.Capture, []byte) {
	t.Helper()
	db, err := store.Open(path, &store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	c, err := db.LatestCapture(u)
	if err != nil {
		t.Fatalf("capture of %s: %v", u, err)
	}
	payload, err := db.Payload(c.PayloadDigest)
	if err != nil {
		t.Fatalf("payload of %s: %v", u, err)
	}
	return c, payload
}

// TestArchiveNetworkFaults archives, for each fault, a good article and
// the faulty URL in one run: the fault is one line on stderr naming its
// URL, the good article is archived all the same, the exit code is 1, and
// the store opens afterwards with every article archived so far.
func TestArchiveNetworkFaults(t *testing.T) {
	f := crawltest.ServeFaults(t)
	db := tempDB(t)
	plainAsTLS := "https://" + f.Listener.Addr().String() + "/article/1.html"
	tests := []struct{ name, url, msg string }{
		{"connection refused", f.Refused, "connect: connection refused"},
		{"connection reset", f.URL + "/reset", "connection reset by peer"},
		{"reset in the body", f.URL + "/reset-body", "reading body: read: connection reset by peer"},
		{"no answer", f.URL + "/silent", "no response within 1s (--timeout)"},
		{"a byte a second", f.URL + "/trickle", "no complete response within 1s (--timeout)"},
		{"redirect loop", f.URL + "/loop", "too many redirects: a redirect loop"},
		{"11 redirects", f.URL + crawltest.HopPath(11), "too many redirects: more than 10"},
		{"redirect to file", f.URL + "/to/file", "not an http(s) URL: redirect to file:///etc/passwd"},
		{"redirect to ftp", f.URL + "/to/ftp", "not an http(s) URL: redirect to ftp:"},
		{"redirect to javascript", f.URL + "/to/javascript", "not an http(s) URL: redirect to javascript:"},
		{"redirect to data", f.URL + "/to/data", "not an http(s) URL: redirect to data:"},
		{"redirect to mailto", f.URL + "/to/mailto", "not an http(s) URL: redirect to mailto:"},
		// A name the resolver rejects before asking any server (an empty
		// label): the same "no such host" as an NXDOMAIN, without DNS
		// traffic, so the test stays off the network.
		{"DNS failure", "http://no-such-host..folio.test/a.html", "lookup no-such-host..folio.test: no such host"},
		{"TLS: unknown authority", f.TLS.URL + "/article/1.html", "x509: certificate signed by unknown authority"},
		{"TLS: not a TLS server", plainAsTLS, "tls: first record does not look like a TLS handshake"},
	}
	var archived []string
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			good := fmt.Sprintf("%s/article/%d.html", f.URL, 100+i)
			args := append(append([]string{"archive", "--db", db, "--json"}, faultFlags...), good, tt.url)
			code, stdout, stderr := folio(t, args...)
			if code != exitPartial {
				t.Errorf("exit %d, want %d", code, exitPartial)
			}
			errs := lines(stderr)
			if len(errs) != 1 || !strings.HasPrefix(errs[0], "folio: "+tt.url+": ") || !strings.Contains(errs[0], tt.msg) {
				t.Errorf("stderr %q\nwant one line: folio: %s: …%s…", errs, tt.url, tt.msg)
			}
			// One object per URL: the good article, and the faulty URL
			// as not archived (complete false, no version).
			docs := decodeDocs(t, stdout)
			if len(docs) != 2 || docs[0].URL != good || !docs[0].Complete ||
				docs[1].URL != tt.url || docs[1].Complete || docs[1].Version != 0 {
				t.Errorf("stdout %q: want the good article, then the faulty URL not archived", stdout)
			}
			archived = append(archived, good)
			stored := storeContents(t, db)
			for _, u := range archived {
				if stored[u] == nil {
					t.Errorf("%s, archived before, is not in the store", u)
				}
			}
			if len(stored) != len(archived) {
				t.Errorf("%d documents stored, want %d", len(stored), len(archived))
			}
		})
	}
	if f.Hits("/hop/p.html") != 1 || f.Hits("/article/15.html") != 0 {
		t.Errorf("11 redirects: the 10th hop was fetched %d times, the 11th %d times; want 1 and 0",
			f.Hits("/hop/p.html"), f.Hits("/article/15.html"))
	}
}

// TestArchiveTenRedirects: ten hops are followed.
func TestArchiveTenRedirects(t *testing.T) {
	f := crawltest.ServeFaults(t)
	docs := archiveJSONWith(t, tempDB(t), faultFlags, f.URL+crawltest.HopPath(10))
	if len(docs) != 1 || docs[0].URL != f.URL+"/article/15.html" {
		t.Fatalf("documents %+v", docs)
	}
}

// TestRedirectToFileStoresNothingOfIt: a redirect to file:///etc/passwd is
// refused; nothing of the local file reaches the store.
func TestRedirectToFileStoresNothingOfIt(t *testing.T) {
	f := crawltest.ServeFaults(t)
	db := tempDB(t)
	folio(t, append(append([]string{"archive", "--db", db}, faultFlags...), f.URL+"/to/file")...)
	st, err := store.Open(db, &store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	n := 0
	err = st.Captures(0, func(c *store.Capture) error {
		n++
		p, err := st.Payload(c.PayloadDigest)
		if !strings.HasPrefix(c.URL, "http://") || err != nil || bytes.Contains(p, []byte("root:")) {
			t.Errorf("capture %s (%v): %q", c.URL, err, p)
		}
		return nil
	})
	if err != nil || n == 0 {
		t.Fatalf("%d captures: %v (the redirect itself should be stored)", n, err)
	}
}

// TestArchivePayloadFaults: payloads that are not what they claim are
// stored raw and bounded, read when they can be, refused with one line
// when they cannot; nothing hangs or panics.
func TestArchivePayloadFaults(t *testing.T) {
	f := crawltest.ServeFaults(t)
	db := tempDB(t)
	run := func(t *testing.T, maxBody, path string) (int, []*store.Document, []string) {
		t.Helper()
		args := []string{"archive", "--db", db, "--json", "--delay", "0", "--retries", "0", "--timeout", "5s", "--max-body", maxBody, f.URL + path}
		code, stdout, stderr := folio(t, args...)
		docs := decodeDocs(t, stdout)
		ptrs := make([]*store.Document, len(docs))
		for i := range docs {
			ptrs[i] = &docs[i]
		}
		// (Such payloads read as no article: the list-page warning is
		// true of them, and not what these cases are about.)
		var errs []string
		for _, l := range lines(stderr) {
			if !strings.Contains(l, "a list or column page, not an article") {
				errs = append(errs, l)
			}
		}
		return code, ptrs, errs
	}
	// The text is UTF-8 without NULs; invalid bytes become U+FFFD, as
	// in a browser.
	checkText := func(t *testing.T, d *store.Document, want string) {
		t.Helper()
		if !utf8.ValidString(d.Text) || strings.ContainsRune(d.Text, 0) {
			t.Errorf("text is not clean UTF-8: %q", d.Text)
		}
		if !strings.Contains(d.Text, want) {
			t.Errorf("text lost %q:\n%s", want, d.Text)
		}
	}

	t.Run("gzip bomb", func(t *testing.T) {
		// 1 MiB of gzip that inflates to 1 GiB: stored whole (it is under
		// --max-body), read only to --max-body, and said to be cut.
		code, docs, errs := run(t, "2MiB", "/gzip-bomb")
		if code != exitOK || len(docs) != 1 || len(errs) != 1 || !strings.Contains(errs[0], "decodes to more than --max-body") || docs[0].Complete {
			t.Fatalf("exit %d, %d documents, stderr %q; want one, not complete, with one warning", code, len(docs), errs)
		}
		c, payload := latestCapture(t, db, f.URL+"/gzip-bomb")
		if c.Truncated != "" || len(payload) < 1<<20 || len(payload) > 2<<20 || c.Header("Content-Encoding") != "gzip" {
			t.Errorf("capture: truncated %q, %d bytes, %s", c.Truncated, len(payload), c.Header("Content-Encoding"))
		}
	})
	t.Run("100 MB body", func(t *testing.T) {
		code, docs, errs := run(t, "64KiB", "/huge")
		if code != exitOK || len(docs) != 1 {
			t.Fatalf("exit %d, %d documents, stderr %q", code, len(docs), errs)
		}
		if len(errs) != 1 || !strings.Contains(errs[0], "warning: body cut at --max-body") || !strings.Contains(errs[0], f.URL+"/huge") {
			t.Errorf("stderr %q: want one warning naming the URL", errs)
		}
		c, payload := latestCapture(t, db, f.URL+"/huge")
		if c.Truncated != "length" || len(payload) != 64<<10 {
			t.Errorf("capture: truncated %q, %d bytes", c.Truncated, len(payload))
		}
		out := filepath.Join(t.TempDir(), "huge.warc.gz")
		if code, _, stderr := folio(t, "export", "--db", db, "--url", f.URL+"/huge", "-o", out); code != 0 {
			t.Fatalf("export: exit %d: %s", code, stderr)
		}
		found := false
		for _, r := range readWARC(t, out) {
			if r.Header.Get(warc.FieldType) == warc.TypeResponse && r.Header.Get(warc.FieldTargetURI) == f.URL+"/huge" {
				found = true
				if r.Header.Get(warc.FieldTruncated) != "length" {
					t.Errorf("response record: WARC-Truncated %q", r.Header.Get(warc.FieldTruncated))
				}
			}
		}
		if !found {
			t.Error("no response record for the cut body")
		}
	})
	t.Run("random bytes as text/html", func(t *testing.T) {
		code, docs, errs := run(t, "2MiB", "/random")
		// One object for the URL: not archived.
		if code != exitPartial || len(docs) != 1 || docs[0].Complete || docs[0].Version != 0 || len(errs) != 1 ||
			errs[0] != "folio: "+f.URL+"/random: not an HTML document (text/html)" {
			t.Fatalf("exit %d, %d documents, stderr %q", code, len(docs), errs)
		}
		if _, payload := latestCapture(t, db, f.URL+"/random"); !bytes.Equal(payload, crawltest.RandomBytes(1<<20)) {
			t.Error("the payload is not stored as served")
		}
	})
	t.Run("20,000-deep nesting", func(t *testing.T) {
		code, docs, errs := run(t, "2MiB", "/deep")
		if code != exitOK || len(docs) != 1 || len(errs) != 0 {
			t.Fatalf("exit %d, %d documents, stderr %q", code, len(docs), errs)
		}
		checkText(t, docs[0], crawltest.ArticleText(5))
	})
	t.Run("100,000 links", func(t *testing.T) {
		code, docs, errs := run(t, "20MiB", "/links")
		if code != exitOK || len(docs) != 1 || len(errs) != 0 {
			t.Fatalf("exit %d, %d documents, stderr %q", code, len(docs), errs)
		}
	})
	t.Run("invalid UTF-8 under charset=utf-8", func(t *testing.T) {
		code, docs, errs := run(t, "2MiB", "/bad-utf8")
		if code != exitOK || len(docs) != 1 || len(errs) != 0 {
			t.Fatalf("exit %d, %d documents, stderr %q", code, len(docs), errs)
		}
		checkText(t, docs[0], crawltest.ArticleText(3))
	})
	t.Run("NUL bytes", func(t *testing.T) {
		code, docs, errs := run(t, "2MiB", "/nul")
		if code != exitOK || len(docs) != 1 || len(errs) != 0 {
			t.Fatalf("exit %d, %d documents, stderr %q", code, len(docs), errs)
		}
		checkText(t, docs[0], crawltest.ArticleText(4))
	})
	if len(storeContents(t, db)) != 6 {
		t.Errorf("documents in the store: %d, want 6", len(storeContents(t, db)))
	}
}

var _ = json.Marshal
var _ = io.Discard
var _ = os.Stat

// TestCrawlFaults crawls a column that links every fault, and seeds on a
// host that does not resolve and one whose certificate fails: each fault
// is one line naming its URL, the good articles are archived, the hosts
// that cannot be reached are left for the next run, and the exit code is 1.
func TestCrawlFaults(t *testing.T) {
	f := crawltest.ServeFaults(t)
	db := tempDB(t)
	noHost := "http://no-such-host..folio.test/news/"
	args := append(append([]string{"crawl", "--db", db, "--json", "--depth", "1"}, faultFlags...), f.URL+"/", noHost, f.TLS.URL+"/news/")
	code, stdout, stderr := folio(t, args...)
	if code != exitPartial {
		t.Errorf("exit %d, want %d", code, exitPartial)
	}
	var sum struct{ New, Failed, Deferred int }
	if err := json.Unmarshal([]byte(stdout), &sum); err != nil {
		t.Fatalf("summary %q: %v", stdout, err)
	}
	failing := []string{"/reset", "/reset-body", "/silent", "/trickle", "/loop", crawltest.HopPath(11), "/random"}
	for name := range crawltest.NonHTTP {
		failing = append(failing, "/to/"+name)
	}
	if sum.Failed != len(failing) || sum.Deferred != 2 || sum.New != 5 {
		t.Errorf("summary %s: want %d failed, 2 deferred, 5 new\n%s", stdout, len(failing), stderr)
	}
	errs := lines(stderr)
	for _, p := range failing {
		n := 0
		for _, l := range errs {
			if strings.HasPrefix(l, "folio: "+f.URL+p+": ") {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%d lines for %s in\n%s", n, p, stderr)
		}
	}
	for _, host := range []string{"no-such-host..folio.test", f.TLS.URL} { // (an https side is named with its scheme)
		if !strings.Contains(stderr, "folio: warning: host left for the next run host="+host+" ") {
			t.Errorf("no warning that %s is left for the next run:\n%s", host, stderr)
		}
	}
	stored := storeContents(t, db)
	for _, p := range []string{"/article/1.html", "/article/2.html", "/article/15.html", "/bad-utf8", "/nul"} {
		if stored[f.URL+p] == nil {
			t.Errorf("%s not archived", p)
		}
	}
}
