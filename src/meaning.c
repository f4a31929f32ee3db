/* SPDX-License-Identifier: ISC */
/* meaning.c -- what a reply means: provider, reason, verdict by evidence */

#include <stdio.h>
#include <string.h>

#include "rules.h"

/* The reason a refusal of MAIL FROM gives when the text blames an address. */
#define SENDER_REJECTED	"sender-rejected"

static const struct smtpcode_reason *
reason_by_id(const char *id)
{
	const struct smtpcode_reason *reasons;
	size_t i, n;

	reasons = smtpcode_reasons(&n);
	for (i = 0; i < n; i++)
		if (strcmp(reasons[i].id, id) == 0)
			return &reasons[i];
	return NULL;
}

/*
 * Whether the reply's line may hold the reason outside the server's
 * text: a line with no text, or one whose MTA words its own verdict
 * ("stat=User unknown").  Postfix and Exim quote the server whole.
 */
static int
line_speaks(const struct smtpcode_reply *r)
{
	if (r->line == NULL)
		return 0;
	switch (r->source) {
	case SMTPCODE_SOURCE_SENDMAIL:
	case SMTPCODE_SOURCE_DSN_KEY:
	case SMTPCODE_SOURCE_TEXT:
	case SMTPCODE_SOURCE_QMAIL:
		return 1;
	case SMTPCODE_SOURCE_POSTFIX:
	case SMTPCODE_SOURCE_EXIM:
	case SMTPCODE_SOURCE_OPENSMTPD:
		return r->text_len == 0;
	default:
		return 0;
	}
}

/*
 * The words of the reply's line that may speak for it: from a log's
 * "dsn=" on, where Postfix and Sendmail put their own words ("stat=User
 * unknown", "status=deferred (connect to ...: Connection timed out)"),
 * else the whole line.  len 0 when the line does not speak.
 */
static const char *
line_words(const struct smtpcode_reply *r, size_t *len)
{
	const char *p, *end;

	*len = 0;
	if (!line_speaks(r))
		return NULL;
	end = r->line + r->line_len;
	for (p = r->line; (p = memchr(p, '=', (size_t)(end - p))) != NULL;
	    p++)
		if (p - r->line >= 3 && memcmp(p - 3, "dsn", 3) == 0) {
			*len = (size_t)(end - p);
			return p;
		}
	*len = r->line_len;
	return r->line;
}

/*
 * Match the reply's text; where the line speaks for the reply too (see
 * line_words), match those words as well, for what the server's text
 * lacks.  The text's reason wins; *words is the buffer the winning
 * reason was found in.
 */
static void
match_reply(const struct smtpcode_reply *r, struct match *m,
    const char **words)
{
	struct match line;
	const char *tail;
	size_t len;

	rules_match(r->text, r->text_len, m);
	*words = r->text;
	/* A success needs no reason; a text that gave one needs no more. */
	if (m->reason_pattern >= 0 || r->code / 100 == 2 ||
	    (r->code == 0 && r->has_status && r->status.class_digit == 2) ||
	    (tail = line_words(r, &len)) == NULL)
		return;
	rules_match(tail, len, &line);
	rules_merge(m, &line);
	if (line.reason_pattern >= 0) {
		m->reason_pattern = line.reason_pattern;
		m->reason_at = line.reason_at;
		m->reason_len = line.reason_len;
		*words = tail;
	}
}

/* How specific a rule is: a phrase beats a code, a code beats a basic. */
static int
rule_score(const struct smtpcode_rule *rule)
{
	return (rule->pattern >= 0) * 4 + (rule->class_digit != 0) * 2 +
	    (rule->basic != 0);
}

