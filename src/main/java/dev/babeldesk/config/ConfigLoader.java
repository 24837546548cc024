package dev.babeldesk.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the optional YAML file, then lets environment variables override single keys.
 * Collects every problem before failing, so an operator fixes them all in one go.
 */
public final class ConfigLoader {
    private ConfigLoader() {}

    public static Config load(Path file, Map<String, String> environment) {
        List<String> problems = new ArrayList<>();
        Map<String, String> raw = new LinkedHashMap<>();
        for (Setting<?> s : Settings.ALL) raw.put(s.key(), s.defaultValue());

        if (file != null) readFile(file, raw, problems);
        for (Setting<?> s : Settings.ALL) {
            String value = environment.get(s.environmentVariable());
            if (value != null) raw.put(s.key(), value);
        }
        for (String name : environment.keySet()) {
            // BABELDESK_CONFIG names the file; BABELDESK_JAVA_* are the launcher's, BABELDESK_TEST_* the tests'.
            if (name.startsWith("BABELDESK_") && !name.equals("BABELDESK_CONFIG") && !name.startsWith("BABELDESK_JAVA")
                    && !name.startsWith("BABELDESK_TEST_")
                    && Settings.ALL.stream().noneMatch(s -> s.environmentVariable().equals(name))) {
                problems.add(name + ": unknown environment variable (known: "
                        + Settings.ALL.stream().map(Setting::environmentVariable).toList() + ")");
            }
        }

        Map<Setting<?>, Object> values = new HashMap<>();
        for (Setting<?> s : Settings.ALL) {
            try {
                values.put(s, s.parse(raw.get(s.key())));
            } catch (IllegalArgumentException e) {
                problems.add(s.key() + " (" + s.environmentVariable() + "): " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) throw new ConfigException(problems);
        if (!((String) values.get(Settings.MAIL_SMTP_HOST)).isBlank() && ((String) values.get(Settings.MAIL_FROM)).isEmpty()) {
            throw new ConfigException(List.of(Settings.MAIL_FROM.key() + " (" + Settings.MAIL_FROM.environmentVariable()
                    + "): must be set when " + Settings.MAIL_SMTP_HOST.key() + " is (the emails need a sender)"));
        }
        if (!((String) values.get(Settings.MAIL_IMAP_HOST)).isBlank() && (((String) values.get(Settings.MAIL_SMTP_HOST)).isBlank()
                || ((String) values.get(Settings.MAIL_REPLY_TO)).isEmpty())) {
            throw new ConfigException(List.of(Settings.MAIL_IMAP_HOST.key() + " (" + Settings.MAIL_IMAP_HOST.environmentVariable()
                    + "): needs " + Settings.MAIL_SMTP_HOST.key() + " and " + Settings.MAIL_REPLY_TO.key()
                    + " (the answers read back are to the emails sent, and go to the reply-to mailbox)"));
        }
        return new Config(
                (String) values.get(Settings.HOST),
                (Integer) values.get(Settings.PORT),
                castList(values.get(Settings.TRUSTED_PROXIES)),
                (Path) values.get(Settings.KNOWLEDGE_PATH),
                (String) values.get(Settings.DEFAULT_LANGUAGE),
                (Double) values.get(Settings.ANSWER_THRESHOLD),
                (Double) values.get(Settings.ANSWER_SCOPE_THRESHOLD),
                (Double) values.get(Settings.HANDOFF_THRESHOLD),
                castMap(values.get(Settings.EMBEDDING_MODELS)),
                (Double) values.get(Settings.LEXICAL_WEIGHT),
                (Path) values.get(Settings.CACHE_DIR),
                (String) values.get(Settings.DATABASE),
                castList(values.get(Settings.ALLOWED_ORIGINS)),
                (String) values.get(Settings.IDENTITY_SECRET),
                (Integer) values.get(Settings.RATE_LIMIT),
                (Integer) values.get(Settings.SESSION_HOURS),
                (Integer) values.get(Settings.GRACE_SECONDS),
                (Integer) values.get(Settings.OVERDUE_MINUTES),
                (String) values.get(Settings.BUSINESS_HOURS),
                (Integer) values.get(Settings.MAX_MESSAGE_CHARS),
                (Integer) values.get(Settings.MAX_PHOTO_KB),
                (String) values.get(Settings.METRICS_TOKEN),
                (Integer) values.get(Settings.RETENTION_DAYS),
                new MailSettings(
                        ((String) values.get(Settings.MAIL_SMTP_HOST)).strip(),
                        (Integer) values.get(Settings.MAIL_SMTP_PORT),
                        (String) values.get(Settings.MAIL_SMTP_SECURITY),
                        (String) values.get(Settings.MAIL_SMTP_USER),
                        (String) values.get(Settings.MAIL_SMTP_PASSWORD),
                        (String) values.get(Settings.MAIL_FROM),
                        (String) values.get(Settings.MAIL_REPLY_TO),
                        (Integer) values.get(Settings.MAIL_DELAY_MINUTES),
                        new MailSettings.Imap(((String) values.get(Settings.MAIL_IMAP_HOST)).strip(),
                                (Integer) values.get(Settings.MAIL_IMAP_PORT),
                                (String) values.get(Settings.MAIL_IMAP_SECURITY),
                                (String) values.get(Settings.MAIL_IMAP_USER),
                                (String) values.get(Settings.MAIL_IMAP_PASSWORD),
                                ((String) values.get(Settings.MAIL_IMAP_FOLDER)).strip())));
    }

    @SuppressWarnings("unchecked")
    private static List<String> castList(Object value) {
        return (List<String>) value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> castMap(Object value) {
        return (Map<String, String>) value;
    }

    private static void readFile(Path file, Map<String, String> raw, List<String> problems) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
        } catch (JacksonException e) {
            problems.add(file + " line " + e.getLocation().getLineNr() + ": not valid YAML: " + e.getOriginalMessage());
            return;
        } catch (IOException e) {
            problems.add(file + ": cannot be read: " + e.getMessage());
            return;
        }
        if (root == null || root.isMissingNode() || root.isNull()) return;
        if (!root.isObject()) {
            problems.add(file + ": expected a mapping of settings at the top level");
            return;
        }
        flatten("", root, raw, problems);
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> raw, List<String> problems) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            JsonNode value = field.getValue();
            if (value.isObject() && Settings.isMap(key)) {
                List<String> pairs = new ArrayList<>();
                value.fields().forEachRemaining(f -> pairs.add(f.getKey() + "=" + f.getValue().asText()));
                raw.put(key, String.join(",", pairs));
            } else if (value.isObject()) {
                flatten(key, value, raw, problems);
            } else if (!raw.containsKey(key)) {
                problems.add(key + ": unknown key (known keys: " + String.join(", ", raw.keySet()) + ")");
            } else if (value.isContainerNode() || value.isNull()) {
                problems.add(key + ": expected a single value");
            } else {
                raw.put(key, value.asText());
            }
        }
    }
}
