#!/bin/sh
# make demo: each tool of nskit at work, on namespaces that the demo makes
# and removes. Each part is demo/part-*.sh, run in order.
set -eu
DEMO_SRC=$(cd "$(dirname "$0")" && pwd)
export DEMO_SRC TOOLS
PATH=$TOOLS:$PATH
export PATH
for part in "$DEMO_SRC"/part-*.sh; do
	[ -e "$part" ] || continue
	sh "$part"
	echo
done
