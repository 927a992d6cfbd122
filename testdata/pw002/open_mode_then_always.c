// SPDX-License-Identifier: GPL-2.0
/* A decoder node: the output queue only for writers (fixed at open), the event queue always. */
#include <linux/fs.h>
#include <linux/poll.h>

struct avdec {
	wait_queue_head_t out_queue;
	wait_queue_head_t ev_queue;
	int ev_w, ev_r, free;
};

static __poll_t avdec_poll(struct file *file, poll_table *wait)
{
	struct avdec *av = file->private_data;
	__poll_t mask = 0;

	if ((file->f_flags & O_ACCMODE) != O_RDONLY)
		poll_wait(file, &av->out_queue, wait); /* expect: PW002 note */

	poll_wait(file, &av->ev_queue, wait);

	if (av->ev_w != av->ev_r)
		mask = EPOLLPRI;
	if ((file->f_flags & O_ACCMODE) != O_RDONLY && av->free)
		mask |= EPOLLOUT | EPOLLWRNORM;
	return mask;
}

static const struct file_operations avdec_fops = {
	.poll = avdec_poll,
};
