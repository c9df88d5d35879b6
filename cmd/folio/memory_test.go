package main

import (
	"bytes"
	"os"
	"os/exec"
	"syscall"
	"testing"

	"folio/crawler/crawltest"
)

// TestPayloadMemory archives each hostile payload with the default
// --max-body (20 MiB) in a folio process of its own and checks the
// process's peak resident memory. (Without -race only: the race detector
// multiplies memory by five to ten.)
func TestPayloadMemory(t *testing.T) {
	if raceEnabled {
		t.Skip("run without -race to measure memory")
	}
	const limit = 500 << 20
	f := crawltest.ServeFaults(t)
	for _, p := range []string{"/gzip-bomb", "/huge", "/random", "/deep", "/links", "/bad-utf8", "/nul"} {
		cmd := exec.Command(os.Args[0], "archive", "--db", tempDB(t), "--delay", "0", "--retries", "0", f.URL+p)
		cmd.Env = append(os.Environ(), "FOLIO_TEST_MAIN=1")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		err := cmd.Run()
		if cmd.ProcessState == nil {
			t.Fatalf("%s: %v", p, err)
		}
		if code := cmd.ProcessState.ExitCode(); code > exitPartial {
			t.Errorf("%s: exit %d: %s", p, code, stderr.String())
		}
		rss := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss << 10 // KiB on Linux
		t.Logf("%-10s peak RSS %3d MiB", p, rss>>20)
		if rss > limit {
			t.Errorf("%s: peak RSS %d MiB, over %d MiB", p, rss>>20, limit>>20)
		}
	}
}
