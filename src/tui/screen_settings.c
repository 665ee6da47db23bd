/*
 * screen_settings.c - the settings of 'whose config', from the home screen.
 *
 *     Settings                                               10 settings
 *     ▸ desired-retention    0.90
 *       new-per-day          5          (default 20)
 *       ...
 *     desired-retention: the recall probability reviews aim at, 0.70 to 0.99
 *     Enter Change  d Default  Esc/Backspace Back  ? Help  q Quit
 *
 * Enter opens the value under the cursor for typing (the current value
 * first): Enter saves it through config_set, which checks it (a bad value
 * is refused with its range, and typing goes on), Esc cancels.  A change
 * applies at once: the running program loads the settings again, so the
 * next session uses them.  d on parameters other than the defaults (the
 * fitted ones of 'whose optimize --apply') asks first: y drops them, any
 * other key keeps them.  Every name is whole on screen; a long value
 * (the parameters) is shown whole below the list.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/tui_int.h"
#include "whose/text.h"

struct tui_settings {
	struct tui_screen base;
	struct tui_list list;       /* of the settings */
	char (*value)[CONFIG_VALUE_MAX];
	bool editing;
	bool dropping;              /* d on fitted parameters: y drops them */
	char line[CONFIG_VALUE_MAX];
	size_t line_len;
};

static const struct tui_screen_ops tui_settings_ops;

/* The effective values again (after a change). */
static int tui_settings_load(struct tui *t, struct tui_settings *s)
{
	const char *const *keys = config_keys();

	for (size_t i = 0; i < s->list.n; i++) {
		int rc = config_get(t->store, keys[i], s->value[i], sizeof(s->value[i]), t->err);

		if (rc < 0)
			return rc;
	}
	return 0;
}

struct tui_screen *tui_settings_new(struct tui *t)
{
	struct tui_settings *s = tui_screen_new(t, sizeof(*s), &tui_settings_ops);
	int rc;

	if (s == NULL)
		return NULL;
	while (config_keys()[s->list.n] != NULL)
		s->list.n++;
	s->value = calloc(s->list.n ? s->list.n : 1, sizeof(*s->value));
	rc = s->value == NULL ? whose_error_set(t->err, WHOSE_ENOMEM, "out of memory")
			      : tui_settings_load(t, s);
	if (rc < 0) {
		free(s->value);
		free(s);
		tui_fail(t, rc);
		return NULL;
	}
	return &s->base;
}

static void tui_settings_free(struct tui *t, struct tui_screen *base)
{
	struct tui_settings *s = (struct tui_settings *)base;

	(void)t;
	free(s->value);
	free(s);
}

/* What a row of the list needs besides its index. */
struct tui_settings_rows {
	const struct tui_settings *s;
	size_t namew;               /* the widest name */
};

/* Setting I on line Y (the list's row callback). */
static void tui_settings_row(struct tui *t, int y, size_t i, bool cur, void *ctx)
{
	const struct tui_settings_rows *rows = ctx;
	const char *name = config_keys()[i];
	const char *def = config_default(name);
	const char *value = rows->s->value[i];
	int x = 1;

	x += (int)tui_draw_text(t, y, x, cur ? (t->utf8 ? "\xe2\x96\xb8 " : "> ") : "  ", 2, TUI_S_KEY);
	tui_draw_text(t, y, x, name, (size_t)t->cols - 2, cur ? TUI_S_BOLD : TUI_S_NORMAL);
	x += (int)rows->namew + 2;
	if (x >= t->cols - 1)
		return;
	x += (int)tui_draw_text(t, y, x, value, (size_t)(t->cols - 1 - x), TUI_S_NORMAL);
	if (def != NULL && strcmp(def, value) != 0 && x + 4 < t->cols - 1) {
		char note[CONFIG_VALUE_MAX + 16];

		snprintf(note, sizeof(note), "  (default %s)", def);
		tui_draw_text(t, y, x, note, (size_t)(t->cols - 1 - x), TUI_S_DIM);
	}
}

