/* SPDX-License-Identifier: ISC */
/* fields.c -- the named fields of code, reply and scan records, for scripts */

#include <stdio.h>
#include <string.h>

#include "smtpcode.h"

/* A field of a code record: its name, JSON type and how to get it. */
struct code_field {
	const char	*name;
	enum smtpcode_value_type type;
	struct smtpcode_value (*get)(const struct smtpcode_entry *, char *,
	    size_t);
};

struct reply_field {
	const char	*name;
	enum smtpcode_value_type type;
	struct smtpcode_value (*get)(const struct smtpcode_reply_view *,
	    char *, size_t);
};

static struct smtpcode_value
text(const char *s)
{
	struct smtpcode_value v;

	v.text = s;
	v.len = strlen(s);
	v.type = SMTPCODE_VALUE_TEXT;
	return v;
}

static struct smtpcode_value
boolean(int yes)
{
	return text(yes ? "true" : "false");
}

static struct smtpcode_value
code_kind(const struct smtpcode_entry *e, char *buf, size_t size)
{
	(void)buf;
	(void)size;
	return text(e->kind == SMTPCODE_BASIC ? "basic" : "enhanced");
}

static struct smtpcode_value
code_label(const struct smtpcode_entry *e, char *buf, size_t size)
{
	(void)buf;
	(void)size;
	return text(e->label);
}

static struct smtpcode_value
code_name(const struct smtpcode_entry *e, char *buf, size_t size)
{
	(void)buf;
	(void)size;
	return text(e->name);
}

static struct smtpcode_value
code_class(const struct smtpcode_entry *e, char *buf, size_t size)
{
	if (e->class_digit == 0)
		snprintf(buf, size, "X");
	else
		snprintf(buf, size, "%d", e->class_digit);
	return text(buf);
}

static struct smtpcode_value
code_class_name(const struct smtpcode_entry *e, char *buf, size_t size)
{
	(void)buf;
	(void)size;
	if (e->kind == SMTPCODE_BASIC)
		return text(smtpcode_class_name(e->code));
	if (e->class_digit == 0)
		return text("any");
	return text(smtpcode_status_class_name(e->class_digit));
}

static struct smtpcode_value
code_subject(const struct smtpcode_entry *e, char *buf, size_t size)
{
	(void)buf;
	(void)size;
	if (e->kind == SMTPCODE_BASIC)
		return text("");
	return text(smtpcode_subject_name(e->code / 1000));
}

static struct smtpcode_value
code_retry(const struct smtpcode_entry *e, char *buf, size_t size)
{
	(void)buf;
	(void)size;
	if (e->class_digit == 0)
		return text("");
	return text(smtpcode_retry_keyword(e->retry));
}

static struct smtpcode_value
code_actors(const struct smtpcode_entry *e, char *buf, size_t size)
{
	struct smtpcode_value v;

	smtpcode_join_actor_keywords(buf, size, e->actors);
	v = text(buf);
	v.type = SMTPCODE_VALUE_LIST;
	return v;
}

static struct smtpcode_value
code_stages(const struct smtpcode_entry *e, char *buf, size_t size)
{
	struct smtpcode_value v;

	smtpcode_join_stage_keywords(buf, size, e->stages);
	v = text(buf);
	v.type = SMTPCODE_VALUE_LIST;
	return v;
}

static struct smtpcode_value
list(const char *s)
{
	struct smtpcode_value v;

	v = text(s);
	v.type = SMTPCODE_VALUE_LIST;
	return v;
}

static struct smtpcode_value
code_rfcs(const struct smtpcode_entry *e, char *buf, size_t size)
{
	(void)buf;
	(void)size;
	return list(e->rfc);
}

static struct smtpcode_value
code_registered(const struct smtpcode_entry *e, char *buf, size_t size)
{
	(void)buf;
	(void)size;
	return boolean(*e->rfc != '\0');
}

static struct smtpcode_value
code_deprecated(const struct smtpcode_entry *e, char *buf, size_t size)
{
	(void)buf;
	(void)size;
	return boolean(e->deprecated);
}

