#!/usr/bin/env bats
# shellcheck disable=SC2016 # the sh -c scripts expand their own variables
# nspin: pins are bind mounts of nsfs files; every check reads the kernel's
# answer (inodes, mountinfo) and every test removes what it made.

load common

setup() {
	nsk_tmpdir >/dev/null
	NSPIN_DIR=$NSK_TMP/pins
	export NSPIN_DIR
	NETNS_NAME=
}

teardown() {
	if [ -n "$NETNS_NAME" ] && [ -e "/run/netns/$NETNS_NAME" ]; then
		umount -l "/run/netns/$NETNS_NAME" 2>/dev/null || true
		rm -f "/run/netns/$NETNS_NAME"
	fi
	nsk_teardown
}

# The nsfs mounts of our mount namespace: "TYPE:[INODE] MOUNTPOINT".
nsfs_mounts() {
	awk '{ for (i = 7; $i != "-"; i++); if ($(i + 1) == "nsfs") print $4, $5 }' \
		/proc/self/mountinfo | sort
}

# The mounts under the test's directory: what a failed add could leave (the
# rest of the table changes while other suites run).
my_mounts() {
	mount_snapshot | grep -F "$NSK_TMP" || true
}

# The propagation of the mounts at PATH, lowest first: "FSTYPE shared:N|-".
mounts_at() {
	awk -v p="$1" '$5 == p { for (i = 7; $i != "-"; i++); print $(i + 1), (i > 7 ? $7 : "-") }' \
		/proc/self/mountinfo
}

# spawn_any [UNSHARE-OPTIONS...]: like spawn_ns, but $SPAWNED is the PID as
# we see it even with -p -f (the process reads it from our /proc).
spawn_any() {
	local dir fifo
	dir=$NSK_TMP
	fifo=$(mktemp -u "$dir/ready.XXXXXX")
	mkfifo "$fifo"
	unshare "$@" -- sh -c 'read -r s </proc/self/stat; echo "${s%% *}" >"$1"; exec sleep 1000' \
		sh "$fifo" 3>&- &
	local launcher=$!
	read -r SPAWNED <"$fifo"
	rm -f "$fifo"
	NSK_PIDS+=("$SPAWNED" "$launcher")
}

# Kills the processes that the test spawned (and waits for them) before the
# end of the test, so that only the pins hold their namespaces.
kill_spawned() {
	local p i
	for p in "${NSK_PIDS[@]}"; do kill -KILL "$p" 2>/dev/null || true; done
	for p in "${NSK_PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
	# A killed PID 1 of a pid namespace whose launcher died first is reaped
	# by init, a moment later.
	for p in "${NSK_PIDS[@]}"; do
		for ((i = 0; i < 500; i++)); do
			[ -e "/proc/$p" ] || break
			sleep 0.01
		done
	done
	NSK_PIDS=()
}

# owner_uid NSFILE: the uid that made the user namespace (NS_GET_OWNER_UID).
owner_uid() {
	python3 -c 'import fcntl, os, struct, sys
fd = os.open(sys.argv[1], os.O_RDONLY)
print(struct.unpack("I", fcntl.ioctl(fd, 0xb704, b"\0" * 4))[0])' "$1"
}

# owning_userns_ino NSFILE: the inode of the user namespace that owns it.
owning_userns_ino() {
	python3 -c 'import fcntl, os, sys
fd = os.open(sys.argv[1], os.O_RDONLY)
print(os.fstat(fcntl.ioctl(fd, 0xb701)).st_ino)' "$1"
}

# Runs the rest of the line in a new user and mount namespace where we are
# root (unshare -r): the way nspin works without privilege.
in_userns() { unshare -U -r -m --propagation private "$@"; }

@test "nspin --version" {
	run nspin --version
	assert_success
	assert_output --regexp '^nspin [0-9]+\.[0-9]+'
}

@test "subcommands are exact names or their aliases, never prefixes" {
	run nspin ad foo -n
	assert_failure 1
	assert_line --index 0 "nspin: unknown command 'ad': add, del (delete) or ls (list)"
	run nspin de foo
	assert_failure 1
	assert_line --index 0 --partial "unknown command 'de'"
	run nspin
	assert_failure 1
	assert_line --index 0 "nspin: no command: add, del or ls"
	[ ! -e "$NSPIN_DIR" ]
}

