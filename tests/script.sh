#!/bin/sh
# SPDX-License-Identifier: ISC
# script.sh -- end-to-end tests of the script interface: list, search,
# -o tsv|json, -f, --color, completion scripts and suggestions
#
# Usage: sh tests/script.sh ./smtpcode
# JSON is parsed with jq and TSV with awk and cut, field by field.  Ends
# with "N passed, N failed".

top=$(dirname "$0")/..
. "$(dirname "$0")/harness.sh"

# check NAME STATUS [WANT-STATUS]: pass when the status is the one wanted.
check() {
	if [ "$2" -eq "${3:-0}" ]; then pass; else
		fail "$1: status $2, expected ${3:-0}"
		sed 's/^/  stderr: /' "$err" | head -3
	fi
}

# same NAME GOT WANT: the two strings are equal.
same() {
	if [ "$2" = "$3" ]; then pass; else
		fail "$1: got '$2', expected '$3'"
	fi
}

codes=$(awk -F '\t' '/^[2-5][0-9][0-9]\t/ { print $1 }' "$top/data/codes.tsv")
ncodes=$(printf '%s\n' $codes | wc -l | tr -d ' ')
nstatus=$(grep -c '^X\.' "$top/data/enhanced.tsv")
code_fields='kind code name class class_name subject retry who_acts stage defined_in registered deprecated enhanced_codes basic_codes verdict description when fix'
reply_fields='kind reply basic_code enhanced_code server_text read_from in_reply_to provider marker agreement verdict decided_by registered incomplete truncated reason reason_words meaning provider_name provider_source provider_checked blocklist delist advice known recipient'

# list: a line a code, code first, sorted: reply codes, then the registry.
run list
check "list" "$status"
same "list lines" "$(wc -l <"$out" | tr -d ' ')" $((ncodes + nstatus))
same "list codes" "$(head -n "$ncodes" "$out" | cut -d' ' -f1 | tr '\n' ' ')" \
    "$(printf '%s ' $codes)"
same "list 421 line" "$(grep '^421 ' "$out")" \
    '421     transient     Service not available, closing channel'
same "list X.1.1 line" "$(grep '^X\.1\.1 ' "$out")" \
    'X.1.1   any class     Bad destination mailbox address'
grep -q '^X\.6\.10 .*(deprecated)$' "$out" && pass || fail "list: deprecated not marked"
run list --class 4
check "list --class 4" "$status"
awk '{ print $2 }' "$out" | sort -u >"$tmp/classes"
same "list --class 4 classes" "$(cat "$tmp/classes")" transient
grep -q '^421 ' "$out" && grep -q '^4\.2\.2 ' "$out" && pass ||
    fail "list --class 4: 421 or 4.2.2 missing"
grep -q '^5' "$out" && fail "list --class 4: a class 5 code" || pass
run list -c permanent
same "list -c permanent" "$(awk '{ print $2 }' "$out" | sort -u)" permanent
run list --class 3
same "list --class 3" "$(cut -d' ' -f1 "$out" | tr '\n' ' ')" '334 354 355 '
run list --class 7
check "list --class 7" "$status" 2
grep -q "^smtpcode: -c: '7': not one of " "$err" && pass ||
    fail "list --class 7 message: $(cat "$err")"
run list 421
check "list with an operand" "$status" 2
[ -s "$out" ] && fail "list 421: output" || pass
run -c 4 421
check "--class without list" "$status" 2

# search: every word, any case; status 1 when nothing matches.
run search MAILBOX Full
check "search mailbox full" "$status"
grep -q '^552 ' "$out" && grep -q '^X\.2\.2 ' "$out" && pass ||
    fail "search mailbox full: 552 or X.2.2 missing"
while read -r code rest; do
	"$bin" "$code" | grep -qi mailbox && "$bin" "$code" | grep -qi full ||
	    fail "search: $code does not hold both words"
