package crawler

import (
	"errors"
	"net/http"
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
	f := &StoredFetcher{Source: src, At: day(2), Prefer: 2}
	if res, _ := f.Fetch("http://a.test/p", nil); string(res.Body) != "may 10" {
		t.Errorf("Prefer: got %q", res.Body)
	}
	if res, err := f.Fetch("http://a.test/none", nil); !errors.Is(err, ErrNotStored) || res == nil {
		t.Errorf("a URL never captured: %v", err)
	}
}
