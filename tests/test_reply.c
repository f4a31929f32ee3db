/* SPDX-License-Identifier: ISC */
/* test_reply.c -- enhanced codes, the registry table, replies, verdicts */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "../src/internal.h"

/* The rows of data/enhanced.tsv: every code of the IANA registry. */
#define REGISTRY_ROWS	81

struct reply_case {
	const char	*input;
	int		 code;
	const char	*enhanced;
	const char	*command;
	const char	*verdict;
	const char	*provider;
};

static const struct reply_case reply_cases[] = {
#include "reply_cases.inc"
};

struct status_case {
	const char	*text;
	int		 allow_x;
	enum smtpcode_parse_error error;
	int		 class_digit, subject, detail;
};

static const struct status_case status_cases[] = {
	{ "5.1.1", 0, SMTPCODE_PARSE_OK, 5, 1, 1 },
	{ "4.7.0", 0, SMTPCODE_PARSE_OK, 4, 7, 0 },
	{ "2.0.0", 0, SMTPCODE_PARSE_OK, 2, 0, 0 },
	{ "5.7.999", 0, SMTPCODE_PARSE_OK, 5, 7, 999 },
	{ "5.1.10", 0, SMTPCODE_PARSE_OK, 5, 1, 10 },
	{ "X.1.1", 1, SMTPCODE_PARSE_OK, 0, 1, 1 },
	{ "x.7.30", 1, SMTPCODE_PARSE_OK, 0, 7, 30 },
	{ "X.1.1", 0, SMTPCODE_PARSE_STATUS_CLASS, 0, 0, 0 },
	{ "", 0, SMTPCODE_PARSE_EMPTY, 0, 0, 0 },
	{ "6.1.1", 0, SMTPCODE_PARSE_STATUS_CLASS, 0, 0, 0 },
	{ "3.0.0", 0, SMTPCODE_PARSE_STATUS_CLASS, 0, 0, 0 },
	{ "5.9.1", 0, SMTPCODE_PARSE_STATUS_SUBJECT, 0, 0, 0 },
	{ "5.10.1", 0, SMTPCODE_PARSE_STATUS_SUBJECT, 0, 0, 0 },
	{ "5.1000.1", 0, SMTPCODE_PARSE_STATUS_SUBJECT, 0, 0, 0 },
	{ "5.1.1000", 0, SMTPCODE_PARSE_STATUS_DETAIL, 0, 0, 0 },
	{ "5.1", 0, SMTPCODE_PARSE_STATUS_FORM, 0, 0, 0 },
	{ "5..1", 0, SMTPCODE_PARSE_STATUS_FORM, 0, 0, 0 },
	{ "5.1.", 0, SMTPCODE_PARSE_STATUS_FORM, 0, 0, 0 },
	{ "5.1.1.", 0, SMTPCODE_PARSE_STATUS_FORM, 0, 0, 0 },
	{ "5.1.1x", 0, SMTPCODE_PARSE_STATUS_FORM, 0, 0, 0 },
	{ "51.1.1", 0, SMTPCODE_PARSE_STATUS_FORM, 0, 0, 0 },
	{ "5.01.1", 0, SMTPCODE_PARSE_STATUS_ZERO, 0, 0, 0 },
	{ "5.1.01", 0, SMTPCODE_PARSE_STATUS_ZERO, 0, 0, 0 },
	{ "5.1.00", 0, SMTPCODE_PARSE_STATUS_ZERO, 0, 0, 0 }
};

/* The stage keywords of the cases, as data/COLUMNS.txt spells them. */
static const struct {
	const char	*keyword;
	unsigned	 stage;
} stage_keywords[] = {
	{ "", 0 },
	{ "connect", SMTPCODE_STAGE_CONNECT },
	{ "ehlo", SMTPCODE_STAGE_EHLO },
	{ "starttls", SMTPCODE_STAGE_STARTTLS },
	{ "auth", SMTPCODE_STAGE_AUTH },
	{ "mail", SMTPCODE_STAGE_MAIL },
	{ "rcpt", SMTPCODE_STAGE_RCPT },
	{ "data", SMTPCODE_STAGE_DATA },
	{ "eod", SMTPCODE_STAGE_EOD }
};

static unsigned
stage_of(const char *keyword)
{
	size_t i;

	for (i = 0; i < sizeof(stage_keywords) / sizeof(stage_keywords[0]);
	    i++)
		if (strcmp(stage_keywords[i].keyword, keyword) == 0)
			return stage_keywords[i].stage;
	fail_msg("unknown stage keyword '%s'", keyword);
	return 0;
}

/* What smtpcode makes of a parsed reply. */
static void
understand(const struct smtpcode_reply *r, struct smtpcode_meaning *mn)
{
	struct smtpcode_entry codes[2];
	struct smtpcode_reply_view view;

	smtpcode_explain_reply(r, codes, mn, &view);
}

/* The verdict smtpcode gives a parsed reply, as its one-word name. */
static const char *
verdict_of(const struct smtpcode_reply *r)
{
	struct smtpcode_meaning mn;

	if (r->source == SMTPCODE_SOURCE_NONE)
		return "none";
	understand(r, &mn);
	return smtpcode_verdict_name(mn.verdict);
}

/* The provider smtpcode names for a parsed reply, or "". */
static const char *
provider_of(const struct smtpcode_reply *r)
{
	struct smtpcode_meaning mn;

	if (r->source == SMTPCODE_SOURCE_NONE)
		return "";
	understand(r, &mn);
	return mn.provider != NULL ? mn.provider->id : "";
}

