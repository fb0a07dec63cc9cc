#!/bin/sh
# shellcheck disable=SC2016 # the sh -c script expands its own variables
# Part 2: nspin keeps a container's namespaces alive after its last process
# has gone, lists them, lets nsjoin enter them, and releases them.
set -eu
top=$(mktemp -d /tmp/nskit-demo-nspin.XXXXXX)
NSPIN_DIR=$top/pins
export NSPIN_DIR
pid=
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null
	nspin del box lab 2>/dev/null || true
	grep -F " $top" /proc/self/mountinfo | awk '{print $5}' | sort -r |
		while read -r m; do umount -l "$m"; done
	rm -rf "$top"
}
trap cleanup EXIT
run() {
	echo "\$ $*"
	"$@"
}

echo "== nspin: pin namespaces with bind mounts"
# A small container: its own hostname, network, IPC and mount namespaces.
mkfifo "$top/ready"
unshare -u -n -i -m --propagation private \
	sh -c 'hostname demo-box; echo ready >"$1"; exec sleep 600' sh "$top/ready" &
pid=$!
read -r _ <"$top/ready"
echo "# the container is process $pid, hostname $(nsenter -t "$pid" -u hostname)"
run nspin add box -t "$pid" -u -n -i -m
run ls "$NSPIN_DIR/box"
kill "$pid"
wait "$pid" 2>/dev/null || true
pid=
echo "# the container has exited; its namespaces live on in the pins:"
run nspin ls -o PATH,TYPE,NS,NPROCS
run nsls "$NSPIN_DIR/box/uts"
run nsjoin -t box -u -- hostname
echo "# a fresh network namespace with no process in it, as ip netns add makes:"
run nspin add lab -n
run nsjoin --net="$NSPIN_DIR/lab/net" -- ip -brief link
run nspin del -v box lab
echo "# no pin is left under $NSPIN_DIR:"
echo "\$ nspin ls -n -o PATH,NS | grep -F \"\$NSPIN_DIR\""
nspin ls -n -o PATH,NS | grep -F "$NSPIN_DIR" || echo "(none)"
