package warc

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// HTTPHeader is the head of an HTTP message in a request or response
// block: its start line and its fields in recorded order and case.
type HTTPHeader struct {
	StartLine string // "HTTP/1.1 200 OK", "GET /path HTTP/1.1"
	Fields    Header
	// Size is the number of block bytes the head took, blank line
	// included: the payload starts there.
	Size int64
}

// ReadHTTPHeader reads an HTTP message head from r, leaving r at the first
// byte of the entity body. Bare LF line ends are accepted.
func ReadHTTPHeader(r *bufio.Reader) (*HTTPHeader, error) {
	h := &HTTPHeader{}
	first := true
	for {
		line, n, err := readHTTPLine(r)
		h.Size += int64(n)
		if err != nil {
			if errors.Is(err, io.EOF) && !first && line == "" {
				// A head with no blank line after it: a block cut after
				// its headers. Treat it as a message without body.
				return h, nil
			}
			return nil, fmt.Errorf("%w: %v", ErrHTTP, err)
		}
		if first {
			if line == "" {
				continue // stray blank lines before the start line
			}
			if !strings.HasPrefix(line, "HTTP/") && !strings.Contains(line, " HTTP/") {
				return nil, fmt.Errorf("%w: start line %q", ErrHTTP, clipString(line, 40))
			}
			h.StartLine, first = line, false
			continue
		}
		if line == "" {
			return h, nil
		}
		if h.Size > maxHeaderBytes || len(h.Fields) >= maxFields {
			return nil, fmt.Errorf("%w: head too large", ErrHTTP)
		}
		if (line[0] == ' ' || line[0] == '\t') && len(h.Fields) > 0 {
			last := &h.Fields[len(h.Fields)-1]
			last.Value += " " + strings.TrimSpace(line)
			continue
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			continue // not a field; tolerated as browsers do
		}
		h.Fields = append(h.Fields, Field{strings.TrimSpace(name), strings.TrimSpace(value)})
	}
}

func readHTTPLine(r *bufio.Reader) (string, int, error) {
	var line []byte
	for {
		chunk, err := r.ReadSlice('\n')
		line = append(line, chunk...)
		if len(line) > maxLine {
			return "", len(line), errLineTooLong
		}
		if err == nil {
			break
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		return strings.TrimRight(string(line), "\r\n"), len(line), err
	}
	return strings.TrimRight(string(line), "\r\n"), len(line), nil
}

// Status splits a response's start line: "HTTP/1.1 404 Not Found" gives
// "HTTP/1.1", 404 and "404 Not Found". code is 0 if the line is not a
// status line.
func (h *HTTPHeader) Status() (proto string, code int, text string) {
	proto, rest, _ := strings.Cut(h.StartLine, " ")
	rest = strings.TrimSpace(rest)
	codeStr, _, _ := strings.Cut(rest, " ")
	code, err := strconv.Atoi(codeStr)
	if err != nil || code < 100 || code > 999 {
		return proto, 0, rest
	}
	return proto, code, rest
}

// Request splits a request's start line: "GET /a?b HTTP/1.1" gives "GET",
// "/a?b" and "HTTP/1.1".
func (h *HTTPHeader) Request() (method, target, proto string) {
	parts := strings.Fields(h.StartLine)
	switch len(parts) {
	case 0:
		return "", "", ""
	case 1:
		return parts[0], "", ""
	case 2:
		return parts[0], parts[1], ""
	}
	return parts[0], parts[1], parts[len(parts)-1]
}

// AppendHTTPHeader appends an HTTP message head (start line, fields, blank
// line) with CRLF line ends to b. Line breaks inside values are replaced
// by spaces: they cannot be recorded faithfully and must not end the head.
func AppendHTTPHeader(b []byte, startLine string, fields Header) []byte {
	b = append(b, oneLine(startLine)...)
	b = append(b, "\r\n"...)
	for _, f := range fields {
		b = append(b, oneLine(f.Name)...)
		b = append(b, ": "...)
		b = append(b, oneLine(f.Value)...)
		b = append(b, "\r\n"...)
	}
	return append(b, "\r\n"...)
}

func oneLine(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	return strings.NewReplacer("\r\n", " ", "\r", " ", "\n", " ").Replace(s)
}
