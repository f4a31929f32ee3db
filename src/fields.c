/* SPDX-License-Identifier: ISC */
/* fields.c -- the fields of code, reply, compare and scan records: one table */

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "render.h"
#include "rules.h"
#include "scan.h"

#define UNREGISTERED_RFC \
	"none: no RFC defines this code; read it by its digits " \
	"(RFC 5321, section 4.2.1)"
#define UNKNOWN_STAGE	"not known: no RFC defines this code"
#define UNREGISTERED_STATUS \
	"none: no RFC registers this code; read it by its class and " \
	"subject (RFC 3463)"
#define ANY_CLASS_RETRY \
	"depends on the class: none after 2, later after 4, only after a " \
	"fix after 5"
#define DEPRECATED \
	"deprecated: listed for reference; servers should not send it"

/* A code field on a compare page too. */
#define FIELD_CC	(FIELD_CODE | FIELD_COMPARE)

/* A script value's length is strlen's unless its function says. */
#define LEN_UNSET	((size_t)-1)

/* The last of a printf into the slot's room, as a value. */
#define PRINT(s, ...) \
	(snprintf((s)->buf, (s)->size, __VA_ARGS__), (const char *)(s)->buf)

static const char *
yes(int b)
{
	return b ? "true" : "false";
}

static const char *
or(const char *s, const char *none)
{
	return *s != '\0' ? s : none;
}

static int
is_basic(const struct field_slot *s)
{
	return s->code->kind == SMTPCODE_BASIC;
}

/*
 * A field that is a member of the record as it stands, at offset
 * field->member of a code's struct smtpcode_entry, a reply's struct
 * smtpcode_reply or a scan row's struct smtpcode_scan_row (CODE_MEMBER,
 * REPLY_MEMBER, ROW_MEMBER in the table): a string, a char array, or
 * an int flag.
 */
static const void *
member(const struct field_slot *s)
{
	const char *record;

	record = s->code != NULL ? (const char *)s->code : s->reply != NULL ?
	    (const char *)s->reply->reply : (const char *)s->scan->row;
	return record + s->field->member;
}

static const char *
string_member(struct field_slot *s)
{
	return *(const char *const *)member(s);
}

static const char *
array_member(struct field_slot *s)
{
	return member(s);
}

static const char *
flag_member(struct field_slot *s)
{
	return yes(*(const int *)member(s));
}

/* The code fields: the entry's own values, for pages and scripts. */

static const char *
code_kind(struct field_slot *s)
{
	return is_basic(s) ? "basic" : "enhanced";
}

/* "4xx transient negative", "5 permanent failure", or what X means. */
static const char *
class_text(struct field_slot *s)
{
	const struct smtpcode_entry *e = s->code;

	if (is_basic(s))
		return PRINT(s, "%dxx %s", e->code / 100,
		    smtpcode_class_name(e->code));
	if (e->class_digit != 0)
		return PRINT(s, "%d %s", e->class_digit,
		    smtpcode_status_class_name(e->class_digit));
	return s->brief ? "X (any class)" : "X: the registry lists the code "
	    "for every class; a reply writes 2, 4 or 5 in its place";
}

static const char *
class_digit(struct field_slot *s)
{
	if (s->code->class_digit == 0)
		return "X";
	return PRINT(s, "%d", s->code->class_digit);
}

static const char *
class_name(struct field_slot *s)
{
	if (is_basic(s))
		return smtpcode_class_name(s->code->code);
	if (s->code->class_digit == 0)
		return "any";
	return smtpcode_status_class_name(s->code->class_digit);
}

static const char *
digits_text(struct field_slot *s)
{
	int code = s->code->code;

	if (!is_basic(s))
		return NULL;
	return PRINT(s, "%d = %s, %d = %s, %d = %s",
	    code / 100, smtpcode_digit_meaning(code, 0),
	    code / 10 % 10, smtpcode_digit_meaning(code, 1),
	    code % 10, smtpcode_digit_meaning(code, 2));
}

static const char *
subject_text(struct field_slot *s)
{
	int subject = s->code->code / 1000;

	if (is_basic(s))
		return NULL;
	return PRINT(s, "%d %s", subject, smtpcode_subject_name(s->brief ?
	    subject % 8 : subject));
}

static const char *
subject_name(struct field_slot *s)
{
	return is_basic(s) ? "" : smtpcode_subject_name(s->code->code / 1000);
}

/* "2, 4 or 5" for a set of class bits, each with its name. */
static size_t
join_classes(char *buf, size_t size, unsigned classes)
{
	size_t len, n, k;
	int digit;

	n = 0;
	for (digit = 2; digit <= 5; digit++)
		n += (classes & SMTPCODE_CLASS_BIT(digit)) != 0;
	len = 0;
	buf[0] = '\0';
	for (digit = 2, k = 0; digit <= 5 && len < size; digit++) {
		if ((classes & SMTPCODE_CLASS_BIT(digit)) == 0)
			continue;
		len += (size_t)snprintf(buf + len, size - len, "%s%d (%s)",
		    k == 0 ? "" : k + 1 == n ? " or " : ", ", digit,
		    smtpcode_status_class_name(digit));
		k++;
	}
	return len;
}

