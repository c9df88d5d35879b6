package extract

import (
	"path"
	"slices"
	"strings"

	"golang.org/x/net/html"
)

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
// from the first page that has them. The pages are evidence of each
// other's boilerplate:
//
//   - a block on every page (a repeated title or byline, a "related" box,
//     a notice or a metadata table in the template) is not content;
//   - a block that repeats at the top or the bottom of several pages (the
//     title again on pages 2 and on, a 续 line) is content once, where it
//     first stands;
//   - a page bar that the content extractor took for text is dropped by
//     the bar's own text, as pagination read it.
//
// Everything else stays as the site wrote it, page after page: a paragraph
// split across two pages stays split, a table stays where it stands.
func Stitch(pages []*Page) *Document {
	doc := &Document{}

	// 1. Pages whose main text repeats an earlier page's are left out.
	// The text itself is the key: a server that ignores the page number
	// repeats the same bytes, so no normalisation is needed here.
	// A forum thread is its author's posts: page 1's first poster's, on
	// every page (the others' replies are comments); with no poster
	// known (page 1 unread, or its posts unsigned), the opening post
	// alone.
	var live []*Page
	seenContent := map[string]bool{}
	author := threadAuthor(pages)
	for i, p := range pages {
		if p == nil {
			continue
		}
		if author != nil && len(p.posts) > 0 && i > 0 {
			own := *p
			if *author == "" {
				own.Blocks = nil
			} else {
				own.Blocks = postsBy(p.posts, *author)
			}
			if len(own.Blocks) == 0 {
				continue // a page of replies: fetched, stored, no text
			}
			p = &own
		}
		text := p.Text()
		if len(p.Blocks) > 0 && seenContent[text] {
			doc.Skipped = append(doc.Skipped, i)
			continue
		}
		seenContent[text] = true
		live = append(live, p)
	}

	// 2. The metadata: page 1's, else the first page's that states it.
	for _, p := range live {
		doc.Title = firstNonEmpty(doc.Title, p.Title)
		doc.Published = firstNonEmpty(doc.Published, p.Published)
		doc.Source = firstNonEmpty(doc.Source, p.Source)
		doc.Author = firstNonEmpty(doc.Author, p.Author)
	}

	// 3. The evidence: on how many pages each block stands, and where.
	// A one-page article has no evidence; its blocks are compared only
	// with a page bar's text, if pagination saw one.
	bars := map[string]bool{}
	for _, p := range live {
		for _, b := range p.Pagination.bars {
			bars[b] = true
		}
	}
	if len(live) == 1 && len(bars) == 0 {
		doc.Blocks = live[0].Blocks
		for _, b := range doc.Blocks {
			if b.Kind == Table {
				doc.Tables = append(doc.Tables, b.Rows)
			}
		}
		doc.Text = blocksText(doc.Blocks)
		return doc
	}
	keys := make([][]string, len(live)) // each block's text as ContentHash sees it
	for pi, p := range live {
		keys[pi] = make([]string, len(p.Blocks))
		for i, b := range p.Blocks {
			keys[pi][i] = hashForm(b.Text)
		}
	}
	everywhere := map[string]bool{}
	atEdges := map[string]int{} // pages where the block is among the first or last three
	if len(live) >= 2 {
		count := map[string]int{}
		leads := map[string]int{} // pages the block opens (among the first two, not the last)
		for pi, p := range live {
			onPage := map[string]bool{}
			for i := range p.Blocks {
				k := keys[pi][i]
				if onPage[k] {
					continue
				}
				onPage[k] = true
				count[k]++
				if i < 3 || i >= len(p.Blocks)-3 {
					atEdges[k]++
				}
				if i < 2 && i < len(p.Blocks)-1 && p.Blocks[i].Kind == Paragraph && lead(p.Blocks[i].Text) {
					leads[k]++
				}
			}
		}
		// A block on every page is the template's, but for the prose
		// that opens every page of a photo set (pages of a picture and its
		// caption, little text of their own): the set's introduction, kept
		// once, where it first stands. (A 导读 box or a 温馨提示 over every
		// page of a long report stays the template's.)
		photoSet := true
		for pi, p := range live {
			if !slices.ContainsFunc(p.Attachments, isImageLink) {
				photoSet = false // a page without its picture
			}
			own := 0
			for i, b := range p.Blocks {
				if count[keys[pi][i]] < len(live) {
					own += runeCount(b.Text)
				}
			}
			if own > maxCaptionPage {
				photoSet = false
			}
		}
		for k, n := range count {
			if n == len(live) && !(photoSet && leads[k] == n) {
				everywhere[k] = true
			}
		}
	}
	title := hashForm(doc.Title)

	// 4. The blocks, page after page.
	kept := map[string]bool{}
	for pi, p := range live {
		for i, b := range p.Blocks {
			k := keys[pi][i]
			switch {
			case everywhere[k], bars[k] && b.Kind != Table:
				continue
			case pi > 0 && i < 3 && title != "" && isTitleAgain(k, title):
				continue
			case inTemplate(b, pi, live):
				continue
			case kept[k] && atEdges[k] >= 2 && (i < 3 || i >= len(p.Blocks)-3):
				continue
			}
			kept[k] = true
			doc.Blocks = append(doc.Blocks, b)
			if b.Kind == Table {
				doc.Tables = append(doc.Tables, b.Rows)
			}
		}
	}
	doc.Text = blocksText(doc.Blocks)
	return doc
}

