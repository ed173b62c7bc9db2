package io.chatsync.bootstrap.demo;

/**
 * A user the demo offers to sign in as.
 *
 * @param id the token's subject: the student's LMS user id, or the teacher's staff id
 * @param name as the console shows it
 * @param role the token's role claim: {@code teacher} or {@code student}
 */
public record DemoUser(String id, String name, String role) {

    public boolean staff() {
        return "teacher".equals(role);
    }
}
