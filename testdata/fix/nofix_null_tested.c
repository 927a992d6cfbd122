// SPDX-License-Identifier: GPL-2.0
/* Each fifo exists only for the directions the channel was opened for. */
#include <linux/fs.h>
#include <linux/poll.h>

struct xfifo {
	wait_queue_head_t waitq;
	int fill;
};

struct xchan {
	struct xfifo *in_fifo;
};

static __poll_t xchan_poll(struct file *filp, poll_table *wait)
{
	struct xchan *chan = filp->private_data;
	__poll_t mask = 0;

	if (chan->in_fifo)
		poll_wait(filp, &chan->in_fifo->waitq, wait); /* expect: PW002 warning */

	if (chan->in_fifo && chan->in_fifo->fill)
		mask |= EPOLLIN | EPOLLRDNORM;
	return mask;
}

static const struct file_operations xchan_fops = {
	.poll = xchan_poll,
};
