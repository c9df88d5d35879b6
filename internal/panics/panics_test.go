package panics

import (
	"errors"
	"strings"
	"testing"
)

func index(s []int, i int) int { return s[i] }

func TestErrorNamesTheLine(t *testing.T) {
	var err error
	func() {
		defer func() {
			if r := recover(); r != nil {
				err = Error("http://x.test/1.html", r)
			}
		}()
		index(nil, 3)
	}()
	if !errors.Is(err, ErrInternal) {
		t.Fatalf("%v is not ErrInternal", err)
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, "http://x.test/1.html: internal error: runtime error: index out of range") ||
		!strings.Contains(msg, "panics/panics_test.go:9") || strings.Contains(msg, "\n") {
		t.Errorf("message %q", msg)
	}
}
