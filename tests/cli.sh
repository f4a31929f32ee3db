#!/bin/sh
# SPDX-License-Identifier: ISC
# cli.sh -- end-to-end tests of the real binary: stdout, stderr, status
#
# Usage: sh tests/cli.sh ./smtpcode
# Prints a line per failure and ends with "N passed, N failed".

data=$(dirname "$0")/../data/codes.tsv
. "$(dirname "$0")/harness.sh"

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

# A page's line count leaves out the providers' meanings of its code,
# which data/rules.tsv adds to and which have a test of their own.
expect_lines() {
	n=$(grep -vc '^Provider:' "$2")
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
labels='Class Digits Retry Who.acts Stage Defined.in Enhanced.codes Verdict
Description When.you.see.it How.to.fix'

# A single page.
run 421
expect_status "421" 0
expect_empty "421 stderr" "$err"
expect_grep "421 title" "$out" '^421 [A-Z]'
expect_line "421 class" "$out" 'Class:           4xx transient negative'
expect_line "421 rfc" "$out" 'Defined in:      RFC 5321'
expect_lines "421 one line a field" "$out" 12
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
# expect_pages NAME LINES CODE...: one run explains every CODE with
# status 0, a page each, in order, of LINES lines titled with the code.
expect_pages() {
	name=$1
	lines=$2
	shift 2
	run "$@"
	expect_status "$name" 0
	expect_empty "$name stderr" "$err"
	# Providers' meanings of a code are lines of their own.
	grep -v '^Provider:' "$out" | awk -v RS= -v want="$lines" '{
		n = split($0, line, "\n")
		split(line[1], word, " ")
		printf "%s%s", (NR > 1 ? " " : ""), word[1]
		if (n != want)
			printf "(%d lines)", n
	} END { print "" }' >"$tmp/pages"
	expect_line "$name: a page of $lines lines each, in order" \
	    "$tmp/pages" "$*"
}
expect_pages "every code" 12 $codes

# A well-formed code the data lacks is 1, at the ends of the range too
# (test_code.c sweeps every number through smtpcode_describe), and with
# several codes the highest status wins.
for code in 200 259 559; do
	run "$code"
	expect_status "$code" 1
done
run 250 429 550
expect_status "250 429 550" 1
run 260
expect_status "260" 2

# Several pages: one blank line between them, in argument order.
run 250 421 553
expect_status "three pages" 0
expect_lines "three pages" "$out" 38
grep -n '^[0-9][0-9][0-9] ' "$out" | cut -d: -f1 | tr '\n' ' ' >"$tmp/titles"
expect_line "page order" "$tmp/titles" '1 14 27 '
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

# A basic code lists the enhanced codes the registry pairs it with.
"$bin" -f enhanced_codes 550 | tr -d ' ' | tr ',' '\n' >"$out"
for pair in 5.1.1 5.4.3 5.6.8 5.7.15 5.7.27; do
	expect_line "550 lists $pair" "$out" "$pair"
done

# Pairs that practice sends and the data's own prose quotes are known.
run '450 4.2.1 The user you are trying to contact is receiving mail too quickly'
expect_grep "450 4.2.1 agree" "$out" \
    '^Codes agree:     yes: .* 4\.2\.1 commonly comes with 450, though'
for reply in '421 4.7.28 unusual rate' '553 5.1.7 bad sender' \
    '534-5.7.14 Please log in via your web browser' '502 5.5.1 disabled'; do
	"$bin" -f agreement "$reply" >"$out" 2>"$err"
	expect_line "'$reply' agreement" "$out" usual
done

# 553 names its commonest uses: a relay refusal and a refused sender.
run 553
expect_grep "553 relay" "$out" '^When you see it: .*rcpthosts'
expect_grep "553 sender" "$out" '^When you see it: .*at MAIL FROM'
"$bin" -f who_acts 421 450 >"$out"
expect_lines "421 450 who acts" "$out" 2
expect_nogrep "421 450 the sender's admin acts" "$out" '^client$'

# Codes that only RFC 5248's table names are known codes, not decoded ones.
for code in 422 430 524 533; do
	run "$code"
	expect_status "$code (RFC 5248)" 0
	expect_line "$code rfc" "$out" 'Defined in:      RFC 5248'
