// SPDX-License-Identifier: GPL-2.0
/* A pipe-like device registering on the directions the file was opened for. */
#include <linux/fs.h>
#include <linux/poll.h>

struct dpipe {
	wait_queue_head_t rd_wait;
	wait_queue_head_t wr_wait;
	unsigned int len, cap;
};

static __poll_t dpipe_poll(struct file *filp, poll_table *wait)
{
	struct dpipe *p = filp->private_data;
	__poll_t mask = 0;

	if (filp->f_mode & FMODE_READ) {
		poll_wait(filp, &p->rd_wait, wait); /* expect: PW002 note */
		if (p->len)
			mask |= EPOLLIN | EPOLLRDNORM;
	}
	if (filp->f_mode & FMODE_WRITE) {
		poll_wait(filp, &p->wr_wait, wait); /* expect: PW002 note */
		if (p->len < p->cap)
			mask |= EPOLLOUT | EPOLLWRNORM;
	}
	return mask;
}

static const struct file_operations dpipe_fops = {
	.poll = dpipe_poll,
};
