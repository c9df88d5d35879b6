package panics

import (
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
)

// ErrInternal marks an error made from a panic: a bug in folio.
var ErrInternal = errors.New("internal error")

// Error words r, the value recover returned, as an error about what (a URL,
// a file), naming the source line that panicked. Call it from the deferred
// function that recovered.
func Error(what string, r any) error {
	at := "panic"
	if loc := where(); loc != "" {
		at += " at " + loc
	}
	if what != "" {
		what += ": "
	}
	return fmt.Errorf("%s%w: %v (%s; please report this bug)", what, ErrInternal, r, at)
}

// where is the first frame outside the runtime below runtime.gopanic: the
// line that panicked.
func where() string {
	pcs := make([]uintptr, 64)
	n := runtime.Callers(2, pcs)
	frames := runtime.CallersFrames(pcs[:n])
	panicking := false
	for {
		f, more := frames.Next()
		switch {
		case f.Function == "runtime.gopanic":
			panicking = true
		case panicking && !strings.HasPrefix(f.Function, "runtime."):
			return filepath.Base(filepath.Dir(f.File)) + "/" + filepath.Base(f.File) + ":" + fmt.Sprint(f.Line)
		}
		if !more {
			return ""
		}
	}
}
