package dev.babeldesk.knowledge;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The knowledge base as it changes on disk. A reload reads the folder again; a file that has
 * become invalid keeps its last good version (and its errors are reported) so one broken edit
 * never takes an answer away, let alone the bot.
 */
public final class LiveKnowledgeBase {
    private final Path root;
    private final KnowledgeBaseLoader loader;
    private Map<Path, Entry> lastGood = Map.of();

    /** What the bot serves now, and what is wrong on disk (errors of files served from their last good version included). */
    public record Snapshot(KnowledgeBase knowledgeBase, List<Problem> problems) {
        public List<Problem> errors() {
            return problems.stream().filter(p -> p.severity() == Problem.Severity.ERROR).toList();
        }
    }

    public LiveKnowledgeBase(Path root, String flatLanguage) {
        this.root = root;
        this.loader = new KnowledgeBaseLoader(flatLanguage);
    }

    public Path root() {
        return root;
    }

    public synchronized Snapshot reload() {
        KnowledgeBaseLoader.Result result = loader.load(root);
        Map<Path, Entry> current = new HashMap<>();
        for (Entry e : result.knowledgeBase().all()) current.put(e.source(), e);
        Set<Path> broken = new HashSet<>();
        for (Problem p : result.errors()) broken.add(p.file());
        if (current.isEmpty() && !lastGood.isEmpty()) {
            // The folder vanished or cannot be read at all: keep serving everything.
            return new Snapshot(new KnowledgeBase(lastGood.values()), result.problems());
        }
        List<Entry> served = new ArrayList<>(current.values());
        for (Path file : broken) {
            Entry previous = lastGood.get(file);
            if (previous != null && !current.containsKey(file)) served.add(previous);
        }
        Map<Path, Entry> good = new HashMap<>();
        served.forEach(e -> good.put(e.source(), e));
        lastGood = good;
        return new Snapshot(new KnowledgeBase(served), result.problems());
    }
}
