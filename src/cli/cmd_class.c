/*
 * cmd_class.c - `whose class`: a live class on one host.
 *
 *   whose class host [--seed S] [--questions N] [--seconds K] [--topic T]...
 *                    [--group GROUP] [--no-leaderboard] [--speed-bonus]
 *                    [--full-names] [--reveal-seconds R]
 *   whose class join [CODE]
 *   whose class results [--class ID] [--list] [--output FILE]
 *
 * The questions are drawn as a drill draws them (drill_new: the same seed
 * gives the same questions and choice orders); the class itself runs in
 * src/class.
 */
#include <getopt.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "class/class_front.h"
#include "cli.h"
#include "tui/tui.h"
#include "whose/class.h"
#include "whose/drill.h"
#include "whose/results.h"
#include "whose/safefile.h"
#include "whose/store_class.h"
#include "whose/text.h"

#define CMD_CLASS_MAX_TOPICS 64
/* The columns of a drill's results file as 'whose report' reads them,
 * and the account (uid from SO_PEERCRED, its login) that answered.
 * Spelled out rather than RESULTS_HEADER: the homework branch adds
 * columns (complete, fingerprint) to that constant and still reads files
 * with these six, so the class's rows keep their own header. */
#define CMD_CLASS_RESULTS_HEADER "name,finished_at,seed,score,total,answers,uid,login\n"

static void cmd_class_usage(FILE *f)
{
	fprintf(f,
		"Usage: whose class host [OPTIONS]   run a live class (the teacher)\n"
		"       whose class join [CODE]      join one (a student); no code: list them\n"
		"       whose class results [--class ID] [--list] [--output FILE]\n"
		"\n"
		"A live class on this host: students (logged in here, e.g. over SSH) join\n"
		"the teacher's class with its code; each question appears on every screen\n"
		"at once with a shared countdown; then the right answer, the explanation,\n"
		"each student's result and rank.  Students answer with the keys of every\n"
		"mode, shown beside each option: a-f (choices), t/f, a/c/s (AWS, Customer,\n"
		"Shared), one of a c s per sort item (\"a c s\"); then Enter.\n"
		"\n"
		"host options:\n"
		"  -s, --seed S            the seed that draws the questions (default: random)\n"
		"  -n, --questions N       questions, 1 to %d (default %d)\n"
		"  -k, --seconds K         seconds per question, 1 to %d (default %d)\n"
		"  -t, --topic T           only this topic (repeatable)\n"
		"  -g, --group GROUP       only members of this Unix group may join\n"
		"      --no-leaderboard    no top five, no podium\n"
		"      --speed-bonus       a right answer earns up to %d more points when fast\n"
		"      --full-names        show the accounts' full names (GECOS) for login names\n"
		"      --reveal-seconds R  go on to the next question R seconds after a reveal\n"
		"      --end-when-answered close a question once every student connected answered\n"
		"      --seed-file FILE    the seed from FILE (a seed on the command line is shown\n"
		"                          to every account by ps)\n"
		"The teacher types: start, pause, resume, skip, next, end, who, lock (no new\n"
		"students), unlock, kick LOGIN (remove a student for good).\n"
		"\n"
		"results options:\n"
		"  -c, --class ID          that class (default: the latest)\n"
		"  -l, --list              list the classes instead\n"
		"  -o, --output FILE       write the CSV to FILE instead of standard output\n"
		"The CSV has the columns of a drill's results file: 'whose report' reads it.\n",
		CLASS_MAX_QUESTIONS, DRILL_DEFAULT_COUNT, CLASS_MAX_SECONDS, DRILL_DEFAULT_SECONDS,
		CLASS_POINTS_BONUS);
}

/* The full-screen view of the host, through tui's functions. */
static void cmd_class_tui_say(void *ctx, const char *text)
{
	(void)ctx;
	tui_class_host_say(text);
}

static void cmd_class_tui_status(void *ctx, const char *text)
{
	(void)ctx;
	tui_class_host_status(text);
}

