// SPDX-License-Identifier: GPL-2.0
/* A policy query waits on a list: the asking code puts its own on-stack entry on the list, wakes the
 * reader, and takes the entry off again once answered. The poll method reports a pending query
 * before it registers: a reader that came while a query was pending, answered it and polled again,
 * is never told of the next query, whose wake goes to a queue it never registered (a warning: the
 * list_del() of the entry it added empties the list at runtime). */
#include <linux/fs.h>
#include <linux/poll.h>
#include <linux/spinlock.h>

struct qry {
	struct list_head list;
	int answer;
};

static LIST_HEAD(qry_list);
static DEFINE_SPINLOCK(qry_lock);
static DECLARE_WAIT_QUEUE_HEAD(qry_wait);
static DECLARE_WAIT_QUEUE_HEAD(ans_wait);

int qry_ask(void)
{
	struct qry entry = { };

	spin_lock(&qry_lock);
	list_add_tail(&entry.list, &qry_list);
	spin_unlock(&qry_lock);
	wake_up_all(&qry_wait);
	wait_event_interruptible_timeout(ans_wait, entry.answer, HZ);
	spin_lock(&qry_lock);
	list_del(&entry.list);
	spin_unlock(&qry_lock);
	return entry.answer;
}
EXPORT_SYMBOL_GPL(qry_ask);

static __poll_t qry_poll(struct file *file, poll_table *wait)
{
	if (!list_empty(&qry_list))
		return EPOLLIN | EPOLLRDNORM;
	poll_wait(file, &qry_wait, wait); /* expect: PW002 warning */
	return 0;
}

static const struct file_operations qry_fops = {
	.owner	= THIS_MODULE,
	.poll	= qry_poll,
};
