// SPDX-License-Identifier: GPL-2.0
/* The same state machine, but a closed connection can be listened on again: the listen ioctl accepts
 * BAR_CLOSED, so a runtime write takes the state away from the skipping value, and a waiter that
 * came while it was closed is never woken (a warning). */
#include <linux/fs.h>
#include <linux/poll.h>

enum bar_state { BAR_INIT, BAR_LISTEN, BAR_ACTIVE, BAR_CLOSING, BAR_CLOSED };

struct bar_conn {
	enum bar_state state;
	wait_queue_head_t wait;
	int rx;
};

static __poll_t bar_poll(struct file *file, poll_table *pt)
{
	struct bar_conn *c = file->private_data;
	__poll_t mask = 0;

	if (c->state != BAR_CLOSED)
		poll_wait(file, &c->wait, pt); /* expect: PW002 warning */
	if (c->state == BAR_CLOSED)
		mask |= EPOLLHUP;
	if (c->rx)
		mask |= EPOLLIN;
	return mask;
}

static int bar_listen(struct bar_conn *c)
{
	if (c->state != BAR_INIT && c->state != BAR_LISTEN && c->state != BAR_CLOSED)
		return -EINVAL;
	c->state = BAR_LISTEN;
	return 0;
}

static void bar_close(struct bar_conn *c)
{
	switch (c->state) {
	case BAR_LISTEN:
	case BAR_ACTIVE:
		c->state = BAR_CLOSING;
		break;
	case BAR_CLOSING:
		c->state = BAR_CLOSED;
		wake_up(&c->wait);
		break;
	default:
		break;
	}
}

static long bar_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct bar_conn *c = file->private_data;

	if (cmd == 1)
		return bar_listen(c);
	bar_close(c);
	return 0;
}

static const struct file_operations bar_fops = {
	.owner		= THIS_MODULE,
	.poll		= bar_poll,
	.unlocked_ioctl	= bar_ioctl,
};
