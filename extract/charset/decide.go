package charset

import (
	"bytes"
	"unicode/utf8"
)

// reading is one way to interpret the bytes of a page.
type reading struct {
	name    string // canonical charset name
	invalid int    // sequences that are errors under name
	hits    int    // common Chinese characters (common.go) in the decoding
	total   int    // non-ASCII characters of the decoding, errors included
	out     []byte // the decoding, when it has already been done
	careful bool   // GB18030 only: x/text would misread some bytes
}

// clean reports whether the reading is nearly clean; see nearlyClean.
func (r reading) clean() bool { return nearlyClean(r.invalid, r.total) }

// score ranks readings that are not nearly clean: a right reading is full of
// common characters and has few errors; a wrong one has few common
// characters (Big5 read as GBK gives rare characters, not garbage bytes)
// or many errors. An error weighs two hits so that a reading cannot buy
// errors with a handful of lucky characters.
func (r reading) score() int { return r.hits - 2*r.invalid }

// nearlyClean is the threshold between "a page in this charset with a few
// broken bytes" and "this charset is wrong": at most 1% of the non-ASCII
// characters are errors. Broken pages in the wild (a truncated character,
// a pasted fragment in another charset, a user-defined code) stay well
// below it — the worst in the cwced corpus has 12 errors in 13,915
// characters, 0.09% — while wrong readings measured on the same corpus and
// on the fixtures fail far more often: GBK read as UTF-8 on nearly every
// character, UTF-8 read as GBK on 6-10%, Big5 read as GBK on about a third,
// GBK read as Big5 on 2-4%. The last two are close enough to 1% that
// errors alone cannot be trusted between GBK and Big5 (a short page can
// happen to be clean in both), hence the character frequencies in
// dominated and score.
//
// Staying with the declared charset at, say, 0.5% errors costs a few
// U+FFFD; switching a whole page to a wrong charset costs all of it. For
// the same reason one error is always tolerated: a single broken sequence
// (a page cut short in the middle of a character) says nothing about the
// charset, while a wrong charset on any real page makes dozens.
func nearlyClean(invalid, total int) bool { return invalid <= 1 || invalid*100 <= total }

// Evidence thresholds, in characters. A declaration is overridden by a
// reading that is merely clean only when that reading is overwhelmingly
// Chinese: at least minHits common characters, making up at least 30% of
// its non-ASCII characters (right readings score about 75%, wrong ones
// 5-20%), and more than three times the common characters of the
// declared reading.
const (
	minHits       = 16
	dominanceMult = 3
	// minUTF8Chars valid non-ASCII UTF-8 characters are not an accident:
	// GBK text passes as UTF-8 one character in seven at best.
	minUTF8Chars = 8
)

