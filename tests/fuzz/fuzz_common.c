/*
 * fuzz_common.c - shared pieces of the harnesses (see fuzz_common.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz_common.h"
#include "whose/text.h"

/* One question of each type, and the corners of each: the fewest and the
 * most choices or items, shuffled or not, why-not reasons. */
const char fuzz_bank_csv[] =
	"id,topic,type,question,choices,answer,explanation,source,tags,why_not,shuffle\n"
	"f-who,Alpha,who,\"Guest OS patching on EC2, whose?\",,Customer,The guest OS.,https://example.org/a,,,\n"
	"f-choice2,Beta,choice,Who runs the hypervisor?,AWS|The customer,A,AWS.,src,,B: never.,no\n"
	"f-choice6,Beta,choice,Pick F.,a|b|c|d|e|f,F,F.,src,tag1,A: no.|B: no.|C: no.|D: no.|E: no.,yes\n"
	"f-multi,Gamma,multi,Which two?,Guest OS|Security groups|Facilities|Hypervisor,A|B,Both.,src,,C: AWS.|D: AWS.,no\n"
	"f-multi6,Gamma,multi,Which five?,a|b|c|d|e|f,A|B|C|D|E,Five.,src,,F: no.,yes\n"
	"f-sort2,Alpha,sort,Sort two.,Data center|Guest OS,AWS|Customer,Layers.,src,,,\n"
	"f-sort8,Alpha,sort,Sort eight.,1|2|3|4|5|6|7|8,AWS|Customer|Shared|AWS|Customer|Shared|AWS|Customer,Eight.,src,,,\n"
	"f-tf,Beta,truefalse,AWS patches the EC2 guest OS.,,false,The customer.,src,,,\n"
	"f-tf2,Beta,truefalse,AWS runs the data centres.,,TRUE,AWS.,src,,,\n"
	"f-card,Gamma,card,\"Security OF vs IN the cloud?\",,\"OF: AWS.\nIN: the customer.\",Card.,src,,,\n"
	"f-utf8,Délta,who,\"Qui? 誰の責任 \xF0\x9F\x94\x92\",,Shared,\"Mixed: ü, 責任.\",src,,,\n";

static char fuzz_dir[4096];
static char fuzz_scratch_path[4096];
static char fuzz_bank_path[4096];

static void fuzz_cleanup(void)
{
	if (fuzz_scratch_path[0] != '\0')
		unlink(fuzz_scratch_path);
	if (fuzz_bank_path[0] != '\0')
		unlink(fuzz_bank_path);
	if (fuzz_dir[0] != '\0')
		rmdir(fuzz_dir);
}

void fuzz_fail(const char *msg)
{
	fprintf(stderr, "fuzz invariant broken: %s\n", msg);
	abort();
}

/* This process's scratch folder under $TMPDIR, made on first use and
 * removed at exit (a crash leaves it: tests/fuzz/run points TMPDIR at a
 * folder of its own). */
static const char *fuzz_tmpdir(void)
{
	if (fuzz_dir[0] == '\0') {
		const char *tmp = getenv("TMPDIR");

		snprintf(fuzz_dir, sizeof(fuzz_dir), "%s/whose-fuzz-XXXXXX",
			 tmp != NULL && tmp[0] != '\0' ? tmp : "/tmp");
		if (mkdtemp(fuzz_dir) == NULL) {
			perror(fuzz_dir);
			fuzz_fail("cannot make a scratch folder");
		}
		atexit(fuzz_cleanup);
	}
	return fuzz_dir;
}

const char *fuzz_scratch(const char *name, const uint8_t *data, size_t size)
{
	const char *dir = fuzz_tmpdir();
	FILE *f;

	if (fuzz_scratch_path[0] != '\0')
		unlink(fuzz_scratch_path);
	snprintf(fuzz_scratch_path, sizeof(fuzz_scratch_path), "%s/%s", dir, name);
	f = fopen(fuzz_scratch_path, "wb");
	if (f == NULL) {
		perror(fuzz_scratch_path);
		return NULL;
	}
	if (size > 0 && fwrite(data, 1, size, f) != size) {
		perror(fuzz_scratch_path);
		fclose(f);
		return NULL;
	}
	if (fclose(f) != 0) {
		perror(fuzz_scratch_path);
		return NULL;
	}
	return fuzz_scratch_path;
}

struct store *fuzz_store_new(struct config *cfg)
{
	struct store *s;
	struct store_import_summary sum;
	struct bank_report rep;
	struct whose_error err;
	const char *paths[1];

	if (fuzz_bank_path[0] == '\0') {
		FILE *f;

		snprintf(fuzz_bank_path, sizeof(fuzz_bank_path), "%s/bank.csv", fuzz_tmpdir());
		f = fopen(fuzz_bank_path, "wb");
		if (f == NULL || fputs(fuzz_bank_csv, f) == EOF || fclose(f) != 0)
			fuzz_fail("cannot write the small bank");
	}
	whose_error_clear(&err);
	if (store_open(NULL, STORE_MEMORY, &s, &err) < 0) {
		fprintf(stderr, "%s\n", err.msg);
		fuzz_fail("cannot open an in-memory store");
	}
	paths[0] = fuzz_bank_path;
	if (store_import(s, paths, 1, false, FUZZ_NOW_MS, &sum, &rep, NULL, NULL, &err) < 0) {
		for (size_t i = 0; i < rep.nmessages; i++)
			fprintf(stderr, "%s\n", rep.messages[i]);
		fprintf(stderr, "%s\n", err.msg);
		fuzz_fail("the small bank does not import");
	}
	bank_report_free(&rep);
	config_defaults(cfg);
	return s;
}

int fuzz_printable(const char *s, const char *allow)
{
	size_t n = strlen(s);

	return text_utf8_valid(s, n, NULL) && text_find_control(s, n, allow) < 0;
}
