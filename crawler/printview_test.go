package crawler

import (
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"sync"
	"testing"
	"time"
)

// empirePrint serves crawler/testdata/empire-print (GBK, as served): an
// EmpireCMS column, an article of it, and the article's print view at
// /e/DoPrint/?classid=2&id=88, an address no rule leads back from.
type empirePrint struct {
	mu     sync.Mutex
	hits   map[string]int
	robots string // robots.txt; none when ""
}

const empirePrintURL = "/e/DoPrint/?classid=2&id=88"

func (s *empirePrint) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.hits[r.URL.RequestURI()]++
	s.mu.Unlock()
	if r.URL.Path == "/robots.txt" && s.robots != "" {
		w.Write([]byte(s.robots))
		return
	}
	file := map[string]string{
		"/":                        "list.html",
		"/news/":                   "list.html",
		"/news/2024-03-15/88.html": "article.html",
		empirePrintURL:             "print.html",
	}[r.URL.RequestURI()]
	body, err := os.ReadFile("testdata/empire-print/" + file)
	if file == "" || err != nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/html")
	w.Write(body)
}

func (s *empirePrint) hitsOf(u string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[u]
}

// TestPrintViewLinkedFromTheArticle: the print view an article links to
// (打印本文) is that article's, even at an address no rule leads back
// from: a crawl does not fetch it as an article of its own, and archiving
// it later finds the stored article; one document, the print view among
// its aliases.
func TestPrintViewLinkedFromTheArticle(t *testing.T) {
	for _, how := range []string{"crawl", "archive"} {
		t.Run(how, func(t *testing.T) {
			s := &empirePrint{hits: map[string]int{}}
			srv := httptest.NewServer(s)
			t.Cleanup(srv.Close)
			db := openTestStore(t)
			article, print := srv.URL+"/news/2024-03-15/88.html", srv.URL+empirePrintURL
			switch how {
			case "crawl":
				sum := crawlSites(t, db, fastTransport(time.Millisecond, nil), CrawlOptions{},
					Site{Name: "empire", Seeds: []string{srv.URL + "/news/"}})
				if sum.New != 1 || sum.Failed != 0 {
					t.Errorf("summary %+v, want 1 new", sum)
				}
				if n := s.hitsOf(empirePrintURL); n != 0 {
					t.Errorf("the print view fetched %d times", n)
				}
			case "archive":
				f, err := NewFetcher(t.Context(), fastTransport(time.Millisecond, nil), FetcherOptions{Revisit: true})
				if err != nil {
					t.Fatal(err)
				}
				a := NewArchiver(f, db, ArchiveOptions{})
				for _, u := range []string{article, print} {
					res := a.Archive(t.Context(), u)
					if res.Err != nil {
						t.Fatalf("%s: %v", u, res.Err)
					}
					if res.Doc.URL != article || res.Doc.Version != 1 || len(res.Doc.Pages) != 1 {
						t.Errorf("%s: document %s version %d, %d pages; want %s version 1, 1 page", u, res.Doc.URL, res.Doc.Version, len(res.Doc.Pages), article)
					}
				}
			}
			if n := countDocuments(t, db); n != 1 {
				t.Errorf("%d documents, want 1", n)
			}
			doc, err := db.Document(print, 0)
			if err != nil {
				t.Fatalf("the print view does not find its article: %v", err)
			}
			if doc.URL != article || !slices.Contains(doc.Aliases, print) {
				t.Errorf("document %s with aliases %q; want %s with the print view", doc.URL, doc.Aliases, article)
			}
		})
	}
}

// TestPrintViewRobotsDisallow: a print view robots.txt keeps folio from is
// neither fetched nor recorded as a URL of the article.
func TestPrintViewRobotsDisallow(t *testing.T) {
	s := &empirePrint{hits: map[string]int{}, robots: "User-agent: *\nDisallow: /e/DoPrint/\n"}
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	db := openTestStore(t)
	sum := crawlSites(t, db, fastTransport(time.Millisecond, nil), CrawlOptions{}, Site{Name: "empire", Seeds: []string{srv.URL + "/news/"}})
	if sum.New != 1 || s.hitsOf(empirePrintURL) != 0 {
		t.Fatalf("summary %+v, print view fetched %d times; want 1 new, none", sum, s.hitsOf(empirePrintURL))
	}
	doc, err := db.Document(srv.URL+"/news/2024-03-15/88.html", 0)
	if err != nil {
		t.Fatal(err)
	}
	if slices.Contains(doc.Aliases, srv.URL+empirePrintURL) {
		t.Errorf("aliases %q hold the print view robots.txt disallows", doc.Aliases)
	}
}
