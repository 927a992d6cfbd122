#include <linux/poll.h>
#ifdef CONFIG_OLD_API
static unsigned int old_poll(struct file *f, poll_table *w)
{
	return 0;
}
#else
static __poll_t new_poll(struct file *f, poll_table *w)
{
	struct sock *sk = f->private_data;
	sock_poll_wait(f, sk->sk_socket, w);
	return sk->sk_err ? EPOLLERR : 0;
}
#endif
static struct file_operations fops = {
#if LINUX_VERSION_CODE >= KERNEL_VERSION(5, 0, 0)
	.poll = new_poll,
#else
	.poll = old_poll,
#endif
};
