// SPDX-License-Identifier: GPL-2.0
/* A socket family built on datagram_poll, adding its own bits after the registration. */
#include <linux/net.h>
#include <linux/poll.h>
#include <net/sock.h>

struct lpsk_sock {
	struct sock sk;
	bool peer_gone;
};

static __poll_t lpsk_poll(struct file *file, struct socket *sock, poll_table *wait)
{
	struct lpsk_sock *ls = (struct lpsk_sock *)sock->sk;
	__poll_t mask;

	mask = datagram_poll(file, sock, wait);
	if (ls->peer_gone)
		mask |= EPOLLHUP;
	return mask;
}

static const struct proto_ops lpsk_ops = {
	.family = PF_LPSK,
	.poll = lpsk_poll,
};

static const struct proto_ops lpsk_raw_ops = {
	.family = PF_LPSK,
	.poll = datagram_poll,
};