static int cmd_class_tui_input(void *ctx, char *cmd, size_t len)
{
	(void)ctx;
	return tui_class_host_input(cmd, len);
}

static int cmd_class_tui_signalled(void *ctx)
{
	(void)ctx;
	return tui_class_host_signalled();
}

static int cmd_class_host(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "seed", required_argument, NULL, 's' },
		{ "questions", required_argument, NULL, 'n' },
		{ "seconds", required_argument, NULL, 'k' },
		{ "topic", required_argument, NULL, 't' },
		{ "group", required_argument, NULL, 'g' },
		{ "no-leaderboard", no_argument, NULL, 'L' },
		{ "speed-bonus", no_argument, NULL, 'B' },
		{ "full-names", no_argument, NULL, 'F' },
		{ "reveal-seconds", required_argument, NULL, 'R' },
		{ "end-when-answered", no_argument, NULL, 'E' },
		{ "seed-file", required_argument, NULL, 'S' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *topics[CMD_CLASS_MAX_TOPICS];
	struct cli_topic_name topic_names[CMD_CLASS_MAX_TOPICS];
	struct drill_opts d;
	struct class_opts co;
	struct class_host_opts ho;
	struct store *s = NULL;
	struct drill *dr = NULL;
	struct class *cls = NULL;
	struct config cfg;
	struct whose_error err;
	unsigned long long v;
	bool have_seed = false;
	int c, rc;

	memset(&d, 0, sizeof(d));
	memset(&co, 0, sizeof(co));
	memset(&ho, 0, sizeof(ho));
	ho.leaderboard = true;
	whose_error_clear(&err);
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:s:n:k:t:g:h", opts, NULL)) != -1) {
		switch (c) {
		case 's':
			if (cli_number(cli, "class host", "--seed", optarg, 0, ~0ULL, &v) < 0)
				return CLI_EXIT_USAGE;
			d.seed = (uint64_t)v;
			have_seed = true;
			break;
		case 'n':
			if (cli_number(cli, "class host", "--questions", optarg, 1, CLASS_MAX_QUESTIONS, &v) < 0)
				return CLI_EXIT_USAGE;
			d.count = (size_t)v;
			break;
		case 'k':
			if (cli_number(cli, "class host", "--seconds", optarg, 1, CLASS_MAX_SECONDS, &v) < 0)
				return CLI_EXIT_USAGE;
			d.seconds = (int)v;
			break;
		case 't':
			if (d.ntopics == CMD_CLASS_MAX_TOPICS) {
				cli_error(cli, "class host: at most %d topics", CMD_CLASS_MAX_TOPICS);
				return CLI_EXIT_USAGE;
			}
			topics[d.ntopics++] = optarg;
			break;
		case 'g': {
			struct group *g = getgrnam(optarg);

			if (g == NULL) {
				cli_error(cli, "class host: no group named '%s' on this host ('getent group' lists them)",
					  class_vis(optarg, false));
				return CLI_EXIT_USAGE;
			}
			ho.have_group = true;
			ho.group = g->gr_gid;
			ho.group_name = optarg;
			break;
		}
		case 'L':
			ho.leaderboard = false;
			break;
		case 'B':
			co.speed_bonus = true;
			break;
		case 'F':
			ho.full_names = true;
			break;
		case 'R':
			if (cli_number(cli, "class host", "--reveal-seconds", optarg, 0, 3600, &v) < 0)
				return CLI_EXIT_USAGE;
			ho.reveal_seconds = (int)v;
			break;
		case 'E':
			ho.end_when_answered = true;
			break;
		case 'S': {
			/* The seed from a file: a command line is shown to every
			 * account by ps, and the seed draws the questions. */
			char text[64];
			FILE *f = safefile_fopen_read(optarg, true, &err);
			size_t got;

			if (f == NULL) {
				cli_error(cli, "class host: --seed-file: %s", err.msg);
				return CLI_EXIT_FAIL;
			}
			got = fread(text, 1, sizeof(text) - 1, f);
			fclose(f);
			text[got] = '\0';
			text[strcspn(text, " \t\r\n")] = '\0';
			if (cli_number(cli, "class host", "--seed-file", text, 0, ~0ULL, &v) < 0)
				return CLI_EXIT_USAGE;
			d.seed = (uint64_t)v;
			have_seed = true;
			break;
		}
		case 'h':
			cmd_class_usage(cli->out);
			return CLI_EXIT_OK;
		default:
			return cli_bad_option(cli, argv, c, "class", opts);
		}
	}
	if (optind < argc)
		return cli_extra_argument(cli, argv[optind], "class");
	if (!have_seed) {
		if (cli->seed != 0)
			d.seed = cli->seed;
		else if (getrandom(&d.seed, sizeof(d.seed), 0) != (ssize_t)sizeof(d.seed))
			d.seed = (uint64_t)clock_now(&cli->clock);
	}
	rc = cli_open_configured(cli, &s, &cfg);
	if (rc != CLI_EXIT_OK)
		return rc;
	if ((rc = cli_topics_resolve(cli, s, "class host", topics, d.ntopics, topic_names)) != 0) {
		store_close(s);
		return rc;
	}
	d.topics = topics;
	d.config = &cfg;
	d.clock = &cli->clock;
	if (d.seconds == 0)
		d.seconds = DRILL_DEFAULT_SECONDS;
	rc = drill_new(s, &d, &dr, &err);
	if (rc < 0) {
		cli_error(cli, "class host: %s", err.msg);
		store_close(s);
		return cli_exit_for(rc);
	}
	co.seed = d.seed;
	co.seconds = d.seconds;
	co.clock = &cli->clock;
	rc = class_new(&co, &cls, &err);
	for (size_t i = 0; rc == 0 && i < drill_count(dr); i++) {
		const struct drill_item *it = drill_item(dr, i);

		rc = class_add_question(cls, &it->a, &err);
		if (rc == 0) {
			char why[512];

			/* Refused now, by name, rather than never reaching
			 * the students once the class runs. */
			if (class_host_check(cls, i, it->a.item.qid, it->a.item.explanation, &it->a, why,
					     sizeof(why)) < 0)
				rc = whose_error_set(&err, WHOSE_EINVAL, "%s", why);
		}
	}
	if (rc < 0) {
		cli_error(cli, "class host: %s", err.msg);
		class_free(cls);
		drill_free(dr);
		store_close(s);
		return cli_exit_for(rc);
	}
	ho.cls = cls;
	ho.store = s;
	ho.clock = &cli->clock;
	ho.seed = d.seed;
	ho.seconds = d.seconds;
	{
		struct class_host_view view;
		struct class_host_plain plain;

		if (cli_use_plain(cli)) {
			class_host_plain_view(&view, &plain, STDIN_FILENO, cli->out);
			ho.view = &view;
			rc = class_host_run(&ho);
		} else if (tui_class_host_start(&err) < 0) {
			cli_error(cli, "class host: %s", err.msg);
			rc = CLI_EXIT_FAIL;
		} else {
			view.say = cmd_class_tui_say;
			view.status = cmd_class_tui_status;
			view.input = cmd_class_tui_input;
			view.signalled = cmd_class_tui_signalled;
			view.in_fd = STDIN_FILENO;
			view.end_on_eof = true;
			view.ctx = NULL;
			ho.view = &view;
			rc = class_host_run(&ho);
			tui_class_host_stop();
		}
	}
	class_free(cls);
	drill_free(dr);
	store_close(s);
	return rc;
}

