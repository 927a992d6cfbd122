package dev.pollcheck.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pollcheck.model.ParseProblem;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Found by fuzzing: a literal continued by backslash-newline was reported at a negative column. */
class PreprocessorLiteralPositionTest {

    private static ParseProblem only(String text) {
        Preprocessed p = Preprocessor.run(SourceFile.of("lit.c", text), Defines.defaults());
        List<ParseProblem> literal = p.problems().stream().filter(x -> x.message().startsWith("unterminated")).toList();
        assertEquals(1, literal.size(), p.problems().toString());
        return literal.get(0);
    }

    @Test
    void unterminatedStringAfterASpliceIsReportedWhereItStarts() {
        ParseProblem p = only("int a;\n  char *s = \"abc\\\ndef;\nint b;\n");
        assertEquals(2, p.line());
        assertEquals(13, p.column());
        assertEquals("unterminated string literal", p.message());
    }

    @Test
    void unterminatedCharAfterTwoSplicesKeepsItsColumn() {
        ParseProblem p = only("x = 'a\\\r\n\\\nb\n");
        assertEquals(1, p.line());
        assertEquals(5, p.column());
    }
}
