/*
 * class_client.c - a student's model of a live class (see
 * include/whose/class_client.h).
 */
#include <stdio.h>
#include <string.h>

#include "whose/class_client.h"
#include "whose/keys.h"

void class_client_init(struct class_client *c)
{
	memset(c, 0, sizeof(*c));
	c->state = CLASS_CLIENT_CONNECTING;
}

size_t class_client_hello(char *out, size_t cap)
{
	char ver[24];
	const char *f[] = { ver };
	size_t len;

	snprintf(ver, sizeof(ver), "%d", CLASS_PROTO_VERSION);
	return class_msg_encode(CLASS_MSG_HELLO, f, 1, out, cap, &len) < 0 ? 0 : len;
}

static uint64_t class_client_num(const char *s)
{
	uint64_t v = 0;

	class_msg_number(s, &v);
	return v;
}

static void class_client_copy(char *dst, size_t cap, const char *src)
{
	snprintf(dst, cap, "%s", src);
}

int class_client_take(struct class_client *c, const char *line, size_t len,
		      int64_t now)
{
	static struct class_msg m;
	const char *const *f = m.field;
	char why[160];

	if (class_msg_decode(line, len, CLASS_FROM_HOST, &m, why, sizeof(why)) < 0) {
		snprintf(c->error, sizeof(c->error), "the host sent a malformed message (%s)", why);
		c->state = CLASS_CLIENT_CLOSED;
		return -1;
	}
	switch (m.type) {
	case CLASS_MSG_WELCOME:
		class_client_copy(c->name, sizeof(c->name), f[1]);
		class_client_copy(c->code, sizeof(c->code), f[2]);
		c->questions = class_client_num(f[3]);
		c->seconds = class_client_num(f[4]);
		c->state = CLASS_CLIENT_LOBBY;
		break;
	case CLASS_MSG_LOBBY:
		c->connected = class_client_num(f[0]);
		break;
	case CLASS_MSG_QUESTION:
		c->index = class_client_num(f[0]);
		c->total = class_client_num(f[1]);
		c->deadline = now + (int64_t)class_client_num(f[2]);
		class_client_copy(c->type, sizeof(c->type), f[3]);
		class_client_copy(c->topic, sizeof(c->topic), f[4]);
		class_client_copy(c->text, sizeof(c->text), f[5]);
		c->marks = class_client_num(f[6]);
		c->nslots = m.nfields - 7;
		for (size_t i = 0; i < c->nslots; i++)
			class_client_copy(c->slot[i], sizeof(c->slot[i]), f[7 + i]);
		{
			int t = question_type_from_name(c->type);
			struct attempt a;

			/* A type this whose does not know, or options that
			 * do not fit it, cannot be answered: say so. */
			c->qtype = t < 0 ? (enum question_type)0 : (enum question_type)t;
			class_client_attempt(c, &a);
			if (t < 0 || attempt_self_graded(&a) || attempt_shown_count(&a) != c->nslots ||
			    c->marks < 1 || c->marks > c->nslots) {
				snprintf(c->error, sizeof(c->error),
					 "the host asked a question this whose cannot show (type %s, %zu options)",
					 t < 0 ? "unknown" : c->type, c->nslots);
				c->state = CLASS_CLIENT_CLOSED;
				return -1;
			}
		}
		c->recorded[0] = '\0';
		c->notice[0] = '\0';
		c->state = CLASS_CLIENT_ASKING;
		break;
	case CLASS_MSG_ACK:
		if (class_client_num(f[0]) == c->index) {
			class_client_copy(c->recorded, sizeof(c->recorded), f[1]);
			c->notice[0] = '\0';
		}
		break;
	case CLASS_MSG_NOTICE:
		class_client_copy(c->notice, sizeof(c->notice), f[0]);
		break;
	case CLASS_MSG_REVEAL:
		c->index = class_client_num(f[0]);
		class_client_copy(c->right, sizeof(c->right), f[1]);
		class_client_copy(c->explanation, sizeof(c->explanation), f[2]);
		class_client_copy(c->feedback, sizeof(c->feedback), m.nfields > 9 ? f[9] : "");
		class_client_copy(c->outcome, sizeof(c->outcome), f[3]);
		c->points = class_client_num(f[4]);
		c->score = class_client_num(f[5]);
		c->total_points = class_client_num(f[6]);
		c->rank = class_client_num(f[7]);
		c->of = class_client_num(f[8]);
		c->state = CLASS_CLIENT_REVEALED;
		break;
	case CLASS_MSG_PAUSE:
		c->paused_left = (int64_t)class_client_num(f[0]);
		c->state = CLASS_CLIENT_PAUSED;
		break;
	case CLASS_MSG_RESUME:
		c->deadline = now + (int64_t)class_client_num(f[0]);
		c->state = CLASS_CLIENT_ASKING;
		break;
	case CLASS_MSG_END:
		c->end_score = class_client_num(f[0]);
		c->end_asked = class_client_num(f[1]);
		c->end_points = class_client_num(f[2]);
		c->end_rank = class_client_num(f[3]);
		c->end_of = class_client_num(f[4]);
		c->state = CLASS_CLIENT_ENDED;
		break;
	case CLASS_MSG_ERROR:
		class_client_copy(c->error, sizeof(c->error), f[0]);
		c->state = CLASS_CLIENT_CLOSED;
		break;
	default:
		break;
	}
	return (int)m.type;
}

