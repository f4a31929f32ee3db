/* SPDX-License-Identifier: ISC */
/* test_code.c -- parsing, lookup, decoding and the generated table */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "smtpcode.h"

struct parse_case {
	const char	*text;
	enum smtpcode_parse_error error;
	int		 code;
};

static const struct parse_case parse_cases[] = {
	{ "421", SMTPCODE_PARSE_OK, 421 },
	{ "200", SMTPCODE_PARSE_OK, 200 },
	{ "559", SMTPCODE_PARSE_OK, 559 },
	{ "250", SMTPCODE_PARSE_OK, 250 },
	{ "", SMTPCODE_PARSE_EMPTY, 0 },
	{ "42", SMTPCODE_PARSE_LENGTH, 0 },
	{ "4211", SMTPCODE_PARSE_LENGTH, 0 },
	{ "0421", SMTPCODE_PARSE_LENGTH, 0 },
	{ "abc", SMTPCODE_PARSE_NOT_DIGITS, 0 },
	{ "42a", SMTPCODE_PARSE_NOT_DIGITS, 0 },
	{ " 421", SMTPCODE_PARSE_NOT_DIGITS, 0 },
	{ "421 ", SMTPCODE_PARSE_NOT_DIGITS, 0 },
	{ "-42", SMTPCODE_PARSE_NOT_DIGITS, 0 },
	{ "\xd9\xa4\xd9\xa2\xd9\xa1", SMTPCODE_PARSE_NOT_DIGITS, 0 },
	{ "621", SMTPCODE_PARSE_FIRST_DIGIT, 0 },
	{ "199", SMTPCODE_PARSE_FIRST_DIGIT, 0 },
	{ "021", SMTPCODE_PARSE_FIRST_DIGIT, 0 },
	{ "561", SMTPCODE_PARSE_SECOND_DIGIT, 0 },
	{ "290", SMTPCODE_PARSE_SECOND_DIGIT, 0 }
};

static void
test_parse_cases(void **state)
{
	size_t i;
	int code;

	(void)state;
	for (i = 0; i < sizeof(parse_cases) / sizeof(parse_cases[0]); i++) {
		code = -1;
		assert_int_equal(smtpcode_parse(parse_cases[i].text, &code),
		    parse_cases[i].error);
		if (parse_cases[i].error == SMTPCODE_PARSE_OK)
			assert_int_equal(code, parse_cases[i].code);
		else
			assert_int_equal(code, -1);
	}
}

static void
test_parse_every_number(void **state)
{
	char text[8];
	int n, code, ok, expect;

	(void)state;
	for (n = 0; n < 1000; n++) {
		snprintf(text, sizeof(text), "%03d", n);
		ok = smtpcode_parse(text, &code) == SMTPCODE_PARSE_OK;
		expect = n >= 200 && n <= 599 && n / 10 % 10 <= 5;
		assert_int_equal(ok, expect);
		if (ok)
			assert_int_equal(code, n);
	}
}

/*
 * Every number, described: the table's entry for a code it holds
 * (1), the class's reading for any other well-formed code (0), nothing
 * for a number that is not a reply code (-1).  The exit status of
 * smtpcode(1) is this, code by code.
 */
static void
test_describe_every_number(void **state)
{
	struct smtpcode_entry entry;
	char text[8];
	int n, code, ok, known;

	(void)state;
	for (n = 0; n < 1000; n++) {
		snprintf(text, sizeof(text), "%03d", n);
		ok = smtpcode_parse(text, &code) == SMTPCODE_PARSE_OK;
		if (!ok) {
			assert_int_equal(smtpcode_describe(n, &entry), -1);
			continue;
		}
		known = smtpcode_lookup(n) != NULL;
		assert_int_equal(smtpcode_describe(n, &entry), known);
		assert_int_equal(entry.code, n);
		assert_int_equal(entry.class_digit, n / 100);
		assert_string_equal(entry.label, text);
		assert_true(*entry.name != '\0');
		assert_int_equal(*entry.rfc != '\0', known);
	}
}

static void
test_parse_error_text(void **state)
{
	(void)state;
	assert_string_equal(smtpcode_parse_error_text(
	    SMTPCODE_PARSE_LENGTH), "not three digits");
	assert_string_equal(smtpcode_parse_error_text(
	    SMTPCODE_PARSE_SECOND_DIGIT), "second digit is not 0 to 5");
	assert_string_equal(smtpcode_parse_error_text(
	    (enum smtpcode_parse_error)99), "unknown error");
}

