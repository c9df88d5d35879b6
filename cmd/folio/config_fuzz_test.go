package main

import (
	"errors"
	"os"
	"strings"
	"testing"
)

// FuzzConfig: no config file makes folio panic; every mistake is a usage
// error of one line.
func FuzzConfig(f *testing.F) {
	f.Add([]byte("db: /srv/folio.db\ndelay: 2s\nmax-body: 5MiB\nsites:\n  - name: a\n    seeds: [http://x.gov.cn/]\n    scope: '^http://x'\n    tz: Asia/Shanghai\n"))
	f.Add([]byte("sites:\n  - seeds: [1]\n    frob: 2\n"))
	f.Add([]byte("a: &a [x,x]\nb: [*a,*a]\n"))
	if data, err := os.ReadFile("testdata/sites.yaml"); err == nil {
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := parseConfig("fuzz.yaml", data)
		if err == nil {
			return
		}
		if !errors.Is(err, errUsage) || strings.Contains(err.Error(), "\n") {
			t.Fatalf("%q: not a one-line usage error", err)
		}
	})
}
