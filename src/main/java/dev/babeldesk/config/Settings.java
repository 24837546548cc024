package dev.babeldesk.config;

import dev.babeldesk.retrieval.EmbeddingModelSpec;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Locale;

/** Every key the configuration accepts. Adding a key here is the only way to add one. */
public final class Settings {
    private Settings() {}

    public static final Setting<String> HOST = new Setting<>("server.host", "0.0.0.0",
            "Interface the HTTP server binds to", Settings::nonBlank);
    public static final Setting<Integer> PORT = new Setting<>("server.port", "8080",
            "HTTP port (0 picks a free port)", s -> intBetween(s, 0, 65535));
    public static final Setting<List<String>> TRUSTED_PROXIES = new Setting<>("server.trusted-proxies", "",
            "IP addresses of reverse proxies in front of the server (comma-separated); only their X-Forwarded-For and "
                    + "X-Forwarded-Proto are believed (login throttling per client address, Secure session cookie)",
            Settings::ipAddresses);
    public static final Setting<Path> KNOWLEDGE_PATH = new Setting<>("knowledge.path", "knowledge-base",
            "Folder of the knowledge base (`<lang>/<id>.md`)", s -> Path.of(nonBlank(s)));
    public static final Setting<String> DEFAULT_LANGUAGE = new Setting<>("knowledge.default-language", "en",
            "Language used when a message's language cannot be told or an answer lacks a translation",
            Settings::languageTag);
    public static final Setting<Double> ANSWER_THRESHOLD = new Setting<>("answering.answer-threshold", "0.87",
            "Answer directly when the best entry is at least this probably the right one (else offer choices)",
            s -> doubleBetween(s, 0, 1));
    public static final Setting<Double> ANSWER_SCOPE_THRESHOLD = new Setting<>("answering.answer-scope-threshold", "0.40",
            "A direct answer also needs the probability that the base can answer the question to be at least this "
                    + "(between the hand-off threshold and this, the bot offers choices)",
            s -> doubleBetween(s, 0, 1));
    public static final Setting<Double> HANDOFF_THRESHOLD = new Setting<>("answering.handoff-threshold", "0.25",
            "Hand off to a person when the probability that the base can answer the question is below this",
            s -> doubleBetween(s, 0, 1));
    public static final Setting<Map<String, String>> EMBEDDING_MODELS = new Setting<>("retrieval.embedding-models",
            "*=all-minilm-l6-v2-q,zh=bge-small-zh-v15-q,it=bge-small-en-v15-q,ar=none,ja=none,tr=none",
            "Sentence-embedding model per language (`*` for all others): a built-in (`all-minilm-l6-v2-q`, "
                    + "`bge-small-en-v15-q`, `bge-small-zh-v15-q`), `none`, or a path to an ONNX model with "
                    + "`tokenizer.json` beside it (`#cls` / `#mean` picks the pooling)", Settings::languageMap);
    public static final Setting<Double> LEXICAL_WEIGHT = new Setting<>("retrieval.lexical-weight", "2.5",
            "Weight of the lexical (BM25) score added to the embedding classifier's standardised score",
            s -> doubleBetween(s, 0, 20));
    public static final Setting<Path> CACHE_DIR = new Setting<>("retrieval.cache-dir", "data/cache",
            "Where vectors of knowledge-base texts are cached between restarts", s -> Path.of(nonBlank(s)));
    public static final Setting<String> DATABASE = new Setting<>("storage.database", "data/babeldesk.db",
            "Where conversations are stored: a file path (embedded SQLite) or a jdbc: URL", Settings::nonBlank);
    public static final Setting<List<String>> ALLOWED_ORIGINS = new Setting<>("chat.allowed-origins", "",
            "Shop origins allowed to embed the widget, comma-separated (`https://shop.example`); the server's own origin is always allowed",
            Settings::origins);
    public static final Setting<String> IDENTITY_SECRET = new Setting<>("chat.identity-secret", "",
            "Shared secret with which the shop's backend signs logged-in shoppers (HMAC-SHA256); empty: no shopper is verified",
            s -> s);
    public static final Setting<Integer> RATE_LIMIT = new Setting<>("chat.rate-limit", "20",
            "Shopper frames (messages, choices, feedback, requests for a person) accepted per connection in 10 seconds; read reports have as many of their own", s -> intBetween(s, 1, 10_000));
    public static final Setting<Integer> SESSION_HOURS = new Setting<>("agents.session-hours", "12",
            "How long an agent's login lasts", s -> intBetween(s, 1, 24 * 30));
    public static final Setting<Integer> GRACE_SECONDS = new Setting<>("agents.grace-seconds", "60",
            "After an agent's last console disconnects, their conversations go back to the queue after this many seconds",
            s -> intBetween(s, 0, 3600));
    public static final Setting<Integer> OVERDUE_MINUTES = new Setting<>("agents.overdue-minutes", "5",
            "A conversation waiting longer than this is flagged overdue in the queue", s -> intBetween(s, 1, 24 * 60));
    public static final Setting<String> BUSINESS_HOURS = new Setting<>("agents.business-hours", "",
            "When people answer, e.g. `mon-fri 09:00-18:00 Europe/Berlin`; outside, a hand-off becomes an offline ticket. Empty: always",
            Settings::businessHours);
    public static final Setting<Integer> MAX_MESSAGE_CHARS = new Setting<>("chat.max-message-chars", "2000",
            "Longest shopper message accepted, in characters", s -> intBetween(s, 1, 100_000));
    public static final Setting<Integer> MAX_PHOTO_KB = new Setting<>("chat.max-photo-kb", "5120",
            "Largest picture a shopper may send, in KB (the widget shrinks photos to 1600 pixels first, usually to 100-400 KB); 0: no pictures",
            s -> intBetween(s, 0, 51_200));
    public static final Setting<String> METRICS_TOKEN = new Setting<>("metrics.token", "",
            "Bearer token a metrics scraper (Prometheus) sends to `GET /metrics`; empty: the endpoint is off",
            Settings::metricsToken);
    public static final Setting<Integer> RETENTION_DAYS = new Setting<>("privacy.retention-days", "0",
            "Conversations nobody is working on (with the bot, or closed) are erased this many days after their last message; 0: kept for ever",
            s -> intBetween(s, 0, 36_500));