static int cmd_class_join(struct cli *cli, int argc, char **argv)
{
	char base[PATH_MAX], code[CLASS_CODE_LEN + 1], why[4096];
	struct class_dir_entry found[64], e;
	size_t n;
	int fd;

	if (argc > 1 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)) {
		cmd_class_usage(cli->out);
		return CLI_EXIT_OK;
	}
	if (argc > 2)
		return cli_extra_argument(cli, argv[2], "class");
	class_dir_base(base, sizeof(base));
	if (argc == 1) {
		n = class_dir_list(base, found, sizeof(found) / sizeof(found[0]));
		if (n == 0) {
			fprintf(cli->out, "No class is open on this host.\n");
			return CLI_EXIT_OK;
		}
		fprintf(cli->out, "Open classes (join with 'whose class join CODE'):\n");
		for (size_t i = 0; i < n; i++) {
			bool twice = false;

			for (size_t k = 0; k < n; k++)
				twice |= k != i && strcmp(found[k].code, found[i].code) == 0;
			fprintf(cli->out, "  %s  teacher %s%s%s\n", found[i].code, found[i].teacher,
				found[i].busy ? "  (busy: takes no connections now)" : "",
				twice ? "  (two classes claim this code: neither can be joined)" : "");
		}
		return CLI_EXIT_OK;
	}
	if (!class_dir_code_ok(argv[1], code)) {
		cli_error(cli, "class join: '%s' is not a class code (six letters and digits, as the teacher shows)",
			  class_vis(argv[1], false));
		return CLI_EXIT_USAGE;
	}
	fd = class_dir_open(base, code, &e, why, sizeof(why));
	if (fd < 0) {
		/* One refusal a line (each made safe by cli_error). */
		for (char *line = why, *next; line != NULL; line = next) {
			next = strchr(line, '\n');
			if (next != NULL)
				*next++ = '\0';
			if (*line != '\0')
				cli_error(cli, "class join: %s", line);
		}
		return CLI_EXIT_FAIL;
	}
	if (!cli_use_plain(cli)) {
		struct whose_error err;
		char teacher[96];
		int rc;

		whose_error_clear(&err);
		class_dir_account(e.owner, teacher, sizeof(teacher));
		rc = tui_class_join(fd, teacher, &err);
		close(fd);
		if (rc < 0) {
			cli_error(cli, "class join: %s", err.msg);
			return CLI_EXIT_FAIL;
		}
		return rc;
	}
	return class_join_run(fd, &e, stdin, cli->out);
}

