#include <linux/poll.h>
#define DEV_FOPS(p) static const struct file_operations p##_fops = { .poll = p##_poll, }
#define NQ 4

struct multi { wait_queue_head_t q[NQ]; unsigned long pending; };

static __poll_t multi_poll(struct file *filp, poll_table *pt)
{
	struct multi *m = filp->private_data;
	__poll_t events = poll_requested_events(pt);
	int i;

	for (i = 0; i < NQ; i++) {
		if (!(events & (EPOLLIN << i)))
			continue;
		poll_wait(filp, &m->q[i], pt);
	}
	do {
		if (test_bit(0, &m->pending))
			goto ready;
	} while (0);
	return 0;
ready:
	return EPOLLIN | EPOLLRDNORM;
}
DEV_FOPS(multi);
