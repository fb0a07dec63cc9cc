#!/bin/sh
# check-man.sh MANDIR TOOLDIR: mandoc -Tlint on every page, and every long
# option of every tool's --help present on its page.
set -u
mandir=$1
tooldir=$2
fail=0
for page in "$mandir"/*.[18]; do
	if command -v mandoc >/dev/null 2>&1; then
		out=$(mandoc -Tlint -W warning "$page" 2>&1)
		if [ -n "$out" ]; then
			echo "$out"
			fail=1
		fi
	fi
	tool=$(basename "$page")
	tool=${tool%.*}
	[ -x "$tooldir/$tool" ] || continue
	for opt in $("$tooldir/$tool" --help | grep -o -- '--[a-z][a-z0-9-]*' | sort -u); do
		# mdoc writes --foo as Fl \-foo or Fl -foo
		name=${opt#--}
		if ! grep -q -e "Fl \\\\-$name\\b" -e "Fl -$name\\b" -e "\\\\-\\\\-$name\\b" \
			-e "Fl \\\\-$name\$" "$page"; then
			echo "$page: $opt from '$tool --help' is not documented"
			fail=1
		fi
	done
done
exit $fail
