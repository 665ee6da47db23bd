/*
 * keys.c - the one key map of a question (see keys.h): labels, key
 * presses and typed lines, for every mode and front end.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "whose/keys.h"
#include "whose/text.h"

static const char keys_owner_chars[QUESTION_NOWNERS + 1] = "acs";

char keys_label(enum question_type t, size_t pos)
{
	switch (t) {
	case QUESTION_CHOICE:
	case QUESTION_MULTI:
		return pos < QUESTION_MAX_CHOICES ? (char)('a' + pos) : 0;
	case QUESTION_TRUEFALSE:
		return pos < 2 ? "tf"[pos] : 0;
	case QUESTION_WHO:
		return pos < QUESTION_NOWNERS ? keys_owner_chars[pos] : 0;
	case QUESTION_SORT:
		return pos < QUESTION_MAX_ITEMS ? (char)('1' + pos) : 0;
	case QUESTION_CARD:
	default:
		return 0;
	}
}

char keys_owner_label(enum question_owner o)
{
	return (unsigned)o < QUESTION_NOWNERS ? keys_owner_chars[o] : 0;
}

void keys_answers(enum question_type t, size_t n, char *buf, size_t len)
{
	size_t o = 0;

	if (len == 0)
		return;
	if (t == QUESTION_SORT)
		for (size_t i = 0; i < QUESTION_NOWNERS && o + 1 < len; i++)
			buf[o++] = keys_owner_chars[i];
	if (t == QUESTION_TRUEFALSE)
		n = 2;
	else if (t == QUESTION_WHO)
		n = QUESTION_NOWNERS;
	for (size_t i = 0; i < n && o + 1 < len; i++) {
		char c = keys_label(t, i);

		if (c != 0)
			buf[o++] = c;
	}
	buf[o] = '\0';
}

bool keys_is_answer(int key)
{
	return key > 0 && key < 0x80 && strchr(KEYS_ANSWER_ALL, key) != NULL;
}

/* The shown position of label KEY in A (not a sort), or -1. */
static int keys_position(const struct attempt *a, int key)
{
	size_t n = attempt_shown_count(a);

	for (size_t i = 0; i < n; i++)
		if (keys_label(a->q.type, i) == key)
			return (int)i;
	return -1;
}

static int keys_owner_of(int key)
{
	const char *p = key > 0 && key < 0x80 ? strchr(keys_owner_chars, key) : NULL;

	return p != NULL && *p != '\0' ? (int)(p - keys_owner_chars) : -1;
}

struct keys_edit keys_parse_key(const struct attempt *a, int key, size_t cursor)
{
	struct keys_edit e = { KEYS_EDIT_NONE, 0, QUESTION_AWS };
	int k;

	if (a->committed)
		return e;
	if (a->q.type == QUESTION_SORT) {
		if (key >= '1' && key < '1' + (int)a->q.nslots) {
			e.kind = KEYS_EDIT_SELECT;
			e.pos = (size_t)(key - '1');
		} else if ((k = keys_owner_of(key)) >= 0 && cursor < a->q.nslots) {
			e.kind = KEYS_EDIT_PLACE;
			e.pos = cursor;
			e.owner = (enum question_owner)k;
		}
		return e;
	}
	k = keys_position(a, key);
	if (k >= 0) {
		e.kind = KEYS_EDIT_CHOOSE;
		e.pos = (size_t)k;
	}
	return e;
}

int keys_apply(struct attempt *a, const struct keys_edit *e, size_t *cursor,
	       struct whose_error *err)
{
	int rc;

	switch (e->kind) {
	case KEYS_EDIT_CHOOSE:
		return attempt_choose(a, e->pos, err);
	case KEYS_EDIT_PLACE:
		rc = attempt_place(a, e->pos, e->owner, err);
		if (rc == 0 && cursor != NULL)
			*cursor = attempt_next_unplaced(a, e->pos);
		return rc;
	case KEYS_EDIT_SELECT:
		if (cursor != NULL && e->pos < a->q.nslots)
			*cursor = e->pos;
		return 0;
	case KEYS_EDIT_NONE:
	default:
		return 0;
	}
}