done <"$out"
run search greylisting
check "search greylisting" "$status"
run search -c 4 greylisting
check "search -c 4" "$status"
awk '{ print $2 }' "$out" | grep -qv transient && fail "search -c 4: other class" || pass
run search xyzzyplugh
check "search nothing" "$status" 1
[ -s "$out" ] && fail "search nothing: output" || pass
run search
check "search no words" "$status" 2

# TSV: a header naming the fields, then one record a line.
run -o tsv 421 5.1.1 X.7.1
check "tsv codes" "$status"
same "tsv header" "$(head -1 "$out")" "$(printf '%s' "$code_fields" | tr ' ' '\t')"
same "tsv records" "$(wc -l <"$out" | tr -d ' ')" 4
same "tsv columns" "$(awk -F '\t' '{ print NF }' "$out" | sort -u)" 18
same "tsv code" "$(cut -f2 "$out" | tr '\n' ' ')" 'code 421 5.1.1 X.7.1 '
same "tsv class" "$(cut -f4 "$out" | tr '\n' ' ')" 'class 4 5 X '
same "tsv retry" "$(awk -F '\t' 'NR == 2 { print $7 }' "$out")" later
same "tsv stage" "$(awk -F '\t' 'NR == 2 { print $9 }' "$out")" 'connect, any'
same "tsv basic codes" "$(awk -F '\t' 'NR == 3 { print $14 }' "$out")" '451, 550'
same "tsv verdict" "$(cut -f15 "$out" | tr '\n' ' ')" 'verdict retry hard soft '
same "tsv fix" "$(awk -F '\t' 'NR == 2 { print $18 }' "$out")" \
    "$("$bin" -f fix 421)"
# Each column holds what -f of its header name prints.
i=0
for field in $code_fields; do
	i=$((i + 1))
	same "tsv column $i is $field" "$(tail -n +2 "$out" | cut -f$i)" \
	    "$("$bin" -o tsv -f "$field" 421 5.1.1 X.7.1)"
done
run -o tsv list
same "tsv list" "$(wc -l <"$out" | tr -d ' ')" $((ncodes + nstatus + 1))
same "tsv list columns" "$(awk -F '\t' '{ print NF }' "$out" | sort -u)" 18
"$bin" -o tsv "$(printf '550 5.1.1 tab\there\\back\rcr \033[2J')" >"$out" 2>"$err"
check "tsv reply" $?
same "tsv reply header" "$(head -1 "$out")" \
    "$(printf '%s' "$reply_fields" | tr ' ' '\t')"
same "tsv reply lines" "$(wc -l <"$out" | tr -d ' ')" 2
same "tsv reply escaped" "$(awk -F '\t' 'NR == 2 { print $5 }' "$out")" \
    'tab\there\\back\rcr \u001b[2J'
same "tsv reply codes" "$(cut -f2-4 "$out" | tail -1)" "$(printf '550 5.1.1\t550\t5.1.1')"
run -o tsv 421 '550 5.1.1 x'
check "tsv mixed" "$status" 2
grep -q '^smtpcode: -o tsv: give codes or replies, not both' "$err" && pass ||
    fail "tsv mixed message: $(cat "$err")"
# Junk among the operands gets its error line; the good rows still print.
run -o tsv 550 N/A
check "tsv code and junk" "$status" 2
same "tsv code and junk rows" "$(cut -f1-2 "$out" | tr '\t\n' ': ')" \
    'kind:code basic:550 '
same "tsv code and junk stderr" "$(head -1 "$err" | cut -d: -f1-2)" "smtpcode: 'N/A'"
run -o tsv 621 '550 5.1.1 x' 5.9.1
check "tsv reply and junk" "$status" 2
same "tsv reply and junk rows" "$(cut -f2 "$out" | tr '\n' ' ')" 'reply 550 5.1.1 '
same "tsv reply and junk stderr" "$(cut -d: -f1-2 "$err" | tr '\n' ' ')" \
    "smtpcode: '621' smtpcode: '5.9.1' "