/* Whether rule fits the reply, given the provider known so far (-1). */
static int
rule_fits(const struct smtpcode_rule *rule, const struct smtpcode_reply *r,
    const struct match *m, int provider)
{
	if (rule->pattern >= 0 && !rules_seen(m, rule->pattern))
		return 0;
	if (rule->class_digit != 0 && (!r->has_status ||
	    rule->subject != r->status.subject ||
	    rule->class_digit != r->status.class_digit ||
	    r->status.detail < rule->detail_lo ||
	    r->status.detail > rule->detail_hi))
		return 0;
	if (rule->provider != provider && !rule->alone)
		return 0;
	return rule->basic == 0 || rule->basic == r->code;
}

/* The better of best and rule, if rule fits the reply. */
static const struct smtpcode_rule *
better_rule(const struct smtpcode_rule *best, const struct smtpcode_rule *rule,
    const struct smtpcode_reply *r, const struct match *m, int provider)
{
	if (!rule_fits(rule, r, m, provider))
		return best;
	if (best == NULL || rule_score(rule) > rule_score(best) ||
	    (rule_score(rule) == rule_score(best) && rule < best))
		return rule;
	return best;
}

/*
 * The most specific rule that fits the reply, or NULL; of equals, the
 * first in data/rules.tsv's order within its group.  Only the rules
 * for any code and those of the reply's class and subject can fit, and
 * the former need a phrase the text holds.
 */
static const struct smtpcode_rule *
best_rule(const struct smtpcode_reply *r, const struct match *m,
    int provider)
{
	const struct smtpcode_rule *rules, *best;
	size_t i, n, any, any_end, own, own_end;

	rules = smtpcode_rules(&n);
	rules_candidates(r->has_status ? &r->status : NULL, &any, &any_end,
	    &own, &own_end);
	best = NULL;
	for (i = any; m->nfound > 0 && i < any_end; i++)
		best = better_rule(best, &rules[i], r, m, provider);
	for (i = own; i < own_end; i++)
		best = better_rule(best, &rules[i], r, m, provider);
	return best;
}

/* The verdict of a permanent failure from the codes alone. */
static void
judge_by_codes(struct smtpcode_meaning *mn, const struct smtpcode_entry *basic,
    const struct smtpcode_entry *enh)
{
	const struct smtpcode_entry *by;

	if (basic != NULL && smtpcode_code_is_sharp(basic->code)) {
		mn->verdict = SMTPCODE_VERDICT_HARD;
		mn->evidence = SMTPCODE_BY_BASIC_SHARP;
		return;
	}
	/* A 4.x.x under a 5xx calls the condition passing: soft. */
	by = smtpcode_verdict_by(basic, enh);
	if (enh != NULL && by == enh) {
		mn->verdict = enh->class_digit == 5 &&
		    enh->bounce == SMTPCODE_BOUNCE_HARD ?
		    SMTPCODE_VERDICT_HARD : SMTPCODE_VERDICT_SOFT;
		mn->evidence = SMTPCODE_BY_ENHANCED;
		return;
	}
	mn->verdict = basic != NULL && basic->bounce == SMTPCODE_BOUNCE_HARD ?
	    SMTPCODE_VERDICT_HARD : SMTPCODE_VERDICT_SOFT;
	mn->evidence = SMTPCODE_BY_BASIC;
}

/*
 * A permanent failure is weighed in order: a provider's rule (whose
 * "retry" is a soft bounce here), then a reason in the text, then the
 * codes.  The stage then adjusts it: a refusal of MAIL FROM is about
 * the sender, so never hard; one at any stage but RCPT TO that only the
 * codes call hard is about the session or the message, not the address.  521 and 556 say the whole domain
 * takes no mail, whatever the stage.
 */
