// SPDX-License-Identifier: GPL-2.0
/* A mailbox client: the notify flag combines driver state with the requested events. */
#include <linux/fs.h>
#include <linux/poll.h>

struct mbox_client_priv {
	wait_queue_head_t rx_wq;
	wait_queue_head_t notify_wq;
	bool notify_en;
	bool rx_pending;
	bool notified;
};

static __poll_t mbox_cl_poll(struct file *filp, struct poll_table_struct *pt)
{
	struct mbox_client_priv *cl = filp->private_data;
	__poll_t req_events = poll_requested_events(pt);
	bool notify_en;
	__poll_t mask = 0;

	notify_en = cl->notify_en && (req_events & EPOLLPRI);

	poll_wait(filp, &cl->rx_wq, pt);
	if (notify_en)
		poll_wait(filp, &cl->notify_wq, pt); /* expect: PW001 error */

	if (cl->rx_pending)
		mask |= EPOLLIN | EPOLLRDNORM;
	if (notify_en && cl->notified)
		mask |= EPOLLPRI;
	return mask;
}

static const struct file_operations mbox_cl_fops = {
	.poll = mbox_cl_poll,
};
