package warc

import "strings"

// WARC named fields folio writes or reads.
const (
	FieldType                  = "WARC-Type"
	FieldRecordID              = "WARC-Record-ID"
	FieldDate                  = "WARC-Date"
	FieldContentLength         = "Content-Length"
	FieldContentType           = "Content-Type"
	FieldTargetURI             = "WARC-Target-URI"
	FieldIPAddress             = "WARC-IP-Address"
	FieldConcurrentTo          = "WARC-Concurrent-To"
	FieldRefersTo              = "WARC-Refers-To"
	FieldRefersToTargetURI     = "WARC-Refers-To-Target-URI"
	FieldRefersToDate          = "WARC-Refers-To-Date"
	FieldBlockDigest           = "WARC-Block-Digest"
	FieldPayloadDigest         = "WARC-Payload-Digest"
	FieldTruncated             = "WARC-Truncated"
	FieldWarcinfoID            = "WARC-Warcinfo-ID"
	FieldFilename              = "WARC-Filename"
	FieldProfile               = "WARC-Profile"
	FieldIdentifiedPayloadType = "WARC-Identified-Payload-Type"
	FieldProtocol              = "WARC-Protocol"
)

// Record types.
const (
	TypeWarcinfo     = "warcinfo"
	TypeResponse     = "response"
	TypeResource     = "resource"
	TypeRequest      = "request"
	TypeMetadata     = "metadata"
	TypeRevisit      = "revisit"
	TypeConversion   = "conversion"
	TypeContinuation = "continuation"
)

// Revisit profiles of WARC 1.1, and of 1.0 (which readers meet in older
// files and must accept).
const (
	ProfileIdenticalPayload    = "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"
	ProfileServerNotModified   = "http://netpreserve.org/warc/1.1/revisit/server-not-modified"
	ProfileIdenticalPayload10  = "http://netpreserve.org/warc/1.0/revisit/identical-payload-digest"
	ProfileServerNotModified10 = "http://netpreserve.org/warc/1.0/revisit/server-not-modified"
)

// Content types of HTTP blocks and of warcinfo blocks.
const (
	ContentTypeHTTPResponse = "application/http;msgtype=response"
	ContentTypeHTTPRequest  = "application/http;msgtype=request"
	ContentTypeWarcFields   = "application/warc-fields"
)

// Version1_1 is the version line folio writes.
const Version1_1 = "WARC/1.1"

// Field is one named field, as written: name case and order are kept.
type Field struct {
	Name  string
	Value string
}

// Header is a record's named fields in order. Names compare
// case-insensitively. Most fields occur once; WARC-Concurrent-To may
// repeat.
type Header []Field

// Get returns the first value of the named field, "" if absent.
func (h Header) Get(name string) string {
	for _, f := range h {
		if strings.EqualFold(f.Name, name) {
			return f.Value
		}
	}
	return ""
}

// Values returns every value of the named field, in order.
func (h Header) Values(name string) []string {
	var vs []string
	for _, f := range h {
		if strings.EqualFold(f.Name, name) {
			vs = append(vs, f.Value)
		}
	}
	return vs
}

// Has reports whether the named field is present.
func (h Header) Has(name string) bool {
	for _, f := range h {
		if strings.EqualFold(f.Name, name) {
			return true
		}
	}
	return false
}

// Add appends a field.
func (h *Header) Add(name, value string) { *h = append(*h, Field{name, value}) }

// Set replaces the first field of that name (dropping any others) or
// appends it.
func (h *Header) Set(name, value string) {
	out := (*h)[:0]
	done := false
	for _, f := range *h {
		if strings.EqualFold(f.Name, name) {
			if done {
				continue
			}
			f.Value, done = value, true
		}
		out = append(out, f)
	}
	if !done {
		out = append(out, Field{name, value})
	}
	*h = out
}

// Del removes every field of that name.
func (h *Header) Del(name string) {
	out := (*h)[:0]
	for _, f := range *h {
		if !strings.EqualFold(f.Name, name) {
			out = append(out, f)
		}
	}
	*h = out
}

// RecordID returns a WARC-Record-ID (or Refers-To, Concurrent-To) value
// without its angle brackets.
func RecordID(v string) string {
	v = strings.TrimSpace(v)
	if len(v) >= 2 && v[0] == '<' && v[len(v)-1] == '>' {
		return v[1 : len(v)-1]
	}
	return v
}

// BracketID writes a record id URI in the form WARC 1.1 gives it: <uri>.
func BracketID(id string) string { return "<" + RecordID(id) + ">" }

// TargetURI returns a WARC-Target-URI value as a plain URI: WARC 1.0's
// grammar put it in angle brackets and some writers still do.
func TargetURI(v string) string { return RecordID(v) }
