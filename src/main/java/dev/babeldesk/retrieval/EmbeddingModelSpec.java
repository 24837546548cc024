package dev.babeldesk.retrieval;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Which sentence-embedding model a language uses: one of the models shipped in-process, or any
 * ONNX sentence-embedding model on disk ({@code /models/e5/model.onnx}, with its
 * {@code tokenizer.json} beside it; {@code #cls} or {@code #mean} picks the pooling, mean by default).
 */
public record EmbeddingModelSpec(String id, Builtin builtin, Path onnxFile, Path tokenizerFile, boolean clsPooling) {

    /** Models shipped with the server, loaded from the classpath. */
    public enum Builtin {
        ALL_MINILM_L6_V2_Q("all-minilm-l6-v2-q"),
        BGE_SMALL_EN_V15_Q("bge-small-en-v15-q"),
        BGE_SMALL_ZH_V15_Q("bge-small-zh-v15-q");

        final String id;

        Builtin(String id) {
            this.id = id;
        }

        static Optional<Builtin> named(String name) {
            for (Builtin b : values()) if (b.id.equals(name)) return Optional.of(b);
            return Optional.empty();
        }
    }

    public static final String NONE = "none";

    /**
     * Parses one value of {@code retrieval.embedding-models}; empty for {@code none}.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static Optional<EmbeddingModelSpec> parse(String value) {
        String v = value.strip();
        if (v.equalsIgnoreCase(NONE)) return Optional.empty();
        Optional<Builtin> builtin = Builtin.named(v.toLowerCase(Locale.ROOT));
        if (builtin.isPresent()) return Optional.of(new EmbeddingModelSpec(builtin.get().id, builtin.get(), null, null, false));
        boolean cls = false;
        String path = v;
        int hash = v.lastIndexOf('#');
        if (hash > 0) {
            String pooling = v.substring(hash + 1).toLowerCase(Locale.ROOT);
            if (!pooling.equals("cls") && !pooling.equals("mean")) {
                throw new IllegalArgumentException("pooling '" + pooling + "' must be cls or mean");
            }
            cls = pooling.equals("cls");
            path = v.substring(0, hash);
        }
        if (!path.endsWith(".onnx")) {
            throw new IllegalArgumentException("'" + v + "' is neither a built-in model (" + builtinNames()
                    + ", none) nor a path to an .onnx file");
        }
        Path onnx = Path.of(path);
        Path tokenizer = onnx.resolveSibling("tokenizer.json");
        if (!Files.isRegularFile(onnx)) throw new IllegalArgumentException("model file " + onnx + " does not exist");
        if (!Files.isRegularFile(tokenizer)) {
            throw new IllegalArgumentException("tokenizer " + tokenizer + " does not exist (expected beside the model)");
        }
        String id = "file-" + Integer.toHexString(onnx.toAbsolutePath().normalize().toString().hashCode())
                + "-" + size(onnx) + (cls ? "-cls" : "-mean");
        return Optional.of(new EmbeddingModelSpec(id, null, onnx, tokenizer, cls));
    }

    static String builtinNames() {
        return String.join(", ", java.util.Arrays.stream(Builtin.values()).map(b -> b.id).toList());
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
