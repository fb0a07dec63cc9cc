#!/usr/bin/env bats
# nsclone: the container of the source material, step by step, each step
# checked through the kernel. Runs as root and (nsclone.nobody) as user
# nobody, where every namespace comes with -U -r.

load common
bats_require_minimum_version 1.5.0

setup() {
	# Without privilege a user namespace is what makes the rest possible.
	if is_root; then U=(); else U=(-U -r); fi
	# Set NSK_TMP in this shell (not in a $(...) subshell), so that
	# nsk_teardown finds and removes what the test made there.
	nsk_tmpdir >/dev/null
}

teardown() {
	if [ -n "${MSGQ:-}" ]; then ipcrm -q "$MSGQ" 2>/dev/null || true; fi
	if [ -n "${CGDIR:-}" ]; then rmdir "$CGDIR" 2>/dev/null || true; fi
	nsk_teardown
}

# mk_rootfs: a minimal root file system from busybox (static) in the test's
# temp dir, with the mount points of the source material's container.
mk_rootfs() {
	ROOTFS=$(nsk_tmpdir)/rootfs
	mkdir -p "$ROOTFS"/{bin,proc,sys,dev,tmp,run,etc,data}
	cp /bin/busybox "$ROOTFS/bin/"
	for c in sh cat ls ps hostname touch mount id grep wc echo tr; do
		ln -s busybox "$ROOTFS/bin/$c"
	done
	: >"$ROOTFS/etc/hosts"
	: >"$ROOTFS/etc/hostname"
	: >"$ROOTFS/etc/resolv.conf"
	# the read-only remount probe, with its libraries
	cp "$NSK_PROGS/remount" "$ROOTFS/bin/"
	ldd "$NSK_PROGS/remount" | grep -o '/[^ ]*' | while read -r lib; do
		mkdir -p "$ROOTFS$(dirname "$lib")"
		cp "$lib" "$ROOTFS$lib"
	done
}

# The host's mounts at or below the paths given: what a test of nsclone could
# leak. (The whole mount table also changes with the other suites that run
# at the same time.)
mounts_at() {
	local p
	for p in "$@"; do
		awk -v p="$p" '$5 == p || index($5, p "/") == 1 { print $5, $9, $4 }' /proc/self/mountinfo
	done | sort
}

# The PID that -v printed for clone3, to check that it is gone.
cloned_pid() { sed -n 's/^nsclone: clone3*(.*) = \([0-9]*\)$/\1/p' <<<"$1" | head -n 1; }

@test "--help lists the container options and --version prints the version" {
	run nsclone --help
	assert_success
	for o in --root --bind --ro-bind --tmpfs --dev --sys --mount-proc --init --pin \
		--detach --pidfile --die-with-parent --cgroup-dir --no-lo --map-root-user; do
		assert_output --partial -- "$o"
	done
	run nsclone --version
	assert_success
	assert_output --regexp '^nsclone [0-9]'
}

@test "-u --hostname: the hostname changes inside only, in a new UTS namespace" {
	before=$(hostname)
	run nsclone "${U[@]}" -u --hostname nsk-box -- sh -c 'hostname; stat -L -c %i /proc/self/ns/uts'
	assert_success
	assert_line --index 0 nsk-box
	refute_line --index 1 "$(ns_ino $$ uts)"
	[ "$(hostname)" = "$before" ]
}

@test "--domainname sets the NIS domain name in the new UTS namespace" {
	run nsclone "${U[@]}" -u --domainname nsk.test -- cat /proc/sys/kernel/domainname
	assert_success
	assert_output nsk.test
	refute [ "$(cat /proc/sys/kernel/domainname)" = nsk.test ]
}

@test "-i: a message queue of the host is not visible inside" {
	MSGQ=$(ipcmk -Q | grep -o '[0-9]*$')
	# ipcs -i exits 0 even for an id it does not find: look at the list
	list_q='ipcs -q | awk -v q="$1" '"'"'$2 == q { print "visible" } END { print "end" }'"'"''
	run nsclone "${U[@]}" -- sh -c "$list_q" sh "$MSGQ"
	assert_output "visible
end"
	run nsclone "${U[@]}" -i -- sh -c "$list_q" sh "$MSGQ"
	assert_success
	assert_output end
}

