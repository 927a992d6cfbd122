// SPDX-License-Identifier: GPL-2.0
/* The queue half of the DSP driver. */
#include <linux/fs.h>
#include <linux/poll.h>
#include "dsp.h"

__poll_t dsp_queue_poll(struct dsp_client *cl, struct file *file, poll_table *wait, __poll_t req)
{
	__poll_t mask = 0;

	poll_wait(file, &cl->resp_wq, wait);
	if (cl->nresp)
		mask |= EPOLLIN | EPOLLRDNORM;
	if (req & EPOLLPRI) {
		poll_wait(file, &cl->notif_wq, wait); /* expect: PW001 error */
		if (cl->nnotif)
			mask |= EPOLLPRI;
	}
	return mask;
}
