package io.chatsync.benchmark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * A flight recording's CPU samples, summed two ways: by the method on top of the stack (where the time goes) and by
 * the component anywhere on the stack (what the time is spent for).
 */
final class Profile {

    /** Components by package prefix, in the order a stack is attributed (first match wins per frame). */
    private static final Map<String, String> COMPONENTS = new LinkedHashMap<>();

    static {
        COMPONENTS.put("io.chatsync.adapters.postgres.feed", "change feed (ours)");
        COMPONENTS.put("io.chatsync.adapters.socketio.outbound", "publisher (ours)");
        COMPONENTS.put("io.chatsync.adapters.socketio.bridge", "Engine.IO bridge (ours)");
        COMPONENTS.put("io.chatsync.adapters.socketio.gateway", "gateway (ours)");
        COMPONENTS.put("io.socket.socketio", "socket.io-server");
        COMPONENTS.put("io.socket.engineio", "engine.io-server");
        COMPONENTS.put("org.json", "org.json");
        COMPONENTS.put("org.apache.tomcat.websocket", "Tomcat WebSocket");
        COMPONENTS.put("org.apache.tomcat.util.net", "Tomcat NIO");
        COMPONENTS.put("org.postgresql", "pgjdbc");
        COMPONENTS.put("org.jooq", "jOOQ");
        COMPONENTS.put("sun.nio.ch", "JDK socket I/O");
    }

    private final long samples;
    private final Map<String, Long> topMethods;
    private final Map<String, Long> components;

    private Profile(long samples, Map<String, Long> topMethods, Map<String, Long> components) {
        this.samples = samples;
        this.topMethods = topMethods;
        this.components = components;
    }

    static Profile of(Path recording) throws IOException {
        long samples = 0;
        Map<String, Long> top = new HashMap<>();
        Map<String, Long> byComponent = new HashMap<>();
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            samples++;
            RecordedFrame first = frames.get(0);
            top.merge(first.getMethod().getType().getName() + "." + first.getMethod().getName(), 1L, Long::sum);
            Set<String> seen = new HashSet<>();
            for (RecordedFrame frame : frames) {
                String type = frame.getMethod().getType().getName();
                for (Map.Entry<String, String> component : COMPONENTS.entrySet()) {
                    if (type.startsWith(component.getKey()) && seen.add(component.getValue())) {
                        byComponent.merge(component.getValue(), 1L, Long::sum);
                    }
                }
            }
        }
        return new Profile(samples, top, byComponent);
    }

    /** The {@code limit} hottest methods and every component, as shares of all samples. */
    String summary(int limit) {
        if (samples == 0) {
            return "  no CPU samples were recorded\n";
        }
        StringBuilder text = new StringBuilder();
        text.append("  ").append(samples).append(" CPU samples. Components on the stack: ");
        components.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> text.append(String.format("%s %.0f%%, ", e.getKey(), 100.0 * e.getValue() / samples)));
        text.setLength(text.length() - 2);
        text.append("\n  Hottest methods (self):\n");
        topMethods.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(limit)
                .forEach(e -> text.append(String.format("    %5.1f%%  %s%n", 100.0 * e.getValue() / samples,
                        e.getKey())));
        return text.toString();
    }
}
