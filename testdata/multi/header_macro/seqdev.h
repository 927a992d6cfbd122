/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SEQDEV_H
#define SEQDEV_H

#define SEQ_FILE_READ	1
#define SEQ_FILE_WRITE	2
#define SEQ_OVERRUN	4

struct seq_devinfo {
	unsigned int file_mode;
	unsigned int status;
	wait_queue_head_t read_wait;
	wait_queue_head_t write_wait;
	int queued;
};

/* The poll method tests these: the model reads through them as the rules do. */
#define is_read_mode(mode)	((mode) & SEQ_FILE_READ)
#define seq_overrun(dp)		((dp)->status & SEQ_OVERRUN)

#endif
