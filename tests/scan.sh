#!/bin/sh
# SPDX-License-Identifier: ISC
# scan.sh -- end-to-end tests of smtpcode scan: tallies of the samples in
# tests/samples, hostile input, errors, --annotate round trips
#
# Usage: sh tests/scan.sh ./smtpcode
# Ends with "N passed, N failed".

samples=$(dirname "$0")/samples
. "$(dirname "$0")/harness.sh"

# same NAME GOT WANT
same() {
	if [ "$2" = "$3" ]; then pass; else
		fail "$1: got '$2', expected '$3'"
	fi
}

check() {
	if [ "$2" -eq "$3" ]; then pass; else
		fail "$1: status $2, expected $3"
		sed 's/^/  stderr: /' "$err" | head -3
	fi
}

# tally FILE...: count, basic and enhanced code of each pair, sorted;
# rows that split a pair by reason or verdict are added up.
tally() {
	"$bin" -o tsv scan "$@" 2>/dev/null | tail -n +2 |
	    awk -F '\t' '{ n[$2 "\t" $3] += $1 }
		END { for (k in n) printf "%d\t%s\n", n[k], k }' |
	    LC_ALL=C sort
}

# The samples: each one's tally is the one worked out by hand.
n=0
for want in "$samples"/*.tally; do
	[ -e "$want" ] || continue
	input=${want%.tally}
	n=$((n + 1))
	tally "$input" >"$tmp/got"
	if cmp -s "$tmp/got" "$want"; then pass; else
		fail "$(basename "$input"): tally differs (< expected, > got):"
		diff "$want" "$tmp/got" | grep '^[<>]' | head -6 | sed 's/^/  /'
	fi
	# --annotate gives the input back once its notes are taken out.
	"$bin" scan --annotate "$input" | grep -v '^#smtpcode: ' >"$tmp/back"
	cmp -s "$tmp/back" "$input" && pass ||
	    fail "$(basename "$input"): --annotate round trip differs"
	notes=$("$bin" scan -a "$input" | grep -c '^#smtpcode: ')
	lines=$("$bin" scan "$input" | sed -n 's/.* repl[iesy]* in \([0-9]*\) lines*$/\1/p')
	same "$(basename "$input"): lines counted" "$lines" \
	    "$(wc -l <"$input" | tr -d ' ')"
	[ "$notes" -gt 0 ] && pass || fail "$(basename "$input"): no notes"
done
[ "$n" -ge 6 ] && pass || fail "only $n samples with a tally"
# A base64 body's replies are each noted, after the encoded line whose
# text completed them.
same "base64: a note per reply" \
    "$("$bin" scan -a "$samples/base64-notice.eml" | grep -c '^#smtpcode: ')" 2

# Grouped tallies, worked out by hand: X.by-KEYS holds the rows of
# "scan --by KEYS X" (the key columns, then the count), sorted.
n=0
for want in "$samples"/*.by-*; do
	[ -e "$want" ] || continue
	input=${want%.by-*}
	keys=${want##*.by-}
	n=$((n + 1))
	"$bin" -o tsv scan --by "$keys" "$input" 2>/dev/null | tail -n +2 |
	    LC_ALL=C sort >"$tmp/got"
	if cmp -s "$tmp/got" "$want"; then pass; else
		fail "$(basename "$want"): grouped tally differs (< expected, > got):"
		diff "$want" "$tmp/got" | grep '^[<>]' | head -6 | sed 's/^/  /'
	fi
done
[ "$n" -ge 4 ] && pass || fail "only $n samples with a grouped tally"

# The summary: header, rows by count then code, totals by class.
printf '%s\n' '550 5.1.1 a' '421 4.7.0 b' '550 5.1.1 c' 'noise' \
    'Status: 4.4.7' '' '250 2.0.0 ok' '550 5.1.1 d' >"$tmp/mix.log"
run scan "$tmp/mix.log"
check "scan" "$status" 0
same "scan header" "$(head -1 "$out")" \
    '   count  dir  code   enhanced  class         verdict    reason               name'
same "scan rows" "$(sed -n '2,$p' "$out" | awk 'NF > 3 && $1 ~ /^[0-9]+$/ { print $1, $3, $4 }' | tr '\n' ',')" \
    '3 550 5.1.1,1 - 4.4.7,1 250 2.0.0,1 421 4.7.0,'
same "scan totals" "$(tail -1 "$out")" \
    'Totals: 1 success, 0 intermediate, 2 transient, 3 permanent; 6 replies in 8 lines'
run -o json scan "$tmp/mix.log"
if command -v jq >/dev/null 2>&1; then
	same "scan json count" "$(jq '.results[0].count' "$out")" 3
	same "scan json totals" "$(jq -c '.totals.classes' "$out")" \
	    '{"2":1,"3":0,"4":2,"5":3}'
	same "scan json lines" "$(jq '.totals.lines' "$out")" 8
	same "scan json totals keys" "$(jq -c '.totals | keys_unsorted' "$out")" \
	    '["lines","replies","not_itemised","classes"]'
	# -f: the field of each row as an item, and no totals.
	run -o json scan -f count "$tmp/mix.log"
	same "scan json -f" "$(jq -c '[.command, .results, has("totals")]' "$out")" \
	    '["scan",[3,1,1,1],false]'
else
	skip "scan JSON: jq is not installed"
fi
run -o tsv scan -f code "$tmp/mix.log"
same "scan tsv -f: no header, a line a row" "$(tr '\n' ,  <"$out")" \
    '550 5.1.1,4.4.7,250 2.0.0,421 4.7.0,'
run -o tsv scan "$tmp/mix.log"
same "scan tsv header" "$(head -1 "$out")" \
    "$(printf 'count\tbasic_code\tenhanced_code\tclass\tverdict\tname\treason\tdirection')"
same "scan tsv row" "$(sed -n 2p "$out" | cut -f1-5)" \
    "$(printf '3\t550\t5.1.1\t5\thard')"

# Totals count in words: one reply on one line, none, or several.
printf '550 5.1.1 x\n' | "$bin" scan >"$out" 2>"$err"
check "one reply" $? 0
same "one reply totals" "$(tail -1 "$out" | sed 's/.*; //')" '1 reply in 1 line'
printf 'x\n' | "$bin" scan >"$out" 2>"$err"
same "no reply totals" "$(tail -1 "$out" | sed 's/.*; //')" '0 replies in 1 line'
printf '' | "$bin" scan >"$out" 2>"$err"
same "empty input totals" "$(tail -1 "$out" | sed 's/.*; //')" '0 replies in 0 lines'
# 4098 different pairs: the table holds 4096 groups; the last two are
# counted in the other row, and stderr says so once.
awk 'BEGIN { for (i = 0; i < 4098; i++) print 550 + int(i / 1000) " 5.1." i % 1000 }' |
    "$bin" -o tsv scan >"$out" 2>"$err"
check "full table" $? 0
same "full table: groups" "$(grep -c '^1	5' "$out")" 4096
same "full table: other row" "$(tail -1 "$out" | cut -f1,2)" "$(printf '2\tother')"
same "full table: said once" "$(grep -c '^smtpcode: 2 counts past the 4096 groups' "$err")" 1

# Standard input: none given, or "-"; both are the same.
same "scan stdin" "$("$bin" scan <"$tmp/mix.log" | tail -1)" \
    "$("$bin" scan - <"$tmp/mix.log" | tail -1)"

# No reply at all: status 1, and an empty tally.
printf 'nothing here\n' | "$bin" scan >"$out" 2>"$err"
check "no reply" $? 1
[ -s "$err" ] && fail "no reply: stderr" || pass

# The last line needs no newline; NUL bytes and stray bytes pass.
printf '550 5.1.1 a\000b\n421 4.7.0 \377\376\n550 5.1.1 end' >"$tmp/raw.log"
same "raw tally" "$(tally "$tmp/raw.log" | tr '\n\t' ', ')" \
    '1 421 4.7.0,2 550 5.1.1,'
printf '550 5.1.1 a\000b\n421 4.7.0 \377\376 \033[2J\n' >"$tmp/raw2.log"
"$bin" scan -a "$tmp/raw2.log" | grep -av '^#smtpcode: ' >"$tmp/back"
cmp -s "$tmp/back" "$tmp/raw2.log" && pass || fail "raw bytes: round trip differs"

# Lines of any length: a 10 MB line is counted, its reply found, and
# --annotate gives it back whole.
awk 'BEGIN { printf "host mx said: 452 4.2.2 full "
    for (i = 0; i < 10485760; i++) printf "x"; printf "\n250 2.0.0 ok\n" }' \
    >"$tmp/long.log"
same "long line tally" "$(tally "$tmp/long.log" | tr '\n\t' ', ')" \
    '1 250 2.0.0,1 452 4.2.2,'
"$bin" scan -a "$tmp/long.log" | grep -v '^#smtpcode: ' | cmp -s - "$tmp/long.log" &&
    pass || fail "long line: round trip differs"
same "long line notes" "$("$bin" scan -a "$tmp/long.log" | grep -c '^#smtpcode: ')" 2
awk 'BEGIN { for (i = 0; i < 3000000; i++) printf "y"; printf "\n" }' >"$tmp/nolf.log"
printf '550 5.1.1 x' >>"$tmp/nolf.log"
awk 'BEGIN { for (i = 0; i < 3000000; i++) printf "y" }' >"$tmp/tail.log"
"$bin" scan -a "$tmp/tail.log" | cmp -s - "$tmp/tail.log" && pass ||
    fail "long last line without a newline: --annotate adds to it"
same "long line then no newline" "$(tally "$tmp/nolf.log" | tr '\n\t' ', ')" \
    '1 550 5.1.1,'

# A reply at the end of a 5 MB line is found (the line's last 64 KiB are
# searched as well as its first), the line counted once, and --annotate
# notes it; a reply in the middle of a longer line than the 1 MiB buffer,
# in neither its first nor its last 64 KiB, is not found.
awk 'BEGIN { for (i = 0; i < 5242880 / 8; i++) printf "%08d", i
    printf " host mx.example.org[192.0.2.7] said: 550 5.1.1 gone\n"
    print "421 4.7.0 later" }' >"$tmp/end.log"
same "reply at the end of a 5 MB line" \
    "$(tally "$tmp/end.log" | tr '\n\t' ', ')" '1 421 4.7.0,1 550 5.1.1,'
same "5 MB line: lines counted" \
    "$("$bin" scan "$tmp/end.log" | sed -n 's/.* in \([0-9]*\) lines*$/\1/p')" 2
same "5 MB line: notes" \
    "$("$bin" scan -a "$tmp/end.log" | grep -c '^#smtpcode: 550 5.1.1')" 1
awk 'BEGIN { for (i = 0; i < 2097152 / 8; i++) printf "%08d", i
    printf " said: 550 5.1.1 gone "
    for (i = 0; i < 2097152 / 8; i++) printf "%08d", i
    print ""; print "421 4.7.0 later" }' >"$tmp/middle.log"
same "reply in the middle of a 4 MB line" \
    "$(tally "$tmp/middle.log" | tr '\n\t' ', ')" '1 421 4.7.0,'

# Errors: a missing file, a directory, an unreadable file: one line
# each, the other inputs still scanned, status 2.
mkdir "$tmp/dir"
run scan "$tmp/nope.log" "$tmp/dir" "$tmp/mix.log"
check "bad inputs" "$status" 2
same "bad inputs messages" "$(sed 's/^\(smtpcode: \).*\/\([^/]*\): /\1\2: /' "$err")" \
    "$(printf 'smtpcode: nope.log: No such file or directory\nsmtpcode: dir: Is a directory')"
grep -q '6 replies in 8 lines' "$out" && pass || fail "bad inputs: others not scanned"
if [ "$(id -u)" -ne 0 ]; then
	printf '550 5.1.1 x\n' >"$tmp/secret.log"
	chmod 000 "$tmp/secret.log"
	run scan "$tmp/secret.log"
	check "unreadable" "$status" 2
fi

# Compressed inputs, known by their magic bytes whatever their names:
# one line each naming the command that reads them, status 2, the
# other inputs still scanned; nothing of them copied by --annotate.
printf '\037\213\010\000\000\000\000\000\000\003' >"$tmp/m.log.2.gz"
printf 'BZh91AY&SY\001\002' >"$tmp/m.bz2"
printf '\3757zXZ\000\000\004\346\326' >"$tmp/m.xz"
printf '(\265/\375\044\000\001\000\000\231' >"$tmp/m.zst"
printf '\037\213\010\000\000\000\000\000\000\003' >"$tmp/a b.log"
run scan "$tmp/m.log.2.gz" "$tmp/mix.log" "$tmp/m.bz2" "$tmp/m.xz" \
    "$tmp/m.zst" "$tmp/a b.log"
check "compressed" "$status" 2
grep -q '6 replies in 8 lines' "$out" && pass ||
    fail "compressed: others not scanned"
same "compressed lines" "$(wc -l <"$err" | tr -d ' ')" 5
same "compressed messages" "$(sed 's/^\(smtpcode: \)[^ ]*\/\([^/]*\): /\1\2: /' "$err" |
    sed 's/^\([^;]*; try: [a-z]*\) .*\(| smtpcode scan\)$/\1 \2/' | tr '\n' ',')" \
    "smtpcode: m.log.2.gz: compressed; try: zcat | smtpcode scan,\
smtpcode: m.bz2: compressed; try: bzcat | smtpcode scan,\
smtpcode: m.xz: compressed; try: xzcat | smtpcode scan,\
smtpcode: m.zst: compressed; try: zstdcat | smtpcode scan,\
smtpcode: a b.log: compressed; try: zcat | smtpcode scan,"
grep -q "^smtpcode: .*/m.log.2.gz: compressed; try: zcat [^ ]*/m.log.2.gz | smtpcode scan$" \
    "$err" && pass || fail "compressed: the command names the file"
