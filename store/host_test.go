package store

import "testing"

// TestHostMatches: --site HOST names a host with or without its port.
func TestHostMatches(t *testing.T) {
	for _, tt := range []struct {
		url, site string
		want      bool
	}{
		{"http://127.0.0.1:8111/a.html", "127.0.0.1", true},
		{"http://127.0.0.1:8111/a.html", "127.0.0.1:8111", true},
		{"http://127.0.0.1:8111/a.html", "127.0.0.1:9000", false},
		{"http://127.0.0.1/a.html", "127.0.0.1:8111", false},
		{"http://www.lsq.gov.cn/a.html", "www.lsq.gov.cn", true},
		{"http://www.lsq.gov.cn/a.html", "WWW.LSQ.GOV.CN", true},
		{"http://WWW.lsq.gov.cn/a.html", "www.lsq.gov.cn", true},
		{"http://www.lsq.gov.cn/a.html", "lsq.gov.cn", false},
		{"http://www.lsq.gov.cn/a.html", "http://www.lsq.gov.cn/", true},
		{"http://www.lsq.gov.cn?x=1", "www.lsq.gov.cn", true},
		{"http://[::1]:8111/a.html", "::1", true},
		{"http://[::1]:8111/a.html", "[::1]", true},
		{"http://[::1]:8111/a.html", "[::1]:8111", true},
		{"http://[::1]:8111/a.html", "[::1]:80", false},
		{"http://other.test/a.html", "127.0.0.1", false},
	} {
		if got := HostMatches(tt.url, tt.site); got != tt.want {
			t.Errorf("HostMatches(%q, %q) = %v, want %v", tt.url, tt.site, got, tt.want)
		}
	}
}
