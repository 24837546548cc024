package dev.babeldesk.web;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.babeldesk.BabelDesk;
import dev.babeldesk.answering.AnswerPolicy;
import dev.babeldesk.insight.InsightService;
import dev.babeldesk.insight.Period;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The admin page's endpoints (docs/admin-api.md): insight, the questions to work on, the export,
 * the threshold simulator, try a question, reload. Every one needs an admin session.
 */
final class AdminApi {
    private static final CsvMapper CSV = new CsvMapper();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
    private static final List<String> EXPORT_COLUMNS = List.of("date", "conversation", "language", "question", "decision",
            "reason", "entry", "confidence", "feedback", "chosen");

    private final AgentApi agents;
    private final InsightService insight;
    private final BabelDesk.KnowledgeService knowledge;
    private final int maxMessageChars;
    private final Clock clock;
    /** Asks the other nodes to reload too (with one node: nothing). */
    private final Runnable reloadElsewhere;

    AdminApi(AgentApi agents, InsightService insight, BabelDesk.KnowledgeService knowledge, int maxMessageChars, Clock clock,
             Runnable reloadElsewhere) {
        this.reloadElsewhere = reloadElsewhere;
        this.agents = agents;
        this.insight = insight;
        this.knowledge = knowledge;
        this.maxMessageChars = maxMessageChars;
        this.clock = clock;
    }

    /** A request the admin endpoints refuse: 400 with a code and a message the page can show. */
    static final class Refused extends RuntimeException {
        final String code;

        Refused(String code, String message) {
            super(message);
            this.code = code;
        }
    }

    void routes(RoutesConfig routes) {
        routes.exception(Refused.class, (e, ctx) -> ctx.status(400).json(Map.of("error", e.code, "message", e.getMessage())));
        routes.get("/api/admin/insight", this::summary);
        routes.get("/api/admin/insight/questions", ctx -> {
            Period period = admin(ctx);
            ctx.json(Map.of("groups", insight.questions(period)));
        });
        routes.get("/api/admin/insight/export", this::export);
        routes.post("/api/admin/simulate", this::simulate);
        routes.post("/api/admin/try", this::tryQuestion);
        // For deploy pipelines: reload now instead of waiting for the file watcher, here and on every other node.
        routes.post("/api/admin/reload", ctx -> {
            agents.requireAdmin(ctx);
            knowledge.reload();
            reloadElsewhere.run();
            ctx.json(knowledgeBase());
        });
        for (String file : List.of("index.html", "admin.js", "admin.css")) {
            routes.get(file.equals("index.html") ? "/admin" : "/admin/" + file, ctx -> page(ctx, file));
        }
    }

    /** The period of the request after checking the caller is an admin; 400 for a bad period. */
    private Period admin(Context ctx) {
        agents.requireAdmin(ctx);
        return period(ctx.queryParam("from"), ctx.queryParam("to"));
    }

    private Period period(String from, String to) {
        return period(from, to, clock);
    }

    /** A period from the request's dates; 400 {@code bad_period} for a bad one. */
    static Period period(String from, String to, Clock clock) {
        try {
            return Period.parse(from, to, clock);
        } catch (IllegalArgumentException e) {
            throw new Refused("bad_period", e.getMessage());
        }
    }

    /** The body's {@code text}; 400 {@code bad_text} when blank or longer than a shopper's message may be. */
    static String text(JsonNode body, int maxMessageChars) {
        String text = body.path("text").asText("");
        if (text.isBlank() || text.length() > maxMessageChars) {
            throw new Refused("bad_text", "\"text\" must be 1.." + maxMessageChars + " characters");
        }
        return text;
    }

    private void summary(Context ctx) {
        Period period = admin(ctx);
        Map<String, Object> body = new LinkedHashMap<>(JSON.convertValue(insight.summary(period), MAP));
        body.put("knowledgeBase", knowledgeBase());
        ctx.json(body);
    }