@test "bad pin names are refused before anything is made" {
	for name in "" . .. "$(printf 'a\nb')" "$(printf '%0256d' 0)"; do
		run nspin add "$name" -n
		assert_failure 1
		assert_line --index 0 --partial "nspin: invalid pin name"
		assert_line --index 1 "Try 'nspin --help' for more information."
	done
	[ ! -e "$NSPIN_DIR" ]
}

@test "add -p without -t is refused with the reason" {
	run nspin add x -p
	assert_failure 1
	assert_line --index 0 --partial "nspin: add: -p needs -t: a new PID namespace cannot be pinned before it has a PID 1"
	assert_line --index 1 --partial "nspin: hint:"
	[ ! -e "$NSPIN_DIR" ]
}

# bats test_tags=root
@test "add NAME -a pins every namespace of a process, which outlive it" {
	spawn_any -m -u -i -n -C -T -p -f --propagation unchanged
	local pid=$SPAWNED
	run nspin add web -t "$pid" -a
	assert_success
	assert_output ""
	for t in cgroup ipc mnt net pid time user uts; do
		[ "$(stat -L -c %i "$NSPIN_DIR/web/$t")" = "$(ns_ino "$pid" "$t")" ]
	done
	local uts net ipc
	uts=$(ns_ino "$pid" uts)
	net=$(ns_ino "$pid" net)
	ipc=$(ns_ino "$pid" ipc)
	nsenter -t "$pid" -u hostname pinned-web
	kill_spawned
	[ ! -e "/proc/$pid" ]

	# The namespaces live on: listed, joinable.
	run nspin ls -r -n -o PATH,NS
	assert_success
	assert_line "$NSPIN_DIR/web/uts $uts"
	assert_line "$NSPIN_DIR/web/net $net"
	run nsenter --uts="$NSPIN_DIR/web/uts" hostname
	assert_output pinned-web
	run nsjoin -t web -u -n -- sh -c 'hostname; stat -L -c %i /proc/self/ns/net'
	assert_success
	assert_output "pinned-web
$net"
	# -t DIR. (Not the pid namespace: its PID 1 is gone, so the kernel lets
	# no process in, ENOMEM.)
	run nsjoin -t "$NSPIN_DIR/web" -u -i -m -- sh -c 'hostname; stat -L -c %i /proc/self/ns/ipc'
	assert_success
	assert_output "pinned-web
$ipc"
	run nsls -r -n -o NS,TYPE,NPROCS web
	assert_success
	assert_line "$uts uts 0"
	assert_line "$net net 0"
	# (Mount namespaces made meanwhile, by other suites too, hold copies of
	# the pin: the pin directory is shared. Ours comes first.)
	run nsls -r -n -o NS,NSFS
	assert_line --regexp "^$uts $NSPIN_DIR/web/uts(,|\$)"

	run nspin del web
	assert_success
	[ ! -e "$NSPIN_DIR/web" ]
	run nsfs_mounts
	refute_output --partial "$NSPIN_DIR"
}

# bats test_tags=root
@test "add NAME -n with no -t makes a fresh net namespace with only lo" {
	run nspin add fresh -n
	assert_success
	[ -f "$NSPIN_DIR/fresh/net" ]
	[ "$(stat -L -c %i "$NSPIN_DIR/fresh/net")" != "$(ns_ino $$ net)" ]
	run nsjoin --net="$NSPIN_DIR/fresh/net" -- ip -o link
	assert_success
	assert_output --regexp '^1: lo: '
	[ "${#lines[@]}" -eq 1 ]
	# No process is left in it: only the pin holds it.
	local ino n=0 f
	ino=$(stat -L -c %i "$NSPIN_DIR/fresh/net")
	for f in /proc/[0-9]*/ns/net; do
		[ "$(stat -L -c %i "$f" 2>/dev/null)" = "$ino" ] && n=$((n + 1))
	done
	[ "$n" -eq 0 ]
	run nspin del fresh
	assert_success
}

# bats test_tags=root
@test "add -U without -t makes a user namespace owned by the caller" {
	run nspin add own -U -u
	assert_success
	[ "$(stat -L -c %i "$NSPIN_DIR/own/user")" != "$(ns_ino $$ user)" ]
	run owner_uid "$NSPIN_DIR/own/user"
	assert_output "$(id -u)"
	# The new uts namespace belongs to it (NS_GET_USERNS).
	run owning_userns_ino "$NSPIN_DIR/own/uts"
	assert_output "$(stat -L -c %i "$NSPIN_DIR/own/user")"
	run nspin del own
	assert_success
}

