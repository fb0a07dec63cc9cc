#!/usr/bin/env bats
# nsls against the kernel: every inode it prints is checked with stat -L or
# readlink on /proc/PID/ns, every holder is one the test made.
# $(userns_opt) is empty as root and -r as nobody: it is split on purpose.
# shellcheck disable=SC2046

load common

# Under valgrind (make check-valgrind sets NSK_WRAP), drop the notes of
# valgrind 3.19 on system calls and ioctls it does not know (listns,
# listmount, pidfd_getfd, the nsfs ioctls), which it prints even with -q.
# Its real findings stay, and fail the test through its exit status.
if [ -n "${NSK_WRAP:-}" ]; then
	nsls() {
		${NSK_WRAP} "$NSLS" "$@" 2> >(grep -Ev -e '^--[0-9]+-- ' \
			-e '^==[0-9]+== +(Warning: noted but unhandled ioctl|This could cause spurious|See README_MISSING)' >&2)
	}
fi

# no_valgrind CALL: skip a test whose path valgrind 3.19 cannot follow (it
# answers ENOSYS for the system calls it does not know).
no_valgrind() {
	[ -z "${NSK_WRAP:-}" ] || skip "valgrind does not emulate $1"
}

teardown() { nsk_teardown; }

# ns_rows ARGS...: "NS TYPE" lines of nsls's raw output.
ns_rows() { nsls -r -n -o NS,TYPE "$@"; }

# children_of PID: the PIDs of its children.
children_of() {
	local c
	read -r c <"/proc/$1/task/$1/children" || true
	echo "$c"
}

# add_children PID: the children of PID are the test's to kill too.
add_children() {
	local kids
	read -r -a kids <"/proc/$1/task/$1/children" || true
	NSK_PIDS+=("${kids[@]}")
}

# new_fifo: a FIFO in the test's directory, in $FIFO. (nsk_tmpdir must run
# in the test's shell, not in $(...), for nsk_teardown to see the directory.)
new_fifo() {
	nsk_tmpdir >/dev/null
	FIFO=$(mktemp -u "$NSK_TMP/fifo.XXXXXX")
	mkfifo "$FIFO"
}

# hold_fd FILE: a process (not in FILE's namespace) that holds FILE open as
# fd 7; sets $HOLDER.
hold_fd() {
	new_fifo
	"$NSK_PROGS/holdfd" 7 "$1" "$FIFO" </dev/null 3>&- &
	HOLDER=$!
	NSK_PIDS+=("$HOLDER")
	read -r _ <"$FIFO"
}

@test "nsls: the default listing has lsns's columns and finds our namespaces" {
	spawn_ns $(userns_opt) -u -i
	run nsls
	assert_success
	assert_line --index 0 --regexp '^ +NS TYPE +NPROCS +PID USER +COMMAND$'
	assert_line --regexp "^ *$(ns_ino "$SPAWNED" uts) uts +1 +$SPAWNED .*sleep 1000\$"
	assert_line --regexp "^ *$(ns_ino "$SPAWNED" ipc) ipc +1 +$SPAWNED "
}

@test "nsls: every inode printed for a process equals readlink /proc/PID/ns/TYPE" {
	spawn_ns $(userns_opt) -u -n -i -m
	run nsls -r -n -o ENTRY,NS,TYPE -p "$SPAWNED"
	assert_success
	local entry ns type n=0
	while read -r entry ns type; do
		[ "$(readlink "/proc/$SPAWNED/ns/$entry")" = "$type:[$ns]" ] ||
			fail "$entry: nsls says $type:[$ns], readlink $(readlink "/proc/$SPAWNED/ns/$entry")"
		n=$((n + 1))
	done <<<"$output"
	[ "$n" -ge 8 ]
}