static void
judge_permanent(struct smtpcode_meaning *mn, const struct smtpcode_reply *r,
    const struct smtpcode_entry *basic, const struct smtpcode_entry *enh)
{
	if (mn->rule != NULL && mn->rule->verdict >= 0) {
		mn->verdict = (enum smtpcode_verdict)mn->rule->verdict;
		mn->evidence = SMTPCODE_BY_PROVIDER;
		/*
		 * A rule for a deferral ("451 4.4.316"), under a 5xx that
		 * gave up on it ("550 4.4.316"): the message is bounced, the
		 * condition passes, so the bounce is soft.
		 */
		if (mn->verdict == SMTPCODE_VERDICT_RETRY)
			mn->verdict = SMTPCODE_VERDICT_SOFT;
	} else if (mn->reason != NULL) {
		mn->verdict = mn->reason->bounce == SMTPCODE_BOUNCE_HARD ?
		    SMTPCODE_VERDICT_HARD : SMTPCODE_VERDICT_SOFT;
		mn->evidence = mn->words_len > 0 ? SMTPCODE_BY_TEXT :
		    SMTPCODE_BY_PROVIDER;
	} else
		judge_by_codes(mn, basic, enh);
	if (mn->verdict != SMTPCODE_VERDICT_HARD || r->command == 0 ||
	    r->command == SMTPCODE_STAGE_RCPT)
		return;
	if (r->command == SMTPCODE_STAGE_MAIL ||
	    mn->evidence == SMTPCODE_BY_ENHANCED ||
	    mn->evidence == SMTPCODE_BY_BASIC) {
		mn->verdict = SMTPCODE_VERDICT_SOFT;
		mn->stage = r->command;
	}
}

/*
 * What each Action: that decides a verdict says: as "Decided by", and
 * as the advice that comes first, since the codes' own assumes their
 * class's outcome.
 */
static const struct {
	const char	*decided;
	const char	*advice;
} action_texts[] = {
	[SMTPCODE_ACTION_NONE] = { "", "" },
	[SMTPCODE_ACTION_FAILED] = { "Action: failed (the reporting server "
	    "gave the message up)", "The reporting server gave the message "
	    "up after its retries: nothing is queued any more; once the cause "
	    "is fixed, the sender must send it again." },
	[SMTPCODE_ACTION_DELAYED] = { "Action: delayed (the reporting server "
	    "keeps the message and tries again)", "The reporting server still "
	    "holds the message and keeps trying: nothing needs sending again "
	    "yet." }
};

/*
 * A DSN block's Action: says what the reporting server did with the
 * message, which is what its sender must act on: "delayed", it keeps
 * it and tries again, whatever the code (Postfix defers a 554 greeting);
 * "failed", it gave it up, so a 4xx there (a message expired after its
 * retries) is a bounce, and a soft one: the condition may pass.
 */
static void
judge_action(struct smtpcode_meaning *mn, const struct smtpcode_reply *r)
{
	if (r->action == SMTPCODE_ACTION_DELAYED && mn->class_digit >= 4 &&
	    mn->verdict != SMTPCODE_VERDICT_RETRY) {
		mn->verdict = SMTPCODE_VERDICT_RETRY;
		mn->evidence = SMTPCODE_BY_ACTION;
		mn->stage = 0;
	} else if (r->action == SMTPCODE_ACTION_FAILED &&
	    mn->verdict == SMTPCODE_VERDICT_RETRY) {
		mn->verdict = SMTPCODE_VERDICT_SOFT;
		mn->evidence = SMTPCODE_BY_ACTION;
	}
}

/*
 * Work out what a reply means: the provider (by the log's remote host,
 * else a marker in the text, else a code only it sends), the rule of
 * that provider that fits best, the reason (the rule's, else the text's
 * best phrase, else a blocklist the text names), and the verdict.  The
 * class the sending server acts on is the basic code's: a 451 with
 * 5.7.3 is retried.  basic or enhanced may be NULL, not both.
 */
void
smtpcode_understand(const struct smtpcode_reply *r,
    const struct smtpcode_entry *basic, const struct smtpcode_entry *enh,
    struct smtpcode_meaning *mn)
{
	const struct smtpcode_reason *reasons;
	const struct smtpcode_provider *providers;
	const struct smtpcode_blocklist *lists;
	struct match m;
	const char *words;
	size_t n;
	int provider;

