package extract

// Document is the stitched article: the pages of one article joined into
// one text, in reading order, with what repeats on every page left out.
type Document struct {
	Title     string
	Published string
	Source    string
	Author    string
	Blocks    []Block
	Text      string       // the blocks, one per line; tables one row per line
	Tables    [][][]string // the data tables, in order
	// Skipped lists the indexes of pages left out because their content
	// repeated an earlier page's (a bar that loops back, a server that
	// ignores the page number).
	Skipped []int
}

// Stitch joins the pages of one article, given in reading order; nil
// entries (pages that failed) are passed over. The title and byline come
// from the first page that has them. A block that appears on every page —
// a repeated title or byline, a "related" box, a notice in the template —
// is boilerplate, not content, and is dropped: the other pages are the
// evidence.
func Stitch(pages []*Page) *Document {
	doc := &Document{}
	var live []*Page
	seenContent := map[string]bool{}
	for i, p := range pages {
		if p == nil {
			continue
		}
		h := ContentHash(p.Text())
		if len(p.Blocks) > 0 && seenContent[h] {
			doc.Skipped = append(doc.Skipped, i)
			continue
		}
		seenContent[h] = true
		live = append(live, p)
	}
	for _, p := range live {
		doc.Title = firstNonEmpty(doc.Title, p.Title)
		doc.Published = firstNonEmpty(doc.Published, p.Published)
		doc.Source = firstNonEmpty(doc.Source, p.Source)
		doc.Author = firstNonEmpty(doc.Author, p.Author)
	}

	repeated := map[string]bool{}
	if len(live) >= 2 {
		count := map[string]int{}
		for _, p := range live {
			onPage := map[string]bool{}
			for _, b := range p.Blocks {
				if b.Kind == Table {
					continue
				}
				k := hashForm(b.Text)
				if !onPage[k] {
					onPage[k] = true
					count[k]++
				}
			}
		}
		for k, n := range count {
			if n == len(live) {
				repeated[k] = true
			}
		}
	}
	for _, p := range live {
		for _, b := range p.Blocks {
			if b.Kind != Table && repeated[hashForm(b.Text)] {
				continue
			}
			doc.Blocks = append(doc.Blocks, b)
			if b.Kind == Table {
				doc.Tables = append(doc.Tables, b.Rows)
			}
		}
	}
	doc.Text = blocksText(doc.Blocks)
	return doc
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