@test "-p: the command is PID 1 of a new PID namespace" {
	run nsclone "${U[@]}" -p -- sh -c 'echo $$; stat -L -c %i /proc/self/ns/pid_for_children'
	assert_success
	assert_line --index 0 1
	refute_line --index 1 "$(ns_ino $$ pid)"
}

@test "-p --mount-proc: ps shows only the container; the host's /proc is untouched" {
	before=$(mounts_at /proc)
	run nsclone "${U[@]}" -p --mount-proc -- ps -e -o pid=,comm=
	assert_success
	# ps itself is PID 1, and alone
	assert_output --regexp '^ *1 ps$'
	[ "$(mounts_at /proc)" = "$before" ]
	# the host's /proc still shows this shell
	[ -d "/proc/$$" ]
}

@test "-n: only lo exists in the new network namespace, and it is up" {
	run nsclone "${U[@]}" -n -- ip -o link show
	assert_success
	assert_output --regexp '^1: lo: <LOOPBACK,UP,LOWER_UP> '
	assert_equal "${#lines[@]}" 1
}

@test "--no-lo leaves lo down; --sys shows the new namespace's interfaces" {
	run nsclone "${U[@]}" -n --no-lo -m --sys -- sh -c 'ls /sys/class/net; cat /sys/class/net/lo/flags'
	assert_success
	assert_line --index 0 lo
	assert_equal "${#lines[@]}" 2
	# IFF_UP is bit 0
	[ $((lines[1] & 1)) -eq 0 ]
}

@test "the container: --root, --bind volume, --ro-bind hosts, --tmpfs, --dev, --sys, --mount-proc" {
	mk_rootfs
	d=$(nsk_tmpdir)
	mkdir "$d/vol"
	echo from-the-host >"$d/vol/file"
	echo "127.0.0.1 nsk-box" >"$d/hosts"
	echo nsk-box >"$d/hostname"
	echo "nameserver 127.0.0.53" >"$d/resolv.conf"
	before=$(mounts_at / "$d")
	run nsclone "${U[@]}" -m -u -i -n -p --hostname nsk-box --root "$ROOTFS" --mount-proc --sys \
		--tmpfs /tmp --tmpfs /run --dev \
		--ro-bind "$d/hosts:/etc/hosts" --ro-bind "$d/hostname:/etc/hostname" \
		--ro-bind "$d/resolv.conf:/etc/resolv.conf" --bind "$d/vol:/data" \
		-- sh -c 'echo "pid=$$ host=$(hostname)"; cat /data/file /etc/hosts /etc/resolv.conf
			echo "tmp=$(ls -A /tmp | wc -l) run=$(ls -A /run | wc -l)"
			ls /dev | tr "\n" " "; echo; ls /dev/pts | tr "\n" " "; echo
			echo written >/data/new && echo volume-writable
			touch /etc/hosts 2>/dev/null || echo hosts-readonly
			ps >/tmp/ps; echo "ps=$(wc -l </tmp/ps)"; ls /sys/class/net | tr "\n" " "; echo
			ls -d /bin/busybox'
	assert_success
	assert_line "pid=1 host=nsk-box"
	assert_line from-the-host
	assert_line "127.0.0.1 nsk-box"
	assert_line "nameserver 127.0.0.53"
	assert_line "tmp=0 run=0"
	assert_line "fd full null ptmx pts random shm stderr stdin stdout tty urandom zero "
	assert_line "ptmx "
	assert_line volume-writable
	assert_line hosts-readonly
	assert_line "ps=3" # header, sh, ps
	assert_line "lo "
	assert_line /bin/busybox
	# the write through the volume reached the host; nothing else changed
	[ "$(cat "$d/vol/new")" = written ]
	[ "$(mounts_at / "$d")" = "$before" ]
}

