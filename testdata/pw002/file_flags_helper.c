// SPDX-License-Identifier: GPL-2.0
/* A sequencer port: the open mode is read through a small helper; still fixed for the open file. */
#include <linux/fs.h>
#include <linux/poll.h>

#define SEQX_IN		1
#define SEQX_OUT	2

struct seqx_client {
	wait_queue_head_t in_sleep;
	wait_queue_head_t out_sleep;
	int in_count, out_room;
};

static inline int seqx_file_mode(struct file *file)
{
	switch (file->f_mode & (FMODE_READ | FMODE_WRITE)) {
	case FMODE_READ:
		return SEQX_IN;
	case FMODE_WRITE:
		return SEQX_OUT;
	default:
		return SEQX_IN | SEQX_OUT;
	}
}

static __poll_t seqx_poll(struct file *file, poll_table *wait)
{
	struct seqx_client *c = file->private_data;
	__poll_t mask = 0;

	if (seqx_file_mode(file) & SEQX_IN) {
		poll_wait(file, &c->in_sleep, wait); /* expect: PW002 note */
		if (c->in_count)
			mask |= EPOLLIN | EPOLLRDNORM;
	}
	if (seqx_file_mode(file) & SEQX_OUT) {
		poll_wait(file, &c->out_sleep, wait); /* expect: PW002 note */
		if (c->out_room)
			mask |= EPOLLOUT | EPOLLWRNORM;
	}
	return mask;
}

static const struct file_operations seqx_fops = {
	.poll = seqx_poll,
};
