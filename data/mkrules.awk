# SPDX-License-Identifier: ISC
# mkrules.awk -- validate what replies mean beyond their codes; write C
#
# Usage: LC_ALL=C awk -f data/tsvlib.awk -f data/mkrules.awk \
#            data/reasons.tsv data/phrases.tsv data/providers.tsv \
#            data/blocklists.tsv data/rules.tsv > src/rules.inc
#
# The header row says which table a file is; the files come in the order
# above, since each may name rows of the ones before.  The output has one
# section a table, each under #ifdef of its row macro, which src/rules.c
# defines one at a time: REASON_ROW, CODE_REASON_ROW, PROVIDER_ROW,
# HOST_ROW, BLOCKLIST_ROW,
# RULE_ROW, RULE_GROUP_ROW, PATTERN_ROW, and the matcher's STATE_ROW,
# OUT_ROW, MOVE_ROW and CLASS_ROW.
#
# The matcher is an Aho-Corasick automaton over every phrase, marker and
# rule phrase, built here as a complete table of moves over classes of
# bytes, so that the binary only walks it, one load a byte: one pass
# over a reply's text finds them all.  Any bad row is reported as
# FILE:LINE: reason on stderr, all of them, and the exit status is 1.
# The column rules are those of data/COLUMNS.txt.

BEGIN {
	FS = "\t"
	HEAD["reasons"] = "id\tname\tbounce\tmeaning\tfix\tcodes"
	HEAD["phrases"] = "phrase\treason\trank"
	HEAD["providers"] = "id\tname\tmarkers\thosts\tsource\tchecked"
	HEAD["blocklists"] = "id\tname\tmarkers\tdelist\tsource\tchecked"
	HEAD["rules"] = "provider\tcode\tbasic\tphrase\talone\treason\t" \
	    "verdict\tmeaning\tfix\tsource\tchecked"
	ORDER = "reasons phrases providers blocklists rules"
	PROSE_MAX = 600
	CLASSES_MAX = 64	# MATCH_CLASSES in src/rules.h
	NAME_MAX = 60
	VERDICTS["hard"] = "SMTPCODE_VERDICT_HARD"
	VERDICTS["soft"] = "SMTPCODE_VERDICT_SOFT"
	VERDICTS["retry"] = "SMTPCODE_VERDICT_RETRY"
	VERDICTS["-"] = "-1"
	nreasons = nproviders = nblocklists = nrules = npatterns = 0
	ncode_reasons = nhosts = 0
	table = ""
	tables_seen = 0
	failed = 0
}

function fail(why) {
	printf "%s:%d: %s\n", FILENAME, FNR, why > "/dev/stderr"
	failed = 1
}

function check_prose(field, label) {
	if (field == "" || field == "-")
		fail(label " is empty")
	else if (length(field) > PROSE_MAX)
		fail(label " is " length(field) " bytes, more than " PROSE_MAX)
	else if (field ~ /^ | $/)
		fail(label " starts or ends with a space")
}

