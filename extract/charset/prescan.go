package charset

import "bytes"

// headScanMin is the prescan length of the WHATWG standard: within it a
// meta counts wherever it is.
const headScanMin = 1024

// metaCharset finds the charset declared by a <meta> element and returns its
// normalized name, or "".
//
// It follows the WHATWG "prescan a byte stream to determine its encoding"
// algorithm (comments skipped, attributes parsed so that a '>' inside a
// quoted value does not end a tag, the first meta with a known label wins,
// utf-16 labels mean utf-8) with one deliberate change: the standard stops
// after 1024 bytes, but Chinese portals often put the meta after a long
// <script> or <style> block, and browsers find it there too (Chrome scans
// the whole head, Firefox reloads). So, as Chrome does, the scan goes past
// 1024 bytes for as long as it is in the head: up to the first start tag
// that cannot be in a head, such as <body> or <div>. The contents of
// <script>, <style> and <title> are skipped whole, so a "<div>" in a script
// string neither stops the scan nor costs time. It jumps from '<' to '<'
// with bytes.IndexByte and never builds a tree: a few microseconds a page.
func metaCharset(b []byte) string {
	for i := 0; i < len(b); {
		j := bytes.IndexByte(b[i:], '<')
		if j < 0 {
			return ""
		}
		i += j
		rest := b[i:]
		switch {
		case bytes.HasPrefix(rest, []byte("<!--")):
			// The closing "-->" may reuse the dashes of "<!--", as in "<!-->".
			k := bytes.Index(rest[2:], []byte("-->"))
			if k < 0 {
				return ""
			}
			i += 2 + k + 3
		case hasPrefixFold(rest, "<meta") && len(rest) > 5 && (isSpace(rest[5]) || rest[5] == '/'):
			label, n := parseMeta(rest[5:])
			if label != "" {
				return label
			}
			i += 5 + n
		case len(rest) > 1 && isLetter(rest[1]):
			name := tagName(rest[1:])
			if i >= headScanMin && !inHead(name) {
				return ""
			}
			i += skipTag(rest)
			if isRawText(name) {
				// Skip to the end tag; none means the rest is text.
				k := indexEndTag(b[i:], name)
				if k < 0 {
					return ""
				}
				i += k
			}
		case len(rest) > 2 && rest[1] == '/' && isLetter(rest[2]):
			i += skipTag(rest)
		case len(rest) > 1 && (rest[1] == '!' || rest[1] == '/' || rest[1] == '?'):
			k := bytes.IndexByte(rest, '>')
			if k < 0 {
				return ""
			}
			i += k + 1
		default:
			i++
		}
	}
	return ""
}

// tagName returns the name of the tag that b (just after '<') starts.
func tagName(b []byte) []byte {
	n := 0
	for n < len(b) && !isTagEnd(b[n]) {
		n++
	}
	return b[:n]
}

// inHead reports whether a start tag named name may stand in a head
// without ending it (the elements Chrome's meta scanner lets pass, and
// the html and head tags themselves).
func inHead(name []byte) bool {
	var buf [10]byte
	if len(name) > len(buf) {
		return false
	}
	switch string(lower(buf[:0], name)) {
	case "html", "head", "meta", "title", "script", "noscript", "style", "link",
		"base", "template", "object", "param", "bgsound", "basefont":
		return true
	}
	return false
}

// isRawText reports whether the element named name holds text up to its
// end tag, markup-looking or not.
func isRawText(name []byte) bool {
	var buf [10]byte
	if len(name) > len(buf) {
		return false
	}
	switch string(lower(buf[:0], name)) {
	case "script", "style", "title", "textarea", "xmp":
		return true
	}
	return false
}

// indexEndTag returns the index in b of "</name", ignoring case, or -1.
func indexEndTag(b, name []byte) int {
	for i := 0; ; {
		j := bytes.Index(b[i:], []byte("</"))
		if j < 0 {
			return -1
		}
		i += j
		if rest := b[i+2:]; len(rest) >= len(name) && bytes.EqualFold(rest[:len(name)], name) {
			return i
		}
		i += 2
	}
}

