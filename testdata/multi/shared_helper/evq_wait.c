// SPDX-License-Identifier: GPL-2.0
/* The event-queue core: one wait helper shared by the control and the data node. */
#include <linux/fs.h>
#include <linux/poll.h>
#include "evq.h"

void evq_wait(struct evq *q, struct file *file, poll_table *pt)
{
	if (!q->armed)
		return;
	poll_wait(file, &q->wq, pt); /* expect: PW002 warning */
}

void evq_arm(struct evq *q)
{
	q->armed = 1;
	wake_up_interruptible(&q->wq);
}