done
run '524 5.7.11 Encryption required for requested authentication mechanism'
expect_status "524 5.7.11" 0
expect_grep "524 5.7.11 agree" "$out" \
    '^Codes agree:     yes: .* the registry pairs X\.7\.11 with 524$'

# Malformed codes: one line on stderr, nothing on stdout, status 2.
for arg in 42 621 4211 '' 461 000 99999; do
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
expect_lines "421 abc 553 stdout" "$out" 25
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
# piped ARGS...: the binary's output into head -1, keeping the binary's
# own status (sh has no pipefail): 141 if SIGPIPE killed it.
piped() {
	{ "$bin" "$@" 2>"$err"; echo $? >"$tmp/status"; } | head -1 >"$out"
	status=$(cat "$tmp/status")
}
# Outputs far larger than a pipe and the 64 KiB stdout buffer: quiet,
# and the status is the one the whole output would have had.
many=$(for i in 1 2 3 4 5 6 7 8 9 10; do printf '%s ' $codes; done)
awk -v lines=20000 -f "$(dirname "$0")/mklog.awk" >"$tmp/big.log"
for args in "$many" "-o json list" "-o tsv list" "list" \
    "-o json $many" "scan -a $tmp/big.log" "completion bash"; do
	piped $args
	name="closed pipe: $(printf '%.20s' "$args")"
	expect_status "$name" 0
	expect_empty "$name: stderr" "$err"
	expect_lines "$name: stdout" "$out" 1
done
piped 429 $many
expect_status "closed pipe, a code no RFC defines" 1
sh -c 'trap "" PIPE; exec "$@"' sh "$bin" -o json list 2>"$err" | head -1 >"$out"
expect_empty "closed pipe, SIGPIPE ignored" "$err"
expect_line "closed pipe, SIGPIPE ignored stdout" "$out" '{'
# scan --annotate stops reading once nobody takes its copy: the writer
# of a million-line stream never gets to its end.
{ awk 'BEGIN { for (i = 0; i < 1000000; i++) print "550 5.1.1 x"
    print "all written" >"/dev/stderr" }' 2>"$tmp/gen" |
    "$bin" scan -a - 2>"$err"; echo $? >"$tmp/status"; } | head -1 >"$out"
status=$(cat "$tmp/status")
expect_status "closed pipe, scan -a of a stream" 0
expect_empty "closed pipe, scan -a of a stream: stderr" "$err"
expect_nogrep "closed pipe, scan -a stopped reading" "$tmp/gen" 'all written'
# Stopped early, it cannot say that the input held no reply (status 1).
{ awk 'BEGIN { for (i = 0; i < 1000000; i++) print "noise" }' |
    "$bin" scan -a - 2>"$err"; echo $? >"$tmp/status"; } | head -1 >"$out"
status=$(cat "$tmp/status")
expect_status "closed pipe, scan -a of a stream without replies" 0

# Options.
run -h
expect_status "-h" 0
expect_empty "-h stderr" "$err"
expect_line "-h usage" "$out" \
    'usage: smtpcode [-bhV] [--color[=when]] [-f field] [-o format] [-w width]'
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
    'usage: smtpcode [-bhV] [--color[=when]] [-f field] [-o format] [-w width]'
run --bogus 421
expect_status "--bogus" 2
run
expect_status "no arguments" 2
expect_empty "no arguments stdout" "$out"
expect_line "no arguments usage" "$err" \
    'usage: smtpcode [-bhV] [--color[=when]] [-f field] [-o format] [-w width]'
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
	script -qec "stty cols 50 rows 40; NO_COLOR=1 \"$bin\" 552" \
	    /dev/null </dev/null >"$out" 2>&1
	expect_width "terminal of 50 columns" "$out" 50
	expect_grep "terminal wraps" "$out" '^                 [^ ]'
else
	skip "wrapping on a terminal: script(1) cannot run a pty here"
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
    '^Class: +421 is 4xx transient negative; 553 is 5xx permanent negative\.$'
expect_grep "compare retry difference" "$out" \
    '^Retry: +for 421, temporary: .*; for 553, final for this request'
