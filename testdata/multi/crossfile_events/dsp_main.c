// SPDX-License-Identifier: GPL-2.0
/* A DSP driver split over two files: the poll method hands the table to a helper in dsp_queue.c. */
#include <linux/fs.h>
#include <linux/poll.h>
#include "dsp.h"

static __poll_t dsp_poll(struct file *file, poll_table *wait)
{
	struct dsp_client *cl = file->private_data;
	__poll_t req = poll_requested_events(wait);

	return dsp_queue_poll(cl, file, wait, req);
}

static const struct file_operations dsp_fops = {
	.owner = THIS_MODULE,
	.poll = dsp_poll,
};
