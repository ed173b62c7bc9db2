package io.chatsync.bootstrap.demo;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The demo's own endpoints, only on a demo node: who can be signed in as, and a token for one of them. Tokens are
 * handed to whoever asks, which is what a demo is for; they are never logged.
 */
@RestController
@ConditionalOnBooleanProperty("chatsync.demo.enabled")
public class DemoController {

    /** The users of {@code GET /api/demo/users}, and the ports the console signs each side in on. */
    public record Roster(List<DemoUser> users, @Nullable Integer staffPort, @Nullable Integer studentPort) {
    }

    /** What {@code POST /api/demo/tokens} takes. */
    public record TokenRequest(@Nullable String user) {
    }

    /** A signed token for a demo user. */
    public record Token(String token, DemoUser user) {
    }

    private final DemoUsers users;
    private final DemoTokens tokens;
    private final DemoPorts ports;

    DemoController(DemoUsers users, DemoTokens tokens, DemoPorts ports) {
        this.users = users;
        this.tokens = tokens;
        this.ports = ports;
    }

    @GetMapping("/api/demo/users")
    public Roster users() {
        return new Roster(users.all(), ports.staff().orElse(null), ports.students().orElse(null));
    }

    @PostMapping("/api/demo/tokens")
    public Token token(@RequestBody(required = false) @Nullable TokenRequest request) {
        String id = request == null ? null : request.user();
        DemoUser user = users.all().stream().filter(candidate -> candidate.id().equals(id)).findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST,
                        "user must name one of GET /api/demo/users; the demo signs tokens for its own users only"));
        return new Token(tokens.mint(user), user);
    }
}
