package io.chatsync.adapters.socketio.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

class HandshakeHeadersTest {

    @Test
    void keepsOnlyTheHeadersTheGatewayReadsWhateverTheirCase() {
        HttpHeaders headers = new HttpHeaders();
        headers.add("Authorization", "Bearer abc");
        headers.add("X-Forwarded-For", "203.0.113.7, 10.0.0.2");
        headers.add("Cookie", "session=" + "x".repeat(2_000));
        headers.add("User-Agent", "Mozilla/5.0");
        headers.add("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");

        assertThat(HandshakeHeaders.of(headers)).containsOnlyKeys("Authorization", "X-Forwarded-For")
                .containsEntry("X-Forwarded-For", List.of("203.0.113.7, 10.0.0.2"));
    }
}
