/* SPDX-License-Identifier: ISC */
/* replypage.c -- render the page of one server reply as text */

#include <stdio.h>
#include <string.h>

#include "render.h"

/* Each input byte becomes at most "\u202e" (6 bytes) when made safe. */
#define SAFE_TEXT_SIZE	(SMTPCODE_TEXT_SIZE * 6 + 1)

/* The composed values of a reply page's fields. */
struct reply_cells {
	char	title[LAYOUT_CELL_SIZE];
	char	text[SAFE_TEXT_SIZE];
	char	command[LAYOUT_CELL_SIZE];
	char	provider[LAYOUT_CELL_SIZE];
	char	basic[LAYOUT_CELL_SIZE];
	char	enhanced[LAYOUT_CELL_SIZE];
	char	agree[LAYOUT_CELL_SIZE];
	char	verdict[LAYOUT_CELL_SIZE];
	char	note[LAYOUT_CELL_SIZE];
};

/*
 * The length of the UTF-8 sequence at s (n bytes available) and its
 * code point, or 0 when the bytes are not one well-formed sequence.
 */
static size_t
utf8_sequence(const unsigned char *s, size_t n, unsigned long *cp)
{
	size_t len, i;
	unsigned long min;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		len = 2; *cp = s[0] & 0x1F; min = 0x80;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		len = 3; *cp = s[0] & 0x0F; min = 0x800;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		len = 4; *cp = s[0] & 0x07; min = 0x10000;
	} else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		*cp = *cp << 6 | (s[i] & 0x3F);
	}
	if (*cp < min || *cp > 0x10FFFF || (*cp >= 0xD800 && *cp <= 0xDFFF))
		return 0;
	return len;
}

/* Code points that move the cursor or reorder text: shown escaped. */
static int
is_unsafe(unsigned long cp)
{
	return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) ||
	    cp == 0x2028 || cp == 0x2029 || (cp >= 0x200B && cp <= 0x200F) ||
	    (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
	    cp == 0xFEFF;
}

/*
 * Copy the server's text into out, safe for a terminal: control and
 * bidirectional characters become \u escapes, bytes that are not UTF-8
 * become \x escapes, and a backslash is doubled so that an escape in
 * the output always means one made here.
 */
void
reply_safe_text(char *out, size_t size, const char *in, size_t len)
{
	const unsigned char *s;
	unsigned long cp;
	size_t i, n, o;

	s = (const unsigned char *)in;
	o = 0;
	for (i = 0; i < len && o + 7 < size; i += n) {
		if ((n = utf8_sequence(s + i, len - i, &cp)) == 0) {
			o += (size_t)snprintf(out + o, size - o, "\\x%02x",
			    s[i]);
			n = 1;
		} else if (is_unsafe(cp))
			o += (size_t)snprintf(out + o, size - o, "\\u%04lx",
			    cp);
		else if (cp == '\\') {
			out[o++] = '\\';
			out[o++] = '\\';
		} else {
			memcpy(out + o, s + i, n);
			o += n;
		}
	}
	out[o] = '\0';
}

static void
describe_code(char *buf, size_t size, const struct smtpcode_entry *e)
{
	char class[LAYOUT_CELL_SIZE / 4];

	if (e->kind == SMTPCODE_BASIC)
		page_class(class, sizeof(class), e->code);
	else
		page_status_class(class, sizeof(class), e->class_digit);
	snprintf(buf, size, "%s %s (%s%s)", e->label, e->name, class,
	    *e->rfc == '\0' ? "; not registered" : "");
}

static void
describe_pairing(char *buf, size_t size, const struct smtpcode_entry *basic,
    const struct smtpcode_entry *enh)
{
	char row[SMTPCODE_LABEL_SIZE];

	if (basic == NULL || enh == NULL) {
		snprintf(buf, size, "nothing to compare: the reply has only "
		    "one code");
		return;
	}
	snprintf(row, sizeof(row), "X%s", enh->label + 1);
	switch (smtpcode_pairing(basic, enh)) {
	case SMTPCODE_PAIR_REGISTERED:
		snprintf(buf, size, "yes: both are class %d, and the "
		    "registry pairs %s with %s", basic->class_digit, row,
		    basic->label);
		break;
	case SMTPCODE_PAIR_RFC:
		snprintf(buf, size, "yes: both are class %d, and %s pairs %s "
		    "with %s", basic->class_digit, basic->rfc, basic->label,
		    enh->label);
		break;
	case SMTPCODE_PAIR_UNLISTED:
		snprintf(buf, size, "partly: both are class %d, but neither "
		    "the registry nor an RFC pairs %s with %s",
		    basic->class_digit, row, basic->label);
		break;
	default:
		snprintf(buf, size, "no: %s is class %d but %s is class %d "
		    "(RFC 3463 wants them equal); the sending server acts on "
		    "the basic code, %s", basic->label, basic->class_digit,
		    enh->label, enh->class_digit, basic->label);
		break;
	}
}