/* Every written case gives its codes, command, verdict and provider. */
static void
test_reply_cases(void **state)
{
	const struct reply_case *c;
	struct smtpcode_reply r;
	char enhanced[SMTPCODE_LABEL_SIZE];
	size_t i, bad;

	(void)state;
	bad = 0;
	assert_true(sizeof(reply_cases) / sizeof(reply_cases[0]) >= 40);
	for (i = 0; i < sizeof(reply_cases) / sizeof(reply_cases[0]); i++) {
		c = &reply_cases[i];
		smtpcode_reply_parse(c->input, strlen(c->input), &r);
		enhanced[0] = '\0';
		if (r.has_status)
			snprintf(enhanced, sizeof(enhanced), "%d.%d.%d",
			    r.status.class_digit, r.status.subject,
			    r.status.detail);
		if (r.code != c->code || strcmp(enhanced, c->enhanced) != 0 ||
		    r.command != stage_of(c->command) ||
		    strcmp(verdict_of(&r), c->verdict) != 0 ||
		    strcmp(provider_of(&r), c->provider) != 0) {
			print_message("case %zu '%s': got %d '%s' %#x %s "
			    "'%s'\n", i, c->input, r.code, enhanced,
			    r.command, verdict_of(&r), provider_of(&r));
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

/* A multi-line reply is one reply; the next one starts after it. */
static void
test_reply_lines(void **state)
{
	static const char text[] = "\n\n550-5.7.1 one\r\n550-5.7.1 two\r\n"
	    "550 5.7.1 three\r\n421 4.3.2 next\n";
	struct smtpcode_reply r;
	size_t used, total;

	(void)state;
	used = smtpcode_reply_parse(text, sizeof(text) - 1, &r);
	assert_int_equal(r.source, SMTPCODE_SOURCE_REPLY);
	assert_int_equal(r.code, 550);
	assert_string_equal(r.text, "one two three");
	assert_int_equal(r.incomplete, 0);
	assert_memory_equal(text + used, "421 ", 4);
	total = used;
	used = smtpcode_reply_parse(text + total, sizeof(text) - 1 - total,
	    &r);
	assert_int_equal(r.code, 421);
	assert_string_equal(r.text, "next");
	total += used;
	assert_int_equal(total, sizeof(text) - 1);
	assert_int_equal(smtpcode_reply_parse(text + total, 0, &r), 0);
	assert_int_equal(smtpcode_reply_parse("\n \n", 3, &r), 0);
}

static void
test_reply_incomplete(void **state)
{
	static const char text[] = "452-4.2.2 over quota\n452-4.2.2 still";
	struct smtpcode_reply r;

	(void)state;
	assert_int_equal(smtpcode_reply_parse(text, sizeof(text) - 1, &r),
	    sizeof(text) - 1);
	assert_int_equal(r.incomplete, 1);
	assert_string_equal(r.text, "over quota still");
}

/* A log's quoted continuation prefixes are not the server's text. */
static void
test_reply_prefixes_dropped(void **state)
{
	static const char text[] = "host x[192.0.2.1] said: 550-5.1.1 Gone "
	    "550-5.1.1 away 550 5.1.1 now - gsmtp (in reply to RCPT TO "
	    "command)";
	struct smtpcode_reply r;

	(void)state;
	smtpcode_reply_parse(text, sizeof(text) - 1, &r);
	assert_string_equal(r.text, "Gone away now - gsmtp");
	assert_string_equal(provider_of(&r), "google");
	assert_int_equal(r.command, SMTPCODE_STAGE_RCPT);
}

/*
 * The reply in a Postfix status's parenthesis, a code alone too, is
 * read without Postfix's closing parenthesis; a result that is not a
 * reply leaves the line's dsn= to count.
 */
static void
test_reply_postfix_status(void **state)
{
	static const struct {
		const char	*line;
		int		 code;
		const char	*text;
	} cases[] = {
		{ "Jul 16 08:06:05 mx postfix/smtp[9]: Q: to=<s@example.org>, "
		  "relay=c.example.org[198.51.100.7]:25, dsn=2.0.0, "
		  "status=sent (250 Message accepted for delivery)\r", 250,
		  "Message accepted for delivery" },
		{ "Jul 16 08:06:05 mx postfix/smtp[9]: Q: to=<s@example.org>, "
		  "dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 4WdG)", 250,
		  "Ok: queued as 4WdG" },
		/* Not a reply: the dsn= counts, the 25 of the port is none. */
		{ "Jul 16 08:06:05 mx postfix/smtp[9]: Q: to=<s@example.org>, "
		  "dsn=4.4.1, status=deferred (connect to c.example.org"
		  "[198.51.100.7]:25: Connection refused)", 0, "" }
	};
	struct smtpcode_reply r;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		smtpcode_reply_parse(cases[i].line, strlen(cases[i].line), &r);
		assert_int_equal(r.code, cases[i].code);
		assert_string_equal(r.text, cases[i].text);
		assert_int_equal(r.source, cases[i].code != 0 ?
		    SMTPCODE_SOURCE_TEXT : SMTPCODE_SOURCE_DSN_KEY);
	}
}

/*
 * Gmail's multi-line reply flattened onto one line is whole: the line
 * after it is not its continuation, and its prefixes are not its text.
 */
static void
test_reply_flattened(void **state)
{
	static const char text[] = "550-5.7.26 Unauthenticated. 550-5.7.26 "
	    "Authenticate. 550 5.7.26 see https://x - gsmtp\n"
	    "550 5.7.606 Access denied\n";
	static const char quoted[] = "550-Verification failed\n"
	    "550-Response: 550 5.1.1 unknown\n550 Sender verify failed";
	struct smtpcode_reply r;
	size_t used;

	(void)state;
	used = smtpcode_reply_parse(text, sizeof(text) - 1, &r);
	assert_int_equal(used, strchr(text, '\n') + 1 - text);
	assert_int_equal(r.incomplete, 0);
	assert_string_equal(r.text,
	    "Unauthenticated. Authenticate. see https://x - gsmtp");
	/* A reply quoted inside a line does not end the reply. */
	assert_int_equal(smtpcode_reply_parse(quoted, sizeof(quoted) - 1, &r),
	    sizeof(quoted) - 1);
	assert_int_equal(r.has_status, 0);
}

/* Exim's "\n" between the lines of a reply is unfolded. */
static void
test_reply_exim_escaped(void **state)
{
	static const char text[] = "2024-06-02 10:02:05 1sDqRa-000AbC-Xy ** "
	    "ann@example.com R=dnslookup T=remote_smtp H=mx.example.com "
	    "[192.0.2.20]: SMTP error from remote mail server after end of "
	    "data: 550-5.7.26 Not authenticated\\n550-5.7.26 (SPF and DKIM)."
	    "\\n550 5.7.26 Blocked. - gsmtp";
	static const char bare[] = "421-first\\n421 second";
	struct smtpcode_reply r;

	(void)state;
	smtpcode_reply_parse(text, sizeof(text) - 1, &r);
	assert_int_equal(r.code, 550);
	assert_int_equal(r.command, SMTPCODE_STAGE_EOD);
	assert_string_equal(r.text,
	    "Not authenticated (SPF and DKIM). Blocked. - gsmtp");
	smtpcode_reply_parse(bare, sizeof(bare) - 1, &r);
	assert_int_equal(r.incomplete, 0);
	assert_string_equal(r.text, "first second");
}

/* Text too long for the buffer is cut and marked, never overrun. */
static void
test_reply_truncated(void **state)
{
	static char text[SMTPCODE_TEXT_SIZE * 3];
	struct smtpcode_reply r;

	(void)state;
	memcpy(text, "550 5.1.1 ", 10);
	memset(text + 10, 'a', sizeof(text) - 11);
	smtpcode_reply_parse(text, sizeof(text) - 1, &r);
	assert_int_equal(r.truncated, 1);
	assert_int_equal(r.text_len, SMTPCODE_TEXT_SIZE - 1);
	assert_int_equal(strlen(r.text), SMTPCODE_TEXT_SIZE - 1);
}

/* Bytes are bytes: a NUL inside a line does not end it. */
static void
test_reply_nul(void **state)
{
	static const char text[] = "550 5.1.1 a\0b\n";
	struct smtpcode_reply r;

	(void)state;
	assert_int_equal(smtpcode_reply_parse(text, sizeof(text) - 1, &r),
	    sizeof(text) - 1);
	assert_int_equal(r.text_len, 3);
	assert_memory_equal(r.text, "a\0b", 3);
}

/*
 * Where a reply was read from, by the form of the line: Sendmail's
 * stat= and reply= carry the reply bare, OpenSMTPD's stat= quotes it.
 */
static void
test_reply_sources(void **state)
{
	static const struct {
		const char		*line;
		enum smtpcode_source	 source;
		int			 code;
		const char		*text;
	} cases[] = {
		{ "Mar  5 08:30:01 mx1 smtpd[1234]: 9b1f3c4a5d6e7f80 mta "
		    "delivery evpid=0123456789abcdef from=<alice@example.com> "
		    "to=<bob@example.org> rcpt=<-> source=\"192.0.2.1\" "
		    "relay=\"mx.example.org (192.0.2.20)\" delay=2s "
		    "result=\"PermFail\" stat=\"550 5.1.1 <bob@example.org>: "
		    "Recipient address rejected: User unknown\"",
		    SMTPCODE_SOURCE_OPENSMTPD, 550,
		    "<bob@example.org>: Recipient address rejected: User "
		    "unknown" },
		{ "Mar  5 08:31:01 mx1 smtpd[1234]: 9b1f3c4a5d6e7f81 mta "
		    "delivery evpid=0123456789abcdee from=<alice@example.com> "
		    "to=<carol@example.net> rcpt=<-> result=\"TempFail\" "
		    "stat=\"421 4.7.0 Try again later\"",
		    SMTPCODE_SOURCE_OPENSMTPD, 421, "Try again later" },
		/* Its refusal of a client: the reply in result=, to its quote. */
		{ "Mar  5 08:32:01 mx1 smtpd[1234]: 9b1f3c4a5d6e7f82 smtp "
		    "failed-command command=\"RCPT TO:<x@example.org>\" "
		    "result=\"550 Invalid recipient: <x@example.org>\" x=1",
		    SMTPCODE_SOURCE_OPENSMTPD, 550,
		    "Invalid recipient: <x@example.org>" },
		{ "Nov 28 03:12:09 mx1 sm-mta[881]: 4ASD: to=<bob@example.org>, "
		    "delay=00:00:05, mailer=esmtp, relay=mx.example.org. "
		    "[192.0.2.10], dsn=4.4.2, stat=Deferred: 421 4.4.2 "
		    "mx.example.org: Connection timed out",
		    SMTPCODE_SOURCE_SENDMAIL, 421,
		    "mx.example.org: Connection timed out" },
		{ "Mar  5 08:16:20 mx1 sendmail[4250]: 425E8Gq6004250: "
		    "to=<dave@example.com>, mailer=esmtp, relay=mx.example.com. "
		    "[203.0.113.7], reply=452 4.2.2 <dave@example.com>... "
		    "Mailbox full",
		    SMTPCODE_SOURCE_SENDMAIL, 452,
		    "<dave@example.com>... Mailbox full" },
		{ "Tue 2024-06-04 11:20:05.806: <-- 550 5.1.1 <o@example.org>: "
		    "mailbox unavailable", SMTPCODE_SOURCE_TRANSCRIPT, 550,
		    "<o@example.org>: mailbox unavailable" },
		{ "Remote host said: 550 5.1.1 no mailbox here",
		    SMTPCODE_SOURCE_QMAIL, 550, "no mailbox here" },
		{ "mx.example.org[192.0.2.7] said: 550 5.1.1 gone (in reply to "
		    "RCPT TO command)", SMTPCODE_SOURCE_POSTFIX, 550, "gone" }
	};
	struct smtpcode_reply r;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		smtpcode_reply_parse(cases[i].line, strlen(cases[i].line), &r);
		if (r.source != cases[i].source)
			fail_msg("case %zu: read from %s, expected %s", i,
			    smtpcode_source_keyword(r.source),
			    smtpcode_source_keyword(cases[i].source));
		assert_int_equal(r.code, cases[i].code);
		assert_string_equal(r.text, cases[i].text);
	}
}

/*
 * The server's text ends at its last character that is not a blank:
 * trailing spaces and tabs go, on a reply's last line, in a quoted
 * value and in a DSN field; blanks inside stay.
 */
static void
test_reply_trailing_blanks(void **state)
{
	static const struct {
		const char	*in;
		const char	*text;
	} cases[] = {
		{ "550 5.1.1 gone \t ", "gone" },
		{ "550 5.1.1 gone\t\r\n", "gone" },
		{ "550 5.1.1 a  b  ", "a  b" },
		{ "550 5.1.1    ", "" },
		{ "550-5.1.1 one\r\n550 5.1.1 two \t\r\n", "one two" },
		{ "Diagnostic-Code: smtp; 550 5.1.1 gone  ", "gone" },
		{ "x smtpd[1]: stat=\"550 5.1.1 gone  \"", "gone" }
	};
	struct smtpcode_reply r;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		smtpcode_reply_parse(cases[i].in, strlen(cases[i].in), &r);
		assert_int_equal(r.code, 550);
		assert_string_equal(r.text, cases[i].text);
		assert_int_equal(r.text_len, strlen(cases[i].text));
	}
}

