package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	bolt "go.etcd.io/bbolt"

	"folio/crawler/crawltest"
)

// A full disk, two honest ways:
//
//   - a tmpfs of 8 MiB mounted for the test (needs root, or CAP_SYS_ADMIN;
//     skipped elsewhere), filled with a file until a few hundred KiB are
//     left: the store's writes fail with ENOSPC, as on a full disk;
//   - folio run as a process whose RLIMIT_FSIZE is a little above the
//     store's size: the kernel refuses to grow the file (EFBIG), through
//     the same write and ftruncate calls. Runs wherever Linux does.
//
// Either way folio is a real process meeting real failing system calls;
// nothing in folio is faked.

// fileSizeLimitEnv makes the test binary, run as folio, set RLIMIT_FSIZE.
const fileSizeLimitEnv = "FOLIO_TEST_FSIZE"

// limitFileSize is TestMain's: it applies fileSizeLimitEnv to this process.
func limitFileSize() {
	v := os.Getenv(fileSizeLimitEnv)
	if v == "" {
		return
	}
	n, err := strconv.ParseUint(v, 10, 64)
	if err == nil {
		err = syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: n, Max: n})
	}
	if err != nil {
		panic("FOLIO_TEST_FSIZE: " + err.Error())
	}
}

// disk is a place for a store that can be made full and freed again.
type disk struct {
	dir  string
	fill func(t *testing.T, db string)                            // make the disk (nearly) full
	run  func(t *testing.T, args ...string) (int, string, string) // folio while full
	free func(t *testing.T)
}

func tmpfsDisk(t *testing.T) *disk {
	dir := t.TempDir()
	if err := syscall.Mount("folio-test", dir, "tmpfs", 0, "size=8m"); err != nil {
		t.Skipf("cannot mount a tmpfs here (%v): the RLIMIT_FSIZE case covers a full disk", err)
	}
	t.Cleanup(func() { syscall.Unmount(dir, syscall.MNT_DETACH) })
	filler := filepath.Join(dir, "filler")
	return &disk{
		dir: dir,
		fill: func(t *testing.T, db string) {
			var st syscall.Statfs_t
			if err := syscall.Statfs(dir, &st); err != nil {
				t.Fatal(err)
			}
			free := int64(st.Bavail) * st.Bsize
			if err := os.WriteFile(filler, make([]byte, max(free-256<<10, 0)), 0o644); err != nil {
				t.Fatal(err)
			}
		},
		run:  folioExec,
		free: func(t *testing.T) { os.Remove(filler) },
	}
}

func fsizeDisk(t *testing.T) *disk {
	d := &disk{dir: t.TempDir(), free: func(*testing.T) {}}
	var limit int64
	d.fill = func(t *testing.T, db string) {
		st, err := os.Stat(db)
		if err != nil {
			t.Fatal(err)
		}
		limit = st.Size() + 64<<10
	}
	d.run = func(t *testing.T, args ...string) (int, string, string) {
		t.Setenv(fileSizeLimitEnv, strconv.FormatInt(limit, 10))
		defer os.Unsetenv(fileSizeLimitEnv)
		return folioExec(t, args...)
	}
	return d
}