/* Which classes the code is meant for, and whether this one is among them. */
static const char *
meant_for_text(struct field_slot *s)
{
	const struct smtpcode_entry *e = s->code;
	char classes[LAYOUT_CELL_SIZE];

	if (is_basic(s))
		return NULL;
	if (e->classes == 0)
		return "not known: the code is not registered";
	join_classes(classes, sizeof(classes), e->classes);
	if (e->class_digit == 0 ||
	    (e->classes & SMTPCODE_CLASS_BIT(e->class_digit)) != 0)
		return PRINT(s, "%s", classes);
	return PRINT(s, "%s; %s uses it in another class, which its RFC does "
	    "not foresee", classes, e->label);
}

static const char *
retry_text(struct field_slot *s)
{
	if (s->code->class_digit == 0)
		return s->brief ? "depends on the class" : ANY_CLASS_RETRY;
	return smtpcode_retry_text(s->code->retry, s->brief ?
	    SMTPCODE_FORM_SHORT : SMTPCODE_FORM_LONG);
}

static const char *
retry_keyword(struct field_slot *s)
{
	return s->code->class_digit == 0 ? "" :
	    smtpcode_retry_keyword(s->code->retry);
}

static const char *
actors_text(struct field_slot *s)
{
	smtpcode_join(s->buf, s->size, SMTPCODE_BITS_ACTORS,
	    s->code->actors, 0);
	return or(s->buf, "nobody");
}

static const char *
actors_keywords(struct field_slot *s)
{
	smtpcode_join(s->buf, s->size, SMTPCODE_BITS_ACTORS,
	    s->code->actors, 1);
	return s->buf;
}

static const char *
stages_text(struct field_slot *s)
{
	if (!is_basic(s))
		return NULL;
	smtpcode_join(s->buf, s->size, SMTPCODE_BITS_STAGES,
	    s->code->stages, 0);
	return or(s->buf, s->brief ? "not known" : UNKNOWN_STAGE);
}

static const char *
stages_keywords(struct field_slot *s)
{
	smtpcode_join(s->buf, s->size, SMTPCODE_BITS_STAGES,
	    s->code->stages, 1);
	return s->buf;
}

static const char *
rfcs_text(struct field_slot *s)
{
	return or(s->code->rfc, s->brief ? "no RFC" : is_basic(s) ?
	    UNREGISTERED_RFC : UNREGISTERED_STATUS);
}

static const char *
registry_text(struct field_slot *s)
{
	if (is_basic(s))
		return NULL;
	return *s->code->rfc == '\0' ? "not registered" :
	    s->code->deprecated ? DEPRECATED : "registered";
}

static const char *
registered(struct field_slot *s)
{
	return yes(*s->code->rfc != '\0');
}

static const char *
enhanced_text(struct field_slot *s)
{
	return is_basic(s) ? or(s->code->enhanced, "none") : NULL;
}

static const char *
basic_text(struct field_slot *s)
{
	if (is_basic(s))
		return NULL;
	return or(s->code->basic, s->brief ? "none" : *s->code->rfc != '\0' ?
	    "none given by the registry" : "none registered");
}

/*
 * The verdict a code gives on its own, in words (a table cell has those
 * before the reason) or as a keyword.  A registry row (class X) is
 * judged as the permanent failure it can be, if it can be one.
 */
static const char *
verdict_of(struct field_slot *s, int keyword)
{
	struct smtpcode_entry as_permanent;
	const char *text;

	if (s->code->class_digit != 0) {
		if (keyword)
			return smtpcode_verdict_name(smtpcode_verdict(s->code,
			    NULL));
		text = PRINT(s, "%s", smtpcode_verdict_text(
		    smtpcode_verdict(s->code, NULL)));
	} else if ((s->code->classes & SMTPCODE_CLASS_BIT(5)) == 0) {
		if (keyword)
			return "";
		text = PRINT(s, "no bounce: the code is not meant for "
		    "permanent failures");
	} else {
		as_permanent = *s->code;
		as_permanent.class_digit = 5;
		if (keyword)
			return smtpcode_verdict_name(smtpcode_verdict(
			    &as_permanent, NULL));
		text = PRINT(s, "as 5%s, %s", s->code->label + 1,
		    smtpcode_verdict_text(smtpcode_verdict(&as_permanent,
		    NULL)));
	}
	if (s->brief)
		s->buf[strcspn(s->buf, ":")] = '\0';
	return text;
}

static const char *
verdict_text(struct field_slot *s)
{
	return verdict_of(s, 0);
}

static const char *
verdict_keyword(struct field_slot *s)
{
	return verdict_of(s, 1);
}

/*
 * Whether a provider gives this code a meaning of its own by the rule:
 * the rule is for the code itself, not for a phrase of its text.
 */
static int
rule_names_code(const struct smtpcode_rule *rule,
    const struct smtpcode_entry *entry)
{
	struct smtpcode_status st;

	if (rule->pattern >= 0)
		return 0;
	if (entry->kind == SMTPCODE_BASIC)
		return rule->class_digit == 0 && rule->basic == entry->code;
	if (entry->class_digit == 0)
		return 0;
	st.class_digit = entry->class_digit;
	st.subject = entry->code / 1000;
	st.detail = entry->code % 1000;
	return rules_rule_covers(rule, &st);
}

