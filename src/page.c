/* SPDX-License-Identifier: ISC */
/* page.c -- render the page of one code, basic or enhanced, as text */

#include <stdio.h>
#include <string.h>

#include "render.h"
#include "rules.h"

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
#define PAGE_FIELDS_MAX	9

/* The composed values of a page's fields. */
struct page_cells {
	char	class[LAYOUT_CELL_SIZE];
	char	digits[LAYOUT_CELL_SIZE];
	char	stages[LAYOUT_CELL_SIZE];
	char	actors[LAYOUT_CELL_SIZE];
	char	verdict[LAYOUT_CELL_SIZE];
};

struct field {
	const char	*label;
	const char	*value;
};

/* "4xx transient negative" for 421. */
void
page_class(char *buf, size_t size, int code)
{
	snprintf(buf, size, "%dxx %s", code / 100, smtpcode_class_name(code));
}

/* The three prose fields, shared by code pages and compare pages. */
void
page_prose(FILE *fp, const struct smtpcode_entry *entry, size_t width)
{
	layout_field(fp, "Description", entry->description, width);
	layout_field(fp, "When you see it", entry->when, width);
	layout_field(fp, "How to fix", entry->fix, width);
}

/* "421 Service not available", wrapped like any paragraph. */
void
page_title(FILE *fp, const struct smtpcode_entry *entry, size_t width)
{
	char rest[LAYOUT_CELL_SIZE];

	snprintf(rest, sizeof(rest), "%s%s", entry->name,
	    entry->deprecated ? " (deprecated)" : "");
	layout_code(fp, entry->label, entry->class_digit);
	putc(' ', fp);
	layout_text(fp, rest, strlen(entry->label) + 1, 4, width);
}

static void
page_digits(char *buf, size_t size, int code)
{
	snprintf(buf, size, "%d = %s, %d = %s, %d = %s",
	    code / 100, smtpcode_digit_meaning(code, 0),
	    code / 10 % 10, smtpcode_digit_meaning(code, 1),
	    code % 10, smtpcode_digit_meaning(code, 2));
}

/*
 * The verdict a code gives on its own.  A registry row (class X) is
 * judged as the permanent failure it can be.
 */
void
page_verdict(char *buf, size_t size, const struct smtpcode_entry *entry)
{
	struct smtpcode_entry as_permanent;

	if (entry->class_digit != 0) {
		snprintf(buf, size, "%s", smtpcode_verdict_text(
		    smtpcode_verdict(entry, NULL)));
		return;
	}
	if ((entry->classes & SMTPCODE_CLASS_BIT(5)) == 0) {
		snprintf(buf, size, "%s", "no bounce: the code is not meant "
		    "for permanent failures");
		return;
	}
	as_permanent = *entry;
	as_permanent.class_digit = 5;
	snprintf(buf, size, "as 5%s, %s", entry->label + 1,
	    smtpcode_verdict_text(smtpcode_verdict(&as_permanent, NULL)));
}

static size_t
basic_fields(struct field *fields, struct page_cells *c,
    const struct smtpcode_entry *entry, const char *verdict_label)
{
	page_class(c->class, sizeof(c->class), entry->code);
	page_digits(c->digits, sizeof(c->digits), entry->code);
	smtpcode_join_stages(c->stages, sizeof(c->stages), entry->stages);
	smtpcode_join_actors(c->actors, sizeof(c->actors), entry->actors);
	page_verdict(c->verdict, sizeof(c->verdict), entry);

	fields[0] = (struct field){ "Class", c->class };
	fields[1] = (struct field){ "Digits", c->digits };
	fields[2] = (struct field){ "Retry",
	    smtpcode_retry_text(entry->retry, SMTPCODE_FORM_LONG) };
	fields[3] = (struct field){ "Who acts",
	    *c->actors != '\0' ? c->actors : "nobody" };
	fields[4] = (struct field){ "Stage",
	    *c->stages != '\0' ? c->stages : UNKNOWN_STAGE };
	fields[5] = (struct field){ "Defined in",
	    *entry->rfc != '\0' ? entry->rfc : UNREGISTERED_RFC };
	fields[6] = (struct field){ "Enhanced codes",
	    *entry->enhanced != '\0' ? entry->enhanced : "none" };
	fields[7] = (struct field){ verdict_label, c->verdict };
	return 8;
}

/* "2, 4 or 5" for a set of class bits. */
static void
page_classes(char *buf, size_t size, unsigned classes)
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
}

/* Which classes the code is meant for, and whether this one is among them. */
static void
page_meant_for(char *buf, size_t size, const struct smtpcode_entry *entry)
{
	char classes[LAYOUT_CELL_SIZE];

	if (entry->classes == 0) {
		snprintf(buf, size, "not known: the code is not registered");
		return;
	}
	page_classes(classes, sizeof(classes), entry->classes);
	if (entry->class_digit == 0 ||
	    (entry->classes & SMTPCODE_CLASS_BIT(entry->class_digit)) != 0)
		snprintf(buf, size, "%s", classes);
	else
		snprintf(buf, size, "%s; %s uses it in another class, which "
		    "its RFC does not foresee", classes, entry->label);
}

