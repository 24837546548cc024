package dev.babeldesk.eval;

import java.util.List;
import java.util.Map;

/** One case run through the live decision path: enough to recompute every figure. */
public record CaseResult(
        String id,
        String text,
        String lang,
        String expect,
        boolean expectsHandoff,
        String decision,
        String handoffReason,
        String chosen,
        List<String> choices,
        List<String> top,
        double confidence,
        double answerable,
        double choice,
        String detectedLanguage,
        double latencyMs,
        Outcome outcome,
        Map<String, String> extra) {}