    public static final Setting<String> MAIL_SMTP_HOST = new Setting<>("mail.smtp-host", "",
            "SMTP server through which agents' replies a shopper has not read are emailed to them (to the address they "
                    + "gave); empty: no email is sent", s -> s);
    public static final Setting<Integer> MAIL_SMTP_PORT = new Setting<>("mail.smtp-port", "587",
            "Port of the SMTP server", s -> intBetween(s, 1, 65535));
    public static final Setting<String> MAIL_SMTP_SECURITY = new Setting<>("mail.smtp-security", "starttls",
            "`starttls` (required, port 587), `tls` (port 465) or `none` (a relay on the same machine only)",
            s -> oneOf(s, "starttls", "tls", "none"));
    public static final Setting<String> MAIL_SMTP_USER = new Setting<>("mail.smtp-user", "",
            "User name for the SMTP server; empty: no login", s -> s);
    public static final Setting<String> MAIL_SMTP_PASSWORD = new Setting<>("mail.smtp-password", "",
            "Password for the SMTP server (better given in the environment than in the file)", s -> s);
    public static final Setting<String> MAIL_FROM = new Setting<>("mail.from", "",
            "Sender of the emails, e.g. `Shop support <support@shop.example>`; required with `mail.smtp-host`",
            s -> s.isEmpty() ? s : mailAddress(s));
    public static final Setting<String> MAIL_REPLY_TO = new Setting<>("mail.reply-to", "",
            "Where a shopper's answer to such an email goes (the shop's support inbox); empty: the email asks them to "
                    + "come back to the chat instead", s -> s.isEmpty() ? s : mailAddress(s));
    public static final Setting<String> MAIL_IMAP_HOST = new Setting<>("mail.imap-host", "",
            "IMAP server of the `mail.reply-to` mailbox: shoppers' answers to the emails are read from it back into their "
                    + "conversations; empty: they stay in the mailbox", s -> s);
    public static final Setting<Integer> MAIL_IMAP_PORT = new Setting<>("mail.imap-port", "993",
            "Port of the IMAP server", s -> intBetween(s, 1, 65535));
    public static final Setting<String> MAIL_IMAP_SECURITY = new Setting<>("mail.imap-security", "tls",
            "`tls` (port 993), `starttls` (required, port 143) or `none` (a server on the same machine only)",
            s -> oneOf(s, "tls", "starttls", "none"));
    public static final Setting<String> MAIL_IMAP_USER = new Setting<>("mail.imap-user", "",
            "User name for the IMAP server", s -> s);
    public static final Setting<String> MAIL_IMAP_PASSWORD = new Setting<>("mail.imap-password", "",
            "Password for the IMAP server (better given in the environment than in the file)", s -> s);
    public static final Setting<String> MAIL_IMAP_FOLDER = new Setting<>("mail.imap-folder", "INBOX",
            "Folder the answers arrive in", Settings::nonBlank);
    public static final Setting<Integer> MAIL_DELAY_MINUTES = new Setting<>("mail.delay-minutes", "5",
            "An agent's reply is emailed when the shopper has not read it in the chat this many minutes after it was sent",
            s -> intBetween(s, 0, 24 * 60));

