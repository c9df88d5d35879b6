package bundle

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"folio/internal/bundle/bundletest"
	"folio/store"
	"folio/warc"
)

// TestNotModifiedOfAnEmptyBody: a 304 of a page whose body is empty,
// after a 304 stored the empty payload first, refers to the response it
// confirmed — whole or filtered, every revisit resolves in the file.
func TestNotModifiedOfAnEmptyBody(t *testing.T) {
	db, err := store.Open(filepath.Join(t.TempDir(), "folio.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	at := time.Date(2020, 2, 22, 5, 22, 11, 0, time.UTC)
	head := []store.Field{{Name: "Content-Type", Value: "text/html"}}
	put := func(c *store.Capture, body []byte) uint64 {
		c.Method, c.Proto = "GET", "HTTP/1.1"
		r, err := db.PutCapture(c, body)
		if err != nil {
			t.Fatal(err)
		}
		return r.CaptureID
	}
	a := put(&store.Capture{URL: "http://a.test/x.html", Time: at, Status: 200, StatusText: "200 OK", ResponseHeaders: head}, []byte("<html>x</html>"))
	put(&store.Capture{URL: "http://a.test/x.html", Time: at.Add(time.Hour), Status: 304, StatusText: "304 Not Modified", RefersTo: a}, nil)
	e := put(&store.Capture{URL: "http://b.test/empty", Time: at.Add(2 * time.Hour), Status: 200, StatusText: "200 OK", ResponseHeaders: head}, []byte{})
	put(&store.Capture{URL: "http://b.test/empty", Time: at.Add(3 * time.Hour), Status: 304, StatusText: "304 Not Modified", RefersTo: e}, nil)
	// A 304 to a request that asked for none: a response as it came, and
	// no line of the replay index (an empty page there).
	put(&store.Capture{URL: "http://c.test/u304.html", Time: at.Add(4 * time.Hour), Status: 304, StatusText: "304 Not Modified"}, nil)

	for _, filter := range []Filter{{}, {Site: "b.test"}} {
		out := filepath.Join(t.TempDir(), "x.warc")
		res, err := Export(context.Background(), db, out, ExportOptions{Format: WARC, CDX: true, Filter: filter})
		if err != nil {
			t.Fatalf("export %+v: %v", filter, err)
		}
		if index, _ := os.ReadFile(res.Index); strings.Contains(string(index), `"status": "304"`) || strings.Contains(string(index), "u304") {
			t.Errorf("export %+v: a 304 in the replay index:\n%s", filter, index)
		}
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		bundletest.ValidateWARC(t, data)
		f, _ := os.Open(out)
		r, err := warc.NewReader(f)
		if err != nil {
			t.Fatal(err)
		}
		responses := map[string]string{} // record id → target URI
		var revisits [][2]string         // target URI, the URI its Refers-To names
		for {
			rec, err := r.Next()
			if err != nil {
				break
			}
			switch rec.Type() {
			case warc.TypeResponse:
				responses[rec.ID()] = rec.TargetURI()
			case warc.TypeRevisit:
				revisits = append(revisits, [2]string{rec.TargetURI(), responses[warc.RecordID(rec.Header.Get(warc.FieldRefersTo))]})
			}
		}
		f.Close()
		for _, rv := range revisits {
			if rv[1] != rv[0] {
				t.Errorf("export %+v: the revisit of %s refers to %q, want its own earlier response", filter, rv[0], rv[1])
			}
		}
		if !strings.Contains(string(data), "http://b.test/empty") || len(revisits) == 0 {
			t.Errorf("export %+v: %d revisits", filter, len(revisits))
		}
	}
}

// TestNotModifiedReplaysInFilteredExports: a URL whose only captures in
// a filtered export are 304s still replays: the index has a line for it
// that leads to its payload, in the file. The payload may also be held by
// another URL's identical response (a cross-URL revisit in the store),
// which does not index this URL; and no revisit refers forward in time.
func TestNotModifiedReplaysInFilteredExports(t *testing.T) {
	t0 := time.Date(2020, 2, 22, 5, 22, 11, 0, time.UTC)
	cut := t0.Add(24 * time.Hour)
	pdf := []byte("%PDF-1.4 the same report under two URLs")
	const (
		a = "http://a.test/uploads/report.pdf"
		b = "http://a.test/uploads/报告.pdf"
		c = "http://c.test/mirror/report.pdf"
	)
	type capture struct {
		url string
		at  time.Duration // after t0
		ref int           // a 304: the index of the capture it confirmed, from 1
	}
	tests := []struct {
		name     string
		captures []capture
		filters  []Filter
	}{
		{
			// Each URL's 304 confirms its own first fetch; b's first fetch
			// was a revisit of a's in the store.
			name: "304s of two URLs, one payload",
			captures: []capture{
				{url: a, at: 0}, {url: b, at: time.Second},
				{url: a, at: 25 * time.Hour, ref: 1}, {url: b, at: 25*time.Hour + time.Second, ref: 2},
			},
			filters: []Filter{{}, {Since: cut}, {Since: cut, Site: "a.test"}, {Site: "a.test"}},
		},
		{
			// The export's first holder of the payload (c, in the window) is
			// later than the fetch a's 304 confirmed.
			name: "the payload's holder in the export is later",
			captures: []capture{
				{url: a, at: 0}, {url: c, at: 25 * time.Hour}, {url: a, at: 26 * time.Hour, ref: 1},
			},
			filters: []Filter{{}, {Since: cut}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := tempStore(t)
			ids := []uint64{0}
			for _, x := range tt.captures {
				sc := &store.Capture{URL: x.url, Method: "GET", Time: t0.Add(x.at), Proto: "HTTP/1.1", Status: 200, StatusText: "200 OK",
					ResponseHeaders: []store.Field{{Name: "Content-Type", Value: "application/pdf"}, {Name: "ETag", Value: `"r1"`}},
					RequestHeaders:  []store.Field{{Name: "Host", Value: "a.test"}}}
				body := pdf
				if x.ref != 0 {
					sc.Status, sc.StatusText, sc.RefersTo, body = 304, "304 Not Modified", ids[x.ref], nil
				}
				r, err := db.PutCapture(sc, body)
				if err != nil {
					t.Fatal(err)
				}
				ids = append(ids, r.CaptureID)
			}
			for _, f := range tt.filters {
				out := filepath.Join(t.TempDir(), "x.warc.gz")
				if _, err := Export(context.Background(), db, out, ExportOptions{Format: WARC, CDX: true, Filter: f}); err != nil {
					t.Fatalf("export %+v: %v", f, err)
				}
				data, _ := os.ReadFile(out)
				bundletest.ValidateWARC(t, data)
				bundletest.AssertRevisitsResolve(t, out)
				checkReplays(t, db, f, out, warc.Digest(pdf))
			}
		})
	}
}

// checkReplays checks that every URL with a capture in the export has an
// index line whose record (a response, or an identical-payload revisit of
// a response) carries the payload want, and that no revisit refers to a
// later record.
func checkReplays(t *testing.T, db *store.DB, f Filter, out, want string) {
	t.Helper()
	filter, err := newCaptureFilter(db, f)
	if err != nil {
		t.Fatal(err)
	}
	urls := map[string]bool{}
	filter.captures(db, func(c *store.Capture) error {
		urls[c.URL] = true
		return nil
	})
	byOffset := map[int64]*bundletest.Record{}
	for _, r := range bundletest.ReadWARC(t, out) {
		byOffset[r.Offset] = r
		if r.Type() == warc.TypeRevisit && r.Header.Get(warc.FieldRefersToDate) > r.Header.Get(warc.FieldDate) {
			t.Errorf("export %+v: the revisit of %s at %s refers forward to %s", f, r.TargetURI(), r.Header.Get(warc.FieldDate), r.Header.Get(warc.FieldRefersToDate))
		}
	}
	index, err := os.ReadFile(CDXPath(out))
	if err != nil {
		t.Fatal(err)
	}
	replays := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(string(index)), "\n") {
		e, err := warc.ParseCDXJLine(line)
		if err != nil {
			t.Fatal(err)
		}
		r := byOffset[e.Offset]
		switch {
		case r == nil || r.TargetURI() != e.URL:
			t.Errorf("export %+v: the index line of %s points at no record of it", f, e.URL)
		case r.Type() == warc.TypeRevisit && r.Header.Get(warc.FieldProfile) != warc.ProfileIdenticalPayload:
			t.Errorf("export %+v: %s is indexed as a %s revisit", f, e.URL, r.Header.Get(warc.FieldProfile))
		case r.Header.Get(warc.FieldPayloadDigest) == want:
			replays[e.URL] = true
		}
	}
	for u := range urls {
		if !replays[u] {
			t.Errorf("export %+v: %s has a capture in the export but no index line that replays its payload", f, u)
		}
	}
}

// TestExportRevisitsReferBackInTime: a capture imported after the live one
// that brought its payload, but older than it (an archive of last year),
// is written whole: a revisit refers only to what was archived before it.
func TestExportRevisitsReferBackInTime(t *testing.T) {
	payload := []byte("<p>the report as it stood</p>")
	write := func(name string, recs ...testRecord) string {
		var b bytes.Buffer
		for _, r := range recs {
			b.Write(recordBytes(t, r))
		}
		path := filepath.Join(t.TempDir(), name)
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	live := time.Date(2026, 11, 26, 8, 0, 0, 0, time.UTC)
	old := time.Date(2025, 3, 1, 8, 0, 0, 0, time.UTC)
	db := tempStore(t)
	importFiles(t, db, write("live.warc", responseRecord("urn:uuid:live", "http://a.test/r.html", live, payload)))
	// A 304 a day later confirming the older capture.
	head := warc.AppendHTTPHeader(nil, "HTTP/1.1 304 Not Modified", nil)
	notModified := testRecord{warc.Header{{Name: warc.FieldType, Value: warc.TypeRevisit}, {Name: warc.FieldRecordID, Value: "<urn:uuid:old304>"},
		{Name: warc.FieldDate, Value: warc.FormatDate(old.Add(24 * time.Hour))}, {Name: warc.FieldTargetURI, Value: "http://old.test/r.html"},
		{Name: warc.FieldProfile, Value: warc.ProfileServerNotModified}, {Name: warc.FieldRefersTo, Value: "<urn:uuid:old1>"},
		{Name: warc.FieldContentType, Value: warc.ContentTypeHTTPResponse}, {Name: warc.FieldBlockDigest, Value: warc.Digest(head)},
		{Name: warc.FieldContentLength, Value: strconv.Itoa(len(head))}}, head}
	importFiles(t, db, write("old.warc",
		responseRecord("urn:uuid:old1", "http://old.test/r.html", old, payload),
		notModified,
		responseRecord("urn:uuid:old2", "http://a.test/r.html", old.Add(24*time.Hour), payload)))
	out := filepath.Join(t.TempDir(), "x.warc")
	if _, err := Export(context.Background(), db, out, ExportOptions{Format: WARC}); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := warc.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	responses := 0
	for {
		rec, err := r.Next()
		if err != nil {
			break
		}
		switch rec.Type() {
		case warc.TypeResponse:
			responses++
		case warc.TypeRevisit:
			at, _ := rec.Date()
			refers, _ := warc.ParseDate(rec.Header.Get(warc.FieldRefersToDate))
			if refers.After(at) {
				t.Errorf("the revisit of %s at %s refers to %s, later", rec.TargetURI(), at, refers)
			}
		}
	}
	if responses != 3 {
		t.Errorf("%d responses, want 3 (each older capture keeps its bytes)", responses)
	}
}

// TestRedirectsAreNoRevisits: redirects whose bodies are the same bytes
// (a server's one 301 page) are each written whole, their own Location
// with them: ReplayWeb.page replays a redirect's revisit as the record it
// refers to. A page's repeated payload is still a revisit.
func TestRedirectsAreNoRevisits(t *testing.T) {
	db := tempStore(t)
	at := time.Date(2026, 11, 26, 4, 0, 0, 0, time.UTC)
	body := []byte("<html><body>301 Moved Permanently</body></html>")
	page := []byte("<html><body><p>the report</p></body></html>")
	var cs []*store.Capture
	var payloads [][]byte
	for i, to := range []string{"/x.html", "/y.html"} {
		cs = append(cs, &store.Capture{URL: fmt.Sprintf("http://a.test/%d.html", i), Method: "GET", Time: at.Add(time.Duration(i) * time.Second),
			Proto: "HTTP/1.1", Status: 301, StatusText: "301 Moved Permanently", ResponseHeaders: []store.Field{{Name: "Location", Value: to}}})
		payloads = append(payloads, body)
	}
	for i := range 2 {
		cs = append(cs, &store.Capture{URL: "http://a.test/x.html", Method: "GET", Time: at.Add(time.Duration(2+i) * time.Second),
			Proto: "HTTP/1.1", Status: 200, StatusText: "200 OK", ResponseHeaders: []store.Field{{Name: "Content-Type", Value: "text/html"}}})
		payloads = append(payloads, page)
	}
	if _, err := db.PutCaptures(cs, payloads); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "x.warc")
	if _, err := Export(context.Background(), db, out, ExportOptions{Format: WARC}); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := warc.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string][]string{}
	for {
		rec, err := r.Next()
		if err != nil {
			break
		}
		if typ := rec.Type(); typ == warc.TypeResponse || typ == warc.TypeRevisit {
			kinds[rec.TargetURI()] = append(kinds[rec.TargetURI()], typ)
		}
	}
	want := map[string][]string{
		"http://a.test/0.html": {warc.TypeResponse},
		"http://a.test/1.html": {warc.TypeResponse},
		"http://a.test/x.html": {warc.TypeResponse, warc.TypeRevisit},
	}
	if !maps.EqualFunc(kinds, want, slices.Equal) {
		t.Errorf("records %v, want %v", kinds, want)
	}
}
