package errtext

import (
	"errors"
	"fmt"
	"slices"
	"testing"
)

func TestLines(t *testing.T) {
	a, b, c := errors.New("a: one"), errors.New("b: two"), errors.New("c: three")
	for _, tc := range []struct {
		err  error
		want []string
	}{
		{nil, nil},
		{a, []string{"a: one"}},
		{errors.New("first\nsecond"), []string{"first"}},
		{errors.Join(a, b), []string{"a: one", "b: two"}},
		{errors.Join(errors.Join(nil, a), errors.Join(b, c)), []string{"a: one", "b: two", "c: three"}},
		// Several %w make one message, not a list.
		{fmt.Errorf("%w: %w", a, b), []string{"a: one: b: two"}},
		{fmt.Errorf("x: %w", errors.Join(a, b)), []string{"x: a: one"}},
	} {
		if got := Lines(tc.err); !slices.Equal(got, tc.want) {
			t.Errorf("Lines(%q) = %q, want %q", tc.err, got, tc.want)
		}
	}
}
