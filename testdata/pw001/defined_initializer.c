// SPDX-License-Identifier: GPL-2.0
/* Sound info entries declared through a function-like macro; the poll method is found through it. */
#include <sound/core.h>
#include <sound/info.h>
#include <linux/poll.h>

#define MIXMON_INFO_OPS(pfx)						\
	static const struct snd_info_entry_ops pfx##_info_ops = {	\
		.read = pfx##_info_read,				\
		.poll = pfx##_info_poll,				\
	}

struct mixmon {
	wait_queue_head_t level_wait;
	wait_queue_head_t clip_wait;
	int level_changed;
	int clipped;
};

static __poll_t mixmon_info_poll(struct snd_info_entry *entry, void *file_private_data,
				 struct file *file, poll_table *wait)
{
	struct mixmon *mm = entry->private_data;
	__poll_t mask = 0;

	poll_wait(file, &mm->level_wait, wait);
	if (poll_requested_events(wait) & EPOLLPRI)
		poll_wait(file, &mm->clip_wait, wait); /* expect: PW001 error */
	if (mm->level_changed)
		mask |= EPOLLIN | EPOLLRDNORM;
	if (mm->clipped)
		mask |= EPOLLPRI;
	return mask;
}

MIXMON_INFO_OPS(mixmon);
