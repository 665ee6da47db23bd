/*
 * class_client.h - what a student's screen knows of a live class: the
 * model both student front ends (plain lines and full screen) draw from.
 * It is fed the host's lines one by one (already cut by class_line_end)
 * and turns what the student types into ANSWER lines.  The question on
 * screen is a struct attempt with no answer in it (class_client_attempt):
 * its labels, hint and the reading of a typed line come from the one key
 * map (keys.h), so a student answers as in review, exam and drill.  No I/O; the time
 * comes from the caller (ms), so that a countdown can be drawn.
 *
 *     CONNECTING --WELCOME--> LOBBY --QUESTION--> ASKING <--RESUME/PAUSE--> PAUSED
 *                                                   |  ^
 *                                             REVEAL|  |QUESTION
 *                                                   v  |
 *                                                 REVEALED --END--> ENDED
 *     ERROR from the host, or a malformed line: CLOSED (why in .error).
 */
#ifndef WHOSE_CLASS_CLIENT_H
#define WHOSE_CLASS_CLIENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "whose/attempt.h"
#include "whose/class_proto.h"

enum class_client_state {
	CLASS_CLIENT_CONNECTING,
	CLASS_CLIENT_LOBBY,
	CLASS_CLIENT_ASKING,
	CLASS_CLIENT_PAUSED,
	CLASS_CLIENT_REVEALED,
	CLASS_CLIENT_ENDED,
	CLASS_CLIENT_CLOSED,
};

/* Every string is checked by the decoder (valid UTF-8, no control or
 * format character but line breaks in texts); front ends still print them
 * through text_vis. */
struct class_client {
	enum class_client_state state;
	char name[CLASS_SHORT_MAX + 1], code[CLASS_SHORT_MAX + 1];
	/* the host's account as the kernel names it ("login (uid N)"), set
	 * by the front end that connected (never from the host's words) */
	char teacher[96];
	uint64_t questions, seconds, connected;
	/* the question on screen */
	uint64_t index, total;
	char type[CLASS_WORD_MAX + 1], topic[CLASS_SHORT_MAX + 1];
	enum question_type qtype;  /* the type the name in TYPE parses to */
	uint64_t marks;            /* marks a multi question wants */
	char text[CLASS_TEXT_MAX + 1];
	size_t nslots;             /* the options, labelled by class_client_label */
	char slot[QUESTION_MAX_SLOTS][CLASS_TEXT_MAX + 1];
	int64_t deadline;      /* ms on the caller's clock */
	int64_t paused_left;   /* ms, while PAUSED */
	char recorded[CLASS_WORD_MAX + 1];   /* the answer the host has */
	char notice[CLASS_TEXT_MAX + 1];     /* an answer refused: why */
	/* the last reveal */
	char right[CLASS_SHORT_MAX + 1], explanation[CLASS_TEXT_MAX + 1];
	char feedback[CLASS_TEXT_MAX + 1];   /* the student's own, worded by
	                                         attempt_feedback: the verdict,
	                                         why not, why, the source */
	char outcome[CLASS_WORD_MAX + 1];
	uint64_t points, score, total_points, rank, of;
	/* the end */
	uint64_t end_score, end_asked, end_points, end_rank, end_of;
	char error[CLASS_TEXT_MAX + 1];
};

/* A fresh model, CONNECTING. */
void class_client_init(struct class_client *c);

/* The HELLO line to send first into OUT[CAP]; its length, 0 when CAP is
 * too small. */
size_t class_client_hello(char *out, size_t cap);

/*
 * Take the host's line LINE[0..LEN) (without its newline), received at
 * NOW (ms).  Returns the message type it held, or -1 when it was malformed
 * (the model is then CLOSED, with why in .error).
 */
int class_client_take(struct class_client *c, const char *line, size_t len,
		      int64_t now);

/*
 * The question on screen as an attempt with no answer in it, into *A:
 * its type, text and options borrowed from C (valid while C is unchanged);
 * a multi question's correct mask only says how many marks it wants (it is
 * never graded here).  Never freed, never given a sink.
 */
void class_client_attempt(const struct class_client *c, struct attempt *a);

/* The key map's label of option K of the question on screen, or 0. */
char class_client_label(const struct class_client *c, size_t k);

/*
 * What the student typed, TYPED, read by keys_parse_line as in plain
 * review ("b", "a c", "ac", "t", "s", "a c s", owner names), as an ANSWER
 * line for the question on screen into OUT[CAP]: returns its length, or 0
 * with the key map's hint in HINT[HLEN] (no question open, not an answer
 * to this question).  The host reads it again and grades it.
 */
size_t class_client_answer(const struct class_client *c, const char *typed,
			   char *out, size_t cap, char *hint, size_t hlen);

/* Milliseconds left on the question at NOW (frozen while paused). */
int64_t class_client_left(const struct class_client *c, int64_t now);

/* What to type for the question on screen, as keys_hint says it in every
 * mode ("Choose one: a-d."), into BUF[LEN]. */
void class_client_hint(const struct class_client *c, char *buf, size_t len);

/* The answer the host recorded, in the labels shown (attempt_given_text:
 * "b", "a, c", "Shared"), into BUF[LEN] ("" when none). */
void class_client_recorded(const struct class_client *c, char *buf, size_t len);

#endif
