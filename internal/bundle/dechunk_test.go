package bundle

import "testing"

func TestDechunk(t *testing.T) {
	for _, tc := range []struct {
		raw, te string
		cut     bool // the record is known to be cut short
		want    string
	}{
		{"5\r\nhello\r\n0\r\n\r\n", "chunked", false, "hello"},
		{"<html>not chunked</html>", "chunked", false, "<html>not chunked</html>"}, // de-chunked already
		{"<html>", "identity", false, "<html>"},
		// Cut inside a chunk: its bytes without the framing.
		{"19b1\r\n<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>", "chunked", true, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>"},
		{"5\r\nhello\r\n3\r\nwo", "chunked", true, "hellowo"},
		// Not known to be cut: a de-chunked body whose first line reads
		// as a chunk size stays whole.
		{"2024\r\n年度报告", "chunked", false, "2024\r\n年度报告"},
	} {
		if got := dechunk([]byte(tc.raw), tc.te, tc.cut); string(got) != tc.want {
			t.Errorf("dechunk(%q, %q, %v) = %q, want %q", tc.raw, tc.te, tc.cut, got, tc.want)
		}
	}
}
