// SPDX-License-Identifier: GPL-2.0
/* Two files each with a static helper of the same name: this one registers. */
#include <linux/fs.h>
#include <linux/poll.h>

struct alpha_dev {
	wait_queue_head_t wq;
	int ready;
};

static void board_wait(struct file *file, poll_table *pt)
{
	struct alpha_dev *ad = file->private_data;

	poll_wait(file, &ad->wq, pt);
}

static __poll_t alpha_poll(struct file *file, poll_table *pt)
{
	struct alpha_dev *ad = file->private_data;

	board_wait(file, pt);
	return ad->ready ? EPOLLIN | EPOLLRDNORM : 0;
}

static const struct file_operations alpha_fops = {
	.poll = alpha_poll,
};
