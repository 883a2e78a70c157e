#!/usr/bin/env bash
# Go's `defer` beside with_defer, same scenarios, same machine (issue #7).
#
#   defer-core/benches/vs-go.sh [FILTER]
#
# Runs the Go benchmarks in benches/go (`go test -bench . -count 3`, median
# of the 3 ns/op) and the Rust bench `cargo bench -p defer-core --bench
# compare` (criterion's point estimate), then prints the machine and one
# markdown table, ready for BENCHMARKS.md. Times are ns per call.
#
# FILTER is a regex on the id compare/{scenario}/{variant}; it is given to
# criterion as is, and used to pick the Go sub-benchmarks (e.g. `loop`,
# `panic_8`, `with_defer$`). Runnable from any directory; an existing
# CARGO_TARGET_DIR is honoured (cargo reads it). Without Go (and no way to
# install it) the Go columns stay empty and the Rust side still runs.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
godir="$here/go"
filter="${1:-}"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

scenarios=(one eight nine loop_1 loop_10 loop_1000 named panic_1 panic_8)
go_variants=(with_defer handwritten)

selected() { [[ -z $filter || $1 =~ $filter ]]; }

# Median of the ns/op values per benchmark, as "compare/{s}/{v} ns" lines.
# Go prints: BenchmarkCompare/one/with_defer-2   <tab>  57366969   4.117 ns/op
parse_go() {
	awk '
	/^Benchmark/ {
		for (i = 2; i <= NF; i++) if ($i == "ns/op") {
			id = $1
			sub(/^Benchmark/, "", id)
			sub(/-[0-9]+$/, "", id)
			id = tolower(substr(id, 1, 1)) substr(id, 2)
			n = ++count[id]
			val[id, n] = $(i - 1) + 0
			if (n == 1) order[++ids] = id
		}
	}
	END {
		for (k = 1; k <= ids; k++) {
			id = order[k]; n = count[id]
			for (i = 1; i <= n; i++) v[i] = val[id, i]
			for (i = 2; i <= n; i++) {          # insertion sort
				x = v[i]
				for (j = i - 1; j >= 1 && v[j] > x; j--) v[j + 1] = v[j]
				v[j + 1] = x
			}
			m = (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
			printf "%s %.6g\n", id, m
		}
	}' "$1"
}

# Criterion's middle estimate per id, in ns, as "compare/{s}/{v} ns" lines.
# Criterion prints either
#   compare/one/boxed       time:   [2.7012 ns 2.7391 ns 2.7820 ns]
# or, for ids longer than 23 characters, the id on a line of its own and the
# time: line after it. change:/thrpt:/outlier lines are ignored (a change
# section's time: line is in %, which is not a time unit).
parse_criterion() {
	sed "s/$(printf '\033')\\[[0-9;]*m//g" "$1" | awk '
	/^compare\// { id = $1 }
	id != "" && /time:[ \t]*\[/ {
		s = $0
		sub(/.*time:[ \t]*\[/, "", s)
		sub(/\].*/, "", s)
		split(s, f)
		u = f[4]
		if      (u == "ps")               k = 1e-3
		else if (u == "ns")               k = 1
		else if (u == "µs" || u == "us")  k = 1e3
		else if (u == "ms")               k = 1e6
		else if (u == "s")                k = 1e9
		else                              next
		if (!(id in done)) { done[id] = 1; printf "%s %.6g\n", id, (f[3] + 0) * k }
		id = ""
	}'
}

fmt_ns() { # 3.5432 -> 3.54, 30.71 -> 30.7, 58909 -> 58909
	[[ -z ${1:-} ]] && return 0
	awk -v x="$1" 'BEGIN {
		if (x < 10) printf "%.2f", x; else if (x < 100) printf "%.1f", x; else printf "%.0f", x }'
}

ratio() {
	[[ -z ${1:-} || -z ${2:-} ]] && return 0
	awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2fx", a / b }'
}

# ---------------------------------------------------------------- Go side
go_skip=""
find_go() {
	command -v go >/dev/null 2>&1 && return 0
	local d
	for d in /usr/local/go/bin /usr/lib/go/bin; do
		if [[ -x $d/go ]]; then PATH="$d:$PATH"; return 0; fi
	done
	if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
		echo "go not found; installing golang-go with apt-get" >&2
		if ! { apt-get update && apt-get install -y golang-go; } >&2; then
			go_why="no \`go\` on PATH and \`apt-get install golang-go\` failed"
		fi
	fi
	command -v go >/dev/null 2>&1
}

declare -A gons=() rsns=()

go_why="no \`go\` on PATH, and not root with apt-get to install golang-go"
if ! find_go; then
	go_skip="$go_why"
else
	gobench="."
	if [[ -n $filter ]]; then
		ss=() vs=()
		for s in "${scenarios[@]}"; do
			for v in "${go_variants[@]}"; do
				if selected "compare/$s/$v"; then
					[[ " ${ss[*]} " == *" $s "* ]] || ss+=("$s")
					[[ " ${vs[*]} " == *" $v "* ]] || vs+=("$v")
				fi
			done
		done
		if ((${#ss[@]} == 0)); then
			go_skip="no Go benchmark matches filter '$filter'"
		else
			gobench="^BenchmarkCompare\$/^($(IFS='|'; echo "${ss[*]}"))\$/^($(IFS='|'; echo "${vs[*]}"))\$"
		fi
	fi
	if [[ -z $go_skip ]]; then
		echo "== Go: go test -bench '$gobench' -count 3 -run '^\$'  (in $godir)" >&2
		if ! (cd "$godir" && go test -bench "$gobench" -count 3 -run '^$') | tee "$tmp/go.txt" >&2; then
			go_skip="go test failed (output above)"
		fi
	fi
fi
if [[ -n $go_skip ]]; then
	echo "skipping Go: $go_skip" >&2
else
	while read -r id ns; do
		if selected "$id"; then gons[$id]=$ns; fi
	done < <(parse_go "$tmp/go.txt")
fi

# -------------------------------------------------------------- Rust side
rust_skip=""
cargo_args=(bench --manifest-path "$root/Cargo.toml" -p defer-core --bench compare)
[[ -n $filter ]] && cargo_args+=(-- "$filter")
echo "== Rust: cargo ${cargo_args[*]}  (CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-<default>})" >&2
if ! (cd "$root" && cargo "${cargo_args[@]}") | tee "$tmp/rust.txt" >&2; then
	rust_skip="cargo bench failed (output above)"
	echo "skipping Rust: $rust_skip" >&2
fi
while read -r id ns; do
	rsns[$id]=$ns
done < <(parse_criterion "$tmp/rust.txt")

# ------------------------------------------------------------------ table
cpu="$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)"
echo
echo "Machine: ${cpu:-unknown CPU}, $(nproc 2>/dev/null || echo '?') logical CPUs, $(uname -sr)"
echo "Go: $( (command -v go >/dev/null 2>&1 && go version) || echo "not found")${go_skip:+ (not run: $go_skip)}"
echo "Rust: $(rustc --version 2>/dev/null || echo unknown)${rust_skip:+ (not run: $rust_skip)}"
echo
echo "ns per call. Go: median of 3 \`go test -bench\` runs; Rust: criterion's point estimate. Ratio = defer / direct."
echo
echo "| scenario | Go direct | Go defer | Go ratio | Rust handwritten | with_defer | Rust ratio | scopeguard | boxed | catch_unwind |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
star=""
for s in "${scenarios[@]}"; do
	gd="${gons[compare/$s/handwritten]:-}"
	gf="${gons[compare/$s/with_defer]:-}"
	rh="${rsns[compare/$s/handwritten]:-}"
	rw="${rsns[compare/$s/with_defer]:-}"
	sg="${rsns[compare/$s/scopeguard]:-}"
	bx="${rsns[compare/$s/boxed]:-}"
	cu="${rsns[compare/$s/catch_unwind]:-}"
	[[ -z "$gd$gf$rh$rw$sg$bx$cu" ]] && continue
	# Rust's panic scenarios have no handwritten variant: their reference
	# is catch_unwind (as in scenarios/mod.rs), marked with a *.
	if [[ -n $rh ]]; then rr="$(ratio "$rw" "$rh")"
	elif [[ -n $cu && -n $rw ]]; then rr="$(ratio "$rw" "$cu")*"; star=1
	else rr=""; fi
	echo "| $s | $(fmt_ns "$gd") | $(fmt_ns "$gf") | $(ratio "$gf" "$gd") | $(fmt_ns "$rh") | $(fmt_ns "$rw") | $rr | $(fmt_ns "$sg") | $(fmt_ns "$bx") | $(fmt_ns "$cu") |"
done
if [[ -n $star ]]; then
	echo
	echo "\* with_defer / catch_unwind: Rust has no handwritten way to stop a panic. Go's panic rows compare against the same sink calls with no panic at all."
fi

# Nothing measured on either side: say so in the exit status.
if ((${#gons[@]} + ${#rsns[@]} == 0)); then
	echo "nothing was measured" >&2
	exit 1
fi
