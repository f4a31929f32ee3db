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

# scan: a deterministic synthetic log of a million lines, scanned, then
# the same file counted by grep and tallied by the grep|sort|uniq pipeline
# that gives scan's tally; throughput from the best of five runs.
lines=${SCAN_LINES:-1000000}
dir=$(mktemp -d) || exit 1
trap 'rm -rf "$dir"' EXIT
awk -v lines="$lines" -f "$(dirname "$0")/mklog.awk" >"$dir/mail.log"
awk -v lines=$((lines / 10)) -f "$(dirname "$0")/mklog.awk" >"$dir/small.log"
size=$(wc -c <"$dir/mail.log" | tr -d ' ')
pair='[2-5][0-5][0-9] [245]\.[0-9]{1,3}\.[0-9]{1,3}'
dsn='dsn=[245]\.[0-9]+\.[0-9]+, (status=deferred \(connect|stat=(Sent|User))'
pipeline() {
	grep -oE "$pair|$dsn" "$dir/mail.log" |
	    sed -E 's/^dsn=([0-9.]+),.*/- \1/' | sort | uniq -c | sort -k1,1nr
}

# best CMD...: the best of BENCH_RUNS (5) wall-clock times, in
# milliseconds: the least disturbed run, as a shared machine drifts.
best() {
	b=
	run=0
	while [ "$run" -lt "${BENCH_RUNS:-5}" ]; do
		run=$((run + 1))
		start=$(now)
		"$@" >"$dir/out" 2>/dev/null
		ms=$((($(now) - start) / 1000000))
		[ -z "$b" ] || [ "$ms" -lt "$b" ] && b=$ms
	done
	echo "$b"
}

throughput() {
	printf '%-36s %6d ms  %5d MB/s\n' "$1" "$2" \
	    $((size / 1000 / ($2 > 0 ? $2 : 1)))
}

echo "scan: $lines lines, $((size / 1000000)) MB"
ms=$(best "$bin" scan "$dir/mail.log")
scan_ms=$ms
throughput "smtpcode scan" "$ms"
"$bin" -o tsv scan "$dir/mail.log" | tail -n +2 |
    awk -F '\t' '{ printf "%d %s %s\n", $1, $2 == "" ? "-" : $2, $3 }' |
    sort >"$dir/scan.tally"
ms=$(best grep -c 'said: ' "$dir/mail.log")
grep_ms=$ms
throughput "grep -c 'said: '" "$ms"
# The goal: scan, which reads every reply's meaning, at half grep -c's
# throughput or better.
printf '%-36s %d%% of grep -c (goal: 50%%)\n' "scan's throughput" \
    $((ms * 100 / (scan_ms > 0 ? scan_ms : 1)))
ms=$(best pipeline)
throughput "grep -oE | sort | uniq -c" "$ms"
pipeline | awk '{ printf "%d %s %s\n", $1, $2, $3 }' | sort >"$dir/pipe.tally"
if cmp -s "$dir/scan.tally" "$dir/pipe.tally"; then
	echo "tallies: scan and the pipeline agree ($(wc -l <"$dir/scan.tally" | tr -d ' ') pairs)"
else
	echo "tallies: scan and the pipeline DIFFER:"
	diff "$dir/scan.tally" "$dir/pipe.tally" | head -10
fi

# scan --by domain: one count per recipient, keyed by its domain, in the
# fixed group table; the goal is the default scan's.
ms=$(best "$bin" scan --by domain "$dir/mail.log")
throughput "smtpcode scan --by domain" "$ms"
printf '%-36s %d%% of grep -c (goal: 50%%)\n' "scan --by domain's throughput" \
    $((grep_ms * 100 / (ms > 0 ? ms : 1)))