/*
 * The nth provider that gives the code a meaning of its own, where that
 * is documented and when smtpcode last checked it; NULL past the last.
 */
static const char *
providers_text(struct field_slot *s)
{
	const struct smtpcode_provider *providers;
	const struct smtpcode_rule *rules, *r;
	size_t i, n, np, k;

	rules = smtpcode_rules(&n);
	providers = smtpcode_providers(&np);
	for (i = 0, k = 0; i < n; i++) {
		if (!rule_names_code(&rules[i], s->code) || k++ < s->nth)
			continue;
		r = &rules[i];
		return PRINT(s, "%s: %s (%s %s%s%s)",
		    providers[r->provider].name, r->meaning,
		    *r->checked != '\0' ? "documented at" : "from the "
		    "provider's replies; its page", r->source,
		    *r->checked != '\0' ? ", checked " : " not yet read",
		    r->checked);
	}
	return NULL;
}

/* The reply fields: what was read, and what it means. */

static const char *
reply_kind(struct field_slot *s)
{
	(void)s;
	return "reply";
}

static const struct smtpcode_entry *
basic_of(const struct field_slot *s)
{
	return s->reply->basic;
}

static const struct smtpcode_entry *
enhanced_of(const struct field_slot *s)
{
	return s->reply->enhanced;
}

static const struct smtpcode_meaning *
meaning_of(const struct field_slot *s)
{
	return s->reply->meaning;
}

static const char *
label_of(const struct smtpcode_entry *e)
{
	return e != NULL ? e->label : "";
}

static const char *
reply_codes(struct field_slot *s)
{
	return PRINT(s, "%s%s%s", label_of(basic_of(s)), basic_of(s) != NULL &&
	    enhanced_of(s) != NULL ? " " : "", label_of(enhanced_of(s)));
}

static const char *
reply_basic(struct field_slot *s)
{
	return label_of(basic_of(s));
}

static const char *
reply_enhanced(struct field_slot *s)
{
	return label_of(enhanced_of(s));
}

/* "550 Requested action not taken (5xx permanent negative)". */
static const char *
describe_code(struct field_slot *s, const struct smtpcode_entry *e,
    const char *none)
{
	struct field_slot cls;
	char class[LAYOUT_CELL_SIZE / 4];

	if (e == NULL)
		return none;
	cls = (struct field_slot){ e, NULL, 0, 0, 0, class, sizeof(class),
	    NULL, NULL };
	return PRINT(s, "%s %s (%s%s)", e->label, e->name, class_text(&cls),
	    *e->rfc == '\0' ? "; not registered" : "");
}

static const char *
basic_code_text(struct field_slot *s)
{
	return describe_code(s, basic_of(s), "none in the reply");
}

static const char *
enhanced_code_text(struct field_slot *s)
{
	return describe_code(s, enhanced_of(s), "none in the reply");
}

/* The server's bytes as they came; the writer escapes them. */
static const char *
server_text(struct field_slot *s)
{
	s->len = s->reply->reply->text_len;
	return s->reply->reply->text;
}

static const char *
server_text_text(struct field_slot *s)
{
	escape_copy(s->buf, s->size, s->reply->reply->text,
	    s->reply->reply->text_len, ESCAPE_TEXT);
	return or(s->buf, "none");
}

static const char *
read_from_text(struct field_slot *s)
{
	return smtpcode_source_name(s->reply->reply->source);
}

static const char *
read_from(struct field_slot *s)
{
	return smtpcode_source_keyword(s->reply->reply->source);
}

static const char *
in_reply_to_text(struct field_slot *s)
{
	smtpcode_join(s->buf, s->size, SMTPCODE_BITS_STAGES,
	    s->reply->reply->command, 0);
	return or(s->buf, "not said");
}

static const char *
in_reply_to(struct field_slot *s)
{
	smtpcode_join(s->buf, s->size, SMTPCODE_BITS_STAGES,
	    s->reply->reply->command, 1);
	return s->buf;
}

/* The provider, whose meaning it is and when that was last checked. */
static const char *
provider_text(struct field_slot *s)
{
	const struct smtpcode_meaning *mn;
	char marker[LAYOUT_CELL_SIZE / 2];

	mn = meaning_of(s);
	if (mn->provider == NULL)
		return NULL;
	marker[0] = '\0';
	if (*s->reply->reply->marker != '\0')
		snprintf(marker, sizeof(marker), "; its marker [%s] names "
		    "the rule", s->reply->reply->marker);
	if (mn->rule != NULL && *mn->rule->checked != '\0')
		return PRINT(s, "%s: the meaning above is the provider's, "
		    "as documented at %s, checked %s%s", mn->provider->name,
		    mn->rule->source, mn->rule->checked, marker);
	if (mn->rule != NULL)
		return PRINT(s, "%s: the meaning above is the provider's, "
		    "as its replies show; its page %s was not yet read%s",
		    mn->provider->name, mn->rule->source, marker);
	return PRINT(s, "%s: smtpcode knows no rule of this provider for "
	    "these codes, so the registry's meaning stands%s",
	    mn->provider->name, marker);
}

