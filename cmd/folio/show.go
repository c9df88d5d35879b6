package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"folio/extract"
	"folio/store"
)

func runShow(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet("show", "URL", e)
	var common commonFlags
	common.register(fs, e)
	format := fs.String("format", "text", "output format: text, md or json")
	version := fs.Int("version", 0, "version to show (default: the latest)")
	urls, err := parse(fs, args)
	if err != nil {
		return helpIsOK(err)
	}
	if len(urls) != 1 {
		fs.Usage()
		return usagef("show: give exactly one URL")
	}
	if *format != "text" && *format != "md" && *format != "json" {
		return usagef("show: --format must be text, md or json")
	}
	log, err := common.logger(e)
	if err != nil {
		return err
	}
	db, err := openStore(common.db, true, 0, log)
	if err != nil {
		return err
	}
	defer db.Close()
	doc, err := findDocument(db, urls[0], *version)
	if err != nil {
		return err
	}
	switch *format {
	case "json":
		return writeJSON(e.stdout, doc)
	case "md":
		return writeMarkdown(e.stdout, doc)
	default:
		return writeText(e.stdout, doc)
	}
}

// findDocument looks a document up by the URL as given, then in folio's
// canonical form (so ?from=index and utm_* variants find it too).
func findDocument(db *store.DB, u string, version int) (*store.Document, error) {
	doc, err := db.Document(u, version)
	if errors.Is(err, store.ErrNotFound) {
		if c := extract.CanonicalURL(u); c != u {
			doc, err = db.Document(c, version)
		}
	}
	if errors.Is(err, store.ErrNotFound) {
		if version > 0 {
			return nil, fmt.Errorf("%s: no version %d stored", u, version)
		}
		return nil, fmt.Errorf("%s: not in the store", u)
	}
	return doc, err
}

func writeText(w io.Writer, d *store.Document) error {
	var b strings.Builder
	b.WriteString(d.Title + "\n")
	b.WriteString(d.URL + "\n")
	for _, f := range [][2]string{{"published", d.Published}, {"source", d.Source}, {"author", d.Author}} {
		if f[1] != "" {
			fmt.Fprintf(&b, "%s: %s\n", f[0], f[1])
		}
	}
	fmt.Fprintf(&b, "version %d, %d page(s), fetched %s\n\n", d.Version, len(d.Pages), d.Fetched.Format("2006-01-02 15:04:05Z07:00"))
	b.WriteString(d.Text)
	b.WriteString("\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// writeMarkdown renders the document with its tables as Markdown tables,
// in place. The text holds each table as tab-separated lines; the lines of
// the document's tables are recognised in order and rendered from Tables.
func writeMarkdown(w io.Writer, d *store.Document) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", mdEscape(d.Title))
	var meta []string
	for _, f := range [][2]string{{"Published", d.Published}, {"Source", d.Source}, {"Author", d.Author}} {
		if f[1] != "" {
			meta = append(meta, fmt.Sprintf("%s: %s", f[0], mdEscape(f[1])))
		}
	}
	meta = append(meta, fmt.Sprintf("<%s>", d.URL))
	b.WriteString("*" + strings.Join(meta, " · ") + "*\n\n")

	lines := strings.Split(d.Text, "\n")
	next := 0 // the next table to look for
	for i := 0; i < len(lines); i++ {
		if next < len(d.Tables) && tableStartsAt(lines, i, d.Tables[next]) {
			writeMarkdownTable(&b, d.Tables[next])
			i += len(d.Tables[next]) - 1
			next++
			continue
		}
		if lines[i] != "" {
			b.WriteString(mdEscape(lines[i]) + "\n\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func tableStartsAt(lines []string, i int, rows [][]string) bool {
	if len(rows) == 0 || i+len(rows) > len(lines) {
		return false
	}
	for k, row := range rows {
		if lines[i+k] != strings.Join(row, "\t") {
			return false
		}
	}
	return true
}

func writeMarkdownTable(b *strings.Builder, rows [][]string) {
	for i, row := range rows {
		cells := make([]string, len(row))
		for j, c := range row {
			cells[j] = strings.ReplaceAll(mdEscape(c), "|", `\|`)
		}
		b.WriteString("| " + strings.Join(cells, " | ") + " |\n")
		if i == 0 {
			b.WriteString("|" + strings.Repeat(" --- |", len(row)) + "\n")
		}
	}
	b.WriteString("\n")
}

// mdEscape keeps a line from being read as Markdown structure.
func mdEscape(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '#', '>', '-', '*', '+', '=':
		return `\` + s
	}
	return s
}
