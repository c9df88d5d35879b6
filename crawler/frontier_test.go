package crawler

import (
	"log/slog"
	"testing"

	"folio/store"
)

// TestTakeOrder: a host's next task is this run's find, taking turns with
// the re-checks of stored articles (a seed takes no turn); what an earlier run left comes last
// (met by this run too, it is still taken: colly's visited set answers a
// second fetch from the first); a site that has its
// --max-docs keeps its tasks for the next run while the host's other
// sites go on, and closes the host when only those are left.
func TestTakeOrder(t *testing.T) {
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
	}
	c.seen[urlKey("http://a.test/old-seen")] = struct{}{}
	var got []string
	for t := c.take(h); t != nil; t = c.take(h) {
		got = append(got, t.URL[len("http://a.test/"):])
	}
	want := []string{"seed", "find1", "recheck1", "find2", "recheck2", "old-seen", "old"}
	if len(got) != len(want) {
		t.Fatalf("taken %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("taken %v, want %v", got, want)
		}
	}
	if h.closed != "max-docs" || len(h.tasks) != 1 || h.tasks[0].URL != "http://a.test/capped" {
		t.Errorf("closed %q, left %d tasks; want the capped site's task kept and the host closed", h.closed, len(h.tasks))
	}
}