	memset(mn, 0, sizeof(*mn));
	match_reply(r, &m, &words);
	providers = smtpcode_providers(&n);
	n = smtpcode_reply_host(r, mn->host, sizeof(mn->host));
	if ((provider = rules_provider_by_host(mn->host, n)) < 0)
		provider = m.provider;
	if ((mn->rule = best_rule(r, &m, provider)) != NULL)
		provider = mn->rule->provider;
	if (provider >= 0)
		mn->provider = &providers[provider];
	lists = smtpcode_blocklists(&n);
	if (m.blocklist >= 0)
		mn->blocklist = &lists[m.blocklist];
	reasons = smtpcode_reasons(&n);
	if (mn->rule != NULL && mn->rule->reason >= 0)
		mn->reason = &reasons[mn->rule->reason];
	else if (m.reason_pattern >= 0) {
		mn->reason = &reasons[rules_pattern_reason(m.reason_pattern)];
		mn->words = words + m.reason_at;
		mn->words_len = m.reason_len;
	}

	mn->class_digit = basic != NULL ? basic->class_digit :
	    enh->class_digit;
	mn->evidence = SMTPCODE_BY_CLASS;
	switch (mn->class_digit) {
	case 2:
		mn->verdict = SMTPCODE_VERDICT_DELIVERED;
		break;
	case 3:
		mn->verdict = SMTPCODE_VERDICT_CONTINUE;
		break;
	case 4:
		mn->verdict = SMTPCODE_VERDICT_RETRY;
		break;
	default:
		judge_permanent(mn, r, basic, enh);
		break;
	}
	judge_action(mn, r);
	/*
	 * With no reason in the text, the codes may name one; it explains
	 * the verdict the codes gave, so it comes after it.
	 */
	if (mn->reason == NULL) {
		mn->reason = smtpcode_reason_of_codes(r->code,
		    r->has_status ? &r->status : NULL);
		mn->reason_by_code = mn->reason != NULL;
	}
	/* At MAIL FROM the address refused is the sender's own. */
	if (r->command == SMTPCODE_STAGE_MAIL && mn->reason != NULL &&
	    mn->reason->bounce == SMTPCODE_BOUNCE_HARD)
		mn->reason = reason_by_id(SENDER_REJECTED);
}

/* The rule's code as a reader knows it: "5.7.606-649", or its phrase. */
static void
rule_label(char *buf, size_t size, const struct smtpcode_rule *rule,
    const struct smtpcode_reply *r)
{
	if (rule->class_digit != 0 && r->has_status)
		snprintf(buf, size, "%d.%d.%d", r->status.class_digit,
		    r->status.subject, r->status.detail);
	else if (rule->basic != 0)
		snprintf(buf, size, "%d", rule->basic);
	else
		snprintf(buf, size, "its marker");
}

/*
 * The words of the reply's text that showed the reason, each run of
 * white space written as one space and none at either end.  They match
 * a phrase of printable ASCII, so they are safe to show as they are.
 * Return the length written.
 */
size_t
smtpcode_reason_words(char *buf, size_t size, const struct smtpcode_reply *r,
    const struct smtpcode_meaning *mn)
{
	const char *s;
	size_t i, n;
	int space;

	if (size == 0)
		return 0;
	(void)r;
	s = mn->words;
	n = 0;
	space = 0;
	for (i = 0; i < mn->words_len && n + 1 < size; i++) {
		if (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' ||
		    s[i] == '\n') {
			space = n > 0;
			continue;
		}
		if (space && n + 2 < size)
			buf[n++] = ' ';
		space = 0;
		buf[n++] = s[i];
	}
	buf[n] = '\0';
	return n;
}

/*
 * What decided the verdict, as the page and the records say it:
 * "provider: Microsoft 365 / Outlook.com, 5.4.1", "text: 'mailbox
 * full'", "code: 550", then any stage that softened it.  Return the
 * length that snprintf(3) would.
 */
