/* SPDX-License-Identifier: ISC */
/* html.c -- a bounce's HTML part, as text, a line at a time for scan */

#include <string.h>
#include <strings.h>

#include "scan.h"

/* The entities that bounces write around addresses and replies. */
static const struct {
	const char	*name;	/* after '&', with its ';' */
	size_t		 len;
	char		 c;
} entities[] = {
	{ "lt;", 3, '<' },
	{ "gt;", 3, '>' },
	{ "amp;", 4, '&' },
	{ "nbsp;", 5, ' ' },
	{ "quot;", 5, '"' },
	{ "#39;", 4, '\'' },
	{ "apos;", 5, '\'' }
};

/*
 * The tags that end a line of text as a browser shows it: each becomes a
 * blank, so that the words on either side stay apart.  Others (<b>, <a>,
 * <span>) go without a trace: "<b>bob@example.org</b>" is one word.
 */
static const char *const breaking_tags[] = {
	"br", "p", "div", "td", "th", "tr", "li", "table", "blockquote",
	"h1", "h2", "h3", "h4", "h5", "h6", "pre"
};

/* Whether the tag whose name starts at p (n bytes to the end) breaks. */
static int
breaks(const char *p, size_t n)
{
	size_t i, k;

	if (n > 0 && *p == '/') {
		p++;
		n--;
	}
	for (i = 0; i < sizeof(breaking_tags) / sizeof(breaking_tags[0]);
	    i++) {
		k = strlen(breaking_tags[i]);
		if (n >= k && strncasecmp(p, breaking_tags[i], k) == 0 &&
		    (n == k || p[k] == '>' || p[k] == ' ' || p[k] == '/' ||
		    p[k] == '\t'))
			return 1;
	}
	return 0;
}

/* Put c in out, unless it is a blank after a blank or at its start. */
static void
put(char *out, size_t size, size_t *n, char c, int blank)
{
	if (blank && (*n == 0 || out[*n - 1] == ' '))
		return;
	if (*n + 1 < size)
		out[(*n)++] = c;
}

/*
 * The text of an HTML line (len bytes at in) into out (size bytes, cut
 * to fit, not NUL-terminated): tags left out, a tag that breaks a line
 * as a blank, the common entities as their characters ("&nbsp;" a blank
 * of its own, which may indent the line, as bounces indent the wrapped
 * lines of a reply).  A tag that goes on past the line's end is kept
 * open in *h for the next.  Return the length.
 */
size_t
smtpcode_html_text(struct smtpcode_html *h, const char *in, size_t len,
    char *out, size_t size)
{
	const char *p, *end, *close;
	size_t i, n;

	n = 0;
	end = in + len;
	for (p = in; p < end; p++) {
		if (h->in_tag) {
			if ((close = memchr(p, '>', (size_t)(end - p))) == NULL)
				break;
			h->in_tag = 0;
			p = close;
			continue;
		}
		if (*p == '<') {
			if (breaks(p + 1, (size_t)(end - p - 1)))
				put(out, size, &n, ' ', 1);
			h->in_tag = 1;
			continue;
		}
		if (*p == '&') {
			for (i = 0; i < sizeof(entities) / sizeof(entities[0]);
			    i++)
				if ((size_t)(end - p - 1) >= entities[i].len &&
				    memcmp(p + 1, entities[i].name,
				    entities[i].len) == 0)
					break;
			if (i < sizeof(entities) / sizeof(entities[0])) {
				put(out, size, &n, entities[i].c, 0);
				p += entities[i].len;
				continue;
			}
		}
		put(out, size, &n, *p, 0);
	}
	return n;
}
