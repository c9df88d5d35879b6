package bundle

import "testing"

func TestDechunk(t *testing.T) {
	for _, tc := range []struct {
		raw, te, want string
		cut           bool
	}{
		{"5\r\nhello\r\n0\r\n\r\n", "chunked", "hello", false},
		{"<html>not chunked</html>", "chunked", "<html>not chunked</html>", false}, // de-chunked already
		{"<html>", "identity", "<html>", false},
		// Cut inside a chunk: its bytes without the framing.
		{"19b1\r\n<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>", "chunked", "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>", true},
		{"5\r\nhello\r\n3\r\nwo", "chunked", "hellowo", true},
	} {
		got, cut := dechunk([]byte(tc.raw), tc.te)
		if string(got) != tc.want || cut != tc.cut {
			t.Errorf("dechunk(%q, %q) = %q, %v; want %q, %v", tc.raw, tc.te, got, cut, tc.want, tc.cut)
		}
	}
}
