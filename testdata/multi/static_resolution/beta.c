// SPDX-License-Identifier: GPL-2.0
/* The same helper name, static here too, but it only logs: nothing is registered. */
#include <linux/fs.h>
#include <linux/poll.h>

struct beta_dev {
	int ready;
	unsigned long polls;
};

static void board_wait(struct file *file, poll_table *pt)
{
	struct beta_dev *bd = file->private_data;

	bd->polls++;
}

static __poll_t beta_poll(struct file *file, poll_table *pt) /* expect: PW003 warning */
{
	struct beta_dev *bd = file->private_data;

	board_wait(file, pt);
	return bd->ready ? EPOLLIN | EPOLLRDNORM : 0;
}

static const struct file_operations beta_fops = {
	.poll = beta_poll,
};
