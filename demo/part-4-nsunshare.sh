#!/bin/sh
# Part 4: nsunshare - unshare(2), set the process up, exec the command.
set -eu
echo "== nsunshare: leave namespaces in place and exec a command"
dir=$(mktemp -d /tmp/nskit-demo-nsunshare.XXXXXX)
cleanup() {
	umount "$dir/net" 2>/dev/null || true
	rm -rf "$dir"
}
trap cleanup EXIT

run() {
	echo "\$ $*"
	"$@"
}

echo "# a hostname of its own, and each step in system-call words:"
run nsunshare -v -u --hostname demo-box -- hostname
echo "# PID 1 of a new PID namespace, with a /proc that shows only it:"
run nsunshare -f -p --mount-proc -- ps -e -o pid,comm
echo "# root of its own user namespace (as any user can):"
echo "\$ setpriv --reuid=65534 --regid=65534 --clear-groups -- nsunshare -r -- sh -c 'id -u; cat /proc/self/uid_map'"
setpriv --reuid=65534 --regid=65534 --clear-groups -- nsunshare -r -- sh -c 'id -u; cat /proc/self/uid_map'
echo "# a network namespace pinned at a path outlives the command:"
run nsunshare --net="$dir/net" -- ip link set lo up
run nsjoin --net="$dir/net" -- ip -brief link
run umount "$dir/net"
echo "# a day added to CLOCK_BOOTTIME (/proc/uptime) in a new time namespace:"
run cat /proc/uptime
run nsunshare -T --boottime 86400 -- cat /proc/uptime
echo "# a child killed by SIGKILL: exit status 137"
echo "\$ nsunshare -f -- sh -c 'kill -KILL \$\$'; echo \$?"
nsunshare -f -- sh -c 'kill -KILL $$' || echo "$?"
