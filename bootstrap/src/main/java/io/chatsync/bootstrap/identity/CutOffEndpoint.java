package io.chatsync.bootstrap.identity;

import io.chatsync.application.access.CutOff;
import io.chatsync.domain.thread.Participant;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * Cutting a user off, on the management port only: {@code POST /actuator/cutoffs/{student|staff}/{userId}}
 * disconnects every socket of theirs on every node and refuses their tokens issued until then;
 * {@code DELETE} lifts it; {@code GET /actuator/cutoffs} lists them.
 */
@Endpoint(id = "cutoffs")
public class CutOffEndpoint {

    private final CutOffList cutOffs;

    public CutOffEndpoint(CutOffList cutOffs) {
        this.cutOffs = cutOffs;
    }

    @ReadOperation
    public List<Map<String, Object>> list() {
        return cutOffs.all().stream().map(CutOffEndpoint::describe).toList();
    }

    @WriteOperation
    public Map<String, Object> cutOff(@Selector String side, @Selector String userId) {
        CutOffList.CutOffResult result = cutOffs.cutOff(user(side, userId));
        Map<String, Object> described = new java.util.LinkedHashMap<>(describe(result.cutOff()));
        described.put("disconnectedHere", result.disconnectedHere());
        return described;
    }

    @DeleteOperation
    public Map<String, Object> lift(@Selector String side, @Selector String userId) {
        return Map.of("lifted", cutOffs.lift(user(side, userId)));
    }

    private static Participant user(String side, String userId) {
        if ("student".equals(side)) {
            try {
                return Participant.student(Integer.parseInt(userId));
            } catch (IllegalArgumentException e) {
                throw new InvalidEndpointRequestException("a student's user id is a positive whole number",
                        "bad user id");
            }
        }
        if ("staff".equals(side)) {
            return Participant.staff(userId);
        }
        throw new InvalidEndpointRequestException("the side is 'student' or 'staff'", "bad side");
    }

    private static Map<String, Object> describe(CutOff cutOff) {
        Participant user = cutOff.user();
        return Map.of("side", user instanceof Participant.Student ? "student" : "staff",
                "userId", user instanceof Participant.Student student ? String.valueOf(student.id().value())
                        : ((Participant.Staff) user).userId(),
                "cutAt", cutOff.at().toString());
    }
}
