package store

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// openTemp opens a writable store in a fresh temp dir, closed at cleanup.
func openTemp(t testing.TB, opts *Options) (*DB, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "folio.db")
	db, err := Open(path, opts)
	if err != nil {
		t.Fatalf("Open(%s): %v", path, err)
	}
	t.Cleanup(func() { db.Close() })
	return db, path
}

func TestPayloadStoredOnceAndByteExact(t *testing.T) {
	db, _ := openTemp(t, nil)
	body := bytes.Repeat([]byte("<p>\xd6\xd0\xce\xc4 gbk bytes</p>\n"), 200) // GBK "中文"
	first, err := db.PutCapture(&Capture{URL: "http://a.test/1.html", Method: "GET", Status: 200, StatusText: "200 OK"}, body)
	if err != nil {
		t.Fatal(err)
	}
	second, err := db.PutCapture(&Capture{URL: "http://a.test/1.html?from=index", Method: "GET", Status: 200}, body)
	if err != nil {
		t.Fatal(err)
	}
	if first.Duplicate || !second.Duplicate || second.FirstCapture != first.CaptureID {
		t.Fatalf("dedup: first %+v second %+v", first, second)
	}
	c, err := db.Capture(second.CaptureID)
	if err != nil {
		t.Fatal(err)
	}
	if c.PayloadDigest != Digest(body) || c.PayloadSize != int64(len(body)) {
		t.Fatalf("capture digest %q size %d", c.PayloadDigest, c.PayloadSize)
	}
	got, err := db.Payload(c.PayloadDigest)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, body) {
		t.Fatal("payload changed in the store")
	}
	var payloads int
	db.view(func(tx *boltTx) error {
		payloads = tx.Bucket(bucketPayloads).Stats().KeyN
		return nil
	})
	if payloads != 1 {
		t.Fatalf("%d payload blobs stored, want 1", payloads)
	}
}

func TestLatestCapture(t *testing.T) {
	db, _ := openTemp(t, nil)
	for i, status := range []int{200, 304, 0} {
		c := &Capture{URL: "http://a.test/x", Status: status, Time: time.Unix(int64(i), 0)}
		var payload []byte
		if status == 200 {
			payload = []byte("x")
		}
		if _, err := db.PutCapture(c, payload); err != nil {
			t.Fatal(err)
		}
	}
	// A longer URL sharing the prefix must not be picked up.
	db.PutCapture(&Capture{URL: "http://a.test/xy", Status: 200}, []byte("y"))
	c, err := db.LatestCapture("http://a.test/x")
	if err != nil {
		t.Fatal(err)
	}
	if c.Status != 304 {
		t.Fatalf("latest capture with a response has status %d, want 304", c.Status)
	}
	if _, err := db.LatestCapture("http://a.test/none"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("err = %v, want ErrNotFound", err)
	}
}

func doc(url, text, hash string) *Document {
	return &Document{URL: url, Title: "t", Text: text, ContentHash: hash,
		Pages: []Page{{URL: url, Status: 200, CaptureID: 7}}, Complete: true}
}

func TestVersions(t *testing.T) {
	db, _ := openTemp(t, nil)
	const u = "http://a.test/1.html"
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	steps := []struct {
		hash        string
		wantVersion int
		wantChanged bool
	}{
		{"sha256:a", 1, true},
		{"sha256:a", 1, false},
		{"sha256:a", 1, false},
		{"sha256:b", 2, true},
		{"sha256:a", 3, true}, // going back to old content is a change too
	}
	for i, s := range steps {
		d := doc(u, "text "+s.hash, s.hash)
		d.Fetched = t0.Add(time.Duration(i) * time.Hour)
		res, err := db.SaveDocument(d, []string{u + "?from=index"})
		if err != nil {
			t.Fatal(err)
		}
		if res.Version != s.wantVersion || res.Changed != s.wantChanged || res.New != (i == 0) {
			t.Fatalf("step %d: %+v", i, res)
		}
	}
	h, err := db.History(u + "?from=index")
	if err != nil {
		t.Fatal(err)
	}
	if len(h.Versions) != 3 || h.Versions[0].UnchangedRefetches != 2 ||
		!h.Versions[0].LastSeen.Equal(t0.Add(2*time.Hour)) || h.URL != u {
		t.Fatalf("history %+v", h)
	}
	d, err := db.Document(u, 2)
	if err != nil {
		t.Fatal(err)
	}
	if d.Text != "text sha256:b" || d.Version != 2 || d.Pages[0].CaptureID != 7 {
		t.Fatalf("version 2: %+v", d)
	}
	if len(d.Aliases) != 1 || d.Aliases[0] != u+"?from=index" {
		t.Fatalf("aliases %v", d.Aliases)
	}
	if _, err := db.Document(u, 4); !errors.Is(err, ErrNotFound) {
		t.Fatalf("version 4: %v", err)
	}
}

