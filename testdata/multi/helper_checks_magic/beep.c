// SPDX-License-Identifier: GPL-2.0
/* A sanity helper that returns early on a bad magic: the magic is written only at open (a note). */
#include <linux/fs.h>
#include <linux/poll.h>
#include <linux/slab.h>

#define BEEP_MAGIC 0x4250

struct beep_user {
	unsigned int magic;
	int pending;
	wait_queue_head_t wait;
};

static int check_beep_user(struct beep_user *bu, const char *func)
{
	if (bu == NULL || bu->magic != BEEP_MAGIC) {
		pr_err("%s passed bad filp\n", func);
		return 1;
	}
	return 0;
}

static __poll_t beep_poll(struct file *fp, poll_table *wait)
{
	struct beep_user *bu = fp->private_data;

	if (check_beep_user(bu, "beep_poll"))
		return 0;
	poll_wait(fp, &bu->wait, wait); /* expect: PW002 note */
	return bu->pending ? EPOLLIN | EPOLLRDNORM : 0;
}

static int beep_open(struct inode *inode, struct file *fp)
{
	struct beep_user *bu = kzalloc(sizeof(*bu), GFP_KERNEL);

	if (!bu)
		return -ENOMEM;
	bu->magic = BEEP_MAGIC;
	init_waitqueue_head(&bu->wait);
	fp->private_data = bu;
	return 0;
}

static const struct file_operations beep_fops = {
	.open = beep_open,
	.poll = beep_poll,
};
