package bundle

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"folio/crawler"
	"folio/internal/bundle/bundletest"
	"folio/store"
)

// portalDir is the sample portal the export tests archive pages of.
var portalDir = filepath.Join("..", "..", "testdata", "portal")

// tempStore opens a new store that is closed when the test ends.
func tempStore(t *testing.T) *store.DB {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), "folio.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// servePortal serves the files of the sample portal as an old portal's
// server does: the bytes on disk, HTML as text/html without a charset.
func servePortal(w http.ResponseWriter, r *http.Request) {
	data, err := os.ReadFile(filepath.Join(portalDir, filepath.FromSlash(filepath.Clean("/"+r.URL.Path))))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	if strings.HasSuffix(r.URL.Path, ".html") {
		w.Header().Set("Content-Type", "text/html")
	}
	w.Write(data)
}

// exportFixture archives the GBK page and the gzip page twice (the second
// fetches are identical payloads: revisits), as `folio archive` does, and
// adds a 304 answer, a truncated capture and a failed fetch to the store.
func exportFixture(t *testing.T) (*bundletest.ByteServer, *store.DB) {
	t.Helper()
	srv := bundletest.NewByteServer(t, portalDir, http.HandlerFunc(servePortal))
	db := tempStore(t)
	for range 2 {
		tr := crawler.NewTransport(crawler.TransportOptions{Delay: 10 * time.Millisecond, Timeout: 5 * time.Second})
		fetcher, err := crawler.NewFetcher(context.Background(), tr, crawler.FetcherOptions{Revisit: true})
		if err != nil {
			t.Fatal(err)
		}
		// Pages only: attachments and requisites are not exported differently.
		arch := crawler.NewArchiver(fetcher, db, crawler.ArchiveOptions{})
		for _, u := range []string{srv.URL + bundletest.GBKPage, srv.URL + bundletest.GzipPage} {
			if res := arch.Archive(context.Background(), u); res.Err != nil {
				t.Fatalf("archive %s: %v", u, res.Err)
			}
		}
	}
	bundletest.AddOddCaptures(t, db, srv.URL)
	return srv, db
}
