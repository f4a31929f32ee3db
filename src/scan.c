/* SPDX-License-Identifier: ISC */
/* scan.c -- stream logs and bounces, find the replies, tally them */

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "smtpcode.h"

/*
 * The tally's key packs a basic code and an enhanced code (0: none),
 * then what the reply means: its reason (0: none) and its verdict.
 */
#define STATUS_KEYS	((5 * 8 + 7) * 1000 + 999 + 2)
#define REASON_KEYS	128
#define VERDICT_KEYS	8
#define DSN_DIAGNOSTIC	"Diagnostic-Code:"

static unsigned long long
pack(const struct smtpcode_reply *r, const struct smtpcode_meaning *mn)
{
	const struct smtpcode_reason *reasons;
	unsigned long long status, reason;
	size_t n;

	status = 0;
	if (r->has_status)
		status = 1 + ((unsigned long long)r->status.class_digit * 8 +
		    (unsigned long long)r->status.subject) * 1000 +
		    (unsigned long long)r->status.detail;
	reasons = smtpcode_reasons(&n);
	reason = mn->reason != NULL ?
	    (unsigned long long)(mn->reason - reasons) + 1 : 0;
	return (((unsigned long long)r->code * STATUS_KEYS + status) *
	    REASON_KEYS + reason) * VERDICT_KEYS + mn->verdict;
}

static void
unpack(unsigned long long key, struct smtpcode_scan_row *row)
{
	const struct smtpcode_reason *reasons;
	unsigned long long status, reason;
	size_t n;

	row->verdict = (enum smtpcode_verdict)(key % VERDICT_KEYS);
	key /= VERDICT_KEYS;
	reason = key % REASON_KEYS;
	key /= REASON_KEYS;
	reasons = smtpcode_reasons(&n);
	row->reason = reason > 0 && reason <= n ? &reasons[reason - 1] : NULL;
	row->code = (int)(key / STATUS_KEYS);
	status = key % STATUS_KEYS;
	row->has_status = status != 0;
	if (status == 0)
		return;
	status--;
	row->status.detail = (int)(status % 1000);
	row->status.subject = (int)(status / 1000 % 8);
	row->status.class_digit = (int)(status / 8000);
}

/*
 * The class of a reply: the basic code's, which the sending server acts
 * on, as the verdict does; the enhanced code's when there is no other.
 */
static int
class_of(const struct smtpcode_reply *r)
{
	return r->code != 0 ? r->code / 100 : r->status.class_digit;
}

/*
 * Count one reply by its key.  The table is open addressing with linear
 * probing over a fixed array; a pair that finds no free slot is counted
 * in s->other, so memory never grows.
 */
static void
count_key(struct smtpcode_scan *s, unsigned long long key, int class_digit)
{
	size_t i, n;

	s->replies++;
	s->class_totals[class_digit]++;
	i = (size_t)(key * 2654435761ULL % SMTPCODE_SCAN_SLOTS);
	for (n = 0; n < SMTPCODE_SCAN_SLOTS; n++) {
		if (s->slots[i].count == 0) {
			s->slots[i].key = key;
			s->slots[i].count = 1;
			s->used++;
			return;
		}
		if (s->slots[i].key == key) {
			s->slots[i].count++;
			return;
		}
		i = (i + 1) % SMTPCODE_SCAN_SLOTS;
	}
	s->other++;
}

/* Add each of a reply's recipients (a comma-separated list) to the list. */
static void
list_recipients(struct smtpcode_scan *s, const char *list, size_t len)
{
	const char *comma;

	while (len > 0) {
		if ((comma = memchr(list, ',', len)) == NULL)
			comma = list + len;
		smtpcode_recipients_add(s->recipients, list,
		    (size_t)(comma - list));
		if (comma == list + len)
			break;
		len -= (size_t)(comma - list) + 1;
		list = comma + 1;
	}
}

