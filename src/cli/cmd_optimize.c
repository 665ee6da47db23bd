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
		"fsrs-rs, does) and show what they would change (the next interval of a\n"
		"new and of a mature question answered Good, the reviews a day at your\n"
		"pace), then how well the current and the fitted parameters predict your\n"
		"reviews: log loss and RMSE over bins, lower is better.\n"
		"Nothing changes unless asked; the review log and cards never change.\n"
		"  -a, --apply    store the fitted parameters if they predict better\n"
		"                 (the replaced ones are kept for --revert)\n"
		"  -r, --revert   put back the parameters in use before the last --apply;\n"
		"                 once: a second --revert has nothing to revert\n"
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

#define CMD_OPTIMIZE_PACE_DAYS 30

/* The learner's pace: new questions a day over the last 30 days, or the
 * new-per-day setting when none were taken in (*MEASURED false). */
static double cmd_optimize_pace(struct store *s, const struct config *cfg, int64_t now,
				bool *measured)
{
	size_t n = 0;

	*measured = false;
	if (store_count_introduced(s, now - CMD_OPTIMIZE_PACE_DAYS * 86400000LL, &n, NULL) == 0 && n > 0) {
		*measured = true;
		return (double)n / CMD_OPTIMIZE_PACE_DAYS;
	}
	return cfg->new_per_day;
}

static void cmd_optimize_days(char *buf, size_t size, int days)
{
	snprintf(buf, size, "%d day%s", days, days == 1 ? "" : "s");
}

/* What the two sets change, in days and reviews, before any number of
 * the model's. */
static void cmd_optimize_effect_text(FILE *out, const struct optimize_effect *a,
				     const struct optimize_effect *b, bool measured)
{
	char x[32], y[32];

	fprintf(out, "What the fitted parameters would change:\n");
	fprintf(out, "  %-42s %10s %10s\n", "", "now", "fitted");
	cmd_optimize_days(x, sizeof(x), a->new_good_days);
	cmd_optimize_days(y, sizeof(y), b->new_good_days);
	fprintf(out, "  %-42s %10s %10s\n", "a new question answered Good, next in", x, y);
	cmd_optimize_days(x, sizeof(x), a->mature_good_days);
	cmd_optimize_days(y, sizeof(y), b->mature_good_days);
	fprintf(out, "  %-42s %10s %10s\n", "a mature question answered Good, next in", x, y);
	fprintf(out, "  %-42s %10.0f %10.0f\n", "reviews a day, a year on at your pace",
		a->reviews_per_day, b->reviews_per_day);
	fprintf(out, "  (mature: at an interval of %d days now, %d fitted; your pace: %.1f new\n"
		"  questions a day, %s; each review counted\n"
		"  as likely as the parameters predict you remember)\n",
		a->mature_from_days, b->mature_from_days, a->new_per_day,
		measured ? "as over the last 30 days" : "the new-per-day setting");
}

static void cmd_optimize_effect_json(FILE *out, const char *name, const struct optimize_effect *e)
{
	fprintf(out, "\"%s\":{\"new_good_days\":%d,\"mature_from_days\":%d,\"mature_good_days\":%d,"
		"\"reviews_per_question\":%.6f,\"new_per_day\":%.6f,\"reviews_per_day\":%.6f}",
		name, e->new_good_days, e->mature_from_days, e->mature_good_days,
		e->reviews_per_question, e->new_per_day, e->reviews_per_day);
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
		fprintf(cli->out, "Reverted: the parameters in use are again those from before the last\n"
			"'whose optimize --apply':\n  ");
		cmd_optimize_weights(cli->out, cfg.fsrs.w, false);
		fprintf(cli->out, "\n");
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
	double w[FSRS_NUM_WEIGHTS], gain, pace;
	struct optimize_effect eff_cur, eff_fit;
	struct fsrs_params fitted;
	bool apply = false, revert = false, json = false, applied = false, measured;
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
	pace = cmd_optimize_pace(s, &cfg, clock_now(&cli->clock), &measured);
	fitted = cfg.fsrs;
	memcpy(fitted.w, w, sizeof(fitted.w));
	if ((rc = fsrs_params_prepare(&fitted, &err)) < 0 ||
	    (rc = optimize_effect_collect(&cfg.fsrs, pace, &eff_cur, &err)) < 0 ||
	    (rc = optimize_effect_collect(&fitted, pace, &eff_fit, &err)) < 0)
		goto fail;
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
		fprintf(cli->out, "]},\"effect\":{");
		cmd_optimize_effect_json(cli->out, "current", &eff_cur);
		fputc(',', cli->out);
		cmd_optimize_effect_json(cli->out, "fitted", &eff_fit);
		fprintf(cli->out, ",\"pace_measured\":%s},\"gain_percent\":%.4f,\"better\":%s,\"applied\":%s}\n",
			measured ? "true" : "false", gain,
			fit.log_loss < cur.log_loss ? "true" : "false", applied ? "true" : "false");
	} else {
		cmd_optimize_effect_text(cli->out, &eff_cur, &eff_fit, measured);
		if (fit.log_loss < cur.log_loss)
			fprintf(cli->out, "They predict your own reviews %.1f%% better than the parameters in use.\n\n", gain);
		else
			fprintf(cli->out, "They predict your own reviews no better than the parameters in use.\n\n");
		fprintf(cli->out, "Review log: %zu reviews of %zu questions; %zu can be predicted, %zu used.\n",
		       counts.reviews, counts.cards, counts.items, counts.train_items);
		fprintf(cli->out, "             log loss   RMSE (bins)\n");
		fprintf(cli->out, "  current    %8.4f   %10.4f\n", cur.log_loss, cur.rmse_bins);
		fprintf(cli->out, "  fitted     %8.4f   %10.4f\n", fit.log_loss, fit.rmse_bins);
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
