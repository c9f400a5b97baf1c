package dev.lanes.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A headless Chromium driven over the DevTools protocol (a WebSocket, from the JDK's own
 * client): it opens a page and reports what a user's browser would do with it — console
 * errors, uncaught exceptions, every network request — runs script in it and takes
 * screenshots. Started with a fresh profile and no background networking, so the only
 * requests it sees are the page's.
 */
final class HeadlessChromium implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the page did while it was open. */
    record PageLog(List<String> consoleErrors, List<String> requests) {
    }

    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<String> consoleErrors = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile CompletableFuture<Void> loaded = new CompletableFuture<>();

    /** The browser to use: {@code $LANES_CHROMIUM}, else the first of the usual names on the PATH. */
    static Optional<Path> find() {
        String given = System.getenv("LANES_CHROMIUM");
        if (given != null && !given.isBlank()) {
            return Optional.of(Path.of(given)).filter(Files::isExecutable);
        }
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
            .flatMap(name -> Stream.of(path.split(File.pathSeparator)).map(dir -> Path.of(dir, name)))
            .filter(Files::isExecutable).findFirst();
    }

    private HeadlessChromium(Process process, WebSocket socket) {
        this.process = process;
        this.socket = socket;
    }

    /**
     * Starts the browser with its profile and temporary files in {@code home} (a fresh, empty
     * folder, which the caller removes) and opens a blank page.
     */
    static HeadlessChromium start(Path browser, Path home) throws IOException, InterruptedException {
        Path profile = Files.createDirectory(home.resolve("profile"));
        Path temp = Files.createDirectory(home.resolve("tmp"));
        ProcessBuilder builder = new ProcessBuilder(browser.toString(), "--headless", "--no-sandbox", "--disable-gpu",
            "--no-first-run", "--disable-background-networking", "--disable-quic", "--disable-component-update",
            "--disable-sync", "--disable-default-apps", "--user-data-dir=" + profile, "--remote-debugging-port=0",
            "about:blank").redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("TMPDIR", temp.toString());
        Process process = builder.start();
        try {
            URI browserSocket = devToolsAddress(process);
            HttpClient http = HttpClient.newHttpClient();
            String list = http.send(HttpRequest.newBuilder(URI.create("http://" + browserSocket.getAuthority() + "/json/list"))
                .timeout(CALL_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString()).body();
            String pageSocket = null;
            for (JsonNode target : JSON.readTree(list)) {
                if (target.path("type").asText().equals("page")) {
                    pageSocket = target.path("webSocketDebuggerUrl").asText();
                }
            }
            if (pageSocket == null) {
                throw new IOException("the browser opened no page: " + list);
            }
            Listener listener = new Listener();
            WebSocket socket = http.newWebSocketBuilder().connectTimeout(CALL_TIMEOUT)
                .buildAsync(URI.create(pageSocket), listener).get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            HeadlessChromium chromium = new HeadlessChromium(process, socket);
            listener.owner = chromium;
            for (String domain : List.of("Runtime", "Log", "Network", "Page")) {
                chromium.call(domain + ".enable", JSON.createObjectNode());
            }
            return chromium;
        } catch (IOException | InterruptedException | RuntimeException e) {
            stop(process);
            throw e;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            stop(process);
            throw new IOException("could not connect to the browser: " + e, e);
        }
    }

    /** The browser prints its DevTools address on stderr once it listens; the rest of stderr is drained. */
    private static URI devToolsAddress(Process process) throws IOException, InterruptedException {
        CompletableFuture<URI> address = new CompletableFuture<>();
        List<String> said = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                StandardCharsets.UTF_8))) {
                for (String line; (line = err.readLine()) != null; ) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        address.complete(URI.create(m.group(1)));
                    } else if (said.size() < 20) {
                        said.add(line);
                    }
                }
            } catch (IOException e) {
                address.completeExceptionally(e);
            }
            address.completeExceptionally(new IOException("the browser exited: " + String.join(" | ", said)));
        }, "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        try {
            return address.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException(e.getCause().getMessage(), e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException("the browser did not start within " + START_TIMEOUT.toSeconds() + " s: "
                + String.join(" | ", said));
        }
    }

    /** Sets the window (CSS pixels) pages are laid out in. */
    void viewport(int width, int height) throws IOException {
        ObjectNode p = JSON.createObjectNode().put("width", width).put("height", height).put("deviceScaleFactor", 1)
            .put("mobile", false);
        call("Emulation.setDeviceMetricsOverride", p);
    }

    /** Opens a page and waits for its load event; what it logs and fetches from now on is in {@link #log}. */
    void open(URI page) throws IOException {
        consoleErrors.clear();
        requests.clear();
        loaded = new CompletableFuture<>();
        JsonNode result = call("Page.navigate", JSON.createObjectNode().put("url", page.toString()));
        if (result.hasNonNull("errorText")) {
            throw new IOException("the browser could not open " + page + ": " + result.get("errorText").asText());
        }
        try {
            loaded.get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException(page + " did not finish loading within " + CALL_TIMEOUT.toSeconds() + " s", e);
        }
    }

    PageLog log() {
        return new PageLog(List.copyOf(consoleErrors), List.copyOf(requests));
    }

    /** Runs an expression in the page and returns its value (objects as JSON). */
    JsonNode evaluate(String expression) throws IOException {
        JsonNode result = call("Runtime.evaluate", JSON.createObjectNode().put("expression", expression)
            .put("returnByValue", true).put("awaitPromise", true));
        if (result.has("exceptionDetails")) {
            throw new IOException("script failed in the page: " + result.get("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /** A PNG of the whole page, not only the window. */
    byte[] screenshot() throws IOException {
        JsonNode metrics = call("Page.getLayoutMetrics", JSON.createObjectNode());
        JsonNode size = metrics.path("cssContentSize");
        ObjectNode clip = JSON.createObjectNode().put("x", 0).put("y", 0).put("width", size.path("width").asDouble())
            .put("height", size.path("height").asDouble()).put("scale", 1);
        JsonNode shot = call("Page.captureScreenshot", JSON.createObjectNode().put("format", "png")
            .put("captureBeyondViewport", true).set("clip", clip));
        return java.util.Base64.getDecoder().decode(shot.path("data").asText());
    }

    private JsonNode call(String method, ObjectNode params) throws IOException {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", params);
        socket.sendText(JSON.writeValueAsString(message), true);
        try {
            JsonNode answer = reply.get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (answer.has("error")) {
                throw new IOException(method + ": " + answer.get("error"));
            }
            return answer.path("result");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(method + " was interrupted", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException(method + " got no answer: " + e, e);
        } finally {
            pending.remove(id);
        }
    }

    private void received(JsonNode message) {
        if (message.has("id")) {
            CompletableFuture<JsonNode> reply = pending.get(message.get("id").asInt());
            if (reply != null) {
                reply.complete(message);
            }
            return;
        }
        JsonNode p = message.path("params");
        switch (message.path("method").asText()) {
            case "Page.loadEventFired" -> loaded.complete(null);
            case "Network.requestWillBeSent" -> requests.add(p.path("request").path("url").asText());
            case "Runtime.exceptionThrown" -> consoleErrors.add("uncaught: " + p.path("exceptionDetails"));
            case "Runtime.consoleAPICalled" -> {
                String type = p.path("type").asText();
                if (type.equals("error") || type.equals("assert")) {
                    consoleErrors.add("console." + type + ": " + p.path("args"));
                }
            }
            case "Log.entryAdded" -> {
                if (p.path("entry").path("level").asText().equals("error")) {
                    consoleErrors.add("log: " + p.path("entry").path("text").asText() + " "
                        + p.path("entry").path("url").asText());
                }
            }
            default -> {
            }
        }
    }

    /** Assembles the protocol's messages, which may arrive in parts. */
    private static final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        private final List<JsonNode> early = new ArrayList<>();
        private volatile HeadlessChromium owner;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode message = JSON.readTree(partial.toString());
                    HeadlessChromium o = owner;
                    if (o == null) {
                        early.add(message);
                    } else {
                        early.forEach(o::received);
                        early.clear();
                        o.received(message);
                    }
                } catch (IOException e) {
                    throw new IllegalStateException("not a DevTools message: " + partial, e);
                } finally {
                    partial.setLength(0);
                }
            }
            webSocket.request(1);
            return null;
        }
    }

    @Override
    public void close() {
        socket.abort();
        stop(process);
    }

    /** Stops the browser and every process it started, and waits, so its profile folder can be removed. */
    private static void stop(Process process) {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                children.forEach(ProcessHandle::destroyForcibly);
                process.waitFor(10, TimeUnit.SECONDS);
            }
            for (ProcessHandle child : children) {
                child.onExit().get(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            children.forEach(ProcessHandle::destroyForcibly);
        }
    }
}
