package crawler

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeClock stands in for the gate's clock: sleeping moves it on at once,
// so a test of the gate's waits takes no time and reads no real clock.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	sleeps int
	asked  chan struct{} // if not nil, told of each reading of the clock
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.asked != nil {
		select {
		case c.asked <- struct{}{}:
		default:
		}
	}
	return c.now
}

// tellReadings makes the clock tell ch each time it is read (nil: stop).
func (c *fakeClock) tellReadings(ch chan struct{}) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.asked = ch
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func (c *fakeClock) ResetSleeps() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sleeps = 0
}

// errSleptTooOften ends an acquire that keeps sleeping without starting.
var errSleptTooOften = errors.New("the gate slept a hundred times without starting")

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.sleeps++; c.sleeps > 100 {
		return errSleptTooOften
	}
	if d > 0 {
		c.now = c.now.Add(d)
	}
	return nil
}

// A gateStep is one thing done to the gate in a TestGate case.
type gateStep struct {
	op   gateOp
	host string
	d    time.Duration // the delay set, the pause's length, the clock's advance, acquire's maxPause
	want time.Duration // acquire, handoff: the start, from the case's beginning; delayIs: the delay
	err  error         // acquire: the error wanted
}

type gateOp int

const (
	opAcquire      gateOp = iota // acquire(host, maxPause d): starts at want, or fails with err
	opBlocked                    // acquire(host) with a cancelled context: must not start now
	opRelease                    // release the oldest slot held on host (as spelt)
	opReleaseAgain               // call the latest release once more
	opHandoff                    // acquire(host) waits for a slot; release the oldest slot of host; it starts at want
	opCrawlDelay                 // setCrawlDelay(host, d)
	opHostDelay                  // setHostDelay(host, d)
	opPause                      // pause(host, now+d)
	opAdvance                    // the clock moves on by d
	opDelayIs                    // the delay in force for the host is want (states)
	opSent                       // sent(host): the request reserved was written now
)

// The steps, as the cases read them.

func stepAcquire(host string, at time.Duration) gateStep {
	return gateStep{op: opAcquire, host: host, want: at}
}

func stepAcquireWithin(host string, maxPause, at time.Duration) gateStep {
	return gateStep{op: opAcquire, host: host, d: maxPause, want: at}
}

func stepAcquireFails(host string, maxPause time.Duration, err error) gateStep {
	return gateStep{op: opAcquire, host: host, d: maxPause, err: err}
}

func stepBlocked(host string) gateStep {
	return gateStep{op: opBlocked, host: host}
}

func stepRelease(host string) gateStep {
	return gateStep{op: opRelease, host: host}
}

func stepHandoff(host string, at time.Duration) gateStep {
	return gateStep{op: opHandoff, host: host, want: at}
}

func stepCrawlDelay(host string, d time.Duration) gateStep {
	return gateStep{op: opCrawlDelay, host: host, d: d}
}

func stepHostDelay(host string, d time.Duration) gateStep {
	return gateStep{op: opHostDelay, host: host, d: d}
}

func stepPause(host string, d time.Duration) gateStep {
	return gateStep{op: opPause, host: host, d: d}
}

func stepAdvance(d time.Duration) gateStep {
	return gateStep{op: opAdvance, d: d}
}

func stepSent(host string) gateStep {
	return gateStep{op: opSent, host: host}
}

func stepDelayIs(host string, d time.Duration) gateStep {
	return gateStep{op: opDelayIs, host: host, want: d}
}

