// SPDX-License-Identifier: GPL-2.0
/* A modem control node: which queue is registered depends on the link mode. */
#include <linux/fs.h>
#include <linux/poll.h>

enum mctl_mode { MCTL_AT, MCTL_DATA, MCTL_DOWN };

struct mctl_port {
	enum mctl_mode mode;
	wait_queue_head_t at_wait;
	wait_queue_head_t data_wait;
	int at_len, data_len;
};

static __poll_t mctl_poll(struct file *file, poll_table *wait)
{
	struct mctl_port *mp = file->private_data;
	__poll_t mask = 0;

	switch (mp->mode) {
	case MCTL_AT:
		poll_wait(file, &mp->at_wait, wait); /* expect: PW002 warning */
		if (mp->at_len)
			mask |= EPOLLIN | EPOLLRDNORM;
		break;
	case MCTL_DATA:
		poll_wait(file, &mp->data_wait, wait); /* expect: PW002 warning */
		if (mp->data_len)
			mask |= EPOLLIN | EPOLLRDNORM;
		break;
	default:
		break;
	}
	return mask;
}

static const struct file_operations mctl_fops = {
	.poll = mctl_poll,
};
