#!/bin/sh
# SPDX-License-Identifier: ISC
# readme.sh -- the examples in README.md are the program's real output
#
# Usage: sh tests/readme.sh ./smtpcode
# Each indented "$ command" line of README.md is run (with the binary
# first in PATH) and its output compared with the indented lines that
# follow it.  Ends with "N passed, N failed".

readme=$(dirname "$0")/../README.md
. "$(dirname "$0")/harness.sh"
mkdir -p "$tmp/bin"
ln -s "$bin" "$tmp/bin/smtpcode"

# Split README.md into example N: $tmp/cmd.N and $tmp/want.N.
awk -v dir="$tmp" '
# Blank lines count only when more output follows them.
function close_example() {
	if (n > 0)
		close(dir "/want." n)
}
/^    \$ / {
	close_example()
	n++
	print substr($0, 7) > (dir "/cmd." n)
	close(dir "/cmd." n)
	printf "" > (dir "/want." n)
	inside = 1
	blank = 0
	next
}
inside && /^$/ { blank++; next }
inside && /^    / {
	while (blank > 0) { print "" > (dir "/want." n); blank-- }
	print substr($0, 5) > (dir "/want." n)
	next
}
{ inside = 0; blank = 0 }
END { close_example(); print n + 0 > (dir "/count") }
' "$readme"

count=$(cat "$tmp/count")
[ "$count" -ge 8 ] && pass || fail "README.md: only $count examples found"
i=1
while [ "$i" -le "$count" ]; do
	cmd=$(cat "$tmp/cmd.$i")
	# jq is the one tool an example uses that POSIX lacks.
	case $cmd in
	*'| jq '*)
		if ! command -v jq >/dev/null 2>&1; then
			skip "README.md example '$cmd': jq is not installed"
			i=$((i + 1))
			continue
		fi
		;;
	esac
	PATH="$tmp/bin:$PATH" sh -c "$cmd" >"$tmp/got" 2>&1
	if cmp -s "$tmp/got" "$tmp/want.$i"; then pass; else
		fail "README.md example '$cmd' differs:"
		diff "$tmp/want.$i" "$tmp/got" | head -10 | sed 's/^/  /'
	fi
	i=$((i + 1))
done

finish
