/*
 * figures.c - the figures of figures.h, each computed here and nowhere
 * else.  The store counts (inside SQLite, over narrow indexes); this file
 * turns the counts into what the learner reads.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "whose/clock.h"
#include "whose/figures.h"
#include "whose/session.h"

int figures_percent(size_t num, size_t den)
{
	if (den == 0)
		return FIGURES_NONE;
	if (num > den)
		return 100;
	return (int)((unsigned long long)num * 100 / den);
}

int figures_percent_of(double p)
{
	double v;

	if (!(p > 0.0))   /* also NaN */
		return 0;
	if (p >= 1.0)
		return 100;
	/* 0.29 is 28.999...% in binary: a hair's tolerance keeps it 29. */
	v = floor(p * 100.0 + 1e-9);
	return v > 100.0 ? 100 : (int)v;
}

void figures_format_percent(int pct, char *buf, size_t len)
{
	if (pct == FIGURES_NONE)
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "%d%%", pct);
}

void figures_format_clock(int64_t ms, enum figures_clock how, char *buf, size_t len)
{
	long long s;

	if (ms <= 0)
		s = 0;
	else if (how == FIGURES_CLOCK_LEFT)
		s = (long long)(ms / 1000 + (ms % 1000 != 0));
	else
		s = (long long)(ms / 1000);
	if (s >= 3600 && how == FIGURES_CLOCK_SPENT)
		snprintf(buf, len, "%lld:%02lld:%02lld", s / 3600, s / 60 % 60, s % 60);
	else
		snprintf(buf, len, "%lld:%02lld", s / 60, s % 60);
}

void figures_format_json_percent(int pct, char *buf, size_t len)
{
	if (pct == FIGURES_NONE)
		snprintf(buf, len, "null");
	else
		snprintf(buf, len, "%d", pct);
}

double figures_prior(size_t first_answers, size_t first_correct)
{
	return ((double)first_correct + FIGURES_PRIOR_WEIGHT * FIGURES_PRIOR_CHANCE) /
	       ((double)first_answers + FIGURES_PRIOR_WEIGHT);
}

/* The expected right answers of topic T: its cards' recall, the prior for
 * the rest. */
static double figures_expected(const struct store_topic *t, double prior)
{
	size_t rest = t->total > t->studied ? t->total - t->studied : 0;

	return t->recall_sum + prior * (double)rest;
}

void figures_readiness(struct store_topic *t, size_t n, double prior)
{
	for (size_t i = 0; i < n; i++) {
		double r = t[i].total > 0 ? figures_expected(&t[i], prior) / (double)t[i].total
					  : prior;

		t[i].readiness = r < 0.0 ? 0.0 : r > 1.0 ? 1.0 : r;
	}
}

double figures_bank_readiness(const struct store_topic *t, size_t n, double prior)
{
	double sum = 0.0;
	size_t total = 0;

	for (size_t i = 0; i < n; i++) {
		sum += figures_expected(&t[i], prior);
		total += t[i].total;
	}
	return total > 0 ? sum / (double)total : prior;
}

void figures_exam_predict(const struct store_topic *t, size_t n, size_t questions,
			  struct figures_exam *out)
{
	double mean = 0.0, var = 0.0, sd;
	size_t total = 0;

	memset(out, 0, sizeof(*out));
	out->questions = questions;
	for (size_t i = 0; i < n; i++)
		total += t[i].total;
	if (total == 0 || questions == 0)
		return;
	for (size_t i = 0; i < n; i++) {
		double w = (double)t[i].total / (double)total, r = t[i].readiness;

		mean += w * r;
		var += w * r * (1.0 - r);
	}
	sd = sqrt(var / (double)questions);
	out->score = mean;
	out->low = mean - 2.0 * sd < 0.0 ? 0.0 : mean - 2.0 * sd;
	out->high = mean + 2.0 * sd > 1.0 ? 1.0 : mean + 2.0 * sd;
}

double figures_brier(const struct store_calibration *c)
{
	if (c->answers == 0)
		return -1.0;
	return c->squared_error / (double)c->answers;
}

int figures_due_collect(struct store *s, const struct config *cfg, int64_t now,
			struct figures_due *d, struct whose_error *err)
{
	int64_t learn_before;
	size_t learning_today, introduced;
	int rc;

	memset(d, 0, sizeof(*d));
	clock_local_day(now, cfg->day_starts_at, &d->day_start, &d->day_end);
	/* Due today: every learning or review card due before the day ends. */
	rc = store_count_queues(s, d->day_end, d->day_end, &learning_today, &d->due_review,
				&d->new_waiting, err);
	if (rc < 0)
		return rc;
	d->due_today = learning_today + d->due_review;
	/* Due now: the learning steps a review would take now. */
	learn_before = now + SESSION_LEARN_AHEAD_MS;
	if (learn_before > d->day_end)
		learn_before = d->day_end;
	rc = store_count_learning(s, learn_before, &d->due_learning, err);
	if (rc < 0)
		return rc;
	d->due_now = d->due_learning + d->due_review;
	rc = store_count_introduced(s, d->day_start, &introduced, err);
	if (rc < 0)
		return rc;
	if (introduced < (size_t)cfg->new_per_day) {
		size_t room = (size_t)cfg->new_per_day - introduced;

		d->new_today = d->new_waiting < room ? d->new_waiting : room;
	}
	return 0;
}

