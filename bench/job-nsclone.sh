# shellcheck shell=sh
# nsclone: `nsclone -p -m -u -i -n true`, the same with `-U -r`, and a
# container (`--root ROOTFS --mount-proc`, a busybox root file system) against
# util-linux `unshare --fork` with the same namespaces and against the floor
# (bench/floor-nsclone.c: one clone3 with the flags, the maps written from the
# parent, / made private, lo up, the root bound, proc, pivot_root, exec, wait
# on the pidfd). Sourced by bench/run.sh with bench/lib.sh; asserts nothing.
floor_build nsclone
N=${BENCH_RUNS:-300}
floor="$BENCH_OUT/floor-nsclone"
nsc="$TOOLS/nsclone"
T=$(command -v true)
R="$BENCH_OUT/rootfs"
mkdir -p "$R/bin" "$R/proc"
cp /bin/busybox "$R/bin/" && ln -sf busybox "$R/bin/true"

printf '%-44s %9s %10s %9s %9s\n' job us vs-unshare vs-floor rss-KiB
row() { # NAME US UNSHARE-US FLOOR-US RSS
	printf '%-44s %9s %10s %9s %9s\n' "$1" "$2" "$(ratio "$2" "$3")" "$(ratio "$2" "$4")" "$5"
}
job() { # LABEL "FLOOR ARGS" "UNSHARE ARGS" "NSCLONE ARGS" CMD
	label=$1 fa=$2 ua=$3 na=$4 cmd=$5
	# shellcheck disable=SC2086
	{
		time_runs 20 "$floor" $fa "$cmd" >/dev/null # warm the caches
		f=$(time_runs "$N" "$floor" $fa "$cmd")
		u=$(time_runs "$N" unshare $ua "$cmd")
		n=$(time_runs "$N" "$nsc" $na -- "$cmd")
		row "floor $label" "$f" "$u" "$f" "$(peak_rss_kib "$floor" $fa "$cmd")"
		row "unshare $ua" "$u" "$u" "$f" "$(peak_rss_kib unshare $ua "$cmd")"
		row "nsclone $na" "$n" "$u" "$f" "$(peak_rss_kib "$nsc" $na -- "$cmd")"
	}
}
job "pmuin" "pmuin" "--fork -p -m -u -i -n" "-p -m -u -i -n" "$T"
job "-r pmuin" "-r pmuin" "--fork -r -p -m -u -i -n" "-U -r -p -m -u -i -n" "$T"
job "pm -R rootfs (+proc)" "pm -R $R" "--fork -p -m -R $R --mount-proc" \
	"-p -m --root $R --mount-proc" /bin/true
