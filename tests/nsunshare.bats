#!/usr/bin/env bats
# nsunshare: every check reads the truth from the kernel (inodes of
# /proc/PID/ns/*, maps, mountinfo, clocks, fds). Tests tagged root need
# privilege in the initial namespaces; the others also run as user nobody
# (tests/nsunshare.nobody), through a user namespace (-r) where needed.

bats_require_minimum_version 1.5.0
load common

# Under --enable-sanitizers: LeakSanitizer cannot stop the world of a process
# that has unshared CLONE_NEWPID (the kernel refuses it new threads), and
# nsunshare ends in exec anyway.
export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0

setup() {
	U=() # -r where a user namespace is needed for the rest
	is_root || U=(-r)
	nsk_tmpdir >/dev/null # sets NSK_TMP here, so that $(nsk_tmpdir) is one dir
}

teardown() {
	nsk_teardown
}

# The mounts that a test of ours can touch: /proc and the test's temp dir
# (other suites may mount elsewhere at the same time).
our_mounts() {
	mount_snapshot | grep -E "^(/proc|$NSK_TMP)( |/)" || true
}

# The inodes of all eight namespaces of the process that runs this.
ns_all() {
	for t in cgroup ipc mnt net pid time user uts; do
		printf '%s %s\n' "$t" "$(stat -L -c %i /proc/self/ns/$t)"
	done
}
NS_ALL='for t in cgroup ipc mnt net pid time user uts; do printf "%s %s\n" $t $(stat -L -c %i /proc/self/ns/$t); done'

