// SPDX-License-Identifier: GPL-2.0
/* Three queues, each behind its own requested event, after a sanity check of the client. */
#include <linux/fs.h>
#include <linux/poll.h>
#include <linux/mutex.h>

struct hbm_dev {
	struct mutex device_lock;
	int enabled;
};

struct hbm_cl {
	struct hbm_dev *dev;
	wait_queue_head_t rx_wait;
	wait_queue_head_t tx_wait;
	wait_queue_head_t ev_wait;
	bool notify_en;
	bool notify_ev;
	int rx_ready;
	int tx_room;
};

static __poll_t hbm_poll(struct file *file, poll_table *wait)
{
	__poll_t req_events = poll_requested_events(wait);
	struct hbm_cl *cl = file->private_data;
	struct hbm_dev *dev;
	__poll_t mask = 0;
	bool notify_en;

	if (WARN_ON(!cl || !cl->dev))
		return EPOLLERR;

	poll_wait(file, &cl->ev_wait, wait); /* expect: PW002 note */
	poll_wait(file, &cl->rx_wait, wait); /* expect: PW002 note */
	poll_wait(file, &cl->tx_wait, wait); /* expect: PW002 note */

	dev = cl->dev;

	mutex_lock(&dev->device_lock);

	notify_en = cl->notify_en && (req_events & EPOLLPRI);

	if (!dev->enabled) {
		mask = EPOLLERR;
		goto out;
	}

	if (notify_en) {
		if (cl->notify_ev)
			mask |= EPOLLPRI;
	}

	if (req_events & (EPOLLIN | EPOLLRDNORM)) {
		if (cl->rx_ready)
			mask |= EPOLLIN | EPOLLRDNORM;
	}

	if (req_events & (EPOLLOUT | EPOLLWRNORM)) {
		if (cl->tx_room)
			mask |= EPOLLOUT | EPOLLWRNORM;
	}

out:
	mutex_unlock(&dev->device_lock);
	return mask;
}

static const struct file_operations hbm_fops = {
	.poll = hbm_poll,
};
