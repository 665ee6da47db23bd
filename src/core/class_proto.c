/*
 * class_proto.c - encoding and decoding the lines of a live class (see
 * include/whose/class_proto.h).  One table says what each type holds; the
 * encoder and the decoder both obey it, with the same field checks.
 */
#include <stdio.h>
#include <string.h>

#include "whose/class_proto.h"
#include "whose/text.h"

/*
 * What a type holds: KINDS names the kind of each fixed field; when REPEAT
 * is not 0, up to MAXREP more fields of kind REPEAT may follow (the slots
 * of a question).
 */
struct class_proto_shape {
	const char *name;
	enum class_msg_from from;
	const char *kinds;
	char repeat;
	size_t maxrep;
};

static const struct class_proto_shape class_proto_shapes[CLASS_MSG_NTYPES] = {
	[CLASS_MSG_HELLO] = { "HELLO", CLASS_FROM_STUDENT, "n", 0, 0 },
	[CLASS_MSG_ANSWER] = { "ANSWER", CLASS_FROM_STUDENT, "nw", 0, 0 },
	[CLASS_MSG_BYE] = { "BYE", CLASS_FROM_STUDENT, "", 0, 0 },
	[CLASS_MSG_WELCOME] = { "WELCOME", CLASS_FROM_HOST, "nssnn", 0, 0 },
	[CLASS_MSG_LOBBY] = { "LOBBY", CLASS_FROM_HOST, "n", 0, 0 },
	[CLASS_MSG_QUESTION] = { "QUESTION", CLASS_FROM_HOST, "nnnwstn", 't', 8 },
	[CLASS_MSG_ACK] = { "ACK", CLASS_FROM_HOST, "nw", 0, 0 },
	[CLASS_MSG_REVEAL] = { "REVEAL", CLASS_FROM_HOST, "nstwnnnnn", 't', 1 },
	[CLASS_MSG_PAUSE] = { "PAUSE", CLASS_FROM_HOST, "n", 0, 0 },
	[CLASS_MSG_RESUME] = { "RESUME", CLASS_FROM_HOST, "n", 0, 0 },
	[CLASS_MSG_END] = { "END", CLASS_FROM_HOST, "nnnnn", 0, 0 },
	[CLASS_MSG_NOTICE] = { "NOTICE", CLASS_FROM_HOST, "t", 0, 0 },
	[CLASS_MSG_ERROR] = { "ERROR", CLASS_FROM_HOST, "t", 0, 0 },
};

const char *class_msg_name(enum class_msg_type t)
{
	return (unsigned)t < CLASS_MSG_NTYPES ? class_proto_shapes[t].name : "?";
}

size_t class_line_max(enum class_msg_from from)
{
	return from == CLASS_FROM_STUDENT ? CLASS_LINE_MAX_IN : CLASS_LINE_MAX_OUT;
}

long class_line_end(const char *buf, size_t n, size_t max)
{
	size_t look = n < max ? n : max;
	const char *nl = memchr(buf, '\n', look);

	if (nl != NULL)
		return (long)(nl - buf);
	return n >= max ? -2 : -1;
}

int class_msg_number(const char *s, uint64_t *v)
{
	uint64_t x = 0;
	size_t n = 0;

	if (*s == '\0')
		return -1;
	/* No sign, no spaces, no leading zero but "0" itself: one spelling
	 * per number. */
	if (s[0] == '0' && s[1] != '\0')
		return -1;
	for (; *s != '\0'; s++, n++) {
		if (*s < '0' || *s > '9' || n >= 16)
			return -1;
		x = x * 10 + (uint64_t)(*s - '0');
	}
	if (x > CLASS_NUMBER_MAX)
		return -1;
	*v = x;
	return 0;
}

/* Check the decoded field S[0..LEN) against KIND; NULL when it fits, or
 * what is wrong. */
static const char *class_proto_check(char kind, const char *s, size_t len)
{
	uint64_t v;
	size_t at;
	uint32_t cp;

	if (memchr(s, '\0', len) != NULL)
		return "holds a NUL byte";
	switch (kind) {
	case 'n':
		return class_msg_number(s, &v) < 0 ? "is not a whole number" : NULL;
	case 'w':
		if (len == 0 || len > CLASS_WORD_MAX)
			return "is not a word of 1 to 64 characters";
		for (size_t i = 0; i < len; i++) {
			char c = s[i];

			if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			      (c >= '0' && c <= '9') || c == '|'))
				return "is not a word of letters, digits and '|'";
		}
		return NULL;
	case 's':
	case 't':
		if (len > (kind == 's' ? CLASS_SHORT_MAX : CLASS_TEXT_MAX))
			return "is too long";
		if (text_scan(s, len, kind == 's' ? "" : "\n", &at, &cp) != 0)
			return "is not valid UTF-8 without control characters";
		/* Format characters (bidi overrides, zero widths) are refused
		 * even in long texts: a bank may not hold them either. */
		for (size_t i = 0; i < len;) {
			size_t k = text_utf8_next(s + i, len - i, &cp);

			if (k == 0)
				break;
			if (text_cp_is_format(cp))
				return "holds a format character";
			i += k;
		}
		return NULL;
	default:
		return "has an unknown kind";
	}
}

