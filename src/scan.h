/* SPDX-License-Identifier: ISC */
/*
 * scan.h -- the scanner's tables and its rows, as scan.c fills them and
 * the command line and scanpage.c read them (not public: callers of the
 * library see an opaque struct smtpcode_scan).
 */

#ifndef SMTPCODE_SCAN_H
#define SMTPCODE_SCAN_H

#include <stddef.h>
#include <stdio.h>

#include "internal.h"

/* scan: the buffers of a scan. */
#define SMTPCODE_SCAN_BLOCK	(1 << 20)
#define SMTPCODE_SCAN_HEAD	(1 << 16)

/*
 * A bounce's HTML part, read as text a line at a time (html.c): whether
 * a tag goes on from the line before.
 */
#define SMTPCODE_HTML_LINE	4096

struct smtpcode_html {
	int		 in_tag;
};

/*
 * A bounce's base64 or quoted-printable body, decoded a line at a time
 * (decode.c): the bits not yet a byte, the decoded line so far.
 */
#define SMTPCODE_B64_LINE	2048

struct smtpcode_decoder {
	unsigned long	 bits;
	int		 nbits;
	size_t		 len;
	char		 line[SMTPCODE_B64_LINE];
};

/* The Content-Transfer-Encodings of a bounce's parts that are decoded. */
enum smtpcode_encoding {
	SMTPCODE_ENCODING_NONE,
	SMTPCODE_ENCODING_BASE64,
	SMTPCODE_ENCODING_QP
};

/* Called with each line of text (len bytes, no newline). */
typedef void	 smtpcode_line_fn(void *, const char *, size_t);

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
	int		 in_copy;	/* in a bounce's copy of the message */
	int		 copy_headers;	/* the copy's header blocks left */
	int		 text_part;	/* a message's text/plain part seen */
	int		 skip_html;	/* in the text/html alternative of it */
	struct smtpcode_reply para;	/* for each: a paragraph's reply */
	int		 in_para;	/* para holds one */
	struct smtpcode_memo memo;	/* meanings of replies seen */
	/*
	 * Called with each reply as it is counted (smtpcode -), or NULL.
	 * A reply's line is kept only in a scan of text in place
	 * (smtpcode_scan_text); else it is NULL.
	 */
	smtpcode_reply_fn *each;
	void		*each_arg;
	/* --annotate's note after a reply's line in the copy, or NULL. */
	smtpcode_reply_fn *note;
	void		*note_arg;
	size_t		 context_len;	/* a DSN block's or bounce */
	char		 context[SMTPCODE_RECIPIENTS_SIZE];	/* paragraph's */
	int		 continued, dsn_status, dsn_diagnostic;
	int		 held_plain;	/* pending: a bounce's reply, no status */
	int		 await_address;	/* Domino's "was not delivered to:" */
	int		 held_address;	/* its address, kept over blank lines */
	unsigned	 command;	/* a transcript's client's, for each */
	int		 in_diagnostic, in_long;
	int		 in_subject;	/* in a Subject: header, folded */
	int		 in_report;	/* before a report's DSN part */
	int		 quote;		/* in a bounce's quoted reply */
	size_t		 nheld;
	/*
	 * held[0..nhuman): the replies of a report's human part, which its
	 * DSN part counts instead; a block with a Status: and no reply
	 * takes its recipient's (block_rcpt) from them.
	 */
	size_t		 nhuman, block_rcpt_len;
	char		 block_rcpt[SMTPCODE_ADDRESS_MAX + 1];
	enum smtpcode_action block_action;	/* the block's Action: */
	/* A bounce's recipients' replies counted, by hash: each once. */
	size_t		 ncounted;
	unsigned long long counted[SMTPCODE_SCAN_HELD];
	/*
	 * An encoded body: next_encoding once a part's header names one,
	 * until the blank line that ends its headers; encoding in the body,
	 * whose decoded lines are scanned (decoding) as the input's are.
	 */
	enum smtpcode_encoding next_encoding, encoding;
	int		 decoding;
	/*
	 * An HTML part: html_next once a part's header names text/html,
	 * until the blank line that ends its headers; in_html in its body,
	 * whose lines are read as text (html_line).
	 */
	int		 html_next, in_html;
	struct smtpcode_html html;
	char		 html_line[SMTPCODE_HTML_LINE];
	struct smtpcode_decoder decoder;
	struct smtpcode_scan_held held[SMTPCODE_SCAN_HELD];
	size_t		 head_len, tail_len, have;
	char		 head[SMTPCODE_SCAN_HEAD];	/* a long line's */
	char		 tail[SMTPCODE_SCAN_HEAD];	/* first and last */
	char		 buf[SMTPCODE_SCAN_BLOCK];
};

/* html.c: an HTML part's lines as text. */
size_t		 smtpcode_html_text(struct smtpcode_html *, const char *,
		    size_t, char *, size_t);

/* decode.c: a base64 or quoted-printable body's lines. */
int		 smtpcode_b64_line(const char *, size_t);
int		 smtpcode_qp_line(const char *, size_t);
void		 smtpcode_decode_start(struct smtpcode_decoder *);
void		 smtpcode_b64_feed(struct smtpcode_decoder *, const char *,
		    size_t, smtpcode_line_fn *, void *);
void		 smtpcode_qp_feed(struct smtpcode_decoder *, const char *,
		    size_t, smtpcode_line_fn *, void *);
void		 smtpcode_decode_end(struct smtpcode_decoder *,
		    smtpcode_line_fn *, void *);

/* scan.c: replies in logs and bounces, counted. */
const char	*smtpcode_decompressor(const char *, size_t);
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

/* scanpage.c: a scan's summary as text, and its rows for scripts. */
#define SMTPCODE_SCAN_COLUMNS	(SMTPCODE_NKEYS + 9)
typedef void	 smtpcode_scan_record_fn(void *,
		    const struct smtpcode_scan_record *);
int		 smtpcode_render_scan(const struct smtpcode_out *,
		    const struct smtpcode_scan *,
		    const struct smtpcode_scan_row *, size_t);
size_t		 smtpcode_scan_columns(const struct smtpcode_scan *, size_t *);
void		 smtpcode_scan_walk(const struct smtpcode_scan *,
		    const struct smtpcode_scan_row *, size_t,
		    smtpcode_scan_record_fn *, void *);
int		 smtpcode_json_scan_end(struct smtpcode_json *,
		    const struct smtpcode_scan *);

#endif /* SMTPCODE_SCAN_H */