/* Count the replies held back from a report's human part. */
static void
commit_held(struct smtpcode_scan *s)
{
	size_t i;

	for (i = 0; i < s->nheld; i++) {
		count_key(s, s->held[i].key, s->held[i].class_digit);
		if (s->recipients != NULL)
			list_recipients(s, s->held[i].reply.recipients,
			    s->held[i].reply.recipients_len);
		if (s->each != NULL)
			s->each(s->each_arg, &s->held[i].reply);
	}
	s->nheld = 0;
}

/*
 * Count one reply; or, in a report's human part, hold it until the
 * report's DSN part shows whether its recipients are counted there.
 * A human part with more replies than can be held is counted as it
 * comes, and no longer held.  A reply of another verdict than the one
 * asked for (--verdict) is not counted; the recipients of one that is
 * go on the list (--recipients).
 */
static void
tally(struct smtpcode_scan *s, const struct smtpcode_reply *r)
{
	struct smtpcode_meaning mn;
	struct smtpcode_scan_held *h;
	unsigned long long key;
	int acts;

	/*
	 * A success needs no reason: leave its meaning unread.
	 */
	acts = class_of(r);
	if (acts == 2 || acts == 3) {
		memset(&mn, 0, sizeof(mn));
		mn.verdict = acts == 2 ? SMTPCODE_VERDICT_DELIVERED :
		    SMTPCODE_VERDICT_CONTINUE;
	} else
		smtpcode_meaning_of(&s->memo, r, &mn);
	if (s->verdict >= 0 && (int)mn.verdict != s->verdict)
		return;
	key = pack(r, &mn);
	if (s->in_report && s->nheld == SMTPCODE_SCAN_HELD) {
		commit_held(s);
		s->in_report = 0;
	}
	if (s->in_report) {
		h = &s->held[s->nheld++];
		h->key = key;
		h->class_digit = class_of(r);
		h->reply = *r;
		/* Its line lies in a buffer that the next read reuses. */
		if (s->each == NULL)
			h->reply.line = NULL;
		return;
	}
	count_key(s, key, class_of(r));
	if (s->recipients != NULL)
		list_recipients(s, r->recipients, r->recipients_len);
	if (s->each != NULL)
		s->each(s->each_arg, r);
}

/* Whether the replies' recipients are wanted: for the list, or each. */
static int
wants_recipients(const struct smtpcode_scan *s)
{
	return s->recipients != NULL || s->each != NULL;
}

static int
starts_with(const char *line, size_t len, const char *word)
{
	size_t n;

	n = strlen(word);
	return len >= n && strncasecmp(line, word, n) == 0;
}

static int
is_blank(const char *line, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r')
			return 0;
	return 1;
}

/* Count what a finished stretch held back: a "550-" reply, a Status. */
static void
flush_pending(struct smtpcode_scan *s)
{
	if (s->continued) {
		tally(s, &s->pending);
		s->continued = 0;
	}
	if (s->dsn_status && !s->dsn_diagnostic)
		tally(s, &s->status);
	s->dsn_status = s->dsn_diagnostic = 0;
}

/*
 * A reply held back as "550-..." goes on when this one has the same
 * code and is of the same form; else it was cut off and counts alone.
 */
static void
count_reply(struct smtpcode_scan *s, struct smtpcode_reply *r)
{
	if (s->continued && (r->code != s->pending.code ||
	    r->source != s->pending.source)) {
		tally(s, &s->pending);
		s->continued = 0;
	}
	if (r->incomplete) {
		if (!s->continued) {
			s->pending = *r;
			/* Its line lies in a buffer that the next read reuses. */
			if (s->each == NULL)
				s->pending.line = NULL;
		}
		s->continued = 1;
		return;
	}
	if (s->continued) {
		/* The first line's enhanced code stands for the reply. */
		tally(s, &s->pending);
		s->continued = 0;
		return;
	}
	if (r->source == SMTPCODE_SOURCE_DSN_STATUS) {
		/* One DSN block counts once: its Diagnostic-Code if any. */
		s->status = *r;
		s->status.line = NULL;
		s->dsn_status = 1;
		return;
	}
	if (r->source == SMTPCODE_SOURCE_DSN_DIAGNOSTIC) {
		s->dsn_diagnostic = 1;
		/* "Diagnostic-Code: smtp; 550 : User unknown": Status's. */
		if (!r->has_status && s->dsn_status) {
			r->has_status = 1;
			r->status = s->status.status;
		}
	}
	tally(s, r);
}

