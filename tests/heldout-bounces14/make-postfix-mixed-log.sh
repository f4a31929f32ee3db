#!/bin/sh
# make-postfix-mixed-log.sh: writes postfix-mixed.log (several hundred lines
# of one Postfix gateway's mixed traffic: postscreen, smtpd, cleanup, qmgr,
# smtp, lmtp, local, error, bounce, anvil), and, from its own bookkeeping,
# postfix-mixed.log.tally (COUNT<TAB>BASIC<TAB>ENHANCED, LC_ALL=C sorted) and,
# on standard output, one note per counted line: "l.N<TAB>BASIC<TAB>ENH<TAB>
# DIR<TAB>EVENT", for the README.
#
# Written for held-out set 14, by hand, without reading smtpcode's sources.
# Deterministic: a fixed seed and a small LCG, no awk rand().  Its products
# pass 2^53, so the bytes rely on IEEE double arithmetic as mawk and gawk
# (without -M) do it; made and checked with mawk.  Run from this directory:
#     sh make-postfix-mixed-log.sh > postfix-mixed.notes && rm postfix-mixed.notes
# (the notes are pasted into the README; keep no extra input file here).
set -eu
LC_ALL=C
export LC_ALL
awk -v LOG=postfix-mixed.log -v TALLY=postfix-mixed.log.tally '
function rnd(n) { seed = (seed * 1103515245 + 12345) % 2147483648; return int(seed / 65536) % n }
function pick(list,   a, k) { k = split(list, a, " "); return a[rnd(k) + 1] }
function qid(   s, i) {
	s = substr("456789", rnd(6) + 1, 1)
	for (i = 0; i < 11; i++) s = s substr(QC, rnd(length(QC)) + 1, 1)
	return s
}
function stamp(   h, m, s) {
	t += 1 + rnd(9)
	h = int(t / 3600); m = int((t % 3600) / 60); s = t % 60
	return sprintf("Jul  9 %02d:%02d:%02d gw1", h, m, s)
}
function pid(p) { if (!(p in P)) P[p] = 1000 + rnd(8000); return p "[" P[p] "]" }
function newev() { split("", P); P["qmgr"] = 1187; P["anvil"] = 1190; P["dnsblog"] = 1192 }
# one log line; basic/enh empty and dir "" when it holds no reply
function emit(prog, text, basic, enh, dir, ev) {
	n++
	print stamp() " postfix/" pid(prog) ": " text > LOG
	if (dir != "") {
		key = basic "\t" enh
		tally[key]++
		printf "l.%d\t%s\t%s\t%s\t%s\n", n, basic, enh, dir, ev
		counted++
	}
}
function ip_in() { return pick("198.51.100 203.0.113") "." (2 + rnd(250)) }
function user() { return pick("alice bob carol dave erin frank gina hal ivy jon kim lena mo nils olga pat") }
function delays() { return sprintf("delay=%.1f, delays=0.%d/0.0%d/0.%d/0.%d", 0.3 + rnd(40) / 10, rnd(9), rnd(9), rnd(9), rnd(9)) }
function size() { return 400 + rnd(90000) }