grep -q "try: zcat '[^']*/a b.log' |" "$err" && pass ||
    fail "compressed: a name with a space is quoted"
run scan -a "$tmp/m.log.2.gz"
check "compressed -a" "$status" 2
[ -s "$out" ] && fail "compressed -a: copied" || pass
"$bin" scan <"$tmp/m.zst" >"$out" 2>"$err"
check "compressed stdin" $? 2
same "compressed stdin message" "$(cut -d';' -f1 "$err")" \
    "smtpcode: stdin: compressed"
if command -v gzip >/dev/null 2>&1; then
	gzip -c "$tmp/mix.log" >"$tmp/real.gz"
	run scan "$tmp/real.gz"
	check "gzip" "$status" 2
	same "gzip zcat" "$(zcat "$tmp/real.gz" | "$bin" scan | tail -1)" \
	    'Totals: 1 success, 0 intermediate, 2 transient, 3 permanent; 6 replies in 8 lines'
else
	skip "a real gzip file: gzip is not installed"
fi

# A FIFO is read like any stream.
if mkfifo "$tmp/fifo" 2>/dev/null; then
	cat "$tmp/mix.log" >"$tmp/fifo" &
	same "fifo" "$("$bin" scan "$tmp/fifo" | tail -1)" \
	    'Totals: 1 success, 0 intermediate, 2 transient, 3 permanent; 6 replies in 8 lines'
	wait
