/* SPDX-License-Identifier: ISC */
/* test_code.c -- parsing, lookup, decoding and the generated table */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "../src/internal.h"

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

/*
 * Every code RFC 5321 section 4.2.3 lists, the extensions' codes, and
 * those only RFC 5248's table of enhanced codes names.
 */
static const int rfc_codes[] = {
	211, 214, 220, 221, 235, 250, 251, 252, 253, 334, 354, 355,
	421, 422, 430, 432, 450, 451, 452, 453, 454, 455, 458, 459,
	500, 501, 502, 503, 504, 521, 523, 524, 525, 530, 533, 534, 535,
	538, 550, 551, 552, 553, 554, 555, 556
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
	const char	*holds;		/* what its description says, or NULL */
};

/* Facts checked against the RFCs; a wrong row in the data fails here. */
static const struct fact facts[] = {
	{ 221, "RFC 5321", SMTPCODE_RETRY_NONE, SMTPCODE_STAGE_QUIT,
	    "2.0.0", NULL },
	/* Any second AUTH gets 503, security layer or not (section 4). */
	{ 235, "RFC 4954", SMTPCODE_RETRY_NONE, SMTPCODE_STAGE_AUTH,
	    "2.7.0", "RFC 4954 section 4" },
	{ 354, "RFC 5321", SMTPCODE_RETRY_CONTINUE, SMTPCODE_STAGE_DATA,
	    NULL, NULL },
	{ 421, "RFC 5321", SMTPCODE_RETRY_LATER, SMTPCODE_STAGE_CONNECT,
	    NULL, NULL },
	{ 432, "RFC 4954", SMTPCODE_RETRY_FIX_FIRST, SMTPCODE_STAGE_AUTH,
	    "4.7.12", NULL },
	{ 454, "RFC 3207, RFC 4954", SMTPCODE_RETRY_LATER,
	    SMTPCODE_STAGE_STARTTLS, "4.7.0", NULL },
	{ 530, "RFC 3207, RFC 4954", SMTPCODE_RETRY_FIX_FIRST,
	    SMTPCODE_STAGE_MAIL, "5.7.0", NULL },
	{ 534, "RFC 4954", SMTPCODE_RETRY_FIX_FIRST, SMTPCODE_STAGE_AUTH,
	    "5.7.9", NULL },
	{ 535, "RFC 4954", SMTPCODE_RETRY_FIX_FIRST, SMTPCODE_STAGE_AUTH,
	    "5.7.8", NULL },
	{ 538, "RFC 4954", SMTPCODE_RETRY_FIX_FIRST, SMTPCODE_STAGE_AUTH,
	    "5.7.11", NULL },
	{ 550, "RFC 5321", SMTPCODE_RETRY_FIX_FIRST, SMTPCODE_STAGE_RCPT,
	    "5.1.1", NULL },
	{ 552, "RFC 1870, RFC 5321", SMTPCODE_RETRY_FIX_FIRST,
	    SMTPCODE_STAGE_EOD, "5.3.4", NULL },
	{ 553, "RFC 5321", SMTPCODE_RETRY_FIX_FIRST, SMTPCODE_STAGE_RCPT,
	    "5.1.3", NULL },
	{ 521, "RFC 7504", SMTPCODE_RETRY_FIX_FIRST, SMTPCODE_STAGE_CONNECT,
	    "5.3.2", NULL },
	/* RFC 5321 3.1: a server that greets with 554 MUST wait for QUIT. */
	{ 554, "RFC 5321", SMTPCODE_RETRY_FIX_FIRST, SMTPCODE_STAGE_CONNECT,
	    "5.7.1", "must still wait" },
	/* RFC 5248 ties 453 to X.3.2, whose meaning is unrelated. */
	{ 453, "RFC 2645", SMTPCODE_RETRY_LATER, SMTPCODE_STAGE_ATRN,
	    "4.3.2", "X.3.2" },
	/* Only RFC 5248's table names these, each with one enhanced code. */
	{ 422, "RFC 5248", SMTPCODE_RETRY_FIX_FIRST, SMTPCODE_STAGE_AUTH,
	    "4.7.12", NULL },
	{ 430, "RFC 5248", SMTPCODE_RETRY_LATER, SMTPCODE_STAGE_ANY,
	    "4.5.1", NULL },
	{ 524, "RFC 5248", SMTPCODE_RETRY_FIX_FIRST, SMTPCODE_STAGE_AUTH,
	    "5.7.11", NULL },
	{ 533, "RFC 5248", SMTPCODE_RETRY_FIX_FIRST, SMTPCODE_STAGE_RCPT,
	    "5.7.1", NULL },
	{ 556, "RFC 7504", SMTPCODE_RETRY_FIX_FIRST, SMTPCODE_STAGE_RCPT,
	    "5.1.10", NULL }
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
		if (facts[i].holds != NULL &&
		    strstr(entry->description, facts[i].holds) == NULL)
			fail_msg("%d does not say '%s'", facts[i].code,
			    facts[i].holds);
	}
}

