/* SPDX-License-Identifier: ISC */
/* scan.c -- stream logs and bounces, find the replies, tally them */

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "scan.h"

/*
 * A group's numeric key packs a basic code and an enhanced code (0:
 * none), the reason (0: none), the verdict (0: none, else 1 plus the
 * verdict), the direction and the provider (0: none), each left 0 when
 * the grouping does not key on it.
 */
#define STATUS_KEYS	((5 * 8 + 7) * 1000 + 999 + 2)
#define REASON_KEYS	128
#define VERDICT_KEYS	8
#define DIRECTION_KEYS	3
#define PROVIDER_KEYS	512
#define DSN_DIAGNOSTIC	"Diagnostic-Code:"

/* The default grouping's keys; the verdict goes with them. */
#define KEY_BIT(k)	(1u << (k))
#define KEY_VERDICT	KEY_BIT(SMTPCODE_NKEYS)
#define DEFAULT_KEYS	(KEY_BIT(SMTPCODE_KEY_CODE) | \
	KEY_BIT(SMTPCODE_KEY_REASON) | KEY_BIT(SMTPCODE_KEY_DIRECTION) | \
	KEY_VERDICT)
#define STRING_KEYS	(KEY_BIT(SMTPCODE_KEY_DOMAIN) | \
	KEY_BIT(SMTPCODE_KEY_RECIPIENT) | KEY_BIT(SMTPCODE_KEY_RELAY))

/* Room for a group's string key: a domain, an address, a host. */
#define GROUP_KEY_MAX	(2 * (SMTPCODE_ADDRESS_MAX + 1) + SMTPCODE_HOST_SIZE)

/* The keys a scan groups by, as bits; with the verdict by default. */
static unsigned
keys_of(const struct smtpcode_scan *s)
{
	return s->keyset != 0 ? s->keyset : DEFAULT_KEYS;
}

static unsigned long long
pack(const struct smtpcode_scan *s, const struct smtpcode_reply *r,
    const struct smtpcode_meaning *mn, enum smtpcode_direction d)
{
	const struct smtpcode_reason *reasons;
	const struct smtpcode_provider *providers;
	unsigned long long pair, reason, verdict, dir, provider;
	unsigned keys;
	size_t n;

	keys = keys_of(s);
	pair = reason = verdict = dir = provider = 0;
	if (keys & KEY_BIT(SMTPCODE_KEY_CODE)) {
		pair = (unsigned long long)r->code * STATUS_KEYS;
		if (r->has_status)
			pair += 1 + ((unsigned long long)r->status.class_digit *
			    8 + (unsigned long long)r->status.subject) * 1000 +
			    (unsigned long long)r->status.detail;
	}
	reasons = smtpcode_reasons(&n);
	if ((keys & KEY_BIT(SMTPCODE_KEY_REASON)) && mn->reason != NULL)
		reason = (unsigned long long)(mn->reason - reasons) + 1;
	if (keys & KEY_VERDICT)
		verdict = 1 + (unsigned long long)mn->verdict;
	if (keys & KEY_BIT(SMTPCODE_KEY_DIRECTION))
		dir = (unsigned long long)d;
	providers = smtpcode_providers(&n);
	if ((keys & KEY_BIT(SMTPCODE_KEY_PROVIDER)) && mn->provider != NULL)
		provider = (unsigned long long)(mn->provider - providers) + 1;
	return (((pair * REASON_KEYS + reason) * VERDICT_KEYS + verdict) *
	    DIRECTION_KEYS + dir) * PROVIDER_KEYS + provider;
}

static void
unpack(unsigned long long key, struct smtpcode_scan_row *row)
{
	const struct smtpcode_reason *reasons;
	const struct smtpcode_provider *providers;
	unsigned long long status, n;
	size_t count;

	providers = smtpcode_providers(&count);
	n = key % PROVIDER_KEYS;
	row->provider = n > 0 && n <= count ? &providers[n - 1] : NULL;
	key /= PROVIDER_KEYS;
	row->direction = (enum smtpcode_direction)(key % DIRECTION_KEYS);
	key /= DIRECTION_KEYS;
	n = key % VERDICT_KEYS;
	row->verdict = n > 0 ? (enum smtpcode_verdict)(n - 1) :
	    SMTPCODE_VERDICT_DELIVERED;
	key /= VERDICT_KEYS;
	reasons = smtpcode_reasons(&count);
	n = key % REASON_KEYS;
	row->reason = n > 0 && n <= count ? &reasons[n - 1] : NULL;
	key /= REASON_KEYS;
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
 * FNV-1a, 64 bits, of len bytes at a, continued from h: the slot of a
 * group, a text or an address, and the check before memcmp.
 */
static unsigned long long
fnv(unsigned long long h, const char *a, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)a[i];
		h *= 1099511628211ULL;
	}
	return h;
}

#define FNV_BASIS	14695981039346656037ULL

/*
 * The group of (num, key[0..len)), added if new: its index, or -1 when
 * the table or its pool is full.  The index is open addressing with
 * linear probing; a slot holds a group's index plus 1.
 */
static long
find_group(struct smtpcode_scan *s, unsigned long long num, const char *key,
    size_t len)
{
	struct smtpcode_scan_group *g;
	unsigned long long h;
	size_t i, n;
	unsigned hash;

	h = (num + 1) * 0x9e3779b97f4a7c15ULL;
	if (len > 0)
		h ^= fnv(FNV_BASIS, key, len);
	hash = (unsigned)(h >> 32);
	i = hash % SMTPCODE_SCAN_INDEX;
	for (n = 0; s->index[i] != 0; n++) {
		g = &s->groups[s->index[i] - 1];
		if (g->hash == hash && g->num == num && g->len == len &&
		    (len == 0 || memcmp(s->pool + g->off, key, len) == 0))
			return s->index[i] - 1;
		i = (i + 1) % SMTPCODE_SCAN_INDEX;
	}
	if (s->ngroups == SMTPCODE_SCAN_GROUPS ||
	    s->pool_len + len > sizeof(s->pool))
		return -1;
	g = &s->groups[s->ngroups];
	g->num = num;
	g->count = 0;
	g->hash = hash;
	g->off = (unsigned)s->pool_len;
	g->len = (unsigned)len;
	g->texts = 0;
	memcpy(s->pool + s->pool_len, key, len);
	s->pool_len += len;
	s->index[i] = (unsigned short)(++s->ngroups);
	return (long)s->ngroups - 1;
}

/*
 * Count a masked text (len bytes) for group g, in a table like the
 * group table; a group's texts are chained through next, so that its
 * most frequent ones are found without a walk of the whole table.
 */
static void
count_text(struct smtpcode_scan *s, size_t group, const char *text,
    size_t len)
{
	struct smtpcode_scan_text *t;
	unsigned hash;
	size_t i;

	hash = (unsigned)(fnv(FNV_BASIS ^ group, text, len) >> 32);
	i = hash % SMTPCODE_TEXT_INDEX;
	while (s->text_index[i] != 0) {
		t = &s->text_table[s->text_index[i] - 1];
		if (t->hash == hash && t->group == group && t->len == len &&
		    memcmp(s->text_pool + t->off, text, len) == 0) {
			t->count++;
			return;
		}
		i = (i + 1) % SMTPCODE_TEXT_INDEX;
	}
	if (s->ntexts == SMTPCODE_SCAN_TEXTS ||
	    s->text_pool_len + len > sizeof(s->text_pool)) {
		s->texts_other++;
		return;
	}
	t = &s->text_table[s->ntexts];
	t->count = 1;
	t->group = (unsigned)group;
	t->hash = hash;
	t->off = (unsigned)s->text_pool_len;
	t->len = (unsigned)len;
	t->next = s->groups[group].texts;
	memcpy(s->text_pool + s->text_pool_len, text, len);
	s->text_pool_len += len;
	s->text_index[i] = (unsigned short)(++s->ntexts);
	s->groups[group].texts = (unsigned)s->ntexts;
}

