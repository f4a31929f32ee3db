/* SPDX-License-Identifier: ISC */
/* test_scan.c -- the scanner: what counts once, buffers, a full table */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../src/scan.h"

static struct smtpcode_scan scanner;
static struct smtpcode_scan_row rows[SMTPCODE_SCAN_SLOTS];

/* Scan len bytes of text as a file; return the number of rows. */
static size_t
scan(const char *text, size_t len, FILE *annotate)
{
	FILE *fp;

	assert_non_null(fp = tmpfile());
	assert_int_equal(fwrite(text, 1, len, fp), len);
	assert_int_equal(fflush(fp), 0);
	rewind(fp);
	smtpcode_scan_init(&scanner, annotate);
	smtpcode_scan_note(&scanner, smtpcode_render_note, annotate);
	assert_int_equal(smtpcode_scan_fd(&scanner, fileno(fp)), 0);
	fclose(fp);
	return smtpcode_scan_rows(&scanner, rows);
}

static size_t
scan_string(const char *text)
{
	return scan(text, strlen(text), NULL);
}

static void
assert_row(size_t i, unsigned long long count, int code, int class_digit,
    int subject, int detail)
{
	assert_int_equal(rows[i].count, count);
	assert_int_equal(rows[i].code, code);
	assert_int_equal(rows[i].has_status, class_digit != 0);
	if (class_digit == 0)
		return;
	assert_int_equal(rows[i].status.class_digit, class_digit);
	assert_int_equal(rows[i].status.subject, subject);
	assert_int_equal(rows[i].status.detail, detail);
}

/* Rows come most frequent first, ties by code; totals by class. */
static void
test_scan_order(void **state)
{
	(void)state;
	assert_int_equal(scan_string("550 5.1.1 a\n421 4.7.0 b\n"
	    "550 5.1.1 c\n250 ok\n"), 3);
	assert_row(0, 2, 550, 5, 1, 1);
	assert_row(1, 1, 250, 0, 0, 0);
	assert_row(2, 1, 421, 4, 7, 0);
	assert_int_equal(scanner.lines, 4);
	assert_int_equal(scanner.replies, 4);
	assert_int_equal(scanner.class_totals[2], 1);
	assert_int_equal(scanner.class_totals[4], 1);
	assert_int_equal(scanner.class_totals[5], 2);
}

/* "550-" lines and their last line are one reply, the first's code. */
static void
test_scan_continued(void **state)
{
	(void)state;
	assert_int_equal(scan_string("550-5.7.1 one\n550-5.7.1 two\n"
	    "550 5.7.1 three\n<<< 452-4.2.2 a\n<<< 452 4.2.2 b\n"), 2);
	assert_int_equal(scanner.replies, 2);
	/* A "550-" line that nothing finishes counts alone. */
	assert_int_equal(scan_string("550-5.7.1 cut\n421 4.3.2 other\n"), 2);
	assert_int_equal(scanner.replies, 2);
	assert_int_equal(scan_string("550-5.7.1 cut at the end\n"), 1);
	assert_int_equal(scanner.replies, 1);
	/* qmail's "Remote host said: 550-..." goes on on lines of its own. */
	assert_int_equal(scan_string("Remote host said: 550-5.1.1 one\n"
	    "550-5.1.1 two\n550 5.1.1 three\n"), 1);
	assert_int_equal(scanner.replies, 1);
	/* A line of another code is another reply. */
	assert_int_equal(scan_string("Remote host said: 550-5.1.1 one\n"
	    "421 4.3.2 two\n"), 2);
	assert_int_equal(scanner.replies, 2);
}

/* A DSN block counts once; a folded Diagnostic-Code line never. */
static void
test_scan_dsn(void **state)
{
	(void)state;
	scan_string("Final-Recipient: rfc822; a@example.org\n"
	    "Status: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 no such\n"
	    "    550 5.1.1 user here\n\nFinal-Recipient: rfc822; b@example.org\n"
	    "Status: 5.2.2\n\n");
	assert_int_equal(scanner.replies, 2);
	assert_int_equal(smtpcode_scan_rows(&scanner, rows), 2);
	assert_row(0, 1, 0, 5, 2, 2);
	assert_row(1, 1, 550, 5, 1, 1);
	/* A Status at the very end, with no blank line after it. */
	scan_string("Status: 4.4.7");
	assert_int_equal(scanner.replies, 1);
	/* Status after a Diagnostic-Code without an enhanced code: its. */
	assert_int_equal(scan_string("Final-Recipient: rfc822; c@example.org\n"
	    "Diagnostic-Code: smtp; 550 no such user\nStatus: 5.1.1\n\n"), 1);
	assert_int_equal(scanner.replies, 1);
	assert_row(0, 1, 550, 5, 1, 1);
	/* Of another class, it completes nothing: the block counts once. */
	assert_int_equal(scan_string("Final-Recipient: rfc822; c@example.org\n"
	    "Diagnostic-Code: smtp; 550 no such user\nStatus: 4.4.7\n\n"), 1);
	assert_row(0, 1, 550, 0, 0, 0);
	/* Folded between the code and the enhanced code. */
	assert_int_equal(scan_string("Final-Recipient: rfc822; d@example.org\n"
	    "Diagnostic-Code: smtp; 552=\n 5.2.2 <d@example.org>... full\n"
	    "Status: 5.=\n2.2\n\n"), 1);
	assert_int_equal(scanner.replies, 1);
	assert_row(0, 1, 552, 5, 2, 2);
	/* A folded line of another class completes nothing. */
	assert_int_equal(scan_string("Final-Recipient: rfc822; d@example.org\n"
	    "Diagnostic-Code: smtp; 552\n 4.2.2 <d@example.org>... full\n\n"),
	    1);
	assert_row(0, 1, 552, 0, 0, 0);
}

