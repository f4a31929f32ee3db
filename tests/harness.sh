# SPDX-License-Identifier: ISC
# harness.sh -- what the shell test suites share; sourced, not run
#
# Sets $tmp (a scratch directory removed on exit) and the pass/fail
# counters; a suite ends with `finish`, which prints "N passed, N failed"
# and fails if anything did.

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
passed=0
failed=0

pass() {
	passed=$((passed + 1))
}

fail() {
	failed=$((failed + 1))
	printf 'FAIL: %s\n' "$*"
}

finish() {
	printf '%d passed, %d failed\n' "$passed" "$failed"
	[ "$failed" -eq 0 ]
}
