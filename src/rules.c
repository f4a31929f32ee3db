/* SPDX-License-Identifier: ISC */
/* rules.c -- what providers and reply texts say: tables and the matcher */

#include <string.h>

#include "rules.h"

static const struct smtpcode_reason reasons[] = {
#define REASON_ROW(id, name, bounce, meaning, fix) \
	{ id, name, bounce, meaning, fix },
#include "rules.inc"
#undef REASON_ROW
};

/* A code that gives a reason when the text gives none. */
struct code_reason {
	int	basic;		/* 550, or 0 */
	int	class_digit, subject, detail;	/* 5.1.1; class 0 for none */
	int	reason;
};

static const struct code_reason code_reasons[] = {
#define CODE_REASON_ROW(basic, class_digit, subject, detail, reason) \
	{ basic, class_digit, subject, detail, reason },
#include "rules.inc"
#undef CODE_REASON_ROW
};

static const struct smtpcode_provider providers[] = {
#define PROVIDER_ROW(id, name, hosts, source, checked) \
	{ id, name, hosts, source, checked },
#include "rules.inc"
#undef PROVIDER_ROW
};

/* A domain suffix of a provider's MX hosts. */
struct host {
	int		 provider;
	const char	*suffix;	/* "google.com" */
	size_t		 len;
};

static const struct host hosts[] = {
#define HOST_ROW(provider, suffix, len)	{ provider, suffix, len },
#include "rules.inc"
#undef HOST_ROW
};

static const struct smtpcode_blocklist blocklists[] = {
#define BLOCKLIST_ROW(id, name, delist, source, checked) \
	{ id, name, delist, source, checked },
#include "rules.inc"
#undef BLOCKLIST_ROW
};

static const struct smtpcode_rule rules[] = {
#define RULE_ROW(provider, class_digit, subject, lo, hi, basic, pattern, \
    alone, reason, verdict, meaning, fix, source, checked) \
	{ provider, class_digit, subject, lo, hi, basic, pattern, alone, \
	  reason, verdict, meaning, fix, source, checked },
#include "rules.inc"
#undef RULE_ROW
};

/*
 * Where the rules of each class and subject start (class * 8 +
 * subject; group 0 is the rules for any code), and where they end.
 */
static const unsigned short rule_groups[] = {
#define RULE_GROUP_ROW(first)	first,
#include "rules.inc"
#undef RULE_GROUP_ROW
};

/* A phrase, marker or rule phrase, and what finding it tells. */
struct pattern {
	unsigned short	 len;
	signed char	 reason;	/* reason index, or -1 */
	unsigned char	 rank;		/* 1 to 3 for a reason phrase */
	signed char	 provider;	/* provider index, or -1 */
	signed char	 blocklist;	/* blocklist index, or -1 */
};

static const struct pattern patterns[] = {
#define PATTERN_ROW(text, len, reason, rank, provider, blocklist) \
	{ len, reason, rank, provider, blocklist },
#include "rules.inc"
#undef PATTERN_ROW
};

/*
 * The automaton: from state s on a byte of class c it moves to
 * moves[s][c]; the patterns that end in a state, those of its failure
 * chain included, are outs[out, out + nout).
 */
struct state {
	unsigned short	 out;
	unsigned char	 nout;
};

static const struct state states[] = {
#define STATE_ROW(out, nout)	{ out, nout },
#include "rules.inc"
#undef STATE_ROW
};

static const unsigned short outs[] = {
#define OUT_ROW(pattern)	pattern,
#include "rules.inc"
#undef OUT_ROW
};

static const unsigned short moves[][MATCH_CLASSES] = {
#define MOVE_ROW(...)	{ __VA_ARGS__ },
#include "rules.inc"
#undef MOVE_ROW
};

/* The class of each byte, case and white space folded. */
static const unsigned char byte_class[256] = {
#define CLASS_ROW(c)	c,
#include "rules.inc"
#undef CLASS_ROW
};

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

_Static_assert(NELEM(rule_groups) == 49, "a rule group a class and subject");
_Static_assert(NELEM(states) < 65536 && NELEM(outs) < 65536 &&
    NELEM(moves) == NELEM(states), "the automaton outgrew its 16-bit "
    "indexes");
_Static_assert(NELEM(reasons) < 127 && NELEM(providers) < 128 &&
    NELEM(blocklists) < 128, "an index outgrew its signed char");

/*
 * smtpcode_reasons(), smtpcode_providers(), smtpcode_blocklists() and
 * smtpcode_rules(), of one shape: a table's rows, their count in *n.
 */
#define TABLE(type, name, table) \
	const type * \
	name(size_t *n) \
	{ \
		*n = NELEM(table); \
		return table; \
	}

TABLE(struct smtpcode_reason, smtpcode_reasons, reasons)
TABLE(struct smtpcode_provider, smtpcode_providers, providers)
TABLE(struct smtpcode_blocklist, smtpcode_blocklists, blocklists)
TABLE(struct smtpcode_rule, smtpcode_rules, rules)

#undef TABLE

/*
 * The reason a code gives on its own, the enhanced code's before the
 * basic code's (code 0 and st NULL for none), or NULL.
 */
const struct smtpcode_reason *
smtpcode_reason_of_codes(int code, const struct smtpcode_status *st)
{
	size_t i;

	for (i = 0; st != NULL && i < NELEM(code_reasons); i++)
		if (code_reasons[i].class_digit == st->class_digit &&
		    code_reasons[i].subject == st->subject &&
		    code_reasons[i].detail == st->detail)
			return &reasons[code_reasons[i].reason];
	for (i = 0; code != 0 && i < NELEM(code_reasons); i++)
		if (code_reasons[i].basic == code)
			return &reasons[code_reasons[i].reason];
	return NULL;
}