/* The generated table: sorted, unique, every field filled and sane. */
static void
test_table_invariants(void **state)
{
	const struct smtpcode_entry *table;
	size_t i, count;
	int prev, code;
	char text[8];

	(void)state;
	table = smtpcode_table(&count);
	assert_true(count >= 40);
	prev = 0;
	for (i = 0; i < count; i++) {
		assert_true(table[i].code > prev);
		prev = table[i].code;
		snprintf(text, sizeof(text), "%d", table[i].code);
		assert_int_equal(smtpcode_parse(text, &code),
		    SMTPCODE_PARSE_OK);
		assert_true(strlen(table[i].name) > 0);
		assert_true(strncmp(table[i].rfc, "RFC ", 4) == 0);
		assert_true(table[i].stages != 0);
		assert_true(strlen(table[i].description) > 40);
		assert_true(strlen(table[i].when) > 20);
		assert_true(strlen(table[i].fix) > 20);
		assert_true(table[i].retry < SMTPCODE_NRETRIES);
		/* Failures need somebody to act; successes need nobody. */
		if (table[i].code >= 400)
			assert_true(table[i].actors != 0);
		if (table[i].code < 300)
			assert_int_equal(table[i].actors, 0);
		if (table[i].code / 100 == 3)
			assert_string_equal(table[i].enhanced, "");
		else if (*table[i].enhanced != '\0')
			assert_int_equal(table[i].enhanced[0] - '0',
			    table[i].code / 100);
	}
}

/* Every code RFC 5321 section 4.2.3 lists, and the extensions' codes. */
static const int rfc_codes[] = {
	211, 214, 220, 221, 235, 250, 251, 252, 253, 334, 354, 355,
	421, 432, 450, 451, 452, 453, 454, 455, 458, 459,
	500, 501, 502, 503, 504, 521, 523, 525, 530, 534, 535, 538,
	550, 551, 552, 553, 554, 555, 556
};

static void
test_lookup_rfc_codes(void **state)
{
	const struct smtpcode_entry *entry;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(rfc_codes) / sizeof(rfc_codes[0]); i++) {
		entry = smtpcode_lookup(rfc_codes[i]);
		assert_non_null(entry);
		assert_int_equal(entry->code, rfc_codes[i]);
	}
	assert_null(smtpcode_lookup(429));
	assert_null(smtpcode_lookup(0));
	assert_null(smtpcode_lookup(999));
}

struct fact {
	int		 code;
	const char	*rfc;
	enum smtpcode_retry retry;
	unsigned	 stage;		/* one stage it must include */
	const char	*enhanced;	/* one enhanced code it must list */
};

/* Facts checked against the RFCs; a wrong row in the data fails here. */
static const struct fact facts[] = {
	{ 221, "RFC 5321", SMTPCODE_RETRY_NONE, SMTPCODE_STAGE_QUIT,
	    "2.0.0" },
	{ 235, "RFC 4954", SMTPCODE_RETRY_NONE, SMTPCODE_STAGE_AUTH,
	    "2.7.0" },
	{ 354, "RFC 5321", SMTPCODE_RETRY_CONTINUE, SMTPCODE_STAGE_DATA,
	    NULL },
	{ 421, "RFC 5321", SMTPCODE_RETRY_LATER, SMTPCODE_STAGE_CONNECT,
	    NULL },
	{ 432, "RFC 4954", SMTPCODE_RETRY_FIX_FIRST, SMTPCODE_STAGE_AUTH,
	    "4.7.12" },
	{ 454, "RFC 3207, RFC 4954", SMTPCODE_RETRY_LATER,
	    SMTPCODE_STAGE_STARTTLS, "4.7.0" },
	{ 530, "RFC 3207, RFC 4954", SMTPCODE_RETRY_FIX_FIRST,
	    SMTPCODE_STAGE_MAIL, "5.7.0" },
	{ 534, "RFC 4954", SMTPCODE_RETRY_FIX_FIRST, SMTPCODE_STAGE_AUTH,
	    "5.7.9" },
	{ 535, "RFC 4954", SMTPCODE_RETRY_FIX_FIRST, SMTPCODE_STAGE_AUTH,
	    "5.7.8" },
	{ 538, "RFC 4954", SMTPCODE_RETRY_FIX_FIRST, SMTPCODE_STAGE_AUTH,
	    "5.7.11" },
	{ 550, "RFC 5321", SMTPCODE_RETRY_FIX_FIRST, SMTPCODE_STAGE_RCPT,
	    "5.1.1" },
	{ 552, "RFC 1870, RFC 5321", SMTPCODE_RETRY_FIX_FIRST,
	    SMTPCODE_STAGE_EOD, "5.3.4" },
	{ 553, "RFC 5321", SMTPCODE_RETRY_FIX_FIRST, SMTPCODE_STAGE_RCPT,
	    "5.1.3" },
	{ 521, "RFC 7504", SMTPCODE_RETRY_FIX_FIRST, SMTPCODE_STAGE_CONNECT,
	    "5.3.2" },
	{ 556, "RFC 7504", SMTPCODE_RETRY_FIX_FIRST, SMTPCODE_STAGE_RCPT,
	    "5.1.10" }
};