static struct smtpcode_value
code_enhanced(const struct smtpcode_entry *e, char *buf, size_t size)
{
	(void)buf;
	(void)size;
	return list(e->enhanced);
}

static struct smtpcode_value
code_basic(const struct smtpcode_entry *e, char *buf, size_t size)
{
	(void)buf;
	(void)size;
	return list(e->basic);
}

/* The verdict's keyword; a registry row (X) is judged as class 5. */
static struct smtpcode_value
code_verdict(const struct smtpcode_entry *e, char *buf, size_t size)
{
	struct smtpcode_entry as_permanent;

	(void)buf;
	(void)size;
	if (e->class_digit != 0)
		return text(smtpcode_verdict_name(smtpcode_verdict(e, NULL)));
	if ((e->classes & SMTPCODE_CLASS_BIT(5)) == 0)
		return text("");
	as_permanent = *e;
	as_permanent.class_digit = 5;
	return text(smtpcode_verdict_name(smtpcode_verdict(&as_permanent,
	    NULL)));
}

static struct smtpcode_value
code_description(const struct smtpcode_entry *e, char *buf, size_t size)
{
	(void)buf;
	(void)size;
	return text(e->description);
}

static struct smtpcode_value
code_when(const struct smtpcode_entry *e, char *buf, size_t size)
{
	(void)buf;
	(void)size;
	return text(e->when);
}

static struct smtpcode_value
code_fix(const struct smtpcode_entry *e, char *buf, size_t size)
{
	(void)buf;
	(void)size;
	return text(e->fix);
}

/* The fields of a code record, in TSV column order: a stable contract. */
static const struct code_field code_fields[] = {
	{ "kind", SMTPCODE_VALUE_TEXT, code_kind },
	{ "code", SMTPCODE_VALUE_TEXT, code_label },
	{ "name", SMTPCODE_VALUE_TEXT, code_name },
	{ "class", SMTPCODE_VALUE_TEXT, code_class },
	{ "class_name", SMTPCODE_VALUE_TEXT, code_class_name },
	{ "subject", SMTPCODE_VALUE_TEXT, code_subject },
	{ "retry", SMTPCODE_VALUE_TEXT, code_retry },
	{ "who_acts", SMTPCODE_VALUE_LIST, code_actors },
	{ "stage", SMTPCODE_VALUE_LIST, code_stages },
	{ "defined_in", SMTPCODE_VALUE_LIST, code_rfcs },
	{ "registered", SMTPCODE_VALUE_BOOL, code_registered },
	{ "deprecated", SMTPCODE_VALUE_BOOL, code_deprecated },
	{ "enhanced_codes", SMTPCODE_VALUE_LIST, code_enhanced },
	{ "basic_codes", SMTPCODE_VALUE_LIST, code_basic },
	{ "verdict", SMTPCODE_VALUE_TEXT, code_verdict },
	{ "description", SMTPCODE_VALUE_TEXT, code_description },
	{ "when", SMTPCODE_VALUE_TEXT, code_when },
	{ "fix", SMTPCODE_VALUE_TEXT, code_fix }
};

#define NCODE_FIELDS	(sizeof(code_fields) / sizeof(code_fields[0]))

static struct smtpcode_value
reply_kind(const struct smtpcode_reply_view *r, char *buf, size_t size)
{
	(void)r;
	(void)buf;
	(void)size;
	return text("reply");
}

static struct smtpcode_value
reply_codes(const struct smtpcode_reply_view *r, char *buf, size_t size)
{
	snprintf(buf, size, "%s%s%s", r->basic != NULL ? r->basic->label : "",
	    r->basic != NULL && r->enhanced != NULL ? " " : "",
	    r->enhanced != NULL ? r->enhanced->label : "");
	return text(buf);
}

static struct smtpcode_value
reply_basic(const struct smtpcode_reply_view *r, char *buf, size_t size)
{
	(void)buf;
	(void)size;
	return text(r->basic != NULL ? r->basic->label : "");
}

static struct smtpcode_value
reply_enhanced(const struct smtpcode_reply_view *r, char *buf, size_t size)
{
	(void)buf;
	(void)size;
	return text(r->enhanced != NULL ? r->enhanced->label : "");
}

