// SPDX-License-Identifier: GPL-2.0
/* Poll members of other ops structures, all in the fixed form. */
#include <linux/fs.h>
#include <linux/poll.h>
#include <linux/tty.h>
#include <linux/tty_ldisc.h>
#include <linux/posix-clock.h>
#include <linux/proc_fs.h>

struct nldisc {
	wait_queue_head_t read_wait;
	wait_queue_head_t write_wait;
	int rx, tx_room;
};

static __poll_t nldisc_poll(struct tty_struct *tty, struct file *file, struct poll_table_struct *wait)
{
	struct nldisc *nl = tty->disc_data;
	__poll_t mask = 0;

	poll_wait(file, &nl->read_wait, wait);
	poll_wait(file, &nl->write_wait, wait);
	if (nl->rx)
		mask |= EPOLLIN | EPOLLRDNORM;
	if (nl->tx_room)
		mask |= EPOLLOUT | EPOLLWRNORM;
	return mask;
}

static struct tty_ldisc_ops nldisc_ops = {
	.owner = THIS_MODULE,
	.num = N_NLDISC,
	.name = "nldisc",
	.poll = nldisc_poll,
};

struct pclk {
	wait_queue_head_t ext_wq;
	int ext_events;
};

static __poll_t pclk_poll(struct posix_clock_context *pccontext, struct file *fp, poll_table *wait)
{
	struct pclk *pc = container_of(pccontext->clk, struct pclk, clock);

	poll_wait(fp, &pc->ext_wq, wait);
	return pc->ext_events ? EPOLLIN | EPOLLRDNORM : 0;
}

static const struct posix_clock_operations pclk_ops = {
	.owner = THIS_MODULE,
	.poll = pclk_poll,
};

static DECLARE_WAIT_QUEUE_HEAD(pproc_wait);
static int pproc_pending;

static __poll_t pproc_poll(struct file *file, struct poll_table_struct *wait)
{
	poll_wait(file, &pproc_wait, wait);
	return pproc_pending ? EPOLLIN | EPOLLRDNORM : 0;
}

static const struct proc_ops pproc_ops = {
	.proc_poll = pproc_poll,
};
