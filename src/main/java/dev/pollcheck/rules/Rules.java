package dev.pollcheck.rules;

import java.util.List;

/** The registry of rules, in the order the analyzer asks them (PW001 before PW002 for one registration). */
public final class Rules {
    private static final List<Rule> ALL = List.of(new RequestedEventsSkipRegistration(),
            new StateSkipsRegistration(), new ReadyWithoutRegistration());

    private Rules() {
    }

    public static List<Rule> all() {
        return ALL;
    }

    public static List<RuleInfo> infos() {
        return ALL.stream().map(Rule::info).toList();
    }

    /** The rule with this id ({@code PW001}), case-insensitive, or null. */
    public static Rule byId(String id) {
        for (Rule r : ALL) {
            if (r.info().id().equalsIgnoreCase(id)) return r;
        }
        return null;
    }
}
