/*
 * error.h - how the core reports failure.
 *
 * Core functions never print and never exit.  They return 0 on success or a
 * negative WHOSE_E* code, and when the caller passes a struct whose_error
 * they fill it with a message meant for a person: where (file and line when
 * there is one), what is wrong, and what to do about it.
 */
#ifndef WHOSE_ERROR_H
#define WHOSE_ERROR_H

#include <stddef.h>

enum whose_errcode {
	WHOSE_OK = 0,
	WHOSE_EINVAL = -1,   /* an argument or setting is out of range */
	WHOSE_ENOMEM = -2,   /* out of memory */
	WHOSE_EIO = -3,      /* a file could not be read or written */
	WHOSE_EDATA = -4,    /* bad input data: a broken bank or review file */
	WHOSE_EDB = -5,      /* the database failed or is not usable */
	WHOSE_ENOTFOUND = -6,/* no such question, topic, setting or file */
	WHOSE_EBUSY = -7,    /* the database stayed locked past the timeout */
	WHOSE_ESCHEMA = -8,  /* the database is newer than this program, or not ours */
};

#define WHOSE_ERROR_MAX 1024

struct whose_error {
	int code;                   /* the WHOSE_E* code, 0 when none */
	char msg[WHOSE_ERROR_MAX];  /* a complete sentence for a person */
};

/* Clear an error struct (NULL is allowed and ignored). */
void whose_error_clear(struct whose_error *err);

/*
 * Record CODE with a printf-style message in ERR (NULL is allowed: the
 * message is dropped) and return CODE, so that callers can write
 * `return whose_error_set(err, WHOSE_EINVAL, "...", ...);`.
 */
int whose_error_set(struct whose_error *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* A short fixed name for a code ("invalid argument", "bad data", ...). */
const char *whose_strerror(int code);

#endif
