#!/bin/sh
# SPDX-License-Identifier: ISC
# check.sh -- make check: every suite and build check, in order
#
# Usage: sh tests/check.sh   (run by make check, with MAKE, CC and CLANG
#                             in the environment)
# Installs what each part needs where it can (tests/deps.sh).  A part
# whose needs this machine lacks and cannot install, for want of
# apt-get or of root, is skipped; the others still run, and the last
# line names every part skipped.  Stops at the first part that fails.

make=${MAKE:-make}
cc=${CC:-cc}
skipped=

# need WHAT DEPS-ARGS...: whether WHAT can run; a skip is noted.
need() {
	what=$1
	shift
	sh tests/deps.sh "$@"
	case $? in
	0)
		return 0
		;;
	77)
		skipped="$skipped${skipped:+; }$what"
		return 1
		;;
	*)
		echo "check.sh: cannot run $what" >&2
		exit 1
		;;
	esac
}

# run COMMAND...: one part; a failure ends the check.
run() {
	"$@" || {
		echo "check.sh: failed: $*" >&2
		exit 1
	}
}

have_cmocka=
if need "the unit tests, plain and sanitized (cmocka)" "$cc"; then
	have_cmocka=yes
	run $make unit
fi
# The suites name each check they must skip for want of these.
need "the JSON checks (jq)" --jq
need "the memory checks (GNU time)" --time
sh tests/deps.sh --shells
for suite in cli script scan hostile readme; do
	run sh tests/$suite.sh ./smtpcode
done
if need "the heap budget (valgrind)" --valgrind; then
	run sh tests/heap.sh ./smtpcode
fi
# clang for build.sh's second -Werror build, and mandoc for its lint.
have_fuzz=
need "the fuzzing smoke test (clang with libFuzzer)" --fuzz && have_fuzz=yes
need "the man page lint (mandoc)" --mandoc
run sh tests/build.sh
if need "the sanitizer builds" --sanitize "$cc"; then
	run $make check-sanitize-bin
	if [ -n "$have_cmocka" ]; then
		run $make check-sanitize-unit
	fi
fi
if [ -n "$have_fuzz" ]; then
	run $make fuzz FUZZ_SECONDS=3
fi

if [ -n "$skipped" ]; then
	echo "make check: done; skipped, for want of what this machine" \
	    "cannot install: $skipped"
else
	echo "make check: done; nothing skipped"
fi