# pflogsumm, Debian's Postfix log summariser, on the same Postfix log as
# scan and grep -c: the Postfix third of the synthetic log.
grep ' postfix/' "$dir/mail.log" >"$dir/postfix.log"
psize=$(wc -c <"$dir/postfix.log" | tr -d ' ')
if sh "$(dirname "$0")/deps.sh" --pflogsumm >/dev/null 2>&1; then
	echo "pflogsumm: the Postfix lines, $((psize / 1000000)) MB"
	ms=$(best grep -c 'said: ' "$dir/postfix.log")
	pgrep_ms=$ms
	printf '%-36s %6d ms  %5d MB/s\n' "grep -c 'said: '" "$ms" \
	    $((psize / 1000 / (ms > 0 ? ms : 1)))
	ms=$(best "$bin" scan "$dir/postfix.log")
	pscan_ms=$ms
	printf '%-36s %6d ms  %5d MB/s\n' "smtpcode scan" "$ms" \
	    $((psize / 1000 / (ms > 0 ? ms : 1)))
	ms=$(best "$bin" scan --by domain "$dir/postfix.log")
	pdomain_ms=$ms
	printf '%-36s %6d ms  %5d MB/s\n' "smtpcode scan --by domain" "$ms" \
	    $((psize / 1000 / (ms > 0 ? ms : 1)))
	# One run: pflogsumm is slow, and its time varies little.
	start=$(now)
	pflogsumm "$dir/postfix.log" >"$dir/out" 2>/dev/null
	pflog_ms=$((($(now) - start) / 1000000))
	printf '%-36s %6d ms  %5d MB/s\n' "pflogsumm" "$pflog_ms" \
	    $((psize / 1000 / (pflog_ms > 0 ? pflog_ms : 1)))
	printf '%-36s %d%% of grep -c (goal: 50%%)\n' "scan's throughput" \
	    $((pgrep_ms * 100 / (pscan_ms > 0 ? pscan_ms : 1)))
	printf '%-36s %d times pflogsumm (goal: 10)\n' "scan's throughput" \
	    $((pflog_ms / (pscan_ms > 0 ? pscan_ms : 1)))
	printf '%-36s %d times pflogsumm (goal: 10)\n' \
	    "scan --by domain's throughput" \
	    $((pflog_ms / (pdomain_ms > 0 ? pdomain_ms : 1)))
else
	echo "pflogsumm not installed (no apt-get here): not compared"
fi

# Peak memory: the same whatever the size.  The synthetic log's lines
# are repeated to about 100 MB and 1 GB and piped in, so that no 1 GB
# file is written; BENCH_1GB=0 leaves the 1 GB run out.
if [ -x /usr/bin/time ]; then
	for f in small mail; do
		rss=$(/usr/bin/time -f %M "$bin" scan "$dir/$f.log" 2>&1 \
		    >/dev/null | tail -1)
		printf '%-36s peak RSS %s KiB\n' \
		    "scan of $(wc -l <"$dir/$f.log" | tr -d ' ') lines" "$rss"
	done
	# repeat N: the million-line log N times over, N tenths of it if
	# N is below 10: about 19 MB a tenth.
	repeat() {
		if [ "$1" -lt 10 ]; then
			head -n $((lines / 10 * $1)) "$dir/mail.log"
			return
		fi
		i=0
		while [ $i -lt $(($1 / 10)) ]; do
			cat "$dir/mail.log"
			i=$((i + 1))
		done
	}
	tenth=$((size / 10))
	for mb in 100 1000; do
		[ "$mb" = 1000 ] && [ "${BENCH_1GB:-1}" = 0 ] && continue
		n=$(((mb * 1000000 + tenth / 2) / tenth))
		for by in "" "--by domain"; do
			rss=$(repeat "$n" | /usr/bin/time -f %M "$bin" scan $by \
			    2>&1 >/dev/null | tail -1)
			printf '%-36s peak RSS %s KiB\n' \
			    "scan${by:+ $by} of $((n * tenth / 1000000)) MB" "$rss"
		done
	done
else
	echo "/usr/bin/time not installed: peak memory not measured"
fi
