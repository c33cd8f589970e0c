/* db_test.c: ut_db_create never writes through a name someone else
 * planted (a symlink to a file of root's, or an existing file): the
 * conversion of a text state creates its new database with it. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "store/db.h"
#include "unit.h"

void
test_db_create(void)
{
	char dir[] = "/tmp/utdbtest.XXXXXX", target[64], link_path[64],
	     fresh[64];
	struct ut_db *db;
	struct ut_err err;
	struct stat sb;
	int fd;

	if (!mkdtemp(dir)) {
		unit_skip("db_create: no temporary directory");
		return;
	}
	snprintf(target, sizeof(target), "%s/target", dir);
	snprintf(link_path, sizeof(link_path), "%s/planted", dir);
	snprintf(fresh, sizeof(fresh), "%s/fresh", dir);
	fd = open(target, O_CREAT | O_WRONLY, 0644);
	CHECK(fd >= 0 && write(fd, "keep", 4) == 4, "target written");
	if (fd >= 0)
		close(fd);
	CHECK(symlink(target, link_path) == 0, "symlink planted");

	/* a planted symlink: refused, its target untouched */
	memset(&err, 0, sizeof(err));
	CHECK(ut_db_create(&db, link_path, &err) < 0,
	      "ut_db_create followed a planted symlink");
	ut_db_close(db);
	CHECK(stat(target, &sb) == 0 && sb.st_size == 4,
	      "the symlink's target changed");
	/* an existing file: refused, unchanged */
	memset(&err, 0, sizeof(err));
	CHECK(ut_db_create(&db, target, &err) < 0,
	      "ut_db_create opened an existing file");
	ut_db_close(db);
	CHECK(stat(target, &sb) == 0 && sb.st_size == 4,
	      "the existing file changed");
	/* a new name: a database of ours */
	memset(&err, 0, sizeof(err));
	CHECK(ut_db_create(&db, fresh, &err) == 0, "a new database: %s",
	      err.msg);
	ut_db_close(db);
	CHECK(ut_db_is_database(fresh) == 1, "the new file is a database");

	unlink(fresh);
	unlink(link_path);
	unlink(target);
	rmdir(dir);
}