run -o tsv -f name 550 N/A
check "tsv -f and junk" "$status" 2
same "tsv -f and junk" "$(cat "$out")" 'Mailbox unavailable'
run -o tsv N/A
check "tsv only junk" "$status" 2
same "tsv only junk stdout" "$(tail -n +2 "$out")" ''
run -f nope N/A
same "-f checked when all is junk" "$(head -1 "$err" | cut -d: -f1-3)" \
    "smtpcode: -f: 'nope'"
run -o tsv compare 421 553
check "tsv compare" "$status"
same "tsv compare header" "$(head -1 "$out")" "$(printf 'field\t421\t553\tdifference')"
same "tsv compare class" "$(grep '^class' "$out" | cut -f1-3)" "$(printf 'class\t4\t5')"
grep -q "^retry	later	fix-first	for 421, " "$out" && pass ||
    fail "tsv compare retry row"
same "tsv compare fields" "$(cut -f1 "$out" | tr '\n' ' ')" \
    'field meaning class retry who_acts stage defined_in enhanced_codes verdict action '
same "tsv compare no enhanced codes in common" \
    "$(awk -F '\t' '$1 == "enhanced_codes" { print $4 }' "$out")" ''
same "tsv compare meaning of 553" "$(awk -F '\t' '$1 == "meaning" { print $3 }' "$out" |
    cut -d';' -f1)" 'Mailbox name not allowed'
awk -F '\t' '$1 == "action" && $2 != "" && $3 != "" && $2 != $3 &&
    index($4, "421: " $2) == 1 { ok = 1 } END { exit !ok }' "$out" && pass ||
    fail "tsv compare action row: a different action a code"