static void class_proto_why(char *why, size_t whylen, const char *fmt,
			    const char *a, size_t i, const char *b)
{
	if (why != NULL && whylen > 0)
		snprintf(why, whylen, fmt, a, i, b);
}

int class_msg_decode(const char *line, size_t len, enum class_msg_from from,
		     struct class_msg *m, char *why, size_t whylen)
{
	const struct class_proto_shape *sh = NULL;
	size_t i = 0, tl, nkinds, out = 0;
	const char *type = "";

	memset(m->field, 0, sizeof(m->field));
	m->nfields = 0;
	if (len + 1 > class_line_max(from)) {
		class_proto_why(why, whylen, "%sa line is longer than %zu bytes%s", "",
				class_line_max(from), "");
		return -1;
	}
	for (tl = 0; tl < len && line[tl] != '\t'; tl++)
		;
	for (int t = 0; t < CLASS_MSG_NTYPES; t++) {
		const char *nm = class_proto_shapes[t].name;

		if (strlen(nm) == tl && memcmp(nm, line, tl) == 0 &&
		    class_proto_shapes[t].from == from) {
			sh = &class_proto_shapes[t];
			m->type = (enum class_msg_type)t;
			type = nm;
		}
	}
	if (sh == NULL) {
		class_proto_why(why, whylen, "%sunknown message type (field %zu)%s", "", 0, "");
		return -1;
	}
	nkinds = strlen(sh->kinds);
	i = tl;
	while (i < len) {
		size_t start = out;
		char kind;
		const char *bad;

		/* line[i] is the tab before a field. */
		i++;
		if (m->nfields >= nkinds + sh->maxrep) {
			class_proto_why(why, whylen, "%s: more than %zu fields%s", type,
					nkinds + sh->maxrep, "");
			return -1;
		}
		kind = m->nfields < nkinds ? sh->kinds[m->nfields] : sh->repeat;
		while (i < len && line[i] != '\t') {
			char c = line[i++];

			if (c == '\\') {
				if (i >= len) {
					class_proto_why(why, whylen, "%s: field %zu ends in a lone backslash%s",
							type, m->nfields + 1, "");
					return -1;
				}
				c = line[i++];
				if (c == 't')
					c = '\t';
				else if (c == 'n')
					c = '\n';
				else if (c != '\\') {
					class_proto_why(why, whylen, "%s: field %zu has an unknown escape%s",
							type, m->nfields + 1, "");
					return -1;
				}
			} else if (c == '\n' || c == '\r') {
				class_proto_why(why, whylen, "%s: field %zu holds a raw line break%s",
						type, m->nfields + 1, "");
				return -1;
			}
			m->buf[out++] = c;
		}
		m->buf[out] = '\0';
		bad = class_proto_check(kind, m->buf + start, out - start);
		if (bad != NULL) {
			class_proto_why(why, whylen, "%s: field %zu %s", type, m->nfields + 1, bad);
			return -1;
		}
		m->field[m->nfields++] = m->buf + start;
		out++;
	}
	if (m->nfields < nkinds) {
		class_proto_why(why, whylen, "%s: %zu fields where %s", type, m->nfields,
				"more are needed");
		return -1;
	}
	return 0;
}

int class_msg_encode(enum class_msg_type t, const char *const *fields,
		     size_t n, char *out, size_t cap, size_t *len)
{
	const struct class_proto_shape *sh;
	size_t o = 0, nkinds;

	*len = 0;
	if ((unsigned)t >= CLASS_MSG_NTYPES)
		return -1;
	sh = &class_proto_shapes[t];
	nkinds = strlen(sh->kinds);
	if (n < nkinds || n > nkinds + sh->maxrep)
		return -1;
	if (cap > class_line_max(sh->from))
		cap = class_line_max(sh->from);
#define CLASS_PUT(c)                            \
	do {                                    \
		if (o + 1 >= cap)               \
			return -1;              \
		out[o++] = (c);                 \
	} while (0)
	for (const char *p = sh->name; *p != '\0'; p++)
		CLASS_PUT(*p);
	for (size_t f = 0; f < n; f++) {
		char kind = f < nkinds ? sh->kinds[f] : sh->repeat;
		size_t fl = strlen(fields[f]);

		if (class_proto_check(kind, fields[f], fl) != NULL)
			return -1;
		CLASS_PUT('\t');
		for (size_t i = 0; i < fl; i++) {
			char c = fields[f][i];

			if (c == '\\' || c == '\t' || c == '\n') {
				CLASS_PUT('\\');
				c = c == '\t' ? 't' : c == '\n' ? 'n' : '\\';
			}
			CLASS_PUT(c);
		}
	}
	CLASS_PUT('\n');
#undef CLASS_PUT
	*len = o;
	return 0;
}
