package dev.babeldesk.config;

import java.nio.file.Path;

/** The checked configuration the application is wired from. */
public record Config(
        String host,
        int port,
        Path knowledgePath,
        String defaultLanguage,
        double answerThreshold,
        double handoffThreshold,
        int maxMessageChars) {

    public Config {
        if (handoffThreshold > answerThreshold) {
            throw new ConfigException(java.util.List.of(Settings.HANDOFF_THRESHOLD.key() + " (" + handoffThreshold
                    + ") must not be above " + Settings.ANSWER_THRESHOLD.key() + " (" + answerThreshold + ")"));
        }
    }

    /** All defaults, as if no file and no environment variable were given. */
    public static Config defaults() {
        return ConfigLoader.load(null, java.util.Map.of());
    }

    public Config withKnowledgePath(Path path) {
        return new Config(host, port, path, defaultLanguage, answerThreshold, handoffThreshold, maxMessageChars);
    }

    public Config withThresholds(double answer, double handoff) {
        return new Config(host, port, knowledgePath, defaultLanguage, answer, handoff, maxMessageChars);
    }

    public Config withPort(int newPort) {
        return new Config(host, newPort, knowledgePath, defaultLanguage, answerThreshold, handoffThreshold, maxMessageChars);
    }
}
