/*
 * test_names.c - finding a name from what a person typed (names.h): the
 * order of tries, ambiguity, and "did you mean".
 */
#include <check.h>
#include <string.h>

#include "whose/names.h"

static const char *const test_topics[] = {
	"AI & ML services", "Keys, HSMs & secrets", "S3", "Security services",
	"Service models", "Lambda", "EKS & ECR", "EC2", "Data protection",
};
#define TEST_NTOPICS (sizeof(test_topics) / sizeof(test_topics[0]))

static size_t test_find(const char *typed, enum names_match want)
{
	size_t i = 99, j = 99;
	enum names_match m = names_find(typed, test_topics, TEST_NTOPICS, &i, &j);

	ck_assert_msg(m == want, "'%s': match %d, expected %d", typed, (int)m, (int)want);
	return i;
}

START_TEST(finding)
{
	/* The whole name, in any case, before anything looser: "S3" is not
	 * ambiguous with "Security services" though both start with "s". */
	ck_assert_str_eq(test_topics[test_find("s3", NAMES_EXACT)], "S3");
	ck_assert_str_eq(test_topics[test_find("LAMBDA", NAMES_EXACT)], "Lambda");
	ck_assert_str_eq(test_topics[test_find("EC2", NAMES_EXACT)], "EC2");
	/* A unique prefix of the whole name. */
	ck_assert_str_eq(test_topics[test_find("keys", NAMES_PREFIX)], "Keys, HSMs & secrets");
	ck_assert_str_eq(test_topics[test_find("lam", NAMES_PREFIX)], "Lambda");
	ck_assert_str_eq(test_topics[test_find("Keys, HSMs", NAMES_PREFIX)], "Keys, HSMs & secrets");
	/* Words, in order, each a prefix of a word of the name. */
	ck_assert_str_eq(test_topics[test_find("hsm", NAMES_WORDS)], "Keys, HSMs & secrets");
	ck_assert_str_eq(test_topics[test_find("ml", NAMES_WORDS)], "AI & ML services");
	ck_assert_str_eq(test_topics[test_find("keys secrets", NAMES_WORDS)], "Keys, HSMs & secrets");
	ck_assert_str_eq(test_topics[test_find("data prot", NAMES_PREFIX)], "Data protection");
	ck_assert_str_eq(test_topics[test_find("ecr", NAMES_WORDS)], "EKS & ECR");
	/* Words out of order do not match. */
	test_find("secrets keys", NAMES_NONE);
	/* More than one at the first try that matches: ambiguous, both named. */
	{
		size_t i = 99, j = 99;

		ck_assert_int_eq(names_find("se", test_topics, TEST_NTOPICS, &i, &j), NAMES_AMBIGUOUS);
		ck_assert_str_eq(test_topics[i], "Security services");
		ck_assert_str_eq(test_topics[j], "Service models");
		ck_assert_int_eq(names_find("services", test_topics, TEST_NTOPICS, &i, &j), NAMES_AMBIGUOUS);
	}
	/* Nothing typed finds nothing; NULL entries are passed over. */
	test_find("", NAMES_NONE);
	{
		const char *const holes[] = { NULL, "Lambda", NULL };
		size_t i = 99;

		ck_assert_int_eq(names_find("lam", holes, 3, &i, NULL), NAMES_PREFIX);
		ck_assert_uint_eq(i, 1);
	}
}
END_TEST

START_TEST(suggesting)
{
	/* A typo: the closest name, by the whole name, its start or a word. */
	ck_assert_str_eq(test_topics[test_find("lamda", NAMES_NONE)], "Lambda");
	ck_assert_str_eq(test_topics[test_find("kees", NAMES_NONE)], "Keys, HSMs & secrets");
	ck_assert_str_eq(test_topics[test_find("secrity", NAMES_NONE)], "Security services");
	ck_assert_str_eq(test_topics[test_find("s4", NAMES_NONE)], "S3");
	/* Nothing close: no suggestion (index N). */
	ck_assert_uint_eq(test_find("zzzzzz", NAMES_NONE), TEST_NTOPICS);
	ck_assert_uint_eq(test_find("kubernetes", NAMES_NONE), TEST_NTOPICS);
	/* The distance itself: swaps count once, case never. */
	ck_assert_uint_eq(names_distance("exma", "exam", 3), 1);
	ck_assert_uint_eq(names_distance("EXAM", "exam", 3), 0);
	ck_assert_uint_eq(names_distance("stast", "stats", 3), 1);
	ck_assert_uint_eq(names_distance("import", "report", 3), 2);
	ck_assert_uint_eq(names_distance("a", "abcdefgh", 3), 4);   /* over the limit */
	ck_assert_uint_eq(names_distance("", "abc", 5), 3);
}
END_TEST

START_TEST(wording)
{
	struct whose_error err;
	size_t i = 99;

	whose_error_clear(&err);
	ck_assert_int_eq(names_resolve("hsm", test_topics, TEST_NTOPICS, "topic", NULL, &i, &err), 0);
	ck_assert_str_eq(test_topics[i], "Keys, HSMs & secrets");
	ck_assert_int_eq(names_resolve("lamda", test_topics, TEST_NTOPICS, "topic",
				       "'whose stats' lists the topics", &i, &err), WHOSE_ENOTFOUND);
	ck_assert_str_eq(err.msg, "no topic named 'lamda': did you mean 'Lambda'? 'whose stats' lists the topics");
	ck_assert_int_eq(names_resolve("qqqq", test_topics, TEST_NTOPICS, "topic", NULL, &i, &err),
			 WHOSE_ENOTFOUND);
	ck_assert_str_eq(err.msg, "no topic named 'qqqq'");
	ck_assert_int_eq(names_resolve("se", test_topics, TEST_NTOPICS, "topic", NULL, &i, &err), WHOSE_EINVAL);
	ck_assert_str_eq(err.msg, "'se' could be the topic 'Security services' or 'Service models' (and maybe more): type more of the name");
}
END_TEST

Suite *test_names_suite(void);
Suite *test_names_suite(void)
{
	Suite *s = suite_create("names");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, finding);
	tcase_add_test(tc, suggesting);
	tcase_add_test(tc, wording);
	suite_add_tcase(s, tc);
	return s;
}
