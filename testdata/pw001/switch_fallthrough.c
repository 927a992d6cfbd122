// SPDX-License-Identifier: GPL-2.0
/* A serial bridge that picks its queues by switching on the requested direction. */
#include <linux/fs.h>
#include <linux/poll.h>

struct sbridge_port {
	wait_queue_head_t rx_wait;
	wait_queue_head_t tx_wait;
	int rx_count;
	int tx_room;
};

static __poll_t sbridge_poll(struct file *file, poll_table *wait)
{
	struct sbridge_port *port = file->private_data;
	__poll_t mask = 0;

	switch (poll_requested_events(wait) & (EPOLLIN | EPOLLOUT)) {
	case EPOLLIN | EPOLLOUT:
	case EPOLLIN:
		poll_wait(file, &port->rx_wait, wait); /* expect: PW001 error */
		fallthrough;
	case EPOLLOUT:
		poll_wait(file, &port->tx_wait, wait); /* expect: PW001 error */
		break;
	default:
		break;
	}

	if (port->rx_count)
		mask |= EPOLLIN | EPOLLRDNORM;
	if (port->tx_room)
		mask |= EPOLLOUT | EPOLLWRNORM;
	return mask;
}

static const struct file_operations sbridge_fops = {
	.poll = sbridge_poll,
};