int figures_board_collect(struct store *s, const struct config *cfg, int64_t now,
			  struct figures_board *b, struct whose_error *err)
{
	struct figures_due d;
	int rc;

	memset(b, 0, sizeof(*b));
	b->now = now;
	rc = figures_due_collect(s, cfg, now, &d, err);
	if (rc < 0)
		return rc;
	b->day_start = d.day_start;
	b->day_end = d.day_end;
	b->due_learning = d.due_learning;
	b->due_review = d.due_review;
	b->due_now = d.due_now;
	b->due_today = d.due_today;
	b->new_waiting = d.new_waiting;
	b->new_today = d.new_today;
	rc = store_topics(s, &cfg->fsrs, now, b->day_end, &b->topics, &b->ntopics, err);
	if (rc < 0)
		return rc;
	for (size_t i = 0; i < b->ntopics; i++) {
		const struct store_topic *t = &b->topics[i];

		b->total += t->total;
		b->seen += t->seen;
		b->studied += t->studied;
		b->answers += t->answers;
		b->correct += t->correct;
		b->retention_reviews += t->retention_reviews;
		b->retention_recalled += t->retention_recalled;
		b->first_answers += t->first_answers;
		b->first_correct += t->first_correct;
	}
	/* The queue count stops at a cap; never-studied questions are exact. */
	if (b->new_waiting >= STORE_NEW_COUNT_CAP)
		b->new_waiting = b->total - (b->studied < b->total ? b->studied : b->total);
	b->prior = figures_prior(b->first_answers, b->first_correct);
	figures_readiness(b->topics, b->ntopics, b->prior);
	b->readiness = figures_bank_readiness(b->topics, b->ntopics, b->prior);
	figures_exam_predict(b->topics, b->ntopics, FIGURES_EXAM_QUESTIONS, &b->exam);
	return 0;
}

void figures_board_free(struct figures_board *b)
{
	if (b == NULL)
		return;
	free(b->topics);
	b->topics = NULL;
	b->ntopics = 0;
}

int figures_exam_record(struct store *s, const struct config *cfg, int64_t exam_id,
			int64_t now, struct whose_error *err)
{
	size_t first, right;
	int rc = store_first_answers(s, &first, &right, err);

	if (rc < 0)
		return rc;
	return store_exam_predict(s, exam_id, &cfg->fsrs, now, figures_prior(first, right), err);
}

/* ---- what comes after a session ----------------------------------- */

int figures_outlook_collect(struct store *st, const struct config *c, int64_t now,
			struct figures_outlook *out, struct whose_error *err)
{
	int64_t ds, de, ds2, de2, learn, review;
	size_t l, r, fresh;
	int rc;

	memset(out, 0, sizeof(*out));
	clock_local_day(now, c->day_starts_at, &ds, &de);
	clock_local_day(de, c->day_starts_at, &ds2, &de2);
	rc = store_next_due(st, 1, &learn, err);
	if (rc == 0)
		rc = store_next_due(st, 2, &review, err);
	if (rc < 0)
		return rc;
	out->next_due = learn < 0 ? review : review < 0 ? learn : learn < review ? learn : review;
	rc = store_count_queues(st, de, de, &l, &r, &fresh, err);
	if (rc < 0)
		return rc;
	out->due_now = l + r;
	rc = store_count_queues(st, de2, de2, &l, &r, &fresh, err);
	if (rc < 0)
		return rc;
	out->tomorrow = l + r - out->due_now;
	out->new_tomorrow = fresh < (size_t)c->new_per_day ? fresh : (size_t)c->new_per_day;
	return 0;
}

void figures_outlook_text(const struct figures_outlook *o, int64_t now,
			  char *buf, size_t len)
{
	char when[FSRS_LABEL_MAX], clock[16] = "";
	size_t used = 0;

	if (len == 0)
		return;
	buf[0] = '\0';
	if (o->next_due < 0) {
		used = (size_t)snprintf(buf, len, "No review is scheduled yet.");
	} else if (o->next_due <= now) {
		used = (size_t)snprintf(buf, len, "%zu question%s still due now.", o->due_now,
					o->due_now == 1 ? " is" : "s are");
	} else {
		time_t t = (time_t)(o->next_due / 1000);
		struct tm tm;

		fsrs_format_interval(o->next_due - now, when, sizeof(when));
		if (localtime_r(&t, &tm) != NULL)
			strftime(clock, sizeof(clock), o->next_due - now < 86400000 ? "%H:%M" : "%a %d %b %H:%M", &tm);
		used = (size_t)snprintf(buf, len, "Next review in %s (%s).", when, clock);
	}
	if (used >= len)
		return;
	snprintf(buf + used, len - used, " Tomorrow: %zu review%s and %zu new question%s.",
		 o->tomorrow, o->tomorrow == 1 ? "" : "s", o->new_tomorrow,
		 o->new_tomorrow == 1 ? "" : "s");
}

double figures_card_recall(const struct fsrs_params *p, const struct fsrs_card *card,
			   int64_t now)
{
	if (!card->has_last_review || card->stability <= 0.0)
		return -1.0;
	return fsrs_recall(p, card->stability, now - card->last_review);
}
