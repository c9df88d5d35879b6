package store

import (
	"fmt"
	"testing"
	"time"
)

func TestCapturesOfAndIdentity(t *testing.T) {
	db, _ := openTemp(t, nil)
	if id, err := db.Identity(); err != nil || id != "" {
		t.Fatalf("identity of an empty store: %q %v", id, err)
	}
	t0 := time.Date(2020, 2, 22, 5, 22, 11, 123, time.UTC)
	for i, u := range []string{"http://a.test/x", "http://a.test/xy", "http://a.test/x", "http://a.test/x?p=1"} {
		if _, err := db.PutCapture(&Capture{URL: u, Status: 200, Time: t0.Add(time.Duration(i) * time.Second)}, []byte(u)); err != nil {
			t.Fatal(err)
		}
	}
	var got []uint64
	db.CapturesOf("http://a.test/x", func(c *Capture) error {
		got = append(got, c.ID)
		return nil
	})
	if fmt.Sprint(got) != "[1 3]" {
		t.Errorf("captures of /x: %v, want [1 3]", got)
	}
	id, _ := db.Identity()
	if id != "http://a.test/x 2020-02-22T05:22:11.000000123Z" {
		t.Errorf("identity %q", id)
	}
	if n, _ := db.LastCaptureID(); n != 4 {
		t.Errorf("last capture id %d", n)
	}
}

// TestDocumentVersions: every version of every document, across chunks,
// with the filters.
func TestDocumentVersions(t *testing.T) {
	db, _ := openTemp(t, nil)
	t0 := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
	for i := range 70 {
		host := "a.test"
		if i%2 == 1 {
			host = "b.test"
		}
		u := fmt.Sprintf("http://%s/%d.html", host, i)
		for v := range 2 {
			d := doc(u, fmt.Sprintf("text %d %d", i, v), fmt.Sprintf("sha256:%d-%d", i, v))
			d.Fetched = t0.Add(time.Duration(v) * 24 * time.Hour)
			d.Pages[0].CaptureID = uint64(1000*i + v)
			if _, err := db.SaveDocument(d, nil); err != nil {
				t.Fatal(err)
			}
		}
	}
	count := func(f VersionFilter) (n int) {
		err := db.DocumentVersions(f, func(d *Document) error {
			if d.Pages[0].CaptureID%1000 != uint64(d.Version-1) {
				t.Errorf("%s version %d read with capture %d", d.URL, d.Version, d.Pages[0].CaptureID)
			}
			n++
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := count(VersionFilter{}); n != 140 {
		t.Errorf("all versions: %d, want 140", n)
	}
	if n := count(VersionFilter{Host: "b.test"}); n != 70 {
		t.Errorf("b.test: %d, want 70", n)
	}
	if n := count(VersionFilter{Since: t0.Add(time.Hour)}); n != 70 {
		t.Errorf("since: %d, want 70", n)
	}
	if n := count(VersionFilter{URL: "http://a.test/4.html"}); n != 2 {
		t.Errorf("one document: %d, want 2", n)
	}
	urls, err := db.DocumentURLs("http://a.test/4.html")
	if err != nil || urls[0] != "http://a.test/4.html" {
		t.Errorf("document URLs %v %v", urls, err)
	}
}