# Advice is addressed to the roles by name, in the order of a session.
function check_fix(field) {
	check_prose(field, "fix")
	if (field !~ /^(Sender|Sender's admin|Receiving admin): /)
		fail("fix does not start with 'Sender: ', 'Sender's admin: '" \
		    " or 'Receiving admin: '")
}

function check_id(field, label) {
	if (field !~ /^[a-z][a-z0-9-]*[a-z0-9]$/ || length(field) > 24)
		fail(label " '" field "' is not a lower-case word with dashes")
}

function check_url(field, label) {
	if (field !~ /^https?:\/\/[A-Za-z0-9.-]+(\/[!-~]*)?$/)
		fail(label " '" field "' is not an http(s) URL")
}

# A date of the Gregorian calendar, YYYY-MM-DD, not after TODAY.
function check_date(field,    y, m, d, mdays) {
	if (field !~ /^20[0-9][0-9]-[01][0-9]-[0-3][0-9]$/) {
		fail("checked '" field "' is not a date YYYY-MM-DD")
		return
	}
	y = substr(field, 1, 4) + 0
	m = substr(field, 6, 2) + 0
	d = substr(field, 9, 2) + 0
	mdays = substr("312831303130313130313031", m * 2 - 1, 2) + 0
	if (m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))
		mdays = 29
	if (m < 1 || m > 12 || d < 1 || d > mdays)
		fail("checked '" field "' is not a day of the calendar")
	else if (TODAY != "" && field > TODAY)
		fail("checked '" field "' is after today, " TODAY)
}

# A phrase as the matcher sees text: lower case, one space for a run.
function check_phrase(field, label) {
	if (field !~ /^[ -~]+$/)
		fail(label " '" field "' is not printable ASCII")
	else if (field ~ /[A-Z]/)
		fail(label " '" field "' has upper case; phrases match any " \
		    "case and are written in lower case")
	else if (field ~ /^ *$|  /)
		fail(label " '" field "' is blank or has two spaces in a row")
	else if (length(field) < 3 || length(field) > 60)
		fail(label " '" field "' is not 3 to 60 bytes")
	else
		return 1
	return 0
}

# The codes that give a reason when the text gives none: "-", or enhanced
# codes of class 4 or 5 and basic codes, separated by ", ".  A code
# gives one reason at most.
function reason_codes(field, index_,    n, i, list, part, row) {
	if (field == "-")
		return
	n = split(field, list, ", ")
	for (i = 1; i <= n; i++) {
		if (list[i] ~ /^[45][0-5][0-9]$/)
			row = sprintf("CODE_REASON_ROW(%d, 0, 0, 0, %d)",
			    list[i], index_)
		else if ((part = status_parts(list[i])) != "" && \
		    list[i] !~ /^2/) {
			split(part, p3, " ")
			row = sprintf("CODE_REASON_ROW(0, %d, %d, %d, %d)",
			    p3[1], p3[2], p3[3], index_)
		} else {
			fail("codes: '" list[i] "' is not a code of class 4 " \
			    "or 5 like 5.1.1 or 550")
			continue
		}
		if (list[i] in CODE_REASON)
			fail("codes: " list[i] " gives two reasons")
		CODE_REASON[list[i]] = 1
		ROW["code_reason", ncode_reasons++] = row
	}
}

# The pattern index for text, added if new.
function pattern(text) {
	if (!(text in PATTERN)) {
		PATTERN[text] = npatterns
		PTEXT[npatterns] = text
		PREASON[npatterns] = -1
		PRANK[npatterns] = 0
		PPROVIDER[npatterns] = -1
		PLIST[npatterns] = -1
		npatterns++
	}
	return PATTERN[text]
}

# Markers: "-", or phrases separated by ';'.  Each names one owner.
function markers(field, owner, index_, label,    n, i, p, list) {
	if (field == "-")
		return
	n = split(field, list, ";")
	for (i = 1; i <= n; i++) {
		if (!check_phrase(list[i], label))
			continue
		p = pattern(list[i])
		if (owner == "provider" && PPROVIDER[p] != -1)
			fail(label " '" list[i] "' names two providers")
		else if (owner != "provider" && PLIST[p] != -1)
			fail(label " '" list[i] "' names two blocklists")
		else if (owner == "provider")
			PPROVIDER[p] = index_
		else
			PLIST[p] = index_
	}
}

# The enhanced code "5.7.1" as class, subject, detail; "" if malformed.
function status_parts(s,    part) {
	if (s !~ /^[245]\.[0-7]\.(0|[1-9][0-9]?[0-9]?)$/)
		return ""
	split(s, part, ".")
	return part[1] " " part[2] " " part[3]
}

FNR == 1 {
	table = ""
	tables_seen++
}

/^#/ || /^$/ {
	next
}

table == "" {
	split(ORDER, names, " ")
	if ($0 != HEAD[names[tables_seen]]) {
		fail("header row is not the " names[tables_seen] " table's: " \
		    HEAD[names[tables_seen]])
		exit 1
	}
	table = names[tables_seen]
	next
}

/\r/ {
	fail("carriage return in the row; the file must have LF line endings")
	next
}

{
	if (!is_utf8($0))
		fail("not valid UTF-8")
	else if ($0 ~ /[\001-\010\013-\037\177]/)
		fail("control character in the row")
	if (NF != split(HEAD[table], cols, "\t")) {
		fail("has " NF " fields, not " split(HEAD[table], cols, "\t"))
		next
	}
}