fi

# Options that do not apply.
run scan -f nope "$tmp/mix.log"
check "scan -f nope" "$status" 2
grep -q "not a field of a scan row" "$err" && pass || fail "scan -f nope: message"
run scan -a --by domain "$tmp/mix.log"
check "scan -a --by" "$status" 2
run scan -a -o json "$tmp/mix.log"
check "scan -a -o json" "$status" 2
run -a 421
check "-a without scan" "$status" 2

# Direction, grouping, texts and filters on the direction sample: 6
# replies in (Postfix smtpd and postscreen, Exim, Sendmail ruleset and
# milter, OpenSMTPD), 7 out, 1 bare reply that says neither.
d_log=$samples/direction.log
run -o tsv scan --direction in "$d_log"
check "--direction in" "$status" 0
same "--direction in: count" "$(tail -n +2 "$out" | awk -F '\t' '{ n += $1 } END { print n }')" 6
same "--direction in: column" "$(tail -n +2 "$out" | cut -f8 | sort -u)" in
run -o tsv scan --direction out "$d_log"
same "--direction out: count" "$(tail -n +2 "$out" | awk -F '\t' '{ n += $1 } END { print n }')" 7
run scan --direction sideways "$d_log"
check "--direction sideways" "$status" 2
run -o tsv scan -c 4 "$d_log"
same "-c 4: codes" "$(tail -n +2 "$out" | cut -f2 | sort | tr '\n' ' ')" '421 450 451 452 '
run -o tsv scan --class permanent --verdict hard "$d_log"
same "-c permanent --verdict hard" "$(tail -n +2 "$out" | cut -f1-3 | tr '\t\n' ' ,')" '3 550 5.1.1,'
# The TSV and JSON columns are named by the keys, in --by's order, then
# count; a Sendmail to= list of two counts twice by recipient.
run -o tsv scan --by direction,domain "$d_log"
same "--by header" "$(head -1 "$out")" "$(printf 'direction\tdomain\tcount')"
same "--by row" "$(grep '^out	example.com	' "$out")" "$(printf 'out\texample.com\t5')"
run -o tsv scan --by recipient -c 4 "$d_log"
same "--by recipient: a list of two" "$(grep -c '@example.com	1$' "$out")" 2
run -o tsv scan --by relay --direction out "$d_log"
same "--by relay" "$(grep '^mx.example.net	' "$out")" "$(printf 'mx.example.net\t2')"
run -o tsv scan --by reason,provider -c 5 "$d_log"
same "--by reason,provider header" "$(head -1 "$out")" "$(printf 'reason\tprovider\tcount')"
run -o tsv scan --by code "$d_log"
same "--by code: the default rows" "$(head -1 "$out" | cut -f1-3,8)" \
    "$(printf 'count\tbasic_code\tenhanced_code\tdirection')"
