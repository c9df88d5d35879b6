// Package charset turns the raw bytes of a fetched page into UTF-8 and says
// which encoding it chose and why. It is the only place in folio that decodes
// page bytes; everything else keeps the payload exactly as received.
//
// # How the encoding is chosen
//
// The order is the WHATWG one — byte order mark, then the HTTP header's
// charset, then a <meta> in the head, then sniffing — but every declaration
// is checked against the bytes, because Chinese portals lie often: servers
// default to utf-8 or ISO-8859-1 over GBK pages, templates say gb2312 over
// GBK-only characters, pages move to UTF-8 and keep their old <meta>. A
// declaration is kept when the bytes decode nearly cleanly under it and no
// other reading is overwhelmingly more plausible; otherwise the reading
// that decodes best wins and Result.Source is "fallback". See decide.go.
//
// All labels of the gbk family (gb2312, gbk, x-gbk, cp936, ...) and
// gb18030 decode with the GB18030 decoder, a superset; Result.Charset says
// "gbk" for them unless the page declared gb18030 or, undeclared, uses
// GB18030's four-byte sequences.
//
// # Caveats
//
//   - Decode never fails and never emits invalid UTF-8: each invalid byte
//     sequence becomes one U+FFFD and is counted in Result.Invalid. A BOM is
//     dropped from the output, as it is not text; so is a UTF-8 BOM in
//     front of bytes that turn out not to be UTF-8 (Source "fallback").
//   - The x/text decoders map the user-defined (private use) areas of GBK
//     and some of Big5 to no character, so such codes count as invalid.
//   - Sniffing knows UTF-8, GBK/GB18030, Big5 and, for bytes that are not
//     Chinese at all, windows-1252. Japanese and Korean pages need a
//     declaration.
package charset

// Source says how the encoding of a page was chosen.
type Source string

const (
	SourceBOM      Source = "bom"      // a byte order mark
	SourceHeader   Source = "header"   // the HTTP Content-Type charset
	SourceMeta     Source = "meta"     // <meta charset> or <meta http-equiv>
	SourceSniffed  Source = "sniffed"  // nothing declared; guessed from the bytes
	SourceFallback Source = "fallback" // declared, but the bytes are invalid under it
)

// Result describes a decoding.
type Result struct {
	Charset string // WHATWG name, lower case: "utf-8", "gbk", "gb18030", "big5", "utf-16le", ...
	Source  Source
	// Invalid counts the byte sequences that were not valid under Charset and
	// became U+FFFD.
	Invalid int
}

// Decode returns raw as UTF-8. contentType is the HTTP Content-Type header
// ("" when unknown). Decode never fails: the worst case is U+FFFD in place of
// undecodable bytes, counted in Result.Invalid. The output never aliases raw.
func Decode(raw []byte, contentType string) ([]byte, Result) {
	// 1. A byte order mark outranks every declaration, as in browsers.
	// UTF-16 is taken on trust; a UTF-8 BOM is still checked against the
	// bytes, like any other declaration.
	switch {
	case len(raw) >= 3 && raw[0] == 0xEF && raw[1] == 0xBB && raw[2] == 0xBF:
		return choose(raw[3:], "utf-8", SourceBOM)
	case len(raw) >= 2 && raw[0] == 0xFF && raw[1] == 0xFE:
		out, invalid := decodeUTF16(raw[2:], false)
		return out, Result{Charset: "utf-16le", Source: SourceBOM, Invalid: invalid}
	case len(raw) >= 2 && raw[0] == 0xFE && raw[1] == 0xFF:
		out, invalid := decodeUTF16(raw[2:], true)
		return out, Result{Charset: "utf-16be", Source: SourceBOM, Invalid: invalid}
	}

	// 2. The charset parameter of the HTTP header.
	if name := headerCharset(contentType); name != "" {
		return choose(raw, name, SourceHeader)
	}

	// 3. A <meta> anywhere in the head.
	if name := metaCharset(raw); name != "" {
		return choose(raw, name, SourceMeta)
	}

	// 4. Nothing declared: sniff.
	return choose(raw, "", SourceSniffed)
}
