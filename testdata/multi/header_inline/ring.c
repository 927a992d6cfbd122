// SPDX-License-Identifier: GPL-2.0
/* The poll method tests a static inline of the driver's own header: its state is read through it,
 * and the mode it reads is set at runtime by an ioctl that wakes nothing (a warning). */
#include <linux/fs.h>
#include <linux/poll.h>
#include "ring.h"

static __poll_t ring_poll(struct file *file, poll_table *wait)
{
	struct ring_dev *rd = file->private_data;

	if (!ring_streaming(rd))
		return 0;
	poll_wait(file, &rd->wait, wait); /* expect: PW002 warning */
	return rd->head != rd->tail ? EPOLLIN | EPOLLRDNORM : 0;
}

static long ring_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct ring_dev *rd = file->private_data;

	rd->mode = arg;
	return 0;
}

static const struct file_operations ring_fops = {
	.unlocked_ioctl = ring_ioctl,
	.poll = ring_poll,
};
