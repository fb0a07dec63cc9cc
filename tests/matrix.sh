#!/bin/sh
# matrix.sh SRCDIR: the unprivileged matrix in one table. For each bats
# suite, its tests, those tagged root (run as root only), and those that run
# again as user nobody (tests/nobody/SUITE.nobody: the rest of the suite).
set -u
cd "$1/tests" || exit 1
printf '%-12s %6s %10s %12s\n' SUITE TESTS ROOT-ONLY "AS NOBODY"
for suite in *.bats; do
	name=${suite%.bats}
	total=$(grep -c '^@test' "$suite")
	root=$(grep -c '^# bats test_tags=root' "$suite")
	if [ -f "nobody/$name.nobody" ]; then
		nobody=$((total - root))
	else
		nobody="-"
	fi
	printf '%-12s %6s %10s %12s\n' "$name" "$total" "$root" "$nobody"
done