    private Map<String, Object> knowledgeBase() {
        var snapshot = knowledge.snapshot();
        return Map.of("entries", snapshot.knowledgeBase().size(), "languages", snapshot.knowledgeBase().languages(),
                "errors", snapshot.errors().stream().map(Object::toString).toList(),
                "blindToScope", knowledge.engine().blindToScope());
    }

    private void export(Context ctx) throws Exception {
        Period period = admin(ctx);
        String format = ctx.queryParam("format") == null ? "csv" : ctx.queryParam("format");
        String name = "babeldesk-questions-" + period.from() + "-" + period.to();
        switch (format) {
            case "json" -> {
                List<InsightService.ExportRow> rows = insight.export(period);
                ctx.header("Content-Disposition", "attachment; filename=\"" + name + ".json\"");
                ctx.json(Map.of("from", period.from().toString(), "to", period.to().toString(), "rows", rows));
            }
            case "csv" -> {
                List<InsightService.ExportRow> rows = insight.export(period);
                CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
                EXPORT_COLUMNS.forEach(schema::addColumn);
                List<Map<String, Object>> cells = new ArrayList<>();
                for (InsightService.ExportRow row : rows) {
                    Map<String, Object> cell = new LinkedHashMap<>();
                    JSON.convertValue(row, MAP).forEach((k, v) -> cell.put(k, v instanceof String s ? spreadsheetSafe(s) : v));
                    cells.add(cell);
                }
                ctx.header("Content-Disposition", "attachment; filename=\"" + name + ".csv\"");
                ctx.contentType("text/csv; charset=utf-8").result(CSV.writer(schema.build()).writeValueAsString(cells));
            }
            case "cases" -> {
                // JSON Lines in the format of `babeldesk eval --cases`: the questions shoppers labelled.
                StringBuilder lines = new StringBuilder();
                for (var c : insight.labelledCases(period)) lines.append(JSON.writeValueAsString(c)).append('\n');
                ctx.header("Content-Disposition", "attachment; filename=\"" + name + "-cases.jsonl\"");
                ctx.contentType("application/x-ndjson; charset=utf-8").result(lines.toString());
            }
            default -> throw new Refused("bad_format", "format must be csv, json or cases");
        }
    }

    /**
     * A cell a spreadsheet would run as a formula (a shopper can type "=HYPERLINK(...)") gets a
     * leading apostrophe, the OWASP advice against CSV injection.
     */
    static String spreadsheetSafe(String value) {
        return !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }

    private void simulate(Context ctx) {
        agents.requireAdmin(ctx);
        JsonNode body = AgentApi.body(ctx);
        Period period = period(body.path("from").asText(null), body.path("to").asText(null));
        AnswerPolicy current = insight.currentPolicy();
        double answer = threshold(body, "answerThreshold", current.answerThreshold());
        double handoff = threshold(body, "handoffThreshold", current.handoffThreshold());
        ctx.json(insight.simulate(period, new AnswerPolicy(answer, current.answerScopeThreshold(), handoff)));
    }

    private static double threshold(JsonNode body, String name, double fallback) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) return fallback;
        if (!value.isNumber() || value.asDouble() < 0 || value.asDouble() > 1) {
            throw new Refused("bad_threshold", "\"" + name + "\" must be a number from 0 to 1");
        }
        return value.asDouble();
    }

    // "Try a question": what the bot would do and why, through the live decision path.
    private void tryQuestion(Context ctx) {
        agents.requireAdmin(ctx);
        JsonNode body = AgentApi.body(ctx);
        String text = text(body, maxMessageChars);
        var engine = knowledge.engine();
        var answer = engine.answer(text, body.path("locale").isTextual()
                && !body.get("locale").asText().isBlank() ? body.get("locale").asText() : null);
        Map<String, Object> out = JSON.convertValue(AnswerView.of(answer), MAP);
        // What the indexes were asked, when it differs: "cancell my ordr" was read as "cancel my order".
        String readAs = engine.readAs(text, answer.detectedLanguage());
        out.put("readAs", readAs.equals(text) ? null : readAs);
        ctx.json(out);
    }

    private static void page(Context ctx, String file) {
        WidgetAssets.serveStaffPage(ctx, "/web-widget/admin/" + file);
    }
}