table == "reasons" {
	check_id($1, "id")
	if ($1 in REASON)
		fail("reason '" $1 "' is listed twice")
	if ($2 == "" || $2 == "-" || length($2) > NAME_MAX)
		fail("name is empty or longer than " NAME_MAX " bytes")
	if ($3 != "hard" && $3 != "soft")
		fail("bounce '" $3 "' is not hard or soft")
	check_prose($4, "meaning")
	check_fix($5)
	reason_codes($6, nreasons)
	REASON[$1] = nreasons
	ROW["reason", nreasons++] = sprintf("REASON_ROW(%s, %s, " \
	    "SMTPCODE_BOUNCE_%s, %s, %s)", cstring($1), cstring($2),
	    toupper($3), cstring($4), cstring($5))
	next
}

table == "phrases" {
	if (!($2 in REASON))
		fail("reason '" $2 "' is not in reasons.tsv")
	if ($3 !~ /^[123]$/)
		fail("rank '" $3 "' is not 1, 2 or 3")
	if (!check_phrase($1, "phrase") || !($2 in REASON))
		next
	p = pattern($1)
	if (PREASON[p] != -1) {
		fail("phrase '" $1 "' is listed twice")
		next
	}
	PREASON[p] = REASON[$2]
	PRANK[p] = $3 + 0
	next
}

table == "providers" {
	check_id($1, "id")
	if ($1 in PROVIDER)
		fail("provider '" $1 "' is listed twice")
	if ($2 == "" || $2 == "-" || length($2) > NAME_MAX)
		fail("name is empty or longer than " NAME_MAX " bytes")
	if ($3 == "-" && $4 == "-")
		fail("provider has neither markers nor hosts to know it by")
	if ($4 != "-" && $4 !~ /^[a-z0-9.-]+\.[a-z]+(;[a-z0-9.-]+\.[a-z]+)*$/)
		fail("hosts '" $4 "' is not domain names separated by ';'")
	check_url($5, "source")
	check_date($6)
	PROVIDER[$1] = nproviders
	markers($3, "provider", nproviders, "marker")
	if ($4 != "-") {
		nh = split($4, hl, ";")
		for (j = 1; j <= nh; j++)
			ROW["host", nhosts++] = sprintf("HOST_ROW(%d, %s, %d)",
			    nproviders, cstring(hl[j]), length(hl[j]))
	}
	ROW["provider", nproviders++] = sprintf("PROVIDER_ROW(%s, %s, %s, " \
	    "%s, %s)", cstring($1), cstring($2), cstring($4 == "-" ? "" : $4),
	    cstring($5), cstring($6))
	next
}

table == "blocklists" {
	check_id($1, "id")
	if ($1 in BLOCKLIST)
		fail("blocklist '" $1 "' is listed twice")
	if ($2 == "" || $2 == "-" || length($2) > NAME_MAX)
		fail("name is empty or longer than " NAME_MAX " bytes")
	if ($3 == "-")
		fail("a blocklist needs markers to know it by")
	# A list that has closed has nowhere to ask: "-".
	if ($4 != "-")
		check_url($4, "delist")
	check_url($5, "source")
	check_date($6)
	BLOCKLIST[$1] = nblocklists
	markers($3, "blocklist", nblocklists, "marker")
	ROW["blocklist", nblocklists++] = sprintf("BLOCKLIST_ROW(%s, %s, " \
	    "%s, %s, %s)", cstring($1), cstring($2),
	    cstring($4 == "-" ? "" : $4), cstring($5), cstring($6))
	next
}

table == "rules" {
	rule_row()
	next
}