/* Append a string key's value and its NUL to key (*len bytes so far). */
static void
key_part(char *key, size_t *len, const char *v, size_t n)
{
	if (n > GROUP_KEY_MAX / 3 - 1)
		n = GROUP_KEY_MAX / 3 - 1;
	memcpy(key + *len, v, n);
	*len += n;
	key[(*len)++] = '\0';
}

/*
 * The string key of a count: the recipient's domain and address and
 * the relay, those the grouping keys on, in that order.
 */
static size_t
string_key(const struct smtpcode_scan *s, char *key, const char *a,
    size_t alen, const char *relay)
{
	const char *at;
	size_t len;

	len = 0;
	if (s->keyset & KEY_BIT(SMTPCODE_KEY_DOMAIN)) {
		at = alen > 0 ? memchr(a, '@', alen) : NULL;
		while (at != NULL && memchr(at + 1, '@',
		    alen - (size_t)(at + 1 - a)) != NULL)
			at = memchr(at + 1, '@', alen - (size_t)(at + 1 - a));
		if (at != NULL)
			key_part(key, &len, at + 1, alen - (size_t)(at + 1 -
			    a));
		else
			key_part(key, &len, "", 0);
	}
	if (s->keyset & KEY_BIT(SMTPCODE_KEY_RECIPIENT))
		key_part(key, &len, a, alen);
	/* Postfix's "relay=none": no server was reached, so none. */
	if (s->keyset & KEY_BIT(SMTPCODE_KEY_RELAY))
		key_part(key, &len, relay, strcmp(relay, "none") == 0 ? 0 :
		    strlen(relay));
	return len;
}

/* Count once in the group (num, key), or in the other row. */
static void
count_in(struct smtpcode_scan *s, unsigned long long num, const char *key,
    size_t len, const char *masked, size_t masked_len)
{
	long g;

	if ((g = find_group(s, num, key, len)) == -1) {
		s->other++;
		return;
	}
	s->groups[g].count++;
	if (s->texts > 0 && masked_len > 0)
		count_text(s, (size_t)g, masked, masked_len);
}

/*
 * Count one reply of direction d, from relay (the remote host, "" when
 * unknown): once in its group, or, grouped by recipient or domain, once
 * for each of its recipients (once if it names none; a DSN block's
 * Final- and Original-Recipient name one, counted by the first).
 */
static void
count(struct smtpcode_scan *s, const struct smtpcode_reply *r,
    const struct smtpcode_meaning *mn, enum smtpcode_direction d,
    const char *relay)
{
	char key[GROUP_KEY_MAX], masked[SMTPCODE_MASKED_MAX];
	const char *list, *comma;
	unsigned long long num;
	size_t len, n, mlen;

	s->replies++;
	s->class_totals[class_of(r)]++;
	num = pack(s, r, mn, d);
	mlen = s->texts > 0 ? smtpcode_mask(masked, sizeof(masked), r->text,
	    r->text_len) : 0;
	if (!s->by_recipient || r->recipients_len == 0) {
		len = (s->keyset & STRING_KEYS) != 0 ? string_key(s, key, "",
		    0, relay) : 0;
		count_in(s, num, key, len, masked, mlen);
		return;
	}
	list = r->recipients;
	n = r->recipients_len;
	/* One recipient under two names counts once, by its first. */
	if (r->recipients_one && (comma = memchr(list, ',', n)) != NULL)
		n = (size_t)(comma - list);
	for (; n > 0; n -= (size_t)(comma - list) + 1,
	    list = comma + 1) {
		if ((comma = memchr(list, ',', n)) == NULL)
			comma = list + n;
		len = string_key(s, key, list, (size_t)(comma - list), relay);
		count_in(s, num, key, len, masked, mlen);
		if (comma == list + n)
			break;
	}
}

/*
 * Whether a bounce has counted this reply for these recipients before:
 * a report that gives its failures twice (Mail.Ru's, in Russian and in
 * English) counts each recipient once.  The first SMTPCODE_SCAN_HELD of
 * a message are remembered; a reply with no recipient is always new.
 */
