/* SPDX-License-Identifier: ISC */
/* fuzz_reply.c -- libFuzzer target: finding replies in any text */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/internal.h"

static struct smtpcode_reply reply;

/* Each reply found: its fields in range, its codes known, a page made. */
static void
check(const struct smtpcode_reply *r, FILE *sink, int width)
{
	struct smtpcode_entry basic, enhanced, codes[2];
	struct smtpcode_meaning meaning;
	struct smtpcode_reply_view view;
	struct smtpcode_out o;

	if (r->text_len >= sizeof(r->text) || r->text[r->text_len] != '\0' ||
	    (size_t)r->source >= SMTPCODE_NSOURCES ||
	    strlen(r->marker) >= sizeof(r->marker))
		abort();
	if (r->code != 0 && smtpcode_describe(r->code, &basic) < 0)
		abort();
	if (r->has_status && smtpcode_describe_status(&r->status,
	    &enhanced) < 0)
		abort();
	if (r->code == 0 && !r->has_status)
		abort();
	smtpcode_explain_reply(r, codes, &meaning, &view);
	if (strlen(meaning.host) >= sizeof(meaning.host))
		abort();
	if (meaning.words_len > 0 && !(meaning.words >= r->text &&
	    meaning.words + meaning.words_len <= r->text + r->text_len) &&
	    !(meaning.words >= r->line &&
	    meaning.words + meaning.words_len <= r->line + r->line_len))
		abort();
	if (meaning.reason == NULL && meaning.words_len != 0)
		abort();
	o.fp = sink;
	o.width = (size_t)width;
	o.color = width & 1;
	smtpcode_render_reply(&o, &view);
	smtpcode_render_brief(&o, &view);
}

/*
 * The first byte picks a width; the rest is text in which every reply
 * is found and rendered, as "smtpcode -" does.  Each call must consume
 * bytes and never more than it was given.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *sink;
	const char *text;
	size_t len, used;
	int width;

	if (sink == NULL && (sink = fopen("/dev/null", "w")) == NULL)
		abort();
	if (size == 0)
		return 0;
	width = data[0] < 128 ? 0 : SMTPCODE_WIDTH_MIN + data[0] - 128;
	text = (const char *)data + 1;
	len = size - 1;
	while ((used = smtpcode_reply_parse(text, len, &reply)) > 0) {
		if (used > len)
			abort();
		if (reply.source != SMTPCODE_SOURCE_NONE)
			check(&reply, sink, width);
		text += used;
		len -= used;
	}
	return 0;
}
