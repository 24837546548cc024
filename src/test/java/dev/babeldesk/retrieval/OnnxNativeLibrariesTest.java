package dev.babeldesk.retrieval;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OnnxNativeLibrariesTest {

    @Test
    void the_libraries_are_unpacked_once_and_found_again_at_the_next_start(@TempDir Path parent) throws Exception {
        Path folder = OnnxNativeLibraries.unpack(parent).orElseThrow(); // this machine is linux-x64
        Path runtime = folder.resolve(System.mapLibraryName("onnxruntime"));
        Path jni = folder.resolve(System.mapLibraryName("onnxruntime4j_jni"));
        assertTrue(Files.size(runtime) > 1_000_000, "the runtime library is whole");
        assertTrue(Files.size(jni) > 10_000);

        FileTime written = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(runtime, written);
        assertEquals(folder, OnnxNativeLibraries.unpack(parent).orElseThrow());
        assertEquals(written, Files.getLastModifiedTime(runtime), "not unpacked a second time");
        try (Stream<Path> children = Files.list(parent)) {
            assertEquals(1, children.count(), "no partial folder left beside it");
        }
    }

    @Test
    void a_folder_with_a_library_missing_is_unpacked_again(@TempDir Path parent) throws Exception {
        Path folder = OnnxNativeLibraries.unpack(parent).orElseThrow();
        Files.delete(folder.resolve(System.mapLibraryName("onnxruntime4j_jni")));

        assertEquals(folder, OnnxNativeLibraries.unpack(parent).orElseThrow());
        assertTrue(Files.isRegularFile(folder.resolve(System.mapLibraryName("onnxruntime4j_jni"))));
    }
}