# --- inbound -------------------------------------------------------------
function in_ok(   h, a, q, u, lm) {
	h = pick("mail.example.net smtp.example.org out1.example.net mx-out.example.org"); a = ip_in(); q = qid(); u = user()
	emit("smtpd", "connect from " h "[" a "]")
	emit("smtpd", q ": client=" h "[" a "]")
	emit("cleanup", q ": message-id=<" rnd(99999) "." rnd(9999) "@" h ">")
	emit("qmgr", q ": from=<" user() "@" substr(h, index(h, ".") + 1) ">, size=" size() ", nrcpt=1 (queue active)")
	if (rnd(3)) {
		lm = qid()
		emit("lmtp", q ": to=<" u "@example.com>, relay=mail.example.com[private/dovecot-lmtp], " delays() ", dsn=2.0.0, status=sent (250 2.0.0 <" u "@example.com> " lm "Aw Saved)", "250", "2.0.0", "out", "lmtp delivered")
	} else
		emit("local", q ": to=<" u "@example.com>, relay=local, " delays() ", dsn=2.0.0, status=sent (delivered to maildir)", "", "2.0.0", "out", "local delivered, dsn= alone")
	emit("qmgr", q ": removed")
	emit("smtpd", "disconnect from " h "[" a "] ehlo=1 mail=1 rcpt=1 data=1 quit=1 commands=5")
}
function in_reject(kind,   h, a, u, f) {
	h = pick("mail.example.net relay.example.org bulk.example.net"); a = ip_in(); u = user(); f = user() "@example.net"
	if (kind == 4) h = "unknown"
	emit("smtpd", "connect from " h "[" a "]")
	if (kind == 1)
		emit("smtpd", "NOQUEUE: reject: RCPT from " h "[" a "]: 550 5.1.1 <" u "x@example.com>: Recipient address rejected: User unknown in virtual mailbox table; from=<" f "> to=<" u "x@example.com> proto=ESMTP helo=<" h ">", "550", "5.1.1", "in", "smtpd unknown user")
	else if (kind == 2)
		emit("smtpd", "NOQUEUE: reject: RCPT from " h "[" a "]: 454 4.7.1 <" u "@example.org>: Relay access denied; from=<" f "> to=<" u "@example.org> proto=ESMTP helo=<" h ">", "454", "4.7.1", "in", "smtpd relay denied")
	else if (kind == 3)
		emit("smtpd", "NOQUEUE: reject: RCPT from " h "[" a "]: 450 4.2.0 <" u "@example.com>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.com.html; from=<" f "> to=<" u "@example.com> proto=ESMTP helo=<" h ">", "450", "4.2.0", "in", "smtpd greylisted")
	else {
		emit("smtpd", "NOQUEUE: reject: RCPT from unknown[" a "]: 450 4.7.25 Client host rejected: cannot find your hostname, [" a "]; from=<" f "> to=<" u "@example.com> proto=ESMTP helo=<dsl-" rnd(999) ".example.net>", "450", "4.7.25", "in", "smtpd no PTR")
	}
	emit("smtpd", "disconnect from " h "[" a "] ehlo=1 mail=1 rcpt=0/1 rset=1 quit=1 commands=4/5")
}
function in_screen(kind,   a, p) {
	a = ip_in(); p = 40000 + rnd(25000)
	emit("postscreen", "CONNECT from [" a "]:" p " to [192.0.2.10]:25")
	if (kind == 1) {
		emit("dnsblog", "addr " a " listed by domain zen.spamhaus.org as 127.0.0." (2 + rnd(3)))
		emit("postscreen", "DNSBL rank " (2 + rnd(4)) " for [" a "]:" p)
		emit("postscreen", "NOQUEUE: reject: RCPT from [" a "]:" p ": 550 5.7.1 Service unavailable; client [" a "] blocked using zen.spamhaus.org; from=<" user() "@example.net>, to=<" user() "@example.com>, proto=ESMTP, helo=<" pick("ylmf-pc win-clj1b0gq6kp localhost") ">", "550", "5.7.1", "in", "postscreen DNSBL")
		emit("postscreen", "DISCONNECT [" a "]:" p)
	} else if (kind == 2) {
		emit("postscreen", "PREGREET 11 after 0.1" rnd(9) " from [" a "]:" p ": EHLO User\\r\\n")
		emit("postscreen", "DISCONNECT [" a "]:" p)
	} else
		emit("postscreen", "PASS OLD [" a "]:" p)
}
function in_sasl(   a) {
	a = ip_in()
	emit("smtpd", "connect from unknown[" a "]")
	emit("smtpd", "warning: unknown[" a "]: SASL LOGIN authentication failed: UGFzc3dvcmQ6")
	emit("smtpd", "lost connection after AUTH from unknown[" a "]")
	emit("smtpd", "disconnect from unknown[" a "] ehlo=1 auth=0/1 commands=1/2")
}
function in_milter(   h, a, q) {
	h = "bulk.example.net"; a = ip_in(); q = qid()
	emit("smtpd", "connect from " h "[" a "]")
	emit("smtpd", q ": client=" h "[" a "]")
	emit("cleanup", q ": milter-reject: END-OF-MESSAGE from " h "[" a "]: 5.7.1 Spam message rejected; from=<offers@example.net> to=<" user() "@example.com> proto=ESMTP helo=<" h ">", "", "5.7.1", "in", "cleanup milter-reject, enhanced code alone")
	emit("smtpd", "disconnect from " h "[" a "] ehlo=1 mail=1 rcpt=1 data=0/1 quit=1 commands=4/5")
}
function in_subject_trap(   h, a, q) {
	h = "mail.example.net"; a = ip_in(); q = qid()
	emit("cleanup", q ": warning: header Subject: Re: 550 units for the Q3 order from " h "[" a "]; from=<buyer@example.net> to=<sales@example.com> proto=ESMTP helo=<" h ">")
}