/* The server's bytes as they came; the writer escapes them. */
static struct smtpcode_value
reply_text(const struct smtpcode_reply_view *r, char *buf, size_t size)
{
	struct smtpcode_value v;

	(void)buf;
	(void)size;
	v.text = r->reply->text;
	v.len = r->reply->text_len;
	v.type = SMTPCODE_VALUE_TEXT;
	return v;
}

static struct smtpcode_value
reply_source(const struct smtpcode_reply_view *r, char *buf, size_t size)
{
	(void)buf;
	(void)size;
	return text(smtpcode_source_keyword(r->reply->source));
}

static struct smtpcode_value
reply_command(const struct smtpcode_reply_view *r, char *buf, size_t size)
{
	smtpcode_join_stage_keywords(buf, size, r->reply->command);
	return text(buf);
}

static struct smtpcode_value
reply_provider(const struct smtpcode_reply_view *r, char *buf, size_t size)
{
	(void)buf;
	(void)size;
	return text(r->meaning->provider != NULL ? r->meaning->provider->id :
	    "");
}

static struct smtpcode_value
reply_marker(const struct smtpcode_reply_view *r, char *buf, size_t size)
{
	(void)buf;
	(void)size;
	return text(r->reply->marker);
}

static struct smtpcode_value
reply_agreement(const struct smtpcode_reply_view *r, char *buf, size_t size)
{
	(void)buf;
	(void)size;
	if (r->basic == NULL || r->enhanced == NULL)
		return text("");
	return text(smtpcode_pairing_keyword(smtpcode_pairing(r->basic,
	    r->enhanced)));
}

static struct smtpcode_value
reply_verdict(const struct smtpcode_reply_view *r, char *buf, size_t size)
{
	(void)buf;
	(void)size;
	return text(smtpcode_verdict_name(r->meaning->verdict));
}

static struct smtpcode_value
reply_decided_by(const struct smtpcode_reply_view *r, char *buf,
    size_t size)
{
	smtpcode_decided_by(buf, size, r->reply, r->meaning, r->basic,
	    r->enhanced);
	return text(buf);
}

static struct smtpcode_value
reply_registered(const struct smtpcode_reply_view *r, char *buf,
    size_t size)
{
	(void)buf;
	(void)size;
	return boolean((r->basic == NULL || *r->basic->rfc != '\0') &&
	    (r->enhanced == NULL || *r->enhanced->rfc != '\0'));
}

static struct smtpcode_value
reply_incomplete(const struct smtpcode_reply_view *r, char *buf,
    size_t size)
{
	(void)buf;
	(void)size;
	return boolean(r->reply->incomplete);
}

static struct smtpcode_value
reply_truncated(const struct smtpcode_reply_view *r, char *buf,
    size_t size)
{
	(void)buf;
	(void)size;
	return boolean(r->reply->truncated);
}

static struct smtpcode_value
reply_reason(const struct smtpcode_reply_view *r, char *buf, size_t size)
{
	(void)buf;
	(void)size;
	return text(r->meaning->reason != NULL ? r->meaning->reason->id : "");
}

/* The words of the server's text that showed the reason. */
static struct smtpcode_value
reply_reason_words(const struct smtpcode_reply_view *r, char *buf,
    size_t size)
{
	smtpcode_reason_words(buf, size, r->reply, r->meaning);
	return text(buf);
}

/* The provider's meaning where a rule applies, else the reason's. */
static struct smtpcode_value
reply_meaning(const struct smtpcode_reply_view *r, char *buf, size_t size)
{
	(void)buf;
	(void)size;
	if (r->meaning->rule == NULL && r->meaning->reason == NULL)
		return text("");
	return text(smtpcode_meaning_text(r->meaning, r->basic,
	    r->enhanced));
}

static struct smtpcode_value
reply_provider_name(const struct smtpcode_reply_view *r, char *buf,
    size_t size)
{
	(void)buf;
	(void)size;
	return text(r->meaning->provider != NULL ?
	    r->meaning->provider->name : "");
}

