#!/bin/sh
# make bench: run every job (bench/job-*.sh), or the jobs named.
set -eu
BENCH_SRC=$(cd "$(dirname "$0")" && pwd)
BENCH_OUT=${BENCH_OUT:-$(mktemp -d /tmp/nskit-bench.XXXXXX)}
export BENCH_SRC BENCH_OUT TOOLS
if ! command -v /usr/bin/time >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
fi
. "$BENCH_SRC/lib.sh"
jobs=${*:-}
if [ -z "$jobs" ]; then
	for f in "$BENCH_SRC"/job-*.sh; do
		[ -e "$f" ] || continue
		j=${f##*/job-}
		jobs="$jobs ${j%.sh}"
	done
fi
for j in $jobs; do
	echo "== $j"
	. "$BENCH_SRC/job-$j.sh"
done
rm -rf "$BENCH_OUT"