static void tui_settings_draw(struct tui *t, struct tui_screen *base)
{
	struct tui_settings *s = (struct tui_settings *)base;
	const char *const *keys = config_keys();
	const char *key = keys[s->list.cursor];
	struct tui_settings_rows rows = { s, 0 };
	char right[32];
	struct tui_doc doc;
	/* The list, then a blank line and the detail of the one under the
	 * cursor (description, default, whole value): four lines kept. */
	int y = 2, detail = 4, h = t->lines - 2 - 2 - detail - 1;

	snprintf(right, sizeof(right), "%zu settings", s->list.n);
	tui_draw_header(t, "Settings", right);
	if (h < 1)
		h = 1;
	for (size_t i = 0; i < s->list.n; i++)
		if (text_width(keys[i]) > rows.namew)
			rows.namew = text_width(keys[i]);
	tui_draw_list(t, &s->list, y, h, NULL, tui_settings_row, &rows);
	/* The detail: wrapped, never cut. */
	tui_doc_init(&doc, (size_t)t->cols > 4 ? (size_t)t->cols - 3 : 1, !t->utf8);
	tui_doc_add(&doc, "", TUI_S_NORMAL, config_describe(key), TUI_S_DIM, 0);
	{
		char text[CONFIG_VALUE_MAX + 96];

		if (s->editing)
			snprintf(text, sizeof(text), "%s, Enter saves, Esc cancels: %s_", key, s->line);
		else
			snprintf(text, sizeof(text), "%s = %s", key, s->value[s->list.cursor]);
		tui_doc_add(&doc, "", TUI_S_NORMAL, text, s->editing ? TUI_S_BOLD : TUI_S_NORMAL, 0);
	}
	{
		int dy = t->lines - 2 - 1 - detail;
		size_t first = doc.n > (size_t)detail ? doc.n - (size_t)detail : 0;

		if (dy < y + 1)
			dy = y + 1;
		/* The end of a long line being typed stays in view. */
		tui_draw_doc(t, &doc, dy, 1, detail, first);
	}
	tui_doc_free(&doc);
	if (!tui_draw_notice(t, t->lines - 2))
		tui_draw_text(t, t->lines - 2, 1,
			      s->editing ? "Type the new value; Backspace erases."
					 : "A change applies at once, as 'whose config NAME VALUE' would.",
			      (size_t)t->cols - 2, TUI_S_DIM);
	tui_draw_footer(t, TUI_CTX_SETTINGS, 0);
}

/* Store VALUE for the setting under the cursor; the program uses it at
 * once.  False when it was refused (the notice says why). */
static bool tui_settings_save(struct tui *t, struct tui_settings *s, const char *value)
{
	const char *key = config_keys()[s->list.cursor];
	struct whose_error e;
	int rc;

	whose_error_clear(&e);
	rc = config_set(t->store, key, value, &e);
	if (rc == WHOSE_EINVAL || rc == WHOSE_ENOTFOUND) {
		tui_notice(t, TUI_S_WRONG, "%s", e.msg);
		return false;
	}
	if (rc == 0)
		rc = config_load(t->store, &t->cfg_live, t->err);
	if (rc == 0)
		rc = tui_settings_load(t, s);
	if (rc < 0) {
		if (e.code != 0)
			*t->err = e;
		tui_fail(t, rc);
		return false;
	}
	t->cfg = &t->cfg_live;
	t->base.config = &t->cfg_live;
	tui_notice(t, TUI_S_NOTICE, "%s is now %s.", key, s->value[s->list.cursor]);
	return true;
}

/* While a value is typed every key is text, but Enter, Esc and Backspace. */
static bool tui_settings_raw(struct tui *t, struct tui_screen *base, int key)
{
	struct tui_settings *s = (struct tui_settings *)base;

	if (s->dropping) {
		const char *def = config_default(config_keys()[s->list.cursor]);

		s->dropping = false;
		if ((key == 'y' || key == 'Y') && def != NULL)
			tui_settings_save(t, s, def);
		else
			tui_notice(t, TUI_S_NOTICE, "Kept: the parameters stay as they were.");
		return true;
	}
	if (!s->editing)
		return false;
	if (key == TUI_KEY_ENTER) {
		if (tui_settings_save(t, s, s->line))
			s->editing = false;
	} else if (key == TUI_KEY_ESC) {
		s->editing = false;
		tui_notice(t, TUI_S_NOTICE, "Not changed.");
	} else {
		tui_line_edit(s->line, sizeof(s->line), &s->line_len, key);
	}
	return true;
}

static void tui_settings_key(struct tui *t, struct tui_screen *base, enum tui_action a, int arg)
{
	struct tui_settings *s = (struct tui_settings *)base;
	const char *def;

	(void)arg;
	if (tui_list_key(t, &s->list, 5, a))
		return;
	switch (a) {
	case TUI_ACT_EDIT:
		s->editing = true;
		snprintf(s->line, sizeof(s->line), "%s", s->value[s->list.cursor]);
		s->line_len = strlen(s->line);
		t->notice[0] = '\0';
		break;
	case TUI_ACT_DEFAULT:
		def = config_default(config_keys()[s->list.cursor]);
		if (def == NULL)
			break;
		/* Fitted parameters took a review log to make: asked first. */
		if (strcmp(config_keys()[s->list.cursor], "parameters") == 0 &&
		    strcmp(s->value[s->list.cursor], def) != 0) {
			s->dropping = true;
			tui_notice(t, TUI_S_NOTICE,
				   "Drop these parameters (fitted to your reviews?) for the defaults? y drops them; any other key keeps them.");
			break;
		}
		tui_settings_save(t, s, def);
		break;
	default:
		break;
	}
}

static const struct tui_screen_ops tui_settings_ops = {
	.name = "settings",
	.ctx = TUI_CTX_SETTINGS,
	.draw = tui_settings_draw,
	.key = tui_settings_key,
	/* no .resize: laid out again at the next frame */
	.free = tui_settings_free,
	.ticks = false,
	.raw = tui_settings_raw,
};
