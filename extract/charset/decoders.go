package charset

import (
	"bytes"
	"unicode/utf8"

	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/transform"
)

// replacement is U+FFFD in UTF-8.
const replacement = "\uFFFD"

// decodeAs decodes b as the encoding with the canonical name name and
// counts the invalid sequences, each of which became one U+FFFD.
func decodeAs(b []byte, name string) (out []byte, invalid int) {
	switch name {
	case "utf-8":
		return decodeUTF8(b)
	case "utf-16le":
		return decodeUTF16(b, false)
	case "utf-16be":
		return decodeUTF16(b, true)
	case "gbk", "gb18030":
		return decodeGB18030(b, true)
	case "windows-1252":
		return decodeWindows1252(b), 0
	case "big5":
		// No Big5 sequence decodes to U+FFFD, so every one in the output
		// is an error.
		out = transformAll(traditionalchinese.Big5.NewDecoder(), b)
		return out, bytes.Count(out, []byte(replacement))
	}
	enc, err := htmlindex.Get(name)
	if err != nil {
		// Callers pass only names that Normalize produced; this is a
		// safety net, not a path.
		return decodeUTF8(b)
	}
	// None of the remaining WHATWG encodings can encode U+FFFD, so again
	// every U+FFFD is an error.
	out = transformAll(enc.NewDecoder(), b)
	return out, bytes.Count(out, []byte(replacement))
}

// decodeGB18030 decodes with the x/text GB18030 decoder, the superset used
// for every label of the gbk family, and counts errors without a second
// decoding pass: it counts U+FFFD in the output and subtracts the ones that
// the source itself encoded (the four bytes 84 31 A4 37), which only costs a
// walk when that byte pattern occurs at all. careful is for input in which
// x/text may misread a four-byte sequence (see xtextMisreads; scanCJK
// counts them): it cuts the input before each such lead byte.
func decodeGB18030(b []byte, careful bool) ([]byte, int) {
	dec := simplifiedchinese.GB18030.NewDecoder()
	var out []byte
	if careful {
		out = decodeGBCarefully(dec, b)
	} else {
		out = transformAll(dec, b)
	}
	invalid := bytes.Count(out, []byte(replacement))
	if invalid > 0 && bytes.Contains(b, []byte(gbReplacement)) {
		invalid -= countGBReplacement(b)
	}
	return out, invalid
}

// decodeGBCarefully decodes b with x/text, but puts the U+FFFD that the
// standard requires for every lead byte that x/text would misread, and
// hands x/text only the pieces in between. Cutting there is safe: the
// decoder keeps no state from one sequence to the next.
func decodeGBCarefully(dec transform.Transformer, b []byte) []byte {
	out := make([]byte, 0, len(b)+len(b)/2+16)
	start := 0
	for i := 0; i < len(b); {
		if i = skipASCII(b, i); i == len(b) {
			break
		}
		if xtextMisreads(b[i:]) {
			out = append(out, transformAll(dec, b[start:i])...)
			out = append(out, replacement...)
			i++
			start = i
			continue
		}
		i += gbSeqLen(b[i:])
	}
	return append(out, transformAll(dec, b[start:])...)
}

// xtextMisreads reports whether the x/text GB18030 decoder would read the
// bytes at p[0] as a four-byte character where the standard sees an error:
// it accepts any of 0x30-0x3F as the second byte, where GB18030 allows only
// the digits 0x30-0x39, so a lead byte followed by one of ":;<=>?" and two
// fitting bytes turns into a made-up character.
func xtextMisreads(p []byte) bool {
	return len(p) >= 4 && 0x81 <= p[0] && p[0] <= 0xFE && 0x3A <= p[1] && p[1] <= 0x3F &&
		0x81 <= p[2] && p[2] <= 0xFE && 0x30 <= p[3] && p[3] <= 0x39
}

// gbReplacement is U+FFFD in GB18030.
const gbReplacement = "\x84\x31\xA4\x37"

// countGBReplacement counts the U+FFFD that b encodes, walking b with the
// framing of the decoder so that a misaligned 84 31 A4 37 is not counted.
func countGBReplacement(b []byte) int {
	n := 0
	for i := 0; i < len(b); {
		size := gbSeqLen(b[i:])
		if size == 4 && string(b[i:i+4]) == gbReplacement {
			n++
		}
		i += size
	}
	return n
}

