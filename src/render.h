/* SPDX-License-Identifier: ISC */
/* render.h -- text layout shared by the page renderers (not public) */

#ifndef SMTPCODE_RENDER_H
#define SMTPCODE_RENDER_H

#include <stddef.h>
#include <stdio.h>

#include "internal.h"

/* Values of a labelled field start at this column ("When you see it: "). */
#define LAYOUT_LABEL_COLUMNS	17

/* Fewest columns a wrapped line or table cell gets, however narrow. */
#define LAYOUT_MIN_COLUMNS	10

/* Room for one table cell or one composed sentence. */
#define LAYOUT_CELL_SIZE	512
#define LAYOUT_LINE_SIZE	2048

/* How escape.c writes text that strangers wrote. */
enum escape_style {
	ESCAPE_TEXT,	/* for a terminal: \u001b, \xe9, \\ */
	ESCAPE_TSV,	/* as TEXT, and \t, \n, \r */
	ESCAPE_JSON	/* a JSON string's inside: \", \u001b, \ufffd */
};

/* The longest escape of one character: "\ufffd". */
#define ESCAPE_MAX	6

/* escape.c */
size_t	escape_copy(char *, size_t, const char *, size_t, enum escape_style);
void	escape_write(FILE *, const char *, size_t, enum escape_style);

/* Room for any field's text: the server's text, each byte escaped. */
#define FIELD_TEXT_SIZE	(SMTPCODE_TEXT_SIZE * ESCAPE_MAX + 1)

/* layout.c */
void	layout_code(const struct smtpcode_out *, const char *, int);
size_t	layout_width(const char *, size_t);
size_t	layout_line(const char *, size_t, size_t, size_t *);
void	layout_text(const struct smtpcode_out *, const char *, size_t,
	    size_t);
void	layout_field(const struct smtpcode_out *, const char *,
	    const char *);
void	layout_columns(size_t *, const size_t *, size_t, size_t);
void	layout_row(const struct smtpcode_out *, const char *const *,
	    const size_t *, size_t);

/*
 * One aspect of a comparison: the field it compares, its text label,
 * and what the page says of it (difference, "" for nothing).  A
 * per-code row says a line a code instead: text holds them as "421:
 * ... 553: ...", and each[] where each code's line starts and ends.
 * same is set when every code has the same value.
 */
struct compare_row {
	const char	*field;		/* "who_acts" */
	const char	*label;		/* "Who acts" */
	const char	*difference;	/* text, or "" */
	int		 same;
	int		 per_code;
	struct {
		size_t	 off, len;
	}		 each[SMTPCODE_COMPARE_MAX];
	char		 text[LAYOUT_LINE_SIZE];
};

/* meaning, class, retry, who_acts, stage, subject, defined_in, pairing
 * or partner codes, verdict, action */
#define COMPARE_ROWS_MAX	10

/*
 * What a field's value function reads: the record (a code or a reply),
 * which form of text is wanted, and room to compose the value in.
 */
struct field;

struct field_slot {
	const struct smtpcode_entry *code;	/* a code record, or NULL */
	const struct smtpcode_reply_view *reply;	/* a reply, or NULL */
	int		 brief;	/* text: a table cell's, not a page's */
	size_t		 nth;	/* text of a FIELD_MANY field: which one */
	size_t		 len;	/* script: set where strlen would not do */
	char		*buf;
	size_t		 size;
	const struct smtpcode_scan_record *scan;	/* a scan row, or NULL */
	const struct field *field;	/* the field whose value is asked */
};

/* The records a field belongs to, as bits. */
#define FIELD_CODE	(1u << SMTPCODE_RECORD_CODE)
#define FIELD_REPLY	(1u << SMTPCODE_RECORD_REPLY)
#define FIELD_SCAN	(1u << SMTPCODE_RECORD_SCAN)
#define FIELD_COMPARE	(1u << 8)	/* a row of a comparison */

/* How a field shows on a text page. */
#define FIELD_MANY	1u	/* a line each for several values */
#define FIELD_PROSE	2u	/* a paragraph: compare pages show it too */
#define FIELD_VERDICT	4u	/* its label is the caller's to choose */
#define FIELD_KEY	8u	/* scan: a key --by groups on, or the count */

/*
 * What a comparison says of a field f of n codes, into row; 0 when it
 * has nothing to say for these codes (the field is not theirs).
 */
typedef int differ_fn(struct compare_row *, const struct field *,
    const struct smtpcode_entry *, size_t);

/*
 * One field of a record, the one place it is described: its name for
 * scripts, its label on a text page, the records that have it, where
 * it stands on a page and on a compare page (0: not there), and its
 * values.  text gives the page's words (NULL: not on this record's
 * page), script the value TSV, JSON and -f give (a NULL function: not
 * a field for scripts), differ what a compare page says of it (0: not
 * for these codes).  A field that is a string member of the record's
 * struct gives its offset in member, for the one function that reads
 * such fields.
 */
struct field {
	const char	*name;
	const char	*label;
	unsigned	 records;
	enum smtpcode_value_type type;
	unsigned	 flags;
	unsigned char	 page, compare;
	const char	*(*text)(struct field_slot *);
	const char	*(*script)(struct field_slot *);
	differ_fn	*differ;
	size_t		 member;
};

/* fields.c */
const struct field *fields_table(size_t *);
const char *field_text(const struct field *, const struct smtpcode_entry *,
	    int, char *, size_t);
void	fields_page(const struct smtpcode_out *, const struct field_slot *,
	    unsigned, const char *);

/* compare.c: what a compare page says of each field it compares. */
differ_fn compare_meaning, compare_class, compare_retry, compare_actors,
    compare_stages, compare_texts, compare_pairing, compare_common,
    compare_action;
int	compare_value(const struct compare_row *,
	    const struct smtpcode_entry *, size_t, char *, size_t,
	    struct smtpcode_value *);

/*
 * How a format for scripts writes a comparison: its head, then a row
 * an aspect, written as the strings say around the field's name, the
 * codes' values (by value; none for a code without one) and the
 * difference (by value too), then its tail.
 */
struct compare_format {
	void	(*head)(FILE *, const struct smtpcode_entry *, size_t);
	void	(*value)(FILE *, struct smtpcode_value);
	const char	*row_sep;	/* before a row but the first */
	const char	*row;		/* before the field's name */
	const char	*values;	/* after it, before the first value */
	const char	*value_sep;	/* between two values */
	const char	*none;		/* for a code with no value */
	const char	*difference;	/* before the difference */
	const char	*end;		/* after it */
	const char	*tail;		/* after the last row */
};

/* tsv.c, json.c */
extern const struct compare_format compare_tsv, compare_json;

size_t	compare_rows(struct compare_row *, const struct smtpcode_entry *,
	    size_t);
int	compare_write(FILE *, const struct smtpcode_entry *, size_t,
	    const struct compare_format *);

/* page.c */
void	page_title(const struct smtpcode_out *,
	    const struct smtpcode_entry *);
void	page_render(const struct smtpcode_out *,
	    const struct smtpcode_entry *, const char *);

#endif /* SMTPCODE_RENDER_H */
