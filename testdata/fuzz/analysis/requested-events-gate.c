// SPDX-License-Identifier: GPL-2.0
#include <linux/fs.h>
#include <linux/poll.h>

struct gadget {
	wait_queue_head_t rx_wait;
	wait_queue_head_t err_wait;
	int rx_ready;
	int error;
};

static __poll_t gadget_poll(struct file *file, poll_table *wait)
{
	struct gadget *g = file->private_data;
	__poll_t req = poll_requested_events(wait);
	__poll_t mask = 0;

	poll_wait(file, &g->rx_wait, wait);
	if (req & EPOLLPRI)
		poll_wait(file, &g->err_wait, wait);
	if (g->rx_ready)
		mask |= EPOLLIN | EPOLLRDNORM;
	if (g->error)
		mask |= EPOLLPRI;
	return mask;
}

static const struct file_operations gadget_fops = {
	.owner = THIS_MODULE,
	.poll = gadget_poll,
};
