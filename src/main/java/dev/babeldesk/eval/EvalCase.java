package dev.babeldesk.eval;

import java.util.Map;

/**
 * One labelled question: the text, the language it is written in (for the breakdown only; the
 * bot detects it itself) and the expected entry id or {@code handoff}. Other fields are kept
 * for grouping.
 */
public record EvalCase(String id, String text, String lang, String expect, Map<String, String> extra) {
    public static final String HANDOFF = "handoff";

    public EvalCase {
        extra = Map.copyOf(extra);
    }
}
