# shellcheck shell=bash

_nspin()
{
	local cur prev words cword sub="" i
	_nskit_init || return 0
	for ((i = 1; i < cword; i++)); do
		case ${words[i]} in
		add | del | delete | ls | list) sub=${words[i]}; break ;;
		esac
	done
	if [ -z "$sub" ]; then
		if [[ $cur == -* ]]; then
			_nskit_common "${words[0]}"
		else
			# shellcheck disable=SC2207
			COMPREPLY=($(compgen -W "add del ls" -- "$cur"))
		fi
		return
	fi
	case $prev in
	-t | --target)
		_nskit_refs; return ;;
	esac
	_nskit_common "${words[0]}" && return
	case $sub in
	add)
		_nskit_files "$cur" ;;
	del | delete)
		local IFS=$'\n'
		# shellcheck disable=SC2207
		COMPREPLY=($(compgen -W "$(_nskit_pins)" -- "$cur") $(compgen -f -- "$cur")) ;;
	esac
}
complete -F _nspin nspin
