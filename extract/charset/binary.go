package charset

import (
	"bytes"
	"mime"
	"strings"
)

// sniffLen is how much of a payload IsBinary looks at; a verdict on the
// first 8 KiB is as good as on the whole and keeps it cheap on big PDFs.
const sniffLen = 8 << 10

// signatures are the magic numbers of the binary formats a news or
// government portal serves, after the WHATWG MIME Sniffing tables
// (images, audio/video, archives) plus office documents and fonts.
var signatures = []struct {
	offset int
	magic  string
}{
	{0, "%PDF-"},
	{0, "%!PS-Adobe-"},
	{0, "\x89PNG\r\n\x1a\n"},
	{0, "GIF87a"},
	{0, "GIF89a"},
	{0, "\xff\xd8\xff"},                     // JPEG
	{0, "BM"},                               // BMP
	{0, "\x00\x00\x01\x00"},                 // ICO
	{0, "\x00\x00\x02\x00"},                 // CUR
	{0, "II*\x00"},                          // TIFF
	{0, "MM\x00*"},                          // TIFF
	{0, "PK\x03\x04"},                       // zip, docx, xlsx, pptx, odt, epub, jar
	{0, "PK\x05\x06"},                       // empty zip
	{0, "\x1f\x8b\x08"},                     // gzip
	{0, "BZh"},                              // bzip2
	{0, "\xfd7zXZ\x00"},                     // xz
	{0, "7z\xbc\xaf\x27\x1c"},               // 7-Zip
	{0, "Rar!\x1a\x07"},                     // RAR
	{0, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"}, // OLE2: doc, xls, ppt, wps, msi
	{0, "\x28\xb5\x2f\xfd"},                 // zstd
	{0, "ID3"},                              // MP3
	{0, "OggS\x00"},
	{0, "fLaC"},
	{0, "\x1a\x45\xdf\xa3"}, // WebM, Matroska
	{0, "FLV\x01"},
	{0, "FWS"}, // Flash
	{0, "CWS"},
	{0, "ZWS"},
	{0, "wOFF"},
	{0, "wOF2"},
	{0, "\x00\x01\x00\x00\x00"}, // TrueType
	{0, "OTTO"},
	{0, "\x00asm"},
	{0, "\x7fELF"},
	{0, "MZ"},   // Windows executables
	{4, "ftyp"}, // MP4, MOV, 3GP, HEIC, AVIF
	{257, "ustar"},
}

// IsBinary reports whether raw is not a text document — a PDF, an image, an
// archive or office file, audio or video, or random bytes — whatever
// contentType claims, since servers label attachments text/html and error
// pages image/png. It looks at the first bytes only: a byte order mark or
// a UTF-16 shape means text; a known magic number means binary; otherwise
// the share of control bytes decides (see binaryRatio). GBK, Big5 and
// UTF-8 text contain no control bytes, so a page in any of them is text,
// and a few stray NULs in an HTML page do not change that.
func IsBinary(raw []byte, contentType string) bool {
	if len(raw) == 0 {
		return false
	}
	head := raw[:min(len(raw), sniffLen)]
	if bytes.HasPrefix(head, []byte("\xef\xbb\xbf")) ||
		bytes.HasPrefix(head, []byte("\xff\xfe")) || bytes.HasPrefix(head, []byte("\xfe\xff")) {
		return false
	}
	if hasSignature(head) {
		return true
	}
	if declaresUTF16(contentType) || utf16Shaped(head) {
		return false
	}
	ratio := binaryRatio(head)
	if looksLikeMarkup(head) {
		// Markup with NULs sprinkled in (a broken CMS, a pasted form feed)
		// is still a page; only a payload that is mostly control bytes
		// with a text-looking start is not.
		return ratio > 0.30
	}
	// Text has next to no control bytes; uniformly random (compressed,
	// encrypted) bytes have 27/256 ≈ 10.5% of them, and formats without a
	// known magic number far more. 5% separates the two with a wide margin
	// on any sample of a few hundred bytes.
	return ratio > 0.05
}

func hasSignature(head []byte) bool {
	for _, s := range signatures {
		if len(head) < s.offset+len(s.magic) || string(head[s.offset:s.offset+len(s.magic)]) != s.magic {
			continue
		}
		// A short printable magic ("BM", "MZ", "ID3", "CWS") starts plenty
		// of text too: ask for a control byte in the header that follows,
		// which text does not have.
		if weakMagic(s.magic) && binaryRatio(head[:min(len(head), 64)]) == 0 {
			continue
		}
		return true
	}
	// RIFF containers: WAVE, AVI, WEBP.
	if len(head) >= 12 && string(head[:4]) == "RIFF" {
		switch string(head[8:12]) {
		case "WAVE", "AVI ", "WEBP":
			return true
		}
	}
	return false
}

func weakMagic(m string) bool {
	if len(m) >= 5 {
		return false
	}
	for i := 0; i < len(m); i++ {
		if m[i] < 0x20 || m[i] > 0x7e {
			return false
		}
	}
	return true
}

// binaryRatio is the share of the WHATWG "binary data bytes" (control
// characters other than tab, newline, form feed, carriage return and
// escape) in b.
func binaryRatio(b []byte) float64 {
	n := 0
	for _, c := range b {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\f' && c != '\r' && c != 0x1b {
			n++
		}
	}
	return float64(n) / float64(len(b))
}

// looksLikeMarkup reports whether b starts, after white space, like HTML,
// XML or JSON.
func looksLikeMarkup(b []byte) bool {
	b = bytes.TrimLeft(b, " \t\n\f\r")
	if len(b) < 2 {
		return false
	}
	switch b[0] {
	case '<':
		c := b[1]
		return isLetter(c) || c == '!' || c == '?' || c == '/'
	case '{', '[':
		return true
	}
	return false
}

func declaresUTF16(contentType string) bool {
	_, params, err := mime.ParseMediaType(contentType)
	return err == nil && strings.HasPrefix(Normalize(params["charset"]), "utf-16")
}

// utf16Shaped reports whether b looks like UTF-16 text without a BOM: in
// one of the two byte lanes nearly every byte is the high byte of a
// character of the scripts a page uses (0x00 for ASCII, the CJK blocks,
// CJK punctuation, Hangul, full-width forms), while the other lane, the
// low bytes, is mostly not NUL. Random bytes fill the high lane uniformly,
// so about 57% of it fits, never 90%; NUL padding fills both lanes with
// zeros.
func utf16Shaped(b []byte) bool {
	units := len(b) / 2
	if units < 16 {
		return false
	}
	var fit, zero [2]int
	for i := 0; i+1 < len(b); i += 2 {
		for lane := 0; lane < 2; lane++ {
			c := b[i+lane]
			if plausibleHighByte(c) {
				fit[lane]++
			}
			if c == 0 {
				zero[lane]++
			}
		}
	}
	for high := 0; high < 2; high++ {
		if fit[high]*10 >= units*9 && zero[1-high]*2 < units {
			return true
		}
	}
	return false
}

func plausibleHighByte(c byte) bool {
	switch {
	case c <= 0x06, // Latin, Greek, Cyrillic, Hebrew, Arabic
		c == 0x0E,              // Thai
		0x20 <= c && c <= 0x27, // punctuation, symbols
		0x30 <= c && c <= 0x33, // CJK punctuation, kana
		0x4E <= c && c <= 0x9F, // CJK unified ideographs
		0xAC <= c && c <= 0xD7, // Hangul
		c == 0xFF:              // full-width forms
		return true
	}
	return false
}
