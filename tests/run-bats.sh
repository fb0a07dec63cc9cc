#!/bin/sh
# Log compiler for the bats suites: run one suite as root, or with --nobody
# as user nobody without the tests tagged 'root'.
set -eu
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
exec "${BATS:-bats}" --tap "$1"