@test "--root: the old root is detached (pivot_root), --chroot keeps it below" {
	mk_rootfs
	run nsclone "${U[@]}" -m -p --root "$ROOTFS" --mount-proc -- sh -c 'wc -l </proc/self/mountinfo'
	assert_success
	# only the new root and proc are left
	assert_output 2
	run nsclone "${U[@]}" -m --root "$ROOTFS" --chroot -- sh -c 'echo $(ls /etc | tr "\n" " ")'
	assert_success
	assert_output "hostname hosts resolv.conf"
}

@test "--ro-bind stays read-only against a remount in a user namespace" {
	mk_rootfs
	d=$(nsk_tmpdir)
	echo data >"$d/ro"
	# (the probe's stderr goes: built with sanitizers it complains of no /proc)
	run nsclone -U -r -m --root "$ROOTFS" --ro-bind "$d/ro:/etc/hosts" --bind "$d/ro:/etc/hostname" \
		-- sh -c 'echo "hosts $(remount /etc/hosts 2>/dev/null)"
			echo "hostname $(remount /etc/hostname 2>/dev/null)"
			touch /etc/hosts || true'
	assert_line "hosts EPERM"
	assert_line "hostname ok"
	assert_output --partial "Read-only file system"
	[ "$(cat "$d/ro")" = data ]
}

@test "--init with a locked --ro-bind: the command is still PID 2, and the lock adds no process" {
	mk_rootfs
	run nsclone -U -r -p --init --root "$ROOTFS" --mount-proc --ro-bind /etc/hosts:/etc/hosts -- \
		sh -c 'echo $$; echo /proc/[0-9]*'
	assert_success
	assert_line --index 0 2
	# init and sh, nothing else
	assert_line --index 1 "/proc/1 /proc/2"
}

@test "mount points are made on the container's own tmpfs only" {
	d=$(nsk_tmpdir)
	echo data >"$d/file"
	mkdir "$d/dir"
	run nsclone "${U[@]}" -m --tmpfs "$d/dir" --bind "$d/file:$d/dir/a/b/file" \
		--ro-bind "$d/dir:$d/dir/c" -- sh -c "cat $d/dir/a/b/file; ls $d/dir | tr '\n' ' '"
	assert_success
	assert_line --index 0 data
	assert_line --index 1 "a c "
	# on the host nothing was created
	[ -z "$(ls -A "$d/dir")" ]
}

@test "--propagation shared is refused with mounts" {
	run nsclone "${U[@]}" --propagation shared --tmpfs /mnt -- true
	assert_failure 125
	assert_line --index 0 --partial "nsclone: --propagation shared or unchanged would carry"
}

@test "--tmpfs takes options after a colon; -w and --env reach the command" {
	run nsclone "${U[@]}" -m --tmpfs "/mnt:mode=1777,size=1m" -w /mnt --clearenv --env A=b -- \
		/bin/sh -c 'stat -c %a .; pwd; env | grep -v "^PWD=\|^SHLVL=\|^_=" | sort'
	assert_success
	assert_line --index 0 1777
	assert_line --index 1 /mnt
	assert_line --index 2 A=b
	assert_equal "${#lines[@]}" 3
}

@test "-v prints clone3(FLAGS) = PID and each mount in mount(2) words" {
	run nsclone "${U[@]}" -v -p -m --tmpfs /mnt -- true
	assert_success
	assert_line --regexp '^nsclone: clone3\(CLONE_NEWNS\|CLONE_NEWPID.*\) = [0-9]+$'
	assert_line 'nsclone: mount(NULL, "/", NULL, MS_REC|MS_PRIVATE, NULL) = 0'
	assert_line 'nsclone: mount("tmpfs", "/mnt", "tmpfs", MS_NOSUID|MS_NODEV, "mode=0755") = 0'
}

@test "-p: when PID 1 exits the kernel ends the rest at once (orphan reaping)" {
	tag=$((RANDOM + 1000)).$$
	start=$(date +%s%N)
	run timeout 10 "$NSCLONE" "${U[@]}" -p -- sh -c "sleep $tag & exit 3"
	end=$(date +%s%N)
	assert_failure 3
	[ $(((end - start) / 1000000)) -lt 2000 ]
	run pgrep -f -x "sleep $tag"
	assert_failure
}