@test "nsls -p shows all ten entries of /proc/PID/ns and which differ from ours" {
	spawn_ns $(userns_opt) -u -n
	run nsls -r -n -o ENTRY,NS,DIFF -p "$SPAWNED"
	assert_success
	assert_equal "$(echo "$output" | awk '{print $1}' | sort | tr '\n' ' ')" \
		"$(cd "/proc/$SPAWNED/ns" && printf '%s ' *)"
	[ "${#lines[@]}" -eq 10 ]
	assert_line "uts $(ns_ino "$SPAWNED" uts) yes"
	assert_line "net $(ns_ino "$SPAWNED" net) yes"
	assert_line "cgroup $(ns_ino "$SPAWNED" cgroup) no"
	assert_line "time_for_children $(stat -L -c %i "/proc/$SPAWNED/ns/time_for_children") no"
}

@test "nsls: NPROCS counts the processes of a namespace" {
	local fifo
	new_fifo
	fifo=$FIFO
	unshare $(userns_opt) -u -- sh -c 'sleep 1000 & sleep 1000 & echo $$ >"$1"; exec sleep 1000' \
		sh "$fifo" 3>&- &
	read -r SPAWNED <"$fifo"
	NSK_PIDS+=("$SPAWNED")
	add_children "$SPAWNED"
	run nsls -r -n -o NS,NPROCS,PID -t uts "uts:[$(ns_ino "$SPAWNED" uts)]"
	assert_success
	local kids
	kids=$(children_of "$SPAWNED" | tr ' ' '\n' | sort -n | head -n 1)
	local low=$((SPAWNED < kids ? SPAWNED : kids))
	assert_output "$(ns_ino "$SPAWNED" uts) 3 $low"
}

@test "nsls finds every namespace that lsns finds on the test's workload" {
	spawn_ns $(userns_opt) -u -n -i -m
	local a=$SPAWNED
	spawn_ns $(userns_opt) -C -T -u
	local b=$SPAWNED
	local mine=" "
	for p in $a $b self; do
		for t in cgroup ipc mnt net pid time user uts; do
			mine+="$(ns_ino "$p" "$t") "
		done
	done
	run nsls -r -n -o NS
	assert_success
	local have=" ${output//$'\n'/ } " ns n=0
	for ns in $(lsns -r -n -o NS); do
		case "$mine" in *" $ns "*) ;; *) continue ;; esac
		n=$((n + 1))
		case "$have" in *" $ns "*) ;; *) fail "lsns lists $ns, nsls does not" ;; esac
	done
	[ "$n" -ge 8 ]
}

@test "nsls --compare exits 0 for the same namespaces, 1 when one differs, 2 for a bad PID" {
	spawn_plain
	local same=$SPAWNED
	spawn_ns $(userns_opt) -u
	local other=$SPAWNED
	run nsls --compare $$ "$same"
	assert_success
	refute_line --regexp ' no$'
	run nsls --compare -r -n $$ "$other"
	assert_failure 1
	assert_line "uts $(ns_ino $$ uts) $(ns_ino "$other" uts) no"
	assert_line "net $(ns_ino $$ net) $(ns_ino "$other" net) yes"
	run nsls --compare $$ 99999999
	assert_failure 2
	assert_line --index 0 "nsls: cannot find process 99999999: No such process"
}

@test "nsls --compare takes nsfs files: only their common type" {
	spawn_ns $(userns_opt) -n
	run nsls --compare -r -n "/proc/$SPAWNED/ns/net" /proc/self/ns/net
	assert_failure 1
	assert_output "net $(ns_ino "$SPAWNED" net) $(ns_ino $$ net) no"
	run nsls --compare /proc/self/ns/net /proc/self/ns/uts
	assert_failure 2
	assert_output "nsls: /proc/self/ns/net and /proc/self/ns/uts have no namespace type in common"
}

@test "nsls -J prints JSON with numbers and HOLDERS as an array" {
	spawn_ns $(userns_opt) -u
	run nsls -J -o NS,TYPE,NPROCS,HOLDERS -t uts
	assert_success
	local ino
	ino=$(ns_ino "$SPAWNED" uts)
	run jq -r ".namespaces[] | select(.ns == $ino) | [.type, .nprocs, .holders[0]] | @tsv" <<<"$output"
	assert_success
	assert_output "$(printf 'uts\t1\tpid:%s' "$SPAWNED")"
}

