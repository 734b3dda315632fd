package dev.leakscope.core.export;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Serves {@link Metrics} at {@code /metrics} over HTTP, for Prometheus to scrape. Every thread it
 * has is a daemon, so that it never keeps a host JVM from exiting: the JDK's HTTP server makes its
 * dispatcher thread inherit the daemon flag of the thread that starts it, so it is started from a
 * daemon thread of our own, and requests run on one daemon thread.
 */
public final class MetricsEndpoint implements AutoCloseable {

    public static final String PATH = "/metrics";

    private final HttpServer server;
    private final ExecutorService requests;

    private MetricsEndpoint(HttpServer server, ExecutorService requests) {
        this.server = server;
        this.requests = requests;
    }

    /**
     * Listens on {@code address} (port 0: any free port) and serves {@code metrics}.
     *
     * @throws IOException when it cannot listen there (the port is taken, the address is not this machine's)
     */
    public static MetricsEndpoint start(InetSocketAddress address, Metrics metrics) throws IOException {
        HttpServer server = HttpServer.create(address, 0);
        ExecutorService requests = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "leakscope-metrics");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(requests);
        server.createContext(PATH, exchange -> respond(exchange, metrics));
        startFromDaemon(server);
        return new MetricsEndpoint(server, requests);
    }

    private static void startFromDaemon(HttpServer server) throws IOException {
        AtomicReference<RuntimeException> failed = new AtomicReference<>();
        Thread starter = new Thread(() -> {
            try {
                server.start();
            } catch (RuntimeException e) {
                failed.set(e);
            }
        }, "leakscope-metrics-start");
        starter.setDaemon(true);
        starter.start();
        try {
            starter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.stop(0);
            throw new IOException("interrupted while starting the metrics endpoint", e);
        }
        if (failed.get() != null) {
            throw new IOException("cannot start the metrics endpoint: " + failed.get(), failed.get());
        }
    }

    /** Where it listens, with the port it was given. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** The URL to scrape. */
    public String url() {
        InetSocketAddress a = address();
        String host = a.getAddress().getHostAddress();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort() + PATH;
    }

    private static void respond(HttpExchange exchange, Metrics metrics) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            boolean openMetrics = OpenMetricsText.wantsOpenMetrics(exchange.getRequestHeaders().getFirst("Accept"));
            byte[] body = OpenMetricsText.render(metrics.snapshot(), openMetrics).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type",
                    openMetrics ? OpenMetricsText.OPENMETRICS_TYPE : OpenMetricsText.PROMETHEUS_TYPE);
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(200, head ? -1 : body.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    /** Stops listening at once. Never throws. */
    @Override
    public void close() {
        try {
            server.stop(0);
        } catch (RuntimeException e) {
            // stopping a server that failed half way: nothing is left to stop
        }
        requests.shutdownNow();
    }
}
