/* SPDX-License-Identifier: ISC */
/* enhanced.c -- parse enhanced status codes (RFC 3463), look them up */

#include <stdio.h>

#include "internal.h"

#define SMTPCODE_STATUS_ROW(subject, detail, name, rfc, classes, basic, \
    bounce, actors, deprecated, description, when, fix) \
	{ "X." #subject "." #detail, SMTPCODE_ENHANCED, 0, \
	    (subject) * 1000 + (detail), name, rfc, 0, SMTPCODE_RETRY_NONE, \
	    actors, "", basic, classes, bounce, deprecated, description, \
	    when, fix },

/* Generated from data/enhanced.tsv, sorted by subject, then detail. */
static const struct smtpcode_entry statuses[] = {
#include "enhanced.inc"
};

#define NSTATUSES	(sizeof(statuses) / sizeof(statuses[0]))

/* RFC 3463 caps the subject and the detail at three digits. */
#define PART_MAX	999
#define SUBJECT_MAX	7

/*
 * What a subject says on its own, for details that no RFC registers
 * (RFC 3463 section 3 gives each subject a fixed scope).
 */
struct subject_info {
	const char	*name;
	unsigned	 actors;
	const char	*description;
	const char	*when;
	const char	*fix;
};

static const struct subject_info subject_infos[SUBJECT_MAX + 1] = {
	{ "other or undefined status",
	  SMTPCODE_ACTOR_SENDER_ADMIN | SMTPCODE_ACTOR_RECEIVER_ADMIN,
	  "No registry entry covers this detail, and subject 0 says only "
	  "that the server gives no subject either: the class is all the "
	  "code tells.",
	  "A server or filter that uses a private detail number; the text "
	  "after the code is the only explanation.",
	  "Sender's admin: read the server's text and act on the class. "
	  "Receiving admin: send a registered code so that clients can "
	  "read it." },
	{ "addressing status",
	  SMTPCODE_ACTOR_SENDER | SMTPCODE_ACTOR_SENDER_ADMIN,
	  "No registry entry covers this detail. Subject 1 says the trouble "
	  "is with an address: the sender's or a recipient's, its syntax or "
	  "whether it exists.",
	  "Usually in answer to MAIL FROM or RCPT TO, when a server uses a "
	  "private detail for an address it does not like.",
	  "Sender: check the address for typing errors. Sender's admin: "
	  "read the server's text; it names the address and the reason." },
	{ "mailbox status",
	  SMTPCODE_ACTOR_SENDER | SMTPCODE_ACTOR_RECEIVER_ADMIN,
	  "No registry entry covers this detail. Subject 2 says the address "
	  "exists but something about the recipient's mailbox stood in the "
	  "way, such as its quota or its state.",
	  "At RCPT TO or after the message, when the mailbox store uses a "
	  "private detail.",
	  "Sender: reach the recipient another way if it persists. "
	  "Receiving admin: check the mailbox named in the text." },
	{ "mail system status",
	  SMTPCODE_ACTOR_RECEIVER_ADMIN,
	  "No registry entry covers this detail. Subject 3 says the "
	  "receiving system as a whole, not the mailbox, caused the reply: "
	  "its storage, its load, its configuration or its limits.",
	  "At any stage, when the server reports a condition of its own "
	  "with a private detail.",
	  "Receiving admin: the condition is yours to find in the server's "
	  "logs; the sender can only wait or ask." },
	{ "network and routing status",
	  SMTPCODE_ACTOR_CLIENT | SMTPCODE_ACTOR_SENDER_ADMIN,
	  "No registry entry covers this detail. Subject 4 says the trouble "
	  "is in the network or in routing: DNS, connections, loops or "
	  "time limits on the way to the destination.",
	  "Mostly in a sending server's own bounce or deferral, when it "
	  "could not reach or route to the next hop.",
	  "Sender's admin: check DNS and connectivity towards the "
	  "destination named in the text." },
	{ "mail delivery protocol status",
	  SMTPCODE_ACTOR_CLIENT | SMTPCODE_ACTOR_SENDER_ADMIN,
	  "No registry entry covers this detail. Subject 5 says the SMTP "
	  "dialogue itself went wrong: a command, its syntax, its "
	  "arguments or the protocol version.",
	  "In answer to a command the server could not accept as sent.",
	  "Sender's admin: look at the command the reply answered, in a "
	  "protocol trace if need be." },
	{ "message content or media status",
	  SMTPCODE_ACTOR_SENDER | SMTPCODE_ACTOR_SENDER_ADMIN,
	  "No registry entry covers this detail. Subject 6 says the content "
	  "of the message caused the reply: its media type, its encoding, "
	  "or a conversion it needed.",
	  "After the message data, when a filter or gateway objects to the "
	  "content with a private detail.",
	  "Sender: change what the message carries, such as an attachment. "
	  "Sender's admin: read the server's text for the rule it broke." },
	{ "security or policy status",
	  SMTPCODE_ACTOR_SENDER_ADMIN | SMTPCODE_ACTOR_RECEIVER_ADMIN,
	  "No registry entry covers this detail. Subject 7 says security or "
	  "policy caused the reply: authentication, authorisation, "
	  "reputation, encryption or a local rule.",
	  "Large providers use private details here for their own policy "
	  "and reputation checks (Microsoft 365's 5.7.5xx to 5.7.7xx, for "
	  "one); the text after the code names the rule.",
	  "Sender's admin: read the server's text and the provider's "
	  "documentation for that code; check the sending IP's reputation, "
	  "SPF, DKIM and DMARC. Receiving admin: make sure the text says "
	  "which rule refused the message." }
};