/* Where the provider's rule is documented, and when that was read. */
static struct smtpcode_value
reply_rule_source(const struct smtpcode_reply_view *r, char *buf, size_t size)
{
	(void)buf;
	(void)size;
	return text(r->meaning->rule != NULL ? r->meaning->rule->source : "");
}

static struct smtpcode_value
reply_checked(const struct smtpcode_reply_view *r, char *buf, size_t size)
{
	(void)buf;
	(void)size;
	return text(r->meaning->rule != NULL ? r->meaning->rule->checked :
	    "");
}

static struct smtpcode_value
reply_blocklist(const struct smtpcode_reply_view *r, char *buf, size_t size)
{
	(void)buf;
	(void)size;
	return text(r->meaning->blocklist != NULL ?
	    r->meaning->blocklist->id : "");
}

static struct smtpcode_value
reply_delist(const struct smtpcode_reply_view *r, char *buf, size_t size)
{
	(void)buf;
	(void)size;
	return text(r->meaning->blocklist != NULL ?
	    r->meaning->blocklist->delist : "");
}

static struct smtpcode_value
reply_advice(const struct smtpcode_reply_view *r, char *buf, size_t size)
{
	(void)buf;
	(void)size;
	return text(smtpcode_meaning_fix(r->meaning, r->basic, r->enhanced));
}

/* Whether the registry, an RFC or a provider's rule explains the codes. */
static struct smtpcode_value
reply_known(const struct smtpcode_reply_view *r, char *buf, size_t size)
{
	(void)buf;
	(void)size;
	return boolean(r->meaning->rule != NULL ||
	    ((r->basic == NULL || *r->basic->rfc != '\0') &&
	    (r->enhanced == NULL || *r->enhanced->rfc != '\0')));
}

/* The failed recipients a bounce or log gives the reply, comma-separated. */
static struct smtpcode_value
reply_recipient(const struct smtpcode_reply_view *r, char *buf, size_t size)
{
	struct smtpcode_value v;

	(void)buf;
	(void)size;
	v.text = r->reply->recipients;
	v.len = r->reply->recipients_len;
	return v;
}

/* The fields of a reply record, in TSV column order. */
static const struct reply_field reply_fields[] = {
	{ "kind", SMTPCODE_VALUE_TEXT, reply_kind },
	{ "reply", SMTPCODE_VALUE_TEXT, reply_codes },
	{ "basic_code", SMTPCODE_VALUE_TEXT, reply_basic },
	{ "enhanced_code", SMTPCODE_VALUE_TEXT, reply_enhanced },
	{ "server_text", SMTPCODE_VALUE_TEXT, reply_text },
	{ "read_from", SMTPCODE_VALUE_TEXT, reply_source },
	{ "in_reply_to", SMTPCODE_VALUE_TEXT, reply_command },
	{ "provider", SMTPCODE_VALUE_TEXT, reply_provider },
	{ "marker", SMTPCODE_VALUE_TEXT, reply_marker },
	{ "agreement", SMTPCODE_VALUE_TEXT, reply_agreement },
	{ "verdict", SMTPCODE_VALUE_TEXT, reply_verdict },
	{ "decided_by", SMTPCODE_VALUE_TEXT, reply_decided_by },
	{ "registered", SMTPCODE_VALUE_BOOL, reply_registered },
	{ "incomplete", SMTPCODE_VALUE_BOOL, reply_incomplete },
	{ "truncated", SMTPCODE_VALUE_BOOL, reply_truncated },
	{ "reason", SMTPCODE_VALUE_TEXT, reply_reason },
	{ "reason_words", SMTPCODE_VALUE_TEXT, reply_reason_words },
	{ "meaning", SMTPCODE_VALUE_TEXT, reply_meaning },
	{ "provider_name", SMTPCODE_VALUE_TEXT, reply_provider_name },
	{ "provider_source", SMTPCODE_VALUE_TEXT, reply_rule_source },
	{ "provider_checked", SMTPCODE_VALUE_TEXT, reply_checked },
	{ "blocklist", SMTPCODE_VALUE_TEXT, reply_blocklist },
	{ "delist", SMTPCODE_VALUE_TEXT, reply_delist },
	{ "advice", SMTPCODE_VALUE_TEXT, reply_advice },
	{ "known", SMTPCODE_VALUE_BOOL, reply_known },
	{ "recipient", SMTPCODE_VALUE_TEXT, reply_recipient }
};

