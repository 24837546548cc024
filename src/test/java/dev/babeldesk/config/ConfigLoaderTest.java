package dev.babeldesk.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private Path yaml(String text) throws IOException {
        Path file = dir.resolve("babeldesk.yaml");
        Files.writeString(file, text);
        return file;
    }

    private static ConfigException rejected(Path file, Map<String, String> environment) {
        return assertThrows(ConfigException.class, () -> ConfigLoader.load(file, environment));
    }

    /** The single problem that starts with {@code key}, failing with the whole list otherwise. */
    private static String problemAbout(ConfigException e, String key) {
        List<String> matching = e.problems().stream().filter(p -> p.startsWith(key)).toList();
        assertEquals(1, matching.size(), () -> "expected one problem about '" + key + "' in " + e.problems());
        return matching.get(0);
    }

    @Test
    void loads_the_documented_defaults_without_a_file_or_environment() {
        Config config = ConfigLoader.load(null, Map.of());

        assertAll(
                () -> assertEquals("0.0.0.0", config.host()),
                () -> assertEquals(8080, config.port()),
                () -> assertEquals(Path.of("knowledge-base"), config.knowledgePath()),
                () -> assertEquals("en", config.defaultLanguage()),
                () -> assertEquals(Double.parseDouble(Settings.ANSWER_THRESHOLD.defaultValue()), config.answerThreshold()),
                () -> assertEquals(Double.parseDouble(Settings.HANDOFF_THRESHOLD.defaultValue()), config.handoffThreshold()),
                () -> assertEquals(2000, config.maxMessageChars()));
        assertEquals(config, Config.defaults());
    }

    @Test
    void a_yaml_file_overrides_the_defaults_of_the_keys_it_names() throws IOException {
        Path file = yaml("""
                server:
                  port: 9090
                knowledge:
                  path: /srv/kb
                  default-language: de
                answering:
                  answer-threshold: 0.85
                  handoff-threshold: 0.15
                """);

        Config config = ConfigLoader.load(file, Map.of());

        assertAll(
                () -> assertEquals(9090, config.port()),
                () -> assertEquals(Path.of("/srv/kb"), config.knowledgePath()),
                () -> assertEquals("de", config.defaultLanguage()),
                () -> assertEquals(0.85, config.answerThreshold()),
                () -> assertEquals(0.15, config.handoffThreshold()),
                () -> assertEquals("0.0.0.0", config.host(), "keys the file leaves out keep their default"),
                () -> assertEquals(2000, config.maxMessageChars(), "keys the file leaves out keep their default"));
    }

    @Test
    void an_environment_variable_overrides_the_file() throws IOException {
        Path file = yaml("""
                server:
                  port: 9090
                  host: 127.0.0.1
                """);

        Config config = ConfigLoader.load(file, Map.of("BABELDESK_SERVER_PORT", "7070", "PATH", "/usr/bin"));

        assertEquals(7070, config.port());
        assertEquals("127.0.0.1", config.host(), "the file's other keys still apply");
    }

    @Test
    void mail_is_off_by_default_and_an_smtp_server_needs_a_valid_sender_while_the_password_stays_out_of_messages() {
        assertFalse(Config.defaults().mail().enabled());
        ConfigException noSender = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(null, Map.of("BABELDESK_MAIL_SMTP_HOST", "smtp.shop.example")));
        assertTrue(noSender.getMessage().contains("mail.from"), noSender.getMessage());
        ConfigException bad = assertThrows(ConfigException.class, () -> ConfigLoader.load(null, Map.of(
                "BABELDESK_MAIL_SMTP_HOST", "smtp.shop.example", "BABELDESK_MAIL_FROM", "support@shop.example\r\nBcc: x@y.example",
                "BABELDESK_MAIL_SMTP_SECURITY", "ssl")));
        assertTrue(bad.getMessage().contains("mail.from") && bad.getMessage().contains("mail.smtp-security"), bad.getMessage());

        MailSettings mail = ConfigLoader.load(null, Map.of("BABELDESK_MAIL_SMTP_HOST", "smtp.shop.example",
                "BABELDESK_MAIL_FROM", "Shop support <support@shop.example>", "BABELDESK_MAIL_SMTP_USER", "bot",
                "BABELDESK_MAIL_SMTP_PASSWORD", "s3cret-smtp-pass", "BABELDESK_MAIL_SMTP_SECURITY", "TLS")).mail();
        assertTrue(mail.enabled());
        assertEquals("tls", mail.security());
        assertEquals(587, mail.smtpPort());
        assertFalse(mail.toString().contains("s3cret-smtp-pass"), mail.toString());
    }

    @Test
    void the_readmes_mail_block_loads_with_the_password_from_the_environment() throws IOException {
        Path file = yaml("""
                mail:
                  smtp-host: smtp.shop.example
                  smtp-port: 587
                  smtp-security: starttls
                  smtp-user: chat-bot@shop.example
                  from: "Shop support <support@shop.example>"
                  reply-to: support@shop.example
                  imap-host: imap.shop.example
                  imap-user: support@shop.example
                """);
        MailSettings mail = ConfigLoader.load(file, Map.of("BABELDESK_MAIL_SMTP_PASSWORD", "from the environment")).mail();
        assertTrue(mail.readsAnswers());
        assertEquals(new MailSettings.Imap("imap.shop.example", 993, "tls", "support@shop.example", "", "INBOX"), mail.imap());
        assertEquals("smtp.shop.example", mail.smtpHost());
        assertEquals("Shop support <support@shop.example>", mail.from());
        assertEquals("support@shop.example", mail.replyTo());
        assertEquals("from the environment", mail.password());
        assertEquals(5, mail.delayMinutes());
    }

    @Test
    void reading_answers_needs_the_emails_sent_and_their_reply_to_mailbox_and_keeps_its_password_out_of_messages() {
        assertFalse(Config.defaults().mail().readsAnswers());
        ConfigException alone = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(null, Map.of("BABELDESK_MAIL_IMAP_HOST", "imap.shop.example")));
        assertTrue(alone.getMessage().contains("mail.smtp-host") && alone.getMessage().contains("mail.reply-to"), alone.getMessage());
        ConfigException noReplyTo = assertThrows(ConfigException.class, () -> ConfigLoader.load(null, Map.of(
                "BABELDESK_MAIL_IMAP_HOST", "imap.shop.example", "BABELDESK_MAIL_SMTP_HOST", "smtp.shop.example",
                "BABELDESK_MAIL_FROM", "support@shop.example")));
        assertTrue(noReplyTo.getMessage().contains("mail.reply-to"), noReplyTo.getMessage());
        ConfigException badMode = assertThrows(ConfigException.class, () -> ConfigLoader.load(null, Map.of(
                "BABELDESK_MAIL_IMAP_SECURITY", "ssl")));
        assertTrue(badMode.getMessage().contains("mail.imap-security"), badMode.getMessage());

        MailSettings mail = ConfigLoader.load(null, Map.of("BABELDESK_MAIL_SMTP_HOST", "smtp.shop.example",
                "BABELDESK_MAIL_FROM", "support@shop.example", "BABELDESK_MAIL_REPLY_TO", "answers@shop.example",
                "BABELDESK_MAIL_IMAP_HOST", "imap.shop.example", "BABELDESK_MAIL_IMAP_SECURITY", "STARTTLS",
                "BABELDESK_MAIL_IMAP_PORT", "143", "BABELDESK_MAIL_IMAP_PASSWORD", "s3cret-imap-pass")).mail();
        assertTrue(mail.readsAnswers());
        assertEquals("starttls", mail.imap().security());
        assertEquals(143, mail.imap().port());
        assertFalse(mail.toString().contains("s3cret-imap-pass"), mail.toString());
    }

    @Test
    void trusted_proxies_are_ip_addresses_not_names() {
        assertEquals(List.of("127.0.0.1", "::1"),
                ConfigLoader.load(null, Map.of("BABELDESK_SERVER_TRUSTED_PROXIES", "127.0.0.1, ::1")).trustedProxies());
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(null, Map.of("BABELDESK_SERVER_TRUSTED_PROXIES", "proxy.internal")));
        assertTrue(e.getMessage().contains("server.trusted-proxies"), e.getMessage());
        assertEquals(List.of(), Config.defaults().trustedProxies(), "nobody's headers are believed by default");
    }

    @Test
    void a_guessable_metrics_token_is_refused_without_echoing_it() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(null, Map.of("BABELDESK_METRICS_TOKEN", "secret123")));
        assertTrue(e.getMessage().contains("metrics.token"), e.getMessage());
        assertFalse(e.getMessage().contains("secret123"), "a token is not written into logs: " + e.getMessage());
        assertThrows(ConfigException.class, () -> ConfigLoader.load(null, Map.of("BABELDESK_METRICS_TOKEN", "sixteen chars but spaces")));
        assertEquals("a-long-enough-token", ConfigLoader.load(null, Map.of("BABELDESK_METRICS_TOKEN", "a-long-enough-token")).metricsToken());
        assertEquals("", Config.defaults().metricsToken(), "off unless set");
    }

    @Test
    void an_empty_file_means_all_defaults() throws IOException {
        assertEquals(Config.defaults(), ConfigLoader.load(yaml("# nothing set yet\n"), Map.of()));
    }

    @Test
    void rejects_an_unknown_key_in_the_file_naming_it() throws IOException {
        Path file = yaml("""
                server:
                  prot: 9090
                """);

        ConfigException e = rejected(file, Map.of());

        assertEquals(1, e.problems().size(), e.problems()::toString);
        assertTrue(e.problems().get(0).startsWith("server.prot: unknown key"), e.problems().get(0));
        assertTrue(e.getMessage().contains("server.prot"), e.getMessage());
    }

    @Test
    void rejects_a_port_that_is_not_a_number_naming_the_key() throws IOException {
        ConfigException e = rejected(yaml("server:\n  port: abc\n"), Map.of());

        String problem = problemAbout(e, "server.port");
        assertTrue(problem.contains("'abc' is not a whole number"), problem);
    }

    @Test
    void rejects_a_threshold_above_one_naming_the_key() throws IOException {
        ConfigException e = rejected(yaml("answering:\n  answer-threshold: 1.5\n"), Map.of());

        String problem = problemAbout(e, "answering.answer-threshold");
        assertTrue(problem.contains("1.5 is not between 0.0 and 1.0"), problem);
    }

    @Test
    void rejects_a_default_language_that_is_not_a_language_tag_naming_the_key() throws IOException {
        ConfigException e = rejected(yaml("knowledge:\n  default-language: english!\n"), Map.of());

        String problem = problemAbout(e, "knowledge.default-language");
        assertTrue(problem.contains("'english!' is not a BCP 47 language tag"), problem);
    }

    @Test
    void rejects_a_bad_value_given_by_environment_variable_naming_the_variable() {
        ConfigException e = rejected(null, Map.of("BABELDESK_SERVER_PORT", "70000"));

        String problem = problemAbout(e, "server.port");
        assertTrue(problem.contains("BABELDESK_SERVER_PORT"), problem);
        assertTrue(problem.contains("70000 is not between 0 and 65535"), problem);
    }

    @Test
    void reports_every_problem_at_once() throws IOException {
        Path file = yaml("""
                server:
                  port: abc
                  colour: blue
                knowledge:
                  default-language: english!
                answering:
                  answer-threshold: 1.5
                """);

        ConfigException e = rejected(file, Map.of("BABELDESK_CHAT_MAX_MESSAGE_CHARS", "0"));

        assertEquals(5, e.problems().size(), e.problems()::toString);
        for (String key : List.of("server.port", "server.colour", "knowledge.default-language",
                "answering.answer-threshold", "chat.max-message-chars")) {
            problemAbout(e, key);
        }
    }

    @Test
    void rejects_an_unknown_babeldesk_environment_variable() {
        ConfigException e = rejected(null, Map.of("BABELDESK_PORT", "9090"));

        String problem = problemAbout(e, "BABELDESK_PORT");
        assertTrue(problem.startsWith("BABELDESK_PORT: unknown environment variable"), problem);
        assertTrue(problem.contains("BABELDESK_SERVER_PORT"), "lists the known variables: " + problem);
    }

    @Test
    void ignores_environment_variables_that_are_not_settings() {
        Config config = ConfigLoader.load(null, Map.of(
                "HOME", "/root", "BABELDESK_CONFIG", "/etc/babeldesk.yaml", "BABELDESK_JAVA_OPTS", "-Xmx1g"));

        assertEquals(Config.defaults(), config);
    }

    @Test
    void an_environment_variable_sets_a_threshold() {
        Config config = ConfigLoader.load(null, Map.of("BABELDESK_ANSWERING_HANDOFF_THRESHOLD", "0.05"));

        assertEquals(0.05, config.handoffThreshold());
    }

    @Test
    void reports_the_line_of_malformed_yaml() throws IOException {
        Path file = yaml("""
                server:
                  port: 9090
                   host: [x
                """);

        ConfigException e = rejected(file, Map.of());

        assertEquals(1, e.problems().size(), e.problems()::toString);
        String problem = e.problems().get(0);
        assertTrue(problem.startsWith(file + " line 3: not valid YAML"), problem);
    }

    @Test
    void rejects_a_list_where_a_single_value_is_expected() throws IOException {
        ConfigException e = rejected(yaml("server:\n  port: [8080, 8081]\n"), Map.of());

        assertEquals(List.of("server.port: expected a single value"), e.problems());
    }

    @Test
    void the_environment_variable_of_a_key_is_its_upper_case_name() {
        assertEquals("BABELDESK_ANSWERING_HANDOFF_THRESHOLD", Settings.HANDOFF_THRESHOLD.environmentVariable());
        assertEquals("BABELDESK_KNOWLEDGE_DEFAULT_LANGUAGE", Settings.DEFAULT_LANGUAGE.environmentVariable());
    }

    @Test
    void canonicalises_the_case_of_a_language_tag() {
        Config config = ConfigLoader.load(null, Map.of("BABELDESK_KNOWLEDGE_DEFAULT_LANGUAGE", "pt-br"));

        assertEquals("pt-BR", config.defaultLanguage());
    }
}
