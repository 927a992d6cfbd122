/* pollcheck: ignore PW001 -- queue is registered by the core */
static const char c = '\'', d = '"', *e = "\\", *f = "a\
b";
// line comment with continuation \
still comment
int x = 0x1F /* multi
line */ + 'ab';