/* Where a bounce's human part quotes a reply: see scan_line. */
enum quote {
	QUOTE_NONE,
	QUOTE_WAIT,	/* "<bob@example.org>: ... said:", the reply to come */
	QUOTE_IN	/* the reply found: its wrapped lines go on */
};

#define CONTENT_TYPE	"Content-Type:"
#define MBOX_FROM	"From "

/*
 * A MIME header that tells where a bounce is: a multipart/report opens
 * a report whose replies are held until its DSN part shows whether its
 * recipients are counted there; its message/delivery-status part
 * (message/global-delivery-status, RFC 6533) is that DSN part.
 */
static void
mime_part(struct smtpcode_scan *s, const char *line, size_t len)
{
	size_t n;

	n = sizeof(CONTENT_TYPE) - 1;
	if (!starts_with(line, len, CONTENT_TYPE))
		return;
	while (n < len && (line[n] == ' ' || line[n] == '\t'))
		n++;
	if (starts_with(line + n, len - n, "multipart/report")) {
		flush_pending(s);
		s->context_len = 0;
		commit_held(s);
		s->in_report = 1;
	} else if (starts_with(line + n, len - n, "message/delivery-status") ||
	    starts_with(line + n, len - n, "message/global-delivery-status")) {
		/* The human part's replies are the recipients' below. */
		flush_pending(s);
		s->nheld = 0;
		s->in_report = 0;
	}
}

/* Whether the address a (len bytes) is an item of list (n bytes). */
static int
listed(const char *list, size_t n, const char *a, size_t len)
{
	const char *p, *end, *comma;

	end = list + n;
	for (p = list; p < end; p = comma + 1) {
		if ((comma = memchr(p, ',', (size_t)(end - p))) == NULL)
			comma = end;
		if ((size_t)(comma - p) == len && memcmp(p, a, len) == 0)
			return 1;
	}
	return 0;
}

/*
 * A DSN block's Final-Recipient or Original-Recipient: the recipient of
 * the block's reply, kept until the blank line that ends the block.
 */
static void
dsn_recipient(struct smtpcode_scan *s, const char *line, size_t len)
{
	size_t n;

	if (!starts_with(line, len, "Final-Recipient:") &&
	    !starts_with(line, len, "Original-Recipient:"))
		return;
	n = s->context_len;
	if (n > 0 && n + 1 < sizeof(s->context))
		s->context[n++] = ',';
	s->context_len = n + smtpcode_line_recipients(line, len,
	    s->context + n, sizeof(s->context) - n);
	/* Original-Recipient is often Final-Recipient again: keep it once. */
	if (n > 0 && listed(s->context, n - 1, s->context + n,
	    s->context_len - n))
		s->context_len = n;
	if (s->context_len > 0 && s->context[s->context_len - 1] == ',')
		s->context_len--;
}

/* Whether a line holds a client's "RCPT TO:", in any case. */
static int
names_rcpt(const char *line, size_t len)
{
	const char *colon, *end;

	end = line + len;
	for (colon = line; (colon = memchr(colon, ':', (size_t)(end -
	    colon))) != NULL; colon++)
		if (colon - line >= 7 && strncasecmp(colon - 7, "RCPT TO",
		    7) == 0)
			return 1;
	return 0;
}

/* Domino's line before the address, which a blank line follows. */
#define DOMINO_TO	"was not delivered to:"

/*
 * The recipient that a report's line without a reply names for the
 * reply to come: a transcript's ">>> RCPT TO:<bob@...>" (Sendmail,
 * Courier) or "--> RCPT To:<bob@...>" (MDaemon), which the server's
 * answer follows; the address on the line after Domino's "was not
 * delivered to:", kept over the blank lines before its "because:".
 */
