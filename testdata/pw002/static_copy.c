// SPDX-License-Identifier: GPL-2.0
/* As frame_copy.c, but the copy is a static local: it outlives the call, so its members are state
 * like any other. The poll method itself moves `slots` at runtime, waking nothing (a warning). */
#include <linux/fs.h>
#include <linux/poll.h>

struct snap_file {
	struct snap_stream *slots[2];
};

struct snap_stream {
	wait_queue_head_t sleep;
	int avail;
};

static __poll_t snap_poll(struct file *file, poll_table *wait)
{
	struct snap_file *sf = file->private_data;
	struct snap_stream *ps = sf->slots[0];
	static struct snap_file copy;
	__poll_t mask = 0;

	if (ps != NULL) {
		poll_wait(file, &ps->sleep, wait); /* expect: PW002 warning */
		if (ps->avail)
			mask |= EPOLLIN;
	}
	copy.slots[0] = snap_next(ps);
	snap_account(&copy);
	return mask;
}

static int snap_open(struct inode *inode, struct file *file)
{
	struct snap_file *sf = kzalloc(sizeof(*sf), GFP_KERNEL);

	sf->slots[0] = snap_attach(inode);
	file->private_data = sf;
	return 0;
}

static const struct file_operations snap_fops = {
	.open = snap_open,
	.poll = snap_poll,
};
