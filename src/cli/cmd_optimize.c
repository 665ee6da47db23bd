/*
 * cmd_optimize.c - `whose optimize [--apply|--revert] [--json]`: fit the
 * FSRS-6 parameters to the profile's own review log, compare them with the
 * parameters in use on that log, and store them only when asked and only
 * when they predict better.  The review log and the cards are never
 * touched: only the 'parameters' setting (and the set it replaced) change.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "whose/figures.h"
#include "whose/optimize.h"

/* Fits with at least this much work (items times epochs) report progress
 * when standard error is not a terminal; on a terminal every fit does. */
#define CMD_OPTIMIZE_LONG_FIT 100000

static void cmd_optimize_usage(FILE *f)
{
	fprintf(f,
		"Usage: whose optimize [--apply|--revert] [--json]\n"
		"Fit the 21 FSRS-6 parameters to your own review log (as Anki's optimizer,\n"
		"fsrs-rs, does) and show how well the current and the fitted parameters\n"
		"predict your reviews: log loss and RMSE over bins, lower is better.\n"
		"Nothing changes unless asked; the review log and cards never change.\n"
		"  -a, --apply    store the fitted parameters if they predict better\n"
		"                 (the replaced ones are kept for --revert)\n"
		"  -r, --revert   put back the parameters the last --apply replaced\n"
		"  -j, --json     print the figures as JSON\n"
		"  -h, --help     show this help\n"
		"Needs %d predictable reviews (the first of a day of a question already\n"
		"reviewed on an earlier day); says how many are missing.\n",
		OPTIMIZE_MIN_ITEMS);
}

struct cmd_optimize_progress {
	bool tty;
	int last;       /* last percentage shown, -1 before the first */
};

static void cmd_optimize_progress(void *ctx, size_t done, size_t total)
{
	struct cmd_optimize_progress *p = ctx;
	int pct = total ? figures_percent(done, total) : 100;

	if (p->tty) {
		if (pct != p->last)
			fprintf(stderr, "\rfitting the parameters: %3d%%", pct);
		if (done == total)
			fprintf(stderr, "\r%30s\r", "");
	} else if (pct / 25 != p->last / 25) {
		fprintf(stderr, "fitting the parameters: %d%%\n", pct);
	}
	p->last = pct;
}

static double cmd_optimize_ms(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) * 1e3 + (double)(b->tv_nsec - a->tv_nsec) / 1e6;
}

static void cmd_optimize_weights(FILE *out, const double *w, bool json)
{
	for (int i = 0; i < FSRS_NUM_WEIGHTS; i++)
		fprintf(out, json ? "%s%.17g" : "%s%.4f", i ? (json ? "," : " ") : "", w[i]);
}

static int cmd_optimize_revert(struct cli *cli, struct store *s, bool json)
{
	struct whose_error err;
	struct config cfg;

	whose_error_clear(&err);
	if (config_parameters_revert(s, &err) < 0 || config_load(s, &cfg, &err) < 0) {
		cli_error(cli, "optimize: %s", err.msg);
		return CLI_EXIT_FAIL;
	}
	if (json) {
		fprintf(cli->out, "{\"reverted\":true,\"parameters\":[");
		cmd_optimize_weights(cli->out, cfg.fsrs.w, true);
		fprintf(cli->out, "]}\n");
	} else {
		fprintf(cli->out, "Reverted: the parameters in use are now\n  ");
		cmd_optimize_weights(cli->out, cfg.fsrs.w, false);
		fprintf(cli->out, "\n'whose optimize --revert' again swaps them back.\n");
	}
	return CLI_EXIT_OK;
}

