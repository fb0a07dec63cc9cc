# shellcheck shell=sh
# nsls: list every namespace of a machine with 1,000 and then 10,000 sleeping
# processes over a few hundred namespaces (bench/nsls-workload.c), against
# util-linux lsns and two floors: floor-nsls reads /proc/*/ns/* and counts,
# floor-nsls-complete also walks threads, fds, the mounts of every mount
# namespace and owners/parents. Then the share of the workload's namespaces
# that each lister finds, by what holds them. Sourced by bench/run.sh.

if [ "$(id -u)" -ne 0 ]; then
	echo "nsls: skipped: the workload (mount and user namespaces, pins) needs root"
	return 0
fi

nsls_wl=
nsls_cleanup() {
	if [ -n "$nsls_wl" ]; then
		# The workload is a process group of its own; its pins go with
		# its private mount namespace. Wait until every process is gone.
		kill -KILL -- "-$nsls_wl" 2>/dev/null || true
		wait "$nsls_wl" 2>/dev/null || true
		nsls_i=0
		while kill -0 -- "-$nsls_wl" 2>/dev/null && [ "$nsls_i" -lt 300 ]; do
			sleep 0.1
			nsls_i=$((nsls_i + 1))
		done
		nsls_wl=
	fi
	rm -rf "$BENCH_OUT/nsls-pins"
}
trap 'nsls_cleanup' EXIT
trap 'nsls_cleanup; exit 130' INT TERM

# shellcheck disable=SC2086 # CFLAGS is a list of words
"${CC:-cc}" ${CFLAGS:--O2} -o "$BENCH_OUT/nsls-workload" "$BENCH_SRC/nsls-workload.c"
floor_build nsls
floor_build nsls-complete

# lsns can exit 1 when a process goes during its walk; time it all the same.
nsls_lsns() { lsns "$@" || true; }

# nsls_cpu N CMD...: user+system CPU time of one run in µs, the mean of N.
# On a shared machine the wall time also counts the waits for a CPU; the
# CPU time does not.
nsls_cpu() {
	n=$1
	shift
	/usr/bin/time -f '%U %S' sh -c 'n=$1; shift; i=0
		while [ "$i" -lt "$n" ]; do "$@" >/dev/null 2>&1 </dev/null; i=$((i + 1)); done' \
		sh "$n" "$@" 2>&1 >/dev/null | tail -n 1 |
		awk -v n="$n" '{ printf "%d", ($1 + $2) * 1000000 / n }'
}

# nsls_found CATEGORY LISTFILE: "found/total" of the workload's CATEGORY.
nsls_found() {
	awk -v c="$1" '
		NR == FNR { if ($1 == c) { want[$2 " " $3] = 1; total++ } next }
		($1 " " $2) in want { delete want[$1 " " $2]; found++ }
		END { printf "%d/%d", found, total }' "$BENCH_OUT/nsls-cats" "$2"
}

# nsls_row NAME WALL-µs CPU-µs RSS: one line of the table, with the ratios of
# both times to lsns, floor-nsls and floor-nsls-complete.
nsls_row() {
	printf '%-6s %-20s %10s %7s %7s %9s %10s %7s %7s %9s %9s\n' "$nsls_n" "$1" \
		"$2" "$(ratio "$2" "$t_lsns")" "$(ratio "$2" "$t_floor")" "$(ratio "$2" "$t_full")" \
		"$3" "$(ratio "$3" "$c_lsns")" "$(ratio "$3" "$c_floor")" "$(ratio "$3" "$c_full")" "$4"
}

printf '%-6s %-20s %10s %7s %7s %9s %10s %7s %7s %9s %9s\n' procs lister "µs" /lsns /floor \
	/complete "CPU µs" /lsns /floor /complete "RSS KiB"
for nsls_n in 1000 10000; do
	mkdir -p "$BENCH_OUT/nsls-pins"
	rm -f "$BENCH_OUT/nsls-cats"
	"$BENCH_OUT/nsls-workload" 100 "$nsls_n" 20 20 20 "$BENCH_OUT/nsls-pins" \
		"$BENCH_OUT/nsls-cats" </dev/null >/dev/null &
	nsls_wl=$!
	until grep -qx ready "$BENCH_OUT/nsls-cats" 2>/dev/null; do
		kill -0 "$nsls_wl" 2>/dev/null || { echo "nsls: the workload failed"; return 1; }
		sleep 0.1
	done
	if [ "$nsls_n" -le 1000 ]; then runs=20 lruns=5; else runs=5 lruns=2; fi

	t_nsls=$(time_runs "$runs" "$TOOLS/nsls")
	t_lsns=$(time_runs "$lruns" nsls_lsns)
	t_floor=$(time_runs "$runs" "$BENCH_OUT/floor-nsls")
	t_full=$(time_runs "$runs" "$BENCH_OUT/floor-nsls-complete")
	c_nsls=$(nsls_cpu "$runs" "$TOOLS/nsls")
	c_lsns=$(nsls_cpu "$lruns" lsns)
	c_floor=$(nsls_cpu "$runs" "$BENCH_OUT/floor-nsls")
	c_full=$(nsls_cpu "$runs" "$BENCH_OUT/floor-nsls-complete")
	m_nsls=$(peak_rss_kib "$TOOLS/nsls")
	m_lsns=$(peak_rss_kib lsns)
	m_floor=$(peak_rss_kib "$BENCH_OUT/floor-nsls")
	m_full=$(peak_rss_kib "$BENCH_OUT/floor-nsls-complete")
	nsls_row nsls "$t_nsls" "$c_nsls" "$m_nsls"
	nsls_row lsns "$t_lsns" "$c_lsns" "$m_lsns"
	nsls_row floor-nsls "$t_floor" "$c_floor" "$m_floor"
	nsls_row floor-nsls-complete "$t_full" "$c_full" "$m_full"

	# What each one found of the workload, by what holds the namespaces.
	"$TOOLS/nsls" -r -n -o TYPE,NS >"$BENCH_OUT/nsls-found.nsls"
	nsls_lsns -r -n -o TYPE,NS >"$BENCH_OUT/nsls-found.lsns"
	"$BENCH_OUT/floor-nsls-complete" -p >"$BENCH_OUT/nsls-found.floor"
	for l in nsls lsns floor; do
		printf '%-6s %-20s found: process %s, fd-only %s, bind-only elsewhere %s, owner-only %s\n' \
			"$nsls_n" "$l" "$(nsls_found process "$BENCH_OUT/nsls-found.$l")" \
			"$(nsls_found fd "$BENCH_OUT/nsls-found.$l")" \
			"$(nsls_found bind "$BENCH_OUT/nsls-found.$l")" \
			"$(nsls_found owner "$BENCH_OUT/nsls-found.$l")"
	done
	nsls_cleanup
done
trap - EXIT INT TERM
