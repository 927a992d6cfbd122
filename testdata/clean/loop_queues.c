// SPDX-License-Identifier: GPL-2.0
/* Registering every queue in a loop is the fixed form, not a state skip. */
#include <linux/fs.h>
#include <linux/poll.h>

#define NPORTS 8

struct hub_port {
	wait_queue_head_t wq;
	int events;
};

struct hubx {
	struct hub_port ports[NPORTS];
	int nports;
};

static __poll_t hubx_poll(struct file *file, poll_table *wait)
{
	struct hubx *h = file->private_data;
	__poll_t mask = 0;
	int i;

	for (i = 0; i < h->nports; i++)
		poll_wait(file, &h->ports[i].wq, wait);
	i = 0;
	while (i < h->nports) {
		if (h->ports[i].events)
			mask |= EPOLLIN | EPOLLRDNORM;
		i++;
	}
	return mask;
}

static const struct file_operations hubx_fops = {
	.poll = hubx_poll,
};