@test "add -r: a new user namespace where the caller is root, usable with no process" {
	run in_userns sh -c '
		"$NSPIN" add r -r -u -n || exit 10
		nsenter --preserve-credentials --user="$NSPIN_DIR/r/user" --uts="$NSPIN_DIR/r/uts" --net="$NSPIN_DIR/r/net" \
			-- sh -c "hostname in-r && hostname && id -u && ip link set lo up" || exit 11
		"$NSPIN" del r || exit 12
	'
	assert_success
	assert_output "in-r
0"
	run nspin add x -t $$ -c
	assert_failure 1
	assert_line --index 0 "nspin: add: -r and -c map a new user namespace: not with -t"
}

# bats test_tags=root
@test "--ip-netns: ip netns lists it, exec runs in it, del removes it" {
	NETNS_NAME="nspin-test-$$-$RANDOM"
	run nspin add "$NETNS_NAME" -n --ip-netns
	assert_success
	run ip netns list
	assert_line --regexp "^$NETNS_NAME( |$)"
	run ip netns exec "$NETNS_NAME" stat -L -c %i /proc/self/ns/net
	assert_success
	assert_output "$(stat -L -c %i "$NSPIN_DIR/$NETNS_NAME/net")"
	run nspin ls -r -n -o PATH
	assert_line "/run/netns/$NETNS_NAME"
	run nspin del "$NETNS_NAME"
	assert_success
	run ip netns list
	refute_output --partial "$NETNS_NAME"
	[ ! -e "/run/netns/$NETNS_NAME" ]
}

# bats test_tags=root
@test "nspin ls shows pins made by ip netns add" {
	NETNS_NAME="nspin-test-$$-$RANDOM"
	ip netns add "$NETNS_NAME"
	run nspin ls -r -n -o PATH,TYPE,NS,NPROCS
	assert_success
	assert_line "/run/netns/$NETNS_NAME net $(stat -L -c %i "/run/netns/$NETNS_NAME") 0"
	ip netns del "$NETNS_NAME"
}

# bats test_tags=root
@test "del removes exactly what add made: a directory that existed stays" {
	mkdir -p "$NSPIN_DIR/kept" "$NSK_TMP/dir"
	: >"$NSPIN_DIR/kept/notes"
	spawn_ns -u -n
	nspin add kept -t "$SPAWNED" -u -n
	nspin add "$NSK_TMP/dir" -t "$SPAWNED" -u -n
	nspin add made -t "$SPAWNED" -u
	run nsfs_mounts
	[ "${#lines[@]}" -ge 5 ]
	run nspin del kept "$NSK_TMP/dir" made
	assert_success
	[ -d "$NSPIN_DIR/kept" ] && [ -f "$NSPIN_DIR/kept/notes" ]
	[ -z "$(ls -A "$NSK_TMP/dir")" ]
	[ "$(ls -A "$NSPIN_DIR/kept")" = notes ]
	[ ! -e "$NSPIN_DIR/made" ]
	run nsfs_mounts
	refute_output --partial "$NSK_TMP"
}

# bats test_tags=root
@test "add PATH with one type pins that file; del -v says the namespace is still in use" {
	spawn_ns -u
	local pin
	pin="$NSK_TMP/uts.pin"
	run nspin add "$pin" -t "$SPAWNED" -u
	assert_success
	[ "$(stat -L -c %i "$pin")" = "$(ns_ino "$SPAWNED" uts)" ]
	run nspin del -v "$pin"
	assert_success
	assert_line "nspin: uts:[$(ns_ino "$SPAWNED" uts)] is still in use by 1 process: it lives on with it"
	[ ! -e "$pin" ]
}

# bats test_tags=root
@test "a mount namespace is pinned from its parent through a private bind of its own" {
	spawn_ns -m --propagation unchanged
	run nspin add m -t "$SPAWNED" -m
	assert_success
	[ "$(stat -L -c %i "$NSPIN_DIR/m/mnt")" = "$(ns_ino "$SPAWNED" mnt)" ]
	# The pin directory is shared; the mnt pin file sits on a private bind.
	run mounts_at "$NSPIN_DIR"
	assert_output --regexp '^[a-z0-9]+ shared:[0-9]+$'
	run mounts_at "$NSPIN_DIR/m/mnt"
	assert_line --index 0 --regexp '^[a-z0-9]+ -$'
	assert_line --index 1 'nsfs -'
	[ "${#lines[@]}" -eq 2 ]
	run nspin del m
	assert_success
	run grep -c -F "$NSPIN_DIR/m" /proc/self/mountinfo
	assert_output 0
}

