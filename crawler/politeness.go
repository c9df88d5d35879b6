package crawler

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"slices"
	"strings"
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
	// notBefore: a host met for the first time waits its delay from here
	// (a killed run's last requests are not all known to the run that
	// resumes it).
	notBefore time.Time
}

type hostGate struct {
	base        time.Duration // the host's own delay (a site's, else the default)
	crawlDelay  time.Duration // robots.txt's Crawl-delay
	delay       time.Duration // max(base, crawlDelay)
	inflight    int
	started     int       // requests started
	lastStart   time.Time // start of the latest request
	next        time.Time // earliest start of the next request
	pausedUntil time.Time
	freed       chan struct{} // closed and replaced when a slot frees
	// carried is the delay an earlier run's pace held the host to, kept
	// in this run's pace while the host is not asked (resume).
	carried time.Duration
}

func newGate(delay time.Duration, perHost int) *gate {
	return &gate{
		delay: delay, perHost: max(perHost, 1), hosts: map[string]*hostGate{},
		now: time.Now, sleepCtx: sleepCtx,
	}
}

func (g *gate) host(h string) *hostGate {
	h = gateKey(h)
	hg := g.hosts[h]
	if hg == nil {
		hg = &hostGate{base: g.delay, delay: g.delay, freed: make(chan struct{})}
		if !g.notBefore.IsZero() {
			hg.lastStart, hg.next = g.notBefore, g.notBefore.Add(hg.delay)
		}
		g.hosts[h] = hg
	}
	return hg
}

// gateKey is the name of the server a host names: X.gov.cn and x.gov.cn:80
// are one server, with one delay and one request at a time. (Another port
// may be another server, and keeps its own gate.)
func gateKey(host string) string {
	host = strings.ToLower(host)
	name, port, err := net.SplitHostPort(host)
	if err != nil { // no port
		return strings.TrimSuffix(host, ".") // the root's dot: x.gov.cn. is x.gov.cn
	}
	name = strings.TrimSuffix(name, ".")
	if port == "80" || port == "443" {
		if strings.Contains(name, ":") {
			return "[" + name + "]" // an IPv6 literal keeps its brackets
		}
		return name
	}
	return net.JoinHostPort(name, port)
}

// acquire waits until a request to host may start, then reserves the slot;
// release must be called when the request (body included) is done. A host
// paused for longer than maxPause is not waited for: acquire fails at once
// with ErrHostPaused (maxPause 0: wait however long).
func (g *gate) acquire(ctx context.Context, host string, maxPause time.Duration) (start time.Time, release func(), err error) {
	for {
		g.mu.Lock()
		hg := g.host(host)
		now := g.now()
		if maxPause > 0 && hg.pausedUntil.Sub(now) > maxPause {
			until := hg.pausedUntil
			g.mu.Unlock()
			return time.Time{}, nil, fmt.Errorf("%w until %s", ErrHostPaused, until.UTC().Format(time.RFC3339))
		}
		start := hg.next
		if hg.pausedUntil.After(start) {
			start = hg.pausedUntil
		}
		if hg.inflight < g.perHost && !start.After(now) {
			hg.inflight++
			hg.started++
			hg.lastStart = now
			hg.next = now.Add(hg.delay)
			g.mu.Unlock()
			var once sync.Once
			return now, func() { once.Do(func() { g.release(host) }) }, nil
		}
		freed := hg.freed
		full := hg.inflight >= g.perHost
		g.mu.Unlock()

		if full {
			select {
			case <-freed:
			case <-ctx.Done():
				return time.Time{}, nil, ctx.Err()
			}
			continue
		}
		if err := g.sleepCtx(ctx, start.Sub(now)); err != nil {
			return time.Time{}, nil, err
		}
	}
}

