// SPDX-License-Identifier: GPL-2.0
/* A watchdog pretimeout device: a ternary turns the requested events into a flag. */
#include <linux/fs.h>
#include <linux/poll.h>

struct wdt_pretimeout {
	wait_queue_head_t pt_wait;
	wait_queue_head_t data_wait;
	unsigned long fired;
};

static __poll_t wdt_pt_poll(struct file *file, poll_table *wait)
{
	struct wdt_pretimeout *wp = file->private_data;
	int want_pri = (poll_requested_events(wait) & EPOLLPRI) ? 1 : 0;
	__poll_t mask = 0;

	poll_wait(file, &wp->data_wait, wait);
	if (want_pri)
		poll_wait(file, &wp->pt_wait, wait); /* expect: PW001 error */
	if (wp->fired)
		mask |= want_pri ? EPOLLPRI : EPOLLIN;
	return mask;
}

static const struct file_operations wdt_pt_fops = {
	.poll = wdt_pt_poll,
};
