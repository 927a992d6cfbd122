// SPDX-License-Identifier: GPL-2.0
/* An array of ops and a compound literal, every poll method in the fixed form. */
#include <linux/fs.h>
#include <linux/poll.h>

struct dualq {
	wait_queue_head_t wq[2];
	int level[2];
};

static __poll_t dualq_a_poll(struct file *file, poll_table *wait)
{
	struct dualq *d = file->private_data;

	poll_wait(file, &d->wq[0], wait);
	return d->level[0] ? EPOLLIN | EPOLLRDNORM : 0;
}

static __poll_t dualq_b_poll(struct file *file, poll_table *wait)
{
	struct dualq *d = file->private_data;

	poll_wait(file, &d->wq[1], wait);
	return d->level[1] ? EPOLLIN | EPOLLRDNORM : 0;
}

static const struct file_operations dualq_fops[2] = {
	[0] = { .owner = THIS_MODULE, .poll = dualq_a_poll },
	[1] = { .owner = THIS_MODULE, .poll = dualq_b_poll },
};

static void dualq_setup(struct cdev *c)
{
	cdev_init(c, &(struct file_operations){ .poll = dualq_b_poll });
}
