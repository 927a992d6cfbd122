// SPDX-License-Identifier: GPL-2.0
/* A kernfs attribute with a poll member that looks at a counter without registering. */
#include <linux/kernfs.h>
#include <linux/poll.h>

struct thr_attr {
	atomic_t event;
	int seen;
};

static __poll_t thr_kn_poll(struct kernfs_open_file *of, poll_table *pt) /* expect: PW003 warning */
{
	struct thr_attr *ta = of->kn->priv;

	if (atomic_read(&ta->event) != ta->seen)
		return DEFAULT_POLLMASK | EPOLLERR | EPOLLPRI;
	return 0;
}

static const struct kernfs_ops thr_kf_ops = {
	.seq_show = thr_seq_show,
	.poll = thr_kn_poll,
};