size_t keys_marks_wanted(const struct attempt *a)
{
	size_t n = 0;

	if (a->q.type != QUESTION_MULTI)
		return 1;
	for (unsigned m = a->q.correct_mask; m != 0; m &= m - 1)
		n++;
	return n > 0 ? n : 1;
}

void keys_response_line(const struct attempt *a, char sep, char *buf, size_t len)
{
	size_t o = 0;

	if (len == 0)
		return;
	buf[0] = '\0';
	if (!attempt_answered(a))
		return;
	for (size_t i = 0; i < attempt_shown_count(a) && o + 3 < len; i++) {
		enum question_owner own;
		char c;

		if (a->q.type == QUESTION_SORT)
			c = attempt_placed(a, i, &own) ? keys_owner_label(own) : '-';
		else if (attempt_picked(a, i))
			c = keys_label(a->q.type, i);
		else
			continue;
		if (o > 0)
			buf[o++] = sep;
		buf[o++] = c;
	}
	buf[o] = '\0';
}

static const char *keys_number_word(size_t n)
{
	static const char *const words[] = { "no", "one", "two", "three", "four", "five", "six" };

	return n < sizeof(words) / sizeof(words[0]) ? words[n] : "several";
}

/* The labels of A as a range for a hint: "a-d". */
static void keys_range(const struct attempt *a, char *buf, size_t len)
{
	size_t n = a->q.type == QUESTION_SORT ? a->q.nslots : attempt_shown_count(a);

	if (n == 0)
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "%c-%c", keys_label(a->q.type, 0), keys_label(a->q.type, n - 1));
}

void keys_hint(const struct attempt *a, char *buf, size_t len)
{
	char range[8];
	size_t want;

	keys_range(a, range, sizeof(range));
	switch (a->q.type) {
	case QUESTION_CHOICE:
		snprintf(buf, len, "Choose one: %s.", range);
		break;
	case QUESTION_MULTI:
		want = keys_marks_wanted(a);
		snprintf(buf, len, "Choose %s (%s), then Enter.", keys_number_word(want), range);
		break;
	case QUESTION_TRUEFALSE:
		snprintf(buf, len, "True or false: t or f.");
		break;
	case QUESTION_WHO:
		snprintf(buf, len, "Whose responsibility: a AWS, c Customer, s Shared.");
		break;
	case QUESTION_SORT:
		snprintf(buf, len, "Sort each item (%s): a AWS, c Customer, s Shared.", range);
		break;
	case QUESTION_CARD:
	default:
		snprintf(buf, len, "Recall the answer, then turn the card.");
		break;
	}
}

/*
 * The character at C, not understood, as a hint names it: 'x' when it is
 * printable, "that character" otherwise, so that what the learner typed
 * is never echoed raw.  BUF[LEN] must hold 16 bytes.
 */
static void keys_describe_char(const char *c, char *buf, size_t len)
{
	size_t n = text_utf8_seq_len((unsigned char)*c);

	if (n > 0 && strnlen(c, n) == n && text_utf8_valid(c, n, NULL) &&
	    text_find_unsafe(c, n, NULL) < 0 && len >= n + 3)
		snprintf(buf, len, "'%.*s'", (int)n, c);
	else
		snprintf(buf, len, "that character");
}

/* The words a line may be made of: separators, labels or names. */
static int keys_word_owner(const char *w)
{
	if (strcasecmp(w, "aws") == 0)
		return QUESTION_AWS;
	if (strcasecmp(w, "customer") == 0)
		return QUESTION_CUSTOMER;
	if (strcasecmp(w, "shared") == 0)
		return QUESTION_SHARED;
	if (w[0] != '\0' && w[1] == '\0')
		return keys_owner_of(tolower((unsigned char)w[0]));
	return -1;
}

