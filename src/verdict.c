/* SPDX-License-Identifier: ISC */
/* verdict.c -- judge a reply's codes: bounce verdict and pairing */

#include <string.h>

#include "internal.h"

/*
 * Each verdict, by enum smtpcode_verdict: its keyword for scripts, and
 * its words with their reason, as one line.
 */
static const char *const verdict_words[] = {
	"delivered",
	    "delivered: the server accepted this step; nothing to do",
	"continue",
	    "in progress: the server waits for the rest of the transaction",
	"retry",
	    "retry later: the failure is transient; the sending server keeps "
	    "the message queued and tries again on its own",
	"hard",
	    "hard bounce: the address or its domain is bad; stop sending to "
	    "it",
	"soft",
	    "soft bounce: the failure is permanent for this message, but the "
	    "condition can pass or lies on the sending side (quota, policy, "
	    "reputation, authentication, content); fix the cause, then send "
	    "again"
};

SMTPCODE_WORDS_CHECK(verdict_words, 2, SMTPCODE_VERDICT_SOFT + 1);

/*
 * Basic codes whose meaning is sharper than any enhanced code sent with
 * them.  RFC 7504 keeps 521 for a host that never accepts mail and 556
 * for a domain that never does, so the address is dead whatever detail
 * follows: 521 5.3.2 is a hard bounce though 5.3.2 alone is soft.
 */
static const int sharp_codes[] = { 521, 556 };

/* Whether a basic code is one of sharp_codes. */
int
smtpcode_code_is_sharp(int code)
{
	size_t i;

	for (i = 0; i < SMTPCODE_NELEM(sharp_codes); i++)
		if (code == sharp_codes[i])
			return 1;
	return 0;
}

/*
 * The code that decides the verdict on a reply: its enhanced code when
 * it has one (enhanced may be NULL), unless the basic code is one of
 * sharp_codes or the enhanced code is X.0.0 of its class, which says
 * no more than the class (Postfix writes Status: 5.0.0 for any 550 that
 * came without one); the basic code otherwise (basic may be NULL when
 * enhanced is not).
 */
const struct smtpcode_entry *
smtpcode_verdict_by(const struct smtpcode_entry *basic,
    const struct smtpcode_entry *enhanced)
{
	if (basic == NULL)
		return enhanced;
	if (smtpcode_code_is_sharp(basic->code) || enhanced == NULL ||
	    (enhanced->code == 0 &&
	    enhanced->class_digit == basic->class_digit))
		return basic;
	return enhanced;
}

/*
 * The verdict on a reply, decided by the code smtpcode_verdict_by()
 * names.  Class 2 is delivered, 3 continues, 4 is retried; in class 5
 * the deciding code's bounce column says hard or soft, and a code the
 * tables do not know is soft.
 */
enum smtpcode_verdict
smtpcode_verdict(const struct smtpcode_entry *basic,
    const struct smtpcode_entry *enhanced)
{
	const struct smtpcode_entry *by;

	by = smtpcode_verdict_by(basic, enhanced);
	switch (by->class_digit) {
	case 2:
		return SMTPCODE_VERDICT_DELIVERED;
	case 3:
		return SMTPCODE_VERDICT_CONTINUE;
	case 4:
		return SMTPCODE_VERDICT_RETRY;
	default:
		return by->bounce == SMTPCODE_BOUNCE_HARD ?
		    SMTPCODE_VERDICT_HARD : SMTPCODE_VERDICT_SOFT;
	}
}

/* The verdict with its reason, as one line; NULL if out of range. */
const char *
smtpcode_verdict_text(enum smtpcode_verdict verdict)
{
	return SMTPCODE_WORD(verdict_words, 2, verdict, 1);
}

/* The verdict as one word, for scripts: "hard"; NULL if out of range. */
const char *
smtpcode_verdict_name(enum smtpcode_verdict verdict)
{
	return SMTPCODE_WORD(verdict_words, 2, verdict, 0);
}

static const char *const pairing_keywords[] = {
	[SMTPCODE_PAIR_REGISTERED] = "registered",
	[SMTPCODE_PAIR_USUAL] = "usual",
	[SMTPCODE_PAIR_UNLISTED] = "unlisted",
	[SMTPCODE_PAIR_CLASS] = "class-differs"
};

SMTPCODE_WORDS_CHECK(pairing_keywords, 1, SMTPCODE_PAIR_CLASS + 1);

/* "class-differs"; NULL for a value out of range. */
const char *
smtpcode_pairing_keyword(enum smtpcode_pairing pairing)
{
	return SMTPCODE_WORD(pairing_keywords, 1, pairing, 0);
}

static int
has(const char *list, const char *word)
{
	return smtpcode_list_has(list, word, strlen(word));
}

/*
 * How the basic code and the enhanced code of one reply fit: the class
 * digits must be equal (RFC 3463 section 2), and the registry's list of
 * basic codes for the enhanced code, which may allow a whole class
 * ("5xx") or any code, should hold the basic one.  Failing that, the
 * enhanced column of data/codes.tsv may list the pair: an RFC's text or
 * widespread practice sends them together.
 */
enum smtpcode_pairing
smtpcode_pairing(const struct smtpcode_entry *basic,
    const struct smtpcode_entry *enhanced)
{
	char wildcard[4];

	/* A registry row (class X) takes the basic code's class. */
	if (enhanced->class_digit != 0 &&
	    basic->class_digit != enhanced->class_digit)
		return SMTPCODE_PAIR_CLASS;
	wildcard[0] = (char)('0' + basic->class_digit);
	wildcard[1] = wildcard[2] = 'x';
	wildcard[3] = '\0';
	if (has(enhanced->basic, basic->label) ||
	    has(enhanced->basic, wildcard) || has(enhanced->basic, "any"))
		return SMTPCODE_PAIR_REGISTERED;
	if (has(basic->enhanced, enhanced->label))
		return SMTPCODE_PAIR_USUAL;
	return SMTPCODE_PAIR_UNLISTED;
}

/*
 * Describe the pair of codes a reply or a tally row holds: code (0 for
 * none) into *basic, status (NULL for none) into *enhanced.  *b and *e
 * point at those that are present, or are NULL.  Return 1 if every
 * code present is one an RFC or the registry defines, 0 otherwise.
 */
int
smtpcode_describe_pair(int code, const struct smtpcode_status *status,
    struct smtpcode_entry *basic, struct smtpcode_entry *enhanced,
    const struct smtpcode_entry **b, const struct smtpcode_entry **e)
{
	int known, one;

	known = 1;
	*b = *e = NULL;
	if (code != 0) {
		if ((one = smtpcode_describe(code, basic)) >= 0)
			*b = basic;
		known &= one == 1;
	}
	if (status != NULL) {
		if ((one = smtpcode_describe_status(status, enhanced)) >= 0)
			*e = enhanced;
		known &= one == 1;
	}
	return known;
}