    public static final List<Setting<?>> ALL = List.of(
            HOST, PORT, TRUSTED_PROXIES, KNOWLEDGE_PATH, DEFAULT_LANGUAGE, ANSWER_THRESHOLD, ANSWER_SCOPE_THRESHOLD, HANDOFF_THRESHOLD,
            EMBEDDING_MODELS, LEXICAL_WEIGHT, CACHE_DIR, DATABASE, ALLOWED_ORIGINS, IDENTITY_SECRET, RATE_LIMIT, SESSION_HOURS, GRACE_SECONDS, OVERDUE_MINUTES, BUSINESS_HOURS,
            MAX_MESSAGE_CHARS, MAX_PHOTO_KB, METRICS_TOKEN, RETENTION_DAYS, MAIL_SMTP_HOST, MAIL_SMTP_PORT, MAIL_SMTP_SECURITY, MAIL_SMTP_USER,
            MAIL_SMTP_PASSWORD, MAIL_FROM, MAIL_REPLY_TO, MAIL_DELAY_MINUTES, MAIL_IMAP_HOST, MAIL_IMAP_PORT, MAIL_IMAP_SECURITY,
            MAIL_IMAP_USER, MAIL_IMAP_PASSWORD, MAIL_IMAP_FOLDER);

    /** Settings whose value is a mapping (in YAML a nested block; in the environment {@code k=v,k=v}). */
    static boolean isMap(String key) {
        return key.equals(EMBEDDING_MODELS.key());
    }

    /** {@code en=x,zh=y} with language tags (or {@code *}) as keys; each value checked as a model. */
    static Map<String, String> languageMap(String s) {
        Map<String, String> map = new LinkedHashMap<>();
        if (s.isBlank()) return map;
        for (String pair : s.split(",")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("'" + pair.strip() + "' is not language=model");
            String lang = pair.substring(0, eq).strip();
            String model = pair.substring(eq + 1).strip();
            if (!lang.equals("*")) languageTag(lang);
            try {
                EmbeddingModelSpec.parse(model);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("for " + lang + ": " + e.getMessage());
            }
            map.put(lang, model);
        }
        return Map.copyOf(map);
    }

    static List<String> origins(String s) {
        List<String> out = new java.util.ArrayList<>();
        for (String part : s.split(",")) {
            String origin = part.strip();
            if (origin.isEmpty()) continue;
            if (!origin.matches("https?://[^/\\s]+")) {
                throw new IllegalArgumentException("'" + origin + "' is not an origin like https://shop.example (scheme and host, no path)");
            }
            out.add(origin.toLowerCase(java.util.Locale.ROOT));
        }
        return List.copyOf(out);
    }

    /** IP literals only: a host name would need a lookup, and its answer could change under the server. */
    static List<String> ipAddresses(String s) {
        List<String> out = new java.util.ArrayList<>();
        for (String part : s.split(",")) {
            String address = part.strip();
            if (address.isEmpty()) continue;
            if (!isIpLiteral(address)) {
                throw new IllegalArgumentException("'" + address + "' is not an IP address such as 127.0.0.1 or ::1");
            }
            out.add(address);
        }
        return List.copyOf(out);
    }

    static String businessHours(String s) {
        if (!s.isBlank()) dev.babeldesk.handoff.BusinessHours.parse(s);
        return s.strip();
    }

    /** An IPv4 or IPv6 address written out (no host name). */
    public static boolean isIpLiteral(String address) {
        return address.matches("\\d{1,3}(\\.\\d{1,3}){3}") || address.contains(":") && address.matches("[0-9A-Fa-f:.]+");
    }

    /** A guessable token would hand the server's internals to anyone: at least 16 characters, no spaces. */
    static String metricsToken(String s) {
        if (s.isEmpty()) return s;
        if (s.length() < 16 || !s.matches("[\\x21-\\x7e]+")) {
            throw new IllegalArgumentException("must be empty (off) or at least 16 printable characters without spaces");
        }
        return s;
    }

    static String oneOf(String s, String... allowed) {
        String value = s.toLowerCase(Locale.ROOT);
        if (!List.of(allowed).contains(value)) throw new IllegalArgumentException("'" + s + "' is not one of " + List.of(allowed));
        return value;
    }

    /** One address, with or without a display name, checked as RFC 822 (no header can be smuggled in). */
    static String mailAddress(String s) {
        try {
            new jakarta.mail.internet.InternetAddress(s, true);
        } catch (jakarta.mail.internet.AddressException e) {
            throw new IllegalArgumentException("'" + s + "' is not an email address such as support@shop.example or "
                    + "\"Shop support <support@shop.example>\"");
        }
        return s;
    }

    static String nonBlank(String s) {
        if (s.isBlank()) throw new IllegalArgumentException("must not be empty");
        return s;
    }

    static int intBetween(String s, int min, int max) {
        int value;
        try {
            value = Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + s + "' is not a whole number");
        }
        if (value < min || value > max) throw new IllegalArgumentException(value + " is not between " + min + " and " + max);
        return value;
    }

    static double doubleBetween(String s, double min, double max) {
        double value;
        try {
            value = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + s + "' is not a number");
        }
        if (!(value >= min && value <= max)) throw new IllegalArgumentException(s + " is not between " + min + " and " + max);
        return value;
    }

    static String languageTag(String s) {
        Locale locale = Locale.forLanguageTag(nonBlank(s));
        if (locale.getLanguage().isEmpty() || !locale.toLanguageTag().equalsIgnoreCase(s)) {
            throw new IllegalArgumentException("'" + s + "' is not a BCP 47 language tag such as en or pt-BR");
        }
        return locale.toLanguageTag();
    }

}