/*
 * A DSN block with a Status: alone takes the reply that the report's
 * human part gave its recipient, once, of the Status's class.
 */
static void
test_scan_status_takes_human(void **state)
{
	(void)state;
	assert_int_equal(scan_string("Content-Type: multipart/report\n\n"
	    "<c@example.org>: 550 no such user (in reply to RCPT TO command)\n"
	    "\n<d@example.org>: 550 gone (in reply to RCPT TO command)\n\n"
	    "Content-Type: message/delivery-status\n\n"
	    "Final-Recipient: rfc822; c@example.org\nStatus: 5.0.0\n\n"
	    "Final-Recipient: rfc822; d@example.org\nStatus: 4.4.7\n\n"
	    "Final-Recipient: rfc822; c@example.org\nStatus: 5.1.1\n\n"), 3);
	assert_int_equal(scanner.replies, 3);
	/* c: the human 550 with the Status's 5.0.0; d: of another class. */
	assert_row(0, 1, 0, 4, 4, 7);
	assert_row(1, 1, 0, 5, 1, 1);
	assert_row(2, 1, 550, 5, 0, 0);
}

/*
 * A message/rfc822 part is a returned copy, passed over, unless its own
 * headers show a bounce forwarded as an attachment, which is read.
 */
static void
test_scan_attached_bounce(void **state)
{
	(void)state;
	assert_int_equal(scan_string("Subject: FW: failed\n"
	    "Content-Type: multipart/mixed; boundary=b\n\n--b\n"
	    "Content-Type: message/rfc822\n\n"
	    "From: alice@example.com\nSubject: hello\n\n"
	    "550 5.1.1 a line of the copy\n"), 0);
	assert_int_equal(scan_string("Subject: FW: failed\n"
	    "Content-Type: multipart/mixed; boundary=b\n\n--b\n"
	    "Content-Type: message/rfc822\n\n"
	    "From: Mail Delivery System <MAILER-DAEMON@example.net>\n"
	    "Subject: failed\n\n550 5.1.1 <b@example.org>: unknown\n"), 1);
	assert_row(0, 1, 550, 5, 1, 1);
}

/*
 * A base64 body is decoded line by line, a reply split over its lines
 * found whole; the text's last line needs no newline; a line that is no
 * base64 ends the body and is read as it is.  Lines are the input's.
 */
static void
test_scan_base64(void **state)
{
	(void)state;
	/* "x\n550 5.1.1 gone\n421 4.3.2 later", eight bytes a line. */
	assert_int_equal(scan_string("Subject: failed\n"
	    "Content-Transfer-Encoding: BASE64\n\neAo1NTAg\nNS4xLjEg\n"
	    "Z29uZQo0\nMjEgNC4z\nLjIgbGF0\nZXI=\n452 4.2.2 plain\n"), 3);
	assert_int_equal(scanner.replies, 3);
	assert_int_equal(scanner.lines, 10);
	assert_row(0, 1, 421, 4, 3, 2);
	assert_row(1, 1, 452, 4, 2, 2);
	assert_row(2, 1, 550, 5, 1, 1);
	/* Quoted-printable: a soft break inside the code, "=3D" a '='. */
	assert_int_equal(scan_string("Subject: failed\n"
	    "Content-Transfer-Encoding: quoted-printable\n\n"
	    "<b@example.org>: host mx said: 55=\n0 5.1.1 a=3Db gone\n"
	    "--next\n452 4.2.2 plain\n"), 2);
	assert_int_equal(scanner.lines, 7);
	assert_row(0, 1, 452, 4, 2, 2);
	assert_row(1, 1, 550, 5, 1, 1);
	/* Without the header, the same lines are text: none counts. */
	assert_int_equal(scan_string("Subject: failed\n\neAo1NTAg\n"
	    "NS4xLjEg\n"), 0);
}

static FILE	*as_file(const char *, size_t);
static struct smtpcode_recipients recipient_set;

/* Scan len bytes of text as a file, listing its hard recipients. */
static void
scan_hard(const char *text, size_t len)
{
	FILE *fp;

	fp = as_file(text, len);
	smtpcode_scan_init(&scanner, NULL);
	smtpcode_recipients_init(&recipient_set);
	smtpcode_scan_select(&scanner, SMTPCODE_VERDICT_HARD, &recipient_set);
	assert_int_equal(smtpcode_scan_fd(&scanner, fileno(fp)), 0);
	fclose(fp);
}

/*
 * A DSN block's Action: decides over the class: a 4xx in a failed
 * block (expired) is a soft bounce, a 5xx in a delayed one is retried;
 * Exim writes Action: before Final-Recipient.  The counts stay.
 */
