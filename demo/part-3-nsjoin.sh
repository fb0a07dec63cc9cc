#!/bin/sh
# Part 3: nsjoin - setns(2) into namespaces that exist, then run a command.
set -eu
echo "== nsjoin: run a command in namespaces that already exist"
dir=$(mktemp -d /tmp/nskit-demo-nsjoin.XXXXXX)
chmod 0777 "$dir"
pids=""
cleanup() {
	umount "$dir/net" 2>/dev/null || true
	# SIGKILL: the init of a pid namespace ignores SIGTERM.
	for p in $pids; do kill -KILL "$p" 2>/dev/null || true; done
	wait 2>/dev/null || true
	rm -rf "$dir"
}
trap cleanup EXIT

run() {
	echo "\$ $*"
	"$@" 2>&1
}

# box UNSHARE...: a sleeping "container" in new namespaces; sets $box to the
# PID of its sleep as we see it (the child of unshare -f, else unshare's own).
box() {
	mkfifo -m 0666 "$dir/ready"
	"$@" -- sh -c 'hostname box; echo > "$1"; exec sleep 600' sh "$dir/ready" &
	launcher=$!
	read -r _ <"$dir/ready"
	rm -f "$dir/ready"
	box=$(cat "/proc/$launcher/task/$launcher/children")
	box=${box% }
	box=${box:-$launcher}
	pids="$box $launcher $pids"
}

box unshare -u -n -i -m -p -f --mount-proc
box_pid=$box
echo "# a container: sleep $box_pid in new uts, net, ipc, mount and pid namespaces"
run readlink "/proc/$box_pid/ns/uts" "/proc/$box_pid/ns/net"
echo "# join only its uts and net namespaces; -v shows the pidfd and the one setns:"
run nsjoin -v -t "$box_pid" -u -n -- hostname
run nsjoin -t "$box_pid" -u -n -- readlink /proc/self/ns/uts /proc/self/ns/net
echo "# with no type flag, every namespace that differs (its /proc too, by its mount"
echo "# namespace); joining its pid namespace means a fork:"
run nsjoin -t "$box_pid" -- ps -e -o pid,comm
echo "# only its pid namespace, with a fresh /proc in a mount namespace of our own:"
run nsjoin -t "$box_pid" -p --mount-proc -- ps -e -o pid,comm
echo "# -t PID:INODE refuses a PID whose pid namespace is not the one we saw:"
run nsjoin -t "$box_pid:4026531836" -u -- true || echo "exit status $?"
echo "# as a normal user, into a user namespace that user made (unshare -U -r):"
box setpriv --reuid=65534 --regid=65534 --clear-groups unshare -U -r -u
mine=$box
run setpriv --reuid=65534 --regid=65534 --clear-groups -- nsjoin -t "$mine" -- hostname
echo "# ... but not into root's network namespace, even through a pin it can open:"
touch "$dir/net"
run mount --bind "/proc/$box_pid/ns/net" "$dir/net"
run setpriv --reuid=65534 --regid=65534 --clear-groups -- nsjoin --net="$dir/net" -- true ||
	echo "exit status $?"
