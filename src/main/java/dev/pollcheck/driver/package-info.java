/**
 * The driver model (issue 10): the other side of a poll method. Between {@code flow} and
 * {@code rules}; it reads the program and, through {@link dev.pollcheck.driver.DriverSources}, the
 * files of the driver's own directory, never anything of rules, sim, report or cli.
 *
 * <ul>
 *   <li>{@link dev.pollcheck.driver.DriverModel}: roles of functions from where the code registers
 *       them ({@code roles.txt}) and then from their callers; writes of state atoms
 *       ({@code write-apis.txt} plus assignments, {@code ++}/{@code --}, {@code |=}/{@code &=});
 *       wakes of wait queues ({@code wakers.txt}).</li>
 *   <li>{@link dev.pollcheck.driver.Atoms}: the atoms a condition reads, with the skipping value.</li>
 *   <li>{@link dev.pollcheck.driver.StateJudge}: the verdict a condition's writers lead to.</li>
 * </ul>
 *
 * <p>How far it looks: the {@code .c} files of the directory holding the poll method's file. That
 * is where a driver keeps probe, its ops tables, ioctls, interrupt handlers and work items; a
 * subsystem core elsewhere (videobuf2, the v4l2 event code) is known through the data files, not
 * read. Looking further (the whole tree) would make every state member ambiguous between drivers,
 * and cost a parse of the tree. The data files live under
 * {@code src/main/resources/dev/pollcheck/driver/}; users add lines of the same forms with
 * {@code --driver-model FILE}.
 */
package dev.pollcheck.driver;
