# shellcheck shell=sh
# nsunshare: `nsunshare -f -p -m -u -i -n true` and `nsunshare -r -f -p -m true`
# against the same util-linux unshare command lines and against the floor
# (bench/floor-nsunshare.c: the bare unshare, [maps], fork, exec, wait).
# Sourced by bench/run.sh with bench/lib.sh; prints a table, asserts nothing.
floor_build nsunshare
N=${BENCH_RUNS:-300}
floor="$BENCH_OUT/floor-nsunshare"
nsu="$TOOLS/nsunshare"
T=$(command -v true)

printf '%-36s %9s %9s %9s %9s %9s\n' job us vs-unshare vs-floor rss-KiB cpu-us
# cpu_us N CMD...: user+system CPU time of one run (the command and its
# children), which the other load on the machine disturbs less than wall time.
cpu_us() {
	n=$1
	shift
	/usr/bin/time -f '%U %S' sh -c 'n=$1; shift; i=0; while [ "$i" -lt "$n" ]; do
		"$@" >/dev/null 2>&1 </dev/null; i=$((i + 1)); done' sh "$n" "$@" 2>&1 >/dev/null |
		tail -n 1 | awk -v n="$n" '{ printf "%d", ($1 + $2) * 1000000 / n }'
}
# Five rounds of N/5 runs, the three commands taking turns, so that drift in
# the machine's load hits them alike; the best round of each is shown (the
# other builds and tests on the machine only ever add time).
min() { if [ -z "$1" ] || [ "$2" -lt "$1" ]; then echo "$2"; else echo "$1"; fi; }
run_job() { # LABEL FLOOR-ARGS... -- UNSHARE-ARGS...
	label=$1
	shift
	fargs=""
	while [ "$1" != -- ]; do
		fargs="$fargs $1"
		shift
	done
	shift
	# shellcheck disable=SC2086
	time_runs 20 "$floor" $fargs "$T" >/dev/null
	f='' u='' s='' n=$((N / 5))
	for _ in 1 2 3 4 5; do
		# shellcheck disable=SC2086
		f=$(min "$f" "$(time_runs "$n" "$floor" $fargs "$T")")
		u=$(min "$u" "$(time_runs "$n" unshare "$@" "$T")")
		s=$(min "$s" "$(time_runs "$n" "$nsu" "$@" "$T")")
	done
	# shellcheck disable=SC2086
	printf '%-36s %9s %9s %9s %9s %9s\n' "floor $label" "$f" "$(ratio "$f" "$u")" 1.00 \
		"$(peak_rss_kib "$floor" $fargs "$T")" "$(cpu_us "$N" "$floor" $fargs "$T")"
	printf '%-36s %9s %9s %9s %9s %9s\n' "unshare $label" "$u" 1.00 "$(ratio "$u" "$f")" \
		"$(peak_rss_kib unshare "$@" "$T")" "$(cpu_us "$N" unshare "$@" "$T")"
	printf '%-36s %9s %9s %9s %9s %9s\n' "nsunshare $label" "$s" "$(ratio "$s" "$u")" \
		"$(ratio "$s" "$f")" "$(peak_rss_kib "$nsu" "$@" "$T")" "$(cpu_us "$N" "$nsu" "$@" "$T")"
}
run_job "-f -p -m -u -i -n true" pmuin -- -f -p -m -u -i -n
run_job "-r -f -p -m true" -r pm -- -r -f -p -m
