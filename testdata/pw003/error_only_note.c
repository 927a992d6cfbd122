// SPDX-License-Identifier: GPL-2.0
/* A stub that can only report an error condition: a note, not a warning. */
#include <linux/fs.h>
#include <linux/poll.h>

struct stubdev {
	bool broken;
};

static __poll_t stub_poll(struct file *file, poll_table *wait) /* expect: PW003 note */
{
	struct stubdev *sd = file->private_data;

	if (sd->broken)
		return EPOLLERR;
	return 0;
}

static const struct file_operations stub_fops = {
	.poll = stub_poll,
};