/* ---- results ----------------------------------------------------------- */

/* The mode of a results file: the database's read and write bits, 0600
 * when it cannot be read. */
static mode_t cmd_class_mode(const char *db_path)
{
	struct stat st;

	if (db_path != NULL && stat(db_path, &st) == 0)
		return st.st_mode & 0666;
	return 0600;
}

struct cmd_class_export {
	char **qids;           /* by position; NULL where none closed */
	size_t npos;
	/* the student being written */
	uint32_t uid;
	bool have;
	char *name;
	int64_t last_at;
	size_t score;
	char **by_pos;          /* "=1"/"=0" per position for this student */
	const struct store_class_row *row;
	FILE *out;
	bool failed;
};

static void cmd_class_field(FILE *out, const char *s)
{
	char *cell = results_csv_cell(s);

	fputs(cell != NULL ? cell : "?", out);
	free(cell);
}

/* Pass 1: which question was at each closed position. */
static int cmd_class_positions(const struct store_class_answer *a, void *ctx)
{
	struct cmd_class_export *e = ctx;

	if (a->position >= e->npos) {
		size_t n = a->position + 1;
		char **grown = realloc(e->qids, n * sizeof(*grown));

		if (grown == NULL)
			return WHOSE_ENOMEM;
		for (size_t i = e->npos; i < n; i++)
			grown[i] = NULL;
		e->qids = grown;
		e->npos = n;
	}
	if (e->qids[a->position] == NULL && (e->qids[a->position] = strdup(a->qid)) == NULL)
		return WHOSE_ENOMEM;
	return 0;
}

