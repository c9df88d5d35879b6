package charset

import (
	"sync"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// bitset65k is a set of BMP code points.
type bitset65k [1 << 16 / 64]uint64

func (s *bitset65k) add(v uint16)      { s[v>>6] |= 1 << (v & 63) }
func (s *bitset65k) has(v uint16) bool { return s[v>>6]&(1<<(v&63)) != 0 }

// Flags of a two-byte code (lead<<8 | trail) in tables.pairs.
const (
	gbMapped   = 1 << iota // the x/text GB18030 decoder maps it to a character
	gbCommon               // ... to a common character (common.go)
	big5Mapped             // the x/text Big5 decoder maps it to a character
	big5Common             // ... to a common character
)

// tables are the lookup tables of the sniffer, built once on first use and
// read-only afterwards.
type tables struct {
	// pairs holds the flags of every two-byte code: one load per character
	// in scanCJK, from a table that stays in the L2 cache.
	pairs      [1 << 16]uint8
	runeCommon bitset65k // the common characters as code points, for UTF-8
}

var getTables = sync.OnceValue(buildTables)

func buildTables() *tables {
	t := new(tables)
	markMapped(&t.pairs, gbMapped, func(b []byte) []byte {
		out, _ := simplifiedchinese.GB18030.NewDecoder().Bytes(b)
		return out
	})
	markMapped(&t.pairs, big5Mapped, func(b []byte) []byte {
		out, _ := traditionalchinese.Big5.NewDecoder().Bytes(b)
		return out
	})
	gbk := simplifiedchinese.GBK.NewEncoder()
	big5 := traditionalchinese.Big5.NewEncoder()
	for _, r := range commonHans + commonHant + commonPunct {
		if r > 0xFFFF {
			continue // none are; the set holds BMP code points only
		}
		t.runeCommon.add(uint16(r))
		s := string(r)
		if b, err := gbk.String(s); err == nil && len(b) == 2 {
			t.pairs[uint16(b[0])<<8|uint16(b[1])] |= gbCommon
		}
		if b, err := big5.String(s); err == nil && len(b) == 2 {
			t.pairs[uint16(b[0])<<8|uint16(b[1])] |= big5Common
		}
	}
	return t
}

// markMapped decodes every two-byte code 81..FE × 40..FE in one call,
// each code followed by '\n' (which no trail byte can swallow), and flags
// the codes that did not become U+FFFD. Both x/text decoders consume exactly
// two bytes for any such code, valid or not.
func markMapped(pairs *[1 << 16]uint8, flag uint8, decode func([]byte) []byte) {
	var codes []uint16
	var src []byte
	for c0 := 0x81; c0 <= 0xFE; c0++ {
		for c1 := 0x40; c1 <= 0xFE; c1++ {
			if c1 == 0x7F {
				continue
			}
			codes = append(codes, uint16(c0)<<8|uint16(c1))
			src = append(src, byte(c0), byte(c1), '\n')
		}
	}
	out := decode(src)
	for i := 0; len(out) > 0 && i < len(codes); i++ {
		end := 0
		for end < len(out) && out[end] != '\n' {
			end++
		}
		if string(out[:end]) != replacement {
			pairs[codes[i]] |= flag
		}
		if end < len(out) {
			end++
		}
		out = out[end:]
	}
}

// cjkStats describes how bytes read as GB18030 and as Big5, from one walk
// with the GB18030 framing (the two agree except around errors and
// four-byte sequences, which makes the Big5 figures estimates).
type cjkStats struct {
	seqs                   int // non-ASCII sequences: characters or errors
	gbInvalid, big5Invalid int // sequences that are errors in each reading
	gbHits, big5Hits       int // sequences that are common characters in each reading
	fourByte               int // GB18030 four-byte sequences
	misreads               int // sequences the x/text GB18030 decoder would misread
}

func scanCJK(b []byte) cjkStats {
	t := getTables()
	// The hot loop only counts two-byte codes by their flags; the
	// counters are summed from that histogram at the end.
	var byFlags [16]int
	var s cjkStats
	for i := 0; i < len(b); {
		if b[i] < 0x80 {
			if i = skipASCII(b, i); i == len(b) {
				break
			}
		}
		s.seqs++
		if c0 := b[i]; i+1 < len(b) && c0 != 0x80 && c0 != 0xFF {
			if c1 := b[i+1]; c1 >= 0x40 && c1 != 0x7F && c1 != 0xFF {
				byFlags[t.pairs[uint16(c0)<<8|uint16(c1)]]++
				i += 2
				continue
			}
		}
		// Not a two-byte code: let gbSeqLen frame it.
		if xtextMisreads(b[i:]) {
			s.misreads++
		}
		n := gbSeqLen(b[i:])
		if n == 4 {
			s.fourByte++
		} else if b[i] != 0x80 { // 0x80 is the euro sign in GB18030
			s.gbInvalid++
		}
		s.big5Invalid++ // no lone byte, nor a trail byte below 0x40, is Big5
		i += n
	}
	for f, n := range byFlags {
		switch {
		case f&gbMapped == 0:
			s.gbInvalid += n
		case f&gbCommon != 0:
			s.gbHits += n
		}
		switch {
		case f&big5Mapped == 0:
			s.big5Invalid += n
		case f&big5Common != 0:
			s.big5Hits += n
		}
	}
	return s
}