size_t
smtpcode_decided_by(char *buf, size_t size, const struct smtpcode_reply *r,
    const struct smtpcode_meaning *mn, const struct smtpcode_entry *basic,
    const struct smtpcode_entry *enh)
{
	char what[SMTPCODE_TEXT_SIZE];
	const struct smtpcode_entry *by;
	int n;

	switch (mn->evidence) {
	case SMTPCODE_BY_PROVIDER:
		rule_label(what, sizeof(what), mn->rule, r);
		n = snprintf(buf, size, "provider: %s, %s", mn->provider->name,
		    what);
		break;
	case SMTPCODE_BY_TEXT:
		smtpcode_reason_words(what, sizeof(what), r, mn);
		n = snprintf(buf, size, "text: '%s'", what);
		break;
	case SMTPCODE_BY_CLASS:
		by = basic != NULL ? basic : enh;
		n = snprintf(buf, size, "code: %s (class %d)", by->label,
		    by->class_digit);
		if (basic != NULL && enh != NULL && n >= 0 &&
		    (size_t)n < size && enh->class_digit != basic->class_digit)
			n += snprintf(buf + n, size - (size_t)n, "; the sending "
			    "server acts on the basic code, not on %s",
			    enh->label);
		break;
	case SMTPCODE_BY_ENHANCED:
		n = snprintf(buf, size, "code: %s", enh->label);
		break;
	case SMTPCODE_BY_ACTION:
		n = snprintf(buf, size, "%s", action_texts[r->action].decided);
		break;
	default:
		n = snprintf(buf, size, "code: %s", basic->label);
		break;
	}
	if (n < 0)
		return 0;
	if (mn->stage != 0 && (size_t)n < size) {
		smtpcode_join(what, sizeof(what), SMTPCODE_BITS_STAGES,
		    mn->stage, 0);
		n += snprintf(buf + n, size - (size_t)n, "; stage: %s (%s)",
		    what, mn->stage == SMTPCODE_STAGE_MAIL ? "the refusal is "
		    "about the sender, not the recipient" : "the refusal is "
		    "about the session or the message, not the address");
	}
	return (size_t)n;
}

/* What a reply means and what to do about it, in one speaker's words. */
struct said {
	const char	*meaning;
	const char	*fix;
};

/*
 * Whose words a reply's page gives, in the order they win: the
 * provider's rule, the reason, the registered enhanced code, else the
 * basic code (or an unregistered enhanced one when there is none).
 */
static struct said
said(const struct smtpcode_meaning *mn, const struct smtpcode_entry *basic,
    const struct smtpcode_entry *enh)
{
	const struct smtpcode_entry *e;

	if (mn->rule != NULL)
		return (struct said){ mn->rule->meaning, mn->rule->fix };
	if (mn->reason != NULL)
		return (struct said){ mn->reason->meaning, mn->reason->fix };
	if (enh != NULL && *enh->rfc != '\0')
		e = enh;
	else
		e = basic != NULL ? basic : enh;
	return (struct said){ e->name, e->fix };
}

/*
 * What to do first when a DSN block's Action: decided the verdict over
 * the codes, whose own advice assumes the class's outcome; "" else.
 */
const char *
smtpcode_action_advice(const struct smtpcode_meaning *mn,
    const struct smtpcode_reply *r)
{
	return mn->evidence == SMTPCODE_BY_ACTION ?
	    action_texts[r->action].advice : "";
}

/* What to do: the provider's advice, else the reason's, else the code's. */
const char *
smtpcode_meaning_fix(const struct smtpcode_meaning *mn,
    const struct smtpcode_entry *basic, const struct smtpcode_entry *enh)
{
	return said(mn, basic, enh).fix;
}

/* What it means: the provider's, else the reason's, else the code's name. */
const char *
smtpcode_meaning_text(const struct smtpcode_meaning *mn,
    const struct smtpcode_entry *basic, const struct smtpcode_entry *enh)
{
	return said(mn, basic, enh).meaning;
}

/*
 * Describe a reply whole: its codes into codes[0] (basic) and codes[1]
 * (enhanced), what it means into *mn, and *view pointing at them all.
 * Return 1 if every code is registered or a provider's rule explains
 * the reply, 0 otherwise.
 */
