#!/bin/sh
# SPDX-License-Identifier: ISC
# rules.sh -- data/mkrules.awk accepts good tables and rejects bad rows
#
# Each case writes the five tables, spoils one row, runs the generator
# and expects status 1 and the error "FILE:LINE: reason" on stderr.  Run
# from the top of the tree: sh tests/rules.sh

. tests/harness.sh

AWK=${AWK:-awk}
T=$(printf '\t')

# The good tables, one row or two each; a case overrides one file.
write_good() {
	printf 'id%sname%sbounce%smeaning%sfix%scodes\n' "$T" "$T" "$T" "$T" \
	    "$T" >"$tmp/reasons.tsv"
	printf 'recipient-unknown%sRecipient unknown%shard%sNo such mailbox.%sSender: check the address.%s5.1.1, 550\n' \
	    "$T" "$T" "$T" "$T" "$T" >>"$tmp/reasons.tsv"
	printf 'phrase%sreason%srank\nuser unknown%srecipient-unknown%s2\n' \
	    "$T" "$T" "$T" "$T" >"$tmp/phrases.tsv"
	printf 'id%sname%smarkers%shosts%ssource%schecked\n' "$T" "$T" "$T" \
	    "$T" "$T" >"$tmp/providers.tsv"
	printf 'big%sBig Mail%s - bigsmtp%sbig.example%shttps://big.example/codes%s2026-11-30\n' \
	    "$T" "$T" "$T" "$T" "$T" >>"$tmp/providers.tsv"
	printf 'id%sname%smarkers%sdelist%ssource%schecked\n' "$T" "$T" "$T" \
	    "$T" "$T" >"$tmp/blocklists.tsv"
	printf 'bl%sA list%sbl.example%shttps://bl.example/out%shttps://bl.example/%s2026-11-30\n' \
	    "$T" "$T" "$T" "$T" "$T" >>"$tmp/blocklists.tsv"
	printf 'provider%scode%sbasic%sphrase%salone%sreason%sverdict%smeaning%sfix%ssource%schecked\n' \
	    "$T" "$T" "$T" "$T" "$T" "$T" "$T" "$T" "$T" "$T" >"$tmp/rules.tsv"
	rule 'big' '5.7.606-5.7.649' '*' '-' 'yes' '-' 'soft'
}

# rule PROVIDER CODE BASIC PHRASE ALONE REASON VERDICT [CHECKED]: a row.
rule() {
	printf '%s%s%s%s%s%s%s%s%s%s%s%s%s%sIts meaning.%sSender: do this.%shttps://big.example/x%s%s\n' \
	    "$1" "$T" "$2" "$T" "$3" "$T" "$4" "$T" "$5" "$T" "$6" "$T" \
	    "$7" "$T" "$T" "$T" "$T" "${8:-2026-11-30}" >>"$tmp/rules.tsv"
}

generate() {
	LC_ALL=C $AWK -v TODAY=2026-12-01 -f data/tsvlib.awk \
	    -f data/mkrules.awk "$tmp/reasons.tsv" "$tmp/phrases.tsv" \
	    "$tmp/providers.tsv" "$tmp/blocklists.tsv" "$tmp/rules.tsv" \
	    >"$out" 2>"$err"
	status=$?
}

# expect_error NAME FILE LINE REASON: the run failed with that message.
expect_error() {
	if [ "$status" -ne 1 ]; then
		fail "$1: status $status, expected 1"
	elif ! grep -qF "$tmp/$2:$3: $4" "$err"; then
		fail "$1: no '$2:$3: $4' in: $(cat "$err")"
	else
		pass
	fi
}

write_good
generate
[ "$status" -eq 0 ] && [ ! -s "$err" ] && pass ||
    fail "good tables: status $status, $(cat "$err")"
grep -q '^RULE_ROW(0, 5, 7, 606, 649, 0, -1, 1, -1, SMTPCODE_VERDICT_SOFT' \
    "$out" && pass || fail "good tables: no rule row for 5.7.606-649"
grep -q '^PATTERN_ROW(" - bigsmtp", 10, -1, 0, 0, -1)' "$out" && pass ||
    fail "good tables: the marker is not a pattern of the provider"
grep -q '^STATE_ROW(' "$out" && pass || fail "good tables: no automaton"
grep -q '^CODE_REASON_ROW(0, 5, 1, 1, 0)$' "$out" &&
    grep -q '^CODE_REASON_ROW(550, 0, 0, 0, 0)$' "$out" && pass ||
    fail "good tables: the codes of a reason are not rows"