n=$(grep -c '^Description: ' "$out")
[ "$n" -eq 2 ] && pass || fail "compare: $n descriptions, expected 2"
# section NAME: the labels of the lines of a section of the last page.
section() {
	sed -n "/^$1\$/,/^\$/p" "$out" | sed -n 's/^\([^ :][^:]*\):.*/\1/p' |
	    tr '\n' ' '
}
same_labels() {
	[ "$2" = "$3" ] && pass || fail "$1: labels '$2', expected '$3'"
}
same_labels "compare 421 553 differences" "$(section 'Key differences')" \
    '421 553 Class Retry Who acts Stage Defined in Verdict '
same_labels "compare 421 553 actions" "$(section 'What to do')" '421 553 '
[ "$(grep -c '^421: ' "$out")" -eq 2 ] && [ "$(grep -c '^553: ' "$out")" -eq 2 ] &&
    pass || fail "compare: not a meaning and an action line a code"
grep -q '^553: .*Mailbox name not allowed' "$out" && pass ||
    fail "compare: 553's line does not name it"
sed -n '/^What to do$/,$p' "$out" | sed 1d | cut -c18- | sort -u >"$tmp/lines"
expect_lines "compare 421 553: an action each" "$tmp/lines" 2

# The meanings of 451 and 452 differ, though every other aspect but the
# stages and the RFCs is the same.
run compare 451 452
same_labels "compare 451 452 differences" "$(section 'Key differences')" \
    '451 452 Class Retry Who acts Stage Defined in Enhanced codes Verdict '
for label in Class Retry 'Who acts' Verdict; do
	expect_grep "compare 451 452 same $label" "$out" "^$label: +same for both: "
done
expect_nogrep "compare 451 452 only" "$out" 'Only'
grep '^45[12]: ' "$out" | head -2 | cut -c18- | sort -u >"$tmp/lines"
expect_lines "compare 451 452 two meanings" "$tmp/lines" 2

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

# Enhanced status codes: every registry row has a page and status 0.
enhanced=$(dirname "$0")/../data/enhanced.tsv
statuses=$(awk -F '\t' '/^X\.[0-7]\.[0-9]+\t/ { print $1 }' "$enhanced")
n=$(printf '%s\n' $statuses | wc -l | tr -d ' ')
[ "$n" -eq 81 ] && pass || fail "enhanced.tsv: $n registry rows, expected 81"
expect_pages "every registry row" 13 $statuses
run 5.1.1
expect_status "5.1.1" 0
expect_empty "5.1.1 stderr" "$err"
expect_line "5.1.1 title" "$out" '5.1.1 Bad destination mailbox address'
expect_line "5.1.1 class" "$out" 'Class:           5 permanent failure'
expect_line "5.1.1 subject" "$out" 'Subject:         1 addressing status'
expect_line "5.1.1 basic codes" "$out" 'Basic codes:     451, 550'
expect_line "5.1.1 rfc" "$out" 'Defined in:      RFC 3463'
expect_grep "5.1.1 verdict" "$out" '^Verdict:         hard bounce: '
# Providers' meanings of the code come after the verdict, in lines of
# their own: the other fields keep their order.
grep -v '^Provider:' "$out" >"$tmp/fields"
expect_grep "5.1.1 provider meanings" "$out" '^Provider:        Gmail'
i=1
for label in Class Subject Meant.for Retry Who.acts Defined.in Registry \
    Basic.codes Verdict Description When.you.see.it How.to.fix; do
	i=$((i + 1))
	if sed -n "${i}p" "$tmp/fields" | grep -q "^$label: "; then pass; else
		fail "5.1.1: line $i is not the $label field"
	fi
done
run 4.7.0
expect_status "4.7.0" 0
expect_grep "4.7.0 retry" "$out" '^Retry:           yes, later'
expect_grep "4.7.0 verdict" "$out" '^Verdict:         retry later: '
run 5.2.2
expect_grep "5.2.2 soft" "$out" '^Verdict:         soft bounce: '
run X.1.1
expect_status "X.1.1" 0
expect_grep "X.1.1 class" "$out" '^Class:           X: '
expect_grep "X.1.1 verdict" "$out" '^Verdict:         as 5\.1\.1, hard bounce'
run x.6.10
expect_status "x.6.10" 0
expect_grep "deprecated title, said once" "$out" '^X\.6\.10 [^(]*\(deprecated\)$'
expect_grep "deprecated registry" "$out" '^Registry:        deprecated: '
for code in 5.1.99 4.7.900 2.0.999 X.3.77; do
	run "$code"
	expect_status "$code unregistered" 1
	expect_empty "$code stderr" "$err"
	expect_line "$code registry" "$out" 'Registry:        not registered'
