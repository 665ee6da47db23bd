/*
 * results.h - the results files of drills (whose(1), RESULTS FILES): the
 * CSV a class's drills append a row to, one per drill taken, and that
 * `whose report` reads back.  This module owns the format: a row made
 * from plain data (results_format), a row read back (results_read_file),
 * the checks before a drill starts (results_check, results_student_name)
 * and the append many students of one group make at once (results_append,
 * results_deliver, results_resend): results.c writes, results_read.c
 * reads.  Drills (drill.h, the live class) and the report (report.h)
 * both depend on it, never on each other.
 *
 * A results file starts with the header line RESULTS_HEADER, or
 * RESULTS_HEADER_V1 for files of an older whose (read as complete drills
 * without a fingerprint); extra columns are ignored on reading.  Only
 * line 1 is taken for a header, so a student may be called "name"; a
 * later line that is the header again, column for column (files joined
 * with cat), is skipped, as it cannot be a result.  Then one row per drill
 * taken; answers is "id=1 id=0 id=- ..." in question order ("-": not
 * answered, the drill was left early).  A malformed row is left out with
 * a message "file:line: what is wrong", the file named in its
 * terminal-safe form (text_vis); a record cut short inside a quote costs
 * that line only, reading starts again at the next.  Every cell is written
 * by results_csv_cell, so that no spreadsheet runs it as a formula.
 * The module never prints.
 */
#ifndef WHOSE_RESULTS_H
#define WHOSE_RESULTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "whose/bank.h"
#include "whose/error.h"
#include "whose/store.h"

/*
 * The header of a results file.  Files written before the fingerprint and
 * complete columns have RESULTS_HEADER_V1: `whose report` reads both; rows
 * are only appended to the current one.
 */
#define RESULTS_HEADER "name,finished_at,seed,score,total,answers,complete,fingerprint\n"
/* The fields of RESULTS_HEADER, and of every row. */
#define RESULTS_COLUMNS 8
/* The longest last line results_append reads back (bytes). */
#define RESULTS_RECORD_MAX (1 << 20)
#define RESULTS_HEADER_V1 "name,finished_at,seed,score,total,answers\n"

/* The most answers one row may hold when it is read back. */
#define RESULTS_MAX_TOTAL 100000

/*
 * The mode a new results file gets, whatever the umask (a student's umask
 * 077 must not keep classmates from appending): RESULTS_MODE_SHARED,
 * read and write for its owner and its group, in a folder its group may
 * write and others may not (the class's setgid folder, whose(1) TEACHING
 * A CLASS); RESULTS_MODE_OWN, its owner's alone, anywhere else (a
 * folder of one's own, a /tmp-like folder every account may write).
 */
#define RESULTS_MODE_SHARED 0660
#define RESULTS_MODE_OWN 0600

/* The mode a results file made at PATH gets (see above). */
unsigned results_mode(const char *path);

/* How long an append waits for the lock before it gives up, in ms: a
 * classmate holding the lock must not hang everyone's drill. */
#define RESULTS_LOCK_MS 15000

/* ---- writing rows ---------------------------------------------------------- */

/* One answer of a results row: the question's bank id and a mark. */
struct results_answer {
	const char *qid;           /* borrowed */
	int mark;                  /* 1 right, 0 wrong, -1 not answered: the
	                              drill was left before it came */
};

/*
 * A drill's result as plain data, so that every writer of results files
 * (a drill, a live class) writes the same rows.  All borrowed.
 */
struct results_drill {
	const char *name;          /* the student, UTF-8 without controls */
	int64_t finished_at;       /* ms since the epoch, UTC */
	uint64_t seed;
	const struct results_answer *answers; /* in the order asked */
	size_t nanswers;           /* the drill's length, 1 or more */
	uint64_t fingerprint;      /* drill_fingerprint */
	bool complete;             /* false: left early; no mark is -1 otherwise */
};

/*
 * The results row of RES, in the columns of RESULTS_HEADER, ending in a
 * newline, into a malloc'd *ROW (free it): the name as results_csv_cell
 * writes it, score and total counted from the answers, answers as
 * "id=1 id=0 id=- ..." in the order asked, complete as 1 or 0, the
 * fingerprint as 16 lowercase hex digits.  WHOSE_EINVAL for a row that
 * cannot be (no answers, a -1 mark in a complete drill, an empty name),
 * WHOSE_ENOMEM.
 */
int results_format(const struct results_drill *res, char **row,
		   struct whose_error *err);

/*
 * Check, before a drill starts, that its row could be appended to the
 * results file PATH: a regular file (not a link, a folder or a FIFO) that
 * can be written, starts with RESULTS_HEADER and whose last record is
 * whole (the append guard's check, see results_append), or a file that
 * does not exist yet in a writable folder.  WHOSE_EDATA for a file with
 * another first line (an older header included: start a new file) or a
 * last record that is not whole (the message names its line), WHOSE_EIO
 * for the rest; the message names the file and what to do.
 */
int results_check(const char *path, struct whose_error *err);

