/*
 * class.h - a live class: the questions a teacher puts to every student at
 * once, the answers as they come and change, the grading, the scores and
 * ranks, and what may be shown when.  No I/O: the host (src/class) owns
 * the socket and the poll loop and tells this module what happened; the
 * time comes from the clock the class is given.
 *
 * How a class is found and joined (the host's side, src/class/class_host.c):
 *   - A well-known folder, /tmp/whose-class (WHOSE_CLASS_DIR overrides it),
 *     is shared like /tmp: a real folder (lstat: not a link), sticky
 *     (o+t), owned by root or by the host's own uid; the first host
 *     creates it 01777.  A folder owned by another ordinary account is
 *     not used (its owner could rename other hosts' entries): the host
 *     then makes its own, BASE-UID (0711, checked with lstat: its own, a
 *     folder, not writable by others), which listings read as well.
 *   - In it, each host makes its own folder named by the class code (six
 *     letters, unambiguous, from getrandom), mode 0711 (students may
 *     reach the socket, not list the folder), then checks it with lstat:
 *     a folder, owned by the host's uid, not writable by others.  The
 *     socket is CODE/socket, mode 0666: who may join is decided by the
 *     host from SO_PEERCRED (uid, and the groups of that uid for
 *     --group), not by file modes.
 *   - A student's `whose class join` with no code lists the folders of
 *     the well-known one whose socket answers a connect (a dead host's
 *     refuses: it is skipped), with the folder owner's login name as the
 *     teacher; a student never writes there.
 *   - The host removes its socket and folder when the class ends, on
 *     SIGINT, SIGTERM and SIGHUP; nothing outlives it.
 *
 * The life of a class (what class_* calls move it through):
 *
 *     LOBBY --start--> ASKING(i) --deadline or skip--> REVEAL(i) --next--+
 *                        |   ^                                            |
 *                   pause|   |resume          (next after the last: ENDED)|
 *                        v   |                                            |
 *                       PAUSED          ASKING(i+1) <---------------------+
 *     Any state --end--> ENDED (a question being asked is dropped, not
 *     counted: results hold only closed questions).
 *
 * Identity: a student is a uid; joining again with the same uid (a
 * dropped SSH session reconnecting) takes the same student back, score
 * kept.  A late joiner starts at the question being asked; the questions
 * before count as not answered.
 *
 * Scoring, documented in whose(1): a right answer is 1 to the score and
 * CLASS_POINTS_RIGHT points; with the speed bonus, a right answer also
 * earns up to CLASS_POINTS_BONUS more, in proportion to the time that was
 * left when the answer was last changed (whole points, rounded down).
 * Ranks are by points, highest first; equal points share a rank (1, 1, 3).
 * An answer given once time is up (the clock reached the deadline) is
 * refused.  Nothing of the right answer leaves this module before the
 * question's REVEAL: class_shown never holds it.
 */
#ifndef WHOSE_CLASS_H
#define WHOSE_CLASS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "whose/attempt.h"
#include "whose/class_proto.h"
#include "whose/clock.h"
#include "whose/error.h"
#include "whose/question.h"

#define CLASS_MAX_STUDENTS 1000
#define CLASS_MAX_QUESTIONS 1000
#define CLASS_MAX_SECONDS 3600
#define CLASS_POINTS_RIGHT 100
#define CLASS_POINTS_BONUS 50
#define CLASS_TOP 5

enum class_state {
	CLASS_LOBBY,
	CLASS_ASKING,
	CLASS_PAUSED,
	CLASS_REVEAL,
	CLASS_ENDED,
};

enum class_outcome {
	CLASS_NONE,    /* no answer (or not asked yet) */
	CLASS_RIGHT,
	CLASS_WRONG,
};

struct class_opts {
	uint64_t seed;
	int seconds;                     /* per question, 1..CLASS_MAX_SECONDS */
	bool speed_bonus;
	const struct whose_clock *clock; /* borrowed for the class's life */
};

/* One student's answer to one question. */
struct class_answer {
	bool answered;
	char text[CLASS_WORD_MAX + 1]; /* the key map's labels, as recorded
	                                  ("b", "a|c", "t", "s", "a|c|s") */
	struct question_response response; /* as read by keys_parse_line */
	int64_t answered_at;           /* ms, the last change */
	int64_t left_ms;               /* time left at the last change */
	enum class_outcome outcome;    /* set when the question closes */
	unsigned points;
};

/* A student, borrowed from the class until class_free. */
struct class_student {
	uint32_t uid;
	char name[CLASS_SHORT_MAX + 1];
	bool connected;
	size_t joined_at;              /* the question being asked then */
	struct class_answer *answers;  /* one per question */
	size_t score;                  /* right answers */
	unsigned long points;
	size_t rank;                   /* after the last closed question (1..) */
};

/* A question as students see it: no answer in it.  Borrowed. */
struct class_shown {
	enum question_type type;
	const char *type_name; /* question_type_name: the wire's word */
	const char *topic;
	const char *text;
	size_t marks;          /* marks a multi question wants (keys_marks_wanted), or 1 */
	size_t nslots;         /* the options in shown order, labelled by
	                          keys_label: choices, true/false, the owners,
	                          sort items (attempt_option_text) */
	const char *slot[QUESTION_MAX_SLOTS];
};

/* The answers to one closed question, per option of its shown form. */
struct class_spread {
	size_t n;                                /* options, as class_shown has them */
	char label[QUESTION_MAX_SLOTS][16];      /* keys_label: "a", "t", "s", "1" */
	const char *text[QUESTION_MAX_SLOTS];    /* attempt_option_text, borrowed */
	size_t count[QUESTION_MAX_SLOTS];        /* chose it (sort: put it right) */
	bool right[QUESTION_MAX_SLOTS];          /* part of the right answer */
	bool all_right;                          /* every option is (a sort) */
	size_t answered, right_count, students;
};

