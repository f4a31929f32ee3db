/* SPDX-License-Identifier: ISC */
/*
 * internal.h -- what the library's files share beyond the public
 * interface: meanings and their memo, the field table's records, the
 * word lists and the writers of pages, TSV and JSON (the scanner's
 * tables are in scan.h).  The command line and the tests of internals
 * include it; it is not installed.
 */

#ifndef SMTPCODE_INTERNAL_H
#define SMTPCODE_INTERNAL_H

#include <stddef.h>
#include <stdio.h>

#include "smtpcode.h"

/* How many stages, actors, retry advices and sources there are. */
#define SMTPCODE_NSTAGES 18
#define SMTPCODE_NACTORS 4
#define SMTPCODE_NRETRIES 4
#define SMTPCODE_NSOURCES 12

/*
 * Room for a remote host name, and the longest address kept (RFC 5321's
 * path of 256 octets, less its <>).
 */
#define SMTPCODE_HOST_SIZE	256
#define SMTPCODE_ADDRESS_MAX	254

/* The forms in which a retry advice is worded. */
enum smtpcode_retry_form {
	SMTPCODE_FORM_SHORT,	/* a table cell: "yes, later" */
	SMTPCODE_FORM_LONG,	/* a page's Retry: line */
	SMTPCODE_FORM_CLAUSE,	/* "for 421, <clause>" */
	SMTPCODE_FORM_ACTION	/* a compare page's What to do line */
};
#define SMTPCODE_NFORMS 4

/* A reason a reply's text can give, from data/reasons.tsv. */
struct smtpcode_reason {
	const char	*id;		/* "mailbox-full" */
	const char	*name;		/* "Mailbox full" */
	enum smtpcode_bounce bounce;	/* what it means as a 5xx */
	const char	*meaning;
	const char	*fix;
};

/* A provider whose replies smtpcode knows, from data/providers.tsv. */
struct smtpcode_provider {
	const char	*id;		/* "microsoft" */
	const char	*name;		/* "Microsoft 365 / Outlook.com" */
	const char	*hosts;		/* "outlook.com;hotmail.com", or "" */
	const char	*source;	/* where its codes are documented */
	const char	*checked;	/* "2026-12-02" */
};

/* A DNS blocklist that replies cite, from data/blocklists.tsv. */
struct smtpcode_blocklist {
	const char	*id;
	const char	*name;
	const char	*delist;	/* where a listed sender asks out */
	const char	*source;
	const char	*checked;
};

/*
 * What a provider means by a code, a phrase in its text, or both
 * (data/rules.tsv).  The code is a range of details of one class and
 * subject; class 0 means any code.  Indexes are -1 for none.
 */
struct smtpcode_rule {
	int		 provider;	/* index into the provider table */
	int		 class_digit, subject, detail_lo, detail_hi;
	int		 basic;		/* 550, or 0 for any */
	int		 pattern;	/* the phrase the text must hold */
	int		 alone;		/* the code alone names the provider */
	int		 reason;	/* index into the reason table */
	int		 verdict;	/* enum smtpcode_verdict, or -1 */
	const char	*meaning;
	const char	*fix;
	const char	*source;
	const char	*checked;
};

/* What decided a reply's verdict, in the order evidence is weighed. */
enum smtpcode_evidence {
	SMTPCODE_BY_CLASS,	/* 2, 3 or 4: the class alone */
	SMTPCODE_BY_PROVIDER,	/* a provider's rule for its code or text */
	SMTPCODE_BY_TEXT,	/* a reason the server's text gives */
	SMTPCODE_BY_BASIC_SHARP,	/* 521, 556: sharper than any enhanced */
	SMTPCODE_BY_ENHANCED,	/* the enhanced code's bounce column */
	SMTPCODE_BY_BASIC,	/* the basic code's bounce column */
	SMTPCODE_BY_ACTION	/* a DSN block's Action: over the class */
};

/*
 * The part of a meaning that its memo keeps: all but the words, which
 * lie in one reply's text, and the host, which is in the memo's key.
 * struct smtpcode_meaning names these members one by one (mn->rule) and
 * as one struct smtpcode_kept (mn->kept), the same bytes in a union, so
 * that the memo copies them in one assignment, as Linux's struct_group()
 * does.  The two small ones are bytes, to keep the memo's slots small.
 */
#define SMTPCODE_KEPT_MEMBERS \
	const struct smtpcode_provider *provider; \
	const struct smtpcode_rule *rule; \
	const struct smtpcode_reason *reason; \
	const struct smtpcode_blocklist *blocklist; \
	enum smtpcode_verdict verdict; \
	enum smtpcode_evidence evidence; \
	unsigned	 stage;		/* the stage that softened it, or 0 */ \
	unsigned char	 reason_by_code;	/* the codes alone gave it */ \
	unsigned char	 class_digit;	/* the class the sender acts on */

