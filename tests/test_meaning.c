/* SPDX-License-Identifier: ISC */
/* test_meaning.c -- providers, reasons and verdicts of whole replies */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/internal.h"

/* The corpus of written replies, run from the top of the tree. */
#define CORPUS		"tests/corpus.tsv"
#define CORPUS_MIN	150
#define LINE_MAX_	8192

/* What smtpcode makes of one reply: its first reply, understood. */
struct outcome {
	struct smtpcode_reply reply;
	struct smtpcode_entry codes[2];
	struct smtpcode_meaning meaning;
	struct smtpcode_reply_view view;
	int known;
};

/* The first reply in text, as "smtpcode -" finds it; 1 if there is one. */
static int
first_reply(const char *text, size_t len, struct smtpcode_reply *r)
{
	size_t used;

	while ((used = smtpcode_reply_parse(text, len, r)) > 0) {
		if (r->source != SMTPCODE_SOURCE_NONE)
			return 1;
		text += used;
		len -= used;
	}
	return 0;
}

static struct outcome *
explain(const char *text, size_t len)
{
	static struct outcome o;

	assert_true(first_reply(text, len, &o.reply));
	o.known = smtpcode_explain_reply(&o.reply, o.codes, &o.meaning,
	    &o.view);
	return &o;
}

/* Whether the text holds a reply at all. */
static int
parses(const char *text, size_t len)
{
	static struct smtpcode_reply r;

	return first_reply(text, len, &r);
}

static struct outcome *
explain_str(const char *text)
{
	return explain(text, strlen(text));
}

static const char *
reason_of(const struct outcome *o)
{
	return o->meaning.reason != NULL ? o->meaning.reason->id : "-";
}

static const char *
provider_of(const struct outcome *o)
{
	return o->meaning.provider != NULL ? o->meaning.provider->id : "-";
}

static const char *
verdict_of(const struct outcome *o)
{
	return smtpcode_verdict_name(o->meaning.verdict);
}

/* Undo the corpus's escapes, \n, \t and \\, in place; return the length. */
static size_t
unescape(char *s)
{
	char *in, *out;

	for (in = out = s; *in != '\0'; in++) {
		if (*in == '\\' && in[1] != '\0') {
			in++;
			*out++ = *in == 'n' ? '\n' : *in == 't' ? '\t' : *in;
		} else
			*out++ = *in;
	}
	*out = '\0';
	return (size_t)(out - s);
}

/* Whether what smtpcode makes of text is what the corpus row says. */
static int
agrees(char **field, size_t len)
{
	struct outcome *o;

	if (!parses(field[0], len))
		return 0;
	o = explain(field[0], len);
	return strcmp(provider_of(o), field[1]) == 0 &&
	    strcmp(reason_of(o), field[2]) == 0 &&
	    strcmp(verdict_of(o), field[3]) == 0;
}

/*
 * Every reply of the corpus gives the provider, reason and verdict
 * written beside it.  A row whose note starts "pending:" is one smtpcode
 * cannot read yet (a log line with no code, say): it must still fail,
 * so that a fix is noticed and the row made to count.  All mismatches
 * are listed before the test fails.
 */
static void
test_corpus(void **state)
{
	char line[LINE_MAX_], *field[5], *p;
	size_t rows, bad, pending, len;
	FILE *fp;
	int i, ok;

	(void)state;
	assert_non_null(fp = fopen(CORPUS, "r"));
	rows = bad = pending = 0;
	while (fgets(line, sizeof(line), fp) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		if (*line == '#' || *line == '\0' ||
		    strncmp(line, "input\t", 6) == 0)
			continue;
		for (i = 0, p = line; i < 5; i++) {
			field[i] = p;
			if ((p = strchr(p, '\t')) == NULL && i < 4)
				fail_msg("%s: row %zu has %d fields", CORPUS,
				    rows + 1, i + 1);
			if (p != NULL)
				*p++ = '\0';
		}
		rows++;
		len = unescape(field[0]);
		ok = agrees(field, len);
		if (strncmp(field[4], "pending:", 8) == 0) {
			pending++;
			if (ok) {
				print_message("corpus row %zu (%s): passes "
				    "now; drop its 'pending:'\n", rows,
				    field[4]);
				bad++;
			}
		} else if (!ok) {
			print_message("corpus row %zu (%s): want %s %s %s, "
			    "got ", rows, field[4], field[1], field[2],
			    field[3]);
			if (parses(field[0], len))
				print_message("%s %s %s\n",
				    provider_of(explain(field[0], len)),
				    reason_of(explain(field[0], len)),
				    verdict_of(explain(field[0], len)));
			else
				print_message("no reply\n");
			bad++;
		}
	}
	fclose(fp);
	print_message("corpus: %zu replies, %zu pending, %zu wrong\n", rows,
	    pending, bad);
	assert_true(rows - pending >= CORPUS_MIN);
	assert_int_equal(bad, 0);
}