# JSON: one document a run, parsed by jq, field by field.
if command -v jq >/dev/null 2>&1; then
	run -o json 421 5.1.1 429
	check "json codes" "$status" 1
	same "json command" "$(jq -r .command "$out")" explain
	same "json count" "$(jq '.results | length' "$out")" 3
	same "json keys" "$(jq -r '.results[0] | keys_unsorted | join(" ")' "$out")" \
	    "$code_fields"
	same "json code" "$(jq -r '[.results[].code] | join(" ")' "$out")" '421 5.1.1 429'
	same "json registered" "$(jq -c '[.results[].registered]' "$out")" '[true,true,false]'
	same "json stage" "$(jq -c '.results[0].stage' "$out")" '["connect","any"]'
	same "json who_acts" "$(jq -c '.results[1].who_acts' "$out")" \
	    '["sender","sender-admin","receiver-admin"]'
	same "json basic codes" "$(jq -c '.results[1].basic_codes' "$out")" '["451","550"]'
	same "json empty list" "$(jq -c '.results[1].stage' "$out")" '[]'
	same "json description" "$(jq -r '.results[0].description' "$out")" \
	    "$("$bin" -f description 421)"
	for field in $code_fields; do
		same "json -f $field" "$("$bin" -o json -f "$field" 5.7.1 |
		    jq -c '.results[0]')" "$("$bin" -o json 5.7.1 |
		    jq -c ".results[0].$field")"
	done
	printf '550-5.7.1 one\n550 5.7.1 two \033[2J "q"\n' |
	    "$bin" -o json - 'host mx said: 452 4.2.2 full (in reply to RCPT TO command)' \
	    >"$out" 2>"$err"
	check "json replies" $?
	same "json reply keys" "$(jq -r '.results[0] | keys_unsorted | join(" ")' "$out")" \
	    "$reply_fields basic enhanced"
	same "json reply text" "$(jq -r '.results[0].server_text' "$out")" \
	    "$(printf 'one two \033[2J "q"')"
	grep -q "$(printf '\033')" "$out" && fail "json: a raw escape byte" || pass
	same "json reply command" "$(jq -r '.results[1].in_reply_to' "$out")" rcpt
	same "json reply verdicts" "$(jq -r '[.results[].verdict] | join(" ")' "$out")" \
	    'soft retry'
	same "json reply nested" "$(jq -r '.results[1].enhanced.name' "$out")" 'Mailbox full'
	same "json reply agreement" "$(jq -r '.results[1].agreement' "$out")" usual
	printf '550 5.1.1 caf\351 \000x\n' | "$bin" -o json - >"$out" 2>"$err"
	check "json invalid UTF-8" $?
	same "json invalid UTF-8" "$(jq -r '.results[0].server_text' "$out" | od -An -c | tr -s ' ')" \
	    "$(printf 'caf\357\277\275 \000x\n' | od -An -c | tr -s ' ')"
	run -o json compare 550 5.1.1 4.7.1
	check "json compare" "$status"
	same "json compare codes" "$(jq -r '[.codes[].code] | join(" ")' "$out")" '550 5.1.1 4.7.1'
	same "json compare fields" "$(jq -r '[.table[].field] | join(" ")' "$out")" \
	    'meaning class retry who_acts stage subject defined_in pairing verdict action'
	same "json compare class values" \
	    "$(jq -c '.table[] | select(.field == "class") | .values' "$out")" '["5","5","4"]'
	same "json compare a meaning each" "$(jq -r '.table[0].values |
	    map(type == "string" and length > 0) | all' "$out")" true
	# 550 and 5.1.1 are hard bounces, 4.7.1 is transient.
	same "json compare action values" "$(jq -r '.table[-1].values |
	    (length == 3 and .[0] == .[1] and .[1] != .[2])' "$out")" true
	same "json compare verdicts" \
	    "$(jq -c '.table[] | select(.field == "verdict") | .values' "$out")" \
	    '["hard","hard","retry"]'
	jq -e '.table[] | select(.field == "pairing") | .difference |
	    test("550 with 5.1.1: the registry pairs them")' "$out" >/dev/null &&
	    pass || fail "json compare pairing difference"
	run -o json list --class 2
	same "json list" "$(jq '.results | length' "$out")" \
	    "$("$bin" list --class 2 | wc -l | tr -d ' ')"
	run -o json search xyzzyplugh
	check "json search nothing" "$status" 1
	same "json search nothing" "$(jq -c .results "$out")" '[]'
	run -o json -f class 421 553
	same "json -f" "$(jq -c .results "$out")" '["4","5"]'
else
	skip "JSON output: jq is not installed"
fi

# --field: the value alone, a line a code; an unknown name lists the valid.
same "-f class" "$("$bin" -f class 421)" 4
same "-f class several" "$("$bin" -f class 421 5.1.1 X.1.1 | tr '\n' ' ')" '4 5 X '
same "-f verdict reply" "$("$bin" -f verdict '550 5.1.1 x' 'Status: 4.4.7')" \
    "$(printf 'hard\nretry')"
same "-f server_text safe" "$("$bin" -f server_text "$(printf '550 a\033[2Jb')")" \
    'a\u001b[2Jb'
same "-f compare" "$("$bin" -f retry compare 421 553 | tr '\n' ' ')" 'later fix-first '
same "--field=name" "$("$bin" --field=name 250)" \
    "$(awk -F '\t' '$1 == "250" { print $2 }' "$top/data/codes.tsv")"
run -f nope 421
check "-f unknown" "$status" 2
[ -s "$out" ] && fail "-f unknown: output" || pass
same "-f unknown message" "$(cat "$err")" \
    "smtpcode: -f: 'nope': not a field of a code; the fields are: $(printf '%s' "$code_fields" | sed 's/ /, /g')"