@test "--init: the command is PID 2, SIGTERM reaches it, and its status comes back" {
	d=$(nsk_tmpdir)
	mkfifo "$d/ready"
	"$NSCLONE" "${U[@]}" --init -- sh -c 'echo $$ >"$1"; exec "$2" "$1.log"' sh "$d/ready.pid" \
		"$NSK_PROGS/sigreport" &
	pid=$!
	NSK_PIDS+=("$pid")
	# wait for sigreport's "ready" line
	for _ in $(seq 100); do grep -q ready "$d/ready.pid.log" 2>/dev/null && break; sleep 0.05; done
	[ "$(cat "$d/ready.pid")" = 2 ]
	kill -USR1 "$pid"
	kill -TERM "$pid"
	st=0
	wait "$pid" || st=$?
	assert_equal "$st" $((100 + 15))
	grep -qx USR1 "$d/ready.pid.log"
	grep -qx TERM "$d/ready.pid.log"
}

@test "--init reaps orphans: no zombie inside while the command runs" {
	run nsclone "${U[@]}" --init --mount-proc -- sh -c '(sleep 0.1 &); sleep 0.5; ps -e -o stat=,pid=,comm=; exit 7'
	assert_failure 7
	refute_output --partial Z
	assert_line --regexp '^S.* 1 nsclone$'
}

@test "a command killed by SIGKILL gives 137, with -p and --init too" {
	run nsclone "${U[@]}" -- sh -c 'kill -KILL $$'
	assert_failure 137
	run nsclone "${U[@]}" --init -- sh -c 'kill -KILL $$'
	assert_failure 137
}

@test "exit codes: 127 command not found, 126 not executable" {
	d=$(nsk_tmpdir)
	: >"$d/not-executable"
	run -127 nsclone "${U[@]}" -u -- /nonexistent/cmd
	assert_output "nsclone: failed to execute /nonexistent/cmd: No such file or directory"
	run -126 nsclone "${U[@]}" -u -- "$d/not-executable"
	assert_output "nsclone: failed to execute $d/not-executable: Permission denied"
}

@test "unprivileged: -U -r with every other namespace, and the uid_map is right" {
	run nsclone -U -r -m -p -u -i -n --mount-proc --hostname box -- \
		sh -c 'echo $$; hostname; cat /proc/self/uid_map; id -u; exec ps -e -o pid=,comm='
	assert_success
	assert_line --index 0 1
	assert_line --index 1 box
	assert_line --index 2 --regexp "^ +0 +$(id -u) +1$"
	assert_line --index 3 0
	assert_line --index 4 --regexp '^ *1 ps$'
	assert_equal "${#lines[@]}" 5
}

@test "-T --boottime: the new time namespace has the offset" {
	host=$(cut -d. -f1 /proc/uptime)
	run nsclone "${U[@]}" --boottime 86400 -- sh -c 'cut -d. -f1 /proc/uptime; stat -L -c %i /proc/self/ns/time'
	assert_success
	[ "${lines[0]}" -ge $((host + 86400)) ]
	refute_line --index 1 "$(ns_ino $$ time)"
	run nsclone "${U[@]}" -T -- stat -L -c %i /proc/self/ns/time
	assert_success
	refute_output "$(ns_ino $$ time)"
}

@test "clone(2) fallback where clone3 is missing; -T is then made by unshare(2)" {
	run "$NSK_PROGS/noclone3" "$NSCLONE" "${U[@]}" -v -p -u -- sh -c 'echo $$'
	assert_success
	assert_line --regexp '^nsclone: clone\(CLONE_NEW.*\) = [0-9]+$'
	assert_line 1
	# clone(2) would read CLONE_NEWTIME as an exit signal: never passed there
	run "$NSK_PROGS/noclone3" "$NSCLONE" "${U[@]}" -v -T -- stat -L -c %i /proc/self/ns/time
	assert_success
	refute_line --regexp '^nsclone: clone\(.*CLONE_NEWTIME.*\) = '
	assert_line "nsclone: unshare(CLONE_NEWTIME) = 0"
	assert_line --regexp '^[0-9]+$'
	refute_line "$(ns_ino $$ time)"
}

