package dev.babeldesk.knowledge;

import java.nio.file.Path;

/** Something wrong in a knowledge-base file, located so an editor can go straight to it. */
public record Problem(Severity severity, Path file, int line, String message) {

    public enum Severity { ERROR, WARNING }

    public static Problem error(Path file, int line, String message) {
        return new Problem(Severity.ERROR, file, line, message);
    }

    public static Problem warning(Path file, int line, String message) {
        return new Problem(Severity.WARNING, file, line, message);
    }

    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + severity.name().toLowerCase(java.util.Locale.ROOT) + ": " + message;
    }
}
