// SPDX-License-Identifier: GPL-2.0
/* The near miss of valid_states_helper.c: the ioctl's reset writes FOO_Q_INIT with no test of the
 * state, so it takes a zombie queue back to a valid state, and a waiter that came while the queue
 * was a zombie is never woken by &q->wait: a warning that names the reset. */
#include <linux/fs.h>
#include <linux/poll.h>
#include <linux/slab.h>

enum foo_q_state { FOO_Q_ZOMBIE = 0, FOO_Q_INIT, FOO_Q_STARTED };

struct foo_queue {
	enum foo_q_state state;
	wait_queue_head_t wait;
	int ready;
};

static bool foo_queue_is_valid(struct foo_queue *q)
{
	return q->state == FOO_Q_INIT || q->state == FOO_Q_STARTED;
}

static int foo_start_queue(struct foo_queue *q)
{
	if (q->state != FOO_Q_INIT)
		return -EINVAL;
	q->state = FOO_Q_STARTED;
	return 0;
}

static int foo_stop_queue(struct foo_queue *q)
{
	if (q->state != FOO_Q_STARTED)
		return 0;
	q->state = FOO_Q_INIT;
	return 0;
}

static void foo_put_queue(struct foo_queue *q)
{
	foo_stop_queue(q);
	if (q->state != FOO_Q_INIT)
		return;
	q->state = FOO_Q_ZOMBIE;
}

static void foo_reset_queue(struct foo_queue *q)
{
	q->state = FOO_Q_INIT;
}

static long foo_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct foo_queue *q = file->private_data;

	if (cmd == 1)
		return foo_start_queue(q);
	if (cmd == 2)
		foo_reset_queue(q);
	return foo_stop_queue(q);
}

static int foo_open(struct inode *inode, struct file *file)
{
	struct foo_queue *q = kzalloc(sizeof(*q), GFP_KERNEL);

	if (!q)
		return -ENOMEM;
	init_waitqueue_head(&q->wait);
	q->state = FOO_Q_INIT;
	file->private_data = q;
	return 0;
}

static int foo_release(struct inode *inode, struct file *file)
{
	struct foo_queue *q = file->private_data;

	foo_put_queue(q);
	kfree(q);
	return 0;
}

static __poll_t foo_poll(struct file *file, poll_table *wait)
{
	struct foo_queue *q = file->private_data;

	if (!foo_queue_is_valid(q))
		return 0;
	poll_wait(file, &q->wait, wait); /* expect: PW002 warning */
	return q->ready ? EPOLLIN : 0;
}

static const struct file_operations foo_fops = {
	.owner		= THIS_MODULE,
	.open		= foo_open,
	.unlocked_ioctl	= foo_ioctl,
	.poll		= foo_poll,
	.release	= foo_release,
};