// TestFullDisk: when the store's disk fills up during a crawl, the crawl
// stops with one line saying so (exit 3); the store opens, passes bbolt's
// consistency check, and holds everything stored before; once there is
// room, the next run proceeds and finishes the work.
func TestFullDisk(t *testing.T) {
	for _, tc := range []struct {
		name  string
		disk  func(*testing.T) *disk
		cause string
	}{
		{"tmpfs", tmpfsDisk, "no space left on device"},
		{"RLIMIT_FSIZE", fsizeDisk, "file too large"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := tc.disk(t)
			db := filepath.Join(d.dir, "folio.db")
			const total = 40
			site := crawltest.Site{Articles: 6, Paragraphs: 160}
			srv := crawltest.Serve(t, site)
			crawlArgs := []string{"crawl", "--db", db, "--delay", "0", "--timeout", "5s", srv.URL + "/news/"}
			if code, _, stderr := folio(t, crawlArgs...); code != 0 {
				t.Fatalf("first crawl: exit %d: %s", code, stderr)
			}
			before := storeContents(t, db)

			d.fill(t, db)
			site.Articles = total
			srv.Update(site)
			code, _, stderr := d.run(t, crawlArgs...)
			var errs []string
			for _, l := range lines(stderr) {
				if !strings.HasPrefix(l, "folio: warning:") {
					errs = append(errs, l)
				}
			}
			if code != exitStore || len(errs) != 1 || !strings.HasPrefix(errs[0], "folio: store "+db+": write failed: ") ||
				!strings.Contains(errs[0], tc.cause) {
				t.Fatalf("crawl on a full disk: exit %d, stderr %q; want exit 3 and one line: write failed … %s", code, stderr, tc.cause)
			}

			// Consistent, and all there.
			checkBolt(t, db)
			during := storeContents(t, db)
			for u := range before {
				if during[u] == nil {
					t.Errorf("%s, stored before the disk filled up, is gone", u)
				}
			}
			if len(during) >= total {
				t.Fatalf("%d documents: the disk never filled up", len(during))
			}

			// archive on the full disk: it stops at the first failed write,
			// fetching no more.
			var rest []string
			for id := 1; id <= total; id++ {
				if u := srv.URL + crawltest.ArticlePath(id, 1); during[u] == nil {
					rest = append(rest, u)
				}
			}
			srv.ResetLog()
			code, _, stderr = d.run(t, append([]string{"archive", "--db", db, "--delay", "0"}, rest...)...)
			if errs := lines(stderr); code != exitStore || len(errs) != 1 || !strings.Contains(errs[0], "write failed") {
				t.Errorf("archive on a full disk: exit %d, stderr %q", code, stderr)
			}
			if n := len(srv.Requests()); n >= len(rest) {
				t.Errorf("archive on a full disk went on: %d requests for %d URLs", n, len(rest))
			}
			checkBolt(t, db)

			d.free(t)
			code, stdout, stderr := folio(t, append(crawlArgs, "--json")...)
			if code != 0 {
				t.Fatalf("crawl once there is room: exit %d: %s", code, stderr)
			}
			if after := storeContents(t, db); len(after) != total {
				t.Errorf("%d documents after the next run, want %d (%s)", len(after), total, stdout)
			}
			checkBolt(t, db)
			t.Logf("%d documents before, %d when the disk was full (%s); then %s", len(before), len(during), errs[0], strings.TrimSpace(stdout))
		})
	}
}

// checkBolt runs bbolt's own consistency check over the store file.
func checkBolt(t *testing.T, path string) {
	t.Helper()
	b, err := bolt.Open(path, 0o644, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("bbolt cannot open the store: %v", err)
	}
	defer b.Close()
	err = b.View(func(tx *bolt.Tx) error {
		var problems bytes.Buffer
		for err := range tx.Check() {
			problems.WriteString(err.Error() + "\n")
		}
		if problems.Len() > 0 {
			t.Errorf("bbolt check:\n%s", problems.String())
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestExportFullDisk: an export that cannot be written (the file may not
// grow past 64 KiB) fails with one line naming the file; it leaves no
// temporary file, and the file it was to replace (--force) stays as it
// was.
func TestExportFullDisk(t *testing.T) {
	srv := crawltest.Serve(t, crawltest.Site{Articles: 12, Paragraphs: 120})
	db := tempDB(t)
	if code, _, stderr := folio(t, "crawl", "--db", db, "--delay", "0", srv.URL+"/news/"); code != 0 {
		t.Fatalf("crawl: exit %d: %s", code, stderr)
	}
	dir := t.TempDir()
	for _, name := range []string{"out.warc.gz", "out.wacz", "out.jsonl"} {
		out := filepath.Join(dir, name)
		os.WriteFile(out, []byte("the export before\n"), 0o644)
		t.Setenv(fileSizeLimitEnv, strconv.Itoa(64<<10))
		code, stdout, stderr := folioExec(t, "export", "--db", db, "--force", "--cdx="+strconv.FormatBool(strings.HasSuffix(name, ".warc.gz")), "-o", out)
		os.Unsetenv(fileSizeLimitEnv)
		errs := lines(stderr)
		if code != exitPartial || stdout != "" || len(errs) != 1 || !strings.HasPrefix(errs[0], "folio: export: "+out+": ") ||
			!strings.Contains(errs[0], "file too large") {
			t.Errorf("%s: exit %d, stdout %q, stderr %q", name, code, stdout, stderr)
		}
		if b, _ := os.ReadFile(out); string(b) != "the export before\n" {
			t.Errorf("%s: the file it was to replace is changed", name)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 1 {
			t.Errorf("%s: left in the directory: %v", name, entries)
		}
		os.Remove(out)
	}
}
