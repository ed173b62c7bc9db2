package io.chatsync.benchmark;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** What the run does; every field can be set as a system property {@code benchmark.<name>}. */
record Settings(int students, int staff, int clientProcesses, double fixedRate, Duration fixed,
        List<Double> steps, Duration step, double maxP99Millis, int writers, Duration ceiling,
        int fanoutStaff, int fanoutMessages, List<Integer> idleSockets, int socketsPerProcess,
        boolean embedded, List<String> nodeJvmOptions, boolean legacyNotifications, int attackers,
        Duration attackSlice, List<Attackers.Attack> attacks, boolean legacy) {

    static Settings fromSystemProperties() {
        return new Settings(
                Integer.getInteger("benchmark.students", 200),
                Integer.getInteger("benchmark.staff", 10),
                Integer.getInteger("benchmark.client-processes", 4),
                Double.parseDouble(System.getProperty("benchmark.fixed-rate", "1000")),
                Duration.ofSeconds(Integer.getInteger("benchmark.fixed-seconds", 30)),
                Arrays.stream(System.getProperty("benchmark.steps",
                                "1500,2000,2500,2750,3000,3250,3500,3750,4000,4500,5000,5500,6000")
                        .split(",")).map(Double::valueOf).toList(),
                Duration.ofSeconds(Integer.getInteger("benchmark.step-seconds", 15)),
                Double.parseDouble(System.getProperty("benchmark.max-p99-ms", "100")),
                Integer.getInteger("benchmark.writers", 16),
                Duration.ofSeconds(Integer.getInteger("benchmark.ceiling-seconds", 15)),
                Integer.getInteger("benchmark.fanout-staff", 200),
                Integer.getInteger("benchmark.fanout-messages", 200),
                Arrays.stream(System.getProperty("benchmark.idle-sockets", "5000,20000").split(","))
                        .map(Integer::valueOf).toList(),
                Integer.getInteger("benchmark.sockets-per-process", 5000),
                Boolean.getBoolean("benchmark.embedded"),
                Arrays.stream(System.getProperty("benchmark.node-jvm-options", "").split(" "))
                        .filter(option -> !option.isBlank()).toList(),
                Boolean.getBoolean("benchmark.legacy-notifications"),
                Integer.getInteger("benchmark.attackers", 50),
                Duration.ofSeconds(Integer.getInteger("benchmark.attack-slice-seconds", 12)),
                System.getProperty("benchmark.attacks") == null ? List.of(Attackers.Attack.values())
                        : Arrays.stream(System.getProperty("benchmark.attacks").split(","))
                                .map(String::trim).map(Attackers.Attack::valueOf).toList(),
                Boolean.parseBoolean(System.getProperty("benchmark.legacy", "true")));
    }
}