run scan --by domian "$d_log"
check "--by domian" "$status" 2
grep -q "did you mean 'domain'" "$err" && pass || fail "--by domian: no suggestion"
if command -v jq >/dev/null 2>&1; then
	run -o json scan --by domain,direction "$d_log"
	same "--by json keys" "$(jq -c '.results[0] | keys_unsorted' "$out")" \
	    '["domain","direction","count"]'
	same "--by json count" "$(jq '[.results[].count] | add' "$out")" 15
	run -o json scan --by domain --texts 1 --direction out "$d_log"
	same "--texts json" "$(jq -r '.results[] | select(.domain == "example.com") | .texts[0]' "$out")" \
	    '2 <address>: User unknown'
else
	skip "scan --by JSON: jq is not installed"
fi
# --texts: the variable parts masked, so that the Postfix and the Exim
# "User unknown" read the same; in text, under the row, most frequent
# first.
run scan --by direction --texts 2 --direction out "$d_log"
same "--texts text" "$(sed -n 3p "$out" | sed 's/^ *//')" '2 <address>: User unknown'
run scan --texts 0 "$d_log"
check "--texts 0" "$status" 2
run -o tsv scan --texts 1 "$d_log"
same "--texts column" "$(head -1 "$out" | cut -f9)" texts
# -f: one field of each row.
run -f direction scan "$d_log"
same "-f direction" "$(sort "$out" | uniq -c | awk '{ printf "%s%s,", $1, $2 }')" '1-,6in,4out,'
run -f domain scan --by domain "$d_log"
same "-f domain" "$(grep -c '^example' "$out")" 3
# More groups than the table holds: the rest in the other row, said once.
awk 'BEGIN { for (i = 0; i < 4100; i++)
    printf "Mar  7 09:00:00 mx postfix/smtp[1]: Q: to=<u%d@example.org>, relay=mx[192.0.2.1]:25, dsn=5.1.1, status=bounced (host mx[192.0.2.1] said: 550 5.1.1 unknown (in reply to RCPT TO command))\n", i }' >"$tmp/many.log"
