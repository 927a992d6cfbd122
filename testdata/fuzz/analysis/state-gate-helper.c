// SPDX-License-Identifier: GPL-2.0
#include <linux/poll.h>

struct chan {
	wait_queue_head_t wq;
	bool open;
	unsigned int avail;
};

static void chan_wait(struct chan *c, struct file *f, poll_table *pt)
{
	if (!c->open)
		return;
	poll_wait(f, &c->wq, pt);
}

static __poll_t chan_poll(struct file *f, struct poll_table_struct *pt)
{
	struct chan *c = f->private_data;

	chan_wait(c, f, pt);
	return c->avail ? EPOLLIN | EPOLLRDNORM : 0;
}

static const struct file_operations chan_fops = {
	.poll		= chan_poll,
	.llseek		= noop_llseek,
};