static void
report_recipient(struct smtpcode_scan *s, const char *line, size_t len)
{
	const char *p, *end;
	size_t n;

	p = line;
	end = line + len;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if ((n = smtpcode_line_command(line, len)) != 0)
		s->command = (unsigned)n;
	if (s->await_address) {
		s->await_address = 0;
		s->context_len = smtpcode_line_recipients(p, (size_t)(end - p),
		    s->context, sizeof(s->context));
		s->held_address = s->context_len > 0;
		return;
	}
	n = sizeof(DOMINO_TO) - 1;
	if ((size_t)(end - p) >= n && strncasecmp(p, DOMINO_TO, n) == 0) {
		s->await_address = 1;
		return;
	}
	/* Exchange's and others' address alone on the line before. */
	if ((names_rcpt(p, (size_t)(end - p)) || (memchr(p, '@',
	    (size_t)(end - p)) != NULL && memchr(p, ' ', (size_t)(end - p)) ==
	    NULL)) && (n = smtpcode_line_recipients(p, (size_t)(end - p),
	    s->context, sizeof(s->context))) > 0)
		s->context_len = n;
}

/*
 * The recipients of a line's reply: those the line names (a log's
 * to=<...>, Exim's "** bob@..."), or else those of the DSN block or
 * bounce paragraph the line is in.
 */
static void
reply_recipients(struct smtpcode_scan *s, const char *line, size_t len,
    struct smtpcode_reply *r)
{
	r->recipients_len = smtpcode_line_recipients(line, len,
	    r->recipients, sizeof(r->recipients));
	if (r->recipients_len == 0 && s->context_len > 0) {
		memcpy(r->recipients, s->context, s->context_len);
		r->recipients_len = s->context_len;
	}
}

/*
 * Look at one line (len bytes, its newline left out): find its reply,
 * count it, and fill *r (source NONE when it holds none).
 *
 * The first byte says what the line can be, so a log line pays one
 * switch: a MIME header, an mbox "From " line, a DSN field, a Postfix
 * bounce's "<bob@example.org>: host ... said: ..." paragraph, or, when
 * it starts with a blank, the folded line of a Diagnostic-Code field or
 * of such a paragraph, which is part of the reply before, not a reply.
 * In the paragraph, the first reply found counts, whole: Postfix wraps
 * it to four-space lines, with the "550-" prefixes of its lines inside.
 */
/* Count a paragraph's reply held for each, its wrapped lines added. */
static void
end_para(struct smtpcode_scan *s)
{
	if (!s->in_para)
		return;
	s->in_para = 0;
	count_reply(s, &s->para);
}

static void
scan_line(struct smtpcode_scan *s, const char *line, size_t len,
    struct smtpcode_reply *r)
{
	int c, folded, quote;

