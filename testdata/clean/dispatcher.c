// SPDX-License-Identifier: GPL-2.0
/* A class core that forwards poll to the driver's method when it has one. */
#include <linux/fs.h>
#include <linux/poll.h>

struct rmc_ops {
	__poll_t (*poll)(struct file *file, poll_table *wait);
};

struct rmc_device {
	const struct rmc_ops *ops;
};

static __poll_t rmc_core_poll(struct file *file, poll_table *wait)
{
	struct rmc_device *rd = file->private_data;

	if (!rd->ops->poll)
		return DEFAULT_POLLMASK;
	return rd->ops->poll(file, wait);
}

static const struct file_operations rmc_core_fops = {
	.poll = rmc_core_poll,
};
