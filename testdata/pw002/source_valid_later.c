// SPDX-License-Identifier: GPL-2.0
/* A trace buffer whose ring is allocated on first enable: polling before that never registers. */
#include <linux/fs.h>
#include <linux/poll.h>

struct tbuf_ring {
	wait_queue_head_t wait;
	unsigned int head, tail;
};

struct tbuf_dev {
	struct tbuf_ring *ring;
};

static __poll_t tbuf_poll(struct file *file, poll_table *wait)
{
	struct tbuf_dev *td = file->private_data;

	if (!td->ring)
		return 0;

	poll_wait(file, &td->ring->wait, wait); /* expect: PW002 warning */
	if (td->ring->head != td->ring->tail)
		return EPOLLIN | EPOLLRDNORM;
	return 0;
}

static const struct file_operations tbuf_fops = {
	.poll = tbuf_poll,
};
