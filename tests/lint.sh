#!/bin/sh
# lint.sh SRCDIR BUILDDIR: shellcheck on every shell script of nskit (the
# rules in .shellcheckrc), and clang-format --dry-run -Werror on the C code
# of common/ and tools/ (.clang-format). Exits non-zero on any finding.
set -u
srcdir=$1
builddir=$2
fail=0
cd "$srcdir" || exit 1

for tool in shellcheck clang-format; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "lint: $tool not found (.ci/run installs it)" >&2
		exit 1
	fi
done

# Every shell file: by name, and what starts with a shell #! line.
scripts=$(find . \( -name build-aux -o -name m4 -o -name autom4te.cache -o -name 'nskit-*' \
	-o -name .git -o -name _build -o -name '_san*' \) -prune -o -type f \
	\( -name '*.sh' -o -name '*.bash' -o -name '*.bats' -o -path './.ci/*' \
	-o -name autogen.sh \) -print | sort)
# shellcheck disable=SC2086 # one word a file
shellcheck -x $scripts || fail=1

# The completion files as installed (the helpers and a tool's part).
for f in "$builddir"/completion/ns*; do
	[ -f "$f" ] && { shellcheck -s bash "$f" || fail=1; }
done

# shellcheck disable=SC2046
clang-format --dry-run -Werror $(ls common/*.c common/*.h tools/*.c) || fail=1
[ "$fail" -eq 0 ] && echo "lint: shellcheck and clang-format clean"
exit $fail
