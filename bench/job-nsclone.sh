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
# a busybox root file system, named by a short relative path in the table
cd "$BENCH_OUT" || return
mkdir -p rootfs/bin rootfs/proc
cp /bin/busybox rootfs/bin/ && ln -sf busybox rootfs/bin/true

printf '%-44s %9s %10s %9s %9s\n' job us vs-unshare vs-floor rss-KiB
row() { # NAME US UNSHARE-US FLOOR-US RSS
	printf '%-44.44s %9s %10s %9s %9s\n' "$1" "$2" "$(ratio "$2" "$3")" "$(ratio "$2" "$4")" "$5"
}
# The three are timed in interleaved rounds: namespaces are torn down
# asynchronously (a network namespace by a kernel worker), so whichever ran
# last in one long block would pay for the others' teardown.
# (time_runs uses n and i: these use other names.)
job() { # LABEL "FLOOR ARGS" "UNSHARE ARGS" "NSCLONE ARGS" CMD
	label=$1 fa=$2 ua=$3 na=$4 cmd=$5
	rounds=10
	per=$((N / rounds))
	tf=0 tu=0 tn=0 k=0
	# shellcheck disable=SC2086
	{
		time_runs 20 "$floor" $fa "$cmd" >/dev/null # warm the caches
		while [ "$k" -lt "$rounds" ]; do
			tf=$((tf + $(time_runs "$per" "$floor" $fa "$cmd")))
			tu=$((tu + $(time_runs "$per" unshare $ua "$cmd")))
			tn=$((tn + $(time_runs "$per" "$nsc" $na -- "$cmd")))
			k=$((k + 1))
		done
		tf=$((tf / rounds)) tu=$((tu / rounds)) tn=$((tn / rounds))
		row "floor $label" "$tf" "$tu" "$tf" "$(peak_rss_kib "$floor" $fa "$cmd")"
		row "unshare $ua" "$tu" "$tu" "$tf" "$(peak_rss_kib unshare $ua "$cmd")"
		row "nsclone $na" "$tn" "$tu" "$tf" "$(peak_rss_kib "$nsc" $na -- "$cmd")"
	}
}
job "pmuin" "pmuin" "--fork -p -m -u -i -n" "-p -m -u -i -n" "$T"
job "-r pmuin" "-r pmuin" "--fork -r -p -m -u -i -n" "-U -r -p -m -u -i -n" "$T"
job "-p -m -R rootfs (+proc)" "pm -R rootfs" "--fork -p -m -R rootfs --mount-proc" \
	"-p -m --root rootfs --mount-proc" /bin/true
cd - >/dev/null || return
