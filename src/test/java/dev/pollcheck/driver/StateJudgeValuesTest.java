package dev.pollcheck.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The values a write can give an atom, against the value the skip needs. */
class StateJudgeValuesTest {

    @Test
    void aBoundIsCheckedAgainstTheConstantWritten() {
        // if (dev->interface < 0) return EPOLLERR | EPOLLHUP;: -1 keeps the skip, 0 or an unknown value leaves it.
        assertTrue(StateJudge.reaches("-1", "<0"));
        assertFalse(StateJudge.movesAway("-1", "<0"));
        assertTrue(StateJudge.movesAway("0", "<0"));
        assertTrue(StateJudge.movesAway(null, "<0"));
        assertFalse(StateJudge.reaches("3", "<=2"));
        assertTrue(StateJudge.reaches("2", "<=2"));
    }

    @Test
    void aCounterComparedWithAnotherStateMovesOneWay() {
        // The skip needs the left side lower: ++ cannot bring it there, -- can; a constant may.
        assertFalse(StateJudge.reaches("+", "down"));
        assertTrue(StateJudge.reaches("-", "down"));
        assertTrue(StateJudge.reaches("5", "down"));
        assertTrue(StateJudge.movesAway("+", "down"));
        assertFalse(StateJudge.movesAway("-", "down"));
        assertFalse(StateJudge.reaches("-", "up"));
        assertFalse(StateJudge.movesAway("+", "up"));
    }

    @Test
    void aCountStepAgainstAZeroTest() {
        // Counts do not go below zero: ++ takes a zero count to nonzero, -- a nonzero count to zero.
        assertTrue(StateJudge.reaches("-", "0"));
        assertFalse(StateJudge.reaches("+", "0"));
        assertTrue(StateJudge.reaches("+", "nonzero"));
        assertFalse(StateJudge.reaches("-", "nonzero"));
        assertTrue(StateJudge.movesAway("+", "0"));
        assertFalse(StateJudge.movesAway("-", "0"));
        assertTrue(StateJudge.movesAway("-", "nonzero"));
        assertFalse(StateJudge.movesAway("+", "nonzero"));
        // A list or an unknown value keeps its old reading.
        assertTrue(StateJudge.reaches("+", "empty"));
        assertTrue(StateJudge.reaches("?", "0"));
    }

    @Test
    void anEnumeratorSkipAndItsNegation() {
        assertTrue(StateJudge.reaches("FOO_CLOSED", "FOO_CLOSED"));
        assertFalse(StateJudge.reaches("FOO_OPEN", "FOO_CLOSED"));
        assertTrue(StateJudge.movesAway("FOO_OPEN", "FOO_CLOSED"));
        assertTrue(StateJudge.movesAway("FOO_CLOSED", "!FOO_CLOSED"));
        assertFalse(StateJudge.movesAway("FOO_OPEN", "!FOO_CLOSED"));
    }

    @Test
    void aSetOfEnumeratorsFromTestsJoined() {
        // return q->state == INIT || q->state == STARTED; skipping when false: any value but those two.
        assertEquals("!INIT|STARTED", StateJudge.combine("!INIT", "!STARTED", true));
        // x == A || x == B skipping when true: A or B.
        assertEquals("A|B", StateJudge.combine("A", "B", false));
        assertEquals("A", StateJudge.combine("A|B", "!B", true));
        assertEquals("!A", StateJudge.combine("!A|B", "B", false));
        assertNull(StateJudge.combine("A", "B", true), "nothing skips: the first test stands");
        assertNull(StateJudge.combine("!A", "!B", false), "everything skips: the first test stands");
        assertNull(StateJudge.combine("0", "A", true), "zero is no enumerator set");
        assertTrue(StateJudge.reaches("ZOMBIE", "!INIT|STARTED"));
        assertFalse(StateJudge.reaches("INIT", "!INIT|STARTED"));
        assertTrue(StateJudge.movesAway("STARTED", "!INIT|STARTED"));
        assertFalse(StateJudge.movesAway("ZOMBIE", "!INIT|STARTED"));
    }

    @Test
    void aGuardedWriteRunsOnlyAtTheValuesItsGuardLetsThrough() {
        Write stop = new Write("state", null, "q->state", "=", "INIT", "stop", Origin.UNKNOWN, "f.c", 1, java.util.List.of(),
                java.util.Set.of("STARTED"));
        assertFalse(StateJudge.runsAt(stop, "!INIT|STARTED"), "STARTED is no skipping value");
        assertTrue(StateJudge.runsAt(stop, "!INIT"), "STARTED skips when only INIT registers");
        assertTrue(StateJudge.runsAt(stop, "STARTED|ZOMBIE"));
        assertFalse(StateJudge.runsAt(stop, "ZOMBIE"));
    }
}
