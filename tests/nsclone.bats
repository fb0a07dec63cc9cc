#!/usr/bin/env bats

load common

@test "nsclone --version" {
	run nsclone --version
	assert_success
	assert_output --partial "nsclone "
}
