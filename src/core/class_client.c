/*
 * class_client.c - a student's model of a live class (see
 * include/whose/class_client.h).
 */
#include <stdio.h>
#include <string.h>

#include "whose/class_client.h"

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
		c->nslots = m.nfields - 6;
		for (size_t i = 0; i < c->nslots; i++)
			class_client_copy(c->slot[i], sizeof(c->slot[i]), f[6 + i]);
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

size_t class_client_answer(const struct class_client *c, const char *typed,
			   char *out, size_t cap, char *hint, size_t hlen)
{
	char word[CLASS_WORD_MAX + 1], idx[24];
	const char *f[] = { idx, word };
	size_t n = 0, len;
	bool gap = false;

	hint[0] = '\0';
	if (c->state != CLASS_CLIENT_ASKING) {
		snprintf(hint, hlen, "%s", c->state == CLASS_CLIENT_PAUSED ? "The class is paused."
					  : "No question is open now.");
		return 0;
	}
	for (const char *p = typed; *p != '\0'; p++) {
		char ch = *p;

		if (ch == ' ' || ch == ',' || ch == ';' || ch == '\t' || ch == '\r' || ch == '\n') {
			gap = n > 0;
			continue;
		}
		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
		      ch == '|')) {
			snprintf(hint, hlen, "Answers are letters or owners (a, c, s).");
			return 0;
		}
		if (n + 2 > CLASS_WORD_MAX) {
			snprintf(hint, hlen, "That answer is too long.");
			return 0;
		}
		if (gap)
			word[n++] = '|';
		gap = false;
		word[n++] = ch;
	}
	word[n] = '\0';
	if (n == 0) {
		snprintf(hint, hlen, "%s.", class_client_hint(c));
		return 0;
	}
	snprintf(idx, sizeof(idx), "%llu", (unsigned long long)c->index);
	if (class_msg_encode(CLASS_MSG_ANSWER, f, 2, out, cap, &len) < 0) {
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

const char *class_client_hint(const struct class_client *c)
{
	if (strcmp(c->type, "choice") == 0)
		return "Type a letter";
	if (strcmp(c->type, "multi") == 0)
		return "Type the letters of every right choice (e.g. a c)";
	if (strcmp(c->type, "truefalse") == 0)
		return "Type t (true) or f (false)";
	if (strcmp(c->type, "who") == 0)
		return "Type a (AWS), c (Customer) or s (Shared)";
	if (strcmp(c->type, "sort") == 0)
		return "Type an owner for each item in order: a, c or s (e.g. a c s)";
	return "Type your answer";
}
