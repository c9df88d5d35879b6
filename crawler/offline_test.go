package crawler

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"folio/store"
)

// memSource is a CaptureSource in memory.
type memSource struct {
	caps     []*store.Capture
	payloads map[string][]byte
}

func (m *memSource) add(c *store.Capture, payload []byte) {
	c.ID = uint64(len(m.caps) + 1)
	if c.Status != 0 {
		c.PayloadDigest = store.Digest(payload)
		m.payloads[c.PayloadDigest] = payload
	}
	m.caps = append(m.caps, c)
}

func (m *memSource) CapturesOf(u string, fn func(*store.Capture) error) error {
	for _, c := range m.caps {
		if c.URL == u {
			if err := fn(c); err != nil {
				return err
			}
		}
	}
	return nil
}

func (m *memSource) Capture(id uint64) (*store.Capture, error) {
	if id == 0 || id > uint64(len(m.caps)) {
		return nil, store.ErrNotFound
	}
	c := *m.caps[id-1]
	return &c, nil
}

func (m *memSource) Payload(d string) ([]byte, error) {
	p, ok := m.payloads[d]
	if !ok {
		return nil, store.ErrNotFound
	}
	return p, nil
}

func TestStoredFetcher(t *testing.T) {
	src := &memSource{payloads: map[string][]byte{}}
	day := func(d int) time.Time { return time.Date(2024, 5, d, 0, 0, 0, 0, time.UTC) }
	src.add(&store.Capture{URL: "http://a.test/p", Status: 200, Time: day(1)}, []byte("may 1"))
	src.add(&store.Capture{URL: "http://a.test/p", Status: 200, Time: day(10)}, []byte("may 10"))
	src.add(&store.Capture{URL: "http://a.test/p", Status: http.StatusNotModified, Time: day(9)}, nil)
	src.add(&store.Capture{URL: "http://a.test/old", Status: 301, Time: day(9),
		ResponseHeaders: []store.Field{{Name: "Location", Value: "/p"}}}, []byte{})

	for _, c := range []struct {
		at   int
		url  string
		want string
		hops int
	}{
		{2, "http://a.test/p", "may 1", 1},
		{8, "http://a.test/p", "may 10", 1}, // the 304 on the 9th is not a page
		{9, "http://a.test/old", "may 10", 2},
	} {
		f := &StoredFetcher{Source: src, At: day(c.at)}
		res, err := f.Fetch(c.url, nil)
		if err != nil {
			t.Fatalf("%s at May %d: %v", c.url, c.at, err)
		}
		if string(res.Body) != c.want || len(res.Exchanges) != c.hops || res.FinalURL() != "http://a.test/p" {
			t.Errorf("%s at May %d: %q in %d exchanges from %s, want %q in %d", c.url, c.at, res.Body, len(res.Exchanges), res.FinalURL(), c.want, c.hops)
		}
	}
	// Midway between two fetches (times kept to the second put page 2 of
	// a fetch as far from its page 1 as page 2 of the fetch before): the
	// later, which a fetch at that time went on to.
	mid := &StoredFetcher{Source: src, At: day(1).Add(day(10).Sub(day(1)) / 2)}
	if res, err := mid.Fetch("http://a.test/p", nil); err != nil || string(res.Body) != "may 10" {
		t.Errorf("midway between May 1 and May 10: %q, %v; want the later", res.Body, err)
	}
	// The PDF another article fetched a moment before the page, and the
	// one this fetch of the page went on to a moment after: the latter.
	at := day(20)
	src.add(&store.Capture{URL: "http://a.test/f.pdf", Status: 200, Time: at.Add(-95 * time.Millisecond)}, []byte("old"))
	src.add(&store.Capture{URL: "http://a.test/f.pdf", Status: 200, Time: at.Add(143 * time.Millisecond)}, []byte("new"))
	if res, err := (&StoredFetcher{Source: src, At: at}).Fetch("http://a.test/f.pdf", nil); err != nil || string(res.Body) != "new" {
		t.Errorf("an attachment fetched after its page: %q, %v; want the one after", res.Body, err)
	}
	f := &StoredFetcher{Source: src, At: day(2), Prefer: 2}
	if res, _ := f.Fetch("http://a.test/p", nil); string(res.Body) != "may 10" {
		t.Errorf("Prefer: got %q", res.Body)
	}
	if res, err := f.Fetch("http://a.test/none", nil); !errors.Is(err, ErrNotStored) || res == nil {
		t.Errorf("a URL never captured: %v", err)
	}
}

