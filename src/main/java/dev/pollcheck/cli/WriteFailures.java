package dev.pollcheck.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Write errors on the report (exit 3), told apart from a reader that quit. {@link java.io.PrintWriter}
 * and {@link java.io.PrintStream} swallow what they meet; a {@link Recorder} under them keeps it.
 */
final class WriteFailures {

    private WriteFailures() {
    }

    /** Passes bytes on and keeps the first failure (then still throws it, for the writer above). */
    static final class Recorder extends FilterOutputStream {
        private volatile IOException failure;

        Recorder(OutputStream out) {
            super(out);
        }

        IOException failure() {
            return failure;
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                throw keep(e);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw keep(e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                throw keep(e);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                out.close();
            } catch (IOException e) {
                throw keep(e);
            }
        }

        private IOException keep(IOException e) {
            if (failure == null) failure = e;
            return e;
        }
    }

    /** The report could not be written where it was asked to go. */
    static final class Failed extends RuntimeException {
        Failed(String message, IOException cause) {
            super(message, cause);
        }

        @Override
        public synchronized IOException getCause() {
            return (IOException) super.getCause();
        }
    }

    /** EPIPE: the reading end went away ({@code pollcheck ... | head}), which is no failure of the run. */
    static boolean readerQuit(IOException e) {
        return e != null && e.getMessage() != null && e.getMessage().contains("Broken pipe");
    }

    static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