/*
 * The rfc column lists the RFCs that define an enhanced code and pair
 * the basic code with it (data/COLUMNS.txt).
 */
static const struct {
	int		 code;
	const char	*rfc;
} rfc_pairs[] = {
	{ 250, "RFC 6710" }, { 251, "RFC 6710" }, { 252, "RFC 6531" },
	{ 450, "RFC 6710" }, { 451, "RFC 7372" }, { 500, "RFC 4954" },
	{ 521, "RFC 7504" }, { 535, "RFC 5248" }, { 550, "RFC 6531" },
	{ 550, "RFC 6710" }, { 550, "RFC 7372" }, { 550, "RFC 7505" },
	{ 550, "RFC 8617" }, { 550, "RFC 8689" }, { 552, "RFC 6710" },
	{ 553, "RFC 6531" }, { 554, "RFC 4468" }, { 554, "RFC 5248" },
	{ 556, "RFC 7505" }
};

static void
test_rfc_pairs(void **state)
{
	const struct smtpcode_entry *entry;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(rfc_pairs) / sizeof(rfc_pairs[0]); i++) {
		entry = smtpcode_lookup(rfc_pairs[i].code);
		assert_non_null(entry);
		if (strstr(entry->rfc, rfc_pairs[i].rfc) == NULL)
			fail_msg("%d does not list %s", rfc_pairs[i].code,
			    rfc_pairs[i].rfc);
	}
}

/*
 * Call fn for each basic code that a registry row lists, skipping the
 * class wildcards ("4xx") and "any".
 */
static void
each_registry_basic(void (*fn)(const struct smtpcode_entry *, int))
{
	const struct smtpcode_entry *table;
	const char *p;
	size_t i, count, len;

	table = smtpcode_status_table(&count);
	for (i = 0; i < count; i++)
		for (p = table[i].basic; *p != '\0'; p += len) {
			p += strspn(p, ", ");
			len = strcspn(p, ",");
			if (len == 3 && strspn(p, "0123456789") == 3)
				fn(&table[i], (p[0] - '0') * 100 +
				    (p[1] - '0') * 10 + p[2] - '0');
		}
}

static void
basic_is_a_row(const struct smtpcode_entry *row, int code)
{
	if (smtpcode_lookup(code) == NULL)
		fail_msg("%s lists %d, which has no row in codes.tsv",
		    row->label, code);
}

/* Every basic code the registry names has a page of its own. */
static void
test_registry_basic_codes_known(void **state)
{
	(void)state;
	each_registry_basic(basic_is_a_row);
}

static void
pair_is_listed(const struct smtpcode_entry *row, int code)
{
	const struct smtpcode_entry *entry;
	char label[SMTPCODE_LABEL_SIZE];

	if ((entry = smtpcode_lookup(code)) == NULL)
		return;
	snprintf(label, sizeof(label), "%d%s", code / 100, row->label + 1);
	if (!smtpcode_list_has(entry->enhanced, label, strlen(label)))
		fail_msg("the registry pairs %s with %d, but %d's enhanced "
		    "codes lack %s", row->label, code, code, label);
}

/* A basic code's enhanced codes hold every pair the registry makes. */
static void
test_registry_pairs_listed(void **state)
{
	(void)state;
	each_registry_basic(pair_is_listed);
}

/*
 * Fail if text quotes a reply, "550 5.1.1" or "534-5.7.9", whose codes
 * are both defined and of one class but that nobody pairs: neither the
 * registry nor the basic code's enhanced column lists the pair.
 */
