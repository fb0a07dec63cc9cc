#!/bin/sh
# Prepare a fresh checkout: install the build dependencies that a Debian or
# Ubuntu machine lacks, generate the build system and run ./configure with the
# arguments given here.
set -eu
cd "$(dirname "$0")"

deps="autoconf automake libtool pkg-config make gcc libsmartcols-dev libmount-dev
      bats bats-assert bats-support mandoc util-linux procps iproute2 jq uidmap
      busybox-static python3"

missing=""
for pkg in $deps; do
	dpkg-query -W -f '${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $pkg"
done

if [ -n "$missing" ]; then
	if ! command -v apt-get >/dev/null 2>&1; then
		echo "autogen.sh: missing build dependencies:$missing" >&2
		echo "autogen.sh: install them with your package manager and run me again" >&2
		exit 1
	fi
	if [ "$(id -u)" -ne 0 ]; then
		echo "autogen.sh: missing build dependencies:$missing" >&2
		echo "autogen.sh: run me as root, or: sudo apt-get install -y$missing" >&2
		exit 1
	fi
	echo "autogen.sh: installing:$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq || true
	# shellcheck disable=SC2086
	apt-get install -y -qq $missing
fi

mkdir -p m4 build-aux
autoreconf -fi
./configure "$@"