/* Registry class sub-codes: 2 success, 4 transient, 5 permanent. */
static const char *const class_names[] = {
	"", "", "success", "", "persistent transient failure",
	"permanent failure"
};

/*
 * Read one part of a status code, 1 to 3 digits without a leading zero,
 * from text[*pos]; store it in *value and move *pos past it.
 */
static enum smtpcode_parse_error
parse_part(const char *text, size_t len, size_t *pos, int *value,
    enum smtpcode_parse_error too_long)
{
	size_t start;

	start = *pos;
	*value = 0;
	while (*pos < len && text[*pos] >= '0' && text[*pos] <= '9') {
		if (*pos - start == 3)
			return too_long;
		*value = *value * 10 + text[(*pos)++] - '0';
	}
	if (*pos == start)
		return SMTPCODE_PARSE_STATUS_FORM;
	if (text[start] == '0' && *pos - start > 1)
		return SMTPCODE_PARSE_STATUS_ZERO;
	return SMTPCODE_PARSE_OK;
}

/*
 * Parse the len bytes of text as an enhanced status code: class 2, 4, 5
 * (or X when allow_x), subject 0-7, detail 0-999, no leading zeros.  The
 * whole text must be the code.
 */
enum smtpcode_parse_error
smtpcode_parse_status(const char *text, size_t len, int allow_x,
    struct smtpcode_status *status)
{
	enum smtpcode_parse_error error;
	size_t pos;

	if (len == 0)
		return SMTPCODE_PARSE_EMPTY;
	if (len < 5 || text[1] != '.')
		return SMTPCODE_PARSE_STATUS_FORM;
	if (allow_x && (text[0] == 'X' || text[0] == 'x'))
		status->class_digit = 0;
	else if (text[0] == '2' || text[0] == '4' || text[0] == '5')
		status->class_digit = text[0] - '0';
	else
		return SMTPCODE_PARSE_STATUS_CLASS;
	pos = 2;
	error = parse_part(text, len, &pos, &status->subject,
	    SMTPCODE_PARSE_STATUS_SUBJECT);
	if (error != SMTPCODE_PARSE_OK)
		return error;
	if (pos == len || text[pos++] != '.')
		return SMTPCODE_PARSE_STATUS_FORM;
	error = parse_part(text, len, &pos, &status->detail,
	    SMTPCODE_PARSE_STATUS_DETAIL);
	if (error != SMTPCODE_PARSE_OK)
		return error;
	if (pos != len)
		return text[pos] >= '0' && text[pos] <= '9' ?
		    SMTPCODE_PARSE_STATUS_DETAIL : SMTPCODE_PARSE_STATUS_FORM;
	if (status->subject > SUBJECT_MAX)
		return SMTPCODE_PARSE_STATUS_SUBJECT;
	return SMTPCODE_PARSE_OK;
}