/* The longest student name in a results file, in bytes. */
#define RESULTS_NAME_MAX 100

/*
 * The student's name for a results row: GIVEN, or else $USER, or else
 * $LOGNAME, into *NAME (borrowed from GIVEN or the environment).
 * WHOSE_EINVAL when there is none ("give the student's name with
 * '--name'") or it is not printable UTF-8 of at most RESULTS_NAME_MAX
 * bytes without control or format characters (a name is shown on a
 * teacher's terminal).
 */
int results_student_name(const char *given, const char **name, struct whose_error *err);

/*
 * Append ROW (one whole line) to the results file PATH, safely when many
 * students of one group write it at once (whose(1), RESULTS FILES): open
 * with safefile_open_append (no link followed, regular files only, a new
 * file gets results_mode exactly), take an exclusive flock (waiting at
 * most RESULTS_LOCK_MS), and under the lock check the header (an empty
 * file gets it) and that the last record is whole (balanced quotes,
 * RESULTS_COLUMNS fields: else nothing is written), add the newline a
 * last line lacks, write it all in one write (a short write is cut back
 * to the length the file had), and fsync.  WHOSE_EDATA for a file with
 * another header, or whose last record is not whole (the message names
 * its line).
 */
int results_append(const char *path, const char *row, struct whose_error *err);

/*
 * results_append, and when it fails (the file was made read-only,
 * replaced by a link, its lock held too long, the disk full, ...) keep
 * ROW in the student's own database S with PATH made absolute, so that
 * the result is not lost: the error is then returned with ERR saying that
 * the result is kept and how it will be added (results_resend).
 */
int results_deliver(struct store *s, const char *path, const char *row,
		    int64_t now, struct whose_error *err);

/*
 * Add every row kept by results_deliver to its file, oldest first, each
 * once: a row the file already holds (the same line: name, finish time,
 * seed, answers, fingerprint), added by a --resend or a drill running at
 * the same time, is not added again (checked under the file's lock); each
 * one added or found is forgotten.  *SENT and *LEFT count them.  0 when
 * none is left, else the code and message of the last that failed.
 */
int results_resend(struct store *s, size_t *sent, size_t *left,
		   struct whose_error *err);

/*
 * What results_resend did, for the student, into BUF[LEN]: "2 kept drill
 * results were added to their results file." for SENT, then, when LEFT
 * are still kept, how many and why (WHY, its message) and that
 * 'whose drill --resend' tries again.  "" when both are 0.
 */
void results_resend_text(size_t sent, size_t left, const char *why, char *buf, size_t len);

/* ---- reading rows ---------------------------------------------------------- */

/* One row of a results file, as plain data (all borrowed). */
struct results_row {
	const char *name;
	uint64_t seed;
	size_t score;
	size_t total;
	const char *answers;     /* "id=1 id=0 id=- ..." */
	bool complete;           /* false: left early, "id=-" allowed */
	bool has_fingerprint;    /* false in files of an older whose */
	uint64_t fingerprint;
	bool has_account;        /* the uid and login columns (from the kernel) */
	uint32_t uid;
	const char *login;       /* with has_account; "" when unknown */
};

/*
 * What results_read_file calls for each row whose columns are well
 * formed: ROW is borrowed for the call.  Return 0 to go on; 1 when the
 * row does not add up (MSG[MSGLEN] says why: it is reported at the row's
 * line); a negative WHOSE_E* code stops the reading.
 */
typedef int (*results_row_fn)(const struct results_row *row, char *msg, size_t msglen,
			      void *ctx);

/*
 * Read the results file PATH row by row, calling ON_ROW with CTX.
 * Problems go into REP as "PATH:LINE: what is wrong" (the row is left
 * out); returns 0 when the file was read (look at rep->nerrors), or a
 * negative code: one ON_ROW returned (ERR says "out of memory"), or
 * WHOSE_EIO for a file that cannot be opened (ERR names it).  A link is
 * not followed; a FIFO or a device is refused, never waited on.
 */
int results_read_file(const char *path, results_row_fn on_row, void *ctx,
		      struct bank_report *rep, struct whose_error *err);

/* ---- cells of the CSV files whose writes ----------------------------------- */

/*
 * S as one CSV cell of a file whose writes (results files, class results,
 * exported progress and reviews), in a new string (free it; NULL when
 * memory runs out): quoted as RFC 4180 asks (a comma, a quote or a line
 * break in it, or a space at either end), and never run as a formula by a
 * spreadsheet, whatever separator it splits the file at: = + - @ tab or
 * CR (OWASP), or their fullwidth forms, at the start or after a comma,
 * semicolon, tab, bar, space or line break, get a ' before them, which
 * results_csv_plain takes off again when whose reads it back (so does a
 * run of quotes and then one of those: "'+" is written "''+").
 */
char *results_csv_cell(const char *s);

/* A cell as results_csv_cell wrote it, back to what it was ("'=x" is
 * "=x", "a;'=x" is "a;=x"), in place; returns S. */
char *results_csv_plain(char *s);

#endif
