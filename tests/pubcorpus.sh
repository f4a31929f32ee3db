#!/bin/sh
# SPDX-License-Identifier: ISC
# pubcorpus.sh -- how many of the codes a public corpus of real bounces
# expects does smtpcode find
#
# Usage: sh tests/pubcorpus.sh ./smtpcode DIR EXPECTED.tsv
#
# DIR holds bounce messages, one per file; EXPECTED.tsv has a header and
# a row per failed recipient: file <TAB> enhanced <TAB> reply <TAB> hard
# (reply empty when none is expected).  sisimai's set of emails is such
# a corpus: with a clone of rb-sisimai,
#     awk -f tests/sisimai2tsv.awk rb-sisimai/test/public/[lr]host-*.rb \
#         > expected.tsv
#     sh tests/pubcorpus.sh ./smtpcode rb-sisimai/set-of-emails/maildir/bsd \
#         expected.tsv
# (or `make pubcorpus PUBCORPUS=DIR PUBEXPECTED=expected.tsv`).  Nothing
# of the corpus is kept in this repository: it is another project's
# test data, to be measured against, never copied.
#
# Each message goes through `smtpcode -o tsv scan FILE`, which counts
# one reply per failed recipient (see "Scanning logs" in the man page);
# its rows give, for each pair of codes, how many recipients had it.
# In a file, an expected code is found as often as scan counted it, up
# to the number of recipients that expect it.  A code is "in the mail"
# when its digits occur in the message's text; sisimai also expects
# codes it makes up (5.0.9xx, 5.9.xxx, or 5.0.0 for a mail that names
# none), which no reader of the text can find: those are counted apart.
# A row whose file is missing from DIR (a name with "email-" is also
# tried as "lhost-" and back, the two namings of sisimai's releases) is
# skipped and counted.
#
# Prints the totals, then one line per file that misses a code found in
# the mail or counts another number of recipients:
#     miss MODULE FILE: WHAT; want REPLY/ENHANCED...; got COUNTxREPLY/ENHANCED...
# WHAT names the codes in the mail that were not found ("reply 550",
# "enhanced 5.1.1") and a wrong count ("counted 2 of 1").
# It measures; it asserts nothing, and exits 0 (2 on bad usage).

bin=${1:?usage: sh tests/pubcorpus.sh ./smtpcode DIR EXPECTED.tsv}
dir=${2:?usage: sh tests/pubcorpus.sh ./smtpcode DIR EXPECTED.tsv}
want=${3:?usage: sh tests/pubcorpus.sh ./smtpcode DIR EXPECTED.tsv}
[ -d "$dir" ] || { echo "pubcorpus.sh: $dir: not a directory" >&2; exit 2; }
[ -r "$want" ] || { echo "pubcorpus.sh: $want: cannot read" >&2; exit 2; }
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
tab=$(printf '\t')

# The file a row names, or the same under sisimai's other naming.
locate() {
	for f in "$dir/$1" "$dir/$(echo "$1" | sed 's/^email-/lhost-/')" \
	    "$dir/$(echo "$1" | sed 's/^lhost-/email-/')"; do
		[ -f "$f" ] && { echo "$f"; return 0; }
	done
	return 1
}

# Does the code occur in the file as a code, not inside a longer one?
inmail() {
	re=$(echo "$2" | sed 's/\./\\./g')
	grep -Eq "(^|[^0-9.])$re([^0-9]|\$)" "$1"
}

# One pass over the expected rows: scan each file once, and mark each
# expected code as in the mail (1) or not (0).  A tab is white space to
# read, which would merge an empty field with the next: write "-".
awk -F '\t' -v OFS='\t' '{ for (i = 1; i <= NF; i++) if ($i == "") $i = "-"
    print }' "$want" >"$tmp/want"
