// SPDX-License-Identifier: GPL-2.0
/* A sequencer device whose own header holds the macros its poll method tests. The open mode is
 * fixed when the file is opened (a note); the overrun bit is set by an ioctl on the open file and
 * cleared by read, with no wake of the write queue (a warning). */
#include <linux/fs.h>
#include <linux/poll.h>
#include <linux/slab.h>
#include "seqdev.h"

static unsigned int seq_translate_mode(struct file *file)
{
	unsigned int mode = 0;

	if (file->f_mode & FMODE_READ)
		mode |= SEQ_FILE_READ;
	if (file->f_mode & FMODE_WRITE)
		mode |= SEQ_FILE_WRITE;
	return mode;
}

static int seq_open(struct inode *inode, struct file *file)
{
	struct seq_devinfo *dp = kzalloc(sizeof(*dp), GFP_KERNEL);

	if (!dp)
		return -ENOMEM;
	dp->file_mode = seq_translate_mode(file);
	init_waitqueue_head(&dp->read_wait);
	init_waitqueue_head(&dp->write_wait);
	file->private_data = dp;
	return 0;
}

static __poll_t seq_poll(struct file *file, poll_table *wait)
{
	struct seq_devinfo *dp = file->private_data;
	__poll_t mask = 0;

	if (is_read_mode(dp->file_mode)) {
		poll_wait(file, &dp->read_wait, wait); /* expect: PW002 note */
		if (dp->queued)
			mask |= EPOLLIN | EPOLLRDNORM;
	}
	if (!seq_overrun(dp)) {
		poll_wait(file, &dp->write_wait, wait); /* expect: PW002 warning */
		mask |= EPOLLOUT;
	}
	return mask;
}

static ssize_t seq_read(struct file *file, char __user *buf, size_t count, loff_t *ppos)
{
	struct seq_devinfo *dp = file->private_data;

	dp->queued = 0;
	dp->status &= ~SEQ_OVERRUN;
	return 0;
}

static long seq_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct seq_devinfo *dp = file->private_data;

	dp->status |= SEQ_OVERRUN;
	dp->queued = 1;
	wake_up_interruptible(&dp->read_wait);
	return 0;
}

static const struct file_operations seq_fops = {
	.owner		= THIS_MODULE,
	.open		= seq_open,
	.read		= seq_read,
	.poll		= seq_poll,
	.unlocked_ioctl	= seq_ioctl,
};
