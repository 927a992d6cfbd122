// SPDX-License-Identifier: GPL-2.0
/* A capture context is allocated and filled in by an exported constructor whose caller is in
 * another subsystem, so the model cannot tell its role from a registration. Its writes go through a
 * local that only ever holds what cap_ctx_alloc() returns, and that returns kzalloc()'s result or an
 * error pointer: they are the initial values of a new object, not
 * changes to one an open file already sees, so the sanity check of ctx->dev is invariant (a note).
 * ctx->peer, in contrast, is attached later by an ioctl on the open file (a warning). */
#include <linux/fs.h>
#include <linux/poll.h>
#include <linux/slab.h>

struct cap_dev;

struct cap_ctx {
	struct cap_dev *dev;
	struct cap_dev *peer;
	wait_queue_head_t wq;
	wait_queue_head_t peer_wq;
	int ready;
};

static __poll_t cap_poll(struct file *file, poll_table *wait)
{
	struct cap_ctx *ctx = file->private_data;

	if (!ctx->dev)
		return EPOLLERR;
	poll_wait(file, &ctx->wq, wait); /* expect: PW002 note */
	return ctx->ready ? EPOLLIN | EPOLLRDNORM : 0;
}

static __poll_t cap_peer_poll(struct file *file, poll_table *wait)
{
	struct cap_ctx *ctx = file->private_data;

	if (!ctx->peer)
		return 0;
	poll_wait(file, &ctx->peer_wq, wait); /* expect: PW002 warning */
	return ctx->ready ? EPOLLIN : 0;
}

static struct cap_ctx *cap_ctx_alloc(void)
{
	struct cap_ctx *c = kzalloc(sizeof(*c), GFP_KERNEL);

	if (!c)
		return ERR_PTR(-ENOMEM);
	return c;
}

struct cap_ctx *cap_ctx_create(struct cap_dev *dev)
{
	struct cap_ctx *ctx;

	ctx = cap_ctx_alloc();
	if (IS_ERR(ctx))
		return ctx;
	ctx->dev = dev;
	init_waitqueue_head(&ctx->wq);
	init_waitqueue_head(&ctx->peer_wq);
	return ctx;
}
EXPORT_SYMBOL_GPL(cap_ctx_create);

static long cap_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct cap_ctx *ctx = file->private_data;

	ctx->peer = (struct cap_dev *)arg;
	return 0;
}

void cap_frame_done(struct cap_ctx *ctx)
{
	ctx->ready = 1;
	wake_up_interruptible(&ctx->wq);
	wake_up_interruptible(&ctx->peer_wq);
}
EXPORT_SYMBOL_GPL(cap_frame_done);

static const struct file_operations cap_fops = {
	.owner		= THIS_MODULE,
	.poll		= cap_poll,
	.unlocked_ioctl	= cap_ioctl,
};

static const struct file_operations cap_peer_fops = {
	.owner		= THIS_MODULE,
	.poll		= cap_peer_poll,
	.unlocked_ioctl	= cap_ioctl,
};
