#!/usr/bin/env bats
# The hostile-input matrix (issue 8), tool by tool: empty strings, PATH_MAX+1
# paths, names with newlines and spaces, TYPE:[INODE] of no namespace,
# negative and overflowing numbers, a PID that exits mid-operation, a symlink
# out of the pin directory, a zombie target, /proc with hidepid=2. Each gives
# one clear line on stderr (and at most one hint), the documented exit code,
# no crash, and leaves nothing behind: mounts, files, processes.

load common
bats_require_minimum_version 1.5.0

setup() {
	NSPIN_DIR=$(nsk_tmpdir)/pins
	export NSPIN_DIR
	LONG=$(printf '%4097s' '' | tr ' ' a) # PATH_MAX + 1 bytes
	BEFORE=$(my_mounts)
	USERNS=() # -r without privilege, to make what the kernel allows in a user namespace
	JOINU=()  # and -U for nsjoin, to join that user namespace first
	is_root || { USERNS=(-r); JOINU=(-U); }
}

teardown() {
	# The pin directory that nspin made a mount on itself (perhaps twice).
	for _ in 1 2 3; do umount -l "$NSPIN_DIR" 2>/dev/null || break; done
	nsk_teardown
}

# one_error STATUS TEXT: the last run exited STATUS with one line
# "PROG: ...TEXT..." on stderr, then at most one hint or the usage line.
one_error() {
	local errs extra
	if [ "$status" -ne "$1" ]; then
		echo "exit status $status, expected $1; output: $output"
		return 1
	fi
	errs=$(printf '%s\n' "$output" | grep -v -e '^ns[a-z]*: hint: ' -e "^Try 'ns" || true)
	extra=$(printf '%s\n' "$output" | grep -c -e '^ns[a-z]*: hint: ' -e "^Try 'ns" || true)
	if [ "$(printf '%s\n' "$errs" | wc -l)" -ne 1 ] || [ "$extra" -gt 1 ]; then
		echo "expected one error line and at most one hint, got: $output"
		return 1
	fi
	if [[ $errs != ns*": "*"$2"* ]]; then
		echo "expected '$2' in: $errs"
		return 1
	fi
}

# my_mounts: the mounts under this test's directory (other suites may run at
# the same time), but the pin directory itself, which stays a shared mount on
# itself once used, as /run/netns does.
my_mounts() {
	mount_snapshot | grep -F "$(nsk_tmpdir)" | grep -v "^$NSPIN_DIR " || true
}

# nothing_left: no mount under the test's directory and no pin is left.
nothing_left() {
	local now
	now=$(my_mounts)
	if [ "$now" != "$BEFORE" ]; then
		diff <(echo "$BEFORE") <(echo "$now")
		return 1
	fi
	if [ -d "$NSPIN_DIR" ] && [ -n "$(ls -A "$NSPIN_DIR")" ]; then
		ls -lA "$NSPIN_DIR"
		return 1
	fi
}

# make_zombie: sets $ZOMBIE to an exited, unreaped process.
make_zombie() {
	local fifo i
	fifo=$(nsk_tmpdir)/zombie.fifo
	mkfifo "$fifo"
	# The child exits after its parent has become `sleep`, which never reaps.
	sh -c 'sleep 0.1 & echo $! >"$1"; exec sleep 1000' sh "$fifo" 3>&- &
	NSK_PIDS+=("$!")
	read -r ZOMBIE <"$fifo"
	for ((i = 0; i < 500; i++)); do
		[ "$(sed 's/.*) //' "/proc/$ZOMBIE/stat" 2>/dev/null | cut -d' ' -f1)" = Z ] &&
			return 0
		sleep 0.01
	done
	echo "no zombie"
	return 1
}

# churn: processes that start and exit all the time, until teardown (kept
# short: lsns, which other suites run, can fail when a process exits under it).
churn() {
	sh -c 'while :; do /bin/true; done' 3>&- &
	NSK_PIDS+=("$!")
}

# as_nobody_hidepid CMD...: CMD as user nobody in a private mount namespace
# whose /proc is mounted with hidepid=2 (other users' processes invisible).
as_nobody_hidepid() {
	unshare -m --propagation private sh -c \
		'mount -t proc -o hidepid=2 proc /proc &&
		exec setpriv --reuid=65534 --regid=65534 --clear-groups "$@"' sh "$@"
}

# ---- nsls ------------------------------------------------------------------

