// SPDX-License-Identifier: GPL-2.0
/* A CAN controller: the error queue hides behind a short circuit that tests the events first. */
#include <linux/fs.h>
#include <linux/poll.h>

struct canx_priv {
	wait_queue_head_t rx_wq;
	wait_queue_head_t err_wq;
	bool err_reporting;
	unsigned int rx_frames;
	unsigned int errors;
};

static __poll_t canx_poll(struct file *file, poll_table *pt)
{
	struct canx_priv *priv = file->private_data;
	__poll_t req = poll_requested_events(pt);
	__poll_t mask = 0;

	poll_wait(file, &priv->rx_wq, pt);
	if ((req & EPOLLPRI) && priv->err_reporting)
		poll_wait(file, &priv->err_wq, pt); /* expect: PW001 error */

	if (priv->rx_frames)
		mask |= EPOLLIN | EPOLLRDNORM;
	if (priv->errors)
		mask |= EPOLLPRI;
	return mask;
}

static const struct file_operations canx_fops = {
	.poll = canx_poll,
};