int cmd_optimize(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "apply", no_argument, NULL, 'a' },
		{ "revert", no_argument, NULL, 'r' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct cmd_optimize_progress prog = { false, -1 };
	struct optimize_opts o = { 0 };
	struct optimize_metrics cur, fit;
	struct optimize_counts counts;
	struct optimize_log *log = NULL;
	struct whose_error err;
	struct timespec t0, t1;
	struct store *s = NULL;
	struct config cfg;
	double w[FSRS_NUM_WEIGHTS], gain;
	bool apply = false, revert = false, json = false, applied = false;
	int c, rc;

	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:arjh", opts, NULL)) != -1) {
		switch (c) {
		case 'a':
			apply = true;
			break;
		case 'r':
			revert = true;
			break;
		case 'j':
			json = true;
			break;
		case 'h':
			cmd_optimize_usage(cli->out);
			return CLI_EXIT_OK;
		default:
			return cli_bad_option(cli, argv, c, "optimize", opts);
		}
	}
	if (optind < argc)
		return cli_extra_argument(cli, argv[optind], "optimize");
	if (apply && revert) {
		cli_error(cli, "optimize: give --apply or --revert, not both");
		return CLI_EXIT_USAGE;
	}
	/* The log and the settings are all it reads: the bank is not synced. */
	if (cli_resolve_db(cli) < 0)
		return CLI_EXIT_FAIL;
	whose_error_clear(&err);
	if (store_open(cli->db_path, STORE_CREATE, &s, &err) < 0 ||
	    config_load(s, &cfg, &err) < 0) {
		cli_error(cli, "optimize: %s", err.msg);
		store_close(s);
		return CLI_EXIT_FAIL;
	}
	if (revert) {
		rc = cmd_optimize_revert(cli, s, json);
		store_close(s);
		return rc;
	}
	whose_error_clear(&err);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	rc = optimize_log_load(s, cfg.day_starts_at, &log, &err);
	if (rc < 0)
		goto fail;
	optimize_log_counts(log, &counts);
	o.enable_short_term = cfg.fsrs.enable_short_term;
	o.num_relearning_steps = cfg.fsrs.n_relearning_steps;
	prog.tty = isatty(STDERR_FILENO);
	if (!json && (prog.tty || counts.train_items * 5 >= CMD_OPTIMIZE_LONG_FIT)) {
		o.progress = cmd_optimize_progress;
		o.ctx = &prog;
	}
	rc = optimize_fit(log, &o, w, &err);
	if (rc < 0)
		goto fail;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	rc = optimize_evaluate(log, cfg.fsrs.w, &cur, &err);
	if (rc == 0)
		rc = optimize_evaluate(log, w, &fit, &err);
	if (rc < 0)
		goto fail;
	gain = optimize_gain_percent(&cur, &fit);
	if (apply && fit.log_loss < cur.log_loss) {
		rc = config_parameters_apply(s, w, &err);
		if (rc < 0)
			goto fail;
		applied = true;
	}
	if (json) {
		fprintf(cli->out, "{\"reviews\":%zu,\"cards\":%zu,\"items\":%zu,\"train_items\":%zu,"
		       "\"evaluated_items\":%zu,\"fit_ms\":%.1f,"
		       "\"current\":{\"log_loss\":%.9g,\"rmse_bins\":%.9g,\"parameters\":[",
		       counts.reviews, counts.cards, counts.items, counts.train_items,
		       cur.items, cmd_optimize_ms(&t0, &t1), cur.log_loss, cur.rmse_bins);
		cmd_optimize_weights(cli->out, cfg.fsrs.w, true);
		fprintf(cli->out, "]},\"fitted\":{\"log_loss\":%.9g,\"rmse_bins\":%.9g,\"parameters\":[",
		       fit.log_loss, fit.rmse_bins);
		cmd_optimize_weights(cli->out, w, true);
		fprintf(cli->out, "]},\"gain_percent\":%.4f,\"better\":%s,\"applied\":%s}\n", gain,
		       fit.log_loss < cur.log_loss ? "true" : "false", applied ? "true" : "false");
	} else {
		fprintf(cli->out, "Review log: %zu reviews of %zu questions; %zu can be predicted, %zu used.\n",
		       counts.reviews, counts.cards, counts.items, counts.train_items);
		fprintf(cli->out, "             log loss   RMSE (bins)\n");
		fprintf(cli->out, "  current    %8.4f   %10.4f\n", cur.log_loss, cur.rmse_bins);
		fprintf(cli->out, "  fitted     %8.4f   %10.4f\n", fit.log_loss, fit.rmse_bins);
		if (fit.log_loss < cur.log_loss)
			fprintf(cli->out, "The fitted parameters predict your reviews %.1f%% better (log loss).\n", gain);
		else
			fprintf(cli->out, "The fitted parameters predict your reviews no better than the current ones.\n");
		fprintf(cli->out, "Fitted parameters:\n  ");
		cmd_optimize_weights(cli->out, w, false);
		fprintf(cli->out, "\n");
		if (applied)
			fprintf(cli->out, "Applied: they are in use now ('whose config parameters' shows them);\n"
			       "'whose optimize --revert' puts back the ones they replaced.\n");
		else if (apply)
			fprintf(cli->out, "Not applied: the parameters in use stay.\n");
		else if (fit.log_loss < cur.log_loss)
			fprintf(cli->out, "Nothing changed: 'whose optimize --apply' puts them in use.\n");
	}
	optimize_log_free(log);
	store_close(s);
	return CLI_EXIT_OK;
fail:
	cli_error(cli, "optimize: %s", err.msg);
	optimize_log_free(log);
	store_close(s);
	return rc == WHOSE_EDATA ? CLI_EXIT_FAIL : cli_exit_for(rc);
}
