# shellcheck shell=bash
# The helpers that every nskit completion shares (this block is the same in
# each completion file; bash-completion loads one file per command).
# Options, their arguments and the column names are read from the tool's own
# --help, so that the completion follows the tool.

# _nskit_help TOOL: the --help text of TOOL (the one being completed).
_nskit_help()
{
	"$1" --help 2>/dev/null
}

# _nskit_opts TOOL: every -x and --long option of TOOL.
_nskit_opts()
{
	_nskit_help "$1" | grep -oE -- '(^|[ ,])--?[A-Za-z][A-Za-z0-9-]*' | tr -d ' ,' | sort -u
}

# _nskit_argopts TOOL: the options with a required argument, which may be
# the next word (written "--name <arg>", "--name=<arg>", "--name ARG" or
# "--name allow|deny" in --help), short and long.
_nskit_argopts()
{
	_nskit_help "$1" | sed -nE \
		-e 's/^ *(-([A-Za-z]), )?--([a-z][a-z0-9-]*)( <|=<| [A-Z]| [a-z]+\|).*/-\2 --\3/p' |
		sed 's/^- //'
}

# _nskit_columns TOOL: the names under "Available output columns:".
_nskit_columns()
{
	_nskit_help "$1" | awk '/^Available output columns:/ { on = 1; next }
		on && NF == 0 { exit } on { print $1 }'
}

# One a line, as every list here: the completions split at newlines.
_nskit_types()
{
	printf '%s\n' cgroup ipc mnt net pid time user uts
}

_nskit_pids()
{
	local d
	for d in /proc/[0-9]*; do echo "${d#/proc/}"; done
}

# Pin names: the directories (and files) under $NSPIN_DIR.
_nskit_pins()
{
	local d dir=${NSPIN_DIR:-/run/nspin}
	[ -d "$dir" ] || return 0
	for d in "$dir"/*; do
		[ -e "$d" ] && echo "${d##*/}"
	done
}

# _nskit_list "WORDS": completes the last item of a comma-separated list
# ("net,u" -> "net,uts"), keeping a leading "+" (-o +COLS).
_nskit_list()
{
	local prefix="" last=$cur
	if [[ $cur == *,* ]]; then
		prefix=${cur%,*},
		last=${cur##*,}
	elif [[ $cur == +* ]]; then
		prefix=+
		last=${cur#+}
	fi
	local IFS=$'\n'
	# shellcheck disable=SC2207 # compgen output, one word a line
	COMPREPLY=($(compgen -P "$prefix" -W "$*" -- "$last"))
	compopt -o nospace 2>/dev/null
}

# _nskit_refs: a namespace reference: PIDs, pin names, then files.
_nskit_refs()
{
	local IFS=$'\n'
	# shellcheck disable=SC2207
	COMPREPLY=($(compgen -W "$(_nskit_pids; _nskit_pins)" -- "$cur") $(compgen -f -- "$cur"))
}

_nskit_files()
{
	local IFS=$'\n'
	# shellcheck disable=SC2207
	COMPREPLY=($(compgen -f -- "$1"))
	compopt -o filenames 2>/dev/null
}

_nskit_dirs()
{
	local IFS=$'\n'
	# shellcheck disable=SC2207
	COMPREPLY=($(compgen -d -- "$1"))
	compopt -o filenames 2>/dev/null
}

# _nskit_cmd_start TOOL: the index of the first word of the command that a
# chain-loading tool runs (after "--" or the first operand), or 0.
_nskit_cmd_start()
{
	local i argopts
	argopts=" $(_nskit_argopts "$1" | tr '\n' ' ') "
	for ((i = 1; i < cword; i++)); do
		case ${words[i]} in
		--) echo $((i + 1)); return ;;
		--*=* | -?*) [[ $argopts == *" ${words[i]} "* ]] && ((i++)) ;;
		*) echo "$i"; return ;;
		esac
	done
	echo 0
}

# _nskit_common TOOL: what every tool completes alike. Returns 0 when done.
_nskit_common()
{
	local tool=$1
	# --net=FILE, -n=FILE and the like: a file.
	case $cur in
	--cgroup=* | --ipc=* | --mount=* | --net=* | --pid=* | --time=* | --user=* | --uts=*)
		_nskit_files "${cur#*=}"
		return 0 ;;
	esac
	case $prev in
	-S | --setuid | --map-user | --owner)
		# shellcheck disable=SC2207
		COMPREPLY=($(compgen -u -- "$cur")); return 0 ;;
	-G | --setgid | --map-group)
		# shellcheck disable=SC2207
		COMPREPLY=($(compgen -g -- "$cur")); return 0 ;;
	--setgroups)
		# shellcheck disable=SC2207
		COMPREPLY=($(compgen -W "allow deny" -- "$cur")); return 0 ;;
	--propagation)
		# shellcheck disable=SC2207
		COMPREPLY=($(compgen -W "slave shared private unchanged" -- "$cur")); return 0 ;;
	--map-users | --map-groups)
		# shellcheck disable=SC2207
		COMPREPLY=($(compgen -W "auto subids all" -- "$cur")); return 0 ;;
	--kill-child | --signal)
		# shellcheck disable=SC2207
		COMPREPLY=($(compgen -W "$(kill -l | tr -c 'A-Z0-9\n' '\n' | sed -n 's/^SIG//p')" -- "$cur"))
		return 0 ;;
	-o | --output)
		_nskit_list "$(_nskit_columns "$tool")"; return 0 ;;
	-t | --type)
		;;
	-R | --root | -w | --wd | --pin | --tmpfs | --mount-proc | --mount-sys)
		_nskit_dirs "$cur"; return 0 ;;
	--bind | --ro-bind | --pidfile | --load-interp)
		_nskit_files "$cur"; return 0 ;;
	-h | --help | -V | --version | --hostname | --domainname | --env | --monotonic | --boottime)
		return 0 ;;
	esac
	if [[ $cur == -* ]]; then
		# shellcheck disable=SC2207
		COMPREPLY=($(compgen -W "$(_nskit_opts "$tool")" -- "$cur"))
		return 0
	fi
	return 1
}

# Sets cur, prev, words and cword, through bash-completion when it is loaded.
_nskit_init()
{
	if declare -F _init_completion >/dev/null; then
		# --net=FILE stays one word: the tools take both forms.
		_init_completion -n = || return 1
		return 0
	fi
	words=("${COMP_WORDS[@]}")
	cword=$COMP_CWORD
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD - 1]:-}
}
