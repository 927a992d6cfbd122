// SPDX-License-Identifier: GPL-2.0
/* The poll member names a #define that expands to the function. */
#include <linux/fs.h>
#include <linux/poll.h>

struct crcdev {
	wait_queue_head_t done_wq;
	bool done;
};

static __poll_t crcdev_poll_v2(struct file *file, poll_table *wait)
{
	struct crcdev *cd = file->private_data;

	poll_wait(file, &cd->done_wq, wait);
	return cd->done ? EPOLLIN | EPOLLRDNORM : 0;
}

#define CRCDEV_POLL crcdev_poll_v2

static const struct file_operations crcdev_fops = {
	.owner = THIS_MODULE,
	.poll = CRCDEV_POLL,
};
