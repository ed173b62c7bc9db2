package io.chatsync.benchmark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Memory per idle socket: student sockets connected to a node's students' port and left alone. The heap is the
 * total of the class histogram a full collection leaves; direct buffers and the process's resident memory are read
 * beside it, and the classes that grew most are listed per socket.
 */
final class IdleSockets {

    private final Settings settings;
    private final Context context;
    private final Report report;

    IdleSockets(Context context) {
        this.settings = context.settings();
        this.context = context;
        this.report = context.report();
    }

    /** @param which the node, as the report names it */
    void measure(ChatsyncNode a, String which) throws Exception {
        ClassHistogram base = histogram(a, 0);
        long baseline = base.totalBytes();
        long baseDirect = a.directBufferBytes();
        long baseResident = a.residentBytes();
        long baseFiles = a.openFiles();
        long limit = a.openFileLimit();
        // Each socket is a file; keep some for the database connections and whatever the node opens meanwhile.
        int most = (int) Math.max(0, limit - baseFiles - 200);
        report.print("### Idle sockets on " + which + " (-Xmx1g): live heap after a full GC, direct buffers, "
                + "resident memory");
        report.print("");
        if (settings.idleSockets().stream().anyMatch(target -> target > most)) {
            report.print("The node may open " + limit + " files (its hard limit; this machine's processes cannot "
                    + "raise it) and already has " + baseFiles + " open, so it can hold at most " + most
                    + " sockets here.");
            report.print("");
        }
        report.print(String.format("Without sockets: %d MB live heap, %d KB direct, %d MB resident.", baseline >> 20,
                baseDirect >> 10, baseResident >> 20));
        report.print("");
        report.print("| idle sockets | live heap MB | direct KB | per socket KB: heap / direct / heap + direct "
                + "| resident MB (per socket KB) | files the node has open |");
        report.print("| ---: | ---: | ---: | ---: | ---: | ---: |");
        List<LoadClient> clients = new ArrayList<>();
        int connected = 0;
        ClassHistogram last = base;
        try {
            for (int wanted : settings.idleSockets()) {
                int target = Math.min(wanted, most);
                while (connected < target) {
                    int batch = Math.min(settings.socketsPerProcess(), target - connected);
                    List<LoadClient.Spec> specs = new ArrayList<>();
                    for (int i = 0; i < batch; i++) {
                        int student = 1 + (connected + i) % 20000;
                        specs.add(new LoadClient.Spec(connected + i, "http://" + Benchmark.NODE_A + ":3002",
                                context.tokens().student(student), List.of()));
                    }
                    LoadClient client = context.loadClient("idle-client-" + clients.size());
                    clients.add(client);
                    client.connect(specs, 100);
                    connected += batch;
                }
                last = histogram(a, connected);
                if (Boolean.getBoolean("benchmark.idle-heap-dump")) {
                    a.heapDump(context.work().resolve("idle-heap-" + a.name() + "-" + connected + ".hprof"));
                }
                long live = last.totalBytes();
                long direct = a.directBufferBytes();
                long resident = a.residentBytes();
                double heapPer = (live - baseline) / (double) connected;
                double directPer = (direct - baseDirect) / (double) connected;
                report.print(String.format("| %d | %d | %d | %.1f / %.1f / %.1f | %d (%.1f) | %d |", connected,
                        live >> 20, direct >> 10, heapPer / 1024, directPer / 1024, (heapPer + directPer) / 1024,
                        resident >> 20, (resident - baseResident) / 1024.0 / connected, a.openFiles()));
                if (target < wanted) {
                    report.print(String.format("| %d (projected: the %d MB without sockets + %d × %.1f KB) | %d | | |"
                                    + " | |", wanted, baseline >> 20, wanted, heapPer / 1024,
                            (long) (baseline + wanted * heapPer) >> 20));
                }
            }
        } finally {
            for (LoadClient client : clients) {
                client.close();
            }
        }
        report.print("");
        if (connected > 0) {
            report.print("What grew most with " + connected + " sockets, per socket (histograms in "
                    + context.work().getFileName() + "/idle-histogram-" + a.name() + "-*.txt):");
            report.print("");
            report.print("| class | instances per socket | bytes per socket |");
            report.print("| --- | ---: | ---: |");
            for (ClassHistogram.Growth growth : last.grownMostSince(base, 15)) {
                report.print(String.format("| `%s` | %.2f | %.0f |", growth.className(),
                        growth.instances() / (double) connected, growth.bytes() / (double) connected));
            }
            report.print("");
        }
    }

    private ClassHistogram histogram(ChatsyncNode node, int sockets) throws Exception {
        Path file = context.work().resolve("idle-histogram-" + node.name() + "-" + sockets + ".txt");
        return node.liveHeapHistogram(file);
    }
}
