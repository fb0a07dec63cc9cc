#!/usr/bin/env bats

load common

@test "nsjoin --version" {
	run nsjoin --version
	assert_success
	assert_output --partial "nsjoin "
}
