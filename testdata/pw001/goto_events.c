// SPDX-License-Identifier: GPL-2.0
/* A DMA engine char device that jumps to the exit label when writing was not asked for. */
#include <linux/fs.h>
#include <linux/poll.h>
#include <linux/mutex.h>

struct xdma_chan {
	struct mutex lock;
	wait_queue_head_t tx_done;
	wait_queue_head_t rx_done;
	unsigned int tx_free;
	unsigned int rx_avail;
};

static __poll_t xdma_chan_poll(struct file *file, poll_table *wait)
{
	struct xdma_chan *ch = file->private_data;
	__poll_t req = poll_requested_events(wait);
	__poll_t mask = 0;

	mutex_lock(&ch->lock);
	poll_wait(file, &ch->rx_done, wait);
	if (ch->rx_avail)
		mask |= EPOLLIN | EPOLLRDNORM;

	if (!(req & EPOLLOUT))
		goto out_unlock;

	poll_wait(file, &ch->tx_done, wait); /* expect: PW001 error */
	if (ch->tx_free)
		mask |= EPOLLOUT | EPOLLWRNORM;
out_unlock:
	mutex_unlock(&ch->lock);
	return mask;
}

static const struct file_operations xdma_chan_fops = {
	.owner = THIS_MODULE,
	.poll = xdma_chan_poll,
};
