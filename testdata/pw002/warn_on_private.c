// SPDX-License-Identifier: GPL-2.0
/* Defensive checks of the private data before registering: notes, not warnings (open sets it). */
#include <linux/fs.h>
#include <linux/poll.h>
#include <linux/bug.h>
#include <linux/slab.h>

struct hsm_client {
	wait_queue_head_t resp_wait;
	int resp_ready;
};

static int hsm_open(struct inode *inode, struct file *file)
{
	struct hsm_client *cl = kzalloc(sizeof(*cl), GFP_KERNEL);

	if (!cl)
		return -ENOMEM;
	init_waitqueue_head(&cl->resp_wait);
	file->private_data = cl;
	return 0;
}

static __poll_t hsm_poll(struct file *file, poll_table *wait)
{
	struct hsm_client *cl = file->private_data;

	if (WARN_ON(!cl))
		return EPOLLERR;

	poll_wait(file, &cl->resp_wait, wait); /* expect: PW002 note */
	return cl->resp_ready ? EPOLLIN | EPOLLRDNORM : 0;
}

static __poll_t hsm_admin_poll(struct file *file, poll_table *wait)
{
	struct hsm_client *cl = file->private_data;

	if (!cl)
		return EPOLLERR;

	poll_wait(file, &cl->resp_wait, wait); /* expect: PW002 note */
	return cl->resp_ready ? EPOLLIN | EPOLLRDNORM : 0;
}

static const struct file_operations hsm_fops = {
	.open = hsm_open,
	.poll = hsm_poll,
};

static const struct file_operations hsm_admin_fops = {
	.open = hsm_open,
	.poll = hsm_admin_poll,
};
