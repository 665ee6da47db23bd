/*
 * stats.h - everything the statistics show, collected at once: the figures
 * of figures.h (per topic and for the bank), the due forecast, answers per
 * day, leeches, flagged questions and how well readiness predicted the
 * mock exams.  The core collects; front ends format (a table, JSON, bars)
 * through the formatting functions of figures.h.
 */
#ifndef WHOSE_STATS_H
#define WHOSE_STATS_H

#include <stddef.h>
#include <stdint.h>

#include "whose/config.h"
#include "whose/figures.h"
#include "whose/store.h"

#define STATS_FORECAST_DAYS 14
#define STATS_HISTORY_DAYS 28
#define STATS_LIST_MAX 200

struct stats {
	struct figures_board fig;   /* topics, totals, due, readiness */
	double desired_retention;
	/* forecast[0] is today (with what is overdue: due today), [1]
	 * tomorrow...; each a local day from day-starts-at to the next. */
	size_t forecast[STATS_FORECAST_DAYS];
	/* history[STATS_HISTORY_DAYS - 1] is today, [0] four weeks ago. */
	size_t history[STATS_HISTORY_DAYS];
	size_t history_correct[STATS_HISTORY_DAYS];
	struct store_listed *leeches;
	size_t nleeches;
	struct store_listed *flagged;
	size_t nflagged;
	struct store_calibration calibration;   /* submitted mock exams */
	double brier;                           /* figures_brier, -1: none */
};

/* Collect the figures of S at NOW into ST (free it with stats_free). */
int stats_collect(struct store *s, const struct config *cfg, int64_t now,
		  struct stats *st, struct whose_error *err);

void stats_free(struct stats *st);

#endif