run -o tsv scan --by recipient "$tmp/many.log"
check "--by recipient, full" "$status" 0
same "full: other row" "$(grep '^other	' "$out")" "$(printf 'other\t4')"
same "full: said once" "$(grep -c 'smtpcode: 4 counts past the 4096 groups' "$err")" 1

# The suppression list: --recipients --verdict hard lists each
# hard-bounced address once, in the order first seen, its domain in
# lower case; a full mailbox, a retry, a refusal at MAIL FROM, a policy
# block, a delivery are not listed.  The samples' recipients, by hand:
# the log's Ann (twice), s1 and S2 (one Sendmail list), gone (Exim **);
# the bounce's DSN block (Final-Recipient, then the Original-Recipient
# written before it; its human part not counted) and a human-only
# bounce's paragraph.
r_log=$samples/recipients.log
r_eml=$samples/recipients.eml
run scan --recipients --verdict hard "$r_log" "$r_eml"
check "recipients hard" "$status" 0
same "recipients hard list" "$(tr '\n' ' ' <"$out")" \
    'Ann@example.com s1@example.org S2@example.org gone@example.net dead@example.org alias@example.net para@example.com '
[ -s "$err" ] && fail "recipients hard: stderr" || pass
same "recipients each once" "$(sort "$out" | uniq -d)" ''
for a in full@example.com later@example.net sender-side@example.org \
    blocked@example.org ok@example.org s3@example.org wait@example.net \
    quota@example.net fullbox@example.org slow@example.com; do
	grep -qx "$a" "$out" && fail "recipients hard: $a listed" || pass