static const char *
provider(struct field_slot *s)
{
	return meaning_of(s)->provider != NULL ? meaning_of(s)->provider->id :
	    "";
}

static const char *
agreement_text(struct field_slot *s)
{
	const struct smtpcode_entry *b, *e;
	char row[SMTPCODE_LABEL_SIZE];

	b = basic_of(s);
	e = enhanced_of(s);
	if (b == NULL || e == NULL)
		return "nothing to compare: the reply has only one code";
	snprintf(row, sizeof(row), "X%s", e->label + 1);
	switch (smtpcode_pairing(b, e)) {
	case SMTPCODE_PAIR_REGISTERED:
		return PRINT(s, "yes: both are class %d, and the registry "
		    "pairs %s with %s", b->class_digit, row, b->label);
	case SMTPCODE_PAIR_USUAL:
		return PRINT(s, "yes: both are class %d, and %s commonly "
		    "comes with %s, though the registry does not pair them",
		    b->class_digit, e->label, b->label);
	case SMTPCODE_PAIR_UNLISTED:
		return PRINT(s, "partly: both are class %d, but neither the "
		    "registry nor an RFC pairs %s with %s", b->class_digit,
		    row, b->label);
	default:
		return PRINT(s, "no: %s is class %d but %s is class %d (RFC "
		    "3463 wants them equal); the sending server acts on the "
		    "basic code, %s", b->label, b->class_digit, e->label,
		    e->class_digit, b->label);
	}
}

static const char *
agreement(struct field_slot *s)
{
	if (basic_of(s) == NULL || enhanced_of(s) == NULL)
		return "";
	return smtpcode_pairing_keyword(smtpcode_pairing(basic_of(s),
	    enhanced_of(s)));
}

static const char *
reply_verdict_text(struct field_slot *s)
{
	return smtpcode_verdict_text(meaning_of(s)->verdict);
}

static const char *
reply_verdict(struct field_slot *s)
{
	return smtpcode_verdict_name(meaning_of(s)->verdict);
}

static const char *
decided_by(struct field_slot *s)
{
	smtpcode_decided_by(s->buf, s->size, s->reply->reply, meaning_of(s),
	    basic_of(s), enhanced_of(s));
	return s->buf;
}

/* Whether every code present is one the registry or an RFC defines. */
static int
codes_registered(const struct field_slot *s)
{
	return (basic_of(s) == NULL || *basic_of(s)->rfc != '\0') &&
	    (enhanced_of(s) == NULL || *enhanced_of(s)->rfc != '\0');
}

static const char *
reply_registered(struct field_slot *s)
{
	return yes(codes_registered(s));
}

static const char *
note_text(struct field_slot *s)
{
	const struct smtpcode_reply *r = s->reply->reply;

	if (!r->incomplete && !r->truncated)
		return NULL;
	return PRINT(s, "%s%s%s", r->incomplete ? "the reply is cut off: its "
	    "last line, the one without a '-' after the code, is missing" :
	    "", r->incomplete && r->truncated ? "; " : "", r->truncated ?
	    "the text is longer than smtpcode keeps; the rest is left out" :
	    "");
}

/* The reason, with the words of the text that showed it. */
static const char *
reason_text(struct field_slot *s)
{
	const struct smtpcode_meaning *mn;
	char words[LAYOUT_CELL_SIZE];

	mn = meaning_of(s);
	if (mn->reason == NULL)
		return "none that smtpcode can read in the text; the codes "
		    "decide";
	if (mn->words_len == 0)
		return PRINT(s, "%s (%s; %s)", mn->reason->name,
		    mn->reason->id, mn->reason_by_code ? "the text names "
		    "none, the code gives it" : "the provider's rule gives it");
	smtpcode_reason_words(words, sizeof(words), s->reply->reply, mn);
	return PRINT(s, "%s (%s; the text says '%s')", mn->reason->name,
	    mn->reason->id, words);
}

static const char *
reason(struct field_slot *s)
{
	return meaning_of(s)->reason != NULL ? meaning_of(s)->reason->id : "";
}

/* The words of the server's text that showed the reason. */
static const char *
reason_words(struct field_slot *s)
{
	smtpcode_reason_words(s->buf, s->size, s->reply->reply,
	    meaning_of(s));
	return s->buf;
}

/* The provider's meaning where a rule applies, else the reason's. */
static const char *
meaning_text(struct field_slot *s)
{
	return smtpcode_meaning_text(meaning_of(s), basic_of(s),
	    enhanced_of(s));
}

static const char *
meaning(struct field_slot *s)
{
	if (meaning_of(s)->rule == NULL && meaning_of(s)->reason == NULL)
		return "";
	return meaning_text(s);
}

static const char *
provider_name(struct field_slot *s)
{
	return meaning_of(s)->provider != NULL ?
	    meaning_of(s)->provider->name : "";
}

/* Where the provider's rule is documented, and when that was read. */
static const char *
provider_source(struct field_slot *s)
{
	return meaning_of(s)->rule != NULL ? meaning_of(s)->rule->source : "";
}

