// SPDX-License-Identifier: GPL-2.0
/* A codec: the poll method hands the requested events to a helper that registers under them. */
#include <linux/fs.h>
#include <linux/poll.h>

struct codec_ctx {
	wait_queue_head_t src_wq;
	wait_queue_head_t dst_wq;
	int src_ready;
	int dst_ready;
};

static __poll_t codec_wait_queues(struct file *file, struct codec_ctx *ctx, poll_table *pt, __poll_t req)
{
	__poll_t mask = 0;

	if (req & (EPOLLOUT | EPOLLWRNORM)) {
		poll_wait(file, &ctx->src_wq, pt); /* expect: PW001 error */
		if (ctx->src_ready)
			mask |= EPOLLOUT | EPOLLWRNORM;
	}
	poll_wait(file, &ctx->dst_wq, pt);
	if (ctx->dst_ready)
		mask |= EPOLLIN | EPOLLRDNORM;
	return mask;
}

static __poll_t codec_poll(struct file *file, poll_table *pt)
{
	struct codec_ctx *ctx = file->private_data;

	return codec_wait_queues(file, ctx, pt, poll_requested_events(pt));
}

static const struct v4l2_file_operations codec_fops = {
	.owner = THIS_MODULE,
	.poll = codec_poll,
	.unlocked_ioctl = video_ioctl2,
};