@test "nsls: an empty REF, -p '' and -t '' are one error each" {
	run nsls ''
	one_error 1 "No such file or directory"
	run nsls -p ''
	one_error 1 "No such file or directory"
	run nsls -t ''
	one_error 1 "unknown namespace type"
	run nsls -o ''
	one_error 1 "unknown column"
}

@test "nsls: a PATH_MAX+1 REF says the name is too long, in one line" {
	run nsls "/$LONG"
	one_error 1 "File name too long"
	run nsls -p "$LONG"
	one_error 1 ""
	run nsls -t "$LONG"
	one_error 1 "unknown namespace type"
}

@test "nsls: names with spaces and newlines stay on one line" {
	local dir
	dir=$(nsk_tmpdir)
	run nsls "$dir/a b"
	one_error 1 "a b: No such file or directory"
	run nsls "$dir/a"$'\n'"b"
	one_error 1 'a\nb: No such file or directory'
	run nsls -t $'net\nuts'
	one_error 1 'net\nuts'
}

@test "nsls: TYPE:[INODE] of no namespace, and malformed ones" {
	run nsls 'net:[1]'
	one_error 1 "net:[1]: No such file or directory"
	run nsls 'net:[18446744073709551616]'
	one_error 1 ""
	run nsls 'bogus:[4026531840]'
	one_error 1 ""
	run nsls 'net:[-4026531840]'
	one_error 1 ""
}

@test "nsls: negative, zero and overflowing PIDs" {
	run nsls -p -5
	one_error 1 "-5"
	run nsls -p 0
	one_error 1 ""
	run nsls -p 99999999999999999999
	one_error 1 "No such process"
	run nsls -p 2147483648
	one_error 1 "No such process"
	run nsls -- -1
	one_error 1 ""
	run nsls --compare 1 ''
	one_error 2 ""
}

@test "nsls: processes that exit during the walk are skipped silently" {
	churn
	for _ in 1 2 3 4; do
		run --separate-stderr nsls -o NS,TYPE,NPROCS,PID,COMMAND,HOLDERS
		[ "$status" -eq 0 ]
		[ -z "$stderr" ]
		[ "${#lines[@]}" -gt 3 ]
	done
}

@test "nsls: a zombie target has no namespaces left but pid and user" {
	make_zombie
	run --separate-stderr nsls -p "$ZOMBIE" -n -o ENTRY
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	for l in "${lines[@]}"; do
		[[ $l == pid || $l == user ]]
	done
}

@test "nsls: --compare with a zombie is an error, not 'the same'" {
	# (The /proc fallback, without pidfds, used to skip the types a zombie has
	# lost and say "the same" with exit 0.)
	make_zombie
	run nsls --compare "$ZOMBIE" "$$"
	one_error 2 "$ZOMBIE"
}

# bats test_tags=root
@test "nsls: /proc with hidepid=2 as nobody: the walk shows only what is visible, -p 1 fails once" {
	run --separate-stderr as_nobody_hidepid "$NSLS" -n -o PID
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	for p in "${lines[@]}"; do
		[ "$p" != 1 ]
	done
	run as_nobody_hidepid "$NSLS" -p 1
	one_error 1 "1"
	nothing_left
}

# ---- nspin -----------------------------------------------------------------

@test "nspin: empty names and an empty -t are refused before anything is made" {
	run nspin add '' -n
	one_error 1 "empty"
	run nspin del ''
	one_error 1 "empty"
	run nspin add x -t '' -n
	one_error 1 "No such file or directory"
	run nspin ls -o ''
	one_error 1 "unknown column"
	nothing_left
}

# bats test_tags=root
@test "nspin: a PATH_MAX+1 path, nothing left" {
	run nspin add "/tmp/$LONG" -n
	one_error 1 "too long"
	nothing_left
}

@test "nspin: NAME_MAX+1 names and PATH_MAX+1 paths to delete, nothing left" {
	run nspin add "${LONG:0:256}" -n
	one_error 1 "longer than 255"
	run nspin del "/tmp/$LONG"
	one_error 1 ""
	nothing_left
}

@test "nspin: a name with a newline is refused; one with spaces works and is removed" {
	run nspin add $'a\nb' -n
	one_error 1 "newline"
	run nspin del $'a\nb'
	one_error 1 "newline"
	nothing_left
}

