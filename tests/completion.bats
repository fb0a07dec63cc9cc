#!/usr/bin/env bats
# The bash completion of each tool, as `make install` installs it, sourced in
# a plain bash (without bash-completion's loader): options, types, PIDs, pin
# names and column names come from the tools themselves.

load common

setup() {
	NSPIN_DIR=$(nsk_tmpdir)/pins
	export NSPIN_DIR
	mkdir -p "$NSPIN_DIR/web" "$NSPIN_DIR/lab"
}

teardown() {
	nsk_teardown
}

# complete WORD...: what the completion offers for the last WORD, sorted.
complete_words() {
	local tool=$1
	bash -c '
		PATH=$1:$PATH
		source "$2"
		shift 2
		COMP_WORDS=("$@")
		COMP_CWORD=$(($# - 1))
		COMPREPLY=()
		"_$1"
		printf "%s\n" "${COMPREPLY[@]}" | sort' \
		sh "$NSK_BUILDDIR/tools" "$NSK_BUILDDIR/completion/$tool" "$@"
}

@test "every tool has a completion file that bash can source" {
	for t in nsls nsjoin nsunshare nsclone nspin; do
		bash -n "$NSK_BUILDDIR/completion/$t"
		run bash -c 'source "$1"; complete -p "$2"' sh "$NSK_BUILDDIR/completion/$t" "$t"
		[ "$status" -eq 0 ]
		[[ $output == *"_$t $t" ]]
	done
}

@test "nsls: options, type lists, PIDs and column names" {
	run complete_words nsls --tr
	[ "$output" = --tree ]
	run complete_words nsls -t net,u
	[ "$output" = $'net,user\nnet,uts' ]
	run complete_words nsls -o +NSF
	[ "$output" = +NSFS ]
	run complete_words nsls -o NS,TY
	[ "$output" = NS,TYPE ]
	spawn_plain
	run complete_words nsls -p "$SPAWNED"
	[[ $'\n'$output$'\n' == *$'\n'"$SPAWNED"$'\n'* ]]
	run complete_words nsls --tree=p
	[ "$output" = $'--tree=parent\n--tree=process' ]
}

@test "nspin: subcommands, pin names, columns" {
	run complete_words nspin a
	[ "$output" = add ]
	run complete_words nspin del w
	[ "$output" = web ]
	run complete_words nspin ls -o MNT
	[ "$output" = MNTNS ]
	run complete_words nspin add x --ip
	[ "$output" = $'--ip-netns\n--ipc' ]
}

@test "nsunshare, nsclone: the command starts after the options and their arguments" {
	local t
	for t in nsunshare nsclone; do
		run bash -c 'PATH=$1:$PATH; source "$2"; shift 2
			words=("$@"); cword=$#; _nskit_cmd_start "$1"' \
			sh "$NSK_BUILDDIR/tools" "$NSK_BUILDDIR/completion/$t" \
			"$t" -R /srv -u --hostname box --setgroups deny sh -c
		[ "$output" = 8 ]
		run bash -c 'PATH=$1:$PATH; source "$2"; shift 2
			words=("$@"); cword=$#; _nskit_cmd_start "$1"' \
			sh "$NSK_BUILDDIR/tools" "$NSK_BUILDDIR/completion/$t" "$t" -n -- -x
		[ "$output" = 3 ]
	done
	run complete_words nsunshare --setgroups a
	[ "$output" = allow ]
	run complete_words nsclone --propagation s
	[ "$output" = $'shared\nslave' ]
}
