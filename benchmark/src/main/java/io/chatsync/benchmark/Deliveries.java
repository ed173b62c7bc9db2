package io.chatsync.benchmark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What reached which socket, checked against who was entitled to it: a student's own sockets get every message of
 * their thread; every staff socket gets a student's message; the staff watching a thread get a teacher's. Latency is
 * measured from the writer's commit to the arrival at each entitled socket.
 */
final class Deliveries {

    /**
     * A message the writer committed: when its schedule had it due, when its {@code INSERT} was sent and when that
     * returned, all on the System.nanoTime clock.
     */
    record Commit(int chatId, int student, boolean fromStudent, long dueNanos, long sentNanos, long committedNanos) {
    }

    /** A load client's socket: a student's ({@code student > 0}) or staff watching {@code watching}. */
    record ClientSocket(int index, int student, Set<Integer> watching) {

        boolean isStaff() {
            return student <= 0;
        }
    }

    private final Map<Integer, ClientSocket> sockets = new HashMap<>();
    private final Map<Integer, List<ClientSocket>> studentSockets = new HashMap<>();
    private final Map<Integer, Integer> watchers = new HashMap<>();
    private final int staffSockets;
    private final Map<Integer, Commit> commits = new HashMap<>();
    private final Map<Integer, long[]> lastStaffArrival = new HashMap<>();
    private final Set<Long> seen = new HashSet<>();
    private final Latencies owners = new Latencies();
    private final Latencies staff = new Latencies();
    /** Every delivery's commit time and latency, in arrival order, to look at part of a phase. */
    private long[] commitTimes = new long[1024];
    private long[] latencies = new long[1024];
    private int[] socketsOf = new int[1024];
    private int timed;
    private long expected;
    private long delivered;
    private long duplicated;
    private long foreign;
    private long unentitled;
    private long stray;

    Deliveries(List<ClientSocket> clientSockets, List<Commit> committed) {
        int staffCount = 0;
        for (ClientSocket socket : clientSockets) {
            sockets.put(socket.index(), socket);
            if (socket.isStaff()) {
                staffCount++;
                socket.watching().forEach(thread -> watchers.merge(thread, 1, Integer::sum));
            } else {
                studentSockets.computeIfAbsent(socket.student(), s -> new ArrayList<>()).add(socket);
            }
        }
        this.staffSockets = staffCount;
        for (Commit commit : committed) {
            commits.put(commit.chatId(), commit);
            expected += studentSockets.getOrDefault(commit.student(), List.of()).size() + entitledStaff(commit);
        }
    }

    private int entitledStaff(Commit commit) {
        return commit.fromStudent() ? staffSockets : watchers.getOrDefault(commit.student(), 0);
    }

    private static boolean entitled(ClientSocket socket, Commit commit) {
        if (!socket.isStaff()) {
            return socket.student() == commit.student();
        }
        return commit.fromStudent() || socket.watching().contains(commit.student());
    }

    /** One {@code message:new} of message {@code chatId} in thread {@code userId} reached {@code socket}. */
    void arrived(int socketIndex, int chatId, int userId, long nanos) {
        ClientSocket socket = sockets.get(socketIndex);
        if (socket == null) {
            throw new IllegalArgumentException("no socket " + socketIndex + " in this run");
        }
        if (!socket.isStaff() && userId != socket.student()) {
            foreign++;
            return;
        }
        Commit commit = commits.get(chatId);
        if (commit == null) {
            stray++;
            return;
        }
        if (!entitled(socket, commit)) {
            unentitled++;
            return;
        }
        if (!seen.add(((long) socketIndex << 32) | (chatId & 0xffffffffL))) {
            duplicated++;
            return;
        }
        delivered++;
        long latency = nanos - commit.committedNanos();
        if (timed == commitTimes.length) {
            commitTimes = java.util.Arrays.copyOf(commitTimes, timed * 2);
            latencies = java.util.Arrays.copyOf(latencies, timed * 2);
            socketsOf = java.util.Arrays.copyOf(socketsOf, timed * 2);
        }
        socketsOf[timed] = socketIndex;
        commitTimes[timed] = commit.committedNanos();
        latencies[timed++] = latency;
        if (socket.isStaff()) {
            staff.add(latency);
            long[] last = lastStaffArrival.computeIfAbsent(chatId, id -> new long[] {0, Long.MIN_VALUE});
            last[0]++;
            last[1] = Math.max(last[1], latency);
        } else {
            owners.add(latency);
        }
    }

    /** The latencies of deliveries (owners and staff) of messages committed from {@code from} until {@code to}. */
    Latencies committedWithin(long from, long to) {
        Latencies within = new Latencies();
        for (int i = 0; i < timed; i++) {
            if (commitTimes[i] >= from && commitTimes[i] < to) {
                within.add(latencies[i]);
            }
        }
        return within;
    }

    /**
     * The latencies of deliveries to a socket of messages committed while it was away: from its cut until it was
     * connected again (a socket not connected again counts until now).
     *
     * @param away each socket's {cut, connected again} on the System.nanoTime clock
     */
    Latencies committedWhileAway(Map<Integer, long[]> away) {
        Latencies recovered = new Latencies();
        for (int i = 0; i < timed; i++) {
            long[] window = away.get(socketsOf[i]);
            if (window != null && commitTimes[i] >= window[0]
                    && (window[1] == 0 || commitTimes[i] <= window[1])) {
                recovered.add(latencies[i]);
            }
        }
        return recovered;
    }

    /** Up to {@code most} deliveries that did not arrive, as {socket, chat_id, committed nanos}. */
    List<long[]> missing(int most) {
        List<long[]> missing = new ArrayList<>();
        for (Commit commit : commits.values()) {
            for (ClientSocket socket : sockets.values()) {
                if (missing.size() < most && entitled(socket, commit)
                        && !seen.contains(((long) socket.index() << 32) | (commit.chatId() & 0xffffffffL))) {
                    missing.add(new long[] {socket.index(), commit.chatId(), commit.committedNanos()});
                }
            }
        }
        return missing;
    }

    int messages() {
        return commits.size();
    }

    long expected() {
        return expected;
    }

    long delivered() {
        return delivered;
    }

    long lost() {
        return expected - delivered;
    }

    long duplicated() {
        return duplicated;
    }

    /** Deliveries of another student's thread to a student: the one thing that must never happen. */
    long foreign() {
        return foreign;
    }

    /** Deliveries to staff of a teacher's message in a thread they do not watch. */
    long unentitled() {
        return unentitled;
    }

    /** Deliveries of messages this run did not write. */
    long stray() {
        return stray;
    }

    Latencies owners() {
        return owners;
    }

    Latencies staff() {
        return staff;
    }

    /** Per message to every staff socket: the commit to its arrival at the last of them. */
    Latencies lastStaff() {
        Latencies last = new Latencies();
        for (Commit commit : commits.values()) {
            long[] arrivals = lastStaffArrival.get(commit.chatId());
            int entitled = entitledStaff(commit);
            if (entitled > 0 && arrivals != null && arrivals[0] == entitled) {
                last.add(arrivals[1]);
            }
        }
        return last;
    }
}
