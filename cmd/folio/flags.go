package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"

	"folio/crawler"
	"folio/store"
)

// newFlagSet returns a flag set for a command whose errors are returned,
// not printed and exited on.
func newFlagSet(name string, e *env) *flagSet {
	fs := &flagSet{FlagSet: flag.NewFlagSet(name, flag.ContinueOnError), stdout: e.stdout, synopsis: e.synopsis}
	fs.SetOutput(io.Discard)
	// On an error folio prints the error and a one-line synopsis (see
	// run), never the flag package's usage; the whole flag list only for
	// -h, on stdout.
	fs.Usage = func() {}
	return fs
}

// flagSet is a command's flags.
type flagSet struct {
	*flag.FlagSet
	stdout   io.Writer
	synopsis string
}

// isSet says whether the command line set the flag.
func (fs *flagSet) isSet(name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// help prints the command's synopsis and every flag, as the flag
// package's PrintDefaults lays them out, but spelt as folio's errors and
// README spell them (--max-body, -o).
func (fs *flagSet) help() {
	fmt.Fprintf(fs.stdout, "usage: %s\n\nflags:\n", fs.synopsis)
	var b strings.Builder
	fs.SetOutput(&b)
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
	io.WriteString(fs.stdout, longFlag.ReplaceAllString(b.String(), "$1--$2"))
}

// longFlag is a flag of more than one letter where PrintDefaults names it.
var longFlag = regexp.MustCompile(`(?m)^(  )-(\w[\w-]+)`)

// parse parses args with flags and positional arguments in any order
// (`folio archive URL --json` as well as `folio archive --json URL`); "--"
// ends the flags. It sets the flags itself (fs.Set) rather than through
// fs.Parse, whose messages name flags with one dash ("-max-body"): folio's
// say --max-body, as its help and README do.
func parse(fs *flagSet, args []string) ([]string, error) {
	var positional []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			positional = append(positional, args[i+1:]...)
			break
		}
		if len(a) < 2 || a[0] != '-' {
			positional = append(positional, a)
			continue
		}
		// -name, --name, -name=value or --name=value, as the flag
		// package takes them.
		name, value, hasValue := strings.Cut(strings.TrimPrefix(a[1:], "-"), "=")
		if name == "" || name[0] == '-' || name[0] == '=' {
			return nil, shapef("%s: bad flag syntax: %s", fs.Name(), a)
		}
		f := fs.Lookup(name)
		if f == nil {
			if name == "h" || name == "help" {
				fs.help()
				return nil, errHelp
			}
			return nil, shapef("%s: flag provided but not defined: %s", fs.Name(), dashed(name))
		}
		if !hasValue {
			if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
				value = "true"
			} else if i+1 < len(args) {
				i++
				value = args[i]
			} else {
				return nil, shapef("%s: flag needs an argument: %s", fs.Name(), dashed(name))
			}
		}
		if err := fs.Set(name, value); err != nil {
			return nil, shapef("%s: invalid value %q for flag %s: %v", fs.Name(), value, dashed(name), err)
		}
	}
	return positional, nil
}

// dashed spells a flag as folio's help does: one dash for a one-letter
// flag (-o, -q), two for the others (--max-body).
func dashed(name string) string {
	if len([]rune(name)) == 1 {
		return "-" + name
	}
	return "--" + name
}

// errHelp: -h was asked for; the usage is printed, the exit code is 0.
var errHelp = errors.New("help")

// commonFlags are on every command.
type commonFlags struct {
	db        string
	logFormat string
	quiet     bool
	verbose   bool
}

func (c *commonFlags) register(fs *flag.FlagSet, e *env) {
	def := e.getenv("FOLIO_DB")
	if def == "" {
		def = "folio.db"
	}
	fs.StringVar(&c.db, "db", def, "the store `file`; $FOLIO_DB when set")
	fs.StringVar(&c.logFormat, "log-format", "text", "log format on stderr: text or json")
	fs.BoolVar(&c.quiet, "q", false, "quiet: errors only")
	fs.BoolVar(&c.verbose, "v", false, "verbose: debug logging")
}