/* Return the registry row of subject.detail, or NULL if none. */
const struct smtpcode_entry *
smtpcode_lookup_status(int subject, int detail)
{
	return smtpcode_find(statuses, NSTATUSES, subject * 1000 + detail);
}

static enum smtpcode_retry
class_retry(int class_digit)
{
	switch (class_digit) {
	case 2:
		return SMTPCODE_RETRY_NONE;
	case 4:
		return SMTPCODE_RETRY_LATER;
	case 5:
		return SMTPCODE_RETRY_FIX_FIRST;
	default:
		return SMTPCODE_RETRY_NONE;
	}
}

/*
 * Fill *out with what is known of a well-formed status code: its
 * registry row, given the code's own class, or what its class and
 * subject say.  Return 1 for a registered code, 0 for one decoded from
 * its parts, -1 for parts out of range.
 */
/*
 * "5.1.1", or "X.1.1" for class 0, into label (SMTPCODE_LABEL_SIZE
 * bytes), by hand: scan describes every reply it counts, and snprintf(3)
 * cost more than the rest of the description.  The parts are in range.
 */
static void
write_label(char *label, int class_digit, int subject, int detail)
{
	char *p;

	p = label;
	*p++ = class_digit != 0 ? (char)('0' + class_digit) : 'X';
	*p++ = '.';
	*p++ = (char)('0' + subject);
	*p++ = '.';
	if (detail >= 100)
		*p++ = (char)('0' + detail / 100);
	if (detail >= 10)
		*p++ = (char)('0' + detail / 10 % 10);
	*p++ = (char)('0' + detail % 10);
	*p = '\0';
}

int
smtpcode_describe_status(const struct smtpcode_status *status,
    struct smtpcode_entry *out)
{
	const struct smtpcode_entry *row;
	const struct subject_info *info;
	int class_digit;

	class_digit = status->class_digit;
	if ((class_digit != 0 && class_digit != 2 && class_digit != 4 &&
	    class_digit != 5) || status->subject < 0 ||
	    status->subject > SUBJECT_MAX || status->detail < 0 ||
	    status->detail > PART_MAX)
		return -1;
	if ((row = smtpcode_lookup_status(status->subject,
	    status->detail)) != NULL)
		*out = *row;
	else {
		info = &subject_infos[status->subject];
		out->kind = SMTPCODE_ENHANCED;
		out->code = status->subject * 1000 + status->detail;
		out->name = "Unregistered status code";
		out->rfc = "";
		out->stages = 0;
		out->actors = info->actors;
		out->enhanced = "";
		out->basic = "";
		out->classes = 0;
		out->bounce = SMTPCODE_BOUNCE_SOFT;
		out->deprecated = 0;
		out->description = info->description;
		out->when = info->when;
		out->fix = info->fix;
	}
	write_label(out->label, class_digit, status->subject, status->detail);
	out->class_digit = class_digit;
	out->retry = class_retry(class_digit);
	if (class_digit == 2 || class_digit == 4)
		out->bounce = SMTPCODE_BOUNCE_NONE;
	return row != NULL;
}

const struct smtpcode_entry *
smtpcode_status_table(size_t *count)
{
	*count = NSTATUSES;
	return statuses;
}

/* "permanent failure" for class 5; NULL for a class RFC 3463 lacks. */
const char *
smtpcode_status_class_name(int class_digit)
{
	if (class_digit < 0 || class_digit > 5 ||
	    *class_names[class_digit] == '\0')
		return NULL;
	return class_names[class_digit];
}

/* "addressing status" for subject 1; NULL for one out of range. */
const char *
smtpcode_subject_name(int subject)
{
	if (subject < 0 || subject > SUBJECT_MAX)
		return NULL;
	return subject_infos[subject].name;
}
