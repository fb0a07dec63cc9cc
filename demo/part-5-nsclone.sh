#!/bin/sh
# Part 5: nsclone - clone3(2) into new namespaces: the source material's
# container in one command.
set -eu
echo "== nsclone: start a command in new namespaces (a small container)"
dir=$(mktemp -d /tmp/nskit-demo-nsclone.XXXXXX)
cleanup() {
	rm -rf "$dir"
}
trap cleanup EXIT

run() {
	echo "\$ $*"
	"$@"
}

echo "# the source material's steps: a hostname, PID 1, a /proc of its own, only lo"
run nsclone -u --hostname box -- hostname
run nsclone -p -- sh -c 'echo "my PID is $$"'
run nsclone -p --mount-proc -- ps -e -o pid,comm
run nsclone -n -- ip -brief link
echo "# when PID 1 exits the kernel ends the rest at once:"
echo "\$ nsclone -p -- sh -c 'sleep 100 & exit 3'; echo \$?"
nsclone -p -- sh -c 'sleep 100 & exit 3' || echo "$?"

echo "# a root file system from busybox, and the files to bind into it:"
mkdir -p "$dir/rootfs/bin" "$dir/rootfs/proc" "$dir/rootfs/sys" "$dir/rootfs/dev" \
	"$dir/rootfs/tmp" "$dir/rootfs/run" "$dir/rootfs/etc" "$dir/rootfs/data" "$dir/volume"
cp /bin/busybox "$dir/rootfs/bin/"
for applet in $(busybox --list); do
	[ -e "$dir/rootfs/bin/$applet" ] || ln -s busybox "$dir/rootfs/bin/$applet"
done
: >"$dir/rootfs/etc/hosts"
: >"$dir/rootfs/etc/hostname"
: >"$dir/rootfs/etc/resolv.conf"
echo box >"$dir/hostname"
printf '127.0.0.1 localhost box\n' >"$dir/hosts"
echo "a file on the host" >"$dir/volume/hello"
chown -R nobody "$dir"
chmod 0755 "$dir"

echo "# the container, as user nobody, each step in system-call words"
echo "# (/run/demo is made on the container's own tmpfs at /run):"
cat >"$dir/inside" <<'INSIDE'
echo "hostname: $(hostname)"; ps; cat /data/hello; cat /etc/hosts
touch /etc/hosts 2>&1 || true
mount | cut -d' ' -f1-5
INSIDE
run setpriv --reuid=65534 --regid=65534 --clear-groups -- \
	nsclone -v -U -r -m -u -i -n -p --init --hostname box \
	--root "$dir/rootfs" --mount-proc --sys --dev --tmpfs /tmp:mode=1777 --tmpfs /run \
	--ro-bind "$dir/hosts:/etc/hosts" --ro-bind "$dir/hostname:/etc/hostname" \
	--ro-bind /etc/resolv.conf:/etc/resolv.conf --bind "$dir/volume:/data" \
	--ro-bind "$dir/inside:/run/demo/inside" -- /bin/sh /run/demo/inside 2>&1 || true
echo "# nothing of it is left on the host:"
run sh -c "grep -c '$dir' /proc/self/mountinfo || true"
