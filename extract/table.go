package extract

import (
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Tables on portals are of two kinds: data tables (the statistics of a
// government report) and layout tables (the page's columns, a menu, a list
// of links). Only data tables become table blocks; layout tables are walked
// through as containers.

// maxTableCells bounds the grid of one table: a colspan of 10,000 or a
// thousand-row table with spans must not blow up memory.
const maxTableCells = 100_000

// tableRows returns the <tr> elements of t, not those of nested tables.
func tableRows(t *html.Node) []*html.Node {
	var rows []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || c.DataAtom == atom.Table {
				continue
			}
			if c.DataAtom == atom.Tr {
				rows = append(rows, c)
				continue
			}
			walk(c)
		}
	}
	walk(t)
	return rows
}

func rowCells(tr *html.Node) []*html.Node {
	var cells []*html.Node
	for c := tr.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (c.DataAtom == atom.Td || c.DataAtom == atom.Th) {
			cells = append(cells, c)
		}
	}
	return cells
}

// isDataTable tells a table of data from a table used for layout.
func (r *reader) isDataTable(t *html.Node) bool {
	if role := attr(t, "role"); role == "presentation" || role == "none" {
		return false
	}
	rows := tableRows(t)
	if len(rows) < 2 {
		return false
	}
	maxCols, cells, empty, wideRows := 0, 0, 0, 0
	var textSum float64
	for _, tr := range rows {
		cs := rowCells(tr)
		span, filled := 0, 0
		for _, c := range cs {
			span += spanOf(c, "colspan")
			cells++
			st := r.stats[c]
			if st == nil {
				continue
			}
			textSum += st.text
			if st.text == 0 {
				empty++
			} else {
				filled++
			}
			if hasBlockProse(c) {
				return false // paragraphs inside cells: the page's layout
			}
		}
		maxCols = max(maxCols, span)
		if filled >= 2 {
			wideRows++
		}
	}
	// Data has at least two rows of two or more values; a title over a
	// byline (one cell over two) is layout.
	if maxCols < 2 || cells == 0 || wideRows < 2 {
		return false
	}
	if hasNestedTable(t) {
		return false
	}
	st := r.stats[t]
	if st != nil && st.linkDensity() > 0.5 {
		return false // a menu or a list of links
	}
	// Cells of data hold a figure or a short label; long cells are prose
	// laid out in a grid. 150 units is about 50 CJK characters.
	filled := cells - empty
	if filled == 0 || textSum/float64(filled) > 150 {
		return false
	}
	return true
}

func hasNestedTable(t *html.Node) bool {
	found := false
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && !found; c = c.NextSibling {
			if c.Type == html.ElementNode {
				if c.DataAtom == atom.Table {
					found = true
					return
				}
				walk(c)
			}
		}
	}
	walk(t)
	return found
}

// hasBlockProse reports a cell that contains several paragraphs or other
// block elements with long text: a layout cell, not a data cell.
func hasBlockProse(cell *html.Node) bool {
	blocks := 0
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.DataAtom {
			case atom.P, atom.Div, atom.Ul, atom.Ol, atom.H1, atom.H2, atom.H3, atom.Blockquote:
				if runeCount(textOf(c)) > 60 {
					blocks++
				}
			}
			walk(c)
		}
	}
	walk(cell)
	return blocks >= 2
}

func spanOf(n *html.Node, key string) int {
	v, err := strconv.Atoi(strings.TrimSpace(attr(n, key)))
	if err != nil || v < 1 {
		return 1
	}
	return min(v, 1000)
}