static void
test_yahoo_marker(void **state)
{
	static const char text[] = "421 4.7.0 [TSS04] Messages deferred";
	struct smtpcode_reply r;

	(void)state;
	smtpcode_reply_parse(text, sizeof(text) - 1, &r);
	assert_string_equal(r.marker, "TSS04");
}

static void
test_status_parse(void **state)
{
	const struct status_case *c;
	struct smtpcode_status st;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(status_cases) / sizeof(status_cases[0]); i++) {
		c = &status_cases[i];
		assert_int_equal(smtpcode_parse_status(c->text, strlen(c->text),
		    c->allow_x, &st), c->error);
		if (c->error != SMTPCODE_PARSE_OK)
			continue;
		assert_int_equal(st.class_digit, c->class_digit);
		assert_int_equal(st.subject, c->subject);
		assert_int_equal(st.detail, c->detail);
	}
}

/* The hard bounces are those smtpcode(1) lists under Verdicts. */
static void
hard_list(const struct smtpcode_entry *table, size_t count)
{
	char list[256];
	size_t i, len;

	len = 0;
	list[0] = '\0';
	for (i = 0; i < count; i++)
		if (table[i].bounce == SMTPCODE_BOUNCE_HARD)
			len += (size_t)snprintf(list + len, sizeof(list) - len,
			    "%s ", table[i].label);
	assert_string_equal(list, "X.1.1 X.1.2 X.1.3 X.1.6 X.1.10 "
	    "X.2.1 X.4.4 X.7.17 X.7.18 ");
	table = smtpcode_table(&count);
	len = 0;
	list[0] = '\0';
	for (i = 0; i < count; i++)
		if (table[i].bounce == SMTPCODE_BOUNCE_HARD)
			len += (size_t)snprintf(list + len, sizeof(list) - len,
			    "%s ", table[i].label);
	assert_string_equal(list, "521 550 551 553 556 ");
}

