/* SPDX-License-Identifier: ISC */
/* rules.h -- the matcher and rule look-ups that meaning.c and page.c share */

#ifndef SMTPCODE_RULES_H
#define SMTPCODE_RULES_H

#include <stddef.h>

#include "internal.h"

/* Classes of bytes the matcher tells apart: data/mkrules.awk's CLASSES_MAX. */
#define MATCH_CLASSES	64

/* The most patterns one match remembers; a reply holds a handful. */
#define MATCH_FOUND_MAX	32

/*
 * What one pass over a text found: the patterns, the first
 * MATCH_FOUND_MAX of them; the best reason phrase (highest rank, then
 * longest, then first) and where it stood in the text; the first
 * provider and blocklist marker.  Indexes are -1 where nothing was
 * found.
 */
struct match {
	unsigned short	 found[MATCH_FOUND_MAX];
	size_t		 nfound;
	int		 reason_pattern;
	size_t		 reason_at, reason_len;
	int		 provider;
	int		 blocklist;
};

void	rules_match(const char *, size_t, struct match *);
void	rules_merge(struct match *, const struct match *);
int	rules_seen(const struct match *, int);
int	rules_pattern_reason(int);
int	rules_provider_by_host(const char *, size_t);
void	rules_candidates(const struct smtpcode_status *, size_t *, size_t *,
	    size_t *, size_t *);
int	rules_rule_covers(const struct smtpcode_rule *,
	    const struct smtpcode_status *);

#endif /* SMTPCODE_RULES_H */