#define NREPLY_FIELDS	(sizeof(reply_fields) / sizeof(reply_fields[0]))

/*
 * The fields of a scan row.  Most are a string of the row; those get a
 * one-line getter (str), the rest one that composes (get).  In the row
 * of what found the table full, the key fields read "other".
 */
struct scan_field {
	const char	*name;
	enum smtpcode_value_type type;
	int		 key;	/* a field --by can key on, or the count */
	const char	*(*str)(const struct smtpcode_scan_record *);
	struct smtpcode_value (*get)(const struct smtpcode_scan_record *,
	    char *, size_t);
};

static const char *
label_of(const struct smtpcode_entry *e)
{
	return e != NULL ? e->label : "";
}

static const char *
scan_basic(const struct smtpcode_scan_record *r)
{
	return label_of(r->basic);
}

static const char *
scan_enhanced(const struct smtpcode_scan_record *r)
{
	return label_of(r->enhanced);
}

static const char *
scan_verdict(const struct smtpcode_scan_record *r)
{
	return r->by != NULL && r->row->verdict_keyed ?
	    smtpcode_verdict_name(r->row->verdict) : "";
}

static const char *
scan_name(const struct smtpcode_scan_record *r)
{
	return r->named != NULL ? r->named->name : "";
}

static const char *
scan_reason(const struct smtpcode_scan_record *r)
{
	return r->row->reason != NULL ? r->row->reason->id : "";
}

static const char *
scan_direction(const struct smtpcode_scan_record *r)
{
	return r->row->direction_keyed ?
	    smtpcode_direction_name(r->row->direction) : "";
}

static const char *
scan_provider(const struct smtpcode_scan_record *r)
{
	return r->row->provider != NULL ? r->row->provider->id : "";
}

static const char *
scan_domain(const struct smtpcode_scan_record *r)
{
	return r->row->domain;
}

static const char *
scan_recipient(const struct smtpcode_scan_record *r)
{
	return r->row->recipient;
}

static const char *
scan_relay(const struct smtpcode_scan_record *r)
{
	return r->row->relay;
}

static struct smtpcode_value
scan_count(const struct smtpcode_scan_record *r, char *buf, size_t size)
{
	snprintf(buf, size, "%llu", r->row->count);
	return text(buf);
}

static struct smtpcode_value
scan_class(const struct smtpcode_scan_record *r, char *buf, size_t size)
{
	if (r->by == NULL)
		return text("");
	snprintf(buf, size, "%d", r->by->class_digit);
	return text(buf);
}

/* The pair, "550 5.1.1", as the code key's column gives it. */
static struct smtpcode_value
scan_code(const struct smtpcode_scan_record *r, char *buf, size_t size)
{
	snprintf(buf, size, "%s%s%s", label_of(r->basic), r->basic != NULL &&
	    r->enhanced != NULL ? " " : "", label_of(r->enhanced));
	return text(buf);
}

static struct smtpcode_value
scan_texts(const struct smtpcode_scan_record *r, char *buf, size_t size)
{
	struct smtpcode_value v;

	(void)buf;
	(void)size;
	v.text = r->texts != NULL ? r->texts : "";
	v.len = r->texts != NULL ? r->texts_len : 0;
	v.type = SMTPCODE_VALUE_LINES;
	return v;
}

/*
 * The fields of a scan row, in the default TSV column order (count to
 * direction: a stable contract); a grouped summary's columns are its
 * keys' fields, then count, each named as its key.
 */