// gbSeqLen returns the number of bytes that make up the GB18030 sequence at
// p[0] (a valid character or one error), as the x/text decoder frames them
// wherever xtextMisreads is false; charset_test checks that it does.
func gbSeqLen(p []byte) int {
	c0 := p[0]
	if c0 <= 0x80 || c0 == 0xFF || len(p) < 2 {
		return 1
	}
	switch c1 := p[1]; {
	case 0x40 <= c1 && c1 < 0x7F, 0x80 <= c1 && c1 < 0xFF:
		return 2
	case 0x30 <= c1 && c1 <= 0x39:
		if len(p) < 4 {
			return 1
		}
		c2, c3 := p[2], p[3]
		if c2 < 0x81 || c2 == 0xFF || c3 < 0x30 || c3 > 0x39 {
			return 1
		}
		r := ((rune(c0-0x81)*10+rune(c1-0x30))*126+rune(c2-0x81))*10 + rune(c3-0x30)
		if r < 39420 || 0 <= r-189000 && r-189000 < 0x100000 {
			return 4
		}
		return 1
	default:
		return 1
	}
}

// transformAll runs a decoder over all of src. It never loses input: should
// a decoder fail in a way x/text's do not, the byte it stuck on becomes a
// U+FFFD and decoding goes on.
func transformAll(t transform.Transformer, src []byte) []byte {
	// Two-byte CJK characters become three UTF-8 bytes: 1.5x fits most
	// pages in one go.
	dst := make([]byte, len(src)+len(src)/2+16)
	n := 0
	t.Reset()
	for len(src) > 0 {
		nDst, nSrc, err := t.Transform(dst[n:], src, true)
		n += nDst
		src = src[nSrc:]
		switch err {
		case nil:
			return dst[:n]
		case transform.ErrShortDst:
			dst = append(dst[:n], make([]byte, len(dst)+16)...)
			dst = dst[:cap(dst)]
		default:
			if nSrc == 0 {
				dst = append(dst[:n], replacement...)
				dst = dst[:cap(dst)]
				n += len(replacement)
				src = src[1:]
			}
			t.Reset()
		}
	}
	return dst[:n]
}

// windows1252 maps the bytes 0x80-0x9F; the rest of windows-1252 is
// Latin-1. Five bytes are unassigned and, per the WHATWG index, decode to
// the C1 controls of the same value; x/text's charmap makes them U+FFFD,
// which is why this decoder exists.
const windows1252 = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ"

// decodeWindows1252 decodes b as the WHATWG windows-1252 (also used for the
// iso-8859-1 and us-ascii labels), in which every byte is a character.
func decodeWindows1252(b []byte) []byte {
	high := []rune(windows1252)
	out := make([]byte, 0, len(b)+len(b)/4)
	for _, c := range b {
		switch {
		case c < 0x80:
			out = append(out, c)
		case c < 0xA0:
			out = utf8.AppendRune(out, high[c-0x80])
		default:
			out = utf8.AppendRune(out, rune(c))
		}
	}
	return out
}

// decodeUTF8 returns b with every invalid sequence replaced by one U+FFFD,
// as the WHATWG UTF-8 decoder does ("maximal subparts": E4 B8 followed by
// ASCII is one error, not two).
func decodeUTF8(b []byte) ([]byte, int) {
	if utf8.Valid(b) {
		return bytes.Clone(b), 0
	}
	out := make([]byte, 0, len(b)+len(b)/8+8)
	invalid := 0
	for i := 0; i < len(b); {
		start := i
		for i < len(b) && b[i] < utf8.RuneSelf {
			i++
		}
		out = append(out, b[start:i]...)
		if i == len(b) {
			break
		}
		_, n, ok := utf8Step(b[i:])
		if ok {
			out = append(out, b[i:i+n]...)
		} else {
			out = append(out, replacement...)
			invalid++
		}
		i += n
	}
	return out, invalid
}