# bats test_tags=root
@test "nspin: a name with spaces is a pin like any other" {
	run nspin add 'a b' -u
	[ "$status" -eq 0 ]
	[ "$(stat -f -c %T "$NSPIN_DIR/a b/uts")" = nsfs ]
	run nspin del 'a b'
	[ "$status" -eq 0 ]
	[ ! -e "$NSPIN_DIR/a b" ]
}

@test "nspin: -t with no namespace behind it: TYPE:[INODE], negative and huge PIDs" {
	run nspin add x -t 'net:[1]' -n
	one_error 1 "No such file or directory"
	run nspin add x -t -1 -n
	one_error 1 ""
	run nspin add x -t 0 -n
	one_error 1 ""
	run nspin add x -t 99999999999 -n
	one_error 1 "No such process"
	nothing_left
}

@test "nspin: a zombie target is gone: one error, nothing pinned" {
	make_zombie
	run nspin add z -t "$ZOMBIE" -n
	one_error 1 "$ZOMBIE"
	run nspin add z -t "$ZOMBIE" -a
	one_error 1 "$ZOMBIE"
	nothing_left
}

# bats test_tags=root
@test "nspin: a target that exits mid-operation: all pinned or nothing left" {
	local pid
	for i in 1 2 3 4 5 6 7 8 9 10; do
		sleep 1000 3>&- &
		pid=$!
		(sleep "0.00$i"; kill -KILL "$pid") 3>&- &
		run nspin add race -t "$pid" -a
		wait "$pid" 2>/dev/null || true
		if [ "$status" -eq 0 ]; then
			run nspin del race
			[ "$status" -eq 0 ]
		else
			one_error 1 "$pid"
		fi
		nothing_left
	done
}

