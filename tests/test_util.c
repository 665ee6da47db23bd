/*
 * test_util.c - helpers shared by the Check suites.
 */
#define _XOPEN_SOURCE 700
#include <check.h>
#include <ftw.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test_util.h"
#include "whose/bank.h"

char *test_tmpdir(void)
{
	char *d = strdup("/tmp/whose-test-XXXXXX");

	ck_assert_ptr_nonnull(d);
	ck_assert_ptr_nonnull(mkdtemp(d));
	return d;
}

static int test_rm_one(const char *path, const struct stat *st, int flag,
		       struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

void test_rmtree(char *dir)
{
	if (dir == NULL)
		return;
	nftw(dir, test_rm_one, 16, FTW_DEPTH | FTW_PHYS);
	free(dir);
}

const char *test_write(const char *dir, const char *name, const char *data,
		       long len)
{
	static char path[4096];
	FILE *f;
	size_t n = len < 0 ? strlen(data) : (size_t)len;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(data, 1, n, f), n);
	ck_assert_int_eq(fclose(f), 0);
	return path;
}

uint64_t test_db_digest(const char *path)
{
	sqlite3 *db;
	sqlite3_stmt *tables, *rows;
	uint64_t h = BANK_HASH_INIT;

	ck_assert_int_eq(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(db,
		"SELECT name, sql FROM sqlite_master ORDER BY name", -1, &tables, NULL), SQLITE_OK);
	while (sqlite3_step(tables) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(tables, 0);
		const char *sql = (const char *)sqlite3_column_text(tables, 1);
		char q[512];

		h = bank_hash(h, name, strlen(name));
		if (sql == NULL || strncmp(sql, "CREATE TABLE", 12) != 0)
			continue;
		h = bank_hash(h, sql, strlen(sql));
		snprintf(q, sizeof(q), "SELECT * FROM \"%s\" ORDER BY 1", name);
		ck_assert_int_eq(sqlite3_prepare_v2(db, q, -1, &rows, NULL), SQLITE_OK);
		while (sqlite3_step(rows) == SQLITE_ROW) {
			for (int i = 0; i < sqlite3_column_count(rows); i++) {
				const unsigned char *v = sqlite3_column_text(rows, i);

				h = bank_hash(h, v ? (const char *)v : "\x01NULL", v ? strlen((const char *)v) + 1 : 6);
			}
		}
		sqlite3_finalize(rows);
	}
	sqlite3_finalize(tables);
	sqlite3_close(db);
	return h;
}
