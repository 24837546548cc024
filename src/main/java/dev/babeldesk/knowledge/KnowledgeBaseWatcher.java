package dev.babeldesk.knowledge;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Calls back when anything under the knowledge-base folder changes. Events are gathered until
 * the folder has been quiet for a moment, because editors and git write a file in several steps.
 */
public final class KnowledgeBaseWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KnowledgeBaseWatcher.class);
    static final long QUIET_MILLIS = 300;

    private final WatchService watchService;
    private final Thread thread;

    public KnowledgeBaseWatcher(Path root, Runnable onChange) throws IOException {
        this.watchService = FileSystems.getDefault().newWatchService();
        registerTree(root);
        this.thread = Thread.ofPlatform().daemon().name("knowledge-base-watcher").start(() -> loop(onChange));
    }

    private void registerTree(Path dir) throws IOException {
        try (Stream<Path> dirs = Files.walk(dir)) {
            for (Path d : dirs.filter(Files::isDirectory).toList()) {
                d.register(watchService, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                        StandardWatchEventKinds.ENTRY_MODIFY);
            }
        }
    }

    private void loop(Runnable onChange) {
        try {
            while (true) {
                WatchKey key = watchService.take();
                drain(key);
                // Wait for quiet: more events within the window restart it.
                WatchKey more;
                while ((more = watchService.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS)) != null) drain(more);
                try {
                    onChange.run();
                } catch (RuntimeException e) {
                    LOG.error("reloading the knowledge base failed; the previous version stays live", e);
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closing
        }
    }

    private void drain(WatchKey key) {
        Path dir = (Path) key.watchable();
        key.pollEvents().forEach(event -> {
            if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && event.context() instanceof Path name) {
                Path created = dir.resolve(name);
                if (Files.isDirectory(created)) {
                    try {
                        registerTree(created);
                    } catch (IOException e) {
                        LOG.warn("cannot watch new folder {}: {}", created, e.toString());
                    }
                }
            }
        });
        key.reset();
    }

    @Override
    public void close() {
        try {
            watchService.close();
        } catch (IOException e) {
            LOG.debug("closing the watcher", e);
        }
        thread.interrupt();
    }
}