/* Case does not matter, and white space runs are one space. */
static void
test_match_case_and_space(void **state)
{
	struct outcome *o;

	(void)state;
	o = explain_str("552 5.2.2 MAILBOX\t \tFULL for this user");
	assert_string_equal(reason_of(o), "mailbox-full");
	assert_int_equal(o->meaning.evidence, SMTPCODE_BY_TEXT);
	assert_string_equal(verdict_of(o), "soft");
}

/* A phrase that a multi-line reply splits across its lines is found. */
static void
test_match_folded(void **state)
{
	struct outcome *o;
	char words[64];

	(void)state;
	o = explain_str("550-5.1.1 <bob@example.org>: Recipient address "
	    "rejected: User\r\n550 5.1.1 unknown in local recipient table");
	assert_string_equal(reason_of(o), "recipient-unknown");
	smtpcode_reason_words(words, sizeof(words), &o->reply, &o->meaning);
	assert_non_null(strstr(words, "User unknown"));
	assert_string_equal(verdict_of(o), "hard");
}

/*
 * Of overlapping phrases the higher rank wins: the sender's address is
 * refused, so the recipient is not unknown.
 */
static void
test_match_overlap(void **state)
{
	struct outcome *o;

	(void)state;
	o = explain_str("553 5.1.8 <a@example.net>: Sender address rejected: "
	    "Domain not found");
	assert_string_equal(reason_of(o), "sender-rejected");
	assert_string_equal(verdict_of(o), "soft");
	o = explain_str("550 5.1.1 <bob@example.org>: Recipient address "
	    "rejected: User unknown in virtual mailbox table");
	assert_string_equal(reason_of(o), "recipient-unknown");
}

/* No reason in the text: the codes decide, and the page says which. */
static void
test_codes_decide(void **state)
{
	struct outcome *o;
	char by[256];

	(void)state;
	o = explain_str("550 5.1.1 x");
	/* The code names the reason, and the code decided the verdict. */
	assert_string_equal(reason_of(o), "recipient-unknown");
	assert_true(o->meaning.reason_by_code);
	assert_int_equal(o->meaning.evidence, SMTPCODE_BY_ENHANCED);
	assert_string_equal(verdict_of(o), "hard");
	o = explain_str("554 x");
	assert_string_equal(reason_of(o), "-");
	assert_int_equal(o->meaning.evidence, SMTPCODE_BY_BASIC);
	assert_string_equal(verdict_of(o), "soft");
	o = explain_str("521 5.3.2 x");
	assert_int_equal(o->meaning.evidence, SMTPCODE_BY_BASIC_SHARP);
	assert_string_equal(verdict_of(o), "hard");
	o = explain_str("451 5.7.3 x");
	assert_string_equal(verdict_of(o), "retry");
	smtpcode_decided_by(by, sizeof(by), &o->reply, &o->meaning,
	    o->view.basic, o->view.enhanced);
	assert_non_null(strstr(by, "451"));
	assert_non_null(strstr(by, "5.7.3"));
}

/* MAIL FROM: about the sender; end of DATA: about the message. */
static void
test_stage(void **state)
{
	struct outcome *o;
	char by[512];

	(void)state;
	o = explain_str("host mx.example.org[192.0.2.1] said: 550 5.1.1 "
	    "x (in reply to MAIL FROM command)");
	assert_string_equal(verdict_of(o), "soft");
	assert_int_equal(o->meaning.stage, SMTPCODE_STAGE_MAIL);
	smtpcode_decided_by(by, sizeof(by), &o->reply, &o->meaning,
	    o->view.basic, o->view.enhanced);
	assert_non_null(strstr(by, "stage: MAIL FROM"));
	o = explain_str("host mx.example.org[192.0.2.1] said: 550 x (in "
	    "reply to end of DATA command)");
	assert_string_equal(verdict_of(o), "soft");
	assert_int_equal(o->meaning.stage, SMTPCODE_STAGE_EOD);
	o = explain_str("host mx.example.org[192.0.2.1] said: 550 x (in "
	    "reply to RCPT TO command)");
	assert_string_equal(verdict_of(o), "hard");
	assert_int_equal(o->meaning.stage, 0);
}

/* A provider is known by its MX host as well as by its text. */
static void
test_provider_by_host(void **state)
{
	struct outcome *o;

	(void)state;
	o = explain_str("Dec  2 10:01:02 mx postfix/smtp[1234]: 4F2A8: "
	    "to=<ann@example.com>, relay=example-com.mail.protection."
	    "outlook.com[192.0.2.5]:25, dsn=5.0.0, status=bounced (host "
	    "example-com.mail.protection.outlook.com[192.0.2.5] said: 550 "
	    "x (in reply to RCPT TO command))");
	assert_string_equal(o->meaning.host,
	    "example-com.mail.protection.outlook.com");
	assert_string_equal(provider_of(o), "microsoft");
	/* A provider's domain inside an address is not its host. */
	o = explain_str("550 5.1.1 <bob@outlook.community.example>: x");
	assert_string_equal(provider_of(o), "-");
}

