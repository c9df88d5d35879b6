package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"io"
	"log"
	"os"
	"strings"
	"testing"
	"time"
)

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

// TestParseSince: --since takes a date, a local time with or without
// seconds (T or a space between), or RFC 3339 with its zone.
func TestParseSince(t *testing.T) {
	local := func(y, mo, d, h, mi, s int) time.Time {
		return time.Date(y, time.Month(mo), d, h, mi, s, 0, time.Local)
	}
	for in, want := range map[string]time.Time{
		"2026-11-26":                local(2026, 11, 26, 0, 0, 0),
		"2026-11-26T10:50":          local(2026, 11, 26, 10, 50, 0),
		"2026-11-26T10:50:06":       local(2026, 11, 26, 10, 50, 6),
		"2026-11-26 10:50:06":       local(2026, 11, 26, 10, 50, 6),
		"2026-11-26T10:50:06+08:00": time.Date(2026, 11, 26, 2, 50, 6, 0, time.UTC),
	} {
		got, err := parseSince(in)
		if err != nil || !got.Equal(want) {
			t.Errorf("parseSince(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	if _, err := parseSince("yesterday"); err == nil {
		t.Error("parseSince(yesterday) = nil error")
	}
}

// TestStdLogGoesThroughTheLogger: what the standard library logs by itself
// (net/http's "Unsolicited response received on idle HTTP channel…", the
// stray bytes after it) is a debug record of folio's logger: nothing on
// stderr by default, a JSON record under --log-format json -v.
func TestStdLogGoesThroughTheLogger(t *testing.T) {
	t.Cleanup(func() { log.SetOutput(os.Stderr); log.SetFlags(log.LstdFlags) })
	const noise = "Unsolicited response received on idle HTTP channel starting with \"\\x00\\xff…\"; err=<nil>"
	for _, tc := range []struct {
		flags commonFlags
		shown bool
	}{
		{commonFlags{logFormat: "text"}, false},
		{commonFlags{logFormat: "json"}, false},
		{commonFlags{logFormat: "json", verbose: true}, true},
	} {
		var stderr bytes.Buffer
		if _, err := tc.flags.logger(&env{stderr: &stderr}); err != nil {
			t.Fatal(err)
		}
		log.Print(noise)
		out := stderr.String()
		if !tc.shown {
			if out != "" {
				t.Errorf("%+v: stderr %q; want nothing", tc.flags, out)
			}
			continue
		}
		var rec map[string]any
		if err := json.Unmarshal([]byte(out), &rec); err != nil || !strings.HasPrefix(rec["msg"].(string), "Unsolicited response") {
			t.Errorf("%+v: stderr %q (%v); want one JSON record of it", tc.flags, out, err)
		}
	}
}

// TestNoAttachmentsFlagValue: --no-attachments takes a value as boolean flags
// do: =false fetches the files, as without the flag.
func TestNoAttachmentsFlagValue(t *testing.T) {
	for args, want := range map[string]bool{"": true, "--no-attachments": false, "--no-attachments=true": false, "--no-attachments=false": true} {
		var f fetchFlags
		fs := flag.NewFlagSet("archive", flag.ContinueOnError)
		f.register(fs, true)
		if err := fs.Parse(strings.Fields(args)); err != nil || f.attachments != want {
			t.Errorf("%q: attachments %v (%v), want %v", args, f.attachments, err, want)
		}
	}
	var f fetchFlags
	fs := flag.NewFlagSet("archive", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	f.register(fs, true)
	if err := fs.Parse([]string{"--no-attachments=maybe"}); err == nil {
		t.Error("--no-attachments=maybe parsed")
	}
}
