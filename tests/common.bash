# shellcheck shell=bash
# Shared by every suite: the tools under test, fixtures that own their
# namespaces, and the checks that read the truth from the kernel.

bats_load_library bats-support
bats_load_library bats-assert

# The tools, each run through $NSK_WRAP (empty, or e.g. "valgrind -q ...").
: "${NSK_BUILDDIR:=$(cd "$BATS_TEST_DIRNAME/.." && pwd)}"
: "${NSLS:=$NSK_BUILDDIR/tools/nsls}"
: "${NSJOIN:=$NSK_BUILDDIR/tools/nsjoin}"
: "${NSUNSHARE:=$NSK_BUILDDIR/tools/nsunshare}"
: "${NSCLONE:=$NSK_BUILDDIR/tools/nsclone}"
: "${NSPIN:=$NSK_BUILDDIR/tools/nspin}"
: "${NSK_PROGS:=$NSK_BUILDDIR/tests/progs}"

nsls() { ${NSK_WRAP:-} "$NSLS" "$@"; }
nsjoin() { ${NSK_WRAP:-} "$NSJOIN" "$@"; }
nsunshare() { ${NSK_WRAP:-} "$NSUNSHARE" "$@"; }
nsclone() { ${NSK_WRAP:-} "$NSCLONE" "$@"; }
nspin() { ${NSK_WRAP:-} "$NSPIN" "$@"; }

is_root() { [ "$(id -u)" -eq 0 ]; }

# ns_ino PID TYPE: the inode of /proc/PID/ns/TYPE, as the kernel reports it.
ns_ino() { stat -L -c %i "/proc/$1/ns/$2"; }

# ns_link PID TYPE: what readlink prints, "TYPE:[INODE]".
ns_link() { readlink "/proc/$1/ns/$2"; }

# A private directory for the test, removed by nsk_teardown. Its name is
# fixed per test, so that it works in a $(...) subshell too: the teardown
# finds it without being told.
nsk_tmpdir() {
	NSK_TMP=${BATS_TEST_TMPDIR:-${TMPDIR:-/tmp}/nsk-$$}/nsk
	if [ ! -d "$NSK_TMP" ]; then
		mkdir -p "$NSK_TMP"
		chmod 0755 "$NSK_TMP"
	fi
	echo "$NSK_TMP"
}

NSK_PIDS=()

# spawn_ns [UNSHARE-OPTIONS...]: start `sleep` in new namespaces made by
# util-linux unshare and set $SPAWNED to its PID once it is inside them.
# Synchronised through a FIFO, not a sleep. Without privilege, add -r.
spawn_ns() {
	local dir fifo
	dir=$(nsk_tmpdir)
	fifo=$(mktemp -u "$dir/ready.XXXXXX")
	mkfifo "$fifo"
	unshare "$@" -- sh -c 'echo $$ > "$1"; exec sleep 1000' sh "$fifo" 3>&- &
	local launcher=$!
	read -r SPAWNED <"$fifo"
	rm -f "$fifo"
	NSK_PIDS+=("$SPAWNED" "$launcher")
}

# spawn_plain: a sleeping process in the caller's namespaces.
spawn_plain() {
	sleep 1000 3>&- &
	SPAWNED=$!
	NSK_PIDS+=("$SPAWNED")
}

# Kills what the test started, newest first, and removes its files.
nsk_teardown() {
	local i
	for ((i = ${#NSK_PIDS[@]} - 1; i >= 0; i--)); do
		kill -KILL "${NSK_PIDS[i]}" 2>/dev/null || true
	done
	for ((i = ${#NSK_PIDS[@]} - 1; i >= 0; i--)); do
		wait "${NSK_PIDS[i]}" 2>/dev/null || true
	done
	NSK_PIDS=()
	local dir
	for dir in "${BATS_TEST_TMPDIR:-${TMPDIR:-/tmp}/nsk-$$}/nsk" ${NSK_TMP:+"$NSK_TMP"}; do
		[ -d "$dir" ] || continue
		# Pins under the temp dir go first, so that rm cannot fail on them.
		awk -v d="$dir/" 'index($5 "/", d) == 1 { print $5 }' /proc/self/mountinfo |
			sort -r | while read -r m; do umount -l "$m" 2>/dev/null || true; done
		rm -rf "$dir"
	done
	NSK_TMP=
}

# The mount table, for checking that a failure left nothing behind.
mount_snapshot() { awk '{print $5, $9, $4}' /proc/self/mountinfo | sort; }

# A usable unprivileged fixture flag: -r where we are not root.
userns_opt() { is_root || echo -r; }
