#!/bin/sh
# SPDX-License-Identifier: ISC
# bench.sh -- how fast a lookup is, and what it costs in memory
#
# Usage: sh tests/bench.sh ./smtpcode [RUNS]
# Prints the time per run of a page, a compare page and /bin/true (the
# cost of exec alone), the heap allocations valgrind counts, and the peak
# memory for a small and a large argument list.  It measures; it asserts
# nothing.

bin=${1:-./smtpcode}
runs=${2:-2000}

now() {
	date +%s%N
}

# per_run LABEL CMD...: run CMD $runs times, print microseconds per run.
per_run() {
	label=$1
	shift
	start=$(now)
	i=0
	while [ $i -lt "$runs" ]; do
		"$@" >/dev/null 2>&1
		i=$((i + 1))
	done
	end=$(now)
	printf '%-28s %8d us per run (%d runs)\n' "$label" \
	    $(((end - start) / runs / 1000)) "$runs"
}

echo "smtpcode bench: $("$bin" -V), $(uname -m), $(nproc) cores"
per_run "true (exec alone)" /bin/true
per_run "smtpcode 421" "$bin" 421
per_run "smtpcode compare 421 553" "$bin" compare 421 553
per_run "smtpcode -w 80 compare" "$bin" -w 80 compare 421 553 550
per_run "smtpcode 5.1.1" "$bin" 5.1.1
reply='Nov 28 03:12:09 mx1 postfix/smtp[2211]: 5A1C2: to=<bob@example.org>, relay=mx.example.org[192.0.2.10]:25, dsn=5.1.1, status=bounced (host mx.example.org[192.0.2.10] said: 550 5.1.1 <bob@example.org>: User unknown (in reply to RCPT TO command))'
per_run "smtpcode 'postfix line'" "$bin" "$reply"

if command -v valgrind >/dev/null 2>&1; then
	for args in "421" "compare 421 553" "429 550 abc" "5.1.1"; do
		heap=$(valgrind "$bin" $args 2>&1 >/dev/null |
		    sed -n 's/.*total heap usage: //p')
		printf '%-28s heap: %s\n' "smtpcode $args" "$heap"
	done
	heap=$(printf '%s\n' "$reply" | valgrind "$bin" - 2>&1 >/dev/null |
	    sed -n 's/.*total heap usage: //p')
	printf '%-28s heap: %s\n' "smtpcode - (a log line)" "$heap"
else
	echo "valgrind not installed: heap allocations not counted"
fi

if [ -x /usr/bin/time ]; then
	codes=$(awk -F '\t' '/^[2-5][0-9][0-9]\t/ { printf "%s ", $1 }' \
	    "$(dirname "$0")/../data/codes.tsv")
	few=$codes
	many=
	i=0
	while [ $i -lt 50 ]; do
		many="$many $codes"
		i=$((i + 1))
	done
	for set in few many; do
		eval "list=\$$set"
		n=$(printf '%s\n' $list | wc -l)
		rss=$(/usr/bin/time -f %M "$bin" $list 2>&1 >/dev/null | tail -1)
		printf '%-28s peak RSS %s KiB\n' "$n codes" "$rss"
	done
	for size in 100 60000; do
		rss=$(awk -v n=$size 'BEGIN { while (n-- > 0) printf "x"; print "" }' |
		    sed 's/^/550 5.1.1 /' |
		    /usr/bin/time -f %M "$bin" - 2>&1 >/dev/null | tail -1)
		printf '%-28s peak RSS %s KiB\n' "stdin reply of $size bytes" \
		    "$rss"
	done
else
	echo "/usr/bin/time not installed: peak memory not measured"
fi
