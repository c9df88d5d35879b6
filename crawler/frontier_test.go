package crawler

import (
	"log/slog"
	"slices"
	"strings"
	"testing"

	"folio/store"
)

// TestTakeOrder: a host's next task is this run's find, then what an
// earlier run left, then the re-checks of stored articles; once half the
// host's page budget is spent the re-checks take turns with the others (a
// seed takes no turn). An earlier run's entry is taken though this run
// met its URL (colly's visited set answers a second fetch from the
// first). A site that has its --max-docs keeps its tasks for the next run
// while the host's other sites go on, and closes the host when only those
// are left.
func TestTakeOrder(t *testing.T) {
	for _, tc := range []struct {
		fetched int
		want    []string
	}{
		{0, []string{"seed", "find1", "find2", "old-seen", "old", "recheck1", "recheck2"}},
		{50, []string{"seed", "find1", "recheck1", "find2", "recheck2", "old-seen", "old"}},
	} {
		c := &Crawler{seen: map[uint64]struct{}{}, run: store.CrawlRun{ID: 2}, log: slog.New(slog.DiscardHandler)}
		open := &siteState{Site: Site{HostBudget: 100}}
		full := &siteState{Site: Site{HostBudget: 100, MaxDocs: 1}, docs: 1}
		mk := func(u string, run uint64, kind string, s *siteState) *task {
			return &task{FrontierEntry: store.FrontierEntry{URL: "http://a.test/" + u, Run: run, Kind: kind, Seq: uint64(len(u)), Depth: 1}, site: s}
		}
		seed := mk("seed", 2, "", open)
		seed.Depth = 0
		h := &hostQueue{
			tasks:   []*task{seed, mk("find1", 2, "", open), mk("find2", 2, "", open), mk("capped", 2, "", full)},
			later:   []*task{mk("recheck1", 2, kindRevisit, open), mk("recheck2", 2, kindRevisit, open)},
			carried: []*task{mk("old-seen", 1, "", open), mk("old", 1, "", open)},
			fetched: tc.fetched,
		}
		c.seen[urlKey("http://a.test/old-seen")] = struct{}{}
		var got []string
		for tk := c.take(h); tk != nil; tk = c.take(h) {
			got = append(got, tk.URL[len("http://a.test/"):])
			// What an earlier run left is this run's now, and remembers
			// that run: the links it leads to wait with it.
			if carried := strings.HasPrefix(tk.URL, "http://a.test/old"); tk.Run != 2 || carried != (tk.origin == 1) {
				t.Errorf("%s taken as run %d, from run %d", tk.URL, tk.Run, tk.origin)
			}
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%d fetched of a budget of 100: taken %v, want %v", tc.fetched, got, tc.want)
		}
		if h.closed != "max-docs" || len(h.tasks) != 1 || h.tasks[0].URL != "http://a.test/capped" {
			t.Errorf("closed %q, left %d tasks; want the capped site's task kept and the host closed", h.closed, len(h.tasks))
		}
	}
}
