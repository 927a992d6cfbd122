// SPDX-License-Identifier: GPL-2.0
/* The other driver of the directory: its endpoints have a state too. */
#include <linux/fs.h>

struct raw_ep {
	int state;
};

struct raw_dev {
	struct raw_ep eps[8];
	int nr;
};

static long raw_ioctl(struct file *fd, unsigned int cmd, unsigned long arg)
{
	struct raw_dev *dev = fd->private_data;
	int i;

	for (i = 0; i < dev->nr; i++)
		dev->eps[i].state = 0;
	return 0;
}

static const struct file_operations raw_fops = {
	.unlocked_ioctl = raw_ioctl,
};
