/* SPDX-License-Identifier: ISC */
/* layout.c -- wrap text and table cells to a width, counted in columns */

#include <stdio.h>
#include <string.h>

#include "render.h"

/* Select Graphic Rendition sequences; colour never changes the text. */
#define SGR_BOLD	"\033[1m"
#define SGR_RESET	"\033[0m"

/* Colours by class digit; 0 stands for the registry's X. */
static const char *const class_colors[6] = {
	"\033[1;35m", "", "\033[1;32m", "\033[1;36m", "\033[1;33m",
	"\033[1;31m"
};

/* Write a code's label in its class's colour, if the output has colour. */
void
layout_code(const struct smtpcode_out *o, const char *label, int class_digit)
{
	if (o->color && class_digit >= 0 && class_digit <= 5 &&
	    *class_colors[class_digit] != '\0')
		fprintf(o->fp, "%s%s%s", class_colors[class_digit], label,
		    SGR_RESET);
	else
		fputs(label, o->fp);
}

/*
 * Columns taken by the first len bytes of s.  The data is UTF-8 and the
 * generator rejects control characters, so one code point is one column:
 * count every byte that does not continue a sequence.
 */
size_t
layout_width(const char *s, size_t len)
{
	size_t i, cols;

	cols = 0;
	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			cols++;
	return cols;
}

/*
 * Find the next line of s (len bytes) that fits in cols columns, 0 for
 * no limit.  Break after the last space that fits; a word longer than
 * the line is cut at a character boundary.  Return the line's length in
 * bytes without trailing spaces, and store in *next the offset where the
 * following line starts (spaces skipped); it is always past at least one
 * character, so callers make progress.
 */
size_t
layout_line(const char *s, size_t len, size_t cols, size_t *next)
{
	size_t i, used, brk, end;

	if (cols == 0 || layout_width(s, len) <= cols) {
		end = len;
		brk = len;
	} else {
		used = 0;
		brk = 0;
		for (i = 0; i < len; i++) {
			if (((unsigned char)s[i] & 0xC0) == 0x80)
				continue;
			if (used == cols)
				break;
			if (s[i] == ' ')
				brk = i;
			used++;
		}
		if (i < len && s[i] == ' ')
			brk = i;
		if (brk == 0)
			brk = i;
		end = brk;
	}
	while (end > 0 && s[end - 1] == ' ')
		end--;
	while (brk < len && s[brk] == ' ')
		brk++;
	*next = brk;
	return end;
}

static void
layout_pad(FILE *fp, size_t n)
{
	while (n-- > 0)
		putc(' ', fp);
}

/*
 * Write text and a newline.  The cursor stands at column col; lines
 * after the first are indented to column indent.  A width of 0 keeps
 * the whole text on one line, as scripts that grep pages expect.
 */
void
layout_text(const struct smtpcode_out *o, const char *text, size_t col,
    size_t indent)
{
	FILE *fp;
	size_t len, pos, seg, next, cols, width;

	fp = o->fp;
	width = o->width;

	len = strlen(text);
	pos = 0;
	for (;;) {
		cols = 0;
		if (width > 0)
			cols = width >= col + LAYOUT_MIN_COLUMNS ? width - col :
			    LAYOUT_MIN_COLUMNS;
		seg = layout_line(text + pos, len - pos, cols, &next);
		fwrite(text + pos, 1, seg, fp);
		putc('\n', fp);
		pos += next;
		if (pos >= len)
			break;
		layout_pad(fp, indent);
		col = indent;
	}
}

/* Write "Label:", padded to the value column, then the wrapped value. */
void
layout_field(const struct smtpcode_out *o, const char *label,
    const char *value)
{
	FILE *fp;
	size_t len;

	fp = o->fp;
	len = strlen(label) + 1;
	if (o->color)
		fprintf(fp, SGR_BOLD "%s:" SGR_RESET, label);
	else
		fprintf(fp, "%s:", label);
	if (len < LAYOUT_LABEL_COLUMNS) {
		layout_pad(fp, LAYOUT_LABEL_COLUMNS - len);
		len = LAYOUT_LABEL_COLUMNS;
	} else {
		putc(' ', fp);
		len++;
	}
	layout_text(o, value, len, LAYOUT_LABEL_COLUMNS);
}

/*
 * Share avail columns among n table columns whose contents want
 * natural[i].  Narrow columns keep their natural width; the rest share
 * what is left equally, never below LAYOUT_MIN_COLUMNS.
 */
void
layout_columns(size_t *colw, const size_t *natural, size_t n, size_t avail)
{
	size_t i, left, open, share;
	int changed;

	for (i = 0; i < n; i++)
		colw[i] = 0;
	left = avail;
	open = n;
	do {
		changed = 0;
		share = open > 0 ? left / open : 0;
		for (i = 0; i < n; i++) {
			if (colw[i] != 0 || natural[i] > share)
				continue;
			colw[i] = natural[i] > 0 ? natural[i] : 1;
			left -= colw[i] < left ? colw[i] : left;
			open--;
			changed = 1;
		}
	} while (changed && open > 0);
	share = open > 0 ? left / open : 0;
	if (share < LAYOUT_MIN_COLUMNS)
		share = LAYOUT_MIN_COLUMNS;
	for (i = 0; i < n; i++)
		if (colw[i] == 0)
			colw[i] = share;
}

/*
 * Write one table row: cell i in a column colw[i] wide, two spaces
 * between columns.  Wrapping, cells longer than their column continue
 * on further lines; without a width, each cell stays whole on one line.
 * No line ends in spaces.
 */
void
layout_row(const struct smtpcode_out *o, const char *const *cells,
    const size_t *colw, size_t n)
{
	size_t pos[SMTPCODE_COMPARE_MAX + 1];
	size_t i, len, seg, next, pending;
	FILE *fp;
	int more, wrap;

	fp = o->fp;
	wrap = o->width > 0;

	for (i = 0; i < n; i++)
		pos[i] = 0;
	do {
		more = 0;
		pending = 0;
		for (i = 0; i < n; i++) {
			len = strlen(cells[i]);
			seg = layout_line(cells[i] + pos[i], len - pos[i],
			    wrap ? colw[i] : 0, &next);
			if (seg > 0) {
				layout_pad(fp, pending);
				fwrite(cells[i] + pos[i], 1, seg, fp);
				pending = 0;
			}
			pending += colw[i] - layout_width(cells[i] + pos[i],
			    seg) + 2;
			pos[i] += next;
			if (pos[i] < len)
				more = 1;
		}
		putc('\n', fp);
	} while (more);
}
