package charset

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
)

// FuzzDecode checks what Decode promises for any bytes and any header:
// no panic, valid UTF-8 out, every error one counted U+FFFD, and nothing
// dropped: when Decode reports no error, encoding its output back in the
// charset it chose gives the input again. The exceptions are documented
// in roundTrips: a BOM is not text, and a few characters have two byte
// forms of which the encoder knows only one. It also runs IsBinary and
// EncodeQuery on the same input, for panics.
func FuzzDecode(f *testing.F) {
	dirs, _ := os.ReadDir(filepath.Join("testdata", "fixtures"))
	for _, d := range dirs {
		raw, err := os.ReadFile(filepath.Join("testdata", "fixtures", d.Name(), "input.html"))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(raw, "")
		f.Add(raw, "text/html; charset=utf-8")
	}
	for _, s := range []struct{ raw, ct string }{
		{"<meta charset=gbk>\xd6\xd0\xce\xc4", ""},
		{"\x84\x31\xa4\x37\x81\x30", "text/html; charset=gb18030"},
		{"\xff\xfe\x00\xd8", ""},
		{"\xa4\x55\xa4\x40\xad\xb6\x88\x62", "text/html; charset=big5"},
		{"<!--><meta charset='big5'", ""},
		{"caf\xe9", "text/html; charset=windows-1252"},
	} {
		f.Add([]byte(s.raw), s.ct)
	}

	f.Fuzz(func(t *testing.T, raw []byte, contentType string) {
		in := bytes.Clone(raw)
		out, res := Decode(raw, contentType)
		if !bytes.Equal(raw, in) {
			t.Fatal("Decode modified its input")
		}
		if !utf8.Valid(out) {
			t.Fatalf("invalid UTF-8 out: %+v", res)
		}
		if res.Charset == "" || res.Source == "" {
			t.Fatalf("empty Result: %+v", res)
		}
		if res.Invalid < 0 || res.Invalid > len(raw) || bytes.Count(out, []byte("\uFFFD")) < res.Invalid {
			t.Fatalf("Invalid = %d for %d input bytes and %d U+FFFD out",
				res.Invalid, len(raw), bytes.Count(out, []byte("\uFFFD")))
		}
		if res.Invalid == 0 {
			if diff := roundTrips(raw, out, res); diff != "" {
				t.Fatalf("%+v: %s", res, diff)
			}
		}

		IsBinary(raw, contentType)
		q := EncodeQuery(string(raw), res.Charset)
		for i := 0; i < len(q); i++ {
			if q[i] >= utf8.RuneSelf {
				t.Fatalf("EncodeQuery left a non-ASCII byte: %q", q)
			}
		}
	})
}

// roundTrips checks that out, encoded back in res.Charset, is raw, and
// returns what differs, or "".
func roundTrips(raw, out []byte, res Result) string {
	// A BOM is dropped from the output on purpose, also when the bytes
	// after a UTF-8 BOM are not UTF-8 (testdata/fuzz/FuzzDecode/91fc93e9bff70f0f).
	switch {
	case bytes.HasPrefix(raw, []byte("\xef\xbb\xbf")):
		raw = raw[3:]
	case bytes.HasPrefix(raw, []byte("\xff\xfe")), bytes.HasPrefix(raw, []byte("\xfe\xff")):
		raw = raw[2:]
	}
	var enc encoding.Encoding
	switch res.Charset {
	case "utf-8":
		if !bytes.Equal(out, raw) {
			return "UTF-8 output differs from the input"
		}
		return ""
	case "utf-16le":
		enc = unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)
	case "utf-16be":
		enc = unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)
	case "windows-1252":
		if !bytes.Equal(encodeWindows1252(out), raw) {
			return "re-encoding does not give the input"
		}
		return ""
	case "gbk", "gb18030":
		return walkBack(raw, out, getAliases().gb, simplifiedchinese.GB18030.NewEncoder())
	case "big5":
		return walkBack(raw, out, getAliases().big5, traditionalchinese.Big5.NewEncoder())
	default:
		return "" // other charsets are not checked
	}
	back, err := enc.NewEncoder().Bytes(out)
	if err != nil || !bytes.Equal(back, raw) {
		return "re-encoding does not give the input"
	}
	return ""
}

// aliases maps a decoded text (one character, or two for Big5's four
// composed pointers) to every byte sequence that decodes to it: GB18030
// decodes both 80 and A2E3 to €, and A1A1 and A3A0 to U+3000; Big5 has a
// hundred characters at two codes (HKSCS duplicates). Their encoders know
// one of each, so a plain re-encoding cannot give the input back.
type aliases struct {
	gb, big5 map[string][]string
}

var getAliases = sync.OnceValue(func() aliases {
	build := func(dec *encoding.Decoder, single []byte) map[string][]string {
		m := map[string][]string{}
		add := func(seq []byte) {
			s, err := dec.Bytes(seq)
			if err == nil && !bytes.Contains(s, []byte("\uFFFD")) {
				m[string(s)] = append(m[string(s)], string(seq))
			}
		}
		for _, c := range single {
			add([]byte{c})
		}
		for c0 := 0x81; c0 <= 0xFE; c0++ {
			for c1 := 0x40; c1 <= 0xFE; c1++ {
				if c1 != 0x7F {
					add([]byte{byte(c0), byte(c1)})
				}
			}
		}
		return m
	}
	return aliases{
		gb:   build(simplifiedchinese.GB18030.NewDecoder(), []byte{0x80}),
		big5: build(traditionalchinese.Big5.NewDecoder(), nil),
	}
})

// walkBack matches out against raw character by character: ASCII as is,
// other characters by any of their byte forms, or, for characters outside
// the two-byte tables (GB18030's four-byte ones), by what enc gives.
func walkBack(raw, out []byte, forms map[string][]string, enc *encoding.Encoder) string {
	q := 0
	for p := 0; p < len(out); {
		if out[p] < utf8.RuneSelf {
			if q >= len(raw) || raw[q] != out[p] {
				return "ASCII differs at input byte " + strconv.Itoa(q)
			}
			p++
			q++
			continue
		}
		matched := false
		_, n1 := utf8.DecodeRune(out[p:])
		_, n2 := utf8.DecodeRune(out[p+n1:])
		for _, n := range []int{n1 + n2, n1} { // Big5's composed pairs first
			if p+n > len(out) {
				continue
			}
			seqs := forms[string(out[p:p+n])]
			if n == n1 && len(seqs) == 0 {
				b, err := enc.Bytes(out[p : p+n])
				if err != nil {
					return "cannot encode " + string(out[p:p+n])
				}
				seqs = []string{string(b)}
			}
			for _, s := range seqs {
				if strings.HasPrefix(string(raw[q:]), s) {
					p, q, matched = p+n, q+len(s), true
					break
				}
			}
			if matched {
				break
			}
		}
		if !matched {
			return "no byte form of " + string(out[p:p+n1]) + " at input byte " + strconv.Itoa(q)
		}
	}
	if q != len(raw) {
		return "input bytes left over from " + strconv.Itoa(q)
	}
	return ""
}

// encodeWindows1252 inverts decodeWindows1252 (x/text's encoder does not
// know the five C1 controls of the WHATWG table).
func encodeWindows1252(s []byte) []byte {
	var out []byte
	high := []rune(windows1252)
	for _, r := range string(s) {
		switch {
		case r < 0x80:
			out = append(out, byte(r))
		case r >= 0xA0 && r <= 0xFF:
			out = append(out, byte(r))
		default:
			for i, h := range high {
				if h == r {
					out = append(out, byte(0x80+i))
				}
			}
		}
	}
	return out
}