/*
 * The registry table: every row present once, sorted, each a complete
 * entry whose basic codes are codes and whose classes cover them.
 */
static void
test_registry_table(void **state)
{
	static const int last_detail[8] = { 0, 10, 4, 6, 7, 6, 10, 30 };
	const struct smtpcode_entry *table;
	const char *p;
	size_t i, count;
	int subject, detail;

	(void)state;
	table = smtpcode_status_table(&count);
	assert_int_equal(count, REGISTRY_ROWS);
	/* The registry's enumerated codes: details 0 to last_detail. */
	for (subject = 0, i = 0; subject <= 7; subject++)
		for (detail = 0; detail <= last_detail[subject]; detail++) {
			if (smtpcode_lookup_status(subject, detail) == NULL)
				fail_msg("X.%d.%d is missing", subject, detail);
			i++;
		}
	assert_int_equal(i, REGISTRY_ROWS);
	assert_non_null(smtpcode_lookup_status(7, 30));
	assert_non_null(smtpcode_lookup_status(6, 10));
	assert_non_null(smtpcode_lookup_status(1, 10));
	assert_null(smtpcode_lookup_status(7, 31));
	assert_null(smtpcode_lookup_status(1, 11));
	for (i = 0; i < count; i++) {
		if (i > 0)
			assert_true(table[i].code > table[i - 1].code);
		assert_int_equal(table[i].kind, SMTPCODE_ENHANCED);
		assert_int_equal(table[i].class_digit, 0);
		assert_true(strncmp(table[i].label, "X.", 2) == 0);
		assert_true(strncmp(table[i].rfc, "RFC ", 4) == 0 ||
		    strncmp(table[i].rfc, "draft-", 6) == 0);
		assert_true(*table[i].description != '\0');
		assert_true(*table[i].when != '\0');
		assert_true(*table[i].fix != '\0');
		assert_true(table[i].classes != 0);
		for (p = table[i].basic; *p != '\0'; p += strspn(p, ", ")) {
			if (*p >= '2' && *p <= '5')
				assert_true(table[i].classes &
				    SMTPCODE_CLASS_BIT(*p - '0'));
			p += strcspn(p, ",");
		}
	}
	assert_int_equal(smtpcode_lookup_status(6, 10)->deprecated, 1);
	hard_list(table, count);
}

