package dev.babeldesk.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.babeldesk.conversation.SystemMessages;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The widget script with every language's texts built in (one request, no build step) and the
 * demo shop page, both read once from the classpath; and the page files of the console and the
 * admin page, served as they are.
 */
final class WidgetAssets {
    static final String I18N_TOKEN = "__BABELDESK_I18N__";

    private final String script;
    private final String demoPage;

    WidgetAssets(SystemMessages texts) {
        String source = resource("/web-widget/widget.js");
        try {
            this.script = source == null ? null : source.replace(I18N_TOKEN, new ObjectMapper().writeValueAsString(texts.all()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        this.demoPage = resource("/web-widget/demo/index.html");
    }

    /** Null when the widget is not packaged (a build without web-widget/). */
    String script() {
        return script;
    }

    String demoPage() {
        return demoPage;
    }

    /**
     * A page file of the console, the admin page or what they share (index.html, .js, .css) from
     * the classpath, with its type and no-cache (so a new release is picked up); 404 when not packaged.
     */
    /**
     * A page of the console or the admin page. They show what shoppers and editors wrote: even if
     * something slipped through the sanitiser, no script of theirs runs, and no other site frames them.
     */
    static void serveStaffPage(io.javalin.http.Context ctx, String resourcePath) {
        ctx.header("Content-Security-Policy", "default-src 'self'; img-src 'self' data: https:; object-src 'none'; "
                + "base-uri 'none'; frame-ancestors 'none'; form-action 'self'");
        servePage(ctx, resourcePath);
    }

    static void servePage(io.javalin.http.Context ctx, String resourcePath) {
        String body = resource(resourcePath);
        if (body == null) {
            ctx.status(404).result(resourcePath + " is not packaged");
            return;
        }
        String type = resourcePath.endsWith(".html") ? "text/html; charset=utf-8"
                : resourcePath.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8";
        ctx.contentType(type).header("Cache-Control", "no-cache").result(body);
    }

    static String resource(String name) {
        try (InputStream in = WidgetAssets.class.getResourceAsStream(name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(name, e);
        }
    }
}