/*
 * What a reply means beyond its codes: who sent it, why, and what the
 * sender should make of it.  Pointers are NULL where nothing applies.
 * The words that showed the reason are words_len bytes at words, in the
 * reply's text or its log line; words_len is 0 when the reason came
 * from a rule.
 */
struct smtpcode_meaning {
	union {
		struct { SMTPCODE_KEPT_MEMBERS };
		struct smtpcode_kept { SMTPCODE_KEPT_MEMBERS } kept;
	};
	const char	*words;
	size_t		 words_len;
	char		 host[SMTPCODE_HOST_SIZE];	/* the log's remote host */
};

/*
 * Meanings already worked out, for a stream of replies that repeat
 * (scan): keyed by the codes, the command, the form, the remote host
 * and the text with its <addresses> left out.  Caller-owned, fixed size.
 */
#define SMTPCODE_MEMO_SLOTS	256

struct smtpcode_memo_slot {
	unsigned long long key;		/* 0: empty */
	struct smtpcode_kept kept;
};

struct smtpcode_memo {
	struct smtpcode_memo_slot slots[SMTPCODE_MEMO_SLOTS];
	unsigned long long hits, misses;
};

/* How a basic and an enhanced code of one reply fit together. */
enum smtpcode_pairing {
	SMTPCODE_PAIR_REGISTERED,	/* same class; in the registry */
	SMTPCODE_PAIR_USUAL,		/* same class; sent together, by an
					   RFC's text or by practice */
	SMTPCODE_PAIR_UNLISTED,		/* same class; nobody pairs them */
	SMTPCODE_PAIR_CLASS		/* the classes differ */
};

/* How a field's value is written in JSON. */
enum smtpcode_value_type {
	SMTPCODE_VALUE_TEXT,	/* a string */
	SMTPCODE_VALUE_LIST,	/* ", "-separated items: an array */
	SMTPCODE_VALUE_BOOL,	/* "true" or "false" */
	SMTPCODE_VALUE_NUMBER,	/* digits: a JSON number */
	SMTPCODE_VALUE_LINES	/* items a line each: an array */
};

/* One field's value: len bytes at text, which may hold any byte. */
struct smtpcode_value {
	const char	*text;
	size_t		 len;
	enum smtpcode_value_type type;
};

/* The two kinds of record that TSV rows and JSON objects hold. */
enum smtpcode_record {
	SMTPCODE_RECORD_CODE,
	SMTPCODE_RECORD_REPLY,
	SMTPCODE_RECORD_SCAN
};

/* A reply and its codes, described; basic or enhanced may be NULL. */
struct smtpcode_reply_view {
	const struct smtpcode_reply *reply;
	const struct smtpcode_entry *basic;
	const struct smtpcode_entry *enhanced;
	const struct smtpcode_meaning *meaning;
};

/*
 * Where a text page goes: its stream, the width to wrap to (0: do not
 * wrap) and whether labels and codes are coloured.  Renderers take it
 * from their caller; the library keeps no setting of its own.
 */
struct smtpcode_out {
	FILE	*fp;
	size_t	 width;
	int	 color;
};

/* The output formats. */
enum smtpcode_format {
	SMTPCODE_FORMAT_TEXT,
	SMTPCODE_FORMAT_TSV,
	SMTPCODE_FORMAT_JSON
};

/* Room for a composed field value. */
#define SMTPCODE_VALUE_SIZE	512

/* An option of the command line, as completion scripts describe it. */
struct smtpcode_option {
	char		 letter;	/* its short form; below '!': none */
	const char	*name;		/* its long form */
	const char	*arg;		/* what its value is, or NULL */
	const char	*values;	/* "a b c", the values it takes */
	const char	*help;
};

/* A JSON document being written: its stream and the items so far. */
struct smtpcode_json {
	FILE	*fp;
	size_t	 items;
};

/* Bounds of a code page's layout, for callers that choose a width. */
#define SMTPCODE_WIDTH_MIN	20
#define SMTPCODE_WIDTH_MAX	1000
#define SMTPCODE_COMPARE_MAX	6

/* code.c: parsing, lookup, decoding by digits; the whole table. */
const struct smtpcode_entry *smtpcode_find(const struct smtpcode_entry *,
		    size_t, int);
const struct smtpcode_entry *smtpcode_table(size_t *);
const char	*smtpcode_class_name(int);
const char	*smtpcode_class_summary(int);
const char	*smtpcode_digit_meaning(int, int);

