package io.chatsync.benchmark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * The reference run's sockets: {@code students} students over both nodes (port 3002), {@code staff} staff on node A
 * (port 3000) watching every thread, spread over the load-client processes.
 *
 * @param perProcess the sockets each load-client process opens
 * @param sockets every socket, for checking what reached it
 * @param students the students' ids
 */
record ReferenceShape(List<List<LoadClient.Spec>> perProcess, List<Deliveries.ClientSocket> sockets, int[] students) {

    /** @param reconnect whether the sockets reconnect by themselves after a cut, resuming their sessions */
    static ReferenceShape of(Settings settings, Tokens tokens, boolean reconnect) {
        return of(settings, tokens, reconnect, student -> "http://" + (student % 2 == 1 ? Benchmark.NODE_A
                : Benchmark.NODE_B) + ":3002", "http://" + Benchmark.NODE_A + ":3000", false);
    }

    /**
     * The same sockets on the legacy design's two backends: its students on the students' backend and its staff on
     * the staff one. Its clients join their rooms themselves, so each student joins their own.
     */
    static ReferenceShape legacy(Settings settings, Tokens tokens, String studentsUrl, String staffUrl) {
        return of(settings, tokens, false, student -> studentsUrl, staffUrl, true);
    }

    private static ReferenceShape of(Settings settings, Tokens tokens, boolean reconnect,
            IntFunction<String> studentUrl, String staffUrl, boolean studentsJoin) {
        int[] students = IntStream.rangeClosed(1, settings.students()).toArray();
        List<Deliveries.ClientSocket> sockets = new ArrayList<>();
        List<List<LoadClient.Spec>> perProcess = new ArrayList<>();
        for (int p = 0; p < settings.clientProcesses(); p++) {
            perProcess.add(new ArrayList<>());
        }
        for (int student : students) {
            perProcess.get((student - 1) % settings.clientProcesses()).add(new LoadClient.Spec(student,
                    studentUrl.apply(student), tokens.student(student),
                    studentsJoin ? List.of(student) : List.of(), reconnect));
            sockets.add(new Deliveries.ClientSocket(student, student, Set.of()));
        }
        List<Integer> everyThread = Arrays.stream(students).boxed().toList();
        for (int s = 0; s < settings.staff(); s++) {
            int index = 100_000 + s;
            perProcess.get(s % settings.clientProcesses()).add(new LoadClient.Spec(index, staffUrl,
                    tokens.staff(s), everyThread, reconnect));
            sockets.add(new Deliveries.ClientSocket(index, 0, Set.copyOf(everyThread)));
        }
        return new ReferenceShape(perProcess, sockets, students);
    }
}
