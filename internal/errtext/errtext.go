package errtext

import (
	"log/slog"
	"regexp"
	"strings"
)

// Line is err's message cut to its first line, without the package
// names folio's own errors carry ("crawler: ", "warc: "): they say where
// an error comes from to a programmer; a user reads what happened, to
// which URL.
func Line(err error) string {
	msg := err.Error()
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	return packagePrefix.ReplaceAllString(msg, "$1")
}

// packagePrefix is a folio package's name opening an error's words, at the
// start of the message or after another's colon.
var packagePrefix = regexp.MustCompile(`(^|: )(?:crawler|store|warc|extract|charset|bundle|attachment): `)

// Lines is one line per error that err joins (errors.Join, nested or not),
// or err's first line when it joins nothing.
func Lines(err error) []string {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok && isJoin(err, j.Unwrap()) {
		var lines []string
		for _, e := range j.Unwrap() {
			lines = append(lines, Lines(e)...)
		}
		return lines
	}
	return []string{Line(err)}
}

// isJoin tells errors.Join's error (whose message is its errors' joined by
// newlines) from one made by fmt.Errorf with several %w, which is one
// message.
func isJoin(err error, errs []error) bool {
	msgs := make([]string, 0, len(errs))
	for _, e := range errs {
		if e != nil {
			msgs = append(msgs, e.Error())
		}
	}
	return len(msgs) > 0 && err.Error() == strings.Join(msgs, "\n")
}

// Log logs each error of a joined error on its own line: a page and an
// attachment that failed are two failures, each naming its URL. The URL a
// line begins with is its "url" attribute too, whatever the handler, so
// that a machine log finds it without parsing the message (a handler for
// people may leave out an attribute its message begins with).
func Log(log *slog.Logger, err error) {
	for _, line := range Lines(err) {
		if u := LeadingURL(line); u != "" {
			log.Error(line, "url", u)
		} else {
			log.Error(line)
		}
	}
}

// LeadingURL is the URL an error line begins with ("URL: HTTP 404"), or "".
func LeadingURL(line string) string {
	if !strings.HasPrefix(line, "http://") && !strings.HasPrefix(line, "https://") {
		return ""
	}
	if i := strings.Index(line, ": "); i > 0 {
		return line[:i]
	}
	return ""
}