static void
describe_provider(char *buf, size_t size, const struct smtpcode_reply *r)
{
	if (*r->marker != '\0')
		snprintf(buf, size, "%s; its marker [%s] names the rule, "
		    "explained on the provider's postmaster pages",
		    smtpcode_provider_name(r->provider), r->marker);
	else
		snprintf(buf, size, "%s", smtpcode_provider_name(r->provider));
}

static void
describe_note(char *buf, size_t size, const struct smtpcode_reply *r)
{
	snprintf(buf, size, "%s%s%s", r->incomplete ? "the reply is cut "
	    "off: its last line, the one without a '-' after the code, is "
	    "missing" : "", r->incomplete && r->truncated ? "; " : "",
	    r->truncated ? "the text is longer than smtpcode keeps; the rest "
	    "is left out" : "");
}

static void
write_head(FILE *fp, struct reply_cells *c, const struct smtpcode_reply *r,
    const struct smtpcode_entry *basic, const struct smtpcode_entry *enh,
    size_t w)
{
	const struct smtpcode_entry *by;

	by = enh != NULL ? enh : basic;
	snprintf(c->title, sizeof(c->title), "Reply %s%s%s", basic != NULL ?
	    basic->label : "", basic != NULL && enh != NULL ? " " : "",
	    enh != NULL ? enh->label : "");
	reply_safe_text(c->text, sizeof(c->text), r->text, r->text_len);
	smtpcode_join_stages(c->command, sizeof(c->command), r->command);
	describe_provider(c->provider, sizeof(c->provider), r);
	if (basic != NULL)
		describe_code(c->basic, sizeof(c->basic), basic);
	if (enh != NULL)
		describe_code(c->enhanced, sizeof(c->enhanced), enh);
	describe_pairing(c->agree, sizeof(c->agree), basic, enh);
	snprintf(c->verdict, sizeof(c->verdict), "%s (decided by %s)",
	    smtpcode_verdict_text(smtpcode_verdict(basic, enh)), by->label);
	describe_note(c->note, sizeof(c->note), r);

	layout_text(fp, c->title, 0, 4, w);
	layout_field(fp, "Server text", *c->text != '\0' ? c->text : "none",
	    w);
	layout_field(fp, "Read from", smtpcode_source_name(r->source), w);
	layout_field(fp, "In reply to", *c->command != '\0' ? c->command :
	    "not said", w);
	if (r->provider != SMTPCODE_PROVIDER_NONE)
		layout_field(fp, "Provider", c->provider, w);
	layout_field(fp, "Basic code", basic != NULL ? c->basic : "none in "
	    "the reply", w);
	layout_field(fp, "Enhanced code", enh != NULL ? c->enhanced : "none "
	    "in the reply", w);
	layout_field(fp, "Codes agree", c->agree, w);
	layout_field(fp, "Verdict", c->verdict, w);
	if (*c->note != '\0')
		layout_field(fp, "Note", c->note, w);
}

/*
 * Write the page of one reply: what was read and how the codes fit,
 * then the page of each of its codes.  basic or enhanced may be NULL
 * when the reply lacks that code, not both.  Return -1 if writing
 * failed, 0 otherwise.
 */
int
smtpcode_render_reply(FILE *fp, const struct smtpcode_reply *reply,
    const struct smtpcode_entry *basic, const struct smtpcode_entry *enhanced,
    int width)
{
	static struct reply_cells cells;
	size_t w;

	w = width > 0 ? (size_t)width : 0;
	write_head(fp, &cells, reply, basic, enhanced, w);
	if (basic != NULL) {
		putc('\n', fp);
		smtpcode_render_page(fp, basic, width);
	}
	if (enhanced != NULL) {
		putc('\n', fp);
		smtpcode_render_page(fp, enhanced, width);
	}
	return ferror(fp) ? -1 : 0;
}
