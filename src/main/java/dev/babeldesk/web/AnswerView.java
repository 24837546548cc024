package dev.babeldesk.web;

import dev.babeldesk.answering.BotAnswer;
import dev.babeldesk.answering.ScoredEntry;
import dev.babeldesk.knowledge.Entry;

import java.util.List;

/** The JSON shape of a bot answer on the wire. */
public record AnswerView(
        String type,
        String decision,
        String handoffReason,
        double confidence,
        String language,
        String detectedLanguage,
        boolean translationMissing,
        EntryView entry,
        List<EntryView> choices,
        List<ScoredEntry> candidates) {

    public record EntryView(String id, String title, String html) {
        static EntryView of(Entry e) {
            return e == null ? null : new EntryView(e.id(), e.title(), e.html());
        }
    }

    public static AnswerView of(BotAnswer a) {
        return new AnswerView("answer", a.decision().name().toLowerCase(java.util.Locale.ROOT),
                a.handoffReason() == null ? null : a.handoffReason().name().toLowerCase(java.util.Locale.ROOT),
                a.confidence(), a.language(), a.detectedLanguage(), a.translationMissing(), EntryView.of(a.entry()),
                a.choices().stream().map(EntryView::of).toList(), a.candidates());
    }
}