# --- outbound ------------------------------------------------------------
function out_head(q, u) {
	emit("pickup", q ": uid=33 from=<" u "@example.com>")
	emit("cleanup", q ": message-id=<" rnd(999999) "@gw1.example.com>")
	emit("qmgr", q ": from=<" u "@example.com>, size=" size() ", nrcpt=1 (queue active)")
}
function out_ev(kind,   q, u, r, d, mx, a, q2) {
	q = qid(); u = user(); r = user(); out_head(q, u)
	d = pick("example.org example.net"); mx = "mx." d; a = (d == "example.org") ? "192.0.2.40" : "198.51.100.60"
	if (kind == 1) {
		emit("smtp", "Verified TLS connection established to " mx "[" a "]:25: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256")
		emit("smtp", q ": to=<" r "@" d ">, relay=" mx "[" a "]:25, " delays() ", dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as " qid() ")", "250", "2.0.0", "out", "smtp sent")
	} else if (kind == 2) {
		emit("smtp", q ": to=<" r "@gmail.example>, relay=gmail-smtp-in.l.google.com[192.0.2.26]:25, " delays() ", dsn=2.0.0, status=sent (250 2.0.0 OK  17205" rnd(99999) " 5b1f17b1804b1-4266f6e2c1asi" rnd(999999) "f." rnd(99) " - gsmtp)", "250", "2.0.0", "out", "smtp sent, Gmail text")
	} else if (kind == 3) {
		emit("smtp", q ": to=<" r "@" d ">, relay=" mx "[" a "]:25, " delays() ", dsn=4.7.1, status=deferred (host " mx "[" a "] said: 451 4.7.1 Please try again later (in reply to RCPT TO command))", "451", "4.7.1", "out", "smtp deferred 451")
		return
	} else if (kind == 4) {
		r = r "." rnd(99)
		emit("smtp", q ": to=<" r "@" d ">, relay=" mx "[" a "]:25, " delays() ", dsn=5.1.1, status=bounced (host " mx "[" a "] said: 550 5.1.1 <" r "@" d ">: Recipient address rejected: User unknown in local recipient table (in reply to RCPT TO command))", "550", "5.1.1", "out", "smtp bounced unknown user")
		q2 = qid()
		emit("cleanup", q2 ": message-id=<" q2 "@gw1.example.com>")
		emit("bounce", q ": sender non-delivery notification: " q2)
		emit("qmgr", q2 ": from=<>, size=" size() ", nrcpt=1 (queue active)")
		emit("local", q2 ": to=<" u "@example.com>, relay=local, " delays() ", dsn=2.0.0, status=sent (delivered to maildir)", "", "2.0.0", "out", "local delivery of the NDR, dsn= alone")
		emit("qmgr", q2 ": removed")
	} else if (kind == 5) {
		emit("smtp", "connect to mx1." d "[" a "]:25: Connection refused")
		sub(/[0-9]+$/, "", a); a = a ((d == "example.org") ? "41" : "61")
		emit("smtp", q ": to=<" r "@" d ">, relay=none, " delays() ", dsn=4.4.1, status=deferred (connect to mx2." d "[" a "]:25: Connection timed out)", "", "4.4.1", "out", "smtp timeout, dsn= alone")
		return
	} else if (kind == 6) {
		emit("smtp", q ": to=<" r "@gmail.example>, relay=gmail-smtp-in.l.google.com[192.0.2.26]:25, " delays() ", dsn=4.7.28, status=deferred (host gmail-smtp-in.l.google.com[192.0.2.26] said: 421-4.7.28 [192.0.2.10      15] Our system has detected an unusual rate of 421-4.7.28 unsolicited mail originating from your IP address. To protect our 421-4.7.28 users from spam, mail sent from your IP address has been temporarily 421-4.7.28 rate limited. For more information, go to 421-4.7.28  https://support.google.com/mail/?p=UnsolicitedRateLimitError to 421 4.7.28 review our Bulk Email Senders Guidelines. 5b1f17b1804b1-" rnd(9999) "si.12 - gsmtp (in reply to end of data command))", "421", "4.7.28", "out", "smtp Gmail 421-4.7.28 multi-line, once")
		return
	} else if (kind == 7) {
		emit("smtp", q ": to=<" r "@" d ">, relay=" mx "[" a "]:25, " delays() ", dsn=5.2.2, status=bounced (host " mx "[" a "] said: 552 5.2.2 <" r "@" d ">: Mailbox full (in reply to end of data command))", "552", "5.2.2", "out", "smtp bounced mailbox full")
		return
	} else if (kind == 8) {
		emit("smtp", q ": to=<" r "@" d ">, relay=" mx "[" a "]:25, " delays() ", dsn=4.7.1, status=deferred (host " mx "[" a "] refused to talk to me: 554 5.7.1 Service unavailable; client [192.0.2.10] blocked using bl.example.net)", "554", "5.7.1", "out", "smtp 5xx greeting, deferred (dsn= not used)")
		return
	} else if (kind == 9) {
		emit("smtp", q ": to=<" r "@nonexistent.example.net>, relay=none, " delays() ", dsn=5.4.4, status=bounced (Host or domain name not found. Name service error for name=nonexistent.example.net type=AAAA: Host not found)", "", "5.4.4", "out", "smtp no such domain, dsn= alone")
		return
	} else if (kind == 10) {
		emit("smtp", q ": to=<" r "@lame-dns." d ">, relay=none, " delays() ", dsn=4.4.3, status=deferred (Host or domain name not found. Name service error for name=lame-dns." d " type=MX: Host not found, try again)", "", "4.4.3", "out", "smtp DNS tempfail, dsn= alone")
		return
	} else {
		emit("error", q ": to=<" r "@" d ">, relay=none, delay=3600, delays=3599/0.01/0/0, dsn=4.4.1, status=deferred (delivery temporarily suspended: connect to " mx "[" a "]:25: Connection timed out)", "", "4.4.1", "out", "error transport, dsn= alone")
		return
	}
	emit("qmgr", q ": removed")
}

