// SPDX-License-Identifier: GPL-2.0
/* A datagram socket family whose write space wait is registered only when EPOLLOUT is asked for. */
#include <linux/net.h>
#include <linux/poll.h>
#include <net/sock.h>

static __poll_t qmsg_sock_poll(struct file *file, struct socket *sock, poll_table *wait)
{
	struct sock *sk = sock->sk;
	__poll_t mask = 0;

	if (poll_requested_events(wait) & (EPOLLOUT | EPOLLWRNORM))
		sock_poll_wait(file, sock, wait); /* expect: PW001 error */

	if (!skb_queue_empty_lockless(&sk->sk_receive_queue))
		mask |= EPOLLIN | EPOLLRDNORM;
	if (sock_writeable(sk))
		mask |= EPOLLOUT | EPOLLWRNORM;
	return mask;
}

static const struct proto_ops qmsg_dgram_ops = {
	.family = PF_QMSG,
	.owner = THIS_MODULE,
	.release = qmsg_release,
	.poll = qmsg_sock_poll,
	.sendmsg = qmsg_sendmsg,
	.recvmsg = qmsg_recvmsg,
};
