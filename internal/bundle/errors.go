package bundle

import (
	"errors"
	"io/fs"
)

// ExistsError: a file has the name an export was to take, and
// ExportOptions.Force is false. It is never replaced, even one made
// while the export was written. errors.Is(err, fs.ErrExist) holds.
type ExistsError struct{ Path string }

func (e *ExistsError) Error() string        { return e.Path + " exists" }
func (e *ExistsError) Is(target error) bool { return target == fs.ErrExist }

// errReported: a file had broken records, each reported already.
var errReported = errors.New("broken records reported")

// brokenRecord is an error reading one record's block.
type brokenRecord struct{ err error }

func (e brokenRecord) Error() string { return e.err.Error() }
func (e brokenRecord) Unwrap() error { return e.err }

// errStop ends a scan of the store early.
var errStop = errors.New("stop")