@test "--detach prints the PID of a live child in new namespaces; --pidfile has it" {
	d=$(nsk_tmpdir)
	# the command lets go of run's output pipe, or run would wait for it
	run nsclone "${U[@]}" -u --detach --pidfile "$d/pid" -- sh -c 'exec sleep 1000 >/dev/null 2>&1'
	assert_success
	pid=$output
	NSK_PIDS+=("$pid")
	[ "$(cat "$d/pid")" = "$pid" ]
	[ "$(cat "/proc/$pid/comm")" = sleep ]
	[ "$(ns_ino "$pid" uts)" != "$(ns_ino $$ uts)" ]
}

@test "--pidfile is removed when nsclone has waited for the command" {
	d=$(nsk_tmpdir)
	run nsclone "${U[@]}" --pidfile "$d/pid" -- sh -c "cat '$d/pid' >'$d/seen'"
	assert_success
	[ -s "$d/seen" ]
	[ ! -e "$d/pid" ]
}

@test "--die-with-parent: the command dies when nsclone is killed" {
	d=$(nsk_tmpdir)
	"$NSCLONE" "${U[@]}" --die-with-parent --pidfile "$d/pid" -- sleep 1000 &
	nsc=$!
	NSK_PIDS+=("$nsc")
	for _ in $(seq 100); do [ -s "$d/pid" ] && break; sleep 0.05; done
	child=$(cat "$d/pid")
	kill -KILL "$nsc"
	wait "$nsc" || true
	for _ in $(seq 100); do [ -e "/proc/$child" ] || break; sleep 0.05; done
	[ ! -e "/proc/$child" ]
}

# bats test_tags=root
@test "--pin DIR and =PIN: the pins hold what the command saw, after it exited" {
	d=$(nsk_tmpdir)
	touch "$d/uts-pin"
	run nsclone --pin "$d/pins" -m -n -p -i --uts="$d/uts-pin" -- \
		sh -c 'for t in mnt net pid ipc uts; do stat -L -c "$t %i" /proc/self/ns/$t; done'
	assert_success
	for t in mnt net pid ipc uts; do
		want=$(sed -n "s/^$t //p" <<<"$output")
		[ "$(stat -L -c %i "$d/pins/$t")" = "$want" ]
	done
	[ "$(stat -L -c %i "$d/uts-pin")" = "$(sed -n 's/^uts //p' <<<"$output")" ]
	# a pinned namespace can be joined again
	run nsenter --uts="$d/uts-pin" -- stat -L -c %i /proc/self/ns/uts
	assert_output "$(stat -L -c %i "$d/uts-pin")"
}

# bats test_tags=root
@test "--pin with -U, a time offset and a locked --ro-bind: the pins are the namespaces the command is in" {
	d=$(nsk_tmpdir)
	run nsclone -U -r --pin "$d/pins" -m -n -T --boottime 100 --ro-bind /etc/hosts:/etc/hosts -- \
		sh -c 'for t in user mnt net time; do stat -L -c "$t %i" /proc/self/ns/$t; done'
	assert_success
	for t in user mnt net time; do
		want=$(sed -n "s/^$t //p" <<<"$output")
		[ -n "$want" ]
		[ "$(stat -L -c %i "$d/pins/$t")" = "$want" ]
	done
}

# bats test_tags=root
@test "a failed step after pinning leaves no pin and no directory" {
	d=$(nsk_tmpdir)
	before=$(mounts_at "$d")
	run -127 nsclone --pin "$d/pins" -n -u -- /nonexistent/cmd
	[ ! -e "$d/pins" ]
	[ "$(mounts_at "$d")" = "$before" ]
}

# bats test_tags=root
@test "--cgroup-dir starts the command in that cgroup (CLONE_INTO_CGROUP); -C roots it there" {
	cg=$(awk '$9 == "cgroup2" { print $5; exit }' /proc/self/mountinfo)
	[ -n "$cg" ] || skip "no cgroup2 hierarchy"
	dir="$cg/nsk-test-$$"
	mkdir "$dir"
	CGDIR=$dir
	run nsclone -v --cgroup-dir "$dir" -- cat /proc/self/cgroup
	assert_line "0::/nsk-test-$$"
	assert_line --regexp '^nsclone: clone3\(CLONE_PIDFD\|CLONE_CLEAR_SIGHAND\|CLONE_INTO_CGROUP\) = [0-9]+$'
	run nsclone -C --cgroup-dir "$dir" -- cat /proc/self/cgroup
	assert_line "0::/"
}

