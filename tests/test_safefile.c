/*
 * test_safefile.c - opening files in shared places: planted links, FIFOs,
 * devices and folders are refused without blocking; created files get
 * the mode asked for, whatever the umask.
 */
#define _GNU_SOURCE   /* O_TMPFILE, to learn whether the folder has it */
#include <check.h>
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test_util.h"
#include "whose/safefile.h"

static char *test_sf_path(const char *dir, const char *name)
{
	char *p = malloc(strlen(dir) + strlen(name) + 2);

	ck_assert_ptr_nonnull(p);
	sprintf(p, "%s/%s", dir, name);
	return p;
}

START_TEST(refuses_what_is_not_a_file)
{
	char *dir = test_tmpdir();
	char *fifo = test_sf_path(dir, "fifo"), *link = test_sf_path(dir, "link");
	char *file = test_sf_path(dir, "file"), *none = test_sf_path(dir, "none");
	struct whose_error err = { 0 };
	FILE *f = fopen(file, "w");

	ck_assert_ptr_nonnull(f);
	fputs("x\n", f);
	fclose(f);
	ck_assert_int_eq(mkfifo(fifo, 0600), 0);
	ck_assert_int_eq(symlink(file, link), 0);

	/* A FIFO is refused at once, for reading and appending. */
	ck_assert_int_eq(safefile_open_read(fifo, true, &err), WHOSE_EIO);
	ck_assert_ptr_nonnull(strstr(err.msg, "FIFO"));
	ck_assert_int_lt(safefile_open_append(fifo, 0660, NULL, &err), 0);
	ck_assert_int_lt(safefile_check_writable(fifo, &err), 0);
	/* A device, a folder. */
	ck_assert_int_lt(safefile_open_read("/dev/null", true, &err), 0);
	ck_assert_ptr_nonnull(strstr(err.msg, "device"));
	ck_assert_int_lt(safefile_open_read(dir, true, &err), 0);
	ck_assert_int_lt(safefile_check_writable(dir, &err), 0);
	ck_assert_ptr_nonnull(strstr(err.msg, "folder"));
	/* A link is followed only when allowed; appends never follow one. */
	int fd = safefile_open_read(link, true, &err);
	ck_assert_int_ge(fd, 0);
	close(fd);
	ck_assert_int_lt(safefile_open_read(link, false, &err), 0);
	ck_assert_ptr_nonnull(strstr(err.msg, "symbolic link"));
	ck_assert_int_lt(safefile_open_append(link, 0660, NULL, &err), 0);
	ck_assert_int_eq(safefile_open_read(none, true, &err), WHOSE_ENOTFOUND);
	/* A missing folder is named before any work. */
	char *deep = test_sf_path(dir, "no/such/file.csv");
	ck_assert_int_eq(safefile_check_writable(deep, &err), WHOSE_ENOTFOUND);
	ck_assert_int_eq(safefile_check_writable(none, &err), 0);
	free(deep);
	free(fifo);
	free(link);
	free(file);
	free(none);
	test_rmtree(dir);
}
END_TEST

START_TEST(modes_and_temporaries)
{
	char *dir = test_tmpdir();
	char *res = test_sf_path(dir, "results.csv"), *tmp = NULL;
	struct whose_error err = { 0 };
	struct stat st;
	bool created = false;
	mode_t old = umask(022);
	int fd;

	fd = safefile_open_append(res, 0660, &created, &err);
	ck_assert_int_ge(fd, 0);
	ck_assert(created);
	ck_assert_int_eq(fstat(fd, &st), 0);
	ck_assert_uint_eq(st.st_mode & 07777, 0660);
	ck_assert_int_eq(safefile_write_all(fd, "a\n", 2, res, &err), 0);
	close(fd);
	fd = safefile_open_append(res, 0660, &created, &err);
	ck_assert_int_ge(fd, 0);
	ck_assert(!created);
	close(fd);

	fd = safefile_temp_beside(res, 0640, &tmp, &err);
	ck_assert_int_ge(fd, 0);
	ck_assert_ptr_nonnull(strstr(tmp, "results.csv.tmp-"));
	ck_assert_int_eq(safefile_write_all(fd, "b\n", 2, tmp, &err), 0);
	ck_assert_int_eq(safefile_commit(fd, tmp, res, &err), 0);
	ck_assert_int_eq(stat(res, &st), 0);
	ck_assert_uint_eq(st.st_mode & 07777, 0640);
	ck_assert_int_eq((int)st.st_size, 2);
	ck_assert_int_ne(access(tmp, F_OK), 0);
	umask(old);
	free(tmp);
	free(res);
	test_rmtree(dir);
}
END_TEST

