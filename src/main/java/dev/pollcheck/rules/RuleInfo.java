package dev.pollcheck.rules;

/**
 * What a rule says about itself. {@code explain}, the SARIF {@code rules} array and the docs are
 * all generated from this, so it is written once, in the rule's class.
 *
 * @param id          {@code PW001}
 * @param name        a CamelCase name for SARIF ({@code RegistrationSkippedByRequestedEvents})
 * @param title       one line
 * @param level       default level
 * @param rationale   why it matters, a few paragraphs of plain text
 * @param badExample  C code showing the problem
 * @param goodExample the same code, fixed
 */
public record RuleInfo(String id, String name, String title, Level level, String rationale,
                       String badExample, String goodExample) {
}
