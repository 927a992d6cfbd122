void f(int a)
{
	switch (a) { case 1 ... 3: a++; fallthrough; case 4: { break; } default: ; }
	for (int i = 0, j = 1; i < j; i++, j--) continue;
	do a--; while (a > 0);
	if (a) if (a > 1) a = 2; else a = 3;
	goto out;
	asm volatile("nop" ::: "memory");
	a = sizeof(int[4]) + _Alignof(long) + ({ int t = 3; t * 2; });
	a = (struct pt){ .x = 1 }.x;
out:
	return;
}
