#!/usr/bin/env bats
# What all five tools share: --help, --version, unknown options.

load common

TOOLS="nsls nsjoin nsunshare nsclone nspin"

@test "every tool prints its version" {
	for t in $TOOLS; do
		run "$NSK_BUILDDIR/tools/$t" --version
		assert_success
		assert_output --regexp "^$t [0-9]+\.[0-9]+"
	done
}