int
smtpcode_explain_reply(const struct smtpcode_reply *r,
    struct smtpcode_entry *codes, struct smtpcode_meaning *mn,
    struct smtpcode_reply_view *view)
{
	int known;

	view->reply = r;
	view->meaning = mn;
	known = smtpcode_describe_pair(r->code, r->has_status ? &r->status :
	    NULL, &codes[0], &codes[1], &view->basic, &view->enhanced);
	smtpcode_understand(r, view->basic, view->enhanced, mn);
	return known || mn->rule != NULL;
}

#define FNV_OFFSET	14695981039346656037ULL
#define FNV_PRIME	1099511628211ULL

/* FNV-1a over eight bytes at a time: a log's texts are many and long. */
static unsigned long long
hash_bytes(unsigned long long h, const char *s, size_t len)
{
	unsigned long long word;
	size_t i;

	for (i = 0; i + 8 <= len; i += 8) {
		memcpy(&word, s + i, 8);
		h = (h ^ word) * FNV_PRIME;
		h ^= h >> 29;
	}
	for (; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * FNV_PRIME;
	return h;
}

static unsigned long long
hash_int(unsigned long long h, int n)
{
	return (h ^ (unsigned long long)(unsigned)n) * FNV_PRIME;
}

/*
 * The key of a reply's meaning: everything it is worked out from.  The
 * text's <addresses> are left out, since no phrase or marker holds one
 * and they are what makes a log's replies differ; never 0.
 */
/* Hash the bytes of s but what stands between '<' and '>'. */
static unsigned long long
hash_unaddressed(unsigned long long h, const char *s, size_t len)
{
	const char *p, *end, *lt, *gt;

	end = s + len;
	for (p = s; p < end; p = gt + 1) {
		lt = memchr(p, '<', (size_t)(end - p));
		gt = lt != NULL ? memchr(lt, '>', (size_t)(end - lt)) : NULL;
		if (gt == NULL)
			return hash_bytes(h, p, (size_t)(end - p));
		h = hash_bytes(h, p, (size_t)(lt - p) + 1);
	}
	return h;
}

static unsigned long long
memo_key(const struct smtpcode_reply *r, const char *host, size_t hlen)
{
	unsigned long long h;
	const char *tail;
	size_t len;

	h = hash_int(hash_int(hash_int(hash_int(hash_int(FNV_OFFSET,
	    r->code), r->has_status ? r->status.class_digit * 10000 +
	    r->status.subject * 1000 + r->status.detail : -1),
	    (int)r->command), (int)r->source), (int)r->action);
	h = hash_bytes(h, host, hlen + 1);
	h = hash_unaddressed(h, r->text, r->text_len);
	if ((tail = line_words(r, &len)) != NULL)
		h = hash_unaddressed(hash_int(h, -2), tail, len);
	return h != 0 ? h : 1;
}

/*
 * What a reply means, as smtpcode_understand says, remembered in memo
 * for the replies that follow: a log repeats its replies but for their
 * addresses.  A remembered meaning has no words: words_len is 0.
 */
void
smtpcode_meaning_of(struct smtpcode_memo *memo,
    const struct smtpcode_reply *r, struct smtpcode_meaning *mn)
{
	struct smtpcode_entry codes[2];
	struct smtpcode_reply_view view;
	struct smtpcode_memo_slot *slot;
	unsigned long long key;
	char host[SMTPCODE_HOST_SIZE];
	size_t n;

	n = smtpcode_reply_host(r, host, sizeof(host));
	key = memo_key(r, host, n);
	slot = &memo->slots[key % SMTPCODE_MEMO_SLOTS];
	if (slot->key == key) {
		memo->hits++;
		mn->kept = slot->kept;
		mn->words = NULL;
		mn->words_len = 0;
		memcpy(mn->host, host, n + 1);
		return;
	}
	memo->misses++;
	smtpcode_explain_reply(r, codes, mn, &view);
	slot->key = key;
	slot->kept = mn->kept;
}