/* A code only Microsoft sends is known by the code alone: status 0. */
static void
test_provider_code_alone(void **state)
{
	struct smtpcode_status st = { 5, 7, 606 };
	struct outcome *o;

	(void)state;
	assert_true(smtpcode_provider_knows(&st));
	st.subject = 3;
	st.detail = 99;
	assert_false(smtpcode_provider_knows(&st));
	o = explain_str("550 5.7.606 Access denied, banned sending IP "
	    "[192.0.2.1]");
	assert_string_equal(provider_of(o), "microsoft");
	assert_int_equal(o->meaning.evidence, SMTPCODE_BY_PROVIDER);
	assert_true(o->known);
	assert_non_null(o->meaning.rule);
	assert_int_equal(strlen(o->meaning.rule->checked), 10);
}

/*
 * A remembered meaning is the meaning: replies that differ only in their
 * <addresses> share one, and others do not.
 */
static void
test_memo(void **state)
{
	static struct smtpcode_memo memo;
	static const char *const replies[] = {
		"relay=mx.example.org[192.0.2.1]:25, status=bounced (host "
		"mx.example.org[192.0.2.1] said: 550 5.1.1 <ann@example.org>: "
		"Recipient address rejected: User unknown)",
		"relay=mx.example.org[192.0.2.1]:25, status=bounced (host "
		"mx.example.org[192.0.2.1] said: 550 5.1.1 <bob@example.net>: "
		"Recipient address rejected: User unknown)",
		"relay=mx.example.org[192.0.2.1]:25, status=bounced (host "
		"mx.example.org[192.0.2.1] said: 550 5.1.1 <bob@example.net>: "
		"Recipient address rejected: Mailbox full)",
		"550 5.4.1 Recipient address rejected: Access denied"
	};
	struct smtpcode_meaning first, hit, mn;
	struct outcome *o;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(replies) / sizeof(replies[0]); i++) {
		o = explain_str(replies[i]);
		/* What the memo leaves unset shows. */
		memset(&mn, 'x', sizeof(mn));
		smtpcode_meaning_of(&memo, &o->reply, &mn);
		assert_int_equal(mn.verdict, o->meaning.verdict);
		assert_ptr_equal(mn.reason, o->meaning.reason);
		assert_ptr_equal(mn.provider, o->meaning.provider);
		assert_ptr_equal(mn.rule, o->meaning.rule);
		assert_ptr_equal(mn.blocklist, o->meaning.blocklist);
		assert_int_equal(mn.evidence, o->meaning.evidence);
		assert_int_equal(mn.stage, o->meaning.stage);
		assert_int_equal(mn.reason_by_code, o->meaning.reason_by_code);
		assert_int_equal(mn.class_digit, o->meaning.class_digit);
		assert_memory_equal(mn.host, o->meaning.host,
		    strlen(o->meaning.host) + 1);
		if (i == 0)
			first = mn;
		if (i == 1)
			hit = mn;
	}
	assert_int_equal(memo.hits, 1);
	assert_int_equal(memo.misses, 3);
	assert_string_equal(first.reason->id, "recipient-unknown");
	/* A remembered meaning keeps no words of another reply's text. */
	assert_int_equal(first.words_len, 12);
	assert_int_equal(hit.words_len, 0);
	assert_string_equal(hit.host, "mx.example.org");
}

/* The tables hold what the rules point at, and every reason is used. */
static void
test_tables(void **state)
{
	const struct smtpcode_reason *reasons;
	const struct smtpcode_provider *providers;
	const struct smtpcode_rule *rules;
	size_t i, nreasons, nproviders, nrules;

	(void)state;
	reasons = smtpcode_reasons(&nreasons);
	providers = smtpcode_providers(&nproviders);
	rules = smtpcode_rules(&nrules);
	assert_true(nreasons >= 25);
	assert_true(nproviders >= 5);
	assert_true(nrules >= 100);
	for (i = 0; i < nreasons; i++) {
		assert_true(*reasons[i].meaning != '\0');
		assert_true(reasons[i].bounce == SMTPCODE_BOUNCE_HARD ||
		    reasons[i].bounce == SMTPCODE_BOUNCE_SOFT);
	}
	for (i = 0; i < nrules; i++) {
		assert_true(rules[i].provider >= 0 &&
		    (size_t)rules[i].provider < nproviders);
		assert_true(rules[i].reason < (int)nreasons);
		assert_true(rules[i].reason >= 0 || rules[i].verdict >= 0);
		/* A day, or "" where the source could not be read. */
		assert_true(strlen(rules[i].checked) == 10 ||
		    *rules[i].checked == '\0');
	}
	for (i = 0; i < nproviders; i++)
		assert_true(strncmp(providers[i].source, "http", 4) == 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_match_case_and_space),
		cmocka_unit_test(test_match_folded),
		cmocka_unit_test(test_match_overlap),
		cmocka_unit_test(test_codes_decide),
		cmocka_unit_test(test_stage),
		cmocka_unit_test(test_provider_by_host),
		cmocka_unit_test(test_provider_code_alone),
		cmocka_unit_test(test_memo),
		cmocka_unit_test(test_tables),
		cmocka_unit_test(test_corpus),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
