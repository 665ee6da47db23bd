/*
 * fuzz_common.h - what the libFuzzer harnesses of tests/fuzz share: a
 * scratch file to hand inputs to the readers that take a path, a small
 * bank of every question type, and an in-memory store holding it.
 */
#ifndef WHOSE_FUZZ_COMMON_H
#define WHOSE_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "whose/config.h"
#include "whose/store.h"

/* The fixed time of every harness: 2026-03-01T10:00:00Z. */
#define FUZZ_NOW_MS 1772359200000LL

/*
 * Write DATA[SIZE] to this process's scratch file (created on first use
 * under $TMPDIR, removed at exit) and return its path, or NULL (after a
 * message on stderr) when it cannot be written.  NAME ends the file name
 * (a bank is read only from "*.csv" inside folders, but any name as a
 * file).
 */
const char *fuzz_scratch(const char *name, const uint8_t *data, size_t size);

/*
 * Open a fresh in-memory store holding the small bank (every question
 * type; 2 to 8 choices or items; shuffled and not), or abort: a harness
 * cannot go on without it.  *CFG gets the default settings.
 */
struct store *fuzz_store_new(struct config *cfg);

/* The small bank as CSV text. */
extern const char fuzz_bank_csv[];

/* abort() with MSG on stderr: a broken invariant is a finding. */
void fuzz_fail(const char *msg) __attribute__((noreturn));

/* True when S is valid UTF-8 without control characters other than in
 * ALLOW (may be NULL): what may reach a terminal. */
int fuzz_printable(const char *s, const char *allow);

#endif