write_good
rule big 5.1.1 550 - no no-such-reason -
generate
expect_error "unknown reason" rules.tsv 3 \
    "reason 'no-such-reason' is not in reasons.tsv"

write_good
rule big 5.7.606-5.7.649 '*' - yes - soft
generate
expect_error "duplicate rule" rules.tsv 3 \
    "duplicate rule: big 5.7.606-5.7.649 * - is also at line 2"

write_good
rule big 5.1.1 550 - no - hard 2026-02-30
generate
expect_error "bad date" rules.tsv 3 "checked '2026-02-30' is not a day of the calendar"

write_good
rule big 5.1.1 550 - no - hard 2027-01-01
generate
expect_error "future date" rules.tsv 3 "checked '2027-01-01' is after today, 2026-12-01"

write_good
rule big 4.7.1 450 - no - hard
generate
expect_error "verdict and class" rules.tsv 3 "verdict hard does not fit class 4"

write_good
rule big 5.7.1 450 - no - soft
generate
expect_error "basic and code" rules.tsv 3 "basic 450 and code 5.7.1 differ in class"

write_good
rule big '*' '*' - yes - soft
generate
expect_error "no code, no phrase" rules.tsv 3 "a rule for any code (*) needs a phrase"

write_good
rule nobody 5.1.1 550 - no - hard
generate
expect_error "unknown provider" rules.tsv 3 "provider 'nobody' is not in providers.tsv"

write_good
rule big 5.1.1 550 'User Unknown' no - hard
generate
expect_error "upper-case phrase" rules.tsv 3 "phrase 'User Unknown' has upper case"

write_good
printf 'user unknown%srecipient-unknown%s2\n' "$T" "$T" >>"$tmp/phrases.tsv"
generate
expect_error "duplicate phrase" phrases.tsv 3 "phrase 'user unknown' is listed twice"

write_good
printf 'mailbox full%smailbox-full%s2\n' "$T" "$T" >>"$tmp/phrases.tsv"
generate
expect_error "phrase of an unknown reason" phrases.tsv 3 \
    "reason 'mailbox-full' is not in reasons.tsv"

write_good
printf 'mailbox-full%sMailbox full%smaybe%sFull.%sSender: wait.%s-\n' \
    "$T" "$T" "$T" "$T" "$T" >>"$tmp/reasons.tsv"
generate
expect_error "bad bounce" reasons.tsv 3 "bounce 'maybe' is not hard or soft"

write_good
printf 'mailbox-full%sMailbox full%ssoft%sFull.%sWait a day.%s-\n' \
    "$T" "$T" "$T" "$T" "$T" >>"$tmp/reasons.tsv"
generate
expect_error "advice to nobody" reasons.tsv 3 "fix does not start with 'Sender: '"

write_good
printf 'mailbox-full%sMailbox full%ssoft%sFull.%sSender: wait.%s5.2.2, 5.1.1\n' \
    "$T" "$T" "$T" "$T" "$T" >>"$tmp/reasons.tsv"
generate
expect_error "code of two reasons" reasons.tsv 3 "codes: 5.1.1 gives two reasons"

write_good
printf 'mailbox-full%sMailbox full%ssoft%sFull.%sSender: wait.%s2.0.0\n' \
    "$T" "$T" "$T" "$T" "$T" >>"$tmp/reasons.tsv"
generate
expect_error "success code" reasons.tsv 3 "codes: '2.0.0' is not a code of class 4 or 5"

write_good
printf 'other%sOther%s - bigsmtp%s-%shttps://o.example/%s2026-11-30\n' \
    "$T" "$T" "$T" "$T" "$T" >>"$tmp/providers.tsv"
generate
expect_error "shared marker" providers.tsv 3 "marker ' - bigsmtp' names two providers"

write_good
printf 'bl2%sList two%sbl2.example%snot a url%shttps://bl2.example/%s2026-11-30\n' \
    "$T" "$T" "$T" "$T" "$T" >>"$tmp/blocklists.tsv"
generate
expect_error "bad delist" blocklists.tsv 3 "delist 'not a url' is not an http(s) URL"

write_good
printf 'big%sBig%s' "$T" "$T" >"$tmp/x" && mv "$tmp/x" "$tmp/phrases.tsv"
generate
expect_error "wrong header" phrases.tsv 1 "header row is not the phrases table's"
[ ! -s "$out" ] && pass || fail "a failed run wrote C rows"

finish
