package crawler

import (
	"context"
	"sync"
	"time"
)

// gate enforces the per-host politeness rules: a minimum delay between the
// starts of two requests, a limit on requests in flight, and pauses asked
// for by the server (Retry-After).
type gate struct {
	mu       sync.Mutex
	delay    time.Duration // default delay between request starts
	perHost  int
	hosts    map[string]*hostGate
	now      func() time.Time
	sleepCtx func(context.Context, time.Duration) error
}

type hostGate struct {
	delay       time.Duration // max(delay, Crawl-delay)
	inflight    int
	next        time.Time // earliest start of the next request
	pausedUntil time.Time
	freed       chan struct{} // closed and replaced when a slot frees
}

func newGate(delay time.Duration, perHost int) *gate {
	return &gate{
		delay: delay, perHost: max(perHost, 1), hosts: map[string]*hostGate{},
		now: time.Now, sleepCtx: sleepCtx,
	}
}

func (g *gate) host(h string) *hostGate {
	hg := g.hosts[h]
	if hg == nil {
		hg = &hostGate{delay: g.delay, freed: make(chan struct{})}
		g.hosts[h] = hg
	}
	return hg
}

// acquire waits until a request to host may start, then reserves the slot;
// release must be called when the request (body included) is done.
func (g *gate) acquire(ctx context.Context, host string) (release func(), err error) {
	for {
		g.mu.Lock()
		hg := g.host(host)
		now := g.now()
		start := hg.next
		if hg.pausedUntil.After(start) {
			start = hg.pausedUntil
		}
		if hg.inflight < g.perHost && !start.After(now) {
			hg.inflight++
			hg.next = now.Add(hg.delay)
			g.mu.Unlock()
			var once sync.Once
			return func() { once.Do(func() { g.release(host) }) }, nil
		}
		freed := hg.freed
		full := hg.inflight >= g.perHost
		g.mu.Unlock()

		if full {
			select {
			case <-freed:
			case <-ctx.Done():
				return nil, ctx.Err()
			}
			continue
		}
		if err := g.sleepCtx(ctx, start.Sub(now)); err != nil {
			return nil, err
		}
	}
}

func (g *gate) release(host string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	hg := g.host(host)
	hg.inflight--
	close(hg.freed)
	hg.freed = make(chan struct{})
}

// setCrawlDelay raises the host's delay to robots.txt's Crawl-delay.
func (g *gate) setCrawlDelay(host string, d time.Duration) {
	g.mu.Lock()
	defer g.mu.Unlock()
	hg := g.host(host)
	hg.delay = max(g.delay, d)
}

// pause keeps every request to host from starting before until.
func (g *gate) pause(host string, until time.Time) {
	g.mu.Lock()
	defer g.mu.Unlock()
	hg := g.host(host)
	if until.After(hg.pausedUntil) {
		hg.pausedUntil = until
	}
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
