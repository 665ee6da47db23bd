/*
 * stats.h - the learner's figures in one struct: per topic, the due
 * forecast, answers per day, true retention, leeches and flagged
 * questions.  The core collects; front ends draw (a table, JSON, bars).
 */
#ifndef WHOSE_STATS_H
#define WHOSE_STATS_H

#include <stddef.h>
#include <stdint.h>

#include "whose/config.h"
#include "whose/store.h"

#define STATS_FORECAST_DAYS 14
#define STATS_HISTORY_DAYS 28
#define STATS_LIST_MAX 200

struct stats {
	int64_t now;
	int64_t day_start;          /* the learner's today began here (UTC ms) */
	struct store_topic *topics; /* by name */
	size_t ntopics;
	/* Totals over the topics. */
	size_t total, seen, answers, correct;
	size_t retention_reviews, retention_recalled;
	double desired_retention;
	/* What is waiting. */
	size_t due_learning;        /* learning steps due now */
	size_t due_review;          /* reviews due today */
	size_t new_waiting;         /* new questions never shown */
	size_t new_today;           /* new questions still to come today */
	/* forecast[0] is today (with what is overdue), [1] tomorrow... */
	size_t forecast[STATS_FORECAST_DAYS];
	/* history[STATS_HISTORY_DAYS - 1] is today, [0] four weeks ago. */
	size_t history[STATS_HISTORY_DAYS];
	size_t history_correct[STATS_HISTORY_DAYS];
	struct store_listed *leeches;
	size_t nleeches;
	struct store_listed *flagged;
	size_t nflagged;
};

/* Collect the figures of S at the clock's time into ST (free it with
 * stats_free). */
int stats_collect(struct store *s, const struct config *cfg, int64_t now,
		  struct stats *st, struct whose_error *err);

void stats_free(struct stats *st);

#endif
