/*
 * cmd_config.c - `whose config [KEY [VALUE]]`: show or change settings.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "whose/names.h"
#include "whose/config.h"

/* The width of the longest setting's name, so that values line up. */
static int cmd_config_width(void)
{
	size_t w = 0;

	for (const char *const *k = config_keys(); *k != NULL; k++)
		if (strlen(*k) > w)
			w = strlen(*k);
	return (int)w;
}

static void cmd_config_usage(FILE *f)
{
	const char *const *k = config_keys();

	fprintf(f,
		"Usage: whose config [KEY [VALUE|default]]\n"
		"Without KEY, list every setting; with KEY, show it; with VALUE, change\n"
		"it (checked for range); 'default' puts it back.\n"
		"\n"
		"Settings:\n");
	for (; *k != NULL; k++)
		fprintf(f, "  %-*s %s\n", cmd_config_width(), *k, config_describe(*k));
}

int cmd_config(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct whose_error err;
	struct store *s = NULL;
	char value[CONFIG_VALUE_MAX];
	int c, rc = 0;

	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:h", opts, NULL)) != -1) {
		switch (c) {
		case 'h':
			cmd_config_usage(stdout);
			return CLI_EXIT_OK;
		default:
			return cli_bad_option(cli, argv, c, "config", opts);
		}
	}
	if (argc - optind > 2)
		return cli_extra_argument(cli, argv[optind + 2], "config");
	if (argc - optind >= 1 && config_describe(argv[optind]) == NULL) {
		const char *names[64];
		size_t n = 0, i;

		for (const char *const *k = config_keys(); *k != NULL && n < 64; k++)
			names[n++] = *k;
		if (names_find(argv[optind], names, n, &i, NULL) == NAMES_NONE && i < n)
			cli_error(cli, "config: unknown setting '%s': did you mean '%s'?", argv[optind], names[i]);
		else
			cli_error(cli, "config: unknown setting '%s'", argv[optind]);
		cmd_config_usage(stderr);
		return CLI_EXIT_USAGE;
	}
	if ((rc = cli_resolve_db(cli)) != 0)
		return rc;
	whose_error_clear(&err);
	if ((rc = cli_store_open(cli, STORE_CREATE, &s)) != 0)
		return rc;
	if (argc - optind == 0) {
		for (const char *const *k = config_keys(); *k != NULL && rc == 0; k++) {
			rc = config_get(s, *k, value, sizeof(value), &err);
			if (rc == 0)
				fprintf(cli->out, "%-*s %s\n", cmd_config_width(), *k, value);
		}
	} else if (argc - optind == 1) {
		rc = config_get(s, argv[optind], value, sizeof(value), &err);
		if (rc == 0)
			fprintf(cli->out, "%s\n", value);
	} else {
		rc = config_set(s, argv[optind], argv[optind + 1], &err);
		if (rc == 0)
			rc = config_get(s, argv[optind], value, sizeof(value), &err);
		if (rc == 0)
			fprintf(cli->out, "%s = %s\n", argv[optind], value);
	}
	store_close(s);
	if (rc == WHOSE_EINVAL) {
		cli_error(cli, "%s", err.msg);
		return CLI_EXIT_USAGE;
	}
	if (rc < 0) {
		cli_error(cli, "%s", err.msg);
		return CLI_EXIT_FAIL;
	}
	return CLI_EXIT_OK;
}
