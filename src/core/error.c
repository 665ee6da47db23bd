/*
 * error.c - filling struct whose_error (see include/whose/error.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "whose/error.h"

void whose_error_clear(struct whose_error *err)
{
	if (err == NULL)
		return;
	err->code = 0;
	err->msg[0] = '\0';
}

int whose_error_set(struct whose_error *err, int code, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return code;
	err->code = code;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return code;
}

const char *whose_strerror(int code)
{
	switch (code) {
	case WHOSE_OK: return "success";
	case WHOSE_EINVAL: return "invalid argument";
	case WHOSE_ENOMEM: return "out of memory";
	case WHOSE_EIO: return "input/output error";
	case WHOSE_EDATA: return "bad input data";
	case WHOSE_EDB: return "database error";
	case WHOSE_ENOTFOUND: return "not found";
	case WHOSE_EBUSY: return "database busy";
	case WHOSE_ESCHEMA: return "incompatible database";
	default: return "unknown error";
	}
}