done
run scan -r --verdict soft "$r_log" "$r_eml"
same "recipients soft" "$(tr '\n' ' ' <"$out")" \
    'full@example.com sender-side@example.org blocked@example.org quota@example.net fullbox@example.org '
run scan -r --verdict retry "$r_log" "$r_eml"
same "recipients retry" "$(tr '\n' ' ' <"$out")" \
    'later@example.net s3@example.org wait@example.net slow@example.com '
run scan -r "$r_log"
same "recipients of every reply" "$(wc -l <"$out" | tr -d ' ')" 12
# Standard input, the same list.
same "recipients stdin" "$("$bin" scan -r --verdict hard <"$r_log" | tr '\n' ' ')" \
    'Ann@example.com s1@example.org S2@example.org gone@example.net '
# No reply of that verdict: no address, status 1.
printf '450 4.2.1 later\n' | "$bin" scan -r --verdict hard >"$out" 2>"$err"
check "recipients none" $? 1
[ -s "$out" ] && fail "recipients none: output" || pass

# --verdict filters the summary: only the replies of that verdict count.
same "verdict hard tally" "$("$bin" -o tsv scan --verdict hard "$r_log" |
    tail -n +2 | cut -f1-5 | tr '\n\t' ', ')" \
    '3 550 5.1.1 5 hard,1  5.1.1 5 hard,'
