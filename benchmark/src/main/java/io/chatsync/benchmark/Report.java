package io.chatsync.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** The Markdown report: printed line by line as the run goes, and kept to be written to a file at the end. */
final class Report {

    private final StringBuilder text = new StringBuilder();

    void print(String line) {
        System.out.println(line);
        text.append(line).append('\n');
    }

    /** Text that ends its own lines, such as a profile summary. */
    void printVerbatim(String lines) {
        text.append(lines);
        System.out.print(lines);
    }

    void writeTo(Path file) throws IOException {
        Files.writeString(file, text);
    }

    /** The report's heading: the time, the machine, PostgreSQL, the nodes' and load clients' runtimes. */
    void heading(Database server, boolean legacyNotifications, ServerPlacement servers)
            throws IOException, SQLException, InterruptedException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 2)).orElse("unknown CPU");
        String memory = Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\s+", " ");
        print("## chatsync benchmark, " + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        print("");
        print("- Machine: " + Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), " + memory
                + ", Linux " + Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim());
        print("- PostgreSQL " + server.version() + (server.isEmbedded() ? " (embedded)" : " (the machine's server)")
                + ", fsync and synchronous_commit as configured: " + setting(server, "fsync") + ", "
                + setting(server, "synchronous_commit"));
        print("- Nodes: Java " + System.getProperty("java.runtime.version") + ", -Xms1g -Xmx1g each; load clients: "
                + "Node.js " + command("node", "--version") + " with socket.io-client 4.8.1");
        print("- chatsync's database: legacy notifications " + (legacyNotifications
                ? "on (every change notifies, as for legacy backends listening beside chatsync)"
                : "off (no legacy backend listens: a change notifies only while a node waits for notifications)"));
        print("- Servers (nodes, legacy backends): " + servers.describe() + "; the kernel's autogroup scheduling "
                + ServerSessions.autogroup());
        print("");
    }

    private static String setting(Database server, String name) throws SQLException {
        try (var connection = server.connect(); var statement = connection.createStatement();
             var row = statement.executeQuery("SHOW " + name)) {
            row.next();
            return name + "=" + row.getString(1);
        }
    }

    private static String command(String... line) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes()).trim();
        process.waitFor();
        return output;
    }
}