// choose decides between the declared encoding (declared, "" if none,
// found by src) and the readings the scans suggest, and decodes once.
func choose(raw []byte, declared string, src Source) ([]byte, Result) {
	// The common modern case costs one validation pass and a copy.
	if (declared == "" || declared == "utf-8") && utf8.Valid(raw) {
		return bytes.Clone(raw), Result{Charset: "utf-8", Source: src}
	}
	if declared == "utf-16le" || declared == "utf-16be" {
		if looksUTF16(raw) {
			out, invalid := decodeAs(raw, declared)
			return out, Result{Charset: declared, Source: src, Invalid: invalid}
		}
		// A header claiming UTF-16 over bytes that are not shaped like it
		// is wrong (markup in UTF-16 is half NULs): read as undeclared.
		declared, src = "", SourceFallback
	}

	// Two cheap scans, no decoding: how the bytes read as UTF-8 (stopping
	// early when they clearly are not), and as GB18030 and Big5.
	u := scanUTF8(raw)
	c := scanCJK(raw)
	gbName := "gbk"
	if c.fourByte > 0 {
		// Undeclared GB18030 keeps its own name: EncodeQuery differs.
		gbName = "gb18030"
	}
	utf := reading{name: "utf-8", invalid: u.invalid, hits: u.hits, total: u.multibyte + u.invalid}
	gb := reading{name: gbName, invalid: c.gbInvalid, hits: c.gbHits, total: c.seqs, careful: c.misreads > 0}
	big5 := reading{name: "big5", invalid: c.big5Invalid, hits: c.big5Hits, total: c.seqs}
	latin := reading{name: "windows-1252", total: c.seqs} // never an error, never Chinese
	cands := []reading{gb, big5, latin}                   // in order of preference on equal scores
	if !u.bailed {
		cands = append([]reading{utf}, cands...)
	}

	if declared == "" {
		// UTF-8 first: a few broken bytes do not make UTF-8 text GBK.
		if u.nearlyClean() {
			return decodeReading(raw, utf, "", src)
		}
		return decodeReading(raw, best(cands[0], cands[1:]), "", src)
	}

	var d reading
	switch family(declared) {
	case "utf-8":
		d = utf
	case "gb":
		d = gb
		d.name = declared
	case "big5":
		d = big5
	default:
		// No scan knows this charset: decode to count its errors, and keep
		// the result in case it stays.
		d = reading{name: declared, total: c.seqs}
		d.out, d.invalid = decodeAs(raw, declared)
	}

	// UTF-8 first: valid multi-byte UTF-8 is almost never accidental, so it
	// beats a legacy declaration given a few characters of evidence, or
	// when it reads as more Chinese than the declaration does.
	if d.name != "utf-8" && !u.bailed && u.invalid == 0 && u.multibyte > 0 &&
		(u.multibyte >= minUTF8Chars || u.hits > d.hits) {
		return decodeReading(raw, utf, declared, src)
	}
	if d.clean() && !dominated(d, cands) {
		return decodeReading(raw, d, declared, src)
	}
	return decodeReading(raw, best(d, cands), declared, src)
}

// dominated reports whether some reading of another charset is clean and
// overwhelmingly more Chinese than d, though d decodes cleanly too: Big5
// bytes are valid GBK, UTF-8 text is nearly valid GBK, and GBK bytes are
// valid windows-1252; only the characters tell them apart.
func dominated(d reading, cands []reading) bool {
	for _, r := range cands {
		if family(r.name) == family(d.name) {
			continue
		}
		if r.clean() && r.hits >= minHits && r.hits*10 >= r.total*3 && r.hits > dominanceMult*d.hits {
			return true
		}
	}
	return false
}

// best returns the reading with the highest score, the earliest on ties,
// starting from first.
func best(first reading, rest []reading) reading {
	b := first
	for _, r := range rest {
		if r.score() > b.score() {
			b = r
		}
	}
	return b
}

// decodeReading decodes raw as r (unless r already holds its decoding) and
// says whether the declaration held.
func decodeReading(raw []byte, r reading, declared string, src Source) ([]byte, Result) {
	out, invalid := r.out, r.invalid
	switch {
	case out != nil:
	case family(r.name) == "gb":
		out, invalid = decodeGB18030(raw, r.careful)
	default:
		out, invalid = decodeAs(raw, r.name)
	}
	if declared != "" && family(r.name) != family(declared) {
		src = SourceFallback
	}
	return out, Result{Charset: r.name, Source: src, Invalid: invalid}
}

// family groups the names that decode alike: the gbk family and gb18030
// all decode as GB18030.
func family(name string) string {
	if name == "gbk" || name == "gb18030" {
		return "gb"
	}
	return name
}

// looksUTF16 reports whether raw could be UTF-16 as a header claims: its
// first KiB has the shape of UTF-16 text (see utf16Shaped), or it is too
// short to tell and has a NUL.
func looksUTF16(raw []byte) bool {
	if len(raw) < 32 {
		return len(raw) < 2 || bytes.IndexByte(raw, 0) >= 0
	}
	return utf16Shaped(raw[:min(len(raw), 1024)])
}