run -f server_text 421
check "-f reply field for a code" "$status" 2
# Flags are each their own: a reply cut off is incomplete, not truncated.
same "-f incomplete" "$("$bin" -f incomplete '550-5.1.1 User unknown')" true
same "-f truncated" "$("$bin" -f truncated '550-5.1.1 User unknown')" false
same "-f deprecated" "$("$bin" -f deprecated 550 X.6.10 | tr '\n' ' ')" \
    'false true '
run -o yaml 421
check "-o yaml" "$status" 2
grep -q "^smtpcode: -o: 'yaml': not one of text, tsv, json" "$err" && pass ||
    fail "-o yaml message: $(cat "$err")"

# Colour: only on request or on a terminal; it never changes the text.
strip() { sed "s/$(printf '\033')\\[[0-9;]*m//g"; }
for args in 421 5.1.1 "compare 421 5.1.1" "list" "550 5.1.1 x"; do
	"$bin" --color=always $args >"$tmp/color" 2>&1
	"$bin" --color=never $args >"$tmp/plain" 2>&1
	grep -q "$(printf '\033')\\[" "$tmp/color" && pass ||
	    fail "--color=always $args: no colour"
	strip <"$tmp/color" | cmp -s - "$tmp/plain" && pass ||
	    fail "--color=always $args: the text changed"
done
"$bin" --color 550 | grep -q "$(printf '\033')\\[1;31m550" && pass ||
    fail "--color: 550 not red"
"$bin" --color list | grep -q "$(printf '\033')\\[1;33m421" && pass ||
    fail "--color: 421 not yellow"
"$bin" --color=always 421 | grep -q "^$(printf '\033')\\[1mClass:" && pass ||
    fail "--color: label not bold"
"$bin" 421 | grep -q "$(printf '\033')" && fail "piped: coloured" || pass
"$bin" --color=always -o tsv 421 | grep -q "$(printf '\033')" &&
    fail "tsv coloured" || pass
run --color=sometimes 421
check "--color=sometimes" "$status" 2
if script -qec 'true' /dev/null >/dev/null 2>&1; then
	tty_run() {
		script -qec "$1" /dev/null </dev/null 2>&1 | tr -d '\r'
	}
	tty_run "TERM=xterm \"$bin\" 421" >"$out"
	grep -q "$(printf '\033')\\[" "$out" && pass || fail "tty: no colour"
	tty_run "TERM=xterm NO_COLOR=1 \"$bin\" 421" >"$out"
	grep -q "$(printf '\033')\\[" "$out" && fail "tty, NO_COLOR: colour" || pass
	tty_run "TERM=xterm NO_COLOR= \"$bin\" 421" >"$out"
	grep -q "$(printf '\033')\\[" "$out" && pass || fail "tty, empty NO_COLOR: no colour"
	tty_run "TERM=dumb \"$bin\" 421" >"$out"
	grep -q "$(printf '\033')\\[" "$out" && fail "tty, TERM=dumb: colour" || pass
	tty_run "TERM=xterm \"$bin\" --color=never 421" >"$out"
	grep -q "$(printf '\033')\\[" "$out" && fail "tty, --color=never: colour" || pass
else
	skip "colour on a terminal: script(1) cannot run a pty here"
fi

# Suggestions for a mistyped command or option.
run compre 421 553
check "compre" "$status" 2
same "compre message" "$(cat "$err")" \
    "smtpcode: 'compre': unknown command; did you mean 'compare'?"
[ -s "$out" ] && fail "compre: output" || pass
run lsit
same "lsit message" "$(cat "$err")" "smtpcode: 'lsit': unknown command; did you mean 'list'?"
run --colr=always 421
check "--colr" "$status" 2
same "--colr message" "$(head -1 "$err")" \
    "smtpcode: unknown option '--colr=always'; did you mean '--color'?"
grep -q '^usage: ' "$err" && pass || fail "--colr: no usage line"
run --fromat json 421
same "--fromat message" "$(head -1 "$err")" \
    "smtpcode: unknown option '--fromat'; did you mean '--format'?"
