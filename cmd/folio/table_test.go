package main

import (
	"strings"
	"testing"
)

func TestTableAlignsWideRunes(t *testing.T) {
	var tb table
	tb.row("TITLE", "PAGES")
	tb.row("株洲市区新增", "1")
	tb.row("Ｔ１线 ok", "2")
	var b strings.Builder
	if err := tb.write(&b); err != nil {
		t.Fatal(err)
	}
	want := "TITLE         PAGES\n" +
		"株洲市区新增  1\n" +
		"Ｔ１线 ok     2\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

func TestClipByDisplayWidth(t *testing.T) {
	for _, tc := range []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"株洲市区新增", 12, "株洲市区新增"},
		{"株洲市区新增", 11, "株洲市区新…"},
		{"株洲市区新增", 8, "株洲市…"},
		{"abcdef", 4, "abc…"},
	} {
		if got := clip(tc.in, tc.n); got != tc.want {
			t.Errorf("clip(%q, %d) = %q, want %q", tc.in, tc.n, got, tc.want)
		}
	}
}