static void
test_scan_dsn_action(void **state)
{
	(void)state;
	assert_int_equal(scan_string("Content-Type: multipart/report\n\n"
	    "Content-Type: message/delivery-status\n\n"
	    "Final-Recipient: rfc822; a@example.org\nAction: failed\n"
	    "Status: 4.4.7\nDiagnostic-Code: smtp; 452 4.2.2 full\n\n"
	    "Action: delayed\nFinal-Recipient: rfc822; b@example.org\n"
	    "Status: 4.0.0\nDiagnostic-Code: smtp; 554 no greeting\n\n"
	    "Final-Recipient: rfc822; c@example.org\nAction: delayed\n"
	    "Status: 4.2.1\nDiagnostic-Code: smtp; 450 4.2.1 later\n"), 3);
	assert_int_equal(rows[0].code, 450);
	assert_int_equal(rows[0].verdict, SMTPCODE_VERDICT_RETRY);
	assert_int_equal(rows[1].code, 452);
	assert_int_equal(rows[1].verdict, SMTPCODE_VERDICT_SOFT);
	assert_int_equal(rows[2].code, 554);
	assert_int_equal(rows[2].verdict, SMTPCODE_VERDICT_RETRY);
	/* The same replies outside a block keep their class's verdict. */
	assert_int_equal(scan_string("Action: failed\n452 4.2.2 full\n"), 1);
	assert_int_equal(rows[0].verdict, SMTPCODE_VERDICT_RETRY);
}

/* A record's line: NULL, or inside the text scanned in place. */
static const char *each_text;
static size_t each_len, each_bad;

static void
check_line(void *arg, const struct smtpcode_reply *r)
{
	(void)arg;
	if (r->line != NULL && (r->line < each_text ||
	    r->line + r->line_len > each_text + each_len))
		each_bad++;
}

/*
 * A line of an HTML part is read from the scan's own buffer, even one
 * whose Content-Type: ends the part: its record points at no line
 * (found by fuzz_scan, when it pointed into that buffer).
 */
static void
test_scan_html_in_place(void **state)
{
	static const char text[] = "Subject: x\n"
	    "Content-Type: text/html\n\n<p>450 4.2.1 later</p>\n"
	    "Content-Type: text/plain 550 5.1.1 x\n550 5.1.1 plain\n";

	(void)state;
	each_text = text;
	each_len = sizeof(text) - 1;
	each_bad = 0;
	smtpcode_scan_init(&scanner, NULL);
	smtpcode_scan_each(&scanner, check_line, NULL);
	smtpcode_scan_text(&scanner, text, sizeof(text) - 1);
	assert_int_equal(scanner.replies, 3);
	assert_int_equal(each_bad, 0);
}

/*
 * In a quoted-printable body, a line of dashes with blanks in it is the
 * body's own (Gmail's forward), not a boundary: the body goes on being
 * decoded, so the address that a soft break splits is whole.
 */
static void
test_scan_qp_dashes(void **state)
{
	static const char text[] = "Subject: Fwd: failed\n"
	    "Content-Transfer-Encoding: quoted-printable\n\n"
	    "---------- Forwarded message ---------\n"
	    "Your message to b=\nob@example.org couldn't be delivered.\n\n"
	    "550 5.1.1 not found\n";
	size_t at;

	(void)state;
	scan_hard(text, sizeof(text) - 1);
	assert_int_equal(scanner.replies, 1);
	at = 0;
	assert_string_equal(smtpcode_recipients_next(&recipient_set, &at),
	    "bob@example.org");
}

/*
 * An HTML part is read as the text it shows: tags left out, entities
 * as their characters, "&nbsp;" indenting the wrapped lines of a
 * Postfix paragraph, a tag may span lines; "5.1.1<br/>" is a pair.
 */
static void
test_scan_html(void **state)
{
	static const char text[] = "Subject: Ticket: Undelivered Mail\n"
	    "Content-Type: text/html; charset=utf-8\n\n"
	    "<html><body><div type=\"cite\"\nstyle=\"x\">The mail system<br/>"
	    "\n<br/>\n&lt;m.w@example.org&gt;: host mx[192.0.2.6] said: 550 "
	    "5.1.1<br/>\n&nbsp;&nbsp;&nbsp;&nbsp;&lt;m.w@example.org&gt;: "
	    "User unknown (in reply to<br/>\n&nbsp;&nbsp;&nbsp;&nbsp;RCPT "
	    "TO command)<br/>\n<br/>\n<p>Call 0421 550 <b>5110</b></p>\n"
	    "</div></body></html>\n";

	(void)state;
	assert_int_equal(scan(text, sizeof(text) - 1, NULL), 1);
	assert_row(0, 1, 550, 5, 1, 1);
	assert_int_equal(scanner.replies, 1);
}

/* A line longer than the read buffer: counted once, its reply found. */
static void
test_scan_long_line(void **state)
{
	static const char head[] = "host mx said: 552 5.3.4 too big ";
	size_t len;
	char *text;

	(void)state;
	len = SMTPCODE_SCAN_BLOCK * 2 + 100;
	assert_non_null(text = malloc(len + 20));
	memcpy(text, head, sizeof(head) - 1);
	memset(text + sizeof(head) - 1, 'z', len - (sizeof(head) - 1));
	memcpy(text + len, "\n250 2.0.0 ok\n", 14);
	assert_int_equal(scan(text, len + 14, NULL), 2);
	assert_int_equal(scanner.lines, 2);
	assert_int_equal(scanner.replies, 2);
	free(text);
}

