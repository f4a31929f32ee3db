#!/bin/sh
# SPDX-License-Identifier: ISC
# hostile.sh -- the hostile-input matrix: for each input that strangers
# or accidents can hand smtpcode, the expected stdout, stderr and status
#
# Usage: sh tests/hostile.sh ./smtpcode
# Ends with "N passed, N failed".

. "$(dirname "$0")/harness.sh"
esc=$(printf '\033')

# expect NAME STATUS STDOUT STDERR: compare the last run with what is
# wanted; STDOUT and STDERR are extended regular expressions that must
# match the whole output ('' for empty output).
expect() {
	if [ "$status" -ne "$2" ]; then
		fail "$1: status $status, expected $2"
		sed 's/^/  stderr: /' "$err" | head -3
		return
	fi
	for pair in "out:$3" "err:$4"; do
		file=$tmp/${pair%%:*}
		want=${pair#*:}
		if [ -z "$want" ]; then
			[ -s "$file" ] && { fail "$1: ${pair%%:*} not empty:";
			    head -c 300 "$file" | sed 's/^/  /'; return; }
		elif ! tr '\n' '\036' <"$file" | grep -Eq -- "^($want)$(printf '\036')?\$"; then
			fail "$1: ${pair%%:*} is not /$want/:"
			head -c 300 "$file" | sed 's/^/  /'
			return
		fi
	done
	pass
}

# no_escape NAME: the last run wrote no ESC byte to stdout.
no_escape() {
	if grep -q "$esc" "$out"; then fail "$1: an ESC byte reached stdout"
	else pass; fi
}

rules_code="a reply code is three digits, the first 2 to 5 and the second 0 to 5, such as 421"
no_reply="no reply code found; give a code such as 550 or 5\\.1\\.1, or a reply such as '550 5\\.1\\.1 text'"
page='.*'

# 1. An empty argument.
run ''
expect "empty argument" 2 '' "smtpcode: '': empty argument; $rules_code"

# 2. The largest argument Linux passes (MAX_ARG_STRLEN, 128 KiB), for a
# "1 MB argument": as a code, as text, and as a reply with a long text.
big=$(awk 'BEGIN { while (n++ < 131071) printf "4"; print "" }')
run "$big"
expect "huge code" 2 '' "smtpcode: '4{24}\\.\\.\\. \\(131071 bytes\\)': not three digits; $rules_code"
big=$(awk 'BEGIN { while (n++ < 131071) printf "x"; print "" }')
run "$big"
expect "huge text" 2 '' "smtpcode: 'x{24}\\.\\.\\. \\(131071 bytes\\)': $no_reply"
big=$(awk 'BEGIN { printf "550 5.1.1 "; while (n++ < 131000) printf "y"; print "" }')
run "$big"
expect "huge reply" 0 "Reply 550 5\\.1\\.1$(printf '\036')$page$(printf '\036')Server text: +y{2047}$(printf '\036')$page" ''
grep -q '^Note:            .*the text is longer than smtpcode keeps' "$out" &&
    pass || fail "huge reply: no note that the text was cut"

# 3. Invalid UTF-8: in a code, shown as '?'; in a reply's text, escaped.
run "$(printf '5\3515')"
expect "invalid UTF-8 code" 2 '' "smtpcode: '5\\?5': $no_reply"
run "$(printf '550 5.1.1 caf\351 \300\257 \355\240\200')"
expect "invalid UTF-8 text" 0 \
    "Reply 550 5\\.1\\.1$(printf '\036')$page$(printf '\036')Server text: +caf\\\\xe9 \\\\xc0\\\\xaf \\\\xed\\\\xa0\\\\x80$(printf '\036')$page" ''
"$bin" -o json "$(printf '550 5.1.1 caf\351')" >"$out" 2>"$err"
status=$?
expect "invalid UTF-8 JSON" 0 "$page\"server_text\": \"caf\\\\ufffd\",$page" ''

# 4. NUL bytes on standard input: the text keeps them, escaped.
printf '550 5.1.1 a\000b\n' | "$bin" - >"$out" 2>"$err"
status=$?
expect "NUL on stdin" 0 "Reply 550 5\\.1\\.1$(printf '\036')$page$(printf '\036')Server text: +a\\\\u0000b$(printf '\036')$page" ''
printf '\000\000\000\n' | "$bin" - >"$out" 2>"$err"
status=$?
expect "only NULs on stdin" 2 '' 'smtpcode: stdin: no reply code found'

# 5. Escape and other control sequences in a server's text reach a
# terminal neutralised; TSV and JSON escape them.
evil=$(printf '550 5.7.1 \033]0;owned\007\033[2J\033[31mred\342\200\256 \302\233x')
run "$evil"
expect "ESC in text" 0 "Reply 550 5\\.7\\.1$(printf '\036')$page$(printf '\036')Server text: +\\\\u001b\\]0;owned\\\\u0007\\\\u001b\\[2J\\\\u001b\\[31mred\\\\u202e \\\\u009bx$(printf '\036')$page" ''
no_escape "ESC in text"
run --color=always "$evil"
grep "^Server text:" "$out" | grep -q "$esc" && fail "ESC in coloured text" || pass
run -o tsv "$evil"
expect "ESC in TSV" 0 "kind	reply	${page}$(printf '\036')reply	550 5\\.7\\.1	550	5\\.7\\.1	\\\\u001b\\]0;owned\\\\u0007$page" ''
no_escape "ESC in TSV"
run -o json "$evil"
expect "ESC in JSON" 0 "$page\"server_text\": \"\\\\u001b\\]0;owned\\\\u0007\\\\u001b\\[2J\\\\u001b\\[31mred\\\\u202e \\\\u009bx\",$page" ''
no_escape "ESC in JSON"
printf '%s\n' "$evil" | "$bin" scan -a >"$out" 2>"$err"
status=$?
# --annotate copies its input as it is: it is the one place raw bytes
# pass, because it must give the input back; its notes are plain.
grep '^#smtpcode: ' "$out" | grep -q "$esc" && fail "ESC in a note" || pass
expect "ESC in a scanned log" 0 "$page" ''

# Option values are quoted as safely as operands.
run -f "$(printf 'x\033[2Jy')" 421
expect "ESC in a field name" 2 '' "smtpcode: -f: 'x\?\[2Jy': not a field of a code; the fields are: .*"
run -o "$(printf 'j\033son')" 421
expect "ESC in a format" 2 '' "smtpcode: -o: 'j\?son': not one of text, tsv, json; did you mean 'json'\\?$(printf '\036')usage: .*"

# 6. A closed standard output: an error; a reader that went away: none.
"$bin" 421 >&- 2>"$err"
status=$?
: >"$out"
expect "closed stdout" 2 '' 'smtpcode: stdout: Bad file descriptor'
{ "$bin" list 2>"$err"; echo $? >"$tmp/status"; } | head -1 >"$out"
status=$(cat "$tmp/status")
expect "reader gone" 0 '211 .*' ''

# 7. A full disk.
if [ -w /dev/full ]; then
	for args in 421 "-o json list" "scan tests/samples/postfix.log"; do
		"$bin" $args >/dev/full 2>"$err"
		status=$?
		: >"$out"
		expect "/dev/full: $args" 2 '' \
		    'smtpcode: stdout: No space left on device'
	done
fi

# 8. Files scan cannot read: one line each, the rest still scanned.
printf '550 5.1.1 x\n' >"$tmp/ok.log"
mkdir "$tmp/dir"
run scan "$tmp/dir" "$tmp/ok.log" "$tmp/missing"
expect "directory and missing file" 2 \
    "$page 1 reply in 1 line" \
    "smtpcode: $tmp/dir: Is a directory$(printf '\036')smtpcode: $tmp/missing: No such file or directory"
"$bin" - <"$tmp/dir" >"$out" 2>"$err"
status=$?
expect "stdin is a directory" 2 '' 'smtpcode: stdin: Is a directory'
if [ "$(id -u)" -ne 0 ]; then
	printf '550 5.1.1 x\n' >"$tmp/secret.log"
	chmod 000 "$tmp/secret.log"
	run scan "$tmp/secret.log"
	expect "unreadable file" 2 "$page" "smtpcode: $tmp/secret.log: Permission denied"
fi

# 9. A FIFO.
if mkfifo "$tmp/fifo" 2>/dev/null; then
	printf '421 4.7.0 later\n' >"$tmp/fifo" &
	run scan "$tmp/fifo"
	wait
	expect "FIFO" 0 "${page}Totals: 0 success, 0 intermediate, 1 transient, 0 permanent; 1 reply in 1 line" ''
fi

# 10. A 100 MB single line: scanned in fixed memory, its reply found;
# on standard input as a reply, refused at once.
awk 'BEGIN { printf "host mx said: 552 5.3.4 too big "
    for (i = 0; i < 104857600 / 64; i++)
        printf "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
    printf "\n" }' >"$tmp/huge.log"