// isImageLink says whether a content's file is a picture: an <img>'s
// source has an image's extension, or none a file has.
func isImageLink(l Link) bool {
	p := l.URL
	if i := strings.IndexAny(p, "?#"); i >= 0 {
		p = p[:i]
	}
	switch strings.ToLower(path.Ext(p)) {
	case ".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp":
		return true
	}
	return false
}

// maxCaptionPage is the most text of its own a page of a photo set has:
// a caption or two.
const maxCaptionPage = 200

// lead says whether a paragraph is prose that may introduce an article:
// sentences of some length, not a line of fields.
func lead(s string) bool {
	return runeCount(s) >= 30 && endsSentence(s) && strings.ContainsAny(s, "，,；")
}

// isTitleAgain: a line at the top of page 2 and on that is the title, or
// the title with a page marker (标题（2）, 标题 第2页).
func isTitleAgain(line, title string) bool {
	if line == title {
		return true
	}
	rest, ok := strings.CutPrefix(line, title)
	if !ok {
		return false
	}
	return numberText.MatchString(strings.Trim(strings.TrimSpace(rest), "-_|·:： "))
}

// chrome returns the lines of the page outside the main content: every
// line of the body (as the metadata reader cuts them) less the content's.
func (r *reader) chrome(content *html.Node) map[string]bool {
	count := map[string]int{}
	for _, l := range r.lines() {
		count[l]++
	}
	w := &blockWriter{r: r, keepAll: true}
	w.walk(content)
	w.flush()
	for _, b := range w.out {
		count[b.Text]--
	}
	out := make(map[string]bool, len(count))
	for l, n := range count {
		if n > 0 {
			out[l] = true
		}
	}
	return out
}

// inTemplate says whether block b of page i is the template of the other
// pages: each of them shows it outside its main content, and page i does
// not (page i's content swallowed it: a short last page makes the content
// extractor take the whole column, metadata table and all). A table is
// the template when each of its cells is.
func inTemplate(b Block, i int, live []*Page) bool {
	if len(live) < 2 {
		return false
	}
	lines := []string{b.Text}
	if b.Kind == Table {
		lines = lines[:0]
		for _, row := range b.Rows {
			for _, c := range row {
				if c != "" && !slices.Contains(lines, c) {
					lines = append(lines, c)
				}
			}
		}
	}
	if len(lines) == 0 || len(live) < 2 {
		return false
	}
	for j, p := range live {
		if j == i {
			continue
		}
		for _, l := range lines {
			if !p.chrome[l] {
				return false
			}
		}
	}
	// On the page itself it stands in the content only. (A summary box
	// on every page that repeats the first paragraph: that paragraph is
	// in page 1's template too, and stays.)
	for _, l := range lines {
		if !live[i].chrome[l] {
			return true
		}
	}
	return false
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// threadAuthor is the author of a forum thread: the first poster of page
// 1; "" when the thread's page 1 is missing or unsigned; nil when the
// pages are no thread.
func threadAuthor(pages []*Page) *string {
	if len(pages) > 0 && pages[0] != nil && len(pages[0].posts) >= 2 {
		return &pages[0].posts[0].poster
	}
	for _, p := range pages {
		if p != nil && len(p.posts) >= 2 {
			unknown := ""
			return &unknown
		}
	}
	return nil
}
