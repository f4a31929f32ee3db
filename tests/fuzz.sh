#!/bin/sh
# SPDX-License-Identifier: ISC
# fuzz.sh -- build the libFuzzer targets and run each for a while
#
# Usage: sh tests/fuzz.sh SECONDS [TARGET ...]
# Builds tests/fuzz/fuzz_<target> with clang -fsanitize=fuzzer,address,
# undefined and runs each for SECONDS on a copy of its committed seed
# corpus (tests/fuzz/corpus/<target>).  A finding (crash, leak, timeout,
# sanitizer report) is saved in tests/fuzz/findings/ and makes the
# script fail.  Prints the executions and time of each target.

seconds=${1:-60}
shift
targets=${*:-code reply scan render}
top=$(pwd)
fuzz=$top/tests/fuzz
CLANG=${CLANG:-clang}
flags='-g -O1 -std=c11 -D_POSIX_C_SOURCE=200809L -Iinclude -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all'
srcs=$(ls src/*.c | grep -v -e src/main.c -e src/run.c)

mkdir -p "$fuzz/findings"
work=$(mktemp -d) || exit 2
trap 'rm -rf "$work"' EXIT INT TERM
status=0
for t in $targets; do
	if ! $CLANG $flags -o "$fuzz/fuzz_$t" "$fuzz/fuzz_$t.c" $srcs; then
		echo "fuzz.sh: fuzz_$t does not build" >&2
		status=1
		continue
	fi
	mkdir -p "$work/$t"
	start=$(date +%s)
	"$fuzz/fuzz_$t" -max_total_time="$seconds" -timeout=10 \
	    -rss_limit_mb=2048 -max_len=1048576 -print_final_stats=1 \
	    -artifact_prefix="$fuzz/findings/$t-" \
	    "$work/$t" "$fuzz/corpus/$t" >"$work/$t.log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$t.log")
	printf 'fuzz_%-7s %10s executions in %ss\n' "$t" "${runs:-?}" \
	    $(($(date +%s) - start))
	if [ "$rc" -ne 0 ]; then
		echo "fuzz.sh: fuzz_$t found a problem:" >&2
		grep -E 'ERROR|SUMMARY|Test unit written' "$work/$t.log" >&2
		status=1
	fi
done
exit $status
