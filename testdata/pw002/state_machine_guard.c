// SPDX-License-Identifier: GPL-2.0
/* A connection state machine, in the style of net/smc: the poll method registers only while the
 * state is not FOO_CLOSED. Every runtime write of the state runs under a test of the state that rules
 * out FOO_CLOSED (a case of a switch on it, or the rest of a function that leaves unless it is
 * FOO_INIT or FOO_LISTEN), so nothing takes it away from FOO_CLOSED: the skip is terminal (a note). */
#include <linux/fs.h>
#include <linux/poll.h>

enum foo_state { FOO_INIT, FOO_LISTEN, FOO_ACTIVE, FOO_CLOSING, FOO_CLOSED };

struct foo_conn {
	enum foo_state state;
	wait_queue_head_t wait;
	int rx;
};

static __poll_t foo_poll(struct file *file, poll_table *pt)
{
	struct foo_conn *c = file->private_data;
	__poll_t mask = 0;

	if (c->state != FOO_CLOSED)
		poll_wait(file, &c->wait, pt); /* expect: PW002 note */
	if (c->state == FOO_CLOSED)
		mask |= EPOLLHUP;
	if (c->rx)
		mask |= EPOLLIN;
	return mask;
}

static int foo_listen(struct foo_conn *c)
{
	if (c->state != FOO_INIT && c->state != FOO_LISTEN)
		return -EINVAL;
	c->state = FOO_LISTEN;
	return 0;
}

static void foo_close(struct foo_conn *c)
{
	switch (c->state) {
	case FOO_LISTEN:
	case FOO_ACTIVE:
		c->state = FOO_CLOSING;
		break;
	case FOO_CLOSING:
		c->state = FOO_CLOSED;
		wake_up(&c->wait);
		break;
	default:
		break;
	}
}

static long foo_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct foo_conn *c = file->private_data;

	if (cmd == 1)
		return foo_listen(c);
	foo_close(c);
	return 0;
}

static const struct file_operations foo_fops = {
	.owner		= THIS_MODULE,
	.poll		= foo_poll,
	.unlocked_ioctl	= foo_ioctl,
};
