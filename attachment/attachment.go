package attachment

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"path"
	"strings"
	"time"

	"folio/internal/panics"
)

// Format names a file format folio knows about.
type Format string

const (
	PDF     Format = "pdf"
	DOCX    Format = "docx"
	XLSX    Format = "xlsx"
	DOC     Format = "doc" // binary Word 97–2003; also WPS 文字 (.wps)
	XLS     Format = "xls" // binary Excel 97–2003; also WPS 表格 (.et)
	Zip     Format = "zip"
	RAR     Format = "rar"
	Image   Format = "image"
	Unknown Format = ""
)

var (
	// ErrNoText: the format has no text folio can read (old binary Office
	// formats, images, archives).
	ErrNoText = errors.New("attachment: no text readable from this format")
	// ErrNoPdftotext: pdftotext is not installed, so PDF text is skipped.
	ErrNoPdftotext = errors.New("attachment: pdftotext not installed; PDF text skipped")
)

// MaxText bounds the text (and the XML read to get it) of one file.
const MaxText = 16 << 20

// Detect names the format of data from its bytes, then its name and type.
func Detect(data []byte, contentType, name string) Format {
	switch {
	case bytes.HasPrefix(data, []byte("%PDF-")):
		return PDF
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return zipFormat(data)
	case bytes.HasPrefix(data, []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")): // OLE2 compound file
		switch strings.ToLower(path.Ext(name)) {
		case ".xls", ".et":
			return XLS
		}
		if strings.Contains(contentType, "excel") {
			return XLS
		}
		return DOC
	case bytes.HasPrefix(data, []byte("Rar!")):
		return RAR
	case bytes.HasPrefix(data, []byte("\xff\xd8\xff")), bytes.HasPrefix(data, []byte("\x89PNG")),
		bytes.HasPrefix(data, []byte("GIF8")), bytes.HasPrefix(data, []byte("BM")):
		return Image
	}
	return Unknown
}

// zipFormat tells DOCX and XLSX from other zip files by their parts.
func zipFormat(data []byte) Format {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return Zip
	}
	for _, f := range zr.File {
		switch f.Name {
		case "word/document.xml":
			return DOCX
		case "xl/workbook.xml":
			return XLSX
		}
	}
	return Zip
}

// Text returns the text of a file. ErrNoText says the format has none folio
// can read; ErrNoPdftotext that PDF text needs poppler's pdftotext.
func Text(ctx context.Context, data []byte, contentType, name string) (text string, f Format, err error) {
	f = Detect(data, contentType, name)
	defer func() {
		// A file that trips a bug has no text; the article goes on.
		if r := recover(); r != nil {
			text, err = "", panics.Error(name, r)
		}
	}()
	switch f {
	case DOCX:
		text, err = docxText(data)
	case XLSX:
		text, err = xlsxText(data)
	case PDF:
		text, err = pdfText(ctx, data)
	default:
		return "", f, ErrNoText
	}
	if err != nil {
		return "", f, fmt.Errorf("%s: %w", name, err)
	}
	return text, f, nil
}

// HavePdftotext reports whether PDF text can be read on this machine.
func HavePdftotext() bool {
	_, err := exec.LookPath("pdftotext")
	return err == nil
}

// pdfTimeout bounds one pdftotext run: a hostile PDF must not hang a crawl.
const pdfTimeout = 60 * time.Second

func pdfText(ctx context.Context, data []byte) (string, error) {
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		return "", ErrNoPdftotext
	}
	ctx, cancel := context.WithTimeout(ctx, pdfTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "-enc", "UTF-8", "-q", "-", "-")
	cmd.Stdin = bytes.NewReader(data)
	var out limitedBuffer
	out.limit = MaxText
	cmd.Stdout = &out
	if err := cmd.Run(); err != nil && !out.full {
		return "", fmt.Errorf("pdftotext: %w", err)
	}
	return tidy(out.String()), nil
}

// limitedBuffer keeps the first limit bytes written and drops the rest.
type limitedBuffer struct {
	bytes.Buffer
	limit int
	full  bool
}

func (b *limitedBuffer) Write(p []byte) (int, error) {
	if room := b.limit - b.Len(); room < len(p) {
		b.full = true
		if room > 0 {
			b.Buffer.Write(p[:room])
		}
		return len(p), nil
	}
	return b.Buffer.Write(p)
}

// tidy trims trailing white space from lines, drops form feeds and runs of
// blank lines.
func tidy(s string) string {
	s = strings.ReplaceAll(s, "\f", "\n")
	var out []string
	blank := 0
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimRight(line, " \t\r")
		if line == "" {
			blank++
			continue
		}
		if blank > 0 && len(out) > 0 {
			out = append(out, "")
		}
		blank = 0
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}

// readPart reads one part of a zip, bounded by MaxText.
func readPart(zr *zip.Reader, name string) ([]byte, error) {
	for _, f := range zr.File {
		if f.Name != name {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		defer rc.Close()
		data, err := io.ReadAll(io.LimitReader(rc, MaxText+1))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if len(data) > MaxText {
			return nil, fmt.Errorf("%s: larger than %d bytes", name, MaxText)
		}
		return data, nil
	}
	return nil, fmt.Errorf("%s: %w", name, errMissingPart)
}

var errMissingPart = errors.New("part missing")
