package bundle

import (
	"fmt"
	"maps"
	"slices"
	"time"

	"folio/store"
)

// captureFilter is which captures an export holds: all, or those on a
// host, since a time, of one document.
type captureFilter struct {
	host  string
	since time.Time
	ids   []uint64 // Filter.URL: the document's captures, in id order
	set   map[uint64]bool
	// read are the captures the site's documents were read from on
	// other hosts (Filter.Site: the host the site moved from), which
	// the export holds with the host's own.
	read map[uint64]bool
}

func newCaptureFilter(db *store.DB, sel Filter) (*captureFilter, error) {
	f := &captureFilter{host: sel.Site, since: sel.Since}
	if sel.URL == "" && sel.Site != "" {
		// A site that moved (www.x.gov.cn to x.gov.cn) keeps documents
		// whose pages were fetched at the old host: their captures are
		// the site's too, or its documents would not replay.
		// (And the fetches of its URLs there, the redirects that led to
		// it: the old addresses replay too.)
		f.read = map[uint64]bool{}
		elsewhere := map[string]bool{} // the documents' URLs off the site's host
		err := db.DocumentVersions(store.VersionFilter{Host: sel.Site}, func(d *store.Document) error {
			for _, p := range d.Pages {
				if !store.HostMatches(p.URL, sel.Site) {
					f.read[p.CaptureID] = true
				}
			}
			for _, a := range d.Attachments {
				if !store.HostMatches(a.URL, sel.Site) {
					f.read[a.CaptureID] = true
				}
			}
			for _, u := range d.Aliases {
				if !store.HostMatches(u, sel.Site) {
					elsewhere[u] = true
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		for u := range elsewhere {
			if err := db.CapturesOf(u, func(c *store.Capture) error { f.read[c.ID] = true; return nil }); err != nil {
				return nil, err
			}
		}
		delete(f.read, 0)
		offSite := func(u string) bool { return !store.HostMatches(u, sel.Site) }
		if err := addRedirectHops(db, f.read, offSite); err != nil {
			return nil, err
		}
	}
	if sel.URL == "" {
		return f, nil
	}
	// The document's captures: every capture of a URL that leads to it
	// (its pages, aliases, redirects), and those its versions were read from.
	urls, err := db.DocumentURLs(sel.URL)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", sel.URL, err)
	}
	f.set = map[uint64]bool{}
	err = db.DocumentVersions(store.VersionFilter{URL: sel.URL}, func(d *store.Document) error {
		for _, p := range d.Pages {
			f.set[p.CaptureID] = true
			urls = append(urls, p.URL)
		}
		for _, a := range d.Attachments {
			f.set[a.CaptureID] = true
			urls = append(urls, a.URL)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.Sort(urls)
	for _, u := range slices.Compact(urls) {
		err := db.CapturesOf(u, func(c *store.Capture) error {
			f.set[c.ID] = true
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	delete(f.set, 0)
	if err := addRedirectHops(db, f.set, func(string) bool { return true }); err != nil {
		return nil, err
	}
	for id := range f.set {
		f.ids = append(f.ids, id)
	}
	slices.Sort(f.ids)
	return f, nil
}

// addRedirectHops adds to set the captures of every URL that a redirect
// in it leads to (those that want says the set must hold), hop after hop:
// an old address that redirects twice (old.html → tmp.html → the article)
// replays only if the file holds the middle hop too.
func addRedirectHops(db *store.DB, set map[uint64]bool, want func(url string) bool) error {
	queue := slices.Collect(maps.Keys(set))
	followed := map[string]bool{}
	for len(queue) > 0 {
		id := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		c, err := db.Capture(id)
		if err != nil {
			return err
		}
		next := c.RedirectTarget()
		if next == "" || followed[next] || !want(next) {
			continue
		}
		followed[next] = true
		err = db.CapturesOf(next, func(c *store.Capture) error {
			if !set[c.ID] {
				set[c.ID] = true
				queue = append(queue, c.ID)
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func (f *captureFilter) include(c *store.Capture) bool {
	if f.host != "" && !store.HostMatches(c.URL, f.host) && !f.read[c.ID] {
		return false
	}
	if !f.since.IsZero() && c.Time.Before(f.since) {
		return false
	}
	if f.set != nil && !f.set[c.ID] {
		return false
	}
	return true
}

// captures calls fn with each selected capture in id order.
func (f *captureFilter) captures(db *store.DB, fn func(*store.Capture) error) error {
	if f.set == nil {
		return db.Captures(1, func(c *store.Capture) error {
			if !f.include(c) {
				return nil
			}
			return fn(c)
		})
	}
	for _, id := range f.ids {
		c, err := db.Capture(id)
		if err != nil {
			return err
		}
		if f.include(c) {
			if err := fn(c); err != nil {
				return err
			}
		}
	}
	return nil
}

// eachDocument calls fn with the latest version of each selected document.
func eachDocument(db *store.DB, f Filter, fn func(*store.Document) error) error {
	if f.URL != "" {
		d, err := db.Document(f.URL, 0)
		if err != nil {
			return fmt.Errorf("%s: %w", f.URL, err)
		}
		if (f.Site != "" && !store.HostMatches(d.URL, f.Site)) || (!f.Since.IsZero() && d.Fetched.Before(f.Since)) {
			return nil
		}
		return fn(d)
	}
	return db.Documents(store.DocumentFilter{Host: f.Site, Since: f.Since}, fn)
}
