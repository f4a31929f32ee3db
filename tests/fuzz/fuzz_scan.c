/* SPDX-License-Identifier: ISC */
/* fuzz_scan.c -- libFuzzer target: scanning byte streams in pieces */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/scan.h"

static struct smtpcode_scan whole, pieces, inplace;
static struct smtpcode_scan_row rows_whole[SMTPCODE_SCAN_SLOTS];
static struct smtpcode_scan_row rows_pieces[SMTPCODE_SCAN_SLOTS];

/* Group as --by relay,direction,reason,provider --texts 3 does. */
static void
group(struct smtpcode_scan *s)
{
	static const enum smtpcode_scan_key keys[] = { SMTPCODE_KEY_RELAY,
	    SMTPCODE_KEY_DIRECTION, SMTPCODE_KEY_REASON,
	    SMTPCODE_KEY_PROVIDER };

	smtpcode_scan_group_by(s, keys, 4);
	smtpcode_scan_filter(s, 0, -1, 3);
}

/*
 * The tally must add up: rows and what did not fit make the replies;
 * each row's texts are a string.
 */
static size_t
check(const struct smtpcode_scan *s, struct smtpcode_scan_row *rows)
{
	char texts[4 * SMTPCODE_MASKED_MAX];
	unsigned long long sum;
	size_t i, n;

	n = smtpcode_scan_rows(s, rows);
	sum = s->other;
	for (i = 0; i < n; i++) {
		if (rows[i].count == 0 || (i > 0 && rows[i].count >
		    rows[i - 1].count))
			abort();
		sum += rows[i].count;
		if (smtpcode_scan_texts(s, rows[i].group, texts,
		    sizeof(texts)) != strlen(texts))
			abort();
	}
	if (sum != s->replies || s->class_totals[2] + s->class_totals[3] +
	    s->class_totals[4] + s->class_totals[5] != s->replies)
		abort();
	return n;
}

/* The records of a scan in place (smtpcode -): each within the text. */
struct records {
	const char	*text, *end;
	unsigned long long n;
};

static void
each(void *arg, const struct smtpcode_reply *r)
{
	struct records *rec;

	rec = arg;
	if (r->line != NULL && (r->line < rec->text || r->line > rec->end))
		abort();
	if (r->recipients_len >= sizeof(r->recipients) ||
	    (r->code == 0 && !r->has_status))
		abort();
	rec->n++;
}

/*
 * The first two bytes seed the piece sizes; the rest is the stream.  It
 * is scanned whole and in pieces of pseudo-random sizes (so that lines
 * cross every kind of buffer boundary), with --annotate going nowhere;
 * both must give the same tally and the same count of lines.  Scanned
 * in place with a record for each reply counted, as "smtpcode -" does,
 * it gives the same tally again, and as many records as replies.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *sink;
	struct records rec;
	unsigned seed;
	size_t i, k, n;

	if (sink == NULL && (sink = fopen("/dev/null", "w")) == NULL)
		abort();
	if (size < 2)
		return 0;
	seed = (unsigned)data[0] << 8 | data[1];
	data += 2;
	size -= 2;
	smtpcode_scan_init(&whole, NULL);
	if (seed & 2)
		group(&whole);
	smtpcode_scan_feed(&whole, (const char *)data, size);
	smtpcode_scan_end(&whole);
	smtpcode_scan_init(&pieces, seed & 1 ? sink : NULL);
	smtpcode_scan_note(&pieces, smtpcode_render_note, sink);
	if (seed & 2)
		group(&pieces);
	for (i = 0; i < size; i += k) {
		seed = seed * 1103515245u + 12345u;
		k = 1 + (seed >> 16) % 4096;
		if (k > size - i)
			k = size - i;
		smtpcode_scan_feed(&pieces, (const char *)data + i, k);
	}
	smtpcode_scan_end(&pieces);
	rec.text = (const char *)data;
	rec.end = rec.text + size;
	rec.n = 0;
	smtpcode_scan_init(&inplace, NULL);
	smtpcode_scan_each(&inplace, each, &rec);
	smtpcode_scan_text(&inplace, (const char *)data, size);
	if (rec.n != inplace.replies || inplace.replies != whole.replies ||
	    inplace.lines != whole.lines)
		abort();
	n = check(&whole, rows_whole);
	if (check(&pieces, rows_pieces) != n || whole.lines != pieces.lines ||
	    whole.replies != pieces.replies)
		abort();
	for (i = 0; i < n; i++)
		if (rows_whole[i].key != rows_pieces[i].key ||
		    rows_whole[i].count != rows_pieces[i].count)
			abort();
	return 0;
}
