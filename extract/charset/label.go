package charset

import (
	"mime"
	"strings"

	"golang.org/x/text/encoding/htmlindex"
)

// extraLabels are labels that Chinese sites really send but that the WHATWG
// Encoding Standard does not list. Browsers ignore them (and then sniff),
// which for these labels lands on the same encoding anyway, so accepting them
// only saves a guess.
var extraLabels = map[string]string{
	"cp936":         "gbk",
	"ms936":         "gbk",
	"windows-936":   "gbk",
	"x-cp936":       "gbk",
	"euc-cn":        "gbk",
	"x-euc-cn":      "gbk",
	"gb2312-80":     "gbk",
	"cp950":         "big5",
	"ms950":         "big5",
	"windows-950":   "big5",
	"x-windows-950": "big5",
	"big5hkscs":     "big5",
}

// Normalize maps a charset label to the WHATWG canonical name used in
// Result.Charset: "GB2312", "x-gbk", "cp936" and "gbk" give "gbk";
// "gb18030" gives "gb18030"; "big5-hkscs" gives "big5"; "utf8" gives "utf-8".
// It returns "" for unknown labels and for the labels of the WHATWG
// "replacement" encoding (hz-gb-2312, iso-2022-kr, ...): decoding a page
// as one U+FFFD is a browser's security measure, useless to an archive.
func Normalize(label string) string {
	label = strings.ToLower(strings.Trim(label, " \t\n\f\r\"'"))
	if name, ok := extraLabels[label]; ok {
		return name
	}
	enc, err := htmlindex.Get(label)
	if err != nil {
		return ""
	}
	name, err := htmlindex.Name(enc)
	if err != nil || name == "replacement" {
		return ""
	}
	return name
}

// headerCharset returns the normalized charset parameter of an HTTP
// Content-Type header, or "".
func headerCharset(contentType string) string {
	if contentType == "" {
		return ""
	}
	if _, params, err := mime.ParseMediaType(contentType); err == nil {
		return Normalize(params["charset"])
	}
	// Servers send malformed headers ("text/html; charset=gbk;;", "text/html,
	// charset=gbk"); browsers still find the charset, so fall back to the
	// lenient scan used for <meta content>.
	return Normalize(charsetFromContent([]byte(contentType)))
}

// charsetFromContent implements the WHATWG "algorithm for extracting a
// character encoding from a meta element" on a content attribute value such
// as `text/html; charset=gb2312`. It returns the raw label or "".
func charsetFromContent(s []byte) string {
	for i := 0; ; {
		j := indexFold(s[i:], "charset")
		if j < 0 {
			return ""
		}
		i += j + len("charset")
		k := skipSpace(s, i)
		if k >= len(s) || s[k] != '=' {
			continue // "charset" not followed by '=': look for the next one
		}
		k = skipSpace(s, k+1)
		if k >= len(s) {
			return ""
		}
		if q := s[k]; q == '"' || q == '\'' {
			end := indexByteFrom(s, q, k+1)
			if end < 0 {
				return "" // an unmatched quote is a failure, per the standard
			}
			return string(s[k+1 : end])
		}
		end := k
		for end < len(s) && !isSpace(s[end]) && s[end] != ';' {
			end++
		}
		return string(s[k:end])
	}
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

func skipSpace(s []byte, i int) int {
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	return i
}

func indexByteFrom(s []byte, c byte, from int) int {
	for i := from; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return -1
}

// indexFold is bytes.Index with ASCII case folding; lower must be lower case.
func indexFold(s []byte, lower string) int {
	n := len(lower)
	for i := 0; i+n <= len(s); i++ {
		if hasPrefixFold(s[i:], lower) {
			return i
		}
	}
	return -1
}

// hasPrefixFold reports whether s starts with lower, ignoring ASCII case;
// lower must be lower case.
func hasPrefixFold(s []byte, lower string) bool {
	if len(s) < len(lower) {
		return false
	}
	for i := 0; i < len(lower); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}
