/*
 * failalloc.h - test builds only (meson -Dalloc_fail=true): forced into
 * every core and front-end source (-include), it sends malloc, calloc,
 * realloc, strdup and strndup through failalloc.c, which can make the Nth
 * allocation fail.  Normal builds never see this file.
 */
#ifndef WHOSE_FAILALLOC_H
#define WHOSE_FAILALLOC_H
/*
 * No system header here: this comes before the source's own feature macros
 * (_GNU_SOURCE), which must still decide what the system headers declare.
 * Those headers' declarations of malloc and the rest then declare these.
 */
void *whose_fail_malloc(__SIZE_TYPE__ n);
void *whose_fail_calloc(__SIZE_TYPE__ count, __SIZE_TYPE__ size);
void *whose_fail_realloc(void *p, __SIZE_TYPE__ n);
char *whose_fail_strdup(const char *s);
char *whose_fail_strndup(const char *s, __SIZE_TYPE__ n);

#define malloc(n) whose_fail_malloc(n)
#define calloc(c, s) whose_fail_calloc(c, s)
#define realloc(p, n) whose_fail_realloc(p, n)
#define strdup(s) whose_fail_strdup(s)
#define strndup(s, n) whose_fail_strndup(s, n)

#endif