	s->lines++;
	r->source = SMTPCODE_SOURCE_NONE;
	c = len > 0 ? (unsigned char)line[0] : '\0';
	folded = 0;
	if (c == ' ' || c == '\t')
		folded = s->in_diagnostic || s->quote == QUOTE_IN;
	else {
		end_para(s);
		s->in_diagnostic = 0;
		s->quote = QUOTE_NONE;
		switch (c) {
		case '<':
			/* "<bob@...>: ...", not a transcript's "<<< ". */
			if (len > 1 && line[1] != '<') {
				s->quote = QUOTE_WAIT;
				if (wants_recipients(s))
					s->context_len =
					    smtpcode_line_recipients(line, len,
					    s->context, sizeof(s->context));
			}
			break;
		case 'C':
		case 'c':
			mime_part(s, line, len);
			break;
		case 'D':
		case 'd':
			s->in_diagnostic = starts_with(line, len,
			    DSN_DIAGNOSTIC);
			break;
		case 'F':
			if (len >= 5 && memcmp(line, MBOX_FROM, 5) == 0) {
				flush_pending(s);
				commit_held(s);
				s->in_report = 0;
				s->context_len = 0;
				break;
			}
			/* FALLTHROUGH */
		case 'f':
		case 'O':
		case 'o':
			if (wants_recipients(s))
				dsn_recipient(s, line, len);
			break;
		default:
			break;
		}
	}
	if (is_blank(line, len)) {
		s->quote = QUOTE_NONE;
		end_para(s);
		flush_pending(s);
		/* A DSN block or a bounce's paragraph ends here. */
		if (!s->held_address)
			s->context_len = 0;
		s->command = 0;
		return;
	}
	if (folded && s->in_para && s->quote == QUOTE_IN)
		smtpcode_reply_append(&s->para, line, len);
	if (folded || smtpcode_reply_parse(line, len, r) == 0 ||
	    r->source == SMTPCODE_SOURCE_NONE) {
		r->source = SMTPCODE_SOURCE_NONE;
		if (wants_recipients(s))
			report_recipient(s, line, len);
		return;
	}
	s->held_address = 0;
	/* A transcript's reply answers the client's line before. */
	if (r->source == SMTPCODE_SOURCE_TRANSCRIPT && r->command == 0)
		r->command = s->command;
	s->command = 0;
	if (wants_recipients(s))
		reply_recipients(s, line, len, r);
	quote = s->quote;
	if (quote == QUOTE_WAIT || r->source == SMTPCODE_SOURCE_POSTFIX)
		s->quote = QUOTE_IN;
	if (quote == QUOTE_WAIT)
		r->incomplete = 0;
	/* For each, the paragraph's reply waits for its wrapped lines. */
	if (s->each != NULL && s->quote == QUOTE_IN) {
		end_para(s);
		s->para = *r;
		s->in_para = 1;
		return;
	}
	count_reply(s, r);
}

/* The annotation of a line that holds a reply, for --annotate. */
static void
annotate(struct smtpcode_scan *s, const struct smtpcode_reply *r)
{
	struct smtpcode_entry codes[2];
	struct smtpcode_meaning mn;
	struct smtpcode_reply_view view;
	const struct smtpcode_entry *b, *e, *by;
	const char *verdict;

	/* The reply's own verdict, as the tally and a reply page give it. */
	smtpcode_explain_reply(r, codes, &mn, &view);
	b = view.basic;
	e = view.enhanced;
	by = smtpcode_verdict_by(b, e);
	verdict = smtpcode_verdict_text(mn.verdict);
	fprintf(s->annotate, "%s%s%s%s: %s, %s; %.*s\n", SMTPCODE_ANNOTATION,
	    b != NULL ? b->label : "", b != NULL && e != NULL ? " " : "",
	    e != NULL ? e->label : "", smtpcode_line_class(by), by->name,
	    (int)strcspn(verdict, ":"), verdict);
}

/* A whole line: scan it, and with --annotate copy it and explain it. */
static void
whole_line(struct smtpcode_scan *s, const char *line, size_t len,
    int newline)
{
	struct smtpcode_reply *r;

	r = &s->reply;
	scan_line(s, line, len, r);
	if (s->annotate == NULL)
		return;
	fwrite(line, 1, len, s->annotate);
	if (newline)
		putc('\n', s->annotate);
	if (r->source == SMTPCODE_SOURCE_NONE)
		return;
	if (!newline)
		putc('\n', s->annotate);
	annotate(s, r);
}

/*
 * A line longer than the buffer: its head and its tail, the first and
 * the last SMTPCODE_SCAN_HEAD bytes, are kept to be scanned when the line
 * ends; with --annotate the rest goes out as it comes.
 */
static void
long_line_part(struct smtpcode_scan *s, const char *part, size_t len)
{
	size_t room, keep;

	room = sizeof(s->head) - s->head_len;
	if (room > len)
		room = len;
	memcpy(s->head + s->head_len, part, room);
	s->head_len += room;
	if (s->annotate != NULL)
		fwrite(part, 1, len, s->annotate);
	part += room;
	len -= room;
	if (len >= sizeof(s->tail)) {
		memcpy(s->tail, part + len - sizeof(s->tail), sizeof(s->tail));
		s->tail_len = sizeof(s->tail);
		return;
	}
	/* Keep the tail's last bytes, then this part's. */
	keep = sizeof(s->tail) - len;
	if (keep > s->tail_len)
		keep = s->tail_len;
	memmove(s->tail, s->tail + s->tail_len - keep, keep);
	memcpy(s->tail + keep, part, len);
	s->tail_len = keep + len;
}

