package extract

import "errors"

// ErrNotHTML: the payload is not a text document (a PDF, an image, random
// bytes); it is stored raw but not extracted.
var ErrNotHTML = errors.New("extract: not an HTML document")