// logger builds the command's logger: progress on a terminal, warnings and
// errors otherwise (cron mails stay short), everything as JSON when asked.
func (c *commonFlags) logger(e *env) (*slog.Logger, error) {
	level := slog.LevelWarn
	if isTerminal(e.stderr) || c.logFormat == "json" {
		level = slog.LevelInfo
	}
	if c.verbose {
		level = slog.LevelDebug
	}
	if c.quiet {
		level = slog.LevelError
	}
	opts := &slog.HandlerOptions{Level: level}
	var l *slog.Logger
	switch c.logFormat {
	case "text":
		l = slog.New(newLineHandler(e.stderr, level))
	case "json":
		e.jsonLog = true
		l = slog.New(slog.NewJSONHandler(e.stderr, opts))
	default:
		return nil, shapef("--log-format must be text or json, not %q", c.logFormat)
	}
	routeStdLog(l)
	return l, nil
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// openReader opens the store named by --db for a reading command.
func (c *commonFlags) openReader(e *env) (*store.DB, error) {
	log, err := c.logger(e)
	if err != nil {
		return nil, err
	}
	return openStore(context.Background(), c.db, true, 0, log)
}

// openStore opens the store for writing (archive, crawl) or reading, and
// marks failures as "store unavailable" (exit 3).
func openStore(ctx context.Context, path string, readOnly bool, lockTimeout time.Duration, log *slog.Logger) (*store.DB, error) {
	if path == "" {
		return nil, usagef("--db is empty (an unset variable?); name the store file")
	}
	if lockTimeout == 0 {
		lockTimeout = -1 // --lock-timeout 0: do not wait (store.Options: 0 means the default)
	}
	db, err := store.OpenContext(ctx, path, &store.Options{ReadOnly: readOnly, LockTimeout: lockTimeout, Logger: log})
	switch {
	case errors.Is(err, context.Canceled):
		return nil, err // interrupted while waiting for another writer: nothing began
	case err != nil:
		return nil, &storeUnavailable{err}
	}
	return db, nil
}

// fetchFlags are the common fetch flags of crawl and archive.
type fetchFlags struct {
	delay        time.Duration
	parallel     int
	perHost      int
	maxPages     int
	maxDocs      int
	depth        int
	scope        string
	userAgent    string
	ignoreRobots bool
	timeout      time.Duration
	maxBody      byteSize
	tz           string
	retries      int
	lockTimeout  time.Duration
	attachments  bool
	requisites   bool
}

func (f *fetchFlags) register(fs *flag.FlagSet, requisitesDefault bool) {
	f.maxBody = 20 << 20
	durationVar(fs, &f.delay, "delay", time.Second, "delay between requests to one host")
	fs.IntVar(&f.parallel, "parallel", 4, "hosts fetched at once")
	fs.IntVar(&f.perHost, "per-host", 1, "requests in flight per host")
	fs.IntVar(&f.maxPages, "max-pages", 50, "pages followed per article")
	fs.IntVar(&f.maxDocs, "max-docs", 0, "stop after archiving this many documents (0: no limit)")
	fs.IntVar(&f.depth, "depth", 3, "link depth from the seeds (crawl; archive follows only each article's pages)")
	fs.StringVar(&f.scope, "scope", "", "regular expression article URLs must match (default: the seeds' hosts)")
	fs.StringVar(&f.userAgent, "user-agent", crawler.DefaultUserAgent, "User-Agent header")
	fs.BoolVar(&f.ignoreRobots, "ignore-robots", false, "do not obey robots.txt")
	durationVar(fs, &f.timeout, "timeout", 30*time.Second, "per request, body included")
	fs.Var(&f.maxBody, "max-body", "the `size` of the largest body kept; longer ones are cut and marked truncated (5MiB, 512KiB, bytes)")
	fs.StringVar(&f.tz, "tz", "", "time zone of dates a page states without one (default: the site's — .cn, .hk, .mo, .tw hosts and Chinese pages +08:00 — else UTC)")
	fs.IntVar(&f.retries, "retries", 3, "retries of a failed request, with backoff")
	durationVar(fs, &f.lockTimeout, "lock-timeout", 10*time.Second, "how long to wait for another folio writing the store (0: do not wait)")
	fs.BoolVar(&f.requisites, "requisites", requisitesDefault, "also fetch the page's CSS, scripts and layout images")
	f.attachments = true
	fs.BoolFunc("no-attachments", "do not fetch the files an article links to", func(v string) error {
		no, err := strconv.ParseBool(v)
		f.attachments = !no // (--no-attachments=false fetches them)
		return err
	})
}

// check validates the values flag parsing cannot.
func (f *fetchFlags) check() error {
	switch {
	case f.delay < 0:
		return shapef("--delay must not be negative")
	case f.parallel < 1:
		return shapef("--parallel must be at least 1")
	case f.perHost < 1:
		return shapef("--per-host must be at least 1")
	case f.maxPages < 1:
		return shapef("--max-pages must be at least 1")
	case f.timeout <= 0:
		return shapef("--timeout must be positive")
	case f.maxBody <= 0:
		return shapef("--max-body must be positive")
	case f.retries < 0:
		return shapef("--retries must not be negative")
	case f.depth < 1:
		return shapef("--depth must be at least 1")
	case f.maxDocs < 0:
		return shapef("--max-docs must not be negative (0: no limit)")
	case f.lockTimeout < 0:
		return shapef("--lock-timeout must not be negative (0: do not wait)")
	}
	if f.scope != "" {
		if _, err := regexp.Compile(f.scope); err != nil {
			return shapef("--scope: %v", err)
		}
	}
	if _, err := f.location(); err != nil {
		return err
	}
	return nil
}

// location is --tz; nil when unset (extract then decides by the language).
func (f *fetchFlags) location() (*time.Location, error) {
	if f.tz == "" {
		return nil, nil
	}
	loc, err := time.LoadLocation(f.tz)
	if err != nil {
		return nil, shapef("--tz: unknown time zone %q", f.tz)
	}
	return loc, nil
}

func (f *fetchFlags) transport(log *slog.Logger) crawler.TransportOptions {
	retries := f.retries
	if retries == 0 {
		retries = -1 // TransportOptions: 0 means the default
	}
	return crawler.TransportOptions{
		UserAgent: f.userAgent, Delay: f.delay, PerHost: f.perHost, Timeout: f.timeout,
		MaxBody: int64(f.maxBody), Retries: retries, IgnoreRobots: f.ignoreRobots, Logger: log,
	}
}

// duration is a time.Duration flag whose error names the form it takes
// (the flag package's own says only "parse error").
type duration time.Duration

func (d *duration) String() string { return time.Duration(*d).String() }

func (d *duration) Set(s string) error {
	v, err := time.ParseDuration(s)
	if err != nil {
		return fmt.Errorf("not a duration (100ms, 1s, 2m, 20h)")
	}
	*d = duration(v)
	return nil
}

// durationVar defines a duration flag, as flag.DurationVar does; the help
// names its kind ("-delay duration"), as it does for the flag package's.
func durationVar(fs *flag.FlagSet, p *time.Duration, name string, value time.Duration, usage string) {
	*p = value
	fs.Var((*duration)(p), name, usage+", a `duration`")
}

// byteSize is a flag value taking 5MiB, 5MB, 512KiB, 1.5GiB or a byte count.
type byteSize int64

// String writes the size as help asks for it: 20MiB, 512KiB, else bytes.
func (b *byteSize) String() string {
	n := int64(*b)
	switch {
	case n != 0 && n%(1<<20) == 0:
		return strconv.FormatInt(n>>20, 10) + "MiB"
	case n != 0 && n%(1<<10) == 0:
		return strconv.FormatInt(n>>10, 10) + "KiB"
	}
	return strconv.FormatInt(n, 10)
}

func (b *byteSize) Set(s string) error {
	n, err := parseSize(s)
	if err != nil {
		return err
	}
	*b = byteSize(n)
	return nil
}

// sizePattern reads an upper-cased size: 5MIB, 5MB, 512KIB, 512K, 1024.
var sizePattern = regexp.MustCompile(`^\s*([0-9]+(?:\.[0-9]+)?)\s*([KMGT]I?B?|B)?\s*$`)

func parseSize(s string) (int64, error) {
	m := sizePattern.FindStringSubmatch(strings.ToUpper(s))
	if m == nil {
		return 0, fmt.Errorf("not a size: %q (use 5MiB, 5MB, 512KiB or a byte count)", s)
	}
	v, err := strconv.ParseFloat(m[1], 64)
	if err != nil {
		return 0, err
	}
	unit := strings.TrimSuffix(m[2], "B")
	mult := map[string]float64{
		"": 1, "K": 1e3, "M": 1e6, "G": 1e9, "T": 1e12,
		"KI": 1 << 10, "MI": 1 << 20, "GI": 1 << 30, "TI": 1 << 40,
	}[unit]
	if mult == 0 {
		return 0, fmt.Errorf("not a size unit: %q", m[2])
	}
	if v*mult >= 1<<62 {
		return 0, fmt.Errorf("size too large: %q", s)
	}
	return int64(v * mult), nil
}
