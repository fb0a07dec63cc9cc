# shellcheck shell=bash

_nsclone()
{
	local cur prev words cword start
	_nskit_init || return 0
	start=$(_nskit_cmd_start "${words[0]}")
	if [ "$start" -gt 0 ] && [ "$cword" -ge "$start" ]; then
		declare -F _command_offset >/dev/null && _command_offset "$start"
		return
	fi
	_nskit_common "${words[0]}" && return
	declare -F _command_offset >/dev/null && _command_offset "$cword"
}
complete -F _nsclone nsclone
