// Coccinelle comparison for scripts/bench.sh: poll_wait() calls reached only
// when the requested events (poll_requested_events(pt) or pt->_key, directly
// or through a local) have some bit. Written for pollcheck's benchmark; it is
// the closest a one-file semantic patch gets to PW001 (no data flow beyond one
// local, no helpers, no early returns).

@direct exists@
expression pt, file, q, E;
position p;
@@
(
if (<+... poll_requested_events(pt) ...+>) {
  ... when any
  poll_wait@p(file, q, E);
  ... when any
}
|
if (<+... poll_requested_events(pt) ...+>)
  poll_wait@p(file, q, E);
)

@key exists@
expression pt, file, q, E;
position p;
@@
(
if (<+... pt->_key ...+>) {
  ... when any
  poll_wait@p(file, q, E);
  ... when any
}
|
if (<+... pt->_key ...+>)
  poll_wait@p(file, q, E);
)

@via_local exists@
identifier req;
expression pt, file, q, E;
type T;
position p;
@@
(
T req = poll_requested_events(pt);
|
req = poll_requested_events(pt);
)
... when any
(
if (<+... req ...+>) {
  ... when any
  poll_wait@p(file, q, E);
  ... when any
}
|
if (<+... req ...+>)
  poll_wait@p(file, q, E);
)

@script:python depends on direct@
p << direct.p;
@@
print("%s:%s: poll_wait under requested events" % (p[0].file, p[0].line))

@script:python depends on key@
p << key.p;
@@
print("%s:%s: poll_wait under requested events" % (p[0].file, p[0].line))

@script:python depends on via_local@
p << via_local.p;
@@
print("%s:%s: poll_wait under requested events" % (p[0].file, p[0].line))