run --zzzzzz 421
same "--zzzzzz message" "$(head -1 "$err")" "smtpcode: unknown option '--zzzzzz'"
run -x 421
same "-x message" "$(head -1 "$err")" "smtpcode: unknown option '-x'"
run -w
same "-w message" "$(head -1 "$err")" "smtpcode: option '-w' needs a value"
run hello
check "a word far from any command" "$status" 2
grep -q "no reply code found" "$err" && pass || fail "hello: $(cat "$err")"
run ls
same "ls message" "$(cat "$err")" "smtpcode: 'ls': unknown command; did you mean 'list'?"

# Suggestions for a mistyped value: the valid ones, then the nearest.
# suggest OPTION WANT ARGS...: status 2, nothing on stdout, and the
# first line of stderr names OPTION and ends suggesting WANT ('' for none).
suggest() {
	option=$1 want=$2
	shift 2
	name="suggest: $*"
	run "$@"
	check "$name" "$status" 2
	same "$name: stdout" "$(cat "$out")" ''
	same "$name: stderr" "$(head -1 "$err" | sed -n 's/^smtpcode: \([-a-z]*\): .*/\1/p')" \
	    "$option"
	same "$name: suggestion" "$(head -1 "$err" | sed -n "s/.*; did you mean '\(.*\)'?\$/\1/p")" \
	    "$want"
}
suggest -f class -f clas 421
suggest -f server_text -f server_txt '550 5.1.1 x'
suggest -f '' -f nope 421
suggest -c transient list -c transiet
suggest -c permanent search -c permanant full
suggest -c '' list -c 7
suggest -c 4 list -c 4xx
suggest -o json -o jsno 421
suggest --color always --color=allways 421
suggest completion bash completion bsh

# A reply given without quotes: its words are operands, each an error,
# and one last line says to quote it.
run 550 5.1.1 User unknown
check "unquoted reply" "$status" 2
same "unquoted reply pages" "$(grep -c '^[0-9X.]* [A-Z]' "$out")" 2
same "unquoted reply errors" "$(cut -d: -f1-2 "$err" | head -2 | tr '\n' ' ')" \
    "smtpcode: 'User' smtpcode: 'unknown' "
same "unquoted reply hint" "$(sed -n '3p' "$err" | cut -c1-32)" \
    'smtpcode: the words after a code'
same "unquoted reply hint once" "$(wc -l <"$err" | tr -d ' ')" 3
grep -q "quote it: smtpcode '550 " "$err" && pass || fail "unquoted reply: no example"
run -o json 550-5.1.1 Mailbox not found
check "unquoted multi-line reply" "$status" 2
same "unquoted multi-line reply hint" "$(tail -1 "$err" | cut -c1-32)" \
    'smtpcode: the words after a code'
for args in "550 5.1.1" "550 621" "N/A 550" "421 abc 553"; do
	run $args
	grep -q 'quote it' "$err" && fail "hint for $args" || pass
done
run 550 'User unknown'
grep -q 'quote it' "$err" && fail "hint for a quoted junk operand" || pass
run '550 5.1.1 User unknown'
check "quoted reply" "$status" 0
same "quoted reply stderr" "$(cat "$err")" ''

# Completion scripts: made from the tables, and they load.
run completion bash
check "completion bash" "$status"
for word in compare list search completion 421 X.1.1 5.1.1 4.7.1 --format \
    --field --class --color json who_acts server_text; do
	grep -q -- "$word" "$out" && pass || fail "bash completion lacks $word"
