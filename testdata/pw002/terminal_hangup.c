// SPDX-License-Identifier: GPL-2.0
/* A USB gadget endpoint file: once unplugged it reports a hang-up before registering. */
#include <linux/fs.h>
#include <linux/poll.h>

struct gep_file {
	wait_queue_head_t io_wait;
	bool disconnected;
	int pending;
};

static __poll_t gep_poll(struct file *file, poll_table *wait)
{
	struct gep_file *ep = file->private_data;

	if (ep->disconnected)
		return EPOLLHUP | EPOLLERR;

	poll_wait(file, &ep->io_wait, wait); /* expect: PW002 note */
	return ep->pending ? EPOLLIN | EPOLLRDNORM : 0;
}

static const struct file_operations gep_fops = {
	.poll = gep_poll,
};
