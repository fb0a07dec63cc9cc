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
	unshare "$@" -p -f --mount-proc -- sh -c 'echo > "$1"; exec sleep 600' sh "$fifo" 2>/dev/null &
	launcher=$!
	read -r _ <"$fifo"
	rm -f "$fifo"
	target=$(cat "/proc/$launcher/task/$launcher/children")
	target=${target% }
}

# cpu_us N CMD...: the user + system CPU time of one run in microseconds, of
# the command and its children (the shell's `times`). Unlike wall time it
# does not count the waits for a CPU that other work on a busy machine causes.
cpu_us() {
	n=$1
	shift
	sh -c 'n=$1; shift; i=0
		while [ "$i" -lt "$n" ]; do "$@" >/dev/null 2>&1 </dev/null; i=$((i + 1)); done
		times' sh "$n" "$@" |
		awk -v n="$n" 'NR == 2 { split($1, u, /[ms]/); split($2, s, /[ms]/)
			printf "%d", (u[1] * 60 + u[2] + s[1] * 60 + s[2]) * 1000000 / n }'
}

# The three are timed in turns, ROUNDS rounds of N/ROUNDS runs each, so that
# the load of a busy machine falls on all of them alike. Ratios are of the
# CPU time; wall time is shown beside it.
ROUNDS=${BENCH_ROUNDS:-10}
printf '%-30s %8s %8s %10s %9s %8s\n' job wall-us cpu-us vs-nsenter vs-floor rss-KiB
run_job() { # LABEL
	label=$1
	types=$(differing "$target")
	n=$((N / ROUNDS))
	time_runs 20 "$floor" "$target" "$types" "$T" >/dev/null
	f=0 e=0 j=0 cf=0 ce=0 cj=0 r=0
	while [ "$r" -lt "$ROUNDS" ]; do
		f=$((f + $(time_runs "$n" "$floor" "$target" "$types" "$T")))
		e=$((e + $(time_runs "$n" nsenter -t "$target" -a "$T")))
		j=$((j + $(time_runs "$n" "$nsj" -t "$target" -a "$T")))
		cf=$((cf + $(cpu_us "$n" "$floor" "$target" "$types" "$T")))
		ce=$((ce + $(cpu_us "$n" nsenter -t "$target" -a "$T")))
		cj=$((cj + $(cpu_us "$n" "$nsj" -t "$target" -a "$T")))
		r=$((r + 1))
	done
	f=$((f / ROUNDS)) e=$((e / ROUNDS)) j=$((j / ROUNDS))
	cf=$((cf / ROUNDS)) ce=$((ce / ROUNDS)) cj=$((cj / ROUNDS))
	printf '%-30s %8s %8s %10s %9s %8s\n' "floor $label" "$f" "$cf" "$(ratio "$cf" "$ce")" \
		1.00 "$(peak_rss_kib "$floor" "$target" "$types" "$T")"
	printf '%-30s %8s %8s %10s %9s %8s\n' "nsenter $label" "$e" "$ce" 1.00 \
		"$(ratio "$ce" "$cf")" "$(peak_rss_kib nsenter -t "$target" -a "$T")"
	printf '%-30s %8s %8s %10s %9s %8s\n' "nsjoin $label" "$j" "$cj" "$(ratio "$cj" "$ce")" \
		"$(ratio "$cj" "$cf")" "$(peak_rss_kib "$nsj" -t "$target" -a "$T")"
}

target -m -u -i -n
run_job "-a true (muinp)"
# The init of a pid namespace ignores SIGTERM, and unshare -f waits for it.
kill -KILL "$target" 2>/dev/null
wait "$launcher" 2>/dev/null || :

target -U -r -m -u -i -n
run_job "-a true (Umuinp)"
kill -KILL "$target" 2>/dev/null
wait "$launcher" 2>/dev/null || :