// TestGate drives the politeness gate on a fake clock: when each request
// may start, given the delay, the requests in flight, Crawl-delay, a
// site's own delay, Retry-After pauses and the spellings of one host.
func TestGate(t *testing.T) {
	const sec = time.Second
	for _, tc := range []struct {
		name    string
		delay   time.Duration
		perHost int
		steps   []gateStep
	}{
		{
			name: "the delay is between starts", delay: 2 * sec, perHost: 1,
			steps: []gateStep{
				stepAcquire("a.test", 0), stepRelease("a.test"),
				stepAcquire("a.test", 2*sec), // waits out the delay
				stepAdvance(3 * sec), stepRelease("a.test"),
				stepAcquire("a.test", 5*sec), // the delay passed while it ran
				stepRelease("a.test"),
			},
		},
		{
			name: "the delay counts from the request as sent", delay: 2 * sec, perHost: 1,
			steps: []gateStep{
				stepAcquire("a.test", 0),
				stepAdvance(sec / 2), stepSent("a.test"), // written half a second after its slot
				stepRelease("a.test"),
				stepAcquire("a.test", 2*sec+sec/2), stepSent("a.test"), stepRelease("a.test"),
				stepAcquire("a.test", 4*sec+sec/2), // sent at once: as reserved
			},
		},
		{
			name: "a Crawl-delay learnt from robots.txt counts from its send", delay: 0, perHost: 1,
			steps: []gateStep{
				stepAcquire("a.test", 0), stepAdvance(sec / 2), stepSent("a.test"),
				stepCrawlDelay("a.test", 10*sec), stepRelease("a.test"),
				stepAcquire("a.test", 10*sec+sec/2),
			},
		},
		{
			name: "hosts do not wait for each other", delay: 2 * sec, perHost: 1,
			steps: []gateStep{
				stepAcquire("a.test", 0), stepAcquire("b.test", 0),
				stepRelease("a.test"), stepRelease("b.test"),
				stepAcquire("b.test", 2*sec),
			},
		},
		{
			name: "one request at a time", delay: 0, perHost: 1,
			steps: []gateStep{
				stepAcquire("a.test", 0),
				stepBlocked("a.test"),
				stepRelease("a.test"),
				stepAcquire("a.test", 0),
				stepHandoff("a.test", 0), // a waiter starts when the slot frees
			},
		},
		{
			name: "a second release of one slot frees nothing", delay: 0, perHost: 1,
			steps: []gateStep{
				stepAcquire("a.test", 0),
				stepRelease("a.test"),
				{op: opReleaseAgain},
				stepAcquire("a.test", 0),
				stepBlocked("a.test"),
			},
		},
		{
			name: "perHost 2 without a delay", delay: 0, perHost: 2,
			steps: []gateStep{
				stepAcquire("a.test", 0), stepAcquire("a.test", 0),
				stepBlocked("a.test"),
				stepRelease("a.test"),
				stepAcquire("a.test", 0),
				stepBlocked("a.test"),
			},
		},
		{
			name: "perHost 2 still spaces the starts", delay: 1 * sec, perHost: 2,
			steps: []gateStep{
				stepAcquire("a.test", 0),
				stepAcquire("a.test", 1*sec), // a free slot, but the delay holds
				stepBlocked("a.test"),        // both slots taken
				stepAdvance(5 * sec),
				stepBlocked("a.test"), // however long it waits
				stepHandoff("a.test", 6*sec),
			},
		},
		{
			name: "perHost 0 is 1", delay: 0, perHost: 0,
			steps: []gateStep{stepAcquire("a.test", 0), stepBlocked("a.test")},
		},
		{
			name: "Crawl-delay holds from the request that read robots.txt", delay: 1 * sec, perHost: 1,
			steps: []gateStep{
				stepAcquire("a.test", 0), // robots.txt
				stepCrawlDelay("a.test", 5*sec),
				stepRelease("a.test"),
				stepDelayIs("a.test", 5*sec),
				stepAcquire("a.test", 5*sec), // the first page
				stepRelease("a.test"),
				stepAcquire("a.test", 10*sec),
			},
		},
		{
			name: "Crawl-delay read before any request", delay: 1 * sec, perHost: 1,
			steps: []gateStep{
				stepCrawlDelay("a.test", 3*sec),
				stepAcquire("a.test", 0), stepRelease("a.test"),
				stepAcquire("a.test", 3*sec),
			},
		},
		{
			name: "a shorter Crawl-delay does not shorten the delay", delay: 2 * sec, perHost: 1,
			steps: []gateStep{
				stepAcquire("a.test", 0),
				stepCrawlDelay("a.test", sec/2),
				stepRelease("a.test"),
				stepDelayIs("a.test", 2*sec),
				stepAcquire("a.test", 2*sec),
			},
		},
		{
			name: "a site's own delay, and a longer Crawl-delay over it", delay: 1 * sec, perHost: 1,
			steps: []gateStep{
				stepHostDelay("a.test", 3*sec),
				stepAcquire("a.test", 0), stepRelease("a.test"),
				stepAcquire("a.test", 3*sec), // the site's delay, not the default
				stepCrawlDelay("a.test", 2*sec),
				stepRelease("a.test"),
				stepAcquire("a.test", 6*sec), // the site's delay is longer
				stepCrawlDelay("a.test", 4*sec),
				stepRelease("a.test"),
				stepAcquire("a.test", 10*sec), // Crawl-delay is longer
				stepRelease("a.test"),
				stepAcquire("b.test", 10*sec), stepRelease("b.test"),
				stepAcquire("b.test", 11*sec), // other hosts keep the default
			},
		},
		{
			name: "a pause shorter than maxPause is waited for", delay: 1 * sec, perHost: 1,
			steps: []gateStep{
				stepAcquire("a.test", 0), stepRelease("a.test"),
				stepPause("a.test", 30*sec),
				stepAcquireWithin("a.test", time.Minute, 30*sec),
				stepRelease("a.test"),
				stepAcquireWithin("a.test", time.Minute, 31*sec), // the delay after it
			},
		},
		{
			name: "a pause longer than maxPause fails at once", delay: 1 * sec, perHost: 1,
			steps: []gateStep{
				stepPause("a.test", 2*time.Hour),
				stepAcquireFails("a.test", time.Hour, ErrHostPaused),
				stepAcquire("b.test", 0),         // other hosts go on
				stepPause("a.test", time.Minute), // a shorter pause shortens nothing
				stepAcquireFails("a.test", time.Hour, ErrHostPaused),
				stepAdvance(90 * time.Minute), // now within maxPause
				stepAcquireWithin("a.test", time.Hour, 2*time.Hour),
			},
		},
		{
			name: "maxPause 0 waits however long", delay: 1 * sec, perHost: 1,
			steps: []gateStep{
				stepPause("a.test", 48*time.Hour),
				stepAcquireWithin("a.test", 0, 48*time.Hour),
			},
		},
		{
			name: "one gate however the host is spelt", delay: 2 * sec, perHost: 1,
			steps: []gateStep{
				stepAcquire("X.gov.cn", 0),
				stepBlocked("x.gov.cn:80"),
				stepBlocked("x.gov.cn."),
				stepBlocked("x.GOV.cn:443"),
				stepRelease("X.gov.cn"),
				stepAcquire("x.gov.cn:80", 2*sec),
				stepRelease("x.gov.cn:80"),
				stepAcquire("x.gov.cn.", 4*sec),
				stepAcquire("x.gov.cn:8080", 4*sec), // at once: another port, maybe another server
				stepCrawlDelay("X.GOV.CN", 5*sec),
				stepDelayIs("x.gov.cn", 5*sec),
				stepRelease("x.gov.cn."),
				stepAcquire("x.gov.cn:443", 9*sec),
				stepPause("x.gov.cn.", time.Hour),
				stepAcquireFails("X.gov.cn:80", time.Minute, ErrHostPaused),
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			runGateSteps(t, tc.delay, tc.perHost, tc.steps)
		})
	}
}