/* enhanced.c: enhanced status codes and the registry. */
const struct smtpcode_entry *smtpcode_status_table(size_t *);
const char	*smtpcode_status_class_name(int);
const char	*smtpcode_subject_name(int);

/* reply.c: finding a reply in a reply, a DSN field or a log line. */
size_t		 smtpcode_reply_parse_line(const char *, size_t,
		    struct smtpcode_reply *);
size_t		 smtpcode_reply_host(const struct smtpcode_reply *, char *,
		    size_t);
size_t		 smtpcode_reply_client(const struct smtpcode_reply *, char *,
		    size_t);
size_t		 smtpcode_line_recipients(const char *, size_t, char *,
		    size_t);
unsigned	 smtpcode_line_command(const char *, size_t);
const char	*smtpcode_line_rcpt_to(const char *, size_t);
const char	*smtpcode_exim_flag(const char *, size_t);
int		 smtpcode_log_line(const char *, size_t);
const char	*smtpcode_log_program(const char *, size_t, size_t *);
void		 smtpcode_reply_append(struct smtpcode_reply *, const char *,
		    size_t);

/* rules.c: reasons, providers, blocklists and their rules; the matcher. */
const struct smtpcode_reason *smtpcode_reasons(size_t *);
const struct smtpcode_provider *smtpcode_providers(size_t *);
const struct smtpcode_blocklist *smtpcode_blocklists(size_t *);
const struct smtpcode_rule *smtpcode_rules(size_t *);
int		 smtpcode_provider_knows(const struct smtpcode_status *);
const struct smtpcode_reason *smtpcode_reason_of_codes(int,
		    const struct smtpcode_status *);

/* meaning.c: what a reply means, and its verdict by ordered evidence. */
void		 smtpcode_understand(const struct smtpcode_reply *,
		    const struct smtpcode_entry *,
		    const struct smtpcode_entry *, struct smtpcode_meaning *);
size_t		 smtpcode_decided_by(char *, size_t,
		    const struct smtpcode_reply *,
		    const struct smtpcode_meaning *,
		    const struct smtpcode_entry *,
		    const struct smtpcode_entry *);
int		 smtpcode_explain_reply(const struct smtpcode_reply *,
		    struct smtpcode_entry *, struct smtpcode_meaning *,
		    struct smtpcode_reply_view *);
void		 smtpcode_meaning_of(struct smtpcode_memo *,
		    const struct smtpcode_reply *, struct smtpcode_meaning *);
size_t		 smtpcode_reason_words(char *, size_t,
		    const struct smtpcode_reply *,
		    const struct smtpcode_meaning *);
const char	*smtpcode_meaning_text(const struct smtpcode_meaning *,
		    const struct smtpcode_entry *,
		    const struct smtpcode_entry *);
const char	*smtpcode_action_advice(const struct smtpcode_meaning *,
		    const struct smtpcode_reply *);
const char	*smtpcode_meaning_fix(const struct smtpcode_meaning *,
		    const struct smtpcode_entry *,
		    const struct smtpcode_entry *);

/* verdict.c: judging a reply's pair of codes. */
const char	*smtpcode_verdict_text(enum smtpcode_verdict);
int		 smtpcode_code_is_sharp(int);
const struct smtpcode_entry *smtpcode_verdict_by(
		    const struct smtpcode_entry *,
		    const struct smtpcode_entry *);
enum smtpcode_pairing smtpcode_pairing(const struct smtpcode_entry *,
		    const struct smtpcode_entry *);
const char	*smtpcode_pairing_keyword(enum smtpcode_pairing);
int		 smtpcode_describe_pair(int, const struct smtpcode_status *,
		    struct smtpcode_entry *, struct smtpcode_entry *,
		    const struct smtpcode_entry **,
		    const struct smtpcode_entry **);

/* fields.c: the named fields of records, the contract of TSV and JSON. */
struct smtpcode_scan_record;	/* scan.h */
size_t		 smtpcode_field_count(enum smtpcode_record);
const char	*smtpcode_field_name(enum smtpcode_record, size_t);
int		 smtpcode_field_index(enum smtpcode_record, const char *);
struct smtpcode_value smtpcode_code_value(const struct smtpcode_entry *,
		    size_t, char *, size_t);
struct smtpcode_value smtpcode_reply_value(
		    const struct smtpcode_reply_view *, size_t, char *, size_t);
struct smtpcode_value smtpcode_record_value(enum smtpcode_record,
		    const void *, size_t, char *, size_t);
struct smtpcode_value smtpcode_scan_value(
		    const struct smtpcode_scan_record *, size_t, char *, size_t);

