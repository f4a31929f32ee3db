/* SPDX-License-Identifier: ISC */
/* compare.c -- render the difference page of two or more codes */

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "render.h"

#define ANY_CLASS	"depends on the class"
#define NO_STAGE	"no stage of its own: it comes with a basic code"

/* A sentence under construction; it truncates rather than overflows. */
struct line {
	char	text[LAYOUT_LINE_SIZE];
	size_t	len;
};

/* The retry advice of a code; a registry row's depends on its class. */
static const char *
retry_text(const struct smtpcode_entry *entry, enum smtpcode_retry_form form)
{
	if (entry->class_digit == 0)
		return ANY_CLASS;
	return smtpcode_retry_text(entry->retry, form);
}

static int
is_basic(const struct smtpcode_entry *entry)
{
	return entry->kind == SMTPCODE_BASIC;
}

/* Whether some of the n codes are of the given kind. */
static int
any_kind(const struct smtpcode_entry *entries, size_t n,
    enum smtpcode_kind kind)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (entries[i].kind == kind)
			return 1;
	return 0;
}

/*
 * Whether some of the n codes have a text of field f: rows that only
 * one kind of code has need a code of that kind.
 */
static int
shown(const struct field *f, const struct smtpcode_entry *entries, size_t n)
{
	char buf[LAYOUT_CELL_SIZE];
	size_t i;

	for (i = 0; i < n; i++)
		if (field_text(f, &entries[i], 1, buf, sizeof(buf)) != NULL)
			return 1;
	return 0;
}