func lower(dst, s []byte) []byte {
	for _, c := range s {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// parseMeta reads the attributes of a meta element (b starts just after
// "<meta") and returns the normalized charset it declares, if any, and the
// number of bytes consumed.
func parseMeta(b []byte) (label string, n int) {
	// The standard ignores a repeated attribute: only the first of each
	// name counts.
	var (
		seenEquiv, seenContent, seenCharset bool
		gotPragma                           bool   // http-equiv="content-type"
		fromAttr                            string // charset="..."
		fromPragma                          string // content="...charset=..."
	)
	for {
		name, value, next, ok := nextAttr(b, n)
		n = next
		if !ok {
			break
		}
		switch {
		case !seenEquiv && bytes.EqualFold(name, []byte("http-equiv")):
			seenEquiv = true
			gotPragma = bytes.EqualFold(value, []byte("content-type"))
		case !seenContent && bytes.EqualFold(name, []byte("content")):
			seenContent = true
			fromPragma = charsetFromContent(value)
		case !seenCharset && bytes.EqualFold(name, []byte("charset")):
			seenCharset = true
			fromAttr = string(value)
		}
	}
	switch {
	case fromAttr != "":
		label = metaLabel(fromAttr)
	case fromPragma != "" && gotPragma:
		label = metaLabel(fromPragma)
	}
	return label, n
}

// metaLabel normalizes a label found in a meta element. A page cannot
// declare itself UTF-16 from inside (it would not be readable as ASCII to
// find the meta), so the standard reads such labels as utf-8, and
// x-user-defined as windows-1252.
func metaLabel(raw string) string {
	switch name := Normalize(raw); name {
	case "utf-16le", "utf-16be":
		return "utf-8"
	case "x-user-defined":
		return "windows-1252"
	default:
		return name
	}
}

// skipTag returns the length of the tag starting at b[0] == '<', attributes
// included, so that a '>' inside a quoted attribute value is not taken for
// the end of the tag.
func skipTag(b []byte) int {
	n := 1
	for n < len(b) && !isSpace(b[n]) && b[n] != '>' {
		n++
	}
	for {
		_, _, next, ok := nextAttr(b, n)
		n = next
		if !ok {
			return n
		}
	}
}

// nextAttr is the WHATWG "get an attribute" step: it reads one attribute of
// a tag starting at b[i] and returns its raw name and value and
// the position after it. ok is false at the end of the tag (the position is
// then past the '>') or of the input.
func nextAttr(b []byte, i int) (name, value []byte, next int, ok bool) {
	for i < len(b) && (isSpace(b[i]) || b[i] == '/') {
		i++
	}
	if i >= len(b) {
		return nil, nil, i, false
	}
	if b[i] == '>' {
		return nil, nil, i + 1, false
	}
	start := i
	i++ // a name may start with '='
	for i < len(b) && b[i] != '=' && b[i] != '>' && b[i] != '/' && !isSpace(b[i]) {
		i++
	}
	name = b[start:i]
	i = skipSpace(b, i)
	if i >= len(b) || b[i] != '=' {
		return name, nil, i, true // an attribute without a value
	}
	i = skipSpace(b, i+1)
	if i >= len(b) {
		return name, nil, i, true
	}
	if q := b[i]; q == '"' || q == '\'' {
		end := indexByteFrom(b, q, i+1)
		if end < 0 {
			return name, b[i+1:], len(b), true
		}
		return name, b[i+1 : end], end + 1, true
	}
	start = i
	for i < len(b) && !isSpace(b[i]) && b[i] != '>' {
		i++
	}
	return name, b[start:i], i, true
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

func isTagEnd(c byte) bool { return isSpace(c) || c == '>' || c == '/' }
