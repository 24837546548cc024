package dev.babeldesk.retrieval;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Vectors of knowledge-base texts on disk, one append-only file per model, keyed by a hash of
 * the text: a restart or an edit re-embeds only texts never seen before. A torn last record
 * (a crash mid-write) is ignored; a cache that cannot be written only costs speed.
 */
public final class EmbeddingCache {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddingCache.class);

    private final Path file;
    private final Map<String, float[]> vectors = new ConcurrentHashMap<>();
    private boolean writable = true;

    public EmbeddingCache(Path directory, String modelId) {
        this.file = directory == null ? null : directory.resolve(modelId + ".vectors");
        if (file != null && Files.exists(file)) read();
    }

    /** A cache that lives in memory only. */
    public static EmbeddingCache inMemory(String modelId) {
        return new EmbeddingCache(null, modelId);
    }

    public float[] get(String text) {
        return vectors.get(key(text));
    }

    public synchronized void put(String text, float[] vector) {
        String key = key(text);
        if (vectors.putIfAbsent(key, vector) != null || file == null || !writable) return;
        try {
            Files.createDirectories(file.getParent());
            try (OutputStream raw = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                 DataOutputStream out = new DataOutputStream(raw)) {
                out.write(HexFormat.of().parseHex(key));
                out.writeInt(vector.length);
                ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES);
                buffer.asFloatBuffer().put(vector);
                out.write(buffer.array());
            }
        } catch (IOException e) {
            writable = false;
            LOG.warn("embedding cache {} cannot be written ({}); vectors will be recomputed at the next start", file, e.toString());
        }
    }

    public int size() {
        return vectors.size();
    }

    private void read() {
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw))) {
            byte[] hash = new byte[32];
            while (true) {
                try {
                    in.readFully(hash);
                    int dimension = in.readInt();
                    if (dimension <= 0 || dimension > 10_000) throw new IOException("corrupt record");
                    byte[] bytes = new byte[dimension * Float.BYTES];
                    in.readFully(bytes);
                    float[] vector = new float[dimension];
                    ByteBuffer.wrap(bytes).asFloatBuffer().get(vector);
                    vectors.put(HexFormat.of().formatHex(hash), vector);
                } catch (EOFException end) {
                    break;
                }
            }
        } catch (IOException e) {
            LOG.warn("embedding cache {} is unreadable after {} vectors ({}); the rest will be recomputed",
                    file, vectors.size(), e.toString());
        }
    }

    private static String key(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
