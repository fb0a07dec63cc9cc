#!/bin/sh
# run.sh SRCDIR BUILDDIR [TARGET...]: builds nskit's libFuzzer targets with
# clang (-fsanitize=fuzzer,address,undefined) from the sources of common/ and
# runs each for $FUZZ_SECONDS (60) seconds, $FUZZ_JOBS (2) at a time, on a
# copy of its seed corpus (fuzz/corpus/TARGET). Exits non-zero when a target
# does not build or finds a crash, a hang, a leak or a failed assertion; the
# reproducer is left in BUILDDIR/fuzz/out/.
set -u
srcdir=$(cd "$1" && pwd) || exit 1
builddir=$(cd "$2" && pwd) || exit 1
shift 2
seconds=${FUZZ_SECONDS:-60}
jobs=${FUZZ_JOBS:-2}
cc=${FUZZ_CC:-clang}
out=$builddir/fuzz/out
obj=$builddir/fuzz/obj

if ! command -v "$cc" >/dev/null 2>&1; then
	echo "fuzz: $cc not found: install clang and libclang-rt-14-dev (.ci/run does)" >&2
	exit 1
fi

targets=$*
if [ -z "$targets" ]; then
	for f in "$srcdir"/fuzz/fuzz-*.c; do
		t=$(basename "$f" .c)
		targets="$targets ${t#fuzz-}"
	done
fi

mkdir -p "$out" "$obj"
pkgcflags=$(pkg-config --cflags smartcols mount) || exit 1
pkglibs=$(pkg-config --libs smartcols mount) || exit 1
cflags="-g -O1 -std=gnu11 -fsanitize=fuzzer-no-link,address,undefined
	-fno-sanitize-recover=undefined -fno-omit-frame-pointer
	-include $builddir/config.h -I$srcdir/common"

# common/ once, instrumented, as a static archive.
objs=
for src in "$srcdir"/common/*.c; do
	o=$obj/$(basename "$src" .c).o
	# shellcheck disable=SC2086
	$cc $cflags $pkgcflags -c "$src" -o "$o" || exit 1
	objs="$objs $o"
done
rm -f "$obj/libnsk-fuzz.a"
# shellcheck disable=SC2086
ar rcs "$obj/libnsk-fuzz.a" $objs || exit 1

for t in $targets; do
	# shellcheck disable=SC2086
	$cc $cflags $pkgcflags -fsanitize=fuzzer "$srcdir/fuzz/fuzz-$t.c" \
		"$obj/libnsk-fuzz.a" $pkglibs -o "$obj/fuzz-$t" || {
		echo "fuzz: fuzz-$t does not build" >&2
		exit 1
	}
done

# Each target on its own corpus copy; the seeds stay as they are.
run_one() {
	t=$1
	mkdir -p "$out/corpus-$t"
	if "$obj/fuzz-$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
		-max_len=8192 -print_final_stats=1 -artifact_prefix="$out/$t-" \
		"$out/corpus-$t" "$srcdir/fuzz/corpus/$t" >"$out/$t.log" 2>&1; then
		runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/$t.log")
		echo "PASS: fuzz-$t ($runs runs in ${seconds}s)"
	else
		echo "FAIL: fuzz-$t (log: $out/$t.log)"
		grep -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error)' "$out/$t.log" | head -5
		ls "$out/$t-"* 2>/dev/null
		return 1
	fi
}

fail=0
pids=
n=0
for t in $targets; do
	run_one "$t" >"$out/$t.result" &
	pids="$pids $!"
	n=$((n + 1))
	if [ "$n" -ge "$jobs" ]; then
		for p in $pids; do wait "$p" || fail=1; done
		pids=
		n=0
	fi
done
for p in $pids; do wait "$p" || fail=1; done
for t in $targets; do cat "$out/$t.result"; done
exit $fail
