package dev.babeldesk.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The checked configuration the application is wired from. */
public record Config(
        String host,
        int port,
        List<String> trustedProxies,
        Path knowledgePath,
        String defaultLanguage,
        double answerThreshold,
        double answerScopeThreshold,
        double handoffThreshold,
        Map<String, String> embeddingModels,
        double lexicalWeight,
        Path cacheDir,
        String database,
        List<String> allowedOrigins,
        String identitySecret,
        int rateLimit,
        int sessionHours,
        int graceSeconds,
        int overdueMinutes,
        String businessHours,
        int maxMessageChars,
        int maxPhotoKb,
        String metricsToken,
        int retentionDays,
        MailSettings mail) {

    /** All defaults, as if no file and no environment variable were given. */
    public static Config defaults() {
        return ConfigLoader.load(null, java.util.Map.of());
    }

    public Config withKnowledgePath(Path path) {
        return new Config(host, port, trustedProxies, path, defaultLanguage, answerThreshold, answerScopeThreshold, handoffThreshold, embeddingModels,
                lexicalWeight, cacheDir, database, allowedOrigins, identitySecret, rateLimit, sessionHours, graceSeconds, overdueMinutes, businessHours, maxMessageChars, maxPhotoKb, metricsToken, retentionDays, mail);
    }

    public Config withThresholds(double answer, double answerScope, double handoff) {
        return new Config(host, port, trustedProxies, knowledgePath, defaultLanguage, answer, answerScope, handoff, embeddingModels,
                lexicalWeight, cacheDir, database, allowedOrigins, identitySecret, rateLimit, sessionHours, graceSeconds, overdueMinutes, businessHours, maxMessageChars, maxPhotoKb, metricsToken, retentionDays, mail);
    }

    public Config withDatabase(String newDatabase) {
        return new Config(host, port, trustedProxies, knowledgePath, defaultLanguage, answerThreshold, answerScopeThreshold, handoffThreshold, embeddingModels,
                lexicalWeight, cacheDir, newDatabase, allowedOrigins, identitySecret, rateLimit, sessionHours, graceSeconds, overdueMinutes, businessHours, maxMessageChars, maxPhotoKb, metricsToken, retentionDays, mail);
    }

    public Config withPort(int newPort) {
        return new Config(host, newPort, trustedProxies, knowledgePath, defaultLanguage, answerThreshold, answerScopeThreshold, handoffThreshold,
                embeddingModels, lexicalWeight, cacheDir, database, allowedOrigins, identitySecret, rateLimit, sessionHours, graceSeconds, overdueMinutes, businessHours, maxMessageChars, maxPhotoKb, metricsToken, retentionDays, mail);
    }

    public Config withEmbeddingModels(Map<String, String> models, Path cache) {
        return new Config(host, port, trustedProxies, knowledgePath, defaultLanguage, answerThreshold, answerScopeThreshold, handoffThreshold, models,
                lexicalWeight, cache, database, allowedOrigins, identitySecret, rateLimit, sessionHours, graceSeconds, overdueMinutes, businessHours, maxMessageChars, maxPhotoKb, metricsToken, retentionDays, mail);
    }

    /** The model configured for a language: its own entry, else the {@code *} entry, else none. */
    public String embeddingModelFor(String language) {
        String own = embeddingModels.get(language);
        if (own == null) own = embeddingModels.get(dev.babeldesk.knowledge.LanguageTags.primary(language));
        return own != null ? own : embeddingModels.getOrDefault("*", "none");
    }
}
