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

# churn: processes that start and exit all the time, until teardown.
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
	for _ in 1 2 3 4 5 6 7 8; do
		run --separate-stderr nsls -o NS,TYPE,NPROCS,PID,COMMAND,HOLDERS
		[ "$status" -eq 0 ]
		[ -z "$stderr" ]
		[ "${#lines[@]}" -gt 3 ]
	done
}

@test "nsls: a zombie target has no namespaces but pid and user left; compare says so" {
	make_zombie
	run --separate-stderr nsls -p "$ZOMBIE" -n -o ENTRY
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	for l in "${lines[@]}"; do
		[[ $l == pid || $l == user ]]
	done
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
