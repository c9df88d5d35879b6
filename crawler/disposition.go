package crawler

import (
	"io"
	"mime"
	"net/url"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/htmlindex"

	"folio/extract/charset"
)

// Download scripts on Chinese portals name their files every way there is:
// RFC 6266's filename*=UTF-8''%E9%99%84…, a quoted or bare filename in raw
// GBK bytes (Java's new String(name.getBytes("GBK"), "ISO8859-1")), a
// percent-encoded UTF-8 filename (URLEncoder.encode), or an RFC 2047
// encoded word. dispositionName reads them as browsers do.

var (
	dispExt   = regexp.MustCompile(`(?i)(?:^|;)\s*filename\*\s*=\s*([^;]*)`)
	dispPlain = regexp.MustCompile(`(?i)(?:^|;)\s*filename\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)`)
	pctEscape = regexp.MustCompile(`%[0-9A-Fa-f]{2}`)
)

// dispositionName is the file name a Content-Disposition header gives, in
// UTF-8, or "".
func dispositionName(h string) string {
	if m := dispExt.FindStringSubmatch(h); m != nil {
		if n := extValue(strings.Trim(strings.TrimSpace(m[1]), `"`)); n != "" {
			return n
		}
	}
	m := dispPlain.FindStringSubmatch(h)
	if m == nil {
		return ""
	}
	v := strings.TrimSpace(m[1])
	if len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' {
		v = strings.NewReplacer(`\"`, `"`, `\\`, `\`).Replace(v[1 : len(v)-1])
	}
	if strings.HasPrefix(v, "=?") {
		d := mime.WordDecoder{CharsetReader: func(label string, r io.Reader) (io.Reader, error) {
			enc, err := htmlindex.Get(label)
			if err != nil {
				return nil, err
			}
			return enc.NewDecoder().Reader(r), nil
		}}
		if n, err := d.DecodeHeader(v); err == nil {
			v = n
		}
	}
	if utf8.ValidString(v) && pctEscape.MatchString(v) {
		if n, err := url.PathUnescape(v); err == nil && utf8.ValidString(n) {
			v = n
		}
	}
	return baseName(decodeLegacy(v))
}

// extValue decodes an RFC 5987 ext-value: charset'lang'pct-encoded.
func extValue(v string) string {
	cs, rest, ok := strings.Cut(v, "'")
	if !ok {
		return ""
	}
	_, enc, ok := strings.Cut(rest, "'")
	if !ok {
		return ""
	}
	raw, err := url.PathUnescape(enc)
	if err != nil {
		return ""
	}
	if name := charset.Normalize(cs); name != "" && name != "utf-8" {
		if e, err := htmlindex.Get(name); err == nil {
			if s, err := e.NewDecoder().String(raw); err == nil {
				return baseName(s)
			}
		}
		return ""
	}
	if !utf8.ValidString(raw) {
		return baseName(decodeLegacy(raw))
	}
	return baseName(raw)
}

// decodeLegacy turns bytes that are not UTF-8 into text, deciding their
// charset as a page's is decided (extract/charset, without a declaration).
func decodeLegacy(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	text, _ := charset.Decode([]byte(s), "")
	return string(text)
}

// baseName drops a path a server left in the name (C:\upload\a.doc).
func baseName(s string) string {
	if i := strings.LastIndexAny(s, `/\`); i >= 0 {
		s = s[i+1:]
	}
	return strings.TrimSpace(s)
}
