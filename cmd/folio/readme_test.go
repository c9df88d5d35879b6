package main

import (
	"bufio"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"folio/attachment"
)

// readmeExample is one `$ folio …` command of the README and the output it
// shows under it.
type readmeExample struct {
	line int // of the command in README.md
	args []string
	want []string
}

// readmeExamples reads the commands of README.md's fenced blocks that run
// folio, in order, each with the lines shown under it (up to the next
// command or the block's end, trailing blank lines dropped).
func readmeExamples(t *testing.T) []readmeExample {
	t.Helper()
	f, err := os.Open("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []readmeExample
	fenced, open := false, false // in a fence; under one of its commands
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "```"):
			fenced, open = !fenced, false
			continue
		case !fenced:
			continue
		case strings.HasPrefix(line, "$ "):
			if cmd, ok := strings.CutPrefix(line, "$ folio "); ok {
				out = append(out, readmeExample{line: n, args: shellWords(cmd)})
				open = true
				continue
			}
			open = false // another program's example: not ours to run
			continue
		}
		if open {
			last := &out[len(out)-1]
			last.want = append(last.want, line)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	for i := range out {
		for len(out[i].want) > 0 && strings.TrimSpace(out[i].want[len(out[i].want)-1]) == "" {
			out[i].want = out[i].want[:len(out[i].want)-1]
		}
	}
	return out
}

// shellWords splits a command line as the shell would for the README's
// commands: words between spaces, '…' quoting.
func shellWords(s string) []string {
	var words []string
	var w strings.Builder
	quoted, in := false, false
	for _, r := range s {
		switch {
		case r == '\'':
			quoted, in = !quoted, true
		case r == ' ' && !quoted:
			if in {
				words = append(words, w.String())
				w.Reset()
				in = false
			}
		default:
			w.WriteRune(r)
			in = true
		}
	}
	if in {
		words = append(words, w.String())
	}
	return words
}

// readmeTime is a time the README shows, which a run prints as its own.
var readmeTime = regexp.MustCompile(`\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\dZ`)

// linePattern makes a line the README shows into a pattern for the line
// a run prints: … stands for anything, a time for any time.
func linePattern(want string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString("^")
	for i, part := range strings.Split(want, "…") {
		if i > 0 {
			b.WriteString(".*")
		}
		last := 0
		for _, m := range readmeTime.FindAllStringIndex(part, -1) {
			b.WriteString(regexp.QuoteMeta(part[last:m[0]]))
			b.WriteString(readmeTime.String())
			last = m[1]
		}
		b.WriteString(regexp.QuoteMeta(part[last:]))
	}
	b.WriteString("$")
	return regexp.MustCompile(b.String())
}

// matchLines says whether got is what want shows: line by line, a line
// that is "…" alone standing for any number of lines.
func matchLines(want, got []string) bool {
	if len(want) == 0 {
		return len(got) == 0
	}
	if strings.TrimSpace(want[0]) == "…" {
		for skip := 0; skip <= len(got); skip++ {
			if matchLines(want[1:], got[skip:]) {
				return true
			}
		}
		return false
	}
	if len(got) == 0 || !linePattern(strings.TrimRight(want[0], " ")).MatchString(strings.TrimRight(got[0], " ")) {
		return false
	}
	return matchLines(want[1:], got[1:])
}

// TestREADMEExamples runs the README's everyday commands, in its order,
// against the sample portal, and checks that each prints what the README
// shows (its times and its … aside): the README stays true.
func TestREADMEExamples(t *testing.T) {
	examples := readmeExamples(t)
	if len(examples) < 5 {
		t.Fatalf("%d folio commands found in README.md's examples", len(examples))
	}
	srv := servePortal(t, nil)
	host := strings.TrimPrefix(srv.URL, "http://")
	db := tempDB(t)
	for _, ex := range examples {
		if ex.args[0] == "demo" {
			continue // serves the portal this test serves itself
		}
		if ex.args[0] == "show" && slices.Contains(ex.args, "--attachments") && !attachment.HavePdftotext() {
			t.Logf("README.md:%d: skipped, pdftotext is not installed", ex.line)
			continue
		}
		args := []string{ex.args[0], "--db", db}
		if ex.args[0] == "archive" {
			args = append(args, "--delay", "10ms") // the portal is the test's own
		}
		for _, a := range ex.args[1:] {
			args = append(args, strings.ReplaceAll(a, "127.0.0.1:8111", host))
		}
		code, stdout, stderr := folio(t, args...)
		if code != 0 {
			t.Errorf("README.md:%d: folio %s: exit %d: %s", ex.line, strings.Join(ex.args, " "), code, stderr)
			continue
		}
		want := make([]string, len(ex.want))
		for i, w := range ex.want {
			want[i] = strings.ReplaceAll(w, "127.0.0.1:8111", host)
		}
		got := strings.Split(strings.TrimRight(stdout, "\n"), "\n")
		if !matchLines(want, got) {
			t.Errorf("README.md:%d: folio %s prints\n%s\nthe README shows\n%s", ex.line, strings.Join(ex.args, " "), stdout, strings.Join(want, "\n"))
		}
	}
}