// runGateSteps runs the steps on a new gate with a fake clock.
func runGateSteps(t *testing.T, delay time.Duration, perHost int, steps []gateStep) {
	t0 := time.Date(2026, 3, 1, 2, 0, 0, 0, time.UTC)
	clock := &fakeClock{now: t0}
	g := newGate(delay, perHost)
	g.now, g.sleepCtx = clock.Now, clock.Sleep
	held := map[string][]func(){} // each host's releases, oldest first, by spelling
	var last func()               // the latest release called

	// A gate that never lets a request start would hang the test; this
	// bounds the wait of a broken gate, it times nothing.
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
	defer cancel()
	takeOldest := func(host string) func() {
		if len(held[host]) == 0 {
			t.Fatalf("no slot of %s held to release", host)
		}
		rel := held[host][0]
		held[host] = held[host][1:]
		return rel
	}

	for i, s := range steps {
		where := fmt.Sprintf("step %d (%s)", i, s.host)
		switch s.op {
		case opAcquire:
			clock.ResetSleeps()
			start, rel, err := g.acquire(ctx, s.host, s.d)
			switch {
			case s.err != nil:
				if !errors.Is(err, s.err) {
					t.Fatalf("%s: acquire: %v, want %v", where, err, s.err)
				}
				if rel != nil {
					t.Fatalf("%s: a failed acquire returned a release", where)
				}
			case err != nil:
				t.Fatalf("%s: acquire: %v", where, err)
			default:
				if got := start.Sub(t0); got != s.want {
					t.Fatalf("%s: started at +%s, want +%s", where, got, s.want)
				}
				if now := clock.Now(); !start.Equal(now) {
					t.Fatalf("%s: start %s is not the clock's time %s", where, start.Sub(t0), now.Sub(t0))
				}
				held[s.host] = append(held[s.host], rel)
			}
		case opBlocked:
			ctx, cancel := context.WithCancel(t.Context())
			cancel()
			before := clock.Now()
			_, rel, err := g.acquire(ctx, s.host, 0)
			if err == nil {
				rel()
				t.Fatalf("%s: a request started at +%s, want none to start now", where, before.Sub(t0))
			}
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("%s: acquire: %v, want context.Canceled", where, err)
			}
			if !clock.Now().Equal(before) {
				t.Fatalf("%s: a cancelled acquire moved the clock", where)
			}
		case opRelease:
			last = takeOldest(s.host)
			last()
		case opReleaseAgain:
			if last == nil {
				t.Fatalf("%s: nothing released yet", where)
			}
			last()
		case opHandoff:
			type result struct {
				start time.Time
				rel   func()
				err   error
			}
			done := make(chan result, 1)
			asked := make(chan struct{}, 1)
			clock.tellReadings(asked)
			go func() {
				start, rel, err := g.acquire(ctx, s.host, 0)
				done <- result{start, rel, err}
			}()
			// The acquire reads the clock under the gate's lock; once the
			// lock is free again it waits for a slot, and only the
			// release can wake it.
			<-asked
			clock.tellReadings(nil)
			g.mu.Lock() // an empty critical section: it waits for the acquire to unlock
			g.mu.Unlock()
			last = takeOldest(s.host)
			last()
			r := <-done
			if r.err != nil {
				t.Fatalf("%s: the waiting acquire: %v", where, r.err)
			}
			if got := r.start.Sub(t0); got != s.want {
				t.Fatalf("%s: the waiting request started at +%s, want +%s", where, got, s.want)
			}
			held[s.host] = append(held[s.host], r.rel)
		case opSent:
			g.sent(s.host)
		case opCrawlDelay:
			g.setCrawlDelay(s.host, s.d)
		case opHostDelay:
			g.setHostDelay(s.host, s.d)
		case opPause:
			g.pause(s.host, clock.Now().Add(s.d))
		case opAdvance:
			clock.Advance(s.d)
		case opDelayIs:
			found := false
			for _, st := range g.states() {
				if st.Host == s.host {
					found = true
					if st.Delay != s.want {
						t.Fatalf("%s: delay in force %s, want %s", where, st.Delay, s.want)
					}
				}
			}
			if !found {
				t.Fatalf("%s: no state for the host", where)
			}
		default:
			t.Fatalf("%s: unknown op %d", where, s.op)
		}
	}
}

