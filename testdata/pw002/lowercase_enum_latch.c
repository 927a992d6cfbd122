// SPDX-License-Identifier: GPL-2.0
/* A file mode spelt in lower case, in the style of drivers/macintosh/smu.c: open sets
 * foo_file_commands, a write switches the file to foo_file_events for good and release marks it
 * foo_file_closing. foo_file_commands is an enumerator, a constant however it is spelt, so the skip
 * reads the writers of pp->mode: nothing moves the mode back to commands once it has left, and the
 * skip is terminal (a note). */
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
		poll_wait(file, &pp->wait, wait); /* expect: PW002 note */
		if (!pp->busy)
			mask |= EPOLLIN;
	}
	return mask;
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
	.poll		= foo_poll,
	.release	= foo_release,
};