static void
check_quoted_pairs(const char *label, const char *text)
{
	struct smtpcode_entry basic, enhanced;
	const struct smtpcode_entry *b, *e;
	struct smtpcode_status status;
	char digits[4];
	size_t i, len;
	int code;

	for (i = 0; text[i] != '\0'; i++) {
		if ((i > 0 && strchr("0123456789.", text[i - 1]) != NULL) ||
		    strspn(text + i, "0123456789") != 3 ||
		    (text[i + 3] != ' ' && text[i + 3] != '-'))
			continue;
		len = strspn(text + i + 4, "0123456789.");
		while (len > 0 && text[i + 3 + len] == '.')
			len--;
		memcpy(digits, text + i, 3);
		digits[3] = '\0';
		if (smtpcode_parse(digits, &code) != SMTPCODE_PARSE_OK ||
		    smtpcode_parse_status(text + i + 4, len, 0, &status) !=
		    SMTPCODE_PARSE_OK || status.class_digit != code / 100)
			continue;
		if (smtpcode_describe_pair(code, &status, &basic, &enhanced,
		    &b, &e) == 1 &&
		    smtpcode_pairing(b, e) == SMTPCODE_PAIR_UNLISTED)
			fail_msg("%s quotes %.*s, a pair nobody lists", label,
			    (int)len + 4, text + i);
	}
}

/* Pasting a reply that the data's own prose quotes finds the pair. */
static void
test_quoted_pairs_listed(void **state)
{
	const struct smtpcode_entry *table;
	size_t i, count;
	int kind;

	(void)state;
	for (kind = 0; kind < 2; kind++) {
		table = kind == 0 ? smtpcode_table(&count) :
		    smtpcode_status_table(&count);
		for (i = 0; i < count; i++) {
			check_quoted_pairs(table[i].label,
			    table[i].description);
			check_quoted_pairs(table[i].label, table[i].when);
			check_quoted_pairs(table[i].label, table[i].fix);
		}
	}
}

/* Pairs that practice sends, though the registry does not list them. */
static const char *const practice_pairs[] = {
	"421 4.3.2", "421 4.7.28", "450 4.1.1", "450 4.1.2", "450 4.1.8",
	"450 4.2.1", "451 4.3.5", "452 4.4.5", "500 5.3.3", "501 5.1.7",
	"502 5.5.1", "534 5.7.14", "550 5.1.0", "550 5.1.2", "550 5.1.6",
	"550 5.2.1", "550 5.4.4", "550 5.7.28", "553 5.1.7", "553 5.1.8",
	"554 5.3.5", "554 5.4.6"
};

static void
test_practice_pairs(void **state)
{
	struct smtpcode_entry basic, enhanced;
	const struct smtpcode_entry *b, *e;
	struct smtpcode_status status;
	const char *pair;
	size_t i;
	int code;

	(void)state;
	for (i = 0; i < sizeof(practice_pairs) / sizeof(practice_pairs[0]);
	    i++) {
		pair = practice_pairs[i];
		code = (pair[0] - '0') * 100 + (pair[1] - '0') * 10 +
		    pair[2] - '0';
		assert_int_equal(smtpcode_parse_status(pair + 4,
		    strlen(pair + 4), 0, &status), SMTPCODE_PARSE_OK);
		assert_int_equal(smtpcode_describe_pair(code, &status, &basic,
		    &enhanced, &b, &e), 1);
		if (smtpcode_pairing(b, e) != SMTPCODE_PAIR_USUAL)
			fail_msg("%s: %s, not usual", pair,
			    smtpcode_pairing_keyword(smtpcode_pairing(b, e)));
	}
}

struct status_fact {
	int		 subject, detail;
	const char	*rfc;		/* the whole rfc field */
	unsigned	 classes;
	const char	*basic;		/* the whole basic field */
	enum smtpcode_bounce bounce;
	const char	*holds[2];	/* what its prose must say, or NULL */
	const char	*lacks;		/* what its prose must not say */
};

#define C(d)	SMTPCODE_CLASS_BIT(d)

