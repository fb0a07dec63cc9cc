#!/bin/sh
# Part 1: nsls lists every namespace by inode, says who is in it and what
# keeps it alive, even when no process is in it any more.
set -eu
top=$(mktemp -d /tmp/nskit-demo-nsls.XXXXXX)
box='' holder=''
cleanup() {
	for p in $box $holder; do kill "$p" 2>/dev/null || true; done
	grep -F " $top" /proc/self/mountinfo | awk '{print $5}' | sort -r |
		while read -r m; do umount -l "$m"; done
	rm -rf "$top"
}
trap cleanup EXIT
run() {
	echo "\$ $*"
	"$@"
}

echo "== nsls: list namespaces by inode"
# A small container: its own hostname, network and IPC namespaces.
mkfifo "$top/ready"
unshare -u -n -i sh -c 'hostname demo-box; echo ready >"$1"; exec sleep 600' sh "$top/ready" &
box=$!
read -r _ <"$top/ready"
echo "# the container is process $box"
run nsls -p "$box" -o ENTRY,NS,TYPE,DIFF
run nsls --compare $$ "$box" || true

# Keep its net namespace by an open fd, and its uts namespace by a pin, then
# let the container go: lsns forgets them, nsls does not.
sh -c 'exec 7<"$1"; echo ready >"$2"; exec sleep 600' sh "/proc/$box/ns/net" "$top/ready" &
holder=$!
read -r _ <"$top/ready"
touch "$top/uts"
mount --bind "/proc/$box/ns/uts" "$top/uts"
net=$(readlink "/proc/$box/ns/net")
uts=$(readlink "/proc/$box/ns/uts")
kill "$box"
wait "$box" 2>/dev/null || true
box=
echo "# the container has exited; its namespaces were $net and $uts"
run nsls -o NS,TYPE,NPROCS,PATH,HOLDERS "$net" "$uts"
ino=$(echo "$net" | tr -dc 0-9)
echo "\$ lsns -t net -o NS | grep -c $ino      # lsns does not see it"
lsns -t net -o NS | grep -c "$ino" || true
echo "# ours, under the user namespace that owns them:"
run nsls -T owner -t user,net,uts -o NS,TYPE,NPROCS,HOLDERS $$ "$net" "$uts"