func TestDocumentsNewestFirst(t *testing.T) {
	db, _ := openTemp(t, nil)
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var want []string
	for i := range 150 { // more than one read chunk
		host := "a.test"
		if i%3 == 0 {
			host = "b.test"
		}
		u := "http://" + host + "/" + string(rune('a'+i%26)) + "/" + time.Duration(i).String()
		d := doc(u, "text of "+u, "sha256:"+u) // each its own article
		d.Fetched = t0.Add(time.Duration(i) * time.Minute)
		if _, err := db.SaveDocument(d, nil); err != nil {
			t.Fatal(err)
		}
		want = append([]string{u}, want...)
	}
	var got []string
	if err := db.Documents(DocumentFilter{}, func(d *Document) error { got = append(got, d.URL); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) || got[0] != want[0] || got[149] != want[149] {
		t.Fatalf("got %d documents, first %q last %q", len(got), got[0], got[len(got)-1])
	}
	var since, onB int
	db.Documents(DocumentFilter{Since: t0.Add(100 * time.Minute)}, func(*Document) error { since++; return nil })
	db.Documents(DocumentFilter{Host: "b.test"}, func(*Document) error { onB++; return nil })
	if since != 50 || onB != 50 {
		t.Fatalf("since: %d (want 50), host b.test: %d (want 50)", since, onB)
	}
}

// TestDocumentsStoredInOneSecond: documents fetched and stored one after
// another within a second (a crawl stores dozens a second; their times
// are printed to the second) list the last stored first, not by URL.
func TestDocumentsStoredInOneSecond(t *testing.T) {
	db, _ := openTemp(t, nil)
	var want []string
	for _, name := range []string{"e", "d", "c", "b", "a"} {
		u := "http://a.test/" + name + ".html"
		d := doc(u, "text of "+u, "sha256:"+u)
		d.Fetched = time.Now().UTC().Truncate(time.Second) // as a crawl dates it
		if _, err := db.SaveDocument(d, nil); err != nil {
			t.Fatal(err)
		}
		want = append([]string{u}, want...)
	}
	var got []string
	if err := db.Documents(DocumentFilter{}, func(d *Document) error { got = append(got, d.URL); return nil }); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, want) {
		t.Errorf("order %q, want the last stored first %q", got, want)
	}
}

func TestOrderTime(t *testing.T) {
	t0 := time.Date(2026, 11, 27, 4, 31, 6, 0, time.UTC)
	for _, tc := range []struct {
		fetched, now, want time.Time
	}{
		{t0, t0.Add(812 * time.Millisecond), t0.Add(812 * time.Millisecond)},                   // saved within its second
		{t0, t0.Add(3 * time.Second), t0},                                                      // saved later: its fetch time
		{t0.Add(5 * time.Microsecond), t0.Add(time.Millisecond), t0.Add(5 * time.Microsecond)}, // an import's exact time
		{t0, t0.Add(-time.Second), t0},                                                         // a clock set back
	} {
		if got := orderTime(tc.fetched, tc.now); !got.Equal(tc.want) {
			t.Errorf("orderTime(%s, %s) = %s, want %s", tc.fetched, tc.now, got, tc.want)
		}
	}
}

func TestSecondWriterWaitsThenFails(t *testing.T) {
	_, path := openTemp(t, nil)
	start := time.Now()
	_, err := Open(path, &Options{LockTimeout: 300 * time.Millisecond})
	var locked *LockedError
	if !errors.As(err, &locked) || !errors.Is(err, ErrLocked) {
		t.Fatalf("second writer: %v", err)
	}
	if locked.PID != os.Getpid() {
		t.Fatalf("lock names pid %d, want %d", locked.PID, os.Getpid())
	}
	if time.Since(start) < 300*time.Millisecond {
		t.Fatal("second writer did not wait for the lock timeout")
	}
}

