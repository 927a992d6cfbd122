// SPDX-License-Identifier: GPL-2.0
/* A FIFO reader that returns early when data is already there, before registering. */
#include <linux/fs.h>
#include <linux/poll.h>
#include <linux/kfifo.h>

struct rfifo_dev {
	DECLARE_KFIFO(fifo, u8, 256);
	wait_queue_head_t readable;
};

static __poll_t rfifo_poll(struct file *file, poll_table *wait)
{
	struct rfifo_dev *rd = file->private_data;

	if (!kfifo_is_empty(&rd->fifo))
		return EPOLLIN | EPOLLRDNORM;

	poll_wait(file, &rd->readable, wait); /* expect: PW002 warning */
	return 0;
}

static const struct file_operations rfifo_fops = {
	.poll = rfifo_poll,
};
