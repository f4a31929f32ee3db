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

/* The two kinds of code: RFC 5321 reply codes and RFC 3463 status codes. */
enum smtpcode_kind {
	SMTPCODE_BASIC,		/* 550 */
	SMTPCODE_ENHANCED	/* 5.1.1 */
};

/*
 * What a permanent failure means for the address it concerned: hard,
 * the address or its domain is bad; soft, the condition can pass or lies
 * on the sending side.  NONE for codes that are not permanent failures.
 */
enum smtpcode_bounce {
	SMTPCODE_BOUNCE_NONE,
	SMTPCODE_BOUNCE_HARD,
	SMTPCODE_BOUNCE_SOFT
};

/* Classes an enhanced code is meant for, as a bit set (1 << class). */
#define SMTPCODE_CLASS_BIT(digit)	(1u << (digit))

/* Room for a code's label: "5.999.999" and its NUL. */
#define SMTPCODE_LABEL_SIZE	12

/*
 * Everything smtpcode knows about one code, basic or enhanced.  For a
 * code that no RFC defines, rfc is "" and the texts are those of its
 * class (and, for an enhanced code, its subject).  A registry row of an
 * enhanced code has class_digit 0 and the label "X.1.1"; a described
 * code has its own class and label.
 */
struct smtpcode_entry {
	char		 label[SMTPCODE_LABEL_SIZE];	/* "421", "5.1.1" */
	enum smtpcode_kind kind;
	int		 class_digit;	/* 2 to 5; 0 for X */
	int		 code;		/* 421; for 5.1.1, 1001 */
	const char	*name;
	const char	*rfc;		/* "RFC 3207, RFC 4954", or "" */
	unsigned	 stages;	/* enum smtpcode_stage bits */
	enum smtpcode_retry retry;
	unsigned	 actors;	/* enum smtpcode_actor bits */
	const char	*enhanced;	/* basic: "5.1.1, 5.1.2", or "" */
	const char	*basic;		/* enhanced: "451, 550", or "" */
	unsigned	 classes;	/* enhanced: SMTPCODE_CLASS_BIT()s */
	enum smtpcode_bounce bounce;	/* as a permanent failure */
	int		 deprecated;
	const char	*description;
	const char	*when;
	const char	*fix;
};

/* An enhanced status code, class.subject.detail; class 0 stands for X. */
struct smtpcode_status {
	int	class_digit;
	int	subject;
	int	detail;
};

/* Why a string is not a reply code; 0 means it is one. */
enum smtpcode_parse_error {
	SMTPCODE_PARSE_OK,
	SMTPCODE_PARSE_EMPTY,
	SMTPCODE_PARSE_NOT_DIGITS,
	SMTPCODE_PARSE_LENGTH,
	SMTPCODE_PARSE_FIRST_DIGIT,
	SMTPCODE_PARSE_SECOND_DIGIT,
	SMTPCODE_PARSE_STATUS_FORM,	/* enhanced: not class.subject.detail */
	SMTPCODE_PARSE_STATUS_CLASS,
	SMTPCODE_PARSE_STATUS_SUBJECT,
	SMTPCODE_PARSE_STATUS_DETAIL,
	SMTPCODE_PARSE_STATUS_ZERO
};

/* Where a reply was read from: the forms smtpcode recognises. */
enum smtpcode_source {
	SMTPCODE_SOURCE_NONE,		/* no reply found */
	SMTPCODE_SOURCE_REPLY,		/* the reply itself: "550 5.1.1 ..." */
	SMTPCODE_SOURCE_DSN_STATUS,	/* a DSN's "Status: 5.1.1" */
	SMTPCODE_SOURCE_DSN_DIAGNOSTIC,	/* "Diagnostic-Code: smtp; 550 ..." */
	SMTPCODE_SOURCE_POSTFIX,	/* "... said: 550 ..." */
	SMTPCODE_SOURCE_EXIM,		/* "SMTP error from remote mail ..." */
	SMTPCODE_SOURCE_SENDMAIL,	/* "stat=Deferred: 421 ...", "reply=" */
	SMTPCODE_SOURCE_DSN_KEY,	/* a log's "dsn=5.1.1" alone */
	SMTPCODE_SOURCE_TEXT,		/* "550 5.7.1" inside other text */
	SMTPCODE_SOURCE_TRANSCRIPT,	/* a bounce's "<<< 550 5.1.1 ..." */
	SMTPCODE_SOURCE_OPENSMTPD,	/* stat="550 5.1.1 ..." */
	SMTPCODE_SOURCE_QMAIL		/* "Remote host said: 550 ...",
					   "... (#5.1.1)" */
};
#define SMTPCODE_NSOURCES 12