@test "nsls -o selects exactly the named columns, +COLS appends, --output-all has them all" {
	run nsls -o TYPE,NS
	assert_success
	assert_line --index 0 --regexp '^TYPE +NS$'
	run nsls -o +PATH,ID
	assert_success
	assert_line --index 0 --regexp '^ +NS TYPE +NPROCS +PID USER +COMMAND +PATH +ID$'
	run nsls --output-all -n -r -t uts -o NS
	assert_success
	run nsls --output-all
	assert_success
	local header
	read -r -a header <<<"${lines[0]}"
	assert_equal "${header[*]}" \
		"NS ID TYPE ENTRY DIFF NPROCS PID PPID COMMAND UID USER PATH NSFS HOLDERS PNS ONS OUID NETNSID"
}

@test "nsls -t filters types; -l and -r format as util-linux does" {
	run nsls -r -n -o TYPE -t net,uts
	assert_success
	refute_line --regexp '^(cgroup|ipc|mnt|pid|time|user)$'
	assert_line net
	assert_line uts
	spawn_ns $(userns_opt) -u
	run nsls -r -o NS,TYPE,COMMAND -t uts "$SPAWNED"
	assert_success
	assert_output "NS TYPE COMMAND
$(ns_ino "$SPAWNED" uts) uts sleep\x201000"
	run nsls -l -o NS,TYPE -t uts "$SPAWNED"
	assert_success
	assert_output --regexp "^ +NS TYPE
$(ns_ino "$SPAWNED" uts) uts\$"
}

@test "nsls REF: a PID, an nsfs file, TYPE:[INODE] and a bare inode with -t" {
	spawn_ns $(userns_opt) -n
	local ino
	ino=$(ns_ino "$SPAWNED" net)
	for ref in "/proc/$SPAWNED/ns/net" "net:[$ino]" "$SPAWNED"; do
		run ns_rows -t net "$ref"
		assert_success
		assert_output "$ino net"
	done
	run ns_rows -t net "$ino"
	assert_success
	assert_output "$ino net"
}

@test "nsls: bad input is one clear line and exit 1" {
	run nsls 99999999
	assert_failure 1
	assert_line --index 0 "nsls: cannot find process 99999999: No such process"
	run nsls -p 99999999
	assert_failure 1
	assert_line --index 0 "nsls: cannot find process 99999999: No such process"
	run nsls /etc/passwd
	assert_failure 1
	assert_output "nsls: /etc/passwd: not a namespace file"
	run nsls -t bogus
	assert_failure 1
	assert_line --index 0 "nsls: unknown namespace type: bogus"
	run nsls -o NS,BOGUS
	assert_failure 1
	assert_line --index 0 "nsls: unknown column: BOGUS"
	run nsls --tree=sideways
	assert_failure 1
	assert_line --index 0 "nsls: unknown tree: sideways (owner, parent or process)"
	run nsls 'net:[1]'
	assert_failure 1
	assert_line --index 0 "nsls: cannot resolve net:[1]: No such file or directory"
}

@test "nsls skips processes it cannot read in the listing, and says so when one is named" {
	if readlink /proc/1/ns/net >/dev/null 2>&1; then
		skip "PID 1 is readable here"
	fi
	run nsls -r -n -o PID
	assert_success
	refute_line 1
	refute_output --partial "Permission denied"
	run nsls 1
	assert_failure 1
	assert_line --index 0 "nsls: cannot read the namespaces of process 1: Permission denied"
	run nsls -p 1
	assert_failure 1
	assert_line --index 0 "nsls: cannot read the namespaces of process 1: Permission denied"
	run nsls -p abc
	assert_failure 1
	assert_line --index 0 "nsls: -p takes a PID, not abc"
}

