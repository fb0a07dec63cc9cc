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

printf '%-36s %9s %9s %9s %9s\n' job us vs-unshare vs-floor rss-KiB
bench_row() { # NAME FLOOR-US UNSHARE-US CMD...
	name=$1 f=$2 u=$3
	shift 3
	us=$(time_runs "$N" "$@")
	printf '%-36s %9s %9s %9s %9s\n' "$name" "$us" "$(ratio "$us" "$u")" "$(ratio "$us" "$f")" \
		"$(peak_rss_kib "$@")"
}
run_job() { # LABEL FLOORFLAGS... -- ARGS...
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
	# shellcheck disable=SC2086
	f=$(time_runs "$N" "$floor" $fargs "$T")
	u=$(time_runs "$N" unshare "$@" "$T")
	printf '%-36s %9s %9s %9s %9s\n' "floor $label" "$f" "$(ratio "$f" "$u")" 1.00 \
		"$(peak_rss_kib "$floor" $fargs "$T")"
	printf '%-36s %9s %9s %9s %9s\n' "unshare $label" "$u" 1.00 "$(ratio "$u" "$f")" \
		"$(peak_rss_kib unshare "$@" "$T")"
	bench_row "nsunshare $label" "$f" "$u" "$nsu" "$@" "$T"
}
run_job "-f -p -m -u -i -n true" pmuin -- -f -p -m -u -i -n
run_job "-r -f -p -m true" -r pm -- -r -f -p -m
