package main

import "testing"

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{
		"5MiB": 5 << 20, "5mib": 5 << 20, "5MB": 5_000_000, "512KiB": 512 << 10, "64KiB": 64 << 10,
		"512K": 512_000, "1.5GiB": 3 << 29, "1024": 1024, "20 MiB": 20 << 20, "7B": 7,
	} {
		if got, err := parseSize(in); err != nil || got != want {
			t.Errorf("parseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "lots", "5XB", "-1", "1e9", "99999999999999999999", "9999999TiB"} {
		if got, err := parseSize(in); err == nil {
			t.Errorf("parseSize(%q) = %d, want an error", in, got)
		}
	}
}