done
expect_line "X.3.77 title" "$out" 'X.3.77 Unregistered status code'
run 5.1.99
expect_line "5.1.99 subject" "$out" 'Subject:         1 addressing status'
for arg in 6.1.1 5.9.1 5.1 5..1 5.1.1000 5.01.1 5.1.01 5.1.1. .5.1.1 3.0.0 \
    5.1000.1 X.1 5.1.1.1; do
	run "$arg"
	expect_status "'$arg'" 2
	expect_empty "'$arg' stdout" "$out"
	expect_lines "'$arg' stderr" "$err" 1
	expect_grep "'$arg' message" "$err" \
	    "^smtpcode: '$arg': .*; an enhanced status code is class\.subject\.detail"
done
run 5.9.1
expect_grep "5.9.1 says subject" "$err" "'5\.9\.1': subject is not 0 to 7;"
run 6.1.1
expect_grep "6.1.1 says class" "$err" "'6\.1\.1': class is not 2, 4 or 5;"
run 5.1.1000
expect_grep "5.1.1000 says detail" "$err" "detail is more than three digits;"
run 5.01.1
expect_grep "5.01.1 says zero" "$err" "a part has a leading zero;"

# compare takes enhanced codes, alone or mixed with basic ones.
run compare 550 5.1.1
expect_status "compare 550 5.1.1" 0
expect_grep "mixed table head" "$out" '^ +550 +5\.1\.1$'
expect_grep "mixed pairing" "$out" \
    '^Pairing: +550 with 5\.1\.1: the registry pairs them\.$'
expect_grep "mixed subject row" "$out" '^Subject +- +1 addressing status'
expect_grep "mixed summary" "$out" \
    '^5\.1\.1 \(Bad destination mailbox address\) is an enhanced status code of class 5, permanent failure: '
expect_grep "mixed class" "$out" \
    '^Class: +same for both: class 5, permanent\.$'
run compare 450 5.2.2
expect_nogrep "mixed classes differ: no pairing" "$out" '^Pairing:'
run compare 5.1.1 5.2.2 4.7.1
expect_status "compare three enhanced" 0
expect_grep "enhanced title" "$out" '^SMTP 5\.1\.1 .* vs 5\.2\.2 .* vs 4\.7\.1 '
expect_nogrep "enhanced basic codes: none in common" "$out" '^Basic codes:'
expect_grep "enhanced verdicts" "$out" '^Verdict: +5\.1\.1: hard bounce'
expect_grep "enhanced meaning" "$out" '^4\.7\.1: +Delivery not authorized'
run compare 4.1.1 5.1.1
expect_grep "enhanced basic codes" "$out" '^Basic codes: +in common: 451, 550\.$'
expect_nogrep "no stage for enhanced" "$out" '^Stage'
run compare 5.1.1 5.1.1
expect_line "compare enhanced itself" "$out" \
    '5.1.1 and 5.1.1 are the same code: there is nothing to tell apart.'
run compare X.1.1 550
expect_status "compare X.1.1 550" 0
run compare 421 '550 5.1.1 user unknown'
expect_status "compare a reply" 2
expect_empty "compare a reply stdout" "$out"
expect_grep "compare a reply message" "$err" \
    "^smtpcode: compare: '550 5\.1\.1 user unknown': not a code;"
run compare 421 6.1.1
expect_status "compare bad enhanced" 2
expect_empty "compare bad enhanced stdout" "$out"

# Whole replies, as arguments.
run '550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown'
expect_status "reply" 0
expect_empty "reply stderr" "$err"
expect_line "reply title" "$out" 'Reply 550 5.1.1'
expect_line "reply text" "$out" \
    'Server text:     <bob@example.org>: Recipient address rejected: User unknown'
