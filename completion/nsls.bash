# shellcheck shell=bash

_nsls()
{
	local cur prev words cword
	_nskit_init || return 0
	case $cur in
	--tree=*)
		# shellcheck disable=SC2207
		COMPREPLY=($(compgen -P --tree= -W "owner parent process" -- "${cur#--tree=}"))
		return ;;
	esac
	case $prev in
	-p | --task)
		# shellcheck disable=SC2207
		COMPREPLY=($(compgen -W "$(_nskit_pids)" -- "$cur")); return ;;
	-t | --type)
		_nskit_list "$(_nskit_types; echo all)"; return ;;
	esac
	_nskit_common "${words[0]}" && return
	_nskit_refs
}
complete -F _nsls nsls