// TestGateResumeBounds: a saved pace from a clock set back since (its
// last request in the future) or with a Crawl-delay of an hour holds the
// next run for no longer than maxResumeWait; with --ignore-robots the
// saved Crawl-delay is not kept; and a host an earlier run's pace binds
// stays in the pace of a run that did not ask it.
func TestGateResumeBounds(t *testing.T) {
	const sec = time.Second
	t0 := time.Date(2026, 3, 1, 2, 0, 0, 0, time.UTC)
	p := Pace{At: t0, Final: true, Hosts: map[string]HostPace{
		"future.test": {Last: t0.Add(24 * time.Hour), Delay: sec, Base: sec},
		"slow.test":   {Last: t0, Delay: time.Hour, Base: sec},
		"near.test":   {Last: t0, Delay: 5 * sec, Base: 5 * sec},
	}}
	for _, tc := range []struct {
		name         string
		noCrawlDelay bool
		want         map[string]time.Duration
	}{
		{"keeping robots.txt", false, map[string]time.Duration{"future.test": sec, "slow.test": maxResumeWait, "near.test": 5 * sec}},
		{"--ignore-robots", true, map[string]time.Duration{"future.test": sec, "slow.test": sec, "near.test": 5 * sec}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			clock := &fakeClock{now: t0}
			g := newGate(0, 1)
			g.now, g.sleepCtx = clock.Now, clock.Sleep
			g.resume(p, tc.noCrawlDelay)
			for h, want := range tc.want {
				clock.mu.Lock()
				clock.now, clock.sleeps = t0, 0
				clock.mu.Unlock()
				at, rel, err := g.acquire(t.Context(), h, 0)
				if err != nil {
					t.Fatal(err)
				}
				rel()
				if got := at.Sub(t0); got != want {
					t.Errorf("%s: first start at +%s, want +%s", h, got, want)
				}
			}
		})
	}
	// A run that asks only other hosts keeps the pace that still binds.
	clock := &fakeClock{now: t0.Add(2 * sec)}
	g := newGate(0, 1)
	g.now, g.sleepCtx = clock.Now, clock.Sleep
	g.resume(p, false)
	if hp, ok := g.pace(true).Hosts["near.test"]; !ok || hp.Delay != 5*sec || !hp.Last.Equal(t0) {
		t.Errorf("near.test, due again only at +5s: %+v in the pace taken at +2s; want its last start and delay as saved", hp)
	}
}

