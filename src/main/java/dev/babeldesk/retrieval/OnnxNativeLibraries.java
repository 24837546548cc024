package dev.babeldesk.retrieval;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * ONNX Runtime's native libraries, unpacked once into a folder of ours. Left to itself, ONNX
 * Runtime unpacks 16 MB from its jar into a new temporary folder at every start and leaves the
 * folder behind; told where the libraries are ({@code onnxruntime.native.path}), it loads them
 * from there.
 */
public final class OnnxNativeLibraries {
    private static final Logger LOG = LoggerFactory.getLogger(OnnxNativeLibraries.class);
    static final String PATH_PROPERTY = "onnxruntime.native.path";
    /** In the order ONNX Runtime loads them. */
    private static final List<String> LIBRARIES = List.of("onnxruntime", "onnxruntime4j_jni");

    private OnnxNativeLibraries() {}

    /**
     * Unpacks the libraries under {@code parent} unless they are there already, and points ONNX
     * Runtime at them, unless the operator set {@code onnxruntime.native.path} or this platform's
     * libraries are not in the jar (then ONNX Runtime does as it always does). Must run before the
     * first model loads; later calls change nothing.
     */
    public static synchronized void install(Path parent) {
        if (System.getProperty(PATH_PROPERTY) != null) return;
        try {
            unpack(parent).ifPresent(folder -> System.setProperty(PATH_PROPERTY, folder.toString()));
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("could not unpack ONNX Runtime's native libraries under {} ({}); it unpacks them to a temporary folder instead", parent, e.toString());
        }
    }

    /**
     * The folder holding this platform's libraries under {@code parent}, unpacked now if needed;
     * empty when the jar has none for this platform. The folder is named by the checksum of the
     * libraries in the jar, so a new ONNX Runtime version gets a folder of its own.
     */
    static Optional<Path> unpack(Path parent) throws IOException {
        Optional<String> platform = platform();
        if (platform.isEmpty()) return Optional.empty();
        StringBuilder name = new StringBuilder("onnxruntime-").append(platform.get());
        for (String library : LIBRARIES) {
            URL url = resource(platform.get(), library);
            if (url == null) return Optional.empty();
            name.append('-').append(Long.toHexString(crc(url)));
        }
        Path folder = parent.toAbsolutePath().resolve(name.toString());
        if (complete(folder)) return Optional.of(folder);
        deleteQuietly(folder); // a library deleted by hand
        // Unpacked beside and moved in whole: two processes starting at once, or one killed half-way,
        // never leave a folder with a truncated library in it.
        Files.createDirectories(parent);
        Path partial = Files.createTempDirectory(parent, ".onnxruntime-");
        try {
            for (String library : LIBRARIES) {
                try (InputStream in = resource(platform.get(), library).openStream()) {
                    Files.copy(in, partial.resolve(System.mapLibraryName(library)));
                }
            }
            try {
                Files.move(partial, folder, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException | AtomicMoveNotSupportedException e) {
                if (!complete(folder)) throw e; // else another process put it there first
            }
        } finally {
            deleteQuietly(partial);
        }
        LOG.info("unpacked ONNX Runtime's native libraries to {}", folder);
        return Optional.of(folder);
    }

    private static boolean complete(Path folder) {
        return LIBRARIES.stream().allMatch(library -> Files.isRegularFile(folder.resolve(System.mapLibraryName(library))));
    }

    /** ONNX Runtime's name for this platform's folder in its jar, for the platforms it ships. */
    static Optional<String> platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String o = os.contains("linux") ? "linux" : os.contains("mac") || os.contains("darwin") ? "osx" : os.contains("win") ? "win" : null;
        String a = arch.equals("amd64") || arch.equals("x86_64") ? "x64" : arch.equals("aarch64") ? "aarch64" : null;
        return o == null || a == null ? Optional.empty() : Optional.of(o + "-" + a);
    }

    private static URL resource(String platform, String library) {
        return OnnxNativeLibraries.class.getResource("/ai/onnxruntime/native/" + platform + "/" + System.mapLibraryName(library));
    }

    /** The jar entry's checksum, read from the jar's directory without inflating the entry. */
    private static long crc(URL url) throws IOException {
        URLConnection connection = url.openConnection();
        if (connection instanceof JarURLConnection jar) return jar.getJarEntry().getCrc();
        return connection.getContentLengthLong(); // a folder on the class path (tests in an IDE)
    }

    private static void deleteQuietly(Path folder) {
        if (!Files.exists(folder)) return;
        try (var files = Files.walk(folder)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover partial folder is harmless: the next start unpacks into a new one
        }
    }
}
