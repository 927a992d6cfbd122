// SPDX-License-Identifier: GPL-2.0
/* The near miss of lowercase_enum_latch.c: an ioctl puts the file back in foo_file_commands, so a
 * waiter that came while the file was in events mode is never woken by &pp->wait once commands
 * complete: a warning that names the ioctl. */
#include <linux/fs.h>
#include <linux/poll.h>
#include <linux/slab.h>

enum foo_file_mode {
	foo_file_commands,
	foo_file_events,
	foo_file_closing
};

struct foo_private {
	enum foo_file_mode mode;
	int busy;
	wait_queue_head_t wait;
};

static int foo_open(struct inode *inode, struct file *file)
{
	struct foo_private *pp;

	pp = kzalloc(sizeof(*pp), GFP_KERNEL);
	if (!pp)
		return -ENOMEM;
	pp->mode = foo_file_commands;
	init_waitqueue_head(&pp->wait);
	file->private_data = pp;
	return 0;
}

static void foo_cmd_done(struct foo_private *pp)
{
	pp->busy = 0;
	wake_up_all(&pp->wait);
}

static ssize_t foo_write(struct file *file, const char __user *buf, size_t count, loff_t *ppos)
{
	struct foo_private *pp = file->private_data;

	if (count == 1) {
		pp->mode = foo_file_events;
		return 0;
	}
	if (pp->mode != foo_file_commands)
		return -EBADFD;
	pp->busy = 1;
	foo_cmd_done(pp);
	return count;
}

static __poll_t foo_poll(struct file *file, poll_table *wait)
{
	struct foo_private *pp = file->private_data;
	__poll_t mask = 0;

	if (pp->mode == foo_file_commands) {
		poll_wait(file, &pp->wait, wait); /* expect: PW002 warning */
		if (!pp->busy)
			mask |= EPOLLIN;
	}
	return mask;
}

static long foo_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct foo_private *pp = file->private_data;

	pp->mode = foo_file_commands;
	return 0;
}

static int foo_release(struct inode *inode, struct file *file)
{
	struct foo_private *pp = file->private_data;

	pp->mode = foo_file_closing;
	kfree(pp);
	return 0;
}

static const struct file_operations foo_fops = {
	.owner		= THIS_MODULE,
	.open		= foo_open,
	.write		= foo_write,
	.unlocked_ioctl	= foo_ioctl,
	.poll		= foo_poll,
	.release	= foo_release,
};
