// SPDX-License-Identifier: GPL-2.0
/* The poll method fills a struct of its own frame with the same type as the per-open data (as
 * pcm_oss's poll does): writing the copy's members changes nothing the next call reads. The streams
 * are attached in open only (a note). */
#include <linux/fs.h>
#include <linux/poll.h>

struct oss_file {
	struct oss_stream *streams[2];
};

struct oss_stream {
	wait_queue_head_t sleep;
	int avail;
};

static __poll_t oss_poll(struct file *file, poll_table *wait)
{
	struct oss_file *of = file->private_data;
	struct oss_stream *ps = of->streams[0];
	struct oss_file copy;
	__poll_t mask = 0;

	if (ps != NULL) {
		poll_wait(file, &ps->sleep, wait); /* expect: PW002 note */
		if (ps->avail)
			mask |= EPOLLIN;
	}
	copy.streams[0] = oss_next(ps);
	oss_account(&copy);
	return mask;
}

static int oss_open(struct inode *inode, struct file *file)
{
	struct oss_file *of = kzalloc(sizeof(*of), GFP_KERNEL);

	of->streams[0] = oss_attach(inode);
	file->private_data = of;
	return 0;
}

static const struct file_operations oss_fops = {
	.open = oss_open,
	.poll = oss_poll,
};