# bats test_tags=root
@test "--cgroup-dir without clone3: moved through cgroup.procs, and -C is rooted there all the same" {
	cg=$(awk '$9 == "cgroup2" { print $5; exit }' /proc/self/mountinfo)
	[ -n "$cg" ] || skip "no cgroup2 hierarchy"
	dir="$cg/nsk-test-$$"
	mkdir "$dir"
	CGDIR=$dir
	run "$NSK_PROGS/noclone3" "$NSCLONE" -v --cgroup-dir "$dir" -- cat /proc/self/cgroup
	assert_line "0::/nsk-test-$$"
	assert_line --partial "/nsk-test-$$/cgroup.procs"
	run "$NSK_PROGS/noclone3" "$NSCLONE" -C --cgroup-dir "$dir" -- cat /proc/self/cgroup
	assert_line "0::/"
}

# bats test_tags=unpriv
@test "failure: new namespaces without privilege say what to add" {
	run nsclone -n -- true
	assert_failure 125
	assert_line --index 0 "nsclone: cannot clone into new namespaces (CLONE_NEWNET): Operation not permitted"
	assert_line --index 1 --partial "add -U -r"
}

@test "failure: a missing root leaves no mount and no process, exit 125" {
	d=$(nsk_tmpdir)
	before=$(mounts_at / "$d")
	run nsclone "${U[@]}" -v -m -p --root "$d/missing" -- true
	assert_failure 125
	assert_line "nsclone: cannot bind-mount the new root $d/missing on itself: No such file or directory"
	pid=$(cloned_pid "$output")
	[ -n "$pid" ]
	[ ! -e "/proc/$pid" ]
	[ "$(mounts_at / "$d")" = "$before" ]
}

@test "failure: proc of a PID namespace that the user namespace does not own: EPERM with a hint" {
	run nsclone -U -r --mount-proc -- true
	assert_failure 125
	assert_line --index 0 "nsclone: cannot mount proc on /proc: Operation not permitted"
	assert_line --index 1 --partial "nsclone: hint: "
	assert_equal "${#lines[@]}" 2
}

@test "failure: a missing bind source, exit 125 with one line" {
	before=$(mounts_at /mnt /nonexistent)
	run nsclone "${U[@]}" --bind /nonexistent/src:/mnt -- true
	assert_failure 125
	assert_output "nsclone: cannot bind-mount /nonexistent/src on /mnt: No such file or directory"
	[ "$(mounts_at /mnt /nonexistent)" = "$before" ]
}

@test "failure: a missing mount point is not created" {
	d=$(nsk_tmpdir)
	run nsclone "${U[@]}" --tmpfs "$d/nothere" -- true
	assert_failure 125
	assert_output "nsclone: cannot mount on $d/nothere: No such file or directory"
	[ ! -e "$d/nothere" ]
}

@test "failure: a bad map is refused before anything starts" {
	run nsclone --map-users=x -- true
	assert_failure 125
	assert_line --index 0 --partial "nsclone: invalid --map-users 'x'"
}

# bats test_tags=unpriv
@test "failure: a map the kernel refuses kills the child, exit 125" {
	run nsclone -v -U --map-user=0 --map-users=1:0:1000 -- true
	assert_failure 125
	pid=$(cloned_pid "$output")
	[ -n "$pid" ]
	[ ! -e "/proc/$pid" ]
}

@test "usage errors exit 125 with a hint" {
	run nsclone --chroot -- true
	assert_failure 125
	assert_line --index 0 "nsclone: --chroot needs --root"
	assert_line --index 1 "Try 'nsclone --help' for more information."
	run nsclone --bogus
	assert_failure 125
}

@test "the command sees only the caller's fds" {
	want=$(sh -c 'ls /proc/self/fd')
	run nsclone "${U[@]}" -p -m -u -n -- sh -c 'ls /proc/self/fd'
	assert_success
	assert_output "$want"
}
