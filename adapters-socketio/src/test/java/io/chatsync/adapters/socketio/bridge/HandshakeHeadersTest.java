package io.chatsync.adapters.socketio.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletRequest;

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

    @Test
    void theContainerReadsTheUpgradesHeadersByNameAndCanKeepNeitherHeadersNorQuery() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/socket.io/");
        request.setQueryString("EIO=4&transport=websocket");
        request.addParameter("EIO", "4");
        request.addHeader("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
        request.addHeader("Sec-WebSocket-Version", "13");
        request.addHeader("Sec-WebSocket-Extensions", "permessage-deflate");
        request.addHeader("Origin", "https://lms.example");
        request.addHeader("Cookie", "session=abc");

        HandshakeHeaders.ForUpgrade upgrade = new HandshakeHeaders.ForUpgrade(request);

        assertThat(upgrade.getHeader("sec-websocket-key")).isEqualTo("dGhlIHNhbXBsZSBub25jZQ==");
        assertThat(upgrade.getHeader("Sec-WebSocket-Version")).isEqualTo("13");
        assertThat(upgrade.getHeader("Origin")).isEqualTo("https://lms.example");
        assertThat(Collections.list(upgrade.getHeaders("Sec-WebSocket-Extensions")))
                .containsExactly("permessage-deflate");
        assertThat(upgrade.getHeader("Cookie")).isNull();
        assertThat(upgrade.getHeaders("Cookie").hasMoreElements()).isFalse();
        assertThat(upgrade.getHeaderNames().hasMoreElements()).isFalse();
        assertThat(upgrade.getParameterMap()).isEmpty();
        assertThat(upgrade.getQueryString()).isNull();
    }
}
