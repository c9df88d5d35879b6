package main

import (
	"context"
	"fmt"
	"io"
	"log"
	"log/slog"
	"strings"
	"sync"

	"folio/internal/errtext"
)

// lineHandler writes log records as short human-readable lines:
//
//	archived 株洲市芦淞区人民政府2019年政府信息公开年度报告 pages=2 version=1
//	folio: warning: robots.txt does not parse host=example.com
//	folio: http://example.com/a.html: HTTP 404
//
// A line that begins with its URL (errtext.Log's) does not repeat it as
// url=…: that attribute is for machine logs.
type lineHandler struct {
	mu    *sync.Mutex
	w     io.Writer
	level slog.Level
	attrs []slog.Attr
}

func newLineHandler(w io.Writer, level slog.Level) *lineHandler {
	return &lineHandler{mu: &sync.Mutex{}, w: w, level: level}
}

func (h *lineHandler) Enabled(_ context.Context, l slog.Level) bool { return l >= h.level }

func (h *lineHandler) Handle(_ context.Context, r slog.Record) error {
	var b strings.Builder
	switch {
	case r.Level >= slog.LevelError:
		b.WriteString("folio: ")
	case r.Level >= slog.LevelWarn:
		b.WriteString("folio: warning: ")
	}
	b.WriteString(firstLine(r.Message)) // one line per message, always
	leading := errtext.LeadingURL(r.Message)
	write := func(a slog.Attr) bool {
		if a.Equal(slog.Attr{}) {
			return true
		}
		if leading != "" && a.Key == "url" && a.Value.Resolve().String() == leading {
			return true
		}
		v := a.Value.Resolve().String()
		if strings.ContainsAny(v, " \t\"\n\r") {
			v = fmt.Sprintf("%q", v)
		}
		fmt.Fprintf(&b, " %s=%s", a.Key, v)
		return true
	}
	for _, a := range h.attrs {
		write(a)
	}
	r.Attrs(write)
	b.WriteByte('\n')
	h.mu.Lock()
	defer h.mu.Unlock()
	_, err := io.WriteString(h.w, b.String())
	return err
}

func (h *lineHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	n := *h
	n.attrs = append(append([]slog.Attr(nil), h.attrs...), attrs...)
	return &n
}

// WithGroup is not used by folio; groups are flattened.
func (h *lineHandler) WithGroup(string) slog.Handler { return h }

func firstLine(s string) string {
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		return s[:i]
	}
	return s
}

// routeStdLog sends what the standard library logs by itself through l, at
// debug level: net/http prints "Unsolicited response received on idle HTTP
// channel…" when a server sends more than it said, with a timestamp, no
// URL and the stray bytes — noise in a cron mail, and no JSON under
// --log-format json.
func routeStdLog(l *slog.Logger) {
	log.SetFlags(0)
	log.SetOutput(stdLogWriter{l})
}

type stdLogWriter struct{ l *slog.Logger }

func (w stdLogWriter) Write(p []byte) (int, error) {
	msg := strings.ToValidUTF8(strings.TrimSpace(string(p)), "?")
	if r := []rune(msg); len(r) > 200 {
		msg = string(r[:200]) + "…"
	}
	w.l.Debug(msg, "from", "go")
	return len(p), nil
}