/* Per-topic figures of the closed questions. */
struct class_topic {
	const char *name;    /* borrowed from the questions */
	size_t questions;
	size_t answers;      /* student x question pairs asked */
	size_t right;
};

struct class;

/* A new class in LOBBY with options O into *OUT.  WHOSE_EINVAL when O is
 * out of range. */
int class_new(const struct class_opts *o, struct class **out,
	      struct whose_error *err);
void class_free(struct class *c);

/*
 * Add a question (in LOBBY only): the attempt A as the learner's other
 * modes show it (its bank id, topic, text, explanation, source and "why
 * not" texts, its parsed form and shown order; the drill the class is
 * drawn from holds it), borrowed until class_free.  Every answer to it is
 * read, graded and worded through A and the one key map.  A card (self
 * graded) is refused with WHOSE_EINVAL.
 */
int class_add_question(struct class *c, const struct attempt *a, struct whose_error *err);

/*
 * Student UID named NAME joins (or comes back: *REJOINED true, score
 * kept); *ID gets the student's index.  WHOSE_EINVAL when NAME is not a
 * safe short text, or the class is ended or full.
 */
int class_join(struct class *c, uint32_t uid, const char *name, size_t *id,
	       bool *rejoined, struct whose_error *err);

/* Student ID's connection is gone (its answers stay). */
void class_leave(struct class *c, size_t id);

/* LOBBY -> ASKING the first question.  WHOSE_EINVAL in another state or
 * without questions. */
int class_start(struct class *c, struct whose_error *err);

/*
 * Student ID answers question INDEX with TEXT (the key map's labels or
 * words, '|' between two: "b", "a|c", "t", "s", "a|c|s"; any case), read by
 * keys_parse_line; the recorded form (keys_response_line) goes into
 * RECORDED[LEN].  A later answer
 * replaces the earlier one.  WHOSE_EINVAL (the message says why, for the
 * student) when INDEX is not the question being asked, the class is
 * paused, the time is up, or TEXT does not answer this question.
 */
int class_answer(struct class *c, size_t id, size_t index, const char *text,
		 char *recorded, size_t len, struct whose_error *err);

/* When the question being asked has reached its deadline, close it (grade,
 * score, rank: REVEAL) and return true. */
bool class_tick(struct class *c);

/* Close the question being asked (or paused) now.  WHOSE_EINVAL otherwise. */
int class_skip(struct class *c, struct whose_error *err);

/* ASKING -> PAUSED (the countdown stops) and back.  WHOSE_EINVAL otherwise. */
int class_pause(struct class *c, struct whose_error *err);
int class_resume(struct class *c, struct whose_error *err);

/* REVEAL -> ASKING the next question, or ENDED after the last one. */
int class_next(struct class *c, struct whose_error *err);

/* End the class now (see above). */
void class_end(struct class *c);

enum class_state class_state(const struct class *c);
/* The question being asked or revealed (from 0); the count of questions;
 * of which closed. */
size_t class_current(const struct class *c);
size_t class_count(const struct class *c);
size_t class_closed(const struct class *c);
/* Milliseconds left for the question being asked (paused: frozen). */
int64_t class_time_left(const struct class *c);
/* Milliseconds until the deadline, for a poll timeout (-1: none). */
int64_t class_wait_ms(const struct class *c);

/* Students ever joined, those connected, and student ID (NULL out of
 * range). */
size_t class_students(const struct class *c);
size_t class_connected(const struct class *c);
const struct class_student *class_student(const struct class *c, size_t id);
/* The student with uid UID, or -1. */
long class_find(const struct class *c, uint32_t uid);

/* How many have answered the question being asked. */
size_t class_answered(const struct class *c);

/* Question INDEX as shown (no answer in it); -1 out of range. */
int class_shown(const struct class *c, size_t index, struct class_shown *out);
/* Its bank id and topic, borrowed. */
const char *class_qid(const struct class *c, size_t index);
const char *class_topic(const struct class *c, size_t index);

/*
 * What student ID reads once question INDEX is closed, worded by
 * attempt_feedback as in every other mode, one line each into BUF[LEN]:
 * the verdict with the right answer ("Wrong: the answer is c"), the right
 * choices, a "why not" for each wrong choice they made that has one, each
 * sort item they misplaced, the explanation ("Why: ") and the source
 * ("" before the question is closed).
 */
void class_feedback(const struct class *c, size_t index, size_t id, char *buf, size_t len);

/*
 * The right answer of closed question INDEX as attempt_grade words it
 * ("c", "a, c", "Shared", "AWS, Customer") into BUF[LEN], and its
 * explanation (borrowed) in *EXPLANATION.  -1 when the question is not
 * closed: nothing leaks before the reveal.
 */
int class_reveal(const struct class *c, size_t index, char *buf, size_t len,
		 const char **explanation);

/* The spread of answers to closed question INDEX; -1 when not closed. */
int class_spread(const struct class *c, size_t index, struct class_spread *out);

/* The students by rank (then name) into IDS[MAX]; returns how many. */
size_t class_ranking(const struct class *c, size_t *ids, size_t max);

/* Per-topic figures of the closed questions, by topic name, into a
 * malloc'd *OUT of *N (free it). */
int class_topics(const struct class *c, struct class_topic **out, size_t *n,
		 struct whose_error *err);

/* The outcome word of O: "right", "wrong" or "none". */
const char *class_outcome_name(enum class_outcome o);

#endif
