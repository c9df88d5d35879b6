package crawler

import (
	"os"
	"strings"
	"testing"

	"folio/extract"
	"folio/extract/charset"
)

// TestNewReadingIsNoNewVersion: a folio upgrade that reads a page more
// cleanly (here: an old reading kept a line the new one drops) does not
// make a new version of an article whose bytes did not change; an edit
// still does.
func TestNewReadingIsNoNewVersion(t *testing.T) {
	s := loadSite(t, "dede-article")
	a, db := s.archiver(t, ArchiveOptions{})
	// The old reading: the text with a line of boilerplate more.
	a.parser = func(raw []byte, contentType, pageURL string, opts *extract.Options) (*extract.Page, error) {
		p, err := extract.Parse(raw, contentType, pageURL, opts)
		if err == nil && p.Kind == extract.KindArticle {
			// (A line of its own on each page: one on every page would be
			// the template's, by Stitch's evidence.)
			p.Blocks = append(p.Blocks, extract.Block{Kind: extract.Paragraph, Text: "阅读原文 " + pageURL})
		}
		return p, err
	}
	first := a.Archive(t.Context(), s.Pages[0])
	if first.Err != nil || first.Doc == nil || !strings.Contains(first.Doc.Text, "阅读原文") {
		t.Fatalf("first archive: %v", first.Err)
	}
	a.parser = nil // the upgrade
	again := a.Archive(t.Context(), s.Pages[0])
	if again.Err != nil || again.Save.Changed || again.Doc.Version != 1 {
		t.Fatalf("after the upgrade: changed %v, version %d, %v; want an unchanged re-fetch of version 1", again.Save.Changed, again.Doc.Version, again.Err)
	}
	h, err := db.History(first.Doc.URL)
	if err != nil || len(h.Versions) != 1 || h.Versions[0].UnchangedRefetches != 1 {
		t.Errorf("history %+v, %v; want one version re-fetched once", h, err)
	}
	// A real edit is a new version, whatever the reading: page 1's first
	// line, changed in the bytes served.
	raw, err := os.ReadFile(s.file(s.Pages[0]))
	if err != nil {
		t.Fatal(err)
	}
	decoded, _ := charset.Decode(raw, "")
	html := string(decoded)
	line := []rune(strings.SplitN(first.Doc.Text, "\n", 2)[0])
	phrase := string(line[:min(8, len(line))])
	if !strings.Contains(html, phrase) {
		t.Fatalf("page 1 does not hold %q as written", phrase)
	}
	s.mu.Lock()
	s.body[s.Pages[0]] = strings.Replace(html, phrase, "据悉"+phrase, 1)
	s.mu.Unlock()
	edited := a.Archive(t.Context(), s.Pages[0])
	if edited.Err != nil || !edited.Save.Changed || edited.Doc.Version != 2 {
		t.Errorf("after an edit: changed %v, version %d, %v; want version 2", edited.Save.Changed, edited.Doc.Version, edited.Err)
	}
}