expect_line "reply source" "$out" 'Read from:       a server reply'
expect_line "reply command" "$out" 'In reply to:     not said'
expect_grep "reply agree" "$out" \
    '^Codes agree:     yes: both are class 5, and the registry pairs X\.1\.1 with 550$'
expect_grep "reply verdict" "$out" '^Verdict:         hard bounce: '
expect_grep "reply decided by" "$out" "^Decided by:      text: 'User unknown'$"
n=$(grep -c '^Verdict:' "$out")
[ "$n" -eq 1 ] && pass || fail "reply page: $n lines start Verdict:, expected 1"
n=$(grep -c '^Code verdict:' "$out")
[ "$n" -eq 2 ] && pass || fail "reply page: $n Code verdict: lines, expected 2"
expect_grep "reply reason" "$out" '^Reason:          .*recipient-unknown'
sed '/^$/q' "$out" | grep -q '^Meaning:' && pass ||
    fail "reply page: no Meaning: line in the first block"
expect_grep "reply basic page" "$out" '^550 Mailbox unavailable$'
expect_grep "reply enhanced page" "$out" '^5\.1\.1 Bad destination mailbox address$'
run "$(printf '550-5.7.1 first line\r\n550-5.7.1 second line\r\n550 5.7.1 last line')"
expect_status "multi-line reply" 0
n=$(grep -c '^Reply ' "$out")
[ "$n" -eq 1 ] && pass || fail "multi-line reply: $n pages, expected 1"
expect_line "multi-line text" "$out" \
    'Server text:     first line second line last line'
run "$(printf '550-5.7.1 first line\n550-5.7.1 second line')"
expect_grep "cut-off reply" "$out" '^Note:            the reply is cut off'
run 'Nov 28 03:12:09 mx1 postfix/smtp[2211]: 5A1C2: to=<bob@example.org>, relay=mx.example.org[192.0.2.10]:25, delay=1.2, dsn=5.1.1, status=bounced (host mx.example.org[192.0.2.10] said: 550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown (in reply to RCPT TO command))'
expect_status "postfix line" 0
expect_line "postfix source" "$out" 'Read from:       a Postfix log line'
expect_line "postfix command" "$out" 'In reply to:     RCPT TO'
expect_line "postfix text" "$out" \
    'Server text:     <bob@example.org>: Recipient address rejected: User unknown'
run '2026-11-28 03:12:09 1abcDE-000123-AB ** bob@example.org R=dnslookup T=remote_smtp H=mx.example.org [192.0.2.10]: SMTP error from remote mail server after end of data: 552 5.2.2 Mailbox full'
expect_line "exim source" "$out" 'Read from:       an Exim log line'
expect_line "exim command" "$out" 'In reply to:     end of data'
expect_grep "exim verdict" "$out" '^Verdict:         soft bounce: '
run 'Nov 28 03:12:09 mx1 sm-mta[881]: 4ASD: to=<bob@example.org>, delay=00:00:05, mailer=esmtp, relay=mx.example.org. [192.0.2.10], dsn=4.4.2, stat=Deferred: 421 4.4.2 mx.example.org: Connection timed out'
expect_line "sendmail source" "$out" 'Read from:       a Sendmail log line'
expect_grep "sendmail verdict" "$out" '^Verdict:         retry later: '
run 'Status: 4.4.7'
expect_line "dsn status source" "$out" \
    "Read from:       a delivery status notification's Status field"
expect_line "dsn status basic" "$out" 'Basic code:      none in the reply'
expect_line "dsn status agree" "$out" \
    'Codes agree:     nothing to compare: the reply has only one code'
run 'Diagnostic-Code: smtp; 550 5.1.10 Recipient address has null MX'
expect_grep "dsn diagnostic" "$out" '^Enhanced code:   5\.1\.10 Recipient address has null MX'
run '450 5.2.2 Mailbox full, try later'
expect_grep "disagreement" "$out" \
    '^Codes agree:     no: 450 is class 4 but 5\.2\.2 is class 5 '
expect_grep "disagreement verdict" "$out" '^Verdict:         retry later: '
expect_grep "disagreement decided" "$out" \
    '^Decided by:      code: 450 \(class 4\); the sending server acts on the basic code, not on 5\.2\.2$'