# ---- complete discovery (issue 7): each holder made by the test ----

@test "nsls finds a net namespace held only by an open fd (lsns does not)" {
	spawn_ns $(userns_opt) -n
	local ino
	ino=$(ns_ino "$SPAWNED" net)
	hold_fd "/proc/$SPAWNED/ns/net"
	kill -KILL "$SPAWNED"
	wait "$SPAWNED" 2>/dev/null || true
	[ "$(readlink "/proc/$HOLDER/fd/7")" = "net:[$ino]" ]
	run nsls -r -n -o NS,TYPE,NPROCS,HOLDERS,PATH -t net
	assert_success
	assert_line "$ino net 0 fd:$HOLDER:7 /proc/$HOLDER/fd/7"
	run lsns -r -n -o NS -t net
	refute_line "$ino"
}

# bats test_tags=root
@test "nsls finds a uts namespace pinned only inside another mount namespace (lsns does not)" {
	local dir fifo
	new_fifo
	dir=$NSK_TMP fifo=$FIFO
	unshare -m --propagation private -- sh -c \
		'touch "$1" && unshare --uts="$1" true && echo $$ >"$2" && exec sleep 1000' \
		sh "$dir/pin" "$fifo" 3>&- &
	read -r SPAWNED <"$fifo"
	NSK_PIDS+=("$SPAWNED")
	local ino mnt
	ino=$(stat -L -c %i "/proc/$SPAWNED/root$dir/pin")
	mnt=$(ns_ino "$SPAWNED" mnt)
	[ "$ino" != "$(ns_ino "$SPAWNED" uts)" ]
	run grep -c " $dir/pin " /proc/self/mountinfo
	assert_output 0
	run nsls -r -n -o NS,TYPE,NPROCS,HOLDERS,NSFS -t uts
	assert_success
	assert_line "$ino uts 0 mount:mnt:[$mnt]:$dir/pin mnt:[$mnt]:$dir/pin"
	run lsns -r -n -o NS -t uts
	refute_line "$ino"
}

# bats test_tags=root
@test "nsls finds a user namespace whose process died, owner of a pinned net namespace" {
	local dir user net
	nsk_tmpdir >/dev/null
	dir=$NSK_TMP
	spawn_ns -U -r -n
	touch "$dir/netpin"
	mount --bind "/proc/$SPAWNED/ns/net" "$dir/netpin"
	user=$(ns_ino "$SPAWNED" user)
	net=$(ns_ino "$SPAWNED" net)
	kill -KILL "$SPAWNED"
	wait "$SPAWNED" 2>/dev/null || true
	[ "$("$NSK_PROGS/nsioctl" "$dir/netpin" userns)" = "$user" ]
	run nsls -r -n -o NS,TYPE,NPROCS,ONS,HOLDERS -t net,user
	assert_success
	# (Copies that propagated into other mount namespaces are holders too.)
	assert_line --regexp "^$net net 0 $user mount:$dir/netpin(,mount:mnt:\[[0-9]+\]:$dir/netpin)*\$"
	assert_line --regexp "^$user user 0 [0-9]+ child:$net\$"
	run nsls -T owner -o NS,TYPE -t net,user
	assert_success
	assert_line --regexp "^[│├└─ ]*$user +user\$"
	assert_line --regexp "^[│ ]*[├└]─$net +net\$"
}

