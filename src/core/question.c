/*
 * question.c - parsing the type-dependent fields of a question, and grading.
 *
 * Lists in the bank are separated by '|'; white space around each entry is
 * ignored.  The messages here name the column and say what is expected;
 * bank.c adds the file and line.
 */
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "whose/error.h"
#include "whose/question.h"

static const char *const question_type_names[QUESTION_NTYPES] = {
	"choice", "multi", "truefalse", "who", "sort", "card",
};
/* store_schema.c's version 9 numbers the types by name in SQL, so. */
_Static_assert(QUESTION_CHOICE == 0 && QUESTION_MULTI == 1 && QUESTION_TRUEFALSE == 2 &&
	       QUESTION_WHO == 3 && QUESTION_SORT == 4 && QUESTION_CARD == 5,
	       "store_schema.c's version 9 numbers the types: change both");

static const char *const question_owner_names[QUESTION_NOWNERS] = {
	"AWS", "Customer", "Shared",
};

bool question_type_name_per_item(const char *name)
{
	return name != NULL && question_type_from_name(name) == QUESTION_SORT;
}

int question_type_from_name(const char *name)
{
	for (int i = 0; i < QUESTION_NTYPES; i++)
		if (strcmp(name, question_type_names[i]) == 0)
			return i;
	return -1;
}

const char *question_type_name(enum question_type t)
{
	return (unsigned)t < QUESTION_NTYPES ? question_type_names[t] : "?";
}

bool question_type_graded(enum question_type t)
{
	return t != QUESTION_CARD;
}

double question_guess_chance(enum question_type type, size_t nslots, size_t nright)
{
	double ways = 1.0;

	switch (type) {
	case QUESTION_CHOICE:
		return nslots > 0 ? 1.0 / (double)nslots : 0.0;
	case QUESTION_MULTI:
		if (nslots == 0 || nright == 0 || nright > nslots)
			return 0.0;
		/* C(n, k), built up so that every step is a whole number. */
		for (size_t i = 0; i < nright; i++)
			ways = ways * (double)(nslots - i) / (double)(i + 1);
		return 1.0 / ways;
	case QUESTION_TRUEFALSE:
		return 0.5;
	case QUESTION_WHO:
		return 1.0 / 3.0;
	case QUESTION_SORT:
		return nslots > 0 ? pow(1.0 / 3.0, (double)nslots) : 0.0;
	case QUESTION_CARD:
	default:
		return 0.0;
	}
}

const char *question_owner_name(enum question_owner o)
{
	return (unsigned)o < QUESTION_NOWNERS ? question_owner_names[o] : "?";
}

int question_owner_from_name(const char *name)
{
	for (int i = 0; i < QUESTION_NOWNERS; i++)
		if (strcasecmp(name, question_owner_names[i]) == 0)
			return i;
	return -1;
}

static char *question_trim(char *s)
{
	char *end;

	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' ||
			   end[-1] == '\n' || end[-1] == '\r'))
		*--end = '\0';
	return s;
}

/*
 * Split S in place at SEP into at most MAX trimmed entries.  Returns the
 * number of entries found (which may exceed MAX: the extra ones are not
 * stored).  An empty S has zero entries.
 */
static size_t question_split(char *s, const char *seps, char **out, size_t max)
{
	size_t n = 0;

	s = question_trim(s);
	if (*s == '\0')
		return 0;
	for (;;) {
		size_t k = strcspn(s, seps);
		char save = s[k];

		s[k] = '\0';
		if (n < max)
			out[n] = question_trim(s);
		n++;
		if (save == '\0')
			break;
		s += k + 1;
	}
	return n;
}

