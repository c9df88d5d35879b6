package errtext

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
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

// records keeps what is logged to it: a handler that is not slog's own,
// as a level filter or a tee would be.
type records struct{ got []slog.Record }

func (h *records) Enabled(context.Context, slog.Level) bool { return true }
func (h *records) Handle(_ context.Context, r slog.Record) error {
	h.got = append(h.got, r)
	return nil
}
func (h *records) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h *records) WithGroup(string) slog.Handler      { return h }

// TestLogURL: each line of a joined error is a record of its own, with
// the URL it begins with as its url attribute, whatever the handler.
func TestLogURL(t *testing.T) {
	h := &records{}
	Log(slog.New(h), errors.Join(errors.New("http://a.test/1.html: HTTP 404"), errors.New("no URL here")))
	if len(h.got) != 2 {
		t.Fatalf("%d records, want 2", len(h.got))
	}
	for i, want := range []string{"http://a.test/1.html", ""} {
		got := ""
		h.got[i].Attrs(func(a slog.Attr) bool {
			if a.Key == "url" {
				got = a.Value.String()
			}
			return true
		})
		if got != want {
			t.Errorf("record %d (%q): url %q, want %q", i, h.got[i].Message, got, want)
		}
	}
}

// TestLineWithoutPackageNames: the words a user reads name what happened,
// not the package it happened in; other words with a colon stay.
func TestLineWithoutPackageNames(t *testing.T) {
	for msg, want := range map[string]string{
		"http://x.test/a.html: crawler: robots.txt unavailable: connect: connection refused": "http://x.test/a.html: robots.txt unavailable: connect: connection refused",
		"warc: block digest mismatch at offset 242":                                          "block digest mismatch at offset 242",
		"http://x.test/r: extract: not an HTML document (text/html)":                         "http://x.test/r: not an HTML document (text/html)",
		"store is being written by another folio process, pid 7 (x.db)":                      "store is being written by another folio process, pid 7 (x.db)",
		"http://x.test/a.html: HTTP 404":                                                     "http://x.test/a.html: HTTP 404",
	} {
		if got := Line(errors.New(msg)); got != want {
			t.Errorf("%q: %q, want %q", msg, got, want)
		}
	}
}