int keys_parse_line(const struct attempt *a, const char *line,
		    struct question_response *r, char *hint, size_t len)
{
	const struct question *q = &a->q;
	char buf[4096], range[8], what[16];
	char *w, *save = NULL;
	size_t count = 0, want;
	int o;

	memset(r, 0, sizeof(*r));
	snprintf(buf, sizeof(buf), "%s", line);
	keys_range(a, range, sizeof(range));
	switch (q->type) {
	case QUESTION_CHOICE:
	case QUESTION_MULTI:
		/* "b", "a c", "a,c", "ac" all work. */
		for (char *c = buf; *c != '\0'; c++) {
			int k;

			if (*c == ' ' || *c == ',' || *c == '\t')
				continue;
			k = keys_position(a, tolower((unsigned char)*c));
			if (k < 0) {
				keys_describe_char(c, what, sizeof(what));
				snprintf(hint, len, "%s is not a choice: answer with the letters %s", what, range);
				return -1;
			}
			/* A letter given twice is one choice, not a tick
			 * taken back: a typed line names the choices. */
			if (!(r->mask & (1u << a->order[k])))
				count++;
			r->mask |= 1u << a->order[k];
		}
		if (count == 0) {
			snprintf(hint, len, q->type == QUESTION_MULTI
				 ? "answer with the letters of every right choice, e.g. a c"
				 : "answer with the letter of a choice (%s)", range);
			return -1;
		}
		if (q->type == QUESTION_CHOICE && count > 1) {
			snprintf(hint, len, "choose one answer (%s)", range);
			return -1;
		}
		want = keys_marks_wanted(a);
		if (q->type == QUESTION_MULTI && count != want) {
			snprintf(hint, len, "this question wants %s answers, you gave %s: type all %s letters, e.g. %s",
				 keys_number_word(want), keys_number_word(count),
				 keys_number_word(want), want >= 3 ? "a b d" : "a c");
			return -1;
		}
		return 0;
	case QUESTION_TRUEFALSE:
		w = buf;
		while (*w == ' ' || *w == '\t')
			w++;
		if (strcasecmp(w, "true") == 0 || strcasecmp(w, "t") == 0) {
			r->truth = true;
			r->given = 1u;
			return 0;
		}
		if (strcasecmp(w, "false") == 0 || strcasecmp(w, "f") == 0) {
			r->truth = false;
			r->given = 1u;
			return 0;
		}
		snprintf(hint, len, "answer t (true) or f (false)");
		return -1;
	case QUESTION_WHO:
		w = buf;
		while (*w == ' ' || *w == '\t')
			w++;
		o = keys_word_owner(w);
		if (o < 0) {
			snprintf(hint, len, "answer a (AWS), c (Customer) or s (Shared)");
			return -1;
		}
		r->owner = (enum question_owner)o;
		r->given = 1u;
		return 0;
	case QUESTION_SORT:
		/* "a c c s a", or "accsa" run together. */
		if (strpbrk(buf, " ,\t") == NULL && strlen(buf) == q->nslots) {
			for (size_t i = 0; i < q->nslots; i++) {
				char one[2] = { buf[i], '\0' };

				o = keys_word_owner(one);
				if (o < 0)
					goto sort_hint;
				r->item_owner[i] = (enum question_owner)o;
				r->given |= 1u << i;
			}
			return 0;
		}
		for (w = strtok_r(buf, " ,\t", &save); w != NULL; w = strtok_r(NULL, " ,\t", &save)) {
			o = keys_word_owner(w);
			if (o < 0 || count >= q->nslots)
				goto sort_hint;
			r->item_owner[count] = (enum question_owner)o;
			r->given |= 1u << count;
			count++;
		}
		if (count == q->nslots)
			return 0;
sort_hint:
		memset(r, 0, sizeof(*r));
		snprintf(hint, len, "give one of a, c, s for each of the %zu items, in order, e.g. %s",
			 q->nslots, q->nslots >= 3 ? "a c s" : "a c");
		return -1;
	case QUESTION_CARD:
	default:
		snprintf(hint, len, "press Enter to turn the card");
		return -1;
	}
}
