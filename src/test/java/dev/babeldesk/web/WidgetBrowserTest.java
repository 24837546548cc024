package dev.babeldesk.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the widget's browser tests (web-widget/test, node's test runner driving Debian's headless
 * Chromium through playwright-core) as part of the suite. They start the real server from this
 * JVM's classpath, so they test exactly what was just compiled. {@code bin/babeldesk test}
 * installs Chromium and the npm packages first.
 */
class WidgetBrowserTest {

    @Test
    @Timeout(value = 11, unit = TimeUnit.MINUTES)
    void the_widget_works_in_a_real_browser_against_the_real_server() throws Exception {
        assertTrue(Files.isDirectory(Path.of("web-widget/node_modules/playwright-core")),
                "playwright-core is not installed: run the suite with bin/babeldesk test (it runs npm ci in web-widget)");
        String java = ProcessHandle.current().info().command().orElse("java");
        Path log = Path.of("target/browser-tests.log");
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(List.of("node", "--test", "--test-concurrency=1", "test/"))
                .directory(new File("web-widget"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("BABELDESK_TEST_JAVA", java);
        builder.environment().put("BABELDESK_TEST_CLASSPATH", System.getProperty("java.class.path"));
        Process node = builder.start();
        boolean finished = node.waitFor(10, TimeUnit.MINUTES);
        if (!finished) node.destroyForcibly();
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println(output);
        assertTrue(finished, "browser tests did not finish in 10 minutes; see target/browser-tests.log");
        assertEquals(0, node.exitValue(), "browser tests failed; see target/browser-tests.log:\n" + tail(output));
    }

    private static String tail(String output) {
        return output.length() <= 6000 ? output : output.substring(output.length() - 6000);
    }
}