/* Every enhanced code codes.tsv pairs with a basic code is registered. */
static void
test_basic_pairs_registered(void **state)
{
	const struct smtpcode_entry *table;
	struct smtpcode_status st;
	const char *p;
	size_t i, count, len;

	(void)state;
	table = smtpcode_table(&count);
	for (i = 0; i < count; i++)
		for (p = table[i].enhanced; *p != '\0'; p += len,
		    p += strspn(p, ", ")) {
			len = strcspn(p, ",");
			assert_int_equal(smtpcode_parse_status(p, len, 0, &st),
			    SMTPCODE_PARSE_OK);
			if (smtpcode_lookup_status(st.subject, st.detail) ==
			    NULL)
				fail_msg("%s lists %.*s, which the registry "
				    "lacks", table[i].label, (int)len, p);
		}
}

static void
test_describe_status(void **state)
{
	struct smtpcode_status st;
	struct smtpcode_entry e;

	(void)state;
	st = (struct smtpcode_status){ 4, 2, 2 };
	assert_int_equal(smtpcode_describe_status(&st, &e), 1);
	assert_string_equal(e.label, "4.2.2");
	assert_int_equal(e.class_digit, 4);
	assert_int_equal(e.retry, SMTPCODE_RETRY_LATER);
	assert_int_equal(e.bounce, SMTPCODE_BOUNCE_NONE);
	st = (struct smtpcode_status){ 5, 1, 99 };
	assert_int_equal(smtpcode_describe_status(&st, &e), 0);
	assert_string_equal(e.label, "5.1.99");
	assert_string_equal(e.rfc, "");
	assert_int_equal(e.bounce, SMTPCODE_BOUNCE_SOFT);
	st = (struct smtpcode_status){ 0, 1, 1 };
	assert_int_equal(smtpcode_describe_status(&st, &e), 1);
	assert_string_equal(e.label, "X.1.1");
	assert_int_equal(e.bounce, SMTPCODE_BOUNCE_HARD);
	st = (struct smtpcode_status){ 5, 8, 1 };
	assert_int_equal(smtpcode_describe_status(&st, &e), -1);
	st = (struct smtpcode_status){ 3, 1, 1 };
	assert_int_equal(smtpcode_describe_status(&st, &e), -1);
	assert_string_equal(smtpcode_subject_name(7),
	    "security or policy status");
	assert_null(smtpcode_subject_name(8));
	assert_null(smtpcode_status_class_name(3));
}

static void
test_pairing(void **state)
{
	static const struct {
		int code;
		struct smtpcode_status st;
		enum smtpcode_pairing want;
	} cases[] = {
		{ 550, { 5, 1, 1 }, SMTPCODE_PAIR_REGISTERED },
		{ 451, { 4, 1, 1 }, SMTPCODE_PAIR_REGISTERED },
		{ 552, { 5, 7, 16 }, SMTPCODE_PAIR_REGISTERED },
		{ 554, { 5, 7, 17 }, SMTPCODE_PAIR_REGISTERED },  /* 5xx */
		{ 421, { 4, 0, 0 }, SMTPCODE_PAIR_REGISTERED },	/* any */
		{ 554, { 5, 6, 9 }, SMTPCODE_PAIR_USUAL },
		{ 552, { 5, 1, 1 }, SMTPCODE_PAIR_UNLISTED },
		{ 550, { 5, 1, 99 }, SMTPCODE_PAIR_UNLISTED },
		{ 450, { 5, 2, 2 }, SMTPCODE_PAIR_CLASS },
		{ 250, { 5, 1, 1 }, SMTPCODE_PAIR_CLASS }
	};
	struct smtpcode_entry basic, enh;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		smtpcode_describe(cases[i].code, &basic);
		smtpcode_describe_status(&cases[i].st, &enh);
		assert_int_equal(smtpcode_pairing(&basic, &enh),
		    cases[i].want);
	}
}

/*
 * The enhanced code decides the verdict, but for 521 and 556; the basic
 * one when alone.
 */
