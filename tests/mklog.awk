# SPDX-License-Identifier: ISC
# mklog.awk -- a deterministic synthetic mail log for the scan benchmark
#
# Usage: awk -v lines=1000000 -f tests/mklog.awk > mail.log
# Postfix, Exim and Sendmail lines, a third each: deliveries, deferrals,
# bounces and noise, chosen by a fixed linear congruential generator so
# that every run writes the same bytes.

function rnd(n) {
	seed = (seed * 1103515245 + 12345) % 2147483648
	return int(seed / 65536) % n
}

function stamp() {
	return sprintf("Nov 28 %02d:%02d:%02d", rnd(24), rnd(60), rnd(60))
}

function qid() {
	return sprintf("%X%X", 4096 + rnd(61440), 4096 + rnd(61440))
}

function postfix(    r, to, head) {
	to = "user" rnd(5000) "@example" rnd(50) ".org"
	head = stamp() " mx1 postfix/smtp[" 1000 + rnd(9000) "]: " qid() \
	    ": to=<" to ">, relay=mx.example.org[192.0.2." rnd(250) "]:25, " \
	    "delay=" rnd(9) "." rnd(9) ", delays=0.1/0/0.2/0.2, "
	r = rnd(20)
	if (r < 8)
		return head "dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as " \
		    qid() ")"
	if (r < 10)
		return head "dsn=5.1.1, status=bounced (host " \
		    "mx.example.org[192.0.2.7] said: 550 5.1.1 <" to ">: " \
		    "Recipient address rejected: User unknown in virtual " \
		    "mailbox table (in reply to RCPT TO command))"
	if (r < 12)
		return head "dsn=4.7.0, status=deferred (host " \
		    "mx.example.org[192.0.2.7] said: 421 4.7.0 Try again " \
		    "later, closing connection. (in reply to end of DATA " \
		    "command))"
	if (r < 13)
		return head "dsn=4.4.1, status=deferred (connect to " \
		    "mx.example.org[192.0.2.9]:25: Connection timed out)"
	if (r < 16)
		return stamp() " mx1 postfix/qmgr[1201]: " qid() ": from=<" \
		    "sender" rnd(300) "@example.net>, size=" 1000 + rnd(90000) \
		    ", nrcpt=1 (queue active)"
	return stamp() " mx1 postfix/smtpd[" 1000 + rnd(9000) "]: " \
	    "connect from unknown[198.51.100." rnd(250) "]"
}

function exim(    r, to, head) {
	to = "user" rnd(5000) "@example" rnd(50) ".org"
	head = "2026-11-28 " substr(stamp(), 8) " 1t" qid() "-000" rnd(9) \
	    "-AB "
	r = rnd(20)
	if (r < 8)
		return head "=> " to " R=dnslookup T=remote_smtp " \
		    "H=mx.example.org [192.0.2." rnd(250) "] X=TLS1.3 " \
		    "C=\"250 2.0.0 OK 1732780000 x1si - gsmtp\""
	if (r < 10)
		return head "** " to " R=dnslookup T=remote_smtp " \
		    "H=mx.example.org [192.0.2.8]: SMTP error from remote " \
		    "mail server after RCPT TO:<" to ">: 550 5.7.1 Message " \
		    "rejected due to local policy"
	if (r < 12)
		return head "== " to " R=dnslookup T=remote_smtp defer " \
		    "(-44) H=mx.example.org [192.0.2.8]: SMTP error from " \
		    "remote mail server after RCPT TO:<" to ">: 451 4.7.1 " \
		    "Greylisted, try again in 5 minutes"
	if (r < 16)
		return head "<= sender" rnd(300) "@example.net " \
		    "H=relay.example.net [198.51.100." rnd(250) "] P=esmtps " \
		    "S=" 1000 + rnd(90000)
	return head "Completed"
}

function sendmail(    r, to, head) {
	to = "user" rnd(5000) "@example" rnd(50) ".org"
	head = stamp() " mx2 sm-mta[" 1000 + rnd(9000) "]: " qid() \
	    ": to=<" to ">, delay=00:00:0" rnd(9) ", xdelay=00:00:01, " \
	    "mailer=esmtp, pri=120" rnd(999) ", relay=mx.example.org. " \
	    "[192.0.2." rnd(250) "], "
	r = rnd(20)
	if (r < 8)
		return head "dsn=2.0.0, stat=Sent (" qid() " Message " \
		    "accepted for delivery)"
	if (r < 10)
		return head "dsn=4.2.0, stat=Deferred: 450 4.2.0 <" to \
		    ">... Mailbox busy"
	if (r < 12)
		return head "dsn=5.1.1, stat=User unknown"
	return stamp() " mx2 sm-mta[" 1000 + rnd(9000) "]: " qid() \
	    ": from=<sender" rnd(300) "@example.net>, size=" \
	    1000 + rnd(90000) ", class=0, nrcpts=1, msgid=<" qid() \
	    "@example.net>, proto=ESMTP, daemon=MTA, " \
	    "relay=relay.example.net [198.51.100." rnd(250) "]"
}

BEGIN {
	seed = 42
	if (lines == "")
		lines = 1000000
	for (n = 0; n < lines; n++) {
		which = rnd(3)
		if (which == 0)
			print postfix()
		else if (which == 1)
			print exim()
		else
			print sendmail()
	}
}