run scan "$tmp/huge.log"
expect "100 MB line" 0 "${page}552    5\\.3\\.4 ${page}1 reply in 1 line" ''
if [ ! -x /usr/bin/time ]; then
	skip "100 MB line's memory: /usr/bin/time (GNU time) is not installed"
elif is_elf && ! grep -q __asan_init "$bin"; then
	rss=$(/usr/bin/time -f %M "$bin" scan "$tmp/huge.log" 2>&1 >/dev/null | tail -1)
	[ "$rss" -lt 8192 ] && pass || fail "100 MB line: peak RSS $rss KiB"
fi
"$bin" - <"$tmp/huge.log" >"$out" 2>"$err"
status=$?
expect "100 MB on stdin" 2 '' "smtpcode: stdin: more than 65536 bytes; smtpcode - reads replies, not whole logs"
rm -f "$tmp/huge.log"

# 11. A binary file: bytes of every value, no reply in them.
awk 'BEGIN { s = 7; for (i = 0; i < 200000; i++) {
    s = (s * 1103515245 + 12345) % 2147483648
    printf "%c", int(s / 65536) % 256 } }' >"$tmp/binary"
run scan "$tmp/binary"
expect "binary file" 1 "${page}Totals: 0 success, 0 intermediate, 0 transient, 0 permanent; 0 replies in [0-9]+ lines" ''
"$bin" scan -a "$tmp/binary" | cmp -s - "$tmp/binary" && pass ||
    fail "binary file: --annotate does not give it back"

finish