// utf8Step returns the character at p[0], the length of its UTF-8
// sequence and whether it is valid; an invalid sequence is the maximal
// subpart that could have started a valid one, or one byte.
func utf8Step(p []byte) (r rune, n int, ok bool) {
	if p[0] < utf8.RuneSelf {
		return rune(p[0]), 1, true
	}
	if r, size := utf8.DecodeRune(p); r != utf8.RuneError || size > 1 {
		return r, size, true
	}
	need, lo, hi := 0, byte(0x80), byte(0xBF)
	switch c := p[0]; {
	case 0xC2 <= c && c <= 0xDF:
		need = 1
	case c == 0xE0:
		need, lo = 2, 0xA0
	case c == 0xED:
		need, hi = 2, 0x9F
	case 0xE1 <= c && c <= 0xEF:
		need = 2
	case c == 0xF0:
		need, lo = 3, 0x90
	case c == 0xF4:
		need, hi = 3, 0x8F
	case 0xF1 <= c && c <= 0xF3:
		need = 3
	default:
		return utf8.RuneError, 1, false
	}
	n = 1
	for n <= need && n < len(p) && lo <= p[n] && p[n] <= hi {
		n++
		lo, hi = 0x80, 0xBF
	}
	return utf8.RuneError, n, false
}

// utf8Stats summarizes how b reads as UTF-8.
type utf8Stats struct {
	multibyte int  // valid non-ASCII characters
	invalid   int  // invalid sequences
	hits      int  // common Chinese characters (see common.go)
	bailed    bool // stopped early: clearly not UTF-8, counts are partial
}

// nearlyClean reports whether b is UTF-8 with at most a few broken bytes.
func (s utf8Stats) nearlyClean() bool {
	return !s.bailed && s.multibyte > 0 && nearlyClean(s.invalid, s.multibyte+s.invalid)
}

// scanUTF8 counts without decoding. It stops as soon as the bytes are
// clearly not UTF-8 — 256 errors, and more than one for every eight valid
// characters so far (GBK text fails on nearly every character) — so on a
// legacy page it costs a few hundred characters, not a pass, while a UTF-8
// page with a GBK fragment still gets counted to the end.
func scanUTF8(b []byte) utf8Stats {
	t := getTables()
	var s utf8Stats
	for i := 0; i < len(b); {
		i = skipASCII(b, i)
		if i == len(b) {
			break
		}
		r, n, ok := utf8Step(b[i:])
		if ok {
			s.multibyte++
			if r <= 0xFFFF && t.runeCommon.has(uint16(r)) {
				s.hits++
			}
		} else {
			s.invalid++
			if s.invalid >= 256 && s.invalid*8 > s.multibyte {
				s.bailed = true
				return s
			}
		}
		i += n
	}
	return s
}

// skipASCII returns the index of the first non-ASCII byte of b at or after
// i, eight bytes at a time.
func skipASCII(b []byte, i int) int {
	for i+8 <= len(b) {
		w := uint64(b[i]) | uint64(b[i+1])<<8 | uint64(b[i+2])<<16 | uint64(b[i+3])<<24 |
			uint64(b[i+4])<<32 | uint64(b[i+5])<<40 | uint64(b[i+6])<<48 | uint64(b[i+7])<<56
		if w&0x8080808080808080 != 0 {
			break
		}
		i += 8
	}
	for i < len(b) && b[i] < utf8.RuneSelf {
		i++
	}
	return i
}

// decodeUTF16 decodes UTF-16 without a BOM (the caller strips it). An
// unpaired surrogate, or a final odd byte, is one error each.
func decodeUTF16(b []byte, bigEndian bool) ([]byte, int) {
	unit := func(i int) rune {
		if bigEndian {
			return rune(b[i])<<8 | rune(b[i+1])
		}
		return rune(b[i+1])<<8 | rune(b[i])
	}
	out := make([]byte, 0, len(b)*3/2+4)
	invalid := 0
	for i := 0; i+1 < len(b); i += 2 {
		u := unit(i)
		switch {
		case u < 0xD800 || u > 0xDFFF:
			out = utf8.AppendRune(out, u)
		case u <= 0xDBFF && i+3 < len(b) && 0xDC00 <= unit(i+2) && unit(i+2) <= 0xDFFF:
			out = utf8.AppendRune(out, 0x10000+(u-0xD800)<<10+(unit(i+2)-0xDC00))
			i += 2
		default:
			// A lone lead surrogate leaves the next unit to be read on its
			// own, as the WHATWG decoder does.
			out = append(out, replacement...)
			invalid++
		}
	}
	if len(b)%2 == 1 {
		out = append(out, replacement...)
		invalid++
	}
	return out, invalid
}