static void
test_lookup_facts(void **state)
{
	const struct smtpcode_entry *entry;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(facts) / sizeof(facts[0]); i++) {
		entry = smtpcode_lookup(facts[i].code);
		assert_non_null(entry);
		assert_non_null(strstr(entry->rfc, facts[i].rfc));
		assert_int_equal(entry->retry, facts[i].retry);
		assert_true(entry->stages & facts[i].stage);
		if (facts[i].enhanced != NULL)
			assert_non_null(strstr(entry->enhanced,
			    facts[i].enhanced));
	}
}

static void
test_describe_registered(void **state)
{
	struct smtpcode_entry entry;

	(void)state;
	assert_int_equal(smtpcode_describe(421, &entry), 1);
	assert_int_equal(entry.code, 421);
	assert_ptr_equal(entry.name, smtpcode_lookup(421)->name);
}

struct decode_case {
	int		 code;
	enum smtpcode_retry retry;
	const char	*class;
	const char	*subject;
};

static const struct decode_case decode_cases[] = {
	{ 229, SMTPCODE_RETRY_NONE, "positive completion", "the connection" },
	{ 309, SMTPCODE_RETRY_CONTINUE, "positive intermediate", "syntax" },
	{ 429, SMTPCODE_RETRY_LATER, "transient negative", "the connection" },
	{ 519, SMTPCODE_RETRY_FIX_FIRST, "permanent negative",
	    "information" },
	{ 559, SMTPCODE_RETRY_FIX_FIRST, "permanent negative",
	    "the mail system" }
};

static void
test_describe_unregistered(void **state)
{
	struct smtpcode_entry entry;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(decode_cases) / sizeof(decode_cases[0]); i++) {
		assert_int_equal(smtpcode_describe(decode_cases[i].code,
		    &entry), 0);
		assert_int_equal(entry.code, decode_cases[i].code);
		assert_string_equal(entry.rfc, "");
		assert_string_equal(entry.enhanced, "");
		assert_int_equal(entry.stages, 0);
		assert_int_equal(entry.retry, decode_cases[i].retry);
		assert_string_equal(smtpcode_class_name(entry.code),
		    decode_cases[i].class);
		assert_string_equal(smtpcode_digit_meaning(entry.code, 1),
		    decode_cases[i].subject);
		assert_true(strlen(entry.description) > 40);
	}
	assert_int_equal(smtpcode_describe(199, &entry), -1);
	assert_int_equal(smtpcode_describe(560, &entry), -1);
	assert_int_equal(smtpcode_describe(600, &entry), -1);
}

static void
test_digit_meaning_bounds(void **state)
{
	(void)state;
	assert_null(smtpcode_digit_meaning(421, 3));
	assert_null(smtpcode_digit_meaning(421, -1));
	assert_null(smtpcode_class_name(600));
	assert_string_equal(smtpcode_digit_meaning(421, 0),
	    "transient negative");
}

static void
test_vocab_join(void **state)
{
	char buf[64];
	char tiny[12];

	(void)state;
	assert_int_equal(smtpcode_join_stages(buf, sizeof(buf), 0), 0);
	assert_string_equal(buf, "");
	smtpcode_join_stages(buf, sizeof(buf), SMTPCODE_STAGE_RCPT |
	    SMTPCODE_STAGE_MAIL);
	assert_string_equal(buf, "MAIL FROM, RCPT TO");
	smtpcode_join_actors(buf, sizeof(buf), SMTPCODE_ACTOR_SENDER |
	    SMTPCODE_ACTOR_RECEIVER_ADMIN);
	assert_string_equal(buf, "sender, receiving admin");
	/* Truncation is reported and never leaves a dangling separator. */
	assert_int_equal(smtpcode_join_stages(tiny, sizeof(tiny),
	    SMTPCODE_STAGE_MAIL | SMTPCODE_STAGE_RCPT), 18);
	assert_string_equal(tiny, "MAIL FROM");
	smtpcode_join_stages(buf, sizeof(buf), SMTPCODE_STAGE_EOD);
	assert_string_equal(buf, "end of data");
	/* Bits beyond the vocabulary are ignored. */
	smtpcode_join_actors(buf, sizeof(buf), 1u << SMTPCODE_NACTORS);
	assert_string_equal(buf, "");
	assert_null(smtpcode_retry_text((enum smtpcode_retry)7,
	    SMTPCODE_FORM_SHORT));
	assert_null(smtpcode_retry_text(SMTPCODE_RETRY_LATER,
	    (enum smtpcode_retry_form)9));
	assert_string_equal(smtpcode_retry_text(SMTPCODE_RETRY_LATER,
	    SMTPCODE_FORM_SHORT),
	    "yes, later");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_cases),
		cmocka_unit_test(test_parse_every_number),
		cmocka_unit_test(test_describe_every_number),
		cmocka_unit_test(test_parse_error_text),
		cmocka_unit_test(test_table_invariants),
		cmocka_unit_test(test_lookup_rfc_codes),
		cmocka_unit_test(test_lookup_facts),
		cmocka_unit_test(test_describe_registered),
		cmocka_unit_test(test_describe_unregistered),
		cmocka_unit_test(test_digit_meaning_bounds),
		cmocka_unit_test(test_vocab_join),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