/* Registry rows checked against the RFCs and the IANA registry. */
static const struct status_fact status_facts[] = {
	/* RFC 3463 ties neither to a class, and no basic code is 2xx. */
	{ 1, 0, "RFC 3463", C(4) | C(5), "", SMTPCODE_BOUNCE_SOFT,
	    { NULL, NULL }, NULL },
	{ 2, 0, "RFC 3463", C(4) | C(5), "", SMTPCODE_BOUNCE_SOFT,
	    { NULL, NULL }, NULL },
	/* 453 comes from RFC 5248's table, not from practice. */
	{ 3, 2, "RFC 3463, RFC 7504", C(4) | C(5), "453, 521",
	    SMTPCODE_BOUNCE_SOFT, { NULL, NULL }, "453 4.3.2" },
	/* The registry dropped RFC 7601 from X.7.25 in 2019. */
	{ 7, 25, "RFC 7372", C(5), "550", SMTPCODE_BOUNCE_SOFT,
	    { NULL, NULL }, NULL },
	/* RFC 7505 4.1: the envelope sender and From; 4.2: the advice. */
	{ 7, 27, "RFC 7505", C(5), "550", SMTPCODE_BOUNCE_SOFT,
	    { "RFC5322.From", "section 4.2" }, NULL },
	/* RFC 8617 5.2.1 is titled "All Failures Are Permanent". */
	{ 7, 29, "RFC 8617", C(5), "550", SMTPCODE_BOUNCE_SOFT,
	    { "All Failures Are Permanent", NULL }, NULL }
};

#undef C

static void
test_status_facts(void **state)
{
	const struct status_fact *f;
	const struct smtpcode_entry *e;
	size_t i, k;

	(void)state;
	for (i = 0; i < sizeof(status_facts) / sizeof(status_facts[0]);
	    i++) {
		f = &status_facts[i];
		e = smtpcode_lookup_status(f->subject, f->detail);
		assert_non_null(e);
		assert_string_equal(e->rfc, f->rfc);
		assert_int_equal(e->classes, f->classes);
		assert_string_equal(e->basic, f->basic);
		assert_int_equal(e->bounce, f->bounce);
		for (k = 0; k < 2 && f->holds[k] != NULL; k++)
			if (strstr(e->description, f->holds[k]) == NULL &&
			    strstr(e->when, f->holds[k]) == NULL &&
			    strstr(e->fix, f->holds[k]) == NULL)
				fail_msg("%s does not say '%s'", e->label,
				    f->holds[k]);
		if (f->lacks != NULL && (strstr(e->description, f->lacks) !=
		    NULL || strstr(e->when, f->lacks) != NULL ||
		    strstr(e->fix, f->lacks) != NULL))
			fail_msg("%s says '%s'", e->label, f->lacks);
	}
}

/*
 * A registry row allows class 2 only where the registry pairs it with a
 * 2xx code (or any code) or where its RFC's text describes a success.
 */
static void
test_success_classes(void **state)
{
	static const char *const success_text[] = {
		"X.1.9", "X.6.10", "X.7.7"
	};
	const struct smtpcode_entry *table;
	const char *p;
	size_t i, k, count;
	int ok;

	(void)state;
	table = smtpcode_status_table(&count);
	for (i = 0; i < count; i++) {
		if ((table[i].classes & SMTPCODE_CLASS_BIT(2)) == 0)
			continue;
		ok = strcmp(table[i].basic, "any") == 0;
		for (p = table[i].basic; *p != '\0'; p += strcspn(p, ",")) {
			p += strspn(p, ", ");
			ok |= *p == '2';
		}
		for (k = 0; k < sizeof(success_text) /
		    sizeof(success_text[0]); k++)
			ok |= strcmp(table[i].label, success_text[k]) == 0;
		if (!ok)
			fail_msg("%s allows class 2, which neither its "
			    "basic codes nor its text foresee",
			    table[i].label);
	}
}

/* Who must act: the sender's admin too where reputation throttles. */
static const struct {
	int		 code;
	unsigned	 actors;
} actor_facts[] = {
	{ 421, SMTPCODE_ACTOR_CLIENT | SMTPCODE_ACTOR_SENDER_ADMIN },
	{ 450, SMTPCODE_ACTOR_CLIENT | SMTPCODE_ACTOR_SENDER_ADMIN },
	{ 553, SMTPCODE_ACTOR_SENDER | SMTPCODE_ACTOR_SENDER_ADMIN }
};

