// SPDX-License-Identifier: GPL-2.0
/* Statement expressions and a do-while(0) around the registration. */
#include <linux/fs.h>
#include <linux/poll.h>
#include <linux/spinlock.h>

struct sxq {
	spinlock_t lock;
	wait_queue_head_t wq;
	int count;
};

#define sxq_count(s) ({ int __c; spin_lock(&(s)->lock); __c = (s)->count; spin_unlock(&(s)->lock); __c; })

static __poll_t sxq_poll(struct file *file, poll_table *wait)
{
	struct sxq *s = file->private_data;
	int n;

	do {
		poll_wait(file, &s->wq, wait);
	} while (0);
	n = ({ int __c; spin_lock(&s->lock); __c = s->count; spin_unlock(&s->lock); __c; });
	return n ? EPOLLIN | EPOLLRDNORM : 0;
}

static const struct file_operations sxq_fops = {
	.poll = sxq_poll,
};