// sent counts the host's delay from now, when the request reserved at
// acquire was written to the connection, if that is later.
func (g *gate) sent(host string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	hg := g.host(host)
	now := g.now()
	if now.After(hg.lastStart) {
		hg.lastStart = now // a Crawl-delay learnt later counts from here too
	}
	if next := now.Add(hg.delay); next.After(hg.next) {
		hg.next = next
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

// setCrawlDelay raises the host's delay to robots.txt's Crawl-delay. It
// holds from the request that read robots.txt on: the first page waits
// the Crawl-delay after it.
func (g *gate) setCrawlDelay(host string, d time.Duration) {
	g.mu.Lock()
	defer g.mu.Unlock()
	hg := g.host(host)
	hg.crawlDelay = d
	hg.setDelay()
}

// setHostDelay sets the host's own delay (a configured site's), in place
// of the default; Crawl-delay still wins when longer.
func (g *gate) setHostDelay(host string, d time.Duration) {
	g.mu.Lock()
	defer g.mu.Unlock()
	hg := g.host(host)
	hg.base = d
	hg.setDelay()
}

func (hg *hostGate) setDelay() {
	hg.delay = max(hg.base, hg.crawlDelay)
	if !hg.lastStart.IsZero() {
		if next := hg.lastStart.Add(hg.delay); next.After(hg.next) {
			hg.next = next
		}
	}
}

// Pace is what the next run needs to know of this one's pacing, so that
// the delay holds between its last requests and the next run's first: the
// hosts' latest request starts and the delays then in force. At is when
// it was taken; Final says no request started after that (the run had
// stopped). (A Retry-After pause is not kept: the URLs it deferred are
// the next run's to try, and a server that is still busy says so again.)
type Pace struct {
	At    time.Time `json:"at"`
	Final bool      `json:"final,omitempty"`
	// Every is how often the run took its pace while it ran: a killed
	// run may have sent requests that long after At.
	Every time.Duration       `json:"every,omitempty"`
	Hosts map[string]HostPace `json:"hosts,omitempty"`
}

// HostPace is one host's pacing: its last request start, the delay then
// in force, and of it the site's own (the delay without robots.txt's
// Crawl-delay).
type HostPace struct {
	Last  time.Time     `json:"last"`
	Delay time.Duration `json:"delay"`
	Base  time.Duration `json:"base,omitempty"`
}

const (
	// maxPaceHosts bounds the hosts a Pace keeps: the most recently asked.
	maxPaceHosts = 1000
	// maxResumeWait bounds the wait a saved pace imposes on the next run:
	// a Crawl-delay of an hour robots.txt has since dropped, a clock set
	// back, do not hold a night's run for longer.
	maxResumeWait = 10 * time.Minute
)

// pace returns the gate's pacing now: of the hosts asked anything, and of
// those an earlier run's pace still binds (archive a, archive b, archive
// a: the second keeps the first's delay for a).
func (g *gate) pace(final bool) Pace {
	g.mu.Lock()
	defer g.mu.Unlock()
	p := Pace{At: g.now(), Final: final, Hosts: map[string]HostPace{}}
	type entry struct {
		name string
		HostPace
	}
	var all []entry
	for name, hg := range g.hosts {
		switch {
		case hg.started > 0:
			all = append(all, entry{name, HostPace{Last: hg.lastStart, Delay: hg.delay, Base: hg.base}})
		case !hg.lastStart.IsZero() && hg.next.After(p.At):
			all = append(all, entry{name, HostPace{Last: hg.lastStart, Delay: max(hg.delay, hg.carried), Base: hg.base}})
		}
	}
	if len(all) > maxPaceHosts {
		slices.SortFunc(all, func(a, b entry) int { return b.Last.Compare(a.Last) })
		all = all[:maxPaceHosts]
	}
	for _, e := range all {
		p.Hosts[e.name] = e.HostPace
	}
	return p
}

// resume paces the hosts as an earlier run left them. A run that was
// killed may have started requests after its pace was taken, up to
// p.Every later: every host waits its delay from then too. Times in the
// future (a clock set back since) count as now, and no wait is longer
// than maxResumeWait. noCrawlDelay: this run ignores robots.txt, and the
// Crawl-delay the earlier run kept to with it.
func (g *gate) resume(p Pace, noCrawlDelay bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	now := g.now()
	since := time.Time{}
	if !p.Final && !p.At.IsZero() {
		since = earlier(p.At.Add(p.Every), now)
		g.notBefore = since
	}
	for name, hp := range p.Hosts {
		hg := g.host(name)
		last := hp.Last
		if last.Before(since) {
			last = since
		}
		last = earlier(last, now)
		delay := hp.Delay
		if noCrawlDelay && hp.Base > 0 {
			delay = hp.Base
		}
		hg.lastStart, hg.carried = last, delay
		if next := earlier(last.Add(max(delay, hg.delay)), now.Add(maxResumeWait)); next.After(hg.next) {
			hg.next = next
		}
	}
}

// PaceStore keeps the hosts' pacing between runs.
type PaceStore interface {
	Pace() (json.RawMessage, error)
	SavePace(pace any) error
}

func earlier(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

// ResumePace paces tr's hosts as the last crawl or archive on db left
// them.
func ResumePace(db PaceStore, tr *Transport) error {
	data, err := db.Pace()
	if err != nil || len(data) == 0 {
		return err
	}
	var p Pace
	if json.Unmarshal(data, &p) == nil { // (an unreadable pace is no reason not to crawl)
		tr.Resume(p)
	}
	return nil
}

// KeepPace keeps tr's pacing in db for the next crawl or archive, once
// no request will start any more.
func KeepPace(db PaceStore, tr *Transport) error {
	return db.SavePace(tr.Pace(true))
}

// HostState is what progress reports say about a host.
type HostState struct {
	Host        string
	Delay       time.Duration // in force: max(delay, Crawl-delay)
	InFlight    int
	Requests    int
	PausedUntil time.Time // zero unless paused (Retry-After, backoff)
}

func (g *gate) states() []HostState {
	g.mu.Lock()
	defer g.mu.Unlock()
	now := g.now()
	out := make([]HostState, 0, len(g.hosts))
	for name, hg := range g.hosts {
		st := HostState{Host: name, Delay: hg.delay, InFlight: hg.inflight, Requests: hg.started}
		if hg.pausedUntil.After(now) {
			st.PausedUntil = hg.pausedUntil
		}
		out = append(out, st)
	}
	return out
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

// pausedBeyond says whether host is paused for longer than d from now.
func (g *gate) pausedBeyond(host string, d time.Duration) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.host(host).pausedUntil.Sub(g.now()) > d
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
