#!/bin/sh
# Log compiler for the bats suites: run one suite as root without the tests
# tagged 'unpriv' (they check what happens without privilege), or with
# --nobody as user nobody without the tests tagged 'root'. Run by a normal
# user, the first pass is the unprivileged one.
set -eu

# The suites share the machine's mount table, process list and cgroups, and
# several assert that nothing changed there: run one at a time (also across
# build trees), so that no suite sees another's namespaces come and go.
if [ -z "${NSK_SUITE_LOCKED:-}" ] && command -v flock >/dev/null 2>&1; then
	NSK_SUITE_LOCKED=1
	export NSK_SUITE_LOCKED
	exec flock "${NSK_SUITE_LOCK:-/tmp/nskit-suites.lock}" sh "$0" "$@"
fi
if [ "${1-}" = "--nobody" ]; then
	shift
	# tests/nobody/X.nobody runs tests/X.bats: a directory of its own, so
	# that its log (tests/nobody/X.log) is not the root pass's tests/X.log.
	suite=$(dirname "$1")/../$(basename "$1" .nobody).bats
	if [ "$(id -u)" -ne 0 ]; then
		echo "1..0 # SKIP the unprivileged pass needs root to drop to user nobody"
		exit 0
	fi
	# nobody must be able to read the suite and run the tools.
	tmp=$(mktemp -d /tmp/nskit-nobody.XXXXXX)
	chmod 0777 "$tmp"
	rc=0
	TMPDIR=$tmp NSK_UNPRIV=1 setpriv --reuid=65534 --regid=65534 --clear-groups \
		--inh-caps=-all --bounding-set=-all \
		"${BATS:-bats}" --tap --filter-tags '!root' "$suite" || rc=$?
	rm -rf "$tmp"
	exit $rc
fi
if [ "$(id -u)" -eq 0 ]; then
	exec "${BATS:-bats}" --tap --filter-tags '!unpriv' "$1"
fi
exec "${BATS:-bats}" --tap --filter-tags '!root' "$1"
