package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"
	_ "time/tzdata" // --tz works on systems without a zoneinfo database

	"folio/internal/errtext"
	"folio/internal/panics"
	"folio/store"
)

// Exit codes, per the contract.
const (
	exitOK      = 0
	exitPartial = 1 // some URLs failed, the run finished
	exitUsage   = 2
	exitStore   = 3 // store locked, corrupt or unwritable
)

// command is one subcommand: its name, a one-line summary, and its run
// function, which parses its own flags.
type command struct {
	name    string
	args    string // the arguments' synopsis, for usage lines
	summary string
	run     func(ctx context.Context, env *env, args []string) error
}

var commands = []command{
	{"archive", "URL...", "fetch URLs, follow their pagination, store each article", runArchive},
	{"crawl", "[SEED...] [--config FILE]", "crawl seed pages politely and archive the articles found", runCrawl},
	{"list", "", "list stored documents, newest first", runList},
	{"show", "URL", "print a stored document", runShow},
	{"history", "URL", "list the stored versions of a document", runHistory},
	{"export", "-o FILE", "write WARC, WACZ or JSONL bundles of the store", runExport},
	{"import", "FILE.warc[.gz]...", "read WARC files into the store and stitch their articles", runImport},
	{"extract", "[FILE...|-]", "extract saved pages without fetching or storing", runExtract},
	{"demo", "", "crawl the bundled sample portal on 127.0.0.1", runDemo},
	{"version", "", "print folio's version", runVersion},
}

// defaultMemoryLimit is the Go runtime's soft memory limit unless
// GOMEMLIMIT says otherwise. folio's heap is small but for the read of a
// huge page (20 MiB of HTML is some 250 MB of parsed tree and lines), when
// the collector's default pace would let the process reach twice that;
// with the limit it collects sooner instead, and a nightly crawl on a
// small machine stays well under 500 MB. It is soft: a heap that needs
// more gets it.
const defaultMemoryLimit = 320 << 20

func main() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(defaultMemoryLimit)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv})
	stop()
	os.Exit(code)
}

// env is what a command may touch of the process: tests pass buffers.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	synopsis       string // the running command's, for its help
	// jsonLog: --log-format json was given, so the last error line is a
	// JSON record too.
	jsonLog bool
}

// run executes one folio invocation and returns its exit code. It is the one
// place where errors become messages and exit codes.
func run(ctx context.Context, args []string, e *env) int {
	args = commonFlagsFirst(args)
	e.jsonLog = e.jsonLog || jsonLogAsked(args)
	switch {
	case len(args) == 0:
		usage(e.stderr)
		return exitUsage
	case (args[0] == "help" || args[0] == "-h" || args[0] == "--help") && len(args) > 1 && !strings.HasPrefix(args[1], "-"):
		// `folio help list` is `folio list -h`.
		args = []string{args[1], "-h"}
	case args[0] == "help" || args[0] == "-h" || args[0] == "--help":
		usage(e.stdout)
		return exitOK
	case args[0] == "--version":
		args = []string{"version"}
	}
	for _, c := range commands {
		if c.name == args[0] {
			e.synopsis = c.synopsis()
			err := safeRun(ctx, c, e, args[1:])
			var ue *usageError
			if errors.As(err, &ue) && strings.HasPrefix(ue.msg, "-") {
				// A flag's bad value names its command, as the flag
				// parser's errors do: "folio: list: --since: …". (A
				// bad URL's line begins with the URL.)
				ue.msg = c.name + ": " + ue.msg
			}
			if ue != nil && ue.synopsis && e.jsonLog {
				e.errorLine(ue.msg, "usage", e.synopsis)
				return exitUsage
			}
			code := report(e, err)
			if ue != nil && ue.synopsis {
				fmt.Fprintf(e.stderr, "usage: %s (folio %s -h lists the flags)\n", e.synopsis, c.name)
			}
			return code
		}
	}
	if strings.HasPrefix(args[0], "-") {
		// Only --db, --log-format, -q and -v may come before the command.
		e.errorLine(fmt.Sprintf("%s: unknown flag before the command, or no command", args[0]))
	} else {
		e.errorLine(fmt.Sprintf("unknown command %q", args[0]))
	}
	if !e.jsonLog {
		fmt.Fprintln(e.stderr, "usage: folio COMMAND [flags] [args] (folio help lists the commands)")
	}
	return exitUsage
}

