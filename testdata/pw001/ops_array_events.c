// SPDX-License-Identifier: GPL-2.0
/* Per-minor file operations kept in an array; the second minor's poll is event-dependent. */
#include <linux/fs.h>
#include <linux/poll.h>

struct tdm_slot {
	wait_queue_head_t rx_wq;
	wait_queue_head_t tx_wq;
	int rx_level;
	int tx_level;
};

static __poll_t tdm_rx_poll(struct file *file, poll_table *wait)
{
	struct tdm_slot *s = file->private_data;

	poll_wait(file, &s->rx_wq, wait);
	return s->rx_level ? EPOLLIN | EPOLLRDNORM : 0;
}

static __poll_t tdm_tx_poll(struct file *file, poll_table *wait)
{
	struct tdm_slot *s = file->private_data;
	__poll_t mask = 0;

	if (!(poll_requested_events(wait) & EPOLLOUT))
		return mask;
	poll_wait(file, &s->tx_wq, wait); /* expect: PW001 error */
	if (s->tx_level)
		mask = EPOLLOUT | EPOLLWRNORM;
	return mask;
}

static const struct file_operations tdm_fops[] = {
	{
		.owner = THIS_MODULE,
		.poll = tdm_rx_poll,
	},
	{
		.owner = THIS_MODULE,
		.poll = &tdm_tx_poll,
	},
};