static const char *
provider_checked(struct field_slot *s)
{
	return meaning_of(s)->rule != NULL ? meaning_of(s)->rule->checked :
	    "";
}

static const char *
blocklist_text(struct field_slot *s)
{
	const struct smtpcode_blocklist *bl = meaning_of(s)->blocklist;

	if (bl == NULL)
		return NULL;
	if (*bl->delist != '\0')
		return PRINT(s, "%s: look the sending IP up and ask for "
		    "removal at %s", bl->name, bl->delist);
	return PRINT(s, "%s: the list has closed and takes no removal "
	    "requests; a server that still queries it is misconfigured",
	    bl->name);
}

static const char *
blocklist(struct field_slot *s)
{
	return meaning_of(s)->blocklist != NULL ?
	    meaning_of(s)->blocklist->id : "";
}

static const char *
delist(struct field_slot *s)
{
	return meaning_of(s)->blocklist != NULL ?
	    meaning_of(s)->blocklist->delist : "";
}

static const char *
advice(struct field_slot *s)
{
	const char *first, *fix;

	fix = smtpcode_meaning_fix(meaning_of(s), basic_of(s),
	    enhanced_of(s));
	first = smtpcode_action_advice(meaning_of(s), s->reply->reply);
	if (*first == '\0')
		return fix;
	snprintf(s->buf, s->size, "%s %s", first, fix);
	return s->buf;
}

/* Whether the registry, an RFC or a provider's rule explains the codes. */
static const char *
known(struct field_slot *s)
{
	return yes(meaning_of(s)->rule != NULL || codes_registered(s));
}

/* The failed recipients a bounce or log gives the reply, comma-separated. */
static const char *
recipient_text(struct field_slot *s)
{
	const struct smtpcode_reply *r = s->reply->reply;

	if (r->recipients_len == 0)
		return NULL;
	escape_copy(s->buf, s->size, r->recipients, r->recipients_len,
	    ESCAPE_TEXT);
	return s->buf;
}

static const char *
recipient(struct field_slot *s)
{
	s->len = s->reply->reply->recipients_len;
	return s->reply->reply->recipients;
}

/*
 * The scan row fields.  In the row of what found the table full, the
 * key fields read "other" (smtpcode_record_value sees to it).
 */

static const struct smtpcode_scan_record *
row_of(const struct field_slot *s)
{
	return s->scan;
}

static const char *
scan_count(struct field_slot *s)
{
	return PRINT(s, "%llu", row_of(s)->row->count);
}

static const char *
scan_basic(struct field_slot *s)
{
	return label_of(row_of(s)->basic);
}

static const char *
scan_enhanced(struct field_slot *s)
{
	return label_of(row_of(s)->enhanced);
}

static const char *
scan_class(struct field_slot *s)
{
	if (row_of(s)->by == NULL)
		return "";
	return PRINT(s, "%d", row_of(s)->by->class_digit);
}

static const char *
scan_verdict(struct field_slot *s)
{
	return row_of(s)->by != NULL && row_of(s)->row->verdict_keyed ?
	    smtpcode_verdict_name(row_of(s)->row->verdict) : "";
}

static const char *
scan_name(struct field_slot *s)
{
	return row_of(s)->named != NULL ? row_of(s)->named->name : "";
}

static const char *
scan_reason(struct field_slot *s)
{
	return row_of(s)->row->reason != NULL ? row_of(s)->row->reason->id :
	    "";
}

static const char *
scan_direction(struct field_slot *s)
{
	return row_of(s)->row->direction_keyed ?
	    smtpcode_direction_name(row_of(s)->row->direction) : "";
}

/* The pair, "550 5.1.1", as the code key's column gives it. */
static const char *
scan_code(struct field_slot *s)
{
	const struct smtpcode_scan_record *r = row_of(s);

	return PRINT(s, "%s%s%s", label_of(r->basic), r->basic != NULL &&
	    r->enhanced != NULL ? " " : "", label_of(r->enhanced));
}

static const char *
scan_provider(struct field_slot *s)
{
	return row_of(s)->row->provider != NULL ?
	    row_of(s)->row->provider->id : "";
}

static const char *
scan_texts(struct field_slot *s)
{
	if (row_of(s)->texts == NULL) {
		s->len = 0;
		return "";
	}
	s->len = row_of(s)->texts_len;
	return row_of(s)->texts;
}

#define TEXT	SMTPCODE_VALUE_TEXT
#define LIST	SMTPCODE_VALUE_LIST
#define BOOL	SMTPCODE_VALUE_BOOL
#define NUMBER	SMTPCODE_VALUE_NUMBER
#define LINES	SMTPCODE_VALUE_LINES
#define CODE_MEMBER(m)	offsetof(struct smtpcode_entry, m)
#define REPLY_MEMBER(m)	offsetof(struct smtpcode_reply, m)
#define ROW_MEMBER(m)	offsetof(struct smtpcode_scan_row, m)

/*
 * Every field of every record, each once.  A record's fields for
 * scripts (its TSV columns, JSON keys and -f names) are its rows with a
 * script value, in the order of this table: a stable contract.  Pages
 * show the rows with a label in the order of page, compare pages those
 * with a compare place in the order of compare.
 */
