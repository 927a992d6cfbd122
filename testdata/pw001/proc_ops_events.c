// SPDX-License-Identifier: GPL-2.0
/* A /proc statistics file whose change queue is registered only for EPOLLPRI. */
#include <linux/proc_fs.h>
#include <linux/poll.h>
#include <linux/seq_file.h>

static DECLARE_WAIT_QUEUE_HEAD(pstat_wait);
static atomic_t pstat_seq;

struct pstat_reader {
	int seen;
};

static __poll_t pstat_poll(struct file *file, poll_table *wait)
{
	struct seq_file *m = file->private_data;
	struct pstat_reader *rd = m->private;
	__poll_t res = EPOLLIN | EPOLLRDNORM;

	if (poll_requested_events(wait) & EPOLLPRI) {
		poll_wait(file, &pstat_wait, wait); /* expect: PW001 error */
		if (rd->seen != atomic_read(&pstat_seq))
			res |= EPOLLPRI | EPOLLERR;
	}
	return res;
}

static const struct proc_ops pstat_proc_ops = {
	.proc_open = pstat_open,
	.proc_read = seq_read,
	.proc_poll = pstat_poll,
	.proc_release = single_release,
};
