#!/bin/sh
# SPDX-License-Identifier: ISC
# mkreadme.sh -- write the program's real output under README.md's examples
#
# Usage: sh tests/mkreadme.sh ./smtpcode
# Each indented "$ command" line of README.md is run (with the binary
# first in PATH), and the indented lines that follow it are replaced by
# its output, indented by four spaces.  tests/readme.sh checks the
# result.  Run it after a change to a page, then read the diff.

set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-./smtpcode}
case $bin in
/*) ;;
*) bin=$(pwd)/$bin ;;
esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir "$tmp/bin"
ln -s "$bin" "$tmp/bin/smtpcode"

# An example's old output is the indented lines after its command, with
# any blank lines between them; a blank line before prose ends it.
while IFS= read -r line || [ -n "$line" ]; do
	case $line in
	'    $ '*)
		while [ "${pending:-0}" -gt 0 ]; do
			echo
			pending=$((pending - 1))
		done
		printf '%s\n' "$line"
		(cd "$top" && PATH="$tmp/bin:$PATH" sh -c "${line#    \$ }") \
		    2>&1 | sed 's/^/    /; s/^    $//' || true
		skipping=1
		continue
		;;
	'    '*)
		if [ "${skipping:-0}" -eq 1 ]; then
			pending=0
			continue
		fi
		;;
	'')
		if [ "${skipping:-0}" -eq 1 ]; then
			pending=$((${pending:-0} + 1))
			continue
		fi
		;;
	esac
	if [ "${skipping:-0}" -eq 1 ]; then
		while [ "${pending:-0}" -gt 0 ]; do
			echo
			pending=$((pending - 1))
		done
		skipping=0
	fi
	printf '%s\n' "$line"
done <"$top/README.md" >"$tmp/README.md"
while [ "${pending:-0}" -gt 0 ]; do
	echo
	pending=$((pending - 1))
done >>"$tmp/README.md"
cp "$tmp/README.md" "$top/README.md"
