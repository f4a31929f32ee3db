/* SPDX-License-Identifier: ISC */
/* render.h -- text layout shared by the page renderers (not public) */

#ifndef SMTPCODE_RENDER_H
#define SMTPCODE_RENDER_H

#include <stddef.h>
#include <stdio.h>

#include "smtpcode.h"

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

/* layout.c */
void	layout_code(FILE *, const char *, int);
size_t	layout_width(const char *, size_t);
size_t	layout_line(const char *, size_t, size_t, size_t *);
void	layout_text(FILE *, const char *, size_t, size_t, size_t);
void	layout_field(FILE *, const char *, const char *, size_t);
void	layout_columns(size_t *, const size_t *, size_t, size_t);
void	layout_row(FILE *, const char *const *, const size_t *, size_t,
	    int);

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

/* compare.c */
size_t	compare_rows(struct compare_row *, const struct smtpcode_entry *,
	    size_t);
int	compare_value(const struct compare_row *,
	    const struct smtpcode_entry *, size_t, char *, size_t,
	    struct smtpcode_value *);

/* page.c */
void	page_class(char *, size_t, int);
void	page_title(FILE *, const struct smtpcode_entry *, size_t);
void	page_prose(FILE *, const struct smtpcode_entry *, size_t);
void	page_status_class(char *, size_t, int);
void	page_verdict(char *, size_t, const struct smtpcode_entry *);
void	page_render(FILE *, const struct smtpcode_entry *, size_t,
	    const char *);

#endif /* SMTPCODE_RENDER_H */
