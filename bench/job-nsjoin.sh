# shellcheck shell=sh
# nsjoin: `nsjoin -t PID -a true` against `nsenter -t PID -a true` and against
# the floor (bench/floor-nsjoin.c: pidfd_open, one setns, fork, exec, wait),
# for a target in new mount, UTS, IPC, network and pid namespaces, and for one
# in a new user namespace too. Sourced by bench/run.sh with bench/lib.sh;
# prints a table, asserts nothing.
floor_build nsjoin
N=${BENCH_RUNS:-300}
floor="$BENCH_OUT/floor-nsjoin"
nsj="$TOOLS/nsjoin"
T=$(command -v true)

# differing PID: the unshare letters of the types where PID is not in ours.
differing() {
	d=""
	for pair in mnt:m uts:u ipc:i net:n pid:p user:U cgroup:C time:T; do
		t=${pair%:*}
		if [ "$(readlink "/proc/$1/ns/$t")" != "$(readlink "/proc/self/ns/$t")" ]; then
			d="$d${pair#*:}"
		fi
	done
	echo "$d"
}

# target UNSHARE-OPTIONS...: a sleeping process in new namespaces; sets $target.
target() {
	fifo="$BENCH_OUT/ready"
	mkfifo "$fifo"
	unshare "$@" -p -f --mount-proc -- sh -c 'echo > "$1"; exec sleep 600' sh "$fifo" &
	launcher=$!
	read -r _ <"$fifo"
	rm -f "$fifo"
	target=$(cat "/proc/$launcher/task/$launcher/children")
	target=${target% }
}

# The three are timed in turns, ROUNDS rounds of N/ROUNDS runs each, so that
# the load of a busy machine falls on all of them alike.
ROUNDS=${BENCH_ROUNDS:-10}
printf '%-32s %9s %9s %9s %9s\n' job us vs-nsenter vs-floor rss-KiB
run_job() { # LABEL
	label=$1
	types=$(differing "$target")
	n=$((N / ROUNDS))
	time_runs 20 "$floor" "$target" "$types" "$T" >/dev/null
	f=0 e=0 j=0 r=0
	while [ "$r" -lt "$ROUNDS" ]; do
		f=$((f + $(time_runs "$n" "$floor" "$target" "$types" "$T")))
		e=$((e + $(time_runs "$n" nsenter -t "$target" -a "$T")))
		j=$((j + $(time_runs "$n" "$nsj" -t "$target" -a "$T")))
		r=$((r + 1))
	done
	f=$((f / ROUNDS)) e=$((e / ROUNDS)) j=$((j / ROUNDS))
	printf '%-32s %9s %9s %9s %9s\n' "floor $label" "$f" "$(ratio "$f" "$e")" 1.00 \
		"$(peak_rss_kib "$floor" "$target" "$types" "$T")"
	printf '%-32s %9s %9s %9s %9s\n' "nsenter $label" "$e" 1.00 "$(ratio "$e" "$f")" \
		"$(peak_rss_kib nsenter -t "$target" -a "$T")"
	printf '%-32s %9s %9s %9s %9s\n' "nsjoin $label" "$j" "$(ratio "$j" "$e")" \
		"$(ratio "$j" "$f")" "$(peak_rss_kib "$nsj" -t "$target" -a "$T")"
}

target -m -u -i -n
run_job "-t PID -a true (muinp)"
# The init of a pid namespace ignores SIGTERM, and unshare -f waits for it.
kill -KILL "$target" 2>/dev/null
wait "$launcher" 2>/dev/null || :

target -U -r -m -u -i -n
run_job "-t PID -a true (Umuinp)"
kill -KILL "$target" 2>/dev/null
wait "$launcher" 2>/dev/null || :
