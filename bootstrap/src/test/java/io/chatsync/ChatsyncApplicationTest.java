package io.chatsync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class ChatsyncApplicationTest {

    @Test
    void aNodeThatServesOnlyStudentsKeepsSmallerWebSocketBuffers() {
        assertThat(ChatsyncApplication.WebSocketBuffers.bytesFor(serving("students"))).isEqualTo(1024);
        assertThat(ChatsyncApplication.WebSocketBuffers.bytesFor(serving("STUDENTS"))).isEqualTo(1024);
        assertThat(ChatsyncApplication.WebSocketBuffers.bytesFor(serving("both"))).isEqualTo(2048);
        assertThat(ChatsyncApplication.WebSocketBuffers.bytesFor(serving("staff"))).isEqualTo(2048);
        assertThat(ChatsyncApplication.WebSocketBuffers.bytesFor(new StandardEnvironment())).isEqualTo(2048);
    }

    @Test
    void demoIsShortForTheDemoSetting() {
        assertThat(ChatsyncApplication.withDemoFlag(new String[] {"--demo", "--server.port=1"}))
                .containsExactly("--chatsync.demo.enabled=true", "--server.port=1");
    }

    private static StandardEnvironment serving(String serve) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources()
                .addFirst(new MapPropertySource("test", Map.of("chatsync.gateway.serve", serve)));
        return environment;
    }
}