/* A creator killed at any moment leaves only whole files with their
 * mode: no temporary beside them (the file has no name until it is
 * linked in).  Where the folder cannot hold an unnamed file, a named
 * temporary may be left for a moment, and this test is skipped. */
START_TEST(killed_creators_leave_no_temporary)
{
	char *dir = test_tmpdir();
	struct dirent *e;
	DIR *d;
	int probe, kills = 0, files = 0;

#ifdef O_TMPFILE
	probe = open(dir, O_TMPFILE | O_WRONLY, 0600);
#else
	probe = -1;
#endif
	if (probe < 0) {
		fprintf(stderr, "SKIP killed_creators_leave_no_temporary: %s holds no unnamed files\n", dir);
		test_rmtree(dir);
		return;
	}
	close(probe);
	for (int i = 0; i < 40; i++) {
		pid_t pid = fork();

		ck_assert_int_ge(pid, 0);
		if (pid == 0) {
			struct whose_error err;
			char name[64], *path;

			for (int k = 0;; k++) {
				snprintf(name, sizeof(name), "c%d-%d.csv", i, k);
				path = test_sf_path(dir, name);
				close(safefile_open_append(path, 0660, NULL, &err));
				free(path);
			}
		}
		usleep(1000 + (useconds_t)(i * 97 % 4000));
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		kills++;
	}
	d = opendir(dir);
	ck_assert_ptr_nonnull(d);
	while ((e = readdir(d)) != NULL) {
		char *path;
		struct stat st;

		if (e->d_name[0] == '.')
			continue;
		ck_assert_msg(strstr(e->d_name, ".tmp-") == NULL, "left behind: %s", e->d_name);
		path = test_sf_path(dir, e->d_name);
		ck_assert_int_eq(stat(path, &st), 0);
		ck_assert_uint_eq(st.st_mode & 07777, 0660);
		free(path);
		files++;
	}
	closedir(d);
	ck_assert_int_eq(kills, 40);
	ck_assert_int_gt(files, 40);
	test_rmtree(dir);
}
END_TEST

/* Whose file is whose: the owner, the kind and the write bits of others
 * decide, and a shared set-up lets only the bits it names through. */
START_TEST(only_ones_own_file)
{
	struct whose_error err;
	struct stat st;

	memset(&st, 0, sizeof(st));
	st.st_uid = geteuid();
	st.st_mode = S_IFREG | 0600;
	ck_assert_int_eq(safefile_check_own("/x/p.db-wal", &st, 0, "a test", &err), 0);
	st.st_mode = S_IFREG | 0644;
	ck_assert_int_eq(safefile_check_own("/x/p.db-wal", &st, 0, "a test", &err), 0);
	st.st_mode = S_IFREG | 0664;
	ck_assert_int_eq(safefile_check_own("/x/p.db-wal", &st, 0, "a test", &err), WHOSE_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "can be written by its group (mode 0664)"));
	ck_assert_int_eq(safefile_check_own("/x/p.db-wal", &st, S_IWGRP, "a test", &err), 0);
	st.st_mode = S_IFREG | 0666;
	ck_assert_int_eq(safefile_check_own("/x/p.db-wal", &st, S_IWGRP, "a test", &err), WHOSE_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "every account"));
	st.st_mode = S_IFREG | 0600;
	st.st_uid = geteuid() + 1;
	ck_assert_int_eq(safefile_check_own("/x/p.db-wal", &st, S_IWGRP | S_IWOTH, "a test", &err),
			 WHOSE_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "/x/p.db-wal (a test) belongs to another account ("));
	ck_assert_ptr_nonnull(strstr(err.msg, "remove it"));
	st.st_uid = geteuid();
	st.st_mode = S_IFIFO | 0600;
	ck_assert_int_eq(safefile_check_own("/x/p.db-wal", &st, 0, "a test", &err), WHOSE_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "FIFO"));
}
END_TEST

Suite *test_safefile_suite(void);
Suite *test_safefile_suite(void)
{
	Suite *s = suite_create("safefile");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, refuses_what_is_not_a_file);
	tcase_add_test(tc, modes_and_temporaries);
	tcase_add_test(tc, killed_creators_leave_no_temporary);
	tcase_add_test(tc, only_ones_own_file);
	suite_add_tcase(s, tc);
	return s;
}