run '521 5.3.2 mx.example.com does not accept mail'
expect_status "521 5.3.2" 0
expect_grep "521 5.3.2 verdict" "$out" '^Verdict:         hard bounce: '
"$bin" -f verdict '521 5.3.2 mx.example.com does not accept mail' >"$out"
expect_line "521 5.3.2 -f verdict" "$out" hard
run '554 5.3.2 not accepting messages now'
expect_grep "554 5.3.2 verdict" "$out" '^Verdict:         soft bounce: '
run '250 5.1.1 accepted'
expect_grep "250 5.1.1 verdict" "$out" '^Verdict:         delivered: '
run '550 5.7.606 Access denied, banned sending IP [203.0.113.9]. [BN8NAM12FT011.eop-nam12.prod.protection.outlook.com]'
expect_status "provider's code in a reply" 0
expect_grep "microsoft" "$out" '^Provider:        Microsoft .*checked 20[0-9-]*'
expect_grep "microsoft decided" "$out" '^Decided by:      provider: Microsoft'
expect_grep "5.7.606 decoded" "$out" '^5\.7\.606 Unregistered status code$'
run '550 5.3.99 Access denied'
expect_status "unregistered enhanced in a reply" 1
run '421 4.7.0 [TSS04] Messages from 192.0.2.7 temporarily deferred due to user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes'
expect_grep "yahoo" "$out" '^Provider:        Yahoo .*\[TSS04\]'
expect_line "yahoo title" "$out" 'Reply 421 4.7.0'
run "$(printf '550 5.1.1 \033[2J\033]0;owned\007 gone \342\200\256evil \342\200\250a\342\200\251b')"
expect_nogrep "no escape reaches stdout" "$out" "$(printf '\033')"
expect_nogrep "no line separator reaches stdout" "$out" "$(printf '\342\200\250|\342\200\251')"
expect_grep "escape shown" "$out" '^Server text:     \\u001b\[2J\\u001b\]0;owned\\u0007 gone \\u202eevil \\u2028a\\u2029b$'
run "$(printf '550 5.1.1 caf\351 ok')"
expect_grep "invalid UTF-8 shown" "$out" '^Server text:     caf\\xe9 ok$'
run 'size 550 bytes'
expect_status "prose number" 2
expect_empty "prose number stdout" "$out"
expect_grep "prose number message" "$err" \
    "^smtpcode: 'size 550 bytes': no reply code found; "
run '550:5.1.1'
expect_status "wrong separator" 2

# Replies on standard input: "-", one page a reply, lines counted.
printf '550-5.1.1 one\n550 5.1.1 two\n\n421 4.7.0 later\n' |
    "$bin" - >"$out" 2>"$err"
status=$?
expect_status "stdin" 0
expect_empty "stdin stderr" "$err"
n=$(grep -c '^Reply ' "$out")
[ "$n" -eq 2 ] && pass || fail "stdin: $n pages, expected 2"
# A pasted DSN block: the lines around the reply are skipped, and its
# Status and Diagnostic-Code make one record, its recipient's.
printf 'Final-Recipient: rfc822; bob@example.org\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550-5.1.1 gone\n  550 5.1.1 away\n\nthanks\n' |
    "$bin" - >"$out" 2>"$err"
