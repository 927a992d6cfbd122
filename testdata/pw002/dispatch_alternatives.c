// SPDX-License-Identifier: GPL-2.0
/* A trigger file that registers through the attribute helper or on its own queue: a dispatch, noted. */
#include <linux/fs.h>
#include <linux/poll.h>
#include <linux/kernfs.h>

struct trig {
	struct kernfs_open_file *of;
	wait_queue_head_t event_wait;
	int fired;
};

static __poll_t trig_attr_wait(struct kernfs_open_file *of, poll_table *pt)
{
	poll_wait(of->file, &of->kn->attr.open->poll, pt);
	return DEFAULT_POLLMASK;
}

static __poll_t trig_poll(struct file *file, poll_table *wait)
{
	struct trig *t = file->private_data;

	if (t->of)
		trig_attr_wait(t->of, wait); /* expect: PW002 note */
	else
		poll_wait(file, &t->event_wait, wait); /* expect: PW002 note */
	return t->fired ? EPOLLPRI : 0;
}

static const struct file_operations trig_fops = {
	.poll = trig_poll,
};
