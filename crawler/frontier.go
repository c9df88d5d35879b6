package crawler

import (
	"time"

	"folio/extract"
	"folio/store"
)

// The in-memory side of the frontier: per-host queues of tasks (data, not
// goroutines), and the scheduler that runs at most --parallel hosts and
// --per-host tasks per host at once.

// hostQueue is one host's share of the frontier.
type hostQueue struct {
	name  string
	tasks []*task
	later []*task // re-checks of stored articles: after this run's finds
	// carried are the frontier an earlier run left (a limit ended it):
	// after this run's seeds and finds, so that a trap that ended a run on
	// its page budget does not take the next runs' budgets before their
	// seeds and their finds.
	carried []*task
	// revisitTurn: the next task taken is a re-check, when there are
	// both and the budget is half spent (pressed): re-checks take turns
	// with the rest, so that a page budget spent on a trap met this run
	// leaves them their share.
	revisitTurn bool
	active      int
	fetched     int // requests this run, for the budget
	calendars   int
	notBefore   time.Time // robots.txt unreachable: asked again then
	deferrals   int
	closed      string // why the host is done for this run; "" while open
	sitemaps    bool   // robots.txt's sitemaps were queued
}

// push appends a task to its host's queue; c.mu is held or not needed.
func (c *Crawler) push(t *task) {
	if t.Kind == kindSitemap || t.Kind == "" && t.Depth == 0 && !t.Next {
		// A sitemap (robots.txt's, an index's), or the page a seed's stub
		// sends on to: it may move like a seed (followsRedirect).
		c.seeds[canon(t.URL)] = true
	}
	h := c.hostFor(t.URL)
	t.host, t.queue = hostKey(t.URL), h.name
	switch {
	case t.Run != 0 && t.Run != c.run.ID:
		h.carried = append(h.carried, t)
	case t.Kind == kindRevisit:
		h.later = append(h.later, t)
	default:
		h.tasks = append(h.tasks, t)
	}
}

func (c *Crawler) signal() {
	select {
	case c.wake <- struct{}{}:
	default:
	}
}

// pick returns the next task to run, or how long to wait for one, or done
// when nothing is left to do.
func (c *Crawler) pick() (t *task, wait time.Duration, done bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.fatal != nil || (c.opts.MaxDocs > 0 && c.docs >= c.opts.MaxDocs) {
		// Nothing more starts; the tasks running wake the loop as they
		// finish (finish signals).
		return nil, time.Hour, c.active == 0
	}
	now := time.Now()
	wait = time.Hour
	pending := false
	for i := range c.order {
		h := c.order[(c.next+i)%len(c.order)]
		if h.closed != "" || h.queued() == 0 {
			continue
		}
		pending = true
		if h.notBefore.After(now) {
			wait = min(wait, h.notBefore.Sub(now))
			continue
		}
		if h.active >= c.opts.PerHost || (h.active == 0 && c.busy >= c.opts.Parallel) {
			continue
		}
		t := c.take(h)
		if t == nil {
			continue
		}
		if h.active == 0 {
			c.busy++
		}
		h.active++
		c.active++
		c.next = (c.next + i + 1) % len(c.order)
		return t, 0, false
	}
	if c.active > 0 {
		return nil, wait, false
	}
	if pending {
		// take may have closed hosts on the way (budget, max-docs).
		pending = false
		for _, h := range c.order {
			if h.closed == "" && h.queued() > 0 {
				pending = true
			}
		}
	}
	return nil, wait, !pending
}

func (h *hostQueue) queued() int { return len(h.tasks) + len(h.later) + len(h.carried) }

// take pops the host's next task that its site still wants; c.mu is held.
// This run's finds come first, then what an earlier run left, then the
// re-checks of stored articles — which take turns with the others once
// half the host's page budget is spent.
func (c *Crawler) take(h *hostQueue) *task {
	// Tasks of sites that have their --max-docs stay in the frontier for
	// the next run; when nothing but those is left, the host is done.
	var held []*task
	defer func() { h.tasks = append(h.tasks, held...) }()
	for {
		var t *task
		switch {
		case len(h.later) > 0 && (len(h.tasks) == 0 && len(h.carried) == 0 || h.revisitTurn && h.pressed()):
			t = pop(&h.later)
		case len(h.tasks) > 0:
			t = pop(&h.tasks)
		case len(h.carried) > 0:
			t = pop(&h.carried)
		case len(held) > 0:
			h.closed = "max-docs"
			return nil
		default:
			return nil
		}
		if t.Depth > 0 {
			// (A seed is no turn: the turns are between articles, the
			// new and the stored.)
			h.revisitTurn = !h.revisitTurn
		}
		if t.Run != 0 && t.Run != c.run.ID {
			// Carried from an earlier run: this run's now. (Met again
			// and fetched by this run already, it is answered by that
			// fetch; met but not queued — a list's next page its chain
			// stopped before — it is fetched now: that is the backlog.)
			c.seen[urlKey(extract.CanonicalURL(t.URL))] = struct{}{}
			t.origin, t.Run = t.Run, c.run.ID
		}
		if t.site.full() {
			held = append(held, t)
			continue
		}
		if h.fetched >= t.site.HostBudget {
			h.closed = "page budget"
			h.tasks = append([]*task{t}, h.tasks...)
			c.log.Warn("page budget reached; host left for the next run", "host", h.name, "budget", t.site.HostBudget)
			return nil
		}
		return t
	}
}

// pressed says whether the host's page budget is half spent: from then
// on the re-checks of stored articles take turns with the rest, or a trap
// met this run (an endless tag cloud) would leave them nothing. Before,
// new finds and what earlier runs left come first: an article not yet
// archived may be gone tomorrow; a stored one is only looked at again.
func (h *hostQueue) pressed() bool {
	budget := 0
	for _, q := range [][]*task{h.tasks, h.later, h.carried} {
		if len(q) > 0 {
			budget = q[0].site.HostBudget
			break
		}
	}
	return 2*h.fetched >= budget
}

// pop takes the first task of a queue.
func pop(q *[]*task) *task {
	t := (*q)[0]
	(*q)[0] = nil
	*q = (*q)[1:]
	return t
}

// full says whether the site has its --max-docs documents (or slots for
// them taken); c.mu is held.
func (s *siteState) full() bool { return s.MaxDocs > 0 && s.docs >= s.MaxDocs }

// finish releases the task's host.
func (c *Crawler) finish(t *task) {
	c.mu.Lock()
	h := c.hosts[t.queue]
	h.active--
	if h.active == 0 {
		c.busy--
	}
	c.active--
	c.mu.Unlock()
	c.signal()
}

// queue puts committed frontier entries into the in-memory queues.
func (c *Crawler) queue(site *siteState, entries []*store.FrontierEntry) {
	if len(entries) == 0 {
		return
	}
	c.mu.Lock()
	for _, e := range entries {
		c.push(&task{FrontierEntry: *e, site: site})
	}
	c.mu.Unlock()
	c.signal()
}