: >"$tmp/found"
: >"$tmp/rows"
last=
while IFS="$tab" read -r file enh reply hard rest; do
	case $file in
	file|'#'*|'') continue ;;
	esac
	[ "$enh" = - ] && enh=
	[ "$reply" = - ] && reply=
	if ! path=$(locate "$file"); then
		echo "$file" >>"$tmp/skipped"
		continue
	fi
	if [ "$file" != "$last" ]; then
		last=$file
		"$bin" -o tsv scan "$path" 2>/dev/null | awk -F '\t' -v f="$file" '
		    NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
		    { printf "%s\t%s\t%s\t%s\n", f, $col["count"],
		      $col["basic_code"], $col["enhanced_code"] }' \
		    >>"$tmp/found"
	fi
	ei=0
	ri=0
	[ -n "$enh" ] && inmail "$path" "$enh" && ei=1
	[ -n "$reply" ] && inmail "$path" "$reply" && ri=1
	printf '%s\t%s\t%s\t%s\t%s\n' "$file" "$enh" "$reply" "$ei" "$ri" \
	    >>"$tmp/rows"
done <"$tmp/want"

skipped=0
[ -f "$tmp/skipped" ] && skipped=$(sort -u "$tmp/skipped" | wc -l)
[ -s "$tmp/rows" ] || {
	echo "pubcorpus.sh: no expected row names a file in $dir" >&2
	exit 2
}

awk -F '\t' -v skipped="$skipped" '
function pct(a, b) { return b ? sprintf("%d/%d (%.1f%%)", a, b, 100 * a / b) : "0/0" }
function module(f,   m) {
	m = f
	sub(/-[0-9]+\.eml$/, "", m)
	sub(/^(email|lhost)-/, "", m)
	return m
}
# One expected code of file f: found if scan still has one unmatched;
# counted as in the mail or not (inm), a miss noted when it was there.
function take(f, code, inm, what, have, want, got,   k) {
	if (code == "")
		return
	k = inm ? "in" : "out"
	want[k]++
	if (have[f, code] > 0) {
		have[f, code]--
		got[k]++
	} else if (k == "in")
		miss[f] = miss[f] " " what " " code
}
FILENAME == ARGV[1] {
	# found: file, count, basic, enhanced
	got[$1] = got[$1] sprintf(" %dx%s/%s", $2, $3 == "" ? "-" : $3,
	    $4 == "" ? "-" : $4)
	counted[$1] += $2
	if ($3 != "")
		fr[$1, $3] += $2
	if ($4 != "")
		fe[$1, $4] += $2
	next
}
{
	# rows: file, enhanced, reply, enhanced in mail, reply in mail
	f = $1
	if (!(f in seen)) {
		seen[f] = 1
		order[++nfiles] = f
	}
	expected[f]++
	wanted[f] = wanted[f] sprintf(" %s/%s", $3 == "" ? "-" : $3, $2)
	take(f, $3, $5, "reply", fr, rwant, rgot)
	take(f, $2, $4, "enhanced", fe, ewant, egot)
}
END {
	for (i = 1; i <= nfiles; i++) {
		f = order[i]
		rcpt_want += expected[f]
		rcpt_got += counted[f]
		if (counted[f] == expected[f])
			rcpt_same++
		else
			miss[f] = miss[f] sprintf(" counted %d of %d",
			    counted[f], expected[f])
	}
	printf "messages measured:    %d (%d named but not in the directory)\n",
	    nfiles, skipped
	printf "recipients:           %d counted, %d expected; %s messages counted exactly\n",
	    rcpt_got, rcpt_want, pct(rcpt_same, nfiles)
	printf "reply codes in mail:  %s\n", pct(rgot["in"], rwant["in"])
	printf "enhanced in mail:     %s\n", pct(egot["in"], ewant["in"])
	printf "reply codes, all:     %s (%d not in the mail)\n",
	    pct(rgot["in"] + rgot["out"], rwant["in"] + rwant["out"]),
	    rwant["out"]
	printf "enhanced, all:        %s (%d not in the mail: made up by sisimai)\n",
	    pct(egot["in"] + egot["out"], ewant["in"] + ewant["out"]),
	    ewant["out"]
	for (i = 1; i <= nfiles; i++) {
		f = order[i]
		if (miss[f] != "")
			printf "miss %s %s:%s; want%s; got%s\n", module(f), f,
			    miss[f], wanted[f], got[f] == "" ? " nothing" : got[f]
	}
}' "$tmp/found" "$tmp/rows"
exit 0