# One rule: what a provider means by a code, a marker, or both.
function rule_row(    lo, hi, class_, key, ph, verdict, reason, basic) {
	if (!($1 in PROVIDER))
		fail("provider '" $1 "' is not in providers.tsv")
	class_ = 0
	lo = hi = "0 0 0"
	if ($2 == "*") {
		if ($4 == "-")
			fail("a rule for any code (*) needs a phrase")
	} else if ($2 ~ /-/) {
		split($2, range, "-")
		lo = status_parts(range[1])
		hi = status_parts(range[2])
		if (lo == "" || hi == "" || substr(lo, 1, 3) != \
		    substr(hi, 1, 3) || substr(lo, 5) + 0 >= substr(hi, 5) + 0)
			fail("code range '" $2 "' is not like 5.7.606-5.7.649")
	} else if ((lo = hi = status_parts($2)) == "")
		fail("code '" $2 "' is not an enhanced code like 5.7.1")
	class_ = substr(lo, 1, 1) + 0
	basic = 0
	if ($3 != "*") {
		if ($3 !~ /^[2-5][0-5][0-9]$/)
			fail("basic '" $3 "' is not a reply code or *")
		else if (class_ != 0 && substr($3, 1, 1) + 0 != class_)
			fail("basic " $3 " and code " $2 " differ in class")
		basic = $3 + 0
		if (class_ == 0)
			class_ = substr($3, 1, 1) + 0
	}
	ph = -1
	if ($4 != "-" && check_phrase($4, "phrase"))
		ph = pattern($4)
	if ($5 != "yes" && $5 != "no")
		fail("alone '" $5 "' is not yes or no")
	reason = -1
	if ($6 != "-" && !($6 in REASON))
		fail("reason '" $6 "' is not in reasons.tsv")
	else if ($6 != "-")
		reason = REASON[$6]
	if (!($7 in VERDICTS))
		fail("verdict '" $7 "' is not hard, soft, retry or -")
	else if (($7 == "retry" && class_ == 5) || \
	    (($7 == "hard" || $7 == "soft") && class_ == 4))
		fail("verdict " $7 " does not fit class " class_)
	if ($6 == "-" && $7 == "-")
		fail("a rule needs a reason, a verdict or both")
	check_prose($8, "meaning")
	check_fix($9)
	check_url($10, "source")
	# "-": the source named could not be read; the rule rests on replies.
	if ($11 != "-")
		check_date($11)
	key = $1 SUBSEP $2 SUBSEP $3 SUBSEP $4
	if (key in RULE)
		fail("duplicate rule: " $1 " " $2 " " $3 " " $4 " is also at " \
		    "line " RULE[key])
	RULE[key] = FNR
	split(lo, l, " ")
	split(hi, h, " ")
	# A rule for any code (*) has no code class, whatever its basic.
	RKEY[nrules] = l[1] * 8 + l[2]
	ROW["rule", nrules++] = sprintf("RULE_ROW(%d, %d, %d, %d, %d, %d, " \
	    "%d, %d, %d, %s, %s, %s, %s, %s)", PROVIDER[$1], l[1], l[2],
	    l[3], h[3], basic, ph, $5 == "yes", reason, VERDICTS[$7],
	    cstring($8), cstring($9), cstring($10),
	    cstring($11 == "-" ? "" : $11))
}

# Build the automaton: a trie of the patterns, then failure links and
# output lists breadth first.  A state's outputs include those of the
# states its failure link reaches, so the binary never walks that chain.
function build(    p, s, i, c, n, st, head, tail, u, v, f, k) {
	nstates = 1
	KIDS[0] = ""
	for (p = 0; p < npatterns; p++) {
		st = 0
		n = length(PTEXT[p])
		for (i = 1; i <= n; i++) {
			c = substr(PTEXT[p], i, 1)
			if (!((st, c) in GO)) {
				GO[st, c] = nstates
				KIDS[st] = KIDS[st] c
				KIDS[nstates] = ""
				OUTS[nstates] = ""
				nstates++
			}
			st = GO[st, c]
		}
		OUTS[st] = OUTS[st] " " p
	}
	head = tail = 0
	FAIL[0] = 0
	n = length(KIDS[0])
	for (i = 1; i <= n; i++) {
		v = GO[0, substr(KIDS[0], i, 1)]
		FAIL[v] = 0
		QUEUE[tail++] = v
	}
	while (head < tail) {
		u = QUEUE[head++]
		n = length(KIDS[u])
		for (i = 1; i <= n; i++) {
			c = substr(KIDS[u], i, 1)
			v = GO[u, c]
			f = FAIL[u]
			while (f != 0 && !((f, c) in GO))
				f = FAIL[f]
			FAIL[v] = ((f, c) in GO) ? GO[f, c] : 0
			OUTS[v] = OUTS[v] OUTS[FAIL[v]]
			QUEUE[tail++] = v
		}
	}
	nqueue = tail
}

