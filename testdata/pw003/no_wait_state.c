// SPDX-License-Identifier: GPL-2.0
/* A GPIO event reader that reports data but never registers a queue. */
#include <linux/fs.h>
#include <linux/poll.h>

struct gev_reader {
	wait_queue_head_t wait;
	unsigned int head, tail;
};

static __poll_t gev_poll(struct file *file, poll_table *wait) /* expect: PW003 warning */
{
	struct gev_reader *r = file->private_data;

	if (r->head != r->tail)
		return EPOLLIN | EPOLLRDNORM;
	return 0;
}

static const struct file_operations gev_fops = {
	.poll = gev_poll,
};