static void cmd_class_flush_student(struct cmd_class_export *e)
{
	char when[32];
	size_t total = 0;

	if (!e->have)
		return;
	for (size_t i = 0; i < e->npos; i++)
		total += e->qids[i] != NULL;
	clock_format_iso(e->row->ended_at ? e->row->ended_at : e->last_at, when, sizeof(when));
	cmd_class_field(e->out, e->name);
	fprintf(e->out, ",%s,%llu,%zu,%zu,", when, (unsigned long long)e->row->seed, e->score, total);
	{
		bool first = true;

		for (size_t i = 0; i < e->npos; i++) {
			if (e->qids[i] == NULL)
				continue;
			fprintf(e->out, "%s%s=%c", first ? "" : " ", e->qids[i],
				e->by_pos[i] != NULL ? '1' : '0');
			first = false;
		}
	}
	{
		struct passwd *pw = getpwuid((uid_t)e->uid);

		fprintf(e->out, ",%lu,", (unsigned long)e->uid);
		if (pw != NULL)
			cmd_class_field(e->out, pw->pw_name);
	}
	fputc('\n', e->out);
	free(e->name);
	e->name = NULL;
	e->have = false;
	for (size_t i = 0; i < e->npos; i++)
		e->by_pos[i] = NULL;
}

/* Pass 2: one row per student (rows come by student, then position). */
static int cmd_class_row(const struct store_class_answer *a, void *ctx)
{
	struct cmd_class_export *e = ctx;
	static char right_mark[] = "1";

	if (e->have && e->uid != a->uid)
		cmd_class_flush_student(e);
	if (!e->have) {
		e->have = true;
		e->uid = a->uid;
		e->name = strdup(a->name);
		e->score = 0;
		e->last_at = e->row->started_at;
		if (e->name == NULL)
			return WHOSE_ENOMEM;
	}
	if (a->correct && a->position < e->npos) {
		e->by_pos[a->position] = right_mark;
		e->score++;
	}
	if (a->answered_at > e->last_at)
		e->last_at = a->answered_at;
	return 0;
}