# bats test_tags=root
@test "a mount namespace cannot be pinned inside itself: one message, nothing left" {
	local before
	before=$(my_mounts)
	run nspin add self -t $$ -m
	assert_failure 1
	assert_line --index 0 "nspin: cannot pin mnt:[$(ns_ino $$ mnt)] at $NSPIN_DIR/self/mnt: Invalid argument"
	assert_line --index 1 --partial "nspin: hint: a mount namespace cannot be pinned inside itself"
	[ "${#lines[@]}" -eq 2 ]
	[ "$(my_mounts)" = "$before" ]
	[ ! -e "$NSPIN_DIR" ]
	run nspin add "$NSK_TMP/self.mnt" -t $$ -m
	assert_failure 1
	[ ! -e "$NSK_TMP/self.mnt" ]
}

@test "a path that cannot hold a pin: the reason, exit 1, nothing left" {
	run in_userns "$NSPIN" add /proc/nspin-test -n
	assert_failure 1
	assert_line --index 0 "nspin: cannot create pin file /proc/nspin-test: No such file or directory"
	assert_line --index 1 --partial "nspin: hint: that file system cannot hold pin files"
	[ "${#lines[@]}" -eq 2 ]
	run in_userns "$NSPIN" add "$NSK_TMP/no/such/dir/pin" -n
	assert_failure 1
	assert_line --index 1 "nspin: hint: the directory that would hold the pin does not exist"
	[ ! -e "$NSK_TMP/no" ]
}

# bats test_tags=root
@test "a read-only pin directory: the reason, exit 1, nothing left" {
	mkdir "$NSK_TMP/ro"
	mount -t tmpfs -o ro nskit-test "$NSK_TMP/ro"
	local before
	before=$(my_mounts)
	NSPIN_DIR=$NSK_TMP/ro/pins run nspin add x -n -u
	assert_failure 1
	assert_line --index 0 "nspin: cannot create directory $NSK_TMP/ro/pins: Read-only file system"
	assert_line --index 1 --partial "set NSPIN_DIR"
	[ "$(my_mounts)" = "$before" ]
}

# bats test_tags=root
@test "add with a dead PID fails the same way, nothing left" {
	spawn_plain
	local pid=$SPAWNED before
	kill_spawned
	before=$(my_mounts)
	run nspin add dead -t "$pid" -n
	assert_failure 1
	assert_line --index 0 "nspin: cannot open $pid: No such process"
	[ "$(my_mounts)" = "$before" ]
	[ ! -e "$NSPIN_DIR" ]
}

# bats test_tags=root
@test "add is all or nothing: a failing third pin undoes the first two" {
	spawn_ns -u -n -i
	mkdir -p "$NSPIN_DIR/half"
	: >"$NSPIN_DIR/half/uts"
	local before
	before=$(my_mounts)
	run nspin add half -t "$SPAWNED" -i -n -u
	assert_failure 1
	assert_line --index 0 "nspin: cannot create pin file $NSPIN_DIR/half/uts: File exists"
	[ "$(my_mounts)" = "$before" ]
	[ "$(ls -A "$NSPIN_DIR/half")" = uts ]
	[ ! -s "$NSPIN_DIR/half/uts" ]
	# The kernel's refusal (mnt into itself after ipc and net) is undone too.
	run nspin add half2 -t $$ -i -m -n
	assert_failure 1
	[ "$(my_mounts)" = "$before" ]
	[ ! -e "$NSPIN_DIR/half2" ]
}

# bats test_tags=root
@test "del refuses what is not a pin and never follows a symlink" {
	local t
	t=$NSK_TMP
	: >"$t/plain"
	run nspin del "$t/plain"
	assert_failure 1
	assert_output "nspin: cannot delete $t/plain: not a pin"
	[ -f "$t/plain" ]
	spawn_ns -u
	nspin add "$t/real" -t "$SPAWNED" -u
	mkdir "$NSPIN_DIR"
	mkdir "$NSPIN_DIR/trap"
	ln -s "$t/real" "$NSPIN_DIR/trap/uts"
	run nspin del trap
	assert_failure 1
	assert_output "nspin: cannot delete $NSPIN_DIR/trap: not a pin directory"
	[ "$(stat -L -c %i "$t/real")" = "$(ns_ino "$SPAWNED" uts)" ]
	nspin del "$t/real"
}

