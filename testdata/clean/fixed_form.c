// SPDX-License-Identifier: GPL-2.0
/* The fixed form: every queue registered first, then the mask from state and requested events. */
#include <linux/fs.h>
#include <linux/poll.h>

struct evdevx {
	wait_queue_head_t read_wq;
	wait_queue_head_t event_wq;
	int have_data;
	int have_event;
};

static __poll_t evdevx_poll(struct file *file, poll_table *wait)
{
	struct evdevx *dev = file->private_data;
	__poll_t req = poll_requested_events(wait), mask = 0;

	poll_wait(file, &dev->read_wq, wait);
	poll_wait(file, &dev->event_wq, wait);
	if ((req & EPOLLIN) && dev->have_data)
		mask |= EPOLLIN | EPOLLRDNORM;
	if ((req & EPOLLPRI) && dev->have_event)
		mask |= EPOLLPRI;
	if (mask)
		return mask;
	return 0;
}

static const struct file_operations evdevx_fops = {
	.poll = evdevx_poll,
};
