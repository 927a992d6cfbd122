// SPDX-License-Identifier: GPL-2.0
/* A mailbox whose mask is built from state, with the poll_table never used. */
#include <linux/fs.h>
#include <linux/poll.h>

struct mbx {
	int rx_count;
	int tx_space;
};

static unsigned int mbx_poll(struct file *filp, struct poll_table_struct *wait) /* expect: PW003 warning */
{
	struct mbx *m = filp->private_data;
	unsigned int mask = 0;

	if (m->rx_count > 0)
		mask |= POLLIN | POLLRDNORM;
	if (m->tx_space > 0)
		mask |= POLLOUT | POLLWRNORM;
	return mask;
}

static const struct file_operations mbx_fops = {
	.poll = mbx_poll,
};
