package crawler

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"
)

// progress logs a line every opts.Progress: pages per second, the queue,
// and the hosts' politeness state.
func (c *Crawler) progress(ctx context.Context, start time.Time) (stop func()) {
	if c.opts.Progress <= 0 {
		return func() {}
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(c.opts.Progress)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-ctx.Done():
				return
			case <-tick.C:
				c.logProgress(start)
			}
		}
	}()
	return func() { close(done); wg.Wait() }
}

func (c *Crawler) logProgress(start time.Time) {
	c.mu.Lock()
	queued, pages, docs := 0, c.pageSeen, c.docs
	perHost := map[string]int{}
	for _, h := range c.hosts {
		queued += h.queued()
		perHost[h.name] = h.queued()
	}
	c.mu.Unlock()
	states := c.tr.HostStates()
	sort.Slice(states, func(i, j int) bool { return states[i].Host < states[j].Host })
	var hosts []string
	now := time.Now()
	for _, st := range states {
		s := fmt.Sprintf("%s:%d", st.Host, perHost[st.Host])
		switch {
		case !st.PausedUntil.IsZero():
			s += fmt.Sprintf("(paused %s)", st.PausedUntil.Sub(now).Round(time.Second))
		case st.InFlight > 0:
			s += "(busy)"
		}
		hosts = append(hosts, s)
	}
	if len(hosts) > 6 {
		hosts = append(hosts[:6], fmt.Sprintf("+%d hosts", len(hosts)-6))
	}
	rate := float64(pages) / max(time.Since(start).Seconds(), 0.001)
	c.log.Info("progress", "pages", pages, "pages/s", fmt.Sprintf("%.1f", rate), "docs", docs, "queue", queued, "hosts", strings.Join(hosts, " "))
}
