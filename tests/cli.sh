#!/bin/sh
# SPDX-License-Identifier: ISC
# cli.sh -- end-to-end tests of the real binary: stdout, stderr, status
#
# Usage: sh tests/cli.sh ./smtpcode
# Prints a line per failure and ends with "N passed, N failed".

bin=${1:-./smtpcode}
case $bin in
/*) ;;
*) bin=$(pwd)/$bin ;;
esac
data=$(dirname "$0")/../data/codes.tsv
. "$(dirname "$0")/harness.sh"
out=$tmp/out
err=$tmp/err

# run ARGS...: run the binary, keeping stdout, stderr and status.
run() {
	"$bin" "$@" >"$out" 2>"$err"
	status=$?
}

# expect NAME STATUS: the last run exited with STATUS.
expect_status() {
	if [ "$status" -eq "$2" ]; then pass; else
		fail "$1: status $status, expected $2"
		sed 's/^/  stderr: /' "$err" | head -5
	fi
}

expect_empty() {
	if [ ! -s "$2" ]; then pass; else
		fail "$1: $2 is not empty:"
		head -5 "$2" | sed 's/^/  /'
	fi
}

# expect_line NAME FILE LINE: FILE holds LINE exactly, as a whole line.
expect_line() {
	if grep -qxF -- "$3" "$2"; then pass; else
		fail "$1: no line '$3' in $2"
	fi
}

expect_grep() {
	if grep -qE -- "$3" "$2"; then pass; else
		fail "$1: nothing matches /$3/ in $2"
	fi
}

expect_nogrep() {
	if grep -qE -- "$3" "$2"; then
		fail "$1: /$3/ matches in $2"
	else pass; fi
}

expect_lines() {
	n=$(wc -l <"$2" | tr -d ' ')
	if [ "$n" -eq "$3" ]; then pass; else
		fail "$1: $2 has $n lines, expected $3"
	fi
}

expect_width() {
	w=$(awk '{ sub(/\r$/, ""); n = length($0); if (n > w) w = n }
	    END { print w + 0 }' "$2")
	if [ "$w" -le "$3" ]; then pass; else
		fail "$1: a line of $w columns, wider than $3"
	fi
}

codes=$(awk -F '\t' '/^[2-5][0-9][0-9]\t/ { print $1 }' "$data")
labels='Class Digits Retry Who.acts Stage Defined.in Enhanced.codes
Description When.you.see.it How.to.fix'

# A single page.
run 421
expect_status "421" 0
expect_empty "421 stderr" "$err"
expect_grep "421 title" "$out" '^421 [A-Z]'
expect_line "421 class" "$out" 'Class:           4xx transient negative'
expect_line "421 rfc" "$out" 'Defined in:      RFC 5321'
expect_lines "421 one line a field" "$out" 11
i=1
for label in $labels; do
	i=$((i + 1))
	if sed -n "${i}p" "$out" | grep -q "^$label: "; then pass; else
		fail "421: line $i is not the $label field"
	fi
done
"$bin" 421 | grep '^Class:' >"$tmp/class"
expect_line "grep ^Class:" "$tmp/class" 'Class:           4xx transient negative'

# Every code the data defines has a full page and status 0.
for code in $codes; do
	run "$code"
	expect_status "$code" 0
	expect_lines "$code page" "$out" 11
done

# Every well-formed number: 0 when the data defines it, else 1.
code=200
while [ $code -le 599 ]; do
	case $code in
	2[6-9]? | 3[6-9]? | 4[6-9]? | 5[6-9]?) code=$((code + 1)); continue ;;
	esac
	"$bin" "$code" >/dev/null 2>&1
	status=$?
	if printf '%s\n' $codes | grep -qx "$code"; then want=0; else want=1; fi
	[ "$status" -eq "$want" ] && pass ||
	    fail "$code: status $status, expected $want"
	code=$((code + 1))
done

# Several pages: one blank line between them, in argument order.
run 250 421 553
expect_status "three pages" 0
expect_lines "three pages" "$out" 35
grep -n '^[0-9][0-9][0-9] ' "$out" | cut -d: -f1 | tr '\n' ' ' >"$tmp/titles"
expect_line "page order" "$tmp/titles" '1 13 25 '
expect_grep "blank lines" "$out" '^$'

# A code no RFC defines: decoded, still printed, status 1.
run 429
expect_status "429" 1
expect_empty "429 stderr" "$err"
expect_line "429 title" "$out" '429 Unregistered reply code'
expect_line "429 class" "$out" 'Class:           4xx transient negative'
expect_grep "429 rfc" "$out" '^Defined in:      none: no RFC defines this code'
expect_line "429 digits" "$out" \
    'Digits:          4 = transient negative, 2 = the connection, 9 = detail within the subject'
run 421 429
expect_status "421 429" 1

# Malformed codes: one line on stderr, nothing on stdout, status 2.
for arg in 42 621 4211 abc '' ' 421' 461 '4.2.1' '-'; do
	run "$arg"
	expect_status "'$arg'" 2
	expect_empty "'$arg' stdout" "$out"
	expect_lines "'$arg' stderr" "$err" 1
	expect_grep "'$arg' message" "$err" \
	    "^smtpcode: '.*': .*; a reply code is three digits"
done
run 621
expect_line "621 message" "$err" "smtpcode: '621': first digit is not 2 to 5; a reply code is three digits, the first 2 to 5 and the second 0 to 5, such as 421"
run ''
expect_grep "empty message" "$err" "^smtpcode: '': empty argument;"
run "$(printf '4\0331[2J')"
expect_grep "escape neutralised" "$err" "^smtpcode: '4\?1\[2J': "
# Linux caps one argument at 128 KiB (MAX_ARG_STRLEN), so the largest
# argument that can reach the program stands in for "1 MB".
big=$(awk 'BEGIN { while (n++ < 131071) printf "4"; print "" }')
run "$big"
expect_status "huge argument" 2
expect_empty "huge argument stdout" "$out"
expect_lines "huge argument stderr" "$err" 1
expect_grep "huge argument shortened" "$err" \
    "^smtpcode: '4{24}\.\.\. \(131071 bytes\)': not three digits;"
expect_width "huge argument line" "$err" 200

# A bad argument does not stop the others.
run 421 abc 553
expect_status "421 abc 553" 2
expect_lines "421 abc 553 stderr" "$err" 1
expect_lines "421 abc 553 stdout" "$out" 23
expect_grep "421 abc 553 first" "$out" '^421 '
expect_grep "421 abc 553 last" "$out" '^553 '

# Write errors are errors; a reader that goes away is not.
if [ -w /dev/full ]; then
	"$bin" 421 >/dev/full 2>"$err"
	status=$?
	expect_status "/dev/full" 2
	expect_line "/dev/full message" "$err" \
	    'smtpcode: stdout: No space left on device'
	"$bin" -h >/dev/full 2>"$err"
	status=$?
	expect_status "-h >/dev/full" 2
fi
many=$(for i in 1 2 3 4 5 6 7 8 9 10; do printf '%s ' $codes; done)
"$bin" $many 2>"$err" | head -1 >"$out"
expect_empty "closed pipe stderr" "$err"
expect_lines "closed pipe stdout" "$out" 1
sh -c 'trap "" PIPE; exec "$@"' sh "$bin" $many 2>"$err" | head -1 >"$out"
expect_empty "closed pipe, SIGPIPE ignored" "$err"

# Options.
run -h
expect_status "-h" 0
expect_empty "-h stderr" "$err"
expect_line "-h usage" "$out" \
    'usage: smtpcode [-hV] [-w width] [compare] code ...'
run --help
expect_status "--help" 0
expect_grep "--help example" "$out" 'smtpcode compare 421 553'
run -V
expect_status "-V" 0
expect_grep "-V" "$out" '^smtpcode [0-9]+\.[0-9]+\.[0-9]+$'
run --version
expect_status "--version" 0
run -x 421
expect_status "-x" 2
expect_empty "-x stdout" "$out"
expect_line "-x usage" "$err" \
    'usage: smtpcode [-hV] [-w width] [compare] code ...'
run --bogus 421
expect_status "--bogus" 2
run
expect_status "no arguments" 2
expect_empty "no arguments stdout" "$out"
expect_line "no arguments usage" "$err" \
    'usage: smtpcode [-hV] [-w width] [compare] code ...'
for width in abc 5 19 1001 -1 ''; do
	run -w "$width" 421
	expect_status "-w '$width'" 2
	expect_empty "-w '$width' stdout" "$out"
	expect_grep "-w '$width' message" "$err" "^smtpcode: -w: '$width': not a width"
done

# Wrapping: piped pages keep a field on one line; -w wraps them.
run 552
expect_nogrep "piped, no continuation" "$out" '^ '
run -w 60 552
expect_status "-w 60" 0
expect_width "-w 60" "$out" 60
expect_grep "-w 60 continuation" "$out" '^                 [^ ]'
run --width=100 552
expect_width "--width=100" "$out" 100
run -w 0 552
expect_nogrep "-w 0, no continuation" "$out" '^ '
run 552 -w 70
expect_width "options after operands" "$out" 70

# On a terminal the page wraps to the terminal's width.
if script -qec 'true' /dev/null >/dev/null 2>&1; then
	script -qec "stty cols 50 rows 40; \"$bin\" 552" /dev/null \
	    </dev/null >"$out" 2>&1
	expect_width "terminal of 50 columns" "$out" 50
	expect_grep "terminal wraps" "$out" '^                 [^ ]'
fi

# compare: the difference page.
run compare 421 553
expect_status "compare 421 553" 0
expect_empty "compare stderr" "$err"
expect_grep "compare title" "$out" '^SMTP 421 .* vs 553 '
expect_grep "compare summary 421" "$out" \
    '^421 \(.*\) is a 4xx transient negative reply: '
expect_grep "compare summary 553" "$out" \
    '^553 \(.*\) is a 5xx permanent negative reply: '
expect_grep "compare table head" "$out" '^ +421 +553$'
expect_grep "compare table class" "$out" \
    '^Class +4xx transient negative +5xx permanent negative$'
expect_grep "compare table rfc" "$out" '^Defined in +RFC 5321 '
for label in 'Retry' 'Who acts' 'Stage' 'Enhanced codes'; do
	expect_grep "compare table $label" "$out" "^$label  "
done
expect_line "compare differences" "$out" 'Key differences'
expect_line "compare actions" "$out" 'What to do'
expect_grep "compare class difference" "$out" \
    '^Class: +421 is 4xx transient negative; 553 is 5xx permanent negative\. Only 421 can succeed'
expect_grep "compare retry difference" "$out" \
    '^Retry: +for 421, temporary: .*; for 553, final for this request'
expect_grep "compare 421 action" "$out" '^421: +Wait: '
expect_grep "compare 553 action" "$out" '^553: +Stop: '
n=$(grep -c '^Description: ' "$out")
[ "$n" -eq 2 ] && pass || fail "compare: $n descriptions, expected 2"

for pair in '250 550' '454 530' '450 550' '354 552' '221 421' '535 454'; do
	run compare $pair
	expect_status "compare $pair" 0
	expect_line "compare $pair" "$out" 'Key differences'
done
run compare 550 553
expect_grep "same class" "$out" '^Class: +same for both: 5xx permanent negative'
run compare 250 451 550
expect_status "compare three" 0
expect_grep "compare three title" "$out" '^SMTP 250 .* vs 451 .* vs 550 '
expect_grep "compare three table" "$out" '^ +250 +451 +550$'
run compare 421 421
expect_line "compare itself" "$out" \
    '421 and 421 are the same code: there is nothing to tell apart.'
run compare 429 550
expect_status "compare unregistered" 1
expect_grep "compare unregistered table" "$out" '^Defined in +no RFC +RFC 5321'
run -w 70 compare 421 553
expect_width "compare -w 70" "$out" 70
run compare 421
expect_status "compare one code" 2
expect_empty "compare one code stdout" "$out"
expect_grep "compare one code message" "$err" '^smtpcode: compare: give 2 to 6 codes, not 1$'
run compare 211 214 220 221 250 251 252
expect_status "compare seven" 2
run compare
expect_status "compare nothing" 2
run compare 421 abc
expect_status "compare bad code" 2
expect_empty "compare bad code stdout" "$out"
expect_lines "compare bad code stderr" "$err" 1

# The performance budget: a lookup allocates nothing on the heap, whatever
# the path (valgrind counts; an ASan build has its own allocator).
if command -v valgrind >/dev/null 2>&1 &&
    ! grep -q __asan_init "$bin"; then
	for args in "421" "compare 421 553" "429 abc 550" "-w 60 552"; do
		valgrind "$bin" $args >/dev/null 2>"$err"
		grep -q 'total heap usage: 0 allocs, 0 frees' "$err" && pass ||
		    fail "heap used by smtpcode $args: $(grep 'heap usage' "$err")"
	done
fi

finish