/* Past SMTPCODE_SCAN_GROUPS distinct pairs, replies are counted apart. */
static void
test_scan_full_table(void **state)
{
	size_t len, i;
	char *text;

	(void)state;
	assert_non_null(text = malloc(5000 * 16));
	len = 0;
	for (i = 0; i < 5000; i++)
		len += (size_t)sprintf(text + len, "%d 5.1.%zu x\n",
		    550 + (int)(i / 1000), i % 1000);
	assert_int_equal(scan(text, len, NULL), SMTPCODE_SCAN_GROUPS);
	assert_int_equal(scanner.replies, 5000);
	assert_int_equal(scanner.other, 5000 - SMTPCODE_SCAN_GROUPS);
	free(text);
}

/* --annotate copies the input and adds a marked note after a reply. */
static void
test_scan_annotate(void **state)
{
	static const char text[] = "noise\n550 5.1.1 gone\n";
	char *out;
	size_t size;
	FILE *fp;

	(void)state;
	out = NULL;
	assert_non_null(fp = open_memstream(&out, &size));
	scan(text, sizeof(text) - 1, fp);
	fclose(fp);
	assert_string_equal(out, "noise\n550 5.1.1 gone\n" SMTPCODE_ANNOTATION
	    "550 5.1.1: permanent, Bad destination mailbox address; hard "
	    "bounce\n");
	free(out);
}

/* Fed in pieces of any size, a scan counts as it does in one go. */
static void
test_scan_chunks(void **state)
{
	static const char text[] = "550-5.7.1 a\n550 5.7.1 b\nStatus: 5.1.1\n"
	    "Diagnostic-Code: smtp; 550 5.1.1 c\n  folded 250 2.0.0 x\n\n"
	    "host mx said: 452 4.2.2 full (in reply to RCPT TO command)\n"
	    "noise\n<<< 421-4.7.0 a\n<<< 421 4.7.0 b\nlast 250 2.0.0 ok";
	struct smtpcode_scan_row whole[SMTPCODE_SCAN_SLOTS];
	size_t n, i, k, piece;

	(void)state;
	n = scan(text, sizeof(text) - 1, NULL);
	memcpy(whole, rows, n * sizeof(rows[0]));
	for (piece = 1; piece <= 17; piece++) {
		smtpcode_scan_init(&scanner, NULL);
		for (i = 0; i < sizeof(text) - 1; i += k) {
			k = sizeof(text) - 1 - i < piece ? sizeof(text) - 1 - i :
			    piece;
			smtpcode_scan_feed(&scanner, text + i, k);
		}
		smtpcode_scan_end(&scanner);
		assert_int_equal(smtpcode_scan_rows(&scanner, rows), n);
		for (k = 0; k < n; k++) {
			assert_int_equal(rows[k].key, whole[k].key);
			assert_int_equal(rows[k].count, whole[k].count);
		}
	}
	assert_int_equal(n, 5);
}

/*
 * A report's human part counts only when the report has no DSN part:
 * its replies wait for the DSN part, the end of the input, an mbox
 * "From " line or the next report.
 */
static void
test_scan_report(void **state)
{
	static const char head[] = "Content-Type: multipart/report; "
	    "report-type=delivery-status;\n\n"
	    "<a@example.org>: host mx said: 550 5.1.1 gone (in reply to RCPT "
	    "TO command)\n\n";
	static const char dsn[] = "Content-Type: message/delivery-status\n\n"
	    "Final-Recipient: rfc822; a@example.org\nAction: failed\n"
	    "Status: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 gone\n\n";
	char text[4096];
	size_t i, n;

	(void)state;
	snprintf(text, sizeof(text), "%s%s", head, dsn);
	assert_int_equal(scan_string(text), 1);
	assert_int_equal(scanner.replies, 1);
	/* Cut off before its DSN part: the human part counts. */
	assert_int_equal(scan_string(head), 1);
	assert_int_equal(scanner.replies, 1);
	/* Two messages of an mbox: the first had no DSN part. */
	snprintf(text, sizeof(text), "%sFrom MAILER-DAEMON Sun Jun  2\n%s%s",
	    head, head, dsn);
	assert_int_equal(scan_string(text), 1);
	assert_int_equal(scanner.replies, 2);
	/* A "550-" reply cut off at the boundary is the human part's. */
	snprintf(text, sizeof(text), "Content-Type: multipart/report\n\n"
	    "<<< 550-5.7.1 listed\n--b\n%s", dsn);
	assert_int_equal(scan_string(text), 1);
	assert_int_equal(scanner.replies, 1);
	/* More than can be held: counted as they come, never dropped. */
	i = (size_t)snprintf(text, sizeof(text), "%s",
	    "Content-Type: multipart/report\n");
	for (n = 0; n < SMTPCODE_SCAN_HELD + 6; n++)
		i += (size_t)snprintf(text + i, sizeof(text) - i,
		    "said: 452 4.2.2 full\n");
	assert_true(i + sizeof(dsn) < sizeof(text));
	snprintf(text + i, sizeof(text) - i, "%s", dsn);
	scan_string(text);
	assert_int_equal(scanner.replies, SMTPCODE_SCAN_HELD + 6 + 1);
	/* DSN fields with no message/delivery-status header before them. */
	assert_int_equal(scan_string("Content-type: multipart/report\n\n"
	    "  Diagnostic code: smtp; 550 5.7.1 denied\n\nAction: failed\n"
	    "Final-recipient: rfc822;a@example.org\n"
	    "Diagnostic-code: smtp; 550 5.7.1 denied\n\n"), 1);
	assert_int_equal(scanner.replies, 1);
}

