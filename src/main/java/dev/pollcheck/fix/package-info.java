/**
 * Fixes: for a poll method with findings, edits that register every skipped wait queue on the first
 * call (the shape upstream used in {@code vb2_core_poll} and {@code v4l2_m2m_poll}), planned on the AST
 * and the original text, then verified on the patched text by the rules and the simulator. Comes after
 * {@code rules} and {@code sim}; {@code report} and {@code cli} read its values.
 */
package dev.pollcheck.fix;