// TestGateResume: the delay holds between the last requests of one run
// and the first of the next, across processes; after a kill, from what the
// killed run may have done after it last took its pace.
func TestGateResume(t *testing.T) {
	const sec = time.Second
	t0 := time.Date(2026, 3, 1, 2, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name  string
		final bool
		want  map[string]time.Duration // each host's first start in the next run, from t0
	}{
		// The run stopped: its last starts are all there is.
		{name: "after a finished run", final: true,
			want: map[string]time.Duration{"a.test": 10 * sec, "b.test": 1 * sec, "c.test": sec * 8 / 10}},
		// Killed at +0.8s, its pace taken at +0.5s: a request may have
		// started to any host until the kill.
		{name: "after a kill", final: false,
			want: map[string]time.Duration{"a.test": 10*sec + sec*8/10, "b.test": sec + sec*8/10, "c.test": sec + sec*8/10}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			clock := &fakeClock{now: t0}
			g := newGate(sec, 1)
			g.now, g.sleepCtx = clock.Now, clock.Sleep
			for _, h := range []string{"a.test", "b.test"} {
				_, rel, err := g.acquire(t.Context(), h, 0)
				if err != nil {
					t.Fatal(err)
				}
				rel()
			}
			g.setCrawlDelay("a.test", 10*sec)
			clock.Advance(sec / 2)
			p := g.pace(tc.final)
			p.Every = sec                // as a crawl's saver sets it
			data, err := json.Marshal(p) // as the store keeps it
			if err != nil {
				t.Fatal(err)
			}

			clock.Advance(sec * 3 / 10) // the next run starts
			var back Pace
			if err := json.Unmarshal(data, &back); err != nil {
				t.Fatal(err)
			}
			next := newGate(sec, 1)
			next.now, next.sleepCtx = clock.Now, clock.Sleep
			next.resume(back, false)
			start := clock.Now()
			for _, h := range []string{"a.test", "b.test", "c.test"} {
				clock.mu.Lock()
				clock.now, clock.sleeps = start, 0
				clock.mu.Unlock()
				at, rel, err := next.acquire(t.Context(), h, 0)
				if err != nil {
					t.Fatal(err)
				}
				rel()
				if got := at.Sub(t0); got != tc.want[h] {
					t.Errorf("%s: first start at +%s, want +%s", h, got, tc.want[h])
				}
			}
		})
	}
}

// TestSavedPaceWaitEndsWithTheRun: the wait a saved pace imposes on a
// host's first request (robots.txt, which colly sends without a context
// of its own) ends when the run's context does: Ctrl-C is not held up by
// a delay of minutes.
func TestSavedPaceWaitEndsWithTheRun(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "<html><body>ok</body></html>")
	}))
	t.Cleanup(srv.Close)
	host := strings.TrimPrefix(srv.URL, "http://")
	tr := fastTransport(0, nil)
	tr.Resume(Pace{At: time.Now(), Final: true, Hosts: map[string]HostPace{host: {Last: time.Now(), Delay: 5 * time.Minute}}})
	ctx, cancel := context.WithCancel(t.Context())
	f, err := NewFetcher(ctx, tr, FetcherOptions{Revisit: true})
	if err != nil {
		t.Fatal(err)
	}
	time.AfterFunc(100*time.Millisecond, cancel)
	done := make(chan error, 1)
	go func() {
		_, err := f.Fetch(srv.URL+"/a.html", nil)
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil {
			t.Errorf("the fetch went through a 5-minute wait")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the fetch still waits 10 s after the run was cancelled")
	}
}
