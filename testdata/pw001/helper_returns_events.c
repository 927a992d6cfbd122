// SPDX-License-Identifier: GPL-2.0
/* A tuner: a helper extracts the interesting requested events; the caller registers on its result. */
#include <linux/fs.h>
#include <linux/poll.h>

struct tuner_fh {
	wait_queue_head_t lock_wait;
	wait_queue_head_t scan_wait;
	bool locked;
	bool scan_done;
};

static __poll_t tuner_wanted(poll_table *pt)
{
	return poll_requested_events(pt) & (EPOLLPRI | EPOLLRDBAND);
}

static __poll_t tuner_poll(struct file *file, poll_table *pt)
{
	struct tuner_fh *fh = file->private_data;
	__poll_t mask = 0;

	poll_wait(file, &fh->lock_wait, pt);
	if (tuner_wanted(pt))
		poll_wait(file, &fh->scan_wait, pt); /* expect: PW001 error */
	if (fh->locked)
		mask |= EPOLLIN;
	if (fh->scan_done)
		mask |= EPOLLPRI;
	return mask;
}

static const struct file_operations tuner_fops = {
	.poll = tuner_poll,
};
