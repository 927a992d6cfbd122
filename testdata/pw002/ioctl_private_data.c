// SPDX-License-Identifier: GPL-2.0
/* The per-open context is attached by an ioctl: an epoll added before it never registers (a warning). */
#include <linux/fs.h>
#include <linux/poll.h>
#include <linux/slab.h>

struct bind_ctx {
	wait_queue_head_t done_wait;
	int done;
};

static __poll_t bind_poll(struct file *file, poll_table *wait)
{
	struct bind_ctx *ctx = file->private_data;

	if (!ctx)
		return EPOLLERR;
	poll_wait(file, &ctx->done_wait, wait); /* expect: PW002 warning */
	return ctx->done ? EPOLLIN | EPOLLRDNORM : 0;
}

static long bind_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct bind_ctx *ctx = kzalloc(sizeof(*ctx), GFP_KERNEL);

	if (!ctx)
		return -ENOMEM;
	init_waitqueue_head(&ctx->done_wait);
	file->private_data = ctx;
	return 0;
}

static const struct file_operations bind_fops = {
	.unlocked_ioctl = bind_ioctl,
	.poll = bind_poll,
};