// TestReplayCountsEachFetchOnce: replaying every capture of one archived
// article — its page 1, the redirect its bar's link to page 2 went
// through, page 2 — archives it once: the redirect led to a page the
// replay read already, so it is no fetch of its own.
func TestReplayCountsEachFetchOnce(t *testing.T) {
	page := func(n int, bar string) []byte {
		return []byte(`<html><head><meta charset="utf-8"><title>县政府召开常务会议</title></head><body><h1>县政府召开常务会议</h1>` +
			`<div class="content">` + strings.Repeat(`<p>会议研究部署了本月重点工作，第`+strconv.Itoa(n)+`页，要求各部门抓好落实。</p>`, 3) +
			`</div><div class="pages">` + bar + `</div></body></html>`)
	}
	html := []store.Field{{Name: "Content-Type", Value: "text/html; charset=utf-8"}}
	at := time.Date(2024, 5, 1, 8, 0, 0, 0, time.UTC)
	src := &memSource{payloads: map[string][]byte{}}
	src.add(&store.Capture{URL: "http://a.test/a.html", Status: 200, Time: at, ResponseHeaders: html},
		page(1, `<span class="current">1</span> <a href="/old/a_2.html">2</a> <a href="/old/a_2.html">下一页</a>`))
	src.add(&store.Capture{URL: "http://a.test/old/a_2.html", Status: 301, Time: at.Add(time.Second),
		ResponseHeaders: []store.Field{{Name: "Location", Value: "/a_2.html"}}}, []byte{})
	src.add(&store.Capture{URL: "http://a.test/a_2.html", Status: 200, Time: at.Add(2 * time.Second), ResponseHeaders: html},
		page(2, `<a href="/a.html">1</a> <span class="current">2</span>`))

	db := openTestStore(t)
	rp := NewReplayer(src, db, ArchiveOptions{})
	docs := 0
	for _, c := range src.caps {
		if res := rp.Replay(t.Context(), c); res != nil && res.Doc != nil {
			docs++
			if len(res.Doc.Pages) != 2 {
				t.Errorf("replay of %s: %d pages, want 2", c.URL, len(res.Doc.Pages))
			}
		}
	}
	if docs != 1 {
		t.Errorf("the article was archived %d times, want once", docs)
	}
}

// TestReplayCountsFetchesWithinOneSecond: three fetches of an article
// within one second (its view counter new each time) are a version and
// two unchanged re-fetches, as the crawl counted them; a replay resumed
// over the same captures counts none of them again.
func TestReplayCountsFetchesWithinOneSecond(t *testing.T) {
	html := []store.Field{{Name: "Content-Type", Value: "text/html; charset=utf-8"}}
	at := time.Date(2024, 5, 1, 8, 0, 0, 0, time.UTC)
	db := openTestStore(t)
	src := &memSource{payloads: map[string][]byte{}}
	for i, ms := range []int{100, 400, 800} {
		page := []byte(`<html><head><meta charset="utf-8"><title>县政府召开常务会议</title></head><body><h1>县政府召开常务会议</h1>` +
			`<div class="content">` + strings.Repeat(`<p>会议研究部署了本月重点工作，要求各部门抓好落实。</p>`, 3) +
			`</div><div class="count">浏览：` + strconv.Itoa(850+i) + `</div></body></html>`)
		c := &store.Capture{URL: "http://a.test/a.html", Status: 200, Time: at.Add(time.Duration(ms) * time.Millisecond), ResponseHeaders: html}
		if _, err := db.PutCapture(c, page); err != nil {
			t.Fatal(err)
		}
		src.add(c, page)
	}
	for round := range 2 {
		rp := NewReplayer(src, db, ArchiveOptions{})
		for _, c := range src.caps {
			if res := rp.Replay(t.Context(), c); res != nil && res.Err != nil {
				t.Fatal(res.Err)
			}
		}
		h, err := db.History("http://a.test/a.html")
		if err != nil {
			t.Fatal(err)
		}
		if len(h.Versions) != 1 || h.Versions[0].UnchangedRefetches != 2 {
			t.Errorf("replay %d: history %+v; want one version re-fetched twice", round+1, h.Versions)
		}
	}
}

// TestReplayKeepsCopiesOfTheSameSecond: a copy of an article (its
// rel=canonical the original's) fetched in the same second as the
// original is news to the document: its URL becomes an alias, as in the
// crawl that fetched it.
func TestReplayKeepsCopiesOfTheSameSecond(t *testing.T) {
	page := []byte(`<html><head><meta charset="utf-8"><title>县政府召开常务会议</title>` +
		`<link rel="canonical" href="http://a.test/news/678.html"></head><body><h1>县政府召开常务会议</h1>` +
		`<div class="content">` + strings.Repeat(`<p>会议研究部署了本月重点工作，要求各部门抓好落实。</p>`, 3) + `</div></body></html>`)
	html := []store.Field{{Name: "Content-Type", Value: "text/html; charset=utf-8"}}
	at := time.Date(2024, 5, 1, 8, 0, 0, 0, time.UTC)
	src := &memSource{payloads: map[string][]byte{}}
	const copyURL = "http://a.test/%E6%96%B0%E9%97%BB/%E6%96%87%E7%AB%A0.html"
	for _, u := range []string{"http://a.test/news/678.html", "http://a.test/copy2/678.html", copyURL} {
		src.add(&store.Capture{URL: u, Status: 200, Time: at, ResponseHeaders: html}, page)
	}
	db := openTestStore(t)
	for _, c := range src.caps {
		if _, err := db.PutCapture(c, page); err != nil {
			t.Fatal(err)
		}
	}
	rp := NewReplayer(src, db, ArchiveOptions{})
	for _, c := range src.caps {
		if res := rp.Replay(t.Context(), c); res != nil && res.Err != nil {
			t.Fatal(res.Err)
		}
	}
	urls, err := db.DocumentURLs("http://a.test/news/678.html")
	if err != nil || !slices.Contains(urls, copyURL) || !slices.Contains(urls, "http://a.test/copy2/678.html") {
		t.Errorf("the document's URLs: %v (%v); want both copies", urls, err)
	}
}