static void
test_verdict(void **state)
{
	struct smtpcode_entry basic, enh;
	struct smtpcode_status st;

	(void)state;
	smtpcode_describe(550, &basic);
	assert_int_equal(smtpcode_verdict(&basic, NULL),
	    SMTPCODE_VERDICT_HARD);
	smtpcode_describe(552, &basic);
	assert_int_equal(smtpcode_verdict(&basic, NULL),
	    SMTPCODE_VERDICT_SOFT);
	st = (struct smtpcode_status){ 5, 1, 1 };
	smtpcode_describe_status(&st, &enh);
	assert_int_equal(smtpcode_verdict(&basic, &enh),
	    SMTPCODE_VERDICT_HARD);
	smtpcode_describe(250, &basic);
	assert_int_equal(smtpcode_verdict(&basic, &enh),
	    SMTPCODE_VERDICT_HARD);
	assert_int_equal(smtpcode_verdict(&basic, NULL),
	    SMTPCODE_VERDICT_DELIVERED);
	smtpcode_describe(354, &basic);
	assert_int_equal(smtpcode_verdict(&basic, NULL),
	    SMTPCODE_VERDICT_CONTINUE);
	st = (struct smtpcode_status){ 4, 2, 2 };
	smtpcode_describe_status(&st, &enh);
	assert_int_equal(smtpcode_verdict(NULL, &enh),
	    SMTPCODE_VERDICT_RETRY);
	/* 521 and 556 say the host or domain takes no mail: they decide. */
	smtpcode_describe(521, &basic);
	st = (struct smtpcode_status){ 5, 3, 2 };
	smtpcode_describe_status(&st, &enh);
	assert_int_equal(smtpcode_verdict(NULL, &enh), SMTPCODE_VERDICT_SOFT);
	assert_int_equal(smtpcode_verdict(&basic, &enh),
	    SMTPCODE_VERDICT_HARD);
	assert_ptr_equal(smtpcode_verdict_by(&basic, &enh), &basic);
	smtpcode_describe(556, &basic);
	st = (struct smtpcode_status){ 5, 0, 0 };
	smtpcode_describe_status(&st, &enh);
	assert_int_equal(smtpcode_verdict(&basic, &enh),
	    SMTPCODE_VERDICT_HARD);
	/* Other basic codes do not: 550 5.7.1 is a policy refusal. */
	smtpcode_describe(550, &basic);
	st = (struct smtpcode_status){ 5, 7, 1 };
	smtpcode_describe_status(&st, &enh);
	assert_int_equal(smtpcode_verdict(&basic, &enh),
	    SMTPCODE_VERDICT_SOFT);
	assert_ptr_equal(smtpcode_verdict_by(&basic, &enh), &enh);
	assert_ptr_equal(smtpcode_verdict_by(&basic, NULL), &basic);
	assert_ptr_equal(smtpcode_verdict_by(NULL, &enh), &enh);
	assert_null(smtpcode_verdict_text((enum smtpcode_verdict)5));
	assert_string_equal(smtpcode_verdict_name(SMTPCODE_VERDICT_SOFT),
	    "soft");
}

/* The recipients a line names, comma-separated; "" for none. */
static const struct {
	const char	*line;
	const char	*recipients;
} recipient_cases[] = {
	{ "Mar  6 10:00:01 mx postfix/smtp[100]: 4A1B: to=<Ann@Example.COM>, "
	  "orig_to=<list@example.net>, relay=mx[192.0.2.1]:25, dsn=5.1.1, "
	  "status=bounced (host mx said: 550 5.1.1 User unknown)",
	  "Ann@example.com" },
	{ "Mar  6 10:02:11 relay sendmail[200]: 42F0: to=<s1@example.org>,"
	  "<S2@EXAMPLE.org>,s3@example.org, delay=00:00:01, stat=User unknown",
	  "s1@example.org,S2@example.org,s3@example.org" },
	{ "2024-03-06 10:05:00 1rhA-000001-AA ** gone@Example.NET "
	  "<Gone@example.net> R=dnslookup: SMTP error from remote mail "
	  "server after RCPT TO:<gone@example.net>: 550 5.1.1 No such user",
	  "gone@example.net" },
	{ "2024-03-06 10:05:01 1rhA-000002-AB == wait@example.net R=x defer "
	  "(-44): 451 4.3.0 later", "wait@example.net" },
	{ "2024-03-06 10:05:02 1rhA-000003-AC => fay@Example.NET R=x "
	  "T=remote_smtp H=mx.example.net [192.0.2.2] C=\"250 OK\"",
	  "fay@example.net" },
	{ "2024-03-06 10:05:02 1rhA-000003-AC -> gil@example.net R=x "
	  "C=\"250 OK\"", "gil@example.net" },
	{ "2024-03-06 10:05:02 1rhA-000004-AD >> hal@Example.net R=x "
	  "C=\"250 OK\"", "hal@example.net" },
	/* Courier's client and server logs. */
	{ "Jul 10 mx courieresmtp: id=1,from=<a@example.com>,addr=<Bob@Example"
	  ".ORG>: 550 5.1.1 unknown", "Bob@example.org" },
	{ "Jul 10 mx courieresmtpd: error,relay=::ffff:203.0.113.45,from=<p@"
	  "example.net>,to=<nobody@example.com>: 550 User unknown.",
	  "nobody@example.com" },
	/* Past the first 64 bytes, " ** " is a text's, not Exim's flag. */
	{ "2024-03-06 10:05:02 1rhA-000003-AC H=mx.example.net [192.0.2.2] "
	  "said ** nobody@example.net", "" },
	{ "Final-Recipient: rfc822; dead@Example.ORG", "dead@example.org" },
	{ "final-recipient: RFC822;<dead@example.org>", "dead@example.org" },
	{ "Original-Recipient: rfc822;alias@example.net", "alias@example.net" },
	{ "<para@Example.com>: host mx[192.0.2.1] said: 550 5.1.1 unknown",
	  "para@example.com" },
	{ "<dead@example.org> (expanded from <alias@example.net>): host",
	  "dead@example.org" },
	/* A transcript's client lines, and an address alone on a line. */
	{ ">>> RCPT TO:<Lee@Example.ORG>", "Lee@example.org" },
	{ " Tue 2024-06-04 11:20:05.704: --> RCPT To:<oto@example.org>",
	  "oto@example.org" },
	{ "  hal@Example.ORG", "hal@example.org" },
	/* An address that starts a report's line, before a blank. */
	{ "bob@Example.org: 550 5.1.1 unknown", "bob@example.org" },
	{ "kim@example.com Invalid Address, ERROR_CODE :550,",
	  "kim@example.com" },
	{ "sue@example.net... User unknown", "sue@example.net" },
	{ "Hello bob@example.org: 550", "" },
	/* A bracketed address alone; Sendmail's summary of one. */
	{ "<bob@Example.org>", "bob@example.org" },
	{ "550 5.1.2 carol@Example.NET... Host unknown", "carol@example.net" },
	{ "550 <dan@example.org>... User unknown", "dan@example.org" },
	/* The same form as a transcript's reply, answering DATA. */
	{ "<<< 550 5.1.1 <eve@Example.org>... User unknown",
	  "eve@example.org" },
	{ "<<< 550 5.1.1 User unknown", "" },
	{ "550 5.1.1 User unknown", "" },
	/* Not recipients: no address, a transcript, bare words, junk. */
	{ "550 5.1.1 <bob@example.org>: User unknown", "" },
	{ "<<< 550 5.1.1 <bob@example.org> unknown", "" },
	{ "<13>Mar  6 mx postfix/smtp[1]: to=<>, status=bounced", "" },
	{ "x to=<no-at-sign>, status=bounced", "" },
	/* Two '@': the domain is after the last, the rest kept as it is. */
	{ "x to=<Ab@Cd@EF.org>, status=bounced", "Ab@Cd@ef.org" },
	{ "x to=<@example.org>, status=bounced", "" },
	{ "x to=<bob@>, status=bounced", "" },
	{ "x to=<bo b@example.org>, status=bounced", "" },
	{ "Final-Recipient: rfc822; ", "" },
	{ "** x", "" },
	{ ">>> RCPT TO:<>", "" },
	{ "was not delivered to:", "" }
};

