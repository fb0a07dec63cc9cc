#!/bin/sh
# lint.sh SRCDIR BUILDDIR: shellcheck on every shell script of nskit (the
# rules in .shellcheckrc) and on the completion files as installed.
# lint.sh --format SRCDIR: clang-format --dry-run -Werror on the C code of
# common/ and tools/ (.clang-format). Exits non-zero on any finding.
set -u
if [ "$1" = --format ]; then
	cd "$2" || exit 1
	# shellcheck disable=SC2046
	exec clang-format --dry-run -Werror $(ls common/*.c common/*.h tools/*.c)
fi
srcdir=$1
builddir=$(cd "$2" && pwd) || exit 1
fail=0
cd "$srcdir" || exit 1

if ! command -v shellcheck >/dev/null 2>&1; then
	echo "lint: shellcheck not found (.ci/run installs it)" >&2
	exit 1
fi

# Every shell file, by name.
scripts=$(find . \( -name build-aux -o -name m4 -o -name autom4te.cache -o -name 'nskit-*' \
	-o -name .git -o -name _build -o -name '_san*' -o -path ./completion \) -prune -o \
	-type f \( -name '*.sh' -o -name '*.bash' -o -name '*.bats' -o -path './.ci/*' \
	-o -name autogen.sh \) -print | sort)
# shellcheck disable=SC2086 # one word a file
shellcheck -x $scripts || fail=1

# The completion files as installed (the helpers and a tool's part), not the
# parts alone.
for f in "$builddir"/completion/nsls "$builddir"/completion/nsjoin "$builddir"/completion/nsunshare \
	"$builddir"/completion/nsclone "$builddir"/completion/nspin; do
	[ -f "$f" ] && { shellcheck -s bash "$f" || fail=1; }
done

[ "$fail" -eq 0 ] && echo "lint: shellcheck clean"
exit $fail