# bats test_tags=root
@test "nsls finds a pid namespace that is only the parent of another" {
	local fifo outer a b
	new_fifo
	fifo=$FIFO
	unshare -p -f -- unshare -p -f -- sh -c 'echo x >"$1"; exec sleep 1000' sh "$fifo" 3>&- &
	outer=$!
	NSK_PIDS+=("$outer")
	read -r _ <"$fifo"
	a=$(children_of "$outer")   # pid 1 of the outer namespace
	b=$(children_of "$a")       # pid 1 of the inner one
	NSK_PIDS+=("$a" "$b")
	hold_fd "/proc/$b/ns/pid"
	local inner parent
	inner=$(ns_ino "$b" pid)
	parent=$("$NSK_PROGS/nsioctl" "/proc/$HOLDER/fd/7" parent)
	[ "$parent" = "$(ns_ino "$a" pid)" ]
	kill -KILL "$a"
	wait "$outer" 2>/dev/null || true
	run nsls -r -n -o NS,TYPE,NPROCS,PNS,HOLDERS -t pid
	assert_success
	assert_line "$inner pid 0 $parent fd:$HOLDER:7"
	assert_line --regexp "^$parent pid 0 [0-9]+ child:$inner\$"
	run nsls -T parent -o NS -t pid
	assert_success
	assert_line --regexp "^ *[0-9]+$"
	assert_line --regexp "^[├└]─$parent$"
	assert_line --regexp "^[│ ] └─$inner$"
}

@test "nsls shows a pid_for_children namespace and who will put children in it" {
	local fifo
	new_fifo
	fifo=$FIFO
	unshare $(userns_opt) -p -- sh -c 'sleep 1000 & echo $$ >"$1"; wait' sh "$fifo" 3>&- &
	read -r SPAWNED <"$fifo"
	NSK_PIDS+=("$SPAWNED")
	add_children "$SPAWNED"
	local child
	child=$(stat -L -c %i "/proc/$SPAWNED/ns/pid_for_children")
	[ "$child" != "$(ns_ino "$SPAWNED" pid)" ]
	run nsls -r -n -o NS,TYPE,HOLDERS -t pid "pid:[$child]"
	assert_success
	assert_output --regexp "^$child pid pid:[0-9]+,pid_for_children:$SPAWNED\$"
	run nsls -r -n -o ENTRY,NS,DIFF -p "$SPAWNED"
	assert_line "pid_for_children $child yes"
}

@test "nsls finds a uts namespace only a thread is in, with tid:TID" {
	new_fifo
	unshare $(userns_opt) -- "$NSK_PROGS/nsholder" thread "$FIFO" 3>&- &
	SPAWNED=$!
	NSK_PIDS+=("$SPAWNED")
	local tid ino
	read -r tid <"$FIFO"
	[ "$tid" -gt 0 ]
	ino=$(stat -L -c %i "/proc/$SPAWNED/task/$tid/ns/uts")
	[ "$ino" != "$(ns_ino "$SPAWNED" uts)" ]
	run nsls -r -n -o NS,TYPE,NPROCS,HOLDERS,PATH -t uts
	assert_success
	assert_line "$ino uts 0 tid:$tid /proc/$tid/ns/uts"
	run lsns -r -n -o NS -t uts
	refute_line "$ino"
}

@test "nsls finds a net namespace held only by a socket (SIOCGSKNS)" {
	no_valgrind pidfd_getfd
	new_fifo
	unshare $(userns_opt) -n -- "$NSK_PROGS/nsholder" socket "$FIFO" 3>&- &
	SPAWNED=$!
	NSK_PIDS+=("$SPAWNED")
	local fd
	read -r fd <"$FIFO"
	[ "$fd" -ge 0 ]
	[[ "$(readlink "/proc/$SPAWNED/fd/$fd")" == socket:* ]]
	run nsls -r -n -o NS,TYPE,NPROCS,HOLDERS -t net
	assert_success
	assert_line --regexp "^[0-9]+ net 0 socket:$SPAWNED:$fd\$"
}

@test "nsls -T process puts a namespace under its parent process's" {
	spawn_ns $(userns_opt) -u
	run nsls -T process -o NS,TYPE,COMMAND -t uts
	assert_success
	assert_line --regexp "^ *$(ns_ino $$ uts) uts +[^│├└]"
	assert_line --regexp "^ *$(ns_ino "$SPAWNED" uts) uts +[│ ]*[├└]─sleep 1000\$"
}

