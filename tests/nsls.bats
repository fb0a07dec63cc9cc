#!/usr/bin/env bats

load common

@test "nsls --version" {
	run nsls --version
	assert_success
}
