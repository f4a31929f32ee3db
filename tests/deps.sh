#!/bin/sh
# SPDX-License-Identifier: ISC
# deps.sh -- make sure what the tests need is installed
#
# Usage: sh tests/deps.sh CC          cmocka, for the unit tests
#        sh tests/deps.sh --have CC   whether CC links cmocka, installing
#                                     nothing (make test): if not, one
#                                     line says how to get it, exit 77
#        sh tests/deps.sh --sanitize CC
#                                     CC builds with ASan and UBSan
#        sh tests/deps.sh --mandoc    mandoc, for make lint
#        sh tests/deps.sh --fuzz      clang with libFuzzer, for make fuzz
#        sh tests/deps.sh --valgrind  valgrind, for the heap budget
#        sh tests/deps.sh --jq        jq, to parse JSON in the tests
#        sh tests/deps.sh --time      GNU time, to measure memory
#        sh tests/deps.sh --pflogsumm pflogsumm, for the scan bench
#        sh tests/deps.sh --shells    zsh, fish and bash-completion, to
#                                     load the completion scripts, where
#                                     they can be had (never fails)
#        sh tests/deps.sh --tools     all three
# Installs with apt-get where it can (as root, or through sudo -n).
# Exits 0 when the thing is there, 77 when it is missing and this
# machine cannot install it (no apt-get, or neither root nor sudo),
# saying what to install, and 1 when installing it failed.

# SKIP is the exit status of what cannot be had here (as in automake).
SKIP=77

# have_cmocka CC: whether CC can build and link a cmocka program.
have_cmocka() {
	tmp=$(mktemp -d) || return 1
	cat >"$tmp/t.c" <<'PROGRAM'
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
int main(void) { return 0; }
PROGRAM
	$1 -o "$tmp/t" "$tmp/t.c" -lcmocka >/dev/null 2>&1
	ok=$?
	rm -rf "$tmp"
	return $ok
}

# have_sanitizers CC: whether CC can build and run a program with ASan
# and UBSan, as make check-sanitize does.
have_sanitizers() {
	tmp=$(mktemp -d) || return 1
	printf 'int main(void) { return 0; }\n' >"$tmp/s.c"
	$1 -fsanitize=address,undefined -o "$tmp/s" "$tmp/s.c" \
	    >/dev/null 2>&1 && "$tmp/s" >/dev/null 2>&1
	ok=$?
	rm -rf "$tmp"
	return $ok
}

# can_install: whether apt-get can be run, and with what ($sudo).
can_install() {
	if [ "$(id -u)" -eq 0 ]; then
		sudo=
	elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
		sudo='sudo -n'
	else
		return 1
	fi
	command -v apt-get >/dev/null 2>&1
}

# apt_install PACKAGE [OTHER]: install a Debian package; where that
# cannot be done, say what to install (OTHER on Fedora) and exit SKIP.
apt_install() {
	if ! can_install; then
		echo "deps.sh: $1 is missing; install it (Debian/Ubuntu:" \
		    "apt-get install $1; Fedora: dnf install ${2:-$1})" >&2
		exit $SKIP
	fi
	echo "deps.sh: installing $1 with apt-get" >&2
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get update -qq >/dev/null &&
	    $sudo apt-get install -y -qq "$1" >/dev/null || {
		echo "deps.sh: apt-get could not install $1" >&2
		exit 1
	}
}

# have_libfuzzer: whether clang can build a libFuzzer target.
have_libfuzzer() {
	tmp=$(mktemp -d) || return 1
	printf '%s\n' '#include <stddef.h>' '#include <stdint.h>' \
	    'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)' \
	    '{ (void)d; (void)n; return 0; }' >"$tmp/f.c"
	${CLANG:-clang} -fsanitize=fuzzer,address,undefined -o "$tmp/f" \
	    "$tmp/f.c" >/dev/null 2>&1
	ok=$?
	rm -rf "$tmp"
	return $ok
}

case ${1:-cc} in
--have)
	cc=${2:-cc}
	have_cmocka "$cc" || {
		echo "deps.sh: the unit tests need cmocka, which $cc cannot" \
		    "link: 'sh tests/deps.sh $cc' or 'make check' installs it" >&2
		exit $SKIP
	}
	;;
--fuzz)
	if ! have_libfuzzer; then
		command -v clang >/dev/null 2>&1 || apt_install clang clang
		have_libfuzzer || apt_install libclang-rt-14-dev compiler-rt
		have_libfuzzer || {
			echo "deps.sh: clang cannot build a libFuzzer target" >&2
			exit 1
		}
	fi
	;;
--sanitize)
	cc=${2:-cc}
	have_sanitizers "$cc" || {
		echo "deps.sh: $cc cannot build with" \
		    "-fsanitize=address,undefined" >&2
		exit $SKIP
	}
	;;
--jq)
	command -v jq >/dev/null 2>&1 || apt_install jq jq
	;;
--time)
	[ -x /usr/bin/time ] || apt_install time time
	;;
--pflogsumm)
	command -v pflogsumm >/dev/null 2>&1 || apt_install pflogsumm pflogsumm
	;;
--shells)
	# zsh, fish and bash-completion are a bonus: the completion scripts
	# are loaded by them when present.
	updated=
	for shell in zsh fish bash-completion; do
		if [ $shell = bash-completion ]; then
			[ -f /usr/share/bash-completion/bash_completion ] &&
			    continue
		elif command -v $shell >/dev/null 2>&1; then
			continue
		fi
		can_install || continue
		echo "deps.sh: installing $shell with apt-get" >&2
		[ -n "$updated" ] || $sudo apt-get update -qq >/dev/null 2>&1
		updated=yes
		DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
		    $shell >/dev/null 2>&1 ||
		    echo "deps.sh: $shell not installed; a completion" \
		    "script will not be loaded" >&2
	done
	;;
--tools)
	for tool in --jq --time --shells; do
		sh "$0" $tool || exit
	done
	;;
--mandoc)
	command -v mandoc >/dev/null 2>&1 || apt_install mandoc mandoc
	;;
--valgrind)
	command -v valgrind >/dev/null 2>&1 || apt_install valgrind valgrind
	;;
*)
	cc=${1:-cc}
	if ! have_cmocka "$cc"; then
		apt_install libcmocka-dev libcmocka-devel
		have_cmocka "$cc" || {
			echo "deps.sh: $cc still cannot link -lcmocka" >&2
			exit 1
		}
	fi
	;;
esac
exit 0
