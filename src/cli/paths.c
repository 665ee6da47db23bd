/*
 * paths.c - where things are: the profile's database (XDG base
 * directories), the bundled bank, and the clock the program runs on.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "config.h"
#include "whose/text.h"

static bool cli_profile_valid(const char *p)
{
	size_t n = strlen(p);

	if (n == 0 || n > 64)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = p[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '-' || c == '_' ||
		      (c == '.' && i > 0)))
			return false;
	}
	return true;
}

int cli_resolve_db(struct cli *cli)
{
	const char *env = getenv("WHOSE_DB");
	const char *profile = cli->profile_opt;
	const char *data = getenv("XDG_DATA_HOME");
	int n;

	if (cli->db_opt != NULL || (env != NULL && *env != '\0' && profile == NULL)) {
		const char *p = cli->db_opt != NULL ? cli->db_opt : env;

		if (strlen(p) >= sizeof(cli->db_path)) {
			cli_error(cli, "the database path is too long");
			return CLI_EXIT_FAIL;
		}
		strcpy(cli->db_path, p);
		cli->db_explicit = true;
		return 0;
	}
	if (profile == NULL)
		profile = getenv("WHOSE_PROFILE");
	if (profile == NULL || *profile == '\0')
		profile = "default";
	if (!cli_profile_valid(profile)) {
		cli_error(cli, "'%s' is not a valid profile name: use up to 64 letters, digits, '-', '_' or '.'",
			  profile);
		return CLI_EXIT_USAGE;
	}
	/* XDG: a relative XDG_DATA_HOME is invalid and must be ignored. */
	if (data != NULL && data[0] == '/') {
		n = snprintf(cli->db_path, sizeof(cli->db_path), "%s/whose/%s.db",
			     data, profile);
	} else {
		const char *home = getenv("HOME");

		if (home != NULL && home[0] != '\0' && home[0] != '/') {
			cli_error(cli, "HOME='%s' is not an absolute path: set HOME or XDG_DATA_HOME to one, or give the database with --db PATH",
				  home);
			return CLI_EXIT_FAIL;
		}
		if (home == NULL || home[0] != '/') {
			cli_error(cli, "neither XDG_DATA_HOME nor HOME is set: give the database with --db PATH");
			return CLI_EXIT_FAIL;
		}
		n = snprintf(cli->db_path, sizeof(cli->db_path),
			     "%s/.local/share/whose/%s.db", home, profile);
	}
	if (n < 0 || (size_t)n >= sizeof(cli->db_path)) {
		cli_error(cli, "the database path is too long");
		return CLI_EXIT_FAIL;
	}
	return 0;
}

