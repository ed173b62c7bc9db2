package io.chatsync.benchmark;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** What the run does; every field can be set as a system property {@code benchmark.<name>}. */
record Settings(int students, int staff, int clientProcesses, double fixedRate, Duration warmUp,
        Duration fixed, List<Double> steps, Duration step, double maxP99Millis, int writers, Duration ceiling,
        int fanoutStaff, int fanoutMessages, List<Integer> idleSockets, int socketsPerProcess,
        boolean embedded, List<String> nodeJvmOptions, boolean legacyNotifications, int attackers,
        Duration attackSlice, List<Attackers.Attack> attacks, boolean legacy, List<FanOut.Clients> fanoutClients,
        FanOut.Clients referenceClients, ServerPlacement servers) {

    /** The fixed rate when neither {@code benchmark.fixed-rate} is set nor a ceiling measured. */
    static final double DEFAULT_FIXED_RATE = 1000;

    /** The fixed rate's share of the ceiling: issue 20's targets are at 40 % of the run's ceiling. */
    static final double FIXED_SHARE = 0.4;

    /** The rising steps' shares of the ceiling, lowest first, so that the highest rate held is found on any day. */
    static final String STEP_SHARES = "0.1,0.2,0.3,0.5,0.6,0.7,0.8,0.9,1.0";

    static Settings fromSystemProperties() {
        return new Settings(
                Integer.getInteger("benchmark.students", 200),
                Integer.getInteger("benchmark.staff", 10),
                Integer.getInteger("benchmark.client-processes", 4),
                Double.parseDouble(System.getProperty("benchmark.fixed-rate", String.valueOf(DEFAULT_FIXED_RATE))),
                Duration.ofSeconds(Integer.getInteger("benchmark.warm-up-seconds", 20)),
                Duration.ofSeconds(Integer.getInteger("benchmark.fixed-seconds", 30)),
                numbers(System.getProperty("benchmark.steps",
                        "1500,2000,2500,2750,3000,3250,3500,3750,4000,4500,5000,5500,6000")),
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
                Boolean.parseBoolean(System.getProperty("benchmark.legacy", "true")),
                Arrays.stream(System.getProperty("benchmark.fanout-clients", "official").split(","))
                        .map(String::trim).map(Settings::clients).toList(),
                clients(System.getProperty("benchmark.reference-clients", "official")),
                new ServerPlacement(ServerSessions.parse(System.getProperty("benchmark.server-sessions", "own")),
                        Integer.getInteger("benchmark.server-nice", 0)));
    }

    /**
     * The rates for a run whose best insert+notify ceiling is {@code ceilingTop} (NaN: none measured): the fixed
     * rate at 40 % of it and the steps at {@code benchmark.step-shares} of it, unless {@code benchmark.fixed-rate}
     * or {@code benchmark.steps} give rates of their own.
     */
    Settings atCeiling(double ceilingTop) {
        if (Double.isNaN(ceilingTop)) {
            return this;
        }
        double fixed = System.getProperty("benchmark.fixed-rate") == null
                ? Math.round(FIXED_SHARE * ceilingTop) : fixedRate;
        List<Double> rates = System.getProperty("benchmark.steps") != null ? steps
                : numbers(System.getProperty("benchmark.step-shares", STEP_SHARES)).stream()
                        .map(share -> (double) Math.round(share * ceilingTop)).toList();
        return new Settings(students, staff, clientProcesses, fixed, warmUp, this.fixed, rates, step, maxP99Millis,
                writers, ceiling, fanoutStaff, fanoutMessages, idleSockets, socketsPerProcess, embedded, nodeJvmOptions,
                legacyNotifications, attackers, attackSlice, attacks, legacy, fanoutClients, referenceClients,
                servers);
    }

    private static FanOut.Clients clients(String name) {
        return FanOut.Clients.valueOf(name.trim().toUpperCase(Locale.ROOT));
    }

    private static List<Double> numbers(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).map(Double::valueOf).toList();
    }
}
