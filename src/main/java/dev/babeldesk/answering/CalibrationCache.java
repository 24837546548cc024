package dev.babeldesk.answering;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.babeldesk.knowledge.Entry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The calibration examples of one language on disk, keyed by everything they depend on (the
 * language's entries, the embedding model, the lexical weight, the method's version), so a
 * restart with an unchanged language skips the cross-validation.
 */
final class CalibrationCache {
    private static final Logger LOG = LoggerFactory.getLogger(CalibrationCache.class);
    /** Bump when the features or the way examples are made change. */
    static final String VERSION = "calibration-v7";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;

    CalibrationCache(Path directory) {
        this.directory = directory;
    }

    /** The stored form: plain arrays, one row per example. */
    record Stored(List<double[]> scope, List<Boolean> scopeLabels, List<double[]> choice, List<Boolean> choiceLabels) {}

    static String key(String language, List<Entry> entries, String modelId, double lexicalWeight) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            update(digest, VERSION, language, modelId, Double.toString(lexicalWeight));
            for (Entry e : entries.stream().sorted(Comparator.comparing(Entry::id)).toList()) {
                update(digest, e.id(), e.title(), String.join("\u0001", e.questions()), e.markdown(),
                        String.join("\u0001", e.learned()));
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void update(MessageDigest digest, String... parts) {
        for (String p : parts) {
            digest.update(String.valueOf(p).getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
        }
    }

    Optional<ConfidenceCalibrator.Samples> read(String language, String key) {
        if (directory == null) return Optional.empty();
        Path file = file(language, key);
        if (!Files.exists(file)) return Optional.empty();
        try {
            Stored stored = JSON.readValue(file.toFile(), Stored.class);
            // Examples made by another version of the features (a forgotten VERSION bump) must not be fitted.
            if (stored.scope().stream().anyMatch(f -> f.length != ConfidenceModel.SCOPE_FEATURES)
                    || stored.choice().stream().anyMatch(f -> f.length != ConfidenceModel.CHOICE_FEATURES)) {
                LOG.warn("calibration cache {} holds other features; recalibrating", file);
                return Optional.empty();
            }
            ConfidenceCalibrator.Samples samples = new ConfidenceCalibrator.Samples();
            for (int i = 0; i < stored.scope().size(); i++) {
                samples.scope().add(new LogisticModel.Sample(stored.scope().get(i), stored.scopeLabels().get(i)));
            }
            for (int i = 0; i < stored.choice().size(); i++) {
                samples.choice().add(new LogisticModel.Sample(stored.choice().get(i), stored.choiceLabels().get(i)));
            }
            return Optional.of(samples);
        } catch (IOException | RuntimeException e) {
            LOG.warn("calibration cache {} unreadable ({}); recalibrating", file, e.toString());
            return Optional.empty();
        }
    }

    void write(String language, String key, ConfidenceCalibrator.Samples samples) {
        if (directory == null) return;
        Stored stored = new Stored(
                samples.scope().stream().map(LogisticModel.Sample::features).toList(),
                samples.scope().stream().map(LogisticModel.Sample::right).toList(),
                samples.choice().stream().map(LogisticModel.Sample::features).toList(),
                samples.choice().stream().map(LogisticModel.Sample::right).toList());
        try {
            Files.createDirectories(directory);
            Path file = file(language, key);
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writeValue(temporary.toFile(), stored);
            Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("calibration cache cannot be written in {} ({}); it will be recomputed at the next start",
                    directory, e.toString());
        }
    }

    private Path file(String language, String key) {
        return directory.resolve("calibration-" + language + "-" + key + ".json");
    }
}
