package dev.pollcheck.parse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the iterator macros a kernel tree lists under {@code ForEachMacros:} in its {@code .clang-format}. */
public final class ForEachMacros {
    private static final Pattern ITEM = Pattern.compile("^\\s*-\\s*'([A-Za-z_][A-Za-z0-9_]*)'\\s*$");

    private ForEachMacros() {
    }

    /** The listed names, in file order; an empty set when the file is missing or has no such list. */
    public static Set<String> fromClangFormat(Path clangFormat) {
        List<String> lines;
        try {
            lines = Files.readAllLines(clangFormat, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return Set.of();
        }
        return parse(lines);
    }

    static Set<String> parse(List<String> lines) {
        Set<String> out = new LinkedHashSet<>();
        boolean inList = false;
        for (String line : lines) {
            if (!inList) {
                inList = line.startsWith("ForEachMacros:");
                continue;
            }
            if (line.isBlank() || line.trim().startsWith("#")) {
                continue;
            }
            Matcher m = ITEM.matcher(line);
            if (!m.matches()) {
                break;
            }
            out.add(m.group(1));
        }
        return out;
    }
}