BEGIN {
	seed = 20240710; t = 6 * 3600; n = 0; counted = 0
	QC = "BCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789"
	printf "" > LOG
	while (n < 440) {
		r = rnd(100); newev()
		if (r < 22) in_ok()
		else if (r < 29) in_reject(1)
		else if (r < 32) in_reject(2)
		else if (r < 37) in_reject(3)
		else if (r < 40) in_reject(4)
		else if (r < 45) in_screen(1)
		else if (r < 48) in_screen(2)
		else if (r < 53) in_screen(3)
		else if (r < 56) in_sasl()
		else if (r < 58) in_milter()
		else if (r < 59) in_subject_trap()
		else if (r < 71) out_ev(1)
		else if (r < 75) out_ev(2)
		else if (r < 78) out_ev(3)
		else if (r < 82) out_ev(4)
		else if (r < 85) out_ev(5)
		else if (r < 87) out_ev(6)
		else if (r < 89) out_ev(7)
		else if (r < 91) out_ev(8)
		else if (r < 93) out_ev(9)
		else if (r < 95) out_ev(10)
		else if (r < 97) out_ev(11)
		else emit("anvil", "statistics: max connection rate " (1 + rnd(9)) "/60s for (smtp:" ip_in() ") at Jul  9 0" (6 + rnd(3)) ":1" rnd(10) ":0" rnd(10))
	}
	close(LOG)
	for (k in tally) print tally[k] "\t" k | "LC_ALL=C sort > " TALLY
	close("LC_ALL=C sort > " TALLY)
	printf "# %d lines, %d counted\n", n, counted
}'
