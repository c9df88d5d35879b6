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
