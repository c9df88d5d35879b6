package crawler

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// FuzzRetryAfter: a server's Retry-After, however odd, and whatever the
// clock says, never gives a negative wait (a huge one once overflowed
// into none); a value that is not read gives no wait; seconds are those
// seconds, up to a year.
func FuzzRetryAfter(f *testing.F) {
	now := time.Date(2026, 11, 26, 4, 0, 0, 0, time.UTC).Unix()
	for _, v := range []string{
		"120", "0", " 30 ", "+5", "-5", "007",
		"9223372037", "9223372036854775807", "99999999999999999999",
		"Thu, 26 Nov 2026 04:00:30 GMT", "Wed, 25 Nov 2026 04:00:00 GMT",
		"Thursday, 26-Nov-26 04:00:30 GMT", "Thu Nov 26 04:00:30 2026",
		"Fri, 31 Dec 9999 23:59:59 GMT", "Mon, 01 Jan 0001 00:00:00 GMT",
		"soon", "1.5", "",
	} {
		f.Add(v, now)
	}
	f.Add("Thu, 26 Nov 2026 04:00:30 GMT", int64(-1<<62))
	f.Add("Thu, 26 Nov 2026 04:00:30 GMT", int64(1<<62))
	f.Fuzz(func(t *testing.T, v string, unix int64) {
		clock := time.Unix(unix, 0)
		d, ok := retryAfter(v, clock)
		if d < 0 {
			t.Fatalf("retryAfter(%q) at %d = %s, a negative wait", v, unix, d)
		}
		if !ok && d != 0 {
			t.Fatalf("retryAfter(%q) at %d = %s, not ok but a wait", v, unix, d)
		}
		if s, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64); err == nil && s >= 0 {
			want := time.Duration(min(s, 365*24*3600)) * time.Second
			if !ok || d != want {
				t.Fatalf("retryAfter(%q) = %s, %v; want %s", v, d, ok, want)
			}
		}
		if when, err := http.ParseTime(strings.TrimSpace(v)); err == nil && !ok {
			t.Fatalf("retryAfter(%q) is not ok, but it is the date %s", v, when)
		}
	})
}
