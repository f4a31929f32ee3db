/* SPDX-License-Identifier: ISC */
/* fuzz_render.c -- libFuzzer target: every kind of page, any width */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/internal.h"
#include "../../src/render.h"

/* Page output goes to memory, to be checked. */
static char out[1 << 20];

/* One code from two bytes: a basic code, or an enhanced one, or X. */
static void
pick(const uint8_t *b, struct smtpcode_entry *entry)
{
	struct smtpcode_status st;

	if (b[0] < 100) {
		if (smtpcode_describe(200 + (b[0] * 7 + b[1]) % 360, entry) <
		    0 && smtpcode_describe(250, entry) < 0)
			abort();
		return;
	}
	st.class_digit = "0245"[b[0] % 4] - '0';
	st.subject = b[1] % 8;
	st.detail = (b[0] * 256 + b[1]) % 1000 % (b[0] & 1 ? 1000 : 32);
	if (smtpcode_describe_status(&st, entry) < 0)
		abort();
}

/*
 * Text output: no control character but the newline, and, for a page
 * wide enough for its labels, no line wider than the width.
 */
static void
check_text(const char *text, size_t len, int width)
{
	size_t i, col;

	col = 0;
	for (i = 0; i < len; i++) {
		if (text[i] == '\n') {
			col = 0;
			continue;
		}
		if ((unsigned char)text[i] < 0x20 || text[i] == 0x7f)
			abort();
		if (((unsigned char)text[i] & 0xC0) != 0x80)
			col++;
		if (width >= 60 && col > (size_t)width)
			abort();
	}
}

/*
 * Byte 0 picks the kind of output and byte 1 the width; then pairs of
 * bytes pick up to six codes.  Every page is written to memory and its
 * text checked.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct smtpcode_entry entries[SMTPCODE_COMPARE_MAX];
	struct smtpcode_json j;
	struct smtpcode_out o;
	size_t n, i, len;
	int width, kind;
	FILE *fp;

	if (size < 4)
		return 0;
	kind = data[0] % 6;
	width = data[1] < 64 ? 0 : SMTPCODE_WIDTH_MIN + (data[1] - 64) * 4;
	n = (size - 2) / 2;
	if (n > SMTPCODE_COMPARE_MAX)
		n = SMTPCODE_COMPARE_MAX;
	for (i = 0; i < n; i++)
		pick(data + 2 + 2 * i, &entries[i]);
	if ((fp = fmemopen(out, sizeof(out), "w")) == NULL)
		abort();
	o.fp = fp;
	o.width = (size_t)width;
	o.color = 0;	/* check_text wants no escape bytes */
	switch (kind) {
	case 0:
		smtpcode_render_page(&o, &entries[0]);
		break;
	case 1:
		if (n >= 2)
			smtpcode_render_compare(&o, entries, n);
		break;
	case 2:
		for (i = 0; i < n; i++)
			smtpcode_render_line(&o, &entries[i]);
		break;
	case 3:
		smtpcode_tsv_header(fp, SMTPCODE_RECORD_CODE);
		for (i = 0; i < n; i++)
			smtpcode_tsv_code(fp, &entries[i]);
		if (n >= 2)
			compare_write(fp, entries, n, &compare_tsv);
		break;
	default:
		smtpcode_json_begin(&j, fp, "explain");
		for (i = 0; i < n; i++)
			smtpcode_json_code(&j, &entries[i]);
		smtpcode_json_end(&j);
		if (n >= 2)
			compare_write(fp, entries, n, &compare_json);
		break;
	}
	len = (size_t)ftell(fp);
	fclose(fp);
	if (kind <= 2)
		check_text(out, len, kind == 0 ? width : 0);
	return 0;
}
