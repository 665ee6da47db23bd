/*
 * cmd_export.c - `whose export --progress|--reviews [--all] [-o FILE]`.
 * A file is written beside its final name and renamed into place, so a
 * failed export never leaves half a file behind.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "whose/review.h"

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
		"  -o, --output FILE  write FILE instead (replaced whole, never half-written)\n"
		"  -h, --help         show this help\n");
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
	char tmp[4096];
	int what = 0, c, rc;
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
			return cli_bad_option(cli, argv, c, "export");
		}
	}
	if (optind < argc)
		return cli_extra_argument(cli, argv[optind], "export");
	if (what == 0) {
		cli_error(cli, "export: say what to export: --progress or --reviews");
		cmd_export_usage(stderr);
		return CLI_EXIT_USAGE;
	}
	rc = cli_open_study(cli, &s);
	if (rc != CLI_EXIT_OK)
		return rc;
	if (output != NULL) {
		if ((size_t)snprintf(tmp, sizeof(tmp), "%s.tmp-%ld", output, (long)getpid()) >= sizeof(tmp)) {
			cli_error(cli, "export: the path is too long");
			store_close(s);
			return CLI_EXIT_USAGE;
		}
		out = fopen(tmp, "w");
		if (out == NULL) {
			cli_error(cli, "export: cannot write %s: %s", output, strerror(errno));
			store_close(s);
			return CLI_EXIT_FAIL;
		}
	}
	whose_error_clear(&err);
	rc = what == 'p' ? review_export_progress(s, out, &err)
			 : review_export_log(s, out, all, &err);
	if (output != NULL) {
		if (fclose(out) != 0 && rc == 0)
			rc = whose_error_set(&err, WHOSE_EIO, "cannot write %s: %s", output, strerror(errno));
		if (rc == 0 && rename(tmp, output) != 0)
			rc = whose_error_set(&err, WHOSE_EIO, "cannot write %s: %s", output, strerror(errno));
		if (rc < 0)
			unlink(tmp);
	}
	if (rc < 0)
		cli_error(cli, "export: %s", err.msg);
	store_close(s);
	return cli_exit_for(rc);
}
