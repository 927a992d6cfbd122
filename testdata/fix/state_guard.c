// SPDX-License-Identifier: GPL-2.0
/* The buffer queue is registered only while streaming. */
#include <linux/fs.h>
#include <linux/poll.h>

struct grab_engine {
	wait_queue_head_t buf_done;
	bool streaming;
	int done_count;
};

static __poll_t grab_poll(struct file *file, poll_table *wait)
{
	struct grab_engine *ge = file->private_data;
	__poll_t mask = 0;

	if (ge->streaming)
		poll_wait(file, &ge->buf_done, wait); /* expect: PW002 warning */
	if (ge->done_count)
		mask |= EPOLLIN | EPOLLRDNORM;
	return mask;
}

static const struct file_operations grab_fops = {
	.poll = grab_poll,
};
