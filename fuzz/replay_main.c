/* replay_main.c: a main() for the libFuzzer targets without libFuzzer.
 *
 * Linked with fuzz/fuzz_<x>.c in the normal build (any compiler) as
 * fuzz_<x>_replay, so crash reproducers and seeds replay in every test run
 * (tests/fuzz/run.sh):
 *
 *   fuzz_restore_replay FILE|DIR...
 *
 * Each file (each regular file of a directory, in name order) is read
 * whole into a buffer of exactly its size (so ASan sees reads past the
 * end, as under libFuzzer) and passed to LLVMFuzzerTestOneInput once.
 * LLVMFuzzerInitialize is called first if the target defines it.
 * Arguments starting with '-' (libFuzzer flags) are ignored. Prints
 * "Running: FILE" on stderr before each input, so the last such line
 * names the input of a crash. Exit status 0 when every input ran and
 * could be read; 1 when one could not be read; a crash or sanitizer
 * report ends the process as it would under libFuzzer. */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

static int
read_file(const char *path, uint8_t **data, size_t *size)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	size_t len = 0, cap = 0;

	if (!f)
		return -1;
	for (;;) {
		if (len == cap) {
			size_t ncap = cap ? cap * 2 : 4096;
			uint8_t *nbuf = realloc(buf, ncap);
			if (!nbuf) {
				free(buf);
				fclose(f);
				errno = ENOMEM;
				return -1;
			}
			buf = nbuf;
			cap = ncap;
		}
		size_t n = fread(buf + len, 1, cap - len, f);
		len += n;
		if (n == 0)
			break;
	}
	if (ferror(f)) {
		free(buf);
		fclose(f);
		return -1;
	}
	fclose(f);
	/* exactly `len` bytes, as libFuzzer hands them over */
	*data = malloc(len ? len : 1);
	if (!*data) {
		free(buf);
		errno = ENOMEM;
		return -1;
	}
	if (len)
		memcpy(*data, buf, len);
	free(buf);
	*size = len;
	return 0;
}

static int
run_file(const char *path)
{
	uint8_t *data;
	size_t size;

	if (read_file(path, &data, &size) < 0) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		return -1;
	}
	fprintf(stderr, "Running: %s\n", path);
	LLVMFuzzerTestOneInput(data, size);
	free(data);
	return 0;
}

static int
only_files(const struct dirent *d)
{
	return d->d_name[0] != '.';
}

static int
run_path(const char *path)
{
	struct dirent **ents;
	struct stat st;
	int n, rc = 0;

	if (stat(path, &st) < 0) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode))
		return run_file(path);
	n = scandir(path, &ents, only_files, alphasort);
	if (n < 0) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		return -1;
	}
	for (int i = 0; i < n; i++) {
		size_t len = strlen(path) + strlen(ents[i]->d_name) + 2;
		char *sub = malloc(len);
		if (!sub) {
			rc = -1;
		} else {
			snprintf(sub, len, "%s/%s", path, ents[i]->d_name);
			if (stat(sub, &st) == 0 && S_ISREG(st.st_mode) &&
			    run_file(sub) < 0)
				rc = -1;
			free(sub);
		}
		free(ents[i]);
	}
	free(ents);
	return rc;
}

int
main(int argc, char **argv)
{
	int rc = 0, ran = 0;

	if (LLVMFuzzerInitialize)
		LLVMFuzzerInitialize(&argc, &argv);
	for (int i = 1; i < argc; i++) {
		if (argv[i][0] == '-')
			continue;
		if (run_path(argv[i]) < 0)
			rc = 1;
		ran++;
	}
	if (!ran) {
		fprintf(stderr, "usage: %s FILE|DIR...\n", argv[0]);
		return 2;
	}
	return rc;
}