/*
 * The end of a long line: scan its head, or, if the head holds no
 * reply, its tail, where a log line's reply comes last.  A reply in
 * neither is not found.  The line is already out.
 */
static void
long_line_end(struct smtpcode_scan *s, int newline)
{
	struct smtpcode_reply *r;

	r = &s->reply;
	if (s->tail_len > 0 && (smtpcode_reply_parse(s->head, s->head_len,
	    r) == 0 || r->source == SMTPCODE_SOURCE_NONE))
		scan_line(s, s->tail, s->tail_len, r);
	else
		scan_line(s, s->head, s->head_len, r);
	s->head_len = s->tail_len = 0;
	s->in_long = 0;
	if (s->annotate == NULL)
		return;
	/* As for a whole line: a note needs the line ended first. */
	if (newline || r->source != SMTPCODE_SOURCE_NONE)
		putc('\n', s->annotate);
	if (r->source != SMTPCODE_SOURCE_NONE)
		annotate(s, r);
}

/*
 * Scan the lines in buf[0..len): whole lines in place; a line that runs
 * past the end is left for the next read and the number of bytes taken
 * is returned.  A line that fills the whole buffer goes the long way.
 */
static size_t
scan_block(struct smtpcode_scan *s, const char *buf, size_t len, int eof)
{
	const char *p, *nl, *end;

	p = buf;
	end = buf + len;
	if (s->in_long) {
		if ((nl = memchr(p, '\n', len)) == NULL) {
			long_line_part(s, p, len);
			if (eof)
				long_line_end(s, 0);
			return len;
		}
		long_line_part(s, p, (size_t)(nl - p));
		long_line_end(s, 1);
		p = nl + 1;
	}
	while (p < end && (nl = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		whole_line(s, p, (size_t)(nl - p), 1);
		p = nl + 1;
	}
	if (p < end && eof) {
		whole_line(s, p, (size_t)(end - p), 0);
		p = end;
	}
	if (p == buf && len == sizeof(s->buf)) {
		/* No newline in a full buffer: a long line begins. */
		s->in_long = 1;
		s->head_len = s->tail_len = 0;
		long_line_part(s, p, len);
		p = end;
	}
	return (size_t)(p - buf);
}

/* Scan what the buffer holds; keep the start of an unfinished line. */
static void
process(struct smtpcode_scan *s, int eof)
{
	size_t used;

	used = scan_block(s, s->buf, s->have, eof);
	memmove(s->buf, s->buf + used, s->have - used);
	s->have -= used;
}

/* Scan len more bytes of the current input, in whatever pieces. */
void
smtpcode_scan_feed(struct smtpcode_scan *s, const char *data, size_t len)
{
	size_t n;

	while (len > 0) {
		n = sizeof(s->buf) - s->have;
		if (n > len)
			n = len;
		memcpy(s->buf + s->have, data, n);
		s->have += n;
		data += n;
		len -= n;
		process(s, 0);
	}
}

/*
 * Scan text (len bytes) in place as one whole input, so that each
 * reply's line stays where it is for the caller's each (see
 * smtpcode_scan_each) until this returns.
 */
void
smtpcode_scan_text(struct smtpcode_scan *s, const char *text, size_t len)
{
	scan_block(s, text, len, 1);
	smtpcode_scan_end(s);
}

/* Call each(arg, reply) with every reply as it is counted, or stop. */
void
smtpcode_scan_each(struct smtpcode_scan *s,
    void (*each)(void *, const struct smtpcode_reply *), void *arg)
{
	s->each = each;
	s->each_arg = arg;
}

/*
 * End the current input: scan its last line, and count what it held
 * back, so that a reply's "550-" lines do not run on into the next.
 */
void
smtpcode_scan_end(struct smtpcode_scan *s)
{
	process(s, 1);
	if (s->in_long)
		long_line_end(s, 0);
	end_para(s);
	flush_pending(s);
	s->in_diagnostic = 0;
	s->quote = QUOTE_NONE;
	s->context_len = 0;
	/* A report cut off before its DSN part: its human part counts. */
	commit_held(s);
	s->in_report = 0;
}

/*
 * The magic bytes of the compressed files that logs are rotated into,
 * each with the command that writes them out again.  bzip2's "BZh9" is
 * also the start of a word: its first block's magic must follow.
 */
static const struct {
	const char	*magic;
	size_t		 len;
	const char	*command;
} compressed[] = {
	{ "\037\213", 2, "zcat" },
	{ "\037\235", 2, "zcat" },	/* compress(1), which zcat reads */
	{ "\375" "7zXZ\0", 6, "xzcat" },
	{ "(\265/\375", 4, "zstdcat" }
};

#define MAGIC_MAX	10	/* "BZh9" and its block's 6-byte magic */

static int
is_bzip2(const char *buf, size_t len)
{
	return len >= MAGIC_MAX && memcmp(buf, "BZh", 3) == 0 &&
	    buf[3] >= '1' && buf[3] <= '9' &&
	    (memcmp(buf + 4, "1AY&SY", 6) == 0 ||
	    memcmp(buf + 4, "\027rE8P\220", 6) == 0);
}

/*
 * The command that decompresses an input starting with buf[0..len):
 * "zcat", "bzcat", "xzcat" or "zstdcat"; NULL for anything else.
 */
const char *
smtpcode_decompressor(const char *buf, size_t len)
{
	size_t i;

	if (is_bzip2(buf, len))
		return "bzcat";
	for (i = 0; i < sizeof(compressed) / sizeof(compressed[0]); i++)
		if (len >= compressed[i].len && memcmp(buf,
		    compressed[i].magic, compressed[i].len) == 0)
			return compressed[i].command;
	return NULL;
}

/*
 * Read fd to its end and scan it as one input; return 0, or -1 with
 * errno set when a read fails (what was read until then is counted), or
 * 1 when the input is compressed: then s->decompress names the command
 * that reads it, and nothing of it is scanned or copied.
 * With --annotate, a failed write (ferror) ends the reading early: the
 * copy has nowhere to go, and a reader that closed the pipe should not
 * wait for the rest of a large log to be read.
 */
int
smtpcode_scan_fd(struct smtpcode_scan *s, int fd)
{
	ssize_t n;
	size_t start;
	int saved, first;

	n = 0;
	s->decompress = NULL;
	start = s->have;
	first = 1;
	for (;;) {
		if (s->annotate != NULL && ferror(s->annotate))
			break;
		n = read(fd, s->buf + s->have, sizeof(s->buf) - s->have);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		s->have += (size_t)n;
		/* A pipe may give the magic bytes a few at a time. */
		if (first && s->have - start < MAGIC_MAX)
			continue;
		if (first && (s->decompress = smtpcode_decompressor(
		    s->buf + start, s->have - start)) != NULL)
			break;
		first = 0;
		process(s, 0);
	}
	if (first && s->decompress == NULL)
		s->decompress = smtpcode_decompressor(s->buf + start,
		    s->have - start);
	if (s->decompress != NULL) {
		s->have = start;
		return 1;
	}
	saved = errno;
	smtpcode_scan_end(s);
	errno = saved;
	return n == -1 ? -1 : 0;
}

void
smtpcode_scan_init(struct smtpcode_scan *s, FILE *annotate_to)
{
	memset(s->slots, 0, sizeof(s->slots));
	memset(&s->memo, 0, sizeof(s->memo));
	s->used = 0;
	s->lines = s->replies = s->other = 0;
	memset(s->class_totals, 0, sizeof(s->class_totals));
	s->continued = s->dsn_status = s->dsn_diagnostic = 0;
	s->await_address = s->held_address = 0;
	s->in_para = 0;
	s->command = 0;
	s->in_diagnostic = s->in_long = 0;
	s->in_report = s->quote = 0;
	s->nheld = 0;
	s->head_len = s->tail_len = s->have = 0;
	s->annotate = annotate_to;
	s->decompress = NULL;
	s->verdict = -1;
	s->recipients = NULL;
	s->each = NULL;
	s->each_arg = NULL;
	s->context_len = 0;
}

/*
 * Count only the replies of one verdict (an enum smtpcode_verdict; -1
 * for all), and, if list is not NULL, put their recipients on it.
 */
void
smtpcode_scan_select(struct smtpcode_scan *s, int verdict,
    struct smtpcode_recipients *list)
{
	s->verdict = verdict;
	s->recipients = list;
}

void
smtpcode_recipients_init(struct smtpcode_recipients *set)
{
	memset(set->slots, 0, sizeof(set->slots));
	set->count = set->pool_len = 0;
	set->more = 0;
}

/* FNV-1a, 64 bits: the address's slot and the check before memcmp. */
static unsigned long long
address_hash(const char *a, size_t len)
{
	unsigned long long h;
	size_t i;

	h = 14695981039346656037ULL;
	for (i = 0; i < len; i++) {
		h ^= (unsigned char)a[i];
		h *= 1099511628211ULL;
	}
	return h;
}

/*
 * Put the address at a (len bytes) in the set, unless it is there:
 * return 1 if it was added, 0 if it was there, -1 if it did not fit
 * (counted in set->more).  A slot holds the hash's top 32 bits and the
 * address's pool offset plus 1 (0: empty).
 */
int
smtpcode_recipients_add(struct smtpcode_recipients *set, const char *a,
    size_t len)
{
	unsigned long long h, top, slot;
	size_t i, off;

	if (len == 0)
		return 0;
	h = address_hash(a, len);
	top = h >> 32;
	i = (size_t)(h & (SMTPCODE_RECIPIENT_SLOTS - 1));
	while ((slot = set->slots[i]) != 0) {
		off = (size_t)(slot & 0xffffffffULL) - 1;
		if (slot >> 32 == top && off + len < set->pool_len &&
		    set->pool[off + len] == '\0' &&
		    memcmp(set->pool + off, a, len) == 0)
			return 0;
		i = (i + 1) & (SMTPCODE_RECIPIENT_SLOTS - 1);
	}
	if (set->count == SMTPCODE_RECIPIENT_MAX ||
	    set->pool_len + len + 1 > sizeof(set->pool)) {
		set->more++;
		return -1;
	}
	off = set->pool_len;
	memcpy(set->pool + off, a, len);
	set->pool[off + len] = '\0';
	set->pool_len += len + 1;
	set->slots[i] = top << 32 | (unsigned long long)(off + 1);
	set->count++;
	return 1;
}

/*
 * The set's addresses in the order first seen: start *at at 0; each
 * call returns the next address, NUL-terminated, or NULL at the end.
 */
const char *
smtpcode_recipients_next(const struct smtpcode_recipients *set, size_t *at)
{
	const char *a;

	if (*at >= set->pool_len)
		return NULL;
	a = set->pool + *at;
	*at += strlen(a) + 1;
	return a;
}

/* Rows by count, highest first, then by code: an insertion sort. */
static int
before(const struct smtpcode_scan_row *a, const struct smtpcode_scan_row *b)
{
	if (a->count != b->count)
		return a->count > b->count;
	return a->key < b->key;
}

/*
 * Gather the tally's rows into rows (SMTPCODE_SCAN_SLOTS of them at
 * most), sorted; return how many.
 */
size_t
smtpcode_scan_rows(const struct smtpcode_scan *s,
    struct smtpcode_scan_row *rows)
{
	struct smtpcode_scan_row row;
	size_t i, j, n;

	n = 0;
	for (i = 0; i < SMTPCODE_SCAN_SLOTS; i++) {
		if (s->slots[i].count == 0)
			continue;
		row.key = s->slots[i].key;
		row.count = s->slots[i].count;
		unpack(row.key, &row);
		for (j = n; j > 0 && before(&row, &rows[j - 1]); j--)
			rows[j] = rows[j - 1];
		rows[j] = row;
		n++;
	}
	return n;
}
