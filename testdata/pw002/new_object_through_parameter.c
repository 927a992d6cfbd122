// SPDX-License-Identifier: GPL-2.0
/* A socket's initial state is set by an init helper that takes the socket as a parameter, in the
 * style of net/smc: foo_sock_alloc() passes it the socket sk_alloc() has just returned, and the
 * proto's .init callback runs it at creation. Its write of FOO_INIT is an initial value of a new
 * object, not a reopening of a closed socket: every runtime write of the state runs at FOO_INIT or
 * FOO_ACTIVE, so nothing takes it away from FOO_CLOSED and the skip is terminal (a note). */
#include <linux/net.h>
#include <linux/poll.h>
#include <net/sock.h>

enum foo_state { FOO_INIT = 1, FOO_ACTIVE, FOO_CLOSED };

static void foo_sk_init(struct sock *sk)
{
	sk->sk_state = FOO_INIT;
}

static struct sock *foo_sock_alloc(struct net *net, struct socket *sock)
{
	struct sock *sk;

	sk = sk_alloc(net, PF_INET, GFP_KERNEL, &foo_proto, 0);
	if (!sk)
		return NULL;
	sock_init_data(sock, sk);
	foo_sk_init(sk);
	return sk;
}

static int foo_init_sock(struct sock *sk)
{
	foo_sk_init(sk);
	return 0;
}

static int foo_create(struct net *net, struct socket *sock, int protocol, int kern)
{
	return foo_sock_alloc(net, sock) ? 0 : -ENOMEM;
}

static int foo_connect(struct socket *sock, struct sockaddr *addr, int alen, int flags)
{
	struct sock *sk = sock->sk;

	if (sk->sk_state == FOO_INIT)
		sk->sk_state = FOO_ACTIVE;
	return 0;
}

static int foo_release(struct socket *sock)
{
	struct sock *sk = sock->sk;

	sk->sk_state = FOO_CLOSED;
	sk->sk_state_change(sk);
	return 0;
}

static __poll_t foo_poll(struct file *file, struct socket *sock, poll_table *wait)
{
	struct sock *sk = sock->sk;
	__poll_t mask = 0;

	if (sk->sk_state != FOO_CLOSED)
		sock_poll_wait(file, sock, wait); /* expect: PW002 note */
	else
		mask |= EPOLLHUP;
	return mask;
}

static struct proto foo_proto = {
	.name	= "FOO",
	.init	= foo_init_sock,
};

static const struct proto_ops foo_ops = {
	.family		= PF_INET,
	.release	= foo_release,
	.connect	= foo_connect,
	.poll		= foo_poll,
};

static const struct net_proto_family foo_family_ops = {
	.family	= PF_INET,
	.create	= foo_create,
};
