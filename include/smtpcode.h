/* SPDX-License-Identifier: ISC */
/*
 * smtpcode.h -- the public interface: parse and look up reply and status
 * codes, find replies in lines and judge them, scan logs for them.
 */

#ifndef SMTPCODE_H
#define SMTPCODE_H

#include <stddef.h>
#include <stdio.h>

/* The stages of a session a reply can answer, in order, as a bit set. */
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

/* Who must act on a reply, as a bit set; the empty set means nobody. */
enum smtpcode_actor {
	SMTPCODE_ACTOR_CLIENT = 1 << 0,
	SMTPCODE_ACTOR_SENDER = 1 << 1,
	SMTPCODE_ACTOR_SENDER_ADMIN = 1 << 2,
	SMTPCODE_ACTOR_RECEIVER_ADMIN = 1 << 3
};

/* Whether and how a client should try again. */
enum smtpcode_retry {
	SMTPCODE_RETRY_NONE,		/* success: nothing to retry */
	SMTPCODE_RETRY_CONTINUE,	/* intermediate: send the next part */
	SMTPCODE_RETRY_LATER,		/* temporary: retry unchanged later */
	SMTPCODE_RETRY_FIX_FIRST	/* fails until something changes */
};

/* The two kinds of code: RFC 5321 reply codes and RFC 3463 status codes. */
enum smtpcode_kind {
	SMTPCODE_BASIC,		/* 550 */
	SMTPCODE_ENHANCED	/* 5.1.1 */
};

/* What a permanent failure means for its address. */
enum smtpcode_bounce {
	SMTPCODE_BOUNCE_NONE,	/* not a 5xx */
	SMTPCODE_BOUNCE_HARD,	/* the address or its domain is bad */
	SMTPCODE_BOUNCE_SOFT	/* it can pass, or lies with the sender */
};

/* Classes an enhanced code is meant for, as a bit set (1 << class). */
#define SMTPCODE_CLASS_BIT(digit)	(1u << (digit))

/* Room for an entry's label ("5.999.999" and its NUL) and a reply's parts. */
#define SMTPCODE_LABEL_SIZE	12
#define SMTPCODE_TEXT_SIZE	2048
#define SMTPCODE_MARKER_SIZE	8
#define SMTPCODE_RECIPIENTS_SIZE	2048

/*
 * Everything smtpcode knows about one code, basic or enhanced.  A code
 * no RFC defines has rfc "" and its class's (and subject's) texts.  A
 * registry row of an enhanced code has class_digit 0 and label "X.1.1".
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
	int	class_digit, subject, detail;
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
	SMTPCODE_SOURCE_QMAIL		/* "Remote host said: ", "(#5.1.1)" */
};

/* What a DSN block's Action: says the reporting server did (RFC 3464). */
enum smtpcode_action {
	SMTPCODE_ACTION_NONE,		/* no Action:, or another word */
	SMTPCODE_ACTION_FAILED,		/* it gave the message up */
	SMTPCODE_ACTION_DELAYED		/* it keeps it and tries again */
};

/* A server reply found in a line or lines; its text is raw, unsafe bytes. */
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
	size_t		 recipients_len;	/* set if a scan lists them */
	char		 recipients[SMTPCODE_RECIPIENTS_SIZE];	/* "a@b,c@d" */
	int		 recipients_one;	/* one recipient's names: a DSN
					   block's Final-, Original-Recipient */
	enum smtpcode_action action;	/* set if a scan read its block's */
};

/* The verdict on a reply for the address it concerned. */
enum smtpcode_verdict {
	SMTPCODE_VERDICT_DELIVERED,	/* 2: accepted */
	SMTPCODE_VERDICT_CONTINUE,	/* 3: the transaction goes on */
	SMTPCODE_VERDICT_RETRY,		/* 4: transient, retry later */
	SMTPCODE_VERDICT_HARD,		/* 5: the address or domain is bad */
	SMTPCODE_VERDICT_SOFT		/* 5: the condition can pass */
};

/* Codes parsed, looked up (NULL: unknown) or described; none allocates. */
enum smtpcode_parse_error smtpcode_parse(const char *, int *);
const char	*smtpcode_parse_error_text(enum smtpcode_parse_error);
const struct smtpcode_entry *smtpcode_lookup(int);
int		 smtpcode_describe(int, struct smtpcode_entry *);
enum smtpcode_parse_error smtpcode_parse_status(const char *, size_t, int,
		    struct smtpcode_status *);
const struct smtpcode_entry *smtpcode_lookup_status(int, int);
int		 smtpcode_describe_status(const struct smtpcode_status *,
		    struct smtpcode_entry *);

/* A reply found in a reply, a DSN field or a log line, and its verdict. */
size_t		 smtpcode_reply_parse(const char *, size_t,
		    struct smtpcode_reply *);
enum smtpcode_verdict smtpcode_verdict(const struct smtpcode_entry *,
		    const struct smtpcode_entry *);
const char	*smtpcode_verdict_name(enum smtpcode_verdict);

/*
 * Replies in logs and bounces, counted in fixed memory.  A scan is the
 * library's smtpcode_scan_size() bytes (megabytes), aligned as malloc
 * aligns.  init's stream, if not NULL, gets a copy of the input with what
 * note writes after each line with a reply; each sees every reply counted.
 */
struct smtpcode_scan;
typedef void	 smtpcode_reply_fn(void *, const struct smtpcode_reply *);
size_t		 smtpcode_scan_size(void);
void		 smtpcode_scan_init(struct smtpcode_scan *, FILE *);
void		 smtpcode_scan_note(struct smtpcode_scan *, smtpcode_reply_fn *,
		    void *);
void		 smtpcode_scan_each(struct smtpcode_scan *, smtpcode_reply_fn *,
		    void *);
int		 smtpcode_scan_fd(struct smtpcode_scan *, int);
void		 smtpcode_scan_feed(struct smtpcode_scan *, const char *,
		    size_t);
void		 smtpcode_scan_text(struct smtpcode_scan *, const char *,
		    size_t);
void		 smtpcode_scan_end(struct smtpcode_scan *);

#endif /* SMTPCODE_H */
