package crawltest

import (
	"crypto/sha1"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Request is one request as the server saw it.
type Request struct {
	Path        string // path and query
	Start, End  time.Time
	Status      int
	IfNoneMatch string
	UserAgent   string
}

// Server serves one generated site on loopback and logs every request.
type Server struct {
	*httptest.Server
	Host string // host:port, as URLs name it

	// Hook, when set, runs first and may answer the request itself by
	// returning true (a 429 with Retry-After, a 503 robots.txt, ...).
	Hook func(w http.ResponseWriter, r *http.Request) bool
	// Latency makes every response take at least this long, so that
	// overlapping requests would show in the log.
	Latency time.Duration

	mu          sync.Mutex
	files       map[string][]byte
	modified    time.Time
	log         []Request
	inflight    int
	maxInflight int
}

// Serve starts a server for site, closed when the test ends.
func Serve(t testing.TB, site Site) *Server {
	t.Helper()
	s := &Server{modified: time.Date(2024, 3, 15, 8, 0, 0, 0, time.UTC)}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	s.Host = strings.TrimPrefix(s.URL, "http://")
	files := site.Files(s.URL)
	s.mu.Lock() // the server is serving already
	s.files = files
	s.mu.Unlock()
	return s
}

// Update replaces the site's files: a later run finds what changed.
func (s *Server) Update(site Site) {
	files := site.Files(s.URL)
	s.mu.Lock()
	s.files = files
	s.modified = s.modified.Add(24 * time.Hour)
	s.mu.Unlock()
}

// Requests returns the log so far, in the order the requests started.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.log...)
}

// Count returns how many requests asked for path (with its query).
func (s *Server) Count(path string) int {
	n := 0
	for _, r := range s.Requests() {
		if r.Path == path {
			n++
		}
	}
	return n
}

// MaxInFlight is the most requests the server ever had open at once.
func (s *Server) MaxInFlight() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.maxInflight
}

// ResetLog forgets the requests logged so far.
func (s *Server) ResetLog() {
	s.mu.Lock()
	s.log = nil
	s.maxInflight = 0
	s.mu.Unlock()
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	i := len(s.log)
	s.log = append(s.log, Request{Path: r.URL.RequestURI(), Start: time.Now(), IfNoneMatch: r.Header.Get("If-None-Match"), UserAgent: r.UserAgent()})
	s.inflight++
	s.maxInflight = max(s.maxInflight, s.inflight)
	s.mu.Unlock()
	rec := &statusWriter{ResponseWriter: w, status: http.StatusOK}
	defer func() {
		s.mu.Lock()
		s.inflight--
		s.log[i].End = time.Now()
		s.log[i].Status = rec.status
		s.mu.Unlock()
	}()
	if s.Latency > 0 {
		time.Sleep(s.Latency)
	}
	if s.Hook != nil && s.Hook(rec, r) {
		return
	}
	s.answer(rec, r)
}

func (s *Server) answer(w http.ResponseWriter, r *http.Request) {
	p := r.URL.Path
	var body []byte
	switch {
	case p == "/cal/":
		q := r.URL.Query()
		y, _ := strconv.Atoi(q.Get("y"))
		m, _ := strconv.Atoi(q.Get("m"))
		body = Calendar(y, m)
	case strings.HasPrefix(p, "/loop/"):
		body = Loop()
	case strings.HasPrefix(p, "/r/"):
		// An article's old address (Site.Redirected).
		id, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(p, "/r/"), ".html"))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		http.Redirect(w, r, ArticlePath(id, 1), http.StatusMovedPermanently)
		return
	default:
		if i := strings.Index(p, ";"); i >= 0 {
			p = p[:i] // ;jsessionid=...
		}
		s.mu.Lock()
		body = s.files[p]
		modified := s.modified
		s.mu.Unlock()
		if body == nil {
			http.NotFound(w, r)
			return
		}
		sum := sha1.Sum(body)
		etag := `"` + hex.EncodeToString(sum[:8]) + `"`
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", modified.Format(http.TimeFormat))
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	switch {
	case strings.HasSuffix(p, ".txt"):
		w.Header().Set("Content-Type", "text/plain")
	case strings.HasSuffix(p, ".xml"):
		w.Header().Set("Content-Type", "application/xml")
	case strings.HasSuffix(p, ".pdf"):
		w.Header().Set("Content-Type", "application/pdf")
	default:
		w.Header().Set("Content-Type", "text/html")
	}
	w.Write(body)
}

// URLOf is the absolute URL of path on this server.
func (s *Server) URLOf(path string) string {
	u, _ := url.Parse(s.URL)
	return u.Scheme + "://" + u.Host + path
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}
