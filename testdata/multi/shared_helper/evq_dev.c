// SPDX-License-Identifier: GPL-2.0
/* Two device nodes over one event queue; both poll through the core's helper. */
#include <linux/fs.h>
#include <linux/poll.h>
#include "evq.h"

struct evq_dev {
	struct evq q;
	unsigned int pending;
};

static __poll_t evq_ctl_poll(struct file *file, poll_table *pt)
{
	struct evq_dev *d = file->private_data;

	evq_wait(&d->q, file, pt);
	return d->pending ? EPOLLPRI : 0;
}

static __poll_t evq_data_poll(struct file *file, poll_table *pt)
{
	struct evq_dev *d = file->private_data;

	evq_wait(&d->q, file, pt);
	return d->pending ? EPOLLIN | EPOLLRDNORM : 0;
}

static const struct file_operations evq_ctl_fops = {
	.owner = THIS_MODULE,
	.poll = evq_ctl_poll,
};

static const struct file_operations evq_data_fops = {
	.owner = THIS_MODULE,
	.poll = evq_data_poll,
};
