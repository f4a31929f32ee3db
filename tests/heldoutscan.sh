#!/bin/sh
# SPDX-License-Identifier: ISC
# heldoutscan.sh -- whether scan tallies bounces and logs it was not
# built on exactly, and whether - gives each failed recipient's verdict
#
# Usage: sh tests/heldoutscan.sh ./smtpcode [tests/heldout-bounces]
# Each file X of the directory was written, with its X.tally (COUNT,
# BASIC, ENHANCED per pair, sorted) and, for a bounce, its X.expect
# (RECIPIENT<TAB>VERDICT) worked out by hand, by someone who had seen
# neither the code nor the samples; see the directory's README.  Rows
# of scan's summary that share a pair (they differ in reason or
# direction) are added up before comparing.  It measures; it asserts
# nothing.  Once a file has been used to change the code, move it to
# tests/samples, where it is a test.

bin=${1:-./smtpcode}
dir=${2:-$(dirname "$0")/heldout-bounces}
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

files=0
exact=0
for want in "$dir"/*.tally; do
	input=${want%.tally}
	files=$((files + 1))
	"$bin" -o tsv scan "$input" 2>/dev/null | tail -n +2 |
	    awk -F '\t' '{ n[$2 "\t" $3] += $1 }
		END { for (k in n) print n[k] "\t" k }' |
	    LC_ALL=C sort >"$tmp/got"
	if cmp -s "$want" "$tmp/got"; then
		exact=$((exact + 1))
	else
		echo "tally differs: ${input##*/} (< hand, > smtpcode)"
		diff "$want" "$tmp/got" | grep '^[<>]'
	fi
done
echo "tallied exactly:    $exact of $files files"

recipients=0
agree=0
for want in "$dir"/*.expect; do
	input=${want%.expect}
	"$bin" -o tsv - <"$input" 2>/dev/null >"$tmp/tsv"
	# The columns by name, as a script would find them.
	set -- $(head -1 "$tmp/tsv" | tr '\t' '\n' | grep -n -x recipient |
	    cut -d: -f1) $(head -1 "$tmp/tsv" | tr '\t' '\n' |
	    grep -n -x verdict | cut -d: -f1)
	tail -n +2 "$tmp/tsv" | awk -F '\t' -v r="$1" -v v="$2" \
	    '{ print $r "\t" $v }' | LC_ALL=C sort >"$tmp/got"
	LC_ALL=C sort "$want" >"$tmp/want"
	recipients=$((recipients + $(wc -l <"$tmp/want")))
	agree=$((agree + $(LC_ALL=C comm -12 "$tmp/want" "$tmp/got" |
	    wc -l)))
	cmp -s "$tmp/want" "$tmp/got" ||
	    { echo "records differ: ${input##*/} (< hand, > smtpcode)";
	    diff "$tmp/want" "$tmp/got" | grep '^[<>]'; }
done
echo "recipient verdicts: $agree of $recipients agree"
exit 0