/* vocab.c: the word lists, and the one bounds-checked lookup in them. */
#define SMTPCODE_NELEM(a)	(sizeof(a) / sizeof((a)[0]))
#define SMTPCODE_WORD(list, forms, i, form) \
	smtpcode_word((list), SMTPCODE_NELEM(list) / (forms), (forms), \
	    (size_t)(i), (size_t)(form))
const char	*smtpcode_word(const char *const *, size_t, size_t, size_t,
		    size_t);
/*
 * Check when compiling that a word list holds forms words for each of
 * n values, as SMTPCODE_WORD reads it: an enum's list, for its last.
 */
#define SMTPCODE_WORDS_CHECK(list, forms, n) \
	_Static_assert(SMTPCODE_NELEM(list) == (size_t)(forms) * (n), \
	    #list ": " #forms " word(s) for each of " #n)
const char	*smtpcode_source_name(enum smtpcode_source);
const char	*smtpcode_source_keyword(enum smtpcode_source);
const char	*smtpcode_retry_text(enum smtpcode_retry,
		    enum smtpcode_retry_form);
/* The sets of bits smtpcode_join writes as words. */
enum smtpcode_bits {
	SMTPCODE_BITS_STAGES,	/* enum smtpcode_stage */
	SMTPCODE_BITS_ACTORS	/* enum smtpcode_actor */
};
size_t		 smtpcode_join(char *, size_t, enum smtpcode_bits, unsigned,
		    int);
const char	*smtpcode_retry_keyword(enum smtpcode_retry);
int		 smtpcode_list_has(const char *, const char *, size_t);

/* page.c and compare.c: the text pages. */
int		 smtpcode_render_page(const struct smtpcode_out *,
		    const struct smtpcode_entry *);
int		 smtpcode_render_compare(const struct smtpcode_out *,
		    const struct smtpcode_entry *, size_t);

/* What --annotate puts before its lines, for grep -v to take out. */
#define SMTPCODE_ANNOTATION	"#smtpcode: "

/* replypage.c: the page of a reply; basic or enhanced may be NULL. */
int		 smtpcode_render_reply(const struct smtpcode_out *,
		    const struct smtpcode_reply_view *);
void		 smtpcode_render_brief(const struct smtpcode_out *,
		    const struct smtpcode_reply_view *);
void		 smtpcode_render_note(void *, const struct smtpcode_reply *);

/* page.c: a list's line for a code; escape.c: a bare value as text. */
void		 smtpcode_render_line(const struct smtpcode_out *,
		    const struct smtpcode_entry *);
const char	*smtpcode_line_class(const struct smtpcode_entry *);
void		 smtpcode_text_value(FILE *, struct smtpcode_value);

/* completion.c: completion scripts for bash, zsh and fish. */
int		 smtpcode_completion(FILE *, const char *,
		    const char *const *, size_t,
		    const struct smtpcode_option *, size_t);

/* tsv.c: records as tab-separated values. */
void		 smtpcode_tsv_value(FILE *, struct smtpcode_value);
void		 smtpcode_tsv_header(FILE *, enum smtpcode_record);
void		 smtpcode_tsv_names(FILE *, enum smtpcode_record,
		    const size_t *, size_t);
void		 smtpcode_tsv_fields(FILE *, enum smtpcode_record,
		    const void *, const size_t *, size_t);
void		 smtpcode_tsv_code(FILE *, const struct smtpcode_entry *);
void		 smtpcode_tsv_reply(FILE *,
		    const struct smtpcode_reply_view *);
void		 smtpcode_tsv_record(FILE *, enum smtpcode_record,
		    const void *);

/* json.c: records as one JSON document a run. */
void		 smtpcode_json_value(FILE *, struct smtpcode_value);
void		 smtpcode_json_begin(struct smtpcode_json *, FILE *,
		    const char *);
void		 smtpcode_json_code(struct smtpcode_json *,
		    const struct smtpcode_entry *);
void		 smtpcode_json_reply(struct smtpcode_json *,
		    const struct smtpcode_reply_view *);
void		 smtpcode_json_item(struct smtpcode_json *,
		    struct smtpcode_value);
void		 smtpcode_json_fields(struct smtpcode_json *,
		    enum smtpcode_record, const void *, const size_t *,
		    size_t);
void		 smtpcode_json_results_end(struct smtpcode_json *);
int		 smtpcode_json_end(struct smtpcode_json *);
void		 smtpcode_json_record(struct smtpcode_json *,
		    enum smtpcode_record, const void *);

#endif /* SMTPCODE_INTERNAL_H */
