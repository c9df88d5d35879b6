package extract

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// cleanLine turns the text of one paragraph as found in the HTML into what
// folio prints: white space (including &nbsp; and the ideographic space
// U+3000 used for indentation) folded to single spaces and trimmed;
// zero-width characters and soft hyphens removed; a line break in the source
// between two CJK characters removed rather than made a space, as CSS Text 3
// prescribes, because Chinese has no spaces between words. Everything else,
// full-width letters and digits and + % & < > included, is kept verbatim.
func cleanLine(s string) string {
	if isClean(s) {
		return s
	}
	return foldLine(s)
}

// foldLine is cleanLine's work on a line that needs it.
func foldLine(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	pendingSpace := false // white space seen since the last kept rune
	pendingBreak := false // ... and it contained a line break
	var last rune         // the last rune written
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == '\n' || r == '\r':
			pendingSpace, pendingBreak = true, true
			continue
		case isFoldedSpace(r):
			pendingSpace = true
			continue
		case isInvisible(r):
			continue
		}
		if pendingSpace && b.Len() > 0 {
			// A segment break between two CJK characters disappears; any
			// other white space run becomes one space.
			if !(pendingBreak && isCJKOrPunct(last) && isCJKOrPunct(r)) {
				b.WriteByte(' ')
			}
		}
		pendingSpace, pendingBreak = false, false
		b.WriteRune(r)
		last = r
	}
	return b.String()
}

// isClean says whether cleanLine would return s as it is: no white space
// but single ASCII spaces between other characters, nothing invisible.
func isClean(s string) bool {
	if s == "" || s[0] == ' ' || s[len(s)-1] == ' ' {
		return s == ""
	}
	space := false
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0xE4 && c <= 0xE9 {
			// U+4000–U+9FFF, the bulk of Chinese text: neither space nor
			// invisible, and not worth decoding to say so.
			i += 3
			space = false
			continue
		}
		r, size := rune(c), 1
		if c >= 0x80 {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		i += size
		switch {
		case r == ' ':
			if space {
				return false
			}
			space = true
			continue
		case r < 0x20 || r == 0x7F:
			return false
		case r >= 0x80 && (isFoldedSpace(r) || isInvisible(r)):
			return false
		}
		space = false
	}
	return true
}

func isFoldedSpace(r rune) bool {
	switch {
	case r < 0x80:
		return r == ' ' || r == '\t' || r == '\f' || r == '\v'
	case r > 0x3000:
		return false // no space after U+3000: the CJK text is decided here, fast
	}
	return r == 0xA0 || r == 0x3000 || unicode.IsSpace(r)
}

// isInvisible: zero-width characters, the soft hyphen, BOMs inside text, and
// C0 controls (a NUL in a page is never text). U+FFFD stays: it marks
// bytes that could not be decoded.
func isInvisible(r rune) bool {
	switch r {
	case 0xAD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF:
		return true
	}
	return r < 0x20 // tab and line breaks were handled before
}

func isCJKOrPunct(r rune) bool { return isCJK(r) || isCJKPunct(r) || (r >= 0xFF00 && r <= 0xFFEF) }

// ContentHash is the hash that decides whether a document changed: SHA-256
// over the main text after NFKC normalisation and white-space folding, so a
// switch between full-width and half-width forms, or a reflowed line, is not
// a change. A space between two CJK characters counts as none: the text
// keeps one written as a space and drops one written as a line break (the
// segment break of CSS Text), and a page whose source is only re-wrapped is
// the same report. extra is hashed too (attachment digests, which are part
// of a report's content).
func ContentHash(text string, extra ...string) string {
	h := sha256.New()
	h.Write([]byte(withoutCJKSpaces(hashForm(text))))
	for _, e := range extra {
		h.Write([]byte{0})
		h.Write([]byte(e))
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}

// withoutCJKSpaces drops the single spaces of a hashForm that stand
// between two CJK characters, or between one and a punctuation mark (NFKC
// has made ，and （ ASCII's , and ( by now: 数据显示， 本地 is 数据显示,本地).
func withoutCJKSpaces(s string) string {
	// Only the runes beside a space are decoded: most of a text is none.
	var b strings.Builder
	from := 0 // s[from:] is not written yet
	for i := strings.IndexByte(s, ' '); i >= 0; {
		prev, _ := utf8.DecodeLastRuneInString(s[:i])
		next, _ := utf8.DecodeRuneInString(s[i+1:])
		if joinsCJK(prev) && joinsCJK(next) && (isCJK(prev) || isCJK(next)) {
			if b.Cap() == 0 {
				b.Grow(len(s))
			}
			b.WriteString(s[from:i])
			from = i + 1
		}
		j := strings.IndexByte(s[i+1:], ' ')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	if from == 0 {
		return s
	}
	b.WriteString(s[from:])
	return b.String()
}

// joinsCJK: a rune a space beside a CJK character is dropped next to.
func joinsCJK(r rune) bool {
	return isCJK(r) || isCJKPunct(r) || r < utf8.RuneSelf && unicode.IsPunct(r)
}

// hashForm is the text as ContentHash sees it: NFKC, white space folded
// to single spaces and trimmed.
func hashForm(text string) string {
	if s, ok := hashFormFast(text); ok {
		return s
	}
	return strings.Join(strings.Fields(norm.NFKC.String(text)), " ")
}

// hashFormFast is hashForm for text made only of characters whose NFKC form
// is known without the tables — ASCII, CJK ideographs, the common CJK
// punctuation, and the full-width ASCII forms, which NFKC maps to ASCII —
// which is nearly all Chinese text. ok is false for any other character:
// it may compose or decompose, and the caller takes the general path.
func hashFormFast(text string) (string, bool) {
	var b strings.Builder
	b.Grow(len(text))
	space := false
	for i, r := range text {
		var mapped rune = -1 // -1: the rune is kept as written
		switch {
		case r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == '\v' || r == 0x3000 || r == 0xA0:
			space = true
			continue
		case r < 0x20 || r == 0x7F:
			return "", false // a control: leave it to the general path
		case r < 0x7F, r >= 0x4E00 && r <= 0x9FFF, r >= 0x3400 && r <= 0x4DBF,
			r == 0x3001 || r == 0x3002 || (r >= 0x3008 && r <= 0x3011) || (r >= 0x2018 && r <= 0x201D) || r == 0x2014 || r == 0xB7:
		case r >= 0xFF01 && r <= 0xFF5E:
			mapped = r - 0xFEE0 // ＡＢＣ１２３，：（） → ABC123,:()
		default:
			return "", false
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		if mapped >= 0 {
			b.WriteByte(byte(mapped))
		} else {
			b.WriteString(text[i : i+utf8.RuneLen(r)])
		}
	}
	return b.String(), true
}
