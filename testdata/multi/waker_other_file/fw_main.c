// SPDX-License-Identifier: GPL-2.0
/* The firmware-ready flag tested by poll is set, and the queue woken, in another file of the driver. */
#include <linux/fs.h>
#include <linux/poll.h>
#include "fw.h"

static __poll_t fwld_poll(struct file *file, poll_table *wait)
{
	struct fwld_dev *fd = file->private_data;

	if (!fd->fw_ready)
		return 0;
	poll_wait(file, &fd->status_wait, wait); /* expect: PW002 warning */
	return fd->status ? EPOLLIN | EPOLLRDNORM : 0;
}

static const struct file_operations fwld_fops = {
	.unlocked_ioctl = fwld_ioctl,
	.poll = fwld_poll,
};
