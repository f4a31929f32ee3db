/* SPDX-License-Identifier: ISC */
/* smtpcode.h -- the reply-code table, lookup and page rendering */

#ifndef SMTPCODE_H
#define SMTPCODE_H

#include <stddef.h>
#include <stdio.h>

/*
 * Stages of a session at which a reply can arrive, as a bit set.  The
 * order is the order of a session, and it is the order in which pages
 * list them.  data/mkcodes.awk spells each as SMTPCODE_STAGE_<KEYWORD>.
 */
enum smtpcode_stage {
	SMTPCODE_STAGE_CONNECT = 1 << 0,
	SMTPCODE_STAGE_EHLO = 1 << 1,
	SMTPCODE_STAGE_STARTTLS = 1 << 2,
	SMTPCODE_STAGE_AUTH = 1 << 3,
	SMTPCODE_STAGE_MAIL = 1 << 4,
	SMTPCODE_STAGE_RCPT = 1 << 5,
	SMTPCODE_STAGE_DATA = 1 << 6,
	SMTPCODE_STAGE_BDAT = 1 << 7,
	SMTPCODE_STAGE_EOD = 1 << 8,
	SMTPCODE_STAGE_ETRN = 1 << 9,
	SMTPCODE_STAGE_ATRN = 1 << 10,
	SMTPCODE_STAGE_VRFY = 1 << 11,
	SMTPCODE_STAGE_EXPN = 1 << 12,
	SMTPCODE_STAGE_HELP = 1 << 13,
	SMTPCODE_STAGE_NOOP = 1 << 14,
	SMTPCODE_STAGE_RSET = 1 << 15,
	SMTPCODE_STAGE_QUIT = 1 << 16,
	SMTPCODE_STAGE_ANY = 1 << 17
};
#define SMTPCODE_NSTAGES 18

/* Who must act on a reply, as a bit set; the empty set means nobody. */
enum smtpcode_actor {
	SMTPCODE_ACTOR_CLIENT = 1 << 0,
	SMTPCODE_ACTOR_SENDER = 1 << 1,
	SMTPCODE_ACTOR_SENDER_ADMIN = 1 << 2,
	SMTPCODE_ACTOR_RECEIVER_ADMIN = 1 << 3
};
#define SMTPCODE_NACTORS 4

/* Whether and how a client should try again. */
enum smtpcode_retry {
	SMTPCODE_RETRY_NONE,		/* success: nothing to retry */
	SMTPCODE_RETRY_CONTINUE,	/* intermediate: send the next part */
	SMTPCODE_RETRY_LATER,		/* temporary: retry unchanged later */
	SMTPCODE_RETRY_FIX_FIRST	/* fails until something changes */
};
#define SMTPCODE_NRETRIES 4

/* The forms in which a retry advice is worded. */
enum smtpcode_retry_form {
	SMTPCODE_FORM_SHORT,	/* a table cell: "yes, later" */
	SMTPCODE_FORM_LONG,	/* a page's Retry: line */
	SMTPCODE_FORM_CLAUSE,	/* "for 421, <clause>" */
	SMTPCODE_FORM_ACTION	/* a compare page's What to do line */
};
#define SMTPCODE_NFORMS 4

/*
 * Everything smtpcode knows about one reply code.  For a code that no
 * RFC defines, rfc is "" and the texts are those of its class.
 */
struct smtpcode_entry {
	int		 code;
	const char	*name;
	const char	*rfc;		/* "RFC 3207, RFC 4954", or "" */
	unsigned	 stages;	/* enum smtpcode_stage bits */
	enum smtpcode_retry retry;
	unsigned	 actors;	/* enum smtpcode_actor bits */
	const char	*enhanced;	/* "5.1.1, 5.1.2", or "" */
	const char	*description;
	const char	*when;
	const char	*fix;
};

/* Why a string is not a reply code; 0 means it is one. */
enum smtpcode_parse_error {
	SMTPCODE_PARSE_OK,
	SMTPCODE_PARSE_EMPTY,
	SMTPCODE_PARSE_NOT_DIGITS,
	SMTPCODE_PARSE_LENGTH,
	SMTPCODE_PARSE_FIRST_DIGIT,
	SMTPCODE_PARSE_SECOND_DIGIT
};

/* Bounds of a code page's layout, for callers that choose a width. */
#define SMTPCODE_WIDTH_MIN	20
#define SMTPCODE_WIDTH_MAX	1000
#define SMTPCODE_COMPARE_MAX	6

/* code.c: parsing, lookup, decoding by digits. */
enum smtpcode_parse_error smtpcode_parse(const char *, int *);
const char	*smtpcode_parse_error_text(enum smtpcode_parse_error);
const struct smtpcode_entry *smtpcode_lookup(int);
int		 smtpcode_describe(int, struct smtpcode_entry *);
const struct smtpcode_entry *smtpcode_table(size_t *);
const char	*smtpcode_class_name(int);
const char	*smtpcode_class_summary(int);
const char	*smtpcode_digit_meaning(int, int);

/* vocab.c: the words for stages, actors and retry advice. */
const char	*smtpcode_retry_text(enum smtpcode_retry,
		    enum smtpcode_retry_form);
size_t		 smtpcode_join_stages(char *, size_t, unsigned);
size_t		 smtpcode_join_actors(char *, size_t, unsigned);

/* page.c and compare.c: the text pages; width 0 means do not wrap. */
int		 smtpcode_render_page(FILE *, const struct smtpcode_entry *,
		    int);
int		 smtpcode_render_compare(FILE *, const struct smtpcode_entry *,
		    size_t, int);

#endif /* SMTPCODE_H */
