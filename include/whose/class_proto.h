/*
 * class_proto.h - the messages of a live class between the host (the
 * teacher's process) and its students, over the class's Unix socket.
 *
 * One message is one line: a type word, then its fields, each after one
 * tab, then a newline.  Inside a field a backslash escapes "\\" (a
 * backslash), "\t" (a tab) and "\n" (a line break: only text fields may
 * hold one); any other control or format character, bad UTF-8, a field
 * too long, a field of the wrong kind or a wrong number of fields makes
 * the whole line malformed.  Both sides check every line they read with
 * the same decoder, and the encoder refuses what the decoder would, so
 * that neither side can send what the other must refuse.
 *
 * Lines from a student are at most CLASS_LINE_MAX_IN bytes, lines from the
 * host at most CLASS_LINE_MAX_OUT (newline included); a longer line is
 * malformed before it is read whole.
 *
 * Field kinds: n, a whole number 0..10^15 in decimal; w, a word of ASCII
 * letters, digits and '|' (an answer, a type, an outcome), at most 64
 * bytes; s, a short text (a name, a topic, a code, a right answer), at most 128 bytes,
 * no line break; t, a text (a question, a choice, an explanation) of at
 * most 2000 bytes, line breaks allowed.
 *
 *   student -> host                      host -> student
 *   HELLO   version                      WELCOME version name code questions seconds
 *   ANSWER  index answer                 LOBBY   joined
 *   BYE                                  QUESTION index total ms-left type topic text slot...
 *                                        ACK     index answer
 *                                        REVEAL  index right explanation outcome points
 *                                                score total-points rank of
 *                                        PAUSE   ms-left
 *                                        RESUME  ms-left
 *                                        END     score asked points rank of
 *                                        NOTICE  text (an answer refused, ...)
 *                                        ERROR   text (the host then closes)
 *
 * Version 2 (this one) speaks the one key map (keys.h) of every mode:
 * QUESTION's options are every option the student answers by, in shown
 * order, each labelled by keys_label for the type (choices a-f, true/false
 * t f, the owners a c s, sort items 1-8); MARKS is how many a multi
 * question wants (keys_marks_wanted; 1 otherwise).  The answer of ANSWER
 * and ACK is the key map's labels with '|' between two (keys_response_line:
 * "b", "a|c", "t", "s", one owner per sort item "a|c|s"); the host reads it
 * with keys_parse_line, which takes owner names and true/false as well.
 * REVEAL's right answer is worded by attempt_grade ("a, c", "Shared");
 * its last field, the student's own feedback, is attempt_feedback's lines
 * ("Wrong: the answer is c", "Why not b: ...", "Why: ...", "Source: ...").
 * REVEAL's outcome is "right", "wrong" or "none".  Version 1 (letters A-D,
 * no options for who and true/false) is refused at HELLO, by name.
 */
#ifndef WHOSE_CLASS_PROTO_H
#define WHOSE_CLASS_PROTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CLASS_PROTO_VERSION 2
#define CLASS_LINE_MAX_IN 256      /* a line from a student, newline included */
#define CLASS_LINE_MAX_OUT 65536   /* a line from the host */
#define CLASS_MSG_MAX_FIELDS 16
#define CLASS_WORD_MAX 64
#define CLASS_SHORT_MAX 128
#define CLASS_TEXT_MAX 2000
#define CLASS_NUMBER_MAX 1000000000000000ULL

enum class_msg_type {
	CLASS_MSG_HELLO,
	CLASS_MSG_ANSWER,
	CLASS_MSG_BYE,
	CLASS_MSG_WELCOME,
	CLASS_MSG_LOBBY,
	CLASS_MSG_QUESTION,
	CLASS_MSG_ACK,
	CLASS_MSG_REVEAL,
	CLASS_MSG_PAUSE,
	CLASS_MSG_RESUME,
	CLASS_MSG_END,
	CLASS_MSG_NOTICE,
	CLASS_MSG_ERROR,
	CLASS_MSG_NTYPES
};

/* Who sent a line: each side accepts only the other side's types. */
enum class_msg_from {
	CLASS_FROM_STUDENT,
	CLASS_FROM_HOST,
};

/* A decoded message.  FIELD[i] points into BUF, owned by the struct; every
 * field is NUL-terminated, valid UTF-8, of its kind. */
struct class_msg {
	enum class_msg_type type;
	size_t nfields;
	const char *field[CLASS_MSG_MAX_FIELDS];
	char buf[CLASS_LINE_MAX_OUT];
};

/* The type word of T ("HELLO", ...). */
const char *class_msg_name(enum class_msg_type t);

/* The longest line (newline included) that FROM may send. */
size_t class_line_max(enum class_msg_from from);

/*
 * Find the end of the first line in BUF[0..N): returns its length without
 * the newline (and the newline is at BUF[len]), -1 when no newline has
 * come yet and N is still below MAX, or -2 when the line is already longer
 * than MAX allows (the sender is to be cut off).
 */
long class_line_end(const char *buf, size_t n, size_t max);

/*
 * Decode the line LINE[0..LEN) (without its newline) sent by FROM into M.
 * Returns 0, or -1 with what is wrong in WHY[WHYLEN] (a printable
 * sentence).  Never reads past LEN.
 */
int class_msg_decode(const char *line, size_t len, enum class_msg_from from,
		     struct class_msg *m, char *why, size_t whylen);

/*
 * Encode a message of type T with the N fields FIELDS into OUT[CAP] as one
 * line, newline included; *LEN gets its length.  Returns 0, or -1 when a
 * field does not fit its kind or the line is too long (nothing usable is
 * in OUT then).
 */
int class_msg_encode(enum class_msg_type t, const char *const *fields,
		     size_t n, char *out, size_t cap, size_t *len);

/* Read the number field S (kind n) into *V; -1 when it is not one. */
int class_msg_number(const char *s, uint64_t *v);

#endif