// TestSecondWriterStopsWaitingWhenCancelled: a writer waiting for the
// lock (a cron job behind another) stops waiting when its context ends
// (Ctrl-C), with the context's error, not the lock's.
func TestSecondWriterStopsWaitingWhenCancelled(t *testing.T) {
	_, path := openTemp(t, nil)
	ctx, cancel := context.WithCancel(t.Context())
	time.AfterFunc(100*time.Millisecond, cancel)
	_, err := OpenContext(ctx, path, &Options{LockTimeout: time.Minute})
	if !errors.Is(err, context.Canceled) || errors.Is(err, ErrLocked) {
		t.Fatalf("second writer, cancelled while waiting: %v", err)
	}
}

// TestSecondWriterThroughASymlink: a symlink to a store being written
// leads to the same writer lock.
func TestSecondWriterThroughASymlink(t *testing.T) {
	_, path := openTemp(t, nil)
	link := filepath.Join(t.TempDir(), "link.db")
	if err := os.Symlink(path, link); err != nil {
		t.Fatal(err)
	}
	db, err := Open(link, &Options{LockTimeout: -1})
	if err == nil {
		db.Close()
	}
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("second writer through a symlink: %v, want it locked out", err)
	}

	// A link made before the store: the first writer comes through it.
	dir := t.TempDir()
	target, early := filepath.Join(dir, "folio.db"), filepath.Join(dir, "early.db")
	if err := os.Symlink("folio.db", early); err != nil {
		t.Fatal(err)
	}
	first, err := Open(early, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	db, err = Open(target, &Options{LockTimeout: -1})
	if err == nil {
		db.Close()
	}
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("second writer beside one that came through a link made before the store: %v, want it locked out", err)
	}
}

func TestReaderWhileWriterWrites(t *testing.T) {
	w, path := openTemp(t, &Options{Hold: 100 * time.Millisecond})
	if _, err := w.SaveDocument(doc("http://a.test/1", "x", "h1"), nil); err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	done := make(chan error)
	go func() { // a writer that never pauses on its own
		for i := 0; ; i++ {
			select {
			case <-stop:
				done <- nil
				return
			default:
			}
			if _, err := w.PutCapture(&Capture{URL: "http://a.test/busy", Status: 200}, []byte{byte(i)}); err != nil {
				done <- err
				return
			}
		}
	}()
	r, err := Open(path, &Options{ReadOnly: true, OpenTimeout: 5 * time.Second})
	if err != nil {
		t.Fatalf("reader during writes: %v", err)
	}
	if _, err := r.Document("http://a.test/1", 0); err != nil {
		t.Fatalf("reader: %v", err)
	}
	r.Close()
	close(stop)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// TestIdleWriterLetsReadersIn: a writer that wrote and then waits (on
// the network, a crawl delay) keeps the file no longer than its spell:
// a reader gets in although the writer never touches the store again;
// and so does a writer after an idle reader.
func TestIdleWriterLetsReadersIn(t *testing.T) {
	const hold = 100 * time.Millisecond
	w, path := openTemp(t, &Options{Hold: hold})
	if _, err := w.SaveDocument(doc("http://a.test/1", "x", "h1"), nil); err != nil {
		t.Fatal(err)
	}
	// The writer is now idle, its spell open: nothing else calls it.
	r, err := Open(path, &Options{ReadOnly: true, OpenTimeout: 10 * hold, Hold: hold})
	if err != nil {
		t.Fatalf("reader beside an idle writer: %v", err)
	}
	if _, err := r.Document("http://a.test/1", 0); err != nil {
		t.Fatalf("reader: %v", err)
	}
	// Now the reader is idle with its spell open; the writer must get in.
	if _, err := w.SaveDocument(doc("http://a.test/2", "y", "h2"), nil); err != nil {
		t.Fatalf("writer beside an idle reader: %v", err)
	}
	r.Close()
}

func TestForeignAndCorruptFilesRefusedUntouched(t *testing.T) {
	dir := t.TempDir()
	cases := map[string][]byte{
		"text":  []byte("this is not a database\n"),
		"zeros": make([]byte, 64<<10),
		"html":  bytes.Repeat([]byte("<html></html>"), 1000),
	}
	for name, content := range cases {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, name)
			os.WriteFile(path, content, 0o644)
			for _, ro := range []bool{false, true} {
				_, err := Open(path, &Options{ReadOnly: ro, OpenTimeout: time.Second})
				if !errors.Is(err, ErrCorrupt) {
					t.Fatalf("readOnly=%v: err = %v, want ErrCorrupt", ro, err)
				}
			}
			got, _ := os.ReadFile(path)
			if !bytes.Equal(got, content) {
				t.Fatal("file was modified")
			}
		})
	}
}

func TestForeignBoltFileRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "other.db")
	b, err := boltOpen(path)
	if err != nil {
		t.Fatal(err)
	}
	b.Update(func(tx *boltTx) error { _, err := tx.CreateBucket([]byte("theirs")); return err })
	b.Close()
	before, _ := os.ReadFile(path)
	if _, err := Open(path, nil); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("foreign bbolt file: %v", err)
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		t.Fatal("foreign bbolt file was modified")
	}
}

// TestLostBucketIsDamage: a store that has lost one of its buckets (a
// hand-made repair gone wrong) is refused by readers and writers alike,
// and left as it is: a writer must not make the bucket again, empty, and
// store into what no longer indexes its payloads. A store made before a
// later bucket existed gets that one when a writer opens it.
func TestLostBucketIsDamage(t *testing.T) {
	for _, tc := range []struct {
		bucket  []byte
		damaged bool
	}{
		{bucketVersions, true},
		{bucketPayloads, true},
		{bucketDocURLs, true},
		{bucketPayloadText, false},
	} {
		t.Run(string(tc.bucket), func(t *testing.T) {
			db, path := openTemp(t, nil)
			if _, err := db.SaveDocument(doc("http://a.test/1", "x", "h1"), nil); err != nil {
				t.Fatal(err)
			}
			db.Close()
			b, err := boltOpen(path)
			if err != nil {
				t.Fatal(err)
			}
			if err := b.Update(func(tx *boltTx) error { return tx.DeleteBucket(tc.bucket) }); err != nil {
				t.Fatal(err)
			}
			b.Close()
			before, _ := os.ReadFile(path)
			for _, ro := range []bool{true, false} {
				db, err := Open(path, &Options{ReadOnly: ro, OpenTimeout: time.Second})
				if got := errors.Is(err, ErrCorrupt); got != tc.damaged {
					t.Errorf("readOnly=%v: err = %v, want damaged %v", ro, err, tc.damaged)
				}
				if err == nil {
					db.Close()
				}
			}
			if after, _ := os.ReadFile(path); tc.damaged && !bytes.Equal(before, after) {
				t.Error("the damaged store was written")
			}
		})
	}
}

func TestReaderNeedsExistingStore(t *testing.T) {
	_, err := Open(filepath.Join(t.TempDir(), "none.db"), &Options{ReadOnly: true})
	if !errors.Is(err, ErrNoStore) {
		t.Fatalf("err = %v", err)
	}
}

func TestPayloadText(t *testing.T) {
	db, _ := openTemp(t, nil)
	d := Digest([]byte("%PDF-1.4 ..."))
	if _, err := db.Text(d); !errors.Is(err, ErrNotFound) {
		t.Fatalf("text before PutText: %v", err)
	}
	want := "株洲市芦淞区2019年政府信息公开年度报告\n办结率为100%"
	if err := db.PutText(d, want); err != nil {
		t.Fatal(err)
	}
	if got, err := db.Text(d); err != nil || got != want {
		t.Fatalf("Text = %q, %v", got, err)
	}
}

// TestSavedDocumentIsTheStoredOne: a fetch that finds a stored document by
// one of its URLs (its page 1 linked as www. from page 2) is told the
// stored document's URL, as show and list give it.
func TestSavedDocumentIsTheStoredOne(t *testing.T) {
	db, _ := openTemp(t, nil)
	const bare, www = "http://hnxw.cn/news/2024/0701/7710.html", "http://www.hnxw.cn/news/2024/0701/7710.html"
	const two = "http://hnxw.cn/news/2024/0701/7710_2.html"
	if _, err := db.SaveDocument(doc(bare, "text", "sha256:a"), []string{two}); err != nil {
		t.Fatal(err)
	}
	again := doc(www, "text", "sha256:a") // archived from page 2, whose bar links page 1 as www.
	res, err := db.SaveDocument(again, []string{two})
	if err != nil {
		t.Fatal(err)
	}
	stored, err := db.Document(www, 0)
	if err != nil {
		t.Fatal(err)
	}
	if again.URL != stored.URL || res.New || !slices.Contains(again.Aliases, www) {
		t.Errorf("saved as %s (aliases %v, %+v); stored as %s; want the stored URL, the www. one an alias", again.URL, again.Aliases, res, stored.URL)
	}
}