# The byte classes: every byte a pattern holds gets a class of its own,
# upper-case letters their lower case's, white space the space's; class
# 0 is every other byte, on which every state goes back to the root.
function classes(    p, i, n, c, b) {
	nclasses = 1
	for (p = 0; p < npatterns; p++) {
		n = length(PTEXT[p])
		for (i = 1; i <= n; i++) {
			c = substr(PTEXT[p], i, 1)
			if (!(c in CLASS)) {
				CLASS[c] = nclasses
				CHAR[nclasses++] = c
			}
		}
	}
	if (!(" " in CLASS)) {
		CLASS[" "] = nclasses
		CHAR[nclasses++] = " "
	}
	if (nclasses > CLASSES_MAX) {
		printf "mkrules.awk: the phrases use %d different bytes, more " \
		    "than %d\n", nclasses - 1, CLASSES_MAX - 1 > "/dev/stderr"
		exit 1
	}
	for (b = 0; b < 256; b++) {
		c = sprintf("%c", b)
		if (b >= 65 && b <= 90)
			c = tolower(c)
		else if (b == 9 || b == 10 || b == 13)
			c = " "
		BYTE_CLASS[b] = (b > 0 && (c in CLASS)) ? CLASS[c] : 0
	}
}

# The complete move of every state on every class, breadth first, so
# that a state's failure link, which is shallower, is done before it.
function moves(    q, s, k, c, row) {
	for (q = -1; q < nqueue; q++) {
		s = q < 0 ? 0 : QUEUE[q]
		row = ""
		for (k = 0; k < CLASSES_MAX; k++) {
			c = k < nclasses ? CHAR[k] : ""
			if (k > 0 && k < nclasses && ((s, c) in GO))
				MOVE[s, k] = GO[s, c]
			else if (s == 0 || k == 0 || k >= nclasses)
				MOVE[s, k] = 0
			else
				MOVE[s, k] = MOVE[FAIL[s], k]
			row = row (k > 0 ? ", " : "") MOVE[s, k]
		}
		ROW["move", s] = "MOVE_ROW(" row ")"
	}
}

function section(macro, kind, n,    i) {
	print "#ifdef " macro
	for (i = 0; i < n; i++)
		print ROW[kind, i]
	print "#endif"
}

END {
	if (failed)
		exit 1
	if (tables_seen != 5 || nreasons == 0 || nproviders == 0) {
		printf "mkrules.awk: give the five tables in the order: %s\n",
		    ORDER > "/dev/stderr"
		exit 1
	}
	for (p = 0; p < npatterns; p++)
		ROW["pattern", p] = sprintf("PATTERN_ROW(%s, %d, %d, %d, %d, " \
		    "%d)", cstring(PTEXT[p]), length(PTEXT[p]), PREASON[p],
		    PRANK[p], PPROVIDER[p], PLIST[p])
	build()
	classes()
	moves()
	nouts = 0
	for (st = 0; st < nstates; st++) {
		n = split(substr(OUTS[st], 2), outs, " ")
		ROW["state", st] = sprintf("STATE_ROW(%d, %d)", nouts, n)
		for (i = 1; i <= n; i++)
			ROW["out", nouts++] = sprintf("OUT_ROW(%d)", outs[i])
	}
	printf "/* Generated by data/mkrules.awk from data/reasons.tsv, " \
	    "data/phrases.tsv,\n * data/providers.tsv, data/blocklists.tsv " \
	    "and data/rules.tsv.  DO NOT EDIT. */\n"
	section("REASON_ROW", "reason", nreasons)
	section("CODE_REASON_ROW", "code_reason", ncode_reasons)
	section("PROVIDER_ROW", "provider", nproviders)
	section("HOST_ROW", "host", nhosts)
	section("BLOCKLIST_ROW", "blocklist", nblocklists)
	# Rules go out grouped by class and subject, in file order within a
	# group, with where each group starts: a reply reads only its own.
	n = 0
	for (k = 0; k < 48; k++) {
		RULE_FIRST[k] = n
		for (i = 0; i < nrules; i++)
			if (RKEY[i] == k)
				ROW["sorted_rule", n++] = ROW["rule", i]
	}
	RULE_FIRST[48] = n
	section("RULE_ROW", "sorted_rule", nrules)
	print "#ifdef RULE_GROUP_ROW"
	for (k = 0; k <= 48; k++)
		printf "RULE_GROUP_ROW(%d)\n", RULE_FIRST[k]
	print "#endif"
	section("PATTERN_ROW", "pattern", npatterns)
	section("STATE_ROW", "state", nstates)
	section("OUT_ROW", "out", nouts)
	section("MOVE_ROW", "move", nstates)
	print "#ifdef CLASS_ROW"
	for (i = 0; i < 256; i++)
		printf "CLASS_ROW(%d)\n", BYTE_CLASS[i]
	print "#endif"
}