static const struct field fields[] = {
	/* name, label, records, type, flags, page, compare, text, script,
	 * differ, member */
	{ "kind", NULL, FIELD_CODE, TEXT, 0, 0, 0, NULL, code_kind, NULL, 0 },
	{ "code", NULL, FIELD_CC, TEXT, 0, 0, 1, array_member, array_member,
	    NULL, CODE_MEMBER(label) },
	{ "name", NULL, FIELD_CODE, TEXT, 0, 0, 0, NULL, string_member, NULL,
	    CODE_MEMBER(name) },
	{ "meaning", "Meaning", FIELD_COMPARE, TEXT, 0, 0, 2, NULL, NULL,
	    compare_meaning, 0 },
	{ "class", "Class", FIELD_CC, TEXT, 0, 1, 3, class_text, class_digit,
	    compare_class, 0 },
	{ "class_name", NULL, FIELD_CODE, TEXT, 0, 0, 0, NULL, class_name,
	    NULL, 0 },
	{ "digits", "Digits", FIELD_CODE, TEXT, 0, 2, 0, digits_text, NULL,
	    NULL, 0 },
	{ "subject", "Subject", FIELD_CC, TEXT, 0, 3, 7, subject_text,
	    subject_name, compare_texts, 0 },
	{ "meant_for", "Meant for", FIELD_CODE, TEXT, 0, 4, 0, meant_for_text,
	    NULL, NULL, 0 },
	{ "retry", "Retry", FIELD_CC, TEXT, 0, 5, 4, retry_text, retry_keyword,
	    compare_retry, 0 },
	{ "who_acts", "Who acts", FIELD_CC, LIST, 0, 6, 5, actors_text,
	    actors_keywords, compare_actors, 0 },
	{ "stage", "Stage", FIELD_CC, LIST, 0, 7, 6, stages_text,
	    stages_keywords, compare_stages, 0 },
	{ "defined_in", "Defined in", FIELD_CC, LIST, 0, 8, 8, rfcs_text,
	    string_member, compare_texts, CODE_MEMBER(rfc) },
	{ "registered", "Registry", FIELD_CODE, BOOL, 0, 9, 0, registry_text,
	    registered, NULL, 0 },
	{ "deprecated", NULL, FIELD_CODE, BOOL, 0, 0, 0, NULL, flag_member,
	    NULL, CODE_MEMBER(deprecated) },
	{ "pairing", "Pairing", FIELD_COMPARE, TEXT, 0, 0, 9, NULL, NULL,
	    compare_pairing, 0 },
	{ "enhanced_codes", "Enhanced codes", FIELD_CC, LIST, 0, 10, 10,
	    enhanced_text, string_member, compare_common,
	    CODE_MEMBER(enhanced) },
	{ "basic_codes", "Basic codes", FIELD_CC, LIST, 0, 11, 11, basic_text,
	    string_member, compare_common, CODE_MEMBER(basic) },
	{ "verdict", "Verdict", FIELD_CC, TEXT, FIELD_VERDICT, 12, 12,
	    verdict_text, verdict_keyword, compare_texts, 0 },
	{ "action", "What to do", FIELD_COMPARE, TEXT, 0, 0, 13, NULL, NULL,
	    compare_action, 0 },
	{ "providers", "Provider", FIELD_CODE, TEXT, FIELD_MANY, 13, 0,
	    providers_text, NULL, NULL, 0 },
	{ "description", "Description", FIELD_CODE, TEXT, FIELD_PROSE, 14, 0,
	    string_member, string_member, NULL, CODE_MEMBER(description) },
	{ "when", "When you see it", FIELD_CODE, TEXT, FIELD_PROSE, 15, 0,
	    string_member, string_member, NULL, CODE_MEMBER(when) },
	{ "fix", "How to fix", FIELD_CODE, TEXT, FIELD_PROSE, 16, 0,
	    string_member, string_member, NULL, CODE_MEMBER(fix) },

	{ "kind", NULL, FIELD_REPLY, TEXT, 0, 0, 0, NULL, reply_kind, NULL,
	    0 },
	{ "reply", NULL, FIELD_REPLY, TEXT, 0, 0, 0, NULL, reply_codes, NULL,
	    0 },
	{ "basic_code", "Basic code", FIELD_REPLY, TEXT, 0, 12, 0,
	    basic_code_text, reply_basic, NULL, 0 },
	{ "enhanced_code", "Enhanced code", FIELD_REPLY, TEXT, 0, 13, 0,
	    enhanced_code_text, reply_enhanced, NULL, 0 },
	{ "server_text", "Server text", FIELD_REPLY, TEXT, 0, 9, 0,
	    server_text_text, server_text, NULL, 0 },
	{ "read_from", "Read from", FIELD_REPLY, TEXT, 0, 10, 0,
	    read_from_text, read_from, NULL, 0 },
	{ "in_reply_to", "In reply to", FIELD_REPLY, TEXT, 0, 11, 0,
	    in_reply_to_text, in_reply_to, NULL, 0 },
	{ "provider", "Provider", FIELD_REPLY, TEXT, 0, 4, 0, provider_text,
	    provider, NULL, 0 },
	{ "marker", NULL, FIELD_REPLY, TEXT, 0, 0, 0, NULL, array_member, NULL,
	    REPLY_MEMBER(marker) },
	{ "agreement", "Codes agree", FIELD_REPLY, TEXT, 0, 14, 0,
	    agreement_text, agreement, NULL, 0 },
	{ "verdict", "Verdict", FIELD_REPLY, TEXT, 0, 6, 0, reply_verdict_text,
	    reply_verdict, NULL, 0 },
	{ "decided_by", "Decided by", FIELD_REPLY, TEXT, 0, 7, 0, decided_by,
	    decided_by, NULL, 0 },
	{ "registered", NULL, FIELD_REPLY, BOOL, 0, 0, 0, NULL,
	    reply_registered, NULL, 0 },
	{ "incomplete", "Note", FIELD_REPLY, BOOL, 0, 15, 0, note_text,
	    flag_member, NULL, REPLY_MEMBER(incomplete) },
	{ "truncated", NULL, FIELD_REPLY, BOOL, 0, 0, 0, NULL, flag_member,
	    NULL, REPLY_MEMBER(truncated) },
	{ "reason", "Reason", FIELD_REPLY, TEXT, 0, 3, 0, reason_text, reason,
	    NULL, 0 },
	{ "reason_words", NULL, FIELD_REPLY, TEXT, 0, 0, 0, NULL, reason_words,
	    NULL, 0 },
	{ "meaning", "Meaning", FIELD_REPLY, TEXT, 0, 2, 0, meaning_text,
	    meaning, NULL, 0 },
	{ "provider_name", NULL, FIELD_REPLY, TEXT, 0, 0, 0, NULL,
	    provider_name, NULL, 0 },
	{ "provider_source", NULL, FIELD_REPLY, TEXT, 0, 0, 0, NULL,
	    provider_source, NULL, 0 },
	{ "provider_checked", NULL, FIELD_REPLY, TEXT, 0, 0, 0, NULL,
	    provider_checked, NULL, 0 },
	{ "blocklist", "Blocklist", FIELD_REPLY, TEXT, 0, 5, 0, blocklist_text,
	    blocklist, NULL, 0 },
	{ "delist", NULL, FIELD_REPLY, TEXT, 0, 0, 0, NULL, delist, NULL, 0 },
	{ "advice", "What to do", FIELD_REPLY, TEXT, 0, 8, 0, advice, advice,
	    NULL, 0 },
	{ "known", NULL, FIELD_REPLY, BOOL, 0, 0, 0, NULL, known, NULL, 0 },
	{ "recipient", "Recipient", FIELD_REPLY, TEXT, 0, 1, 0, recipient_text,
	    recipient, NULL, 0 },

	/*
	 * A scan row: count to direction are the default TSV columns; a
	 * grouped summary's columns are its keys' fields, then count.
	 */
	{ "count", NULL, FIELD_SCAN, NUMBER, FIELD_KEY, 0, 0, NULL, scan_count,
	    NULL, 0 },
	{ "basic_code", NULL, FIELD_SCAN, TEXT, FIELD_KEY, 0, 0, NULL,
	    scan_basic, NULL, 0 },
	{ "enhanced_code", NULL, FIELD_SCAN, TEXT, 0, 0, 0, NULL,
	    scan_enhanced, NULL, 0 },
	{ "class", NULL, FIELD_SCAN, TEXT, 0, 0, 0, NULL, scan_class, NULL,
	    0 },
	{ "verdict", NULL, FIELD_SCAN, TEXT, 0, 0, 0, NULL, scan_verdict, NULL,
	    0 },
	{ "name", NULL, FIELD_SCAN, TEXT, 0, 0, 0, NULL, scan_name, NULL, 0 },
	{ "reason", NULL, FIELD_SCAN, TEXT, FIELD_KEY, 0, 0, NULL, scan_reason,
	    NULL, 0 },
	{ "direction", NULL, FIELD_SCAN, TEXT, FIELD_KEY, 0, 0, NULL,
	    scan_direction, NULL, 0 },
	{ "code", NULL, FIELD_SCAN, TEXT, FIELD_KEY, 0, 0, NULL, scan_code,
	    NULL, 0 },
	{ "domain", NULL, FIELD_SCAN, TEXT, FIELD_KEY, 0, 0, NULL,
	    string_member, NULL, ROW_MEMBER(domain) },
	{ "recipient", NULL, FIELD_SCAN, TEXT, FIELD_KEY, 0, 0, NULL,
	    string_member, NULL, ROW_MEMBER(recipient) },
	{ "relay", NULL, FIELD_SCAN, TEXT, FIELD_KEY, 0, 0, NULL,
	    string_member, NULL, ROW_MEMBER(relay) },
	{ "provider", NULL, FIELD_SCAN, TEXT, FIELD_KEY, 0, 0, NULL,
	    scan_provider, NULL, 0 },
	{ "texts", NULL, FIELD_SCAN, LINES, 0, 0, 0, NULL, scan_texts, NULL,
	    0 }
};

