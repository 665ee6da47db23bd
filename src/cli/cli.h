/*
 * cli.h - what the command-line front end shares between main.c, paths.c
 * and the cmd_*.c files.  Not a public header.
 */
#ifndef WHOSE_CLI_H
#define WHOSE_CLI_H

#include <limits.h>
#include <getopt.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "whose/clock.h"
#include "whose/config.h"
#include "whose/error.h"
#include "whose/store.h"

/* Exit codes (documented in whose(1)). */
enum cli_exit {
	CLI_EXIT_OK = 0,
	CLI_EXIT_FAIL = 1,
	CLI_EXIT_USAGE = 2,
	CLI_EXIT_DATA = 65,   /* EX_DATAERR: a broken bank or review file */
};

/* Options that come before the subcommand, and what they resolve to. */
struct cli {
	const char *prog;          /* "whose", for messages */
	const char *db_opt;        /* --db PATH, or NULL */
	const char *profile_opt;   /* --profile NAME, or NULL */
	bool plain;                /* --plain */
	bool create;               /* --create: a new database may be made,
	                              folders too */
	bool db_explicit;          /* the path came from --db or WHOSE_DB */
	bool read_only_ok;         /* the command only reads: a database it
	                              cannot write is opened read-only */
	char db_path[PATH_MAX];    /* the database that will be used */
	char bank_dir[PATH_MAX];   /* the bundled bank */
	struct whose_clock clock;
	uint64_t seed;             /* WHOSE_SEED: fixed shuffles, for tests */
	bool home;                 /* no command given: the full-screen
	                              interface opens on its home screen */
	FILE *out;                 /* standard output through text_vis: every
	                              command and plain mode print here */
};

/* A stream that writes what it is given to UNDER through text_vis
 * (newline and tab pass, and FLAGS): nothing written to it can act on a
 * terminal.  NULL when memory runs out.  fclose flushes it. */
FILE *cli_vis_stream(FILE *under, unsigned flags);

/* S as a JSON string in ASCII (controls and everything beyond ASCII as
 * \uXXXX escapes, a byte that is not UTF-8 as U+FFFD), quotes included. */
void cli_json_str(FILE *f, const char *s);

/* The text_vis flags the locale needs: TEXT_VIS_ASCII when its character
 * set is not UTF-8, else 0.  Call after setlocale. */
unsigned cli_vis_flags(void);

/* Work out cli->db_path from --db, WHOSE_DB, --profile, WHOSE_PROFILE and
 * XDG_DATA_HOME.  Returns 0, or prints a message and returns the exit
 * code (CLI_EXIT_USAGE for a bad profile name, CLI_EXIT_FAIL otherwise). */
int cli_resolve_db(struct cli *cli);

/* Open the database at cli->db_path with FLAGS (store_open's).  When it
 * does not exist and FLAGS create it, a --db or WHOSE_DB path whose folder
 * is missing is refused unless --create (a mistyped path must not look
 * like lost progress), and a database made says so on stderr ("created a
 * new profile database at PATH").  Prints what went wrong and returns the
 * exit status for it (0 when open). */
int cli_store_open(struct cli *cli, int flags, struct store **out);

/* Work out cli->bank_dir: WHOSE_BANK, then the bank beside the executable
 * (installed, or the build folder's link), then the installed path.
 * Returns -1 (with a message) when none exists. */
int cli_resolve_bank(struct cli *cli);

/* Set up cli->clock: the system clock, or WHOSE_NOW (ISO 8601 UTC) for
 * tests, which then runs on from that time. */
int cli_setup_clock(struct cli *cli);

/*
 * Open the profile's database for study: create it when missing and import
 * or re-sync the bundled bank.  Prints what went wrong and returns an exit
 * code (non-zero) on failure.
 */
int cli_open_study(struct cli *cli, struct store **out);

/* cli_open_study, then the learner's settings into *CFG; on failure the
 * store is closed again. */
int cli_open_configured(struct cli *cli, struct store **out, struct config *cfg);

/* Print "whose: MESSAGE" on stderr. */
void cli_error(const struct cli *cli, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The exit code for a core error code. */
int cli_exit_for(int code);

/* Print the bank messages of REP on stderr (and the count left out). */
void cli_print_bank_report(const struct cli *cli, const struct bank_report *rep);

/* Report an option getopt_long rejected (C is what it returned: ':' for a
 * missing value) for command CMD, whose options are OPTS (for "did you
 * mean"; may be NULL); returns CLI_EXIT_USAGE. */
int cli_bad_option(const struct cli *cli, char **argv, int c, const char *cmd,
		   const struct option *opts);

/* Read S, the value of option OPT of command CMD, as a whole number from
 * MIN to MAX into *OUT; otherwise print "CMD: 'OPT' needs a whole number
 * from MIN to MAX" and return -1 (the caller exits with CLI_EXIT_USAGE). */
int cli_number(const struct cli *cli, const char *cmd, const char *opt,
	       const char *s, unsigned long long min, unsigned long long max,
	       unsigned long long *out);

/* A topic name as the bank spells it, found from what was typed. */
struct cli_topic_name {
	char name[64];
};

/*
 * Replace each of TOPICS[0..N) by the topic it finds (store_topic_resolve:
 * any case, a unique prefix, or words: "keys", "s3"), spelled in NAMES
 * (caller-owned, N entries), for command CMD.  On a miss, prints the
 * message with its "did you mean" and returns CLI_EXIT_USAGE; 0 otherwise.
 */
int cli_topics_resolve(struct cli *cli, struct store *s, const char *cmd,
		       const char **topics, size_t n, struct cli_topic_name *names);

/* Report an argument command CMD does not take; returns CLI_EXIT_USAGE. */
int cli_extra_argument(const struct cli *cli, const char *arg, const char *cmd);

/* Plain mode: asked for, or standard input or output is not a terminal. */
bool cli_use_plain(const struct cli *cli);

struct session_opts;
/* Study with BASE (mode, limit, weak) in the front end that fits, on the
 * profile's database; topics by name.  Returns an exit code. */
int cli_study(struct cli *cli, const struct session_opts *base,
	      const char *const *topic_names, size_t ntopics);

/* Subcommands: each gets argc/argv starting at its own name. */
int cmd_import(struct cli *cli, int argc, char **argv);
int cmd_check(struct cli *cli, int argc, char **argv);
int cmd_review(struct cli *cli, int argc, char **argv);
int cmd_practice(struct cli *cli, int argc, char **argv);
int cmd_config(struct cli *cli, int argc, char **argv);
int cmd_stats(struct cli *cli, int argc, char **argv);
int cmd_export(struct cli *cli, int argc, char **argv);
int cmd_search(struct cli *cli, int argc, char **argv);
int cmd_show(struct cli *cli, int argc, char **argv);
int cmd_suspend(struct cli *cli, int argc, char **argv);
int cmd_mark(struct cli *cli, int argc, char **argv);
int cmd_unmark(struct cli *cli, int argc, char **argv);
int cmd_unsuspend(struct cli *cli, int argc, char **argv);
int cmd_unflag(struct cli *cli, int argc, char **argv);
int cmd_reset(struct cli *cli, int argc, char **argv);
int cmd_exam(struct cli *cli, int argc, char **argv);
int cmd_exams(struct cli *cli, int argc, char **argv);
int cmd_drill(struct cli *cli, int argc, char **argv);
int cmd_report(struct cli *cli, int argc, char **argv);
int cmd_profiles(struct cli *cli, int argc, char **argv);
int cmd_optimize(struct cli *cli, int argc, char **argv);
int cmd_class(struct cli *cli, int argc, char **argv);

#endif