/* A Postfix bounce's quoted reply, wrapped to four-space lines, is one. */
static void
test_scan_quoted(void **state)
{
	(void)state;
	assert_int_equal(scan_string("<a@example.com>: host mx said:\n"
	    "    550-5.7.26 blocked 550-5.7.26 because\n"
	    "    unauthenticated. 550-5.7.26 see 550 5.7.26\n"
	    "    https://x - gsmtp (in reply to end of DATA command)\n\n"
	    "<b@example.com>: host mx said: 550-5.7.1 spam 550-5.7.1\n"
	    "    more 550 5.7.1 - gsmtp (in reply to end of DATA command)\n"
	    "<c@example.com>: host mx\n    said: 452 4.2.2 full (in\n"
	    "    reply to RCPT TO command)\n"), 3);
	assert_int_equal(scanner.replies, 3);
	/* Exim's indented lines are not Postfix's: each reply counts. */
	assert_int_equal(scan_string("  a@example.org\n    host mx [192.0.2.7]"
	    "\n    SMTP error from remote mail server after RCPT TO:<a@example."
	    "org>:\n    550 5.1.1 unknown\n  b@example.org\n    450 4.2.1 "
	    "later\n"), 2);
}

/*
 * A bounce forwarded with its lines quoted "> " is read as the bounce,
 * after Outlook's "----- Original Message -----" (not Gmail's copy
 * marker, whose case differs); its copy is not.
 */
static void
test_scan_forwarded_quoted(void **state)
{
	(void)state;
	assert_int_equal(scan_string("Subject: Fw: Returned mail\n\n"
	    "We sent 550 of them.\n----- Original Message -----\n"
	    "Subject: Returned mail\n\n> <bob@example.org>\n"
	    ">     (reason: 550 5.1.1 <bob@example.org>... User unknown)\n"
	    ">\n> > <<< 550 5.1.1 <bob@example.org>... User unknown\n"
	    ">    ----- Unsent message follows -----\n"
	    "> 421 4.3.2 a line of the copy\n"), 1);
	assert_row(0, 1, 550, 5, 1, 1);
	assert_int_equal(scanner.replies, 1);
}

/* Compressed inputs are known by their magic bytes, and not scanned. */
static void
test_scan_compressed(void **state)
{
	static const struct {
		const char	*bytes;
		size_t		 len;
		const char	*command;
	} cases[] = {
		{ "\037\213\010\000\000\000\000\000\000\003", 10,
		  "zcat" },
		{ "BZh91AY&SY\001\002", 12, "bzcat" },
		{ "BZh9\027rE8P\220\000\000\000\000", 14, "bzcat" },
		{ "\3757zXZ\000\000\004\346\326", 10, "xzcat" },
		{ "(\265/\375\044\000\001\000\000\231", 10, "zstdcat" },
		{ "\037\213", 2, "zcat" },
		{ "550 5.1.1 x\n", 12, NULL },
		{ "BZh9 is a word\n", 15, NULL },
		{ "\037", 1, NULL },
		{ "", 0, NULL }
	};
	FILE *fp;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (cases[i].command == NULL)
			assert_null(smtpcode_decompressor(cases[i].bytes,
			    cases[i].len));
		else
			assert_string_equal(smtpcode_decompressor(
			    cases[i].bytes, cases[i].len), cases[i].command);
	}
	assert_non_null(fp = tmpfile());
	assert_int_equal(fwrite(cases[0].bytes, 1, cases[0].len, fp),
	    cases[0].len);
	assert_int_equal(fflush(fp), 0);
	rewind(fp);
	smtpcode_scan_init(&scanner, NULL);
	assert_int_equal(smtpcode_scan_fd(&scanner, fileno(fp)), 1);
	fclose(fp);
	assert_string_equal(scanner.decompress, "zcat");
	assert_int_equal(scanner.lines, 0);
	/* The next input is scanned as if the first had not been. */
	scan_string("550 5.1.1 x\n");
	assert_null(scanner.decompress);
	assert_int_equal(scanner.replies, 1);
}

/* The set keeps each address once, in the order first seen. */
static void
test_recipients_set(void **state)
{
	const char *a;
	size_t at;

	(void)state;
	smtpcode_recipients_init(&recipient_set);
	assert_int_equal(smtpcode_recipients_add(&recipient_set, "b@x", 3), 1);
	assert_int_equal(smtpcode_recipients_add(&recipient_set, "a@x", 3), 1);
	assert_int_equal(smtpcode_recipients_add(&recipient_set, "b@x", 3), 0);
	/* A prefix of an address in the set is another address. */
	assert_int_equal(smtpcode_recipients_add(&recipient_set, "b@", 2), 1);
	assert_int_equal(recipient_set.count, 3);
	at = 0;
	assert_non_null(a = smtpcode_recipients_next(&recipient_set, &at));
	assert_string_equal(a, "b@x");
	assert_non_null(a = smtpcode_recipients_next(&recipient_set, &at));
	assert_string_equal(a, "a@x");
	assert_non_null(a = smtpcode_recipients_next(&recipient_set, &at));
	assert_string_equal(a, "b@");
	assert_null(smtpcode_recipients_next(&recipient_set, &at));
	assert_int_equal(recipient_set.more, 0);
}

