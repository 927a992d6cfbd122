// SPDX-License-Identifier: GPL-2.0
/* Returns at once when the fifo holds data, before registering the reader queue. */
#include <linux/fs.h>
#include <linux/poll.h>
#include <linux/kfifo.h>

struct rbuf_dev {
	wait_queue_head_t readable;
	struct kfifo fifo;
};

static __poll_t rbuf_poll(struct file *file, poll_table *wait)
{
	struct rbuf_dev *rb = file->private_data;

	poll_wait(file, &rb->readable, wait);

	if (!kfifo_is_empty(&rb->fifo))
		return EPOLLIN | EPOLLRDNORM;

	return 0;
}

static const struct file_operations rbuf_fops = {
	.poll = rbuf_poll,
};