same "verdict delivered totals" "$("$bin" scan --verdict delivered "$r_log" | tail -1)" \
    'Totals: 1 success, 0 intermediate, 0 transient, 0 permanent; 1 reply in 13 lines'
run scan --verdict bounced "$r_log"
check "verdict unknown word" "$status" 2
grep -q "did you mean 'hard'\|not one of" "$err" && pass || fail "verdict unknown word: message"
run --verdict hard 550
check "--verdict without scan" "$status" 2
run -r 550
check "-r without scan" "$status" 2
run scan -r -o json "$r_log"
check "scan -r -o json" "$status" 2
run scan -a -r "$r_log"
check "scan -a -r" "$status" 2

# A list fuller than the set: the set holds 65536 addresses; 4 more
# (and a repeat of a listed one, which is no more) are said on stderr,
# never dropped without a word.
awk 'BEGIN { for (i = 0; i < 65540; i++) printf "Mar  6 10:00:00 mx " \
    "postfix/smtp[1]: Q%d: to=<u%d@example.org>, dsn=5.1.1, " \
    "status=bounced (host mx said: 550 5.1.1 User unknown (in reply " \
    "to RCPT TO command))\n", i, i
    printf "Mar  6 10:00:00 mx postfix/smtp[1]: Q: to=<u7@example.org>, " \
    "dsn=5.1.1, status=bounced (host mx said: 550 5.1.1 User unknown " \
    "(in reply to RCPT TO command))\n" }' >"$tmp/many.log"
run scan -r --verdict hard "$tmp/many.log"
check "recipients overflow" "$status" 0
same "recipients overflow listed" "$(wc -l <"$out" | tr -d ' ')" 65536
same "recipients overflow first, last" "$(sed -n '1p;$p' "$out" | tr '\n' ' ')" \
    'u0@example.org u65535@example.org '
same "recipients overflow count" "$(sed -n 's/^smtpcode: \([0-9]*\) more hard-bounced .*/\1/p' "$err")" 4
same "recipients overflow one line" "$(wc -l <"$err" | tr -d ' ')" 1

# Memory does not grow with the input: the same peak for 10 times more.
if [ -x /usr/bin/time ]; then
	awk -v lines=20000 -f "$(dirname "$0")/mklog.awk" >"$tmp/s.log"
	awk -v lines=200000 -f "$(dirname "$0")/mklog.awk" >"$tmp/l.log"
	small=$(/usr/bin/time -f %M "$bin" scan "$tmp/s.log" 2>&1 >/dev/null | tail -1)
	large=$(/usr/bin/time -f %M "$bin" scan "$tmp/l.log" 2>&1 >/dev/null | tail -1)
	# Sanitizer builds keep a shadow of what they touch: only the plain
	# binary is held to flat memory.
	if ! is_elf || grep -q __asan_init "$bin"; then pass
	elif [ "$large" -le $((small + 512)) ]; then pass; else
		fail "memory grew: $small KiB for 20000 lines, $large KiB for 200000"
	fi
else
	skip "flat memory: /usr/bin/time (GNU time) is not installed"
fi

# Totals go by the class the sending server acts on, the basic code's,
# as the verdicts do: 451 5.7.3 is transient, 550 4.7.1 permanent.
printf 'host mx said: 451 5.7.3 try later (in reply to RCPT TO command)\nhost mx said: 451 5.7.3 again (in reply to RCPT TO command)\nhost mx said: 550 4.7.1 greylisted (in reply to RCPT TO command)\n' >"$tmp/mixed.log"
run scan "$tmp/mixed.log"
same "totals by the basic class" "$(grep '^Totals:' "$out" | cut -d';' -f1)" \
    "Totals: 0 success, 0 intermediate, 2 transient, 1 permanent"

