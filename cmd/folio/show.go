package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path"
	"slices"
	"strings"

	"folio/attachment"
	"folio/crawler"
	"folio/extract"
	"folio/store"
)

func runShow(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet("show", e)
	var common commonFlags
	common.register(fs.FlagSet, e)
	format := fs.String("format", "text", "output format: text, md or json")
	version := fs.Int("version", 0, "version to show (default: the latest)")
	withAttachments := fs.Bool("attachments", false, "also print the attachments and the text read from them (text and md)")
	asJSON := fs.Bool("json", false, "the same as --format json, as the other commands spell it")
	urls, err := parse(fs, args)
	if err != nil {
		return helpIsOK(err)
	}
	if *asJSON {
		if fs.isSet("format") && *format != "json" {
			return shapef("show: --json and --format %s disagree", *format)
		}
		*format = "json"
	}
	if len(urls) != 1 {
		return shapef("show: give exactly one URL")
	}
	if *version < 0 {
		return shapef("show: --version must not be negative (0 or unset: the latest)")
	}
	if *format != "text" && *format != "md" && *format != "json" {
		return shapef("show: --format must be text, md or json")
	}
	db, err := common.openReader(e)
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
		return writeJSON(e.stdout, doc.InSeconds())
	case "md":
		err = writeMarkdown(e.stdout, doc)
	default:
		err = writeText(e.stdout, doc)
	}
	if err == nil && *withAttachments {
		err = writeAttachments(ctx, e.stdout, db, doc, *format == "md")
	}
	return err
}

// writeAttachments prints each attachment with the text read from it, or
// why there is none.
func writeAttachments(ctx context.Context, w io.Writer, db *store.DB, d *store.Document, md bool) error {
	var b strings.Builder
	for i, a := range d.Attachments {
		head := fmt.Sprintf("附件 %d: %s", i+1, a.Title)
		if md {
			fmt.Fprintf(&b, "\n## %s\n\n<%s> · %s · %d bytes\n\n", mdEscape(head), a.URL, a.ContentType, a.Bytes)
		} else {
			fmt.Fprintf(&b, "\n--- %s\n%s  %s  %d bytes\n", head, a.URL, a.ContentType, a.Bytes)
		}
		b.WriteString(attachmentText(ctx, db, a) + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// attachmentText is the stored text of an attachment, or a line saying why
// there is none.
func attachmentText(ctx context.Context, db *store.DB, a store.Attachment) string {
	if a.Status != 200 {
		return fmt.Sprintf("(not archived: HTTP %d)", a.Status)
	}
	if text, err := db.Text(a.PayloadDigest); err == nil {
		return text
	}
	payload, err := db.Payload(a.PayloadDigest)
	if err != nil {
		return "(no text)"
	}
	// Archived before pdftotext was installed, say: read it now.
	if text, _, err := attachment.Text(ctx, payload, a.ContentType, a.URL); err == nil && text != "" {
		return text
	}
	switch attachment.Detect(payload, a.ContentType, a.URL) {
	case attachment.DOC, attachment.XLS:
		return "(no text: an old binary Office or WPS file, stored as it was)"
	case attachment.PDF:
		if !attachment.HavePdftotext() {
			return "(no text: PDF text needs pdftotext, from poppler-utils)"
		}
		return "(no text: the PDF has no text layer, e.g. a scan)"
	case attachment.Image:
		return "(an image)"
	}
	return "(no text)"
}

// findDocument looks a document up by the URL as given, then in folio's
// canonical form (so ?from=index and utm_* variants find it too).
func findDocument(db *store.DB, u string, version int) (*store.Document, error) {
	var doc *store.Document
	err := store.ErrNotFound
	for _, k := range lookupURLs(u) {
		if doc, err = db.Document(k, version); !errors.Is(err, store.ErrNotFound) {
			break
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
	// The files the article links or embeds, linked to where they were
	// fetched from: images shown, the others as links.
	if len(d.Attachments) > 0 {
		b.WriteString("## 附件 Attachments\n\n")
		for _, a := range d.Attachments {
			title := a.Title
			if title == "" {
				title = path.Base(a.URL)
			}
			title = strings.NewReplacer(`\`, `\\`, "[", `\[`, "]", `\]`, "*", `\*`, "_", `\_`).Replace(title)
			switch {
			case a.Status == 0:
				fmt.Fprintf(&b, "- %s (not fetched) <%s>\n", title, a.URL)
				continue
			case a.Status != http.StatusOK:
				fmt.Fprintf(&b, "- %s (not archived: HTTP %d) <%s>\n", title, a.Status, a.URL)
				continue
			case strings.HasPrefix(a.ContentType, "image/"):
				fmt.Fprintf(&b, "- ![%s](<%s>)\n", title, a.URL)
			default:
				fmt.Fprintf(&b, "- [%s](<%s>)\n", title, a.URL)
			}
		}
		b.WriteString("\n")
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

// lookupURLs are the keys a document may be stored under for the URL a
// user gives: as given, in folio's canonical form, without a query
// parameter that numbers it page 1 (NewsShow.asp?id=88&page=1, which a
// page bar links as often as NewsShow.asp?id=88, is page 1's URL), and
// without the session ids a crawl strips from the links it follows or
// the dot segments a link resolves.
func lookupURLs(u string) []string {
	out := []string{u}
	bare := crawler.WithoutSessionIDs(u) // a link with a session id, as the crawl met it
	if pu, err := url.Parse(bare); err == nil && strings.Contains(pu.Path, "/.") {
		bare = pu.JoinPath().String() // …/202403/../202403/x.shtml, as a link resolves
	}
	for _, k := range []string{extract.CanonicalURL(u), extract.CanonicalURL(extract.PageOneURL(u)),
		extract.CanonicalURL(bare), extract.CanonicalURL(extract.PageOneURL(bare))} {
		if !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	return out
}
