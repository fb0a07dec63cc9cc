#!/usr/bin/env bats
# nsjoin: joins what it is asked to, from the right process, and nothing else.
# Run as root and (tests not tagged root) as user nobody, where every target
# lives in a user namespace that nobody made and nsjoin joins it too (-U).

load common
bats_require_minimum_version 1.5.0

# Under --enable-sanitizers: LeakSanitizer cannot stop the world of a process
# that has joined a pid namespace (its tracer child lands in there and cannot
# see it); nsjoin ends in exec or in exit with the command's status anyway.
export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0

setup() {
	# Unprivileged, the target's user namespace must be joined too (U), and
	# fixtures make one of their own (R).
	U=() R=()
	is_root || U=(-U) R=(-r)
	SELF=$$
}

teardown() {
	nsk_teardown
}

# spawn_pidns [UNSHARE-OPTIONS...]: like spawn_ns, in a new pid namespace with
# its own /proc; $SPAWNED is the PID (as we see it) of its init, sleep.
spawn_pidns() {
	local tmp fifo launcher
	private_tmpdir
	fifo=$(mktemp -u "$tmp/ready.XXXXXX")
	mkfifo "$fifo"
	unshare "${R[@]}" "$@" -p -f --mount-proc -- sh -c 'echo 1 > "$1"; exec sleep 1000' sh "$fifo" 3>&- &
	launcher=$!
	read -r -t 10 _ <"$fifo"
	rm -f "$fifo"
	SPAWNED=$(cat "/proc/$launcher/task/$launcher/children")
	SPAWNED=${SPAWNED% }
	NSK_PIDS+=("$SPAWNED" "$launcher")
}

# A temp dir that nobody can use too (bats' own is private to root); removed
# by nsk_teardown like nsk_tmpdir's.
# Sets $tmp (call it directly, not in $(...), so that teardown sees it).
public_tmpdir() {
	if [ -z "${NSK_TMP:-}" ]; then
		NSK_TMP=$(mktemp -d /tmp/nsjoin-test.XXXXXX)
		chmod 0777 "$NSK_TMP"
	fi
	tmp=$NSK_TMP
}

# private_tmpdir: nsk_tmpdir, in this shell, into $tmp.
private_tmpdir() {
	nsk_tmpdir >/dev/null
	tmp=$NSK_TMP
}

# The mounts a fresh proc or sysfs could leak into our mount namespace (other
# suites mount elsewhere at the same time).
proc_sys_mounts() { awk '$5 == "/proc" || $5 == "/sys" {print $5, $9}' /proc/self/mountinfo; }

# as_nobody CMD...: run CMD as uid 65534 (already so in the unprivileged pass).
as_nobody() {
	if is_root; then
		setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all \
			--bounding-set=-all "$@"
	else
		"$@"
	fi
}

# spawn_nobody_userns: as nobody, `unshare -U -r -u` with hostname "mine";
# $SPAWNED is its PID.
spawn_nobody_userns() {
	public_tmpdir
	mkfifo -m 0666 "$tmp/ready"
	as_nobody unshare -U -r -u -- sh -c 'hostname mine; echo $$ > "$1"; exec sleep 1000' \
		sh "$tmp/ready" 3>&- &
	NSK_PIDS+=($!)
	read -r -t 10 SPAWNED <"$tmp/ready"
	NSK_PIDS+=("$SPAWNED")
	rm "$tmp/ready"
}

# mkroot DIR: a root directory holding /bin/sh and its libraries only.
mkroot() {
	local lib
	mkdir -p "$1"
	for lib in /bin/sh $(ldd /bin/sh | grep -o '/[^ ]*'); do
		cp -L --parents "$lib" "$1"
	done
}

@test "-t PID -n -u joins net and uts of the target, the rest stays ours" {
	spawn_ns "${R[@]}" -n -u -i
	[ "$(ns_link "$SPAWNED" ipc)" != "$(ns_link "$SELF" ipc)" ]
	run nsjoin -t "$SPAWNED" -n -u "${U[@]}" -- readlink /proc/self/ns/net /proc/self/ns/uts \
		/proc/self/ns/ipc /proc/self/ns/mnt
	assert_success
	assert_line -n 0 "$(ns_link "$SPAWNED" net)"
	assert_line -n 1 "$(ns_link "$SPAWNED" uts)"
	assert_line -n 2 "$(ns_link "$SELF" ipc)"
	assert_line -n 3 "$(ns_link "$SELF" mnt)"
}

