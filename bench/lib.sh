# shellcheck shell=sh
# Helpers for the benchmark jobs: time a command N times, peak RSS, ratios.

# now_ns: monotonic nanoseconds.
now_ns() { date +%s%N; }

# time_runs N CMD...: average wall time of one run in microseconds.
time_runs() {
	n=$1
	shift
	start=$(now_ns)
	i=0
	while [ "$i" -lt "$n" ]; do
		"$@" >/dev/null 2>&1 </dev/null
		i=$((i + 1))
	done
	end=$(now_ns)
	echo $(((end - start) / n / 1000))
}

# peak_rss_kib CMD...: the peak resident set of one run, in KiB.
peak_rss_kib() {
	/usr/bin/time -f '%M' "$@" 2>&1 >/dev/null </dev/null | tail -n 1
}

# ratio A B: A/B with two decimals.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }

# floor_build NAME: compile bench/floor-NAME.c into $BENCH_OUT/floor-NAME.
floor_build() {
	# shellcheck disable=SC2086 # CFLAGS holds several flags
	"${CC:-cc}" ${CFLAGS:--O2} -o "$BENCH_OUT/floor-$1" "$BENCH_SRC/floor-$1.c"
}
