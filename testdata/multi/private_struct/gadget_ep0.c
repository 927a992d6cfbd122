// SPDX-License-Identifier: GPL-2.0
/* Two gadget drivers share a directory and a member name. struct ep0_dev is spelled out in this
 * file only, so the other file's `dev->eps[i].state = ...` writes some other struct: the state this
 * poll tests is set only in open (a note). */
#include <linux/fs.h>
#include <linux/poll.h>

enum ep0_state { EP0_DISABLED, EP0_OPENED, EP0_CONNECTED };

struct ep0_dev {
	enum ep0_state state;
	wait_queue_head_t wait;
	int pending;
};

static __poll_t ep0_poll(struct file *fd, poll_table *wait)
{
	struct ep0_dev *dev = fd->private_data;

	if (dev->state == EP0_DISABLED)
		return EPOLLERR;
	poll_wait(fd, &dev->wait, wait); /* expect: PW002 note */
	return dev->pending ? EPOLLIN : 0;
}

static int ep0_open(struct inode *inode, struct file *fd)
{
	struct ep0_dev *dev = ep0_lookup(inode);

	dev->state = EP0_OPENED;
	fd->private_data = dev;
	return 0;
}

static const struct file_operations ep0_fops = {
	.open = ep0_open,
	.poll = ep0_poll,
};
