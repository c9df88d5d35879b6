package crawler

import (
	"hash/fnv"
	"io"
	"sync"

	"github.com/gocolly/colly/v2/storage"
	whatwg "github.com/nlnwa/whatwg-url/url"
)

// visitedStore is colly's Storage during a crawl: colly's visited set,
// scoped to one crawl run and carried across a resume. colly marks a URL
// visited before fetching it; the mark reaches the store only with the
// commit that stores what the fetch produced, so a URL whose fetch was cut
// short by a kill is fetched again by the resumed run, and one whose result
// was stored is not. A new run starts with an empty set: seeds, list pages
// and articles due for a re-check are fetched again. Cookies stay in memory
// for the run.
type visitedStore struct {
	*storage.InMemoryStorage
	mu      sync.Mutex
	visited map[uint64]struct{}
}

func newVisitedStore(marks []uint64) *visitedStore {
	s := &visitedStore{InMemoryStorage: &storage.InMemoryStorage{}, visited: make(map[uint64]struct{}, len(marks))}
	for _, h := range marks {
		s.visited[h] = struct{}{}
	}
	return s
}

// Visited implements storage.Storage.
func (s *visitedStore) Visited(id uint64) error {
	s.mu.Lock()
	s.visited[id] = struct{}{}
	s.mu.Unlock()
	return nil
}

// IsVisited implements storage.Storage.
func (s *visitedStore) IsVisited(id uint64) (bool, error) {
	s.mu.Lock()
	_, ok := s.visited[id]
	s.mu.Unlock()
	return ok, nil
}

// has says whether u, as colly sends it, is marked visited.
func (s *visitedStore) has(u string) bool {
	ok, _ := s.IsVisited(collyHash(u))
	return ok
}

// forget drops a mark: a URL put back into the frontier (its host's
// robots.txt was unreachable) must be fetchable again in this run.
func (s *visitedStore) forget(u string) {
	s.mu.Lock()
	delete(s.visited, collyHash(u))
	s.mu.Unlock()
}

var collyURLParser = whatwg.NewParser(whatwg.WithPercentEncodeSinglePercentSign())

// collyHash is the id colly's visited set files a GET of u under (colly's
// requestHash: FNV-64a of the URL in WHATWG-normalized form). u is the URL
// as colly sent it, which is what a Capture records.
func collyHash(u string) uint64 {
	if p, err := collyURLParser.Parse(u); err == nil {
		u = p.String()
	}
	h := fnv.New64a()
	io.WriteString(h, u)
	return h.Sum64()
}
