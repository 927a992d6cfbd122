// SPDX-License-Identifier: GPL-2.0
/* The notify queue hides behind a flag derived from the requested events. */
#include <linux/fs.h>
#include <linux/poll.h>

struct hcl_client {
	wait_queue_head_t rx_wq;
	wait_queue_head_t notify_wq;
	bool notify_en;
	int rx_pending;
	int notified;
};

static __poll_t hcl_poll(struct file *filp, poll_table *pt)
{
	struct hcl_client *cl = filp->private_data;
	__poll_t req_events = poll_requested_events(pt);
	bool notify;
	__poll_t mask = 0;

	poll_wait(filp, &cl->notify_wq, pt);

	notify = cl->notify_en && (req_events & EPOLLPRI);

	poll_wait(filp, &cl->rx_wq, pt);
	if (notify) {
		if (cl->notified)
			mask |= EPOLLPRI;
	}

	if (cl->rx_pending)
		mask |= EPOLLIN | EPOLLRDNORM;
	return mask;
}

static const struct file_operations hcl_fops = {
	.poll = hcl_poll,
};
