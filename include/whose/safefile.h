/*
 * safefile.h - opening files the way OpenSSH opens them, for every file
 * whose reads or writes in a place others may share (a class folder, a
 * bank folder, the folder of an export): no following a planted link
 * where it matters, never blocking on a FIFO or a device, regular files
 * only, exclusive temporaries, whole records in one write.
 *
 * Every message names the file in its terminal-safe form (text_vis).
 */
#ifndef WHOSE_SAFEFILE_H
#define WHOSE_SAFEFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "whose/error.h"

/*
 * Open PATH for reading.  The open never blocks (a FIFO or a device is
 * refused, not waited on); anything but a regular file is refused after
 * fstat.  FOLLOW says whether a symbolic link at PATH itself may be
 * followed (a learner's own bank may be a link; a file in a shared folder
 * is opened with FOLLOW false).  Returns the descriptor (O_CLOEXEC,
 * blocking again) or a negative WHOSE_E* code: WHOSE_ENOTFOUND when PATH
 * does not exist, WHOSE_EIO otherwise.
 */
int safefile_open_read(const char *path, bool follow, struct whose_error *err);

/* As safefile_open_read, as a stdio stream ("r"); NULL on failure. */
void *safefile_fopen_read(const char *path, bool follow, struct whose_error *err);

/*
 * Open PATH for appending, in a folder others may share: never follows a
 * link at PATH, never blocks, refuses anything but a regular file.  When
 * PATH does not exist it is created exclusively and given MODE exactly
 * (the umask does not decide a class file's mode), and before anyone can
 * open it: a file with no name yet (O_TMPFILE; else a temporary beside
 * it) gets MODE, then is linked in at PATH, so a process killed midway
 * leaves nothing (where the folder or the file system allows neither,
 * PATH is created directly, then fchmod).  *CREATED (may be NULL) tells.  Returns
 * the descriptor or a negative WHOSE_E* code.
 */
int safefile_open_append(const char *path, mode_t mode, bool *created,
			 struct whose_error *err);

/*
 * Create a temporary file beside PATH (same folder, so that a rename
 * replaces PATH atomically), exclusively and without following links
 * (mkstemp), with MODE.  *TMP gets its malloc'd name (free it).  Returns
 * the descriptor or a negative WHOSE_E* code.
 */
int safefile_temp_beside(const char *path, mode_t mode, char **tmp,
			 struct whose_error *err);

/* Sync and close FD (the temporary TMP), then rename TMP over PATH and
 * sync the folder.  On failure TMP is removed.  0 or a negative code. */
int safefile_commit(int fd, const char *tmp, const char *path,
		    struct whose_error *err);

/* Write all N bytes of BUF to FD (retrying on EINTR and short writes);
 * PATH names the file in the message.  0 or WHOSE_EIO. */
int safefile_write_all(int fd, const void *buf, size_t n, const char *path,
		       struct whose_error *err);

/*
 * Whether the file at PATH, whose lstat (or fstat) is ST, is the user's
 * own, as OpenSSH checks a key file: a regular file, owned by the
 * effective user (root's files for root), writable by no other account
 * except through the write bits in SHARED (S_IWGRP, S_IWOTH: a shared
 * set-up the user chose).  WHAT says what the file is for ("the exam
 * lock").  0, or WHOSE_EINVAL with the "planted" message: the file, its
 * owner, and what to do.
 */
int safefile_check_own(const char *path, const struct stat *st, mode_t shared,
		       const char *what, struct whose_error *err);

/*
 * Check that PATH could be written before any work starts: it is a
 * regular file that can be opened for writing, or does not exist and its
 * folder exists and is writable.  0 or a negative code naming what is
 * wrong (a folder, a FIFO, a read-only file, a missing or read-only
 * folder).
 */
int safefile_check_writable(const char *path, struct whose_error *err);

#endif
