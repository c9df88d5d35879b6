package bundle

import (
	"context"
	"os"
	"path/filepath"
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

	for _, filter := range []Filter{{}, {Site: "b.test"}} {
		out := filepath.Join(t.TempDir(), "x.warc")
		if _, err := Export(context.Background(), db, out, ExportOptions{Format: WARC, Filter: filter}); err != nil {
			t.Fatalf("export %+v: %v", filter, err)
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