@test "nsls resolves TYPE:[INODE] of a namespace only its child keeps (owner)" {
	spawn_ns $(userns_opt) -U -n
	local user net
	user=$(ns_ino "$SPAWNED" user)
	net=$(ns_ino "$SPAWNED" net)
	hold_fd "/proc/$SPAWNED/ns/net"
	kill -KILL "$SPAWNED"
	wait "$SPAWNED" 2>/dev/null || true
	run nsls -r -n -o NS,TYPE,NPROCS,HOLDERS "user:[$user]"
	assert_success
	assert_output "$user user 0 child:$net"
	run nsls -r -n -o NS,TYPE -t user "$user"
	assert_output "$user user"
	run nsls --compare -r -n "user:[$user]" "user:[$user]"
	assert_success
	assert_output "user $user $user yes"
	run nsls --compare -r -n "net:[$net]" "/proc/$HOLDER/fd/7"
	assert_success
	assert_output "net $net $net yes"
}

# bats test_tags=root
@test "nspin add of an fd-held namespace by TYPE:[INODE] keeps it after the holder dies" {
	spawn_ns -n
	local net
	net=$(ns_ino "$SPAWNED" net)
	hold_fd "/proc/$SPAWNED/ns/net"
	kill -KILL "$SPAWNED"
	wait "$SPAWNED" 2>/dev/null || true
	nsk_tmpdir >/dev/null
	export NSPIN_DIR=$NSK_TMP/pins
	run nspin add keep -t "net:[$net]" -n
	assert_success
	kill -KILL "$HOLDER"
	wait "$HOLDER" 2>/dev/null || true
	run nsls -r -n -o NS,TYPE,NPROCS,HOLDERS "net:[$net]"
	assert_success
	assert_output --regexp "^$net net 0 mount:$NSPIN_DIR/keep/net(,mount:mnt:\[[0-9]+\]:$NSPIN_DIR/keep/net)*\$"
	run nspin del keep
	assert_success
}

# bats test_tags=root
@test "nsls reads the pins of a mount namespace only an fd holds (listmount/statmount)" {
	no_valgrind listmount
	local dir fifo mnt uts
	new_fifo
	dir=$NSK_TMP fifo=$FIFO
	unshare -m --propagation private -- sh -c \
		'touch "$1" && unshare --uts="$1" true && echo $$ >"$2" && exec sleep 1000' \
		sh "$dir/pin" "$fifo" 3>&- &
	read -r SPAWNED <"$fifo"
	NSK_PIDS+=("$SPAWNED")
	mnt=$(ns_ino "$SPAWNED" mnt)
	uts=$(stat -L -c %i "/proc/$SPAWNED/root$dir/pin")
	hold_fd "/proc/$SPAWNED/ns/mnt"
	kill -KILL "$SPAWNED"
	wait "$SPAWNED" 2>/dev/null || true
	run nsls -r -n -o NS,TYPE,NPROCS,HOLDERS -t mnt,uts
	assert_success
	assert_line "$mnt mnt 0 fd:$HOLDER:7"
	assert_line "$uts uts 0 mount:mnt:[$mnt]:$dir/pin"
	# It opens through the mount namespace's fd, not a path.
	run nsls -r -n -o NS,TYPE "uts:[$uts]"
	assert_success
	assert_output "$uts uts"
}

# (Without privilege the net namespace belongs to a user namespace that only
# it keeps alive, and joining needs that one too.)
# bats test_tags=root
@test "nsjoin -t 'net:[INODE]' joins a namespace that only an fd holds" {
	no_valgrind "the nsfs ioctls (it notes each one on stderr)"
	spawn_ns -n
	local net
	net=$(ns_ino "$SPAWNED" net)
	hold_fd "/proc/$SPAWNED/ns/net"
	kill -KILL "$SPAWNED"
	wait "$SPAWNED" 2>/dev/null || true
	run nsjoin -t "net:[$net]" -n -- readlink /proc/self/ns/net
	assert_success
	assert_output "net:[$net]"
}
