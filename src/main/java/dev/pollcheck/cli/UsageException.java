package dev.pollcheck.cli;

/** A bad option value or unreadable input found after parsing: reported as a usage error, exit 2. */
final class UsageException extends Exception {
    UsageException(String message) {
        super(message);
    }
}
