/*
 * cmd_profiles.c - `whose profiles`: the profiles in the profiles folder
 * ($XDG_DATA_HOME/whose or ~/.local/share/whose), each with its last use,
 * and which one is current.
 *
 * The last use is the file's modification time (the later of the database
 * and its write-ahead log): the databases are not opened, so listing never
 * migrates, locks or otherwise touches another learner's profile.
 */
#include <dirent.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cli.h"
#include "whose/text.h"

struct cmd_profile {
	char name[256];
	time_t used;
};

static void cmd_profiles_usage(FILE *f)
{
	fprintf(f,
		"Usage: whose profiles\n"
		"List the profiles (their databases in $XDG_DATA_HOME/whose, or\n"
		"~/.local/share/whose) with their last use; * marks the current one,\n"
		"chosen with --profile NAME or WHOSE_PROFILE.\n"
		"\n"
		"  -h, --help   show this help\n");
}

/* The profiles folder into BUF[LEN]; -1 (with a message) when unknown. */
static int cmd_profiles_dir(const struct cli *cli, char *buf, size_t len)
{
	const char *data = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	int n;

	/* As paths.c: a relative XDG_DATA_HOME is ignored. */
	if (data != NULL && data[0] == '/')
		n = snprintf(buf, len, "%s/whose", data);
	else if (home != NULL && home[0] == '/')
		n = snprintf(buf, len, "%s/.local/share/whose", home);
	else {
		cli_error(cli, "profiles: neither XDG_DATA_HOME nor HOME is set");
		return -1;
	}
	if (n < 0 || (size_t)n >= len) {
		cli_error(cli, "profiles: the profiles folder's path is too long");
		return -1;
	}
	return 0;
}

static int cmd_profiles_cmp(const void *a, const void *b)
{
	const struct cmd_profile *x = a, *y = b;

	return strcmp(x->name, y->name);
}

/* Latest modification of DIR/NAME.db and its -wal file, or -1. */
static time_t cmd_profiles_used(const char *dir, const char *file)
{
	char path[PATH_MAX + 8];
	struct stat st;
	time_t t = -1;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
		t = st.st_mtime;
	else
		return -1;
	snprintf(path, sizeof(path), "%s/%s-wal", dir, file);
	if (stat(path, &st) == 0 && st.st_mtime > t)
		t = st.st_mtime;
	return t;
}

int cmd_profiles(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	char dir[PATH_MAX];
	const char *current, *env_db = getenv("WHOSE_DB");
	struct cmd_profile *list = NULL;
	size_t n = 0, cap = 0;
	bool by_path, current_listed = false;
	struct dirent *de;
	DIR *d;
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:h", opts, NULL)) != -1) {
		switch (c) {
		case 'h':
			cmd_profiles_usage(stdout);
			return CLI_EXIT_OK;
		default:
			return cli_bad_option(cli, argv, c, "profiles", opts);
		}
	}
	if (optind < argc)
		return cli_extra_argument(cli, argv[optind], "profiles");
	if (cmd_profiles_dir(cli, dir, sizeof(dir)) < 0)
		return CLI_EXIT_FAIL;
	/* The same rules as paths.c: --db, then WHOSE_DB unless --profile. */
	by_path = cli->db_opt != NULL ||
		  (env_db != NULL && *env_db != '\0' && cli->profile_opt == NULL);
	current = cli->profile_opt;
	if (current == NULL)
		current = getenv("WHOSE_PROFILE");
	if (current == NULL || *current == '\0')
		current = "default";

	d = opendir(dir);
	if (d != NULL) {
		while ((de = readdir(d)) != NULL) {
			size_t len = strlen(de->d_name);
			time_t used;

			if (len <= 3 || len - 3 >= sizeof(list[0].name) ||
			    strcmp(de->d_name + len - 3, ".db") != 0 || de->d_name[0] == '.')
				continue;
			used = cmd_profiles_used(dir, de->d_name);
			if (used < 0)
				continue;
			if (n == cap) {
				size_t ncap = cap ? cap * 2 : 16;
				struct cmd_profile *grown = realloc(list, ncap * sizeof(*grown));

				if (grown == NULL) {
					closedir(d);
					free(list);
					cli_error(cli, "profiles: out of memory");
					return CLI_EXIT_FAIL;
				}
				list = grown;
				cap = ncap;
			}
			memcpy(list[n].name, de->d_name, len - 3);
			list[n].name[len - 3] = '\0';
			list[n].used = used;
			n++;
		}
		closedir(d);
	}
	{
		char *clean = text_vis(dir, TEXT_VIS_NL | TEXT_VIS_TAB_SPACE);

		if (n == 0)
			fprintf(cli->out, "No profiles yet in %s: the first use of whose creates 'default'.\n",
			       clean != NULL ? clean : "?");
		else
			fprintf(cli->out, "Profiles in %s (* the current one):\n", clean != NULL ? clean : "?");
		free(clean);
	}
	if (n > 1)
		qsort(list, n, sizeof(*list), cmd_profiles_cmp);
	for (size_t i = 0; i < n; i++) {
		bool cur = !by_path && strcmp(list[i].name, current) == 0;
		char when[32], *clean = text_vis(list[i].name, TEXT_VIS_NL | TEXT_VIS_TAB_SPACE);
		struct tm tm;

		localtime_r(&list[i].used, &tm);
		strftime(when, sizeof(when), "%Y-%m-%d %H:%M", &tm);
		fprintf(cli->out, "%c %-20s  last used %s\n", cur ? '*' : ' ', clean != NULL ? clean : "?", when);
		current_listed |= cur;
		free(clean);
	}
	if (by_path) {
		char *clean = text_vis(cli->db_opt != NULL ? cli->db_opt : env_db, TEXT_VIS_NL | TEXT_VIS_TAB_SPACE);

		fprintf(cli->out, "The current database is %s (--db or WHOSE_DB), not a profile.\n",
		       clean != NULL ? clean : "?");
		free(clean);
	} else if (!current_listed) {
		char *clean = text_vis(current, TEXT_VIS_NL | TEXT_VIS_TAB_SPACE);

		fprintf(cli->out, "The current profile, '%s', has no database yet: it is created on first use.\n",
		       clean != NULL ? clean : "?");
		free(clean);
	}
	free(list);
	return CLI_EXIT_OK;
}
