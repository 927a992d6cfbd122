// SPDX-License-Identifier: GPL-2.0
/* A decoder choosing between two queues by a state that changes at run time: both are warnings. */
#include <linux/fs.h>
#include <linux/poll.h>
#include <linux/list.h>
#include <media/v4l2-fh.h>

struct mdec_id {
	struct v4l2_fh fh;
};

struct mdec_stream {
	wait_queue_head_t waitq;
	int vsync;
};

static __poll_t mdec_poll(struct file *filp, poll_table *wait)
{
	struct mdec_id *id = filp->private_data;
	struct mdec_stream *s = video_drvdata(filp);
	__poll_t res = 0;

	if (!list_empty(&id->fh.subscribed)) {
		poll_wait(filp, &id->fh.wait, wait); /* expect: PW002 warning */
		if (v4l2_event_pending(&id->fh))
			res = EPOLLPRI;
	} else {
		poll_wait(filp, &s->waitq, wait); /* expect: PW002 warning */
		if (s->vsync)
			res = EPOLLPRI;
	}
	return res;
}

static const struct file_operations mdec_fops = {
	.poll = mdec_poll,
};
