package io.chatsync.bootstrap.testing;

import io.chatsync.ChatsyncApplication;
import io.chatsync.adapters.postgres.feed.ChangeFeedState;
import io.chatsync.adapters.postgres.feed.ChangeFeedStatus;
import io.chatsync.bootstrap.gateway.GatewayPorts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Whole chatsync nodes on one test database, each with its own ports and change feed. */
public final class ChatsyncNodes implements AutoCloseable {

    private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

    public Node start(String name, String databaseUrl, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--management.server.port=0",
                "--chatsync.gateway.student-port=0",
                "--chatsync.node-name=" + name,
                "--spring.datasource.url=" + databaseUrl,
                "--chatsync.feed.poll-interval=200ms",
                "--spring.main.banner-mode=off"));
        if (List.of(extra).stream().noneMatch(arg -> arg.startsWith("--chatsync.gateway.strangers-per-address="))) {
            // Every test client comes from loopback, many at once; the tests of the cap set their own.
            args.add("--chatsync.gateway.strangers-per-address=1000");
        }
        if (!List.of(extra).contains("--chatsync.demo.enabled=true")) {
            // A demo node signs its own tokens and refuses a configured secret.
            args.add("--chatsync.auth.jwt-secret=" + Tokens.SECRET);
        }
        args.addAll(List.of(extra));
        ConfigurableApplicationContext context = SpringApplication.run(ChatsyncApplication.class,
                args.toArray(String[]::new));
        nodes.add(context);
        ChangeFeedStatus feed = context.getBean(ChangeFeedStatus.class);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> feed.state() == ChangeFeedState.LISTENING);
        return new Node(context);
    }

    @Override
    public void close() {
        nodes.forEach(ConfigurableApplicationContext::close);
    }

    public record Node(ConfigurableApplicationContext context) {

        public String staffUrl() {
            return "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
        }

        public String studentUrl() {
            return "http://127.0.0.1:" + context.getBean(GatewayPorts.class).studentPort().orElseThrow();
        }
    }
}
