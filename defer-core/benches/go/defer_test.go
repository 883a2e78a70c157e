// Package deferbench measures Go's own `defer` on the scenarios of
// defer-core/benches/compare.rs (issue #7), so Go's numbers can be printed
// beside with_defer's on the same machine.
//
// Every benchmark is BenchmarkCompare/{scenario}/{variant}, the same id as
// the Rust bench's compare/{scenario}/{variant}:
//
//   - variant with_defer:  Go's `defer` statement;
//   - variant handwritten: the same sink calls written out by hand, newest
//     first, at every exit (no defer).
//
// The work is sink(n), a non-inlined function doing an atomic add on a
// package-level counter. As in compare.rs, each function is called through
// a func value taken from a package-level table, with its argument read from
// that table, and every measured function is //go:noinline, so nothing
// constant-folds and every call is a real call (Go never inlines a function
// containing `defer` anyway; the handwritten ones are kept out of line to
// match).
//
// Scenarios:
//   - one:        one defer around x*3 with an early return when x == 0
//     (the lock/unlock shape); open-coded defer.
//   - eight:      eight defers sink(1)..sink(8), run in reverse at exit;
//     open-coded (Go's limit is 8 defers).
//   - nine:       nine defers; past the open-coded limit, so Go uses
//     stack-allocated defer records (deferprocStack + deferreturn).
//   - loop_N:     `for i := 0; i < n; i++ { defer sink(uint64(i)) }` for
//     n = 1, 10, 1000; a defer in a loop is heap-allocated (deferproc).
//   - named:      `defer func() { r++; sink(1) }()` on a named result.
//   - panic_1/8:  the body panics through 1 / 8 defers; the first-registered
//     defer recovers (`recover(); sink(1)`) and the function returns
//     normally, returning 0. The panic value is a preallocated error, so
//     panic() itself does not allocate. The handwritten variant for the
//     panic scenarios is the same cleanup calls (sink(8)..sink(1), resp.
//     sink(1)) with no defer and no panic: Go has no cheaper way to run
//     cleanup on a panic, so this is the cost without the panic. (Rust's
//     reference there is catch_unwind, a different thing: compare ratios
//     with care.)
//
// Run (or use ../vs-go.sh, which also runs the Rust side and prints a table):
//
//	cd defer-core/benches/go && go test -bench . -count 3 -run '^$'
package deferbench

import (
	"errors"
	"sync/atomic"
	"testing"
)

var counter uint64

//go:noinline
func sink(n uint64) { atomic.AddUint64(&counter, n) }

var (
	errBoom = errors.New("boom")
	result  uint64 // keeps results alive
)

// ---- one ----

//go:noinline
func oneDefer(x uint64) uint64 {
	defer sink(1)
	if x == 0 {
		return 0
	}
	return x * 3
}

//go:noinline
func oneDirect(x uint64) uint64 {
	if x == 0 {
		sink(1)
		return 0
	}
	r := x * 3
	sink(1)
	return r
}

// ---- eight ----

//go:noinline
func eightDefer(x uint64) uint64 {
	defer sink(1)
	defer sink(2)
	defer sink(3)
	defer sink(4)
	defer sink(5)
	defer sink(6)
	defer sink(7)
	defer sink(8)
	return x * 3
}

//go:noinline
func eightDirect(x uint64) uint64 {
	r := x * 3
	sink(8)
	sink(7)
	sink(6)
	sink(5)
	sink(4)
	sink(3)
	sink(2)
	sink(1)
	return r
}

// ---- nine ----

//go:noinline
func nineDefer(x uint64) uint64 {
	defer sink(1)
	defer sink(2)
	defer sink(3)
	defer sink(4)
	defer sink(5)
	defer sink(6)
	defer sink(7)
	defer sink(8)
	defer sink(9)
	return x * 3
}

//go:noinline
func nineDirect(x uint64) uint64 {
	r := x * 3
	sink(9)
	sink(8)
	sink(7)
	sink(6)
	sink(5)
	sink(4)
	sink(3)
	sink(2)
	sink(1)
	return r
}

// ---- loop_N ----

//go:noinline
func loopDefer(n int) {
	for i := 0; i < n; i++ {
		defer sink(uint64(i))
	}
}

//go:noinline
func loopDirect(n int) {
	for i := n - 1; i >= 0; i-- {
		sink(uint64(i))
	}
}

// ---- named ----