status=$?
expect_status "stdin bounce" 0
expect_empty "stdin bounce stderr" "$err"
n=$(grep -c '^Reply ' "$out")
[ "$n" -eq 1 ] && pass || fail "stdin bounce: $n pages, expected 1"
expect_line "stdin bounce folded" "$out" 'Server text:     gone away'
# A whole bounce on standard input: one record per failed recipient, by
# scan's rule (its DSN part counts, its human part does not), in every
# form.  bounce-gmail.eml: ann and bo, each Gmail's 550 5.7.26, soft.
# bounce-postfix.eml: bob 550 5.1.1 hard, dan 5.2.2 (Status alone) soft.
samples=$(dirname "$0")/samples
for f in bounce-gmail.eml bounce-postfix.eml; do
	"$bin" - <"$samples/$f" >"$out" 2>"$err"
	status=$?
	expect_status "stdin $f" 0
	expect_empty "stdin $f stderr" "$err"
	n=$(grep -c '^Reply ' "$out")
	[ "$n" -eq 2 ] && pass || fail "stdin $f: $n pages, expected 2"
	grep '^Recipient:' "$out" | awk '{ printf "%s|", $2 }' >"$tmp/rcpt"
	grep '^Verdict:' "$out" | awk '{ printf "%s|", $2 }' >"$tmp/verd"
	"$bin" -b - <"$samples/$f" >"$tmp/brief"
	expect_lines "stdin $f -b" "$tmp/brief" 2
	"$bin" -o tsv - <"$samples/$f" >"$tmp/tsv"
	expect_lines "stdin $f tsv" "$tmp/tsv" 3
	"$bin" -o json - <"$samples/$f" |
	    jq -r '.results[] | .recipient + " " + .verdict' >"$tmp/json"
	"$bin" -f verdict - <"$samples/$f" >"$tmp/fv"
	expect_lines "stdin $f -f verdict" "$tmp/fv" 2
	case $f in
	bounce-gmail.eml)
		expect_line "stdin $f recipients" "$tmp/rcpt" \
		    'ann@example.com|bo@example.com|'
		expect_line "stdin $f verdicts" "$tmp/verd" 'soft|soft|'
		want='ann@example.com
bo@example.com' ;;
	*)
		expect_line "stdin $f recipients" "$tmp/rcpt" \
		    'bob@example.org|dan@example.net|'
		expect_line "stdin $f verdicts" "$tmp/verd" 'hard|soft|'
		want='bob@example.org
dan@example.net' ;;
	esac
	got=$(cut -d ' ' -f 1 "$tmp/json")
	[ "$got" = "$want" ] && pass || fail "stdin $f json: got '$got'"
	col=$(head -1 "$tmp/tsv" | tr '\t' '\n' | grep -n '^recipient$' |
	    cut -d: -f1)
	got=$(tail -n +2 "$tmp/tsv" | cut -f "${col:-1}")
	[ "$got" = "$want" ] && pass || fail "stdin $f tsv recipient: '$got'"
	got=$(awk '{ print $1 }' "$tmp/brief" | tr '\n' '|')
	same_verd=$(cat "$tmp/verd")
	[ "$got" = "$same_verd" ] && pass ||
	    fail "stdin $f -b verdicts '$got', pages '$same_verd'"
	grep -q " for $(echo "$want" | head -1) (" "$tmp/brief" && pass ||
	    fail "stdin $f -b: no recipient"
done
# The vendor layouts on standard input: each failed recipient once, with
# its verdict and, where a transcript shows it, the command it answered.
records() {
	"$bin" -o json - <"$samples/$1" | jq -r '.results[] |
	    .recipient + " " + .reply + " " + .verdict + " " + .in_reply_to' |
	    tr '\n' '|'
}
same_records() {
	got=$(records "$1")
	[ "$got" = "$2" ] && pass || fail "stdin $1: records '$got', expected '$2'"
}
same_records domino.txt \
    'ida@example.org 550 5.1.1 hard |jon@example.org 452 4.2.2 retry |'
same_records courier.eml \
    'lee@example.org 550 5.1.1 hard |max@example.org 554 5.7.1 soft |'
same_records courier-delay.txt \
    'quy@example.org 451 4.7.1 retry rcpt|ray@example.org 452 4.2.2 retry data|'
same_records mdaemon.txt 'oto@example.org 550 5.1.1 hard rcpt|'
# qmail-send's bounce: a reply without an enhanced code and qmail's
# "(#5.5.0)" on the next line are one reply, one record.
# Exim's bounces in an mbox: the replies in each copy of the message,
# after "------ This is a copy of the message", are not the bounce's;
# each reply answers the command its "SMTP error ... after" line names.
same_records exim-copy.eml 'gus@example.org 550 5.1.1 hard rcpt|hal@example.com 552 5.2.2 soft eod|'
same_records qmail-send.txt 'cy@example.org 550 5.5.0 hard |dee@example.com 552 5.2.2 soft |eli@example.net 5.1.2 hard |flo@example.org 553 5.7.1 soft |'
# A bounce without its DSN part: each Postfix paragraph's reply whole,
# its wrapped lines joined, the note "(in reply to ...)" cut off even
# when wrapped, and the command it names.
same_records bounce-human.txt 'ann@example.com 550 5.7.26 soft eod|bo@example.com 550 5.7.26 soft eod|cy@example.com 550 5.7.1 soft eod|di@example.com 452 4.2.2 retry rcpt|'
got=$("$bin" -f server_text - <"$samples/bounce-human.txt" |
    awk '{ printf "%s|", $NF }')