#define NFIELDS	(sizeof(fields) / sizeof(fields[0]))

/* Places on a page or a compare page are ranks below this. */
_Static_assert(NFIELDS < 256, "a field's place must fit its byte");

const struct field *
fields_table(size_t *n)
{
	*n = NFIELDS;
	return fields;
}

/* Field i of a record for scripts, or NULL past the last. */
static const struct field *
script_field(enum smtpcode_record record, size_t i)
{
	size_t k;

	for (k = 0; k < NFIELDS; k++)
		if ((fields[k].records & 1u << record) != 0 &&
		    fields[k].script != NULL && i-- == 0)
			return &fields[k];
	return NULL;
}

size_t
smtpcode_field_count(enum smtpcode_record record)
{
	size_t n;

	for (n = 0; script_field(record, n) != NULL; n++)
		continue;
	return n;
}

/* The name of field i of a record, or NULL past the last. */
const char *
smtpcode_field_name(enum smtpcode_record record, size_t i)
{
	const struct field *f;

	return (f = script_field(record, i)) != NULL ? f->name : NULL;
}

/* The index of the field called name, or -1 if the record has none. */
int
smtpcode_field_index(enum smtpcode_record record, const char *name)
{
	const struct field *f;
	size_t i;

	for (i = 0; (f = script_field(record, i)) != NULL; i++)
		if (strcmp(f->name, name) == 0)
			return (int)i;
	return -1;
}

