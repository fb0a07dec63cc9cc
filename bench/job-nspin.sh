# shellcheck shell=sh
# nspin: add + del of a new net namespace against ip netns add + del, and ls
# with 1,000 pins against ip netns list and lsns -o NSFS. Runs inside a
# private mount namespace whose /run/netns is a tmpfs of its own, so the
# host's /run/netns and its entries are never touched.

if [ "$(id -u)" -ne 0 ] || ! command -v ip >/dev/null 2>&1; then
	echo "nspin: skipped (needs root and iproute2)"
else
	floor_build nspin
	unshare -m --propagation private sh -s "$TOOLS" "$BENCH_OUT" <<'INNER'
set -eu
. "$BENCH_SRC/lib.sh"
TOOLS=$1
BENCH_OUT=$2
mkdir -p /run/netns
mount -t tmpfs nskit-bench /run/netns
# Pins on tmpfs, as /run/nspin and /run/netns are.
NSPIN_DIR=$BENCH_OUT/pins
export NSPIN_DIR
mkdir -p "$NSPIN_DIR"
mount -t tmpfs nskit-bench "$NSPIN_DIR"
N=${NSPIN_BENCH_N:-200}
L=${NSPIN_BENCH_LS:-20}

nspin_adddel() { "$TOOLS/nspin" add b -n && "$TOOLS/nspin" del b; }
ip_adddel() { ip netns add nskit-b && ip netns del nskit-b; }
floor_adddel() { "$BENCH_OUT/floor-nspin" add "$NSPIN_DIR/f" && "$BENCH_OUT/floor-nspin" del "$NSPIN_DIR/f"; }
"$TOOLS/nspin" add warm -n && "$TOOLS/nspin" del warm   # the pin dir set-up, once

t_nspin=$(time_runs "$N" nspin_adddel)
t_ip=$(time_runs "$N" ip_adddel)
t_floor=$(time_runs "$N" floor_adddel)
rss_nspin=$(peak_rss_kib "$TOOLS/nspin" add r -n)
"$TOOLS/nspin" del r || echo "nspin: bench: nspin add r failed" >&2
rss_ip=$(peak_rss_kib ip netns add nskit-r)
ip netns del nskit-r || echo "nspin: bench: ip netns add nskit-r failed" >&2

# 1,000 pins of one net namespace, in /run/netns so that ip netns sees them.
ip netns add nskit-0
i=1
while [ "$i" -lt 1000 ]; do
	: >"/run/netns/nskit-$i"
	mount --bind /run/netns/nskit-0 "/run/netns/nskit-$i"
	i=$((i + 1))
done
rows=$("$TOOLS/nspin" ls -n -r -o PATH | grep -c '^/run/netns/nskit-' || true)
[ "$rows" -eq 1000 ] || echo "nspin: bench: nspin ls lists $rows of the 1000 pins" >&2
l_nspin=$(time_runs "$L" "$TOOLS/nspin" ls)
l_ip=$(time_runs "$L" ip netns list)
l_lsns=$(time_runs "$L" lsns -o NS,TYPE,NSFS)
l_floor=$(time_runs "$L" "$BENCH_OUT/floor-nspin" ls)
lrss_nspin=$(peak_rss_kib "$TOOLS/nspin" ls)
lrss_ip=$(peak_rss_kib ip netns list)

printf '%-34s %9s %8s %8s %9s\n' job "µs" "×anchor" "×floor" "peakKiB"
printf '%-34s %9s %8s %8s %9s\n' "nspin add+del -n" "$t_nspin" "$(ratio "$t_nspin" "$t_ip")" \
	"$(ratio "$t_nspin" "$t_floor")" "$rss_nspin"
printf '%-34s %9s %8s %8s %9s\n' "  ip netns add+del" "$t_ip" 1.00 "$(ratio "$t_ip" "$t_floor")" "$rss_ip"
printf '%-34s %9s %8s %8s %9s\n' "  floor add+del" "$t_floor" "$(ratio "$t_floor" "$t_ip")" 1.00 -
printf '%-34s %9s %8s %8s %9s\n' "nspin ls, $rows pins" "$l_nspin" "$(ratio "$l_nspin" "$l_ip")" \
	"$(ratio "$l_nspin" "$l_floor")" "$lrss_nspin"
printf '%-34s %9s %8s %8s %9s\n' "  ip netns list" "$l_ip" 1.00 "$(ratio "$l_ip" "$l_floor")" "$lrss_ip"
printf '%-34s %9s %8s %8s %9s\n' "  lsns -o NS,TYPE,NSFS" "$l_lsns" "$(ratio "$l_lsns" "$l_ip")" \
	"$(ratio "$l_lsns" "$l_floor")" -
printf '%-34s %9s %8s %8s %9s\n' "  floor ls" "$l_floor" "$(ratio "$l_floor" "$l_ip")" 1.00 -
umount -R /run/netns 2>/dev/null || umount -l /run/netns
umount -R "$NSPIN_DIR" 2>/dev/null || umount -l "$NSPIN_DIR"
INNER
fi