// tableGrid returns the cells of t as rows of strings, a cell spanning
// several rows or columns repeated in each, as the contract asks. Rows that
// are entirely empty are dropped; short rows are padded with "".
func tableGrid(t *html.Node) [][]string {
	rows := tableRows(t)
	grid := make([][]string, 0, len(rows))
	// pending[col] carries a rowspan down: text and rows left.
	type carry struct {
		text string
		left int
	}
	var pending []carry
	total := 0
	// A row of blank cells of its own (several cells, none spanning) is
	// a row of the table where it stands alone: a 复议/诉讼 table's one row
	// of nothing to report, a budget table's blank line between its items
	// and its totals (in a ruled table). Runs of them (a Word table's
	// empty rows at its end) and spacers between every other row are not.
	var blank []bool // per row of grid
	for _, tr := range rows {
		var row []string
		col := 0
		take := func() { // fill columns still covered by a rowspan from above
			for col < len(pending) && pending[col].left > 0 {
				row = append(row, pending[col].text)
				pending[col].left--
				col++
			}
		}
		take()
		own := rowCells(tr)
		for _, c := range own {
			text := textOf(c)
			cs, rs := spanOf(c, "colspan"), spanOf(c, "rowspan")
			for range cs {
				row = append(row, text)
				for len(pending) <= col {
					pending = append(pending, carry{})
				}
				pending[col] = carry{text: text, left: rs - 1}
				col++
				take()
			}
			total += cs
			if total > maxTableCells {
				break
			}
		}
		// Spans from above to the right of the last cell.
		for col < len(pending) {
			if pending[col].left > 0 {
				row = append(row, pending[col].text)
				pending[col].left--
			} else {
				row = append(row, "")
			}
			col++
		}
		switch {
		case rowHasText(row):
			grid = append(grid, row)
			blank = append(blank, false)
		case len(grid) > 0 && blankDataRow(own):
			grid = append(grid, row)
			blank = append(blank, true)
		}
		if total > maxTableCells {
			break
		}
	}
	grid = keepLoneBlankRows(grid, blank, ruled(t))
	width := 0
	for _, row := range grid {
		width = max(width, len(row))
	}
	for i, row := range grid {
		for len(row) < width {
			row = append(row, "")
		}
		// Trailing columns that no row fills are padding, not data.
		grid[i] = row
	}
	return trimEmptyColumns(grid)
}

// keepLoneBlankRows drops the blank rows of grid (blank marks them) but
// those that stand alone: the last row of a table five columns wide or
// more, or in a ruled table one between two rows of text; none when blank
// rows are a third of the table or more (spacers).
func keepLoneBlankRows(grid [][]string, blank []bool, ruled bool) [][]string {
	n := 0
	for _, b := range blank {
		if b {
			n++
		}
	}
	if n == 0 {
		return grid
	}
	out := grid[:0]
	for i, row := range grid {
		if blank[i] {
			alone := (i == 0 || !blank[i-1]) && (i == len(grid)-1 || !blank[i+1])
			// (The last row blank stands in a wide form of figures, not in
			// a small table a Word paste left a spacing row under.)
			lastWide := i == len(grid)-1 && len(row) >= 5
			between := ruled && i < len(grid)-1
			spacers := n*3 >= len(grid) && !(n == 1 && lastWide)
			if !alone || spacers || !lastWide && !between {
				continue
			}
		}
		out = append(out, row)
	}
	return out
}

// ruled says whether a table draws its cells' borders (border="1", a Word
// table's MsoNormalTable/MsoTableGrid), as data tables do.
func ruled(t *html.Node) bool {
	if b := strings.TrimSpace(attr(t, "border")); b != "" && b != "0" {
		return true
	}
	return strings.Contains(attr(t, "class"), "MsoNormalTable") || strings.Contains(attr(t, "class"), "MsoTableGrid")
}

// blankDataRow says whether a row's own cells are those of a data row
// left blank: several, none spanning columns.
func blankDataRow(cells []*html.Node) bool {
	if len(cells) < 3 {
		return false
	}
	for _, c := range cells {
		if spanOf(c, "colspan") > 1 {
			return false
		}
	}
	return true
}

func rowHasText(row []string) bool {
	for _, c := range row {
		if c != "" {
			return true
		}
	}
	return false
}

// trimEmptyColumns removes columns that are empty in every row.
func trimEmptyColumns(grid [][]string) [][]string {
	if len(grid) == 0 {
		return grid
	}
	keep := make([]bool, len(grid[0]))
	for _, row := range grid {
		for i, c := range row {
			if c != "" {
				keep[i] = true
			}
		}
	}
	out := make([][]string, len(grid))
	for r, row := range grid {
		for i, c := range row {
			if keep[i] {
				out[r] = append(out[r], c)
			}
		}
	}
	return out
}

// tableText is how a table stands in the text: one row per line, cells
// separated by a tab.
func tableText(rows [][]string) string {
	lines := make([]string, len(rows))
	for i, row := range rows {
		lines[i] = strings.Join(row, "\t")
	}
	return strings.Join(lines, "\n")
}
