// SPDX-License-Identifier: GPL-2.0
/* Tests of the poll_table itself are not findings. */
#include <linux/fs.h>
#include <linux/poll.h>

struct tpm_proxy {
	wait_queue_head_t resp_wq;
	wait_queue_head_t cmd_wq;
	int resp_len;
};

static __poll_t tpmp_poll(struct file *file, poll_table *wait)
{
	struct tpm_proxy *tp = file->private_data;
	__poll_t mask = 0;

	if (wait)
		poll_wait(file, &tp->resp_wq, wait);
	if (!poll_does_not_wait(wait))
		poll_wait(file, &tp->cmd_wq, wait);
	if (tp->resp_len)
		mask |= EPOLLIN | EPOLLRDNORM;
	return mask;
}

static __poll_t tpmp_alt_poll(struct file *file, poll_table *pt)
{
	struct tpm_proxy *tp = file->private_data;

	if (!pt)
		goto check;
	poll_wait(file, &tp->resp_wq, pt);
check:
	return tp->resp_len ? EPOLLIN | EPOLLRDNORM : 0;
}

static const struct file_operations tpmp_fops = {
	.poll = tpmp_poll,
};

static const struct file_operations tpmp_alt_fops = {
	.poll = tpmp_alt_poll,
};