/* A full set counts what it cannot hold, each time it comes. */
static void
test_recipients_full(void **state)
{
	char a[32];
	int i, n;

	(void)state;
	smtpcode_recipients_init(&recipient_set);
	for (i = 0; i < SMTPCODE_RECIPIENT_MAX + 3; i++) {
		n = snprintf(a, sizeof(a), "u%d@example.org", i);
		smtpcode_recipients_add(&recipient_set, a, (size_t)n);
	}
	assert_int_equal(recipient_set.count, SMTPCODE_RECIPIENT_MAX);
	assert_int_equal(recipient_set.more, 3);
	assert_int_equal(smtpcode_recipients_add(&recipient_set,
	    "u0@example.org", 14), 0);
	assert_int_equal(smtpcode_recipients_add(&recipient_set,
	    "new@example.org", 15), -1);
	assert_int_equal(recipient_set.more, 4);
}

/*
 * Recipients by verdict: a DSN block's, a log line's, a bounce
 * paragraph's; the human part of a report with a DSN part not counted.
 */
static void
test_scan_recipients(void **state)
{
	static const char text[] =
	    "Content-Type: multipart/report; report-type=delivery-status\n"
	    "\n"
	    "<human@example.org>: host mx said: 550 5.1.1 unknown\n"
	    "\n"
	    "Content-Type: message/delivery-status\n"
	    "\n"
	    "Final-Recipient: rfc822; dsn@Example.ORG\n"
	    "Status: 5.1.1\n"
	    "\n"
	    "Final-Recipient: rfc822; full@example.org\n"
	    "Status: 5.2.2\n"
	    "Diagnostic-Code: smtp; 552 5.2.2 Mailbox full\n"
	    "\n"
	    "From x\n"
	    "x postfix/smtp[1]: Q: to=<log@example.org>, status=bounced "
	    "(host mx said: 550 5.1.1 User unknown (in reply to RCPT TO "
	    "command))\n"
	    "x postfix/smtp[1]: Q: to=<retry@example.org>, status=deferred "
	    "(host mx said: 450 4.2.1 later (in reply to RCPT TO command))\n"
	    "\n"
	    "<para@example.org>: host mx said: 550 5.1.1\n"
	    "    unknown (in reply to RCPT TO command)\n";
	const char *a;
	size_t at;

	(void)state;
	scan_hard(text, sizeof(text) - 1);
	assert_int_equal(scanner.replies, 3);
	at = 0;
	assert_string_equal(smtpcode_recipients_next(&recipient_set, &at),
	    "dsn@example.org");
	assert_string_equal(smtpcode_recipients_next(&recipient_set, &at),
	    "log@example.org");
	assert_non_null(a = smtpcode_recipients_next(&recipient_set, &at));
	assert_string_equal(a, "para@example.org");
	assert_null(smtpcode_recipients_next(&recipient_set, &at));
}

/* text[0..len) in a temporary file, read from its start. */
static FILE *
as_file(const char *text, size_t len)
{
	FILE *fp;

	assert_non_null(fp = tmpfile());
	assert_int_equal(fwrite(text, 1, len, fp), len);
	rewind(fp);
	return fp;
}

/* Masking: each variable part reads the same, the words stay. */
static void
test_scan_mask(void **state)
{
	static const struct {
		const char	*text, *masked;
	} cases[] = {
		{ "<bob@example.org>: User unknown", "<address>: User unknown" },
		{ "user bob@example.org unknown", "user <address> unknown" },
		{ "from [192.0.2.10]: blocked", "from [<ip>]: blocked" },
		{ "IP 2001:db8::1 listed", "IP <ip> listed" },
		{ "queued as 5A1C2D3E4F", "queued as <id>" },
		{ "OK 1732780000 x1si12345abc.12 - gsmtp",
		  "OK <n> <id> - gsmtp" },
		{ "try again in 300 seconds.", "try again in <n> seconds." },
		{ "host mx1.example.org said", "host mx1.example.org said" },
		{ "see 5.7.26 policy", "see 5.7.26 policy" },
		{ "tab\there", "tab here" },
		{ "", "" }
	};
	char buf[SMTPCODE_MASKED_MAX];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(smtpcode_mask(buf, sizeof(buf), cases[i].text,
		    strlen(cases[i].text)), strlen(cases[i].masked));
		assert_string_equal(buf, cases[i].masked);
	}
	/* Cut to fit, and still a string. */
	assert_int_equal(smtpcode_mask(buf, 8, "abcdefghijkl", 12), 7);
	assert_string_equal(buf, "abcdefg");
	assert_int_equal(smtpcode_mask(buf, 12, "<a@b.example> x", 15), 11);
	assert_string_equal(buf, "<address> x");
}