// commonFlagsFirst moves the flags every command has (--db, --log-format,
// -q, -v) from before the command to after it: `folio --db x.db list` is
// `folio list --db x.db`. Anything else before the command is left for run
// to refuse.
func commonFlagsFirst(args []string) []string {
	i := 0
	for i < len(args) {
		name, _, hasValue := strings.Cut(strings.TrimLeft(args[i], "-"), "=")
		if !strings.HasPrefix(args[i], "-") {
			break
		}
		switch name {
		case "q", "v":
			i++
		case "db", "log-format":
			if hasValue {
				i++
			} else {
				i += 2
			}
		default:
			return args
		}
	}
	if i == 0 || i >= len(args) {
		return args
	}
	for _, c := range commands {
		if c.name == args[i] {
			return append(append([]string{c.name}, args[:i]...), args[i+1:]...)
		}
	}
	return args
}

// safeRun runs a command. A panic (a bug in folio) becomes an error
// reported in one line like any other, naming where it happened, rather
// than a stack trace; the pages, articles and files that have their own
// guard fail alone before it comes to this.
func safeRun(ctx context.Context, c command, e *env, args []string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = panics.Error(c.name, r)
		}
	}()
	return c.run(ctx, e, args)
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: folio COMMAND [flags] [args]")
	fmt.Fprintln(w, "\ncommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun `folio COMMAND -h` for a command's flags.")
}

func (c command) synopsis() string {
	return strings.TrimSpace("folio " + c.name + " [flags] " + c.args)
}

// Errors that carry their exit code.
var (
	errUsage   = errors.New("usage")
	errPartial = errors.New("some URLs failed")
)

// usageError is a mistake in the command line. When the command line's
// shape is wrong (an unknown flag, a missing argument) or a flag's value
// is (--delay -1s, --format xml), the command's synopsis follows the
// message; a bad URL or config file is told in its one line.
type usageError struct {
	msg      string
	synopsis bool
}

func (u *usageError) Error() string        { return u.msg }
func (u *usageError) Is(target error) bool { return target == errUsage }

func usagef(format string, a ...any) error { return &usageError{msg: fmt.Sprintf(format, a...)} }

// shapef is a usage error followed by the command's synopsis: a wrong
// shape of the command line or a wrong flag value.
func shapef(format string, a ...any) error {
	return &usageError{msg: fmt.Sprintf(format, a...), synopsis: true}
}

// report prints err (one line) and maps it to the exit code.
func report(e *env, err error) int {
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errPartial):
		// The failures were reported one per line as they happened.
		return exitPartial
	case errors.Is(err, errUsage):
		e.errorLine(err.Error())
		return exitUsage
	case isStoreError(err):
		e.errorLine(errtext.Line(err))
		return exitStore
	case errors.Is(err, context.Canceled):
		e.errorLine("interrupted")
		return exitPartial
	default:
		e.errorLine(errtext.Line(err))
		return exitPartial
	}
}

// errorLine prints the line that ends a failed command: plain, or as a
// JSON record under --log-format json (with attrs, and the URL the message
// begins with), so that a machine log stays JSON to its last line.
func (e *env) errorLine(msg string, attrs ...any) {
	if !e.jsonLog {
		fmt.Fprintf(e.stderr, "folio: %s\n", msg)
		return
	}
	if u := errtext.LeadingURL(msg); u != "" {
		attrs = append(attrs, "url", u)
	}
	slog.New(slog.NewJSONHandler(e.stderr, nil)).Error(msg, attrs...)
}

// jsonLogAsked says whether the command line asks for --log-format json,
// before the flags are parsed: a usage error is a JSON record too.
func jsonLogAsked(args []string) bool {
	for i, a := range args {
		if a == "--" {
			break
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || name != "log-format" {
			continue
		}
		if !hasValue && i+1 < len(args) {
			value = args[i+1]
		}
		return value == "json"
	}
	return false
}

// storeUnavailable marks errors opening or writing the store.
type storeUnavailable struct{ err error }

func (s *storeUnavailable) Error() string { return s.err.Error() }
func (s *storeUnavailable) Unwrap() error { return s.err }

func isStoreError(err error) bool {
	var su *storeUnavailable
	return errors.As(err, &su) || store.Unavailable(err)
}
