package charset

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// EncodeQuery percent-encodes the non-ASCII characters of a URL query,
// given as UTF-8 text, in the charset of the page the URL came from, as a
// browser does with a link or a GET form on that page: on a gbk page
// "q=世界" becomes "q=%CA%C0%BD%E7", and a search on a GBK portal only
// works that way. ASCII, existing %XX escapes included, is kept as written
// (spaces too: escaping them is the URL parser's business). A character the
// charset cannot encode becomes its HTML numeric reference, percent-encoded
// ("%26%2328271%3B"), which is what browsers send. UTF-8, UTF-16 and
// unknown charsets give plain UTF-8 percent-encoding, as in browsers. Bytes
// that are not UTF-8 are percent-encoded as they are.
func EncodeQuery(query, charset string) string {
	enc := queryEncoder(Normalize(charset))
	var b strings.Builder
	b.Grow(len(query) + len(query)/2)
	var buf [16]byte
	for i := 0; i < len(query); {
		c := query[i]
		if c < utf8.RuneSelf {
			b.WriteByte(c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(query[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			writePercent(&b, query[i:i+1])
		case enc == nil:
			writePercent(&b, query[i:i+n])
		default:
			enc.Reset()
			nDst, _, err := enc.Transform(buf[:], []byte(query[i:i+n]), true)
			if err != nil {
				b.WriteString("%26%23")
				b.WriteString(strconv.Itoa(int(r)))
				b.WriteString("%3B")
			} else {
				writePercent(&b, string(buf[:nDst]))
			}
		}
		i += n
	}
	return b.String()
}

// queryEncoder returns the encoder for URLs on pages in charset name, or
// nil for UTF-8.
func queryEncoder(name string) *encoding.Encoder {
	switch name {
	case "", "utf-8", "utf-16le", "utf-16be":
		// The WHATWG "get an output encoding": UTF-16 pages submit UTF-8.
		return nil
	case "gbk":
		// The WHATWG gbk encoder: GBK only, so characters that only
		// GB18030's four-byte sequences reach become numeric references.
		return simplifiedchinese.GBK.NewEncoder()
	case "gb18030":
		return simplifiedchinese.GB18030.NewEncoder()
	case "big5":
		return traditionalchinese.Big5.NewEncoder()
	}
	enc, err := htmlindex.Get(name)
	if err != nil {
		return nil
	}
	return enc.NewEncoder()
}

func writePercent(b *strings.Builder, s string) {
	const hex = "0123456789ABCDEF"
	for i := 0; i < len(s); i++ {
		b.WriteByte('%')
		b.WriteByte(hex[s[i]>>4])
		b.WriteByte(hex[s[i]&15])
	}
}