static void
test_line_recipients(void **state)
{
	char buf[SMTPCODE_RECIPIENTS_SIZE];
	size_t i, n;

	(void)state;
	for (i = 0; i < sizeof(recipient_cases) / sizeof(recipient_cases[0]);
	    i++) {
		n = smtpcode_line_recipients(recipient_cases[i].line,
		    strlen(recipient_cases[i].line), buf, sizeof(buf));
		assert_int_equal(n, strlen(recipient_cases[i].recipients));
		assert_string_equal(buf, recipient_cases[i].recipients);
	}
}

/*
 * The hosts a log line names: the server that replied, and the client
 * an inbound reply refused (its address where its name is unknown or
 * missing); Exim's H= and Sendmail's relay= name either; a server's
 * words "host" and "from" are not taken for hosts.
 */
static const struct {
	const char	*line;
	const char	*server;
	const char	*client;
} host_cases[] = {
	{ "Mar  7 mx postfix/smtp[1]: Q: to=<a@b.org>, relay=MX.Example.COM"
	  "[192.0.2.1]:25, dsn=5.1.1, status=bounced (host MX.Example.COM"
	  "[192.0.2.1] said: 550 5.1.1 unknown (in reply to RCPT TO command))",
	  "mx.example.com", "mx.example.com" },
	{ "Mar  7 mx postfix/smtpd[1]: NOQUEUE: reject: RCPT from unknown"
	  "[198.51.100.7]: 450 4.7.1 Client host rejected: cannot find your "
	  "hostname; from=<a@example.net> to=<x@example.org>", "",
	  "198.51.100.7" },
	{ "Mar  7 mx postfix/smtpd[1]: NOQUEUE: reject: RCPT from mail.example"
	  ".net[198.51.100.8]: 554 5.7.1 Client host [198.51.100.8] blocked; "
	  "from=<a@example.net>", "", "mail.example.net" },
	{ "2024-03-07 09:01:00 H=(helo.example) [198.51.100.8] F=<c@example."
	  "net> rejected RCPT <z@example.org>: 451 4.7.1 greylisted",
	  "198.51.100.8", "198.51.100.8" },
	{ "Mar  7 relay sendmail[1]: Q: ruleset=check_rcpt, arg1=<w@x.org>, "
	  "relay=[198.51.100.9], reject=550 5.7.1 <w@x.org>... denied",
	  "198.51.100.9", "198.51.100.9" },
	{ "Mar  7 gw smtpd[1]: 9b mta delivery evpid=2a from=<a@example.net> "
	  "to=<i@example.com> relay=\"mx.example.com (192.0.2.10)\" "
	  "result=\"PermFail\" stat=\"550 5.1.1 User unknown\"",
	  "mx.example.com", "mx.example.com" }
};

static void
test_reply_hosts(void **state)
{
	struct smtpcode_reply r;
	char buf[SMTPCODE_HOST_SIZE];
	size_t i, n;

	(void)state;
	for (i = 0; i < sizeof(host_cases) / sizeof(host_cases[0]); i++) {
		smtpcode_reply_parse(host_cases[i].line,
		    strlen(host_cases[i].line), &r);
		assert_int_not_equal(r.code, 0);
		n = smtpcode_reply_host(&r, buf, sizeof(buf));
		assert_string_equal(buf, host_cases[i].server);
		assert_int_equal(n, strlen(host_cases[i].server));
		n = smtpcode_reply_client(&r, buf, sizeof(buf));
		assert_string_equal(buf, host_cases[i].client);
		assert_int_equal(n, strlen(host_cases[i].client));
	}
}

