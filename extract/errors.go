package extract

import "errors"

// ErrNotHTML is returned for a payload that is not an HTML page (a PDF, an
// image, a stylesheet, JSON, random bytes): it is stored raw but not
// extracted.
var ErrNotHTML = errors.New("extract: not an HTML document")
