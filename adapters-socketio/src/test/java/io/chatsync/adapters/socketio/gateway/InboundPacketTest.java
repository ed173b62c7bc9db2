package io.chatsync.adapters.socketio.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InboundPacketTest {

    @ParameterizedTest
    @ValueSource(strings = {"2[\"disconnect\"]", "2[\"disconnecting\",{}]", "217[\"connect\"]",
            "2 [ \"disc\\u006fnnect\" ]", "2[\"newListener\",\"x\"]", "2[\"connect_error\"]"})
    void anEventNamedAsOneTheLibraryEmitsIsReserved(String packet) {
        assertThat(InboundPacket.parse(packet).reservedEvent()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2[\"message:send\",{\"message\":\"disconnect\"}]", "23[\"join\",\"disconnect\"]",
            "2[\"Disconnect\"]", "2[42]", "2{\"disconnect\":1}", "2[\"disconnect", "0{\"token\":\"disconnect\"}",
            "3[\"disconnect\"]"})
    void otherPacketsAreNot(String packet) {
        assertThat(InboundPacket.parse(packet).reservedEvent()).isFalse();
    }
}