static void
test_actor_facts(void **state)
{
	const struct smtpcode_entry *entry;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(actor_facts) / sizeof(actor_facts[0]); i++) {
		entry = smtpcode_lookup(actor_facts[i].code);
		assert_non_null(entry);
		assert_int_equal(entry->actors, actor_facts[i].actors);
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
	assert_int_equal(smtpcode_join(buf, sizeof(buf), SMTPCODE_BITS_STAGES,
	    0, 0), 0);
	assert_string_equal(buf, "");
	smtpcode_join(buf, sizeof(buf), SMTPCODE_BITS_STAGES,
	    SMTPCODE_STAGE_RCPT | SMTPCODE_STAGE_MAIL, 0);
	assert_string_equal(buf, "MAIL FROM, RCPT TO");
	smtpcode_join(buf, sizeof(buf), SMTPCODE_BITS_STAGES,
	    SMTPCODE_STAGE_RCPT | SMTPCODE_STAGE_MAIL, 1);
	assert_string_equal(buf, "mail, rcpt");
	smtpcode_join(buf, sizeof(buf), SMTPCODE_BITS_ACTORS,
	    SMTPCODE_ACTOR_SENDER | SMTPCODE_ACTOR_RECEIVER_ADMIN, 0);
	assert_string_equal(buf, "sender, receiving admin");
	/* Truncation is reported and never leaves a dangling separator. */
	assert_int_equal(smtpcode_join(tiny, sizeof(tiny),
	    SMTPCODE_BITS_STAGES, SMTPCODE_STAGE_MAIL | SMTPCODE_STAGE_RCPT, 0),
	    18);
	assert_string_equal(tiny, "MAIL FROM");
	smtpcode_join(buf, sizeof(buf), SMTPCODE_BITS_STAGES,
	    SMTPCODE_STAGE_EOD, 0);
	assert_string_equal(buf, "end of data");
	/* Bits beyond the vocabulary are ignored. */
	smtpcode_join(buf, sizeof(buf), SMTPCODE_BITS_ACTORS,
	    1u << SMTPCODE_NACTORS, 0);
	assert_string_equal(buf, "");
	/* So is a word list out of range. */
	assert_int_equal(smtpcode_join(buf, sizeof(buf), (enum smtpcode_bits)7,
	    SMTPCODE_STAGE_RCPT, 0), 0);
	assert_string_equal(buf, "");
	assert_null(smtpcode_retry_text((enum smtpcode_retry)7,
	    SMTPCODE_FORM_SHORT));
	assert_null(smtpcode_retry_text(SMTPCODE_RETRY_LATER,
	    (enum smtpcode_retry_form)9));
	assert_string_equal(smtpcode_retry_text(SMTPCODE_RETRY_LATER,
	    SMTPCODE_FORM_SHORT),
	    "yes, later");
}

/*
 * The one lookup of the word lists: the last word of each list is
 * there, one past it (or a negative value) is NULL.
 */
static void
test_word_bounds(void **state)
{
	(void)state;
	assert_string_equal(smtpcode_source_keyword(SMTPCODE_SOURCE_QMAIL),
	    "qmail");
	assert_null(smtpcode_source_keyword(SMTPCODE_NSOURCES));
	assert_null(smtpcode_source_name((enum smtpcode_source)-1));
	assert_string_equal(smtpcode_verdict_name(SMTPCODE_VERDICT_SOFT),
	    "soft");
	assert_null(smtpcode_verdict_text(SMTPCODE_VERDICT_SOFT + 1));
	assert_string_equal(smtpcode_retry_keyword(SMTPCODE_RETRY_FIX_FIRST),
	    "fix-first");
	assert_null(smtpcode_retry_keyword(SMTPCODE_NRETRIES));
	assert_string_equal(smtpcode_pairing_keyword(SMTPCODE_PAIR_CLASS),
	    "class-differs");
	assert_null(smtpcode_pairing_keyword(SMTPCODE_PAIR_CLASS + 1));
	assert_string_equal(smtpcode_parse_error_text(
	    SMTPCODE_PARSE_STATUS_ZERO + 1), "unknown error");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_cases),
		cmocka_unit_test(test_parse_every_number),
		cmocka_unit_test(test_describe_every_number),
		cmocka_unit_test(test_parse_error_text),
		cmocka_unit_test(test_word_bounds),
		cmocka_unit_test(test_table_invariants),
		cmocka_unit_test(test_lookup_rfc_codes),
		cmocka_unit_test(test_lookup_facts),
		cmocka_unit_test(test_rfc_pairs),
		cmocka_unit_test(test_actor_facts),
		cmocka_unit_test(test_success_classes),
		cmocka_unit_test(test_registry_basic_codes_known),
		cmocka_unit_test(test_registry_pairs_listed),
		cmocka_unit_test(test_quoted_pairs_listed),
		cmocka_unit_test(test_practice_pairs),
		cmocka_unit_test(test_status_facts),
		cmocka_unit_test(test_describe_registered),
		cmocka_unit_test(test_describe_unregistered),
		cmocka_unit_test(test_digit_meaning_bounds),
		cmocka_unit_test(test_vocab_join),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
