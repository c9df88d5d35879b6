package store

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

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
		{"http://www.lsq.gov.cn/a.html", "www.lsq.gov.cn:80", true}, // the scheme's port, unwritten
		{"https://www.lsq.gov.cn/a.html", "www.lsq.gov.cn:443", true},
		{"https://www.lsq.gov.cn/a.html", "www.lsq.gov.cn:80", false},
		{"http://www.lsq.gov.cn/a.html", "lsq.gov.cn:80", false},
		{"http://[::1]/a.html", "[::1]:80", true},
		{"http://hnxw.cn/a.html", "hnxw.cn.", true}, // the root's dot
		{"http://hnxw.cn:8080/a.html", "hnxw.cn.:8080", true},
		{"http://xn--fiq228c.xn--fiqs8s/a.html", "中文.中国", true}, // a site named in Unicode, its host stored in punycode
		{"http://xn--fiq228c.xn--fiqs8s:8080/a.html", "中文.中国:8080", true},
		{"http://xn--fiq228c.xn--fiqs8s:8080/a.html", "中文.中国:80", false},
		{"http://other.test/a.html", "中文.中国", false},
	} {
		if got := HostMatches(tt.url, tt.site); got != tt.want {
			t.Errorf("HostMatches(%q, %q) = %v, want %v", tt.url, tt.site, got, tt.want)
		}
	}
}

// TestEmptyFileIsNoStoreForReaders: a reader pointed at an empty file
// reports that no store is there, and leaves the file empty; a writer
// makes the store in it.
func TestEmptyFileIsNoStoreForReaders(t *testing.T) {
	path := filepath.Join(t.TempDir(), "empty.db")
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Open(path, &Options{ReadOnly: true})
	if !errors.Is(err, ErrNoStore) || !strings.Contains(err.Error(), "empty file") {
		t.Fatalf("reader on an empty file: %v", err)
	}
	if st, _ := os.Stat(path); st.Size() != 0 {
		t.Fatal("a reader wrote the empty file")
	}
	db, err := Open(path, nil)
	if err != nil {
		t.Fatalf("writer on an empty file: %v", err)
	}
	db.Close()
	db, err = Open(path, &Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("reader after the writer: %v", err)
	}
	db.Close()
}
