// SPDX-License-Identifier: GPL-2.0
/* An old-style driver reading pt->_key directly, behind a NULL test of the table. */
#include <linux/fs.h>
#include <linux/poll.h>

struct oldfifo {
	wait_queue_head_t readq;
	wait_queue_head_t writeq;
	int used;
	int size;
};

static unsigned int oldfifo_poll(struct file *filp, poll_table *wait)
{
	struct oldfifo *f = filp->private_data;
	unsigned int mask = 0;

	poll_wait(filp, &f->readq, wait);
	if (wait && (wait->_key & POLLOUT))
		poll_wait(filp, &f->writeq, wait); /* expect: PW001 error */

	if (f->used)
		mask |= POLLIN | POLLRDNORM;
	if (f->used < f->size)
		mask |= POLLOUT | POLLWRNORM;
	return mask;
}

static const struct file_operations oldfifo_fops = {
	.poll = oldfifo_poll,
};