[ "$got" = 'gsmtp|gsmtp|gsmtp|space|' ] && pass ||
    fail "stdin bounce-human.txt: texts end '$got'"
same_records exchange.txt 'quinn@example.org 550 5.1.1 hard |rosa@example.org 554 soft |sam@example.org 451 4.4.7 retry |'
printf 'not a reply\nnor this\n' | "$bin" - >"$out" 2>"$err"
status=$?
expect_status "stdin noise only" 2
expect_empty "stdin noise only stdout" "$out"
expect_line "stdin noise only message" "$err" \
    'smtpcode: stdin: no reply code found'
"$bin" - </dev/null >"$out" 2>"$err"
status=$?
expect_status "stdin empty" 2
expect_empty "stdin empty stdout" "$out"
expect_line "stdin empty message" "$err" 'smtpcode: stdin: no reply code found'
printf '550 5.1.1 a\000b\n' | "$bin" - >"$out" 2>"$err"
status=$?
expect_status "stdin NUL" 0
expect_line "stdin NUL shown" "$out" 'Server text:     a\u0000b'
awk 'BEGIN { while (n++ < 70000) printf "5"; print "" }' |
    "$bin" - >"$out" 2>"$err"
status=$?
expect_status "stdin too long" 2
expect_empty "stdin too long stdout" "$out"
expect_grep "stdin too long message" "$err" '^smtpcode: stdin: more than 65536 bytes'
printf '421 4.7.0 x\n' | "$bin" 550 - 5.1.1 >"$out" 2>"$err"
status=$?
expect_status "stdin among codes" 0
grep '^[0-9R]' "$out" | grep -v ':' | head -3 | tr '\n' '|' >"$tmp/titles"
expect_line "stdin among codes order" "$tmp/titles" \
    '550 Mailbox unavailable|Reply 421 4.7.0|421 Service not available, closing channel|'

# -b: one line a reply, the verdict word first, then the codes, the
# reason and provider keywords, and the first piece of advice.
run -b '550 5.4.1 Recipient address rejected: Access denied' \
    'host mx.example.org[192.0.2.1] said: 550 5.2.2 Mailbox full (in reply to RCPT TO command)' \
    '451 5.7.3 Try later'
expect_status "brief" 0
expect_empty "brief stderr" "$err"
expect_lines "brief lines" "$out" 3
awk '{ printf "%s|", $1 }' "$out" >"$tmp/verdicts"
expect_line "brief verdicts" "$tmp/verdicts" 'hard|soft|retry|'
expect_grep "brief keywords" "$out" '^hard 550 5\.4\.1 \(recipient-unknown, microsoft\): Sender: '
expect_grep "brief reason" "$out" '^soft 550 5\.2\.2 \(mailbox-full\): '
expect_nogrep "brief: one role's advice" "$out" "Receiving admin:"
run -b 421 5.1.1
expect_status "brief codes" 0
expect_lines "brief codes are list lines" "$out" 2
expect_grep "brief code line" "$out" '^421 +transient +Service not available'
run -b -o json 421
expect_status "brief with -o" 2
expect_empty "brief with -o stdout" "$out"
expect_grep "brief with -o message" "$err" '^smtpcode: -b: '
run -b list
expect_status "brief with a command" 2
# A provider's code that no registry holds is known: status 0.
run 5.7.606
expect_status "provider's code alone" 0
expect_grep "provider's code page" "$out" '^Provider:        Microsoft 365'
run -f provider_checked '550 5.7.606 Access denied, banned sending IP [192.0.2.1]'
expect_grep "provider checked" "$out" '^20[0-9][0-9]-[01][0-9]-[0-3][0-9]$'

finish