//go:noinline
func namedDefer(x uint64) (r uint64) {
	defer func() {
		r++
		sink(1)
	}()
	return x * 3
}

//go:noinline
func namedDirect(x uint64) (r uint64) {
	r = x * 3
	r++
	sink(1)
	return r
}

// ---- panic_1 / panic_8 ----

//go:noinline
func panic1Defer(x uint64) (r uint64) {
	defer func() {
		recover()
		sink(1)
	}()
	panic(errBoom)
}

//go:noinline
func panic1Direct(x uint64) (r uint64) {
	sink(1)
	return 0
}

//go:noinline
func panic8Defer(x uint64) (r uint64) {
	defer func() {
		recover()
		sink(1)
	}()
	defer sink(2)
	defer sink(3)
	defer sink(4)
	defer sink(5)
	defer sink(6)
	defer sink(7)
	defer sink(8)
	panic(errBoom)
}

//go:noinline
func panic8Direct(x uint64) (r uint64) {
	sink(8)
	sink(7)
	sink(6)
	sink(5)
	sink(4)
	sink(3)
	sink(2)
	sink(1)
	return 0
}

// case is one variant of one scenario. As in compare.rs, run is called
// through a func value with its argument read from the table, so neither
// side can inline or constant-fold the measured function.
type benchCase struct {
	scenario, variant string
	run               func(uint64) uint64
	arg               uint64
	returns, sinks    uint64 // what run(arg) returns and adds to counter
}

func loopDeferU(n uint64) uint64  { loopDefer(int(n)); return 0 }
func loopDirectU(n uint64) uint64 { loopDirect(int(n)); return 0 }

var cases = []benchCase{
	{"one", "handwritten", oneDirect, 7, 21, 1},
	{"one", "with_defer", oneDefer, 7, 21, 1},
	{"eight", "handwritten", eightDirect, 7, 21, 36},
	{"eight", "with_defer", eightDefer, 7, 21, 36},
	{"nine", "handwritten", nineDirect, 7, 21, 45},
	{"nine", "with_defer", nineDefer, 7, 21, 45},
	{"loop_1", "handwritten", loopDirectU, 1, 0, 0},
	{"loop_1", "with_defer", loopDeferU, 1, 0, 0},
	{"loop_10", "handwritten", loopDirectU, 10, 0, 45},
	{"loop_10", "with_defer", loopDeferU, 10, 0, 45},
	{"loop_1000", "handwritten", loopDirectU, 1000, 0, 499500},
	{"loop_1000", "with_defer", loopDeferU, 1000, 0, 499500},
	{"named", "handwritten", namedDirect, 7, 22, 1},
	{"named", "with_defer", namedDefer, 7, 22, 1},
	{"panic_1", "handwritten", panic1Direct, 7, 0, 1},
	{"panic_1", "with_defer", panic1Defer, 7, 0, 1},
	{"panic_8", "handwritten", panic8Direct, 7, 0, 36},
	{"panic_8", "with_defer", panic8Defer, 7, 0, 36},
}

// BenchmarkCompare/{scenario}/{variant}: the ids of compare.rs.
func BenchmarkCompare(b *testing.B) {
	for i := 0; i < len(cases); {
		scenario := cases[i].scenario
		j := i
		for j < len(cases) && cases[j].scenario == scenario {
			j++
		}
		group := cases[i:j]
		b.Run(scenario, func(b *testing.B) {
			for _, c := range group {
				run, arg := c.run, c.arg
				b.Run(c.variant, func(b *testing.B) {
					var acc uint64
					for n := 0; n < b.N; n++ {
						acc += run(arg)
					}
					result = acc
				})
			}
		})
		i = j
	}
}

// TestCases checks that every case does its work (what it returns and adds
// to the counter), on the early-return path of `one` too. It runs with
// `go test`, not with -run '^$'.
func TestCases(t *testing.T) {
	check := func(c benchCase, arg, returns, sinks uint64) {
		t.Helper()
		before := atomic.LoadUint64(&counter)
		got := c.run(arg)
		sunk := atomic.LoadUint64(&counter) - before
		if got != returns || sunk != sinks {
			t.Errorf("%s/%s(%d): returned %d and sank %d, want %d and %d",
				c.scenario, c.variant, arg, got, sunk, returns, sinks)
		}
	}
	for _, c := range cases {
		check(c, c.arg, c.returns, c.sinks)
		if c.scenario == "one" {
			check(c, 0, 0, 1)
		}
	}
}