/*
 * The rules a reply with this enhanced code (NULL for none) can fit:
 * those for any code, in [*any, *any_end), and those of its class and
 * subject, in [*own, *own_end).
 */
void
rules_candidates(const struct smtpcode_status *st, size_t *any,
    size_t *any_end, size_t *own, size_t *own_end)
{
	size_t key;

	*any = rule_groups[0];
	*any_end = rule_groups[1];
	*own = *own_end = 0;
	if (st == NULL || st->class_digit < 0 || st->class_digit > 5 ||
	    st->subject < 0 || st->subject > 7)
		return;
	key = (size_t)st->class_digit * 8 + (size_t)st->subject;
	*own = rule_groups[key];
	*own_end = rule_groups[key + 1];
}

/* Whether a rule's code range holds the enhanced code. */
int
rules_rule_covers(const struct smtpcode_rule *rule,
    const struct smtpcode_status *st)
{
	return rule->class_digit != 0 && st != NULL &&
	    st->class_digit == rule->class_digit &&
	    st->subject == rule->subject && st->detail >= rule->detail_lo &&
	    st->detail <= rule->detail_hi;
}

/*
 * The provider whose MX hosts' domain ends host (len bytes): the host
 * is the domain or lies in it.  -1 if none.
 */
int
rules_provider_by_host(const char *host, size_t len)
{
	size_t i;

	for (i = 0; len > 0 && i < NELEM(hosts); i++)
		if (hosts[i].len <= len && host[len - 1] ==
		    hosts[i].suffix[hosts[i].len - 1] &&
		    memcmp(host + len - hosts[i].len, hosts[i].suffix,
		    hosts[i].len) == 0 && (hosts[i].len == len ||
		    host[len - hosts[i].len - 1] == '.'))
			return hosts[i].provider;
	return -1;
}

/*
 * Whether a provider's rule explains the enhanced code on its own: a
 * code only that provider sends, such as Microsoft's 5.7.606.
 */
int
smtpcode_provider_knows(const struct smtpcode_status *st)
{
	size_t i;

	for (i = 0; i < NELEM(rules); i++)
		if (rules[i].alone && rules[i].pattern < 0 &&
		    rules_rule_covers(&rules[i], st))
			return 1;
	return 0;
}

int
rules_seen(const struct match *m, int pattern)
{
	size_t i;

	for (i = 0; i < m->nfound; i++)
		if (m->found[i] == pattern)
			return 1;
	return 0;
}

static void
remember(struct match *m, int pattern)
{
	if (m->nfound < MATCH_FOUND_MAX && !rules_seen(m, pattern))
		m->found[m->nfound++] = (unsigned short)pattern;
}

/* Add what another pass found to m, whose own reason and marks win. */
void
rules_merge(struct match *m, const struct match *other)
{
	size_t i;

	for (i = 0; i < other->nfound; i++)
		remember(m, other->found[i]);
	if (m->provider < 0)
		m->provider = other->provider;
	if (m->blocklist < 0)
		m->blocklist = other->blocklist;
}

int
rules_pattern_reason(int pattern)
{
	return patterns[pattern].reason;
}



/* Whether a reason phrase found now beats the best so far. */
static int
better(const struct match *m, int p, size_t at)
{
	const struct pattern *best;

	if (m->reason_pattern < 0)
		return 1;
	best = &patterns[m->reason_pattern];
	if (patterns[p].rank != best->rank)
		return patterns[p].rank > best->rank;
	if (patterns[p].len != best->len)
		return patterns[p].len > best->len;
	return at < m->reason_at;
}

/* Note every pattern that ends at state st; k is the folded offset. */
static void
found(struct match *m, unsigned st, const size_t *where, size_t k,
    size_t end)
{
	const struct pattern *pat;
	size_t i, at;
	int p;

	for (i = 0; i < states[st].nout; i++) {
		p = outs[states[st].out + i];
		pat = &patterns[p];
		remember(m, p);
		at = where[(k + 1 - pat->len) % 64];
		if (pat->reason >= 0 && better(m, p, at)) {
			m->reason_pattern = p;
			m->reason_at = at;
			m->reason_len = end - at;
		}
		if (pat->provider >= 0 && m->provider < 0)
			m->provider = pat->provider;
		if (pat->blocklist >= 0 && m->blocklist < 0)
			m->blocklist = pat->blocklist;
	}
}

/*
 * Find every pattern in text in one pass, ignoring ASCII case, with a
 * run of white space read as one space and a space read before and
 * after the text, so that a phrase may start or end at a word's edge.
 * where[] keeps the text offset of the last 64 folded bytes, more than
 * the longest pattern, to say where the best reason's words start.
 */
void
rules_match(const char *text, size_t len, struct match *m)
{
	size_t where[64], i, k;
	unsigned st, c, prev, space;

	m->nfound = 0;
	m->reason_pattern = m->provider = m->blocklist = -1;
	m->reason_at = m->reason_len = 0;
	space = byte_class[' '];
	/* The text starts after a space, at offset 0 of where[]. */
	where[0] = 0;
	st = moves[0][space];
	prev = space;
	k = 1;
	for (i = 0; i <= len; i++) {
		c = i < len ? byte_class[(unsigned char)text[i]] : space;
		if (c == space && prev == space)
			continue;
		prev = c;
		where[k % 64] = i;
		st = moves[st][c];
		if (states[st].nout > 0)
			found(m, st, where, k, i < len ? i + 1 : len);
		k++;
	}
}