@test "-t PID with no type flag joins every type that differs, and only those" {
	spawn_ns "${R[@]}" -n -u -i
	run --separate-stderr nsjoin -v -t "$SPAWNED" -- readlink /proc/self/ns/net \
		/proc/self/ns/uts /proc/self/ns/ipc /proc/self/ns/user /proc/self/ns/mnt /proc/self/ns/pid
	assert_success
	assert_line -n 0 "$(ns_link "$SPAWNED" net)"
	assert_line -n 1 "$(ns_link "$SPAWNED" uts)"
	assert_line -n 2 "$(ns_link "$SPAWNED" ipc)"
	assert_line -n 3 "$(ns_link "$SPAWNED" user)"
	assert_line -n 4 "$(ns_link "$SELF" mnt)"
	assert_line -n 5 "$(ns_link "$SELF" pid)"
	# The same ones are skipped, not joined: no CLONE_NEWNS in the one setns.
	lines=("${stderr_lines[@]}")
	assert_line --regexp "^nsjoin: setns\([0-9]+, [A-Z_|]*CLONE_NEWNET[A-Z_|]*\) = 0$"
	refute_line --regexp "^nsjoin: setns.*CLONE_NEWNS"
	assert_line --regexp "^nsjoin: skip \(ours already\): mnt:\[[0-9]+\] of PID $SPAWNED$"
}

@test "-a joins every namespace of the target that differs" {
	spawn_ns "${R[@]}" -n -u -m
	run nsjoin -t "$SPAWNED" -a -- readlink /proc/self/ns/net /proc/self/ns/uts \
		/proc/self/ns/mnt /proc/self/ns/ipc
	assert_success
	assert_line -n 0 "$(ns_link "$SPAWNED" net)"
	assert_line -n 1 "$(ns_link "$SPAWNED" uts)"
	assert_line -n 2 "$(ns_link "$SPAWNED" mnt)"
	assert_line -n 3 "$(ns_link "$SELF" ipc)"
}

