package dev.babeldesk.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The server's meters, for an operator's monitoring: the JVM's and the process's, and the ones
 * the services register (bot decisions, hand-offs, the queue, refused frames...). Read in the
 * Prometheus text format from {@code GET /metrics}. The services take Micrometer's
 * {@link MeterRegistry}, a facade like SLF4J, so they know nothing of Prometheus.
 */
public final class ServerMetrics implements AutoCloseable {
    /** Linux's view of the process; "VmRSS:  531232 kB" is the resident set. */
    private static final Path STATUS = Path.of("/proc/self/status");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public ServerMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        // Every shopper and agent holds a websocket, i.e. a file descriptor.
        new FileDescriptorMetrics().bindTo(registry);
        // Heap figures leave out the embedding models (ONNX Runtime's memory is native): what the
        // machine gives the server is the resident set, which Micrometer does not measure.
        if (Files.isReadable(STATUS)) {
            Gauge.builder("process.resident.memory", ServerMetrics::residentBytes).baseUnit("bytes")
                    .description("Resident set size of the server process (heap, native memory of the models, code)")
                    .register(registry);
        }
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Every meter in the Prometheus text exposition format. */
    public String scrape() {
        return registry.scrape();
    }

    private static double residentBytes() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", "")) * 1024.0;
            }
            return Double.NaN;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