/* The direction table: the reply's form first, then its line. */
static void
test_scan_direction(void **state)
{
	static const struct {
		enum smtpcode_source source;
		const char	*line;
		int		 in_bounce;
		enum smtpcode_direction direction;
	} cases[] = {
		{ SMTPCODE_SOURCE_TEXT, "Mar  7 09:00:02 mx1 postfix/smtpd[1]: "
		  "NOQUEUE: reject: RCPT from x[192.0.2.1]: 554 5.7.1 no", 0,
		  SMTPCODE_DIRECTION_IN },
		{ SMTPCODE_SOURCE_TEXT, "Mar  7 mx1 postfix/postscreen[1]: "
		  "NOQUEUE: reject: 550 5.7.1 blocked", 0,
		  SMTPCODE_DIRECTION_IN },
		{ SMTPCODE_SOURCE_TEXT, "Mar  7 mx1 postfix-out/smtp[1]: Q: "
		  "status=sent (250 2.0.0 Ok)", 0, SMTPCODE_DIRECTION_OUT },
		{ SMTPCODE_SOURCE_TEXT, "Mar  7 mx1 postfix/lmtp[1]: Q: "
		  "status=sent (250 2.0.0 Saved)", 0, SMTPCODE_DIRECTION_OUT },
		{ SMTPCODE_SOURCE_TEXT, "Mar  7 mx1 postfix/virtual[1]: Q: "
		  "dsn=5.2.2, status=bounced (mailbox full)", 0,
		  SMTPCODE_DIRECTION_OUT },
		/* A program that is not a delivery agent tells nothing. */
		{ SMTPCODE_SOURCE_TEXT, "Mar  7 mx1 postfix/cleanup[1]: Q: "
		  "milter-hold: 4.7.1 held", 0, SMTPCODE_DIRECTION_NONE },
		{ SMTPCODE_SOURCE_POSTFIX, "anything", 0,
		  SMTPCODE_DIRECTION_OUT },
		{ SMTPCODE_SOURCE_DSN_DIAGNOSTIC, NULL, 0,
		  SMTPCODE_DIRECTION_OUT },
		{ SMTPCODE_SOURCE_TEXT, "2024-03-07 09:01:07 1rh6Cc-000Xyz-Ef "
		  "=> a@example.net C=\"250 2.0.0 OK\"", 0,
		  SMTPCODE_DIRECTION_OUT },
		{ SMTPCODE_SOURCE_TEXT, "2024-03-07 09:01:00 H=(h) [192.0.2.8] "
		  "rejected after DATA: 550 5.7.1 spam", 0,
		  SMTPCODE_DIRECTION_IN },
		{ SMTPCODE_SOURCE_TEXT, "relay sendmail[1]: Q: ruleset=check_rcpt"
		  ", arg1=<w@x>, reject=550 5.7.1 denied", 0,
		  SMTPCODE_DIRECTION_IN },
		{ SMTPCODE_SOURCE_TEXT, "relay sendmail[1]: Q: ruleset=other, "
		  "stat=Deferred: 450 4.2.0 later", 0,
		  SMTPCODE_DIRECTION_OUT },
		{ SMTPCODE_SOURCE_SENDMAIL, "relay sendmail[1]: Q: to=<a@b>, "
		  "stat=Deferred: 421 4.3.2 later", 0,
		  SMTPCODE_DIRECTION_OUT },
		{ SMTPCODE_SOURCE_TEXT, "gw smtpd[1]: 9b smtp failed-command "
		  "command=\"RCPT TO:<v@x>\" result=\"550 5.7.1 no\"", 0,
		  SMTPCODE_DIRECTION_IN },
		{ SMTPCODE_SOURCE_OPENSMTPD, "gw smtpd[1]: 9b mta delivery "
		  "result=\"PermFail\" stat=\"550 5.1.1 x\"", 0,
		  SMTPCODE_DIRECTION_OUT },
		{ SMTPCODE_SOURCE_TEXT, "2024-03-07 09:01:07 1rh6Cc-000Xyz-Ef "
		  ">> a@example.net R=smarthost C=\"250 2.0.0 OK\"", 0,
		  SMTPCODE_DIRECTION_OUT },
		{ SMTPCODE_SOURCE_TEXT, "Jul 10 mx courieresmtpd: error,relay="
		  "::ffff:203.0.113.45,to=<n@example.com>: 550 User unknown.",
		  0, SMTPCODE_DIRECTION_IN },
		{ SMTPCODE_SOURCE_TEXT, "Jul 10 mx courieresmtp: id=1,addr=<b@"
		  "example.org>: 550 5.1.1 unknown", 0,
		  SMTPCODE_DIRECTION_OUT },
		/* Exim's flags count in its syslog lines, not Sendmail's. */
		{ SMTPCODE_SOURCE_TEXT, "Mar  7 mx exim[12]: 1rh6Cc-000Xyz-Ef "
		  "== a@example.net defer: 451 4.3.0 later", 0,
		  SMTPCODE_DIRECTION_OUT },
		{ SMTPCODE_SOURCE_TEXT, "Mar  7 mx sm-mta[12]: Q: == a@b "
		  "451 4.3.0 later", 0, SMTPCODE_DIRECTION_NONE },
		{ SMTPCODE_SOURCE_REPLY, "421 4.7.0 later", 0,
		  SMTPCODE_DIRECTION_NONE },
		{ SMTPCODE_SOURCE_REPLY, "421 4.7.0 later", 1,
		  SMTPCODE_DIRECTION_OUT }
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_int_equal(smtpcode_direction(cases[i].source,
		    cases[i].line, cases[i].line != NULL ?
		    strlen(cases[i].line) : 0, cases[i].in_bounce),
		    cases[i].direction);
	assert_string_equal(smtpcode_direction_name(SMTPCODE_DIRECTION_IN),
	    "in");
	assert_string_equal(smtpcode_direction_name(SMTPCODE_DIRECTION_NONE),
	    "-");
}

/*
 * Grouped by recipient, past SMTPCODE_SCAN_GROUPS addresses the counts
 * go to the other row; every count is in a row or in it.
 */
static void
test_scan_group_overflow(void **state)
{
	static const enum smtpcode_scan_key keys[] = {
	    SMTPCODE_KEY_RECIPIENT };
	struct smtpcode_scan_row other;
	unsigned long long sum;
	size_t len, i, n;
	char *text;
	FILE *fp;

	(void)state;
	assert_non_null(text = malloc(5000 * 96));
	len = 0;
	for (i = 0; i < 5000; i++)
		len += (size_t)sprintf(text + len, "x postfix/smtp[1]: "
		    "to=<u%zu@example.org>, status=bounced (550 5.1.1 x)\n", i);
	fp = as_file(text, len);
	smtpcode_scan_init(&scanner, NULL);
	assert_int_equal(smtpcode_scan_group_by(&scanner, keys, 1), 0);
	smtpcode_scan_select(&scanner, -1, NULL);
	smtpcode_scan_filter(&scanner, 0, -1, 0);
	assert_int_equal(smtpcode_scan_fd(&scanner, fileno(fp)), 0);
	fclose(fp);
	free(text);
	n = smtpcode_scan_rows(&scanner, rows);
	assert_int_equal(n, SMTPCODE_SCAN_GROUPS);
	assert_int_equal(scanner.other, 5000 - SMTPCODE_SCAN_GROUPS);
	smtpcode_scan_other_row(&scanner, &other);
	assert_true(other.other);
	assert_int_equal(other.count, 5000 - SMTPCODE_SCAN_GROUPS);
	for (sum = other.count, i = 0; i < n; i++)
		sum += rows[i].count;
	assert_int_equal(sum, 5000);
	assert_string_equal(rows[0].recipient, "u0@example.org");
}

/*
 * A Sendmail list of two is two counts by domain; --texts keeps each
 * group's texts masked, most frequent first, and counts what does not
 * fit the text table.
 */
static void
test_scan_group_texts(void **state)
{
	static const enum smtpcode_scan_key keys[] = {
	    SMTPCODE_KEY_DOMAIN, SMTPCODE_KEY_DOMAIN };
	static const char text[] =
	    "r sendmail[1]: Q: to=<a@x.example>,<b@x.example>, "
	    "stat=Deferred: 450 4.2.0 queue 123\n"
	    "r sendmail[1]: Q: to=<c@x.example>, "
	    "stat=Deferred: 450 4.2.0 queue 456\n"
	    "r sendmail[1]: Q: to=<d@x.example>, "
	    "stat=Deferred: 421 4.3.2 busy\n";
	char buf[512];
	FILE *fp;

	(void)state;
	fp = as_file(text, sizeof(text) - 1);
	smtpcode_scan_init(&scanner, NULL);
	/* A key given twice counts once. */
	assert_int_equal(smtpcode_scan_group_by(&scanner, keys, 2), 0);
	assert_int_equal(scanner.nkeys, 1);
	smtpcode_scan_filter(&scanner, 0, -1, 5);
	assert_int_equal(smtpcode_scan_fd(&scanner, fileno(fp)), 0);
	fclose(fp);
	assert_int_equal(smtpcode_scan_rows(&scanner, rows), 1);
	assert_int_equal(scanner.replies, 3);
	assert_int_equal(rows[0].count, 4);
	assert_string_equal(rows[0].domain, "x.example");
	smtpcode_scan_texts(&scanner, rows[0].group, buf, sizeof(buf));
	assert_string_equal(buf, "3 queue <n>\n1 busy");
	assert_int_equal(scanner.texts_other, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scan_order),
		cmocka_unit_test(test_scan_continued),
		cmocka_unit_test(test_scan_dsn),
		cmocka_unit_test(test_scan_status_takes_human),
		cmocka_unit_test(test_scan_attached_bounce),
		cmocka_unit_test(test_scan_base64),
		cmocka_unit_test(test_scan_html),
		cmocka_unit_test(test_scan_qp_dashes),
		cmocka_unit_test(test_scan_html_in_place),
		cmocka_unit_test(test_scan_dsn_action),
		cmocka_unit_test(test_scan_long_line),
		cmocka_unit_test(test_scan_full_table),
		cmocka_unit_test(test_scan_annotate),
		cmocka_unit_test(test_scan_chunks),
		cmocka_unit_test(test_scan_compressed),
		cmocka_unit_test(test_scan_report),
		cmocka_unit_test(test_scan_quoted),
		cmocka_unit_test(test_scan_forwarded_quoted),
		cmocka_unit_test(test_recipients_set),
		cmocka_unit_test(test_recipients_full),
		cmocka_unit_test(test_scan_recipients),
		cmocka_unit_test(test_scan_mask),
		cmocka_unit_test(test_scan_direction),
		cmocka_unit_test(test_scan_group_overflow),
		cmocka_unit_test(test_scan_group_texts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