static int question_fail(const char **field, const char *name, char *msg,
			 size_t msglen, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static int question_fail(const char **field, const char *name, char *msg,
			 size_t msglen, const char *fmt, ...)
{
	va_list ap;

	*field = name;
	va_start(ap, fmt);
	vsnprintf(msg, msglen, fmt, ap);
	va_end(ap);
	return -1;
}

/* "A-D" for four choices. */
static void question_letter_range(size_t n, char *buf, size_t len)
{
	if (n <= 1)
		snprintf(buf, len, "A");
	else
		snprintf(buf, len, "A-%c", (char)('A' + n - 1));
}

/* The index of the letter entry S ("B" -> 1), or -1 when S is not a single
 * letter. */
static int question_letter(const char *s)
{
	if (s[0] != '\0' && s[1] == '\0' && isalpha((unsigned char)s[0]))
		return toupper((unsigned char)s[0]) - 'A';
	return -1;
}

static int question_parse_choices(const struct question_text *t,
				  struct question *q, char *answer,
				  char *why_not, const char **field, char *msg,
				  size_t msglen)
{
	char *ent[QUESTION_MAX_SLOTS + 1];
	char range[8];
	size_t n;

	question_letter_range(q->nslots, range, sizeof(range));
	n = question_split(answer, q->type == QUESTION_MULTI ? "|," : "|",
			   ent, QUESTION_MAX_SLOTS + 1);
	if (n == 0)
		return question_fail(field, "answer", msg, msglen,
				     "is empty: give the letter%s of the right choice%s (%s)",
				     q->type == QUESTION_MULTI ? "s" : "",
				     q->type == QUESTION_MULTI ? "s" : "", range);
	if (q->type == QUESTION_CHOICE && n != 1)
		return question_fail(field, "answer", msg, msglen,
				     "'%s' names %zu choices: a choice question has exactly one right answer (use type 'multi' for several)",
				     t->answer, n);
	if (n > q->nslots)
		return question_fail(field, "answer", msg, msglen,
				     "names %zu letters but there are only %zu choices",
				     n, q->nslots);
	for (size_t i = 0; i < n; i++) {
		int k = question_letter(ent[i]);

		if (k < 0 || (size_t)k >= q->nslots)
			return question_fail(field, "answer", msg, msglen,
					     "'%s' is not one of the choices %s",
					     ent[i], range);
		if (q->correct_mask & (1u << k))
			return question_fail(field, "answer", msg, msglen,
					     "'%c' is given twice", 'A' + k);
		q->correct_mask |= 1u << k;
	}
	if (q->type == QUESTION_MULTI) {
		if (n < 2)
			return question_fail(field, "answer", msg, msglen,
					     "a multi question needs at least two right letters separated by '|' (use type 'choice' for one)");
		if (n == q->nslots)
			return question_fail(field, "answer", msg, msglen,
					     "every choice is right: a multi question needs at least one wrong choice");
	}

	n = question_split(why_not, "|", ent, QUESTION_MAX_SLOTS + 1);
	for (size_t i = 0; i < n && i <= QUESTION_MAX_SLOTS; i++) {
		char *colon = strchr(ent[i], ':');
		char *reason;
		int k;

		if (colon == NULL)
			return question_fail(field, "why_not", msg, msglen,
					     "entry '%s' is not of the form 'LETTER: reason'",
					     ent[i]);
		*colon = '\0';
		k = question_letter(question_trim(ent[i]));
		reason = question_trim(colon + 1);
		if (k < 0 || (size_t)k >= q->nslots)
			return question_fail(field, "why_not", msg, msglen,
					     "'%s' is not one of the choices %s",
					     ent[i], range);
		if (q->correct_mask & (1u << k))
			return question_fail(field, "why_not", msg, msglen,
					     "'%c' is a right answer: 'why not' belongs to wrong choices only",
					     'A' + k);
		if (q->why_not[k] != NULL)
			return question_fail(field, "why_not", msg, msglen,
					     "'%c' is given twice", 'A' + k);
		if (*reason == '\0')
			return question_fail(field, "why_not", msg, msglen,
					     "the reason for '%c' is empty", 'A' + k);
		q->why_not[k] = reason;
	}
	if (n > QUESTION_MAX_SLOTS)
		return question_fail(field, "why_not", msg, msglen,
				     "has %zu entries, more than there are choices", n);
	return 0;
}

int question_parse(const struct question_text *t, struct question *q,
		   const char **field, char *msg, size_t msglen)
{
	size_t lc = strlen(t->choices), la = strlen(t->answer),
	       lw = strlen(t->why_not);
	char *choices, *answer, *why_not;
	char *ent[QUESTION_MAX_SLOTS + 1];
	int type = question_type_from_name(t->type);
	size_t n;

	memset(q, 0, sizeof(*q));
	if (type < 0)
		return question_fail(field, "type", msg, msglen,
				     "unknown type '%s': use choice, multi, truefalse, who, sort or card",
				     t->type);
	q->type = (enum question_type)type;
	q->buf = malloc(lc + la + lw + 3);
	if (q->buf == NULL) {
		/* Not the data's fault: a caller must not call the row broken. */
		question_fail(field, "choices", msg, msglen, "out of memory");
		return WHOSE_ENOMEM;
	}
	choices = q->buf;
	answer = choices + lc + 1;
	why_not = answer + la + 1;
	memcpy(choices, t->choices, lc + 1);
	memcpy(answer, t->answer, la + 1);
	memcpy(why_not, t->why_not, lw + 1);

	switch (q->type) {
	case QUESTION_CHOICE:
	case QUESTION_MULTI:
		n = question_split(choices, "|", ent, QUESTION_MAX_CHOICES + 1);
		if (n < QUESTION_MIN_CHOICES || n > QUESTION_MAX_CHOICES) {
			question_fail(field, "choices", msg, msglen,
				      "a %s question needs 2 to 6 choices separated by '|', found %zu",
				      t->type, n);
			goto fail;
		}
		q->nslots = n;
		for (size_t i = 0; i < n; i++) {
			if (*ent[i] == '\0') {
				question_fail(field, "choices", msg, msglen,
					      "choice %c is empty", (char)('A' + i));
				goto fail;
			}
			q->slot[i] = ent[i];
		}
		if (question_parse_choices(t, q, answer, why_not, field, msg,
					   msglen) < 0)
			goto fail;
		return 0;
	case QUESTION_SORT:
		n = question_split(choices, "|", ent, QUESTION_MAX_ITEMS + 1);
		if (n < 2 || n > QUESTION_MAX_ITEMS) {
			question_fail(field, "choices", msg, msglen,
				      "a sort question needs 2 to 8 items separated by '|', found %zu",
				      n);
			goto fail;
		}
		q->nslots = n;
		for (size_t i = 0; i < n; i++) {
			if (*ent[i] == '\0') {
				question_fail(field, "choices", msg, msglen,
					      "item %zu is empty", i + 1);
				goto fail;
			}
			q->slot[i] = ent[i];
		}
		{
			char *own[QUESTION_MAX_ITEMS + 1];
			size_t m = question_split(answer, "|,", own,
						  QUESTION_MAX_ITEMS + 1);

			if (m != n) {
				question_fail(field, "answer", msg, msglen,
					      "gives %zu owners for %zu items: list AWS, Customer or Shared for each item, separated by '|'",
					      m, n);
				goto fail;
			}
			for (size_t i = 0; i < n; i++) {
				int o = question_owner_from_name(own[i]);

				if (o < 0) {
					question_fail(field, "answer", msg, msglen,
						      "'%s' (item %zu) is not AWS, Customer or Shared",
						      own[i], i + 1);
					goto fail;
				}
				q->item_owner[i] = (enum question_owner)o;
			}
		}
		break;
	case QUESTION_TRUEFALSE:
	case QUESTION_WHO:
	case QUESTION_CARD:
		if (*question_trim(choices) != '\0') {
			question_fail(field, "choices", msg, msglen,
				      "a %s question takes no choices: leave the column empty",
				      t->type);
			goto fail;
		}
		answer = question_trim(answer);
		if (q->type == QUESTION_TRUEFALSE) {
			if (strcasecmp(answer, "true") == 0) {
				q->truth = true;
			} else if (strcasecmp(answer, "false") == 0) {
				q->truth = false;
			} else {
				question_fail(field, "answer", msg, msglen,
					      "'%s' is not 'true' or 'false'", answer);
				goto fail;
			}
		} else if (q->type == QUESTION_WHO) {
			int o = question_owner_from_name(answer);

			if (o < 0) {
				question_fail(field, "answer", msg, msglen,
					      "'%s' is not AWS, Customer or Shared", answer);
				goto fail;
			}
			q->owner = (enum question_owner)o;
		} else {
			if (*answer == '\0') {
				question_fail(field, "answer", msg, msglen,
					      "is empty: a card needs its back");
				goto fail;
			}
			q->back = answer;
		}
		break;
	default:
		/* question_type_from_name returned a known type. */
		break;
	}
	if (*question_trim(why_not) != '\0') {
		question_fail(field, "why_not", msg, msglen,
			      "only choice and multi questions take 'why not' reasons");
		goto fail;
	}
	return 0;
fail:
	free(q->buf);
	q->buf = NULL;
	return -1;
}

void question_free(struct question *q)
{
	if (q == NULL)
		return;
	free(q->buf);
	q->buf = NULL;
}

void question_order(const struct question *q, bool shuffle, size_t *order,
		    size_t (*below)(void *ctx, size_t n), void *ctx)
{
	for (size_t i = 0; i < q->nslots; i++)
		order[i] = i;
	if (!shuffle || (q->type != QUESTION_CHOICE && q->type != QUESTION_MULTI))
		return;
	/* Fisher-Yates, from the end. */
	for (size_t i = q->nslots; i > 1; i--) {
		size_t j = below(ctx, i), tmp = order[i - 1];

		order[i - 1] = order[j];
		order[j] = tmp;
	}
}

bool question_grade(const struct question *q,
		    const struct question_response *r)
{
	switch (q->type) {
	case QUESTION_CHOICE:
	case QUESTION_MULTI:
		return r->mask == q->correct_mask;
	case QUESTION_TRUEFALSE:
		return r->truth == q->truth;
	case QUESTION_WHO:
		return r->owner == q->owner;
	case QUESTION_SORT:
		for (size_t i = 0; i < q->nslots; i++)
			if (r->item_owner[i] != q->item_owner[i])
				return false;
		return true;
	case QUESTION_CARD:
	default:
		return false;
	}
}

void question_answer_text(const struct question *q, char *buf, size_t len)
{
	size_t o = 0;

	if (len == 0)
		return;
	buf[0] = '\0';
	switch (q->type) {
	case QUESTION_CHOICE:
	case QUESTION_MULTI:
		for (size_t i = 0; i < q->nslots; i++) {
			if (!(q->correct_mask & (1u << i)))
				continue;
			o += (size_t)snprintf(buf + o, o < len ? len - o : 0,
					      "%s%c", o ? ", " : "", (char)('A' + i));
			if (o >= len)
				break;
		}
		break;
	case QUESTION_TRUEFALSE:
		snprintf(buf, len, "%s", q->truth ? "true" : "false");
		break;
	case QUESTION_WHO:
		snprintf(buf, len, "%s", question_owner_name(q->owner));
		break;
	case QUESTION_SORT:
		for (size_t i = 0; i < q->nslots; i++) {
			o += (size_t)snprintf(buf + o, o < len ? len - o : 0,
					      "%s%s", o ? ", " : "",
					      question_owner_name(q->item_owner[i]));
			if (o >= len)
				break;
		}
		break;
	case QUESTION_CARD:
		snprintf(buf, len, "%s", q->back ? q->back : "");
		break;
	default:
		break;
	}
}

void question_response_text(const struct question *q,
			    const struct question_response *r, char *buf,
			    size_t len)
{
	size_t o = 0;

	if (len == 0)
		return;
	buf[0] = '\0';
	switch (q->type) {
	case QUESTION_CHOICE:
	case QUESTION_MULTI:
		for (size_t i = 0; i < q->nslots && o < len; i++)
			if (r->mask & (1u << i))
				o += (size_t)snprintf(buf + o, len - o, "%s%c", o ? "|" : "", (char)('A' + i));
		break;
	case QUESTION_TRUEFALSE:
		if (r->given & 1u)
			snprintf(buf, len, "%s", r->truth ? "true" : "false");
		break;
	case QUESTION_WHO:
		if (r->given & 1u)
			snprintf(buf, len, "%s", question_owner_name(r->owner));
		break;
	case QUESTION_SORT:
		if (r->given == 0)
			break;
		for (size_t i = 0; i < q->nslots && o < len; i++)
			o += (size_t)snprintf(buf + o, len - o, "%s%s", i ? "|" : "",
					      (r->given >> i) & 1u
					      ? question_owner_name(r->item_owner[i]) : "-");
		break;
	case QUESTION_CARD:
	default:
		break;
	}
}

int question_response_parse(const struct question *q, const char *text,
			    struct question_response *r)
{
	char buf[256];
	char *ent[QUESTION_MAX_SLOTS + 1];
	size_t n;

	memset(r, 0, sizeof(*r));
	if (strlen(text) >= sizeof(buf))
		return -1;
	memcpy(buf, text, strlen(text) + 1);
	if (buf[0] == '\0')
		return q->type == QUESTION_CARD ? -1 : 0;
	switch (q->type) {
	case QUESTION_CHOICE:
	case QUESTION_MULTI:
		n = question_split(buf, "|", ent, QUESTION_MAX_SLOTS + 1);
		if (n == 0 || n > q->nslots)
			return -1;
		for (size_t i = 0; i < n; i++) {
			int k = question_letter(ent[i]);

			if (k < 0 || (size_t)k >= q->nslots)
				return -1;
			r->mask |= 1u << k;
		}
		if (q->type == QUESTION_CHOICE && n != 1)
			return -1;
		return 0;
	case QUESTION_TRUEFALSE:
		if (strcmp(buf, "true") == 0)
			r->truth = true;
		else if (strcmp(buf, "false") != 0)
			return -1;
		r->given = 1u;
		return 0;
	case QUESTION_WHO: {
		int o = question_owner_from_name(buf);

		if (o < 0)
			return -1;
		r->owner = (enum question_owner)o;
		r->given = 1u;
		return 0;
	}
	case QUESTION_SORT:
		n = question_split(buf, "|", ent, QUESTION_MAX_SLOTS + 1);
		if (n != q->nslots)
			return -1;
		for (size_t i = 0; i < n; i++) {
			int o;

			if (strcmp(ent[i], "-") == 0)
				continue;
			o = question_owner_from_name(ent[i]);
			if (o < 0)
				return -1;
			r->item_owner[i] = (enum question_owner)o;
			r->given |= 1u << i;
		}
		return 0;
	case QUESTION_CARD:
	default:
		return -1;
	}
}

int question_as_of(const char *tags, char *buf, size_t len)
{
	static const char prefix[] = "as-of:";
	const size_t plen = sizeof(prefix) - 1;
	const char *p = tags;
	int found = 0;

	if (len > 0)
		buf[0] = '\0';
	while (p != NULL && *p != '\0') {
		const char *end = strchr(p, '|');
		size_t n = end != NULL ? (size_t)(end - p) : strlen(p);

		/* Tags may be padded like choices: white space is ignored. */
		while (n > 0 && isspace((unsigned char)*p)) {
			p++;
			n--;
		}
		while (n > 0 && isspace((unsigned char)p[n - 1]))
			n--;
		if (n >= plen && strncasecmp(p, prefix, plen) == 0) {
			const char *d = p + plen;
			size_t dn = n - plen;
			bool ok = dn == 7 && d[4] == '-';

			for (size_t i = 0; ok && i < dn; i++)
				ok = i == 4 || isdigit((unsigned char)d[i]);
			if (ok) {
				int month = (d[5] - '0') * 10 + (d[6] - '0');

				ok = month >= 1 && month <= 12;
			}
			if (!ok || found) {
				snprintf(buf, len, "%.*s", (int)(n < 1000 ? n : 1000), p);
				return -1;
			}
			snprintf(buf, len, "%.7s", d);
			found = 1;
		}
		p = end != NULL ? end + 1 : NULL;
	}
	return found;
}