static int cmd_class_results(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "class", required_argument, NULL, 'c' },
		{ "list", no_argument, NULL, 'l' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct store_class_row *rows = NULL, *row = NULL;
	struct cmd_class_export e;
	struct whose_error err;
	struct store *s = NULL;
	const char *output = NULL;
	char *tmp = NULL;
	unsigned long long v, want = 0;
	bool list = false;
	size_t n = 0;
	int c, rc, fd = -1;

	memset(&e, 0, sizeof(e));
	whose_error_clear(&err);
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:c:lo:h", opts, NULL)) != -1) {
		switch (c) {
		case 'c':
			if (cli_number(cli, "class results", "--class", optarg, 1, ~0ULL >> 1, &v) < 0)
				return CLI_EXIT_USAGE;
			want = v;
			break;
		case 'l':
			list = true;
			break;
		case 'o':
			output = optarg;
			break;
		case 'h':
			cmd_class_usage(cli->out);
			return CLI_EXIT_OK;
		default:
			return cli_bad_option(cli, argv, c, "class", opts);
		}
	}
	if (optind < argc)
		return cli_extra_argument(cli, argv[optind], "class");
	/* As 'export -o': the output is a regular file or a new one (never
	 * a FIFO, a device or a folder replaced), checked before any work. */
	if (output != NULL && safefile_check_writable(output, &err) < 0) {
		cli_error(cli, "class results: %s", err.msg);
		return CLI_EXIT_FAIL;
	}
	rc = cli_open_study(cli, &s);
	if (rc != CLI_EXIT_OK)
		return rc;
	rc = store_class_list(s, &rows, &n, &err);
	if (rc < 0)
		goto fail;
	if (list) {
		if (n == 0)
			fprintf(cli->out, "No class has been held with this profile.\n");
		for (size_t i = 0; i < n; i++) {
			char when[32];

			clock_format_iso(rows[i].started_at, when, sizeof(when));
			fprintf(cli->out, "%lld  %s  %s  seed %llu  %zu of %zu questions  %zu students%s\n",
			       (long long)rows[i].id, when, rows[i].code, (unsigned long long)rows[i].seed,
			       rows[i].closed, rows[i].questions, rows[i].students,
			       rows[i].ended_at ? "" : "  (not ended: the host was stopped)");
		}
		free(rows);
		store_close(s);
		return CLI_EXIT_OK;
	}
	for (size_t i = 0; i < n; i++)
		if (want == 0 || (unsigned long long)rows[i].id == want)
			row = &rows[i];
	if (row == NULL) {
		rc = whose_error_set(&err, WHOSE_ENOTFOUND,
				     want ? "no class with that id: 'whose class results --list' lists them"
					  : "no class has been held with this profile");
		goto fail;
	}
	e.row = row;
	rc = store_class_each_answer(s, row->id, cmd_class_positions, &e, &err);
	if (rc == WHOSE_ENOMEM)
		whose_error_set(&err, rc, "out of memory");
	if (rc < 0)
		goto fail;
	e.by_pos = calloc(e.npos ? e.npos : 1, sizeof(*e.by_pos));
	if (e.by_pos == NULL) {
		rc = whose_error_set(&err, WHOSE_ENOMEM, "out of memory");
		goto fail;
	}
	if (output != NULL) {
		/* Students' answers: the teacher's database's mode (0600
		 * unless the teacher chose otherwise), never the umask's. */
		fd = safefile_temp_beside(output, cmd_class_mode(cli->db_path), &tmp, &err);
		if (fd < 0) {
			rc = fd;
			goto fail;
		}
		e.out = fdopen(fd, "w");
		if (e.out == NULL) {
			close(fd);
			unlink(tmp);
			rc = whose_error_set(&err, WHOSE_EIO, "%s: cannot write", class_vis(output, false));
			goto fail;
		}
	} else {
		e.out = cli->out;
	}
	fputs(CMD_CLASS_RESULTS_HEADER, e.out);
	rc = store_class_each_answer(s, row->id, cmd_class_row, &e, &err);
	if (rc == WHOSE_ENOMEM)
		whose_error_set(&err, rc, "out of memory");
	if (rc == 0)
		cmd_class_flush_student(&e);
	if (output != NULL) {
		int dup_fd;

		if (fflush(e.out) != 0 || rc < 0) {
			fclose(e.out);
			unlink(tmp);
			if (rc == 0)
				rc = whose_error_set(&err, WHOSE_EIO, "%s: cannot write", class_vis(output, false));
			goto fail;
		}
		/* safefile_commit syncs, closes and renames the descriptor. */
		dup_fd = dup(fileno(e.out));
		fclose(e.out);
		if (dup_fd < 0 || safefile_commit(dup_fd, tmp, output, &err) < 0) {
			rc = err.code ? err.code : WHOSE_EIO;
			goto fail;
		}
	} else if (rc < 0) {
		goto fail;
	}
	free(tmp);
	for (size_t i = 0; i < e.npos; i++)
		free(e.qids[i]);
	free(e.qids);
	free(e.by_pos);
	free(e.name);
	free(rows);
	store_close(s);
	return CLI_EXIT_OK;
fail:
	cli_error(cli, "class results: %s", err.msg);
	free(tmp);
	for (size_t i = 0; i < e.npos; i++)
		free(e.qids[i]);
	free(e.qids);
	free(e.by_pos);
	free(e.name);
	free(rows);
	store_close(s);
	return cli_exit_for(rc);
}

int cmd_class(struct cli *cli, int argc, char **argv)
{
	if (argc < 2) {
		cmd_class_usage(stderr);
		return CLI_EXIT_USAGE;
	}
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		cmd_class_usage(cli->out);
		return CLI_EXIT_OK;
	}
	optind = 0;
	if (strcmp(argv[1], "host") == 0)
		return cmd_class_host(cli, argc - 1, argv + 1);
	if (strcmp(argv[1], "join") == 0)
		return cmd_class_join(cli, argc - 1, argv + 1);
	if (strcmp(argv[1], "results") == 0)
		return cmd_class_results(cli, argc - 1, argv + 1);
	cli_error(cli, "class: unknown subcommand '%s' (host, join or results)", class_vis(argv[1], false));
	fprintf(stderr, "Try 'whose class --help'.\n");
	return CLI_EXIT_USAGE;
}