/* Room for a reply's text, a provider's marker and a remote host name. */
#define SMTPCODE_TEXT_SIZE	2048
#define SMTPCODE_MARKER_SIZE	8
#define SMTPCODE_HOST_SIZE	256

/*
 * Room for the recipients a line names, comma-separated, and the
 * longest address kept (RFC 5321's path of 256 octets, less its <>).
 */
#define SMTPCODE_RECIPIENTS_SIZE	2048
#define SMTPCODE_ADDRESS_MAX	254

/*
 * One server reply as found in a line (or in the lines of a multi-line
 * reply): its codes, the command it answered when the text says so,
 * and the server's own text, raw bytes that the caller must make safe
 * before showing them.
 */
struct smtpcode_reply {
	int		 code;		/* basic code, 0 if none */
	int		 has_status;	/* whether status holds a code */
	struct smtpcode_status status;
	unsigned	 command;	/* one enum smtpcode_stage bit, or 0 */
	enum smtpcode_source source;
	char		 marker[SMTPCODE_MARKER_SIZE];	/* "TSS04", or "" */
	const char	*line;		/* the input's line, not owned */
	size_t		 line_len;
	int		 incomplete;	/* "550-" lines without the last one */
	int		 truncated;	/* text cut to fit */
	size_t		 text_len;
	char		 text[SMTPCODE_TEXT_SIZE];
	/*
	 * The addresses the reply concerned, comma-separated, each with its
	 * domain in lower case: filled by scan when it lists recipients
	 * (smtpcode_line_recipients), else left empty.
	 */
	size_t		 recipients_len;
	char		 recipients[SMTPCODE_RECIPIENTS_SIZE];
};

/* The verdict on a reply for the address it concerned. */
enum smtpcode_verdict {
	SMTPCODE_VERDICT_DELIVERED,	/* 2: accepted */
	SMTPCODE_VERDICT_CONTINUE,	/* 3: the transaction goes on */
	SMTPCODE_VERDICT_RETRY,		/* 4: transient, retry later */
	SMTPCODE_VERDICT_HARD,		/* 5: the address or domain is bad */
	SMTPCODE_VERDICT_SOFT		/* 5: the condition can pass */
};

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
	SMTPCODE_BY_BASIC	/* the basic code's bounce column */
};

/*
 * What a reply means beyond its codes: who sent it, why, and what the
 * sender should make of it.  Pointers are NULL where nothing applies.
 * The words that showed the reason are words_len bytes at words, in the
 * reply's text or its log line; words_len is 0 when the reason came
 * from a rule.
 */
struct smtpcode_meaning {
	const struct smtpcode_provider *provider;
	const struct smtpcode_rule *rule;
	const struct smtpcode_reason *reason;
	const struct smtpcode_blocklist *blocklist;
	const char	*words;
	size_t		 words_len;
	enum smtpcode_verdict verdict;
	enum smtpcode_evidence evidence;
	unsigned	 stage;		/* the stage that softened it, or 0 */
	int		 reason_by_code;	/* the codes alone gave it */
	char		 host[SMTPCODE_HOST_SIZE];	/* the log's remote host */
	int		 class_digit;	/* the class the sender acts on */
};

/*
 * Meanings already worked out, for a stream of replies that repeat
 * (scan): keyed by the codes, the command, the form, the remote host
 * and the text with its <addresses> left out.  Caller-owned, fixed size.
 */
#define SMTPCODE_MEMO_SLOTS	256