# bats test_tags=root
@test "nspin: a pin name that is a symlink out of the pin directory is never followed" {
	local out
	out=$(nsk_tmpdir)/outside
	mkdir -p "$NSPIN_DIR" "$out"
	touch "$out/keep"
	ln -s "$out" "$NSPIN_DIR/evil"
	run nspin add evil -n
	one_error 1 "symbolic links"
	[ ! -e "$out/net" ]
	run nspin del evil
	one_error 1 "not a pin"
	[ -e "$out/keep" ]
	# A type file that is a symlink to a file outside: not replaced, not removed.
	mkdir "$NSPIN_DIR/x"
	ln -s "$out/keep" "$NSPIN_DIR/x/net"
	run nspin add x -n
	one_error 1 "File exists"
	run nspin del x
	one_error 1 "not a pin"
	[ -e "$out/keep" ] && [ -L "$NSPIN_DIR/x/net" ]
	rm -rf "${NSPIN_DIR:?}"/*
	nothing_left
}

# bats test_tags=root
@test "nspin: /proc with hidepid=2 as nobody: -t 1 fails once, ls works" {
	run as_nobody_hidepid env NSPIN_DIR="$NSPIN_DIR" "$NSPIN" add x -t 1 -n
	one_error 1 ""
	run --separate-stderr as_nobody_hidepid "$NSPIN" ls
	[ "$status" -eq 0 ]
	nothing_left
}

# ---- nsunshare -------------------------------------------------------------

@test "nsunshare: empty strings: the command, --hostname, -R, --env, --propagation" {
	run nsunshare -- ''
	one_error 127 "failed to execute"
	run nsunshare -r -u --hostname '' true
	one_error 125 "--hostname"
	run nsunshare -R '' true
	one_error 125 "No such file or directory"
	run nsunshare --env '' true
	one_error 125 "--env"
	run nsunshare --propagation '' true
	one_error 125 "--propagation"
	run nsunshare --kill-child= true
	one_error 125 "--kill-child"
}

@test "nsunshare: PATH_MAX+1 paths and an overlong hostname" {
	# Not "not found" but "cannot be run" (126), as env(1) says it.
	run nsunshare -- "/$LONG"
	one_error 126 "File name too long"
	run nsunshare -w "/$LONG" true
	one_error 125 "File name too long"
	run nsunshare -r -u --hostname "${LONG:0:65}" true
	one_error 125 "--hostname"
	nothing_left
}

@test "nsunshare: names with newlines and spaces stay on one line" {
	run nsunshare -R $'/no\nsuch dir' true
	one_error 125 '/no\nsuch dir: No such file or directory'
	run nsunshare -- $'/no\nsuch cmd'
	one_error 127 '/no\nsuch cmd'
}

@test "nsunshare: negative and overflowing numbers" {
	run nsunshare --map-user=-1 true
	one_error 125 "--map-user '-1'"
	run nsunshare --map-user=4294967296 true
	one_error 125 "--map-user"
	run nsunshare --map-users=0:4294967295:2 true
	one_error 125 "--map-users"
	run nsunshare -S 99999999999 true
	one_error 125 "--setuid"
	run nsunshare -G -1 true
	one_error 125 "--setgid"
	run nsunshare --kill-child=-9 true
	one_error 125 "--kill-child"
	run nsunshare --kill-child=65 true
	one_error 125 "--kill-child"
	run nsunshare -T --monotonic=99999999999999999999 true
	one_error 125 "--monotonic"
	run nsunshare -T --boottime=-x true
	one_error 125 "--boottime"
}

# bats test_tags=root
@test "nsunshare: a pin path that is a symlink is not followed; a failing pin undoes the others" {
	local dir
	dir=$(nsk_tmpdir)
	mkdir "$dir/outside"
	touch "$dir/outside/file"
	ln -s "$dir/outside/file" "$dir/link"
	run nsunshare -n="$dir/link" true
	one_error 125 "File exists"
	[ "$(stat -f -c %T "$dir/outside/file")" != nsfs ]
	run nsunshare -u="$dir/a" -i="$dir/missing/b" true
	one_error 125 "$dir/missing/b"
	[ ! -e "$dir/a" ]
	run nsunshare -n="/tmp/$LONG" true
	one_error 125 "File name too long"
	nothing_left
}

# ---- nsclone ---------------------------------------------------------------

@test "nsclone: empty strings: the command, --bind, --tmpfs, --pin, --pidfile" {
	run nsclone -- ''
	one_error 127 "failed to execute"
	run nsclone "${USERNS[@]}" -m --bind '' true
	one_error 125 "--bind"
	run nsclone "${USERNS[@]}" -m --bind : true
	one_error 125 "--bind"
	run nsclone "${USERNS[@]}" -m --tmpfs '' true
	one_error 125 "--tmpfs"
	run nsclone "${USERNS[@]}" -u --pin '' true
	one_error 125 ""
	run nsclone --pidfile '' true
	one_error 125 "No such file or directory"
	nothing_left
}

@test "nsclone: PATH_MAX+1 paths: the command, a mount, --pin, -w" {
	run nsclone -- "/$LONG"
	one_error 126 "File name too long"
	run nsclone "${USERNS[@]}" -m --tmpfs "/$LONG" true
	one_error 125 "File name too long"
	run nsclone "${USERNS[@]}" -u --pin "$(nsk_tmpdir)/$LONG" true
	one_error 125 "File name too long"
	run nsclone -w "/$LONG" true
	one_error 125 "File name too long"
	nothing_left
}

@test "nsclone: names with newlines stay on one line" {
	run nsclone "${USERNS[@]}" -m --bind $'/no\nsuch:/mnt' true
	one_error 125 '/no\nsuch'
	run nsclone -- $'/no\nsuch cmd'
	one_error 127 '/no\nsuch cmd'
}

@test "nsclone: negative and overflowing numbers" {
	run nsclone --map-user=-1 true
	one_error 125 "--map-user"
	run nsclone -S 4294967296 true
	one_error 125 "--setuid"
	run nsclone -T --monotonic=1e9 true
	one_error 125 "--monotonic"
}

# bats test_tags=root
@test "nsclone: --pin and --pidfile through symlinks are refused; a failing pin undoes the others" {
	local dir
	dir=$(nsk_tmpdir)
	mkdir "$dir/outside"
	echo keep >"$dir/outside/file"
	ln -s "$dir/outside" "$dir/pinlink"
	run nsclone -u --pin "$dir/pinlink" true
	one_error 125 "symbolic links"
	[ "$(ls -A "$dir/outside")" = file ]
	ln -s "$dir/outside/file" "$dir/pidfile"
	run nsclone --pidfile "$dir/pidfile" true
	one_error 125 "$dir/pidfile"
	[ "$(cat "$dir/outside/file")" = keep ]
	run nsclone -u -n="$dir/a" -i="$dir/missing/b" true
	one_error 125 "$dir/missing/b"
	[ ! -e "$dir/a" ]
	nothing_left
}

# bats test_tags=root
@test "nsclone: a missing --root or --cgroup-dir leaves no child behind" {
	run nsclone -m -R "$(nsk_tmpdir)/missing" -- sleep 1234567
	one_error 125 "missing"
	run nsclone --cgroup-dir /nonexistent -- sleep 1234567
	one_error 125 "/nonexistent"
	run pgrep -f 'sleep 1234567'
	[ "$status" -eq 1 ]
	nothing_left
}

# ---- nsjoin ----------------------------------------------------------------

@test "nsjoin: empty strings: -t, --net=, the command" {
	spawn_ns "${USERNS[@]}" -u
	run nsjoin -t '' true
	one_error 125 "No such file or directory"
	run nsjoin --net= true
	one_error 125 "--net"
	run nsjoin -t "$SPAWNED" "${JOINU[@]}" -u -- ''
	one_error 127 "failed to execute"
}

@test "nsjoin: PATH_MAX+1 paths: -t, --net=, -r, the command" {
	spawn_ns "${USERNS[@]}" -u
	run nsjoin -t "/$LONG" true
	one_error 125 "File name too long"
	run nsjoin --net="/$LONG" true
	one_error 125 "File name too long"
	run nsjoin -t "$SPAWNED" "${JOINU[@]}" -u -r"/$LONG" true
	one_error 125 "File name too long"
	run nsjoin -t "$SPAWNED" "${JOINU[@]}" -u -- "/$LONG"
	one_error 126 "File name too long"
}

@test "nsjoin: names with newlines stay on one line" {
	run nsjoin -t $'/no\nsuch' true
	one_error 125 '/no\nsuch: No such file or directory'
	run nsjoin --uts=$'/no\nsuch' true
	one_error 125 '/no\nsuch'
}

@test "nsjoin: TYPE:[INODE] of no namespace, and a PID:INODE that does not match" {
	spawn_plain
	run nsjoin -t 'net:[1]' true
	one_error 125 "net:[1]: No such file or directory"
	run nsjoin -t "$SPAWNED:1" -u true
	one_error 125 "refusing to join"
	run nsjoin -t "$SPAWNED:x" -u true
	one_error 125 ""
}

@test "nsjoin: negative, zero and overflowing PIDs and fds" {
	run nsjoin -t -1 true
	one_error 125 ""
	run nsjoin -t 0 true
	one_error 125 ""
	run nsjoin -t 99999999999 true
	one_error 125 "No such process"
	run nsjoin -N -1 true
	one_error 125 "--net-socket"
	run nsjoin -N 99999999999999 true
	one_error 125 "--net-socket"
	run nsjoin -N 99999 true
	one_error 125 "Bad file descriptor"
	run nsjoin -N 0 true </dev/null
	one_error 125 "not a socket"
}

@test "nsjoin: a zombie target: one error, no command run" {
	make_zombie
	run nsjoin -t "$ZOMBIE" -n -- echo ran
	one_error 125 "$ZOMBIE"
	run nsjoin -t "$ZOMBIE" -- echo ran
	one_error 125 "$ZOMBIE"
}

@test "nsjoin: a target that exits mid-operation: the command ran, or one error; no child left" {
	local pid
	for i in 1 2 3 4 5 6 7 8 9 10; do
		spawn_ns "${USERNS[@]}" -u
		pid=$SPAWNED
		(sleep "0.00$i"; kill -KILL "$pid") 3>&- &
		run nsjoin -t "$pid" "${JOINU[@]}" -u -- sh -c 'echo ran; sleep 0.05 & wait'
		if [ "$status" -eq 0 ]; then
			[ "$output" = ran ]
		else
			one_error 125 "$pid"
		fi
	done
	run pgrep -f "$NSJOIN"
	[ "$status" -eq 1 ]
}

@test "nsjoin: the command gets the caller's environment, nothing of the target's" {
	spawn_ns "${USERNS[@]}" -u
	# shellcheck disable=SC2086 # NSK_WRAP is a command line (valgrind ...)
	run env -i PATH="$PATH" NSK_ONLY=1 ${NSK_WRAP:-} "$NSJOIN" -t "$SPAWNED" "${JOINU[@]}" -u -- env
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "${lines[@]}" | sort)" = "$(printf '%s\n' NSK_ONLY=1 "PATH=$PATH" | sort)" ]
}

# bats test_tags=root
@test "nsjoin: /proc with hidepid=2 as nobody: PID 1 cannot be joined, one error" {
	run as_nobody_hidepid "$NSJOIN" -t 1 -n true
	one_error 125 "1"
}