static bool cli_is_dir(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

int cli_store_open(struct cli *cli, int flags, struct store **out)
{
	struct whose_error err;
	struct stat st;
	bool fresh = false;
	char shown[PATH_MAX + 64];
	int rc;

	*out = NULL;
	text_vis_buf(cli->db_path, 0, shown, sizeof(shown));
	/* An empty file of one's own becomes a new profile too (made 0600
	 * by store_open); another account's is refused there. */
	if ((flags & STORE_CREATE) && !(flags & STORE_MEMORY) && lstat(cli->db_path, &st) == 0 &&
	    S_ISREG(st.st_mode) && st.st_size == 0 && st.st_uid == geteuid())
		fresh = true;
	if ((flags & STORE_CREATE) && !(flags & STORE_MEMORY) &&
	    lstat(cli->db_path, &st) != 0 && errno == ENOENT) {
		char dir[PATH_MAX];
		char *slash;

		fresh = true;
		snprintf(dir, sizeof(dir), "%s", cli->db_path);
		slash = strrchr(dir, '/');
		if (slash == dir)
			slash[1] = '\0';
		else if (slash != NULL)
			*slash = '\0';
		else
			snprintf(dir, sizeof(dir), ".");
		if (cli->db_explicit && !cli->create && !cli_is_dir(dir)) {
			char d[PATH_MAX + 64];

			text_vis_buf(dir, 0, d, sizeof(d));
			cli_error(cli, "no database at %s and its folder %s does not exist: check the path, or give --create to start a new profile database there",
				  shown, d);
			return CLI_EXIT_FAIL;
		}
	}
	whose_error_clear(&err);
	if (cli->read_only_ok)
		flags |= STORE_READ;
	rc = store_open(cli->db_path, flags, out, &err);
	if (rc < 0) {
		cli_error(cli, "%s", err.msg);
		return cli_exit_for(rc);
	}
	if (store_read_only(*out))
		cli_error(cli, "%s is read-only for you: opened read-only, so nothing is saved and the bundled questions are not updated",
			  shown);
	if (fresh)
		cli_error(cli, "created a new profile database at %s", shown);
	return 0;
}

/*
 * The folder of the running executable, from /proc/self/exe (links
 * resolved, so a /usr/bin/whose linked to /opt/whose/bin/whose answers
 * /opt/whose/bin).  Returns -1 when it cannot be known (no /proc, a path
 * too long, a deleted binary).
 */
static int cli_exe_dir(char *buf, size_t size)
{
	ssize_t n = readlink("/proc/self/exe", buf, size);
	char *slash;

	if (n <= 0 || (size_t)n >= size)
		return -1;
	buf[n] = '\0';
	slash = strrchr(buf, '/');
	if (buf[0] != '/' || slash == NULL)
		return -1;
	*slash = '\0';
	return 0;
}

/* Use DIR as the bank when it is a folder: 1 when taken, 0 when not. */
static int cli_try_bank(struct cli *cli, const char *dir)
{
	char real[PATH_MAX];

	if (!cli_is_dir(dir))
		return 0;
	/* /usr/bin/../share/whose/questions reads better as /usr/share/...
	 * in messages; keep the path as it is when it cannot be resolved. */
	if (realpath(dir, real) == NULL)
		snprintf(real, sizeof(real), "%s", dir);
	snprintf(cli->bank_dir, sizeof(cli->bank_dir), "%s", real);
	return 1;
}

/*
 * The bundled bank, in this order: WHOSE_BANK; beside the executable as
 * installed (bindir/../share/whose/questions, so that a relocated install
 * or one unpacked into a DESTDIR finds its own); the link the build folder
 * holds (questions/ beside the binary); the path installed under the
 * prefix.  No build or source folder path is compiled in, so that two
 * builds of one commit are byte-identical.
 */
int cli_resolve_bank(struct cli *cli)
{
	const char *env = getenv("WHOSE_BANK");
	char exe[PATH_MAX], installed[PATH_MAX], build[PATH_MAX];
	bool have_exe = cli_exe_dir(exe, sizeof(exe)) == 0;
	int n;

	if (env != NULL && *env != '\0') {
		if (!cli_is_dir(env)) {
			cli_error(cli, "WHOSE_BANK=%s is not a folder of *.csv question files", env);
			return -1;
		}
		snprintf(cli->bank_dir, sizeof(cli->bank_dir), "%s", env);
		return 0;
	}
	installed[0] = build[0] = '\0';
	if (have_exe) {
		if (WHOSE_BANK_FROM_BIN[0] != '\0') {
			n = snprintf(installed, sizeof(installed), "%s/%s", exe,
				     WHOSE_BANK_FROM_BIN);
			if (n < 0 || (size_t)n >= sizeof(installed))
				installed[0] = '\0';
			else if (cli_try_bank(cli, installed))
				return 0;
		}
		n = snprintf(build, sizeof(build), "%s/questions", exe);
		if (n < 0 || (size_t)n >= sizeof(build))
			build[0] = '\0';
		else if (cli_try_bank(cli, build))
			return 0;
	}
	if (cli_try_bank(cli, WHOSE_INSTALLED_BANK))
		return 0;
	if (have_exe)
		cli_error(cli, "the bundled question bank is missing (looked in %s%s%s and %s): reinstall whose, or set WHOSE_BANK to a folder of *.csv files",
			  installed[0] != '\0' ? installed : "",
			  installed[0] != '\0' ? ", " : "", build, WHOSE_INSTALLED_BANK);
	else
		cli_error(cli, "the bundled question bank is missing (looked in %s): reinstall whose, or set WHOSE_BANK to a folder of *.csv files",
			  WHOSE_INSTALLED_BANK);
	return -1;
}

/* WHOSE_NOW: the clock starts at that time and runs on in real time. */
static int64_t cli_offset;

static int64_t cli_offset_clock(void *ctx)
{
	(void)ctx;
	return clock_system_ms(NULL) + cli_offset;
}

int cli_setup_clock(struct cli *cli)
{
	const char *env = getenv("WHOSE_NOW");
	int64_t t;

	const char *seed = getenv("WHOSE_SEED");

	if (seed != NULL && *seed != '\0') {
		char *end;

		/* strtoull would take "-1" (as 2^64 - 1) and saturate a
		 * 20-digit number: digits only, and in range. */
		errno = 0;
		cli->seed = strtoull(seed, &end, 10);
		if (seed[0] < '0' || seed[0] > '9' || *end != '\0' || errno != 0 || cli->seed == 0) {
			cli_error(cli, "WHOSE_SEED='%s' is not a whole number from 1 to %llu", seed,
				  (unsigned long long)UINT64_MAX);
			return -1;
		}
	}
	clock_use_system(&cli->clock);
	if (env == NULL || *env == '\0')
		return 0;
	if (clock_parse_iso(env, &t) < 0) {
		cli_error(cli, "WHOSE_NOW='%s' is not an ISO 8601 UTC time such as 2026-01-15T09:30:00Z",
			  env);
		return -1;
	}
	cli_offset = t - clock_system_ms(NULL);
	cli->clock.now = cli_offset_clock;
	cli->clock.ctx = NULL;
	return 0;
}