/*
 * The value of field i of a record of any kind: record is a struct
 * smtpcode_entry for a code, a struct smtpcode_reply_view for a reply,
 * a struct smtpcode_scan_record for a scan row.  buf (size bytes) holds
 * a value that has to be composed; the result may point into it.
 */
struct smtpcode_value
smtpcode_record_value(enum smtpcode_record kind, const void *record,
    size_t i, char *buf, size_t size)
{
	struct field_slot s = { NULL, NULL, 0, 0, LEN_UNSET, NULL, 0, NULL,
	    NULL };
	struct smtpcode_value v = { "", 0, SMTPCODE_VALUE_TEXT };
	const struct field *f;

	if ((f = script_field(kind, i)) == NULL)
		return v;
	v.type = f->type;
	if (kind == SMTPCODE_RECORD_CODE)
		s.code = record;
	else if (kind == SMTPCODE_RECORD_REPLY)
		s.reply = record;
	else {
		s.scan = record;
		/* The row of what did not fit: its keys say so. */
		if (s.scan->row->other && i > 0) {
			v.text = (f->flags & FIELD_KEY) ? "other" : "";
			v.len = strlen(v.text);
			return v;
		}
	}
	s.buf = buf;
	s.size = size;
	s.field = f;
	v.text = f->script(&s);
	v.len = s.len != LEN_UNSET ? s.len : strlen(v.text);
	return v;
}

struct smtpcode_value
smtpcode_code_value(const struct smtpcode_entry *entry, size_t i, char *buf,
    size_t size)
{
	return smtpcode_record_value(SMTPCODE_RECORD_CODE, entry, i, buf,
	    size);
}

struct smtpcode_value
smtpcode_reply_value(const struct smtpcode_reply_view *view, size_t i,
    char *buf, size_t size)
{
	return smtpcode_record_value(SMTPCODE_RECORD_REPLY, view, i, buf,
	    size);
}

struct smtpcode_value
smtpcode_scan_value(const struct smtpcode_scan_record *record, size_t i,
    char *buf, size_t size)
{
	return smtpcode_record_value(SMTPCODE_RECORD_SCAN, record, i, buf,
	    size);
}

/*
 * A code's text of a field, a table cell's if brief; NULL when the
 * field is not one for this kind of code.
 */
const char *
field_text(const struct field *f, const struct smtpcode_entry *entry,
    int brief, char *buf, size_t size)
{
	struct field_slot s = { NULL, NULL, 0, 0, LEN_UNSET, NULL, 0, NULL,
	    NULL };

	s.code = entry;
	s.brief = brief;
	s.buf = buf;
	s.size = size;
	s.field = f;
	*buf = '\0';
	return f->text != NULL ? f->text(&s) : NULL;
}

/*
 * Write a record's labelled fields on a text page, in page order: every
 * one, or those with the flags in only.  The verdict of a code is
 * labelled verdict_label, since a reply's page shows its codes' pages,
 * whose verdicts are not the reply's.
 */
void
fields_page(const struct smtpcode_out *o, const struct field_slot *record,
    unsigned only, const char *verdict_label)
{
	struct field_slot s;
	const struct field *f;
	const char *text;
	char buf[FIELD_TEXT_SIZE];
	unsigned kind;
	size_t place, i;

	kind = record->code != NULL ? FIELD_CODE : FIELD_REPLY;
	for (place = 1; place < NFIELDS; place++) {
		for (f = fields; f < fields + NFIELDS; f++) {
			if (f->page != place || (f->records & kind) == 0 ||
			    (f->flags & only) != only)
				continue;
			for (i = 0; i == 0 || (f->flags & FIELD_MANY); i++) {
				s = *record;
				s.nth = i;
				s.buf = buf;
				s.size = sizeof(buf);
				s.field = f;
				if ((text = f->text(&s)) == NULL)
					break;
				layout_field(o, (f->flags & FIELD_VERDICT) ?
				    verdict_label : f->label, text);
			}
		}
	}
}