static const struct scan_field scan_fields[] = {
	{ "count", SMTPCODE_VALUE_NUMBER, 1, NULL, scan_count },
	{ "basic_code", SMTPCODE_VALUE_TEXT, 1, scan_basic, NULL },
	{ "enhanced_code", SMTPCODE_VALUE_TEXT, 0, scan_enhanced, NULL },
	{ "class", SMTPCODE_VALUE_TEXT, 0, NULL, scan_class },
	{ "verdict", SMTPCODE_VALUE_TEXT, 0, scan_verdict, NULL },
	{ "name", SMTPCODE_VALUE_TEXT, 0, scan_name, NULL },
	{ "reason", SMTPCODE_VALUE_TEXT, 1, scan_reason, NULL },
	{ "direction", SMTPCODE_VALUE_TEXT, 1, scan_direction, NULL },
	{ "code", SMTPCODE_VALUE_TEXT, 1, NULL, scan_code },
	{ "domain", SMTPCODE_VALUE_TEXT, 1, scan_domain, NULL },
	{ "recipient", SMTPCODE_VALUE_TEXT, 1, scan_recipient, NULL },
	{ "relay", SMTPCODE_VALUE_TEXT, 1, scan_relay, NULL },
	{ "provider", SMTPCODE_VALUE_TEXT, 1, scan_provider, NULL },
	{ "texts", SMTPCODE_VALUE_LINES, 0, NULL, scan_texts }
};

#define NSCAN_FIELDS	(sizeof(scan_fields) / sizeof(scan_fields[0]))

/*
 * The value of field i of a scan row.  buf (size bytes) holds a value
 * that has to be composed; the result may point into it.
 */
struct smtpcode_value
smtpcode_scan_value(const struct smtpcode_scan_record *record, size_t i,
    char *buf, size_t size)
{
	struct smtpcode_value v;

	if (i >= NSCAN_FIELDS)
		return text("");
	if (record->row->other && i > 0)
		return text(scan_fields[i].key ? "other" : "");
	if (scan_fields[i].str != NULL)
		v = text(scan_fields[i].str(record));
	else
		v = scan_fields[i].get(record, buf, size);
	v.type = scan_fields[i].type;
	return v;
}

static const size_t field_counts[] = { NCODE_FIELDS, NREPLY_FIELDS,
    NSCAN_FIELDS };

size_t
smtpcode_field_count(enum smtpcode_record record)
{
	return (size_t)record < 3 ? field_counts[record] : 0;
}

/* The name of field i of a record, or NULL past the last. */
const char *
smtpcode_field_name(enum smtpcode_record record, size_t i)
{
	if (i >= smtpcode_field_count(record))
		return NULL;
	if (record == SMTPCODE_RECORD_SCAN)
		return scan_fields[i].name;
	return record == SMTPCODE_RECORD_CODE ? code_fields[i].name :
	    reply_fields[i].name;
}

/* The index of the field called name, or -1 if the record has none. */
int
smtpcode_field_index(enum smtpcode_record record, const char *name)
{
	size_t i;

	for (i = 0; i < smtpcode_field_count(record); i++)
		if (strcmp(smtpcode_field_name(record, i), name) == 0)
			return (int)i;
	return -1;
}

/*
 * The value of field i of a code record.  buf (size bytes) holds a
 * value that has to be composed; the result may point into it.
 */
struct smtpcode_value
smtpcode_code_value(const struct smtpcode_entry *entry, size_t i, char *buf,
    size_t size)
{
	struct smtpcode_value v;

	if (i >= NCODE_FIELDS)
		return text("");
	v = code_fields[i].get(entry, buf, size);
	v.type = code_fields[i].type;
	return v;
}

struct smtpcode_value
smtpcode_reply_value(const struct smtpcode_reply_view *view, size_t i,
    char *buf, size_t size)
{
	struct smtpcode_value v;

	if (i >= NREPLY_FIELDS)
		return text("");
	v = reply_fields[i].get(view, buf, size);
	v.type = reply_fields[i].type;
	return v;
}

/*
 * The value of field i of a record of any kind: record is a struct
 * smtpcode_entry for a code, a struct smtpcode_reply_view for a reply,
 * a struct smtpcode_scan_record for a scan row.
 */
struct smtpcode_value
smtpcode_record_value(enum smtpcode_record kind, const void *record,
    size_t i, char *buf, size_t size)
{
	if (kind == SMTPCODE_RECORD_CODE)
		return smtpcode_code_value(record, i, buf, size);
	if (kind == SMTPCODE_RECORD_SCAN)
		return smtpcode_scan_value(record, i, buf, size);
	return smtpcode_reply_value(record, i, buf, size);
}
