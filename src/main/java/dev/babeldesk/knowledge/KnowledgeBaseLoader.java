package dev.babeldesk.knowledge;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Reads a knowledge-base folder ({@code <lang>/<id>.md}), validating every file. */
public final class KnowledgeBaseLoader {
    /** Folders beside the language folders that hold no answers. */
    static final List<String> RESERVED_FOLDERS = List.of("tests");

    private final EntryParser parser = new EntryParser(new MarkdownRenderer());
    private final String flatLanguage;

    /**
     * @param flatLanguage the language of a single-language base whose files sit directly in the
     *                     root folder, without a language folder
     */
    public KnowledgeBaseLoader(String flatLanguage) {
        this.flatLanguage = flatLanguage;
    }

    public record Result(KnowledgeBase knowledgeBase, List<Problem> problems) {
        public List<Problem> errors() {
            return problems.stream().filter(p -> p.severity() == Problem.Severity.ERROR).toList();
        }

        public List<Problem> warnings() {
            return problems.stream().filter(p -> p.severity() == Problem.Severity.WARNING).toList();
        }

        public boolean valid() {
            return errors().isEmpty();
        }
    }

    /** Loads and validates; never throws for content problems, only reports them. */
    public Result load(Path root) {
        List<Problem> problems = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            problems.add(Problem.error(root, 0, "knowledge-base folder does not exist"));
            return new Result(new KnowledgeBase(List.of()), problems);
        }
        List<Path> children = list(root, problems);
        boolean languageFolders = children.stream().anyMatch(p -> Files.isDirectory(p)
                && !p.getFileName().toString().startsWith(".") && !RESERVED_FOLDERS.contains(p.getFileName().toString()));
        if (!languageFolders && children.stream().anyMatch(p -> isAnswerFile(p))) {
            loadLanguage(root, flatLanguage, entries, problems);
            return new Result(new KnowledgeBase(entries), problems);
        }
        for (Path folder : children) {
            String name = folder.getFileName().toString();
            if (!Files.isDirectory(folder)) {
                if (name.endsWith(".md") && !name.equalsIgnoreCase("README.md")) {
                    problems.add(Problem.error(folder, 0, "answer outside a language folder: move it to <lang>/" + name));
                }
                continue;
            }
            if (name.startsWith(".") || RESERVED_FOLDERS.contains(name)) continue;
            Optional<String> language = LanguageTags.canonical(name);
            if (language.isEmpty()) {
                problems.add(Problem.error(folder, 0, "unknown language folder '" + name
                        + "': name it with a BCP 47 language tag such as en, de, pt-BR or zh"));
                continue;
            }
            loadLanguage(folder, language.get(), entries, problems);
        }
        if (entries.isEmpty() && problems.stream().noneMatch(p -> p.severity() == Problem.Severity.ERROR)) {
            problems.add(Problem.error(root, 0, "the knowledge base has no answers: add <lang>/<id>.md files"));
        }
        return new Result(new KnowledgeBase(entries), problems);
    }

    private void loadLanguage(Path folder, String language, List<Entry> entries, List<Problem> problems) {
        Map<String, Entry> seen = new HashMap<>();
        for (Path file : list(folder, problems)) {
            if (Files.isDirectory(file) || !file.getFileName().toString().endsWith(".md")
                    || file.getFileName().toString().equalsIgnoreCase("README.md")) {
                String name = file.getFileName().toString();
                if (!name.startsWith(".") && !name.equalsIgnoreCase("README.md")) {
                    problems.add(Problem.warning(file, 0, "ignored: only .md files are answers"));
                }
                continue;
            }
            Optional<Entry> entry = parseFile(file, language, problems);
            if (entry.isEmpty()) continue;
            Entry previous = seen.putIfAbsent(entry.get().id(), entry.get());
            if (previous != null) {
                problems.add(Problem.error(file, EntryParser.lineOf(lines(file), "id"), "duplicate id '"
                        + entry.get().id() + "' in language " + language + ": also used by " + previous.source()));
            } else {
                entries.add(entry.get());
            }
        }
    }

    /** Parses one file; used by the folder load and by live reloading of a single change. */
    public Optional<Entry> parseFile(Path file, String language, List<Problem> problems) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            problems.add(Problem.error(file, 0, "not UTF-8 text: save the file as UTF-8"));
            return Optional.empty();
        } catch (IOException e) {
            problems.add(Problem.error(file, 0, "cannot be read: " + e.getMessage()));
            return Optional.empty();
        }
        return parser.parse(file, language, text.startsWith("\uFEFF") ? text.substring(1) : text, problems);
    }

    private static boolean isAnswerFile(Path p) {
        String name = p.getFileName().toString();
        return Files.isRegularFile(p) && name.endsWith(".md") && !name.equalsIgnoreCase("README.md");
    }

    private static String[] lines(Path file) {
        try {
            return Files.readString(file).split("\n", -1);
        } catch (IOException e) {
            return new String[0];
        }
    }

    private static List<Path> list(Path dir, List<Problem> problems) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted(Comparator.comparing(Path::toString)).toList();
        } catch (IOException e) {
            problems.add(Problem.error(dir, 0, "cannot be listed: " + e.getMessage()));
            return List.of();
        }
    }
}
