#include <linux/poll.h>

struct ring { int head, tail; };

static __poll_t ring_poll(struct file *file, poll_table *wait)
{
	struct ring *r = file->private_data;

	if (wait && (wait->_key & EPOLLOUT))
		return EPOLLOUT;
	switch (r->head - r->tail) {
	case 0:
		return 0;
	default:
		return EPOLLIN;
	}
}

static const struct proc_ops ring_proc_ops = {
	.proc_poll = ring_poll,
};
