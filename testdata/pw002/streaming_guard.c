// SPDX-License-Identifier: GPL-2.0
/* A capture engine that registers only while streaming. */
#include <linux/fs.h>
#include <linux/poll.h>

struct cap_engine {
	wait_queue_head_t buf_done;
	bool streaming;
	int done_count;
};

static __poll_t cap_poll(struct file *file, poll_table *wait)
{
	struct cap_engine *ce = file->private_data;
	__poll_t mask = 0;

	if (ce->streaming)
		poll_wait(file, &ce->buf_done, wait); /* expect: PW002 warning */
	if (ce->done_count)
		mask |= EPOLLIN | EPOLLRDNORM;
	return mask;
}

static const struct file_operations cap_fops = {
	.poll = cap_poll,
};
