// SPDX-License-Identifier: GPL-2.0
/* Implicit flow after the registrations: early returns on the mask cannot skip anything. */
#include <linux/fs.h>
#include <linux/poll.h>

struct rtcx {
	wait_queue_head_t alarm_wq;
	wait_queue_head_t tick_wq;
	int alarm, tick;
};

static __poll_t rtcx_poll(struct file *file, poll_table *wait)
{
	struct rtcx *r = file->private_data;
	__poll_t req = poll_requested_events(wait);
	__poll_t mask = 0;

	poll_wait(file, &r->alarm_wq, wait);
	poll_wait(file, &r->tick_wq, wait);
	if ((req & EPOLLPRI) && r->alarm)
		mask |= EPOLLPRI;
	if (mask)
		return mask;
	if (r->tick)
		mask |= EPOLLIN | EPOLLRDNORM;
	return mask;
}

static const struct file_operations rtcx_fops = {
	.poll = rtcx_poll,
};
