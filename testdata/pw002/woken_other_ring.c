// SPDX-License-Identifier: GPL-2.0
/* The near miss of woken_with_registered.c: the section callback completes the vb2 buffer and then
 * wakes a ring buffer's queue of the same type, but another member of the filter (its events ring),
 * not the one the poll method registers: a warning. */
#include <linux/fs.h>
#include <linux/poll.h>
#include <media/videobuf2-core.h>

struct foo_buf {
	struct vb2_buffer vb;
	struct list_head list;
};

struct foo_ctx {
	struct vb2_queue vb_q;
	struct foo_buf *buf;
	struct list_head queued;
	int state;
};

struct foo_ring {
	wait_queue_head_t queue;
	int fill;
};

struct foo_filter {
	struct foo_ring buffer;
	struct foo_ring events;
	struct foo_ctx ctx;
};

static int foo_streaming(struct foo_ctx *ctx)
{
	return ctx->state & 1;
}

static __poll_t foo_ctx_poll(struct foo_ctx *ctx, struct file *file, poll_table *wait)
{
	return vb2_core_poll(&ctx->vb_q, file, wait);
}

static void foo_fill(struct foo_ctx *ctx, const u8 *src, int len)
{
	if (!ctx->buf)
		return;
	memcpy(vb2_plane_vaddr(&ctx->buf->vb, 0), src, len);
	vb2_buffer_done(&ctx->buf->vb, VB2_BUF_STATE_DONE);
	ctx->buf = NULL;
}

static int foo_section_cb(const u8 *src, int len, struct foo_filter *f)
{
	if (foo_streaming(&f->ctx))
		foo_fill(&f->ctx, src, len);
	else
		f->buffer.fill += len;
	wake_up(&f->events.queue);
	return 0;
}

static void foo_stop_streaming(struct vb2_queue *vq)
{
	struct foo_ctx *ctx = vb2_get_drv_priv(vq);
	struct foo_buf *buf;

	list_for_each_entry(buf, &ctx->queued, list)
		vb2_buffer_done(&buf->vb, VB2_BUF_STATE_ERROR);
}

static const struct vb2_ops foo_qops = {
	.stop_streaming	= foo_stop_streaming,
};

static long foo_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct foo_filter *f = file->private_data;

	f->ctx.state = arg & 1;
	return 0;
}

static __poll_t foo_poll(struct file *file, poll_table *wait)
{
	struct foo_filter *f = file->private_data;

	poll_wait(file, &f->buffer.queue, wait);
	if (foo_streaming(&f->ctx))
		return foo_ctx_poll(&f->ctx, file, wait); /* expect: PW002 warning */
	return f->buffer.fill ? EPOLLIN : 0;
}

static const struct file_operations foo_fops = {
	.owner		= THIS_MODULE,
	.poll		= foo_poll,
	.unlocked_ioctl	= foo_ioctl,
};

static struct foo_demux_ops foo_demux = {
	.section_cb	= foo_section_cb,
};
