/*
 * cmd_export.c - `whose export --progress|--reviews [--all] [-o FILE]`.
 * A file is written beside its final name and renamed into place, so a
 * failed export never leaves half a file behind.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "whose/review.h"
#include "whose/safefile.h"

static void cmd_export_usage(FILE *f)
{
	fprintf(f,
		"Usage: whose export --progress|--reviews [--all] [-o FILE]\n"
		"Write CSV to standard output (or FILE):\n"
		"  -p, --progress     every question's card: id, topic, state, due, stability,\n"
		"                     difficulty, elapsed_days, scheduled_days, learning_steps,\n"
		"                     reps, lapses, last_review, suspended, leech\n"
		"  -r, --reviews      the review log in the revlog shape FSRS tools read:\n"
		"                     card_id, review_time (ms), review_rating, review_state,\n"
		"                     review_duration (ms), question, reviewed_at, mode\n"
		"  -a, --all          with --reviews: also practice answers (they do not schedule)\n"
		"  -o, --output FILE  write FILE instead (replaced whole, never half-written,\n"
		"                     never through a planted link; the database's permissions)\n"
		"  -h, --help         show this help\n"
		"A cell that starts with = + - @ (a spreadsheet formula) gets a ' in front;\n"
		"'whose import --reviews' reads it back as it was.\n");
}

/* The export gets the database's permission bits: progress is as private
 * as the profile it comes from (0600 when the database is not there). */
static mode_t cmd_export_mode(const char *db_path)
{
	struct stat st;

	if (stat(db_path, &st) == 0)
		return st.st_mode & 0666;
	return 0600;
}

/* The temporary being written, removed if a signal ends whose first. */
static const char *volatile cmd_export_tmp;

static void cmd_export_on_signal(int sig)
{
	const char *t = cmd_export_tmp;

	if (t != NULL)
		unlink(t);
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Guard TMP (NULL: stop guarding) against INT, TERM, HUP and QUIT. */
static void cmd_export_guard(const char *tmp)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE };
	struct sigaction sa;

	cmd_export_tmp = tmp;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = tmp != NULL ? cmd_export_on_signal : SIG_DFL;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaction(sigs[i], &sa, NULL);
}

int cmd_export(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "progress", no_argument, NULL, 'p' },
		{ "reviews", no_argument, NULL, 'r' },
		{ "all", no_argument, NULL, 'a' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct whose_error err;
	struct store *s = NULL;
	const char *output = NULL;
	char *tmp = NULL;
	int what = 0, c, rc, fd;
	bool all = false;
	FILE *out = stdout;

	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:prao:h", opts, NULL)) != -1) {
		switch (c) {
		case 'p':
		case 'r':
			if (what != 0 && what != c) {
				cli_error(cli, "export: give --progress or --reviews, not both");
				return CLI_EXIT_USAGE;
			}
			what = c;
			break;
		case 'a':
			all = true;
			break;
		case 'o':
			output = optarg;
			break;
		case 'h':
			cmd_export_usage(stdout);
			return CLI_EXIT_OK;
		default:
			return cli_bad_option(cli, argv, c, "export", opts);
		}
	}
	if (optind < argc)
		return cli_extra_argument(cli, argv[optind], "export");
	if (what == 0) {
		cli_error(cli, "export: say what to export: --progress or --reviews");
		cmd_export_usage(stderr);
		return CLI_EXIT_USAGE;
	}
	whose_error_clear(&err);
	/* The output path is checked before the database is opened: a
	 * folder, a FIFO, a device or a read-only place is refused first. */
	if (output != NULL && safefile_check_writable(output, &err) < 0) {
		cli_error(cli, "export: %s", err.msg);
		return CLI_EXIT_FAIL;
	}
	/* It only reads: a read-only database (a backup, a snapshot) will do. */
	cli->read_only_ok = true;
	rc = cli_open_study(cli, &s);
	if (rc != CLI_EXIT_OK)
		return rc;
	if (output != NULL) {
		/* Written to an exclusive temporary beside OUTPUT (never a
		 * link someone planted there), with the database's mode, then
		 * renamed over it: OUTPUT is whole or untouched. */
		fd = safefile_temp_beside(output, cmd_export_mode(cli->db_path), &tmp, &err);
		if (fd >= 0) {
			cmd_export_guard(tmp);
			out = fdopen(fd, "w");
			if (out == NULL) {
				close(fd);
				rc = whose_error_set(&err, WHOSE_ENOMEM, "out of memory");
			}
		} else {
			rc = fd;
		}
		if (rc < 0) {
			cmd_export_guard(NULL);
			if (tmp != NULL)
				unlink(tmp);
			free(tmp);
			cli_error(cli, "export: %s", err.msg);
			store_close(s);
			return CLI_EXIT_FAIL;
		}
	} else if (isatty(STDOUT_FILENO)) {
		/* On a terminal the CSV is shown through text_vis like any
		 * other output; into a pipe or a file it is the data itself. */
		out = cli->out;
	}
	rc = what == 'p' ? review_export_progress(s, out, &err)
			 : review_export_log(s, out, all, &err);
	if (output != NULL) {
		if (rc == 0 && (fflush(out) != 0 || ferror(out)))
			rc = whose_error_set(&err, WHOSE_EIO, "cannot write %s: %s", output, strerror(errno));
		if (rc == 0) {
			/* safefile_commit syncs and closes the descriptor. */
			fd = dup(fileno(out));
			fclose(out);
			rc = fd < 0 ? whose_error_set(&err, WHOSE_EIO, "cannot write %s: %s", output,
						      strerror(errno))
				    : safefile_commit(fd, tmp, output, &err);
		} else {
			fclose(out);
			unlink(tmp);
		}
		cmd_export_guard(NULL);
		free(tmp);
	}
	if (rc < 0)
		cli_error(cli, "export: %s", err.msg);
	store_close(s);
	return cli_exit_for(rc);
}
