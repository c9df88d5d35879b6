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