static void
append(struct line *line, const char *fmt, ...)
{
	va_list ap;
	size_t room;
	int n;

	room = sizeof(line->text) - line->len;
	va_start(ap, fmt);
	n = vsnprintf(line->text + line->len, room, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	line->len += (size_t)n < room ? (size_t)n : room - 1;
}

static void
clear(struct line *line)
{
	line->len = 0;
	line->text[0] = '\0';
}

/* Fill a row of field f with what line says; return 1, the row is kept. */
static int
set_row(struct compare_row *row, const struct field *f,
    const struct line *line)
{
	row->field = f->name;
	row->label = f->label;
	row->per_code = 0;
	memcpy(row->text, line->text, line->len + 1);
	row->difference = row->text;
	return 1;
}

/* "both" for two codes, "all 3" for more. */
static void
append_all(struct line *line, size_t n)
{
	if (n == 2)
		append(line, "both");
	else
		append(line, "all %zu", n);
}

/* What goes before item k of count: "", ", ", or last before the last. */
static const char *
list_separator(size_t k, size_t count, const char *last)
{
	return k == 0 ? "" : k + 1 == count ? last : ", ";
}

/* The most fields a comparison walks: the table's rows and its aspects. */
#define COMPARE_FIELDS_MAX	32

/* The fields of a comparison, in its order; return how many. */
static size_t
compare_fields(const struct field **rows)
{
	const struct field *table;
	size_t i, n, count, place;

	table = fields_table(&n);
	count = 0;
	for (place = 1; place < n; place++)
		for (i = 0; i < n && count < COMPARE_FIELDS_MAX; i++)
			if ((table[i].records & FIELD_COMPARE) != 0 &&
			    table[i].compare == place)
				rows[count++] = &table[i];
	return count;
}

/*
 * The cells of a table row, field f: its label, then each code's short
 * text, "-" where f is not a field of that code's kind.  Return 0 when
 * the table has no such row: no code has the field.
 */
static int
table_cells(const char **cells, char (*bufs)[LAYOUT_CELL_SIZE],
    const struct field *f, const struct smtpcode_entry *entries, size_t n)
{
	size_t i;

	if (f->text == NULL || !shown(f, entries, n))
		return 0;
	cells[0] = f->label != NULL ? f->label : "";
	for (i = 0; i < n; i++)
		if ((cells[i + 1] = field_text(f, &entries[i], 1, bufs[i],
		    LAYOUT_CELL_SIZE)) == NULL)
			cells[i + 1] = "-";
	return 1;
}

/*
 * The table: a column a code, a row each field that a comparison shows,
 * in its order, as the cells' short texts.
 */
static void
write_table(const struct smtpcode_out *o, const struct smtpcode_entry *entries,
    size_t n)
{
	char bufs[SMTPCODE_COMPARE_MAX][LAYOUT_CELL_SIZE];
	const char *cells[SMTPCODE_COMPARE_MAX + 1];
	size_t natural[SMTPCODE_COMPARE_MAX + 1];
	size_t colw[SMTPCODE_COMPARE_MAX + 1];
	const struct field *rows[COMPARE_FIELDS_MAX];
	size_t i, k, w, count, avail;

	count = compare_fields(rows);
	for (i = 0; i <= n; i++)
		natural[i] = 0;
	for (k = 0; k < count; k++) {
		if (!table_cells(cells, bufs, rows[k], entries, n))
			continue;
		for (i = 0; i <= n; i++)
			if ((w = layout_width(cells[i], strlen(cells[i]))) >
			    natural[i])
				natural[i] = w;
	}
	colw[0] = natural[0];
	avail = o->width > natural[0] + 2 * n ? o->width - natural[0] - 2 * n :
	    0;
	if (o->width == 0)
		memcpy(colw + 1, natural + 1, n * sizeof(natural[0]));
	else
		layout_columns(colw + 1, natural + 1, n, avail);
	for (k = 0; k < count; k++)
		if (table_cells(cells, bufs, rows[k], entries, n))
			layout_row(o, cells, colw, n + 1);
}

static size_t
count_marked(const int *marked, size_t n)
{
	size_t i, count;

	count = 0;
	for (i = 0; i < n; i++)
		count += marked[i] != 0;
	return count;
}

/* Write the marked codes as "421", "421 and 450" or "421, 450 and 451". */
static void
append_codes(struct line *line, const struct smtpcode_entry *entries,
    const int *marked, size_t n)
{
	size_t i, count, k;

	count = count_marked(marked, n);
	for (i = 0, k = 0; i < n; i++) {
		if (!marked[i])
			continue;
		append(line, "%s%s", list_separator(k++, count, " and "),
		    entries[i].label);
	}
}

/* Append " Only 421 <what>." when some, but not all, codes are marked. */
static void
append_only(struct line *line, const struct smtpcode_entry *entries,
    const int *marked, size_t n, const char *what)
{
	size_t count;

	count = count_marked(marked, n);
	if (count == 0 || count == n)
		return;
	append(line, " Only ");
	append_codes(line, entries, marked, n);
	append(line, " %s.", what);
}

/*
 * Say how one attribute compares: "same for both: V." when every code
 * has the same value, else one clause a distinct value, naming the codes
 * that have it: "<before>421<one>V1; <before>550 and 553<many>V2."
 * Return whether the values were all the same.
 */
static int
append_values(struct line *line, const struct smtpcode_entry *entries,
    const char *const *values, size_t n, const char *before,
    const char *one, const char *many)
{
	int done[SMTPCODE_COMPARE_MAX] = { 0 };
	int same[SMTPCODE_COMPARE_MAX];
	size_t i, j, count;

	for (i = 1; i < n && strcmp(values[i], values[0]) == 0; i++)
		continue;
	if (i == n) {
		append(line, "same for ");
		append_all(line, n);
		append(line, ": %s.", values[0]);
		return 1;
	}
	for (i = 0; i < n; i++) {
		if (done[i])
			continue;
		count = 0;
		for (j = 0; j < n; j++) {
			same[j] = !done[j] && strcmp(values[j], values[i]) == 0;
			done[j] |= same[j];
			count += same[j];
		}
		append(line, "%s%s", i > 0 ? "; " : "", before);
		append_codes(line, entries, same, n);
		append(line, "%s%s", count > 1 ? many : one, values[i]);
	}
	append(line, ".");
	return 0;
}

/*
 * Say how bit sets compare.  Two codes with a set each are told apart
 * by what they share and what only one has: "shared: X; only 421: Y;
 * only 553: Z."; otherwise each code is named with its whole set, as
 * append_values does, none standing for the empty set.  join names the
 * bits.  Return whether the sets were all the same.
 */
static int
append_sets(struct line *line, const struct smtpcode_entry *entries,
    const unsigned *sets, size_t n, enum smtpcode_bits list,
    const char *none, const char *before, const char *one)
{
	char names[SMTPCODE_COMPARE_MAX][LAYOUT_CELL_SIZE];
	const char *values[SMTPCODE_COMPARE_MAX];
	unsigned only;
	size_t i;
	int parts;

	if (n != 2 || sets[0] == 0 || sets[1] == 0 || sets[0] == sets[1]) {
		for (i = 0; i < n; i++) {
			smtpcode_join(names[i], sizeof(names[i]), list,
			    sets[i], 0);
			values[i] = *names[i] != '\0' ? names[i] : none;
		}
		return append_values(line, entries, values, n, before, one,
		    one);
	}
	parts = 0;
	if ((sets[0] & sets[1]) != 0) {
		smtpcode_join(names[0], sizeof(names[0]), list,
		    sets[0] & sets[1], 0);
		append(line, "shared: %s", names[0]);
		parts++;
	}
	for (i = 0; i < 2; i++) {
		if ((only = sets[i] & ~sets[1 - i]) == 0)
			continue;
		smtpcode_join(names[0], sizeof(names[0]), list, only, 0);
		append(line, "%sonly %s: %s", parts++ > 0 ? "; " : "",
		    entries[i].label, names[0]);
	}
	append(line, ".");
	return 0;
}

/* Whether every code has the same class digit (0 for X). */
static int
same_class(const struct smtpcode_entry *entries, size_t n)
{
	size_t i;

	for (i = 1; i < n; i++)
		if (entries[i].class_digit != entries[0].class_digit)
			return 0;
	return 1;
}

/* "MAIL FROM, RCPT TO or end of data": the stages of a code. */
static void
append_stage_list(struct line *line, unsigned stages)
{
	char name[LAYOUT_CELL_SIZE];
	size_t count, k;
	unsigned bit;
	int i;

	count = 0;
	for (i = 0; i < SMTPCODE_NSTAGES; i++)
		count += (stages >> i & 1u) != 0;
	for (i = 0, k = 0; i < SMTPCODE_NSTAGES; i++) {
		bit = 1u << i;
		if ((stages & bit) == 0)
			continue;
		smtpcode_join(name, sizeof(name), SMTPCODE_BITS_STAGES, bit, 0);
		append(line, "%s%s%s", list_separator(k++, count, " or "),
		    bit == SMTPCODE_STAGE_CONNECT ? "the " : "", name);
	}
}

/* Room for the reply codes an enhanced code comes with. */
#define PARTNERS_MAX	64

/*
 * The reply codes an enhanced code comes with, into items: the codes
 * the registry lists for it and the codes whose data lists it, of its
 * class (smtpcode_pairing), a class the registry allows whole named as
 * "any 4xx code".  Return how many.
 */
static size_t
reply_partners(const char **items, const struct smtpcode_entry *entry)
{
	static const char *const whole[6] = {
		"", "", "any 2xx code", "", "any 4xx code", "any 5xx code"
	};
	const struct smtpcode_entry *table;
	enum smtpcode_pairing pairing;
	char wildcard[4];
	size_t i, count, size;
	int digit, open[6] = { 0 };

	if (smtpcode_list_has(entry->basic, "any", 3)) {
		items[0] = entry->class_digit == 0 ? "any reply code" :
		    whole[entry->class_digit];
		return 1;
	}
	count = 0;
	for (digit = 2; digit <= 5; digit++) {
		snprintf(wildcard, sizeof(wildcard), "%dxx", digit);
		if (*whole[digit] == '\0' ||
		    (entry->class_digit != 0 && entry->class_digit != digit) ||
		    !smtpcode_list_has(entry->basic, wildcard, 3))
			continue;
		open[digit] = 1;
		items[count++] = whole[digit];
	}
	table = smtpcode_table(&size);
	for (i = 0; i < size && count < PARTNERS_MAX; i++) {
		if (open[table[i].class_digit])
			continue;
		pairing = smtpcode_pairing(&table[i], entry);
		if (pairing == SMTPCODE_PAIR_REGISTERED ||
		    pairing == SMTPCODE_PAIR_USUAL)
			items[count++] = table[i].label;
	}
	return count;
}

/*
 * What a code means and when it comes, in a line: its name, then the
 * stages at which servers send a reply code, or the reply codes an
 * enhanced code comes with.  The page's prose has the rest.
 */
static void
append_meaning(struct line *line, const struct smtpcode_entry *entry)
{
	const char *items[PARTNERS_MAX];
	size_t i, count;

	append(line, "%s; ", entry->name);
	if (is_basic(entry) && entry->stages == 0)
		append(line, "no RFC says when servers send it");
	else if (is_basic(entry)) {
		append(line, "servers send it at ");
		append_stage_list(line, entry->stages);
	} else if ((count = reply_partners(items, entry)) == 0)
		append(line, "no reply code is registered or commonly sent "
		    "with it");
	else {
		append(line, "servers send it with ");
		for (i = 0; i < count; i++)
			append(line, "%s%s", list_separator(i, count, " or "),
			    items[i]);
	}
	append(line, ".");
}

/* The action of a permanent failure, by what it means for the address. */
#define HARD_ACTION \
	"Remove the address: it or its domain is bad, and every resend " \
	"fails; send again only to an address the recipient confirms."
#define SOFT_ACTION \
	"Fix the cause, then send again: the address can be good, but " \
	"the message fails until something changes."

/*
 * What to do about a code, as one line: a permanent failure by its
 * verdict (remove a bad address, or fix the cause), any other code by
 * its retry advice (nothing, wait, or fix first), and a registry row
 * by each class it can come in.
 */
static void
append_action(struct line *line, const struct smtpcode_entry *entry)
{
	struct smtpcode_entry as;
	int digit, k;

	if (entry->class_digit == 0) {
		append(line, "It depends on the class it comes in:");
		as = *entry;
		for (digit = 2, k = 0; digit <= 5; digit++) {
			if ((entry->classes & SMTPCODE_CLASS_BIT(digit)) == 0)
				continue;
			as.class_digit = digit;
			append(line, "%s after %d, ", k++ > 0 ? ";" : "",
			    digit);
			append(line, "%s", digit == 2 ? "nothing" :
			    digit == 4 ? "wait for the retries" :
			    smtpcode_verdict(&as, NULL) ==
			    SMTPCODE_VERDICT_HARD ? "remove the address" :
			    "fix the cause, then send again");
		}
		append(line, ".");
		return;
	}
	switch (smtpcode_verdict(entry, NULL)) {
	case SMTPCODE_VERDICT_HARD:
		append(line, "%s", HARD_ACTION);
		break;
	case SMTPCODE_VERDICT_SOFT:
		append(line, "%s", SOFT_ACTION);
		break;
	default:
		append(line, "%s", smtpcode_retry_text(entry->retry,
		    SMTPCODE_FORM_ACTION));
		break;
	}
}

/*
 * Fill a row of a line a code, made by each: the page writes them
 * under the codes' labels, TSV and JSON as the codes' values, and the
 * row's text joins them as "421: ... 553: ...".
 */
static int
set_each_row(struct compare_row *row, const struct field *f,
    const struct smtpcode_entry *entries, size_t n,
    void (*each)(struct line *, const struct smtpcode_entry *))
{
	struct line line = { "", 0 };
	size_t i;

	for (i = 0; i < n; i++) {
		append(&line, "%s%s: ", i > 0 ? " " : "", entries[i].label);
		row->each[i].off = line.len;
		each(&line, &entries[i]);
		row->each[i].len = line.len - row->each[i].off;
	}
	set_row(row, f, &line);
	row->per_code = 1;
	row->same = 0;
	return 1;
}

int
compare_meaning(struct compare_row *row, const struct field *f,
    const struct smtpcode_entry *entries, size_t n)
{
	return set_each_row(row, f, entries, n, append_meaning);
}

int
compare_action(struct compare_row *row, const struct field *f,
    const struct smtpcode_entry *entries, size_t n)
{
	return set_each_row(row, f, entries, n, append_action);
}

/* A row saying how the codes' values compare, as append_values does. */
static int
set_values_row(struct compare_row *row, const struct field *f,
    const struct smtpcode_entry *entries, const char *const *values,
    size_t n, const char *before, const char *one, const char *many)
{
	struct line line = { "", 0 };

	row->same = append_values(&line, entries, values, n, before, one,
	    many);
	return set_row(row, f, &line);
}

/* Class: as the table says it, or in words both kinds share. */
int
compare_class(struct compare_row *row, const struct field *f,
    const struct smtpcode_entry *entries, size_t n)
{
	static const char *const class_words[] = {
		"of any class", "", "class 2, success",
		"class 3, intermediate", "class 4, transient",
		"class 5, permanent"
	};
	char bufs[SMTPCODE_COMPARE_MAX][LAYOUT_CELL_SIZE];
	const char *values[SMTPCODE_COMPARE_MAX] = { NULL };
	size_t i;
	int mixed;

	mixed = any_kind(entries, n, SMTPCODE_BASIC) &&
	    any_kind(entries, n, SMTPCODE_ENHANCED);
	for (i = 0; i < n; i++)
		values[i] = mixed ? class_words[entries[i].class_digit] :
		    field_text(f, &entries[i], 1, bufs[i], sizeof(bufs[i]));
	return set_values_row(row, f, entries, values, n, "", " is ",
	    " are ");
}

int
compare_retry(struct compare_row *row, const struct field *f,
    const struct smtpcode_entry *entries, size_t n)
{
	const char *values[SMTPCODE_COMPARE_MAX] = { NULL };
	size_t i;

	for (i = 0; i < n; i++)
		values[i] = retry_text(&entries[i], SMTPCODE_FORM_CLAUSE);
	return set_values_row(row, f, entries, values, n, "for ", ", ", ", ");
}

/*
 * The rows that set the codes' texts of a field side by side: whether
 * a table cell's brief text, what stands for a code of the kind that
 * has no such field, and what goes between a code and its text.
 */
static const struct texts_row {
	const char	*field;
	int		 brief;
	const char	*none, *joint;
} texts_rows[] = {
	{ "subject", 1, "a basic code, with no subject", ": " },
	{ "defined_in", 1, "", " in " },
	{ "verdict", 0, "", ": " }
};

/*
 * A row comparing the codes' texts of field f, as texts_rows words it;
 * a field that only one kind of code has needs a code of that kind.
 */
int
compare_texts(struct compare_row *row, const struct field *f,
    const struct smtpcode_entry *entries, size_t n)
{
	char bufs[SMTPCODE_COMPARE_MAX][LAYOUT_CELL_SIZE];
	const char *values[SMTPCODE_COMPARE_MAX] = { NULL };
	const struct texts_row *t;
	size_t i;

	for (t = texts_rows; t < texts_rows + SMTPCODE_NELEM(texts_rows) &&
	    strcmp(t->field, f->name) != 0; t++)
		continue;
	if (t == texts_rows + SMTPCODE_NELEM(texts_rows) ||
	    !shown(f, entries, n))
		return 0;
	for (i = 0; i < n; i++)
		if ((values[i] = field_text(f, &entries[i], t->brief, bufs[i],
		    sizeof(bufs[i]))) == NULL)
			values[i] = t->none;
	return set_values_row(row, f, entries, values, n, "", t->joint,
	    t->joint);
}

int
compare_actors(struct compare_row *row, const struct field *f,
    const struct smtpcode_entry *entries, size_t n)
{
	unsigned sets[SMTPCODE_COMPARE_MAX] = { 0 };
	struct line line = { "", 0 };
	size_t i;

	for (i = 0; i < n; i++)
		sets[i] = entries[i].actors;
	row->same = append_sets(&line, entries, sets, n,
	    SMTPCODE_BITS_ACTORS, "nobody", "", ": ");
	return set_row(row, f, &line);
}

/*
 * Stages, when some code is a reply code: what the reply codes share
 * and what only one has (each code's whole list is on its meaning
 * line), then what sets a code apart: only it can be the greeting, or
 * only it can answer any command.
 */
int
compare_stages(struct compare_row *row, const struct field *f,
    const struct smtpcode_entry *entries, size_t n)
{
	char stages[SMTPCODE_COMPARE_MAX][LAYOUT_CELL_SIZE];
	const char *values[SMTPCODE_COMPARE_MAX] = { NULL };
	unsigned sets[SMTPCODE_COMPARE_MAX] = { 0 };
	struct line line = { "", 0 };
	int greeting[SMTPCODE_COMPARE_MAX] = { 0 };
	int any[SMTPCODE_COMPARE_MAX] = { 0 };
	size_t i;

	if (!shown(f, entries, n))
		return 0;
	for (i = 0; i < n; i++) {
		smtpcode_join(stages[i], sizeof(stages[i]),
		    SMTPCODE_BITS_STAGES, entries[i].stages, 0);
		values[i] = !is_basic(&entries[i]) ? NO_STAGE :
		    *stages[i] != '\0' ? stages[i] : "no known stage";
		sets[i] = entries[i].stages;
		greeting[i] = (entries[i].stages & SMTPCODE_STAGE_CONNECT) != 0;
		any[i] = (entries[i].stages & SMTPCODE_STAGE_ANY) != 0;
	}
	if (any_kind(entries, n, SMTPCODE_ENHANCED))
		row->same = append_values(&line, entries, values, n, "",
		    " at ", " at ");
	else
		row->same = append_sets(&line, entries, sets, n,
		    SMTPCODE_BITS_STAGES, "no known stage", "", " at ");
	append_only(&line, entries, greeting, n,
	    "can come as the greeting, before the client has sent anything");
	append_only(&line, entries, any, n, "can answer any command");
	return set_row(row, f, &line);
}

/* The codes a code travels with: enhanced ones, or basic ones. */
static const char *
partners(const struct smtpcode_entry *entry)
{
	return is_basic(entry) ? entry->enhanced : entry->basic;
}

/*
 * The partner codes that every compared code lists, when the codes are
 * of one kind and f is the field of their partners.  Codes of
 * different classes have none in common as a rule, so that goes
 * unsaid: the row is left empty.
 */
int
compare_common(struct compare_row *row, const struct field *f,
    const struct smtpcode_entry *entries, size_t n)
{
	struct line line = { "", 0 };
	char buf[LAYOUT_CELL_SIZE];
	const char *tok;
	size_t i, len;
	int shared, found;

	if (any_kind(entries, n, SMTPCODE_BASIC) &&
	    any_kind(entries, n, SMTPCODE_ENHANCED))
		return 0;
	if (field_text(f, &entries[0], 1, buf, sizeof(buf)) == NULL)
		return 0;
	found = 0;
	tok = partners(&entries[0]);
	while (*tok != '\0') {
		len = strcspn(tok, ",");
		shared = 1;
		for (i = 1; i < n; i++)
			shared &= smtpcode_list_has(partners(&entries[i]), tok,
			    len);
		if (shared)
			append(&line, "%s%.*s", found++ > 0 ? ", " :
			    "in common: ", (int)len, tok);
		tok += len;
		tok += strspn(tok, ", ");
	}
	if (found)
		append(&line, ".");
	else if (same_class(entries, n))
		append(&line, "none in common.");
	row->same = 0;
	return set_row(row, f, &line);
}

/*
 * For a mix of kinds: how each basic code fits each enhanced one.  A
 * pair whose classes differ never fits, and is left unsaid.
 */
int
compare_pairing(struct compare_row *row, const struct field *f,
    const struct smtpcode_entry *entries, size_t n)
{
	static const char *const how[] = {
		[SMTPCODE_PAIR_REGISTERED] = "the registry pairs them",
		[SMTPCODE_PAIR_USUAL] = "commonly sent together",
		[SMTPCODE_PAIR_UNLISTED] = ("neither the registry nor an RFC "
		    "pairs them"),
		[SMTPCODE_PAIR_CLASS] = "their classes differ"
	};
	struct line line = { "", 0 };
	enum smtpcode_pairing pairing;
	size_t i, j;
	int k;

	if (!any_kind(entries, n, SMTPCODE_BASIC) ||
	    !any_kind(entries, n, SMTPCODE_ENHANCED))
		return 0;
	k = 0;
	for (i = 0; i < n; i++) {
		if (!is_basic(&entries[i]))
			continue;
		for (j = 0; j < n; j++) {
			if (is_basic(&entries[j]))
				continue;
			pairing = smtpcode_pairing(&entries[i], &entries[j]);
			if (pairing == SMTPCODE_PAIR_CLASS)
				continue;
			append(&line, "%s%s with %s: %s", k++ > 0 ? "; " : "",
			    entries[i].label, entries[j].label, how[pairing]);
		}
	}
	if (k > 0)
		append(&line, ".");
	row->same = 0;
	return set_row(row, f, &line);
}

static int
all_same_code(const struct smtpcode_entry *entries, size_t n)
{
	size_t i;

	for (i = 1; i < n; i++)
		if (strcmp(entries[i].label, entries[0].label) != 0)
			return 0;
	return 1;
}

/*
 * Work out the differences of n codes, one row an aspect, in the order
 * of a comparison: what each code means, the aspects compared, and
 * what to do about each code.  A row with nothing worth saying has an
 * empty difference.  Return the number of rows.
 */
static size_t
differences(struct compare_row *rows, const struct smtpcode_entry *entries,
    size_t n)
{
	const struct field *fields[COMPARE_FIELDS_MAX];
	size_t k, count, nrows;

	count = compare_fields(fields);
	nrows = 0;
	for (k = 0; k < count && nrows < COMPARE_ROWS_MAX; k++)
		if (fields[k]->differ != NULL &&
		    fields[k]->differ(&rows[nrows], fields[k], entries, n))
			nrows++;
	return nrows;
}

/* The first n lines of a per-code row, each under its code's label. */
static void
write_each(const struct smtpcode_out *o, const struct compare_row *row,
    const struct smtpcode_entry *entries, size_t n)
{
	char text[LAYOUT_LINE_SIZE];
	size_t i;

	for (i = 0; i < n; i++) {
		memcpy(text, row->text + row->each[i].off, row->each[i].len);
		text[row->each[i].len] = '\0';
		layout_field(o, entries[i].label, text);
	}
}

/*
 * Key differences: what each code means, then each aspect with
 * something to say; and What to do, a line a code (the last row).  A
 * code compared with itself gets one line instead of the differences,
 * and one line of what to do.
 */
static void
write_differences(const struct smtpcode_out *o,
    const struct smtpcode_entry *entries, size_t n)
{
	struct compare_row rows[COMPARE_ROWS_MAX];
	struct line line = { "", 0 };
	size_t i, count;
	int same;

	count = differences(rows, entries, n);
	fputs("\nKey differences\n", o->fp);
	if ((same = all_same_code(entries, n))) {
		append(&line, "%s and %s are the same code: there is nothing "
		    "to tell apart.", entries[0].label, entries[0].label);
		layout_text(o, line.text, 0, 0);
	}
	for (i = 0; i + 1 < count && !same; i++) {
		if (rows[i].per_code)
			write_each(o, &rows[i], entries, n);
		else if (*rows[i].difference != '\0')
			layout_field(o, rows[i].label, rows[i].difference);
	}
	fputs("\nWhat to do\n", o->fp);
	write_each(o, &rows[count - 1], entries, same ? 1 : n);
}

static void
write_head(const struct smtpcode_out *o, const struct smtpcode_entry *entries,
    size_t n)
{
	const struct smtpcode_entry *e;
	struct line line = { "", 0 };
	size_t i;

	append(&line, "SMTP");
	for (i = 0; i < n; i++)
		append(&line, "%s %s %s", i > 0 ? " vs" : "", entries[i].label,
		    entries[i].name);
	layout_text(o, line.text, 0, 4);
	putc('\n', o->fp);
	for (i = 0; i < n; i++) {
		e = &entries[i];
		clear(&line);
		if (e->class_digit == 0)
			append(&line, "%s (%s) is the registry's entry, valid "
			    "in every class.", e->label, e->name);
		else if (is_basic(e))
			append(&line, "%s (%s) is a %dxx %s reply: %s.",
			    e->label, e->name, e->code / 100,
			    smtpcode_class_name(e->code),
			    smtpcode_class_summary(e->code));
		else
			append(&line, "%s (%s) is an enhanced status code of "
			    "class %d, %s: %s.", e->label, e->name,
			    e->class_digit,
			    smtpcode_status_class_name(e->class_digit),
			    smtpcode_class_summary(e->class_digit * 100));
		layout_text(o, line.text, 0, 0);
	}
}

/*
 * The aspects of a comparison as rows, for TSV and JSON: those of the
 * page, each with the field it compares and what the page says of it,
 * which is "" for every row when all the codes are the same code.
 * rows needs COMPARE_ROWS_MAX entries.  Return the number of rows, 0 if
 * n is out of range.
 */
size_t
compare_rows(struct compare_row *rows, const struct smtpcode_entry *entries,
    size_t n)
{
	size_t i, count;

	if (n < 2 || n > SMTPCODE_COMPARE_MAX)
		return 0;
	count = differences(rows, entries, n);
	if (all_same_code(entries, n))
		for (i = 0; i < count; i++)
			rows[i].difference = "";
	return count;
}

/*
 * The value of the j-th code in a row: its line in a per-code row, or
 * the code's own value of the field the row compares (buf, size bytes,
 * may hold it).  Return 0 when the code has no such value (the row
 * compares something that is no field of a code), 1 otherwise.
 */
int
compare_value(const struct compare_row *row,
    const struct smtpcode_entry *entry, size_t j, char *buf, size_t size,
    struct smtpcode_value *value)
{
	int field;

	if (row->per_code) {
		value->text = row->text + row->each[j].off;
		value->len = row->each[j].len;
		value->type = SMTPCODE_VALUE_TEXT;
		return 1;
	}
	if ((field = smtpcode_field_index(SMTPCODE_RECORD_CODE,
	    row->field)) < 0)
		return 0;
	*value = smtpcode_code_value(entry, (size_t)field, buf, size);
	return 1;
}

/*
 * Write the comparison of n codes for scripts, as format says: its
 * head, then each row with each code's value.  Return -1 if n is out of
 * range or writing failed, 0 otherwise.
 */
int
compare_write(FILE *fp, const struct smtpcode_entry *entries, size_t n,
    const struct compare_format *format)
{
	struct compare_row rows[COMPARE_ROWS_MAX];
	struct smtpcode_value value;
	char buf[SMTPCODE_VALUE_SIZE];
	size_t i, j, count;

	if ((count = compare_rows(rows, entries, n)) == 0)
		return -1;
	format->head(fp, entries, n);
	for (i = 0; i < count; i++) {
		fprintf(fp, "%s%s%s%s", i > 0 ? format->row_sep : "",
		    format->row, rows[i].field, format->values);
		for (j = 0; j < n; j++) {
			if (j > 0)
				fputs(format->value_sep, fp);
			if (compare_value(&rows[i], &entries[j], j, buf,
			    sizeof(buf), &value))
				format->value(fp, value);
			else
				fputs(format->none, fp);
		}
		fputs(format->difference, fp);
		value.text = rows[i].difference;
		value.len = strlen(value.text);
		value.type = SMTPCODE_VALUE_TEXT;
		format->value(fp, value);
		fputs(format->end, fp);
	}
	fputs(format->tail, fp);
	return ferror(fp) ? -1 : 0;
}

/*
 * Write the difference page of n codes (2 to SMTPCODE_COMPARE_MAX): a
 * title, one summary sentence a code, a table with a column a code, each
 * code's prose, the differences computed from the data, and what to do.
 * Return -1 if n is out of range or writing failed, 0 otherwise.
 */
int
smtpcode_render_compare(const struct smtpcode_out *o,
    const struct smtpcode_entry *entries, size_t n)
{
	struct field_slot code = { NULL, NULL, 0, 0, 0, NULL, 0, NULL,
	    NULL };
	size_t i;

	if (n < 2 || n > SMTPCODE_COMPARE_MAX)
		return -1;
	write_head(o, entries, n);
	putc('\n', o->fp);
	write_table(o, entries, n);
	for (i = 0; i < n; i++) {
		putc('\n', o->fp);
		code.code = &entries[i];
		page_title(o, &entries[i]);
		fields_page(o, &code, FIELD_PROSE, NULL);
	}
	write_differences(o, entries, n);
	return ferror(o->fp) ? -1 : 0;
}