done
bash -n "$out" && pass || fail "bash -n: the bash script does not parse"
cp "$out" "$tmp/completion.bash"
complete() {
	bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1));
	    _smtpcode; printf "%s\n" "${COMPREPLY[@]}"' sh \
	    "$tmp/completion.bash" smtpcode "$@" | sort | tr '\n' ' '
}
same "complete comp" "$(complete comp)" 'compare completion '
same "complete --fo" "$(complete --fo)" '--format '
same "complete -o" "$(complete -o '')" 'json text tsv '
same "complete -f who" "$(complete -f who)" 'who_acts '
same "complete 5.7.2" "$(complete 5.7.2)" '5.7.2 5.7.20 5.7.21 5.7.22 5.7.23 5.7.24 5.7.25 5.7.26 5.7.27 5.7.28 5.7.29 '
same "complete completion" "$(complete completion '')" 'bash fish zsh '
same "complete scan files" "$(complete scan "$top/tests/samples/postfix.l")" \
    "$top/tests/samples/postfix.log $top/tests/samples/postfix.log.tally "
same "complete --color=" "$(complete --color=a)" '--color=always --color=auto '
# bash itself splits --name=value at '=' (COMP_WORDBREAKS): --color=a
# reaches the function as the words '--color' '=' 'a', and --color= as
# '--color' '='; the value then replaces the word after '='.
same "complete --color = a" "$(complete --color = a)" 'always auto '
same "complete --color =" "$(complete --color =)" 'always auto never '
same "complete --format = j" "$(complete --format = j)" 'json '
same "complete --field = who" "$(complete --field = who)" 'who_acts '
same "complete -ao" "$(complete -ao '')" 'json text tsv '
complete --color '' | grep -q 'compare' && pass ||
    fail "complete --color '': no commands (--color takes no next word)"
complete --color '' | grep -q 'always' && fail "complete --color '': colours" ||
    pass
# Options before the command: the command, and so scan's files, found.
files="$top/tests/samples/postfix.log $top/tests/samples/postfix.log.tally "
for words in "-o json scan" "--format = json scan" "--format=json scan" \
    "-w 80 --color = always scan" "-ao json scan" "scan -o json" \
    "-- scan"; do
	same "complete $words files" \
	    "$(complete $words "$top/tests/samples/postfix.l")" "$files"
done
complete -o json '' | grep -q 'compare' && complete -o json '' | grep -q ' 550 ' &&
    pass || fail "complete -o json '': not the commands and codes"
complete -o json 550 '' | grep -q 'compare' &&
    fail "complete -o json 550 '': a command after a code" || pass
codes55=$(printf '%s\n' $codes | grep '^55' | tr '\n' ' ')
same "complete -o json 550 55" "$(complete -o json 550 55)" "$codes55"
same "complete - 55" "$(complete - 55)" "$codes55"
same "complete -o json completion" "$(complete -o json completion '')" 'bash fish zsh '
same "complete completion bash" "$(complete completion bash '')" ' '
run completion zsh
check "completion zsh" "$status"
if command -v zsh >/dev/null 2>&1; then
	zsh -n "$out" && pass || fail "zsh -n: the zsh script does not parse"
	cp "$out" "$tmp/_smtpcode"
	zsh -fc "fpath=($tmp \$fpath); autoload -Uz compinit; compinit -u -d $tmp/zcd; autoload -Uz _smtpcode" \
	    >/dev/null 2>"$err" && [ ! -s "$err" ] && pass ||
	    fail "zsh: the script does not load: $(cat "$err")"
else
	skip "zsh completion script: zsh is not installed"
fi
run completion fish
check "completion fish" "$status"
if command -v fish >/dev/null 2>&1; then
	fish -n "$out" && pass || fail "fish -n: the fish script does not parse"
	fish -c "source $out; complete -C 'smtpcode comp'" >"$tmp/fish" 2>"$err"
	grep -q '^compare' "$tmp/fish" && pass ||
	    fail "fish: no completion of comp: $(cat "$tmp/fish" "$err")"
else
	skip "fish completion script: fish is not installed"
fi
run completion tcsh
check "completion tcsh" "$status" 2
run -o json completion bash
check "completion -o json" "$status" 2

finish
