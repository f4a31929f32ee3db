#!/bin/sh
# Generates long-reply.log: a short Postfix log in which one postfix/smtp
# line carries a very long (multi-line, joined) 550 5.7.1 reply.  The line is
# cut at 8000 bytes (as a syslog daemon with a size limit would), so the
# line ends inside the reply's text (no closing "(in reply to ...))").
# Usage: sh make-long-reply-log.sh > long-reply.log
awk 'BEGIN {
  print "Dec  2 13:00:01 out1 postfix/qmgr[1201]: 4Lq7Hd5Yt2z8wRk: from=<digest@portal.example.com>, size=48213, nrcpt=2 (queue active)"
  print "Dec  2 13:00:02 out1 postfix/smtp[30411]: 4Lq7Hd5Yt2z8wRk: to=<r.singh@ok.example>, relay=mx.ok.example[192.0.2.31]:25, delay=0.8, delays=0.1/0.01/0.3/0.39, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 4Lq7Hf0Kx1z1pQs)"
  line = "Dec  2 13:00:03 out1 postfix/smtp[30412]: 4Lq7Hd5Yt2z8wRk: to=<all-staff@bigcorp.example>, relay=mx.bigcorp.example[192.0.2.77]:25, delay=1.9, delays=0.1/0.01/0.4/1.4, dsn=5.7.1, status=bounced (host mx.bigcorp.example[192.0.2.77] said: "
  for (i = 1; i <= 80; i++) {
    sep = (i == 80) ? "550 5.7.1" : "550-5.7.1"
    line = line sep sprintf(" [192.0.2.5 %02d] Your message was rejected because it contains a link on our local blocklist (rule URIBL-%04d); contact postmaster@bigcorp.example if you believe this is an error. ", i, 1000 + i * 7)
  }
  line = line "(in reply to end of DATA command))"
  print substr(line, 1, 8000)
  print "Dec  2 13:00:03 out1 postfix/bounce[30415]: 4Lq7Hd5Yt2z8wRk: sender non-delivery notification: 4Lq7Hg2Mv6z1pQt"
  print "Dec  2 13:00:03 out1 postfix/qmgr[1201]: 4Lq7Hd5Yt2z8wRk: removed"
  print "Dec  2 13:00:09 out1 postfix/smtpd[30420]: NOQUEUE: reject: RCPT from unknown[203.0.113.144]: 504 5.5.2 <localhost>: Helo command rejected: need fully-qualified hostname; from=<a@b.example> to=<digest@portal.example.com> proto=SMTP helo=<localhost>"
  print "Dec  2 13:00:12 out1 postfix/smtp[30422]: 4Lq7Hk4Wn8z1pQv: to=<ceo@bigcorp.example>, relay=mx.bigcorp.example[192.0.2.77]:25, delay=300, delays=299/0.01/0.4/0.2, dsn=4.7.0, status=deferred (host mx.bigcorp.example[192.0.2.77] said: 421 4.7.0 Too many concurrent connections from your IP; try again later (in reply to MAIL FROM command))"
}'
