package io.chatsync.bootstrap.demo;

import io.chatsync.adapters.postgres.demo.DemoRoster;
import java.util.ArrayList;
import java.util.List;

/** The demo's teacher and students; the students are in {@code users} once the node has started. */
public final class DemoUsers {

    static final DemoUser TEACHER = new DemoUser("demo-teacher", "Ms Lan (teacher)", "teacher");
    static final List<String> STUDENTS = List.of("An Nguyen (demo)", "Binh Tran (demo)", "Chi Le (demo)");
    static final String GREETING = "Hello! I have a question about this week's homework.";

    private final List<DemoUser> all;

    DemoUsers(DemoRoster roster) {
        List<DemoUser> users = new ArrayList<>();
        users.add(TEACHER);
        roster.students(STUDENTS, GREETING).forEach(student ->
                users.add(new DemoUser(Integer.toString(student.id()), student.name(), "student")));
        this.all = List.copyOf(users);
    }

    public List<DemoUser> all() {
        return all;
    }
}
