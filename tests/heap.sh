#!/bin/sh
# SPDX-License-Identifier: ISC
# heap.sh -- the performance budget: a run allocates nothing on the heap
#
# Usage: sh tests/heap.sh ./smtpcode
# Runs the binary under valgrind, which counts allocations, on every
# kind of page, format and input; each run must report 0 allocs.  Slow
# (valgrind), so make check runs it and make test does not.  Ends with
# "N passed, N failed".

samples=$(dirname "$0")/samples
. "$(dirname "$0")/harness.sh"

if ! command -v valgrind >/dev/null 2>&1; then
	skip "heap budget: valgrind is not installed"
	finish
	exit
fi
# An ASan build has its own allocator, and a wrapper script is not the
# program: only the plain binary is held to the budget.
if ! is_elf || grep -q __asan_init "$bin"; then
	skip "heap budget: $bin is not the plain binary"
	finish
	exit
fi

for args in "421" "compare 421 553" "429 abc 550" "-w 60 552" "5.1.1" \
    "compare 550 5.7.1" "4.7.900" "list" "-o json list" \
    "-o tsv search mailbox" "-o json compare 421 5.1.1" \
    "-o tsv compare 250 354 421 5.1.1 X.7.1 429" \
    "completion zsh" "--color=always -f verdict 421" \
    "scan $samples/postfix.log" \
    "scan -a $samples/bounce-sendmail.eml" \
    "-o json scan $samples/exim.log"; do
	valgrind "$bin" $args >/dev/null 2>"$err"
	grep -q 'total heap usage: 0 allocs, 0 frees' "$err" && pass ||
	    fail "heap used by smtpcode $args: $(grep 'heap usage' "$err")"
done
printf '550-5.1.1 a\n550 5.1.1 b\n' |
    valgrind "$bin" - 'said: 450 4.2.2 full' >/dev/null 2>"$err"
grep -q 'total heap usage: 0 allocs, 0 frees' "$err" && pass ||
    fail "heap used by replies: $(grep 'heap usage' "$err")"

finish