# check_type TYPE FLAG...: with FLAG, TYPE differs from ours and the other
# types (but user, under -r) are equal.
check_type() {
	local type=$1 line t ino
	shift
	run nsunshare "${U[@]}" "$@" -- sh -c "$NS_ALL"
	assert_success
	while read -r line; do
		t=${line% *}
		ino=${line#* }
		if [ "$t" = "$type" ] || { [ ${#U[@]} -gt 0 ] && [ "$t" = user ]; }; then
			[ "$ino" != "$(ns_ino $$ "$t")" ] || fail "$t should differ"
		else
			[ "$ino" = "$(ns_ino $$ "$t")" ] || fail "$t should be ours"
		fi
	done <<<"$output"
	[ "${#lines[@]}" -eq 8 ]
}

@test "each type flag unshares that namespace and no other" {
	check_type mnt -m
	check_type uts -u
	check_type ipc -i
	check_type net -n
	check_type pid -f -p
	check_type cgroup -C
	check_type time -T
	check_type mnt --mount
	check_type net --net
}

@test "-U unshares the user namespace only" {
	run nsunshare -U -- sh -c "$NS_ALL"
	assert_success
	assert_line "user $(stat -L -c %i /proc/self/ns/user)" && fail "user should differ" || true
	refute_line "user $(ns_ino $$ user)"
	assert_line "net $(ns_ino $$ net)"
}

@test "-a unshares every type" {
	run nsunshare -a -f -- sh -c "$NS_ALL"
	assert_success
	for t in cgroup ipc mnt net pid time user uts; do
		refute_line "$t $(ns_ino $$ $t)"
	done
}

@test "the command is exec'd in place: same PID, no child" {
	local fifo pid
	fifo=$(nsk_tmpdir)/pid
	# Started directly, not through the nsunshare function, so that $! is it.
	"$NSUNSHARE" "${U[@]}" -u -- sh -c 'echo $$ > "$1"' sh "$fifo" 3>&- &
	pid=$!
	wait "$pid"
	[ "$(cat "$fifo")" = "$pid" ]
}

@test "-f -p --mount-proc: the command is PID 1 and ps sees only its processes" {
	local before
	before=$(our_mounts)
	run nsunshare "${U[@]}" -f -p --mount-proc -- sh -c 'echo $$; exec ps -e -o pid=,comm='
	assert_success
	assert_equal "${lines[0]}" 1
	assert_equal "$(echo "${lines[1]}" | awk '{print $1, $2}')" "1 ps"
	assert_equal "${#lines[@]}" 2
	assert_equal "$(our_mounts)" "$before"
	# The host's /proc still shows the host's processes.
	[ -d "/proc/$$" ]
}

@test "--mount-proc=DIR mounts the new PID namespace's proc there, and only inside" {
	local d
	d=$(nsk_tmpdir)
	mkdir "$d/proc"
	run nsunshare "${U[@]}" -f -p --mount-proc="$d/proc" -- cat "$d/proc/1/comm"
	assert_success
	assert_output cat
	run grep " $d/proc " /proc/self/mountinfo
	assert_failure
}

@test "-p without -f: the command stays outside, its first child is PID 1" {
	run nsunshare "${U[@]}" -p -- sh -c 'echo $$; sh -c "echo \$\$"'
	assert_success
	[ "${lines[0]}" != 1 ]
	assert_equal "${lines[1]}" 1
}

@test "-r maps the caller to root, with setgroups deny" {
	run nsunshare -r -- sh -c 'id -u; id -g; cat /proc/self/uid_map /proc/self/gid_map /proc/self/setgroups'
	assert_success
	assert_equal "${lines[0]}" 0
	assert_equal "${lines[1]}" 0
	assert_equal "$(echo "${lines[2]}" | awk '{print $1, $2, $3}')" "0 $(id -u) 1"
	assert_equal "$(echo "${lines[3]}" | awk '{print $1, $2, $3}')" "0 $(id -g) 1"
	assert_equal "${lines[4]}" deny
}

@test "-c maps the caller to itself; --map-user and --map-group choose the ids" {
	run nsunshare -c -- sh -c 'id -u; cat /proc/self/uid_map'
	assert_success
	assert_equal "${lines[0]}" "$(id -u)"
	run nsunshare --map-user=1234 --map-group=99 -- sh -c 'id -u; id -g; cat /proc/self/uid_map'
	assert_success
	assert_equal "${lines[0]}" 1234
	assert_equal "${lines[1]}" 99
	assert_equal "$(echo "${lines[2]}" | awk '{print $1, $2, $3}')" "1234 $(id -u) 1"
}

# bats test_tags=root
@test "--map-users and --map-groups with ranges as root, without newuidmap" {
	run env PATH=/nonexistent "$NSUNSHARE" --map-users=0:100000:65536 --map-groups=100000,0,65536 \
		--setgroups allow -- /bin/cat /proc/self/uid_map /proc/self/gid_map /proc/self/setgroups
	assert_success
	assert_equal "$(echo "${lines[0]}" | awk '{print $1, $2, $3}')" "0 100000 65536"
	assert_equal "$(echo "${lines[1]}" | awk '{print $1, $2, $3}')" "0 100000 65536"
	assert_equal "${lines[2]}" allow
}

# bats test_tags=root
@test "--map-user punches its id out of --map-users; --map-users all passes through" {
	run nsunshare --map-user=0 --map-users=0:100000:10 -- cat /proc/self/uid_map
	assert_success
	assert_equal "$(echo "${lines[0]}" | awk '{print $1, $2, $3}')" "0 0 1"
	assert_equal "$(echo "${lines[1]}" | awk '{print $1, $2, $3}')" "1 100001 9"
	run nsunshare --map-users=all --map-groups=all -- sh -c 'id -u nobody; cat /proc/self/uid_map'
	assert_success
	assert_equal "${lines[0]}" 65534
	assert_equal "$(echo "${lines[1]}" | awk '{print $1, $2, $3}')" "0 0 4294967295"
}

# bats test_tags=root
@test "--map-auto as nobody goes through newuidmap/newgidmap and /etc/subuid" {
	command -v newuidmap >/dev/null || skip "newuidmap (package uidmap) is not installed"
	local d
	d=$(nsk_tmpdir)
	echo nobody:200000:65536 >"$d/subuid"
	echo nobody:300000:65536 >"$d/subgid"
	chmod 0644 "$d/subuid" "$d/subgid"
	# Our own subuid files, in a mount namespace of the test's own.
	run unshare -m sh -c 'mount --bind "$1/subuid" /etc/subuid && mount --bind "$1/subgid" /etc/subgid &&
		exec setpriv --reuid=65534 --regid=65534 --clear-groups "$2" --map-auto -r -- \
		cat /proc/self/uid_map /proc/self/gid_map' sh "$d" "$NSUNSHARE"
	assert_success
	assert_equal "$(echo "${lines[0]}" | awk '{print $1, $2, $3}')" "0 65534 1"
	assert_equal "$(echo "${lines[1]}" | awk '{print $1, $2, $3}')" "1 200001 65535"
	assert_equal "$(echo "${lines[3]}" | awk '{print $1, $2, $3}')" "1 300001 65535"
	# subids: the same blocks, mapped to themselves.
	run unshare -m sh -c 'mount --bind "$1/subuid" /etc/subuid && mount --bind "$1/subgid" /etc/subgid &&
		exec setpriv --reuid=65534 --regid=65534 --clear-groups "$2" --map-users=subids \
		--map-groups=subids -- cat /proc/self/uid_map /proc/self/gid_map' sh "$d" "$NSUNSHARE"
	assert_success
	assert_equal "$(echo "${lines[0]}" | awk '{print $1, $2, $3}')" "200000 200000 65536"
	assert_equal "$(echo "${lines[1]}" | awk '{print $1, $2, $3}')" "300000 300000 65536"
	# No entry for the user: one line naming the file, exit 125.
	run unshare -m sh -c ': >"$1/empty" && mount --bind "$1/empty" /etc/subuid &&
		exec setpriv --reuid=65534 --regid=65534 --clear-groups "$2" --map-auto true' sh "$d" "$NSUNSHARE"
	assert_failure 125
	assert_line --index 0 "nsunshare: no subordinate user ids for nobody uid 65534 in /etc/subuid"
	assert_line --index 1 --partial "nsunshare: hint: add a line USER:START:COUNT"
}

# bats test_tags=unpriv
@test "--map-users with a range needs newuidmap or privilege" {
	run env PATH=/nonexistent "$NSUNSHARE" --map-users=0:100000:10 -- true
	assert_failure 125
	assert_line --index 0 --regexp '^nsunshare: cannot write /proc/[0-9]+/uid_map: Operation not permitted$'
}

@test "--setgroups deny and allow show in /proc/self/setgroups" {
	run nsunshare -U --setgroups deny -- cat /proc/self/setgroups
	assert_success
	assert_output deny
	run nsunshare -U --setgroups allow -- cat /proc/self/setgroups
	assert_success
	assert_output allow
}

# bats test_tags=root
@test "--owner makes the user namespace as another user" {
	run nsunshare --owner=65534:65534 -r -- sh -c 'id -u; cat /proc/self/uid_map'
	assert_success
	assert_equal "${lines[0]}" 0
	assert_equal "$(echo "${lines[1]}" | awk '{print $1, $2, $3}')" "0 65534 1"
}

# prop_test MODE: does a tmpfs mounted inside a shared directory appear outside?
prop_test() {
	local d
	d=$(nsk_tmpdir)
	mkdir -p "$d/shared/in"
	mount --bind "$d/shared" "$d/shared"
	mount --make-shared "$d/shared"
	nsunshare -m --propagation "$1" -- mount -t tmpfs nsktest "$d/shared/in"
	if grep -q " $d/shared/in " /proc/self/mountinfo; then
		umount "$d/shared/in"
		echo visible
	else
		echo hidden
	fi
	umount "$d/shared"
}

# bats test_tags=root
@test "--propagation: a mount made inside shows outside only when shared" {
	[ "$(prop_test shared)" = visible ]
	[ "$(prop_test unchanged)" = visible ]
	[ "$(prop_test private)" = hidden ]
	[ "$(prop_test slave)" = hidden ]
	# The default is private, as in util-linux.
	local d
	d=$(nsk_tmpdir)
	mkdir -p "$d/def/in"
	mount --bind "$d/def" "$d/def"
	mount --make-shared "$d/def"
	nsunshare -m -- mount -t tmpfs nsktest "$d/def/in"
	run grep " $d/def/in " /proc/self/mountinfo
	umount "$d/def"
	assert_failure
}

@test "--propagation with a bad mode fails before unsharing" {
	run nsunshare -m --propagation sideways -- true
	assert_failure 125
	assert_line --index 0 "nsunshare: invalid --propagation 'sideways': expected slave, shared, private or unchanged"
}

# bats test_tags=root
@test "=PIN keeps each namespace at its path after the command exits" {
	local d before
	d=$(nsk_tmpdir)
	touch "$d/uts"
	run nsunshare -n="$d/net" --uts="$d/uts" -m"$d/mnt" -f -p="$d/pid" -T="$d/time" -i="$d/ipc" -- \
		sh -c 'for t in net uts mnt pid ipc; do stat -L -c %i /proc/self/ns/$t; done'
	assert_success
	assert_equal "$(stat -c %i "$d/net")" "${lines[0]}"
	assert_equal "$(stat -c %i "$d/uts")" "${lines[1]}"
	assert_equal "$(stat -c %i "$d/mnt")" "${lines[2]}"
	assert_equal "$(stat -c %i "$d/pid")" "${lines[3]}"
	assert_equal "$(stat -c %i "$d/ipc")" "${lines[4]}"
	# Other tools enter the pins.
	assert_equal "$(nsenter --net="$d/net" stat -L -c %i /proc/self/ns/net)" "${lines[0]}"
	assert_equal "$(nsenter --mount="$d/mnt" stat -L -c %i /proc/self/ns/mnt)" "${lines[2]}"
	# umount releases them (the mnt pin sits on a private self-bind).
	before=$(grep -c " $d/" /proc/self/mountinfo)
	[ "$before" -eq 7 ]
	for f in net uts mnt pid time ipc; do umount "$d/$f"; done
	umount "$d/mnt"
	run grep " $d/" /proc/self/mountinfo
	assert_failure
}

# bats test_tags=root
@test "=PIN with -r pins the user namespace too" {
	local d
	d=$(nsk_tmpdir)
	run nsunshare -r -U="$d/user" -u="$d/uts" -- sh -c 'stat -L -c %i /proc/self/ns/user'
	assert_success
	assert_equal "$(stat -c %i "$d/user")" "$output"
	assert_equal "$(nsenter --user="$d/user" cat /proc/self/uid_map | awk '{print $1, $2, $3}')" "0 0 1"
	umount "$d/user" "$d/uts"
}

# bats test_tags=root
@test "a failing pin removes the pins and files made before it" {
	local d before
	d=$(nsk_tmpdir)
	before=$(our_mounts)
	run nsunshare -u="$d/uts" -m="$d/mnt" -n="$d/no/such/dir/net" -- true
	assert_failure 125
	assert_line --index 0 "nsunshare: cannot pin net namespace at $d/no/such/dir/net: No such file or directory"
	assert_equal "$(our_mounts)" "$before"
	[ ! -e "$d/uts" ] && [ ! -e "$d/mnt" ]
}

# bats test_tags=root
@test "a command that cannot run removes the pins too" {
	local d before
	d=$(nsk_tmpdir)
	before=$(our_mounts)
	run -127 nsunshare -u="$d/uts" -- /nonexistent/cmd
	assert_failure 127
	assert_equal "$(our_mounts)" "$before"
	[ ! -e "$d/uts" ]
	run nsunshare -f -u="$d/uts" -R /nonexistent -- true
	assert_failure 125
	assert_line --index 0 "nsunshare: cannot change root directory to /nonexistent: No such file or directory"
	assert_equal "$(our_mounts)" "$before"
	[ ! -e "$d/uts" ]
}

@test "-p=PIN without --fork is refused" {
	local d
	d=$(nsk_tmpdir)
	run nsunshare "${U[@]}" -p="$d/pid" -- true
	assert_failure 125
	assert_line --index 0 "nsunshare: --pid=$d/pid needs --fork: a PID namespace can be pinned only once it has a PID 1"
	[ ! -e "$d/pid" ]
}

@test "--monotonic and --boottime shift the clocks of the new time namespace" {
	local out in
	out=$("$NSK_PROGS/clocks")
	run nsunshare "${U[@]}" -T --monotonic 86400 --boottime=-0.5 -- "$NSK_PROGS/clocks"
	assert_success
	in=$output
	local mo mi bo bi
	mo=$(awk '/monotonic/ {print $2}' <<<"$out")
	mi=$(awk '/monotonic/ {print $2}' <<<"$in")
	bo=$(awk '/boottime/ {print $2}' <<<"$out")
	bi=$(awk '/boottime/ {print $2}' <<<"$in")
	[ $((mi - mo)) -ge 86400 ] && [ $((mi - mo)) -le 86405 ]
	[ $((bi - bo)) -ge -1 ] && [ $((bi - bo)) -le 4 ]
}

@test "--monotonic without -T is refused; so is a bad offset" {
	run nsunshare "${U[@]}" --monotonic 86400 -- true
	assert_failure 125
	assert_line --index 0 "nsunshare: --monotonic needs a new time namespace (-T)"
	run nsunshare "${U[@]}" -T --boottime 1day -- true
	assert_failure 125
	assert_line --index 0 "nsunshare: invalid --boottime '1day': expected seconds"
}

@test "--hostname sets the name in a new UTS namespace only" {
	local host
	host=$(hostname)
	run nsunshare "${U[@]}" --hostname nsk-box -- hostname
	assert_success
	assert_output nsk-box
	assert_equal "$(hostname)" "$host"
}

@test "--kill-child: killing nsunshare kills the child" {
	local d child tool
	d=$(nsk_tmpdir)
	mkfifo "$d/ready"
	"$NSUNSHARE" "${U[@]}" --kill-child -- sh -c 'echo $$ > "$1"; exec sleep 1000' sh "$d/ready" 3>&- &
	tool=$!
	NSK_PIDS+=("$tool")
	exec 8<>"$d/ready" # never blocks, even when the tool fails
	read -r -t 10 child <&8
	exec 8<&-
	kill -0 "$child"
	kill -KILL "$tool"
	for _ in $(seq 50); do kill -0 "$child" 2>/dev/null || break; sleep 0.1; done
	run kill -0 "$child"
	assert_failure
	# As PID 1 of a new PID namespace, whose parent shows as 0.
	run nsunshare "${U[@]}" -p --kill-child -- sh -c 'echo $$'
	assert_success
	assert_output 1
}

@test "-f forwards SIGTERM and returns the child's status; SIGKILL gives 137" {
	local d tool
	d=$(nsk_tmpdir)
	mkfifo "$d/ready"
	"$NSUNSHARE" "${U[@]}" -f --forward-signals -- "$NSK_PROGS/sigreport" "$d/ready" 3>&- &
	tool=$!
	NSK_PIDS+=("$tool")
	exec 8<>"$d/ready"
	read -r -t 10 _ <&8
	exec 8<&-
	kill -TERM "$tool"
	local rc=0
	wait "$tool" || rc=$?
	assert_equal "$rc" $((100 + 15))
	run nsunshare "${U[@]}" -f -- sh -c 'kill -KILL $$'
	assert_failure 137
}

@test "exit status: the command's, 126, 127, 125" {
	run nsunshare "${U[@]}" -u -- sh -c 'exit 7'
	assert_failure 7
	run nsunshare "${U[@]}" -f -u -- sh -c 'exit 7'
	assert_failure 7
	run -127 nsunshare "${U[@]}" -u -- /nonexistent/cmd
	assert_failure 127
	assert_output "nsunshare: failed to execute /nonexistent/cmd: No such file or directory"
	touch "$(nsk_tmpdir)/noexec"
	run nsunshare "${U[@]}" -u -- "$(nsk_tmpdir)/noexec"
	assert_failure 126
	assert_output "nsunshare: failed to execute $(nsk_tmpdir)/noexec: Permission denied"
	run nsunshare --nett
	assert_failure 125
	assert_line --index 0 "nsunshare: unrecognized option '--nett'"
	assert_line --index 1 "Try 'nsunshare --help' for more information."
}

@test "bad map syntax: one line, exit 125, nothing unshared" {
	run nsunshare --map-users=1:2 -- true
	assert_failure 125
	assert_line --index 0 "nsunshare: invalid --map-users '1:2': expected INNER:OUTER:COUNT, auto, subids or all"
	run nsunshare --map-users=0:100000:10 --map-users=5:200000:10 -- true
	assert_failure 125
	assert_line --index 0 "nsunshare: invalid --map-users: ranges 0:100000:10 and 5:200000:10 overlap"
	run nsunshare --setgroups=maybe -- true
	assert_failure 125
	run nsunshare --kill-child=NOSUCH -- true
	assert_failure 125
}

@test "the command sees exactly the caller's fds" {
	local want
	# shellcheck disable=SC2012 # ls lists its own fds: a fresh process's
	want=$(ls /proc/self/fd | wc -l)
	run nsunshare "${U[@]}" -u -- ls /proc/self/fd
	assert_success
	assert_equal "${#lines[@]}" "$want"
	run nsunshare "${U[@]}" -f -p -m --mount-proc -- ls /proc/self/fd
	assert_success
	assert_equal "${#lines[@]}" "$want"
}

# bats test_tags=root
@test "no fd leaks with pins and a helper" {
	local d want
	d=$(nsk_tmpdir)
	# shellcheck disable=SC2012 # ls lists its own fds: a fresh process's
	want=$(ls /proc/self/fd | wc -l)
	run nsunshare -f -u="$d/uts" --map-users=0:100000:10 -- ls /proc/self/fd
	assert_success
	assert_equal "${#lines[@]}" "$want"
	umount "$d/uts"
}

@test "-v prints each step in system-call words" {
	run nsunshare "${U[@]}" -v -u --hostname nsk-v -- true
	assert_success
	assert_line --regexp '^nsunshare: unshare\((CLONE_NEWUSER\|)?CLONE_NEWUTS(\|CLONE_NEWUSER)?\) = 0$'
	assert_line 'nsunshare: sethostname("nsk-v") = 0'
	assert_line 'nsunshare: execvp("true")'
}

@test "-R and -w: chroot and working directory" {
	local d
	d=$(nsk_tmpdir)
	mkdir -p "$d/root/bin" "$d/root/work"
	cp /usr/bin/busybox "$d/root/bin/busybox" 2>/dev/null || skip "busybox is not installed"
	run nsunshare "${U[@]}" -R "$d/root" -w /work -- /bin/busybox pwd
	assert_success
	assert_output /work
	run nsunshare "${U[@]}" -R "$d/root" -- /bin/busybox pwd
	assert_output /
	run nsunshare "${U[@]}" -w /etc -- pwd
	assert_output /etc
	run nsunshare "${U[@]}" -w /nonexistent -- pwd
	assert_failure 125
	assert_output "nsunshare: cannot change directory to /nonexistent: No such file or directory"
}

@test "-S and -G set the ids; --keep-caps keeps capabilities as ambient" {
	run nsunshare --map-users=all --map-groups=all -S 65534 -G 65534 -- sh -c 'id -u; id -g'
	if is_root; then
		assert_success
		assert_equal "${lines[0]}" 65534
		assert_equal "${lines[1]}" 65534
	fi
	run nsunshare -c -- grep CapAmb /proc/self/status
	assert_success
	assert_output --regexp 'CapAmb:[[:space:]]0+$'
	run nsunshare -c --keep-caps -- grep CapAmb /proc/self/status
	assert_success
	refute_output --regexp 'CapAmb:[[:space:]]0+$'
}

@test "--clearenv and --env" {
	run nsunshare "${U[@]}" -u --clearenv --env A=1 --env B=two -- /usr/bin/env
	assert_success
	assert_equal "$output" "$(printf 'A=1\nB=two')"
	run nsunshare "${U[@]}" -u --env=NSK_X=y -- sh -c 'echo $NSK_X'
	assert_output y
	run nsunshare --env=NOEQUALS -- true
	assert_failure 125
}

@test "--load-interp registers a binfmt_misc interpreter in the new user namespace only" {
	run nsunshare -r --load-interp ':nsktest:E::nsktest::/bin/cat:' -- cat /proc/sys/fs/binfmt_misc/nsktest
	assert_success
	assert_line enabled
	[ ! -e /proc/sys/fs/binfmt_misc/nsktest ]
	run nsunshare -m --load-interp ':nsktest:E::nsktest::/bin/cat:' -- true
	assert_failure 125
}

# bats test_tags=unpriv
@test "without privilege: pins fail cleanly, --owner is refused" {
	local d before
	d=$(nsk_tmpdir)
	before=$(our_mounts)
	run nsunshare -r -u="$d/uts" -n="$d/net" -- true
	assert_failure 125
	assert_line --index 0 "nsunshare: cannot pin net namespace at $d/net: Operation not permitted"
	assert_line --index 1 --partial "nsunshare: hint: pinning needs CAP_SYS_ADMIN"
	assert_equal "$(our_mounts)" "$before"
	[ ! -e "$d/uts" ] && [ ! -e "$d/net" ]
	run nsunshare --owner=0:0 -r -- true
	assert_failure 125
	assert_output "nsunshare: cannot become the owner 0:0: Operation not permitted"
}

# bats test_tags=unpriv
@test "without privilege, a hint says to add -r" {
	run nsunshare -n -- true
	assert_failure 125
	assert_line --index 0 "nsunshare: unshare(CLONE_NEWNET) failed: Operation not permitted"
	assert_line --index 1 --partial "hint: without privilege, add -r"
}

@test "--help lists the options; --version" {
	run nsunshare --help
	assert_success
	assert_line --partial -- "--map-users="
	assert_line --partial -- "--kill-child"
	run nsunshare --version
	assert_success
	assert_output --partial "nsunshare "
}