# --annotate gives each reply its own verdict, as the tally does: a 550
# that refuses spam at the end of DATA is soft, not the hard of 550.
printf 'host mx said: 550 Message rejected as spam (in reply to end of DATA command)\n' >"$tmp/spam.log"
run scan -a "$tmp/spam.log"
same "annotate: the reply's verdict" "$(sed -n 2p "$out" | sed 's/.*; //')" \
    "soft bounce"

# Notices without a delivery status part name their recipient in a
# sentence (Gmail's "wasn't delivered to", Microsoft's "Your message
# to"); an HTML alternative after a text part is the same notice, not
# read again; an HTML part alone is read (a delay names no recipient).
run -o tsv -f recipient - <"$samples/notices.mbox"
same "notices: a record per recipient" "$(tr '\n' ' ' <"$out")" \
    'bob@example.org carol@example.net  '

# A DSN block's Action: decides over the class, and says so: an expired
# 4xx (Action: failed) is a soft bounce, a deferred 554 greeting
# (Action: delayed) is retried.
run -o tsv -f verdict - <"$(dirname "$0")/heldout-bounces5/postfix-expired-mixed.eml"
same "Action: failed: soft" "$(tr '\n' ' ' <"$out")" 'hard soft soft '
run -o tsv -f decided_by - <"$(dirname "$0")/heldout-bounces5/postfix-expired-mixed.eml"
same "Action: decided" "$(grep -c '^Action: failed' "$out")" 2
run -b - <"$(dirname "$0")/heldout-bounces17/customer-export.mbox"
same "Action: delayed: retry" "$(tail -1 "$out" | cut -d' ' -f1-2)" 'retry 554'

# A scan counts as "smtpcode -" does: as many replies as records, for
# every sample and held-out file (a bounce's recipients read alike).
for f in "$samples"/*.eml "$samples"/*.txt "$samples"/*.log \
    "$samples"/*.mbox "$(dirname "$0")"/heldout-bounces*/*.eml \
    "$(dirname "$0")"/heldout-bounces*/*.mbox; do
	[ -f "$f" ] || continue
	n=$(tally "$f" | awk -F '\t' '{ n += $1 } END { print n + 0 }')
	r=$("$bin" -o tsv - <"$f" 2>/dev/null | tail -n +2 | wc -l |
	    tr -d ' ')
	same "scan and records agree: $(basename "$f")" "$r" "$n"
done

# The held-out sets, once measured and used, are tests: every file
# tallied exactly as by hand, every recipient's verdict as by hand (a
# set has at least 4 files and 3 recipients: an empty one is no pass).
for d in heldout-bounces heldout-bounces2 heldout-bounces3 heldout-bounces4 heldout-bounces5 \
    heldout-bounces6 heldout-bounces7 heldout-bounces8 heldout-bounces9 \
    heldout-bounces10 heldout-bounces11 heldout-bounces12 heldout-bounces13 \
    heldout-bounces14 heldout-bounces15 heldout-bounces16 heldout-bounces17 \
    heldout-bounces18 heldout-bounces19 heldout-bounces20; do
	sh "$(dirname "$0")/heldoutscan.sh" "$bin" "$(dirname "$0")/$d" \
	    >"$tmp/heldout" 2>&1
	set -- $(sed -n 's/^tallied exactly: *\([0-9]*\) of \([0-9]*\) files$/\1 \2/p' \
	    "$tmp/heldout")
	[ "$#" -eq 2 ] && [ "$1" -eq "$2" ] && [ "$2" -ge 4 ] && pass ||
	    fail "$d: $(grep -v '^recipient' "$tmp/heldout" | head -4 | tr '\n' ' ')"
	set -- $(sed -n 's/^recipient verdicts: *\([0-9]*\) of \([0-9]*\) agree$/\1 \2/p' \
	    "$tmp/heldout")
	[ "$#" -eq 2 ] && [ "$1" -eq "$2" ] && [ "$2" -ge 3 ] && pass ||
	    fail "$d: recipient verdicts: $*"
done

finish