void class_client_attempt(const struct class_client *c, struct attempt *a)
{
	memset(a, 0, sizeof(*a));
	a->q.type = c->qtype;
	a->q.nslots = c->nslots < QUESTION_MAX_SLOTS ? c->nslots : QUESTION_MAX_SLOTS;
	for (size_t i = 0; i < a->q.nslots; i++) {
		a->q.slot[i] = c->slot[i];
		a->order[i] = i;
	}
	/* Only how many marks a multi question wants: never graded here. */
	for (uint64_t k = 0; k < c->marks && k < a->q.nslots; k++)
		a->q.correct_mask |= 1u << k;
	a->item.question = (char *)c->text;
	a->item.topic = (char *)c->topic;
}

char class_client_label(const struct class_client *c, size_t k)
{
	return k < c->nslots ? keys_label(c->qtype, k) : 0;
}

size_t class_client_answer(const struct class_client *c, const char *typed,
			   char *out, size_t cap, char *hint, size_t hlen)
{
	char word[CLASS_WORD_MAX + 1], idx[24], why[256];
	const char *f[] = { idx, word };
	struct question_response r;
	struct attempt a;
	size_t len;

	hint[0] = '\0';
	if (c->state != CLASS_CLIENT_ASKING) {
		snprintf(hint, hlen, "%s", c->state == CLASS_CLIENT_PAUSED ? "The class is paused."
					  : "No question is open now.");
		return 0;
	}
	class_client_attempt(c, &a);
	if (typed[strspn(typed, " \t\r\n")] == '\0') {
		keys_hint(&a, hint, hlen);
		return 0;
	}
	if (keys_parse_line(&a, typed, &r, why, sizeof(why)) < 0) {
		snprintf(hint, hlen, "%s", why);
		return 0;
	}
	a.response = r;
	keys_response_line(&a, '|', word, sizeof(word));
	snprintf(idx, sizeof(idx), "%llu", (unsigned long long)c->index);
	if (word[0] == '\0' || class_msg_encode(CLASS_MSG_ANSWER, f, 2, out, cap, &len) < 0) {
		snprintf(hint, hlen, "That is not an answer.");
		return 0;
	}
	return len;
}

int64_t class_client_left(const struct class_client *c, int64_t now)
{
	int64_t left;

	if (c->state == CLASS_CLIENT_PAUSED)
		return c->paused_left;
	if (c->state != CLASS_CLIENT_ASKING)
		return 0;
	left = c->deadline - now;
	return left > 0 ? left : 0;
}

void class_client_hint(const struct class_client *c, char *buf, size_t len)
{
	struct attempt a;

	class_client_attempt(c, &a);
	keys_hint(&a, buf, len);
}

void class_client_recorded(const struct class_client *c, char *buf, size_t len)
{
	char line[CLASS_WORD_MAX + 1], why[256];
	struct question_response r;
	struct attempt a;

	if (len == 0)
		return;
	buf[0] = '\0';
	snprintf(line, sizeof(line), "%s", c->recorded);
	for (char *p = line; *p != '\0'; p++)
		if (*p == '|')
			*p = ' ';
	class_client_attempt(c, &a);
	if (line[0] == '\0' || keys_parse_line(&a, line, &r, why, sizeof(why)) < 0) {
		/* Not the key map's form (the host's words): as it came. */
		snprintf(buf, len, "%s", c->recorded);
		return;
	}
	a.response = r;
	attempt_given_text(&a, buf, len);
}
