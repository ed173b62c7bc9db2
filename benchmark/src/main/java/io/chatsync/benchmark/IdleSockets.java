package io.chatsync.benchmark;

import java.util.ArrayList;
import java.util.List;

/** Heap per idle socket: student sockets connected to node A and left alone, the heap measured after a GC. */
final class IdleSockets {

    private final Settings settings;
    private final Context context;
    private final Report report;

    IdleSockets(Context context) {
        this.settings = context.settings();
        this.context = context;
        this.report = context.report();
    }

    void measure(ChatsyncNode a) throws Exception {
        long baseline = a.liveHeapBytes();
        long baseFiles = a.openFiles();
        long limit = a.openFileLimit();
        // Each socket is a file; keep some for the database connections and whatever the node opens meanwhile.
        int most = (int) Math.max(0, limit - baseFiles - 200);
        report.print("### Idle sockets on node A (-Xmx1g), heap after a full GC");
        report.print("");
        if (settings.idleSockets().stream().anyMatch(target -> target > most)) {
            report.print("The node may open " + limit + " files (its hard limit; this machine's processes cannot "
                    + "raise it) and already has " + baseFiles + " open, so it can hold at most " + most
                    + " sockets here.");
            report.print("");
        }
        report.print("| idle sockets | live heap MB | per socket KB (over the " + (baseline >> 20)
                + " MB without sockets) | files the node has open |");
        report.print("| ---: | ---: | ---: | ---: |");
        List<LoadClient> clients = new ArrayList<>();
        int connected = 0;
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
                long live = a.liveHeapBytes();
                double perSocket = (live - baseline) / (double) connected;
                report.print(String.format("| %d | %d | %.1f | %d |", connected, live >> 20, perSocket / 1024,
                        a.openFiles()));
                if (target < wanted) {
                    report.print(String.format("| %d (projected: the %d MB without sockets + %d × %.1f KB) | %d | | |",
                            wanted, baseline >> 20, wanted, perSocket / 1024,
                            (long) (baseline + wanted * perSocket) >> 20));
                }
            }
        } finally {
            for (LoadClient client : clients) {
                client.close();
            }
        }
        report.print("");
    }
}