@test "-v traces prctl, pidfd_open and one setns with every type" {
	spawn_ns "${R[@]}" -n -u
	run nsjoin -v -t "$SPAWNED" -n -u "${U[@]}" -- true
	assert_success
	assert_line -n 0 "nsjoin: prctl(PR_SET_DUMPABLE, 0) = 0"
	assert_line -n 1 --regexp "^nsjoin: pidfd_open\($SPAWNED\) = [0-9]+$"
	local fd=${lines[1]##* }
	if is_root; then
		assert_line "nsjoin: setns($fd, CLONE_NEWNET|CLONE_NEWUTS) = 0"
	else
		assert_line "nsjoin: setns($fd, CLONE_NEWNET|CLONE_NEWUSER|CLONE_NEWUTS) = 0"
	fi
	[ "$(grep -c '^nsjoin: setns' <<<"$output")" -eq 1 ]
}

@test "before Linux 5.8 (setns takes no pidfd): one setns per type, user namespace first" {
	spawn_ns "${R[@]}" -n -u
	NSK_SETNS_NO_PIDFD=1 LD_PRELOAD=$NSK_PROGS/setnshook.so ASAN_OPTIONS=verify_asan_link_order=0 \
		run --separate-stderr nsjoin -v -t "$SPAWNED" -- readlink /proc/self/ns/net /proc/self/ns/uts
	assert_success
	assert_line -n 0 "$(ns_link "$SPAWNED" net)"
	assert_line -n 1 "$(ns_link "$SPAWNED" uts)"
	lines=("${stderr_lines[@]}")
	assert_line --regexp "^nsjoin: setns\([0-9]+, CLONE_NEWNET(\|CLONE_NEWUSER)?\|CLONE_NEWUTS\) = -1 EINVAL"
	assert_line --regexp "^nsjoin: setns\([0-9]+, CLONE_NEWNET\) = 0$"
	assert_line --regexp "^nsjoin: setns\([0-9]+, CLONE_NEWUTS\) = 0$"
	if ! is_root; then
		# Net and uts are refused first (EPERM), then user opens the way.
		assert_line --regexp "^nsjoin: setns\([0-9]+, CLONE_NEWNET\) = -1 EPERM"
		assert_line --regexp "^nsjoin: setns\([0-9]+, CLONE_NEWUSER\) = 0$"
	fi
}

# bats test_tags=root
@test "--net=PIN joins a bind-mount pin, even after its process is gone" {
	local tmp
	private_tmpdir
	spawn_ns -n
	local want
	want=$(ns_link "$SPAWNED" net)
	touch "$tmp/netpin"
	mount --bind "/proc/$SPAWNED/ns/net" "$tmp/netpin"
	kill -KILL "$SPAWNED"
	wait "$SPAWNED" 2>/dev/null || true
	run nsjoin --net="$tmp/netpin" -- readlink /proc/self/ns/net /proc/self/ns/uts
	assert_success
	assert_line -n 0 "$want"
	assert_line -n 1 "$(ns_link "$SELF" uts)"
	umount "$tmp/netpin"
}

@test "--TYPE=REF takes a namespace file, a PID or TYPE:[INODE], its type from the kernel" {
	spawn_ns "${R[@]}" -n -u
	run nsjoin --user="/proc/$SPAWNED/ns/user" --uts="/proc/$SPAWNED/ns/uts" \
		--net="$SPAWNED" -- readlink /proc/self/ns/uts /proc/self/ns/net
	assert_success
	assert_line -n 0 "$(ns_link "$SPAWNED" uts)"
	assert_line -n 1 "$(ns_link "$SPAWNED" net)"
	run nsjoin -t "$(ns_link "$SPAWNED" uts)" -a --user="$SPAWNED" -- readlink /proc/self/ns/uts
	assert_success
	assert_output "$(ns_link "$SPAWNED" uts)"
}

@test "a file of the wrong type for its flag, or not a namespace: 125 and one clear line" {
	spawn_ns "${R[@]}" -u
	run nsjoin --net="/proc/$SPAWNED/ns/uts" -- true
	assert_failure 125
	assert_line -n 0 "nsjoin: cannot join /proc/$SPAWNED/ns/uts as the net namespace: it is a uts namespace"
	run nsjoin -t "/proc/$SPAWNED/ns/uts" -n -- true
	assert_failure 125
	assert_line -n 0 "nsjoin: cannot join /proc/$SPAWNED/ns/uts as the net namespace: it is a uts namespace"
	run nsjoin --uts=/etc/passwd -- true
	assert_failure 125
	assert_line -n 0 "nsjoin: cannot open /etc/passwd: not a namespace file"
	run nsjoin -t /etc/hostname -- true
	assert_failure 125
	assert_line -n 0 "nsjoin: cannot open target /etc/hostname: not a namespace file"
	run nsjoin --uts=/nonexistent/x -- true
	assert_failure 125
	assert_line -n 0 "nsjoin: cannot open /nonexistent/x: No such file or directory"
}

@test "exit status: the command's, 128+N on a signal, 126, 127, 125 for a dead PID" {
	spawn_ns "${R[@]}" -u
	run nsjoin -t "$SPAWNED" -u "${U[@]}" -- sh -c 'exit 7'
	assert_failure 7
	run nsjoin -t "$SPAWNED" -u "${U[@]}" -- sh -c 'kill -TERM $$'
	assert_failure 143
	run -127 nsjoin -t "$SPAWNED" -u "${U[@]}" -- /nonexistent/cmd
	assert_output "nsjoin: failed to execute /nonexistent/cmd: No such file or directory"
	local tmp
	private_tmpdir
	echo 'echo hi' >"$tmp/noexec"
	chmod 0644 "$tmp/noexec"
	run -126 nsjoin -t "$SPAWNED" -u "${U[@]}" -- "$tmp/noexec"
	assert_output "nsjoin: failed to execute $tmp/noexec: Permission denied"
	local dead=$SPAWNED
	kill -KILL "$dead"
	wait "$dead" 2>/dev/null || true
	run nsjoin -t "$dead" -u -- true
	assert_failure 125
	assert_line -n 0 "nsjoin: cannot open target $dead: No such process"
	assert_line -n 1 --partial "nsjoin: hint: the process is gone"
}

@test "joining a pid namespace forks: the command is inside, sees the target's processes" {
	spawn_pidns -m
	run nsjoin -t "$SPAWNED" -p -m "${U[@]}" -- sh -c \
		'readlink /proc/self/ns/pid; echo $$; cat /proc/1/comm'
	assert_success
	assert_line -n 0 "$(ns_link "$SPAWNED" pid)"
	# Inside the target's pid namespace, where sleep is 1: we are a later PID.
	[ "${lines[1]}" -gt 1 ] && [ "${lines[1]}" -lt 100 ]
	assert_line -n 2 "sleep"
}

@test "-F does not fork: only the children go into the pid namespace" {
	spawn_pidns
	run nsjoin -F -t "$SPAWNED" -p "${U[@]}" -- readlink /proc/self/ns/pid /proc/self/ns/pid_for_children
	assert_success
	assert_line -n 0 "$(ns_link "$SELF" pid)"
	assert_line -n 1 "$(ns_link "$SPAWNED" pid)"
}

@test "--mount-proc: a fresh /proc of the joined pid namespace; no mount changes outside" {
	spawn_pidns -m
	local before target_before
	before=$(proc_sys_mounts)
	target_before=$(awk '{print $5, $9}' "/proc/$SPAWNED/mountinfo" | sort)
	# Join pid (not mnt): our own /proc would show our processes.
	run nsjoin -t "$SPAWNED" -p "${U[@]}" --mount-proc -- sh -c \
		'cat /proc/1/comm; readlink /proc/self/ns/mnt; ls /proc | grep -c "^[0-9]"'
	assert_success
	assert_line -n 0 "sleep"
	[ "${lines[1]}" != "$(ns_link "$SELF" mnt)" ]
	[ "${lines[1]}" != "$(ns_link "$SPAWNED" mnt)" ]
	[ "${lines[2]}" -lt 10 ]
	[ "$(proc_sys_mounts)" = "$before" ]
	[ "$(awk '{print $5, $9}' "/proc/$SPAWNED/mountinfo" | sort)" = "$target_before" ]
}

@test "--mount-proc with --no-fork and a pid namespace is refused" {
	spawn_pidns
	run nsjoin -F -t "$SPAWNED" -p "${U[@]}" --mount-proc -- true
	assert_failure 125
	assert_line -n 0 "nsjoin: --mount-proc needs the fork into the pid namespace: drop --no-fork"
}

@test "--mount-sys: a fresh /sys of the joined network namespace" {
	spawn_ns "${R[@]}" -n
	local before
	before=$(proc_sys_mounts)
	run nsjoin -t "$SPAWNED" -n "${U[@]}" --mount-sys -- ls /sys/class/net
	assert_success
	assert_output "lo"
	[ "$(proc_sys_mounts)" = "$before" ]
}

@test "the command gets exactly the caller's fds, with and without the fork" {
	spawn_pidns -n
	local want
	want=$(ls /proc/self/fd)
	run nsjoin -t "$SPAWNED" -n "${U[@]}" -- ls /proc/self/fd
	assert_success
	assert_output "$want"
	run nsjoin -t "$SPAWNED" -p -n "${U[@]}" -- ls /proc/self/fd
	assert_success
	assert_output "$want"
}

@test "SIGTERM to nsjoin reaches the command in a joined pid namespace" {
	spawn_pidns
	local tmp nj
	private_tmpdir
	${NSK_WRAP:-} "$NSJOIN" -t "$SPAWNED" -p "${U[@]}" -- "$NSK_PROGS/sigreport" "$tmp/sig" 3>&- &
	nj=$!
	NSK_PIDS+=("$nj")
	for _ in $(seq 200); do
		grep -q ready "$tmp/sig" 2>/dev/null && break
		sleep 0.05
	done
	kill -USR1 "$nj"
	kill -TERM "$nj"
	local rc=0
	wait "$nj" || rc=$?
	assert_equal "$rc" 115
	assert_equal "$(cat "$tmp/sig")" "$(printf 'ready\nUSR1\nTERM')"
}

@test "-t PID:INODE joins only while the PID's pid namespace has that inode" {
	spawn_ns "${R[@]}" -u
	run nsjoin -t "$SPAWNED:$(ns_ino "$SPAWNED" pid)" -u "${U[@]}" -- readlink /proc/self/ns/uts
	assert_success
	assert_output "$(ns_link "$SPAWNED" uts)"
	run nsjoin -t "$SPAWNED:12345" -u "${U[@]}" -- true
	assert_failure 125
	assert_line -n 0 "nsjoin: PID $SPAWNED is in pid:[$(ns_ino "$SPAWNED" pid)], not pid:[12345]: refusing to join"
}

@test "a PID that exits between resolution and join: 125, never a join of its successor" {
	local tmp
	public_tmpdir
	# In a pid namespace of our own, where we choose who gets the PID next.
	cat >"$tmp/race.sh" <<'EOF'
tmp=$1 nsjoin=$2 hook=$3
mkfifo "$tmp/t" "$tmp/r"
unshare -u sh -c 'hostname target; echo > "$1"; exec sleep 1000' sh "$tmp/t" &
target=$!
read -r -t 10 _ <"$tmp/t"
echo "$target" >"$tmp/target"
# Before nsjoin's setns: kill the target, wait until it is reaped, and give
# its PID to a new process in another uts namespace.
cat >"$tmp/hook.sh" <<EOT
kill -KILL $target
while [ -e /proc/$target ]; do :; done
echo $((target - 1)) > /proc/sys/kernel/ns_last_pid
unshare -u sh -c 'hostname reused; echo > "\$1"; exec sleep 1000' sh "$tmp/r" &
echo \$! > "$tmp/reused"
read -r _ < "$tmp/r"
EOT
NSK_SETNS_HOOK="sh $tmp/hook.sh" LD_PRELOAD=$hook ASAN_OPTIONS=verify_asan_link_order=0 \
	"$nsjoin" -t "$target" -u -- hostname
EOF
	run unshare "${R[@]}" -p -f --mount-proc -- bash "$tmp/race.sh" "$tmp" "$NSJOIN" \
		"$NSK_PROGS/setnshook.so"
	assert_failure 125
	local target
	target=$(cat "$tmp/target")
	assert_equal "$(cat "$tmp/reused")" "$target"
	assert_line -n 0 "nsjoin: cannot join the namespaces of PID $target: No such process"
	assert_line -n 1 --partial "nsjoin: hint: it exited after nsjoin opened it"
	refute_line reused
	refute_line target
}

@test "nsjoin is not dumpable while it joins (nothing inside can open its /proc files)" {
	local tmp
	public_tmpdir
	spawn_nobody_userns
	NSK_SETNS_HOOK="stat -c %u /proc/\$PPID/fd > $tmp/owner; grep ^Uid: /proc/\$PPID/status | cut -f2 > $tmp/uid; ls /proc/\$PPID/fd > /dev/null 2>&1; echo \$? > $tmp/ls" \
		LD_PRELOAD=$NSK_PROGS/setnshook.so ASAN_OPTIONS=verify_asan_link_order=0 \
		run as_nobody "$NSJOIN" -t "$SPAWNED" -- hostname
	assert_success
	assert_output mine
	# It runs as nobody, yet its /proc/PID/fd belongs to root: nobody else
	# of its uid may list its fds.
	assert_equal "$(cat "$tmp/uid")" 65534
	assert_equal "$(cat "$tmp/owner")" 0
	[ "$(cat "$tmp/ls")" -ne 0 ]
}

@test "a non-dumpable target: root joins it, others get a clear hint" {
	local tmp
	private_tmpdir
	mkfifo "$tmp/ready"
	"$NSK_PROGS/nodump" "$tmp/ready" 3>&- &
	NSK_PIDS+=($!)
	read -r -t 10 _ <"$tmp/ready"
	run nsjoin -t $! -U -u --preserve-credentials -- hostname
	if is_root; then
		assert_success
		assert_output nodump
	else
		assert_failure 125
		assert_line -n 0 --regexp "^nsjoin: cannot open the [a-z]+ namespace of PID $!: Permission denied$"
		assert_line -n 1 --partial "is not dumpable"
		assert_line -n 1 --partial "CAP_SYS_PTRACE"
	fi
}

# bats test_tags=root
@test "as nobody, joining root's network namespace fails with EPERM and names the capability" {
	local tmp
	public_tmpdir
	spawn_ns -n
	touch "$tmp/netpin"
	mount --bind "/proc/$SPAWNED/ns/net" "$tmp/netpin"
	run as_nobody "$NSJOIN" --net="$tmp/netpin" -- true
	assert_failure 125
	assert_line -n 0 "nsjoin: cannot join the net namespace of $tmp/netpin: Operation not permitted"
	assert_line -n 1 --regexp "^nsjoin: hint: .*CAP_SYS_ADMIN in user:\[[0-9]+\]"
	run as_nobody "$NSJOIN" -t "$SPAWNED" -n -- true
	assert_failure 125
	assert_line -n 0 "nsjoin: cannot open the net namespace of PID $SPAWNED: Permission denied"
	assert_line -n 1 --partial "CAP_SYS_PTRACE"
	# Nothing but the test's own pin is mounted under its directory.
	[ "$(grep -c " $tmp/" /proc/self/mountinfo)" -eq 1 ]
	umount "$tmp/netpin"
}

@test "as its owner, nobody joins a user+uts namespace made with unshare -U -r -u" {
	spawn_nobody_userns
	run as_nobody "$NSJOIN" -t "$SPAWNED" -- sh -c 'hostname; id -u; readlink /proc/self/ns/user'
	assert_success
	assert_line -n 0 mine
	assert_line -n 1 0
	assert_line -n 2 "$(ns_link "$SPAWNED" user)"
}

# bats test_tags=root
@test "root joins a container that another user made, user namespace and all" {
	spawn_nobody_userns
	run nsjoin -t "$SPAWNED" -- sh -c 'hostname; id -u; cat /proc/self/uid_map'
	assert_success
	assert_line -n 0 mine
	assert_line -n 1 0
	assert_line -n 2 --regexp "^ +0 +65534 +1$"
}

@test "-N FD joins the network namespace of a socket" {
	# The socket is made in N2; nsjoin goes back to N1, then -N 5 to N2.
	run unshare "${R[@]}" -n -- sh -c '
		readlink /proc/self/ns/net
		exec unshare -n -- sh -c "readlink /proc/self/ns/net; exec \"\$1\" 5 \"\$2\" --net=/proc/$$/ns/net -- \"\$2\" -N 5 -- readlink /proc/self/ns/net" sh "$1" "$2"' \
		sh "$NSK_PROGS/sockfd" "$NSJOIN"
	assert_success
	[ "${lines[0]}" != "${lines[1]}" ]
	assert_line -n 2 "${lines[1]}"
	run nsjoin -N 0 -- true </dev/null
	assert_failure 125
	assert_output "nsjoin: cannot join the network namespace of fd 0: it is not a socket"
}

@test "--user-parent joins the parent of the target's user namespace" {
	spawn_ns -U -r -f -- unshare -U -r -u
	local launcher=${NSK_PIDS[-1]}
	[ "$(ns_link "$launcher" user)" != "$(ns_link "$SPAWNED" user)" ]
	run nsjoin -t "$SPAWNED" --user-parent -- readlink /proc/self/ns/user /proc/self/ns/uts
	assert_success
	assert_line -n 0 "$(ns_link "$launcher" user)"
	assert_line -n 1 "$(ns_link "$SPAWNED" uts)"
}

@test "-S -G --preserve-credentials and --keep-caps in a joined user namespace" {
	spawn_ns -U --map-user=1 --map-group=1 -u
	run nsjoin -t "$SPAWNED" -- id -u
	assert_failure 125
	assert_line -n 0 "nsjoin: cannot set gid 0: Invalid argument"
	assert_line -n 1 --partial "no mapping in the user namespace"
	run nsjoin -t "$SPAWNED" --preserve-credentials -- sh -c 'id -u; id -g; grep ^CapEff /proc/self/status'
	assert_success
	assert_line -n 0 1
	assert_line -n 1 1
	assert_line -n 2 --regexp "^CapEff:[[:space:]]+0+$"
	run nsjoin -t "$SPAWNED" -S 1 -G 1 -- sh -c 'id -u; id -g'
	assert_success
	assert_output "$(printf '1\n1')"
	run nsjoin -t "$SPAWNED" --preserve-credentials --keep-caps -- grep ^CapEff /proc/self/status
	assert_success
	refute_output --regexp "^CapEff:[[:space:]]+0+$"
}

@test "-e takes the target's environment" {
	NSKTEST_ENV=from-target spawn_ns "${R[@]}" -u
	run nsjoin -t "$SPAWNED" -u "${U[@]}" -e -- sh -c 'echo "${NSKTEST_ENV:-unset}"'
	assert_success
	assert_output from-target
	run nsjoin -t "$SPAWNED" -u "${U[@]}" -- sh -c 'echo "${NSKTEST_ENV:-unset}"'
	assert_output unset
}

@test "-w takes the target's working directory, -r DIR -w DIR a root, -W a directory inside" {
	local tmp
	private_tmpdir
	mkdir "$tmp/work"
	pushd "$tmp/work" >/dev/null
	spawn_ns "${R[@]}" -u
	popd >/dev/null
	run nsjoin -t "$SPAWNED" -u "${U[@]}" -w -- pwd
	assert_success
	assert_output "$tmp/work"
	mkroot "$tmp/root"
	echo marker >"$tmp/root/marker"
	run nsjoin -t "$SPAWNED" -u "${U[@]}" -r"$tmp/root" -w"$tmp/root" -- /bin/sh -c 'read -r m </marker; echo "$m"; pwd'
	assert_success
	assert_output "$(printf 'marker\n/')"
	run nsjoin -t "$SPAWNED" -u "${U[@]}" -W /proc -- pwd
	assert_output /proc
}

# bats test_tags=root
@test "--join-cgroup moves the command into the target's cgroups, v2 and v1" {
	local v2 v1 name=nskit-nsjoin-$$
	v2=$(findmnt -n -t cgroup2 -o TARGET | head -n 1)
	v1=$(findmnt -n -t cgroup -O pids -o TARGET | head -n 1)
	[ -n "$v2" ] || skip "no cgroup2 mount"
	mkdir "$v2/$name"
	[ -z "$v1" ] || mkdir "$v1/$name"
	spawn_ns -u
	echo "$SPAWNED" >"$v2/$name/cgroup.procs"
	[ -z "$v1" ] || echo "$SPAWNED" >"$v1/$name/cgroup.procs"
	run nsjoin -t "$SPAWNED" -u -c -- cat /proc/self/cgroup
	nsk_teardown
	rmdir "$v2/$name"
	[ -z "$v1" ] || rmdir "$v1/$name"
	assert_success
	assert_line "0::/$name"
	[ -z "$v1" ] || assert_line --regexp "^[0-9]+:pids:/$name$"
}

# bats test_tags=root
@test "-t DIR and a pin name join every type pinned there" {
	local tmp
	private_tmpdir
	spawn_ns -n -u -i
	mkdir -p "$tmp/pins/web"
	touch "$tmp/pins/web/net" "$tmp/pins/web/uts"
	mount --bind "/proc/$SPAWNED/ns/net" "$tmp/pins/web/net"
	mount --bind "/proc/$SPAWNED/ns/uts" "$tmp/pins/web/uts"
	run nsjoin -t "$tmp/pins/web" -- readlink /proc/self/ns/net /proc/self/ns/uts /proc/self/ns/ipc
	assert_success
	assert_line -n 0 "$(ns_link "$SPAWNED" net)"
	assert_line -n 1 "$(ns_link "$SPAWNED" uts)"
	assert_line -n 2 "$(ns_link "$SELF" ipc)"
	NSPIN_DIR=$tmp/pins run nsjoin -t web -u -- readlink /proc/self/ns/uts /proc/self/ns/net
	assert_success
	assert_line -n 0 "$(ns_link "$SPAWNED" uts)"
	assert_line -n 1 "$(ns_link "$SELF" net)"
	run nsjoin -t "$tmp/pins/web" -i -- true
	assert_failure 125
	assert_output "nsjoin: cannot join $tmp/pins/web: it holds no ipc namespace"
}

@test "usage errors: 125 and a pointer to --help" {
	run nsjoin -n -- true
	assert_failure 125
	assert_line -n 0 "nsjoin: --net needs a file (--net=FILE) or a target (-t)"
	assert_line -n 1 "Try 'nsjoin --help' for more information."
	run nsjoin -- true
	assert_failure 125
	assert_line -n 0 "nsjoin: nothing to join: give a target (-t) or a type flag with =FILE"
	run nsjoin -a -- true
	assert_failure 125
	assert_line -n 0 "nsjoin: --all needs a target (-t)"
	run nsjoin --uts=/proc/self/ns/uts -e -- true
	assert_failure 125
	assert_line -n 0 "nsjoin: --env, --join-cgroup, and --root or --wd without DIR take from a process: give -t PID"
	run nsjoin -t 1 -S x -- true
	assert_failure 125
	assert_line -n 0 "nsjoin: invalid --setuid 'x': no such user"
}
