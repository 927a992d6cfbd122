// SPDX-License-Identifier: GPL-2.0
/* A mem-to-mem scaler in the v4l2_m2m_poll style: both queues first, then the events. */
#include <linux/fs.h>
#include <linux/poll.h>
#include <media/videobuf2-v4l2.h>
#include <media/v4l2-event.h>

struct scl_ctx {
	struct v4l2_fh fh;
	struct vb2_queue out_q;
	struct vb2_queue cap_q;
};

static __poll_t scl_poll(struct file *file, poll_table *wait)
{
	struct scl_ctx *ctx = container_of(file->private_data, struct scl_ctx, fh);
	__poll_t req_events = poll_requested_events(wait);
	__poll_t rc = 0;

	poll_wait(file, &ctx->out_q.done_wq, wait);
	poll_wait(file, &ctx->cap_q.done_wq, wait);
	poll_wait(file, &ctx->fh.wait, wait);

	if (!(req_events & (EPOLLOUT | EPOLLWRNORM | EPOLLIN | EPOLLRDNORM)))
		goto events;
	if (!vb2_is_streaming(&ctx->out_q) && !vb2_is_streaming(&ctx->cap_q))
		return EPOLLERR;
	if (!list_empty(&ctx->out_q.done_list))
		rc |= EPOLLOUT | EPOLLWRNORM;
	if (!list_empty(&ctx->cap_q.done_list))
		rc |= EPOLLIN | EPOLLRDNORM;
events:
	if (v4l2_event_pending(&ctx->fh))
		rc |= EPOLLPRI;
	return rc;
}

static const struct v4l2_file_operations scl_fops = {
	.owner = THIS_MODULE,
	.poll = scl_poll,
};