static int
counted_before(struct smtpcode_scan *s, const struct smtpcode_reply *r)
{
	unsigned long long h;
	size_t i;

	if (!s->in_bounce || r->recipients_len == 0)
		return 0;
	h = fnv(FNV_BASIS, r->recipients, r->recipients_len);
	h = fnv(h, (const char *)&r->code, sizeof(r->code));
	if (r->has_status)
		h = fnv(h, (const char *)&r->status, sizeof(r->status));
	for (i = 0; i < s->ncounted; i++)
		if (s->counted[i] == h)
			return 1;
	if (s->ncounted < SMTPCODE_SCAN_HELD)
		s->counted[s->ncounted++] = h;
	return 0;
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

/*
 * Count a reply that passed the filters: its meaning (a success needs
 * no reason, so it is left unread) and its group; its recipients go on
 * the list (--recipients).
 */
static void
count_reply_now(struct smtpcode_scan *s, const struct smtpcode_reply *r,
    const struct smtpcode_meaning *mn, enum smtpcode_direction d,
    const char *relay)
{
	if (counted_before(s, r))
		return;
	count(s, r, mn, d, relay);
	if (s->recipients != NULL)
		list_recipients(s, r->recipients, r->recipients_len);
	if (s->each != NULL)
		s->each(s->each_arg, r);
}

/* What a reply means, as the tally needs it. */
static void
meaning(struct smtpcode_scan *s, const struct smtpcode_reply *r,
    struct smtpcode_meaning *mn)
{
	int acts;

	acts = class_of(r);
	if (acts == 2 || acts == 3) {
		memset(mn, 0, sizeof(*mn));
		mn->verdict = acts == 2 ? SMTPCODE_VERDICT_DELIVERED :
		    SMTPCODE_VERDICT_CONTINUE;
	} else
		smtpcode_meaning_of(&s->memo, r, mn);
}

/* Count the replies held back from a report's human part. */
static void
commit_held(struct smtpcode_scan *s)
{
	struct smtpcode_meaning mn;
	size_t i;

	for (i = 0; i < s->nheld; i++) {
		meaning(s, &s->held[i].reply, &mn);
		count_reply_now(s, &s->held[i].reply, &mn,
		    s->held[i].direction, s->held[i].relay);
	}
	s->nheld = s->nhuman = 0;
}

/*
 * Count one reply, of direction d; or, in a report's human part, hold
 * it until the report's DSN part shows whether its recipients are
 * counted there.  A human part with more replies than can be held is
 * counted as it comes, and no longer held.  A reply that the filters
 * (--verdict, --class, --direction) leave out is not counted.
 */
static void
tally(struct smtpcode_scan *s, const struct smtpcode_reply *r,
    enum smtpcode_direction d)
{
	struct smtpcode_meaning mn;
	struct smtpcode_scan_held *h;
	char relay[SMTPCODE_HOST_SIZE];

	if ((s->class_digit != 0 && class_of(r) != s->class_digit) ||
	    (s->direction >= 0 && (int)d != s->direction))
		return;
	meaning(s, r, &mn);
	if (s->verdict >= 0 && (int)mn.verdict != s->verdict)
		return;
	relay[0] = '\0';
	/* The remote host: the client an inbound reply refused. */
	if (s->keyset & KEY_BIT(SMTPCODE_KEY_RELAY)) {
		if (d == SMTPCODE_DIRECTION_IN)
			smtpcode_reply_client(r, relay, sizeof(relay));
		else
			smtpcode_reply_host(r, relay, sizeof(relay));
	}
	if (s->in_report && s->nheld == SMTPCODE_SCAN_HELD) {
		commit_held(s);
		s->in_report = 0;
	}
	if (s->in_report) {
		h = &s->held[s->nheld++];
		h->reply = *r;
		/* Its line lies in a buffer that the next read reuses. */
		if (s->each == NULL)
			h->reply.line = NULL;
		h->direction = d;
		memcpy(h->relay, relay, sizeof(relay));
		return;
	}
	count_reply_now(s, r, &mn, d, relay);
}

static int
starts_with(const char *line, size_t len, const char *word)
{
	size_t n;

	n = strlen(word);
	return len >= n && strncasecmp(line, word, n) == 0;
}

/* Whether word occurs in line (len bytes), in any case. */
static int
has_word(const char *line, size_t len, const char *word)
{
	size_t i, n;

	n = strlen(word);
	for (i = 0; i + n <= len; i++)
		if (strncasecmp(line + i, word, n) == 0)
			return 1;
	return 0;
}

/* The length of the first of n words that line starts with, or 0. */
static size_t
word_of(const char *line, size_t len, const char *const *words, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (starts_with(line, len, words[i]))
			return strlen(words[i]);
	return 0;
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

/*
 * Whether replies' recipients are read: for the keys and the list that
 * need them, and in a bounce always, where a recipient counts once.
 * The paragraph's address that they may come from is kept in any case,
 * so that a scan counts as "smtpcode -" does, which reads them all.
 */
static int
reads_recipients(const struct smtpcode_scan *s)
{
	return s->want_recipients || s->in_bounce;
}

/* Reverse the n bytes at p. */
static void
reverse(char *p, size_t n)
{
	char c;
	size_t i;

	for (i = 0; i < n / 2; i++) {
		c = p[i];
		p[i] = p[n - 1 - i];
		p[n - 1 - i] = c;
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
 * A DSN block with a Status: and no Diagnostic-Code: the reply of the
 * same class that the report's human part gave the block's recipient
 * ("<bob@example.org>: 550 user unknown"), with the Status's enhanced
 * code if it has none; else the Status alone.  A human reply is taken
 * once.
 */
static void
tally_status(struct smtpcode_scan *s)
{
	struct smtpcode_reply *h;
	size_t i;

	for (i = 0; i < s->nhuman && s->block_rcpt_len > 0; i++) {
		h = &s->held[i].reply;
		if (h->code / 100 != s->status.status.class_digit ||
		    !listed(h->recipients, h->recipients_len, s->block_rcpt,
		    s->block_rcpt_len))
			continue;
		if (!h->has_status) {
			h->has_status = 1;
			h->status = s->status.status;
		}
		h->action = s->status.action;
		tally(s, h, s->status_dir);
		h->recipients_len = 0;
		return;
	}
	tally(s, &s->status, s->status_dir);
}

/*
 * A message starts: what was kept of the one before, to count its
 * recipients once and to pass over its HTML alternative, is forgotten.
 */
static void
new_message(struct smtpcode_scan *s)
{
	s->ncounted = 0;
	s->text_part = s->skip_html = 0;
	s->html_next = s->in_html = 0;
}

/* Count what a finished stretch held back: a "550-" reply, a Status. */
static void
flush_pending(struct smtpcode_scan *s)
{
	if (s->continued || s->held_plain) {
		tally(s, &s->pending, s->pending_dir);
		s->continued = s->held_plain = 0;
	}
	if (s->dsn_status && !s->dsn_diagnostic)
		tally_status(s);
	s->dsn_status = s->dsn_diagnostic = 0;
	s->block_rcpt_len = 0;
	s->block_action = SMTPCODE_ACTION_NONE;
}

/*
 * The input is a bounce from here on.  What was held back from before
 * (a "550-" reply, a Status) counts first, as no bounce's: the rule that
 * a bounce counts each recipient's reply once applies to what is read
 * in one, whose recipients a scan reads as "smtpcode -" does.
 */
static void
enter_bounce(struct smtpcode_scan *s)
{
	if (s->in_bounce)
		return;
	flush_pending(s);
	s->in_bounce = 1;
}

/* Hold r back as the pending reply, with its direction. */
static void
hold_pending(struct smtpcode_scan *s, const struct smtpcode_reply *r)
{
	s->pending = *r;
	s->pending_dir = s->dir;
	/* Its line lies in a buffer that the next read reuses. */
	if (s->each == NULL)
		s->pending.line = NULL;
}

/*
 * Whether r, an enhanced code alone of the same class, completes a
 * reply held without one: qmail's "(#5.5.0)" on the line after "...
 * said: 550 Unknown user", or a DSN block's Status: after its
 * Diagnostic-Code (Amazon SES and others write Status: last).
 */
static int
completes(const struct smtpcode_reply *held, const struct smtpcode_reply *r)
{
	if (r->code != 0 || !r->has_status ||
	    r->status.class_digit != held->code / 100)
		return 0;
	return r->source == SMTPCODE_SOURCE_QMAIL ||
	    (r->source == SMTPCODE_SOURCE_DSN_STATUS &&
	    held->source == SMTPCODE_SOURCE_DSN_DIAGNOSTIC);
}

/*
 * A Diagnostic-Code folded between its code and its enhanced code
 * ("Diagnostic-Code: smtp; 550" / "    5.3.5 <bob@...>... Internal
 * error", as a quoted-printable part breaks it): the folded line's
 * enhanced code completes the reply held without one.
 */
static void
complete_folded(struct smtpcode_scan *s, const char *line, size_t len)
{
	struct smtpcode_reply r;

	if (s->pending.source != SMTPCODE_SOURCE_DSN_DIAGNOSTIC ||
	    s->pending.has_status ||
	    smtpcode_reply_parse_line(line, len, &r) == 0)
		return;
	if (r.code == 0 && r.has_status &&
	    r.status.class_digit == s->pending.code / 100) {
		s->pending.has_status = 1;
		s->pending.status = r.status;
	}
}

/*
 * Whether r goes on the "550-..." reply held: the same code, and the
 * same form, or a line of its own ("550-5.1.1 ..." after qmail's
 * "Remote host said: 550-5.1.1 ...", which wraps no other line).
 */
static int
goes_on(const struct smtpcode_reply *held, const struct smtpcode_reply *r)
{
	return r->code == held->code && (r->source == held->source ||
	    r->source == SMTPCODE_SOURCE_REPLY);
}

/*
 * A reply held back as "550-..." goes on while lines go on it; else it
 * was cut off and counts alone.
 */
static void
count_reply(struct smtpcode_scan *s, struct smtpcode_reply *r)
{
	if (s->held_plain) {
		s->held_plain = 0;
		if (completes(&s->pending, r)) {
			s->pending.has_status = 1;
			s->pending.status = r->status;
			tally(s, &s->pending, s->pending_dir);
			return;
		}
		tally(s, &s->pending, s->pending_dir);
	}
	if (s->continued && !goes_on(&s->pending, r)) {
		tally(s, &s->pending, s->pending_dir);
		s->continued = 0;
	}
	if (r->incomplete) {
		if (!s->continued)
			hold_pending(s, r);
		s->continued = 1;
		return;
	}
	if (s->continued) {
		/* The first line's enhanced code stands for the reply. */
		tally(s, &s->pending, s->pending_dir);
		s->continued = 0;
		return;
	}
	if (r->source == SMTPCODE_SOURCE_DSN_STATUS) {
		/* One DSN block counts once: its Diagnostic-Code if any. */
		s->status = *r;
		s->status.line = NULL;
		s->status_dir = s->dir;
		s->dsn_status = 1;
		return;
	}
	/*
	 * Another field of a recipient's block that quotes the reply,
	 * Exchange 2003's "X-Supplementary-Info: <... smtp;550 5.1.1 ...>",
	 * is its Diagnostic-Code when it has none: the block counts once.
	 */
	if (s->block_rcpt_len > 0 &&
	    r->source != SMTPCODE_SOURCE_DSN_DIAGNOSTIC) {
		if (s->dsn_diagnostic)
			return;
		s->dsn_diagnostic = 1;
	}
	if (r->source == SMTPCODE_SOURCE_DSN_DIAGNOSTIC) {
		s->dsn_diagnostic = 1;
		/* "Diagnostic-Code: smtp; 550 : User unknown": Status's. */
		if (!r->has_status && s->dsn_status) {
			r->has_status = 1;
			r->status = s->status.status;
		}
	}
	/* A bounce's reply without an enhanced code: qmail's may follow. */
	if (s->in_bounce && r->code != 0 && !r->has_status) {
		hold_pending(s, r);
		s->held_plain = 1;
		return;
	}
	tally(s, r, s->dir);
}

/* Where a bounce's human part quotes a reply: see scan_line. */
enum quote {
	QUOTE_NONE,
	QUOTE_WAIT,	/* "<bob@example.org>: ... said:", the reply to come */
	QUOTE_IN	/* the reply found: its wrapped lines go on */
};

#define CONTENT_TYPE	"Content-Type:"
#define TRANSFER_ENCODING	"Content-Transfer-Encoding:"
#define MBOX_FROM	"From "

/* Whether a line starts a message of an mbox. */
static int
is_mbox_from(const char *line, size_t len)
{
	return len >= 5 && memcmp(line, MBOX_FROM, 5) == 0;
}

/*
 * The encodings decoded, by enum smtpcode_encoding: the name in
 * Content-Transfer-Encoding:, whether a line is one of such a body, and
 * the decoder of its lines (decode.c).
 */
static const struct encoding {
	const char	*name;
	int		(*in_body)(const char *, size_t);
	void		(*feed)(struct smtpcode_decoder *, const char *, size_t,
			    smtpcode_line_fn *, void *);
} encodings[] = {
	[SMTPCODE_ENCODING_NONE] = { "", NULL, NULL },
	[SMTPCODE_ENCODING_BASE64] = { "base64", smtpcode_b64_line,
	    smtpcode_b64_feed },
	[SMTPCODE_ENCODING_QP] = { "quoted-printable", smtpcode_qp_line,
	    smtpcode_qp_feed }
};

/* The encoding a Content-Transfer-Encoding: line names, if decoded. */
static enum smtpcode_encoding
encoding_named(const char *line, size_t len)
{
	size_t i;

	for (i = SMTPCODE_ENCODING_BASE64; i < sizeof(encodings) /
	    sizeof(encodings[0]); i++)
		if (has_word(line, len, encodings[i].name))
			return (enum smtpcode_encoding)i;
	return SMTPCODE_ENCODING_NONE;
}

/*
 * A MIME header that tells where a bounce is: a multipart/report opens
 * a report whose replies are held until its DSN part shows whether its
 * recipients are counted there; its message/delivery-status part
 * (message/global-delivery-status, RFC 6533) is that DSN part.
 */
/*
 * From here to the next message, the bounce quotes the message it
 * returns: what the human part and DSN part said is counted first.
 */
static void	end_para(struct smtpcode_scan *);

static void
enter_copy(struct smtpcode_scan *s)
{
	end_para(s);
	flush_pending(s);
	commit_held(s);
	s->in_report = 0;
	s->context_len = 0;
	s->in_copy = 1;
	s->in_html = 0;
}

/* The lines before a bounce's copy of the message, in its human part. */
static const char *const copy_markers[] = {
	"------ This is a copy of the message",	/* Exim */
	"--- Below this line is a copy of the message",	/* qmail */
	"Below is a copy of the original message",	/* OpenSMTPD */
	"--- The header of the original message is following",	/* GMX */
	"----- Original message -----",	/* Gmail's older notice */
	"----- Unsent message follows -----",	/* Sendmail without MIME */
	"----- Original message follows -----",	/* Sendmail's, too */
	"Message headers follow:"	/* MailEnable */
};

/*
 * Whether a line starts with a copy marker, in its case: Outlook's
 * "----- Original Message -----" before a message it forwards is not
 * Gmail's "----- Original message -----" before the copy it returns.
 */
static int
copy_marker(const char *line, size_t len)
{
	size_t i, n;

	for (i = 0; i < sizeof(copy_markers) / sizeof(copy_markers[0]); i++) {
		n = strlen(copy_markers[i]);
		if (len >= n && memcmp(line, copy_markers[i], n) == 0)
			return 1;
	}
	return 0;
}

static void
copy_begins(struct smtpcode_scan *s, const char *line, size_t len)
{
	if (!s->in_bounce)
		return;
	/* Sendmail indents its "   ----- Unsent message follows -----". */
	while (len > 0 && (*line == ' ' || *line == '\t')) {
		line++;
		len--;
	}
	if (copy_marker(line, len))
		enter_copy(s);
}

/*
 * The report's DSN part begins: it counts the recipients that the human
 * part's replies held were for, and a block of it may take one of them.
 */
static void
supersede_held(struct smtpcode_scan *s)
{
	s->nhuman = s->nheld;
	s->nheld = 0;
	s->in_report = 0;
}

/*
 * Whether a part's type is the copy of an international message (RFC
 * 6532): "message/global" or "message/global-headers", not the report's
 * "message/global-delivery-status".
 */
static int
is_global_copy(const char *type, size_t len)
{
	size_t n;

	n = sizeof("message/global") - 1;
	if (!starts_with(type, len, "message/global"))
		return 0;
	return n == len || type[n] == ';' || type[n] == ' ' ||
	    type[n] == '\r' || starts_with(type + n, len - n, "-headers");
}

static void
mime_part(struct smtpcode_scan *s, const char *line, size_t len)
{
	size_t n;
	int html;

	n = sizeof(CONTENT_TYPE) - 1;
	if (!starts_with(line, len, CONTENT_TYPE))
		return;
	while (n < len && (line[n] == ' ' || line[n] == '\t'))
		n++;
	/*
	 * A text/html part after a text/plain one is its alternative, the
	 * same report again: it is passed over, its replies not counted
	 * twice.  An HTML part alone is read.
	 */
	html = starts_with(line + n, len - n, "text/html");
	s->skip_html = s->text_part && html;
	/* An HTML part read is read as text, from its body on. */
	s->in_html = 0;
	s->html_next = html && !s->skip_html;
	if (starts_with(line + n, len - n, "text/plain"))
		s->text_part = 1;
	if (starts_with(line + n, len - n, "multipart/report")) {
		enter_bounce(s);
		flush_pending(s);
		s->context_len = 0;
		commit_held(s);
		s->in_report = 1;
	} else if (s->in_bounce && (starts_with(line + n, len - n,
	    "message/rfc822") || starts_with(line + n, len - n,
	    "text/rfc822-headers") || is_global_copy(line + n, len - n))) {
		/* The report's copy of the message, or of its headers. */
		enter_copy(s);
		/* A whole message may be a bounce itself, forwarded. */
		s->copy_headers = starts_with(line + n, len - n,
		    "text/rfc822-headers") ? 0 : 2;
	} else if (starts_with(line + n, len - n, "message/delivery-status") ||
	    starts_with(line + n, len - n, "message/global-delivery-status")) {
		/* The human part's replies are the recipients' below. */
		enter_bounce(s);
		flush_pending(s);
		supersede_held(s);
	}
}

/*
 * Swap the two items of list "a,b" (a being n bytes, b m), in place:
 * the whole reversed, then each item back, so that no buffer is needed.
 */
static void
swap_items(char *list, size_t n, size_t m)
{
	reverse(list, n + 1 + m);
	reverse(list, m);
	reverse(list + m + 1, n);
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
	enter_bounce(s);
	/*
	 * A report's DSN fields with no message/delivery-status header
	 * before them (Oracle Messaging Server, PMDF): its human part's
	 * replies are the recipients' here too, as at that header.
	 */
	if (s->in_report) {
		flush_pending(s);
		supersede_held(s);
	}
	/* The block's recipient: its final one, or failing it its first. */
	if (s->block_rcpt_len == 0 || starts_with(line, len,
	    "Final-Recipient:"))
		s->block_rcpt_len = smtpcode_line_recipients(line, len,
		    s->block_rcpt, sizeof(s->block_rcpt));
	if (!reads_recipients(s))
		return;
	/* An address the human part gave is no block's. */
	if (s->held_address) {
		s->held_address = 0;
		s->context_len = 0;
	}
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
	/* The Final-Recipient first, as it is the block's recipient. */
	if (n > 0 && s->context_len > n && starts_with(line, len,
	    "Final-Recipient:"))
		swap_items(s->context, n - 1, s->context_len - n);
}

/* The words of a DSN block's Action: that tell its verdict. */
static const struct {
	const char	*word;
	enum smtpcode_action action;
} action_words[] = {
	{ "failed", SMTPCODE_ACTION_FAILED },
	{ "delayed", SMTPCODE_ACTION_DELAYED }
};

#define DSN_ACTION	"Action:"

/* A DSN block's "Action: failed" or "Action: delayed", for its reply. */
static void
dsn_action(struct smtpcode_scan *s, const char *line, size_t len)
{
	size_t i, n;

	n = sizeof(DSN_ACTION) - 1;
	/* Exim writes it before the block's Final-Recipient. */
	if (!starts_with(line, len, DSN_ACTION))
		return;
	while (n < len && (line[n] == ' ' || line[n] == '\t'))
		n++;
	s->block_action = SMTPCODE_ACTION_NONE;
	for (i = 0; i < sizeof(action_words) / sizeof(action_words[0]); i++)
		if (starts_with(line + n, len - n, action_words[i].word))
			s->block_action = action_words[i].action;
}

/* Domino's line before the address, which a blank line follows. */
#define DOMINO_TO	"was not delivered to:"

/* The words before a report's recipient on its own line. */
static const char *const recipient_words[] = {
	"Failed to deliver to '",	/* CommuniGate Pro */
	"Recipient: [SMTP:",		/* MailEnable */
	"Failed Recipient: ",		/* SmarterMail */
	/* Microsoft 365's "Original message details": en, es, pt, de, fr. */
	"Recipient Address: ",
	"Direcci\xc3\xb3n del destinatario: ",
	"Endere\xc3\xa7o do destinat\xc3\xa1rio: ",
	"Empf\xc3\xa4ngeradresse: ",
	"Adresse du destinataire : "
};

/*
 * The sentences that name a report's recipient inside them, before the
 * address: Gmail's "Your message wasn't delivered to bob@example.org
 * because ...", Microsoft 365's "Your message to bob@example.org
 * couldn't be delivered.", others' "could not be delivered to"; and the
 * two providers' sentences in the languages they most often send them
 * in, as UTF-8.
 */
static const char *const recipient_phrases[] = {
	"wasn't delivered to ",
	"Your message to ",
	"could not be delivered to ",
	"couldn't be delivered to ",
	/* Gmail: es, pt, de, fr. */
	"No se ha entregado tu mensaje a ",
	"Sua mensagem n\xc3\xa3o foi entregue a ",
	"Ihre Nachricht wurde nicht an ",
	"Votre message n'a pas \xc3\xa9t\xc3\xa9 distribu\xc3\xa9 \xc3\xa0 ",
	/* Microsoft 365: es, pt, de, fr. */
	"Su mensaje para ",
	"Sua mensagem para ",
	"Ihre Nachricht an ",
	"Votre message \xc3\xa0 "
};

/*
 * Where the address that one of the phrases above leads to begins in
 * line (len bytes), its length in *n; NULL if none.
 */
static const char *
phrase_recipient(const char *line, size_t len, size_t *n)
{
	const char *p, *end;
	size_t i, k;

	end = line + len;
	for (i = 0; i < sizeof(recipient_phrases) /
	    sizeof(recipient_phrases[0]); i++) {
		k = strlen(recipient_phrases[i]);
		for (p = line; (size_t)(end - p) > k && (p = memchr(p,
		    recipient_phrases[i][0], (size_t)(end - p - k))) != NULL;
		    p++)
			if (memcmp(p, recipient_phrases[i], k) == 0) {
				p += k;
				for (*n = 0; p + *n < end && p[*n] != ' ' &&
				    p[*n] != '\t'; (*n)++)
					continue;
				return p;
			}
	}
	return NULL;
}

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
	const char *p, *q, *end;
	size_t n;

	/* What follows is a report's; a log line is none of it. */
	if (smtpcode_log_line(line, len))
		return;
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
	len = (size_t)(end - p);
	if (len >= sizeof(DOMINO_TO) - 1 && (*p | 0x20) == 'w' &&
	    strncasecmp(p, DOMINO_TO, sizeof(DOMINO_TO) - 1) == 0) {
		s->await_address = 1;
		return;
	}
	/*
	 * CommuniGate Pro's "Failed to deliver to '<bob@example.org>'",
	 * MailEnable's "Recipient: [SMTP:bob@example.org]".
	 */
	if ((n = word_of(p, len, recipient_words, sizeof(recipient_words) /
	    sizeof(recipient_words[0]))) > 0) {
		p += n;
		len -= n;
		while (len > 0 && (p[len - 1] == '\'' || p[len - 1] == ']' ||
		    p[len - 1] == '\r'))
			len--;
		s->context_len = smtpcode_line_recipients(p, len, s->context,
		    sizeof(s->context));
		s->held_address = s->context_len > 0;
		return;
	}
	/* Gmail's and Microsoft's sentence, kept as an address alone is. */
	if ((q = phrase_recipient(p, len, &n)) != NULL && (n =
	    smtpcode_line_recipients(q, n, s->context,
	    sizeof(s->context))) > 0) {
		s->context_len = n;
		s->held_address = 1;
		return;
	}
	/*
	 * Exchange's and others' address alone on the line before.  A log
	 * line has a blank near its start, so that is looked at first.
	 */
	if (smtpcode_line_rcpt_to(p, len) == NULL && (memchr(p, ' ', len) !=
	    NULL || memchr(p, '@', len) == NULL))
		return;
	/* Kept over blank lines until a reply: Gmail's older notice. */
	if ((n = smtpcode_line_recipients(p, len, s->context,
	    sizeof(s->context))) > 0) {
		s->context_len = n;
		s->held_address = 1;
	}
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
	r->recipients_one = 0;
	if (r->recipients_len == 0 && s->context_len > 0) {
		memcpy(r->recipients, s->context, s->context_len);
		r->recipients_len = s->context_len;
		/* A DSN block's addresses name its one recipient. */
		r->recipients_one = s->block_rcpt_len > 0;
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

/*
 * A Diagnostic-Code with no reply ("X-Notes; User bob (bob@...) not
 * listed in Domino Directory"), and its folded lines: the text of the
 * block's Status, which counts alone, so that its reason is read.
 */
static void
diagnostic_text(struct smtpcode_scan *s, const char *line, size_t len,
    int folded)
{
	const char *semi;

	if (!s->dsn_status || s->dsn_diagnostic)
		return;
	if (!folded && (semi = memchr(line, ';', len)) != NULL) {
		len -= (size_t)(semi + 1 - line);
		line = semi + 1;
	} else if (!folded)
		return;
	smtpcode_reply_append(&s->status, line, len);
}

/*
 * A line quoted as mail readers quote what they forward or answer,
 * "> " (or "> > "), is read as the line it quotes, a bounce forwarded
 * so being read as one; a line of ">" alone is a blank line.  Only a
 * '>' before a blank is a quote: mbox's ">From " and a transcript's
 * ">>> RCPT TO:" are lines of their own.
 */
static void
unquote(const char **line, size_t *len)
{
	while (*len >= 2 && (*line)[0] == '>' && (*line)[1] == ' ') {
		*line += 2;
		*len -= 2;
	}
	if (*len == 1 && (*line)[0] == '>')
		*len = 0;
}

static void
scan_content(struct smtpcode_scan *s, const char *line, size_t len,
    struct smtpcode_reply *r)
{
	int c, folded, quote, html;

	/*
	 * An HTML part's line is read as the text it shows, which lies in
	 * a buffer of the scan's (whatever its Content-Type: says of the
	 * lines after).
	 */
	if ((html = s->in_html) != 0) {
		len = smtpcode_html_text(&s->html, line, len, s->html_line,
		    sizeof(s->html_line));
		line = s->html_line;
	}
	unquote(&line, &len);
	r->source = SMTPCODE_SOURCE_NONE;
	c = len > 0 ? (unsigned char)line[0] : '\0';
	folded = 0;
	if (c == ' ' || c == '\t') {
		/* A folded Subject: repeats a reply the body gives. */
		if (s->in_subject)
			return;
		copy_begins(s, line, len);
		if (s->in_copy)
			return;
		folded = s->in_diagnostic || s->quote == QUOTE_IN;
	} else {
		end_para(s);
		s->in_diagnostic = 0;
		s->in_subject = 0;
		s->quote = QUOTE_NONE;
		switch (c) {
		case '<':
			/* "<bob@...>: ...", not a transcript's "<<< ". */
			if (len > 1 && line[1] != '<') {
				s->quote = QUOTE_WAIT;
				s->context_len = smtpcode_line_recipients(line,
				    len, s->context, sizeof(s->context));
			}
			break;
		case 'C':
		case 'c':
			mime_part(s, line, len);
			if (starts_with(line, len, TRANSFER_ENCODING))
				s->next_encoding = encoding_named(line, len);
			break;
		case '-':
		case 'B':
		case 'M':
			copy_begins(s, line, len);
			break;
		case 'S':
			/*
			 * A bounce's replies are all of our own mail.  Its
			 * Subject: may quote the reply of its body (Domino's
			 * "DELIVERY FAILURE: ... 550 5.1.1 ..."): not counted.
			 */
			if (starts_with(line, len, "Subject:")) {
				enter_bounce(s);
				s->in_subject = 1;
				return;
			}
			break;
		case 'D':
		case 'd':
			s->in_diagnostic = starts_with(line, len,
			    DSN_DIAGNOSTIC);
			break;
		case 'A':
		case 'a':
			dsn_action(s, line, len);
			break;
		case 'F':
			if (is_mbox_from(line, len)) {
				enter_bounce(s);
				flush_pending(s);
				commit_held(s);
				s->in_report = 0;
				s->context_len = 0;
				new_message(s);
				break;
			}
			/* FALLTHROUGH */
		case 'f':
		case 'O':
		case 'o':
			dsn_recipient(s, line, len);
			break;
		default:
			break;
		}
	}
	if (is_blank(line, len)) {
		/* An encoded part's headers end: its body follows. */
		if (s->next_encoding != SMTPCODE_ENCODING_NONE) {
			s->encoding = s->next_encoding;
			s->next_encoding = SMTPCODE_ENCODING_NONE;
			smtpcode_decode_start(&s->decoder);
		}
		if (s->html_next) {
			s->html_next = 0;
			s->in_html = 1;
			s->html.in_tag = 0;
		}
		s->quote = QUOTE_NONE;
		end_para(s);
		flush_pending(s);
		/* A DSN block or a bounce's paragraph ends here. */
		if (!s->held_address)
			s->context_len = 0;
		s->command = 0;
		return;
	}
	if (s->skip_html)
		return;
	if (folded && s->in_para && s->quote == QUOTE_IN)
		smtpcode_reply_append(&s->para, line, len);
	if (folded && s->held_plain && s->in_diagnostic)
		complete_folded(s, line, len);
	if (folded || smtpcode_reply_parse_line(line, len, r) == 0 ||
	    r->source == SMTPCODE_SOURCE_NONE) {
		r->source = SMTPCODE_SOURCE_NONE;
		if (s->in_diagnostic)
			diagnostic_text(s, line, len, folded);
		report_recipient(s, line, len);
		return;
	}
	/*
	 * A transcript's 503 ("Need RCPT (recipient)") answers a command
	 * sent after a refusal that the transcript gives before it: the
	 * session's consequence, no recipient's failure.
	 */
	if (s->in_bounce && r->source == SMTPCODE_SOURCE_TRANSCRIPT &&
	    r->code == 503) {
		r->source = SMTPCODE_SOURCE_NONE;
		return;
	}
	s->held_address = 0;
	/* A decoded line lies in the decoder's buffer, not the input. */
	if (s->decoding || html)
		r->line = NULL;
	/*
	 * A transcript's reply answers the client's line before; a reply
	 * on a line of its own, the command Exim's bounce named before it
	 * ("host mx.example.org [192.0.2.1]: 550 ..." too).
	 */
	if ((r->source == SMTPCODE_SOURCE_TRANSCRIPT ||
	    r->source == SMTPCODE_SOURCE_REPLY ||
	    r->source == SMTPCODE_SOURCE_TEXT) && r->command == 0)
		r->command = s->command;
	s->command = 0;
	if (reads_recipients(s))
		reply_recipients(s, line, len, r);
	/* A DSN block's reply: what the reporting server did with it. */
	r->action = s->block_rcpt_len > 0 ? s->block_action :
	    SMTPCODE_ACTION_NONE;
	s->dir = s->want_direction ? smtpcode_direction(r->source, line, len,
	    s->in_bounce) : SMTPCODE_DIRECTION_NONE;
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

/* Whether a line is one of the encoded body being read. */
static int
decodes(const struct smtpcode_scan *s, const char *line, size_t len)
{
	return s->encoding != SMTPCODE_ENCODING_NONE &&
	    encodings[s->encoding].in_body(line, len);
}

static void	annotate(struct smtpcode_scan *, const struct smtpcode_reply *);

/*
 * Whether a line of a message/rfc822 part shows it to be a bounce of
 * its own, as when a user forwards one as an attachment: a report's
 * Content-Type, or a From: of a mailer daemon, in the attached message's
 * headers (the part's headers, then its own: two blank lines).  Such a
 * message is read, not passed over as a returned copy.
 */
static int
attached_bounce(struct smtpcode_scan *s, const char *line, size_t len)
{
	if (s->copy_headers == 0)
		return 0;
	if (is_blank(line, len)) {
		s->copy_headers--;
		return 0;
	}
	if (s->copy_headers != 1)
		return 0;
	if (starts_with(line, len, CONTENT_TYPE))
		return has_word(line, len, "multipart/report");
	return starts_with(line, len, "From:") &&
	    (has_word(line, len, "MAILER-DAEMON") ||
	    has_word(line, len, "Mail Delivery"));
}

/*
 * A line that a body decodes to, scanned as the input's are; with
 * --annotate, its reply is noted at once, after the encoded line that
 * is already copied.
 */
static void
scan_decoded(void *arg, const char *line, size_t len)
{
	struct smtpcode_scan *s;

	s = arg;
	s->decoding = 1;
	scan_content(s, line, len, &s->reply);
	s->decoding = 0;
	if (s->annotate != NULL && s->note != NULL &&
	    s->reply.source != SMTPCODE_SOURCE_NONE)
		annotate(s, &s->reply);
}

/* An encoded body ends: its last line is scanned. */
static void
end_decoding(struct smtpcode_scan *s)
{
	if (s->encoding == SMTPCODE_ENCODING_NONE)
		return;
	s->encoding = SMTPCODE_ENCODING_NONE;
	smtpcode_decode_end(&s->decoder, scan_decoded, s);
}

/*
 * One line of the input: counted, then scanned; a base64 or quoted-
 * printable body's line is decoded and its text scanned instead.
 */
static void
scan_line(struct smtpcode_scan *s, const char *line, size_t len,
    struct smtpcode_reply *r)
{
	s->lines++;
	r->source = SMTPCODE_SOURCE_NONE;
	/* A bounce's copy of the message holds no reply of its own. */
	if (s->in_copy) {
		if (!attached_bounce(s, line, len) && !is_mbox_from(line, len))
			return;
		s->in_copy = s->copy_headers = 0;
		new_message(s);
	}
	if (decodes(s, line, len)) {
		encodings[s->encoding].feed(&s->decoder, line, len,
		    scan_decoded, s);
		/* Its replies, if any, were noted as they were found. */
		r->source = SMTPCODE_SOURCE_NONE;
		return;
	}
	end_decoding(s);
	scan_content(s, line, len, r);
}

/*
 * After a reply's line in --annotate's copy: the note is the caller's
 * to write (smtpcode_scan_note), the input side only hands the reply on.
 */
static void
annotate(struct smtpcode_scan *s, const struct smtpcode_reply *r)
{
	if (s->note != NULL)
		s->note(s->note_arg, r);
}

/* A whole line: scan it, and with --annotate copy it and explain it. */
static void
whole_line(struct smtpcode_scan *s, const char *line, size_t len,
    int newline)
{
	struct smtpcode_reply *r;

	r = &s->reply;
	/* An encoded line is copied first: its text's notes follow it. */
	if (s->annotate != NULL && newline && !s->in_copy &&
	    decodes(s, line, len)) {
		fwrite(line, 1, len, s->annotate);
		putc('\n', s->annotate);
		scan_line(s, line, len, r);
		return;
	}
	scan_line(s, line, len, r);
	if (s->annotate == NULL)
		return;
	fwrite(line, 1, len, s->annotate);
	if (newline)
		putc('\n', s->annotate);
	if (r->source == SMTPCODE_SOURCE_NONE || s->note == NULL)
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
	if (s->tail_len > 0 && (smtpcode_reply_parse_line(s->head, s->head_len,
	    r) == 0 || r->source == SMTPCODE_SOURCE_NONE))
		scan_line(s, s->tail, s->tail_len, r);
	else
		scan_line(s, s->head, s->head_len, r);
	s->head_len = s->tail_len = 0;
	s->in_long = 0;
	if (s->annotate == NULL)
		return;
	/* As for a whole line: a note needs the line ended first. */
	if (newline || (r->source != SMTPCODE_SOURCE_NONE && s->note != NULL))
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

/*
 * With --annotate's copy, call note(arg, reply) after each line that
 * holds a reply, once the line is out; NULL: no notes.
 */
void
smtpcode_scan_note(struct smtpcode_scan *s,
    void (*note)(void *, const struct smtpcode_reply *), void *arg)
{
	s->note = note;
	s->note_arg = arg;
}

/* Whether recipients are read: to list, to count by, or for each. */
static void
wanted(struct smtpcode_scan *s)
{
	s->want_recipients = s->recipients != NULL || s->by_recipient ||
	    s->each != NULL;
}

/* Call each(arg, reply) with every reply as it is counted, or stop. */
void
smtpcode_scan_each(struct smtpcode_scan *s,
    void (*each)(void *, const struct smtpcode_reply *), void *arg)
{
	s->each = each;
	s->each_arg = arg;
	wanted(s);
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
	end_decoding(s);
	s->next_encoding = SMTPCODE_ENCODING_NONE;
	end_para(s);
	flush_pending(s);
	s->in_diagnostic = 0;
	s->quote = QUOTE_NONE;
	s->context_len = 0;
	/* A report cut off before its DSN part: its human part counts. */
	commit_held(s);
	s->in_report = 0;
	s->in_bounce = 0;
	s->in_copy = 0;
	new_message(s);
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

/* The room a scan needs, for callers that see only the public header. */
size_t
smtpcode_scan_size(void)
{
	return sizeof(struct smtpcode_scan);
}

void
smtpcode_scan_init(struct smtpcode_scan *s, FILE *annotate_to)
{
	memset(s->index, 0, sizeof(s->index));
	memset(s->text_index, 0, sizeof(s->text_index));
	memset(&s->memo, 0, sizeof(s->memo));
	s->ngroups = s->pool_len = 0;
	s->ntexts = s->text_pool_len = 0;
	s->texts_other = 0;
	s->lines = s->replies = s->other = 0;
	memset(s->class_totals, 0, sizeof(s->class_totals));
	s->continued = s->held_plain = 0;
	s->dsn_status = s->dsn_diagnostic = 0;
	s->await_address = s->held_address = 0;
	s->in_para = 0;
	s->command = 0;
	s->in_diagnostic = s->in_long = s->in_subject = 0;
	s->in_report = s->quote = s->in_bounce = s->in_copy = 0;
	s->copy_headers = 0;
	s->dir = s->pending_dir = s->status_dir = SMTPCODE_DIRECTION_NONE;
	s->nheld = s->nhuman = s->block_rcpt_len = 0;
	s->block_action = SMTPCODE_ACTION_NONE;
	new_message(s);
	s->next_encoding = s->encoding = SMTPCODE_ENCODING_NONE;
	s->decoding = 0;
	s->head_len = s->tail_len = s->have = 0;
	s->annotate = annotate_to;
	s->decompress = NULL;
	s->nkeys = 0;
	s->keyset = 0;
	s->by_recipient = 0;
	s->verdict = -1;
	s->class_digit = 0;
	s->direction = -1;
	s->texts = 0;
	s->recipients = NULL;
	s->want_recipients = 0;
	s->want_direction = 1;
	s->each = NULL;
	s->each_arg = NULL;
	s->note = NULL;
	s->note_arg = NULL;
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
	wanted(s);
}

/*
 * Whether each reply's direction is worked out: the default rows and
 * --direction show it, and --by relay takes an inbound reply's client.
 */
static void
direction_wanted(struct smtpcode_scan *s)
{
	s->want_direction = s->direction >= 0 || s->keyset == 0 ||
	    (s->keyset & (KEY_BIT(SMTPCODE_KEY_DIRECTION) |
	    KEY_BIT(SMTPCODE_KEY_RELAY))) != 0;
}

/*
 * Count only the replies of one class (2 to 5; 0 for all) and one
 * direction (an enum smtpcode_direction; -1 for all), and keep the
 * texts most frequent in each group (texts > 0).
 */
void
smtpcode_scan_filter(struct smtpcode_scan *s, int class_digit,
    int direction, int texts)
{
	s->class_digit = class_digit;
	s->direction = direction;
	s->texts = texts;
	direction_wanted(s);
}

/*
 * Group by n keys, in the order given (the order of the columns); a
 * key given twice counts once.  Grouped by code alone, or by none, the
 * default rows are kept.  Return 0, or -1 if n is out of range.
 */
int
smtpcode_scan_group_by(struct smtpcode_scan *s,
    const enum smtpcode_scan_key *keys, int n)
{
	int i;

	if (n < 0 || n > SMTPCODE_NKEYS)
		return -1;
	s->nkeys = 0;
	s->keyset = 0;
	for (i = 0; i < n; i++) {
		if (s->keyset & KEY_BIT(keys[i]))
			continue;
		s->keyset |= KEY_BIT(keys[i]);
		s->keys[s->nkeys++] = keys[i];
	}
	if (s->keyset == KEY_BIT(SMTPCODE_KEY_CODE)) {
		s->keyset = 0;
		s->nkeys = 0;
	}
	s->by_recipient = (s->keyset & (KEY_BIT(SMTPCODE_KEY_DOMAIN) |
	    KEY_BIT(SMTPCODE_KEY_RECIPIENT))) != 0;
	wanted(s);
	direction_wanted(s);
	return 0;
}

void
smtpcode_recipients_init(struct smtpcode_recipients *set)
{
	memset(set->slots, 0, sizeof(set->slots));
	set->count = set->pool_len = 0;
	set->more = 0;
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
	h = fnv(FNV_BASIS, a, len);
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

/* Groups by count, highest first, then by key. */
static int
before(const struct smtpcode_scan *s, size_t a, size_t b)
{
	const struct smtpcode_scan_group *x, *y;
	size_t n;
	int c;

	x = &s->groups[a];
	y = &s->groups[b];
	if (x->count != y->count)
		return x->count > y->count;
	if (x->num != y->num)
		return x->num < y->num;
	n = x->len < y->len ? x->len : y->len;
	if ((c = memcmp(s->pool + x->off, s->pool + y->off, n)) != 0)
		return c < 0;
	return x->len < y->len;
}

/*
 * The next string key of a group: the value at *at (a NUL ends it) and
 * its length; *at moves past it.
 */
static const char *
key_value(const struct smtpcode_scan *s, size_t *at, size_t *len)
{
	const char *v;

	v = s->pool + *at;
	*len = strlen(v);
	*at += *len + 1;
	return v;
}

/* A group as a row: its numeric key unpacked, its strings found. */
static void
group_row(const struct smtpcode_scan *s, size_t g,
    struct smtpcode_scan_row *row)
{
	size_t at;

	memset(row, 0, sizeof(*row));
	row->key = s->groups[g].num;
	row->count = s->groups[g].count;
	row->group = g;
	unpack(row->key, row);
	row->code_keyed = (keys_of(s) & KEY_BIT(SMTPCODE_KEY_CODE)) != 0;
	row->verdict_keyed = (keys_of(s) & KEY_VERDICT) != 0;
	row->direction_keyed = (keys_of(s) &
	    KEY_BIT(SMTPCODE_KEY_DIRECTION)) != 0;
	row->domain = row->recipient = row->relay = "";
	at = s->groups[g].off;
	if (s->keyset & KEY_BIT(SMTPCODE_KEY_DOMAIN))
		row->domain = key_value(s, &at, &row->domain_len);
	if (s->keyset & KEY_BIT(SMTPCODE_KEY_RECIPIENT))
		row->recipient = key_value(s, &at, &row->recipient_len);
	if (s->keyset & KEY_BIT(SMTPCODE_KEY_RELAY))
		row->relay = key_value(s, &at, &row->relay_len);
}

/*
 * Gather the tally's rows into rows (SMTPCODE_SCAN_GROUPS of them at
 * most), most frequent first; return how many.  The groups' order is
 * sorted first, by a Shell sort of their indexes, which moves no rows.
 */
size_t
smtpcode_scan_rows(const struct smtpcode_scan *s,
    struct smtpcode_scan_row *rows)
{
	static const size_t gaps[] = { 1750, 701, 301, 132, 57, 23, 10, 4,
	    1 };
	unsigned short order[SMTPCODE_SCAN_GROUPS];
	size_t i, j, k, gap, n;
	unsigned short v;

	n = s->ngroups;
	for (i = 0; i < n; i++)
		order[i] = (unsigned short)i;
	for (k = 0; k < sizeof(gaps) / sizeof(gaps[0]); k++) {
		gap = gaps[k];
		for (i = gap; i < n; i++) {
			v = order[i];
			for (j = i; j >= gap && before(s, v, order[j - gap]);
			    j -= gap)
				order[j] = order[j - gap];
			order[j] = v;
		}
	}
	for (i = 0; i < n; i++)
		group_row(s, order[i], &rows[i]);
	return n;
}

/* The row of what found the group table full: its key is "other". */
void
smtpcode_scan_other_row(const struct smtpcode_scan *s,
    struct smtpcode_scan_row *row)
{
	memset(row, 0, sizeof(*row));
	row->other = 1;
	row->count = s->other;
	row->domain = row->recipient = row->relay = "";
}

/* Texts by count, highest first, then the first seen (lower index). */
static int
text_before(const struct smtpcode_scan *s, unsigned a, unsigned b)
{
	if (s->text_table[a].count != s->text_table[b].count)
		return s->text_table[a].count > s->text_table[b].count;
	return a < b;
}

/*
 * The --texts of a row's group: its most frequent masked texts, at most
 * s->texts, a line each, "COUNT TEXT", most frequent first (ties: the
 * first seen), written into buf (size bytes, NUL-terminated; a text
 * that does not fit ends the list); return the length.
 */
size_t
smtpcode_scan_texts(const struct smtpcode_scan *s, size_t group, char *buf,
    size_t size)
{
	unsigned order[SMTPCODE_SCAN_TEXTS], i, v;
	const struct smtpcode_scan_text *t;
	size_t used, k, j, m;
	int w;

	if (size == 0)
		return 0;
	buf[0] = '\0';
	if (group >= s->ngroups)
		return 0;
	m = 0;
	for (i = s->groups[group].texts; i != 0; i = s->text_table[i -
	    1].next)
		order[m++] = i - 1;
	used = 0;
	/* A selection sort of the first texts: there are few to show. */
	for (k = 0; k < m && k < (size_t)s->texts; k++) {
		for (j = k + 1; j < m; j++)
			if (text_before(s, order[j], order[k])) {
				v = order[k];
				order[k] = order[j];
				order[j] = v;
			}
		t = &s->text_table[order[k]];
		w = snprintf(buf + used, size - used, "%s%llu %.*s",
		    used > 0 ? "\n" : "", t->count, (int)t->len,
		    s->text_pool + t->off);
		if (w < 0 || (size_t)w >= size - used) {
			buf[used] = '\0';
			break;
		}
		used += (size_t)w;
	}
	return used;
}