/* Lines that start with a log's time stamp, and a report's that do not. */
static void
test_log_line(void **state)
{
	static const struct {
		const char	*line;
		int		 log;
	} cases[] = {
		{ "Mar  7 09:00:02 mx1 postfix/smtpd[1]: connect", 1 },
		{ "Nov 28 18:13:07 mx1 sm-mta[1517]: 49C1: from=<a@b>", 1 },
		{ "2024-03-07 09:01:07 1rh6Cc-000Xyz-Ef Completed", 1 },
		{ "2026-11-28T10:00:00.123456+00:00 mx postfix/smtp[1]: x", 1 },
		{ "Tue 2024-06-04 11:20:05.704: --> RCPT To:<o@example.org>", 0 },
		{ ">>> RCPT TO:<lee@example.org>", 0 },
		{ "  bob@example.org", 0 },
		{ "Subject: Mar  7 09:00:02", 0 },
		{ "Mar  7 09:00", 0 }
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (smtpcode_log_line(cases[i].line, strlen(cases[i].line)) !=
		    cases[i].log)
			fail_msg("case %zu: '%s'", i, cases[i].line);
}

/* An address longer than 254 bytes, or one that does not fit, is left out. */
static void
test_line_recipients_bounds(void **state)
{
	char line[600], buf[32];
	size_t n;

	(void)state;
	memset(line, 'a', sizeof(line));
	memcpy(line, "x to=<", 6);
	memcpy(line + 6 + 250, "@example.org>, y", 16);
	n = smtpcode_line_recipients(line, 6 + 250 + 16, buf, sizeof(buf));
	assert_int_equal(n, 0);
	n = smtpcode_line_recipients("x to=<a@b.c>,<0123456789@example.org>, y",
	    40, buf, 16);
	assert_string_equal(buf, "a@b.c");
	assert_int_equal(n, 5);
	/* Only len bytes are read: the line need not end in NUL. */
	n = smtpcode_line_recipients("x to=<a@b.cdef>", 11, buf, sizeof(buf));
	assert_string_equal(buf, "a@b.c");
	assert_int_equal(n, 5);
}

/*
 * Lines that hold no reply, whatever codes they show: the steps of an
 * MDaemon session (its 2xx and 3xx lines), and fields that own their
 * line with no reply in it; each leaves the reply empty.
 */
static void
test_reply_not_outcomes(void **state)
{
	static const char *const lines[] = {
		"Tue 2024-06-04 11:20:05.499: <-- 220 mx.example.org ESMTP",
		"Tue 2024-06-04 11:20:05.703: <-- 250 2.1.0 Sender OK",
		" Tue 2024-06-04 11:20:05.601: <-- 354 go ahead",
		"Status: 550 5.1.1 not a status",
		"Diagnostic-Code: smtp; no code here 5.1"
	};
	struct smtpcode_reply r;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		smtpcode_reply_parse(lines[i], strlen(lines[i]), &r);
		if (r.source != SMTPCODE_SOURCE_NONE)
			fail_msg("line %zu: read from %s", i,
			    smtpcode_source_keyword(r.source));
		assert_int_equal(r.code, 0);
		assert_int_equal(r.has_status, 0);
		assert_int_equal(r.text_len, 0);
	}
}

/* The command a transcript's client line sends, or 0. */
static void
test_line_command(void **state)
{
	static const struct {
		const char	*line;
		unsigned	 stage;
	} cases[] = {
		{ ">>> RCPT TO:<lee@example.org>", SMTPCODE_STAGE_RCPT },
		{ ">>> DATA", SMTPCODE_STAGE_DATA },
		{ ">>> MAIL From:<kim@example.net> SIZE=100",
		  SMTPCODE_STAGE_MAIL },
		{ " Tue 2024-06-04 11:20:05.704: --> RCPT To:<o@example.org>",
		  SMTPCODE_STAGE_RCPT },
		{ "Tue 2024-06-04 11:20:05.500: --> EHLO mail.example.net",
		  SMTPCODE_STAGE_EHLO },
		{ "    SMTP error from remote mail server after RCPT "
		  "TO:<bob@example.org>:", SMTPCODE_STAGE_RCPT },
		{ "    SMTP error from remote mail server after end of data:",
		  SMTPCODE_STAGE_EOD },
		{ "SMTP error from remote mailer after pipelined MAIL "
		  "FROM:<a@example.net> SIZE=9:", SMTPCODE_STAGE_MAIL },
		{ "    SMTP error from remote mail server after initial "
		  "connection:", SMTPCODE_STAGE_CONNECT },
		{ "    SMTP error from remote mail server:", 0 },
		{ "<<< 550 5.1.1 unknown", 0 },
		{ "Connection established 192.0.2.1:5 --> 192.0.2.44:25", 0 },
		{ ">>> ", 0 },
		{ "", 0 }
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (smtpcode_line_command(cases[i].line,
		    strlen(cases[i].line)) != cases[i].stage)
			fail_msg("case %zu: '%s'", i, cases[i].line);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reply_cases),
		cmocka_unit_test(test_reply_lines),
		cmocka_unit_test(test_reply_incomplete),
		cmocka_unit_test(test_reply_prefixes_dropped),
		cmocka_unit_test(test_reply_postfix_status),
		cmocka_unit_test(test_reply_flattened),
		cmocka_unit_test(test_reply_exim_escaped),
		cmocka_unit_test(test_reply_truncated),
		cmocka_unit_test(test_reply_nul),
		cmocka_unit_test(test_reply_sources),
		cmocka_unit_test(test_reply_not_outcomes),
		cmocka_unit_test(test_line_command),
		cmocka_unit_test(test_reply_trailing_blanks),
		cmocka_unit_test(test_yahoo_marker),
		cmocka_unit_test(test_status_parse),
		cmocka_unit_test(test_registry_table),
		cmocka_unit_test(test_basic_pairs_registered),
		cmocka_unit_test(test_describe_status),
		cmocka_unit_test(test_pairing),
		cmocka_unit_test(test_verdict),
		cmocka_unit_test(test_line_recipients),
		cmocka_unit_test(test_line_recipients_bounds),
		cmocka_unit_test(test_reply_hosts),
		cmocka_unit_test(test_log_line),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