struct smtpcode_memo_slot {
	unsigned long long key;		/* 0: empty */
	const struct smtpcode_rule *rule;
	const struct smtpcode_reason *reason;
	const struct smtpcode_provider *provider;
	const struct smtpcode_blocklist *blocklist;
	unsigned	 stage;
	unsigned char	 verdict, evidence, reason_by_code, class_digit;
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

/* scan: the buffers of a scan. */
#define SMTPCODE_SCAN_BLOCK	(1 << 20)
#define SMTPCODE_SCAN_HEAD	(1 << 16)

/* What --annotate puts before its lines, for grep -v to take out. */
#define SMTPCODE_ANNOTATION	"#smtpcode: "

/* Replies of a report's human part, held until its DSN part is seen. */
#define SMTPCODE_SCAN_HELD	64

/*
 * Which way a reply went, told from its log line: in, our server
 * refusing another's mail; out, another server answering ours (a bounce
 * reports our mail too); NONE when the line does not say.
 */
enum smtpcode_direction {
	SMTPCODE_DIRECTION_NONE,
	SMTPCODE_DIRECTION_IN,
	SMTPCODE_DIRECTION_OUT
};

/* What scan can group replies by (--by), in canonical order. */
enum smtpcode_scan_key {
	SMTPCODE_KEY_CODE,	/* the pair of codes */
	SMTPCODE_KEY_DOMAIN,	/* the recipient's domain */
	SMTPCODE_KEY_RECIPIENT,
	SMTPCODE_KEY_RELAY,	/* the remote host */
	SMTPCODE_KEY_DIRECTION,
	SMTPCODE_KEY_REASON,
	SMTPCODE_KEY_PROVIDER
};
#define SMTPCODE_NKEYS	7

/*
 * The group table: at most SMTPCODE_SCAN_GROUPS groups (rows), found
 * through an index of twice as many slots; the groups' string keys
 * (domain, recipient, relay) lie in a pool.  A reply whose group does
 * not fit is counted in other.
 */
#define SMTPCODE_SCAN_GROUPS	4096
#define SMTPCODE_SCAN_SLOTS	SMTPCODE_SCAN_GROUPS	/* rows at most */
#define SMTPCODE_SCAN_INDEX	(2 * SMTPCODE_SCAN_GROUPS)
#define SMTPCODE_SCAN_POOL	(1 << 18)

/*
 * --texts: at most SMTPCODE_SCAN_TEXTS distinct masked texts over all
 * groups, each cut to SMTPCODE_MASKED_MAX bytes, in a pool of their own.
 */
#define SMTPCODE_SCAN_TEXTS	8192
#define SMTPCODE_TEXT_INDEX	(2 * SMTPCODE_SCAN_TEXTS)
#define SMTPCODE_TEXT_POOL	(1 << 20)
#define SMTPCODE_MASKED_MAX	160
#define SMTPCODE_TEXTS_MAX	100	/* --texts N, at most */

/* A group: its numeric key, its string key's place in the pool. */
struct smtpcode_scan_group {
	unsigned long long num;
	unsigned long long count;
	unsigned	 hash;
	unsigned	 off, len;
	unsigned	 texts;		/* its last text + 1; 0: none */
};

/* A masked text of one group, and how often it came. */
struct smtpcode_scan_text {
	unsigned long long count;
	unsigned	 group;
	unsigned	 hash;
	unsigned	 off, len;
	unsigned	 next;		/* the group's text before + 1 */
};

/* A reply held back, with what counting it needs of its line. */
struct smtpcode_scan_held {
	struct smtpcode_reply reply;	/* its recipients, and for each */
	enum smtpcode_direction direction;
	char		 relay[SMTPCODE_HOST_SIZE];
};

/*
 * A set of addresses in fixed memory, each kept once, in the order
 * first seen: an open-addressing table of hashes and pool offsets over
 * a pool of NUL-terminated addresses.  An address that finds the set
 * full (SMTPCODE_RECIPIENT_MAX addresses, or the pool) is counted in
 * more, once each time it comes.  Large: keep it static.
 */
#define SMTPCODE_RECIPIENT_SLOTS	(1 << 17)	/* a power of 2 */
#define SMTPCODE_RECIPIENT_MAX	(1 << 16)
#define SMTPCODE_RECIPIENT_POOL	(1 << 22)

struct smtpcode_recipients {
	unsigned long long slots[SMTPCODE_RECIPIENT_SLOTS];
	size_t		 count, pool_len;
	unsigned long long more;	/* addresses that did not fit */
	char		 pool[SMTPCODE_RECIPIENT_POOL];
};

/*
 * One row of a scan's summary: a group and how often its replies came.
 * The fields its keys do not set are empty: code 0 without a status,
 * NULL, "", SMTPCODE_DIRECTION_NONE.  In the default grouping (no
 * --by) a row is a pair of codes, the reason the replies' texts gave,
 * their verdict and their direction.  other is set on the row of the
 * replies that found the table full.
 */
struct smtpcode_scan_row {
	unsigned long long key;
	unsigned long long count;
	size_t		 group;		/* its index in the group table */
	int		 other;
	int		 code_keyed, verdict_keyed, direction_keyed;
	int		 code;		/* 0: none */
	int		 has_status;
	struct smtpcode_status status;
	const struct smtpcode_reason *reason;	/* NULL: none */
	const struct smtpcode_provider *provider;	/* NULL: none */
	enum smtpcode_verdict verdict;
	enum smtpcode_direction direction;
	const char	*domain, *recipient, *relay;	/* "" for none */
	size_t		 domain_len, recipient_len, relay_len;
};

/*
 * A scan row described for the field table: its codes' entries, the
 * entry that names the row, and its --texts as lines "COUNT TEXT".
 */
struct smtpcode_scan_record {
	const struct smtpcode_scan_row *row;
	const struct smtpcode_entry *basic, *enhanced, *by, *named;
	const char	*texts;
	size_t		 texts_len;
};

/*
 * A scan in progress: the tally in fixed memory, the state that spans
 * lines, and the read buffer.  Large: keep it static.
 */
struct smtpcode_scan {
	FILE		*annotate;	/* --annotate's output, or NULL */
	const char	*decompress;	/* a compressed input's reader */
	unsigned long long lines, replies;
	unsigned long long other;	/* counts past the full table */
	unsigned long long class_totals[6];
	/* The grouping (--by) and the filters. */
	int		 nkeys;
	enum smtpcode_scan_key keys[SMTPCODE_NKEYS];	/* in --by order */
	unsigned	 keyset;	/* 1 << key of each; 0: default */
	int		 by_recipient;	/* a count a recipient */
	int		 verdict;	/* count only these replies; -1: all */
	int		 class_digit;	/* --class; 0: all */
	int		 direction;	/* --direction; -1: all */
	int		 texts;		/* --texts N; 0: none */
	struct smtpcode_recipients *recipients;	/* the list, or NULL */
	int		 want_recipients;	/* read recipients */
	int		 want_direction;	/* tell in from out */
	/* The group table. */
	size_t		 ngroups, pool_len;
	unsigned short	 index[SMTPCODE_SCAN_INDEX];	/* group + 1 */
	struct smtpcode_scan_group groups[SMTPCODE_SCAN_GROUPS];
	char		 pool[SMTPCODE_SCAN_POOL];
	/* The texts table (--texts). */
	size_t		 ntexts, text_pool_len;
	unsigned long long texts_other;	/* texts past the full table */
	unsigned short	 text_index[SMTPCODE_TEXT_INDEX];
	struct smtpcode_scan_text text_table[SMTPCODE_SCAN_TEXTS];
	char		 text_pool[SMTPCODE_TEXT_POOL];
	/* The input side. */
	struct smtpcode_reply reply;	/* the current line's */
	struct smtpcode_reply pending;	/* a "550-" reply held back */
	struct smtpcode_reply status;	/* a DSN Status held back */
	enum smtpcode_direction dir, pending_dir, status_dir;
	int		 in_bounce;	/* a bounce's headers were seen */
	struct smtpcode_reply para;	/* for each: a paragraph's reply */
	int		 in_para;	/* para holds one */
	struct smtpcode_memo memo;	/* meanings of replies seen */
	/*
	 * Called with each reply as it is counted (smtpcode -), or NULL.
	 * A reply's line is kept only in a scan of text in place
	 * (smtpcode_scan_text); else it is NULL.
	 */
	void		(*each)(void *, const struct smtpcode_reply *);
	void		*each_arg;
	size_t		 context_len;	/* a DSN block's or bounce */
	char		 context[SMTPCODE_RECIPIENTS_SIZE];	/* paragraph's */
	int		 continued, dsn_status, dsn_diagnostic;
	int		 await_address;	/* Domino's "was not delivered to:" */
	int		 held_address;	/* its address, kept over blank lines */
	unsigned	 command;	/* a transcript's client's, for each */
	int		 in_diagnostic, in_long;
	int		 in_report;	/* before a report's DSN part */
	int		 quote;		/* in a bounce's quoted reply */
	size_t		 nheld;
	struct smtpcode_scan_held held[SMTPCODE_SCAN_HELD];
	size_t		 head_len, tail_len, have;
	char		 head[SMTPCODE_SCAN_HEAD];	/* a long line's */
	char		 tail[SMTPCODE_SCAN_HEAD];	/* first and last */
	char		 buf[SMTPCODE_SCAN_BLOCK];
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

/* code.c: parsing, lookup, decoding by digits. */
enum smtpcode_parse_error smtpcode_parse(const char *, int *);
const char	*smtpcode_parse_error_text(enum smtpcode_parse_error);
const struct smtpcode_entry *smtpcode_find(const struct smtpcode_entry *,
		    size_t, int);
const struct smtpcode_entry *smtpcode_lookup(int);
int		 smtpcode_describe(int, struct smtpcode_entry *);
const struct smtpcode_entry *smtpcode_table(size_t *);
const char	*smtpcode_class_name(int);
const char	*smtpcode_class_summary(int);
const char	*smtpcode_digit_meaning(int, int);

/* enhanced.c: enhanced status codes and the registry. */
enum smtpcode_parse_error smtpcode_parse_status(const char *, size_t, int,
		    struct smtpcode_status *);
const struct smtpcode_entry *smtpcode_lookup_status(int, int);
int		 smtpcode_describe_status(const struct smtpcode_status *,
		    struct smtpcode_entry *);
const struct smtpcode_entry *smtpcode_status_table(size_t *);
const char	*smtpcode_status_class_name(int);
const char	*smtpcode_subject_name(int);

/* reply.c: finding a reply in a reply, a DSN field or a log line. */
size_t		 smtpcode_reply_parse(const char *, size_t,
		    struct smtpcode_reply *);
size_t		 smtpcode_reply_host(const struct smtpcode_reply *, char *,
		    size_t);
size_t		 smtpcode_line_recipients(const char *, size_t, char *,
		    size_t);
unsigned	 smtpcode_line_command(const char *, size_t);
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
const char	*smtpcode_meaning_fix(const struct smtpcode_meaning *,
		    const struct smtpcode_entry *,
		    const struct smtpcode_entry *);

/* verdict.c: judging a reply's pair of codes. */
int		 smtpcode_code_is_sharp(int);
const struct smtpcode_entry *smtpcode_verdict_by(
		    const struct smtpcode_entry *,
		    const struct smtpcode_entry *);
enum smtpcode_verdict smtpcode_verdict(const struct smtpcode_entry *,
		    const struct smtpcode_entry *);
const char	*smtpcode_verdict_text(enum smtpcode_verdict);
const char	*smtpcode_verdict_name(enum smtpcode_verdict);
enum smtpcode_pairing smtpcode_pairing(const struct smtpcode_entry *,
		    const struct smtpcode_entry *);
const char	*smtpcode_pairing_keyword(enum smtpcode_pairing);
int		 smtpcode_describe_pair(int, const struct smtpcode_status *,
		    struct smtpcode_entry *, struct smtpcode_entry *,
		    const struct smtpcode_entry **,
		    const struct smtpcode_entry **);

/* fields.c: the named fields of records, the contract of TSV and JSON. */
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

/* replypage.c: the page of a reply; basic or enhanced may be NULL. */
int		 smtpcode_render_reply(const struct smtpcode_out *,
		    const struct smtpcode_reply_view *);
void		 smtpcode_render_brief(const struct smtpcode_out *,
		    const struct smtpcode_reply_view *);

/* page.c: a list's line for a code; escape.c: a bare value as text. */
void		 smtpcode_render_line(const struct smtpcode_out *,
		    const struct smtpcode_entry *);
void		 smtpcode_text_value(FILE *, struct smtpcode_value);

/* completion.c: completion scripts for bash, zsh and fish. */
int		 smtpcode_completion(FILE *, const char *,
		    const char *const *, size_t,
		    const struct smtpcode_option *, size_t);

/* scan.c: replies in logs and bounces, counted. */
void		 smtpcode_scan_init(struct smtpcode_scan *, FILE *);
int		 smtpcode_scan_fd(struct smtpcode_scan *, int);
const char	*smtpcode_decompressor(const char *, size_t);
void		 smtpcode_scan_feed(struct smtpcode_scan *, const char *,
		    size_t);
void		 smtpcode_scan_text(struct smtpcode_scan *, const char *,
		    size_t);
void		 smtpcode_scan_each(struct smtpcode_scan *,
		    void (*)(void *, const struct smtpcode_reply *), void *);
void		 smtpcode_scan_end(struct smtpcode_scan *);
void		 smtpcode_scan_select(struct smtpcode_scan *, int,
		    struct smtpcode_recipients *);
void		 smtpcode_recipients_init(struct smtpcode_recipients *);
int		 smtpcode_recipients_add(struct smtpcode_recipients *,
		    const char *, size_t);
const char	*smtpcode_recipients_next(const struct smtpcode_recipients *,
		    size_t *);
size_t		 smtpcode_scan_rows(const struct smtpcode_scan *,
		    struct smtpcode_scan_row *);
int		 smtpcode_scan_group_by(struct smtpcode_scan *,
		    const enum smtpcode_scan_key *, int);
void		 smtpcode_scan_filter(struct smtpcode_scan *, int, int, int);
void		 smtpcode_scan_other_row(const struct smtpcode_scan *,
		    struct smtpcode_scan_row *);
size_t		 smtpcode_scan_texts(const struct smtpcode_scan *, size_t,
		    char *, size_t);

/* scankeys.c: what scan groups by, directions, and masked texts. */
int		 smtpcode_scan_key(const char *, size_t);
const char	*smtpcode_scan_key_name(enum smtpcode_scan_key);
enum smtpcode_direction smtpcode_direction(enum smtpcode_source,
		    const char *, size_t, int);
const char	*smtpcode_direction_name(enum smtpcode_direction);
size_t		 smtpcode_mask(char *, size_t, const char *, size_t);
const char	*smtpcode_line_class(const struct smtpcode_entry *);

/* scanpage.c: a scan's summary as text, TSV or JSON. */
int		 smtpcode_render_scan(const struct smtpcode_out *,
		    const struct smtpcode_scan *,
		    const struct smtpcode_scan_row *, size_t);
int		 smtpcode_tsv_scan(FILE *, const struct smtpcode_scan *,
		    const struct smtpcode_scan_row *, size_t);
int		 smtpcode_scan_field(FILE *, enum smtpcode_format, int,
		    const struct smtpcode_scan *,
		    const struct smtpcode_scan_row *, size_t);
int		 smtpcode_json_scan(FILE *, const struct smtpcode_scan *,
		    const struct smtpcode_scan_row *, size_t);

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
int		 smtpcode_tsv_compare(const struct smtpcode_out *,
		    const struct smtpcode_entry *, size_t);

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
int		 smtpcode_json_compare(const struct smtpcode_out *,
		    const struct smtpcode_entry *, size_t);

#endif /* SMTPCODE_H */
