#!/usr/bin/env bats

load common

@test "nsunshare --version" {
	run nsunshare --version
	assert_success
	assert_output --partial "nsunshare "
}