/* "5 permanent failure", or what X stands for. */
void
page_status_class(char *buf, size_t size, int class_digit)
{
	if (class_digit == 0)
		snprintf(buf, size, "X: the registry lists the code for "
		    "every class; a reply writes 2, 4 or 5 in its place");
	else
		snprintf(buf, size, "%d %s", class_digit,
		    smtpcode_status_class_name(class_digit));
}

static size_t
status_fields(struct field *fields, struct page_cells *c,
    const struct smtpcode_entry *entry, const char *verdict_label)
{
	int subject;

	subject = entry->code / 1000;
	page_status_class(c->class, sizeof(c->class), entry->class_digit);
	snprintf(c->digits, sizeof(c->digits), "%d %s", subject,
	    smtpcode_subject_name(subject));
	page_meant_for(c->stages, sizeof(c->stages), entry);
	smtpcode_join_actors(c->actors, sizeof(c->actors), entry->actors);
	page_verdict(c->verdict, sizeof(c->verdict), entry);

	fields[0] = (struct field){ "Class", c->class };
	fields[1] = (struct field){ "Subject", c->digits };
	fields[2] = (struct field){ "Meant for", c->stages };
	fields[3] = (struct field){ "Retry", entry->class_digit == 0 ?
	    ANY_CLASS_RETRY : smtpcode_retry_text(entry->retry,
	    SMTPCODE_FORM_LONG) };
	fields[4] = (struct field){ "Who acts",
	    *c->actors != '\0' ? c->actors : "nobody" };
	fields[5] = (struct field){ "Defined in",
	    *entry->rfc != '\0' ? entry->rfc : UNREGISTERED_STATUS };
	fields[6] = (struct field){ "Registry", *entry->rfc == '\0' ?
	    "not registered" : entry->deprecated ? DEPRECATED : "registered" };
	fields[7] = (struct field){ "Basic codes",
	    *entry->basic != '\0' ? entry->basic : *entry->rfc != '\0' ?
	    "none given by the registry" : "none registered" };
	fields[8] = (struct field){ verdict_label, c->verdict };
	return 9;
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
 * A line for each provider that gives the code a meaning of its own,
 * where that is documented and when smtpcode last checked it.
 */
static void
page_providers(FILE *fp, const struct smtpcode_entry *entry, size_t width)
{
	const struct smtpcode_provider *providers;
	const struct smtpcode_rule *rules;
	char line[LAYOUT_LINE_SIZE];
	size_t i, n, np;

	rules = smtpcode_rules(&n);
	providers = smtpcode_providers(&np);
	for (i = 0; i < n; i++) {
		if (!rule_names_code(&rules[i], entry))
			continue;
		snprintf(line, sizeof(line), "%s: %s (%s %s%s%s)",
		    providers[rules[i].provider].name, rules[i].meaning,
		    *rules[i].checked != '\0' ? "documented at" : "from the "
		    "provider's replies; its page", rules[i].source,
		    *rules[i].checked != '\0' ? ", checked " : " not yet "
		    "read", rules[i].checked);
		layout_field(fp, "Provider", line, width);
	}
}

/*
 * Write a code's page with its verdict under verdict_label: a reply's
 * page shows its codes' pages, whose verdicts are not the reply's.
 */
void
page_render(FILE *fp, const struct smtpcode_entry *entry, size_t w,
    const char *verdict_label)
{
	struct page_cells cells;
	struct field fields[PAGE_FIELDS_MAX];
	size_t i, n;

	if (entry->kind == SMTPCODE_ENHANCED)
		n = status_fields(fields, &cells, entry, verdict_label);
	else
		n = basic_fields(fields, &cells, entry, verdict_label);
	page_title(fp, entry, w);
	for (i = 0; i < n; i++)
		layout_field(fp, fields[i].label, fields[i].value, w);
	page_providers(fp, entry, w);
	page_prose(fp, entry, w);
}

/*
 * Write the page of one code, basic or enhanced: a title line, then one
 * labelled field a line (wrapped to width when width is not 0).  Return
 * -1 if writing failed, 0 otherwise.
 */
int
smtpcode_render_page(FILE *fp, const struct smtpcode_entry *entry,
    int width)
{
	page_render(fp, entry, width > 0 ? (size_t)width : 0, "Verdict");
	return ferror(fp) ? -1 : 0;
}

/* The class of a list line, in one word. */
static const char *const line_classes[6] = {
	"any class", "", "success", "intermediate", "transient", "permanent"
};

/* "permanent" for 550 or 5.1.1, "any class" for X.1.1. */
const char *
smtpcode_line_class(const struct smtpcode_entry *entry)
{
	return line_classes[entry->class_digit];
}

/*
 * Write a code as one line of a list: the code, its class in a word and
 * its name, in columns, so that grep and cut -c find them.
 */
void
smtpcode_render_line(FILE *fp, const struct smtpcode_entry *entry)
{
	layout_code(fp, entry->label, entry->class_digit);
	fprintf(fp, "%*s%-14s%s%s\n", (int)(8 - strlen(entry->label)), "",
	    line_classes[entry->class_digit], entry->name,
	    entry->deprecated ? " (deprecated)" : "");
}
