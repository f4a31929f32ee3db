# SPDX-License-Identifier: ISC
# harness.sh -- what the shell test suites share; sourced, not run
#
# Sets $tmp (a scratch directory removed on exit), the pass/fail
# counters, $bin (the binary under test, from the suite's first argument,
# made absolute), and `run`; a suite ends with `finish`, which prints
# "N passed, N failed" (and ", N skipped" when a check could not run on
# this machine) and fails if anything did.

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
passed=0
failed=0
skipped=0

pass() {
	passed=$((passed + 1))
}

fail() {
	failed=$((failed + 1))
	printf 'FAIL: %s\n' "$*"
}

# skip WHAT: a check that needs what this machine lacks, named.
skip() {
	skipped=$((skipped + 1))
	printf 'SKIP: %s\n' "$*"
}

bin=${1:-./smtpcode}
case $bin in
/*) ;;
*) bin=$(pwd)/$bin ;;
esac
out=$tmp/out
err=$tmp/err

# is_elf: whether $bin is the program itself, not a wrapper script
# (check-valgrind runs the suites through one).
is_elf() {
	[ "$(od -An -tx1 -N4 "$bin" | tr -d ' \n')" = 7f454c46 ]
}

# run ARGS...: run the binary, keeping stdout, stderr and status.
run() {
	"$bin" "$@" >"$out" 2>"$err"
	status=$?
}

finish() {
	if [ "$skipped" -gt 0 ]; then
		printf '%d passed, %d failed, %d skipped\n' "$passed" \
		    "$failed" "$skipped"
	else
		printf '%d passed, %d failed\n' "$passed" "$failed"
	fi
	[ "$failed" -eq 0 ]
}
