#!/bin/sh
# SPDX-License-Identifier: ISC
# heldout.sh -- how often smtpcode agrees with replies it was not tuned on
#
# Usage: sh tests/heldout.sh ./smtpcode [tests/heldout.tsv]
# Each row of the file (input, provider, reason, verdict, note; the
# input with \n, \t and \\ escaped) was written by someone who had not
# seen the tables in data/, and the tables were not changed to fit it.
# The script feeds each input to the binary on standard input, takes
# the first reply's provider, reason and verdict, and prints how many
# agree, then every row that does not.  It measures; it asserts nothing:
# the rows that disagree are findings to weigh, not failures.  Once a
# row has been used to change the tables, move it to tests/corpus.tsv,
# where it is a test.

bin=${1:-./smtpcode}
file=${2:-$(dirname "$0")/heldout.tsv}
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

rows=0
verdicts=0
reasons=0
providers=0
hard_wrong=0
tab=$(printf '\t')
while IFS="$tab" read -r input provider reason verdict note; do
	case $input in
	'#'*|''|input) continue ;;
	esac
	rows=$((rows + 1))
	# printf %b undoes \n, \t and \\, the file's only escapes.
	printf '%b\n' "$input" | "$bin" -o tsv - >"$tmp/out" 2>/dev/null
	got=$(awk -F '\t' 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i;
	    next }
	    NR == 2 { p = $col["provider"]; r = $col["reason"];
	    printf "%s\t%s\t%s", p == "" ? "-" : p, r == "" ? "-" : r,
	    $col["verdict"]; exit }' "$tmp/out")
	[ -n "$got" ] || got="-	-	none"
	gp=${got%%"$tab"*}
	rest=${got#*"$tab"}
	gr=${rest%%"$tab"*}
	gv=${rest#*"$tab"}
	[ "$gv" = "$verdict" ] && verdicts=$((verdicts + 1))
	[ "$gr" = "$reason" ] && reasons=$((reasons + 1))
	[ "$gp" = "$provider" ] && providers=$((providers + 1))
	[ "$gv" = hard ] && [ "$verdict" != hard ] &&
	    hard_wrong=$((hard_wrong + 1))
	if [ "$gv $gr $gp" != "$verdict $reason $provider" ]; then
		printf 'row %d (%s): want %s %s %s, got %s %s %s\n' "$rows" \
		    "$note" "$verdict" "$reason" "$provider" "$gv" "$gr" \
		    "$gp" >>"$tmp/differ"
	fi
done <"$file"
[ "$rows" -gt 0 ] || { echo "heldout.sh: no rows in $file" >&2; exit 2; }
printf 'held-out replies: %d\n' "$rows"
printf 'verdict agrees:   %d (%d%%); wrongly hard: %d\n' "$verdicts" \
    $((verdicts * 100 / rows)) "$hard_wrong"
printf 'reason agrees:    %d (%d%%)\n' "$reasons" $((reasons * 100 / rows))
printf 'provider agrees:  %d (%d%%)\n' "$providers" \
    $((providers * 100 / rows))
[ -f "$tmp/differ" ] && cat "$tmp/differ"
exit 0