# bats test_tags=root
@test "nspin ls finds pins in other mount namespaces" {
	spawn_ns -m -u --propagation private
	local pid=$SPAWNED t
	t=$NSK_TMP
	nsenter -t "$pid" -m -- sh -c ": >'$t/hidden'; mount --bind /proc/$pid/ns/uts '$t/hidden'"
	# Not in our mount namespace, only in the other one.
	run grep -c -F "$t/hidden" /proc/self/mountinfo
	assert_output 0
	run nspin ls -r -n -o PATH,TYPE,NS,NPROCS
	assert_success
	assert_line "$t/hidden uts $(ns_ino "$pid" uts) 1"
	run nspin ls -J -o PATH,TYPE
	assert_output --partial "\"path\": \"$t/hidden\""
}

# bats test_tags=root
@test "nspin ls finds pins in a mount namespace that only a pin holds" {
	spawn_ns -m -u --propagation private
	local pid=$SPAWNED uts mnt
	uts=$(ns_ino "$pid" uts)
	mnt=$(ns_ino "$pid" mnt)
	nsenter -t "$pid" -m -- sh -c ": >'$NSK_TMP/deep'; mount --bind /proc/$pid/ns/uts '$NSK_TMP/deep'"
	nspin add held -t "$pid" -m
	kill_spawned
	# No process is in that mount namespace now: listmount(2) reads it.
	run nspin ls -r -n -o PATH,TYPE,NS,MNTNS
	assert_success
	assert_line "$NSPIN_DIR/held/mnt mnt $mnt $(ns_ino $$ mnt)"
	assert_line "$NSK_TMP/deep uts $uts $mnt"
	nspin del held
	run nspin ls -r -n -o PATH
	# (refute_line needs a line to look at: the listing may be empty now)
	refute_output --partial "$NSK_TMP/deep"
}

@test "without privilege, inside a user namespace: add, use, del" {
	run in_userns sh -c '
		"$NSPIN" add u -n -u || exit 10
		[ -f "$NSPIN_DIR/u/net" ] || exit 11
		nsenter --uts="$NSPIN_DIR/u/uts" hostname inside || exit 12
		[ "$(nsenter --uts="$NSPIN_DIR/u/uts" hostname)" = inside ] || exit 13
		"$NSPIN" del u || exit 14
		[ ! -e "$NSPIN_DIR/u" ] || exit 15
		! grep -q -F "$NSPIN_DIR/u/" /proc/self/mountinfo || exit 16
	'
	assert_success
	assert_output ""
}

@test "without privilege: a mount namespace into itself is refused and explained" {
	run in_userns sh -c '"$NSPIN" add me -t $$ -m; echo "rc=$?"; ls -A "$NSPIN_DIR" 2>&1'
	assert_line --index 0 --partial "nspin: cannot pin mnt:["
	assert_line --index 1 --partial "hint: a mount namespace cannot be pinned inside itself"
	assert_line --index 2 "rc=1"
	assert_line --index 3 --partial "No such file or directory"
}

# bats test_tags=root
@test "nsunshare --net=PIN and nsclone --pin DIR make pins that nspin lists and removes" {
	local t=$NSK_TMP
	nsunshare --net="$t/net.pin" true
	nsclone --pin "$t/cl" -u -n true
	[ "$(stat -L -c %i "$t/cl/uts")" != "$(ns_ino $$ uts)" ]
	run nspin ls -r -n -o PATH,TYPE,NS
	assert_line "$t/net.pin net $(stat -L -c %i "$t/net.pin")"
	assert_line "$t/cl/uts uts $(stat -L -c %i "$t/cl/uts")"
	assert_line "$t/cl/net net $(stat -L -c %i "$t/cl/net")"
	run nspin del "$t/net.pin" "$t/cl"
	assert_success
	[ ! -e "$t/net.pin" ] && [ ! -e "$t/cl" ]
	run nsfs_mounts
	refute_output --partial "$t"
}

@test "nspin ls with more columns than a table takes: one usage error, exit 1" {
	run nspin ls -o "$(printf 'NS,%.0s' $(seq 70))NS"
	assert_failure 1
	assert_line -n 0 "nspin: ls: too many columns"
}
