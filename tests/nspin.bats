#!/usr/bin/env bats

load common

@test "nspin --version" {
	run nspin --version
	assert_success
	assert_output --partial "nspin "
}
